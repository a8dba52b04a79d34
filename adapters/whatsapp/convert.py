"""Small pure converters: neonize protobuf events and GOWA webhook payloads to our events.

Both back-ends speak whatsmeow underneath, so both give the same `Incoming`: the core event
plus what the adapter needs on the side (the sender's other id, the quoted message's id).
Protobufs are read by field name only, so this module imports neither neonize nor aiohttp.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Mapping
from typing import Any

import attrs

from civility.events import (
    Attachment,
    AttachmentKind,
    ChatRef,
    Event,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    Removal,
    RemovalKind,
)
from civility.links import message_links

PLATFORM = "whatsapp"
#: WhatsApp shows "Forwarded many times" from this forwarding score on.
FORWARDED_MANY_SCORE = 5
_MEDIA = (("imageMessage", AttachmentKind.IMAGE), ("videoMessage", AttachmentKind.VIDEO),
          ("ptvMessage", AttachmentKind.VIDEO), ("audioMessage", AttachmentKind.AUDIO),
          ("documentMessage", AttachmentKind.DOCUMENT), ("stickerMessage", AttachmentKind.STICKER))
#: Wrappers whose inner ``message`` is the real one (disappearing, view-once, edits, ...).
_WRAPPERS = ("ephemeralMessage", "viewOnceMessage", "viewOnceMessageV2",
             "viewOnceMessageV2Extension", "documentWithCaptionMessage", "editedMessage")
_REVOKE, _EDIT = 0, 14  # waE2E.ProtocolMessage.Type


@attrs.frozen
class Incoming:
    event: Event
    #: The sender's other id (phone-number JID when the group addresses members by LID).
    sender_alt: str = ""
    #: The chat is a private chat with the bot's number (an opt-in for private notices).
    private: bool = False
    #: Where a GOWA gateway saved each attachment's file (``statics/media/...``), by the
    #: attachment's position; "" when it did not download it (``WHATSAPP_AUTO_DOWNLOAD_MEDIA``
    #: off: then only its URL on WhatsApp's servers, which holds encrypted bytes, is given).
    media: tuple[str, ...] = ()


def jid(value: Any) -> str:
    """``user@server`` of a neonize JID (the device part is dropped: it names a phone)."""
    if value is None or not value.User:
        return ""
    return f"{value.User}@{value.Server}"


def _has(proto: Any, name: str) -> bool:
    try:
        return bool(proto.HasField(name))
    except ValueError:
        return False


def _unwrap(message: Any) -> tuple[Any, bool, str]:
    """The innermost content, whether it is an edit, and the edited message's id."""
    edited, edited_id = False, ""
    for _ in range(5):  # wrappers nest a few levels at most
        for name in _WRAPPERS:
            if _has(message, name):
                edited = edited or name == "editedMessage"
                message = getattr(message, name).message
                break
        else:
            if _has(message, "protocolMessage") and message.protocolMessage.type == _EDIT:
                edited, edited_id = True, message.protocolMessage.key.ID
                message = message.protocolMessage.editedMessage
                continue
            break
    return message, edited, edited_id


def _seconds(value: int) -> dt.datetime:
    # whatsmeow gives seconds; be lenient with milliseconds.
    return dt.datetime.fromtimestamp(value / 1000 if value > 10**11 else value, dt.UTC)


def from_neonize_message(event: Any) -> Incoming | None:
    """A neonize ``MessageEv`` as a `Message` (or a `Removal` for a deleted one)."""
    info, source = event.Info, event.Info.MessageSource
    if source.IsFromMe:
        return None
    chat_id, sender_id = jid(source.Chat), jid(source.Sender)
    if not chat_id or not sender_id:
        return None
    chat = ChatRef(PLATFORM, chat_id)
    sender = MemberRef(PLATFORM, sender_id, info.Pushname)
    when = _seconds(info.Timestamp) if info.Timestamp else dt.datetime.now(dt.UTC)
    alt = jid(source.SenderAlt) if _has(source, "SenderAlt") else ""
    content, edited, edited_id = _unwrap(event.Message)
    if _has(content, "protocolMessage") and content.protocolMessage.type == _REVOKE:
        key = content.protocolMessage.key
        return Incoming(Removal(chat, RemovalKind.MESSAGE_DELETED, member=sender,
                                message=MessageRef(chat, key.ID, sender), by=sender,
                                time=when), alt, not source.IsGroup)
    text, context = "", None
    if content.conversation:
        text = content.conversation
    elif _has(content, "extendedTextMessage"):
        text, context = content.extendedTextMessage.text, content.extendedTextMessage.contextInfo
    attachments = []
    for field, kind in _MEDIA:
        if _has(content, field):
            media = getattr(content, field)
            attachments.append(Attachment(
                kind, caption=getattr(media, "caption", ""),
                filename=getattr(media, "fileName", ""), mime_type=media.mimetype))
            context = context or media.contextInfo
    if not text and not attachments:
        return None  # reactions, polls, key distribution and other non-messages
    reply_to = reply_sender = None
    forwarded = forwarded_many = False
    if context is not None:
        forwarded = context.isForwarded
        forwarded_many = context.forwardingScore >= FORWARDED_MANY_SCORE
        if context.stanzaID:
            quoted = context.participant
            reply_sender = MemberRef(PLATFORM, quoted) if quoted else None
            reply_to = MessageRef(chat, context.stanzaID, reply_sender)
    message = Message(
        ref=MessageRef(chat, edited_id or info.ID, sender), sender=sender, text=text,
        time=when, links=message_links(text, [a.caption for a in attachments]),
        attachments=tuple(attachments),
        forwarded=forwarded, forwarded_many=forwarded_many, reply_to=reply_to,
        reply_to_sender=reply_sender, edited=edited or bool(event.IsEdit))
    return Incoming(message, alt, not source.IsGroup)


