"""The ladder acts only on sure verdicts; unsure ones go to moderators and nothing else."""

from __future__ import annotations

import civility.plugins.iqra as iqra
from civility import _ladder
from civility.config import School
from civility.context import PolicyContext
from civility.testing import judge, make_message
from civility.verdicts import Severity, Step, Verdict


def _decide(*verdicts: Verdict, points: float = 0.0):  # type: ignore[no-untyped-def]
    msg = make_message("x")
    ctx = PolicyContext(school=School(name="Iqra"), chat=msg.chat, points=points)
    return _ladder.civility_decide(message=msg, verdicts=list(verdicts), context=ctx)


def _v(severity: Severity, confidence: float, rule: str = "r") -> Verdict:
    return Verdict(rule, "clause", severity, confidence)


def test_unsure_verdict_only_asks_moderators() -> None:
    d = _decide(_v(Severity.SEVERE, 0.4))
    assert d.steps == (Step.REVIEW,) and not d.pending
    assert d.points_after == d.points_before == 0.0


def test_unsure_verdict_beside_a_sure_one_is_still_reviewed_but_adds_nothing() -> None:
    d = _decide(_v(Severity.LOW, 0.9, "a"), _v(Severity.SEVERE, 0.3, "b"))
    assert Step.REVIEW in d.steps
    assert Step.REMOVE not in d.pending and Step.REPORT_INCIDENT not in d.pending
    assert d.points_after == int(Severity.LOW)


def _decide_text(text: str):  # type: ignore[no-untyped-def]
    return _decide(*judge(iqra, text))


def test_advice_about_parents_is_not_escalated_as_a_threat() -> None:
    # The walkthrough false positive: "sort him out" is on the kit's threat list.
    for text in ("his parents should sort him out",
                 "The boy in 3B keeps pushing the little ones, his parents should sort him out"):
        verdicts = judge(iqra, text)
        assert all(v.severity is not Severity.SEVERE for v in verdicts), text
        d = _decide(*verdicts)
        assert Step.REPORT_INCIDENT not in d.steps + d.pending


def test_a_real_threat_is_severe_and_goes_to_moderators_at_once() -> None:
    d = _decide_text("if that boy goes near my son again I'll be waiting at the gate for his dad")
    assert d.top_verdict is not None and d.top_verdict.severity is Severity.SEVERE
    assert Step.PROPOSE_REMOVAL in d.steps and Step.REPORT_INCIDENT in d.pending


def test_confidence_is_the_models_probability_and_evidence_reads_as_words() -> None:
    [v] = [v for v in judge(iqra, "Mrs Khan has completely lost control of her class")
           if v.rule_id == "iqra.grievance"]
    model = next(e for e in v.evidence if e.detector == "model:iqra.grievance")
    assert "member of staff" in model.detail and f"{v.confidence:.2f}" in model.detail
    assert model.match and model.match != "overall wording"
