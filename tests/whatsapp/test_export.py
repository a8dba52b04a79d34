"""WhatsApp chat exports: every fixture parses to the expected messages; bad input is skipped."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from civility.adapters.whatsapp.export import infer_dayfirst, read_messages
from civility.events import AttachmentKind
from civility.scan import Skipped, reader_for

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
SAMPLES = sorted(p for p in EXPORTS.glob("*.txt"))


def _rows(path: Path, **options: object) -> tuple[list[list[object]], list[Skipped]]:
    skipped: list[Skipped] = []
    rows = [[m.sender.label, m.time.replace(tzinfo=None).isoformat(), m.text,
             [a.kind.value if not a.caption else [a.kind.value, a.caption] for a in m.attachments],
             m.edited]
            for m in read_messages(path, skipped, **options)]
    return rows, skipped


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_fixture_parses_to_the_expected_messages(path: Path) -> None:
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    rows, skipped = _rows(path)
    assert rows == expected
    assert skipped == []


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_a_zip_with_media_reads_like_its_text(path: Path, tmp_path: Path) -> None:
    archive = tmp_path / f"WhatsApp Chat - {path.stem}.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("00000012-PHOTO-2024-09-04-21-10-09.jpg", b"\xff\xd8\xff\xe0binary")
        z.writestr("_chat.txt", path.read_bytes())
    assert _rows(archive) == _rows(path)


def test_windows_line_endings_and_a_byte_order_mark(tmp_path: Path) -> None:
    source = EXPORTS / "android_en_gb_24h.txt"
    copy = tmp_path / "crlf.txt"
    copy.write_bytes(b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n"))
    assert _rows(copy) == _rows(source)


def test_the_chat_title_comes_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat with Year 3 parents.txt"
    path.write_text("12/10/2024, 09:16 - Aisha: hello\n", encoding="utf-8")
    message = next(read_messages(path, []))
    assert message.chat.title == "Year 3 parents"
    assert message.sender.id == "Aisha" and message.platform == "whatsapp"


def test_the_dayfirst_hint_decides_ambiguous_dates() -> None:
    path = EXPORTS / "ambiguous_dates.txt"
    rows, _ = _rows(path, dayfirst=False)
    assert [r[1][:10] for r in rows] == ["2024-01-02", "2024-01-03", "2024-02-03"]
    rows, _ = _rows(path, dayfirst=True)
    assert [r[1][:10] for r in rows] == ["2024-02-01", "2024-03-01", "2024-03-02"]


def test_date_order_breaks_a_tie_and_a_locale_hint_is_used_last() -> None:
    # Only day-first keeps 3 Jan, 2 Feb, 1 Mar in order, even with a US-style clock.
    assert infer_dayfirst(["03/01/2024", "02/02/2024", "01/03/2024"], us_clock=True) is True
    assert infer_dayfirst(["01/02/2024"], locale="en_US") is False
    assert infer_dayfirst(["01/02/2024"], locale="en_GB") is True
    assert infer_dayfirst(["13/02/2024", "01/02/2024"]) is True
    assert infer_dayfirst(["02/13/2024"]) is False


def test_scan_picks_this_reader_and_passes_the_hint() -> None:
    path = EXPORTS / "ambiguous_dates.txt"
    messages = list(reader_for(path, dayfirst=False)(path, []))
    assert messages[0].time == dt.datetime(2024, 1, 2, 10, 0, tzinfo=dt.UTC)


def test_links_and_media_kinds_are_kept() -> None:
    messages = list(read_messages(EXPORTS / "android_en_gb_24h.txt", []))
    assert messages[3].links == ("www.example.com/trip",)
    assert messages[2].attachments[0].kind is AttachmentKind.OTHER


def test_bad_input_is_skipped_and_never_fatal(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(
        b"garbage before any message\n"
        b"31/02/2024, 10:00 - Ann: no such day\n"
        b"12/10/2024, 25:99 - Ann: no such time\n"
        b"12/10/2024, 10:00 - Ann: \xff\xfe invalid utf-8 \xc3\n"
        + b"12/10/2024, 10:01 - Ben: " + b"x" * 300_000 + b"\n")
    skipped: list[Skipped] = []
    messages = list(read_messages(path, skipped))
    assert [m.sender.label for m in messages] == ["Ann", "Ben"]
    assert len(messages[1].text) == 20_000  # cut by the core, not refused
    assert [s.where for s in skipped] == ["line 1", "line 2", "line 3"]


def test_binary_and_broken_zip_files_are_skipped(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    broken = tmp_path / "chat.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8")
    for path in (binary, broken, empty):
        skipped: list[Skipped] = []
        assert list(read_messages(path, skipped)) == []
        assert len(skipped) == 1


# Starting a subprocess reaps earlier children: neonize's import leaves one with an open pipe.
@pytest.mark.filterwarnings("ignore::ResourceWarning",
                            "ignore::pytest.PytestUnraisableExceptionWarning")
def test_reading_exports_needs_no_whatsapp_sdk() -> None:
    import subprocess
    import sys

    code = ("import sys, civility.adapters.whatsapp.export, civility.adapters.whatsapp; "
            "print(sorted(m for m in ('neonize', 'aiohttp', 'qrcode') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
