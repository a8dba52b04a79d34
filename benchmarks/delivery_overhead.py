"""What recording a decision before acting costs: breaches through `Engine.handle` on a real
SQLite file (the default store), with a policy that flags every message it is given.

    python benchmarks/delivery_overhead.py [--breaches 500] [--clean 2000]

Reports per-message latency, p50/p99, for clean messages (nothing is written) and for breaches
(delete + nudge: one incident, one strike, the actions and their marks, one audit entry), and
the same breaches delivered again (only the lookup of what is already done).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path

import structlog

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config
from civility.engine import Engine
from civility.hookspecs import hookimpl
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter, make_chat, make_message
from civility.verdicts import Evidence, Severity, Verdict


class Flags:
    """A policy that finds a medium breach in every message saying "darn"."""

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        if "darn" not in message.text:
            return []
        return [Verdict("bench.mild", "be kind", Severity.MEDIUM, 1.0,
                        (Evidence("word", "darn", 0, 4),))]


def _ms(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else values[0]


async def measure(breaches: int, clean: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = SqlStore(f"sqlite:///{Path(tmp) / 'bench.db'}")
        hooks = Hooks(make_manager(builtins=True, entry_points=False, extra=[("flags", Flags())]))
        engine = Engine(Config(plugins=("flags",)), hooks, store)
        engine.add_adapter(RecordingAdapter())
        await engine.start(adapters=False)
        chats = [make_chat(f"group-{i}") for i in range(10)]
        # Each member breaches once: the ladder stays at delete + nudge for every message.
        bad = [make_message("oh darn it", sender=f"Parent {i}", chat=chats[i % 10])
               for i in range(breaches)]
        good = [make_message(f"trip on day {i}", chat=chats[i % 10]) for i in range(clean)]
        for name, batch in (("clean", good), ("breach", bad), ("breach delivered again", bad)):
            lat = []
            for message in batch:
                t0 = time.perf_counter()
                await engine.handle(message)
                lat.append(time.perf_counter() - t0)
            print(f"{name}: {len(batch)} messages, p50 {_ms(lat, 50):.2f} ms, "
                  f"p99 {_ms(lat, 99):.2f} ms, mean {statistics.fmean(lat) * 1000:.2f} ms")
        await engine.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--breaches", type=int, default=500)
    parser.add_argument("--clean", type=int, default=2000)
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    asyncio.run(measure(args.breaches, args.clean))


if __name__ == "__main__":
    main()
