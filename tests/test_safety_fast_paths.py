"""The safety guards' fast paths only skip work: every shortcut gives the verdicts the full look
gives. (Their speed is measured in benchmarks/safety_speed.py, never here.)"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civility.plugins.safety as safety
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config, School
from civility.context import PolicyContext
from civility.engine import Engine
from civility.events import MemberRef, Message, MessageRef
from civility.hookspecs import hookimpl
from civility.links import find_links
from civility.plugins.safety import learned, prefilter
from civility.plugins.safety.learned import SafetyModel
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_chat, make_message

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "safety").glob("*.jsonl"))
SCHOOL = School(name="Test Primary", contact_email="office@test.example")
_ids = itertools.count(1)

#: Messages a shortcut could wrongly wave through: each needs the full look to be judged right.
EDGES = [
    # someone's number in keycap digits, or spelt out beside other digits
    "Ring Bilal on 0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣1️⃣2️⃣3️⃣, he has the spare kit",
    "Abdullah's mum's mobile: 0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣ 2️⃣2️⃣2️⃣",
    "her number is zero seven seven zero zero nine zero zero one two three, after 3pm",
    # a National Insurance number written with spaces
    "his NI number is AB 12 34 56 C, the form needs it",
    # paid exam papers: a price beside exam words, no other trigger
    "Year 6 SATs papers £15 each, real ones from last year, DM me",
    # a link written so it is not clickable, the name spelt out in spaced letters
    "w h a t s a p p  account expiring, renew at whatsapp-renew . net",
    "renew here: whatsapp-renew[.]net",
    # a claim glued to the word before it by a dot, with a number in the text
    "They're.cutting the school day short on Fridays from next term, home at 12, my neighbour "
    "told me",
    # odd spellings the lexicon reads in more than one way
    "send me your passsword and the c0de pls",
    "Hi mum.new number, can you send £80",
    # a health condition beside digits, or after "!!" (the raw words are read, not the kit's)
    "Ahmed in Year 2 has ADHD, his mum told me",
    "Zainab's mum is pregnant again!! due in March",
    "The head is leaving!! apparently the new head starts after Easter",
    # emoji (text beyond ASCII without look-alike letters, which the first look reads too)
    # beside a condition, a look-alike dot in a link, a claim
    "Ahmed in Year 2 has ADHD 😢 his mum told me",
    "Zainab's mum is pregnant again 🙈 due in March",
    "renew your WhatsApp at whatsapp-renew\u2024net today 👍",
    "Verify your account 👉 whatsapp-check\uff0enet or it gets locked",
    "🚨 apparently they're scrapping the school trip this year 🚨",
    # another family's home placed by its street, without a house number beside the street
    "the family in flat 2 above the chemist on Albert Road",
    "That family on Church Street are the ones whose kids got excluded",
]


def _texts(step: int = 1) -> list[str]:
    """Every ``step``-th line of every fixture, and every edge case."""
    texts = [json.loads(line)["text"] for fixture in FIXTURES
             for line in fixture.read_text("utf-8").splitlines()[::step] if line.strip()]
    return texts + EDGES


def _forced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first look answers "look at everything in full", and the learned model is asked
    wherever its gate lets a message through (no skip by its bound)."""
    real = safety.needs_full_look

    def always(*args: Any) -> tuple[bool, bool, list[bytes]]:
        return True, True, real(*args)[2]

    monkeypatch.setattr(safety, "needs_full_look", always)
    monkeypatch.setattr(safety, "nothing_to_look_at", lambda *args: False)
    monkeypatch.setattr(SafetyModel, "below_thresholds", lambda *args: False)


def _message(text: str, index: int, tag: str, **extra: Any) -> Message:
    chat = make_chat(f"fast-{tag}-{index}")
    sender = MemberRef(chat.platform, f"parent-{index}", "Parent")
    return Message(ref=MessageRef(chat, f"m{next(_ids)}", sender), sender=sender, text=text,
                   links=extra.pop("links", find_links(text)), **extra)


def _rules(message: Message) -> list[str]:
    context = PolicyContext(school=SCHOOL, chat=message.chat)
    return sorted(v.rule_id for v in safety.judge_message(message, context))


