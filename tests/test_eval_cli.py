"""`civility eval`: precision and recall per rule, confusions and misses, for any policy."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main

EXAMPLES = [
    {"id": "a", "text": "you are a pathetic idiot", "rules": ["community.respect"]},
    {"id": "b", "text": "what the f*ck", "rules": ["community.language"]},
    {"id": "c", "text": "I think the referee was a bit unfair", "rules": ["community.respect"]},
    {"id": "d", "text": "Well done everyone!", "rules": []},
    {"id": "e", "text": "THIS IS THE BEST CLUB IN THE WHOLE TOWN", "rules": []},
    {"id": "f", "text": "you idiot", "rules": ["community.language"]},
]


def write(tmp_path: Path) -> Path:
    path = tmp_path / "examples.jsonl"
    path.write_text("".join(json.dumps(e) + "\n" for e in EXAMPLES), "utf-8")
    return path


def test_eval_reports_per_rule_scores_confusions_and_misses(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(write(tmp_path)), "--policy", "community",
                                       "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    by_rule = {r["rule"]: r for r in report["rules"]}
    assert by_rule["community.respect"] == {"rule": "community.respect", "precision": 0.5,
                                            "recall": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert by_rule["community.language"]["tp"] == 1 and by_rule["community.language"]["fn"] == 1
    assert report["confusions"] == [{"expected": "community.language",
                                     "given": "community.respect", "count": 1}]
    assert [m["id"] for m in report["misses"]] == ["c"]
    assert report["false_alarms"] == [{"id": "e", "given": ["community.shouting"]}]
    assert report["recall"] == 0.5 and report["clean_flagged_rate"] == 0.5


def test_eval_prints_a_readable_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(write(tmp_path)), "--policy", "community"])
    assert result.exit_code == 0, result.output
    assert "Missed breaches" in result.output and "referee" in result.output
    assert "precision 0.500, recall 0.500 (2 of 4 breaches), clean flagged 1 of 2" in \
        " ".join(result.output.split())


def test_eval_of_a_toml_example_file(tmp_path: Path) -> None:
    path = tmp_path / "examples.toml"
    path.write_text('[[example]]\ntext = "you numpty"\nrules = ["community.respect"]\n'
                    '[[example]]\ntext = "see you Saturday"\nrules = []\n', "utf-8")
    result = CliRunner().invoke(main, ["eval", str(path), "--policy", "community", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["recall"] == 1.0


def test_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "rules": []}\n{"text": 5}\n', "utf-8")
    result = CliRunner().invoke(main, ["eval", str(path), "--policy", "community"])
    assert result.exit_code == 1
    assert "line 2: text must be a string" in result.output
    assert "Traceback" not in result.output
    unknown = CliRunner().invoke(main, ["eval", str(write(tmp_path)), "--policy", "nosuch"])
    assert unknown.exit_code == 1 and "nosuch" in unknown.output
