"""Small pure functions from Matrix events (raw event dicts, as nio keeps them in ``source``) to
our events, and from moderators' words and reactions to review choices.

They read the raw dict rather than nio's classes because edits, replies, captions and
relations live in fields nio does not model; anything malformed gives ``None`` (skipped).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from civility.events import (
    Attachment,
    AttachmentKind,
    ChatRef,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    Removal,
    RemovalKind,
    ReviewChoice,
)
from civility.links import message_links

PLATFORM = "matrix"

_KINDS = {"m.image": AttachmentKind.IMAGE, "m.video": AttachmentKind.VIDEO,
          "m.audio": AttachmentKind.AUDIO, "m.file": AttachmentKind.DOCUMENT}
_TEXT_TYPES = frozenset({"m.text", "m.notice", "m.emote"})

#: Reactions a moderator can click on a review card (the bot adds them to each card).
REACTIONS: Mapping[str, ReviewChoice] = {
    "👍": ReviewChoice.KEEP, "🗑": ReviewChoice.DELETE, "⚠": ReviewChoice.CAUTION,
    "🚪": ReviewChoice.REMOVE, "📝": ReviewChoice.REPORT,
}
#: Commands a moderator can give as a reply to a message in a moderated room.
MOD_COMMANDS: Mapping[str, ReviewChoice] = {
    "/delete": ReviewChoice.DELETE, "/caution": ReviewChoice.CAUTION,
    "/remove": ReviewChoice.REMOVE,
}
REPORT_COMMAND = "/report"


def chat_ref(room_id: str, title: str = "") -> ChatRef:
    return ChatRef(PLATFORM, room_id, title)


def member_ref(user_id: str, display_name: str | None = "") -> MemberRef:
    return MemberRef(PLATFORM, user_id, display_name or "")


def sub(mapping: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """``mapping[key]`` when it is an object, else empty (events from the wire are untrusted)."""
    value = mapping.get(key)
    return value if isinstance(value, Mapping) else {}


def text(mapping: Mapping[str, Any], key: str) -> str:
    value = mapping.get(key)
    return value if isinstance(value, str) else ""


def _content(source: Mapping[str, Any]) -> Mapping[str, Any]:
    return sub(source, "content")


def _relation(content: Mapping[str, Any]) -> Mapping[str, Any]:
    return sub(content, "m.relates_to")


def edited_event(source: Mapping[str, Any]) -> str | None:
    """The id of the message an edit replaces, or None when this is not an edit."""
    relates = _relation(_content(source))
    target = relates.get("event_id")
    return target if relates.get("rel_type") == "m.replace" and isinstance(target, str) else None


def reply_target(content: Mapping[str, Any]) -> str | None:
    reply = _relation(content).get("m.in_reply_to")
    target = reply.get("event_id") if isinstance(reply, Mapping) else None
    return target if isinstance(target, str) else None


def strip_reply_fallback(body: str) -> str:
    """Drop the quoted ``> <@user> ...`` lines older clients put before a reply's text."""
    if not body.startswith("> "):
        return body
    lines = body.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    return "\n".join(lines[index:]).lstrip("\n")


