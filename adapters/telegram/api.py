"""Calling the Bot API: 429 answers honoured, Telegram's refusals sorted into kinds.

Telegram gives errors as text; the kinds below are what the adapter needs to tell apart
("already gone", "no rights", "cannot reach this person").
"""

from __future__ import annotations

import asyncio
import datetime as dt
import warnings
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import structlog
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

from civility.adapter import ActionFailed

log = structlog.get_logger()
T = TypeVar("T")

_GONE = ("not found", "message_id_invalid", "message can't be found")
_NO_RIGHTS = ("not enough rights", "have no rights", "admin_required", "chat_admin_required",
              "can't be deleted", "not an administrator", "need administrator rights",
              "bot was kicked", "bot is not a member", "can't remove chat owner",
              "user is an administrator", "can_restrict_members", "can_delete_messages")


class RawBot(Bot):
    """A `Bot` that hands back getUpdates' raw JSON, so each update is parsed on its own and
    one malformed update cannot stall the offset (PTB's `get_updates` parses the batch whole)."""

    async def raw_updates(self, *, offset: int, wait: int, limit: int,
                          allowed_updates: Sequence[str]) -> list[Any]:
        """``wait``: seconds Telegram may hold the request open (long polling)."""
        data: dict[str, Any] = {"timeout": wait, "limit": limit,
                                "allowed_updates": list(allowed_updates)}
        if offset:
            data["offset"] = offset
        result = await self._post("getUpdates", data, read_timeout=wait + 10.0)
        return result if isinstance(result, list) else []


def retry_seconds(exc: RetryAfter) -> float:
    """``retry_after`` in seconds, whichever type this PTB release returns."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def is_gone(exc: TelegramError) -> bool:
    """The message or member is no longer there (deleted by someone else, already left)."""
    return isinstance(exc, BadRequest) and any(g in exc.message.lower() for g in _GONE)


def lacks_rights(exc: TelegramError) -> bool:
    """The bot is not an admin, or lacks the delete/ban right, or was removed from the chat."""
    text = exc.message.lower()
    return isinstance(exc, BadRequest | Forbidden) and any(r in text for r in _NO_RIGHTS)


def describe(exc: TelegramError) -> str:
    return exc.message[:200]


class Api:
    """Runs Bot API calls, waiting out 429s up to ``max_retries`` attempts."""

    def __init__(self, *, max_retries: int = 5,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.max_retries = max_retries
        self._sleep = sleep

    async def call(self, what: str, make: Callable[[], Awaitable[T]]) -> T:
        """Run ``make()``; TelegramErrors other than 429 (and a brief network drop) pass up."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return await make()
            except RetryAfter as exc:
                wait = retry_seconds(exc)
                log.warning("telegram_rate_limited", action=what, retry_after=wait,
                            attempt=attempt)
                if attempt >= self.max_retries:
                    raise ActionFailed(f"{what}: Telegram asked to wait {wait:g}s "
                                       f"{attempt} times in a row") from exc
                await self._sleep(wait)
            except TimedOut:
                raise  # the request may have been done: repeating it could post twice
            except NetworkError as exc:
                if isinstance(exc, BadRequest) or attempt >= 2:
                    raise
                log.warning("telegram_network_error", action=what, error=describe(exc))
                await self._sleep(1.0)
