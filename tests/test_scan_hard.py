"""`civility scan` on crafted files: one clean line for what cannot be read, never a traceback,
and memory that does not grow with the file."""

from __future__ import annotations

import json
import os
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import civility.scan as scan_module
from civility._cli import main
from civility.adapters.whatsapp.export import read_messages
from civility.scan import Skipped, read_jsonl

CHAT = ("12/10/2024, 09:15 - Amina: Trip money is due on Friday\n"
        "13/10/2024, 10:02 - Bilal: you are an idiot\n"
        "13/10/2024, 10:05 - Amina: Thanks everyone\n")


def scan(*args: str) -> Result:
    result = CliRunner().invoke(main, ["scan", "--policy", "iqra", *args])
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def one_clean_error(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0].lower(), lines[0]


def write_zip(path: Path, text: str, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        archive.writestr("_chat.txt", text)
    return path


def patch_headers(path: Path, *, flag: int | None = None, method: int | None = None) -> None:
    """Rewrite the member's local and central headers (flag bits, compression method)."""
    data = bytearray(path.read_bytes())
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    if flag is not None:
        struct.pack_into("<H", data, local + 6, flag)
        struct.pack_into("<H", data, central + 8, flag)
    if method is not None:
        struct.pack_into("<H", data, local + 8, method)
        struct.pack_into("<H", data, central + 10, method)
    path.write_bytes(bytes(data))


def damage_data(path: Path) -> None:
    """Overwrite bytes in the middle of the member's compressed data."""
    data = bytearray(path.read_bytes())
    local = data.index(b"PK\x03\x04")
    name_len, extra_len = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_len + extra_len
    end = data.index(b"PK\x01\x02")
    middle = (start + end) // 2
    data[middle:middle + 8] = b"\xde\xad\xbe\xef\x00\xff\x13\x37"
    path.write_bytes(bytes(data))


def test_json_nested_1000_deep_is_a_skipped_line(tmp_path: Path) -> None:
    source = tmp_path / "deep.jsonl"
    source.write_text("[" * 1000 + "]" * 1000 + "\n"
                      + '{"id": "x", "sender": ' + "[" * 900 + "]" * 900 + ', "text": "hi"}\n'
                      + json.dumps({"id": "1", "sender": "Amy", "text": "you are an idiot"})
                      + "\n")
    result = scan(str(source), "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["1"]
    # Python 3.11 and 3.12 find it too deep; 3.13's parser reads it (and it is no message).
    assert ("skipped line 1: JSON nested too deeply" in result.stderr
            or "skipped line 1: not a JSON object" in result.stderr)
    assert "skipped line 2" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "jsonl", "html"])
