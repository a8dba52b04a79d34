"""The private notice for an Iqra rule: kind, specific, and pointing to the right route."""

from __future__ import annotations

from civility.context import PolicyContext
from civility.notices import fill
from civility.verdicts import Decision, Rule, Step, Verdict


def word_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                context: PolicyContext) -> str:
    if decision.has(Step.DELETE):
        opening = "Your message has been removed from the group"
    else:
        opening = "A gentle note about your message in the group"
    if decision.has(Step.CAUTION):
        opening = "This is a formal caution under the group's code of conduct. " + opening
    clause = rule.clause if rule else verdict.clause
    body = fill(rule.notice, context) if rule and rule.notice else ""
    why = next((e.match for e in verdict.evidence if e.match), "")
    because = f' (it was flagged for "{why[:40]}")' if why and verdict.confidence >= 0.6 else ""
    route = fill(" If something in the group worries you, you can tell the Senior "
                  "Leadership Team in confidence via {contact}.", context)
    return (f"{opening}{because}. The group's code of conduct asks: {clause} {body}{route}"
            " Thank you for helping keep the group kind and useful.")
