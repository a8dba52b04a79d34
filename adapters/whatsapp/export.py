"""Reading WhatsApp "Export chat" files (``.txt``, or ``.zip`` with media) for `civility scan`.

Our own parser: header lines differ by phone OS and locale (Android ``12/10/2024, 09:15 - Name:
text``, iOS ``[12/10/2024, 09:15:02] Name: text``, 12-hour clocks with a narrow no-break space,
Spanish ``a. m.``, German ``12.10.24``, Finnish ``12.10.2024 klo 9.15``). Day-first or month-first
is inferred from the whole file (a day above 12, then which reading keeps the dates in order)
unless the caller says. Only the standard library: scanning must work with the core install.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from civility.adapters.whatsapp._media import media_kind
from civility.events import Attachment, ChatRef, MemberRef, Message, MessageRef
from civility.links import find_links
from civility.scan import Skipped

PLATFORM = "whatsapp"
#: A chat export larger than this (after unzipping) is refused rather than read into memory.
MAX_EXPORT_BYTES = 512 << 20
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


def read_text(stream: io.TextIOBase | Any, skipped: list[Skipped], *, chat: ChatRef,
              dayfirst: bool | None = None, locale: str = "") -> Iterator[Message]:
    """Messages from an export's text (one pass to read headers, one to build messages)."""
    entries: list[tuple[int, re.Match[str], list[str]]] = []
    match = _HEADER.match
    for number, line in enumerate(stream, start=1):
        line = line.rstrip("\r\n")
        found = match(line)
        if found is not None:
            entries.append((number, found, []))
        elif entries:
            entries[-1][2].append(line)
        elif line.strip():
            skipped.append(Skipped(f"line {number}", "text before the first dated message"))
    dates = list(dict.fromkeys(e[1].group(1) or e[1].group(4) for e in entries))
    # "AM"/"PM" (not Spanish "a. m.") with ambiguous dates is most likely a US phone.
    us_clock = any(re.fullmatch(r"[AaPp][Mm]", (e[1].group(3) or e[1].group(6) or "").strip(
        " \u00a0\u202f")) for e in entries[:200])
    first = infer_dayfirst(dates, dayfirst, locale, us_clock)
    day_cache: dict[str, dt.date | None] = {}
    clock_cache: dict[tuple[str, str | None], tuple[int, int, int] | None] = {}
    members: dict[str, MemberRef] = {}
    for number, found, more in entries:
        yield from _message(number, found, more, chat, first, day_cache, members, skipped,
                            clock_cache)


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
    if text.startswith(("\u200e", "\u200f")) and media_kind(text.lstrip("\u200e\u200f")) is None:
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
    attachments: tuple[Attachment, ...] = ()
    head, _, tail = body.partition("\n")
    kind = media_kind(head.strip())
    if kind is not None:
        attachments = (Attachment(kind, caption=tail.strip()),)
        body = ""
    yield Message(ref=MessageRef(chat, str(number), sender), sender=sender, text=body,
                  time=when, links=find_links(body) if body else (), attachments=attachments,
                  edited=edited)


def _chat_for(path: Path, inner: str = "") -> ChatRef:
    stem = Path(inner).stem if inner and inner != "_chat.txt" else path.stem
    for prefix in ("WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp-Chat mit ",
                   "Chat de WhatsApp con ", "WhatsApp-keskustelu: "):
        if stem.startswith(prefix):
            stem = stem[len(prefix):]
            break
    return ChatRef(PLATFORM, stem, stem)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig", errors="replace")


def _from_zip(path: Path, skipped: list[Skipped]) -> tuple[str, str] | None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        skipped.append(Skipped(path.name, f"not a readable zip file ({exc})"))
        return None
    with archive:
        texts = [i for i in archive.infolist() if i.filename.lower().endswith(".txt")]
        if not texts:
            skipped.append(Skipped(path.name, "no chat text (.txt) inside the zip"))
            return None
        # iOS names it _chat.txt, Android "WhatsApp Chat with X.txt"; otherwise the largest.
        texts.sort(key=lambda i: (Path(i.filename).name != "_chat.txt",
                                  not Path(i.filename).name.startswith("WhatsApp"), -i.file_size))
        info = texts[0]
        if info.file_size > MAX_EXPORT_BYTES:
            skipped.append(Skipped(info.filename, f"larger than {MAX_EXPORT_BYTES >> 20} MiB"))
            return None
        with archive.open(info) as member:
            raw = member.read(MAX_EXPORT_BYTES + 1)
        return info.filename, _decode(raw)


def read_messages(path: Path, skipped: list[Skipped], *, dayfirst: bool | None = None,
                  locale: str = "", **_ignored: Any) -> Iterator[Message]:
    """Every message of a WhatsApp chat export (``.txt`` or ``.zip``); bad lines are skipped."""
    if path.suffix.lower() == ".zip":
        found = _from_zip(path, skipped)
        if found is None:
            return
        inner, text = found
        chat = _chat_for(path, inner)
    else:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            skipped.append(Skipped(path.name, f"larger than {MAX_EXPORT_BYTES >> 20} MiB"))
            return
        raw = path.read_bytes()
        text, chat = _decode(raw), _chat_for(path)
    if "\x00" in text[:4096]:
        skipped.append(Skipped(path.name, "binary data, not a WhatsApp chat export"))
        return
    yield from read_text(io.StringIO(text, newline=None), skipped, chat=chat,
                         dayfirst=dayfirst, locale=locale)