def _time(source: Mapping[str, Any]) -> dt.datetime:
    stamp = source.get("origin_server_ts")
    if not isinstance(stamp, int) or isinstance(stamp, bool):
        return dt.datetime.now(dt.UTC)
    try:
        return dt.datetime.fromtimestamp(stamp / 1000, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return dt.datetime.now(dt.UTC)


#: When an event was sent (the server's stamp; now when it has none).
message_time = _time


def _attachment(kind: AttachmentKind, content: Mapping[str, Any]) -> Attachment:
    body, filename = text(content, "body"), text(content, "filename")
    mime = text(sub(content, "info"), "mimetype")
    # Matrix 1.10: when `filename` is present and differs from `body`, `body` is a caption.
    caption = body if filename and body != filename else ""
    return Attachment(kind, caption=caption, filename=filename or body, mime_type=mime)


def to_message(source: Mapping[str, Any], chat: ChatRef, display_name: str | None = "",
               reply_sender: MemberRef | None = None) -> Message | None:
    """An ``m.room.message`` (text, notice, emote, media, edit, reply) as a `Message`."""
    sender = source.get("sender")
    event_id = source.get("event_id")
    if source.get("type") != "m.room.message" or not isinstance(sender, str) \
            or not isinstance(event_id, str):
        return None
    content = _content(source)
    edited_id = edited_event(source)
    if edited_id is not None:
        new = content.get("m.new_content")
        if not isinstance(new, Mapping):
            return None
        # The original id: deleting it removes the message and every edit of it.
        event_id, content = edited_id, new
    msgtype = content.get("msgtype")
    body = content.get("body")
    if not isinstance(msgtype, str) or not isinstance(body, str):
        return None
    member = member_ref(sender, display_name)
    reply_id = reply_target(_content(source))
    said, attachments = "", tuple[Attachment, ...]()
    if msgtype in _KINDS:
        attachments = (_attachment(_KINDS[msgtype], content),)
    elif msgtype in _TEXT_TYPES or body:
        said = strip_reply_fallback(body) if reply_id else body
    return Message(
        ref=MessageRef(chat, event_id, member), sender=member, text=said, time=_time(source),
        links=message_links(said, [a.caption for a in attachments]),
        attachments=attachments, edited=edited_id is not None,
        reply_to=MessageRef(chat, reply_id, reply_sender) if reply_id else None,
        reply_to_sender=reply_sender,
    )


def membership_change(source: Mapping[str, Any], chat: ChatRef,
                      display_name: str | None = "") -> Removal | MemberJoined | None:
    """A join becomes `MemberJoined`; a leave, kick or ban of a member becomes `Removal`."""
    content = _content(source)
    prev = sub(sub(source, "unsigned"), "prev_content")
    target, sender = source.get("state_key"), source.get("sender")
    if not isinstance(target, str) or not isinstance(sender, str):
        return None
    now, before = content.get("membership"), prev.get("membership", "leave")
    member = member_ref(target, display_name or text(content, "displayname")
                        or text(prev, "displayname"))
    reason = text(content, "reason")
    if now == "join" and before != "join":
        return MemberJoined(chat, member, time=_time(source))
    by = member_ref(sender)
    if now == "ban" and before != "ban":
        return Removal(chat, RemovalKind.BANNED, member=member, by=by, reason=reason,
                       time=_time(source))
    if now == "leave" and before == "join":
        kind = RemovalKind.LEFT if sender == target else RemovalKind.KICKED
        return Removal(chat, kind, member=member, by=None if kind is RemovalKind.LEFT else by,
                       reason=reason, time=_time(source))
    return None  # invites, rejected invites, profile changes


def redaction(source: Mapping[str, Any], chat: ChatRef) -> Removal | None:
    """Someone (a room moderator, or the poster) deleted a message."""
    redacts = source.get("redacts") or _content(source).get("redacts")
    sender = source.get("sender")
    if not isinstance(redacts, str) or not isinstance(sender, str):
        return None
    return Removal(chat, RemovalKind.MESSAGE_DELETED, message=MessageRef(chat, redacts),
                   by=member_ref(sender), reason=text(_content(source), "reason"),
                   time=_time(source))


@attrs.frozen
class Command:
    name: str  # "/report", "/remove", ...
    argument: str = ""


def command(text: str) -> Command | None:
    """``/word rest`` at the start of a message (a reply's quoted fallback already removed)."""
    text = text.strip()
    if not text.startswith("/") or len(text) > 2000:
        return None
    word, _, rest = text.partition(" ")
    return Command(word.lower(), rest.strip())


def reply_choice(text: str) -> tuple[ReviewChoice, str] | None:
    """A moderator's reply to a review card: ``remove`` or ``/remove``, then an optional note."""
    word, _, note = strip_reply_fallback(text).strip().partition(" ")
    word = word.lower().lstrip("/").rstrip(".!")
    try:
        return ReviewChoice(word), note.strip()
    except ValueError:
        return None


def reaction_choice(key: str) -> ReviewChoice | None:
    # Clients differ on the emoji variation selector (U+FE0F): compare without it.
    return REACTIONS.get(key.replace("\ufe0f", "").strip())


def reaction_target(source: Mapping[str, Any]) -> tuple[str, str] | None:
    """(event id reacted to, key) of an ``m.reaction``."""
    relates = _relation(_content(source))
    target, key = relates.get("event_id"), relates.get("key")
    if relates.get("rel_type") != "m.annotation" or not isinstance(target, str) \
            or not isinstance(key, str):
        return None
    return target, key


def own_join(event: Any, user_id: str) -> bool:
    """This (nio) event is the bot joining the room."""
    source = getattr(event, "source", None)
    if not isinstance(source, Mapping) or source.get("type") != "m.room.member":
        return False
    content, prev = sub(source, "content"), sub(sub(source, "unsigned"), "prev_content")
    return (source.get("state_key") == user_id and content.get("membership") == "join"
            and prev.get("membership") != "join")


def joined_here(events: Sequence[Any], user_id: str) -> bool:
    return any(own_join(e, user_id) for e in events)


def after_own_join(events: Sequence[Any], user_id: str) -> Sequence[Any]:
    """Events after the bot joined: what was said before it arrived is not moderated."""
    for index in range(len(events) - 1, -1, -1):
        if own_join(events[index], user_id):
            return events[index + 1:]
    return events
