"""Judging labelled examples with a policy, and scoring the result per rule.

Used by `civility eval` and by the pytest kit. Examples go through a real engine (offline: an
in-memory store, no platform), in order, so conversation rules see the messages before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from civility.engine import Engine
from civility.events import ChatRef, MemberRef, Message, MessageRef
from civility.examples import Example
from civility.links import find_links

__all__ = ["Judged", "RuleScore", "Score", "judge_examples", "score"]

PLATFORM = "eval"
#: Examples without a time are spaced this far apart, so they do not look like a flood.
DEFAULT_SPACING = dt.timedelta(minutes=5)
_START = dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.UTC)


@attrs.frozen
class Judged:
    example: Example
    #: The rules of the evaluated policy that fired.
    found: frozenset[str]
    action: str

    @property
    def right(self) -> bool:
        """Clean and not flagged, or flagged with at least one expected rule."""
        if self.example.is_clean:
            return not self.found
        return bool(self.found & self.example.rules)


def as_message(example: Example, index: int) -> Message:
    chat = ChatRef(PLATFORM, example.chat, example.chat)
    sender = MemberRef(PLATFORM, example.sender.lower(), example.sender)
    return Message(ref=MessageRef(chat, example.id, sender), sender=sender, text=example.text,
                   time=example.time or _START + index * DEFAULT_SPACING,
                   links=find_links(example.text))


async def judge_examples(engine: Engine, examples: Iterable[Example],
                         rule_ids: Iterable[str]) -> list[Judged]:
    """Run each example through the engine (started offline) and keep the policy's rules."""
    mine = frozenset(rule_ids)
    out: list[Judged] = []
    for index, example in enumerate(examples):
        decision = (await engine.on_message(as_message(example, index))).decision
        found = frozenset(r for r in decision.rule_ids if r in mine)
        out.append(Judged(example, found, decision.action if found else "none"))
    return out


@attrs.frozen
class RuleScore:
    rule: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float | None:
        fired = self.true_positives + self.false_positives
        return self.true_positives / fired if fired else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else None


@attrs.frozen
class Score:
    rules: tuple[RuleScore, ...]
    #: Messages flagged, and of those, flagged with an expected rule.
    flagged: int
    flagged_right: int
    breaches: int
    breaches_caught: int
    clean: int
    clean_flagged: int
    #: (expected rule, rule given instead) → count, for breaches caught under another rule.
    confusions: tuple[tuple[str, str, int], ...]
    misses: tuple[Judged, ...]
    false_alarms: tuple[Judged, ...]

    @property
    def precision(self) -> float | None:
        return self.flagged_right / self.flagged if self.flagged else None

    @property
    def recall(self) -> float | None:
        return self.breaches_caught / self.breaches if self.breaches else None

    @property
    def clean_flagged_rate(self) -> float | None:
        return self.clean_flagged / self.clean if self.clean else None


def score(judged: Sequence[Judged], rule_ids: Iterable[str]) -> Score:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    for item in judged:
        expected = item.example.rules
        for rule in item.found:
            (tp if rule in expected else fp)[rule] += 1
        for rule in expected - item.found:
            fn[rule] += 1
            for other in item.found - expected:
                confusions[(rule, other)] += 1
    names = sorted(set(rule_ids) | set(tp) | set(fp) | set(fn))
    breaches = [j for j in judged if not j.example.is_clean]
    clean = [j for j in judged if j.example.is_clean]
    flagged = [j for j in judged if j.found]
    return Score(
        rules=tuple(RuleScore(r, tp[r], fp[r], fn[r]) for r in names),
        flagged=len(flagged), flagged_right=sum(1 for j in flagged if j.right),
        breaches=len(breaches), breaches_caught=sum(1 for j in breaches if j.right),
        clean=len(clean), clean_flagged=sum(1 for j in clean if j.found),
        confusions=tuple((a, b, n) for (a, b), n in confusions.most_common()),
        misses=tuple(j for j in breaches if not j.found),
        false_alarms=tuple(j for j in clean if j.found),
    )
