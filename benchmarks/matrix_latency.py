"""Matrix: time from a parent's message to its redaction, against a local Synapse.

A real Synapse on 127.0.0.1, the real adapter (matrix-nio) and the real engine. Every message
breaks a test rule, so each is redacted and its poster nudged privately. The clock starts just
before the parent's client sends the message and stops when the parent's own client receives
the redaction by sync: what a parent would see. Messages go one at a time; before the next one
the parent also waits for the private nudge, so each measurement starts with an idle bot.

    .venv/bin/python benchmarks/matrix_latency.py [--messages 200] [--room-version 12] [--sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from _bench import Everything, percentile
from nio import AsyncClient

from civility._hooks import Hooks
from civility._logging import configure
from civility._plugins import make_manager
from civility._tables import Secret
from civility.adapters.matrix.adapter import MatrixAdapter
from civility.adapters.matrix.config import MatrixSettings, RoomSettings
from civility.adapters.matrix.testserver import Synapse, running_synapse
from civility.config import Config, LadderSettings
from civility.engine import Engine
from civility.store.memory import MemoryStore
from civility.store.sql import SqlStore

NEVER = 1e9  # ladder thresholds out of reach: every breach stays "delete + nudge"


class Parent:
    def __init__(self, server: Synapse, name: str) -> None:
        user = server.register(name)
        self.user_id = user.user_id
        self.client = AsyncClient(server.base_url, user.user_id)
        self.client.restore_login(user.user_id, "BENCH", user.access_token)
        self.since: str | None = None
        self.redacted: set[str] = set()
        self.invites: list[str] = []
        self.notices = 0

    async def sync(self) -> None:
        reply = await self.client.sync(timeout=10_000, since=self.since)
        self.since = reply.next_batch
        for info in reply.rooms.join.values():
            for event in info.timeline.events:
                source = event.source
                if source["type"] == "m.room.redaction":
                    self.redacted.add(source.get("redacts") or source["content"].get("redacts"))
                elif source["content"].get("msgtype") == "m.notice":
                    self.notices += 1
        self.invites += list(reply.rooms.invite)


async def world(server: Synapse, version: str, state: Path, store: Any
                ) -> tuple[Engine, Parent, str]:
    bot, mod = server.register("bot"), server.register("mod")
    parent = Parent(server, "parent")
    boss = AsyncClient(server.base_url, mod.user_id)
    boss.restore_login(mod.user_id, "BENCH", mod.access_token)
    users = {bot.user_id: 100} if version == "12" else {bot.user_id: 100, mod.user_id: 100}
    rooms = []
    for name, invite in (("Parents", [bot.user_id, parent.user_id]), ("Moderators", [bot.user_id])):
        made = await boss.room_create(name=name, room_version=version, invite=invite,
                                      power_level_override={"users": users})
        rooms.append(made.room_id)
    await boss.close()
    await parent.client.join(rooms[0])
    await parent.sync()  # the invite to the parents' room, already answered
    parent.invites.clear()
    settings = MatrixSettings(homeserver=server.base_url, user_id=bot.user_id,
                              access_token=Secret("BENCH", bot.access_token),
                              rooms=(RoomSettings(rooms[0]),), moderators_room=rooms[1],
                              state_file=state)
    config = Config(plugins=("bench",), ladder=LadderSettings(
        caution_at=NEVER, review_at=NEVER, propose_removal_at=NEVER))
    engine = Engine(config, Hooks(make_manager(entry_points=False,
                                               extra=[("bench", Everything())])), store)
    engine.add_adapter(MatrixAdapter(settings))
    await engine.start()
    return engine, parent, rooms[0]


async def measure(server: Synapse, messages: int, version: str, tmp: Path,
                  sqlite: bool) -> list[float]:
    store = SqlStore(f"sqlite:///{tmp / 'bench.db'}") if sqlite else MemoryStore()
    engine, parent, room = await world(server, version, tmp / "state.json", store)
    latencies = []
    try:
        for number in range(messages + 1):
            started = time.perf_counter()
            sent = await parent.client.room_send(room, "m.room.message", {
                "msgtype": "m.text", "body": f"darn message {number}"})
            while sent.event_id not in parent.redacted:
                await parent.sync()
            took = time.perf_counter() - started
            if number:  # the first one also creates the direct room: a one-off
                latencies.append(took * 1000)
            else:
                while not parent.invites:
                    await parent.sync()
                await parent.client.join(parent.invites[0])
            while parent.notices < number + 1:  # the nudge: the bot is idle again
                await parent.sync()
    finally:
        await engine.stop()
        await parent.client.close()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--room-version", default="12")
    parser.add_argument("--sqlite", action="store_true", help="SQLite store instead of memory")
    args = parser.parse_args()
    configure("warning")
    logging.getLogger("nio").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as folder, running_synapse(Path(folder) / "hs") as server:
        ms = asyncio.run(measure(server, args.messages, args.room_version, Path(folder),
                                 args.sqlite))
    print(f"matrix message -> redaction seen by the parent, room version {args.room_version}, "
          f"{'SQLite' if args.sqlite else 'memory'} store, n={len(ms)}")
    print(f"  p50 {percentile(ms, 50):.1f} ms  p90 {percentile(ms, 90):.1f} ms  "
          f"p99 {percentile(ms, 99):.1f} ms  max {max(ms):.1f} ms  mean {statistics.mean(ms):.1f} ms")


if __name__ == "__main__":
    main()
