"""Reading Telegram Desktop's JSON chat export (``result.json``) for `civility scan`.

Telegram Desktop → chat menu → Export chat history → format "Machine-readable JSON" writes
``{"name", "type", "id", "messages": [...]}``. Each message has ``id``, ``type`` ("message" or
"service"), ``date`` (local time, ISO), ``date_unixtime`` (seconds, as a string), ``from``,
``from_id`` ("user123"), ``text`` (a string, or a list of strings and ``{"type", "text"}``
entities, ``text_link`` ones with an ``href``) and optionally ``forwarded_from``,
``reply_to_message_id``, ``edited``, ``photo``, ``file`` with ``media_type``. Messages are read
one at a time (`json_items`); service messages (joins, pins) are not messages and are passed
over. Only the standard library: scanning works with the core install.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from civility.adapter import JsonShapeError, ReaderSpec, json_items
from civility.events import Attachment, AttachmentKind, ChatRef, MemberRef, Message, MessageRef
from civility.links import find_links
from civility.scan import Skipped

PLATFORM = "telegram"
_MEDIA = {"sticker": AttachmentKind.STICKER, "video_file": AttachmentKind.VIDEO,
          "video_message": AttachmentKind.VIDEO, "animation": AttachmentKind.VIDEO,
          "voice_message": AttachmentKind.AUDIO, "audio_file": AttachmentKind.AUDIO}
# A chat's type, which Telegram Desktop writes among the first keys ({"name", "type", "id"}).
_CHAT_TYPE = re.compile(rb'"type"\s*:\s*"(?:personal_chat|bot_chat|private_group|private_supergroup'
                        rb'|public_supergroup|saved_messages|private_channel|public_channel)"')


def sniff(head: bytes) -> bool:
    start = head[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    return start.startswith(b"{") and _CHAT_TYPE.search(start) is not None


def _text(value: Any) -> tuple[str, tuple[str, ...]]:
    """The plain text of a ``text`` field, and the targets of its ``text_link`` entities."""
    if isinstance(value, str):
        return value, ()
    if not isinstance(value, list):
        return "", ()
    parts: list[str] = []
    hrefs: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, Mapping):
            said = part.get("text")
            parts.append(said if isinstance(said, str) else "")
            href = part.get("href")
            if isinstance(href, str):
                hrefs.append(href)
    return "".join(parts), tuple(hrefs)


def _time(item: Mapping[str, Any]) -> dt.datetime:
    stamp = item.get("date_unixtime")
    if isinstance(stamp, str) and stamp.isdigit():
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    date = item.get("date")
    if isinstance(date, str):
        return dt.datetime.fromisoformat(date)  # local time without a zone: taken as UTC
    raise ValueError("no date")


def _attachments(item: Mapping[str, Any]) -> tuple[Attachment, ...]:
    if "photo" in item:
        return (Attachment(AttachmentKind.IMAGE, filename=str(item.get("photo") or "")),)
    if "file" in item or "media_type" in item:
        kind = _MEDIA.get(str(item.get("media_type")), AttachmentKind.DOCUMENT)
        return (Attachment(kind, filename=str(item.get("file_name") or item.get("file") or ""),
                           mime_type=str(item.get("mime_type") or "")),)
    return ()


def to_message(item: Any, chat: ChatRef) -> Message | None:
    """One exported message as a `Message`; None for a service message. Raises ValueError for
    a message it cannot read."""
    if not isinstance(item, Mapping):
        raise ValueError("not a JSON object")
    if item.get("type") != "message":
        return None
    sender_id, number = item.get("from_id"), item.get("id")
    if not isinstance(sender_id, str) or not isinstance(number, int | str):
        raise ValueError("no id or from_id")
    name = item.get("from")
    sender = MemberRef(PLATFORM, sender_id, name if isinstance(name, str) else "")
    text, hrefs = _text(item.get("text"))
    text = text.replace("\x00", "")
    reply = item.get("reply_to_message_id")
    return Message(
        ref=MessageRef(chat, str(number), sender), sender=sender, text=text, time=_time(item),
        links=tuple(dict.fromkeys((*find_links(text), *hrefs))),
        attachments=_attachments(item), forwarded="forwarded_from" in item,
        edited="edited" in item,
        reply_to=MessageRef(chat, str(reply)) if isinstance(reply, int | str) else None)


def read_messages(path: Path, skipped: list[Skipped]) -> Iterator[Message]:
    """Every message of a Telegram Desktop JSON export, streamed; bad ones are skipped."""
    header: dict[str, Any] = {}
    chat: ChatRef | None = None
    number = 0
    try:
        with path.open("rb") as stream:
            for number, item in enumerate(json_items(stream, "messages", header), start=1):
                if chat is None:
                    chat = ChatRef(PLATFORM, str(header.get("id", path.stem)),
                                   str(header.get("name") or path.stem))
                try:
                    message = to_message(item, chat)
                except (ValueError, TypeError, OverflowError, OSError) as exc:
                    skipped.append(Skipped(f"message {number}", str(exc) or type(exc).__name__))
                    continue
                if message is not None:
                    yield message
    except JsonShapeError as exc:
        where = f"after message {number}" if number else path.name
        why = str(exc)
        if "'messages'" in why and "chats" in header:
            why = "an export of a whole account: export one chat (chat menu → Export chat history)"
        skipped.append(Skipped(where, f"not a Telegram chat export: {why}"))
    except OSError as exc:
        skipped.append(Skipped(path.name, f"cannot read the file ({exc.strerror})"))


READER = ReaderSpec("telegram", "Telegram Desktop JSON chat export (result.json)",
                    read_messages, suffixes=(".json",), sniff=sniff)
