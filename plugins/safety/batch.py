"""The safety guards split for `civility scan`: what remembers and what does not.

Most of the guards' work is a function of the message alone: the scam, personal-data and
misinformation rules and the learned model read the text (captions included), the links, the
forwarded flags, the year it was sent (for dates of birth) and the chat's settings and school.
Only quiet hours (once a night per member) and the flood rule (each member's recent messages)
remember. Scan asks the two apart (the ``on_messages_stateless`` / ``on_message_stateful``
hooks): the stateless part is shared among its worker processes and a text met before under
the same settings is answered from a memo, while the stateful part judges every message of the
file in order in one process, as the live bot does. ``on_message`` is exactly the stateful
verdicts followed by the stateless ones (tests/test_scan_safety_split.py checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import structlog

from civility._memo import Recent
from civility.context import PolicyContext
from civility.detectors.shared import words_of
from civility.events import Message
from civility.plugins.safety import flood, quiet
from civility.plugins.safety.settings import SafetySettings, chat_settings
from civility.verdicts import Verdict

log = structlog.get_logger(__name__)

#: Texts whose stateless verdicts are remembered, per settings.
MEMO_SIZE = 50_000
#: Only texts up to this long are remembered (the repeats are short; this bounds the memory).
MEMO_TEXT_CHARS = 1_000

Content = Callable[[Message, PolicyContext, SafetySettings], list[Verdict]]
#: (text, links, forwarded, forwarded many, the year sent) -> the stateless verdicts
_Key = tuple[str, tuple[str, ...], bool, bool, int]

#: id of a settings object -> (the settings, the school, their memo). The objects are kept,
#: so that a new one at a reused id is never taken for them.
_memos: dict[int, tuple[SafetySettings, Any, Recent[_Key, list[Verdict]]]] = {}
#: The flood rule's words of recent texts (a function of the text alone).
_words: Recent[str, list[bytes]] = Recent(MEMO_SIZE)


def _memo(settings: SafetySettings, school: Any) -> Recent[_Key, list[Verdict]]:
    hit = _memos.get(id(settings))
    if hit is None or hit[0] is not settings or hit[1] is not school:
        if len(_memos) >= 8:
            _memos.clear()
        hit = _memos[id(settings)] = (settings, school, Recent(MEMO_SIZE))
    return hit[2]


def stateless(messages: Sequence[Message], contexts: Sequence[PolicyContext],
              content: Content) -> list[list[Verdict]]:
    """``content`` (the guards' checks that remember nothing) of each message, a repeated text
    answered from the memo."""
    out: list[list[Verdict]] = []
    for message, context in zip(messages, contexts, strict=True):
        settings = chat_settings(message, context)
        if not settings.enabled:
            out.append([])
            continue
        text = message.all_text
        if len(text) > MEMO_TEXT_CHARS:
            out.append(content(message, context, settings))
            continue
        memo = _memo(settings, context.school)
        key = (text, message.links, message.forwarded, message.forwarded_many,
               message.time.year)
        found = memo.get(key)
        if found is None:
            found = content(message, context, settings)
            memo.put(key, found)
        out.append(list(found))
    return out


def stateful(message: Message, context: PolicyContext, window: int) -> list[Verdict]:
    """The quiet-hours and flood rules' verdicts for one message (every message, in order)."""
    settings = chat_settings(message, context)
    if not settings.enabled:
        return []
    out: list[Verdict] = []
    if settings.quiet_hours is not None:
        night = quiet.judge(message, settings.quiet_hours)
        if night:
            out.append(night)
    burst = flood.judge(message, _words_of(message), context.recent, settings, window)
    if burst:
        out.append(burst)
    return out


def _words_of(message: Message) -> list[bytes]:
    """The words the flood rule fingerprints (`words_of`), a recent text's remembered."""
    text = message.all_text
    if len(text) > MEMO_TEXT_CHARS:
        return words_of(message).toks
    toks = _words.get(text)
    if toks is None:
        toks = words_of(message).toks
        _words.put(text, toks)
    return toks
