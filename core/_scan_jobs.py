"""`civility scan --jobs N`: the policies judge a large file in worker processes.

The engine still handles every message in file order in this process (the ladder, strike
points and records depend on what came before); only the policies' ``on_message`` runs in the
workers, a batch of messages at a time and ahead of the engine. Each message goes out with the
context the engine will give it (its chat's recent window is known from the messages alone),
and the engine's call through `Hooks.judge_message` is answered with the worker's verdicts. When
the engine's context differs from the one sent (a policy set per chat, a changed engine), that
message is judged here instead, so the output is the same as with one job.

Policies must judge from the message and its context only (no state kept between messages in
the plugin), which is the contract of ``on_message``.

Measured on a busy 2-core machine with the Iqra policy (``benchmarks/scan_jobs.py``), two jobs
were slower than one: that policy costs about a fifth of a scan's time (reading, the engine and
writing are the rest, and stay in this process), so passing messages between processes costs
more than it saves. Heavier policies (a learned model, OCR) are where it pays; hence the default
of one job.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import attrs
import structlog

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.context import PolicyContext, RecentPost
from civility.engine import RECENT_WINDOW, Engine
from civility.events import Message
from civility.scan import ScanRow, scan
from civility.verdicts import Verdict

log = structlog.get_logger(__name__)

#: Files smaller than this are judged in this process (starting workers costs about a second).
PARALLEL_BYTES = 4 << 20
#: Messages sent to a worker at once (amortises the cost of passing them between processes).
BATCH = 512

_worker_hooks: Hooks | None = None


@attrs.define
class JobsRun:
    """What the last run did: batches judged in workers, messages judged here instead."""

    batches: int = 0
    judged_here: int = 0


#: The last run's figures (for the log and for tests that check the workers did the work).
last_run = JobsRun()


def _start_worker() -> None:
    global _worker_hooks  # one plugin manager per worker process, made once
    _worker_hooks = Hooks(make_manager())


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


def _judge_batch(batch: _Batch) -> dict[int, list[Verdict]]:
    """The verdicts of the messages that have any, by position in the batch."""
    hooks = _worker_hooks
    assert hooks is not None
    found = {}
    for index, (message, context, only) in enumerate(_contexts(batch)):
        verdicts = hooks.on_message(message, context, only)
        if verdicts:
            found[index] = verdicts
    return found


class _Prejudged:
    """The engine's `Hooks`, answering ``judge_message`` with verdicts judged ahead."""

    def __init__(self, hooks: Hooks) -> None:
        self._hooks = hooks
        #: message id -> (the context it was judged in, its policies, its verdicts)
        self.ready: dict[int, tuple[PolicyContext, tuple[str, ...], list[Verdict]]] = {}
        self.local = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._hooks, name)

    async def judge_message(self, message: Message, context: PolicyContext,
                            only: Iterable[str] | None = None) -> list[Verdict]:
        found = self.ready.pop(id(message), None)
        wanted = tuple(only) if only is not None else None
        if found is not None and found[1] == wanted and _same(found[0], context):
            return found[2]
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


async def scan_in_jobs(engine: Engine, messages: Iterator[Message], jobs: int
                       ) -> AsyncIterator[ScanRow]:
    """`civility.scan.scan` with the policies run in ``jobs`` worker processes."""
    last_run.batches = last_run.judged_here = 0
    proxy = _Prejudged(engine.hooks)
    hooks, engine.hooks = engine.hooks, proxy  # type: ignore[assignment]
    loop = asyncio.get_running_loop()
    pool = concurrent.futures.ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker)
    pending: deque[tuple[_Batch, asyncio.Future[dict[int, list[Verdict]]]]] = deque()
    source = _batches(engine, messages)
    try:
        while True:
            while len(pending) < 2 * jobs:
                batch = next(source, None)
                if batch is None:
                    break
                pending.append((batch, loop.run_in_executor(pool, _judge_batch, batch)))
            if not pending:
                break
            batch, future = pending.popleft()
            last_run.batches += 1
            try:
                results: dict[int, list[Verdict]] | None = await future
            except concurrent.futures.process.BrokenProcessPool:
                log.error("scan_worker_failed", judged_here=len(batch.messages))
                results = None
            if results is not None:
                for index, (message, context, only) in enumerate(_contexts(batch)):
                    proxy.ready[id(message)] = (context, only, results.get(index, []))
            async for row in scan(engine, iter(batch.messages)):
                yield row
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        engine.hooks = hooks
        last_run.judged_here = proxy.local
        log.info("scan_jobs_done", jobs=jobs, batches=last_run.batches, judged_here=proxy.local)
