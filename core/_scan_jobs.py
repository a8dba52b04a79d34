"""`civility scan --jobs N`: the policies judge a large file in worker processes.

The engine still handles every message in file order in this process (the ladder, strike
points and records depend on what came before). The policies' ``on_message`` runs in the
workers, a batch of messages at a time and ahead of the engine, split **by policy**: each worker
process runs one policy (or a share of them, when there are more policies than jobs) on every
message of the file, in file order. So a policy that remembers earlier messages (the flood
rule remembers each member's recent texts) sees exactly what it sees with one job, and the
report is the same for any number of jobs. Splitting the messages between workers instead would
let each worker see only part of the file, and repeats across a batch boundary were missed.

Each message goes out with the context the engine will give it (its chat's recent window is
known from the messages alone), and the engine's call through `Hooks.judge_message` is answered
with the workers' verdicts, in the order one process would give them. When the engine's
context differs from the one sent (a policy set per chat, a changed engine), or the message
needs a policy no worker runs, that message is judged here instead.

With two policies (the school's and the safety guards) the work is as uneven as the policies:
the heavier one's worker sets the pace; ``benchmarks/scan_jobs.py`` and
``benchmarks/scan_vs_profanity_check.py`` measure it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import attrs
import structlog

from civility._hooks import Hooks
from civility.config import Config
from civility.context import PolicyContext, RecentPost
from civility.engine import RECENT_WINDOW, Engine
from civility.events import ChatRef, Message
from civility.scan import PLATFORM, ScanRow, scan
from civility.verdicts import Verdict

log = structlog.get_logger(__name__)

#: Files smaller than this are judged in this process (starting workers costs about a second).
PARALLEL_BYTES = 4 << 20
#: Messages sent to a worker at once (amortises the cost of passing them between processes).
BATCH = 512
#: Batches each worker may be given ahead of the engine (bounds memory; keeps workers busy).
AHEAD = 3

_worker_hooks: Hooks | None = None

#: One message's verdicts, by the policy that gave them.
ByPolicy = dict[str, list[Verdict]]


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):  # not on Linux
        return max(os.cpu_count() or 1, 1)


@attrs.define
class JobsRun:
    """What the last run did: batches judged in workers, messages judged here instead, and
    the policies each worker ran."""

    batches: int = 0
    judged_here: int = 0
    workers: tuple[tuple[str, ...], ...] = ()


#: The last run's figures (for the log and for tests that check the workers did the work).
last_run = JobsRun()


def _start_worker(config: Config) -> None:
    global _worker_hooks  # one plugin manager per worker process, made once
    from civility._runner import build_hooks

    _worker_hooks = build_hooks(config)  # the same plugins as here, the policy files included


@attrs.frozen
class _Batch:
    """Messages to judge, with what a worker needs to rebuild each one's context: each chat's
    context without its recent window, the chat's policies, and the window before the batch."""

    messages: list[Message]
    bases: dict[str, PolicyContext]
    policies: dict[str, tuple[str, ...]]
    windows: dict[str, list[RecentPost]]


def _contexts(batch: _Batch) -> Iterator[tuple[Message, PolicyContext, tuple[str, ...]]]:
    """Each message of the batch with its context, the chats' recent windows moving on as the
    engine's do."""
    windows = {key: deque(posts, maxlen=RECENT_WINDOW) for key, posts in batch.windows.items()}
    for message in batch.messages:
        key = message.chat.key
        window = windows.setdefault(key, deque(maxlen=RECENT_WINDOW))
        yield (message, attrs.evolve(batch.bases[key], recent=tuple(window)),
               batch.policies[key])
        window.append(RecentPost(message.sender, message.time, message.reply_to_sender))


def _judge_batch(packed: bytes, plugins: tuple[str, ...]) -> dict[int, ByPolicy]:
    """The verdicts of these policies for the messages that have any, by position in the batch
    and then by policy. The batch comes pickled once for every worker (pickling is the costly
    part of handing it over)."""
    hooks = _worker_hooks
    assert hooks is not None
    batch: _Batch = pickle.loads(packed)  # noqa: S301 - our own batch, from our parent process
    found: dict[int, ByPolicy] = {}
    for index, (message, context, only) in enumerate(_contexts(batch)):
        for name in plugins:
            if name in only:
                verdicts = hooks.on_message(message, context, (name,))
                if verdicts:
                    found.setdefault(index, {})[name] = verdicts
    return found


def worker_plugins(order: Iterable[str], jobs: int) -> tuple[tuple[str, ...], ...]:
    """The policies each worker runs: one each while there are jobs enough, else shared out
    in turn (every worker still sees every message)."""
    names = list(order)
    count = max(min(jobs, len(names)), 1)
    return tuple(tuple(names[i::count]) for i in range(count) if names[i::count])


