"""The Iqra parent-group corpus: reproducible, big enough, and split by family."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import civility.plugins.iqra as iqra

CORPUS = Path(__file__).parents[1] / "benchmarks" / "corpus"


def _rows() -> list[dict[str, object]]:
    text = (CORPUS / "iqra_corpus.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


def test_generator_reproduces_the_committed_file(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    dev = tmp_path / "dev.jsonl.gz"
    subprocess.run([sys.executable, str(CORPUS / "make_iqra_corpus.py"), "--out", str(out),
                    "--dev-out", str(dev)], check=True, capture_output=True)
    assert out.read_bytes() == (CORPUS / "iqra_corpus.jsonl").read_bytes()
    shipped = Path(iqra.__file__).parent / "iqra_dev.jsonl.gz"
    # The text, not the gzip bytes: the header's OS byte differs between Python versions.
    assert gzip.decompress(dev.read_bytes()) == gzip.decompress(shipped.read_bytes())


def test_corpus_covers_every_rule_and_enough_clean_messages() -> None:
    rows = _rows()
    assert len(rows) >= 3000
    per_rule = Counter(label for r in rows for label in r["labels"])  # type: ignore[attr-defined]
    assert set(per_rule) == set(iqra.RULE_IDS)
    assert min(per_rule.values()) >= 150
    clean = [r for r in rows if not r["labels"]]
    assert len(clean) >= 1500
    assert sum(r["kind"] == "near-miss" for r in clean) >= 400
    assert len({r["text"] for r in rows}) == len(rows)


def test_split_is_by_family_and_dev_has_every_rule() -> None:
    rows = _rows()
    sides: dict[object, set[object]] = {}
    for r in rows:
        sides.setdefault(r["family"], set()).add(r["split"])
    assert all(len(s) == 1 for s in sides.values())
    dev_rules = {label for r in rows if r["split"] == "dev" for label in r["labels"]}  # type: ignore[attr-defined]
    assert dev_rules == set(iqra.RULE_IDS)
