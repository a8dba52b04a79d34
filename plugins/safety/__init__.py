"""Community safety guards, on in every group beside the school's own policy.

Rules (ids are public contract): ``safety.scam``, ``safety.personal-data``,
``safety.misinformation``, ``safety.flood``, when quiet hours are set ``safety.quiet-hours``,
and, when ``acknowledge = true``, ``safety.acknowledge`` (the acknowledgement gate: new
members' messages are held for moderators until they agree to the code of conduct).
Settings come from ``[policy.settings.safety]`` (see `civility.plugins.safety.settings` and the
README's "Community safety" section); a group can override them in
``[policy.settings.safety.groups."PLATFORM:CHAT"]`` and a school can turn the whole plugin off
with ``enabled = false``.
"""

from __future__ import annotations

from collections.abc import Sequence

from civility.context import PolicyContext
from civility.detectors.shared import MessageWords, words_of
from civility.events import ChatRef, Message
from civility.hookspecs import hookimpl
from civility.links import find_links
from civility.plugins.safety import batch, flood, learned, personal, quiet, rumours, scam
from civility.plugins.safety.content import (
    ATTEMPT_RE,
    CLOSURE_RE,
    EARNINGS,
    FAMILY_GREETING,
    as_digits,
    link_risks,
    ops_claim_hint,
    signals,
    spelled_digits,
)
from civility.plugins.safety.links import LinkRisk, trusted_by_school
from civility.plugins.safety.lists import CONDITION_WORDS, RUMOUR_TRIGGERS, SCAM_TRIGGERS
from civility.plugins.safety.notices import word_notice
from civility.plugins.safety.prefilter import (
    GATE,
    has_digit,
    needs_full_look,
    nothing_to_look_at,
    patterns_may_match,
    places_a_home,
    roles,
    tells_private_life,
)
from civility.plugins.safety.prefilter import words as raw_words
from civility.plugins.safety.rules import (
    BY_ID,
    GATE_RULE,
    MISINFORMATION,
    PERSONAL_DATA,
    QUIET_HOURS,
    RULE_IDS,
    RULES,
    SCAM,
)
from civility.plugins.safety.settings import (
    SafetySettings,
    chat_settings,
    settings_from,
)
from civility.verdicts import Decision, Rule, Step, Verdict

__all__ = ["RULES", "RULE_IDS", "civility_decide", "civility_gate", "civility_notice",
           "civility_rules", "content_verdicts", "judge_message", "on_message",
           "on_message_stateful", "on_messages_stateless"]

#: The engine's recent window (`civility.engine.RECENT_WINDOW`): when it is full, older
#: repeats cannot be confirmed from it and are taken from this plugin's own memory.
ENGINE_WINDOW = 20


@hookimpl
def civility_rules() -> Sequence[Rule]:
    return (*RULES, GATE_RULE)


@hookimpl
def civility_gate(chat: ChatRef, context: PolicyContext) -> Rule | None:
    """The acknowledgement gate, where ``acknowledge = true`` (for the school or the group)."""
    settings = settings_from(context.settings_for("safety")).for_chat(chat.key)
    return GATE_RULE if settings.enabled and settings.acknowledge else None


def judge_message(message: Message, context: PolicyContext) -> list[Verdict]:
    settings = chat_settings(message, context)
    if not settings.enabled:
        return []
    return _judged(message, context, settings, remembered=True)


def content_verdicts(message: Message, context: PolicyContext, settings: SafetySettings
                     ) -> list[Verdict]:
    """`judge_message` without the rules that remember earlier messages (quiet hours, flood):
    what the content rules and the model find, from the message and its settings alone."""
    return _judged(message, context, settings, remembered=False)


def _judged(message: Message, context: PolicyContext, settings: SafetySettings,
            remembered: bool) -> list[Verdict]:
    shared = words_of(message)  # normalised once for every policy judging this message
    word_roles = roles(shared.toks)  # what the words can start, one probe per word
    verdicts = _judge_rules(message, context, settings, shared, remembered, word_roles)
    if not settings.model:
        return verdicts
    # The learned model, only where the content rules found nothing and its topic gate is open
    # (`learned.judge`; the words' topic bit stands for their look-up in `learned.GATE_WORDS`).
    more = learned.judge(message, verdicts, shared, topic=bool(word_roles & GATE))
    if more:  # (rare: the settings are read only when the model found something)
        cleared = cleared_by_settings(message, shared.text, settings)
        if any(v.rule_id == MISINFORMATION for v in more) and _vouched(message, settings, shared):
            cleared |= {MISINFORMATION}  # a source named or a denial: the rules' reading stands
        more = [v for v in more if v.rule_id not in cleared]
    return [*verdicts, *more] if more else verdicts


def cleared_by_settings(message: Message, text: str, settings: SafetySettings
                        ) -> frozenset[str]:
    """The labels the school's own settings answer for this message, which the learned model
    (which never sees the settings) is not asked about: a scam where every link is on a domain
    the school trusts, personal data where every phone number is one the school publishes."""
    cleared: set[str] = set()
    if settings.trusted_domains or settings.school_domain:
        urls = message.links or find_links(text)
        if urls and all(trusted_by_school(u, settings.trusted_domains, settings.school_domain)
                        for u in urls):
            cleared.add(SCAM)
    if settings.school_phones:
        numbers = [digits for _, digits in personal.phone_numbers(as_digits(text))]
        if numbers and all(n in settings.school_phones for n in numbers):
            cleared.add(PERSONAL_DATA)
    return frozenset(cleared)