def from_neonize_group(event: Any) -> list[Incoming]:
    """Joins and leaves in a neonize ``GroupInfoEv``."""
    chat_id = jid(event.JID)
    if not chat_id:
        return []
    chat, by_id = ChatRef(PLATFORM, chat_id), jid(event.Sender)
    by = MemberRef(PLATFORM, by_id) if by_id else None
    when = _seconds(event.Timestamp) if event.Timestamp else dt.datetime.now(dt.UTC)
    out = [Incoming(MemberJoined(chat, MemberRef(PLATFORM, jid(j)), time=when))
           for j in event.Join]
    for left in event.Leave:
        member = MemberRef(PLATFORM, jid(left))
        kicked = by is not None and by.id != member.id
        out.append(Incoming(Removal(chat, RemovalKind.KICKED if kicked else RemovalKind.LEFT,
                                    member=member, by=by if kicked else None, time=when)))
    return out


# -- GOWA webhook payloads ---------------------------------------------------------------

def _iso(value: Any) -> dt.datetime:
    if isinstance(value, str) and value:
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC)


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _gowa_media(payload: Mapping[str, Any]) -> tuple[list[Attachment], tuple[str, ...]]:
    """The attachments, and where the gateway saved each one's file.

    GOWA gives a saved file as a plain path (``"image": "statics/media/1.jpeg"``) or, with a
    caption, as ``{"path", "caption"}``; without auto-download as ``{"url", "caption"}`` or
    ``{"url", "filename"}``. It names no type, so the type is the file name's."""
    found, paths = [], []
    for field, kind in (("image", AttachmentKind.IMAGE), ("video", AttachmentKind.VIDEO),
                        ("video_note", AttachmentKind.VIDEO), ("audio", AttachmentKind.AUDIO),
                        ("document", AttachmentKind.DOCUMENT),
                        ("sticker", AttachmentKind.STICKER)):
        value = payload.get(field)
        if not value:
            continue
        detail = value if isinstance(value, Mapping) else {}
        path = value if isinstance(value, str) else _str(detail, "path")
        filename = _str(detail, "filename")
        named = filename or path.rpartition("/")[2]
        mime = _str(detail, "mime_type") or _str(detail, "mimetype") or (
            mimetypes.guess_type(named, strict=False)[0] or "" if named else "")
        found.append(Attachment(kind, caption=_str(detail, "caption"), filename=filename,
                                mime_type=mime))
        paths.append(path)
    return found, tuple(paths)


def from_gowa(data: Any) -> list[Incoming]:
    """One GOWA webhook body (``{"event", "device_id", "payload"}``) as our events."""
    if not isinstance(data, Mapping) or not isinstance(data.get("payload"), Mapping):
        raise ValueError("not a GOWA webhook body")
    kind, payload = _str(data, "event"), data["payload"]
    chat_id = _str(payload, "chat_id")
    if not chat_id:
        return []
    chat = ChatRef(PLATFORM, chat_id)
    if kind == "group.participants":
        change, when = _str(payload, "type"), _iso(data.get("timestamp"))
        members = [MemberRef(PLATFORM, j) for j in payload.get("jids") or ()
                   if isinstance(j, str)]
        if change == "join":
            return [Incoming(MemberJoined(chat, m, time=when)) for m in members]
        if change == "leave":
            return [Incoming(Removal(chat, RemovalKind.LEFT, member=m, time=when))
                    for m in members]
        return []
    if payload.get("is_from_me") is True:
        return []
    sender = MemberRef(PLATFORM, _str(payload, "from"), _str(payload, "from_name"))
    if not sender.id:
        return []
    alt, private = _str(payload, "from_lid"), not chat_id.endswith("@g.us")
    when = _iso(payload.get("timestamp"))
    if kind == "message.revoked":
        target = MessageRef(chat, _str(payload, "revoked_message_id"), sender)
        return [Incoming(Removal(chat, RemovalKind.MESSAGE_DELETED, member=sender,
                                 message=target, by=sender, time=when), alt, private)]
    if kind not in ("message", "message.edited"):
        return []  # receipts, reactions, calls, newsletters
    text = _str(payload, "body")
    attachments, media = _gowa_media(payload)
    # GOWA repeats a caption as the body: keep it once, on the attachment.
    if attachments and text and any(a.caption == text for a in attachments):
        text = ""
    if not text and not attachments:
        return []
    edited = kind == "message.edited"
    message_id = _str(payload, "original_message_id") if edited else _str(payload, "id")
    replied = _str(payload, "replied_to_id")
    message = Message(
        ref=MessageRef(chat, message_id, sender), sender=sender, text=text, time=when,
        links=message_links(text, [a.caption for a in attachments]), attachments=tuple(attachments),
        forwarded=payload.get("forwarded") is True,
        reply_to=MessageRef(chat, replied) if replied else None, edited=edited)
    return [Incoming(message, alt, private, media)]
