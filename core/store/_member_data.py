"""Every table that holds a member's data, declared once: `civility export` reads, and
`civility erase` deletes, through this list (a new table is one line here).

A row is the member's in one of three ways: its ``member_key`` names them (``MEMBER``), its
``incident_id`` is one of their cases (``CASE``), or it belongs to a delivery of one of their
cases (``DELIVERY``). Erasure can keep the cases that must stay (an open case, a report still
waiting for the school): their rows are spared, whichever way they are linked.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import attrs
import sqlalchemy as sa

from civility.store._schema import (
    acknowledgements,
    actions,
    appeals,
    audit,
    confirmations,
    decisions,
    deliveries,
    incidents,
    notes,
    outbox,
    reports,
    strikes,
)

MEMBER, CASE, DELIVERY = "member", "case", "delivery"


@attrs.frozen
class MemberTable:
    table: sa.Table
    #: How a row is the member's: MEMBER, CASE or DELIVERY (see the module's words).
    by: str
    #: Its key in `civility export`; empty: bookkeeping with nothing of theirs to read.
    export_as: str = ""
    #: Counted in the number `civility erase` reports.
    counted: bool = True

    @property
    def case_column(self) -> sa.Column[Any] | None:
        """The column naming the case a row is about (None: the table has none)."""
        name = "id" if self.table is incidents else "incident_id"
        return self.table.c.get(name)


#: In erasure order: rows that hang off a case before the cases themselves (``incidents``
#: last, since the others find the member's cases through it).
MEMBER_TABLES: tuple[MemberTable, ...] = (
    MemberTable(actions, DELIVERY, counted=False),
    MemberTable(deliveries, CASE, counted=False),
    MemberTable(notes, CASE, "notes"),
    MemberTable(appeals, CASE, "appeals"),
    MemberTable(confirmations, CASE, "second-moderator choices"),
    MemberTable(outbox, MEMBER, "outbox"),
    MemberTable(decisions, CASE, "decisions"),
    # Reports about the member's messages: what was said of them, never who said it.
    MemberTable(reports, CASE, counted=True),
    MemberTable(strikes, MEMBER, "strikes"),
    MemberTable(acknowledgements, MEMBER, "acknowledgements"),
    MemberTable(audit, MEMBER, "audit"),
    MemberTable(incidents, MEMBER, "incidents"),
)


def member_cases(member_key: str, keep: Collection[int] = ()) -> sa.Select[Any]:
    """The ids of the member's cases, less those kept."""
    query = sa.select(incidents.c.id).where(incidents.c.member_key == member_key)
    return query.where(incidents.c.id.not_in(list(keep))) if keep else query


def rows_of(entry: MemberTable, member_key: str, keep: Collection[int] = ()) -> Any:
    """The WHERE clause picking the member's rows of one table (less the kept cases')."""
    cases = member_cases(member_key, keep)
    if entry.by == DELIVERY:
        return entry.table.c.delivery_id.in_(
            sa.select(deliveries.c.id).where(deliveries.c.incident_id.in_(cases)))
    if entry.by == CASE:
        return entry.table.c.incident_id.in_(cases)
    mine = entry.table.c.member_key == member_key
    column = entry.case_column
    if not keep or column is None:
        return mine
    return sa.and_(mine, sa.or_(column.is_(None), column.not_in(list(keep))))


async def erase_rows(conn: Any, member_key: str, keep: Collection[int] = ()) -> int:
    """Delete the member's rows of every table (in the list's order); return those counted."""
    count = 0
    for entry in MEMBER_TABLES:
        gone = (await conn.execute(entry.table.delete().where(
            rows_of(entry, member_key, keep)))).rowcount
        count += int(gone) if entry.counted else 0
    return count
