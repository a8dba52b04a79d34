"""The private notice for a safety rule: kind, specific, and pointing to the right place."""

from __future__ import annotations

from civility.context import PolicyContext
from civility.notices import fill
from civility.plugins.safety.rules import ACKNOWLEDGE, BY_ID, QUIET_HOURS
from civility.plugins.safety.settings import SafetySettings
from civility.verdicts import Decision, Rule, Step, Verdict


def word_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                context: PolicyContext, settings: SafetySettings) -> str:
    rule = rule or BY_ID.get(verdict.rule_id)
    quiet = settings.quiet_hours.text if settings.quiet_hours else "at night"
    body = (rule.notice if rule else verdict.clause).replace(
        "{official_channel}", settings.official_channel).replace("{quiet_hours}", quiet)
    if verdict.rule_id in (QUIET_HOURS, ACKNOWLEDGE):
        return fill(body, context)
    if decision.has(Step.DELETE):
        opening = "Your message has been removed from the group."
    else:
        opening = "A gentle note about your message in the group."
    if decision.has(Step.CAUTION):
        opening = "This is a formal caution under the group's code of conduct. " + opening
    route = " If something in the group worries you, you can tell {contact} in confidence."
    return fill(f"{opening} {body}{route} Thank you for helping keep the group safe.", context)
