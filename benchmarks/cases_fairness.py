"""What fair outcomes cost: moderators' keeps (the refund and the "message stands" note), a
member's appeal (the reopened case and its card) and the appeal's decision, through
`Engine.handle` on a real SQLite file (the default store).

    python benchmarks/cases_fairness.py [--cases 300]

Each member breaches once (delete + nudge, so they were told); half the cases are kept, the
other half cautioned, appealed and decided by a second moderator. Reports p50/p99 per event.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import tempfile
import time
from pathlib import Path

import structlog
from _bench import Everything, percentile

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config
from civility.engine import Engine
from civility.events import Appeal, ModeratorDecision, ReviewChoice
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter, make_chat, make_member, make_message

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


async def measure(cases: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = SqlStore(f"sqlite:///{Path(tmp) / 'bench.db'}")
        hooks = Hooks(make_manager(builtins=True, entry_points=False,
                                   extra=[("flags", Everything())]))
        engine = Engine(Config(plugins=("flags",)), hooks, store)
        engine.add_adapter(RecordingAdapter(moderators={"mod", "mod2"}))
        await engine.start(adapters=False)
        chat = make_chat("group")
        mod, mod2 = make_member("Mod", "mod"), make_member("Mod 2", "mod2")
        ids = []
        for n in range(cases):
            outcome = await engine.handle(make_message(
                "oh dear", sender=f"Parent {n}", chat=chat, time=T0 + dt.timedelta(minutes=n)))
            ids.append(outcome.incident_id)
        timings: dict[str, list[float]] = {}

        async def timed(name: str, event: object) -> None:
            started = time.perf_counter()
            outcome = await engine.handle(event)  # type: ignore[arg-type]
            timings.setdefault(name, []).append(time.perf_counter() - started)
            assert not (outcome.refused or outcome.error or outcome.retry), outcome

        later = T0 + dt.timedelta(days=1)
        for n, incident in enumerate(ids):
            parent = make_member(f"Parent {n}")
            if n % 2 == 0:
                await timed("keep (refund + note)", ModeratorDecision(
                    incident, ReviewChoice.KEEP, mod, time=later))
                await timed("keep again (redelivery)", ModeratorDecision(
                    incident, ReviewChoice.KEEP, mod, time=later))
            else:
                await timed("caution", ModeratorDecision(incident, ReviewChoice.CAUTION, mod,
                                                         time=later))
                await timed("appeal (record + card)", Appeal(parent, time=later))
                await timed("appeal decided (keep)", ModeratorDecision(
                    incident, ReviewChoice.KEEP, mod2, time=later))
        await engine.stop()
    print(f"{cases} cases on SQLite, ms per event:")
    for name, values in timings.items():
        print(f"  {name:26s} n={len(values):4d}  p50 {percentile(values, 50) * 1000:6.2f}  "
              f"p99 {percentile(values, 99) * 1000:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    args = parser.parse_args()
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    asyncio.run(measure(args.cases))


if __name__ == "__main__":
    main()
