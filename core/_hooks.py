"""A typed face on ``pm.hook``: the engine calls methods, never ``**kwargs -> Any``."""

from __future__ import annotations

import asyncio
import functools
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import click
import pluggy
import structlog
from pluggy import HookImpl

from civility._judging import (
    CallResult,
    InTurn,
    JudgingPool,
    PluginHealth,
    describe_error,
    guarded,
)
from civility._tables import ConfigError
from civility.context import PolicyContext
from civility.events import ChatRef, Flag, MemberJoined, Message, Removal, ReviewChoice
from civility.verdicts import Decision, Rule, Verdict

log = structlog.get_logger()

#: Seconds the live engine waits for a policy's verdicts on one message before skipping it.
#: Generous: the Iqra policy judges text in well under a millisecond, but reading an image with
#: OCR (Tesseract) takes a second or two, more on a busy machine.
DEFAULT_BUDGET = 5.0


class _Junk(Exception):
    """A plugin returned something that is not a list of verdicts."""


def _as_list(value: object) -> list[Any]:
    """``on_message``'s result as a list: ``None`` is no verdicts, a list or tuple is kept."""
    if value is None:
        return []
    if type(value) is list:  # the usual answer, read as it is (nothing here changes it)
        return value
    if isinstance(value, list | tuple):
        return list(value)
    raise _Junk(f"returned a {type(value).__name__}, not a list of Verdicts")


def _as_lists(value: object) -> list[list[Any]] | None:
    """``on_messages``' result: None (judge one by one), or a list per message."""
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        raise _Junk(f"returned a {type(value).__name__}, not a list of lists of Verdicts")
    return [_as_list(batch) for batch in value]


def _wake(waiter: asyncio.Future[None], *_: object) -> None:
    if not waiter.done():
        waiter.set_result(None)


class PluginError(ConfigError, click.ClickException):
    """A plugin broke its contract (unknown hook, wrong return type, duplicate rule id).

    A `ConfigError` (the installed plugins are part of how the bot is configured) and a
    `click.ClickException`, so that every command reports it as one clear line, never a
    traceback, even one that does not catch configuration errors itself."""

    def __init__(self, message: str) -> None:
        click.ClickException.__init__(self, message)
        self.file, self.key, self.expected = "plugins", "", message
        self.detail, self.errors = message, (self,)  # as any ConfigError, for combine()

    def __str__(self) -> str:
        return self.message


