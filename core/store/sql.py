"""The SQL store: SQLite by default (a file, nothing to install), PostgreSQL by URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable, Collection, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from civility.store._member_data import MEMBER_TABLES, erase_rows, rows_of
from civility.store._records import (
    DONE,
    FORGOTTEN_AFTER_HALF_LIVES,
    ActionState,
    AppealRecord,
    Confirmation,
    DecisionRecord,
    Delivery,
    GateEntry,
    IncidentRecord,
    NewIncident,
    NewOutboxEntry,
    Note,
    OutboxEntry,
    Plan,
    StoreUnavailable,
    as_rows,
    decayed_points,
    legacy_card_sent,
    since_clamped,
)
from civility.store._schema import (
    acknowledgements,
    actions,
    appeals,
    audit,
    confirmations,
    decisions,
    deliveries,
    dumps_storable,
    incidents,
    migrate,
    notes,
    outbox,
    reports,
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
        status=m["status"], priority=m["priority"],
    )


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # WAL with synchronous=NORMAL: a committed decision survives the process being
        # killed (it is in the WAL file), and a commit costs no fsync; only a power cut can
        # lose the last moments, and never corrupts.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Erased text is overwritten, not left in free space for a file reader to find.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()
    return on_connect


#: Errors that say the data itself is wrong (a bug, not an outage): retrying cannot help.
_PERMANENT = (sa.exc.IntegrityError, sa.exc.DataError, sa.exc.ProgrammingError,
              sa.exc.NotSupportedError, sa.exc.ArgumentError, sa.exc.CompileError)

#: What an export shows of a report the member made (not the hash: it is nobody's data).
_REPORT_FIELDS = ("incident_id", "reason", "time")


def _unavailable(exc: BaseException) -> BaseException:
    """A transient outage becomes `StoreUnavailable`; anything else is raised as it is."""
    if isinstance(exc, sa.exc.DBAPIError) and exc.connection_invalidated:
        return StoreUnavailable(type(exc.orig).__name__)
    if isinstance(exc, _PERMANENT):
        return exc
    if isinstance(exc, sa.exc.SQLAlchemyError | OSError | TimeoutError):
        inner = getattr(exc, "orig", None) or exc
        return StoreUnavailable(type(inner).__name__)
    return exc


@contextmanager
def _outages_as_unavailable() -> Iterator[None]:
    """An outage (locked, disk full, server gone) becomes `StoreUnavailable`; other errors pass."""
    try:
        yield
    except Exception as exc:
        error = _unavailable(exc)
        if error is exc:
            raise
        raise error from None


class SqlStore:
    def __init__(self, url: str, *, busy_timeout_ms: int = 5000) -> None:
        self.url = url
        #: SQLite: how long a write waits for another process's lock before giving up (the
        #: event is then left unacknowledged, to come again).
        self.busy_timeout_ms = busy_timeout_ms
        self._engine: AsyncEngine | None = None

    @property
    def db(self) -> AsyncEngine:
        if self._engine is None:
            raise RuntimeError("store is not open")
        return self._engine

    async def open(self) -> None:
        # hide_parameters: an error's text (and so any traceback) never quotes what was
        # written, such as a member's message or name.
        self._engine = create_async_engine(async_url(self.url), hide_parameters=True,
                                           json_serializer=dumps_storable)
        if self._engine.dialect.name == "sqlite":
            sa.event.listen(self._engine.sync_engine, "connect",
                            _sqlite_pragmas(self.busy_timeout_ms))
        async with self._write() as conn:
            await conn.run_sync(migrate)

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: committed whole, or rolled back and `StoreUnavailable` raised."""
        with _outages_as_unavailable():
            async with self.db.begin() as conn:
                yield conn

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncConnection]:
        with _outages_as_unavailable():
            async with self.db.connect() as conn:
                yield conn

    async def close(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
            self._engine = None

    async def record_incident(self, incident: NewIncident) -> int:
        async with self._write() as conn:
            return await _insert_incident(conn, incident)

    async def record_plan(self, plan: Plan) -> Delivery:
        try:
            async with self._write() as conn:
                return await _write_plan(conn, plan)
        except sa.exc.IntegrityError:
            # Another delivery of the same event got there first (the unique key).
            found = await self.delivery(plan.key)
            if found is None:
                raise
            return found

    async def delivery(self, key: str) -> Delivery | None:
        async with self._read() as conn:
            row = (await conn.execute(sa.select(deliveries).where(deliveries.c.key == key))
                   ).first()
            if row is None:
                return None
            steps = (await conn.execute(sa.select(actions).where(
                actions.c.delivery_id == row.id).order_by(actions.c.position))).all()
        return _delivery(row, steps, new=False)

    async def mark_action(self, delivery_id: int, index: int, status: str,
                          detail: Mapping[str, str]) -> None:
        async with self._write() as conn:
            await conn.execute(actions.update().where(
                actions.c.delivery_id == delivery_id, actions.c.position == index,
            ).values(status=status, detail=dict(detail)))

    async def finish_delivery(self, delivery_id: int, time: dt.datetime, *, chat_key: str,
                              member_key: str, incident_id: int | None,
                              detail: Mapping[str, Any],
                              marks: Sequence[tuple[int, ActionState]] = ()) -> None:
        async with self._write() as conn:
            for index, state in marks:
                await conn.execute(actions.update().where(
                    actions.c.delivery_id == delivery_id, actions.c.position == index,
                ).values(status=state.status, detail=dict(state.detail)))
            await conn.execute(deliveries.update().where(deliveries.c.id == delivery_id)
                               .values(finished=True))
            await conn.execute(audit.insert().values(
                kind="actions", time=time, chat_key=chat_key, member_key=member_key,
                incident_id=incident_id, detail=dict(detail)))

    async def card_sent(self, incident_id: int) -> bool:
        query = sa.select(actions.c.id).join(
            deliveries, deliveries.c.id == actions.c.delivery_id).where(
            deliveries.c.incident_id == incident_id, actions.c.name == "review",
            actions.c.status == DONE).limit(1)
        async with self._read() as conn:
            if (await conn.execute(query)).first() is not None:
                return True
            recorded = (await conn.execute(sa.select(deliveries.c.id).where(
                deliveries.c.incident_id == incident_id).limit(1))).first()
        if recorded is not None:
            return False
        incident = await self.incident(incident_id)  # recorded before v2: by its steps
        return incident is not None and legacy_card_sent(incident)

    async def _one(self, query: sa.Select[Any]) -> IncidentRecord | None:
        async with self._read() as conn:
            row = (await conn.execute(query)).first()
        return _record(row) if row else None

    async def incident(self, incident_id: int) -> IncidentRecord | None:
        return await self._one(sa.select(incidents).where(incidents.c.id == incident_id))

    async def incident_for_message(self, chat_key: str, message_id: str) -> IncidentRecord | None:
        return await self._one(sa.select(incidents).where(
            incidents.c.chat_key == chat_key, incidents.c.message_id == message_id,
        ).order_by(incidents.c.id.desc()).limit(1))

    async def set_status(self, incident_id: int, status: str) -> None:
        async with self._write() as conn:
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
        async with self._read() as conn:
            return [_record(r) for r in (await conn.execute(query)).all()]

    async def add_strike(self, member_key: str, chat_key: str, points: float,
                         time: dt.datetime, incident_id: int | None) -> None:
        async with self._write() as conn:
            await conn.execute(strikes.insert().values(
                member_key=member_key, chat_key=chat_key, points=points, time=time,
                incident_id=incident_id))

    async def strikes(self, member_key: str) -> list[tuple[float, dt.datetime]]:
        async with self._read() as conn:
            rows = (await conn.execute(sa.select(strikes.c.points, strikes.c.time)
                                       .where(strikes.c.member_key == member_key))).all()
        return [(float(p), _utc(t)) for p, t in rows]

    async def points(self, member_key: str, now: dt.datetime, half_life_days: float) -> float:
        since = since_clamped(now, half_life_days * FORGOTTEN_AFTER_HALF_LIVES)
        async with self._read() as conn:
            rows = (await conn.execute(sa.select(strikes.c.points, strikes.c.time).where(
                strikes.c.member_key == member_key, strikes.c.time >= since))).all()
        return decayed_points([(float(p), _utc(t)) for p, t in rows], now, half_life_days)

    async def record_decision(self, incident_id: int, moderator_key: str, choice: str,
                              note: str, time: dt.datetime) -> None:
        async with self._write() as conn:
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
        async with self._write() as conn:
            await conn.execute(audit.insert().values(
                kind=kind, time=time, chat_key=chat_key, member_key=member_key,
                incident_id=incident_id, detail=dict(detail or {})))

    async def audit_trail(self, *, incident_id: int | None = None,
                          limit: int = 100) -> list[dict[str, Any]]:
        query = sa.select(audit).order_by(audit.c.id.desc()).limit(limit)
        if incident_id is not None:
            query = query.where(audit.c.incident_id == incident_id)
        async with self._read() as conn:
            rows = (await conn.execute(query)).all()
        return [{**r._mapping, "time": _utc(r.time).isoformat()} for r in reversed(rows)]

    async def export_member(self, member_key: str, *,
                            reporter_hash: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"member": member_key}
        async with self._read() as conn:
            for entry in MEMBER_TABLES:  # every table holding their data, declared once
                if entry.export_as:
                    rows = (await conn.execute(sa.select(entry.table).where(
                        rows_of(entry, member_key)).order_by(entry.table.c.id))).all()
                    data[entry.export_as] = _exported(entry.table, rows)
            # None matches no row: a member without a key-made hash made no report we know.
            report_rows = (await conn.execute(sa.select(reports).where(
                reports.c.reporter_hash == reporter_hash,
                reports.c.reporter_hash.is_not(None)))).all()
        data["reports_made"] = [{k: v for k, v in r.items() if k in _REPORT_FIELDS}
                                for r in _plain_rows(report_rows)]
        return data

    async def erase_member(self, member_key: str, *, reporter_hash: str | None = None,
                           keep_cases: Collection[int] = ()) -> int:
        async with self._write() as conn:
            count = await erase_rows(conn, member_key, keep_cases)
            if reporter_hash is not None:  # the reports this member made of others
                count += (await conn.execute(reports.delete().where(
                    reports.c.reporter_hash == reporter_hash))).rowcount
                await conn.execute(incidents.update().where(
                    incidents.c.reporter_hash == reporter_hash).values(reporter_hash=None))
        return count

    async def purge_expired(self, before: dt.datetime) -> int:
        async with self._write() as conn:
            old = sa.select(incidents.c.id).where(incidents.c.time < before,
                                                  incidents.c.text.is_not(None))
            ids = [row.id for row in (await conn.execute(old)).all()]
            for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
                await conn.execute(incidents.update().where(incidents.c.id.in_(chunk))
                                   .values(text=None, reasons=[]))
                await conn.execute(reports.update().where(reports.c.incident_id.in_(chunk))
                                   .values(reason=None))
                await conn.execute(decisions.update().where(decisions.c.incident_id.in_(chunk))
                                   .values(note=""))
                await conn.execute(deliveries.update().where(
                    deliveries.c.incident_id.in_(chunk)).values(detail={}))
            await _purge_workflow(conn, before)  # workflow: notes and unsent reports go too
        if ids and self.db.dialect.name == "sqlite":
            # Old page images stay in the write-ahead log until a checkpoint: truncate it.
            async with self._read() as conn:
                await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(ids)


    # -- workflow (issue 14): notes, decisions, the outbox ----------------------------------

    async def add_note(self, incident_id: int, moderator_key: str, text: str,
                       time: dt.datetime) -> int:
        async with self._write() as conn:
            result = await conn.execute(notes.insert().values(
                incident_id=incident_id, moderator_key=moderator_key, text=text, time=time)
                .returning(notes.c.id))
            return int(result.scalar_one())

    async def notes(self, incident_id: int) -> list[Note]:
        async with self._read() as conn:
            rows = (await conn.execute(sa.select(notes).where(notes.c.incident_id == incident_id)
                                       .order_by(notes.c.id))).all()
        return [Note(id=r.id, incident_id=r.incident_id, moderator_key=r.moderator_key,
                     text=r.text, time=_utc(r.time)) for r in rows]

    async def decisions(self, incident_id: int) -> list[DecisionRecord]:
        async with self._read() as conn:
            rows = (await conn.execute(sa.select(decisions).where(
                decisions.c.incident_id == incident_id).order_by(decisions.c.id))).all()
        return [DecisionRecord(incident_id=r.incident_id, moderator_key=r.moderator_key,
                               choice=r.choice, note=r.note, time=_utc(r.time)) for r in rows]

    async def decisions_of(self, incident_ids: Sequence[int]) -> list[DecisionRecord]:
        ids, rows = list(incident_ids), list[sa.Row[Any]]()
        async with self._read() as conn:
            for start in range(0, len(ids), 500):  # bounded IN lists
                rows += (await conn.execute(sa.select(decisions).where(
                    decisions.c.incident_id.in_(ids[start:start + 500])))).all()
        return [DecisionRecord(incident_id=r.incident_id, moderator_key=r.moderator_key,
                               choice=r.choice, note=r.note, time=_utc(r.time))
                for r in sorted(rows, key=lambda r: r.id)]

    async def queue_outbox(self, entry: NewOutboxEntry) -> tuple[OutboxEntry, bool]:
        values = {**attrs.asdict(entry), "attempts": 0, "next_attempt": entry.created,
                  "last_error": ""}
        try:
            async with self._write() as conn:
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
        async with self._read() as conn:
            return [_outbox_entry(r) for r in (await conn.execute(query)).all()]

    async def claim_outbox(self, entry_id: int, now: dt.datetime, until: dt.datetime) -> bool:
        async with self._write() as conn:
            result = await conn.execute(outbox.update().where(
                outbox.c.id == entry_id, outbox.c.sent_at.is_(None), outbox.c.body.is_not(None),
                outbox.c.next_attempt <= now).values(next_attempt=until))
        return int(result.rowcount) == 1

    async def outbox_sent(self, entry_id: int, time: dt.datetime) -> None:
        async with self._write() as conn:
            await conn.execute(outbox.update().where(outbox.c.id == entry_id)
                               .values(sent_at=time, body=None, last_error=""))

    async def outbox_failed(self, entry_id: int, attempts: int, next_attempt: dt.datetime,
                            error: str) -> None:
        async with self._write() as conn:
            await conn.execute(outbox.update().where(outbox.c.id == entry_id, outbox.c.sent_at.is_(None))
                               .values(attempts=attempts, next_attempt=next_attempt,
                                       last_error=error[:200]))

    # -- the acknowledgement gate (issue 13) ---------------------------------------------

    async def gate_join(self, chat_key: str, member_key: str, time: dt.datetime) -> bool:
        if await self.gate_entry(chat_key, member_key) is not None:
            return False
        try:
            async with self._write() as conn:
                await conn.execute(acknowledgements.insert().values(
                    chat_key=chat_key, member_key=member_key, joined=time, agreed=None,
                    told=False))
        except sa.exc.IntegrityError:  # another delivery of the same join got there first
            return False
        return True

    async def gate_entry(self, chat_key: str, member_key: str) -> GateEntry | None:
        async with self._read() as conn:
            row = (await conn.execute(sa.select(acknowledgements).where(
                acknowledgements.c.chat_key == chat_key,
                acknowledgements.c.member_key == member_key))).first()
        return _gate_entry(row) if row is not None else None

    async def gate_waiting(self, member_key: str) -> list[GateEntry]:
        async with self._read() as conn:
            rows = (await conn.execute(sa.select(acknowledgements).where(
                acknowledgements.c.member_key == member_key,
                acknowledgements.c.agreed.is_(None)).order_by(acknowledgements.c.chat_key))).all()
        return [_gate_entry(r) for r in rows]

    async def gate_agree(self, chat_key: str, member_key: str, time: dt.datetime) -> bool:
        return await self._gate_once(chat_key, member_key, acknowledgements.c.agreed.is_(None),
                                     agreed=time)

    async def gate_tell(self, chat_key: str, member_key: str) -> bool:
        return await self._gate_once(chat_key, member_key, acknowledgements.c.told.is_(False),
                                     told=True)

    async def _gate_once(self, chat_key: str, member_key: str, unset: sa.ColumnElement[bool],
                         **values: Any) -> bool:
        """Set `values` on the member's gate row where `unset` holds: True if this call did."""
        async with self._write() as conn:
            result = await conn.execute(acknowledgements.update().where(
                acknowledgements.c.chat_key == chat_key,
                acknowledgements.c.member_key == member_key, unset).values(**values))
        return int(result.rowcount) == 1

    # -- fair outcomes (issue 14): refunds, appeals, second moderators ----------------------

    async def told(self, incident_id: int) -> bool:
        told_states = ("done", "sending")
        query = sa.select(actions.c.id).join(deliveries, deliveries.c.id == actions.c.delivery_id
                                             ).where(deliveries.c.incident_id == incident_id,
                                                     actions.c.name.in_(("nudge", "caution")),
                                                     actions.c.status.in_(told_states)).limit(1)
        async with self._read() as conn:
            return (await conn.execute(query)).first() is not None

    async def appeal_of(self, incident_id: int) -> AppealRecord | None:
        async with self._read() as conn:
            row = (await conn.execute(sa.select(appeals).where(
                appeals.c.incident_id == incident_id))).first()
        return _appeal(row) if row is not None else None

    async def appeals(self, *, member_key: str | None = None,
                      since: dt.datetime | None = None) -> list[AppealRecord]:
        query = sa.select(appeals).order_by(appeals.c.id)
        if member_key is not None:
            query = query.where(appeals.c.member_key == member_key)
        if since is not None:
            query = query.where(appeals.c.time >= since)
        async with self._read() as conn:
            return [_appeal(r) for r in (await conn.execute(query)).all()]

    async def confirmations(self, incident_id: int) -> list[Confirmation]:
        async with self._read() as conn:
            rows = (await conn.execute(sa.select(confirmations).where(
                confirmations.c.incident_id == incident_id).order_by(confirmations.c.id))).all()
        return [Confirmation(moderator_key=r.moderator_key, choice=r.choice, time=_utc(r.time),
                             incident_id=r.incident_id, confirmed_by=r.confirmed_by,
                             confirmed_at=_utc(r.confirmed_at) if r.confirmed_at else None)
                for r in rows]


async def _insert_incident(conn: AsyncConnection, incident: NewIncident) -> int:
    values = attrs.asdict(incident, recurse=False)
    values.update(chat_key=incident.chat_key, member_key=incident.member_key,
                  rule_ids=list(incident.rule_ids), steps=list(incident.steps),
                  pending=list(incident.pending), reasons=list(incident.reasons))
    result = await conn.execute(incidents.insert().values(**values, status="open")
                                .returning(incidents.c.id))
    return int(result.scalar_one())


async def _write_plan(conn: AsyncConnection, plan: Plan) -> Delivery:
    # A redelivery fails on the delivery's unique key; the whole transaction, the incident
    # included, is then rolled back and the first delivery read instead.
    incident_id = plan.incident_id
    if plan.incident is not None:
        incident_id = await _insert_incident(conn, plan.incident)
    delivery_id = int((await conn.execute(deliveries.insert().values(
        key=plan.key, kind=plan.kind, incident_id=incident_id, time=plan.time,
        detail=dict(plan.detail), finished=False).returning(deliveries.c.id))).scalar_one())
    if plan.actions:
        await conn.execute(actions.insert(), [
            {"delivery_id": delivery_id, "position": i, "name": name, "status": "pending",
             "detail": {}} for i, name in enumerate(plan.actions)])
    if plan.strike > 0 and plan.incident is not None:
        await conn.execute(strikes.insert().values(
            member_key=plan.incident.member_key, chat_key=plan.incident.chat_key,
            points=plan.strike, time=plan.incident.time, incident_id=incident_id))
    if plan.report is not None and incident_id is not None:
        await conn.execute(reports.insert().values(
            incident_id=incident_id, reporter_hash=plan.report.reporter_hash,
            reason=plan.report.reason, time=plan.report.time))
    if plan.raise_priority and incident_id is not None:
        await conn.execute(incidents.update().where(incidents.c.id == incident_id)
                           .values(priority=incidents.c.priority + 1))
    if incident_id is not None:
        await _write_fairness(conn, plan, incident_id)
    if plan.moderator is not None and incident_id is not None:
        choice = plan.moderator
        await conn.execute(decisions.insert().values(
            incident_id=incident_id, moderator_key=choice.moderator_key, choice=choice.choice,
            note=choice.note, time=plan.time))
        await conn.execute(incidents.update().where(incidents.c.id == incident_id)
                           .values(status=choice.status))
    return Delivery(id=delivery_id, key=plan.key, kind=plan.kind, incident_id=incident_id,
                    actions=tuple(ActionState(name) for name in plan.actions),
                    detail=dict(plan.detail), finished=False, new=True)


async def _write_fairness(conn: AsyncConnection, plan: Plan, incident_id: int) -> None:
    """Refunds, appeals and second moderators, in the plan's transaction (issue 14)."""
    if plan.refund:  # what the incident's strikes still hold, taken back once
        rows = (await conn.execute(sa.select(strikes).where(
            strikes.c.incident_id == incident_id))).all()
        held = sum(float(r.points) for r in rows)
        if rows and held > 1e-9:
            first = min(rows, key=lambda r: r.id)
            await conn.execute(strikes.insert().values(
                member_key=first.member_key, chat_key=first.chat_key, points=-held,
                time=first.time, incident_id=incident_id))
    if plan.appeal is not None:
        appeal = plan.appeal
        await conn.execute(appeals.insert().values(
            incident_id=incident_id, member_key=appeal.member_key, reason=appeal.reason,
            time=appeal.time, first_moderator=appeal.first_moderator, status="open",
            choice="", decided_by=""))
        await conn.execute(incidents.update().where(incidents.c.id == incident_id)
                           .values(status="open"))
    if plan.appeal_outcome and plan.moderator is not None:
        await conn.execute(appeals.update().where(
            appeals.c.incident_id == incident_id, appeals.c.status == "open").values(
            status=plan.appeal_outcome, choice=plan.moderator.choice,
            decided_by=plan.moderator.moderator_key, decided_at=plan.time))
    if plan.wait is not None:
        await conn.execute(confirmations.insert().values(
            incident_id=incident_id, choice=plan.wait.choice,
            moderator_key=plan.wait.moderator_key, time=plan.wait.time, confirmed_by=""))
    if plan.case_note is not None:
        await conn.execute(notes.insert().values(
            incident_id=incident_id, moderator_key=plan.case_note[0], text=plan.case_note[1],
            time=plan.time))
    if plan.confirms and plan.moderator is not None:
        await conn.execute(confirmations.update().where(
            confirmations.c.incident_id == incident_id,
            confirmations.c.choice == plan.moderator.choice,
            confirmations.c.confirmed_by == "").values(
            confirmed_by=plan.moderator.moderator_key, confirmed_at=plan.time))


def _appeal(row: sa.Row[Any]) -> AppealRecord:
    m = row._mapping
    return AppealRecord(
        member_key=m["member_key"], reason=m["reason"] or "", time=_utc(m["time"]),
        first_moderator=m["first_moderator"], incident_id=m["incident_id"], status=m["status"],
        choice=m["choice"], decided_by=m["decided_by"],
        decided_at=_utc(m["decided_at"]) if m["decided_at"] is not None else None)


def _delivery(row: sa.Row[Any], steps: Sequence[sa.Row[Any]], *, new: bool) -> Delivery:
    return Delivery(id=row.id, key=row.key, kind=row.kind, incident_id=row.incident_id,
                    actions=tuple(ActionState(a.name, a.status, dict(a.detail)) for a in steps),
                    detail=dict(row.detail), finished=bool(row.finished), new=new)

def _iso(_inst: object, _field: object, value: Any) -> Any:
    return _utc(value).isoformat() if isinstance(value, dt.datetime) else value


def _plain_rows(rows: Sequence[sa.Row[Any]]) -> list[dict[str, Any]]:
    return [{k: _utc(v).isoformat() if isinstance(v, dt.datetime) else v
             for k, v in r._mapping.items()} for r in rows]


def _exported(table: sa.Table, rows: Sequence[sa.Row[Any]]) -> list[dict[str, Any]]:
    """A table's rows as `civility export` shows them (incidents and the outbox as the
    records the rest of Civility reads, the others as they are stored)."""
    if table is incidents:
        return as_rows([_record(r) for r in rows])
    if table is outbox:
        return [attrs.asdict(_outbox_entry(r), value_serializer=_iso) for r in rows]
    return _plain_rows(rows)
def _gate_entry(row: sa.Row[Any]) -> GateEntry:
    return GateEntry(chat_key=row.chat_key, member_key=row.member_key, joined=_utc(row.joined),
                     agreed=_utc(row.agreed) if row.agreed is not None else None,
                     told=bool(row.told))


def _outbox_entry(row: sa.Row[Any]) -> OutboxEntry:
    m = row._mapping
    return OutboxEntry(
        id=m["id"], incident_id=m["incident_id"], member_key=m["member_key"],
        message_id=m["message_id"], recipient=m["recipient"], subject=m["subject"],
        body=m["body"], created=_utc(m["created"]), attempts=m["attempts"],
        next_attempt=_utc(m["next_attempt"]),
        sent_at=_utc(m["sent_at"]) if m["sent_at"] is not None else None,
        last_error=m["last_error"])


async def _purge_workflow(conn: Any, before: dt.datetime) -> None:
    """Notes are excerpts: their text goes with the incident's. A report still unsent when its
    incident's text expires is given up (its body would keep the text past retention)."""
    old = sa.select(incidents.c.id).where(incidents.c.time < before)
    await conn.execute(notes.update().where(notes.c.incident_id.in_(old),
                                            notes.c.text.is_not(None)).values(text=None))
    await conn.execute(appeals.update().where(appeals.c.incident_id.in_(old),
                                              appeals.c.reason.is_not(None)).values(reason=None))
    await conn.execute(outbox.update().where(outbox.c.incident_id.in_(old),
                                             outbox.c.body.is_not(None))
                       .values(body=None, last_error="expired: past the retention period"))
