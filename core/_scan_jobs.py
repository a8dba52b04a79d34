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

A policy that judges batches (the ``on_messages`` hook, as Iqra does) declares that it remembers
nothing between messages: its messages are shared out among all the workers instead, each
worker judging a slice of every batch in one call (one matrix product for the slice). The
slices are sized from what each worker took on the batches before, so that the worker that
also runs a policy on every message (the safety guards, for the flood rule) gets fewer, and
the workers finish together. A policy that remembers may split itself in two
(``on_message_stateful`` and ``on_messages_stateless``, as the safety guards do): its stateful
part runs on every message in its worker, its stateless part is shared out like a batch
policy's, and each message's verdicts are the stateful ones followed by the stateless ones.

With one job the same batches are judged in this process (no pickling): the batch policies
still score a batch at once and the policies' memos still answer repeated texts.
``benchmarks/scan_jobs.py`` and ``benchmarks/scan_vs_profanity_check.py`` measure it.
"""

from __future__ import annotations

import asyncio
import bisect
import concurrent.futures
import multiprocessing
import os
import pickle
import time
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import Any

import attrs
import structlog

from civility._hooks import Hooks
from civility.config import Config
from civility.context import PolicyContext, RecentPost
from civility.detectors.shared import KEPT
from civility.engine import RECENT_WINDOW, Engine
from civility.events import ChatRef, Message
from civility.scan import PLATFORM, ScanRow, quiet_row, scan_one
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
    """What the last run did: batches judged in workers, messages judged here instead, the
    policies given to each worker (`worker_plugins`; there, each policy that remembers judges
    every message), and the policies whose messages were instead shared out among all the
    workers, with how many messages each worker judged for them."""

    batches: int = 0
    judged_here: int = 0
    workers: tuple[tuple[str, ...], ...] = ()
    shared: tuple[str, ...] = ()
    #: The policies split in two (``on_messages_stateless``): their stateless part shared out
    #: like ``shared``, their stateful part judging every message in its worker.
    split: tuple[str, ...] = ()
    shares: list[int] = attrs.field(factory=list)
    #: CPU seconds each worker spent judging, and this process spent in the whole run.
    worker_seconds: list[float] = attrs.field(factory=list)
    here_seconds: float = 0.0
    #: With one job: CPU seconds the policies' hooks took (the rest of ``here_seconds`` is
    #: the framework's: reading, contexts, the ladder, the report).
    policy_seconds: float = 0.0


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
    # Each chat's context fields, read once: ``attrs.evolve`` per message cost more than the
    # rest of building the context.
    fields = {key: _init_args(base) for key, base in batch.bases.items()}
    for message in batch.messages:
        key = message.chat.key
        window = windows.setdefault(key, deque(maxlen=RECENT_WINDOW))
        yield (message, PolicyContext(**fields[key], recent=tuple(window)),
               batch.policies[key])
        window.append(RecentPost(message.sender, message.time, message.reply_to_sender))


@attrs.frozen
class _Judged:
    """A worker's answer for one batch: verdicts by position in the batch and then by policy
    (``tail``: the stateless verdicts of the split policies, which follow their stateful ones in
    ``found``), and the CPU seconds its own policies and its share of the shared ones took."""

    found: dict[int, ByPolicy]
    tail: dict[int, ByPolicy] = attrs.field(factory=dict)
    own_seconds: float = 0.0
    shared_seconds: float = 0.0


def _init_args(context: PolicyContext) -> dict[str, Any]:
    """What `attrs.evolve` passes to make a copy of ``context``, but its recent window."""
    return {a.alias or a.name: getattr(context, a.name) for a in attrs.fields(PolicyContext)
            if a.init and a.name != "recent"}


#: Messages judged together within a batch: each policy's look at a message then finds its
#: normalised words in the kit's memo of recent messages, instead of working them out again.
CHUNK = KEPT


def _judge_batch(packed: bytes, plugins: tuple[str, ...], shared: tuple[str, ...] = (),
                 share: Sequence[int] = (), split: tuple[str, ...] = ()) -> _Judged:
    """`_judge` in a worker: the batch comes pickled once for every worker (pickling is the
    costly part of handing it over)."""
    hooks = _worker_hooks
    assert hooks is not None
    batch: _Batch = pickle.loads(packed)  # noqa: S301 - our own batch, from our parent process
    return _judge(hooks, list(_contexts(batch)), plugins, shared, share, split)


#: Each message of a batch with its context and its chat's policies (`_contexts`).
Judged = list[tuple[Message, PolicyContext, tuple[str, ...]]]


def _judge(hooks: Hooks, judged: Judged, plugins: tuple[str, ...], shared: tuple[str, ...],
           share: Sequence[int], split: tuple[str, ...]) -> _Judged:
    """The verdicts of ``plugins`` on every message, in order (a split policy's stateful part),
    and of the ``shared`` ones (a split policy's stateless part) on the messages at the
    positions in ``share``, for the messages that have any; a chunk of messages at a time."""
    found: dict[int, ByPolicy] = {}
    tail: dict[int, ByPolicy] = {}
    own_seconds = shared_seconds = 0.0
    cut = 0
    stateful = {name: hooks.stateful_judge(name) for name in plugins if name in split}
    for start in range(0, len(judged), CHUNK):
        end = start + CHUNK
        began = time.process_time()
        for index in range(start, min(end, len(judged))):
            message, context, only = judged[index]
            for name in plugins:
                if name in only:
                    verdicts = stateful[name](message, context) if name in stateful \
                        else hooks.on_message(message, context, (name,))
                    if verdicts:
                        found.setdefault(index, {})[name] = verdicts
        middle = time.process_time()
        first = cut
        while cut < len(share) and share[cut] < end:
            cut += 1
        for name in shared:
            picked = [i for i in share[first:cut] if name in judged[i][2]]
            if not picked:
                continue
            messages, contexts = [judged[i][0] for i in picked], [judged[i][1] for i in picked]
            if name in split:
                answers, into = hooks.on_messages_stateless(messages, contexts, name), tail
            else:
                answers, into = hooks.on_messages(messages, contexts, name), found
            for i, verdicts in zip(picked, answers, strict=True):
                if verdicts:
                    into.setdefault(i, {})[name] = verdicts
        own_seconds += middle - began
        shared_seconds += time.process_time() - middle
    return _Judged(found, tail, own_seconds, shared_seconds)


class _Shares:
    """Which of a batch's messages each worker judges for the shared policies. A text always
    goes to the same worker while the shares hold (by its hash), so a policy's memo of texts
    it has judged (Iqra's) finds the repeats. The shares are sized so that every worker's
    expected CPU time (its own policies' plus its share) is the same, from what each took on
    the batches before (even shares until the first answers come)."""

    #: Hash buckets the shares are cut from.
    BUCKETS = 1024

    def __init__(self, workers: int) -> None:
        self.own = [0.0] * workers  # seconds a batch of its own policies takes, per worker
        self.per_message = 0.0  # seconds the shared policies take a message
        self.given = [0] * workers

    def learn(self, worker: int, judged: _Judged, size: int, share: int) -> None:
        keep = 0.7  # a moving average: follows a file whose messages change slowly
        per_batch = judged.own_seconds * (BATCH / max(size, 1))
        self.own[worker] = per_batch if not self.given[worker] else \
            keep * self.own[worker] + (1 - keep) * per_batch
        if share:
            rate = judged.shared_seconds / share
            self.per_message = rate if not self.per_message else \
                keep * self.per_message + (1 - keep) * rate
        self.given[worker] += 1

    def bounds(self) -> list[int]:
        """The first bucket past each worker's share (the last is ``BUCKETS``)."""
        n = len(self.own)
        if self.per_message <= 0:
            wanted = [1.0] * n
        else:
            level = (sum(self.own) + self.per_message * BATCH) / n
            wanted = [max(level - o, 0.0) for o in self.own]
        total = sum(wanted) or 1.0
        out, acc = [], 0.0
        for want in wanted:
            acc += want
            out.append(round(self.BUCKETS * acc / total))
        out[-1] = self.BUCKETS
        return out

    def split(self, messages: Sequence[Message]) -> list[list[int]]:
        """Each worker's positions in the batch."""
        bounds = self.bounds()
        parts: list[list[int]] = [[] for _ in bounds]
        for i, message in enumerate(messages):
            parts[bisect.bisect_right(bounds, hash(message.all_text) % self.BUCKETS)].append(i)
        return parts


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


def _batches(engine: Engine, messages: Iterator[Message]) -> Iterator[tuple[_Batch, Judged]]:
    """The file's batches for the workers, each with its messages' contexts here (what
    `_contexts` rebuilds from the batch in a worker)."""
    windows: dict[str, deque[RecentPost]] = {}
    bases: dict[str, PolicyContext] = {}
    fields: dict[str, dict[str, Any]] = {}
    policies: dict[str, tuple[str, ...]] = {}
    batch: list[Message] = []
    judged: Judged = []
    before: dict[str, list[RecentPost]] = {}
    for message in messages:
        key = message.chat.key
        if key not in bases:
            bases[key] = engine.context(message.chat)
            fields[key] = _init_args(bases[key])
            policies[key] = tuple(engine.policies_for(message.chat))
            windows[key] = deque(maxlen=RECENT_WINDOW)
        window = windows[key]
        if key not in before:
            before[key] = list(window)
        batch.append(message)
        judged.append((message, PolicyContext(**fields[key], recent=tuple(window)),
                       policies[key]))
        window.append(RecentPost(message.sender, message.time, message.reply_to_sender))
        if len(batch) >= BATCH:
            yield _Batch(batch, {k: bases[k] for k in before}, {k: policies[k] for k in before},
                         before), judged
            batch, judged, before = [], [], {}
    if batch:
        yield _Batch(batch, {k: bases[k] for k in before}, {k: policies[k] for k in before},
                     before), judged


def _submit(loop: asyncio.AbstractEventLoop, pool: concurrent.futures.ProcessPoolExecutor,
            *args: Any) -> asyncio.Future[_Judged]:
    """A batch handed to a worker; a worker that died makes a failed future (the batch is
    then judged here), not an error out of the scan."""
    try:
        return loop.run_in_executor(pool, _judge_batch, *args)
    except concurrent.futures.process.BrokenProcessPool as exc:
        failed: asyncio.Future[_Judged] = loop.create_future()
        failed.set_exception(exc)
        return failed


def _policy_order(engine: Engine) -> tuple[str, ...]:
    """The policies a scan's chats run, in the order the engine's hooks call them."""
    hooks: Hooks = engine.hooks
    wanted = set(engine.policies_for(ChatRef(PLATFORM, "scan", "scan")))
    return tuple(impl.plugin_name for impl in hooks._impls("on_message", None)
                 if impl.plugin_name in wanted)


def _merged(answers: Iterable[_Judged]) -> dict[int, ByPolicy]:
    """The workers' answers for one batch as one: each message's verdicts by policy, a split
    policy's stateful verdicts before its stateless ones."""
    answers = list(answers)
    merged: dict[int, ByPolicy] = {}
    for judged in answers:
        for index, found in judged.found.items():
            merged.setdefault(index, {}).update(found)
    for judged in answers:
        for index, found in judged.tail.items():
            by_policy = merged.setdefault(index, {})
            for name, verdicts in found.items():
                by_policy[name] = [*by_policy.get(name, ()), *verdicts]
    return merged


async def _rows(engine: Engine, proxy: _Prejudged, judged: Judged,
                merged: dict[int, ByPolicy] | None) -> AsyncIterator[ScanRow]:
    """Each message's row, in order. A message the workers found nothing in, in the context
    the engine gives it, is only remembered in its chat's window (`Engine.pass_quietly`): the
    engine would do nothing more with it. The others go through `Engine.on_message`, answered
    with the workers' verdicts (``merged``; None: the workers failed, judge them here)."""
    covered: dict[tuple[str, ...], bool] = {}  # the chat's policies all run in the workers
    for index, (message, context, only) in enumerate(judged):
        by_policy = merged.get(index) if merged is not None else None
        if merged is not None and not by_policy:
            if only not in covered:
                covered[only] = all(name in proxy.order for name in only)
            if covered[only] and engine.pass_quietly(message, context, only):
                yield quiet_row(message)
                continue
        if merged is not None:
            proxy.ready[id(message)] = (context, only, by_policy or {})
        yield await scan_one(engine, message)
        proxy.ready.pop(id(message), None)  # one the engine did not ask for leaves nothing


async def scan_in_jobs(engine: Engine, messages: Iterator[Message], jobs: int
                       ) -> AsyncIterator[ScanRow]:
    """`civility.scan.scan` with the policies run in up to ``jobs`` worker processes (with
    one job, in this process, a batch at a time all the same: the policies that judge
    batches then score each batch at once, and repeated texts are answered from their memos)."""
    order = _policy_order(engine)
    batched = engine.hooks.batch_policies()
    split = tuple(name for name in order if name in engine.hooks.split_policies())
    shared = tuple(name for name in order if name in batched or name in split)
    last_run.batches = last_run.judged_here = 0
    last_run.policy_seconds = 0.0
    last_run.shared = tuple(name for name in order if name in batched)
    last_run.split = split
    proxy = _Prejudged(engine.hooks, order)
    hooks, engine.hooks = engine.hooks, proxy  # type: ignore[assignment]
    started = time.process_time()
    try:
        if jobs <= 1:
            last_run.workers, last_run.shares, last_run.worker_seconds = (), [], []
            own = tuple(name for name in order if name not in batched)
            for _, contexts in _batches(engine, messages):
                last_run.batches += 1
                judged = _judge(hooks, contexts, own, shared, range(len(contexts)), split)
                last_run.policy_seconds += judged.own_seconds + judged.shared_seconds
                async for row in _rows(engine, proxy, contexts, _merged([judged])):
                    yield row
        else:
            async for row in _in_workers(engine, messages, jobs, order, shared, split, proxy):
                yield row
    finally:
        engine.hooks = hooks
        last_run.judged_here = proxy.local
        last_run.here_seconds = time.process_time() - started
        log.info("scan_jobs_done", jobs=jobs, workers=len(last_run.worker_seconds),
                 batches=last_run.batches, judged_here=proxy.local, shares=last_run.shares,
                 worker_cpu_s=[round(x, 1) for x in last_run.worker_seconds],
                 here_cpu_s=round(last_run.here_seconds, 1))


async def _in_workers(engine: Engine, messages: Iterator[Message], jobs: int,
                      order: tuple[str, ...], shared: tuple[str, ...], split: tuple[str, ...],
                      proxy: _Prejudged) -> AsyncIterator[ScanRow]:
    batched = set(last_run.shared)
    groups = worker_plugins(order, jobs)
    last_run.workers = groups
    # One process per group, so that each policy that remembers judges every message in order
    # in one place (a split policy's stateful part); every job gets a process when some
    # policy's messages can be shared out.
    own = [tuple(name for name in group if name not in batched) for group in groups]
    own += [()] * ((jobs if shared else 0) - len(own))
    last_run.shares = [0] * len(own)
    last_run.worker_seconds = [0.0] * len(own)
    shares = _Shares(len(own))
    loop = asyncio.get_running_loop()
    context = multiprocessing.get_context("spawn")
    pools = [concurrent.futures.ProcessPoolExecutor(
        1, mp_context=context, initializer=_start_worker, initargs=(engine.config,))
        for _ in own]
    pending: deque[tuple[_Batch, Judged, list[list[int]], list[asyncio.Future[_Judged]]]] = \
        deque()
    source = _batches(engine, messages)
    try:
        while True:
            while len(pending) < AHEAD:
                made = next(source, None)
                if made is None:
                    break
                batch, contexts = made
                packed = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
                slices = shares.split(batch.messages) if shared else [[] for _ in own]
                pending.append((batch, contexts, slices, [
                    _submit(loop, pool, packed, group, shared, part, split)
                    for pool, group, part in zip(pools, own, slices, strict=True)]))
            if not pending:
                break
            batch, contexts, slices, futures = pending.popleft()
            last_run.batches += 1
            answers: list[_Judged] | None = []
            for worker, future in enumerate(futures):
                try:
                    judged = await future
                except concurrent.futures.process.BrokenProcessPool:
                    log.error("scan_worker_failed", judged_here=len(batch.messages))
                    answers = None
                    continue
                size = len(slices[worker])
                shares.learn(worker, judged, len(batch.messages), size)
                last_run.shares[worker] += size
                last_run.worker_seconds[worker] += judged.own_seconds + judged.shared_seconds
                if answers is not None:
                    answers.append(judged)
            merged = _merged(answers) if answers is not None else None
            async for row in _rows(engine, proxy, contexts, merged):
                yield row
    finally:
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