def _vouched(message: Message, settings: SafetySettings, shared: MessageWords) -> bool:
    """Whether the misinformation rule reads a source or a denial in the message."""
    s = signals(message, settings, personal=False, claim=True, shared=shared)
    return s is not None and rumours.vouched(s)


def _judge_rules(message: Message, context: PolicyContext, settings: SafetySettings,
                 shared: MessageWords | None = None, remembered: bool = True,
                 word_roles: int | None = None) -> list[Verdict]:
    """The rules' verdicts (``shared``: the message's words, `words_of`, when known;
    ``remembered=False``: without quiet hours and flood; ``word_roles``: the words' `roles`,
    when known)."""
    verdicts: list[Verdict] = []
    if remembered and settings.quiet_hours is not None:
        night = quiet.judge(message, settings.quiet_hours)
        if night:
            verdicts.append(night)
    if shared is None:
        shared = words_of(message)
    if word_roles is None:
        word_roles = roles(shared.toks)
    if nothing_to_look_at(shared, message, word_roles):
        # Most chat: no content rule can start, only the flood rule is left.
        burst = flood.judge(message, shared.toks, context.recent, settings, ENGINE_WINDOW) \
            if remembered else None
        return [*verdicts, burst] if burst else verdicts
    text = shared.text
    digits = "@" in text or has_digit(text)
    words, links, toks = needs_full_look(shared, message.forwarded or message.forwarded_many,
                                         digits, word_roles)
    # Where someone lives, named without a house number ("lives on Albert Street", "the family
    # in the flat above the chemist on Albert Road").
    home = places_a_home(shared, digits, word_roles)
    # a number in words ("zero seven nine ..."), beside digits or not
    spelled = spelled_digits(text, toks)
    earnings = "£" in text and EARNINGS.search(text) is not None  # "make £150 a day"
    raw = raw_words(text)
    claim = ops_claim_hint(raw)  # "apparently the uniform is changing"
    health = not CONDITION_WORDS.isdisjoint(raw)  # "Ahmed has ADHD"
    # someone's private life beside digits ("the Alis are flying to Lahore on the 3rd")
    private = digits and tells_private_life(shared, word_roles)
    # The links' risks, once worked out: none where the first look saw no link and the platform
    # gave none (`link_risks` could find nothing to judge).
    risks: tuple[LinkRisk, ...] | None = None if links or message.links else ()
    if not (words or home or spelled or earnings or claim or health or private):
        if links or message.links:  # the platform's own links too ("click here" on Telegram)
            risks = link_risks(message, text, settings, shared.nt.text)
        # No link, or links alone that are all known to be fine: nothing more to look at.
        if not risks or not any(r.level or r.why == "unknown" for r in risks):
            burst = flood.judge(message, toks, context.recent, settings, ENGINE_WINDOW) \
                if remembered else None
            return [*verdicts, burst] if burst else verdicts
    personal_hint = digits or home or spelled or health
    s = signals(message, settings, personal=personal_hint or earnings, claim=claim, risks=risks,
                shared=shared)
    burst = flood.judge(message, toks, context.recent, settings, ENGINE_WINDOW) \
        if remembered else None
    if burst:
        verdicts.append(burst)
    if s is None or (not s.toks and not s.links):
        return verdicts
    found = s.found.found.keys()
    low = s.nt.text
    # "Hi mum", "the school is closed", "tried to take": their patterns (which try a match at
    # every character) are searched only where the first look's substring tests allow a match.
    opener = patterns_may_match(low)
    if s.links or earnings or not found.isdisjoint(SCAM_TRIGGERS) \
            or (opener and FAMILY_GREETING.search(low)) or ("£" in text and s.has("exam")):
        verdict = scam.judge(s)
        if verdict:
            verdicts.append(verdict)
    if personal_hint:
        verdict = personal.judge(s, context)
        if verdict:
            verdicts.append(verdict)
    if message.forwarded or message.forwarded_many or not found.isdisjoint(RUMOUR_TRIGGERS) \
            or (s.has("ops_topic") and s.has("ops_change")) \
            or (opener and (CLOSURE_RE.search(low.replace("'", "")) or ATTEMPT_RE.search(low))):
        verdict = rumours.judge(s)
        if verdict:
            verdicts.append(verdict)
    return verdicts


@hookimpl
def on_message(message: Message, context: PolicyContext) -> list[Verdict]:
    return judge_message(message, context)


@hookimpl
def on_messages_stateless(messages: Sequence[Message], contexts: Sequence[PolicyContext]
                          ) -> list[list[Verdict]]:
    """Scan's share of the guards that remember nothing (`civility.plugins.safety.batch`)."""
    return batch.stateless(messages, contexts, content_verdicts)


@hookimpl
def on_message_stateful(message: Message, context: PolicyContext) -> list[Verdict]:
    """Scan's quiet-hours and flood rules, every message in file order (`batch.stateful`)."""
    return batch.stateful(message, context, ENGINE_WINDOW)


@hookimpl
def civility_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                    context: PolicyContext) -> str | None:
    if verdict.rule_id not in RULE_IDS:
        return None
    settings = settings_from(context.settings_for("safety")).for_chat(context.chat.key)
    return word_notice(verdict, rule or BY_ID.get(verdict.rule_id), decision, context, settings)


@hookimpl
def civility_decide(message: Message, verdicts: Sequence[Verdict],
                    context: PolicyContext) -> Decision | None:
    """A quiet-hours reminder alone is a nudge and nothing more: no strike points, no ladder."""
    if verdicts and all(v.rule_id == QUIET_HOURS for v in verdicts):
        return Decision(steps=(Step.NUDGE,), verdicts=tuple(verdicts),
                        points_before=context.points, points_after=context.points,
                        reason="a quiet-hours reminder")
    return None
