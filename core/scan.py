"""Offline scanning: run a policy over a file of messages and report what the ladder would do.

Readers turn a file into `Message`s (JSON Lines here; chat exports come from the readers that
platform packages register, see `civility._readers`). A line that cannot be read is recorded
and skipped, never fatal.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from civility import _readers
from civility.engine import Engine
from civility.events import ChatRef, MemberRef, Message, MessageRef
from civility.links import find_links
from civility.verdicts import Rule

PLATFORM = "scan"
#: A line longer than this is skipped as not a message (1 MiB).
MAX_LINE_BYTES = 1 << 20


@attrs.frozen
class Skipped:
    where: str  # "line 12"
    why: str


@attrs.frozen
class ScanRow:
    id: str
    message: Message
    rules: tuple[str, ...]
    action: str
    reasons: tuple[str, ...]


@attrs.frozen
class ScanReport:
    """What a scan found; only flagged rows are kept, so memory stays flat on long files."""

    source: str
    flagged: list[ScanRow]
    skipped: list[Skipped]
    total: int
    #: The rules of the policies that ran, by id (for clauses and titles in reports).
    rules: Mapping[str, Rule] = attrs.field(factory=dict)


def _time(value: Any, where: str) -> dt.datetime:
    if value is None:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    if isinstance(value, str):
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    raise ValueError(f"{where}: timestamp must be ISO 8601 text or seconds since 1970")


@functools.lru_cache(maxsize=4096)
def _member(name: str) -> MemberRef:
    return MemberRef(PLATFORM, name, name)


@functools.lru_cache(maxsize=1024)
def _chat(name: str) -> ChatRef:
    return ChatRef(PLATFORM, name, name)


def message_from_json(data: Any, where: str, default_chat: str = "scan") -> Message:
    """One ``{"id","sender","text","timestamp"?,"chat"?}`` object as a `Message`."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    missing = [k for k in ("id", "sender", "text") if k not in data]
    if missing:
        raise ValueError("missing " + ", ".join(missing))
    if not isinstance(data["text"], str):
        raise ValueError("text must be a string")
    sender = _member(str(data["sender"]))
    chat = _chat(str(data.get("chat") or default_chat))
    text = data["text"].replace("\x00", "")
    return Message(ref=MessageRef(chat, str(data["id"]), sender), sender=sender, text=text,
                   time=_time(data.get("timestamp"), where), links=find_links(text))


def read_jsonl(stream: BinaryIO, skipped: list[Skipped]) -> Iterator[Message]:
    for number, raw in enumerate(stream, start=1):
        where = f"line {number}"  # only read when a line is skipped or its timestamp is bad
        if len(raw) > MAX_LINE_BYTES:
            skipped.append(Skipped(where, f"longer than {MAX_LINE_BYTES} bytes"))
            continue
        if not raw.strip():
            continue
        try:
            yield message_from_json(json.loads(raw.decode("utf-8")), where)
        except UnicodeDecodeError:
            skipped.append(Skipped(where, "not UTF-8 text"))
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(where, f"not JSON ({exc.msg})"))
        except (ValueError, OverflowError, OSError) as exc:
            skipped.append(Skipped(where, str(exc)))


Reader = Callable[[Path, list[Skipped]], Iterator[Message]]


def _jsonl_reader(path: Path, skipped: list[Skipped]) -> Iterator[Message]:
    with path.open("rb") as stream:
        yield from read_jsonl(stream, skipped)


#: The core's own format, and the reader for any file no registered reader claims.
JSONL_READER = _readers.ReaderSpec(
    "jsonl", 'JSON Lines (.jsonl) of {"id","sender","text","timestamp"?,"chat"?}', _jsonl_reader,
    suffixes=(".jsonl", ".ndjson", ".json"))


def reader_for(path: Path, **options: Any) -> Reader:
    """Pick the reader by suffix and sniffed content among the registered export readers
    (`civility._readers`); JSON Lines when none claims the file. Each reader gets the options
    it declares."""
    return _readers.choose(path, _readers.installed(), JSONL_READER).bind(options)


async def scan(engine: Engine, messages: Iterator[Message]) -> AsyncIterator[ScanRow]:
    """Judge every message as the engine would, acting on nothing; one row per message."""
    for message in messages:
        decision = (await engine.on_message(message)).decision
        yield ScanRow(message.ref.id, message, decision.rule_ids, decision.action,
                      tuple(v.explain() for v in decision.verdicts))
