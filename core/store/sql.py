"""The SQL store: SQLite by default (a file, nothing to install), PostgreSQL by URL."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from civility.store import (
    FORGOTTEN_AFTER_HALF_LIVES,
    DecisionRecord,
    IncidentRecord,
    NewIncident,
    NewOutboxEntry,
    Note,
    OutboxEntry,
    as_rows,
    decayed_points,
)
from civility.store._schema import (
    audit,
    decisions,
    incidents,
    meta,
    migrate,
    notes,
    outbox,
    strikes,
)


def async_url(url: str) -> str:
    """Pick the async driver for a plain URL (sqlite:///x.db, postgresql://...)."""
    for plain, driver in (("sqlite://", "sqlite+aiosqlite://"),
                          ("postgresql://", "postgresql+asyncpg://"),
                          ("postgres://", "postgresql+asyncpg://")):
        if url.startswith(plain):
            return driver + url[len(plain):]
    return url


def _utc(value: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; everything we write is UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _record(row: sa.Row[Any]) -> IncidentRecord:
    m = row._mapping
    return IncidentRecord(
        id=m["id"], time=_utc(m["time"]), platform=m["platform"], chat_id=m["chat_id"],
        chat_title=m["chat_title"], message_id=m["message_id"], member_id=m["member_id"],
        member_name=m["member_name"], rule_ids=tuple(m["rule_ids"]), action=m["action"],
        steps=tuple(m["steps"]), pending=tuple(m["pending"]), source=m["source"],
        text=m["text"], reasons=tuple(m["reasons"]), reporter_hash=m["reporter_hash"],
        status=m["status"],
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL with synchronous=NORMAL: a commit costs no fsync, so recording an incident does not
    # hold up the delete that follows; a crash loses at most the last moments, never corrupts.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class SqlStore:
    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: AsyncEngine | None = None

    @property
    def db(self) -> AsyncEngine:
        if self._engine is None:
            raise RuntimeError("store is not open")
        return self._engine

    async def open(self) -> None:
        self._engine = create_async_engine(async_url(self.url))
        if self._engine.dialect.name == "sqlite":
            sa.event.listen(self._engine.sync_engine, "connect", _sqlite_pragmas)
        async with self.db.begin() as conn:
            await conn.run_sync(migrate)

    async def close(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    async def reporter_salt(self) -> str:
        async with self.db.begin() as conn:
            salt = (await conn.execute(sa.select(meta.c.value).where(meta.c.key == "salt"))).scalar()
            if salt is None:
                salt = secrets.token_hex(16)
                await conn.execute(meta.insert().values(key="salt", value=salt))
            return str(salt)

    async def record_incident(self, incident: NewIncident) -> int:
        values = attrs.asdict(incident, recurse=False)
        values.update(chat_key=incident.chat_key, member_key=incident.member_key,
                      rule_ids=list(incident.rule_ids), steps=list(incident.steps),
                      pending=list(incident.pending), reasons=list(incident.reasons))
        async with self.db.begin() as conn:
            result = await conn.execute(incidents.insert().values(**values, status="open")
                                        .returning(incidents.c.id))
            return int(result.scalar_one())

    async def _one(self, query: sa.Select[Any]) -> IncidentRecord | None:
        async with self.db.connect() as conn:
            row = (await conn.execute(query)).first()
        return _record(row) if row else None

    async def incident(self, incident_id: int) -> IncidentRecord | None:
        return await self._one(sa.select(incidents).where(incidents.c.id == incident_id))

    async def incident_for_message(self, chat_key: str, message_id: str) -> IncidentRecord | None:
        return await self._one(sa.select(incidents).where(
            incidents.c.chat_key == chat_key, incidents.c.message_id == message_id,
        ).order_by(incidents.c.id.desc()).limit(1))

    async def set_status(self, incident_id: int, status: str) -> None:
        async with self.db.begin() as conn:
            await conn.execute(incidents.update().where(incidents.c.id == incident_id)
                               .values(status=status))

    async def incidents(self, *, chat_key: str | None = None, member_key: str | None = None,
                        status: str | None = None, limit: int = 50) -> list[IncidentRecord]:
        query = sa.select(incidents).order_by(incidents.c.id.desc()).limit(limit)
        if chat_key is not None:
            query = query.where(incidents.c.chat_key == chat_key)
        if member_key is not None:
            query = query.where(incidents.c.member_key == member_key)
        if status is not None:
            query = query.where(incidents.c.status == status)
        async with self.db.connect() as conn:
            return [_record(r) for r in (await conn.execute(query)).all()]

    async def add_strike(self, member_key: str, chat_key: str, points: float,
                         time: dt.datetime, incident_id: int | None) -> None:
        async with self.db.begin() as conn:
            await conn.execute(strikes.insert().values(
                member_key=member_key, chat_key=chat_key, points=points, time=time,
                incident_id=incident_id))

    async def strikes(self, member_key: str) -> list[tuple[float, dt.datetime]]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(strikes.c.points, strikes.c.time)
                                       .where(strikes.c.member_key == member_key))).all()
        return [(float(p), _utc(t)) for p, t in rows]

    async def points(self, member_key: str, now: dt.datetime, half_life_days: float) -> float:
        since = now - dt.timedelta(days=half_life_days * FORGOTTEN_AFTER_HALF_LIVES)
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(strikes.c.points, strikes.c.time).where(
                strikes.c.member_key == member_key, strikes.c.time >= since))).all()
        return decayed_points([(float(p), _utc(t)) for p, t in rows], now, half_life_days)

    async def record_decision(self, incident_id: int, moderator_key: str, choice: str,
                              note: str, time: dt.datetime) -> None:
        async with self.db.begin() as conn:
            await conn.execute(decisions.insert().values(
                incident_id=incident_id, moderator_key=moderator_key, choice=choice,
                note=note, time=time))

    async def first_decision_times(self, incident_ids: Sequence[int]) -> dict[int, dt.datetime]:
        first: dict[int, dt.datetime] = {}
        ids = list(incident_ids)
        async with self.db.connect() as conn:
            for start in range(0, len(ids), 500):  # bounded IN lists
                rows = (await conn.execute(
                    sa.select(decisions.c.incident_id, sa.func.min(decisions.c.time))
                    .where(decisions.c.incident_id.in_(ids[start:start + 500]))
                    .group_by(decisions.c.incident_id))).all()
                first.update({int(i): _utc(t) for i, t in rows})
        return first

    async def audit(self, kind: str, time: dt.datetime, *, chat_key: str = "",
                    member_key: str = "", incident_id: int | None = None,
                    detail: Mapping[str, Any] | None = None) -> None:
        async with self.db.begin() as conn:
            await conn.execute(audit.insert().values(
                kind=kind, time=time, chat_key=chat_key, member_key=member_key,
                incident_id=incident_id, detail=dict(detail or {})))

    async def audit_trail(self, *, incident_id: int | None = None,
                          limit: int = 100) -> list[dict[str, Any]]:
        query = sa.select(audit).order_by(audit.c.id.desc()).limit(limit)
        if incident_id is not None:
            query = query.where(audit.c.incident_id == incident_id)
        async with self.db.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [{**r._mapping, "time": _utc(r.time).isoformat()} for r in reversed(rows)]

    async def export_member(self, member_key: str) -> dict[str, Any]:
        mine = await self.incidents(member_key=member_key, limit=1_000_000)
        ids = [r.id for r in mine]
        async with self.db.connect() as conn:
            strike_rows = (await conn.execute(sa.select(strikes).where(
                strikes.c.member_key == member_key))).all()
            decision_rows = (await conn.execute(sa.select(decisions).where(
                decisions.c.incident_id.in_(ids)))).all()
            audit_rows = (await conn.execute(sa.select(audit).where(
                audit.c.member_key == member_key))).all()

        def plain(rows: Sequence[sa.Row[Any]]) -> list[dict[str, Any]]:
            return [{k: _utc(v).isoformat() if isinstance(v, dt.datetime) else v
                     for k, v in r._mapping.items()} for r in rows]

        data = {"member": member_key, "incidents": as_rows(mine), "strikes": plain(strike_rows),
                "decisions": plain(decision_rows), "audit": plain(audit_rows)}
        data.update(await self._export_workflow(member_key, ids))  # workflow: notes, outbox
        return data

    async def erase_member(self, member_key: str) -> int:
        async with self.db.begin() as conn:
            ids = sa.select(incidents.c.id).where(incidents.c.member_key == member_key)
            counts = [
                await _erase_workflow(conn, member_key, ids),  # workflow: notes, outbox
                (await conn.execute(decisions.delete().where(decisions.c.incident_id.in_(ids)))).rowcount,
                (await conn.execute(incidents.delete().where(incidents.c.member_key == member_key))).rowcount,
                (await conn.execute(strikes.delete().where(strikes.c.member_key == member_key))).rowcount,
                (await conn.execute(audit.delete().where(audit.c.member_key == member_key))).rowcount,
            ]
        return sum(counts)

    async def purge_expired(self, before: dt.datetime) -> int:
        async with self.db.begin() as conn:
            result = await conn.execute(incidents.update().where(
                incidents.c.time < before, incidents.c.text.is_not(None)).values(text=None))
            await _purge_workflow(conn, before)  # workflow: notes and unsent reports go too
        return int(result.rowcount)

    # -- workflow (issue 14): notes, decisions, the outbox ----------------------------------

    async def add_note(self, incident_id: int, moderator_key: str, text: str,
                       time: dt.datetime) -> int:
        async with self.db.begin() as conn:
            result = await conn.execute(notes.insert().values(
                incident_id=incident_id, moderator_key=moderator_key, text=text, time=time)
                .returning(notes.c.id))
            return int(result.scalar_one())

    async def notes(self, incident_id: int) -> list[Note]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(notes).where(notes.c.incident_id == incident_id)
                                       .order_by(notes.c.id))).all()
        return [Note(id=r.id, incident_id=r.incident_id, moderator_key=r.moderator_key,
                     text=r.text, time=_utc(r.time)) for r in rows]

    async def decisions(self, incident_id: int) -> list[DecisionRecord]:
        async with self.db.connect() as conn:
            rows = (await conn.execute(sa.select(decisions).where(
                decisions.c.incident_id == incident_id).order_by(decisions.c.id))).all()
        return [DecisionRecord(incident_id=r.incident_id, moderator_key=r.moderator_key,
                               choice=r.choice, note=r.note, time=_utc(r.time)) for r in rows]

    async def queue_outbox(self, entry: NewOutboxEntry) -> tuple[OutboxEntry, bool]:
        values = {**attrs.asdict(entry), "attempts": 0, "next_attempt": entry.created,
                  "last_error": ""}
        try:
            async with self.db.begin() as conn:
                await conn.execute(outbox.insert().values(**values))
            new = True
        except sa.exc.IntegrityError:  # queued before (a repeat): the first entry stands
            new = False
        [found] = await self.outbox(incident_id=entry.incident_id)
        return found, new

    async def outbox(self, *, incident_id: int | None = None, member_key: str | None = None,
                     due_at: dt.datetime | None = None, limit: int = 100) -> list[OutboxEntry]:
        query = sa.select(outbox).order_by(outbox.c.id).limit(limit)
        if incident_id is not None:
            query = query.where(outbox.c.incident_id == incident_id)
        if member_key is not None:
            query = query.where(outbox.c.member_key == member_key)
        if due_at is not None:
            query = query.where(outbox.c.sent_at.is_(None), outbox.c.body.is_not(None),
                                outbox.c.next_attempt <= due_at)
        async with self.db.connect() as conn:
            return [_outbox_entry(r) for r in (await conn.execute(query)).all()]

    async def claim_outbox(self, entry_id: int, now: dt.datetime, until: dt.datetime) -> bool:
        async with self.db.begin() as conn:
            result = await conn.execute(outbox.update().where(
                outbox.c.id == entry_id, outbox.c.sent_at.is_(None), outbox.c.body.is_not(None),
                outbox.c.next_attempt <= now).values(next_attempt=until))
        return int(result.rowcount) == 1

    async def outbox_sent(self, entry_id: int, time: dt.datetime) -> None:
        async with self.db.begin() as conn:
            await conn.execute(outbox.update().where(outbox.c.id == entry_id)
                               .values(sent_at=time, body=None, last_error=""))

    async def outbox_failed(self, entry_id: int, attempts: int, next_attempt: dt.datetime,
                            error: str) -> None:
        async with self.db.begin() as conn:
            await conn.execute(outbox.update().where(outbox.c.id == entry_id, outbox.c.sent_at.is_(None))
                               .values(attempts=attempts, next_attempt=next_attempt,
                                       last_error=error[:200]))

    async def _export_workflow(self, member_key: str, ids: Sequence[int]) -> dict[str, Any]:
        async with self.db.connect() as conn:
            note_rows = (await conn.execute(sa.select(notes).where(
                notes.c.incident_id.in_(ids)).order_by(notes.c.id))).all()
        return {"notes": [{**r._mapping, "time": _utc(r.time).isoformat()} for r in note_rows],
                "outbox": [attrs.asdict(e, value_serializer=_iso)
                           for e in await self.outbox(member_key=member_key, limit=1_000_000)]}


