"""Offline scanning: run a policy over a file of messages and report what the ladder would do.

Readers turn a file into `Message`s (JSON Lines here; chat exports come from the readers that
platform packages register, see `civility._readers`). A line that cannot be read is recorded
and skipped, never fatal; a file that cannot be read at all (not a regular file, not a format
we read, a damaged zip) is one `Skipped` entry named after the file. Reading is a stream with
bounded memory: at most `MAX_LINE_CHARS` of a line and `MAX_INPUT_BYTES` of (decompressed)
input are read, whatever the file holds.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import lzma
import os
import stat
import zipfile
import zlib
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, BinaryIO

import attrs

from civility import _readers
from civility.engine import Engine
from civility.events import MAX_TEXT_CHARS, ChatRef, MemberRef, Message, MessageRef
from civility.links import message_links
from civility.verdicts import NO_ACTION, Evidence, Rule, Verdict

PLATFORM = "scan"
#: A line longer than this is skipped as not a message (1 MiB).
MAX_LINE_BYTES = 1 << 20
#: The most characters of one line that are read; the rest of a longer line is passed over.
MAX_LINE_CHARS = MAX_LINE_BYTES
#: The most bytes of (decompressed) input read from one file: scanning more is refused.
MAX_INPUT_BYTES = 512 << 20
#: A zip member that claims to expand more than this many times its compressed size is
#: refused (chat text compresses about 5-15 times; a zip bomb thousands of times).
MAX_ZIP_RATIO = 100
#: What `civility scan` reads, for messages that say so.
SUPPORTED = ('JSON Lines (.jsonl or .json, one {"id", "sender", "text"} object per line) and '
             "WhatsApp chat exports (.txt, or .zip with the chat inside)")
#: Zip compression methods the standard library reads.
_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate",
                zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma"}
_ZIP_OTHER_METHODS = {1: "shrink", 6: "implode", 9: "deflate64", 10: "implode", 18: "terse",
                      19: "lz77", 93: "zstandard", 95: "xz", 97: "wavpack", 98: "ppmd"}


class ScanInputError(Exception):
    """The input cannot be read (further): the message is one line for the user."""


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
    #: Each verdict's technical explanation (rule, severity, evidence with offsets).
    reasons: tuple[str, ...]
    #: The verdicts themselves, for reports that explain them in plain words.
    verdicts: tuple[Verdict, ...] = ()

    @property
    def people(self) -> tuple[tuple[str, str], ...]:
        """``(name, kind)`` of every person the policy found by name (a child, a member of
        staff, a parent), for pseudonymising reports."""
        found: dict[str, str] = {}
        for verdict in self.verdicts:
            for evidence in verdict.evidence:
                name = person_named(evidence)
                if name:
                    found.setdefault(name, evidence.detail)
        return tuple(found.items())


def person_named(evidence: Evidence) -> str:
    """The name in a person-finding piece of evidence ("Farah in Year" -> "Farah", "Mrs Ali"
    -> "Ali", "Zara's mum" -> "Zara"), or "" when it names nobody ("the teacher")."""
    detector, match = evidence.detector, evidence.match.strip()
    if not detector.startswith("target:") or not match:
        return ""
    kind = detector.removeprefix("target:")
    if kind in ("name", "configured-name"):
        return match
    if kind == "name-in-class":
        return match.split()[0]
    if kind == "title":
        parts = match.split(None, 1)
        return parts[1] if len(parts) > 1 else ""
    if kind == "parent" and "'s" in match:
        return match.split("'s", 1)[0].split()[-1] if match.split("'s", 1)[0].split() else ""
    return ""


@attrs.frozen
class ScanReport:
    """What a scan found; only flagged rows are kept, so memory stays flat on long files."""

    source: str
    #: Shown by count: asyncio formats the finished task's result (this report) when the
    #: event loop closes, and a report of 50,000 flagged rows took seconds to print.
    flagged: list[ScanRow] = attrs.field(repr=lambda rows: f"<{len(rows)} rows>")
    skipped: list[Skipped] = attrs.field(repr=lambda rows: f"<{len(rows)} skipped>")
    total: int
    #: The rules of the policies that ran, by id (for clauses and titles in reports).
    rules: Mapping[str, Rule] = attrs.field(factory=dict)


#: The time of a message that gives none.
_NO_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _time(value: Any, where: str) -> dt.datetime:
    if value is None:
        return _NO_TIME
    expected = ("expected ISO 8601 text such as \"2025-09-01T08:30:00Z\" "
                "or seconds since 1970 such as 1756715400")
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, dt.UTC)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"timestamp {value!r} is out of range; {expected}") from None
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"timestamp {value[:40]!r} is not a date and time; "
                             f"{expected}") from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
    raise ValueError(f"timestamp must be text or a number; {expected}")


@functools.lru_cache(maxsize=4096)
def _member(name: str) -> MemberRef:
    return MemberRef(PLATFORM, name, name)


@functools.lru_cache(maxsize=1024)
def _chat(name: str) -> ChatRef:
    return ChatRef(PLATFORM, name, name)


def message_from_json(data: Any, where: str, default_chat: str = "scan") -> Message:
    """One ``{"id","sender","text","timestamp"?,"chat"?,"forwarded"?,"forwarded_many"?}``
    object as a `Message`."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    if "id" not in data or "sender" not in data or "text" not in data:
        raise ValueError("missing " + ", ".join(k for k in ("id", "sender", "text")
                                                  if k not in data))
    text = data["text"]
    if not isinstance(text, str):
        raise ValueError("text must be a string")
    get = data.get
    forwarded, many = get("forwarded", False), get("forwarded_many", False)
    if type(forwarded) is not bool:
        raise ValueError("forwarded must be true or false")
    if type(many) is not bool:
        raise ValueError("forwarded_many must be true or false")
    ident, name, chat_name = data["id"], data["sender"], get("chat")
    for key, value in (("id", ident), ("sender", name), ("chat", chat_name)):
        if type(value) is str or (key == "chat" and value is None):
            continue  # the usual case first
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValueError(f"{key} must be text or a number")
    sender = _member(str(name)[:200])
    chat = _chat(str(chat_name or default_chat)[:200])
    text = text[:MAX_TEXT_CHARS]
    return Message(ref=MessageRef(chat, str(ident), sender), sender=sender, text=text,
                   time=_time(get("timestamp"), where), links=message_links(text),
                   forwarded=forwarded or many, forwarded_many=many)


