"""The built-in decision policy: a proportional escalation ladder (a plugin like any other).

One message adds the points of its worst breach to the member's decayed strike points. The
severity of the breach sets the first rungs; the member's points climb further rungs, so a
repeated mild breach is treated more firmly than a first one.

A verdict's confidence is the policy's calibrated probability that the message breaks the rule.
Only verdicts at or above ``[policy.ladder] min_confidence`` act or add points; a less sure
verdict never acts on its own: moderators are asked to look (``review``), and nothing else
happens for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from civility.context import PolicyContext
from civility.events import Message
from civility.hookspecs import hookimpl
from civility.verdicts import NO_ACTION, SERIOUS_STEPS, Decision, Severity, Step, Verdict


def climb(severity: Severity, points_after: float, context: PolicyContext,
          suggested: Sequence[Step] = ()) -> tuple[list[Step], list[Step]]:
    """The rungs (done now, waiting for a moderator) for a breach of this severity."""
    s = context.ladder
    wanted = {Step.NUDGE, *suggested}
    if severity >= Severity.MEDIUM:
        wanted.add(Step.DELETE)
    if severity >= Severity.HIGH or points_after >= s.caution_at:
        wanted.add(Step.CAUTION)
    if severity >= Severity.HIGH or points_after >= s.review_at:
        wanted.add(Step.REVIEW)
    if severity >= Severity.SEVERE or points_after >= s.propose_removal_at:
        wanted |= {Step.REVIEW, Step.PROPOSE_REMOVAL, Step.REMOVE, Step.REPORT_INCIDENT}
    if Step.CAUTION in wanted:
        wanted.discard(Step.NUDGE)  # the caution is the private notice; one message, not two
    ordered = sorted(wanted, key=lambda step: step.rank)
    if not s.confirm_serious:
        return ordered, []
    return ([x for x in ordered if x not in SERIOUS_STEPS],
            [x for x in ordered if x in SERIOUS_STEPS])


@hookimpl(trylast=True)
def civility_decide(message: Message, verdicts: Sequence[Verdict],
                    context: PolicyContext) -> Decision:
    if not verdicts:
        return NO_ACTION
    sure = [v for v in verdicts if v.confidence >= context.ladder.min_confidence]
    if not sure:
        return Decision(steps=(Step.REVIEW,), verdicts=tuple(verdicts),
                        points_before=context.points, points_after=context.points,
                        reason="not sure enough to act: moderators asked to review")
    worst = max(v.severity for v in sure)
    after = context.points + int(worst)
    suggested = [v.suggested for v in sure if v.suggested is not None]
    if len(sure) < len(verdicts):
        suggested.append(Step.REVIEW)  # the unsure ones are for moderators to look at
    steps, pending = climb(worst, after, context, suggested)
    reason = f"{worst.label} breach; strike points {context.points:.1f} -> {after:.1f}"
    return Decision(steps=tuple(steps), pending=tuple(pending), verdicts=tuple(verdicts),
                    points_before=context.points, points_after=after, reason=reason)
