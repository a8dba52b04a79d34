"""The private notice for an Iqra rule: kind, specific, and pointing to the right route."""

from __future__ import annotations

from civility.context import PolicyContext
from civility.notices import cite, fill
from civility.verdicts import Decision, Rule, Step, Verdict


def word_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                context: PolicyContext) -> str:
    deleted, caution = decision.has(Step.DELETE), decision.has(Step.CAUTION)
    if caution:
        opening = ("This is a formal caution under the group's code of conduct: your message "
                   + ("has been removed from the group" if deleted else "in the group"))
    elif deleted:
        opening = "Your message has been removed from the group"
    else:
        opening = "A gentle note about your message in the group"
    clause = rule.clause if rule else verdict.clause
    body = fill(rule.notice, context) if rule and rule.notice else ""
    why = next((e.match for e in verdict.evidence if e.match), "")
    because = f' (it was flagged for "{why[:40]}")' if why and verdict.confidence >= 0.6 else ""
    route = fill(" If something in the group worries you, you can tell the Senior "
                  "Leadership Team in confidence via {contact}.", context)
    return (f"{opening}{because}. {cite(clause, rule)} {body}{route}"
            " Thank you for helping keep the group kind and useful.")
