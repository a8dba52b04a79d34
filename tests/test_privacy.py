"""Reporters stay anonymous even to someone holding the database; export and erasure cover the
reports a member made; the retention purge leaves no excerpt anywhere in the database file."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import stat

import pytest

from civility.events import Flag, FlagSource, ModeratorDecision, ReviewChoice
from civility.store import reporter_key
from civility.store.sql import SqlStore
from civility.testing import make_member, make_message


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(reporter_key.ENV, raising=False)


def _store(tmp_path) -> SqlStore:  # type: ignore[no-untyped-def]
    return SqlStore(f"sqlite:///{tmp_path / 'civility.db'}")


async def test_the_reporter_key_lives_outside_the_database(make_engine, tmp_path):
    engine = make_engine(store=_store(tmp_path))
    await engine.start()
    reported = make_message("you are all so silly", sender="Parent F")
    outcome = await engine.handle(Flag(reported.ref, FlagSource.MEMBER, reason="rude",
                                       reporter=make_member("Parent G"), reported=reported))
    key_file = tmp_path / "civility.db.reporter-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_bytes().strip()
    incident = await engine.store.incident(outcome.incident_id)
    assert incident.reporter_hash == reporter_key.reporter_hash(key, "test:parent-g")
    await engine.stop()
    # Nothing in the database file is the key, and no salt is kept beside the hashes.
    raw = (tmp_path / "civility.db").read_bytes()
    assert key not in raw
    with contextlib.closing(sqlite3.connect(tmp_path / "civility.db")) as db:
        assert db.execute("select * from meta").fetchall() == []
    # Without the key, every member's candidate hash is wrong: the hash links to nobody.
    wrong = reporter_key.reporter_hash(b"a guess", "test:parent-g")
    assert wrong != incident.reporter_hash
    # A restart uses the same key: the same reporter's next report is recognised.
    again = make_engine(store=_store(tmp_path))
    await again.start()
    assert again.reporter_hash(Flag(reported.ref, FlagSource.MEMBER,
                                    reporter=make_member("Parent G"))) == incident.reporter_hash


def test_the_key_comes_from_the_environment_first(monkeypatch, tmp_path):
    monkeypatch.setenv(reporter_key.ENV, "from-the-environment")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert reporter_key.load_key(url) == b"from-the-environment"
    assert not (tmp_path / "c.db.reporter-key").exists()


def test_postgresql_keeps_its_key_beside_the_config(tmp_path):
    config = tmp_path / "civility.toml"
    path = reporter_key.key_path("postgresql://u@127.0.0.1/db", str(config))
    assert path == tmp_path / "civility-reporter.key"
    assert reporter_key.load_key("sqlite:///" + str(tmp_path / "x.db"), create=False) is None


async def test_export_and_erase_include_the_reports_a_member_made(make_engine, tmp_path):
    engine = make_engine(store=_store(tmp_path))
    await engine.start()
    reported = make_message("you are all so silly", sender="Parent F")
    await engine.handle(Flag(reported.ref, FlagSource.MEMBER, reason="rude to my child",
                             reporter=make_member("Parent G"), reported=reported))
    exported = await engine.export_member("test:parent-g")
    [report] = exported["reports_made"]
    assert report["reason"] == "rude to my child" and report["incident_id"]
    assert exported["incidents"] == []  # the reported incident is someone else's record
    assert (await engine.export_member("test:parent-x"))["reports_made"] == []
    erased = await engine.erase_member("test:parent-g")
    assert erased == 1
    assert (await engine.export_member("test:parent-g"))["reports_made"] == []
    [incident] = await engine.store.incidents()
    assert incident.reporter_hash is None  # the incident stays, the link to her goes
    with contextlib.closing(sqlite3.connect(tmp_path / "civility.db")) as db:
        assert db.execute("select count(*) from reports").fetchone() == (0,)


async def test_after_the_purge_no_excerpt_is_left_in_the_database_file(make_engine, clock,
                                                                      tmp_path):
    engine = make_engine(store=_store(tmp_path), clock=clock)
    await engine.start()
    old = clock.now - dt.timedelta(days=200)
    breach = make_message("you idiot zebracrossing42", sender="Parent A", time=old)
    outcome = await engine.handle(breach)
    await engine.handle(Flag(breach.ref, FlagSource.MEMBER, reason="reasonmarker77",
                             reporter=make_member("Parent G"), reported=breach, time=old))
    await engine.handle(ModeratorDecision(outcome.incident_id, ReviewChoice.CAUTION,
                                          make_member("Mod", "mod"), note="notemarker55",
                                          time=old))
    other = make_message("offtopic freshmarker31", sender="Parent B", time=clock.now)
    await engine.handle(other)
    purged = await engine.store.purge_expired(clock.now - dt.timedelta(days=90))
    assert purged == 1
    [kept, gone] = await engine.store.incidents()
    assert gone.text is None and gone.reasons == () and gone.rule_ids == ("test.insult",)
    assert gone.steps and gone.status == "resolved"  # actions, times and statuses stay
    assert kept.text == "offtopic freshmarker31"
    await engine.stop()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("civility.db"))
    for excerpt in (b"zebracrossing42", b"reasonmarker77", b"notemarker55"):
        assert excerpt not in raw, excerpt
    assert b"freshmarker31" in raw  # the reader does see what is still kept
