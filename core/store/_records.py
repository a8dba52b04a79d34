"""The store's records: what is written and read back, and the small pure helpers (decay,
plain rows) that the store back-ends share. Import them from `civility.store`."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs


class StoreUnavailable(Exception):
    """The store could not be read or written just now (locked, disk full, server gone).

    Nothing about the event is recorded; the engine acts on nothing and asks the adapter to
    leave the event unacknowledged, so it is delivered again. The message names the error's
    type only: never a statement's parameters.
    """


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
    #: Raised by each further member report while the case is open (0: nobody asked again).
    priority: int = 0


@attrs.frozen
class NewReport:
    """A member's report of a message. The reporter is kept only as a keyed hash."""

    reporter_hash: str | None
    reason: str
    time: dt.datetime


@attrs.frozen
class NewAppeal:
    """A member's appeal of a case. ``first_moderator`` made the decision appealed ("" when
    the ladder decided on its own): another moderator decides the appeal where there is one."""

    member_key: str
    reason: str
    time: dt.datetime
    first_moderator: str = ""


@attrs.frozen
class AppealRecord(NewAppeal):
    incident_id: int = 0
    #: open (waiting for a moderator), upheld (the decision stands) or overturned (kept).
    status: str = "open"
    choice: str = ""
    decided_by: str = ""
    decided_at: dt.datetime | None = None


@attrs.frozen
class Confirmation:
    """A moderator's choice (remove, report...) waiting for a different moderator to confirm
    it with the same word ("second moderator", ``[policy.ladder] confirm``)."""

    moderator_key: str
    choice: str
    time: dt.datetime
    incident_id: int = 0
    confirmed_by: str = ""
    confirmed_at: dt.datetime | None = None


@attrs.frozen
class ModeratorChoice:
    """A moderator's answer, recorded with the incident's new status."""

    moderator_key: str
    choice: str
    note: str
    status: str  # resolved / dismissed


#: Action states: waiting, then done, left to a human (recommended), failed or not needed.
PENDING, DONE, RECOMMENDED, FAILED, SKIPPED = "pending", "done", "recommended", "failed", "skipped"
#: A notice to a member is marked this before it is sent: a restart never sends it twice
#: (at most once: a crash at that instant loses it instead).
SENDING = "sending"


@attrs.frozen
class ActionState:
    """One action of a recorded decision and how it went."""

    name: str
    status: str = PENDING
    #: What the Outcome says: the label done, what a human should do instead, what failed.
    detail: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Plan:
    """Everything one platform event decided, written in one transaction before anything is
    done on the platform. ``key`` is the event's identity: a second plan with the same key
    is not written (the store hands back the first, see `Delivery.new`)."""

    key: str
    kind: str  # message, report, decision
    time: dt.datetime
    actions: tuple[str, ...] = ()
    #: A new incident, or the existing one this event concerns.
    incident: NewIncident | None = None
    incident_id: int | None = None
    #: Strike points for the incident's member (0: none).
    strike: float = 0.0
    report: NewReport | None = None
    moderator: ModeratorChoice | None = None
    raise_priority: bool = False
    #: Keep ("not a breach"): take back the strike points the incident added, once however
    #: often this is asked (the store writes the opposite of what the incident still holds).
    refund: bool = False
    #: A member's appeal of the incident: recorded, and the case opens again.
    appeal: NewAppeal | None = None
    #: The moderator's answer decides the incident's open appeal: "upheld" or "overturned".
    appeal_outcome: str = ""
    #: A choice that waits for a second moderator (see `Confirmation`).
    wait: Confirmation | None = None
    #: The moderator's answer confirms the choice other moderators asked for.
    confirms: bool = False
    #: A moderator's note on the case, given in chat: (moderator key, text).
    case_note: tuple[str, str] | None = None
    #: What acting on the record later needs (the decision, without evidence).
    detail: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Delivery:
    """A recorded event: its incident and its actions, each with its state."""

    id: int
    key: str
    kind: str
    incident_id: int | None
    actions: tuple[ActionState, ...]
    detail: Mapping[str, Any]
    finished: bool
    #: Written by this call; False when the event had been recorded before (a redelivery).
    new: bool = False

    @property
    def pending(self) -> list[int]:
        return [i for i, a in enumerate(self.actions) if a.status == PENDING]


def legacy_card_sent(incident: IncidentRecord) -> bool:
    """For an incident recorded without a delivery (before schema v2, or by a tool): whether
    its decision would have sent moderators a card."""
    return bool(incident.pending) or bool({"review", "propose_removal"} & set(incident.steps))


def since_clamped(now: dt.datetime, days: float) -> dt.datetime:
    """``now - days``, or the earliest time there is when that would be before year 1."""
    try:
        return now - dt.timedelta(days=days)
    except OverflowError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


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


# -- the acknowledgement gate (issue 13) ---------------------------------------------------

@attrs.frozen
class GateEntry:
    """A member who joined a chat while its acknowledgement gate was on.

    Members without an entry (there before the gate, or in a chat without one) are never
    gated. ``agreed`` is when they agreed to the code of conduct (None: not yet, so their
    messages are held); ``told``: they have been told how to agree (once)."""

    chat_key: str
    member_key: str
    joined: dt.datetime
    agreed: dt.datetime | None = None
    told: bool = False

    @property
    def waiting(self) -> bool:
        return self.agreed is None
