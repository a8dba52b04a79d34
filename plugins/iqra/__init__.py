"""The Iqra Slough Islamic Primary School code of conduct for class/year parent groups.

Rule ids (``iqra.*``) are this plugin's public contract; see `civility.plugins.iqra.rules` for
the catalogue, and the README's "The Iqra policy" for what each rule looks for. Settings come from
``[policy.settings.iqra]``: ``staff_names``, ``child_names``, ``allowed_domains``,
``denied_domains``, ``private_run`` (messages in a two-person run before a nudge, default 6),
``private_window_minutes`` (default 30), ``model`` (weigh the kit's signals with the learned
model, default true; false: the word lists and patterns alone) and ``model_threshold`` (one
probability threshold for every rule instead of each rule's own, chosen in training) and
``scan_memo`` (false: `civility scan` judges a repeated text again instead of remembering it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import structlog

from civility import rule_models
from civility._memo import Recent
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
           "on_messages", "on_moderator_decision"]

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
    """`judge_text` of many messages in one context (see `on_messages`)."""
    return on_messages(messages, [context] * len(messages))


#: Texts whose model verdicts scan remembers, per settings (``scan_memo = false`` turns it off).
MEMO_SIZE = 50_000
#: Only texts up to this long are remembered (the repeats are short; this bounds the memory).
MEMO_TEXT_CHARS = 1_000
_NO_SETTINGS: Mapping[str, Any] = {}
#: id of a settings mapping -> (the mapping, its memo: (text, links) -> (model, verdicts)).
_memos: dict[int, tuple[Mapping[str, Any], Recent[tuple[str, tuple[str, ...]],
                                                  tuple[IqraModel, list[Verdict]]]]] = {}


def _memo(settings: Mapping[str, Any]) -> Recent[tuple[str, tuple[str, ...]],
                                                 tuple[IqraModel, list[Verdict]]] | None:
    """The memo of the model's verdicts by exact text under these settings (kept with the
    mapping itself, so that a new mapping at a reused id is never taken for it)."""
    if settings.get("scan_memo", True) is False:
        return None
    if not settings:  # no [policy.settings.iqra]: each context gives a new empty mapping
        settings = _NO_SETTINGS
    hit = _memos.get(id(settings))
    if hit is None or hit[0] is not settings:
        if len(_memos) >= 8:
            _memos.clear()
        hit = _memos[id(settings)] = (settings, Recent(MEMO_SIZE))
    return hit[1]


@hookimpl
def on_messages(messages: Sequence[Message], contexts: Sequence[PolicyContext]
                ) -> list[list[Verdict]]:
    """`judge_text` of many messages, each in its own context, the model scoring all of them
    that share a model in one matrix product (scan). The policy remembers nothing between
    messages (the conversation rule reads ``context.recent``), so scan may share them out.

    The model's verdicts depend on the text (with its links) and the settings alone, so a text
    met before under the same settings and model is not judged again (chat exports repeat
    "ok", "thank you", "JazakAllah khair"); a message with an image is always judged."""
    out: list[list[Verdict]] = [[] for _ in messages]
    #: id of the model -> (the model, [(position, analysis, thresholds, memo key, memo)])
    todo: dict[int, tuple[IqraModel, list[tuple[int, Analysis, dict[str, float] | None,
                                               Any, Any]]]] = {}
    for i, (message, context) in enumerate(zip(messages, contexts, strict=True)):
        settings = context.settings_for("iqra")
        if not settings.get("model", True):
            out[i] = judge_text(message, context)
            continue
        run = private_conversation(message, context.recent, settings)
        if run:
            out[i].append(run)
        text = message.all_text
        has_image = bool(message.attachments) and any(a.data for a in message.attachments)
        if has_image or (text and not text.isspace()):
            model = school_model(settings)
            memo = None if has_image or len(text) > MEMO_TEXT_CHARS else _memo(settings)
            key = (text, message.links)
            known = memo.get(key) if memo is not None else None
            if known is not None and known[0] is model:
                have = {v.rule_id for v in out[i]}
                out[i] += [v for v in known[1] if v.rule_id not in have]
                continue
            analysis = analyse(message, settings, _ocr_text(message) if has_image else "")
            todo.setdefault(id(model), (model, []))[1].append(
                (i, analysis, _thresholds(settings), key, memo))
    for model, items in todo.values():
        probs = model.proba_many([analysis for _, analysis, _, _, _ in items])
        for (i, analysis, thresholds, key, memo), p in zip(items, probs, strict=True):
            found = verdicts_from(model, analysis, p, thresholds)
            if memo is not None:
                memo.put(key, (model, found))
            have = {v.rule_id for v in out[i]}
            out[i] += [v for v in found if v.rule_id not in have]
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
