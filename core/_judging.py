"""Running plugin code safely: each call guarded and timed, off the event loop when live.

`JudgingPool` is a small pool of daemon threads: the live bot judges each message there, so a
slow policy in one chat never stalls the event loop that serves the other chats. A message's
policies are one job (`InTurn`: each plugin's call in turn, on one worker), so a second policy
costs its own judging and not a second thread hop; the job shows the waiting side which call is
running and since when, so a call past its budget is told apart from the calls behind it.
Daemon threads, because a plugin stuck for good must not keep the process from stopping; the
pool grows (up to a cap) when workers are held by calls that overran their budget, so stuck
calls cannot starve the rest. `PluginHealth` keeps each plugin's record in this process: calls,
failures, calls over budget, the last error (its type and where it was raised, never its
message, which may quote a member's text) and whether it is suspended.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import attrs
import structlog

log = structlog.get_logger()

T = TypeVar("T")

#: Calls over budget in a row after which a plugin is suspended for a while.
SUSPEND_AFTER = 3
#: Calls of one plugin that may still be running past their budget before it gets no more:
#: a plugin that hangs for good holds at most this many workers.
MAX_OVERDUE = 2
SUSPEND_SECONDS = 60.0
MAX_SUSPEND_SECONDS = 3600.0
#: The interpreter's thread switch interval while judging off the loop. Python's default (5 ms)
#: lets a policy busy in pure Python keep the event loop waiting for the GIL that long at every
#: turn; 1 ms keeps other chats' delay to a few milliseconds (see benchmarks/judging_isolation.py).
SWITCH_INTERVAL = 0.001
#: A worker with nothing to do for this long goes away.
IDLE_SECONDS = 30.0


def describe_error(exc: BaseException) -> str:
    """The error's type and the innermost place it was raised (``file.py:12``), no message."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    last = frames[-1]
    where = "/".join(Path(last.filename).parts[-2:])
    return f"{type(exc).__name__} at {where}:{last.lineno}"


@attrs.define
class PluginHealth:
    """One plugin's record in this process (mutated on the event loop's thread only)."""

    name: str
    calls: int = 0
    failures: int = 0
    over_budget: int = 0
    skipped: int = 0
    last_error: str = ""
    slowest_ms: float = 0.0
    #: Calls still running past their budget (each holds a worker thread).
    overdue: int = 0
    in_a_row: int = 0
    suspended_until: float = 0.0
    suspensions: int = 0

    def suspended(self, now: float) -> bool:
        return self.overdue >= MAX_OVERDUE or now < self.suspended_until

    def finished(self, ms: float) -> None:
        self.calls += 1
        self.slowest_ms = max(self.slowest_ms, ms)

    def failed(self, error: str, *, hook: str) -> None:
        self.failures += 1
        self.last_error = error
        log.error("plugin_failed", plugin=self.name, hook=hook, error=error,
                  failures=self.failures)

    def timed_out(self, budget: float, now: float, *, hook: str) -> None:
        self.calls += 1
        self.over_budget += 1
        self.overdue += 1
        self.in_a_row += 1
        self.failed(f"over the time budget of {budget:g} s", hook=hook)
        if self.in_a_row >= SUSPEND_AFTER:
            pause = min(SUSPEND_SECONDS * 2 ** self.suspensions, MAX_SUSPEND_SECONDS)
            self.suspended_until = now + pause
            self.suspensions += 1
            self.in_a_row = 0
            log.error("plugin_suspended", plugin=self.name, seconds=pause,
                      over_budget=self.over_budget)

    def finished_late(self, ms: float) -> None:
        self.overdue -= 1
        self.slowest_ms = max(self.slowest_ms, ms)
        log.warning("plugin_finished_late", plugin=self.name, ms=round(ms, 1))

    def in_time(self) -> None:
        self.in_a_row = 0

    def row(self) -> dict[str, object]:
        return {"calls": self.calls, "failures": self.failures, "over_budget": self.over_budget,
                "skipped": self.skipped, "last_error": self.last_error,
                "slowest_ms": round(self.slowest_ms, 1),
                "suspended": self.suspended(time.monotonic())}


@attrs.define
class CallResult(Generic[T]):
    """What one guarded call of a plugin gave: its value or its error, and how long it took."""

    value: T | None = None
    error: BaseException | None = None
    ms: float = 0.0


@overload
def guarded(function: Callable[..., Any], args: list[Any]) -> CallResult[Any]: ...
@overload
def guarded(function: Callable[..., Any], args: list[Any],
            convert: Callable[[Any], T]) -> CallResult[T]: ...
def guarded(function: Callable[..., Any], args: list[Any],
            convert: Callable[[Any], Any] | None = None) -> CallResult[Any]:
    """Call a plugin's function; never raises (an ``Exception`` becomes the result's error).

    ``convert`` runs here too, so that plugin code run while converting (a generator being
    read, a ``__iter__``) is guarded and timed with the call."""
    started = time.perf_counter()
    try:
        value = function(*args)
        out = convert(value) if convert is not None else value
    except Exception as exc:
        return CallResult(error=exc, ms=(time.perf_counter() - started) * 1000)
    return CallResult(value=out, ms=(time.perf_counter() - started) * 1000)


