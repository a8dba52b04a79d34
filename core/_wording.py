"""Plain words for what the engine decided, for people who are not developers: the
`incidents` listing and the console say "message deleted", not ``delete``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from civility.verdicts import Step


def step_label(value: str) -> str:
    """A step's plain label; an unknown value (an older record) as it is."""
    try:
        return Step(value).label
    except ValueError:
        return value.replace("_", " ")


def action_words(steps: Iterable[str], pending: Iterable[str], action: str = "") -> str:
    """What was done and what waits for a moderator, in words."""
    done = [step_label(s) for s in steps if s != Step.REVIEW.value]
    waiting = [step_label(s) for s in pending]
    parts = []
    if done:
        parts.append(", ".join(done))
    if waiting:
        parts.append("waiting for a moderator: " + ", ".join(waiting))
    if Step.REVIEW.value in steps and not waiting:
        parts.append(Step.REVIEW.label)
    if not parts:
        return "nothing yet" if action in ("", "none") else step_label(action)
    return "; ".join(parts)


def rule_words(rule_id: str, titles: Mapping[str, str] | None = None) -> str:
    """A rule's title when the policy is installed, else its id."""
    return (titles or {}).get(rule_id, rule_id)
