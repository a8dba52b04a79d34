"""What the safety guards add to the policy's per-message cost: the Iqra policy alone against
Iqra and safety together, on the same messages, through the same hook caller the engine uses.

    .venv/bin/python benchmarks/safety_speed.py [--messages 30000] [--rounds 5]

Messages are `policy_speed.messages` (synthetic parent-group chatter, ~5% breaches) with the
chat's recent window filled as the engine fills it (20 posts, 30 members), so the flood rule
does its real work. Every round judges them afresh, in a chat of its own (new messages, as live
traffic is: judging the same messages again would time the rare path of a reported message
judged a second time). The two configurations run interleaved, a block of ``--block`` messages
each in turn, and for each block the best of the ``--rounds`` rounds counts; time is the
process's CPU time. On a shared machine this filters out the other sessions' load far better
than the best whole round. The goal is an overhead of at most 20%.
``--engine`` also times the whole engine (``Engine.handle`` with the in-memory store: judging
in the worker threads, the ladder, recording and acting through a recording adapter) with the
guards off and on, the same way: the two engines in turns, each block's best round.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import time
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs
from policy_speed import messages

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import School
from civility.context import PolicyContext, RecentPost
from civility.events import MemberRef, Message, MessageRef
from civility.testing import make_chat

WINDOW = 20


def build(texts: list[str], chat_id: str = "speed") -> list[tuple[Message, PolicyContext]]:
    chat = make_chat(chat_id)
    school = School(name="Test School")
    start = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    recent: deque[RecentPost] = deque(maxlen=WINDOW)
    out = []
    for i, text in enumerate(texts):
        sender = MemberRef("test", f"p{i % 30}", f"Parent {i % 30}")
        when = start + dt.timedelta(seconds=20 * i)
        message = Message(ref=MessageRef(chat, f"m{i}", sender), sender=sender, text=text,
                          time=when)
        out.append((message, PolicyContext(school=school, chat=chat, recent=tuple(recent))))
        recent.append(RecentPost(sender, when))
    return out


def run(hooks: Hooks, items: list[tuple[Message, PolicyContext]], only: tuple[str, ...]
        ) -> tuple[float, int]:
    flagged = 0
    started = time.process_time()  # CPU time: the machine is shared, wall time is noisy
    for message, context in items:
        flagged += bool(hooks.on_message(message, context, only))
    return time.process_time() - started, flagged


async def engine_rounds(texts: list[str], rounds: int, block: int) -> dict[bool, float]:
    """CPU seconds per message of the whole engine without and with the guards: the two
    engines handle the same messages in turns, a block at a time, and each block's best
    round counts (as for the hook level: a whole round's best is at the mercy of the load)."""
    from civility.config import Config
    from civility.engine import Engine
    from civility.store.memory import MemoryStore
    from civility.testing import RecordingAdapter

    blocks = range(0, len(texts), block)
    best = {on: [float("inf")] * len(blocks) for on in (False, True)}
    for r in range(rounds):
        items = build(texts)
        engines: dict[bool, Engine] = {}
        for on in (False, True):
            config = Config(school=School(name="Test School"), plugins=("iqra",),
                            plugin_settings={"safety": {"enabled": on}})
            engine = Engine(config, Hooks(make_manager(entry_points=False)), MemoryStore())
            engine.add_adapter(RecordingAdapter())
            await engine.store.open()
            for message, _ in items[:300]:
                await engine.handle(message)
            engines[on] = engine
        for b, start in enumerate(blocks):
            for on, engine in engines.items():
                started = time.process_time()
                for message, _ in items[start:start + block]:
                    # Fresh ids per round and setting: nothing is a redelivery.
                    await engine.handle(attrs.evolve(message, ref=attrs.evolve(
                        message.ref, id=f"{message.ref.id}-{r}-{on}")))
                best[on][b] = min(best[on][b], time.process_time() - started)
        for engine in engines.values():
            await engine.store.close()
    return {on: sum(times) / len(texts) for on, times in best.items()}


def interleaved(hooks: Hooks, texts: list[str], configs: list[tuple[str, ...]], rounds: int,
                block: int) -> tuple[dict[tuple[str, ...], float], dict[tuple[str, ...], int]]:
    """Seconds per configuration (the sum of each block's best round) and messages flagged."""
    blocks = range(0, len(texts), block)
    best = {only: [float("inf")] * len(blocks) for only in configs}
    flagged = dict.fromkeys(configs, 0)
    for r in range(rounds):
        # A chat of its own per round and configuration: every message is new to the guards.
        items = {only: build(texts, f"speed-{r}-{'+'.join(only)}") for only in configs}
        for b, start in enumerate(blocks):
            for only in configs:
                took, hits = run(hooks, items[only][start:start + block], only)
                best[only][b] = min(best[only][b], took)
                flagged[only] += hits if r == 0 else 0
    return {only: sum(times) for only, times in best.items()}, flagged


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=30_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--block", type=int, default=500, help="messages timed at a time")
    ap.add_argument("--engine", action="store_true", help="also time the whole engine")
    args = ap.parse_args()
    texts = messages(args.messages)
    hooks = Hooks(make_manager(entry_points=False))
    alone, both = ("iqra",), ("iqra", "safety")
    run(hooks, build(texts[:500], "warm-up"), both)  # warm caches (lexicons, model) first
    best, flagged = interleaved(hooks, texts, [alone, both], args.rounds, args.block)
    n = len(texts)
    a, b = best[alone] / n * 1e6, best[both] / n * 1e6
    load = os.getloadavg()[0]  # the machine is shared: say how busy it was
    print(f"{n} messages, each block's best of {args.rounds} rounds (load {load:.1f} on "
          f"{os.cpu_count()} CPUs):")
    print(f"  iqra alone     {a:7.1f} us/message  ({flagged[alone] / n:.1%} flagged)")
    print(f"  iqra + safety  {b:7.1f} us/message  ({flagged[both] / n:.1%} flagged)")
    print(f"  safety adds    {b - a:7.1f} us/message = {(b - a) / a:+.1%} of the policy's cost "
          f"(goal: at most +20%)")
    if args.engine:
        from civility import _logging

        _logging.configure("warning")  # one log line per decision would swamp the timing
        best_engine = asyncio.run(engine_rounds(messages(min(args.messages, 5_000)), args.rounds,
                                                args.block))
        off, on = best_engine[False] * 1e6, best_engine[True] * 1e6
        print(f"  whole engine   {off:7.1f} us/message without, {on:.1f} with the guards: "
              f"{(on - off) / off:+.1%}")


if __name__ == "__main__":
    main()
