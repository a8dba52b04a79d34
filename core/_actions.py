"""Carrying out a recorded decision: each pending action in turn, each marked in the store.

The decision was written (incident, strike, actions) before this runs, so a crash or a store
failure part-way loses nothing: the event is delivered again and only the actions not yet
marked are done. An action done on the platform whose mark could not be written because
the process died at that instant is the one thing a redelivery can repeat (when the store
failed instead, the action is remembered and only its mark is written later). Notices to a
member are the exception: marked `SENDING` before they go, they are sent at most once.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from civility._effects import MEMBER_TEXTS, REVIEW_IF_NEEDED, Effects, Job
from civility.store import PENDING, SENDING, SKIPPED, ActionState, Delivery, Store
from civility.verdicts import Decision, Outcome, Severity, Step, Verdict

#: Actions remembered as done while their marks could not be written (the store was down).
UNWRITTEN_MEMORY = 10_000
#: Private notices: a member is never told twice, even across a crash (see `SENDING`).
AT_MOST_ONCE = frozenset({Step.NUDGE.value, Step.CAUTION.value, Step.HOLD.value, *MEMBER_TEXTS})


class Actor:
    def __init__(self, store: Store, clock: Callable[[], dt.datetime]) -> None:
        self.store = store
        self.clock = clock
        # Done on the platform, mark not yet written: a redelivery in this process writes
        # the mark instead of doing the action again (only a crash can repeat it).
        self._unwritten: OrderedDict[tuple[int, int], ActionState] = OrderedDict()

    async def carry_out(self, delivery: Delivery, job: Job, effects: Effects, *,
                        audit: bool = True) -> Outcome:
        """Do the delivery's pending actions in order, marking each done before the next
        starts (the last mark goes with the audit entry, in one transaction). Raises
        `StoreUnavailable` when a mark cannot be written: the event is then delivered again
        and carries on from the last mark."""
        states = list(delivery.actions)
        unmarked: int | None = None  # an action done whose mark is not yet written
        for index, state in enumerate(states):
            if state.status != PENDING or delivery.finished:
                continue
            name = state.name
            if name == REVIEW_IF_NEEDED:  # a card only if something was left to a human
                if not any(s.detail.get("recommended") for s in states[:index]):
                    states[index] = ActionState(name, SKIPPED)
                    continue
                name = "review"
            if unmarked is not None:
                await self._mark(delivery, unmarked, states[unmarked])
            remembered = self._unwritten.get((delivery.id, index))
            if remembered is not None:  # done before the store failed: only mark it
                states[index], unmarked = remembered, index
                continue
            if name in AT_MOST_ONCE:
                await self._mark(delivery, index, ActionState(state.name, SENDING))
            result = await effects.perform(name, job, states[:index])
            states[index] = attrs.evolve(result, name=state.name)
            unmarked = None
            if result.status != SKIPPED:
                unmarked = index
                self._remember(delivery.id, index, states[index])
        outcome = outcome_of(states, job.decision, delivery.incident_id)
        marks = [] if unmarked is None else [(unmarked, states[unmarked])]
        if audit and not delivery.finished:
            await self.store.finish_delivery(
                delivery.id, self.clock(), chat_key=job.message.chat.key,
                member_key=job.message.sender.key, incident_id=delivery.incident_id,
                detail={"done": list(outcome.done), "recommended": list(outcome.recommended),
                        "failed": list(outcome.failed), "advise": effects.advise},
                marks=marks)
            for index, _ in marks:
                self._unwritten.pop((delivery.id, index), None)
        elif marks:
            await self._mark(delivery, *marks[0])
        return outcome

    async def _mark(self, delivery: Delivery, index: int, state: ActionState) -> None:
        await self.store.mark_action(delivery.id, index, state.status, state.detail)
        self._unwritten.pop((delivery.id, index), None)

    def _remember(self, delivery_id: int, index: int, state: ActionState) -> None:
        self._unwritten[(delivery_id, index)] = state
        while len(self._unwritten) > UNWRITTEN_MEMORY:
            self._unwritten.popitem(last=False)


def outcome_of(states: Sequence[ActionState], decision: Decision,
               incident_id: int | None) -> Outcome:
    def each(kind: str) -> tuple[str, ...]:
        return tuple(s.detail[kind] for s in states if s.detail.get(kind))

    return Outcome(decision=decision, incident_id=incident_id, done=each("done"),
                   recommended=each("recommended"), failed=each("failed"))


def decision_detail(decision: Decision) -> dict[str, Any]:
    """A decision as the store keeps it: steps, points and verdicts without their evidence
    (evidence quotes the message; the incident's text and reasons hold what is kept)."""
    return {
        "steps": [s.value for s in decision.steps],
        "pending": [s.value for s in decision.pending],
        "points_before": decision.points_before, "points_after": decision.points_after,
        "reason": decision.reason,
        "verdicts": [{"rule_id": v.rule_id, "clause": v.clause, "severity": int(v.severity),
                      "confidence": v.confidence,
                      "suggested": v.suggested.value if v.suggested else None}
                     for v in decision.verdicts],
    }


def decision_from(detail: Mapping[str, Any], verdicts: Sequence[Verdict] = ()) -> Decision:
    """The recorded decision again. ``verdicts``, when the event was judged again, stand in
    for the recorded ones (they carry the evidence a notice may quote)."""
    recorded = tuple(
        Verdict(v["rule_id"], v["clause"], Severity(v["severity"]),
                min(max(float(v["confidence"]), 0.0), 1.0),
                suggested=Step(v["suggested"]) if v.get("suggested") else None)
        for v in detail.get("verdicts", ()))
    rules = {v.rule_id for v in recorded}
    fresh = tuple(v for v in verdicts if v.rule_id in rules)
    return Decision(steps=tuple(Step(s) for s in detail.get("steps", ())),
                    pending=tuple(Step(s) for s in detail.get("pending", ())),
                    verdicts=fresh or recorded,
                    points_before=float(detail.get("points_before", 0.0)),
                    points_after=float(detail.get("points_after", 0.0)),
                    reason=str(detail.get("reason", "")))
