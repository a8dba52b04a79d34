"""Decide, record, then act: exactly-once effects over at-least-once delivery.

A platform may deliver an event twice (a crash before its acknowledgement, a batch repeated)
and the store may fail at any moment. Real SQLite files (and PostgreSQL when
CIVILITY_TEST_POSTGRES_URL is set), a recording adapter that counts what reached the group.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sqlite3
import uuid

import pytest
from structlog.testing import capture_logs

from civility.engine import PRIORITY_RAISED, REPORT_SENT
from civility.events import Flag, FlagSource, ModeratorDecision, ReviewChoice
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter, make_member, make_message


class Crash(BaseException):
    """What kill -9 looks like from inside: nothing after this line runs."""


def counts(adapter: RecordingAdapter) -> dict[str, int]:
    found: dict[str, int] = {}
    for call in adapter.calls:
        found[call.action] = found.get(call.action, 0) + 1
    return found


def sqlite_store(tmp_path, **kw) -> SqlStore:  # type: ignore[no-untyped-def]
    return SqlStore(f"sqlite:///{tmp_path / 'civility.db'}", **kw)


async def test_a_redelivered_breach_is_acted_on_once(make_engine, adapter, tmp_path):
    engine = make_engine(store=sqlite_store(tmp_path))
    await engine.start()
    message = make_message("you idiot", sender="Parent A")
    first = await engine.handle(message)
    again = await engine.handle(message)
    assert counts(adapter) == {"delete_message": 1, "send_private": 1, "notify_moderators": 1}
    assert again.incident_id == first.incident_id and again.done == first.done
    assert len(await engine.store.incidents()) == 1
    assert len(await engine.store.strikes(message.sender.key)) == 1
    # An edit is a new event: judged and acted on again.
    edited = make_message("you idiot!", sender="Parent A", id=message.ref.id)
    await engine.handle(type(edited)(ref=edited.ref, sender=edited.sender, text=edited.text,
                                     time=edited.time, edited=True))
    assert counts(adapter)["delete_message"] == 2


async def test_after_a_crash_mid_way_only_the_rest_is_done(make_engine, adapter, tmp_path):
    """Killed after the delete and the notice, while asking the moderators: the restarted
    engine sends the card once and deletes and notifies nothing twice; one incident, one
    strike."""
    crashes = [True]

    class DiesOnce(RecordingAdapter):
        async def notify_moderators(self, chat, review):  # type: ignore[no-untyped-def]
            if crashes:
                crashes.pop()
                raise Crash
            await super().notify_moderators(chat, review)

    dying = DiesOnce(moderators={"mod"})
    first = make_engine(store=sqlite_store(tmp_path))
    first.add_adapter(dying)
    await first.start()
    message = make_message("you idiot", sender="Parent A")
    with pytest.raises(Crash):
        await first.handle(message)
    assert counts(dying) == {"delete_message": 1, "send_private": 1}
    # The process restarts on the same file; the platform delivers the message again.
    second = make_engine(store=sqlite_store(tmp_path))
    second.add_adapter(dying)
    await second.start()
    outcome = await second.handle(message)
    assert counts(dying) == {"delete_message": 1, "send_private": 1, "notify_moderators": 1}
    assert outcome.done == ("delete", "caution", "review")
    assert len(await second.store.incidents()) == 1
    assert len(await second.store.strikes(message.sender.key)) == 1
    trail = [e for e in await second.store.audit_trail() if e["kind"] == "actions"]
    assert len(trail) == 1


async def test_a_notice_cut_off_by_a_crash_is_never_sent_twice(make_engine, adapter, tmp_path):
    """Killed while the private notice was being sent (it may or may not have arrived): the
    member is never told twice; the rest is done once."""
    crashes = [True]

    class DiesOnce(RecordingAdapter):
        async def send_private(self, member, text, *, chat):  # type: ignore[no-untyped-def]
            if crashes:
                crashes.pop()
                await super().send_private(member, text, chat=chat)  # it got through
                raise Crash
            await super().send_private(member, text, chat=chat)

    dying = DiesOnce(moderators={"mod"})
    first = make_engine(store=sqlite_store(tmp_path))
    first.add_adapter(dying)
    await first.start()
    message = make_message("you idiot", sender="Parent A")
    with pytest.raises(Crash):
        await first.handle(message)
    second = make_engine(store=sqlite_store(tmp_path))
    second.add_adapter(dying)
    await second.start()
    await second.handle(message)
    assert counts(dying) == {"delete_message": 1, "send_private": 1, "notify_moderators": 1}
    assert len(await second.store.incidents()) == 1


async def test_a_locked_store_acts_on_nothing_and_asks_for_a_retry(make_engine, adapter,
                                                                  tmp_path):
    engine = make_engine(store=sqlite_store(tmp_path, busy_timeout_ms=50))
    await engine.start()
    other = sqlite3.connect(tmp_path / "civility.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    message = make_message("you idiot secretword", sender="Parent A")
    with capture_logs() as logs:
        outcome = await engine.handle(message)
    assert outcome.retry and adapter.calls == []
    [line] = [e for e in logs if e["event"] == "store_unavailable"]
    assert line["error"] == "StoreUnavailable"
    assert "secretword" not in json.dumps(logs, default=str) + outcome.error
    other.execute("ROLLBACK")
    other.close()
    assert await engine.store.incidents() == []
    # Delivered again once the store is back: done once, recorded once.
    outcome = await engine.handle(message)
    assert not outcome.retry and outcome.done == ("delete", "caution", "review")
    assert counts(adapter) == {"delete_message": 1, "send_private": 1, "notify_moderators": 1}
    assert len(await engine.store.incidents()) == 1


async def test_a_store_outage_between_actions_repeats_none(make_engine, tmp_path):
    """The delete is done, then the store locks before its mark is written: the engine stops
    and asks for a retry; delivered again, it writes the mark instead of deleting again."""
    path = tmp_path / "civility.db"
    other = sqlite3.connect(path, isolation_level=None)

    class LocksAfterDelete(RecordingAdapter):
        async def delete_message(self, message):  # type: ignore[no-untyped-def]
            await super().delete_message(message)
            other.execute("BEGIN EXCLUSIVE")  # another process takes the database

    adapter = LocksAfterDelete(moderators={"mod"})
    engine = make_engine(store=sqlite_store(tmp_path, busy_timeout_ms=50))
    engine.add_adapter(adapter)
    await engine.start()
    message = make_message("you idiot", sender="Parent A")
    outcome = await engine.handle(message)
    assert outcome.retry and counts(adapter) == {"delete_message": 1}
    other.execute("ROLLBACK")
    adapter.delete_message = RecordingAdapter.delete_message.__get__(adapter)  # type: ignore[method-assign]
    outcome = await engine.handle(message)
    assert not outcome.retry and outcome.done == ("delete", "caution", "review")
    assert counts(adapter) == {"delete_message": 1, "send_private": 1, "notify_moderators": 1}
    other.close()


class Proxy:
    """A TCP relay in front of PostgreSQL that the test can cut, as a network or server
    outage would."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.up = True
        self.writers: list[asyncio.StreamWriter] = []
        self.server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not self.up:
            writer.close()
            return
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers += [writer, up_writer]

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

    def cut(self) -> None:
        self.up = False
        for writer in self.writers:
            writer.close()
        self.writers.clear()

    async def stop(self) -> None:
        self.cut()
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


