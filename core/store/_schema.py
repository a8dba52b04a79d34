"""Tables and migrations. Each migration moves the schema one version up, from the first on.

To change the schema: add a migration function at the end of MIGRATIONS; never edit one that
has shipped. `schema_version` records how far a database has come.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect

from civility.store._clean import clean_text


class Str(sa.TypeDecorator[str]):
    """A string column that stores any text: cleaned (`clean_text`) and cut to the column's
    length, in writes and in queries alike. PostgreSQL refuses longer strings, SQLite lone
    surrogates; either would make an event fail, and be delivered again, for ever."""

    impl = sa.String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        value = clean_text(value)
        length = getattr(self.impl, "length", None)
        return value[:length] if length else value


class Txt(Str):
    impl = sa.Text
    cache_ok = True


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _storable(v) for k, v in value.items()}
    return value


def dumps_storable(value: Any) -> str:
    """JSON columns' serializer: strings inside are cleaned the same way (PostgreSQL refuses
    ``\\u0000`` and lone surrogate escapes in JSON)."""
    return json.dumps(_storable(value))


metadata = sa.MetaData()

schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", Str(64), primary_key=True),
    sa.Column("value", Txt, nullable=False),
)

incidents = sa.Table(
    "incidents", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("platform", Str(32), nullable=False),
    sa.Column("chat_id", Str(255), nullable=False),
    sa.Column("chat_key", Str(300), nullable=False, index=True),
    sa.Column("chat_title", Txt, nullable=False, default=""),
    sa.Column("message_id", Str(255), nullable=False),
    sa.Column("member_id", Str(255), nullable=False),
    sa.Column("member_key", Str(300), nullable=False, index=True),
    sa.Column("member_name", Txt, nullable=False, default=""),
    sa.Column("rule_ids", sa.JSON, nullable=False),
    sa.Column("action", Str(32), nullable=False),
    sa.Column("steps", sa.JSON, nullable=False),
    sa.Column("pending", sa.JSON, nullable=False),
    sa.Column("source", Str(16), nullable=False),
    # Kept only for the retention period, then set to NULL by purge_expired.
    sa.Column("text", Txt, nullable=True),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("reporter_hash", Str(64), nullable=True),
    sa.Column("status", Str(16), nullable=False, default="open"),
    # v2: raised by each further member report of the open case.
    sa.Column("priority", sa.Integer, nullable=False, default=0, server_default="0"),
)

strikes = sa.Table(
    "strikes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("member_key", Str(300), nullable=False, index=True),
    sa.Column("chat_key", Str(300), nullable=False),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("incident_id", sa.Integer, nullable=True),
)

decisions = sa.Table(
    "decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False, index=True),
    sa.Column("moderator_key", Str(300), nullable=False),
    sa.Column("choice", Str(32), nullable=False),
    sa.Column("note", Txt, nullable=False, default=""),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", Str(64), nullable=False),
    sa.Column("chat_key", Str(300), nullable=False, default=""),
    sa.Column("member_key", Str(300), nullable=False, default="", index=True),
    sa.Column("incident_id", sa.Integer, nullable=True, index=True),
    sa.Column("detail", sa.JSON, nullable=False),
)


# -- v2: decide, record, then act ------------------------------------------------------

#: One row per platform event that decided something (a breach, a report, a moderator's
#: answer), written in the same transaction as its incident, strike and actions, before
#: anything is done on the platform. ``key`` is a hash of the event's identity.
deliveries = sa.Table(
    "deliveries", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", Str(64), nullable=False),
    sa.Column("kind", Str(16), nullable=False),
    sa.Column("incident_id", sa.Integer, nullable=True, index=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("detail", sa.JSON, nullable=False),
    sa.Column("finished", sa.Boolean, nullable=False, default=False),
    sa.UniqueConstraint("key", name="uq_deliveries_key"),
)

#: The actions of a delivery, in order, each marked when done.
actions = sa.Table(
    "actions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("delivery_id", sa.Integer, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("name", Str(32), nullable=False),
    sa.Column("status", Str(16), nullable=False),
    sa.Column("detail", sa.JSON, nullable=False),
    sa.UniqueConstraint("delivery_id", "position", name="uq_actions_position"),
)

#: Each member report of an incident; the reporter only as a keyed hash.
reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False, index=True),
    sa.Column("reporter_hash", Str(64), nullable=True, index=True),
    # An excerpt of a kind: erased with the message's text by the retention purge.
    sa.Column("reason", Txt, nullable=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
)

#: Columns that later migrations add: v1 creates its tables as they shipped, without them.
_ADDED_LATER = {"incidents": ("priority",)}


def _as_shipped_in_v1(table: sa.Table) -> sa.Table:
    later = _ADDED_LATER.get(table.name, ())
    return sa.Table(table.name, sa.MetaData(),
                    *(column._copy() for column in table.columns if column.name not in later))


def _v1(conn: Connection) -> None:
    for table in (meta, incidents, strikes, decisions, audit):
        _as_shipped_in_v1(table).create(conn)


def _v2(conn: Connection) -> None:
    for table in (deliveries, actions, reports):
        table.create(conn)
    conn.execute(sa.text("ALTER TABLE incidents ADD COLUMN priority INTEGER NOT NULL DEFAULT 0"))
    # Reporter hashes are now keyed with a secret kept outside the database (reporter_key):
    # the old salt lived beside the hashes it salted, so it goes, and with it any link from
    # an old report to its reporter.
    conn.execute(meta.delete().where(meta.c.key == "salt"))
    # Incidents purged under v1 kept their reasons (excerpts): erase them too.
    conn.execute(incidents.update().where(incidents.c.text.is_(None)).values(reasons=[]))


# -- workflow (issue 14): moderators' notes and the incident-report outbox ----------------

#: Moderators' notes on a case: an excerpt of a kind, so the retention purge erases the text
#: with the incident's, and erasing a member erases the notes on their cases.
notes = sa.Table(
    "notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False, index=True),
    sa.Column("moderator_key", Str(300), nullable=False),
    sa.Column("text", Txt, nullable=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
)

#: Incident reports waiting for (or done with) the school's mail server: one per incident.
#: The next attempt is stored, so back-off survives a restart; a sent entry keeps only its
#: Message-ID and times.
outbox = sa.Table(
    "outbox", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False),
    sa.Column("member_key", sa.String(300), nullable=False, index=True),
    sa.Column("message_id", sa.String(200), nullable=False),
    sa.Column("recipient", sa.String(300), nullable=False),
    sa.Column("subject", Txt, nullable=False),
    sa.Column("body", Txt, nullable=True),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", Str(200), nullable=False, default=""),
    sa.UniqueConstraint("incident_id", name="uq_outbox_incident"),
    sa.UniqueConstraint("message_id", name="uq_outbox_message_id"),
)


def _v_workflow(conn: Connection) -> None:
    for table in (notes, outbox):
        table.create(conn)


# -- fair outcomes (issue 14): members' appeals, choices waiting for a second moderator ----

#: One appeal per case (the unique incident): the member who appealed only by key, their
#: reason as an excerpt (erased with the message's text), who made the decision appealed.
appeals = sa.Table(
    "appeals", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False),
    sa.Column("member_key", Str(300), nullable=False, index=True),
    sa.Column("reason", Txt, nullable=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("first_moderator", Str(300), nullable=False, default=""),
    sa.Column("status", Str(16), nullable=False, default="open"),
    sa.Column("choice", Str(32), nullable=False, default=""),
    sa.Column("decided_by", Str(300), nullable=False, default=""),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("incident_id", name="uq_appeals_incident"),
)

#: A choice (remove, report...) one moderator asked for, waiting for a second to confirm it.
confirmations = sa.Table(
    "confirmations", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False, index=True),
    sa.Column("choice", Str(32), nullable=False),
    sa.Column("moderator_key", Str(300), nullable=False),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("confirmed_by", Str(300), nullable=False, default=""),
    sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
    sa.UniqueConstraint("incident_id", "choice", "moderator_key", name="uq_confirmations"),
)


def _v_appeals(conn: Connection) -> None:
    for table in (appeals, confirmations):
        table.create(conn)


# -- the acknowledgement gate (issue 13) --------------------------------------------------

#: Members who joined a chat while its acknowledgement gate was on, and whether (and when)
#: they agreed to the code of conduct. Member data: exported and erased with the member.
acknowledgements = sa.Table(
    "acknowledgements", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("chat_key", Str(300), nullable=False),
    sa.Column("member_key", Str(300), nullable=False, index=True),
    sa.Column("joined", sa.DateTime(timezone=True), nullable=False),
    sa.Column("agreed", sa.DateTime(timezone=True), nullable=True),
    sa.Column("told", sa.Boolean, nullable=False, default=False),
    sa.UniqueConstraint("chat_key", "member_key", name="uq_acknowledgements_member"),
)


def _v_gate(conn: Connection) -> None:
    acknowledgements.create(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v_workflow, _v_appeals, _v_gate]


def migrate(conn: Connection) -> int:
    """Bring the schema up to date; return the version it is at."""
    schema_version.create(conn, checkfirst=True)
    current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0
    for version, step in enumerate(MIGRATIONS[current:], start=current + 1):
        step(conn)
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=version))
    return len(MIGRATIONS)
