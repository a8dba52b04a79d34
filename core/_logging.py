"""structlog set-up, done once by the CLI: a console renderer on a terminal, JSON otherwise.

No log line carries message text: an error is logged as its type and the frames it passed
through (module, function, line), never its message, which may quote what a member wrote or,
for a database error, the statement's bound parameters.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from types import TracebackType
from typing import Any

import structlog

#: Keys whose values never reach a log line, whatever a caller binds.
SECRET_KEYS = frozenset({"token", "access_token", "password", "secret", "api_key", "authorization"})

#: How many frames of a contained error's stack a log line lists (innermost last).
STACK_FRAMES = 12


def _redact(_logger: Any, _name: str, event: MutableMapping[str, Any]
            ) -> MutableMapping[str, Any]:
    for key in event.keys() & SECRET_KEYS:
        event[key] = "[redacted]"
    return event


def _frames(tb: TracebackType | None) -> list[tuple[str, str, int]]:
    """(module, function, line) of each frame, outermost first."""
    frames = []
    while tb is not None:
        frame = tb.tb_frame
        frames.append((str(frame.f_globals.get("__name__", "?")), frame.f_code.co_name,
                       tb.tb_lineno))
        tb = tb.tb_next
    return frames


def _where(frame: tuple[str, str, int]) -> str:
    return f"{frame[0]}:{frame[1]}:{frame[2]}"


def error_fields(exc: BaseException) -> dict[str, Any]:
    """What a log line may say about an error: its type, where it was raised (module,
    function and line of the innermost frame) and the innermost frame in Civility's own code.
    Never ``str(exc)``: it may quote a member's message or a statement's parameters."""
    frames = _frames(exc.__traceback__)
    fields: dict[str, Any] = {"error": type(exc).__name__,
                              "where": _where(frames[-1]) if frames else ""}
    ours = [f for f in frames if f[0].startswith("civility")]
    if ours and ours[-1] != frames[-1]:
        fields["via"] = _where(ours[-1])
    return fields


def _safe_exc_info(_logger: Any, _name: str, event: MutableMapping[str, Any]
                   ) -> MutableMapping[str, Any]:
    """Turn ``exc_info`` (log.exception) into the error's type and stack, without its message."""
    info = event.pop("exc_info", None)
    if info is None or info is False:
        return event
    if info is True:
        info = sys.exc_info()
    exc = info if isinstance(info, BaseException) else info[1] if isinstance(info, tuple) else None
    if exc is not None:
        event.setdefault("error", type(exc).__name__)
        event["stack"] = [_where(f) for f in _frames(exc.__traceback__)[-STACK_FRAMES:]]
    return event


class _SafeFormatter(logging.Formatter):
    """Standard-library records (asyncio, libraries): tracebacks without exception messages."""

    def formatException(self, ei: Any) -> str:
        exc = ei[1]
        if exc is None:
            return ""
        frames = [_where(f) for f in _frames(exc.__traceback__)[-STACK_FRAMES:]]
        return f"{type(exc).__name__} at " + " < ".join(reversed(frames))


def configure(level: str = "info", *, json: bool | None = None, stream: Any = None) -> None:
    stream = stream or sys.stderr
    if json is None:
        json = not stream.isatty()
    renderer: Any = (structlog.processors.JSONRenderer() if json
                     else structlog.dev.ConsoleRenderer(colors=stream.isatty()))
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _redact,
            _safe_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping()[level.upper()]),
        logger_factory=structlog.PrintLoggerFactory(stream),
        cache_logger_on_first_use=True,
    )
    # Libraries (httpx, nio, aiohttp) log through the standard library: keep them quiet but
    # visible, and never at debug (httpx would print URLs that carry the bot token).
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=max(logging.WARNING, logging.getLevelNamesMapping()[level.upper()]),
                        handlers=[handler])
    # SQLAlchemy never logs statements or parameters, whatever a library asks for.
    logging.getLogger("sqlalchemy").setLevel(logging.ERROR)
