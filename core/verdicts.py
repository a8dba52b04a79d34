"""What policies say about a message (`Verdict`), the rules they say it under (`Rule`), and what
the ladder decides to do about it (`Decision`)."""

from __future__ import annotations

import enum

import attrs


class Severity(enum.IntEnum):
    """How serious a breach is; the value is the strike points it adds before decay."""

    LOW = 1  # off-topic, a private chat in the group: a nudge is enough
    MEDIUM = 2  # swearing, solicitation, public grievance: remove the message and nudge
    HIGH = 3  # personal abuse, defamation, a private e-mail posted: caution and moderator review
    SEVERE = 5  # threats: moderators decide at once about removal and an incident report

    @property
    def label(self) -> str:
        return self.name.lower()


class Step(enum.StrEnum):
    """A rung of the escalation ladder, mildest first (the order is meaningful)."""

    NUDGE = "nudge"  # a kind private notice citing the clause and where to raise concerns
    DELETE = "delete"  # remove the message from the group
    CAUTION = "caution"  # a formal private caution (the policy's "cautionary notice")
    REVIEW = "review"  # moderators asked to look
    #: Removed and kept for moderators until the member agrees to the code of conduct (the
    #: acknowledgement gate for new members); the member is told once how to agree.
    HOLD = "hold"
    MUTE = "mute"  # restrict the member for a while (moderator-confirmed)
    PROPOSE_REMOVAL = "propose_removal"  # moderators asked to remove the member
    REMOVE = "remove"  # remove the member (only on a moderator's word, unless configured)
    REPORT_INCIDENT = "report_incident"  # an incident report to the school's leadership

    @property
    def rank(self) -> int:
        return _STEP_ORDER.index(self)

    @property
    def label(self) -> str:
        """The step in words a parent volunteer understands (cards, `incidents`)."""
        return _STEP_LABELS[self]


_STEP_ORDER = list(Step)
_STEP_LABELS = {
    Step.NUDGE: "kind private note",
    Step.DELETE: "message deleted",
    Step.CAUTION: "formal caution",
    Step.REVIEW: "moderators asked to look",
    Step.HOLD: "held for moderators until the member agrees to the code of conduct",
    Step.MUTE: "mute for a while",
    Step.PROPOSE_REMOVAL: "asked to remove the member",
    Step.REMOVE: "remove from the group",
    Step.REPORT_INCIDENT: "incident report to the school",
}

#: Steps that wait for a moderator unless the school's config says otherwise.
SERIOUS_STEPS = frozenset({Step.MUTE, Step.REMOVE, Step.REPORT_INCIDENT})


@attrs.frozen
class Evidence:
    """Why a detector fired: the detector, the matched text (or signal) and where it was."""

    detector: str
    match: str
    start: int = -1
    end: int = -1
    detail: str = ""

    def describe(self) -> str:
        where = f" at {self.start}-{self.end}" if self.start >= 0 else ""
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.detector}: {self.match!r}{where}{extra}"


@attrs.frozen
class Rule:
    """One rule of a policy: the id is public contract, the clause says what it rests on."""

    id: str
    title: str
    #: The policy's ask, in the policy author's own words (paraphrased, never pasted).
    clause: str
    #: Where the clause sits in the policy document (section or bullet), for humans to check.
    clause_ref: str
    severity: Severity
    #: The private notice sent to the poster; may use {school}, {concerns_route}, {contact}.
    notice: str = ""
    #: A neutral note for the group (no names) when a message breaking this rule is removed,
    #: for harms others may also have seen ("a suspected scam was removed"); empty: none.
    group_note: str = ""


@attrs.frozen
class Verdict:
    """A policy's finding about one message under one rule."""

    rule_id: str
    clause: str
    severity: Severity
    confidence: float = attrs.field(validator=attrs.validators.and_(
        attrs.validators.ge(0.0), attrs.validators.le(1.0)))
    evidence: tuple[Evidence, ...] = ()
    #: The rung the policy thinks fits; the ladder may go higher for repeat breaches.
    suggested: Step | None = None

    def explain(self) -> str:
        why = "; ".join(e.describe() for e in self.evidence) or "no detail"
        return f"{self.rule_id} ({self.severity.label}, {self.confidence:.0%}): {why}"


@attrs.frozen
class Decision:
    """What the ladder decided for one message (or flag)."""

    steps: tuple[Step, ...] = ()
    #: Steps decided but waiting for a moderator's confirmation.
    pending: tuple[Step, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    #: Decayed strike points of the member before and after this breach.
    points_before: float = 0.0
    points_after: float = 0.0
    reason: str = ""

    @property
    def action(self) -> str:
        """The most serious step decided (pending included), or "none"."""
        every = self.steps + self.pending
        return max(every, key=lambda s: s.rank).value if every else "none"

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(sorted({v.rule_id for v in self.verdicts}))

    def has(self, step: Step) -> bool:
        return step in self.steps

    @property
    def top_verdict(self) -> Verdict | None:
        if not self.verdicts:
            return None
        return max(self.verdicts, key=lambda v: (v.severity, v.confidence))


NO_ACTION = Decision()


@attrs.frozen
class Outcome:
    """What happened to one event, for adapters, `scan`, the console and tests."""

    decision: Decision = NO_ACTION
    incident_id: int | None = None
    done: tuple[str, ...] = ()
    recommended: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()
    refused: str = ""
    error: str = ""
    #: The event could not be durably recorded (the store is down): nothing was done on the
    #: platform, and the adapter must not acknowledge it, so that it is delivered again.
    retry: bool = False
