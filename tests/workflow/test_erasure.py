"""Erasure keeps a case that must stay, with every record about it, and erases the rest:
on SQLite and on PostgreSQL (each table holding a member's data is declared once)."""

from __future__ import annotations

import datetime as dt

from civility.events import Flag, FlagSource, ModeratorDecision, ReviewChoice
from civility.store import NewOutboxEntry
from civility.testing import make_member, make_message

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


async def test_kept_cases_keep_their_records_and_the_rest_goes(make_engine, sql_store):
    engine = make_engine(store=sql_store)
    await sql_store.close()  # the engine opens it again (opening twice would leak a pool)
    await engine.start()
    old = await engine.handle(make_message("you idiot", sender="Parent K", time=T0))
    await engine.handle(ModeratorDecision(old.incident_id, ReviewChoice.CAUTION,
                                          make_member("Mod", "mod"), time=T0))
    await sql_store.add_note(old.incident_id, "test:mod", "phoned", T0)
    open_one = await engine.handle(make_message("darn", sender="Parent K", id="m2",
                                                time=T0 + dt.timedelta(days=1)))
    reported = make_message("darn", sender="Parent K", id="m2",
                            time=T0 + dt.timedelta(days=1))
    await engine.handle(Flag(reported.ref, FlagSource.MEMBER, reason="rude",
                             reporter=make_member("Parent G"), reported=reported,
                             time=T0 + dt.timedelta(days=1)))
    await sql_store.add_note(open_one.incident_id, "test:mod", "watching", T0)
    await sql_store.queue_outbox(NewOutboxEntry(
        incident_id=open_one.incident_id, member_key="test:parent-k", message_id="<x@c>",
        recipient="head@school.example", subject="Incident", body="report", created=T0))
    before = await sql_store.export_member("test:parent-k")
    assert len(before["incidents"]) == 2 and len(before["notes"]) == 2

    erased = await sql_store.erase_member("test:parent-k", keep_cases=[open_one.incident_id])
    assert erased > 0
    after = await sql_store.export_member("test:parent-k")
    assert [i["id"] for i in after["incidents"]] == [open_one.incident_id]
    assert [n["text"] for n in after["notes"]] == ["watching"]
    assert [e["incident_id"] for e in after["outbox"]] == [open_one.incident_id]
    assert {s["incident_id"] for s in after["strikes"]} <= {open_one.incident_id}
    assert all(a["incident_id"] in (open_one.incident_id, None) for a in after["audit"])
    assert after["decisions"] == [] or {d["incident_id"] for d in after["decisions"]} == {
        open_one.incident_id}
    assert await sql_store.incident(old.incident_id) is None
    # Once the case is closed, the next erasure takes the rest.
    await sql_store.erase_member("test:parent-k")
    assert (await sql_store.export_member("test:parent-k"))["incidents"] == []
    assert await sql_store.outbox() == []
