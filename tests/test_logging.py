"""Logs: JSON off a terminal, one decision line per flagged message, and no secrets."""

from __future__ import annotations

import io
import json

import structlog

from civility import _logging


def test_json_logs_redact_secrets_and_bind_context():
    stream = io.StringIO()
    _logging.configure("info", json=True, stream=stream)
    try:
        log = structlog.get_logger()
        structlog.contextvars.bind_contextvars(platform="telegram", chat="-100")
        log.info("connecting", token="123:ABC", url="https://x")
        log.debug("hidden")
    finally:
        structlog.contextvars.clear_contextvars()
        structlog.reset_defaults()
    [line] = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert entry["token"] == "[redacted]" and entry["platform"] == "telegram"
    assert "123:ABC" not in stream.getvalue()
