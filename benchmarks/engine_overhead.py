"""Framework overhead: messages through the engine with a no-op policy (nothing to decide).

    python benchmarks/engine_overhead.py [--messages 100000]

Reports throughput and per-message latency, p50/p99, for two paths: `Engine.on_message` judged
inline (what `civility scan` uses) and `Engine.handle` with judging in a worker thread (what the
live bot's adapters use: in order per chat, off the event loop).
The no-op policy costs nothing, so the numbers are the framework's own cost.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import statistics
import time

import structlog

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config
from civility.engine import Engine
from civility.hookspecs import hookimpl
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_chat, make_message


class NoOp:
    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        return []


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=1000)[int(q * 10) - 1] if len(values) > 1 else values[0]


async def measure(n: int) -> None:
    engine = Engine(Config(plugins=("noop",)),
                    Hooks(make_manager(builtins=True, entry_points=False, extra=[("noop", NoOp())])),
                    MemoryStore())
    engine.add_adapter(RecordingAdapter())
    await engine.start(adapters=False)
    chats = [make_chat(f"group-{i}") for i in range(10)]
    messages = [make_message(f"message number {i} about the school trip", sender=f"Parent {i % 50}",
                             chat=chats[i % 10]) for i in range(n)]
    gc.collect()
    # scan judges inline (on its own thread); the live adapter path judges off the event loop.
    for name, call, inline in (("on_message (scan path, judged inline)", engine.on_message, True),
                               ("handle (adapter path, per-chat lock, judged in a worker thread)",
                                engine.handle, False)):
        engine.hooks.inline = inline
        for m in messages[:2000]:  # warm up
            await call(m)
        lat: list[float] = []
        start = time.perf_counter()
        for m in messages:
            t0 = time.perf_counter()
            await call(m)
            lat.append(time.perf_counter() - t0)
        total = time.perf_counter() - start
        print(f"{name}: {n / total:,.0f} msgs/s, per message p50 {percentile(lat, 50) * 1e6:.1f} µs, "
              f"p99 {percentile(lat, 99) * 1e6:.1f} µs, mean {total / n * 1e6:.1f} µs")
    await engine.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    asyncio.run(measure(args.messages))


if __name__ == "__main__":
    main()
