"""A simulated feedback loop: moderators correct the shipped model's mistakes on a stream of one
school's messages, the school's model is fitted (`civility.plugins.iqra.learning.fit`, as
``civility learn`` does), and both are measured on the school's held-back messages.

    .venv/bin/python benchmarks/iqra_learning_loop.py [--corpus benchmarks/corpus/iqra_corpus.jsonl]

The school is the corpus dev split (never used to train the shipped model): a seeded half of its
messages is the stream, the other half is held back. On the stream the moderators' answers are
the labels: a flag under a rule the message breaks is confirmed (breach), a flag under another
rule is answered "keep" (not a breach), and a missed rule is reported (breach).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from civility.plugins.iqra.learned import IqraModel, analyse, verdicts_from
from civility.plugins.iqra.learning import Example, fit
from civility.testing import make_message

CORPUS = Path(__file__).parent / "corpus" / "iqra_corpus.jsonl"


def judge_all(model: IqraModel, rows: list[tuple[str, set[str]]]) -> list[set[str]]:
    out = []
    for text, _ in rows:
        a = analyse(make_message(text), {})
        out.append({v.rule_id for v in verdicts_from(model, a, model.proba(a))})
    return out


def measure(model: IqraModel, rows: list[tuple[str, set[str]]]) -> str:
    tp = fp = fn = clean = flagged = 0
    for (_, labels), got in zip(rows, judge_all(model, rows), strict=True):
        if not labels:
            clean += 1
            flagged += bool(got)
            fp += bool(got)
        elif got & labels:
            tp += 1
        else:
            fn += 1
            fp += bool(got)
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"P {p:.3f} R {r:.3f} clean flagged {flagged / max(clean, 1):.1%} ({len(rows)} messages)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    rows = [(r["text"], set(r["labels"])) for r in map(json.loads, args.corpus.read_text(
        encoding="utf-8").splitlines()) if r["split"] == "dev"]
    random.Random(args.seed).shuffle(rows)
    stream, held = rows[: len(rows) // 2], rows[len(rows) // 2:]
    base = IqraModel.default()
    examples = []
    for (text, labels), got in zip(stream, judge_all(base, stream), strict=True):
        idx, _ = base.rows(analyse(make_message(text), {}))
        ids = tuple(int(i) for i in idx)
        examples += [Example(ids, rule, rule in labels) for rule in got]
        examples += [Example(ids, rule, True) for rule in labels - got]
    school = IqraModel(fit(base.model, examples))
    print(f"stream: {len(stream)} messages, {len(examples)} moderator answers "
          f"({sum(e.breach for e in examples)} breaches)")
    print(f"held back, shipped model: {measure(base, held)}")
    print(f"held back, school model:  {measure(school, held)}")


if __name__ == "__main__":
    main()
