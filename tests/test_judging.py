"""Judging off the event loop, and plugins that misbehave: raise, hang or return junk.

Real engines with the memory store and the recording adapter; the slow and broken policies are
real plugin objects registered through ``make_manager(extra=...)``. Timings here are generous
bounds ("well under the slow policy's time"), never tight ones.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from pathlib import Path

import pytest

from civility._hooks import Hooks
from civility._judging import MAX_OVERDUE, SUSPEND_AFTER
from civility._plugins import make_manager
from civility.config import Config, School
from civility.context import PolicyContext
from civility.engine import Engine
from civility.hookspecs import hookimpl
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_chat, make_message
from civility.verdicts import Evidence, Rule, Severity, Step, Verdict

sys.path.insert(0, str(Path(__file__).parent / "support"))
from stuck_plugin import Hangs

SWEAR = Rule("good.swear", "No swearing", "Keep it clean.", "Rule 1", Severity.MEDIUM)
SLOW_SECONDS = 1.5


class Good:
    """Flags "darn": the policy that must keep working whatever the others do."""

    @hookimpl
    def civility_rules(self) -> list[Rule]:
        return [SWEAR]

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        if "darn" in message.text:
            return [Verdict(SWEAR.id, SWEAR.clause, SWEAR.severity, 0.95,
                            (Evidence("word", "darn"),))]
        return []


class Slow:
    """Burns the CPU in pure Python on a crafted message (holding the GIL, as a bad regex
    written in Python would), and is instant otherwise."""

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        if "crafted" in message.text:
            end = time.perf_counter() + SLOW_SECONDS
            n = 0
            while time.perf_counter() < end:
                n += 1
        return []


class Raises:
    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        return [1 / 0]


class Junk:
    def __init__(self, value: object) -> None:
        self.value = value

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        return self.value


def _engine(*plugins: tuple[str, object], budget: float = 5.0) -> tuple[Engine, RecordingAdapter]:
    names = tuple(name for name, _ in plugins)
    hooks = Hooks(make_manager(builtins=True, entry_points=False, disabled=("iqra", "safety"),
                               extra=plugins), budget_seconds=budget)
    engine = Engine(Config(school=School(name="Test"), plugins=names), hooks, MemoryStore())
    adapter = RecordingAdapter()
    engine.add_adapter(adapter)
    return engine, adapter


async def test_a_slow_policy_in_one_chat_does_not_hold_up_another_chat():
    engine, _ = _engine(("good", Good()), ("slow", Slow()))
    await engine.start(adapters=False)
    try:
        crafted = make_message("a crafted darn message", chat=make_chat("chat-a"))
        other = make_message("darn it", chat=make_chat("chat-b"))
        slow_task = asyncio.create_task(engine.handle(crafted))
        await asyncio.sleep(0.05)  # the slow policy is now burning its worker
        started = time.perf_counter()
        outcome = await engine.handle(other)
        delay = time.perf_counter() - started
        assert outcome.decision.rule_ids == ("good.swear",)
        assert Step.DELETE in outcome.decision.steps
        assert not slow_task.done()  # chat B was decided while chat A was still being judged
        assert delay < SLOW_SECONDS / 5, f"chat B waited {delay * 1000:.0f} ms"
        slow = await slow_task
        assert slow.decision.rule_ids == ("good.swear",)  # within budget: judged in full
    finally:
        await engine.stop()


async def test_a_hanging_policy_is_skipped_after_the_budget_and_the_message_still_decided():
    hangs = Hangs()
    engine, _ = _engine(("good", Good()), ("hangs", hangs), budget=0.2)
    await engine.start(adapters=False)
    try:
        started = time.perf_counter()
        outcome = await engine.handle(make_message("crafted darn"))
        took = time.perf_counter() - started
        assert outcome.decision.rule_ids == ("good.swear",)
        assert Step.DELETE in outcome.decision.steps
        assert took < 5  # decided at the budget, not after the hang (up to 30 s)
        health = engine.hooks.health["hangs"]
        assert health.over_budget == 1 and "time budget" in health.last_error
        assert engine.hooks.health["good"].failures == 0
    finally:
        hangs.release.set()
        await engine.stop()


async def test_a_policy_that_keeps_hanging_is_suspended_and_cannot_hold_every_worker():
    hangs = Hangs()
    engine, _ = _engine(("good", Good()), ("hangs", hangs), budget=0.1)
    await engine.start(adapters=False)
    try:
        for i in range(SUSPEND_AFTER + 5):
            outcome = await engine.handle(make_message(f"crafted darn {i}"))
            assert outcome.decision.rule_ids == ("good.swear",)
        health = engine.hooks.health["hangs"]
        # Stuck calls are capped: the rest of the messages skipped it instead of waiting.
        assert health.over_budget == MAX_OVERDUE
        assert hangs.calls == MAX_OVERDUE
        assert health.skipped == SUSPEND_AFTER + 5 - MAX_OVERDUE
        assert health.row()["suspended"] is True
        pool = engine.hooks._pool
        assert pool is not None and pool.size <= pool.max_workers
        hangs.release.set()  # once its calls come back it may be asked again
        for _ in range(100):
            if health.overdue == 0:
                break
            await asyncio.sleep(0.02)
        assert health.overdue == 0
        outcome = await engine.handle(make_message("fine darn"))
        assert hangs.calls == MAX_OVERDUE + 1
        assert outcome.decision.rule_ids == ("good.swear",)
    finally:
        hangs.release.set()
        await engine.stop()


async def test_repeated_overruns_suspend_a_policy_for_a_while():
    class Sleepy:
        @hookimpl
        def on_message(self, message, context):  # type: ignore[no-untyped-def]
            time.sleep(0.15)
            return []

    engine, _ = _engine(("good", Good()), ("sleepy", Sleepy()), budget=0.05)
    await engine.start(adapters=False)
    try:
        for i in range(SUSPEND_AFTER):
            await engine.handle(make_message(f"darn {i}"))
            await asyncio.sleep(0.2)  # each call comes back late, so it is not stuck
        health = engine.hooks.health["sleepy"]
        assert health.over_budget == SUSPEND_AFTER and health.overdue == 0
        assert health.suspended(time.monotonic())
        calls = health.calls
        outcome = await engine.handle(make_message("darn again"))
        assert outcome.decision.rule_ids == ("good.swear",)
        assert health.calls == calls and health.skipped == 1
    finally:
        await engine.stop()


@pytest.mark.parametrize("value", ["a string", Verdict("x", "c", Severity.LOW, 1.0), 42,
                                   {"rule": "x"}, iter([])])
async def test_junk_from_one_policy_does_not_stop_the_others(value):
    engine, _ = _engine(("junk", Junk(value)), ("good", Good()))
    await engine.start(adapters=False)
    try:
        outcome = await engine.handle(make_message("darn"))
        assert outcome.decision.rule_ids == ("good.swear",)
        health = engine.hooks.health["junk"]
        assert health.failures == 1
        assert type(value).__name__ in health.last_error
    finally:
        await engine.stop()


async def test_junk_among_verdicts_is_dropped_and_the_verdicts_kept():
    verdict = Verdict(SWEAR.id, SWEAR.clause, Severity.MEDIUM, 0.9)
    engine, _ = _engine(("junk", Junk([None, verdict])))
    await engine.start(adapters=False)
    try:
        outcome = await engine.handle(make_message("anything"))
        assert outcome.decision.rule_ids == (SWEAR.id,)
        assert engine.hooks.health["junk"].failures == 1
    finally:
        await engine.stop()


async def test_a_raising_policy_is_counted_with_where_it_failed_but_not_what_it_said():
    engine, _ = _engine(("raises", Raises()), ("good", Good()))
    await engine.start(adapters=False)
    try:
        for _ in range(3):
            outcome = await engine.handle(make_message("darn"))
            assert outcome.decision.rule_ids == ("good.swear",)
        health = engine.hooks.health["raises"]
        assert health.failures == 3
        assert health.last_error.startswith("ZeroDivisionError at ")
        assert "test_judging.py:" in health.last_error
    finally:
        await engine.stop()


def test_the_synchronous_path_contains_the_same_failures():
    hooks = Hooks(make_manager(builtins=False, entry_points=False,
                               extra=[("raises", Raises()), ("junk", Junk("x")),
                                      ("good", Good())]))
    context = PolicyContext(school=School(), chat=make_chat())
    verdicts = hooks.on_message(make_message("darn"), context)
    assert [v.rule_id for v in verdicts] == ["good.swear"]
    assert hooks.health["raises"].failures == hooks.health["junk"].failures == 1


async def test_inline_judging_gives_the_same_verdicts_without_a_worker():
    hooks = Hooks(make_manager(builtins=False, entry_points=False, extra=[("good", Good())]),
                  inline=True)
    context = PolicyContext(school=School(), chat=make_chat())
    verdicts = await hooks.judge_message(make_message("darn"), context)
    assert [v.rule_id for v in verdicts] == ["good.swear"]
    assert hooks._pool is None


async def test_idle_workers_go_away_and_come_back_on_demand(monkeypatch):
    from civility import _judging

    monkeypatch.setattr(_judging, "IDLE_SECONDS", 0.05)
    pool = _judging.JudgingPool(workers=2)
    futures = [pool.submit(lambda i=i: i * 2)[0] for i in range(5)]
    assert await asyncio.gather(*futures) == [0, 2, 4, 6, 8]
    assert 1 <= pool.size <= 2
    for _ in range(100):
        if pool.size == 0:
            break
        await asyncio.sleep(0.02)
    assert pool.size == 0
    future, _ = pool.submit(lambda: "again")
    assert await future == "again"


async def test_workers_held_by_stuck_calls_are_replaced():
    from civility import _judging

    release = threading.Event()
    pool = _judging.JudgingPool(workers=1, max_workers=3)
    stuck, job = pool.submit(lambda: release.wait(30))
    for _ in range(500):
        if job.started:
            break
        await asyncio.sleep(0.01)
    pool.overdue(+1)  # what Hooks does when the call overruns its budget
    future, _ = pool.submit(lambda: "served")
    assert await asyncio.wait_for(future, 5) == "served"
    assert pool.size == 2
    release.set()
    assert await stuck is True
    pool.shutdown()


def test_civility_run_finishes_promptly_although_a_policy_hangs_for_good(tmp_path):
    """A real `civility run` (console) with an installed policy that never returns on one
    message: the other messages are still moderated, and the process ends at end of input
    instead of waiting for the stuck thread."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    site = tmp_path / "site"
    dist = site / "civility_hang-1.0.dist-info"
    dist.mkdir(parents=True)
    (site / "civility_hang.py").write_text(
        "import time\nfrom civility import hookimpl\n\n@hookimpl\n"
        "def on_message(message, context):\n"
        "    if 'crafted' in message.text:\n        time.sleep(3600)\n    return []\n")
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: civility-hang\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[civility]\ncivility_hang = civility_hang\n")
    config = tmp_path / "civility.toml"
    config.write_text('[policy]\nplugins = ["iqra", "civility_hang"]\n\n'
                      f'[store]\nurl = "sqlite:///{tmp_path / "civility.db"}"\n')
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    exe = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
    started = time.monotonic()
    result = subprocess.run([exe, "run", "--config", str(config)], env=env, cwd=tmp_path,
                            input="Aisha: a crafted message\nBilal: you are a fucking idiot\n",
                            text=True, capture_output=True, timeout=120, check=False)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert took < 60  # the stuck call sleeps for an hour
    assert "Traceback" not in result.stderr
    assert "plugin_failed" in result.stderr or "time budget" in result.stderr
    assert "deleted" in result.stdout.lower() or "🗑" in result.stdout
