"""Long polling with an offset that advances only once an update has been handled.

Telegram forgets an update when the next getUpdates names a higher offset. That call comes
only after the whole batch is handled, and the offset is also kept in a small file as each
update finishes, so a restart neither loses an update nor handles one twice (an update whose
handling was cut off by a crash is handled again: at least once, never silently lost).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import structlog
from telegram.error import Conflict, Forbidden, InvalidToken, RetryAfter, TelegramError

from civility.adapters.telegram.api import RawBot, describe, retry_seconds

log = structlog.get_logger()

UpdateHandler = Callable[[dict[str, Any]], Awaitable[None]]


class OffsetFile:
    """The next update id to ask for, kept as ``{"offset": N}`` and replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> int:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            offset = data["offset"]
            if isinstance(offset, int) and offset >= 0:
                return offset
            raise ValueError(offset)
        except FileNotFoundError:
            return 0
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # Telegram still holds every unconfirmed update: starting from 0 loses nothing.
            log.error("telegram_offset_unreadable", path=str(self.path), error=repr(exc))
            return 0

    def save(self, offset: int) -> None:
        temp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(json.dumps({"offset": offset}), "utf-8")
            os.replace(temp, self.path)
        except OSError as exc:
            log.error("telegram_offset_not_saved", path=str(self.path), error=repr(exc))


class Poller:
    def __init__(self, bot: RawBot, handle: UpdateHandler, offsets: OffsetFile, *,
                 timeout: int, allowed_updates: Sequence[str], limit: int = 100) -> None:
        self.bot, self.handle, self.offsets = bot, handle, offsets
        self.timeout, self.limit, self.allowed_updates = timeout, limit, tuple(allowed_updates)
        self.offset = 0
        self._stopping = asyncio.Event()
        self._fetch: asyncio.Task[list[Any]] | None = None
        self._task: asyncio.Task[None] | None = None
        #: Set when polling ends for good (stopped, or Telegram refused the token).
        self.finished = asyncio.Event()

    def start(self) -> None:
        self.offset = self.offsets.load()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop asking for updates; updates already received are handled before returning."""
        self._stopping.set()
        if self._fetch is not None:
            self._fetch.cancel()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        backoff = 1.0
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
                    await asyncio.sleep(retry_seconds(exc))
                    continue
                except (InvalidToken, Forbidden) as exc:
                    log.critical("telegram_token_refused", error=describe(exc))
                    break
                except Exception as exc:
                    # Conflict: another copy of the bot is polling, or a webhook is set;
                    # otherwise the network. Keep trying, ever more slowly.
                    error = describe(exc) if isinstance(exc, TelegramError) else repr(exc)
                    log.error("telegram_poll_failed", error=error, retry_in=backoff,
                              conflict=isinstance(exc, Conflict))
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 60.0)
                    continue
                finally:
                    self._fetch = None
                backoff = 1.0
                await self._handle_batch(batch)
        finally:
            self.finished.set()

    async def _handle_batch(self, batch: list[Any]) -> None:
        updates = {u["update_id"]: u for u in batch
                   if isinstance(u, dict) and isinstance(u.get("update_id"), int)
                   and u["update_id"] >= self.offset}  # below: handled before a restart
        if len(updates) != len(batch):
            log.warning("telegram_updates_skipped", count=len(batch) - len(updates))
        if not updates:
            return
        ids = sorted(updates)
        done: set[int] = set()

        async def one(update_id: int) -> None:
            try:
                await self.handle(updates[update_id])
            except Exception:  # one bad update must not stop the others
                log.exception("telegram_update_failed", update_id=update_id)
            done.add(update_id)
            # Only a gap-free run of handled updates moves the saved offset.
            moved = False
            while ids and ids[0] in done:
                self.offset = ids.pop(0) + 1
                moved = True
            if moved:
                self.offsets.save(self.offset)

        # Started in order, so each chat's events reach the engine's queue in order.
        await asyncio.gather(*(one(i) for i in ids))
