"""One chat's slow message against another chat's latency (judging off the event loop).

    .venv/bin/python benchmarks/judging_isolation.py [--messages 300] [--switch-ms 1]

Chat A gets messages that make a policy burn the CPU in pure Python for 2 s each (holding the
GIL between the interpreter's switches, as a slow pattern written in Python would); chat B's
messages are handled meanwhile through `Engine.handle`, one after another. Prints chat B's
latency (from each message's due time, one every 10 ms) p50/p99/max with and without the slow
chat, and with judging inline on the event loop (as before it moved off) for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import time

import structlog

from civility import _judging
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config
from civility.engine import Engine
from civility.hookspecs import hookimpl
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_chat, make_message

BURN = 2.0


class Slow:
    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        if "crafted" in message.text:
            end = time.perf_counter() + BURN
            while time.perf_counter() < end:
                pass
        return []


async def run(n: int, slow_chat: bool, inline: bool) -> list[float]:
    hooks = Hooks(make_manager(entry_points=False, extra=[("slow", Slow())]), inline=inline)
    engine = Engine(Config(plugins=("iqra", "slow")), hooks, MemoryStore())
    engine.add_adapter(RecordingAdapter())
    await engine.start(adapters=False)
    a, b = make_chat("chat-a"), make_chat("chat-b")
    for i in range(50):  # warm up
        await engine.handle(make_message(f"warm up {i}", chat=b))
    burners: list[asyncio.Task[object]] = []

    def burn() -> None:
        burners.extend(asyncio.create_task(engine.handle(make_message(f"crafted {i}", chat=a)))
                       for i in range(3))

    if slow_chat:
        asyncio.get_running_loop().call_later(0.05, burn)
    lat = []
    begin = time.perf_counter()
    for i in range(n):  # chat B: one message every 10 ms, latency counted from its due time
        due = begin + i * 0.01
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        await engine.handle(make_message(f"Is the trip on Friday {i}?", chat=b))
        lat.append(time.perf_counter() - due)
    await asyncio.gather(*burners)
    await engine.stop()
    return lat


def show(name: str, lat: list[float]) -> None:
    q = statistics.quantiles(lat, n=100)
    print(f"{name}: p50 {q[49] * 1000:.2f} ms, p99 {q[98] * 1000:.2f} ms, "
          f"max {max(lat) * 1000:.1f} ms ({len(lat)} messages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--switch-ms", type=float, default=_judging.SWITCH_INTERVAL * 1000,
                        help="the interpreter's thread switch interval while judging "
                             "(default: what civility sets, 1 ms; Python's own is 5 ms)")
    args = parser.parse_args()
    _judging.SWITCH_INTERVAL = args.switch_ms / 1000
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    show("chat B alone, off the loop", asyncio.run(run(args.messages, False, False)))
    show("chat B while chat A burns 3 x 2 s, off the loop",
         asyncio.run(run(args.messages, True, False)))
    show("chat B while chat A burns 3 x 2 s, inline (judged on the event loop)",
         asyncio.run(run(args.messages, True, True)))


if __name__ == "__main__":
    main()
