"""The Iqra Slough Islamic Primary School code of conduct for class/year parent groups.

Rule ids (``iqra.*``) are this plugin's public contract; see `civility.plugins.iqra.rules` for
the catalogue, and the README's "The Iqra policy" for what each rule looks for. Settings come from
``[policy.settings.iqra]``: ``staff_names``, ``child_names``, ``allowed_domains``,
``denied_domains``, ``private_run`` (messages in a two-person run before a nudge, default 6),
``private_window_minutes`` (default 30), ``model`` (weigh the kit's signals with the learned
model, default true; false: the word lists and patterns alone) and ``model_threshold`` (one
probability threshold for every rule instead of each rule's own, chosen in training).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import structlog

from civility import rule_models
from civility.context import PolicyContext
from civility.detectors.ocr import read_image_text
from civility.events import AttachmentKind, MemberJoined, Message
from civility.hookspecs import hookimpl
from civility.plugins.iqra.conversation import private_conversation
from civility.plugins.iqra.learned import (
    Analysis,
    IqraModel,
    analyse,
    rule_probabilities,
    verdicts_from,
)
from civility.plugins.iqra.learning import (  # export/erase and the learning loop's hooks
    civility_erase_member,
    civility_export_member,
    on_moderator_decision,
)
from civility.plugins.iqra.notices import word_notice
from civility.plugins.iqra.rules import BY_ID, RULE_IDS, RULES
from civility.plugins.iqra.school_model import school_model
from civility.plugins.iqra.welcome import welcome_text
from civility.verdicts import Decision, Rule, Verdict

__all__ = ["RULES", "RULE_IDS", "civility_erase_member", "civility_export_member",
           "civility_notice", "civility_rules", "civility_welcome", "judge_many", "on_message",
           "on_moderator_decision"]

log = structlog.get_logger()

# Policy files may fire a rule on this model's probabilities (``model = "iqra.grievance"``).
rule_models.register(rule_models.RuleModel(
    "iqra", labels=lambda: IqraModel.default().model.labels,
    threshold=lambda label: IqraModel.default().threshold(label), score=rule_probabilities))


@hookimpl
def civility_rules() -> Sequence[Rule]:
    return RULES


def _ocr_text(message: Message) -> str:
    texts = [read_image_text(a.data) or "" for a in message.attachments
             if a.kind is AttachmentKind.IMAGE and a.data]
    return "\n".join(t for t in texts if t)


def judge_text(message: Message, context: PolicyContext) -> list[Verdict]:
    settings = context.settings_for("iqra")
    verdicts: list[Verdict] = []
    run = private_conversation(message, context.recent, settings)
    if run:
        verdicts.append(run)
    text = message.all_text
    has_image = bool(message.attachments) and any(a.data for a in message.attachments)
    if not has_image and (not text or text.isspace()):
        return verdicts
    if not settings.get("model", True):
        return verdicts + _kit_only(message, settings, has_image)
    analysis = analyse(message, settings, _ocr_text(message) if has_image else "")
    model = school_model(settings)
    found = verdicts_from(model, analysis, model.proba(analysis), _thresholds(settings))
    have = {v.rule_id for v in verdicts}
    return verdicts + [v for v in found if v.rule_id not in have]


def judge_many(messages: Sequence[Message], context: PolicyContext) -> list[list[Verdict]]:
    """`judge_text` of many messages, the model scoring them all in one matrix product (for
    scan; the conversation rule still looks at ``context.recent``, the same for every one)."""
    settings = context.settings_for("iqra")
    if not settings.get("model", True):
        return [judge_text(m, context) for m in messages]
    model = school_model(settings)
    thresholds = _thresholds(settings)
    out: list[list[Verdict]] = [[] for _ in messages]
    todo: list[tuple[int, Analysis]] = []
    for i, message in enumerate(messages):
        run = private_conversation(message, context.recent, settings)
        if run:
            out[i].append(run)
        text = message.all_text
        has_image = bool(message.attachments) and any(a.data for a in message.attachments)
        if has_image or (text and not text.isspace()):
            todo.append((i, analyse(message, settings, _ocr_text(message) if has_image else "")))
    probs = model.proba_many([a for _, a in todo])
    for (i, analysis), p in zip(todo, probs, strict=True):
        have = {v.rule_id for v in out[i]}
        out[i] += [v for v in verdicts_from(model, analysis, p, thresholds)
                   if v.rule_id not in have]
    return out


def _thresholds(settings: Mapping[str, Any]) -> dict[str, float] | None:
    """A school's ``model_threshold`` replaces every rule's own threshold (0 to 1)."""
    if "model_threshold" not in settings:
        return None
    value = min(max(float(settings["model_threshold"]), 0.0), 1.0)
    return {rule.id: value for rule in RULES}


def _kit_only(message: Message, settings: Mapping[str, Any], has_image: bool) -> list[Verdict]:
    """The word lists and patterns alone (``model = false``): the kit's own verdicts."""
    return list(analyse(message, settings, _ocr_text(message) if has_image else "").kit)


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
