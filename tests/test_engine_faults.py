"""Faults: the engine contains every error without raising, logs its type and where it was
raised (never the message text), and acts on nothing the store could not record."""

from __future__ import annotations

import io
import json

import structlog
from structlog.testing import capture_logs

from civility import _logging
from civility.testing import make_chat, make_message


async def test_a_contained_error_is_logged_by_type_and_place_without_text(make_engine, adapter):
    def leaky_decide(message, verdicts, context):  # type: ignore[no-untyped-def]
        raise ValueError(f"cannot decide {message.text!r}")  # an error quoting the text

    engine = make_engine()
    engine.hooks.decide = leaky_decide  # type: ignore[method-assign]
    await engine.start()
    with capture_logs() as logs:
        outcome = await engine.handle(make_message("darn secret words", chat=make_chat()))
    assert outcome.error and not outcome.retry
    assert "secret" not in outcome.error
    [failed] = [e for e in logs if e["event"] == "event_failed"]
    assert failed["error"] == "ValueError" and failed["event_type"] == "Message"
    assert failed["where"].split(":")[1] == "leaky_decide"
    assert failed["via"].startswith("civility.engine:decide:")
    assert "secret" not in json.dumps(logs, default=str)
    ok = await engine.handle(make_message("fine"))
    assert ok.error == ""


def test_log_exception_shows_type_and_stack_but_not_the_message():
    stream = io.StringIO()
    _logging.configure("info", json=True, stream=stream)
    try:
        try:
            "caf\udce9 darn".encode()
        except UnicodeEncodeError:
            structlog.get_logger().exception("failed")
    finally:
        structlog.reset_defaults()
    entry = json.loads(stream.getvalue())
    assert entry["error"] == "UnicodeEncodeError" and entry["stack"]
    assert "darn" not in stream.getvalue()


async def test_database_errors_never_quote_their_parameters(tmp_path):
    import sqlalchemy as sa

    from civility.store.sql import SqlStore

    store = SqlStore(f"sqlite:///{tmp_path / 'c.db'}")
    await store.open()
    try:
        async with store.db.connect() as conn:
            await conn.execute(sa.text("SELECT * FROM no_such_table WHERE text = :text"),
                               {"text": "darn secretparam"})
    except sa.exc.OperationalError as exc:
        assert "secretparam" not in str(exc)
    else:
        raise AssertionError("the query should have failed")
    finally:
        await store.close()