class InTurn:
    """Several plugins' calls run one after another by one worker, each `guarded` and timed.

    The worker and the waiting event loop share it under a lock. At a deadline the loop asks
    `check`: the time the running call may still take, or 0 when the job has been stopped, so
    the worker runs no more of its calls; then ``results[:stopped_at]`` came in time, and
    ``stuck`` says whether the next call is still running past its budget (its result, when it
    comes, is the job's last), rather than never begun (the job still queued)."""

    def __init__(self, calls: Sequence[tuple[Callable[..., Any], list[Any]]],
                 convert: Callable[[Any], Any]) -> None:
        self.calls = calls
        self.convert = convert
        self.results: list[CallResult[Any]] = []
        self.stopped_at = -1  # len(results) when stopped; -1 while running
        self.stuck = False
        self._running = False
        self._since = 0.0  # time.monotonic() when the running call began; 0 before the first
        self._lock = threading.Lock()

    def __call__(self) -> list[CallResult[Any]]:
        results, lock = self.results, self._lock
        for function, args in self.calls:
            with lock:
                if self.stopped_at >= 0:
                    break
                self._running, self._since = True, time.monotonic()
            started = time.perf_counter()
            try:
                result = guarded(function, args, self.convert)
            except BaseException as exc:  # SystemExit and the like: this plugin's failure only
                result = CallResult(error=exc, ms=(time.perf_counter() - started) * 1000)
            with lock:
                results.append(result)
                self._running = False
        return results

    def check(self, budget: float, now: float) -> float:
        """Seconds the running call may still take, or 0: stopped (see the class docstring)."""
        with self._lock:
            if len(self.results) == len(self.calls):
                return budget  # all done: the future is being resolved
            if self._running:
                left = self._since + budget - now
                if left > 0:
                    return left
                self.stuck = True
            elif self._since:
                return budget  # between two calls: the next one is beginning now
            self.stopped_at = len(self.results)
            return 0.0


@attrs.define
class _Job:
    function: Callable[[], Any]
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    context: contextvars.Context
    started: float = 0.0  # time.monotonic() when a worker took it; 0 while queued
    #: Given up on before a worker took it: the worker drops it instead of running it late.
    dropped: bool = False


class JudgingPool:
    """Daemon worker threads that run plugin calls for the event loop.

    ``workers`` threads at most serve at once; threads held by calls past their budget do not
    count, up to ``max_workers`` in all. A worker idle for ``IDLE_SECONDS`` goes away (one
    starts again on demand), so an engine that is no longer used leaves no threads behind."""

    def __init__(self, workers: int = 4, max_workers: int = 16) -> None:
        self.workers = workers
        self.max_workers = max(workers, max_workers)
        # One lock for the queue and the counts: a worker that has taken a job is never
        # still counted idle, so a job queued behind a hanging call always gets its own worker.
        self._jobs: collections.deque[_Job | None] = collections.deque()
        self._cond = threading.Condition()
        self._count = 0
        self._idle = 0
        self._overdue = 0
        if sys.getswitchinterval() > SWITCH_INTERVAL:
            sys.setswitchinterval(SWITCH_INTERVAL)

    def submit(self, function: Callable[[], T]) -> tuple[asyncio.Future[T], _Job]:
        """Run ``function`` on a worker; the future is resolved on the calling loop."""
        loop = asyncio.get_running_loop()
        job = _Job(function, loop, loop.create_future(), contextvars.copy_context())
        with self._cond:
            free = self._idle - len(self._jobs)
            if free <= 0 and self._count - self._overdue < self.workers \
                    and self._count < self.max_workers:
                self._start()
            self._jobs.append(job)
            self._cond.notify()
        return job.future, job

    def overdue(self, delta: int) -> None:
        """A call has overrun its budget (+1) or come back late (-1). Its worker no longer
        counts, so a job queued behind it gets a worker of its own now, not at the next submit."""
        with self._cond:
            self._overdue += delta
            if delta > 0 and len(self._jobs) > self._idle \
                    and self._count - self._overdue < self.workers \
                    and self._count < self.max_workers:
                self._start()
                self._cond.notify()

    def shutdown(self) -> None:
        """Let the idle workers go (one stuck in a plugin stays until the call returns)."""
        with self._cond:
            self._jobs.extend([None] * self._count)
            self._cond.notify_all()

    def _start(self) -> None:
        self._count += 1
        self._idle += 1
        threading.Thread(target=self._work, name="civility-judge", daemon=True).start()

    def _take(self) -> _Job | None:
        """The next job, counted busy before the lock is let go; None: this worker leaves."""
        with self._cond:
            while True:
                while not self._jobs:
                    if not self._cond.wait(timeout=IDLE_SECONDS) and not self._jobs:
                        self._count -= 1
                        self._idle -= 1
                        return None
                job = self._jobs.popleft()
                if job is None:
                    self._count -= 1
                    self._idle -= 1
                    return None
                if not job.dropped:
                    self._idle -= 1
                    job.started = time.monotonic()
                    return job

    def _work(self) -> None:
        while (job := self._take()) is not None:
            try:
                result = job.context.run(job.function)
            except BaseException as exc:  # guarded() catches Exception; keep the worker alive
                self._resolve(job, None, exc)
            else:
                self._resolve(job, result, None)
            with self._cond:
                self._idle += 1

    @staticmethod
    def _resolve(job: _Job, result: Any, error: BaseException | None) -> None:
        def settle() -> None:
            if job.future.done():
                return
            if error is not None:
                job.future.set_exception(error)
            else:
                job.future.set_result(result)

        # RuntimeError: the loop has closed (the run ended while this call hung).
        with contextlib.suppress(RuntimeError):
            job.loop.call_soon_threadsafe(settle)

    @property
    def size(self) -> int:
        return self._count


def health_rows(health: Mapping[str, PluginHealth]) -> dict[str, dict[str, object]]:
    return {name: h.row() for name, h in sorted(health.items())}
