"""Reading WhatsApp "Export chat" files (``.txt``, or ``.zip`` with media) for `civility scan`.

Our own parser: header lines differ by phone OS and locale (Android ``12/10/2024, 09:15 - Name:
text``, iOS ``[12/10/2024, 09:15:02] Name: text``, 12-hour clocks with a narrow no-break space,
Spanish ``a. m.``, German ``12.10.24``, Finnish ``12.10.2024 klo 9.15``). Day-first or month-first
is inferred from the whole file (a day above 12, then which reading keeps the dates in order)
unless the caller says. Only the standard library: scanning must work with the core install.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from civility.adapters.whatsapp._media import media_kind
from civility.events import MAX_TEXT_CHARS, Attachment, ChatRef, MemberRef, Message, MessageRef
from civility.links import message_links
from civility.scan import (
    MAX_LINE_CHARS,
    SUPPORTED,
    ScanInputError,
    Skipped,
    check_zip_member,
    describe_read_error,
    open_regular,
    text_lines,
)

PLATFORM = "whatsapp"
#: Locales whose phones write month-first dates (a hint for ambiguous files).
MONTH_FIRST_LOCALES = ("en_us", "en-us", "us", "en_ph", "en-ph", "fil")

_SP = "[ \u00a0\u202f]"  # WhatsApp puts a (narrow) no-break space before AM/PM
_DATE = r"(\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\.?"
_TIME = rf"(\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?)(?:{_SP}*([AaPp]\.?{_SP}?[Mm]\.?))?"
# Android: "12/10/2024, 09:15 - Name: text"; iOS: "[12/10/2024, 09:15:02] Name: text".
_HEADER = re.compile(
    rf"^[\u200e\u200f]?(?:\[{_DATE},?{_SP}(?:klo{_SP})?{_TIME}\]{_SP}"
    rf"|{_DATE},?{_SP}(?:klo{_SP})?{_TIME}{_SP}[-–]{_SP})(?P<rest>.*)$")
_EDITED = ("<This message was edited>", "<Diese Nachricht wurde bearbeitet.>",
           "<Se editó este mensaje.>", "<Tätä viestiä on muokattu>")
_DELETED = frozenset({
    "This message was deleted", "You deleted this message", "This message was deleted.",
    "Diese Nachricht wurde gelöscht.", "Du hast diese Nachricht gelöscht.",
    "Se eliminó este mensaje.", "Eliminaste este mensaje.", "Tämä viesti poistettiin",
    "Poistit tämän viestin",
})


# Forwarding markers some exports write at the start of a message (a line of its own, or
# before the text): the value says "forwarded many times".
_FORWARDED = {
    "<forwarded>": False, "forwarded": False, "<forwarded many times>": True,
    "forwarded many times": True, "<weitergeleitet>": False, "weitergeleitet": False,
    "<häufig weitergeleitet>": True, "häufig weitergeleitet": True, "<reenviado>": False,
    "reenviado": False, "<reenviado muchas veces>": True, "reenviado muchas veces": True,
    "<välitetty>": False, "välitetty": False, "<välitetty monta kertaa>": True,
    "välitetty monta kertaa": True,
}


def _forwarded(body: str) -> tuple[str, bool, bool]:
    """``(body without the marker, forwarded, forwarded many times)``."""
    if not body or body[0] not in "<FfWwHhRrVv":
        return body, False, False
    head, newline, rest = body.partition("\n")
    key = head.strip().lower()
    if key in _FORWARDED:
        return rest if newline else "", True, _FORWARDED[key]
    if head.startswith("<"):
        marker, _, text = head.partition(">")
        many = _FORWARDED.get(marker.lower() + ">")
        if many is not None:
            return text.lstrip() + newline + rest, True, many
    return body, False, False


def _split_date(date: str) -> tuple[int, int, int]:
    parts = re.split(r"[./-]", date)
    return int(parts[0]), int(parts[1]), int(parts[2])


def _year(value: int) -> int:
    return value + 2000 if value < 100 else value


def _to_date(parts: tuple[int, int, int], dayfirst: bool) -> dt.date:
    a, b, c = parts
    if a > 31:  # year first: 2024-10-12
        return dt.date(a, b, c)
    day, month = (a, b) if dayfirst else (b, a)
    return dt.date(_year(c), month, day)


def infer_dayfirst(dates: list[str], hint: bool | None = None, locale: str = "",
                   us_clock: bool = False) -> bool:
    """Day-first or month-first for a file's date strings (unique, in file order)."""
    if hint is not None:
        return hint
    parsed = [_split_date(d) for d in dates]
    parsed = [p for p in parsed if p[0] <= 31]
    if any(p[0] > 12 for p in parsed):
        return True
    if any(p[1] > 12 for p in parsed):
        return False
    # Still ambiguous: the reading that keeps the messages in date order wins.
    disorder = {}
    for dayfirst in (True, False):
        try:
            seq = [_to_date(p, dayfirst) for p in parsed]
        except ValueError:
            disorder[dayfirst] = len(parsed) + 1
            continue
        disorder[dayfirst] = sum(1 for x, y in itertools.pairwise(seq) if y < x)
    if disorder[True] != disorder[False]:
        return disorder[True] < disorder[False]
    if locale:
        return locale.lower() not in MONTH_FIRST_LOCALES
    return not us_clock