class Hooks:
    """The engine's typed calls into the plugins, each plugin's call guarded on its own.

    ``Hooks.judge_message`` (what the live engine awaits) runs the chat's policies in worker
    threads, each under a time budget (``budget_seconds``): a policy that raises, overruns its
    budget or returns something other than a list of `Verdict` is recorded in ``health`` and
    skipped for that message; the others still judge it, and it still gets a decision. A policy
    that overruns its budget several times in a row is suspended for a while (doubling each
    time), and one whose calls are still stuck gets no more, so it cannot hold every worker.
    ``inline = True`` (offline scan) judges on the calling thread instead: no thread hop per
    message and no budget. ``Hooks.on_message`` always judges inline.
    """

    def __init__(self, pm: pluggy.PluginManager, *, budget_seconds: float = DEFAULT_BUDGET,
                 workers: int = 4, inline: bool = False) -> None:
        self.pm = pm
        self.budget_seconds = budget_seconds
        self.inline = inline
        self.health: dict[str, PluginHealth] = {}
        self._workers = workers
        self._pool: JudgingPool | None = None
        self._subsets: dict[tuple[str, frozenset[str]], Any] = {}
        #: (hook, only) -> (pluggy's implementations when worked out, the ones to call in order)
        self._ordered: dict[tuple[str, tuple[str, ...] | None],
                            tuple[list[HookImpl], tuple[HookImpl, ...]]] = {}

    def plugin_names(self) -> list[str]:
        return [n for n, p in self.pm.list_name_plugin() if p is not None]

    def policy_names(self) -> list[str]:
        """The plugins a group can name as its policy: those that judge messages."""
        return sorted({impl.plugin_name for impl in self.pm.hook.on_message.get_hookimpls()})

    def health_of(self, plugin: str) -> PluginHealth:
        if plugin not in self.health:
            self.health[plugin] = PluginHealth(plugin)
        return self.health[plugin]

    def _caller(self, hook: str, only: Iterable[str] | None) -> Any:
        if only is None:
            return getattr(self.pm.hook, hook)
        keep = frozenset(only)
        key = (hook, keep)
        if key not in self._subsets:
            remove = [p for n, p in self.pm.list_name_plugin() if n not in keep and p is not None]
            self._subsets[key] = self.pm.subset_hook_caller(hook, remove_plugins=remove)
        return self._subsets[key]

    def _impls(self, hook: str, only: Iterable[str] | None) -> tuple[HookImpl, ...]:
        """pluggy's calling order (LIFO, tryfirst/trylast): later plugins before the built-ins.

        Worked out once per hook and set of plugins (a few µs a message otherwise), and again
        whenever pluggy's own list of implementations changes (a plugin registered later)."""
        key = (hook, only if only is None or isinstance(only, tuple) else tuple(only))
        registered = getattr(self.pm.hook, hook).get_hookimpls()
        known = self._ordered.get(key)
        if known is not None and known[0] == registered:
            return known[1]
        ordered = tuple(reversed(self._caller(hook, only).get_hookimpls()))
        self._ordered[key] = (registered, ordered)
        return ordered

    def _guarded(self, hook: str, only: Iterable[str] | None, *,
                 failed: list[str] | None = None, **kwargs: Any) -> list[Any]:
        """Call each implementation on its own, so one failing plugin does not hide the rest
        (``failed``: where to list the plugins that raised, as "plugin (error type)")."""
        return [(plugin, value) for plugin, value in self._each(hook, only, failed, kwargs)
                if value is not None]

    def _each(self, hook: str, only: Iterable[str] | None, failed: list[str] | None,
              kwargs: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        """Each implementation's answer, called lazily in pluggy's order and timed; one that
        raises is recorded in its plugin's health (and in ``failed``) and skipped."""
        for impl in self._impls(hook, only):
            result = guarded(impl.function, [kwargs[name] for name in impl.argnames])
            health = self.health_of(impl.plugin_name)
            health.finished(result.ms)
            if result.error is not None:
                health.failed(describe_error(result.error), hook=hook)
                if failed is not None:
                    failed.append(f"{impl.plugin_name} ({type(result.error).__name__})")
                continue
            yield impl.plugin_name, result.value

    def rules(self, only: Iterable[str] | None = None) -> list[Rule]:
        seen: dict[str, str] = {}
        rules: list[Rule] = []
        for plugin, batch in self._guarded("civility_rules", only):
            if not isinstance(batch, list | tuple):
                raise PluginError(f"plugin {plugin!r} returned a {type(batch).__name__} from "
                                  "civility_rules, not a list of Rules")
            for rule in batch:
                if not isinstance(rule, Rule):
                    raise PluginError(f"plugin {plugin!r} returned {rule!r} from civility_rules")
                if rule.id in seen:
                    raise PluginError(
                        f"rule id {rule.id!r} is defined by both {seen[rule.id]!r} and {plugin!r}")
                seen[rule.id] = plugin
                rules.append(rule)
        return rules

    def on_message(self, message: Message, context: PolicyContext,
                   only: Iterable[str] | None = None) -> list[Verdict]:
        """Judge a message on this thread (scan, tests); failures are recorded and skipped."""
        verdicts: list[Verdict] = []
        now = time.monotonic()
        given = {"message": message, "context": context}
        for impl in self._impls("on_message", only):
            health = self.health.get(impl.plugin_name) or self.health_of(impl.plugin_name)
            if health.suspended(now):
                health.skipped += 1
                continue
            args = list(map(given.__getitem__, impl.argnames))
            verdicts.extend(self._accept(health, guarded(impl.function, args, _as_list)))
        return verdicts

    def batch_policies(self) -> frozenset[str]:
        """The policies that judge batches (``on_messages``), and so remember nothing between
        messages: scan may share their messages among workers."""
        return frozenset(impl.plugin_name for impl in self._impls("on_messages", None))

    def split_policies(self) -> frozenset[str]:
        """The policies split in two for scan (``on_messages_stateless`` with
        ``on_message_stateful``): the stateless part may be shared among workers."""
        def names(hook: str) -> set[str]:
            return {impl.plugin_name for impl in self._impls(hook, None)}

        return frozenset(names("on_messages_stateless") & names("on_message_stateful"))

    def on_messages(self, messages: Sequence[Message], contexts: Sequence[PolicyContext],
                    plugin: str) -> list[list[Verdict]]:
        """One policy's verdicts for many messages, on this thread (scan's workers): its
        ``on_messages`` when it has one and answers well, else ``on_message`` one at a time.
        An error or a wrong answer is recorded in the plugin's health, never raised."""
        answers = self._batch("on_messages", plugin, messages, contexts, may_decline=True)
        if answers is not None:
            return answers
        return [self.on_message(m, c, (plugin,)) for m, c in zip(messages, contexts, strict=True)]

    def on_messages_stateless(self, messages: Sequence[Message],
                              contexts: Sequence[PolicyContext], plugin: str
                              ) -> list[list[Verdict]]:
        """A split policy's stateless verdicts for many messages (scan). A failed or
        wrong-length answer is recorded and each message asked alone; one that fails alone
        gets none."""
        answers = self._batch("on_messages_stateless", plugin, messages, contexts,
                              may_decline=False)
        if answers is not None:
            return answers
        if len(messages) == 1:
            return [[]]
        return [self.on_messages_stateless([m], [c], plugin)[0]
                for m, c in zip(messages, contexts, strict=True)]

    def on_message_stateful(self, message: Message, context: PolicyContext, plugin: str
                            ) -> list[Verdict]:
        """A split policy's stateful verdicts for one message (scan); none when it fails."""
        return self.stateful_judge(plugin)(message, context)

    def stateful_judge(self, plugin: str) -> Callable[[Message, PolicyContext], list[Verdict]]:
        """`on_message_stateful` of one policy, its implementation looked up once (scan calls
        it on every message of a batch)."""
        impls = self._impls("on_message_stateful", (plugin,))
        if not impls:
            return lambda message, context: []
        function, names, health = impls[0].function, impls[0].argnames, self.health_of(plugin)

        def judge(message: Message, context: PolicyContext) -> list[Verdict]:
            given = {"message": message, "context": context}
            return self._accept(health, guarded(function, [given[n] for n in names], _as_list),
                                hook="on_message_stateful")

        return judge

    def _batch(self, hook: str, plugin: str, messages: Sequence[Message],
               contexts: Sequence[PolicyContext], *, may_decline: bool
               ) -> list[list[Verdict]] | None:
        """One policy's answer to a batch hook, a list of Verdicts per message; None when it
        has no such hook, fails or answers wrongly (recorded in its health, never raised), or
        declines with None where ``may_decline`` (then no failure is recorded)."""
        impls = self._impls(hook, (plugin,))
        if not impls or not messages:
            return None
        given = {"messages": messages, "contexts": contexts}
        result = guarded(impls[0].function, [given[name] for name in impls[0].argnames],
                         _as_lists)
        health = self.health_of(plugin)
        health.finished(result.ms)
        answers = result.value
        if result.error is not None:
            health.failed(str(result.error) if isinstance(result.error, _Junk)
                          else describe_error(result.error), hook=hook)
            return None
        if answers is None and may_decline:
            return None
        if answers is None or len(answers) != len(messages):
            health.failed(f"returned {len(answers) if answers is not None else 'no'} answers "
                          f"for {len(messages)} messages", hook=hook)
            return None
        out = [[v for v in batch if isinstance(v, Verdict)] for batch in answers]
        if any(len(good) < len(batch) for good, batch in zip(out, answers, strict=True)):
            health.failed("returned something other than a Verdict among its verdicts",
                          hook=hook)
        return out

    def _accept(self, health: PluginHealth, result: CallResult[list[Any]],
                hook: str = "on_message") -> list[Verdict]:
        """The verdicts of one plugin's call; its error or junk is recorded, never raised."""
        health.finished(result.ms)
        if result.error is not None:
            if isinstance(result.error, _Junk):
                health.failed(str(result.error), hook=hook)
            else:
                health.failed(describe_error(result.error), hook=hook)
            return []
        batch = result.value
        if not batch:
            return []  # the usual answer: nothing to say about this message
        good = [v for v in batch if isinstance(v, Verdict)]
        if len(good) < len(batch):
            odd = next(v for v in batch if not isinstance(v, Verdict))
            health.failed(f"returned a {type(odd).__name__} among its verdicts", hook=hook)
        return good

    async def judge_message(self, message: Message, context: PolicyContext,
                            only: Iterable[str] | None = None) -> list[Verdict]:
        """The engine's way to judge a message: off the event loop, each policy in its budget.

        The chat's policies are one job (`InTurn`) on one worker, in pluggy's order: one thread
        hop per message, however many policies. A policy still running past its budget is
        counted against it and left on its worker; the policies after it go on as a new job,
        so a stuck policy never costs the others' verdicts. A job still queued behind other
        work after the budget is dropped: its policies are skipped, with no strike."""
        if self.inline:
            return self.on_message(message, context, only)
        now = time.monotonic()
        impls: list[HookImpl] = []
        calls: list[tuple[Any, list[Any]]] = []
        given = {"message": message, "context": context}
        for impl in self._impls("on_message", only):
            health = self.health.get(impl.plugin_name) or self.health_of(impl.plugin_name)
            if health.suspended(now):
                health.skipped += 1
                continue
            impls.append(impl)
            calls.append((impl.function, list(map(given.__getitem__, impl.argnames))))
        verdicts: list[Verdict] = []
        while calls:
            turn, future = await self._in_turn(calls)
            done = turn.results if turn.stopped_at < 0 else turn.results[:turn.stopped_at]
            for impl, result in zip(impls, done, strict=False):
                health = self.health[impl.plugin_name]
                health.in_time()
                verdicts.extend(self._accept(health, result))
            if turn.stopped_at < 0:
                break
            if not turn.stuck:  # still queued behind other work: not their fault
                for impl in impls[len(done):]:
                    self.health[impl.plugin_name].skipped += 1
                    log.warning("plugin_not_started", plugin=impl.plugin_name)
                break
            late = impls[len(done)]
            health = self.health[late.plugin_name]
            health.timed_out(self.budget_seconds, time.monotonic(), hook="on_message")
            pool = self._judging_pool()
            pool.overdue(+1)
            future.add_done_callback(functools.partial(self._late, health, pool, turn,
                                                       len(done)))
            impls, calls = impls[len(done) + 1:], calls[len(done) + 1:]
        return verdicts

    async def _in_turn(self, calls: Sequence[tuple[Any, list[Any]]]
                       ) -> tuple[InTurn, asyncio.Future[list[CallResult[list[Any]]]]]:
        """Run the calls as one job and wait until all are done or the job has been stopped."""
        turn = InTurn(calls, _as_list)
        future, _ = self._judging_pool().submit(turn)
        loop = asyncio.get_running_loop()
        left = self.budget_seconds
        while left > 0:
            # What asyncio.wait(timeout=) does, without its sets and closures: a waiter woken
            # by the job's end or by a timer (measured: about 8 µs less a message).
            waiter: asyncio.Future[None] = loop.create_future()
            wake = functools.partial(_wake, waiter)
            future.add_done_callback(wake)
            timer = loop.call_later(left, wake)
            try:
                await waiter
            finally:
                timer.cancel()
            if future.done():
                break
            future.remove_done_callback(wake)
            left = turn.check(self.budget_seconds, time.monotonic())
        return turn, future

    def _judging_pool(self) -> JudgingPool:
        if self._pool is None:
            self._pool = JudgingPool(self._workers)
            weakref.finalize(self, self._pool.shutdown)
        return self._pool

    @staticmethod
    def _late(health: PluginHealth, pool: JudgingPool, turn: InTurn, index: int,
              future: asyncio.Future[list[CallResult[list[Any]]]]) -> None:
        pool.overdue(-1)
        results = turn.results
        health.finished_late(results[index].ms if len(results) > index else 0.0)

    def on_flag(self, flag: Flag, context: PolicyContext) -> None:
        self._guarded("on_flag", None, flag=flag, context=context)

    def on_remove(self, removal: Removal, context: PolicyContext) -> None:
        self._guarded("on_remove", None, removal=removal, context=context)

    def on_member_joined(self, joined: MemberJoined, context: PolicyContext) -> None:
        self._guarded("on_member_joined", None, joined=joined, context=context)

    def on_moderator_decision(self, message: Message, rule_ids: Sequence[str],
                              choice: ReviewChoice, case: int, context: PolicyContext) -> None:
        self._guarded("on_moderator_decision", None, message=message, rule_ids=tuple(rule_ids),
                      choice=choice, breach=choice is not ReviewChoice.KEEP, case=case,
                      context=context)

    def _first(self, hook: str, kind: type, **kwargs: Any) -> Any:
        """The first answer of ``kind`` (later implementations are not called)."""
        return next((value for _, value in self._each(hook, None, None, kwargs)
                     if isinstance(value, kind)), None)

    def notice(self, verdict: Verdict, rule: Rule | None, decision: Decision,
               context: PolicyContext) -> str:
        text = self._first("civility_notice", str, verdict=verdict, rule=rule,
                           decision=decision, context=context)
        return text or ""

    def decide(self, message: Message, verdicts: Sequence[Verdict],
               context: PolicyContext) -> Decision:
        decision = self._first("civility_decide", Decision, message=message,
                               verdicts=verdicts, context=context)
        return decision if decision is not None else Decision(verdicts=tuple(verdicts))

    def gate(self, chat: ChatRef, context: PolicyContext) -> Rule | None:
        rule: Rule | None = self._first("civility_gate", Rule, chat=chat, context=context)
        return rule

    def welcome(self, joined: MemberJoined, context: PolicyContext) -> str | None:
        text: str | None = self._first("civility_welcome", str, joined=joined, context=context)
        return text

    # -- the school (issue 14): a member's data held by plugins ----------------------------

    def export_member(self, member_key: str, cases: Sequence[int],
                      settings: Mapping[str, Mapping[str, Any]]
                      ) -> tuple[dict[str, Any], list[str]]:
        """Plugin name → what it keeps about the member (plugins keeping nothing left out),
        and the plugins that failed to say."""
        failed: list[str] = []
        found = self._guarded("civility_export_member", None, failed=failed,
                              member_key=member_key, cases=list(cases), settings=settings)
        return {name: value for name, value in found if value}, failed

    def erase_member(self, member_key: str, cases: Sequence[int],
                     settings: Mapping[str, Mapping[str, Any]]) -> tuple[dict[str, int], list[str]]:
        """Plugin name → how many of its records went, and the plugins that failed to erase."""
        failed: list[str] = []
        erased = self._guarded("civility_erase_member", None, failed=failed,
                               member_key=member_key, cases=list(cases), settings=settings)
        counts: dict[str, int] = {}
        for name, value in erased:
            if isinstance(value, int) and not isinstance(value, bool):
                counts[name] = value
            else:
                failed.append(f"{name} (returned a {type(value).__name__}, not a count)")
        return counts, failed