def test_lone_surrogates_in_every_output_format(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "chat.jsonl"
    source.write_text(
        '{"id": "\\ud800", "sender": "Amy \\udfff", "text": "you idiot \\ud800 \\udc00"}\n'
        '{"id": "2", "sender": "\\udbff", "chat": "\\ud800", "text": "fine"}\n')
    out = tmp_path / f"report.{fmt}"
    result = scan(str(source), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8")  # valid UTF-8 throughout
    assert "\ufffd" in text or fmt == "jsonl"
    assert "2 messages read" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_lone_surrogates_to_standard_output(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "chat.jsonl"
    source.write_text('{"id": "1", "sender": "Amy \\udfff", "text": "idiot \\ud800"}\n')
    assert scan(str(source), "--format", fmt).exit_code == 0


def test_bad_crc_is_one_clean_line(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "chat.zip", CHAT * 50, zipfile.ZIP_STORED)
    damage_data(path)
    one_clean_error(scan(str(path)), "damaged zip", "crc")


def test_corrupt_deflate_data_is_one_clean_line(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "chat.zip", "".join(f"{CHAT}{i}\n" for i in range(400)))
    damage_data(path)
    one_clean_error(scan(str(path)), "damaged zip")


def test_encrypted_zip_is_one_clean_line(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "chat.zip", CHAT)
    patch_headers(path, flag=0x1)
    one_clean_error(scan(str(path)), "encrypted")


@pytest.mark.parametrize(("method", "name"), [(9, "deflate64"), (98, "ppmd"), (77, "77")])
def test_unsupported_compression_is_one_clean_line(tmp_path: Path, method: int,
                                                   name: str) -> None:
    path = write_zip(tmp_path / "chat.zip", CHAT)
    patch_headers(path, method=method)
    one_clean_error(scan(str(path)), name)


def test_truncated_and_fake_zips_are_one_clean_line(tmp_path: Path) -> None:
    whole = write_zip(tmp_path / "whole.zip", CHAT * 100).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    one_clean_error(scan(str(cut)), "zip")
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    one_clean_error(scan(str(fake)), "zip")


def test_zip_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z, \
            z.open("_chat.txt", "w", force_zip64=True) as member:
        member.write(b"12/10/2024, 09:15 - Amina: ")
        block = b"a" * (1 << 20)
        for _ in range(200):  # 200 MiB of one line
            member.write(block)
    assert bomb.stat().st_size < 1 << 20
    tracemalloc.start()
    result = scan(str(bomb))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    one_clean_error(result, "expand")
    assert peak < 20 << 20


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_utf16_with_a_bom_and_odd_length(tmp_path: Path, suffix: str) -> None:
    text = CHAT if suffix == ".txt" else (
        json.dumps({"id": "1", "sender": "Amy", "text": "you are an idiot"}) + "\n")
    path = tmp_path / f"chat{suffix}"
    path.write_bytes(text.encode("utf-16") + b"\x00")  # BOM, then one stray byte
    result = scan(str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(row["rules"] for row in rows)


def test_dev_zero_is_refused_at_once() -> None:
    one_clean_error(scan("/dev/zero"), "not a regular file")


def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "chat.txt"
    os.mkfifo(pipe)
    one_clean_error(scan(str(pipe)), "not a regular file")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_csv_file_gets_one_line_naming_the_formats(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"chat{suffix}"
    path.write_text("id,sender,text\n" + "".join(f"{i},Amy,hello\n" for i in range(50)))
    one_clean_error(scan(str(path)), "json lines", "whatsapp")


@pytest.mark.parametrize("suffix", [".jsonl", ".txt", ".bin"])
def test_binary_file_gets_one_line(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"photo{suffix}"
    path.write_bytes(bytes(range(256)) * 400)
    one_clean_error(scan(str(path)), "json lines", "whatsapp")


def test_an_overlong_line_is_skipped_without_reading_it_into_memory(tmp_path: Path) -> None:
    source = tmp_path / "long.jsonl"
    with source.open("wb") as out:
        out.write(json.dumps({"id": "1", "sender": "Amy", "text": "hello"}).encode() + b"\n")
        out.write(b'{"id": "2", "sender": "Ben", "text": "' + b"x" * (30 << 20) + b'"}\n')
        out.write(json.dumps({"id": "3", "sender": "Cy", "text": "hello"}).encode() + b"\n")
    skipped: list[Skipped] = []
    tracemalloc.start()
    with source.open("rb") as stream:
        ids = [m.ref.id for m in read_jsonl(stream, skipped)]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert ids == ["1", "3"]
    assert skipped[0].where == "line 2" and "longer than" in skipped[0].why
    assert peak < 16 << 20


def test_the_per_file_limit_is_one_clean_line(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_module, "MAX_INPUT_BYTES", 1 << 20)
    export = tmp_path / "chat.txt"
    export.write_text(CHAT * 20_000)
    skipped: list[Skipped] = []
    count = sum(1 for _ in read_messages(export, skipped, dayfirst=True))
    assert 0 < count < 60_000
    assert "more than 1 MiB" in skipped[-1].why


def test_export_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    def peak_reading(lines: int) -> int:
        export = tmp_path / f"chat{lines}.zip"
        with zipfile.ZipFile(export, "w", compression=zipfile.ZIP_DEFLATED) as z, \
                z.open("_chat.txt", "w") as member:
            for i in range(lines):
                member.write(f"{1 + i % 28:02d}/10/2024, 09:{i % 60:02d} - Parent {i % 97}: "
                             f"message number {i} about the trip\n".encode())
        tracemalloc.start()
        count = sum(1 for _ in read_messages(export, []))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == lines
        return peak

    small, large = peak_reading(5_000), peak_reading(80_000)
    assert large < 2 * small + (1 << 20), (small, large)
