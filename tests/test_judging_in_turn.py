"""A message's policies judged as one job on one worker, in turn: what must not be lost.

One job per message (not one per policy) saves a thread hop per policy, but puts the policies
behind one another: a policy stuck on a message must not cost the verdicts of the policies after
it, nor strike them; each policy gets its own budget, not a share of one; a job queued behind a
stuck call gets a worker of its own. Real engines and hook callers with the memory store; the
policies are real plugin objects registered through ``make_manager(extra=...)``.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from civility._hooks import Hooks
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


class Flags:
    """Flags "darn" under a rule of its own, and counts its calls."""

    def __init__(self, name: str, pause: float = 0.0) -> None:
        self.rule = Rule(f"{name}.swear", "No swearing", "Keep it clean.", "Rule 1",
                         Severity.MEDIUM)
        self.pause = pause
        self.calls = 0

    @hookimpl
    def civility_rules(self) -> list[Rule]:
        return [self.rule]

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.pause:
            time.sleep(self.pause)
        if "darn" in message.text:
            return [Verdict(self.rule.id, self.rule.clause, self.rule.severity, 0.9,
                            (Evidence("word", "darn"),))]
        return []


class Exits:
    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        raise SystemExit(3)


def _hooks(*plugins: tuple[str, object], budget: float, workers: int = 4) -> Hooks:
    return Hooks(make_manager(builtins=False, entry_points=False, extra=plugins),
                 budget_seconds=budget, workers=workers)


def _context() -> PolicyContext:
    return PolicyContext(school=School(), chat=make_chat())


async def _until(condition, seconds: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)


async def test_a_stuck_policy_between_two_others_loses_neither_of_their_verdicts():
    first, last, hangs = Flags("first"), Flags("last"), Hangs()
    # pluggy calls the plugin registered last first: first, then hangs, then last.
    hooks = _hooks(("last", last), ("hangs", hangs), ("first", first), budget=0.2)
    try:
        verdicts = await hooks.judge_message(make_message("crafted darn"), _context())
        assert [v.rule_id for v in verdicts] == ["first.swear", "last.swear"]
        assert hangs.calls == 1
        assert hooks.health["hangs"].over_budget == 1
        # The policy after the stuck one was not struck for the time the stuck one took.
        assert hooks.health["last"].over_budget == 0 and hooks.health["last"].failures == 0
        assert hooks.health["first"].over_budget == 0
    finally:
        hangs.release.set()
    await _until(lambda: hooks.health["hangs"].overdue == 0)
    assert hooks.health["hangs"].overdue == 0
    # When the stuck call came back, the job it was in ran nothing more: each policy once.
    await asyncio.sleep(0.1)
    assert (first.calls, hangs.calls, last.calls) == (1, 1, 1)


async def test_in_the_engine_the_message_is_still_deleted_for_the_policies_after_a_stuck_one():
    hangs, good = Hangs(), Flags("good")
    # hangs registered last, so it is called first and every other policy waits behind it.
    hooks = Hooks(make_manager(builtins=True, entry_points=False, disabled=("iqra", "safety"),
                               extra=[("good", good), ("hangs", hangs)]), budget_seconds=0.2)
    engine = Engine(Config(school=School(name="Test"), plugins=("good", "hangs")), hooks,
                    MemoryStore())
    engine.add_adapter(RecordingAdapter())
    await engine.start(adapters=False)
    try:
        outcome = await engine.handle(make_message("crafted darn"))
        assert outcome.decision.rule_ids == ("good.swear",)
        assert Step.DELETE in outcome.decision.steps
    finally:
        hangs.release.set()
        await engine.stop()


async def test_each_policy_has_its_own_budget_not_a_share_of_one():
    # Each takes 0.4 s of a 0.6 s budget: together more than the budget, each well inside it.
    one, two = Flags("one", pause=0.4), Flags("two", pause=0.4)
    hooks = _hooks(("one", one), ("two", two), budget=0.6)
    verdicts = await hooks.judge_message(make_message("darn"), _context())
    assert sorted(v.rule_id for v in verdicts) == ["one.swear", "two.swear"]
    assert hooks.health["one"].over_budget == hooks.health["two"].over_budget == 0


async def test_a_policy_that_raises_system_exit_is_a_failure_of_its_own():
    good = Flags("good")
    hooks = _hooks(("good", good), ("exits", Exits()), budget=2.0)
    verdicts = await hooks.judge_message(make_message("darn"), _context())
    assert [v.rule_id for v in verdicts] == ["good.swear"]
    assert hooks.health["exits"].failures == 1
    assert hooks.health["exits"].last_error.startswith("SystemExit at ")
    # The worker thread survived it and judges the next message.
    assert [v.rule_id for v in await hooks.judge_message(make_message("darn"), _context())] \
        == ["good.swear"]


async def test_a_message_queued_behind_a_stuck_call_gets_a_worker_when_the_call_overruns():
    hangs, good = Hangs(), Flags("good")
    hooks = _hooks(("good", good), ("hangs", hangs), budget=0.3, workers=1)
    try:
        stuck = asyncio.create_task(
            hooks.judge_message(make_message("crafted"), _context(), only=("hangs",)))
        await _until(lambda: hangs.calls == 1)  # the one worker is now held
        await asyncio.sleep(0.15)  # well inside the stuck call's budget, not at its end
        other = await hooks.judge_message(make_message("darn", chat=make_chat("chat-b")),
                                          _context())
        # Queued at first, it was judged once the stuck call overran, not skipped.
        assert [v.rule_id for v in other] == ["good.swear"]
        assert hooks.health["good"].skipped == 0
        assert await stuck == []
        assert hooks.health["hangs"].over_budget == 1
    finally:
        hangs.release.set()
