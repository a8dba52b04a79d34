"""Reading Element's JSON export of a Matrix room for `civility scan`.

Element → Room info → Export chat → format JSON writes ``{"room_name", "room_creator",
"topic", "export_date", "exported_by", "messages": [...]}``, the messages being the room's
events as the client holds them (``type``, ``sender``, ``origin_server_ts``, ``event_id``,
``room_id``, ``content``). ``m.room.message`` events become messages through the same
converter as the live adapter (edits, replies and media included); other events (state,
reactions, redactions) are passed over, and encrypted events the exporting client could not
decrypt are counted as skipped. Read one event at a time (`json_items`); the standard library
only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from civility.adapter import JsonShapeError, ReaderSpec, json_items
from civility.adapters.matrix.convert import chat_ref, to_message
from civility.events import ChatRef, Message
from civility.scan import Skipped

_HEAD = re.compile(rb'^\s*\{\s*"room_name"\s*:', re.S)


def sniff(head: bytes) -> bool:
    return _HEAD.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


def read_messages(path: Path, skipped: list[Skipped]) -> Iterator[Message]:
    """Every readable message of an Element JSON room export, streamed."""
    header: dict[str, Any] = {}
    chats: dict[str, ChatRef] = {}
    number = encrypted = 0
    try:
        with path.open("rb") as stream:
            for number, event in enumerate(json_items(stream, "messages", header), start=1):
                if not isinstance(event, Mapping):
                    skipped.append(Skipped(f"event {number}", "not a JSON object"))
                    continue
                if event.get("type") == "m.room.encrypted":
                    encrypted += 1
                    continue
                room = event.get("room_id")
                room_id = room if isinstance(room, str) else str(header.get("room_name") or "")
                chat = chats.get(room_id)
                if chat is None:
                    chat = chats[room_id] = chat_ref(room_id, str(header.get("room_name") or ""))
                message = to_message(event, chat)
                if message is not None:
                    yield message
                elif event.get("type") == "m.room.message" and event.get("content"):
                    skipped.append(Skipped(f"event {number}", "a message without a body"))
    except JsonShapeError as exc:
        where = f"after event {number}" if number else path.name
        skipped.append(Skipped(where, f"not an Element room export: {exc}"))
    except OSError as exc:
        skipped.append(Skipped(path.name, f"cannot read the file ({exc.strerror})"))
    if encrypted:
        skipped.append(Skipped("encrypted events", f"{encrypted} not decrypted by the "
                                                   "exporting client, so not read"))


READER = ReaderSpec("element", "Element's JSON export of a Matrix room (.json)", read_messages,
                    suffixes=(".json",), sniff=sniff)
