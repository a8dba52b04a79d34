"""Telegram: time from an update reaching the bot to the bot's deleteMessage call, on loopback.

The real adapter (real PTB client) and the real engine run against the loopback Bot API server
the tests use; every message breaks a test rule, so each is deleted (and its poster nudged).
The clock starts when the server hands the update out in a getUpdates answer and stops when
the deleteMessage request for it arrives.

    .venv/bin/python benchmarks/telegram_latency.py [--messages 1000] [--burst]

``--burst`` queues every message at once (a busy morning); the default posts one at a time.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "telegram"))

from _bench import Everything, percentile  # noqa: E402
from fake_bot_api import TOKEN, FakeBotApi  # noqa: E402

from civility._hooks import Hooks  # noqa: E402
from civility._logging import configure  # noqa: E402
from civility._plugins import make_manager  # noqa: E402
from civility._tables import Table  # noqa: E402
from civility.adapters.telegram.adapter import TelegramAdapter  # noqa: E402
from civility.adapters.telegram.config import read_config  # noqa: E402
from civility.config import Config, School  # noqa: E402
from civility.engine import Engine  # noqa: E402
from civility.store.memory import MemoryStore  # noqa: E402
from civility.store.sql import SqlStore  # noqa: E402

GROUP, MODS = -1001, -1002


class ServerThread:
    """The fake Bot API on its own thread and event loop, as Telegram would be: the bot's
    loop does not also serve the server's side of each request."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    async def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, self.loop))

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()


async def make_fake() -> FakeBotApi:
    return FakeBotApi()


async def main(count: int, burst: bool, memory: bool) -> None:
    server = ServerThread()
    fake = await server.run(make_fake())
    users = list(range(1000, 1050))  # many posters, so strikes stay low for each
    for user in users:
        fake.add_user(user, f"Parent {user}", started=True)
    fake.add_user(1, "Owner", started=True)
    fake.add_group(GROUP, "Year 3 parents", owner=1, members=tuple(users))
    fake.add_group(MODS, "Moderators", owner=1)
    await server.run(fake.start())
    with tempfile.TemporaryDirectory() as tmp:
        table = Table({"token": "env:T", "base_url": fake.base_url, "groups": [GROUP],
                       "moderators_chat": MODS, "poll_timeout": 10,
                       "state_file": f"{tmp}/offset.json"}, "telegram", f"{tmp}/c.toml",
                      {"T": TOKEN})
        adapter = TelegramAdapter(read_config(table))
        hooks = Hooks(make_manager(entry_points=False, extra=[("bench", Everything())]))
        engine = Engine(Config(school=School(name="Bench"), plugins=("bench",)), hooks,
                        MemoryStore() if memory else SqlStore(f"sqlite:///{tmp}/bench.db"))
        engine.add_adapter(adapter)
        await engine.start()
        started = time.perf_counter()
        posted = []
        for n in range(count):
            message = await server.run(fake.post(GROUP, users[n % len(users)], f"message {n}"))
            posted.append(message["message_id"])
            if not burst:
                await server.run(fake.wait_call("deleteMessage", message_id=message["message_id"]))
        await server.run(fake.wait_for(lambda: len(fake.called("deleteMessage")) >= count,
                                       limit=600))
        elapsed = time.perf_counter() - started
        deleted = {c.params["message_id"]: c.at for c in fake.called("deleteMessage")}
        latencies = [(deleted[m] - fake.handed_out[fake.update_of_message[(GROUP, m)]]) * 1000
                     for m in posted]
        await engine.stop()
    await server.run(fake.close())
    server.close()
    print(f"telegram update -> deleteMessage over {count} messages "
          f"({'burst' if burst else 'one at a time'}, loopback, "
          f"{'memory' if memory else 'SQLite'} store)")
    print(f"  p50 {percentile(latencies, 50):.2f} ms   p90 {percentile(latencies, 90):.2f} ms   "
          f"p99 {percentile(latencies, 99):.2f} ms   max {max(latencies):.2f} ms   "
          f"mean {statistics.fmean(latencies):.2f} ms")
    print(f"  throughput {count / elapsed:.0f} messages/s (target: p99 under 50 ms)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--burst", action="store_true")
    parser.add_argument("--memory", action="store_true", help="in-memory store, not SQLite")
    args = parser.parse_args()
    configure(level="warning")
    asyncio.run(main(args.messages, args.burst, args.memory))
