"""Learning from a school's moderators: off by default, least data, checked before use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import civility.plugins.iqra as iqra
from civility._cli import main
from civility.config import load_config
from civility.plugins.iqra.learning import (
    EXAMPLES_FILE,
    MODEL_FILE,
    dev_rows,
    load_examples,
    record_example,
)
from civility.testing import judge, make_message

TAUGHT = [
    "Mrs Noor gives far too much homework, it's a lot for year 2",
    "Mrs Noor sets way too much homework every night",
    "far too much homework from Mrs Noor again this week",
    "Mrs Noor piles on the homework, it's too much for them",
    "the amount of homework Mrs Noor gives is too much",
]
PROBE = "Mrs Noor gives them too much homework again"


def _config(tmp_path: Path, enabled: bool = True) -> Path:
    cfg = tmp_path / "civility.toml"
    cfg.write_text(f'[store]\nurl = "sqlite:///{tmp_path}/civility.db"\n'
                   f"[learning]\nenabled = {str(enabled).lower()}\n", encoding="utf-8")
    return cfg


def _examples(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "decisions.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "not json\n", encoding="utf-8")
    return path


def test_learning_is_off_by_default(tmp_path: Path) -> None:
    assert not load_config(None).learning.enabled
    result = CliRunner().invoke(main, ["learn", "--config", str(_config(tmp_path, False)),
                                       "--from", str(_examples(tmp_path, []))])
    assert result.exit_code != 0 and "learning is off" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_learn_fits_the_schools_model_and_scan_uses_it(tmp_path: Path) -> None:
    cfg = _config(tmp_path)
    settings = {"iqra": dict(load_config(cfg).plugin_settings["iqra"])}
    assert settings["iqra"]["learning_folder"] == str(tmp_path)
    assert "iqra.grievance" not in {v.rule_id for v in judge(iqra, PROBE, settings=settings)}
    rows = [{"text": t, "rule": "iqra.grievance", "breach": True} for t in TAUGHT]
    result = CliRunner().invoke(main, ["learn", "--config", str(cfg),
                                       "--from", str(_examples(tmp_path, rows))])
    assert result.exit_code == 0, result.output
    assert "skipped 1 line" in result.output and "shipped dev split" in result.output
    assert (tmp_path / MODEL_FILE).is_file()
    assert "iqra.grievance" in {v.rule_id for v in judge(iqra, PROBE, settings=settings)}


@pytest.mark.slow
def test_a_model_worse_on_the_dev_split_is_refused(tmp_path: Path) -> None:
    # moderators who answer "keep" to everything, even to clear breaches
    cfg = _config(tmp_path)
    breaches = [(t, labels) for t, labels in dev_rows() if labels][:150]
    rows = [{"text": t, "rule": rule, "breach": False} for t, labels in breaches for rule in labels]
    result = CliRunner().invoke(main, ["learn", "--config", str(cfg),
                                       "--from", str(_examples(tmp_path, rows))])
    assert result.exit_code != 0 and "refused" in result.output, result.output
    assert not (tmp_path / MODEL_FILE).exists()


def test_record_example_keeps_no_text(tmp_path: Path) -> None:
    record_example(tmp_path, make_message("Mrs Noor gives far too much homework"),
                   "iqra.grievance", True)
    record_example(tmp_path, make_message("x"), "no.such-rule", True)  # skipped, no raise
    raw = (tmp_path / EXAMPLES_FILE).read_text(encoding="utf-8")
    assert "homework" not in raw.lower() and "noor" not in raw.lower()
    [ex] = load_examples(tmp_path / EXAMPLES_FILE)
    assert ex.rule == "iqra.grievance" and ex.breach and ex.rows
