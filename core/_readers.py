"""The export-reader registry: which chat-export formats `civility scan` can read.

A package registers readers with the hook `civility_readers` (entry-point group ``civility``),
each saying what it reads (file suffixes, and a sniff of the file's first bytes when a suffix
is shared, as ``.json`` is) and which command-line options it takes. `choose` picks one for a
file. Also here, once for every JSON reader: `json_items`, a streaming reader of one top-level
array (chat exports put their messages last, so nothing but the header is held in memory).

Like `civility._platforms`, this module imports nothing of the engine.
"""

from __future__ import annotations

import functools
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs
import pluggy
import structlog

from civility._platforms import PROJECT, disabled_names, hook_manager

if TYPE_CHECKING:
    from civility.events import Message
    from civility.scan import Skipped

log = structlog.get_logger()

hookspec = pluggy.HookspecMarker(PROJECT)
#: How much of a file the sniffers see.
SNIFF_BYTES = 64 << 10

#: ``read(path, skipped, **options)``: messages in file order; what cannot be read is appended
#: to ``skipped`` (never raised).
ReadFunction = Callable[..., Iterator["Message"]]


@attrs.frozen
class ReaderOption:
    """A command-line option of one reader, passed to it as a keyword argument."""

    #: Click's declarations: ``("--locale",)`` or ``("--dayfirst/--monthfirst",)``.
    flags: tuple[str, ...]
    #: The keyword the reader receives.
    name: str
    help: str
    default: str | bool | None = None


@attrs.frozen
class ReaderSpec:
    """One export format: what it reads, how to tell it apart, and its options."""

    name: str
    #: For help texts: "WhatsApp chat export (.txt or .zip)".
    description: str
    read: ReadFunction
    #: Lower-case suffixes, with the dot.
    suffixes: tuple[str, ...] = ()
    #: Given the file's first bytes, is it this format? For formats sharing a suffix.
    sniff: Callable[[bytes], bool] | None = None
    options: tuple[ReaderOption, ...] = ()

    def bind(self, options: Mapping[str, Any]) -> Callable[[Path, list[Skipped]], Iterator[Message]]:
        """The reader with the options it declares (others are ignored: they are another
        reader's)."""
        mine = {o.name for o in self.options}
        kept = {k: v for k, v in options.items() if k in mine}

        def read(path: Path, skipped: list[Skipped]) -> Iterator[Message]:
            messages: Iterator[Message] = self.read(path, skipped, **kept)
            return messages

        return read

    def claims(self, path: Path, head: bytes | None) -> bool:
        """Would this reader take the file (by suffix, then by content when it sniffs)?"""
        if path.suffix.lower() not in self.suffixes:
            return False
        return self.sniff is None or head is None or _sniffs(self, head)


def _sniffs(spec: ReaderSpec, head: bytes) -> bool:
    assert spec.sniff is not None
    try:
        return bool(spec.sniff(head))
    except Exception as exc:  # a reader's bug must not stop the scan
        log.warning("reader_sniff_failed", reader=spec.name, error=repr(exc))
        return False


@hookspec
def civility_readers() -> Sequence[ReaderSpec]:  # type: ignore[empty-body]
    """Return the chat-export readers this package provides.

    A reader must stream where its format allows, and never raise on broken input: it records
    what it could not read in ``skipped`` and carries on, or stops with one clear entry. Its
    options appear in ``civility scan --help``; option names are shared by readers that
    declare the same one.
    """


def collect(results: Iterable[Sequence[object] | None]) -> tuple[ReaderSpec, ...]:
    """The specs from every implementation; a duplicate name is logged and dropped."""
    found: dict[str, ReaderSpec] = {}
    for specs in results:
        for spec in specs or ():
            if not isinstance(spec, ReaderSpec):
                log.error("reader_spec_invalid", got=type(spec).__name__)
            elif spec.name in found:
                log.error("reader_duplicate", reader=spec.name)
            else:
                found[spec.name] = spec
    return tuple(sorted(found.values(), key=lambda s: s.name))


def installed() -> tuple[ReaderSpec, ...]:
    """The readers of the installed packages, less those of the plugins that
    ``CIVILITY_DISABLE_PLUGINS`` names."""
    return _installed(disabled_names())


@functools.cache
def _installed(disabled: frozenset[str]) -> tuple[ReaderSpec, ...]:  # once per setting
    pm = hook_manager(sys.modules[__name__], disabled=disabled)
    return collect(pm.hook.civility_readers())


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(SNIFF_BYTES)
    except OSError:
        return b""


