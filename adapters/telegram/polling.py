"""Long polling with an offset that passes an update only once it is durably handled.

Telegram forgets an update when a getUpdates names a higher offset, so the offset moves only
over a gap-free run of finished updates. An update whose event could not be recorded (the
store is down: `RetryLater`) holds the offset where it is, and is tried again after a back-off
when Telegram sends it again; an update whose handling raised is tried a few times and then
given up. Each chat's updates are handled in order, chats concurrently.

The offset file keeps the offset and the ids of the updates finished above it (a slow chat
may hold the offset while other chats go on), both replaced atomically as each update
finishes: after a crash, Telegram sends again whatever it was not told of, and only what was
not finished is handled again.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import structlog
from telegram.error import Conflict, Forbidden, InvalidToken, RetryAfter, TelegramError

from civility._memo import Recent
from civility.adapter import Backoff, RetryLater, failure
from civility.adapters.telegram.api import RawBot, describe, retry_seconds

log = structlog.get_logger()

UpdateHandler = Callable[[dict[str, Any]], Awaitable[None]]
#: Tries of an update whose handling keeps raising (not a store outage) before it is skipped.
MAX_ATTEMPTS = 5
_KINDS = ("message", "edited_message", "callback_query", "chat_member", "my_chat_member")


def chat_of(update: dict[str, Any]) -> str:
    """The chat an update belongs to ("" when it names none): its updates run in order."""
    for kind in _KINDS:
        part = update.get(kind)
        if isinstance(part, dict):
            chat = part.get("chat")
            if not isinstance(chat, dict) and isinstance(part.get("message"), dict):
                chat = part["message"].get("chat")  # a button press: the card's chat
            if isinstance(chat, dict):
                return str(chat.get("id", ""))
            return f"{kind}:?"
    return ""


class Attempts:
    """How often each update's handling raised, so a poison update is given up in the end.

    Bounded: the oldest counts are forgotten first (such an update gets a few more tries)."""

    def __init__(self, limit: int = MAX_ATTEMPTS, *, size: int = 10_000) -> None:
        self.limit = limit
        self._counts: Recent[int, int] = Recent(size)

    def failed(self, update_id: int) -> bool:
        """Count a failure; True while the update should be tried again."""
        count = (self._counts.pop(update_id) or 0) + 1
        if count >= self.limit:
            return False
        self._counts.put(update_id, count)
        return True

    def forget(self, update_id: int) -> None:
        self._counts.pop(update_id)


class OffsetFile:
    """``{"offset": N, "done": [ids finished above N]}``, replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> tuple[int, set[int]]:
        """The next update id to ask for, and the ids at or above it already finished."""
        try:
            data = json.loads(self.path.read_text("utf-8"))
            offset = data["offset"]
            if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
                raise ValueError(offset)
            done = data.get("done", [])
            if not isinstance(done, list):
                raise ValueError("done")
            return offset, {i for i in done if isinstance(i, int) and i >= offset}
        except FileNotFoundError:
            return 0, set()
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            # Telegram still holds every unconfirmed update: starting from 0 loses nothing.
            log.error("telegram_offset_unreadable", path=str(self.path), error=repr(exc))
            return 0, set()

    def load(self) -> int:
        return self.read()[0]

    def save(self, offset: int, done: Iterable[int] = ()) -> None:
        temp = self.path.with_name(self.path.name + ".tmp")
        data = {"offset": offset, "done": sorted(i for i in done if i >= offset)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temp.open("w", encoding="utf-8") as out:
                json.dump(data, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except OSError as exc:
            log.error("telegram_offset_not_saved", path=str(self.path), error=repr(exc))


class Poller:
    def __init__(self, bot: RawBot, handle: UpdateHandler, offsets: OffsetFile, *,
                 timeout: int, allowed_updates: Sequence[str], limit: int = 100,
                 retry_ceiling: float = 30.0, finished: asyncio.Event | None = None) -> None:
        self.bot, self.handle, self.offsets = bot, handle, offsets
        self.timeout, self.limit, self.allowed_updates = timeout, limit, tuple(allowed_updates)
        self.offset = 0
        #: Updates finished at or above the offset (a slower chat holds the offset below them).
        self.done: set[int] = set()
        self.attempts = Attempts()
        self.retry = Backoff(1.0, retry_ceiling)
        self._stopping = asyncio.Event()
        self._fetch: asyncio.Task[list[Any]] | None = None
        self._task: asyncio.Task[None] | None = None
        #: Set when polling ends for good (stopped, or Telegram refused the token).
        self.finished = finished or asyncio.Event()

    def start(self) -> None:
        self.offset, self.done = self.offsets.read()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop asking for updates; updates already received are handled before returning."""
        self._stopping.set()
        if self._fetch is not None:
            self._fetch.cancel()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _pause(self, seconds: float) -> None:
        """Sleep, but wake at once when stopped."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def _run(self) -> None:
        backoff = Backoff(1.0, 60.0)
        try:
            while not self._stopping.is_set():
                self._fetch = asyncio.create_task(self.bot.raw_updates(
                    offset=self.offset, wait=self.timeout, limit=self.limit,
                    allowed_updates=self.allowed_updates))
                try:
                    batch = await self._fetch
                except asyncio.CancelledError:
                    if self._stopping.is_set():
                        break
                    raise
                except RetryAfter as exc:
                    await self._pause(retry_seconds(exc))
                    continue
                except (InvalidToken, Forbidden) as exc:
                    log.critical("telegram_token_refused", error=describe(exc))
                    break
                except Exception as exc:
                    # Conflict: another copy of the bot is polling, or a webhook is set;
                    # otherwise the network. Keep trying, ever more slowly.
                    error = describe(exc) if isinstance(exc, TelegramError) else repr(exc)
                    wait = backoff.next()
                    log.error("telegram_poll_failed", error=error, retry_in=wait,
                              conflict=isinstance(exc, Conflict))
                    await self._pause(wait)
                    continue
                finally:
                    self._fetch = None
                backoff.reset()
                held = await self._handle_batch(batch)
                if held:
                    wait = self.retry.next()
                    log.warning("telegram_store_unavailable" if held["store"]
                                else "telegram_updates_held", retry_in=wait,
                                held=held["store"] + held["failed"], offset=self.offset)
                    await self._pause(wait)
                else:
                    self.retry.reset()
        finally:
            self.finished.set()

    async def _handle_batch(self, batch: list[Any]) -> dict[str, int]:
        """Handle what is new in a batch; returns how many updates wait to be tried again
        (``store``: not durably recorded; ``failed``: their handling raised), or {}."""
        updates = {u["update_id"]: u for u in batch
                   if isinstance(u, dict) and isinstance(u.get("update_id"), int)
                   and u["update_id"] >= self.offset}  # below: handled before a restart
        if len(updates) != len(batch):
            log.warning("telegram_updates_skipped", count=len(batch) - len(updates))
        order = sorted(updates)
        chats: dict[str, list[int]] = {}
        for update_id in order:
            if update_id not in self.done:
                chats.setdefault(chat_of(updates[update_id]), []).append(update_id)
        held = {"store": 0, "failed": 0}

        async def chat(ids: list[int]) -> None:
            for update_id in ids:
                result = await self._one(update_id, updates[update_id])
                if result:
                    held[result] += 1
                    # The chat's later updates wait too: each chat is handled in order.
                    return
                self._finish(update_id, order)

        self._finish(None, order)  # updates finished before a restart may complete a run
        await asyncio.gather(*(chat(ids) for ids in chats.values()))
        return held if any(held.values()) else {}

    async def _one(self, update_id: int, update: dict[str, Any]) -> str:
        """Handle one update: "" when finished, else why it must be tried again."""
        try:
            await self.handle(update)
        except RetryLater:
            return "store"
        except Exception as exc:  # one bad update must not stop the others
            if self.attempts.failed(update_id):
                log.error("telegram_update_failed", update_id=update_id, **failure(exc))
                return "failed"
            log.error("telegram_update_given_up", update_id=update_id, tries=MAX_ATTEMPTS,
                      **failure(exc))
        self.attempts.forget(update_id)
        return ""

    def _finish(self, update_id: int | None, order: list[int]) -> None:
        """Mark an update finished; move the offset over the gap-free run; save both."""
        if update_id is not None:
            self.done.add(update_id)
        moved = False
        while order and order[0] in self.done:
            self.offset = order.pop(0) + 1
            moved = True
        if moved or update_id is not None:
            self.done = {i for i in self.done if i >= self.offset}
            self.offsets.save(self.offset, self.done)
