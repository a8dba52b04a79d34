"""The store contract, run against every store: memory, SQLite and (when available) PostgreSQL.

PostgreSQL runs when CIVILITY_TEST_POSTGRES_URL names a server (`.ci/run` starts one).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator

import pytest

from civility.store import NewIncident, Store, decayed_points, open_store
from civility.store.memory import MemoryStore
from civility.store.sql import SqlStore

T0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


def _incident(member: str = "p1", text: str | None = "you idiot", when: dt.datetime = T0,
              message: str = "m1") -> NewIncident:
    return NewIncident(time=when, platform="test", chat_id="g1", chat_title="Year 3",
                       message_id=message, member_id=member, member_name=member.upper(),
                       rule_ids=("x.abuse",), action="review", steps=("delete",),
                       pending=("remove",), source="rule", text=text, reasons=("why",))


def _postgres_url() -> str | None:
    return os.environ.get("CIVILITY_TEST_POSTGRES_URL")


@pytest.fixture(params=["memory", "sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, tmp_path) -> AsyncIterator[Store]:
    if request.param == "memory":
        made: Store = MemoryStore()
    elif request.param == "sqlite":
        made = SqlStore(f"sqlite:///{tmp_path / 'civility.db'}")
    else:
        url = _postgres_url()
        if not url:
            pytest.skip("CIVILITY_TEST_POSTGRES_URL is not set (no PostgreSQL server)")
        made = await _fresh_postgres(url)
    await made.open()
    yield made
    await made.close()


async def _fresh_postgres(url: str) -> Store:
    """A new database per test, so tests never see each other's rows."""
    import sqlalchemy as sa
    from sqlalchemy.ext.asyncio import create_async_engine

    from civility.store.sql import async_url

    name = f"civility_test_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(async_url(url), isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return SqlStore(url.rsplit("/", 1)[0] + "/" + name)


async def test_incident_round_trip(store):
    new_id = await store.record_incident(_incident())
    got = await store.incident(new_id)
    assert got is not None and got.id == new_id
    assert got.rule_ids == ("x.abuse",) and got.pending == ("remove",)
    assert got.member_key == "test:p1" and got.chat_key == "test:g1"
    assert got.time == T0 and got.status == "open"
    assert (await store.incident_for_message("test:g1", "m1")).id == new_id
    await store.set_status(new_id, "resolved")
    assert [i.id for i in await store.incidents(status="resolved")] == [new_id]
    assert await store.incidents(status="open") == []


async def test_strikes_and_decay(store):
    await store.add_strike("test:p1", "test:g1", 2.0, T0, None)
    await store.add_strike("test:p1", "test:g1", 3.0, T0 + dt.timedelta(days=30), None)
    strikes = await store.strikes("test:p1")
    assert sorted(p for p, _ in strikes) == [2.0, 3.0]
    now = T0 + dt.timedelta(days=60)
    assert decayed_points(strikes, now, 30) == pytest.approx(2 * 0.25 + 3 * 0.5)
    assert await store.strikes("test:other") == []


async def test_export_and_erase_a_member(store):
    mine = await store.record_incident(_incident("p1"))
    await store.record_incident(_incident("p2", message="m2"))
    await store.add_strike("test:p1", "test:g1", 2.0, T0, mine)
    await store.record_decision(mine, "test:mod", "keep", "", T0)
    await store.audit("actions", T0, chat_key="test:g1", member_key="test:p1", incident_id=mine)
    exported = await store.export_member("test:p1")
    assert [i["id"] for i in exported["incidents"]] == [mine]
    assert exported["incidents"][0]["text"] == "you idiot"
    assert len(exported["strikes"]) == 1 and len(exported["decisions"]) == 1
    assert len(exported["audit"]) == 1
    erased = await store.erase_member("test:p1")
    assert erased == 4
    assert await store.incidents(member_key="test:p1") == []
    assert await store.strikes("test:p1") == []
    assert len(await store.incidents()) == 1  # the other member's record stays


async def test_purge_keeps_the_incident_but_not_the_text(store):
    old = await store.record_incident(_incident(when=T0 - dt.timedelta(days=100)))
    new = await store.record_incident(_incident(when=T0, message="m2"))
    assert await store.purge_expired(T0 - dt.timedelta(days=90)) == 1
    assert (await store.incident(old)).text is None
    assert (await store.incident(new)).text == "you idiot"
    assert await store.purge_expired(T0 - dt.timedelta(days=90)) == 0


async def test_reporter_salt_is_stable(store):
    assert await store.reporter_salt() == await store.reporter_salt()


async def test_sqlite_survives_a_restart_and_migrates_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    first = open_store(url)
    await first.open()
    new_id = await first.record_incident(_incident())
    salt = await first.reporter_salt()
    await first.close()
    second = open_store(url)
    await second.open()  # migrating again is a no-op
    assert (await second.incident(new_id)).text == "you idiot"
    assert await second.reporter_salt() == salt
    await second.close()
    import sqlite3

    from civility.store._schema import MIGRATIONS

    with sqlite3.connect(tmp_path / "c.db") as db:
        assert db.execute("select version from schema_version").fetchall() == [(len(MIGRATIONS),)]


def test_open_store_by_url():
    assert isinstance(open_store("memory://"), MemoryStore)
    assert isinstance(open_store("sqlite:///x.db"), SqlStore)


async def test_points_decay_and_forget_very_old_strikes(store):
    await store.add_strike("test:p1", "test:g1", 4.0, T0, None)
    assert await store.points("test:p1", T0, 30) == pytest.approx(4.0)
    assert await store.points("test:p1", T0 + dt.timedelta(days=30), 30) == pytest.approx(2.0)
    await store.add_strike("test:p1", "test:g1", 2.0, T0 + dt.timedelta(days=30), None)
    assert await store.points("test:p1", T0 + dt.timedelta(days=60), 30) == pytest.approx(2.0)
    # Asked about an earlier moment than last time: still right.
    assert await store.points("test:p1", T0 + dt.timedelta(days=30), 30) == pytest.approx(4.0)
    assert await store.points("test:p1", T0 + dt.timedelta(days=30 * 40), 30) < 1e-6
    assert await store.points("test:nobody", T0, 30) == 0.0
