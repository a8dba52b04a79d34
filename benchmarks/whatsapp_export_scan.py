"""How fast `civility scan` reads a WhatsApp chat export and judges it: 100,000 messages.

    .venv/bin/python benchmarks/whatsapp_export_scan.py [--messages N] [--policy NAME]

Prints the parse time alone, then parse + policy + ladder (as `civility scan` does). The goal
from issue 6 is under 10 s for 100,000 messages on one core.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from civility._logging import configure
from civility._runner import build_engine
from civility.adapters.whatsapp.export import read_messages
from civility.config import Config
from civility.scan import Skipped, scan
from civility.store.memory import MemoryStore

NAMES = ["Aisha Khan", "Bilal", "Chris", "Dana", "Emma W", "Farhan", "Grace", "Hassan"]
LINES = ["Reminder: PE is on Tuesday, don't forget trainers",
         "Does anyone know if the museum trip needs a packed lunch?",
         "Thanks everyone!", "<Media omitted>",
         "Can someone share the homework sheet please?\nIt was due Friday I think"]
BAD = ["this school is a joke, the teachers are useless idiots",
       "Great deals on phone cases at www.cheapcases-shop.com use my code DANA10"]


def make_export(path: Path, count: int, bad_share: float = 0.02) -> None:
    rng = random.Random(6)
    when = dt.datetime(2023, 9, 1, 7, 30)
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{when:%d/%m/%Y, %H:%M} - Messages and calls are end-to-end encrypted.\n")
        for _ in range(count):
            when += dt.timedelta(seconds=rng.randint(20, 900))
            line = rng.choice(BAD if rng.random() < bad_share else LINES)
            out.write(f"{when:%d/%m/%Y, %H:%M} - {rng.choice(NAMES)}: {line}\n")


async def judge(path: Path, policy: str | None) -> tuple[int, int]:
    engine = build_engine(Config(), store=MemoryStore(),
                          plugins=(policy,) if policy else None)
    await engine.store.open()
    total = flagged = 0
    async for row in scan(engine, read_messages(path, [])):
        total += 1
        flagged += row.action != "none"
    await engine.store.close()
    return total, flagged


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--policy", default=None, help="policy plugin (default: the config's)")
    parser.add_argument("--bad-share", type=float, default=0.02,
                        help="share of messages that break the code of conduct")
    args = parser.parse_args()
    configure("warning")  # as `civility scan` does: no line per message
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "WhatsApp Chat with Year 3 parents.txt"
        make_export(path, args.messages, args.bad_share)
        size = path.stat().st_size / 1e6
        started = time.perf_counter()
        skipped: list[Skipped] = []
        parsed = sum(1 for _ in read_messages(path, skipped))
        parse_s = time.perf_counter() - started
        print(f"export: {args.messages} messages, {size:.1f} MB, "
              f"{args.bad_share:.0%} breaking the code")
        print(f"parse only: {parsed} messages in {parse_s:.2f} s "
              f"({parsed / parse_s:,.0f} messages/s), {len(skipped)} skipped")
        started = time.perf_counter()
        total, flagged = asyncio.run(judge(path, args.policy))
        scan_s = time.perf_counter() - started
        print(f"parse + policy + ladder: {total} messages in {scan_s:.2f} s "
              f"({total / scan_s:,.0f} messages/s), {flagged} flagged")


if __name__ == "__main__":
    main()