def _iso(_inst: object, _field: object, value: Any) -> Any:
    return _utc(value).isoformat() if isinstance(value, dt.datetime) else value


def _outbox_entry(row: sa.Row[Any]) -> OutboxEntry:
    m = row._mapping
    return OutboxEntry(
        id=m["id"], incident_id=m["incident_id"], member_key=m["member_key"],
        message_id=m["message_id"], recipient=m["recipient"], subject=m["subject"],
        body=m["body"], created=_utc(m["created"]), attempts=m["attempts"],
        next_attempt=_utc(m["next_attempt"]),
        sent_at=_utc(m["sent_at"]) if m["sent_at"] is not None else None,
        last_error=m["last_error"])


async def _erase_workflow(conn: Any, member_key: str, ids: Any) -> int:
    """Notes on the member's cases and reports about them (workflow, issue 14)."""
    gone = (await conn.execute(notes.delete().where(notes.c.incident_id.in_(ids)))).rowcount
    gone += (await conn.execute(outbox.delete().where(outbox.c.member_key == member_key))).rowcount
    return int(gone)


async def _purge_workflow(conn: Any, before: dt.datetime) -> None:
    """Notes are excerpts: their text goes with the incident's. A report still unsent when its
    incident's text expires is given up (its body would keep the text past retention)."""
    old = sa.select(incidents.c.id).where(incidents.c.time < before)
    await conn.execute(notes.update().where(notes.c.incident_id.in_(old),
                                            notes.c.text.is_not(None)).values(text=None))
    await conn.execute(outbox.update().where(outbox.c.incident_id.in_(old),
                                             outbox.c.body.is_not(None))
                       .values(body=None, last_error="expired: past the retention period"))
