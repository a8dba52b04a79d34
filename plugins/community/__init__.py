"""The community group code: a second built-in policy, written only with Civility's public API.

Most of its rules live in ``community.toml`` (the policy-file format a school can copy); one rule,
mass mentions, is Python, to show that both mix in one policy. Choose it per group with
``policy = ["community"]`` in a platform's group table, or for every group with
``[policy] plugins = ["community"]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from civility import Decision, Evidence, Message, PolicyContext, Rule, Severity, Verdict, hookimpl
from civility.policy_file import load_policy_file

__all__ = ["MASS_MENTION", "POLICY", "civility_rules", "on_message"]

POLICY = load_policy_file(Path(__file__).with_name("community.toml"))

MASS_MENTION = Rule(
    id="community.mass-mention",
    title="No mass mentions",
    clause="Mention everyone only for the organisers' urgent news.",
    clause_ref="Group code, rule 7",
    severity=Severity.LOW,
    notice="Mentioning everyone notifies every family; please keep it for the organisers' "
           "urgent news. Thank you!",
)
# A linear pattern: one alternation at a word boundary, nothing nested.
_EVERYONE = re.compile(r"(?<!\w)@(?:everyone|all|here|channel)\b", re.IGNORECASE)


@hookimpl
def civility_rules() -> Sequence[Rule]:
    return [*POLICY.civility_rules(), MASS_MENTION]


@hookimpl
def on_message(message: Message, context: PolicyContext) -> Sequence[Verdict]:
    verdicts = list(POLICY.on_message(message=message, context=context))
    found = _EVERYONE.search(message.text)
    if found:
        verdicts.append(Verdict(MASS_MENTION.id, MASS_MENTION.clause, MASS_MENTION.severity, 0.9,
                                (Evidence("mention", found.group(), *found.span()),)))
    return verdicts


@hookimpl
def civility_notice(verdict: Verdict, decision: Decision, context: PolicyContext) -> str | None:
    return POLICY.civility_notice(verdict=verdict, decision=decision, context=context)


@hookimpl
def civility_decide(message: Message, verdicts: Sequence[Verdict],
                    context: PolicyContext) -> Decision | None:
    return POLICY.civility_decide(message=message, verdicts=verdicts, context=context)
