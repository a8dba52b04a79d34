"""The Iqra Slough Islamic Primary School code of conduct for class/year parent groups.

Rule ids (``iqra.*``) are this plugin's public contract; see `civility.plugins.iqra.rules` for
the catalogue, and the README's "The Iqra policy" for what each rule looks for. Settings come from
``[policy.settings.iqra]``: ``staff_names``, ``child_names``, ``allowed_domains``,
``denied_domains``, ``private_run`` (messages in a two-person run before a nudge, default 6),
``private_window_minutes`` (default 30), ``model`` (use the statistical scorer, default true)
and ``model_threshold`` (default 0.7, chosen on the OLID tune part).
"""

from __future__ import annotations

from collections.abc import Sequence

import structlog

from civility.context import PolicyContext
from civility.detectors.normalise import normalise
from civility.detectors.ocr import read_image_text
from civility.detectors.scorer import Scorer
from civility.detectors.wordlist import tokens
from civility.events import AttachmentKind, MemberJoined, Message
from civility.hookspecs import hookimpl
from civility.plugins.iqra import checks
from civility.plugins.iqra.conversation import private_conversation
from civility.plugins.iqra.notices import word_notice
from civility.plugins.iqra.patterns import LEXICON
from civility.plugins.iqra.rules import BY_ID, RULE_IDS, RULES
from civility.plugins.iqra.welcome import welcome_text
from civility.verdicts import Decision, Rule, Verdict

__all__ = ["RULES", "RULE_IDS", "civility_notice", "civility_rules", "civility_welcome",
           "on_message"]

log = structlog.get_logger()
DEFAULT_MODEL_THRESHOLD = 0.7


@hookimpl
def civility_rules() -> Sequence[Rule]:
    return RULES


def _ocr_text(message: Message) -> str:
    texts = [read_image_text(a.data) or "" for a in message.attachments
             if a.kind is AttachmentKind.IMAGE and a.data]
    return "\n".join(t for t in texts if t)


def judge_text(message: Message, context: PolicyContext) -> list[Verdict]:
    settings = context.settings_for("iqra")
    text = message.all_text
    verdicts: list[Verdict] = []
    run = private_conversation(message, context.recent, settings)
    if run:
        verdicts.append(run)
    has_image = bool(message.attachments) and any(a.data for a in message.attachments)
    if not has_image and (not text or text.isspace()):
        return verdicts
    nt = normalise(text)
    toks = tokens(nt.text)  # worked out once, for the word lists and the scorer
    found = LEXICON.lookup_tokens(nt, toks)
    # Most clean messages hit no list that can start a rule: skip the checks altogether.
    triggered = not found.found.keys().isdisjoint(checks.TRIGGERS)
    if not (triggered or message.links or has_image or "urdu" in found.found):
        email = checks.email_verdict(text)  # the only rule left to ask
        if email:
            verdicts.append(email)
        return verdicts
    s = checks.Signals(text, nt, found, message.links, settings, toks)
    if triggered:
        for check in checks.TEXT_CHECKS:
            v = check(s)
            if v:
                verdicts.append(v)
    email = checks.private_email(s, _ocr_text(message) if has_image else "")
    if email:
        verdicts.append(email)
    if message.links:
        cats = checks._categories(s)
        for link_verdict in (checks.solicitation(s, cats), checks.off_topic_link(s, cats)):
            if link_verdict:
                verdicts.append(link_verdict)
    elif triggered and s.found.has("commerce", "commerce_weak", "campaign", "campaign_weak"):
        sol = checks.solicitation(s, [])
        if sol:
            verdicts.append(sol)
    if (triggered or "urdu" in s.found.found) and settings.get("model", True) and not any(
            v.rule_id in ("iqra.abuse", "iqra.offensive-language") for v in verdicts):
        threshold = float(settings.get("model_threshold", DEFAULT_MODEL_THRESHOLD))
        opinion = checks.model_opinion(s, Scorer.default(), threshold)
        if opinion:
            verdicts.append(opinion)
    return verdicts


@hookimpl
def on_message(message: Message, context: PolicyContext) -> list[Verdict]:
    return judge_text(message, context)


@hookimpl
def civility_welcome(joined: MemberJoined, context: PolicyContext) -> str:
    return welcome_text(context)


@hookimpl
def civility_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                    context: PolicyContext) -> str | None:
    if not verdict.rule_id.startswith("iqra."):
        return None
    return word_notice(verdict, rule or BY_ID.get(verdict.rule_id), decision, context)
