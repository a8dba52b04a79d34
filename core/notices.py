"""Notice wording: the placeholder filling every policy can use, and the built-in wording
(a plugin) used when a policy words none of its own."""

from __future__ import annotations

from civility.context import PolicyContext
from civility.hookspecs import hookimpl
from civility.verdicts import Decision, Rule, Step, Verdict


def fill(template: str, context: PolicyContext, **extra: str) -> str:
    """Fill a notice's ``{school}``, ``{concerns_route}`` and ``{contact}`` from the config
    (and any ``extra`` placeholders a policy offers, such as ``{clause}``)."""
    school = context.school
    contact = (f"the school office ({school.contact_email})" if school.contact_email
               else "the school office")
    return template.format_map({"school": school.name or "the school",
                                "concerns_route": school.concerns_route, "contact": contact,
                                **extra})


def what_happened(decision: Decision) -> str:
    if decision.has(Step.DELETE):
        return "Your message has been removed from the group"
    return "Your message may not fit the group's code of conduct"


@hookimpl(trylast=True)
def civility_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                    context: PolicyContext) -> str:
    clause = rule.clause if rule else verdict.clause
    opening = ("This is a formal caution under the group's code of conduct."
               if decision.has(Step.CAUTION) else "A gentle note from the group's moderators.")
    body = fill(rule.notice, context) if rule and rule.notice else (
        f"{what_happened(decision)} because it seems to go against this part of the code of "
        f"conduct: {clause}")
    route = fill(" If you have a concern, please raise it directly with {concerns_route}; "
                 "worries about the group itself can go in confidence to {contact}.", context)
    return f"{opening} {body}{route} Thank you for helping keep the group kind and useful."