def _clock(time: str, ampm: str | None) -> tuple[int, int, int]:
    parts = [int(x) for x in re.split(r"[:.]", time)]
    hour, minute, second = parts[0], parts[1], parts[2] if len(parts) > 2 else 0
    if ampm:
        pm = ampm.lstrip()[0] in "pP"
        hour = hour % 12 + (12 if pm else 0)
    return hour, minute, second


#: Unique date strings kept for inferring day-first (a chat of 27 years has fewer days).
MAX_DATES = 10_000
#: Continuation lines kept for one message beyond this many characters are dropped (the
#: core keeps `MAX_TEXT_CHARS` of the text anyway).
MAX_BODY_CHARS = MAX_TEXT_CHARS + 1_000


def _dates_of(lines: Iterable[tuple[int, str | None]], *, to_the_end: bool = False
              ) -> tuple[list[str], bool]:
    """The first pass: the unique date strings in file order, and whether the clock looks
    like a US phone's (``AM``/``PM``, not Spanish ``a. m.``). Stops looking once a day
    above 12 settles the question; ``to_the_end`` reads on anyway (a zip's checksum is
    checked at the end, and should be before any message is judged)."""
    dates: dict[str, None] = {}
    us_clock, headers = False, 0
    match = _HEADER.match
    for _, line in lines:
        found = match(line) if line is not None else None
        if found is None:
            continue
        headers += 1
        date = found.group(1) or found.group(4)
        if date not in dates and len(dates) < MAX_DATES:
            dates[date] = None
            parts = _split_date(date)
            if 12 < parts[0] <= 31:
                if to_the_end:
                    for _ in lines:
                        pass
                return list(dates), us_clock
        if headers <= 200 and not us_clock:
            us_clock = re.fullmatch(r"[AaPp][Mm]", (found.group(3) or found.group(6) or "")
                                    .strip(" \u00a0\u202f")) is not None
    return list(dates), us_clock


def read_text(stream: io.TextIOBase | Any, skipped: list[Skipped], *, chat: ChatRef,
              dayfirst: bool | None = None, locale: str = "") -> Iterator[Message]:
    """Messages from an export's text held in memory (tests and small inputs); files are read
    as streams by `read_messages`."""
    lines = [(n, line.rstrip("\r\n")) for n, line in enumerate(stream, start=1)]
    if dayfirst is None:
        dates, us_clock = _dates_of(lines)
        dayfirst = infer_dayfirst(dates, None, locale, us_clock)
    yield from _messages(lines, skipped, chat=chat, dayfirst=dayfirst)


