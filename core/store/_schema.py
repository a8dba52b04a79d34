"""Tables and migrations. Each migration moves the schema one version up, from the first on.

To change the schema: add a migration function at the end of MIGRATIONS; never edit one that
has shipped. `schema_version` records how far a database has come.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

metadata = sa.MetaData()

schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

incidents = sa.Table(
    "incidents", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("platform", sa.String(32), nullable=False),
    sa.Column("chat_id", sa.String(255), nullable=False),
    sa.Column("chat_key", sa.String(300), nullable=False, index=True),
    sa.Column("chat_title", sa.Text, nullable=False, default=""),
    sa.Column("message_id", sa.String(255), nullable=False),
    sa.Column("member_id", sa.String(255), nullable=False),
    sa.Column("member_key", sa.String(300), nullable=False, index=True),
    sa.Column("member_name", sa.Text, nullable=False, default=""),
    sa.Column("rule_ids", sa.JSON, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("steps", sa.JSON, nullable=False),
    sa.Column("pending", sa.JSON, nullable=False),
    sa.Column("source", sa.String(16), nullable=False),
    # Kept only for the retention period, then set to NULL by purge_expired.
    sa.Column("text", sa.Text, nullable=True),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("reporter_hash", sa.String(64), nullable=True),
    sa.Column("status", sa.String(16), nullable=False, default="open"),
)

strikes = sa.Table(
    "strikes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("member_key", sa.String(300), nullable=False, index=True),
    sa.Column("chat_key", sa.String(300), nullable=False),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("incident_id", sa.Integer, nullable=True),
)

decisions = sa.Table(
    "decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False, index=True),
    sa.Column("moderator_key", sa.String(300), nullable=False),
    sa.Column("choice", sa.String(32), nullable=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("time", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("chat_key", sa.String(300), nullable=False, default=""),
    sa.Column("member_key", sa.String(300), nullable=False, default="", index=True),
    sa.Column("incident_id", sa.Integer, nullable=True, index=True),
    sa.Column("detail", sa.JSON, nullable=False),
)


def _v1(conn: Connection) -> None:
    for table in (meta, incidents, strikes, decisions, audit):
        table.create(conn)


# -- workflow (issue 14): moderators' notes and the incident-report outbox ----------------

#: Moderators' notes on a case: an excerpt of a kind, so the retention purge erases the text
#: with the incident's, and erasing a member erases the notes on their cases.
notes = sa.Table(
    "notes", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("incident_id", sa.Integer, nullable=False, index=True),
    sa.Column("moderator_key", sa.String(300), nullable=False),
    sa.Column("text", sa.Text, nullable=True),
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
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=True),
    sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.String(200), nullable=False, default=""),
    sa.UniqueConstraint("incident_id", name="uq_outbox_incident"),
    sa.UniqueConstraint("message_id", name="uq_outbox_message_id"),
)


def _v_workflow(conn: Connection) -> None:
    for table in (notes, outbox):
        table.create(conn)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v_workflow]


def migrate(conn: Connection) -> int:
    """Bring the schema up to date; return the version it is at."""
    schema_version.create(conn, checkfirst=True)
    current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0
    for version, step in enumerate(MIGRATIONS[current:], start=current + 1):
        step(conn)
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=version))
    return len(MIGRATIONS)