def choose(path: Path, readers: Sequence[ReaderSpec], fallback: ReaderSpec) -> ReaderSpec:
    """The reader for a file: one whose sniff recognises it, else one that claims its suffix
    without sniffing, else one whose sniff recognises a file of another suffix, else
    ``fallback``."""
    suffix = path.suffix.lower()
    by_suffix = [r for r in readers if suffix in r.suffixes]
    if len(by_suffix) == 1 and by_suffix[0].sniff is None:
        return by_suffix[0]
    head = _head(path)
    sniffers = [r for r in readers if r.sniff is not None]
    for reader in sorted(sniffers, key=lambda r: suffix not in r.suffixes):
        if _sniffs(reader, head):
            return reader
    plain = [r for r in by_suffix if r.sniff is None]
    return plain[0] if plain else fallback


def options(readers: Sequence[ReaderSpec]) -> list[tuple[ReaderOption, list[str]]]:
    """Every reader option once, with the readers that take it (for the command line)."""
    found: dict[str, tuple[ReaderOption, list[str]]] = {}
    for reader in readers:
        for option in reader.options:
            if option.name in found:
                found[option.name][1].append(reader.name)
            else:
                found[option.name] = (option, [reader.name])
    return list(found.values())


# -- streaming JSON -------------------------------------------------------------------------

#: One array item larger than this is not a chat message: reading stops there.
MAX_ITEM_CHARS = 8 << 20
_CHUNK = 1 << 20
_WS = " \t\r\n"


class JsonShapeError(ValueError):
    """The file is not the JSON shape the reader expects (one line, for `Skipped`)."""


class _Buffer:
    def __init__(self, stream: IO[str]) -> None:
        self.stream, self.text, self.pos, self.eof = stream, "", 0, False

    def more(self) -> bool:
        if self.eof:
            return False
        chunk = self.stream.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        if self.pos > _CHUNK:  # drop what was read already
            self.text, self.pos = self.text[self.pos:], 0
        self.text += chunk
        return True

    def skip_ws(self) -> str:
        """The next non-space character (not consumed), "" at the end."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def expect(self, chars: str, what: str) -> str:
        found = self.skip_ws()
        if not found or found not in chars:
            raise JsonShapeError(f"expected {what} at character {self.pos}")
        self.pos += 1
        return found

    def value(self, decoder: json.JSONDecoder) -> Any:
        self.skip_ws()
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                # Incomplete so far, or broken: more text tells which.
                if len(self.text) - self.pos > MAX_ITEM_CHARS or not self.more():
                    raise JsonShapeError(f"not JSON ({exc.msg}) near character {exc.pos}") \
                        from None
                continue
            if end >= len(self.text) and not self.eof and isinstance(value, int | float):
                self.more()  # a number may go on in the next chunk
                continue
            self.pos = end
            return value


def json_items(stream: IO[bytes], key: str,
               header: dict[str, Any] | None = None) -> Iterator[Any]:
    """The items of the array under ``key`` in a top-level JSON object, one at a time.

    Keys before ``key`` are decoded into ``header`` (they are small in chat exports); reading
    stops after the array. Raises `JsonShapeError` (one line) for anything else; items decoded
    before the fault have been yielded.
    """
    header = {} if header is None else header
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict")
    buffer, decoder = _Buffer(text), json.JSONDecoder()
    try:
        buffer.expect("{", "a JSON object")
        if buffer.skip_ws() == "}":
            raise JsonShapeError(f"no {key!r} list")
        while True:
            name = buffer.value(decoder)
            if not isinstance(name, str):
                raise JsonShapeError("not a JSON object")
            buffer.expect(":", "':'")
            if name != key:
                header[name] = buffer.value(decoder)
                if buffer.expect(",}", "',' or '}'") == "}":
                    raise JsonShapeError(f"no {key!r} list")
                continue
            buffer.expect("[", f"a list under {key!r}")
            if buffer.skip_ws() == "]":
                return
            while True:
                yield buffer.value(decoder)
                if buffer.expect(",]", "',' or ']'") == "]":
                    return
    except UnicodeDecodeError as exc:
        raise JsonShapeError(f"not UTF-8 text (byte {exc.start} of a chunk)") from None
    finally:
        text.detach()