def _messages(lines: Iterable[tuple[int, str | None]], skipped: list[Skipped], *,
              chat: ChatRef, dayfirst: bool) -> Iterator[Message]:
    """The second pass: one message at a time (only the current one is held)."""
    day_cache: dict[str, dt.date | None] = {}
    clock_cache: dict[tuple[str, str | None], tuple[int, int, int] | None] = {}
    members: dict[str, MemberRef] = {}
    match = _HEADER.match
    current: tuple[int, re.Match[str], list[str]] | None = None
    size = 0
    before: list[int] = []  # lines before the first dated message
    first_skip = len(skipped)
    for number, line in lines:
        if line is None:
            skipped.append(Skipped(f"line {number}", f"longer than {MAX_LINE_CHARS} characters"))
            continue
        found = match(line)
        if found is not None:
            if current is not None:
                yield from _message(*current, chat, dayfirst, day_cache, members, skipped,
                                    clock_cache)
            current, size = (number, found, []), len(line)
        elif current is not None:
            size += len(line) + 1
            if size <= MAX_BODY_CHARS:
                current[2].append(line)
        elif line.strip():
            before.append(number)
        if len(day_cache) > MAX_DATES:  # bounded: a crafted file of all different dates
            day_cache.clear()
        if len(members) > 50_000:
            members.clear()
    if current is not None:
        yield from _message(*current, chat, dayfirst, day_cache, members, skipped, clock_cache)
    if before:
        where = f"line {before[0]}" if len(before) == 1 else \
            f"lines {before[0]}-{before[-1]} ({len(before)} lines)"
        skipped.insert(first_skip, Skipped(where, "text before the first dated message"))


def _message(number: int, found: re.Match[str], more: list[str], chat: ChatRef, dayfirst: bool,
             day_cache: dict[str, dt.date | None], members: dict[str, MemberRef],
             skipped: list[Skipped],
             clock_cache: dict[tuple[str, str | None], tuple[int, int, int] | None]
             ) -> Iterator[Message]:
    # Groups 1-3 are the iOS form, 4-6 the Android form of date, time, am/pm.
    i_date, i_time, i_ampm, a_date, a_time, a_ampm, rest = found.groups()
    date, time, ampm = (i_date, i_time, i_ampm) if i_date else (a_date, a_time, a_ampm)
    if date not in day_cache:
        try:
            day_cache[date] = _to_date(_split_date(date), dayfirst)
        except ValueError:
            day_cache[date] = None
    day = day_cache[date]
    if day is None:
        skipped.append(Skipped(f"line {number}", f"not a date: {date}"))
        return
    key = (time, ampm)
    if key not in clock_cache:
        parsed = _clock(time, ampm)
        clock_cache[key] = parsed if parsed[0] < 24 and parsed[1] < 60 and parsed[2] < 60 else None
    clock = clock_cache[key]
    if clock is None:
        skipped.append(Skipped(f"line {number}", f"not a time: {time}"))
        return
    when = dt.datetime(day.year, day.month, day.day, *clock, tzinfo=dt.UTC)
    name, sep, text = rest.partition(": ")
    if not sep or len(name) > 80 or not name.strip():
        return  # a system line: "X added Y", "Messages and calls are end-to-end encrypted"
    if text.startswith(("\u200e", "\u200f")) and media_kind(text.lstrip("\u200e\u200f")) is None \
            and not _forwarded(text.lstrip("\u200e\u200f"))[1]:
        return  # iOS writes system lines as "Group: \u200e..."
    name = name.strip("\u200e\u200f ~\u202f\u00a0")
    sender = members.get(name)
    if sender is None:
        sender = members[name] = MemberRef(PLATFORM, name, name)
    body = "\n".join([text, *more]) if more else text
    if "\u200e" in body or "\x00" in body:
        body = body.replace("\u200e", "").replace("\x00", "")
    if body.strip() in _DELETED:
        return
    edited = body.endswith(_EDITED)
    if edited:
        body = body[: body.rindex("<")].rstrip()
    body, forwarded, forwarded_many = _forwarded(body)
    attachments: tuple[Attachment, ...] = ()
    head, _, tail = body.partition("\n")
    kind = media_kind(head.strip())
    if kind is not None:
        attachments = (Attachment(kind, caption=tail.strip()),)
        body = ""
    yield Message(ref=MessageRef(chat, str(number), sender), sender=sender, text=body,
                  time=when, links=message_links(body) if body else (), attachments=attachments,
                  edited=edited, forwarded=forwarded, forwarded_many=forwarded_many)


