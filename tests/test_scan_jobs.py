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


def _scan(source: Path, out: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["scan", str(source), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out.read_text()


def test_a_repeat_across_batches_is_found_with_any_number_of_jobs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The flood rule remembers each member's recent texts: a member posting the same text
    three times, the repeats falling in different batches, is nudged with one job and with
    several (each policy judges every message in one worker, in file order)."""
    monkeypatch.setattr(scan_jobs, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(scan_jobs, "BATCH", 5)
    repeat = "Can everyone please vote for our bake stall in the contest tonight"
    lines = []
    for i in range(60):
        spam = i % 5 in (3, 4) or (i % 5 == 0 and i > 0)  # the 3 repeats straddle a batch cut
        lines.append(json.dumps({
            "id": str(i), "sender": "Sam" if spam else f"P{i % 3}",
            "text": repeat if spam else f"Reminder {i}: the trip is on Friday, packed lunch",
            "timestamp": 1_760_000_000 + 30 * i}) + "\n")
    source = tmp_path / "chat.jsonl"
    source.write_text("".join(lines))
    reports = [_scan(source, tmp_path / f"out{jobs}.jsonl", "--jobs", jobs)
               for jobs in ("1", "2", "3")]
    assert "safety.flood" in reports[0]
    assert reports[1] == reports[0] and reports[2] == reports[0]
    assert scan_jobs.last_run.judged_here == 0 and len(scan_jobs.last_run.workers) == 2


def test_scan_uses_every_core_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_jobs, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(scan_jobs, "default_jobs", lambda: 2)
    source = tmp_path / "chat.jsonl"
    source.write_text("".join(json.dumps({"id": str(i), "sender": "P", "text": t}) + "\n"
                              for i, t in enumerate(TEXTS)))
    one = _scan(source, tmp_path / "one.jsonl", "--jobs", "1")
    scan_jobs.last_run.workers = ()
    assert _scan(source, tmp_path / "default.jsonl") == one
    assert sorted(scan_jobs.last_run.workers) == [("iqra",), ("safety",)]


def test_policies_are_shared_out_when_there_are_fewer_jobs() -> None:
    assert scan_jobs.worker_plugins(["a", "b", "c"], 2) == (("a", "c"), ("b",))
    assert scan_jobs.worker_plugins(["a", "b"], 8) == (("a",), ("b",))
    assert scan_jobs.worker_plugins(["a"], 1) == (("a",),)
