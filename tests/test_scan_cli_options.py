"""`civility scan` options as a new school meets them: -o, formats, --policy, bad timestamps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from civility._cli import main

ROWS = [{"id": "1", "sender": "Amy", "text": "Trip money is due Friday"},
        {"id": "2", "sender": "Ben", "text": "you are an idiot", "timestamp": "2025-09-01T08:30Z"}]


def chat(tmp_path: Path, rows: list[dict[str, object]] = ROWS) -> Path:
    path = tmp_path / "chat.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def scan(*args: str) -> Result:
    result = CliRunner().invoke(main, ["scan", *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_output_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "report.html"
    result = scan(str(chat(tmp_path)), "--policy", "iqra", "-o", str(target))
    assert result.exit_code == 1
    assert "does not exist" in result.output and str(target.parent) in result.output
    assert not target.parent.exists()


@pytest.mark.parametrize(("name", "looks_like"), [
    ("report.html", "<!doctype html>"), ("report.htm", "<!doctype html>"),
    ("report.jsonl", '{"id": "1"'), ("report.json", '{"id": "1"'), ("report.txt", "messages read"),
    ("report", "messages read")])
def test_format_follows_the_output_extension(tmp_path: Path, name: str, looks_like: str) -> None:
    out = tmp_path / name
    result = scan(str(chat(tmp_path)), "--policy", "iqra", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert looks_like in out.read_text(encoding="utf-8")


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert scan(str(chat(tmp_path)), "--policy", "iqra", "--format", "jsonl",
                "-o", str(out)).exit_code == 0
    assert out.read_text().startswith('{"id"')


def test_with_output_the_path_and_summary_are_printed(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = scan(str(chat(tmp_path)), "--policy", "iqra", "-o", str(out))
    assert str(out) in result.stdout
    assert "2 messages read, 1 flagged, 0 skipped." in result.stdout


def test_policy_takes_a_comma_list_and_repeats(tmp_path: Path) -> None:
    for args in (["--policy", "iqra,safety"], ["--policy", "iqra", "--policy", "safety"],
                 ["--policy", " iqra , iqra "]):
        result = scan(str(chat(tmp_path)), *args, "--format", "jsonl")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout.splitlines()[1])["rules"] == ["iqra.abuse"]


def test_an_unknown_policy_names_the_installed_ones(tmp_path: Path) -> None:
    result = scan(str(chat(tmp_path)), "--policy", "iqra,nosuch")
    assert result.exit_code == 2  # a usage error
    assert "'nosuch'" in result.output and "iqra" in result.output
    assert "installed:" in result.output


def test_a_bad_timestamp_names_the_line_and_the_expected_form(tmp_path: Path) -> None:
    rows = [*ROWS, {"id": "3", "sender": "Cy", "text": "hi", "timestamp": "yesterday"},
            {"id": "4", "sender": "Di", "text": "hi", "timestamp": 1e20}]
    result = scan(str(chat(tmp_path, rows)), "--policy", "iqra")
    assert result.exit_code == 0
    assert "skipped line 3: timestamp 'yesterday'" in result.stderr
    assert "skipped line 4" in result.stderr
    assert "ISO 8601" in result.stderr and "2025-09-01T08:30:00Z" in result.stderr
