"""Where Civility keeps incidents, strikes, moderator decisions and the audit trail.

Data minimisation by design: message text is kept only when a message produced an incident, and
only for the retention period; reporters are kept as a salted hash, never as an identity; every
member's records can be exported and erased (group admins are data controllers).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs

__all__ = ["IncidentRecord", "NewIncident", "Store", "decayed_points", "open_store"]


@attrs.frozen
class NewIncident:
    time: dt.datetime
    platform: str
    chat_id: str
    chat_title: str
    message_id: str
    member_id: str
    member_name: str
    rule_ids: tuple[str, ...]
    action: str
    steps: tuple[str, ...]
    pending: tuple[str, ...]
    source: str  # rule, member, platform, moderator
    text: str | None
    reasons: tuple[str, ...] = ()
    reporter_hash: str | None = None

    @property
    def chat_key(self) -> str:
        return f"{self.platform}:{self.chat_id}"

    @property
    def member_key(self) -> str:
        return f"{self.platform}:{self.member_id}"


@attrs.frozen
class IncidentRecord(NewIncident):
    id: int = 0
    status: str = "open"  # open → resolved / dismissed


class Store(Protocol):
    async def open(self) -> None: ...
    async def close(self) -> None: ...
    async def record_incident(self, incident: NewIncident) -> int: ...
    async def incident(self, incident_id: int) -> IncidentRecord | None: ...
    async def incident_for_message(self, chat_key: str, message_id: str) -> IncidentRecord | None: ...
    async def set_status(self, incident_id: int, status: str) -> None: ...
    async def incidents(self, *, chat_key: str | None = None, member_key: str | None = None,
                        status: str | None = None, limit: int = 50) -> list[IncidentRecord]: ...
    async def add_strike(self, member_key: str, chat_key: str, points: float,
                         time: dt.datetime, incident_id: int | None) -> None: ...
    async def strikes(self, member_key: str) -> list[tuple[float, dt.datetime]]: ...
    async def points(self, member_key: str, now: dt.datetime, half_life_days: float) -> float:
        """The member's strike points decayed to ``now`` (see `decayed_points`)."""
        ...
    async def record_decision(self, incident_id: int, moderator_key: str, choice: str,
                              note: str, time: dt.datetime) -> None: ...
    async def first_decision_times(self, incident_ids: Sequence[int]) -> dict[int, dt.datetime]:
        """When a moderator first answered each of these incidents (those answered)."""
        ...
    async def audit(self, kind: str, time: dt.datetime, *, chat_key: str = "",
                    member_key: str = "", incident_id: int | None = None,
                    detail: Mapping[str, Any] | None = None) -> None: ...
    async def audit_trail(self, *, incident_id: int | None = None,
                          limit: int = 100) -> list[dict[str, Any]]: ...
    async def export_member(self, member_key: str) -> dict[str, Any]: ...
    async def erase_member(self, member_key: str) -> int: ...
    async def purge_expired(self, before: dt.datetime) -> int: ...
    async def reporter_salt(self) -> str: ...
    # -- workflow (issue 14): notes, decisions, the outbox (see Note, OutboxEntry) --
    async def add_note(self, incident_id: int, moderator_key: str, text: str,
                       time: dt.datetime) -> int: ...
    async def notes(self, incident_id: int) -> list[Note]: ...
    async def decisions(self, incident_id: int) -> list[DecisionRecord]: ...
    async def queue_outbox(self, entry: NewOutboxEntry) -> tuple[OutboxEntry, bool]:
        """Queue the entry unless its incident has one already; return the incident's entry
        and whether it is new. Repeats are harmless."""
        ...
    async def outbox(self, *, incident_id: int | None = None, member_key: str | None = None,
                     due_at: dt.datetime | None = None, limit: int = 100) -> list[OutboxEntry]:
        """Entries, oldest first; with ``due_at``, only those waiting and due by then."""
        ...
    async def claim_outbox(self, entry_id: int, now: dt.datetime, until: dt.datetime) -> bool:
        """Take a due entry for sending by moving its next attempt to ``until`` (a lease):
        False when it is not due or taken (another sender, or sent)."""
        ...
    async def outbox_sent(self, entry_id: int, time: dt.datetime) -> None:
        """Mark the entry sent and forget its body (the report can be rebuilt from the case)."""
        ...
    async def outbox_failed(self, entry_id: int, attempts: int, next_attempt: dt.datetime,
                            error: str) -> None: ...


def decay(since: dt.datetime, now: dt.datetime, half_life_days: float) -> float:
    """What one point given at ``since`` is worth at ``now`` (halved every half-life)."""
    age_days = max((now - since).total_seconds(), 0.0) / 86400
    return math.pow(0.5, age_days / half_life_days)


def decayed_points(strikes: Iterable[tuple[float, dt.datetime]], now: dt.datetime,
                   half_life_days: float) -> float:
    """Strike points, each halved for every ``half_life_days`` since it was given."""
    return sum(points * decay(when, now, half_life_days) for points, when in strikes)


#: Strikes older than this many half-lives weigh under a millionth of their points: ignored.
FORGOTTEN_AFTER_HALF_LIVES = 20


def open_store(url: str) -> Store:
    """``memory://`` for a throwaway store, else an SQLAlchemy URL (sqlite:///, postgresql://)."""
    if url.startswith("memory:"):
        from civility.store.memory import MemoryStore

        return MemoryStore()
    from civility.store.sql import SqlStore

    return SqlStore(url)


def as_rows(records: Sequence[IncidentRecord]) -> list[dict[str, Any]]:
    return [attrs.asdict(r, value_serializer=_plain) for r in records]


def _plain(_inst: object, _field: object, value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


# -- workflow (issue 14): moderators' notes and the incident-report outbox ------------------


@attrs.frozen
class Note:
    """A moderator's note on a case. Erased with the member's records, and its text with the
    incident's text by the retention purge (``text`` is then None)."""

    id: int
    incident_id: int
    moderator_key: str
    text: str | None
    time: dt.datetime


@attrs.frozen
class DecisionRecord:
    """A moderator's recorded answer on a case."""

    incident_id: int
    moderator_key: str
    choice: str
    note: str
    time: dt.datetime


@attrs.frozen
class NewOutboxEntry:
    """An incident report waiting to be e-mailed: one per incident, named by ``message_id``."""

    incident_id: int
    member_key: str
    message_id: str
    recipient: str
    subject: str
    #: The report's text; None once sent (or given up past the retention period).
    body: str | None
    created: dt.datetime


@attrs.frozen
class OutboxEntry(NewOutboxEntry):
    id: int = 0
    attempts: int = 0
    #: When the next attempt is due; stored, so back-off survives a restart.
    next_attempt: dt.datetime | None = None
    sent_at: dt.datetime | None = None
    #: The last failure's type (never its text: it may quote the server or the message).
    last_error: str = ""

    @property
    def status(self) -> str:
        if self.sent_at is not None:
            return "sent"
        return "expired" if self.body is None else "waiting"