def _chat_for(path: Path, inner: str = "") -> ChatRef:
    stem = Path(inner).stem if inner and inner != "_chat.txt" else path.stem
    for prefix in ("WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp-Chat mit ",
                   "Chat de WhatsApp con ", "WhatsApp-keskustelu: "):
        if stem.startswith(prefix):
            stem = stem[len(prefix):]
            break
    return ChatRef(PLATFORM, stem, stem)


def _chat_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    texts = [i for i in archive.infolist() if i.filename.lower().endswith(".txt")]
    if not texts:
        raise ScanInputError("no chat text (.txt) inside the zip")
    # iOS names it _chat.txt, Android "WhatsApp Chat with X.txt"; otherwise the largest.
    texts.sort(key=lambda i: (Path(i.filename).name != "_chat.txt",
                              not Path(i.filename).name.startswith("WhatsApp"), -i.file_size))
    check_zip_member(texts[0])
    return texts[0]


@contextlib.contextmanager
def _lines(path: Path) -> Iterator[Iterator[tuple[int, str | None]]]:
    """The lines of the export's chat text, read as a stream (inside the zip for a .zip)."""
    with open_regular(path) as raw:
        if path.suffix.lower() != ".zip":
            yield _checked(text_lines(raw))
            return
        try:
            archive = zipfile.ZipFile(raw)
        except zipfile.BadZipFile as exc:
            raise ScanInputError(f"not a readable zip file ({exc})") from None
        with archive, archive.open(_chat_member(archive)) as member:
            yield _checked(text_lines(member))


def _checked(lines: Iterator[tuple[int, str | None, str]]) -> Iterator[tuple[int, str | None]]:
    """Lines as ``(number, text)``, refusing a binary file at its first line."""
    for number, line, encoding in lines:
        if number == 1 and line is not None and "\x00" in line and encoding == "utf-8":
            raise ScanInputError(f"binary data, not a WhatsApp chat export (scan reads "
                                 f"{SUPPORTED})")
        yield number, line


def _zip_chat(path: Path) -> ChatRef:
    with open_regular(path) as raw:
        try:
            with zipfile.ZipFile(raw) as archive:
                return _chat_for(path, _chat_member(archive).filename)
        except zipfile.BadZipFile as exc:
            raise ScanInputError(f"not a readable zip file ({exc})") from None


def read_messages(path: Path, skipped: list[Skipped], *, dayfirst: bool | None = None,
                  locale: str = "", **_ignored: Any) -> Iterator[Message]:
    """Every message of a WhatsApp chat export (``.txt`` or ``.zip``); bad lines are skipped,
    and a file that cannot be read is one skip entry naming the problem. Read as a stream
    (twice when the date order must be inferred), so memory does not grow with the file."""
    count = 0
    try:
        chat = _zip_chat(path) if path.suffix.lower() == ".zip" else _chat_for(path)
        if dayfirst is None or path.suffix.lower() == ".zip":
            with _lines(path) as lines:
                dates, us_clock = _dates_of(lines, to_the_end=path.suffix.lower() == ".zip")
            if not dates:
                raise ScanInputError(f"no dated message lines: not a WhatsApp chat export "
                                     f"(scan reads {SUPPORTED})")
            dayfirst = infer_dayfirst(dates, dayfirst, locale, us_clock)
        with _lines(path) as lines:
            for message in _messages(lines, skipped, chat=chat, dayfirst=dayfirst):
                count += 1
                yield message
    except Exception as exc:  # every reading error becomes one clean line
        why = describe_read_error(exc)
        if why is None:
            raise
        skipped.append(Skipped(path.name if not count else f"{path.name} after {count} "
                               "messages", why))
