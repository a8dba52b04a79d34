"""Speed of the Iqra policy: per-message latency (p50/p99) of ``on_message`` and throughput.

    .venv/bin/python benchmarks/policy_speed.py [--messages 50000] [--write-jsonl PATH]

Messages are synthetic parent-group messages (mostly clean, some breaches, some romanised Urdu,
links and look-alike letters), generated with a fixed seed. ``--write-jsonl PATH`` also writes
them as JSON Lines for the whole ``civility scan`` benchmark. Resident memory is the process's
peak after the run (Linux ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

import civility.plugins.iqra as iqra
from civility.config import School
from civility.context import PolicyContext
from civility.testing import make_message

CLEAN = [
    "PE is on {day} this week, don't forget the kit",
    "Does anyone know if the trip to the {place} needs a packed lunch?",
    "Eid Mubarak to everyone in {cls}!",
    "My son is killing it at times tables this term 😄",
    "Homework club is cancelled on {day}, the letter came home yesterday",
    "Kal {place} ka trip hai, lunch bhejna mat bhoolna",
    "Reminder: parents evening booking closes on {day}",
    "Thank you Mrs Khan for the lovely assembly",
    "Spelling practice here https://www.spellingshed.com",
    "Has anyone seen a blue water bottle in lost property?",
    "The nativity rehearsal finishes at 4pm on {day}",
    "Jazakallah khair for organising the class gift",
]
BREACH = [
    "this is total b0llocks, nobody tells us anything",
    "you are such an idiot, read the letter",
    "bewakoof aurat, chup kar",
    "Mr Smith is hopeless, my daughter has learnt nothing",
    "Vote Reform on {day}, the government has failed us",
    "Selling lash extensions, message me for prices",
    "Watch this, hilarious https://www.tiktok.com/@x/video/1",
    "ｓｈｉｔ communication from the office again",
]
FILL = {"day": ["Monday", "Tuesday", "Friday"], "place": ["museum", "zoo", "farm"],
        "cls": ["3R", "Year 4", "Reception"]}


def messages(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        tpl = rnd.choice(BREACH) if rnd.random() < 0.1 else rnd.choice(CLEAN)
        out.append(tpl.format(**{k: rnd.choice(v) for k, v in FILL.items()}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=50_000)
    ap.add_argument("--write-jsonl", type=Path)
    args = ap.parse_args()
    texts = messages(args.messages)
    if args.write_jsonl:
        with args.write_jsonl.open("w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": f"s{i}", "sender": f"Parent {i % 30}",
                                    "text": text}) + "\n")
        print(f"wrote {len(texts)} messages to {args.write_jsonl}")
    msgs = [make_message(t) for t in texts]
    context = PolicyContext(school=School(name="Test School"), chat=msgs[0].chat)
    for m in msgs[:200]:  # warm caches (lexicon, model) before timing
        iqra.on_message(message=m, context=context)
    lat = []
    clock = time.perf_counter_ns
    start = time.perf_counter()
    for m in msgs:
        t0 = clock()
        iqra.on_message(message=m, context=context)
        lat.append(clock() - t0)
    total = time.perf_counter() - start
    lat.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(msgs)} messages: p50 {lat[len(lat) // 2] / 1000:.1f} us, "
          f"p99 {lat[int(len(lat) * 0.99)] / 1000:.1f} us, "
          f"{len(msgs) / total:,.0f} messages/s, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