@pytest.fixture
async def engine() -> AsyncIterator[Callable[[], Engine]]:
    made: list[Engine] = []

    async def factory() -> Engine:
        config = Config(school=SCHOOL, plugins=("iqra",))
        made.append(Engine(config, Hooks(make_manager(entry_points=False)), MemoryStore()))
        made[-1].add_adapter(RecordingAdapter(moderators={"mod"}))
        await made[-1].start()
        return made[-1]

    yield factory  # type: ignore[misc]
    for one in made:
        await one.stop()


@pytest.mark.slow
async def test_the_corpus_through_the_engine_gets_the_same_decisions_with_a_full_look(
        engine: Callable[[], Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fourth labelled message and every edge case, judged by the whole engine (both
    policies, the ladder, the store): the same decisions whether the first look may skip work
    or not. (Every labelled message is checked at the rules' level in test_safety_rules.py.)"""
    texts = _texts(step=4)
    quick_engine = await engine()
    quick = [(await quick_engine.handle(_message(t, i, "quick"))).decision.rule_ids
             for i, t in enumerate(texts)]
    _forced(monkeypatch)
    full_engine = await engine()
    full = [(await full_engine.handle(_message(t, i, "full"))).decision.rule_ids
            for i, t in enumerate(texts)]
    assert [(t, q) for t, q, f in zip(texts, quick, full, strict=True) if q != f] == []
    flagged = [q for q, t in zip(quick, texts, strict=True) if t in EDGES]
    assert all(any(r.startswith("safety.") for r in rules) for rules in flagged), flagged


_TAILS = [" £20", " 07700 900123", "Hi mum, ", " AB 12 34 56 C", " SL1 2AB", " 12 Oak Road",
          " born 3/4/2015", " wa-check.net", " site . com", " bit.ly/x", " x.", " (.)",
          " 0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣1️⃣2️⃣3️⃣", " zero seven seven zero zero nine zero zero one two three",
          " sooo", " p a s s w o r d", " s0rt c0de", " her", " live on Albert Street",
          " @gmail.com", " nhs", " dob", " reg AB12 CDE", "!!!", " 😀"]


def _mutated(rng: random.Random, text: str) -> str:
    pick = rng.random()
    tail = rng.choice(_TAILS)
    if pick < 0.35:
        return text + tail
    if pick < 0.55:
        return tail.strip() + " " + text
    if pick < 0.65:
        return text.upper()
    if pick < 0.8:
        words = text.split() or [""]
        i = rng.randrange(len(words))
        words[i] += tail
        return " ".join(words)
    if pick < 0.9:
        return text.replace(" ", ".", 1)
    return text.replace("o", "0", 1).replace(". ", " . ")


@pytest.mark.slow
def test_mutated_messages_get_the_same_rules_with_a_full_look(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus with personal data, prices, links, evasions and punctuation mixed in (a
    fixed seed): the first look never waves through what the full look would flag."""
    rng = random.Random(13)
    texts = _texts()
    texts = [_mutated(rng, rng.choice(texts)) for _ in range(3000)]
    quick = [_rules(_message(t, i, "q")) for i, t in enumerate(texts)]
    _forced(monkeypatch)
    full = [_rules(_message(t, i, "f")) for i, t in enumerate(texts)]
    assert [(t, q, f) for t, q, f in zip(texts, quick, full, strict=True) if q != f] == []
    assert sum(bool(q) for q in quick) > 300  # the mutations do make breaches


def test_a_link_the_platform_hides_behind_words_is_judged() -> None:
    """A Telegram text link has no dot in the text ("have a look"); the link is judged all the
    same, as the full look would."""
    text = "Photos from the trip are up, have a look"
    hidden = _message(text, 0, "hidden", links=("https://wa-support-check.net/login",))
    assert "safety.scam" in _rules(hidden)
    assert _rules(_message(text, 1, "plain", links=())) == []


_OLD_DIGIT_HINTS = re.compile(r"[a-zA-Z][0-9][a-zA-Z]|\d(?:[ -]?\d){8}|[A-Za-z]\d"
                              r"|\d[/.-]\d{1,2}[/.-]\d|(?:19|20)\d\d")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aZ 12890-/.C", max_size=16))
def test_the_digit_hints_find_all_that_the_plain_pattern_finds(text: str) -> None:
    """The digit hints, written to start at a digit (so the search skips ahead in C), find
    everything the plain alternatives found (and NI numbers' digits besides)."""
    if _OLD_DIGIT_HINTS.search(text):
        assert prefilter._DIGIT_HINTS.search(text)


class _Late:
    """A policy registered after the hooks were first called."""

    @hookimpl
    def on_message(self, message: Message, context: PolicyContext) -> list[Any]:
        raise RuntimeError("late plugin ran")


def test_a_plugin_registered_later_is_called() -> None:
    """The hook caller works out each hook's implementations once, and again when pluggy's
    list changes: a plugin registered after the first message is called for the next one."""
    hooks = Hooks(make_manager(entry_points=False))
    message = make_message("Morning all")
    context = PolicyContext(school=SCHOOL, chat=message.chat)
    hooks.on_message(message, context)
    assert "late" not in hooks.health
    hooks.pm.register(_Late(), name="late")
    hooks.on_message(message, context)
    assert hooks.health["late"].failures == 1  # called, failed, contained and counted
    hooks.pm.unregister(name="late")
    hooks.on_message(message, context)
    assert hooks.health["late"].calls == 1


def test_new_settings_take_effect_at_once() -> None:
    """Settings are parsed once per mapping; a reloaded configuration (a new mapping) is read
    afresh, so turning the guards off or a tighter flood limit applies to the next message."""
    chat = make_chat("reload")
    sender = MemberRef(chat.platform, "parent", "Parent")
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)

    def judged(settings: dict[str, Any], i: int) -> list[str]:
        message = Message(ref=MessageRef(chat, f"r{next(_ids)}", sender), sender=sender,
                          text="DM me your sort code and account number",
                          time=start + dt.timedelta(minutes=i))
        context = PolicyContext(school=SCHOOL, chat=chat, settings={"safety": settings})
        return [v.rule_id for v in safety.judge_message(message, context)]

    assert judged({"enabled": True}, 0) == ["safety.scam"]
    assert judged({"enabled": False}, 1) == []
    assert judged({"enabled": True}, 2) == ["safety.scam"]


def _model_inputs() -> list[Message]:
    """The corpus, the edge cases and some of them mutated, forwarded or with a link."""
    rng = random.Random(17)
    texts = _texts(step=2)
    texts += [_mutated(rng, rng.choice(texts)) for _ in range(1000)]
    return [_message(t, i, "model", forwarded=i % 7 == 0) for i, t in enumerate(texts)]


@pytest.mark.slow
def test_the_model_bound_is_never_below_the_model_score() -> None:
    """The bound the model is skipped by is at least the model's own score, label by label,
    for every message (a bound that left out a word, a pair or a signal, or the float32
    rounding, would fall below it somewhere here)."""
    model = SafetyModel.default()
    under = []
    for message in _model_inputs():
        shared = learned.words_of(message)
        upper = model.upper_scores(shared, message)
        if upper is None:
            continue
        rows, _ = model.rows(message)
        score = model.model.logits(rows) - model.model.bias
        if any(u <= float(z) for u, z in zip(upper, score, strict=True)):
            under.append((message.text, upper, score.tolist()))
    assert under == []


@pytest.mark.slow
def test_the_model_skip_never_drops_a_model_verdict() -> None:
    """Every message the model would flag is shown to it: the skip by bound changes no verdict
    (hundreds of the corpus's messages are flagged by the model, and most of the rest skipped)."""
    model = SafetyModel.default()
    flagged = skipped = 0
    dropped = []
    for message in _model_inputs():
        shared = learned.words_of(message)
        found = [v.rule_id for v in model.judge(message)]
        skip = model.below_thresholds(shared, message)
        flagged += bool(found)
        skipped += skip
        if skip and found:
            dropped.append((message.text, found))
    assert dropped == []
    assert flagged > 300 and skipped > 500


def test_a_link_judged_before_is_judged_again_by_new_lists() -> None:
    """Links are remembered with the lists they were judged by: a domain the school blocks
    after a link was first seen is blocked for the next message, and trusting it clears it."""
    text = "Tickets for the summer fair at https://fair-tickets-now.example.org/buy"

    def rules(settings: dict[str, Any]) -> list[str]:
        message = _message(text, next(_ids), "lists")
        context = PolicyContext(school=SCHOOL, chat=message.chat, settings={"safety": settings})
        return [v.rule_id for v in safety.judge_message(message, context)]

    assert rules({}) == []
    assert rules({"blocked_domains": ["fair-tickets-now.example.org"]}) == ["safety.scam"]
    assert rules({}) == []


#: Pieces of link-like text: dots, brackets and "dot" written the ways the link finder undoes,
#: look-alike dots and brackets (full-width), a right-to-left override, a name and endings.
_LINK_PIECES = ("wa", "-", ".", " ", "(", ")", "[", "dot", "com", "\uff0e", "\uff08", "\uff3b",
                "\u202e", "!")
#: Fewer pieces, for longer texts: "wa( .)com".
_BRACKET_PIECES = ("a", ".", " ", "(", ")", "com")


@pytest.mark.slow
def test_no_link_the_first_look_misses_is_found_by_the_link_judge() -> None:
    """Where the first look says the text holds no link, judging its links finds none (the
    full look then skips judging them): every text of up to four pieces the link judge finds
    a link in is sent to it (and of up to six of the bracket pieces)."""
    missed = []
    texts = itertools.chain.from_iterable(
        itertools.product(pieces, repeat=n)
        for pieces, longest in ((_LINK_PIECES, 4), (_BRACKET_PIECES, 6))
        for n in range(1, longest + 1))
    for pieces in texts:
        message = make_message("".join(pieces), links=())
        shared = safety.words_of(message)
        if safety.link_risks(message, shared.text, safety.settings_from({}), shared.nt.text) \
                and not prefilter._may_hold_link(shared.text, shared.nt.text):
            missed.append(shared.text)
    assert missed == []


def test_brackets_and_full_stops_of_ordinary_chat_are_no_link() -> None:
    """Brackets and full stops in one message ("(no nuts) ... lunch.") do not send it to the
    link judge; a bracketed dot does."""
    def may(text: str) -> bool:
        shared = safety.words_of(make_message(text))
        return prefilter._may_hold_link(shared.text, shared.nt.text)

    assert not may("Eid party after lunch. Please send a plate (no nuts) and label it.")
    assert may("renew here: whatsapp-renew(.)net")
    assert may("renew here: whatsapp-renew( . )net")
    assert may("renew here: whatsapp-support-.net today")


def test_what_the_first_look_waves_through_has_nothing_in_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every labelled message, edge case and mutation of them that the one-probe-per-word
    first look (`prefilter.nothing_to_look_at`) waves through gets no verdict from the
    content rules' full look either (and much of the clean chat is waved through). The learned
    model is asked for them as before (its own skip is tested above)."""
    rng = random.Random(13)
    texts = _texts()
    texts += [_mutated(rng, t) for t in texts for _ in range(2)]
    waved = []
    for i, text in enumerate(texts):
        message = _message(text, i, "waved")
        shared = safety.words_of(message)
        if prefilter.nothing_to_look_at(shared, message, prefilter.roles(shared.toks)):
            waved.append(message)
    _forced(monkeypatch)
    settings = safety.settings_from({})

    def rules(message: Message) -> list[str]:
        context = PolicyContext(school=SCHOOL, chat=message.chat)
        return [v.rule_id for v in safety._judge_rules(message, context, settings)]

    flagged = [(m.text, rules(m)) for m in waved if rules(m)]
    assert flagged == []
    assert len(waved) > 200  # (the clean near-misses and mutations: a first look that works)


def test_the_topic_bit_is_the_model_gate_word_look_up() -> None:
    """The guards open the learned model's gate from the words' role bits
    (`prefilter.GATE`); that bit says what the gate's own look-up in `learned.GATE_WORDS`
    says, for words met before and words new to the role table alike."""
    texts = [*EDGES, "see you at pickup", "can you transfer the money", "lovely day zqxjkv",
             "lovely day zqxjkv money"]
    for text in texts:
        toks = safety.words_of(_message(text, 0, "gate")).toks
        for _ in range(2):  # the second time every word is known to the role table
            topic = bool(prefilter.roles(toks) & prefilter.GATE)
            assert topic == (not learned.GATE_WORDS.isdisjoint(toks)), text


_DIGITY = st.text(st.sampled_from("0123456789 /-+()'’aZ.\n٣०১𝟗²½"), max_size=40)


@given(st.one_of(_DIGITY, st.text(max_size=40)))
@settings(max_examples=300, deadline=None)
def test_the_digit_count_is_what_the_number_patterns_see(text: str) -> None:
    """The personal-data rule skips its number patterns when the text has too few digits for
    them, so its count must be exactly what ``\\d`` matches: Arabic-Indic, Devanagari and
    mathematical digits count, superscripts and fractions do not."""
    from civility.plugins.safety.content import digit_count

    assert digit_count(text) == len(re.findall(r"\d", text))
