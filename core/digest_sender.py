"""The weekly digest on a schedule: `civility run` posts it in each moderators' chat.

``[school] digest = "monday 08:00"`` (in ``[school] timezone``) makes a period of each week,
starting at that time. For each moderators' chat and period the sender does what the engine
does with a platform event: decide (the period has begun and this chat has no digest for it),
record (a delivery keyed by platform, chat and period, in the store), then act (post it) and
mark it done. So a digest goes out once per period, across restarts: a second process, or the
same one after a restart, finds the period's delivery and leaves it. One that was missed
(Civility was not running at 08:00 on Monday) goes out at start-up while its period lasts.

The post is marked `SENDING` before it goes, as a private notice is: if the process is killed
in that instant the digest is not posted again (at most once; the next week's comes as usual).
A post the platform refused is marked pending again and tried on the next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
from collections.abc import Awaitable, Callable, Mapping, Sequence

import structlog

from civility._schedule import Weekly
from civility.adapter import BaseAdapter, UnsupportedAction
from civility.digest import DigestData, digest_from, read_digest_data, render_digest
from civility.store import DONE, PENDING, SENDING, SKIPPED, ActionState, Plan, Store

__all__ = ["DigestSender", "digest_key", "send_due_digests"]

log = structlog.get_logger()

Clock = Callable[[], dt.datetime]
#: How often the sender looks whether a new period has begun.
POLL_SECONDS = 60.0
ACTION = "digest"


def digest_key(platform: str, moderators_chat: str, period: dt.datetime) -> str:
    """The store key of one chat's digest for one period (the period's start, as UTC)."""
    parts = ("digest", platform, moderators_chat, period.astimezone(dt.UTC).isoformat())
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


async def send_due_digests(store: Store, schedule: Weekly,
                           adapters: Mapping[str, BaseAdapter], clock: Clock) -> int:
    """Post the current period's digest in every moderators' chat that has not had it yet;
    return how many were posted. A chat whose post fails is tried again next round."""
    now = clock()
    period = schedule.latest(now)
    posted = 0
    read: list[DigestData] = []  # read once a round, when a chat has a digest due

    async def data() -> DigestData:
        if not read:
            read.append(await read_digest_data(store, now=clock()))
        return read[0]

    for platform, adapter in sorted(adapters.items()):
        for chat, groups in sorted(adapter.moderators_chats().items()):
            try:
                posted += await _send_one(store, adapter, platform, chat, groups, period, clock,
                                          data)
            except Exception as exc:  # the store or the platform: this chat waits a round
                log.warning("digest_not_sent", platform=platform, error=type(exc).__name__)
    return posted


async def _send_one(store: Store, adapter: BaseAdapter, platform: str, chat: str,
                    groups: Sequence[str], period: dt.datetime, clock: Clock,
                    data: Callable[[], Awaitable[DigestData]]) -> int:
    chat_key = f"{platform}:{chat}"
    delivery = await store.record_plan(Plan(
        key=digest_key(platform, chat, period), kind="digest", time=clock(), actions=(ACTION,),
        detail={"chat": chat_key, "period": period.isoformat()}))
    if delivery.finished or delivery.actions[0].status != PENDING:
        return 0  # this period's digest went out (or went out as far as anyone can know)
    digest = digest_from(await data(), now=clock(),
                         chat_keys={f"{platform}:{g}" for g in groups})
    await store.mark_action(delivery.id, 0, SENDING, {})
    try:
        await adapter.send_to_moderators(chat, render_digest(digest))
    except UnsupportedAction as exc:
        state = ActionState(ACTION, SKIPPED, {"recommended": str(exc)})
    except Exception as exc:
        await store.mark_action(delivery.id, 0, PENDING, {"failed": type(exc).__name__})
        raise
    else:
        state = ActionState(ACTION, DONE, {"done": "weekly digest posted"})
    await store.finish_delivery(delivery.id, clock(), chat_key=chat_key, member_key="",
                                incident_id=None, detail={"digest": period.isoformat()},
                                marks=[(0, state)])
    log.info("digest_sent" if state.status == DONE else "digest_unsupported",
             platform=platform, period=period.isoformat())
    return int(state.status == DONE)


class DigestSender:
    """Posts the weekly digest while the engine runs (started by `civility run`); off when
    the config has no ``[school] digest``."""

    def __init__(self, store: Store, schedule: Weekly | None,
                 adapters: Mapping[str, BaseAdapter], clock: Clock,
                 poll_seconds: float = POLL_SECONDS) -> None:
        self.store, self.schedule, self.adapters, self.clock = store, schedule, adapters, clock
        self.poll_seconds = poll_seconds
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.schedule is not None and self._task is None:
            self._task = asyncio.create_task(self._run(self.schedule))

    async def _run(self, schedule: Weekly) -> None:
        first = True
        while True:  # the first round at once, even if stopped: a missed digest goes now
            posted = await send_due_digests(self.store, schedule, self.adapters, self.clock)
            if first:
                log.info("digest_scheduled", schedule=schedule.describe(), posted=posted,
                         next=schedule.next_after(self.clock()).isoformat())
                first = False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.poll_seconds)
            if self._stop.is_set():
                return

    async def stop(self, grace_seconds: float = 30.0) -> None:
        """Let a post under way finish (so it is marked), then stop."""
        if self._task is None:
            return
        self._stop.set()
        try:
            await asyncio.wait_for(self._task, grace_seconds)
        except TimeoutError:
            log.warning("digest_stop_timeout")
        self._task = None
