"""Export readers are plugins: `civility scan` picks Telegram Desktop's ``result.json``,
Element's room export, WhatsApp's export or JSON Lines by suffix and content, each reader gets
its own options, and broken files give one clean line, never a traceback."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from civility import _readers
from civility._readers import JsonShapeError, ReaderOption, ReaderSpec, json_items
from civility.scan import JSONL_READER, Skipped, reader_for

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
CIVILITY = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"


def scan(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CIVILITY, "scan", *args], cwd=cwd, text=True, capture_output=True,
                          timeout=120, check=False, env={"NO_COLOR": "1", "COLUMNS": "200",
                                                         "PATH": "/usr/bin:/bin"})


def read(path: Path, **options: object) -> tuple[list, list[Skipped]]:
    skipped: list[Skipped] = []
    return list(reader_for(path, **options)(path, skipped)), skipped


def test_telegram_desktop_export():
    messages, skipped = read(EXPORTS / "result.json")
    assert skipped == []
    by_id = {m.ref.id: m for m in messages}
    assert list(by_id) == ["102", "103", "104", "105", "106"]  # service messages passed over
    thanks = by_id["103"]
    assert thanks.platform == "telegram" and thanks.chat.id == "1987654321"
    assert thanks.chat.title == "Year 3 Parents"
    assert thanks.sender.id == "user2002" and thanks.sender.label == "Bilal Ahmed"
    assert thanks.text == "Thanks! The trip letter is on the school website, see page 2"
    assert "https://www.example-school.org.uk/letters" in thanks.links  # a text_link's href
    assert thanks.reply_to is not None and thanks.reply_to.id == "102"
    assert by_id["104"].edited and by_id["105"].forwarded
    assert by_id["105"].attachments[0].kind == "image"
    assert by_id["106"].attachments[0].kind == "audio"
    assert by_id["102"].time.isoformat() == "2026-09-01T08:15:00+00:00"


def test_element_room_export():
    messages, skipped = read(EXPORTS / "element-export.json")
    by_id = {m.ref.id: m for m in messages}
    assert set(by_id) == {"$pe", "$thanks", "$chris", "$dana"}  # state, reaction, redacted: not
    assert by_id["$thanks"].text.startswith("Thanks Aisha!")  # the reply's quote is dropped
    assert by_id["$thanks"].reply_to is not None and by_id["$thanks"].reply_to.id == "$pe"
    edited = [m for m in messages if m.edited]
    assert [m.ref.id for m in edited] == ["$chris"] and "f*cking" in edited[0].text
    assert by_id["$pe"].chat.id == "!year3:example.org"
    assert by_id["$pe"].chat.title == "Year 3 Parents"
    assert by_id["$dana"].attachments[0].caption.startswith("Great deals")
    assert [s.where for s in skipped] == ["encrypted events"]


def test_the_reader_is_chosen_by_content_when_the_suffix_is_shared(tmp_path):
    renamed = tmp_path / "year3.json"  # not called result.json
    shutil.copy(EXPORTS / "result.json", renamed)
    assert {m.ref.id for m in read(renamed)[0]} >= {"102", "104"}
    lines = tmp_path / "messages.json"  # JSON Lines with a .json suffix stays JSON Lines
    lines.write_text('{"id": "1", "sender": "Amy", "text": "hello"}\n', encoding="utf-8")
    [message], _ = read(lines)
    assert message.platform == "scan" and message.text == "hello"
    unknown = tmp_path / "export"  # no suffix: sniffed
    shutil.copy(EXPORTS / "element-export.json", unknown)
    assert read(unknown)[0][0].platform == "matrix"


def test_each_reader_gets_only_its_own_options(tmp_path):
    chat = tmp_path / "chat.txt"
    chat.write_text("01/02/2024, 09:15 - Amy: hello\n", encoding="utf-8")
    [dayfirst], _ = read(chat, dayfirst=True, locale="")
    [monthfirst], _ = read(chat, dayfirst=False, locale="")
    assert (dayfirst.time.month, monthfirst.time.month) == (2, 1)
    # WhatsApp's options given to a Telegram export are not the Telegram reader's business.
    assert read(EXPORTS / "result.json", dayfirst=True, locale="de_DE")[0]


def test_scan_help_shows_each_readers_options():
    result = subprocess.run([CIVILITY, "scan", "--help"], text=True, capture_output=True,
                            timeout=60, check=True, env={"COLUMNS": "200", "PATH": "/usr/bin"})
    assert "--dayfirst / --monthfirst" in result.stdout and "--locale" in result.stdout
    assert "(whatsapp exports)" in result.stdout
    assert "Telegram Desktop" in result.stdout and "Element" in result.stdout


def test_scan_a_telegram_export_end_to_end(tmp_path):
    result = scan(str(EXPORTS / "result.json"), "--policy", "iqra", "--format", "jsonl",
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["104"]["action"] != "none" and "iqra.offensive-language" in rows["104"]["rules"]
    assert rows["102"]["action"] == "none"


@pytest.mark.parametrize("name", ["result.json", "element-export.json"])
def test_a_truncated_export_keeps_what_was_read_and_says_where_it_stopped(tmp_path, name):
    text = (EXPORTS / name).read_text(encoding="utf-8")
    broken = tmp_path / name
    broken.write_text(text[: int(len(text) * 0.6)], encoding="utf-8")
    messages, skipped = read(broken)
    assert messages  # the messages before the cut
    assert len(skipped) == 1 and "not" in skipped[0].why
    result = scan(str(broken), "--policy", "iqra", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "skipped" in result.stderr


@pytest.mark.parametrize("content", [
    b'{"name": "x", "type": "private_group", "id": 1}',  # no messages
    b'{"name": "x", "type": "private_group", "id": 1, "messages": {"a": 1}}',
    b'{"name": "x", "type": "private_group", "id": 1, "messages": [1, "two", null]}',
    b'{"name": "x", "type": "private_group", "id": 1, "messages": [{"id": 1, "type": '
    b'"message", "from_id": "user1", "date_unixtime": "99999999999999999999", "text": "hi"}]}',
    b'{"name": "\xff\xfe", "type": "private_group", "id": 1, "messages": []}',
])
def test_odd_telegram_exports_are_one_clean_line(tmp_path, content):
    path = tmp_path / "result.json"
    path.write_bytes(content)
    messages, skipped = read(path)
    assert messages == [] and len(skipped) >= 1
    assert all(s.why and "\n" not in s.why for s in skipped)


def test_a_whole_account_export_says_to_export_one_chat(tmp_path):
    path = tmp_path / "result.json"
    path.write_text('{"about": "x", "personal_information": {}, "chats": {"list": []}, '
                    '"type": "personal_chat"}')
    _, [skip] = read(path)
    assert "export one chat" in skip.why


class Counting(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self.inner, self.read_bytes = io.BytesIO(data), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        n = self.inner.readinto(buffer)
        self.read_bytes += n
        return n


def test_json_items_streams_a_large_export():
    item = {"id": 1, "type": "message", "text": "x" * 200}
    data = ('{"name": "big", "messages": [' + ",".join([json.dumps(item)] * 50_000)
            + "]}").encode()
    stream = Counting(data)
    header: dict[str, object] = {}
    items = json_items(io.BufferedReader(stream), "messages", header)
    assert next(items)["id"] == 1 and header == {"name": "big"}
    assert stream.read_bytes < len(data) // 4  # read the first item, not the whole file
    assert sum(1 for _ in items) == 49_999


def test_json_items_handles_values_cut_across_chunks():
    numbers = list(range(0, 3_000_000, 7))
    data = json.dumps({"messages": numbers, "after": True}).encode()
    assert list(json_items(io.BytesIO(data), "messages")) == numbers
    with pytest.raises(JsonShapeError):
        list(json_items(io.BytesIO(b"[1, 2]"), "messages"))


def test_choose_prefers_a_sniffing_reader_and_falls_back(tmp_path):
    def never(path, skipped):  # type: ignore[no-untyped-def]
        return iter(())

    mine = ReaderSpec("mine", "mine", never, suffixes=(".json",), sniff=lambda b: b"MINE" in b,
                      options=(ReaderOption(("--x",), "x", "x"),))
    broken = ReaderSpec("broken", "broken", never, suffixes=(".json",),
                        sniff=lambda b: 1 / 0 > 0)  # a buggy sniffer is passed over
    path = tmp_path / "a.json"
    path.write_text("MINE")
    assert _readers.choose(path, [broken, mine], JSONL_READER) is mine
    path.write_text("{}")
    assert _readers.choose(path, [broken, mine], JSONL_READER) is JSONL_READER
    assert [o.name for o, _ in _readers.options([mine])] == ["x"]


def test_installed_readers_come_from_the_platform_packages():
    names = {r.name for r in _readers.installed()}
    assert {"whatsapp", "telegram", "element"} <= names
