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


def cite(clause: str, rule: Rule | None) -> str:
    """The clause and where it sits in the policy, so the member can look it up:
    ``The group's code of conduct asks: ... (See Code of Conduct, bullet 2.)``."""
    where = rule.clause_ref.split(";")[0].strip() if rule and rule.clause_ref else ""
    text = f"The group's code of conduct asks: {_sentence(clause)}"
    return f"{text} (See {where}.)" if where else text


def opening(decision: Decision) -> str:
    """A caution says so plainly; only a note that is not a caution calls itself gentle."""
    if decision.has(Step.CAUTION):
        return "This is a formal caution under the group's code of conduct."
    return "A gentle note from the group's moderators."


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


@hookimpl(trylast=True)
def civility_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                    context: PolicyContext) -> str:
    """The built-in wording: what happened (removed or not), the clause and where it sits,
    the policy's own notice text, then where to take a concern."""
    clause = rule.clause if rule else verdict.clause
    parts = [opening(decision), f"{what_happened(decision)}.", cite(clause, rule)]
    if rule and rule.notice:
        parts.append(_sentence(fill(rule.notice, context)))
    parts.append(fill("If you have a concern, please raise it directly with {concerns_route}; "
                      "worries about the group itself can go in confidence to {contact}.",
                      context))
    parts.append("Thank you for helping keep the group kind and useful.")
    return " ".join(parts)
