"""The framework's cost a message in `civility scan`, stage by stage, when the policies answer
from their memos (CPU time, one process).

    .venv/bin/python benchmarks/scan_floor.py FILE [--rounds 3]

FILE is JSON Lines whose texts repeat (e.g. ``scan_vs_profanity_check.py synthetic --keep``:
183 distinct texts in 100,000 messages). The file is scanned once to fill the policies' memos,
then ``--rounds`` more times, each stage timed on its own: reading the file into messages, the
policies (a batch at a time, as ``--jobs 1`` judges), the engine (contexts, hooks, ladder,
recording) and writing the JSON Lines report. The best round of each stage counts.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import time
from pathlib import Path

from civility import _scan_jobs
from civility._cli_config import load
from civility._runner import build_engine
from civility._scan_cli import _jsonl_row
from civility.scan import Skipped, reader_for
from civility.store.memory import MemoryStore


async def _round(path: Path) -> dict[str, float]:
    engine = build_engine(load(None), store=MemoryStore())
    engine.hooks.inline = True
    engine.scan_only = True
    await engine.store.open()
    times: dict[str, float] = {}
    began = time.process_time()
    skipped: list[Skipped] = []
    messages = list(reader_for(path)(path, skipped))
    times["read"] = time.process_time() - began
    began = time.process_time()
    rows = [row async for row in _scan_jobs.scan_in_jobs(engine, iter(messages), 1)]
    times["judge and decide (policies, engine)"] = time.process_time() - began
    # (An older build, compared with this script, does not count it.)
    policies = getattr(_scan_jobs.last_run, "policy_seconds", None)
    if policies is not None:
        times["  of which the policies' hooks"] = policies
    began = time.process_time()
    out = io.StringIO()
    for row in rows:
        out.write(_jsonl_row(row, None))
    times["write the JSON Lines report"] = time.process_time() - began
    times["messages"] = len(rows)
    await engine.store.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    asyncio.run(_round(args.file))  # fills the memos
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for stage, seconds in asyncio.run(_round(args.file)).items():
            best[stage] = min(best.get(stage, seconds), seconds)
    n = best.pop("messages")
    whole = sum(v for k, v in best.items() if not k.startswith("  "))
    print(f"{n:,.0f} messages of {args.file.name}, memos warm; best of {args.rounds} rounds")
    print(f"{'stage':44s} {'CPU s':>7s} {'us/msg':>8s}")
    for stage, seconds in best.items():
        print(f"{stage:44s} {seconds:7.2f} {seconds / n * 1e6:8.1f}")
    print(f"{'the whole scan but start-up':44s} {whole:7.2f} {whole / n * 1e6:8.1f}")


if __name__ == "__main__":
    main()
