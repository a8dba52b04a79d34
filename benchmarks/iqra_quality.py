"""Quality of the Iqra policy: precision, recall and F1 per rule and overall.

    .venv/bin/python benchmarks/iqra_quality.py --eval ../shared/eval/dev.jsonl \
        [--eval tests/fixtures/iqra/messages.jsonl] [--corpus benchmarks/corpus/iqra_corpus.jsonl] \
        [--data ../shared/data] [--model FILE] [--kit-only] [--show]

Parent-group files (JSON Lines with ``text`` and ``labels``): a flagged message counts as right
when any rule it gets is among its labels; per rule, a message counts for the rule when the rule
is among its labels (recall) or was given (precision). ``--data`` adds the abuse/offensive
rules (abuse, offensive-language, defamation, cultural-respect, grievance) on the held-out parts of OLID
and RUHSOLD (see iqra_data.py: OLID's is a seeded 10% the trainer never sees; RUHSOLD's is its
validation file) and the scorer alone for comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from iqra_data import LOADERS

import civility.plugins.iqra as iqra
from civility.detectors.scorer import Scorer
from civility.testing import judge

#: The rules that count a public-set message as offensive (issue 12's definition).
ABUSIVE = {"iqra.abuse", "iqra.offensive-language", "iqra.defamation", "iqra.cultural-respect",
           "iqra.grievance"}


SETTINGS: dict[str, dict[str, object]] = {}


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def parent_group(path: Path, show: bool, split: str | None = None) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if split:
        rows = [r for r in rows if r.get("split") == split]
    per: dict[str, Counter[str]] = {r.id: Counter() for r in iqra.RULES}
    tp = fp = fn = clean = clean_flagged = 0
    for row in rows:
        labels = set(row["labels"])
        got = {v.rule_id for v in judge(iqra, row["text"], settings=SETTINGS)}
        for rule in per:
            if rule in got and rule in labels:
                per[rule]["tp"] += 1
            elif rule in got:
                per[rule]["fp"] += 1
            elif rule in labels:
                per[rule]["fn"] += 1
        if not labels:
            clean += 1
            clean_flagged += bool(got)
            fp += bool(got)
        elif got & labels:
            tp += 1
        else:
            fn += 1
            fp += bool(got)
        if show and (bool(got) != bool(labels) or (got and not got & labels)):
            print(f"  miss: {row['text'][:70]!r} got {sorted(got)} want {sorted(labels)}")
    print(f"== {path}{f' ({split} split)' if split else ''} ({len(rows)} messages)")
    for rule, c in per.items():
        if sum(c.values()):
            print(f"  {rule:28} {prf(c['tp'], c['fp'], c['fn'])}")
    print(f"  {'overall':28} {prf(tp, fp, fn)}")
    print(f"  clean messages flagged: {clean_flagged}/{clean} "
          f"({clean_flagged / max(clean, 1):.1%})")


def labelled(data: Path, name: str) -> None:
    rows = LOADERS[name](data, "heldout")
    scorer = Scorer.default()
    c_pol: Counter[str] = Counter()
    c_mod: Counter[str] = Counter()
    for text, label in rows:
        pred = bool({v.rule_id for v in judge(iqra, text, settings=SETTINGS)} & ABUSIVE)
        c_pol[("tp" if label else "fp") if pred else ("fn" if label else "tn")] += 1
        pm = scorer.score(text) >= 0.5
        c_mod[("tp" if label else "fp") if pm else ("fn" if label else "tn")] += 1
    print(f"== {name} held-out part ({len(rows)} rows)")
    print(f"  policy (abusive rules)  {prf(c_pol['tp'], c_pol['fp'], c_pol['fn'])}")
    print(f"  scorer alone at 0.5     {prf(c_mod['tp'], c_mod['fp'], c_mod['fn'])}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", type=Path, action="append", default=[])
    ap.add_argument("--corpus", type=Path, help="the Iqra corpus: its dev split is measured")
    ap.add_argument("--data", type=Path)
    ap.add_argument("--show", action="store_true", help="print the messages it got wrong")
    ap.add_argument("--kit-only", action="store_true",
                    help="the word lists and patterns alone (model = false), for comparison")
    ap.add_argument("--model", type=Path,
                    help="judge with this model file instead of the shipped one (to compare)")
    args = ap.parse_args()
    if args.kit_only:
        SETTINGS["iqra"] = {"model": False}
    elif args.model:
        SETTINGS["iqra"] = {"school_model": str(args.model)}
    for path in args.eval:
        parent_group(path, args.show)
    if args.corpus:
        parent_group(args.corpus, args.show, "dev")
    if args.data:
        for name in ("olid", "ruhsold"):
            labelled(args.data, name)


if __name__ == "__main__":
    main()
