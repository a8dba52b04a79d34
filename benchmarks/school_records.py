"""The school's side at size: the weekly digest round, the termly summary's reads, and an
erasure that keeps an open case, on a real SQLite file.

    .venv/bin/python benchmarks/school_records.py [--incidents 10000] [--groups 10]

Builds a store of ``--incidents`` incidents over ``--groups`` groups and a year (one parent in
every group has 100 cases, one still open), then times, each the best of three:
the digest round for every moderators' chat (one per group; the post itself is not counted),
`kept_cases` + the erasure of that parent, and the reads `civility summary` makes.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path

from civility._records_cli import kept_cases
from civility._schedule import Weekly
from civility.adapter import BaseAdapter
from civility.digest_sender import send_due_digests
from civility.store import ModeratorChoice, NewIncident, Plan, Store
from civility.store.sql import SqlStore

NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


class Chats(BaseAdapter):
    platform = "bench"

    def __init__(self, groups: int) -> None:
        self.groups = groups

    def moderators_chats(self) -> dict[str, tuple[str, ...]]:
        return {f"mods-{g}": (f"g{g}",) for g in range(self.groups)}

    async def send_to_moderators(self, moderators_chat: str, text: str) -> None:
        return None


def _incident(n: int, groups: int, member: str) -> NewIncident:
    return NewIncident(
        time=NOW - dt.timedelta(minutes=50 * n), platform="bench", chat_id=f"g{n % groups}",
        chat_title=f"Group {n % groups}", message_id=f"m{n}", member_id=member,
        member_name=member, rule_ids=("iqra.abuse",), action="delete", steps=("delete",),
        pending=("remove",) if n == 0 else (), source="rule", text="a rude message")


async def build(store: Store, incidents: int, groups: int) -> None:
    for n in range(incidents):
        member = "parent-k" if n % (incidents // 100 or 1) == 0 else f"p{n % 700}"
        answer = None if n == 0 else ModeratorChoice("bench:mod", "caution", "", "resolved")
        await store.record_plan(Plan(key=f"k{n}", kind="message", time=NOW,
                                     incident=_incident(n, groups, member), strike=1.0,
                                     moderator=answer if n % 3 == 0 else None))


async def best(work, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


async def main(incidents: int, groups: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = SqlStore(f"sqlite:///{Path(folder) / 'bench.db'}")
        await store.open()
        started = time.perf_counter()
        await build(store, incidents, groups)
        print(f"built {incidents} incidents in {time.perf_counter() - started:.1f} s")
        adapters = {"bench": Chats(groups)}
        weekly = Weekly(NOW.weekday(), dt.time(0, 0))
        rounds = iter(range(10**6))

        async def digest_round() -> None:  # a new period each run, so every chat posts
            week = NOW + dt.timedelta(weeks=next(rounds))
            await send_due_digests(store, weekly, adapters, lambda: week)  # type: ignore[arg-type]

        print(f"digest round, {groups} moderators' chats: {await best(digest_round):.0f} ms")

        async def summary_reads() -> None:
            found = await store.incidents(limit=10_000_000)
            await store.first_decision_times([r.id for r in found])
            await store.decisions_of([r.id for r in found])

        print(f"summary reads, {incidents} incidents: {await best(summary_reads):.0f} ms")
        started = time.perf_counter()
        kept = await kept_cases(store, "bench:parent-k")
        await store.erase_member("bench:parent-k", keep_cases=[k.id for k in kept])
        print(f"kept_cases + erasure (kept {len(kept)}): "
              f"{(time.perf_counter() - started) * 1000:.0f} ms")
        await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--groups", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.incidents, args.groups))
