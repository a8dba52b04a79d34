"""The identity of a platform event, as the store's unique key for its recorded decision.

A platform delivers at least once (Telegram redelivers updates above its saved offset, Matrix
repeats a sync batch, a webhook is retried), so the same event can arrive twice; its key says
it is the same event. The message's time is part of it: platforms resend the same time with
the same event, while an id reused by a restarted console or a scanned file's duplicate line
carries a different one. An edit is its own event, marked as one.
"""

from __future__ import annotations

import hashlib

from civility.events import Flag, Message, ModeratorDecision


def _key(*parts: str) -> str:
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()


def message_key(message: Message) -> str:
    """Chat, message id, post or edit, and the time the platform gives the post (or edit)."""
    return _key("message", message.chat.key, message.ref.id,
                "edit" if message.edited else "post", message.time.isoformat())


def report_key(flag: Flag, reporter_hash: str | None) -> str:
    """A report of one message by one reporter (or by the platform itself), at the time the
    platform gives the report (adapters pass the command's own time, as for messages)."""
    return _key("report", flag.message.chat.key, flag.message.id, flag.source.value,
                reporter_hash or "", flag.time.isoformat())


def decision_key(answer: ModeratorDecision) -> str:
    """A moderator's answer: the incident (or message) answered, the choice, the moderator.
    The events carry no platform event id, so a second press of the same button by the
    same moderator is the same answer."""
    target = (f"incident:{answer.incident_id}" if answer.incident_id or answer.message is None
              else f"message:{answer.message.chat.key}:{answer.message.id}")
    return _key("decision", target, answer.choice.value, answer.moderator.key)
