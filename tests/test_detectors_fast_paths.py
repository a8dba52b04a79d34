"""The detector kit's fast paths give the same answers as the plain computations they replace."""

from __future__ import annotations

import math

import pytest

from civility.detectors.domains import DomainCategory, classify_domain
from civility.detectors.email import find_email_quote
from civility.detectors.normalise import normalise
from civility.detectors.scorer import Scorer, features
from civility.detectors.targets import find_targets
from civility.detectors.wordlist import Lexicon, tokens

TEXTS = [
    "you are a stupid idiot shut up",
    "the trip to the museum is on Friday",
    "Tum log bilkul jahil ho, sharam karo",
    "Assalamualaikum everyone, the Eid party for 3R is on Friday. Thank you all!",
    "sh1t happens, what a b!tch of a day, Year 4 at 3pm",
    "",
]


def _plain_score(scorer: Scorer, text: str) -> float:
    z = scorer.bias + sum(scorer.weights.get(f, 0.0) for f in features(text))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@pytest.mark.parametrize("text", TEXTS)
def test_scorer_word_table_matches_the_feature_sum(text: str) -> None:
    scorer = Scorer.default()
    for _ in range(2):  # first with the word table empty, then from it
        assert scorer.score(text) == pytest.approx(_plain_score(scorer, text), abs=1e-12)
    toks = tokens(normalise(text).text)
    assert scorer.score_tokens(toks) == scorer.score(text)
    assert scorer.explain_tokens(toks) == scorer.explain(text)


def test_lexicon_word_table_gives_the_same_matches_twice() -> None:
    lex = Lexicon.from_lists({"profanity": ["fuck*", "shit"], "insult": ["idiot"],
                              "phrase": ["no idea", "no idea at all"]})
    for text in ("f*ck off you idiot", "shiiiit, no idea at all", "fuuuuck", "no no idea"):
        first = lex.lookup(normalise(text)).found
        assert lex.lookup(normalise(text)).found == first
    found = lex.lookup(normalise("shiiiit, no idea at all")).found
    assert found == {"profanity": ("shit",), "phrase": ("no idea", "no idea at all")}


@pytest.mark.parametrize(("text", "folded"), [
    ("The Eid party for 3R is on Friday, thank you all!", "the eid party for er is on friday, "
                                                          "thank you all!"),
    ("what a b!tch, sh1t day", "what a bitch, shit day"),
    ("Year 4, 7-8, £1", "year 4, 7-8, £1"),
])
def test_leetspeak_only_touches_words_with_symbols(text: str, folded: str) -> None:
    assert normalise(text).text == folded


def test_targets_same_with_and_without_ascii_fast_path() -> None:
    ascii_text = "THE HEAD and his mum said that boy in Year 2 was fine"
    found = [(t.kind, t.evidence.match) for t in find_targets(ascii_text)]
    assert ("staff", "THE HEAD") in found and ("parent", "his mum") in found
    assert ("child", "that boy in Year") in found
    accented = ascii_text + " é"
    assert [(t.kind, t.evidence) for t in find_targets(accented)] == \
        [(t.kind, t.evidence) for t in find_targets(ascii_text)]


def test_email_quote_with_only_link_colons() -> None:
    assert find_email_quote("see https://example.org/x") is None
    assert find_email_quote("https://x.org --- Original Message --- hi") is not None
    assert find_email_quote("From: Miss Ali\nSubject: trip https://x.org") is not None


@pytest.mark.parametrize("url", ["https://www.bbc.co.uk/bitesize/x", " https://amzn.to/x ",
                                 "shop.example.com/?tag=1", "http://[bad"])
def test_classify_domain_stripped_or_not(url: str) -> None:
    assert classify_domain(url) == classify_domain(url.strip()) or url != url.strip()
    assert isinstance(classify_domain(url), DomainCategory)


def test_one_normalisation_per_message_whoever_asks() -> None:
    """Two policies asking for the same message's words get the very same result (worked out
    once); another message with the same text gets its own, equal to the plain computation."""
    from civility.detectors import shared
    from civility.testing import make_message

    message = make_message("ｓｈｉｔ communication from the office, f u c k")
    first = shared.words_of(message)
    assert shared.words_of(message) is first
    assert first.nt == normalise(message.all_text)
    assert first.toks == tokens(normalise(message.all_text).text)
    again = make_message(message.text)
    assert shared.words_of(again) is not first and shared.words_of(again) == first
    for i in range(shared.KEPT * 3):  # bounded: old messages are forgotten
        shared.words_of(make_message(f"message {i}"))
    assert len(shared._memo) <= shared.KEPT


@pytest.mark.parametrize("text", [*TEXTS, "Don't forget: it's Year 4's trip 👍 café at 3pm",
                                  "e.g. sort_code s0rt c*de 07123 456789 ‘quoted’ x\u200by"])
def test_safety_prefilter_words_are_the_regex_words(text: str) -> None:
    import re

    from civility.plugins.safety.prefilter import words

    expected = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    assert [w.decode() for w in words(text)] == expected


@pytest.mark.slow
def test_iqra_batch_and_one_by_one_give_the_same_verdicts_on_the_corpus() -> None:
    """`judge_many` (the model scoring a batch at once) and `judge_text` one message at a time
    agree on every message of the corpus, evidence and confidence included."""
    import json
    from pathlib import Path

    import civility.plugins.iqra as iqra
    from civility.config import School
    from civility.context import PolicyContext
    from civility.testing import make_message

    corpus = Path(__file__).parent.parent / "benchmarks" / "corpus" / "iqra_corpus.jsonl"
    rows = [json.loads(line) for line in corpus.read_text("utf-8").splitlines()]
    messages = [make_message(row["text"]) for row in rows]
    context = PolicyContext(school=School(name="Test School"), chat=messages[0].chat)
    one_by_one = [iqra.judge_text(m, context) for m in messages]
    batched = [v for i in range(0, len(messages), 512)
               for v in iqra.judge_many(messages[i:i + 512], context)]
    assert batched == one_by_one
    # Not vacuous: most of the corpus's breaches are flagged, so most comparisons are of verdicts.
    assert sum(map(bool, one_by_one)) > sum(1 for row in rows if row["labels"]) * 0.7