class _Prejudged:
    """The engine's `Hooks`, answering ``judge_message`` with verdicts judged ahead."""

    def __init__(self, hooks: Hooks, order: tuple[str, ...]) -> None:
        self._hooks = hooks
        #: The policies the workers run, in the order one process would call them.
        self.order = order
        #: message id -> (the context it was judged in, its policies, its verdicts by policy)
        self.ready: dict[int, tuple[PolicyContext, tuple[str, ...], ByPolicy]] = {}
        self.local = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hooks, name)

    async def judge_message(self, message: Message, context: PolicyContext,
                            only: Iterable[str] | None = None) -> list[Verdict]:
        found = self.ready.pop(id(message), None)
        wanted = tuple(only) if only is not None else None
        if found is not None and found[1] == wanted and wanted is not None \
                and all(name in self.order for name in wanted) and _same(found[0], context):
            by_policy = found[2]
            if not by_policy:
                return []
            return [v for name in self.order if name in by_policy for v in by_policy[name]]
        self.local += 1
        return await self._hooks.judge_message(message, context, only)


def _same(sent: PolicyContext, given: PolicyContext) -> bool:
    """The context a worker judged in is the engine's. Cheaper than ``==`` (which compares the
    whole recent window, post by post): the engine builds every context from the same config
    objects, and two windows that moved on in step agree when their length and last post do."""
    if (sent.school is not given.school or sent.settings is not given.settings
            or sent.ladder is not given.ladder or sent.mode != given.mode
            or sent.points != given.points or sent.incidents != given.incidents
            or sent.chat != given.chat or len(sent.recent) != len(given.recent)):
        return attrs.evolve(sent, recent=()) == attrs.evolve(given, recent=()) and \
            sent.recent == given.recent
    return not sent.recent or sent.recent[-1] == given.recent[-1]


def _batches(engine: Engine, messages: Iterator[Message]) -> Iterator[_Batch]:
    windows: dict[str, deque[RecentPost]] = {}
    bases: dict[str, PolicyContext] = {}
    policies: dict[str, tuple[str, ...]] = {}
    batch: list[Message] = []
    before: dict[str, list[RecentPost]] = {}
    for message in messages:
        key = message.chat.key
        if key not in bases:
            bases[key] = engine.context(message.chat)
            policies[key] = tuple(engine.policies_for(message.chat))
        window = windows.setdefault(key, deque(maxlen=RECENT_WINDOW))
        if key not in before:
            before[key] = list(window)
        batch.append(message)
        window.append(RecentPost(message.sender, message.time, message.reply_to_sender))
        if len(batch) >= BATCH:
            yield _Batch(batch, {k: bases[k] for k in before}, {k: policies[k] for k in before},
                         before)
            batch, before = [], {}
    if batch:
        yield _Batch(batch, {k: bases[k] for k in before}, {k: policies[k] for k in before},
                     before)


def _policy_order(engine: Engine) -> tuple[str, ...]:
    """The policies a scan's chats run, in the order the engine's hooks call them."""
    hooks: Hooks = engine.hooks
    wanted = set(engine.policies_for(ChatRef(PLATFORM, "scan", "scan")))
    return tuple(impl.plugin_name for impl in hooks._impls("on_message", None)
                 if impl.plugin_name in wanted)


async def scan_in_jobs(engine: Engine, messages: Iterator[Message], jobs: int
                       ) -> AsyncIterator[ScanRow]:
    """`civility.scan.scan` with the policies run in up to ``jobs`` worker processes."""
    order = _policy_order(engine)
    groups = worker_plugins(order, jobs)
    last_run.batches = last_run.judged_here = 0
    last_run.workers = groups
    proxy = _Prejudged(engine.hooks, order)
    hooks, engine.hooks = engine.hooks, proxy  # type: ignore[assignment]
    loop = asyncio.get_running_loop()
    # One process per group, so that each policy judges every message in order in one place.
    context = multiprocessing.get_context("spawn")
    pools = [concurrent.futures.ProcessPoolExecutor(
        1, mp_context=context, initializer=_start_worker, initargs=(engine.config,))
        for _ in groups]
    pending: deque[tuple[_Batch, list[asyncio.Future[dict[int, ByPolicy]]]]] = deque()
    source = _batches(engine, messages)
    try:
        while True:
            while len(pending) < AHEAD:
                batch = next(source, None)
                if batch is None:
                    break
                packed = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
                pending.append((batch, [loop.run_in_executor(pool, _judge_batch, packed, group)
                                        for pool, group in zip(pools, groups, strict=True)]))
            if not pending:
                break
            batch, futures = pending.popleft()
            last_run.batches += 1
            merged: dict[int, ByPolicy] | None = {}
            for future in futures:
                try:
                    part = await future
                except concurrent.futures.process.BrokenProcessPool:
                    log.error("scan_worker_failed", judged_here=len(batch.messages))
                    merged = None
                    continue
                if merged is not None:
                    for index, found in part.items():
                        merged.setdefault(index, {}).update(found)
            if merged is not None:
                for index, (message, ctx, only) in enumerate(_contexts(batch)):
                    proxy.ready[id(message)] = (ctx, only, merged.get(index, {}))
            async for row in scan(engine, iter(batch.messages)):
                yield row
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
        engine.hooks = hooks
        last_run.judged_here = proxy.local
        log.info("scan_jobs_done", jobs=jobs, workers=len(groups), batches=last_run.batches,
                 judged_here=proxy.local)