# Bounded reading, shared by the readers.

def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, refusing what is not a regular file (``/dev/zero``, a pipe,
    a folder) before opening it, since reading those never ends or blocks."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise ScanInputError(f"cannot read it ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        raise ScanInputError("not a regular file (a device, pipe or folder); "
                             "scan reads files")
    try:
        return path.open("rb")
    except OSError as exc:
        raise ScanInputError(f"cannot read it ({exc.strerror or exc})") from None


class _Budget(io.RawIOBase):
    """A byte stream that refuses to give more than ``limit`` bytes (decompressed, for a zip
    member), with a few bytes already read (for sniffing the encoding) put back in front."""

    def __init__(self, stream: IO[bytes], limit: int, head: bytes = b"") -> None:
        super().__init__()
        self._stream, self._limit, self._head = stream, limit, head
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        want = len(buffer)
        if self._head:
            data, self._head = self._head[:want], self._head[want:]
        else:
            data = self._stream.read(min(want, self._limit - self.count + 1))
        self.count += len(data)
        if self.count > self._limit:
            raise ScanInputError(f"more than {self._limit >> 20} MiB of text; "
                                 "scan a shorter export or split the file")
        buffer[:len(data)] = data
        return len(data)


def sniff_encoding(head: bytes) -> str:
    """The encoding a byte-order mark says (UTF-16 or UTF-8), else UTF-8."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    return "utf-8"


def text_lines(stream: IO[bytes], *, limit: int | None = None,
               max_line: int | None = None, errors: str = "replace",
               ) -> Iterator[tuple[int, str | None, str]]:
    """``(number, line, encoding)`` for each line of a byte stream, newline removed, decoded by
    its byte-order mark (UTF-8 without one). A line longer than ``max_line`` characters comes
    as None and its rest is passed over unread into memory. Raises `ScanInputError` past
    ``limit`` bytes; errors of the underlying stream (a damaged zip) pass through."""
    limit = MAX_INPUT_BYTES if limit is None else limit
    max_line = MAX_LINE_CHARS if max_line is None else max_line
    head = stream.read(4)
    encoding = sniff_encoding(head)
    if encoding == "utf-16":  # only UTF-8 can mark bad bytes with surrogateescape
        errors = "replace"
    raw = _Budget(stream, limit, head)
    text = io.TextIOWrapper(io.BufferedReader(raw, 1 << 16), encoding=encoding,
                            errors=errors, newline=None)
    number = 0
    while line := text.readline(max_line):
        number += 1
        if line.endswith("\n"):
            yield number, line[:-1], encoding
            continue
        if len(line) < max_line:  # the last line, without a newline
            yield number, line, encoding
            continue
        while (rest := text.readline(max_line)) and not rest.endswith("\n"):
            pass
        yield number, None, encoding


def describe_read_error(exc: BaseException) -> str | None:
    """One line for an error met while reading a file (None: not a reading error)."""
    if isinstance(exc, ScanInputError):
        return str(exc)
    if isinstance(exc, zipfile.BadZipFile):
        return f"damaged zip file ({exc})"
    if isinstance(exc, zlib.error | lzma.LZMAError):
        return "damaged zip file (its compressed data is corrupt)"
    if isinstance(exc, EOFError):
        return "damaged zip file (it ends too early)"
    if isinstance(exc, NotImplementedError):
        return f"zip file in a form Python cannot read ({exc})"
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "encrypted zip file: export the chat again without a password"
    if isinstance(exc, OSError):
        return f"cannot read it ({exc.strerror or exc})"
    if isinstance(exc, UnicodeError):
        return "not readable text"
    return None


def check_zip_member(info: zipfile.ZipInfo) -> None:
    """Refuse a zip member we cannot or should not decompress, before opening it."""
    if info.flag_bits & 0x1:
        raise ScanInputError("encrypted zip file: export the chat again without a password")
    if info.compress_type not in _ZIP_METHODS:
        name = _ZIP_OTHER_METHODS.get(info.compress_type, f"method {info.compress_type}")
        raise ScanInputError(f"zip file compressed with {name}, which scan cannot read: "
                             "unzip it and scan the .txt, or zip it again")
    if info.file_size > MAX_INPUT_BYTES:
        raise ScanInputError(f"{info.filename} is larger than {MAX_INPUT_BYTES >> 20} MiB")
    ratio = info.file_size // max(info.compress_size, 1)
    if ratio > MAX_ZIP_RATIO and info.file_size > 1 << 20:
        raise ScanInputError(f"{info.filename} would expand {ratio} times (more than "
                             f"{MAX_ZIP_RATIO}): not a chat export")


def read_jsonl(stream: IO[bytes], skipped: list[Skipped], name: str = "input"
               ) -> Iterator[Message]:
    """Messages from JSON Lines; a bad line is skipped, and a file that is not JSON Lines at
    all (its first lines are not JSON objects) is one skip entry saying what scan reads."""
    failures: list[Skipped] = []  # before the first good line: a CSV or binary file?
    good = False
    try:
        for number, line, _ in text_lines(stream, errors="surrogateescape"):
            where = f"line {number}"  # only read when a line is skipped or its timestamp is bad
            failure = None
            if line is None:
                failure = Skipped(where, f"longer than {MAX_LINE_CHARS} characters")
            elif not line.strip():
                continue
            elif "\x00" in line or (not line.isascii() and _undecoded(line)):
                failure = Skipped(where, "not UTF-8 text")
            else:
                try:
                    message = message_from_json(json.loads(line), where)
                except json.JSONDecodeError as exc:
                    failure = Skipped(where, f"not JSON ({exc.msg})")
                except RecursionError:
                    failure = Skipped(where, "JSON nested too deeply")
                except (ValueError, OverflowError, TypeError) as exc:
                    failure = Skipped(where, str(exc))
                else:
                    good = True
                    if failures:
                        skipped.extend(failures)
                        failures = []
                    yield message
                    continue
            if good:
                skipped.append(failure)
                continue
            failures.append(failure)
            if len(failures) >= 5:
                break
    except Exception as exc:  # every reading error becomes one clean line
        why = describe_read_error(exc)
        if why is None:
            raise
        skipped.append(Skipped(name, why))
        return
    if failures and not good:
        skipped.append(Skipped(name, f"not a file scan reads ({failures[0].where}: "
                                     f"{failures[0].why}); scan reads {SUPPORTED}"))


def _undecoded(line: str) -> bool:
    """Bytes that were not UTF-8 come back as lone surrogates (``surrogateescape``)."""
    return any("\udc80" <= c <= "\udcff" for c in line)


Reader = Callable[[Path, list[Skipped]], Iterator[Message]]


def _jsonl_reader(path: Path, skipped: list[Skipped]) -> Iterator[Message]:
    try:
        stream = open_regular(path)
    except ScanInputError as exc:
        skipped.append(Skipped(path.name, str(exc)))
        return
    with stream:
        yield from read_jsonl(stream, skipped, path.name)


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
        yield await scan_one(engine, message)


async def scan_one(engine: Engine, message: Message) -> ScanRow:
    """One message judged as the engine would, acting on nothing."""
    decision = (await engine.on_message(message)).decision
    return ScanRow(message.ref.id, message, decision.rule_ids, decision.action,
                   tuple(v.explain() for v in decision.verdicts), decision.verdicts)


def quiet_row(message: Message) -> ScanRow:
    """The row of a message nothing was found in (what `scan_one` gives it)."""
    return ScanRow(message.ref.id, message, (), NO_ACTION.action, (), ())

