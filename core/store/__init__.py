"""Where Civility keeps incidents, strikes, moderator decisions and the audit trail.

Data minimisation by design: message text is kept only when a message produced an incident, and
only for the retention period; reporters are kept as an HMAC keyed with a secret that is not in
the database (`reporter_key`), never as an identity; every member's records, their reports
included, can be exported and erased (group admins are data controllers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Protocol

from civility.store._records import (
    DONE,
    FAILED,
    FORGOTTEN_AFTER_HALF_LIVES,
    PENDING,
    RECOMMENDED,
    SENDING,
    SKIPPED,
    ActionState,
    AppealRecord,
    Confirmation,
    DecisionRecord,
    Delivery,
    GateEntry,
    IncidentRecord,
    ModeratorChoice,
    NewAppeal,
    NewIncident,
    NewOutboxEntry,
    NewReport,
    Note,
    OutboxEntry,
    Plan,
    StoreUnavailable,
    as_rows,
    decay,
    decayed_points,
    legacy_card_sent,
    since_clamped,
)

__all__ = [
    "DONE",
    "FAILED",
    "FORGOTTEN_AFTER_HALF_LIVES",
    "PENDING",
    "RECOMMENDED",
    "SENDING",
    "SKIPPED",
    "ActionState",
    "AppealRecord",
    "Confirmation",
    "DecisionRecord",
    "Delivery",
    "GateEntry",
    "IncidentRecord",
    "ModeratorChoice",
    "NewAppeal",
    "NewIncident",
    "NewOutboxEntry",
    "NewReport",
    "Note",
    "OutboxEntry",
    "Plan",
    "Store",
    "StoreUnavailable",
    "as_rows",
    "decay",
    "decayed_points",
    "legacy_card_sent",
    "open_store",
    "since_clamped",
]


class Store(Protocol):
    #: Where the store is (``memory://``, ``sqlite:///...``, ``postgresql://...``).
    url: str

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
    async def export_member(self, member_key: str, *,
                            reporter_hash: str | None = None) -> dict[str, Any]:
        """Everything kept about a member; with ``reporter_hash`` (the hash the reporter key
        makes for them, see `reporter_key`), also the reports they made."""
        ...
    async def erase_member(self, member_key: str, *, reporter_hash: str | None = None,
                           keep_cases: Collection[int] = ()) -> int:
        """Erase the member's records (and, with ``reporter_hash``, their reports); return how
        many records went. The cases in ``keep_cases`` (open ones, say) stay, with every
        record about them."""
        ...
    async def purge_expired(self, before: dt.datetime) -> int:
        """Erase every excerpt of messages older than ``before``: the text, the reasons
        (evidence spans), report reasons, moderators' notes and the recorded decision's
        details. Rule ids, actions, times and statuses stay. Returns the incidents purged."""
        ...
    async def record_plan(self, plan: Plan) -> Delivery:
        """Write the plan in one transaction, or hand back the delivery already recorded
        under its key (``new=False``). Raises `StoreUnavailable` when nothing could be
        written."""
        ...
    async def delivery(self, key: str) -> Delivery | None: ...
    async def mark_action(self, delivery_id: int, index: int, status: str,
                          detail: Mapping[str, str]) -> None: ...
    async def finish_delivery(self, delivery_id: int, time: dt.datetime, *, chat_key: str,
                              member_key: str, incident_id: int | None,
                              detail: Mapping[str, Any],
                              marks: Sequence[tuple[int, ActionState]] = ()) -> None:
        """Mark the delivery finished, its last actions (``marks``: position and state) and
        write its "actions" audit entry, in one transaction."""
        ...
    async def card_sent(self, incident_id: int) -> bool:
        """Whether moderators have had a review card about this incident."""
        ...

    # -- workflow (issue 14): notes, decisions, the outbox (see Note, OutboxEntry) --
    async def add_note(self, incident_id: int, moderator_key: str, text: str,
                       time: dt.datetime) -> int: ...
    async def notes(self, incident_id: int) -> list[Note]: ...
    async def decisions(self, incident_id: int) -> list[DecisionRecord]: ...
    async def decisions_of(self, incident_ids: Sequence[int]) -> list[DecisionRecord]:
        """The decisions on all these cases, in the order they were made (one read for the
        digest and the summary, instead of one per case)."""
        ...
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

    # -- fair outcomes (issue 14): refunds, appeals, second moderators --
    async def told(self, incident_id: int) -> bool:
        """Whether the incident's member was sent a private notice (nudge or caution) about
        it (or one was on its way when the process stopped)."""
        ...
    async def appeal_of(self, incident_id: int) -> AppealRecord | None: ...
    async def appeals(self, *, member_key: str | None = None,
                      since: dt.datetime | None = None) -> list[AppealRecord]:
        """Appeals, oldest first (``since``: made at or after it)."""
        ...
    async def confirmations(self, incident_id: int) -> list[Confirmation]:
        """Choices asked for on the incident that wait for (or had) a second moderator."""
        ...
    # -- the acknowledgement gate (issue 13): see GateEntry --
    async def gate_join(self, chat_key: str, member_key: str, time: dt.datetime) -> bool:
        """The member joined while the chat's gate is on: they wait until they agree. An
        entry already there (a repeat, or a member who agreed and came back) is kept as it
        is; True when the entry is new."""
        ...
    async def gate_entry(self, chat_key: str, member_key: str) -> GateEntry | None: ...
    async def gate_waiting(self, member_key: str) -> list[GateEntry]:
        """The member's entries in chats where they have not yet agreed, by chat key (an
        "I agree" sent privately agrees for each of them)."""
        ...
    async def gate_agree(self, chat_key: str, member_key: str, time: dt.datetime) -> bool:
        """The member agreed: True when they were waiting (a repeat changes nothing)."""
        ...
    async def gate_tell(self, chat_key: str, member_key: str) -> bool:
        """Note that the waiting member is told how to agree: True only the first time."""
        ...


def open_store(url: str) -> Store:
    """``memory://`` for a throwaway store, else an SQLAlchemy URL (sqlite:///, postgresql://)."""
    if url.startswith("memory:"):
        from civility.store.memory import MemoryStore

        return MemoryStore()
    from civility.store.sql import SqlStore

    return SqlStore(url)
