"""Quality of the safety plugin's content rules: precision and recall per rule and together,
and the share of clean messages flagged.

    .venv/bin/python benchmarks/safety_quality.py tests/fixtures/safety/messages.jsonl [--show]

Input: JSON Lines with ``text``, ``labels`` (safety rule ids; empty means clean) and optional
``forwarded`` / ``forwarded_many`` booleans. A flagged message counts as right when any safety
content rule it gets is among its labels (`safety.flood` and `safety.quiet-hours` need a
conversation and are measured by the tests, not here).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import civility.plugins.safety as safety
from civility.config import School
from civility.context import PolicyContext
from civility.events import MemberRef, Message, MessageRef
from civility.links import find_links
from civility.testing import make_chat

CONTENT = ("safety.scam", "safety.personal-data", "safety.misinformation")


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def judged(row: dict[str, object], index: int) -> set[str]:
    chat = make_chat(f"quality-{index}")
    sender = MemberRef("test", f"member-{index}", "Member")
    text = str(row["text"])
    message = Message(ref=MessageRef(chat, f"q{index}", sender), sender=sender, text=text,
                      links=find_links(text), forwarded=bool(row.get("forwarded")),
                      forwarded_many=bool(row.get("forwarded_many")))
    context = PolicyContext(school=School(name="Test School", contact_email="office@example.org"),
                            chat=chat)
    return {v.rule_id for v in safety.judge_message(message, context)} & set(CONTENT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path, help="JSON Lines of labelled messages")
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    per: dict[str, Counter[str]] = {r: Counter() for r in CONTENT}
    tp = fp = fn = clean = clean_flagged = 0
    for index, row in enumerate(rows):
        labels = set(row["labels"]) & set(CONTENT)
        got = judged(row, index)
        for rule in CONTENT:
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
            if got and args.show:
                print(f"FALSE ALARM {sorted(got)}: {row['text']}")
        elif got & labels:
            tp += 1
        else:
            fn += 1
            if args.show:
                print(f"MISSED {sorted(labels)} (got {sorted(got)}): {row['text']}")
    print(f"{args.data}: {len(rows)} messages, {clean} clean")
    for rule in CONTENT:
        c = per[rule]
        print(f"  {rule:24} {prf(c['tp'], c['fp'], c['fn'])}")
    print(f"  {'together':24} {prf(tp, fp, fn)}")
    share = clean_flagged / clean if clean else 0.0
    print(f"  clean messages flagged: {clean_flagged}/{clean} ({share:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