async def test_postgresql_gone_acts_on_nothing_then_recovers(make_engine, adapter, monkeypatch):
    url = os.environ.get("CIVILITY_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("CIVILITY_TEST_POSTGRES_URL is not set (no PostgreSQL server)")
    monkeypatch.setenv("CIVILITY_REPORTER_KEY", "test-key")  # no key file in the working dir
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url
    from sqlalchemy.ext.asyncio import create_async_engine

    from civility.store.sql import async_url

    name = f"civility_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    parsed = make_url(url)
    proxy = Proxy(parsed.host or "127.0.0.1", parsed.port or 5432)
    await proxy.start()
    try:
        proxied = parsed.set(host="127.0.0.1", port=proxy.port, database=name)
        engine = make_engine(store=SqlStore(proxied.render_as_string(hide_password=False)))
        await engine.start()
        await engine.handle(make_message("PE on Tuesday"))  # a pooled connection exists
        proxy.cut()
        message = make_message("you idiot", sender="Parent A")
        outcome = await engine.handle(message)
        assert outcome.retry and adapter.calls == []
        proxy.up = True
        outcome = await engine.handle(message)
        assert not outcome.retry, outcome
        assert counts(adapter) == {"delete_message": 1, "send_private": 1,
                                   "notify_moderators": 1}
        assert len(await engine.store.incidents()) == 1
        await engine.stop()
    finally:
        await proxy.stop()


async def test_a_redelivered_report_makes_one_incident_and_one_card(make_engine, adapter,
                                                                   tmp_path):
    engine = make_engine(store=sqlite_store(tmp_path))
    await engine.start()
    reported = make_message("you are all so silly", sender="Parent F")
    flag = Flag(reported.ref, FlagSource.MEMBER, reason="rude", reporter=make_member("Parent G"),
                reported=reported)
    first = await engine.handle(flag)
    again = await engine.handle(flag)
    assert first.done == (REPORT_SENT,) and again.done == (REPORT_SENT,)
    assert counts(adapter) == {"notify_moderators": 1}
    [incident] = await engine.store.incidents()
    assert incident.priority == 0  # the same report twice is one report


async def test_a_report_of_a_nudged_message_reaches_moderators(make_engine, adapter, tmp_path):
    engine = make_engine(store=sqlite_store(tmp_path))
    await engine.start()
    message = make_message("offtopic link", sender="Parent N")
    await engine.handle(message)  # only nudged: no card
    assert counts(adapter) == {"send_private": 1}
    report = await engine.handle(Flag(message.ref, FlagSource.MEMBER, reason="spam",
                                      reporter=make_member("Parent O"), reported=message))
    assert report.done == (REPORT_SENT,)
    [card] = adapter.reviews
    assert card.incident_id == report.incident_id and "spam" in card.render_text()
    # A second member's report: moderators have the card, so the case is raised instead.
    second = Flag(message.ref, FlagSource.MEMBER, reporter=make_member("Parent P"),
                  reported=message)
    raised = await engine.handle(second)
    assert raised.done == (PRIORITY_RAISED,) and raised.incident_id == report.incident_id
    assert await engine.handle(second) == raised  # delivered again: raised once
    assert len(adapter.reviews) == 1
    [incident] = await engine.store.incidents()
    assert incident.priority == 1


async def test_a_redelivered_moderator_answer_acts_once(make_engine, adapter, policy, tmp_path):
    engine = make_engine(store=sqlite_store(tmp_path))
    await engine.start()
    outcome = await engine.handle(make_message("this is a threat", sender="Parent B"))
    answer = ModeratorDecision(outcome.incident_id, ReviewChoice.REMOVE, make_member("Mod", "mod"))
    first = await engine.handle(answer)
    again = await engine.handle(answer)
    assert first.done == ("remove",) and again.done == ("remove",) and not again.refused
    assert len(adapter.named("remove_member")) == 1 and len(policy.removals) == 1
    trail = await engine.store.audit_trail()
    assert sum(e["kind"] == "removal_kicked" for e in trail) == 1


async def test_a_moderator_command_delivered_twice_makes_one_incident(make_engine, adapter,
                                                                     tmp_path):
    engine = make_engine(store=sqlite_store(tmp_path))
    await engine.start()
    message = make_message("something borderline", sender="Parent J")
    answer = ModeratorDecision(0, ReviewChoice.CAUTION, make_member("Mod", "mod"),
                               message=message.ref, member=message.sender, text=message.text)
    await engine.handle(answer)
    await engine.handle(answer)
    assert counts(adapter) == {"delete_message": 1, "send_private": 1}
    assert len(await engine.store.incidents()) == 1


async def test_a_v1_database_migrates_and_keeps_its_records(tmp_path):
    import sqlalchemy as sa

    from civility.store._schema import MIGRATIONS, schema_version

    path = tmp_path / "old.db"
    old_engine = sa.create_engine(f"sqlite:///{path}")
    with old_engine.begin() as conn:  # as v1 shipped it
        schema_version.create(conn)
        MIGRATIONS[0](conn)
        conn.execute(schema_version.insert().values(version=1))
        conn.execute(sa.text(
            "INSERT INTO incidents (time, platform, chat_id, chat_key, chat_title, message_id,"
            " member_id, member_key, member_name, rule_ids, action, steps, pending, source,"
            " text, reasons, status) VALUES ('2026-01-01 09:00:00', 'test', 'g', 'test:g', '',"
            " 'm1', 'p', 'test:p', 'P', '[]', 'review', '[]', '[]', 'rule', 'x', '[]', 'open')"))
        conn.execute(sa.text(  # moderators had a card about this one
            "INSERT INTO incidents (time, platform, chat_id, chat_key, chat_title, message_id,"
            " member_id, member_key, member_name, rule_ids, action, steps, pending, source,"
            " text, reasons, status) VALUES ('2026-01-02 09:00:00', 'test', 'g', 'test:g', '',"
            " 'm2', 'p', 'test:p', 'P', '[]', 'review', '[\"review\"]', '[]', 'rule', 'y',"
            " '[]', 'open')"))
    old_engine.dispose()  # its pooled connection closed (Python 3.13 warns otherwise)
    store = SqlStore(f"sqlite:///{path}")
    await store.open()
    try:
        [carded, old] = await store.incidents()
        assert old.message_id == "m1" and old.priority == 0
        assert await store.card_sent(old.id) is False
        assert await store.card_sent(carded.id) is True  # known from its v1 steps
    finally:
        await store.close()
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("select version from schema_version").fetchall() == [(len(MIGRATIONS),)]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # aiosmtpd's own
async def test_the_incident_report_mail_is_sent_once(make_engine, adapter, school, tmp_path):
    import email
    import socket

    import attrs
    from aiosmtpd.controller import Controller

    from civility.config import Config, SmtpSettings

    mails: list[email.message.Message] = []

    class Inbox:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            mails.append(email.message_from_bytes(envelope.content))
            return "250 OK"

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        config = Config(school=attrs.evolve(school, leadership_email="slt@test.example"),
                        plugins=("words",),
                        smtp=SmtpSettings(host="127.0.0.1", port=port,
                                          sender="civility@test.example", starttls=False))
        engine = make_engine(config, store=sqlite_store(tmp_path))
        await engine.start()
        outcome = await engine.handle(make_message("this is a threat"))
        answer = ModeratorDecision(outcome.incident_id, ReviewChoice.REPORT,
                                   make_member("Mod", "mod"))
        assert (await engine.handle(answer)).done == ("report_incident",)
        assert (await engine.handle(answer)).done == ("report_incident",)
        assert len(mails) == 1
    finally:
        controller.stop()


async def test_a_report_never_joins_another_message_with_the_same_id(make_engine, adapter,
                                                                     tmp_path):
    """Message numbers restart (a console session, a platform reusing ids): a report of a new
    message numbered like an old incident's gets its own case and card."""
    import datetime as dt

    engine = make_engine(store=sqlite_store(tmp_path))
    await engine.start()
    earlier = make_message("you idiot", id="6", time=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    first = await engine.handle(earlier)
    later = make_message("nobody asked you", id="6", sender="Parent E")
    report = await engine.handle(Flag(later.ref, FlagSource.MEMBER, reason="unkind",
                                      reporter=make_member("Parent G"), reported=later))
    assert report.done == (REPORT_SENT,) and report.incident_id != first.incident_id
    assert len(adapter.reviews) == 2
