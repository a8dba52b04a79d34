"""`civility scan --jobs 2` writes the same report as one job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import civility._scan_jobs as scan_jobs
from civility._cli import main

TEXTS = ["Trip money is due on Friday", "you are an idiot", "This school is a joke, useless",
         "Great deals www.cheapcases-shop.com", "Thanks everyone!", "f u c k this"]


def test_two_jobs_write_the_same_report_as_one(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_jobs, "PARALLEL_BYTES", 0)  # use the workers on a small file
    monkeypatch.setattr(scan_jobs, "BATCH", 7)  # many batches, and one cut short
    source = tmp_path / "chat.jsonl"
    source.write_text("".join(
        json.dumps({"id": str(i), "sender": f"P{i % 4}", "chat": f"c{i % 2}",
                    "text": TEXTS[i % len(TEXTS)], "timestamp": 1_760_000_000 + 60 * i}) + "\n"
        for i in range(120)))
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(main, ["scan", str(source), "--policy", "iqra", "--jobs",
                                           jobs, "-o", str(out)])
        assert result.exit_code == 0, result.output
        reports.append(out.read_text())
    assert reports[0] == reports[1]
    # The second run's policies ran in the workers: every message judged there, none here.
    assert scan_jobs.last_run.batches == 18 and scan_jobs.last_run.judged_here == 0
    assert '"action": "none"' in reports[0] and "iqra.abuse" in reports[0]
