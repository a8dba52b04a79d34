"""structlog set-up, done once by the CLI: a console renderer on a terminal, JSON otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

#: Keys whose values never reach a log line, whatever a caller binds.
SECRET_KEYS = frozenset({"token", "access_token", "password", "secret", "api_key", "authorization"})


def _redact(_logger: Any, _name: str, event: MutableMapping[str, Any]
            ) -> MutableMapping[str, Any]:
    for key in event.keys() & SECRET_KEYS:
        event[key] = "[redacted]"
    return event


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
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelNamesMapping()[level.upper()]),
        logger_factory=structlog.PrintLoggerFactory(stream),
        cache_logger_on_first_use=True,
    )
    # Libraries (httpx, nio, aiohttp) log through the standard library: keep them quiet but
    # visible, and never at debug (httpx would print URLs that carry the bot token).
    logging.basicConfig(level=max(logging.WARNING, logging.getLevelNamesMapping()[level.upper()]),
                        stream=stream, format="%(levelname)s %(name)s: %(message)s")
