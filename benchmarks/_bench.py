"""What the latency benchmarks share: a policy that flags everything, and percentiles."""

from __future__ import annotations

from typing import Any

from civility.hookspecs import hookimpl
from civility.verdicts import Evidence, Severity, Verdict


class Everything:
    """Every message is a mild breach: delete + private nudge."""

    @hookimpl
    def on_message(self, message: Any, context: Any) -> list[Verdict]:
        return [Verdict("bench.mild", "be kind", Severity.MEDIUM, 1.0, (Evidence("w", "x"),))]


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]
