"""`civility new-policy NAME --toml`: a policy folder a school without Python can use at once."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main


def test_the_toml_scaffold_is_measured_and_listed_as_printed(tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["new-policy", "stmarys", "--toml", "--title", "St Mary's",
                                "--dir", str(tmp_path)])
    assert made.exit_code == 0, made.output
    folder = tmp_path / "stmarys"
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md", "civility.toml", "examples.jsonl", "policy.toml"]
    config = str(folder / "civility.toml")
    assert f"civility eval {folder}/examples.jsonl --policy stmarys --config {config}" in made.output
    evaluated = runner.invoke(main, ["eval", str(folder / "examples.jsonl"), "--policy",
                                     "stmarys", "--config", config, "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    report = json.loads(evaluated.output)
    assert report["recall"] == 1.0 and report["clean_flagged_rate"] == 0.0
    listed = runner.invoke(main, ["rules", "--config", config, "--policy", "stmarys", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [r["id"] for r in json.loads(listed.output)] == [
        "stmarys.kindness", "stmarys.language", "stmarys.staff-concerns"]
    again = runner.invoke(main, ["new-policy", "stmarys", "--toml", "--dir", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.output
