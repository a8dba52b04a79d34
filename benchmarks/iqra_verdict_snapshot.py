"""A snapshot of every Iqra verdict, to prove a refactoring changes none of them.

    .venv/bin/python benchmarks/iqra_verdict_snapshot.py -o /tmp/before.jsonl \
        benchmarks/corpus/iqra_corpus.jsonl tests/fixtures/iqra/*.jsonl
    ... change the code ...
    .venv/bin/python benchmarks/iqra_verdict_snapshot.py --compare /tmp/before.jsonl \
        benchmarks/corpus/iqra_corpus.jsonl tests/fixtures/iqra/*.jsonl

For each message (JSON Lines with ``text``): the kit's own verdicts and the features the learned
model reads (``Analysis.kit`` and ``Analysis.extra``), the model's probability per rule, and the
policy's verdicts with the model on and off (``model = false``), each as (rule, severity,
confidence, evidence). ``--compare`` prints every difference and exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import civility.plugins.iqra as iqra
from civility.plugins.iqra.learned import analyse
from civility.plugins.iqra.school_model import school_model
from civility.testing import judge, make_message
from civility.verdicts import Verdict


def _verdicts(verdicts: list[Verdict] | tuple[Verdict, ...]) -> list[Any]:
    return [[v.rule_id, v.severity.label, v.confidence,
             [[e.detector, e.match, e.start, e.end, e.detail] for e in v.evidence],
             v.suggested.value if v.suggested else None] for v in verdicts]


def snapshot(text: str) -> dict[str, Any]:
    message = make_message(text)
    analysis = analyse(message, {})
    probs = school_model({}).proba(analysis)
    return {
        "kit": _verdicts(analysis.kit),
        "features": list(analysis.extra),
        "proba": {k: round(v, 12) for k, v in probs.items()},
        "model": _verdicts(judge(iqra, message)),
        "kit_only": _verdicts(judge(iqra, message, settings={"iqra": {"model": False}})),
    }


def rows(paths: list[Path]) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                out.append((f"{path.name}:{row.get('id', n)}", row["text"]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="write the snapshot here")
    parser.add_argument("--compare", type=Path, help="compare with this earlier snapshot")
    args = parser.parse_args()
    now = {key: snapshot(text) for key, text in rows(args.files)}
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            for key, snap in now.items():
                out.write(json.dumps({"key": key, **snap}, ensure_ascii=False) + "\n")
        print(f"{len(now)} messages written to {args.output}")
    if not args.compare:
        return 0
    before = {}
    for line in args.compare.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        before[row.pop("key")] = row
    differ = 0
    for key in sorted(set(before) | set(now)):
        if before.get(key) != now.get(key):
            differ += 1
            if differ <= 20:
                print(f"differs: {key}\n  before {before.get(key)}\n  now    {now.get(key)}")
    flagged = sum(bool(s["model"]) for s in now.values())
    print(f"{len(now)} messages compared ({flagged} flagged): {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
