"""The live path with the shipped defaults: per-message latency and the bot's resident memory.

    .venv/bin/python benchmarks/live_path.py [--messages 20000] [--chats 10]

An engine as `civility run` builds it on defaults (the Iqra policy with its learned model, the
safety guards beside it, a real SQLite store in a temporary folder) handles the seeded
parent-group mix of ``policy_speed.py`` (about 5% breaches) through ``Engine.handle``, as an
adapter hands messages in: judged in the judging pool's worker threads, breaches recorded and
acted on through a recording adapter. Prints the latency of each message from ``handle`` to
its outcome (wall clock, p50/p99/max; and for the messages judged clean alone, whose time is the
judging), the CPU time per message, and the process's peak RSS
(Linux ru_maxrss): everything the bot holds except a platform's network client.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path

import structlog

sys.path.insert(0, str(Path(__file__).parent))

from _bench import percentile
from policy_speed import messages

from civility._runner import build_engine
from civility.config import Config, School, StoreSettings
from civility.testing import RecordingAdapter, make_chat, make_message


async def measure(n: int, chats: int, folder: Path) -> None:
    config = Config(school=School(name="Test School"),
                    store=StoreSettings(url=f"sqlite:///{folder / 'civility.db'}"))
    engine = build_engine(config)
    engine.add_adapter(RecordingAdapter())
    await engine.start(adapters=False)
    rooms = [make_chat(f"group-{i}") for i in range(chats)]
    texts = messages(n)
    batch = [make_message(t, sender=f"Parent {i % 60}", chat=rooms[i % chats])
             for i, t in enumerate(texts)]
    for m in batch[:300]:  # load the model and warm the caches
        await engine.handle(m)
    lat: list[float] = []
    clean: list[float] = []
    cpu = time.process_time()
    start = time.perf_counter()
    for m in batch[300:]:
        t0 = time.perf_counter()
        outcome = await engine.handle(m)
        took = time.perf_counter() - t0
        lat.append(took)
        if outcome.incident_id is None:
            clean.append(took)
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu
    await engine.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(lat):,} messages in {chats} chats, Iqra + safety, SQLite: latency p50 "
          f"{percentile(lat, 50) * 1e3:.2f} ms, p99 {percentile(lat, 99) * 1e3:.2f} ms, max "
          f"{max(lat) * 1e3:.1f} ms; CPU {cpu / len(lat) * 1e6:.0f} us a message; "
          f"{len(lat) / total:,.0f} msgs/s; peak RSS {rss:.0f} MB")
    print(f"  the {len(clean):,} judged clean (judging and the hop to a worker thread, nothing "
          f"recorded): p50 {percentile(clean, 50) * 1e3:.2f} ms, p99 "
          f"{percentile(clean, 99) * 1e3:.2f} ms; the {len(lat) - len(clean):,} breaches also "
          "wait for their record in SQLite and the actions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--chats", type=int, default=10)
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    with tempfile.TemporaryDirectory(prefix="civility-live-") as folder:
        asyncio.run(measure(args.messages, args.chats, Path(folder)))


if __name__ == "__main__":
    main()
