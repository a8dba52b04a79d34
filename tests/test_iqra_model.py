"""The learned model: batch and single judging agree, the file round-trips, settings apply."""

from __future__ import annotations

import numpy as np
import pytest

import civility.plugins.iqra as iqra
from civility.config import School
from civility.context import PolicyContext
from civility.detectors.model import HashedModel, hash_features
from civility.plugins.iqra.learned import IqraModel
from civility.testing import judge, make_message
from civility.verdicts import Severity

TEXTS = [
    "Mrs Khan has completely lost control of her class",
    "Eid Mubarak everyone 🌙",
    "",
    "Sign the petition https://www.change.org/p/stop-the-bypass",
    "the weather is awful today, bring a coat",
    "Those families never mix with anyone",
    "ok",
]


def test_judge_many_gives_the_same_verdicts_as_one_at_a_time() -> None:
    msgs = [make_message(t) for t in TEXTS]
    ctx = PolicyContext(school=School(name="Iqra"), chat=msgs[0].chat)
    one = [iqra.on_message(message=m, context=ctx) for m in msgs]
    assert iqra.judge_many(msgs, ctx) == one
    assert any(one) and not all(one)


def test_model_file_round_trips_and_batch_scores_match() -> None:
    model = IqraModel.default().model
    again = HashedModel.from_bytes(model.to_bytes())
    assert again.labels == model.labels and np.array_equal(again.weights, model.weights)
    rows = [hash_features(["w:lost", "w:control", "k:negative"], model.bits),
            hash_features([], model.bits), hash_features(["w:eid"], model.bits)]
    batch = model.proba_many(rows)
    for i, r in enumerate(rows):
        assert np.allclose(batch[i], model.proba(r), atol=1e-5)


def test_probabilities_are_calibrated_numbers_and_model_threshold_applies() -> None:
    text = "Mrs Khan has completely lost control of her class"
    [v] = judge(iqra, text)
    assert 0.0 <= v.confidence <= 1.0
    assert judge(iqra, text, settings={"iqra": {"model_threshold": 1.0}}) == []


def test_model_off_falls_back_to_the_word_lists() -> None:
    assert {v.rule_id for v in judge(iqra, "you are a complete m0ron",
                                     settings={"iqra": {"model": False}})} == {"iqra.abuse"}
    assert judge(iqra, "Mrs Khan has completely lost control of her class",
                 settings={"iqra": {"model": False}}) == []


ORDINARY = [
    "pass this on: school is closed tomorrow, the boiler broke",  # was flagged as disrepute
    "Forwarded: Dear parents, due to a boiler failure the school will be closed tomorrow.",
    "there's a sickness bug doing the rounds, half the class is off",
    "the traffic on the A4 is murder this morning",
    "the weather is killing me today",
]


def test_ordinary_news_illness_weather_and_traffic_stay_clean() -> None:
    for text in ORDINARY:
        assert judge(iqra, text) == [], text


def test_the_issues_kinds_of_breach_are_read_and_a_non_threat_is_not_severe() -> None:
    def found(text: str) -> dict[str, Severity]:
        return {v.rule_id: v.severity for v in judge(iqra, text)}

    assert "iqra.disrepute" in found("this school only cares about its rating, not our children")
    gate = found("if that boy goes near my son again I'll be waiting at the gate")
    assert gate.get("iqra.defamation") is Severity.SEVERE
    sort_out = found("that boy in 3B keeps pushing the little ones, his parents should sort "
                     "him out")
    assert Severity.SEVERE not in sort_out.values()


#: Round three's kinds, in words of their own (not lines of the corpus): a community that is
#: only "those families", a savings committee, a named child's behaviour, an accusation.
NEW_KINDS = [
    ("those families never mix with anyone", "iqra.cultural-respect"),
    ("anyone want to join a committee, £50 a month", "iqra.solicitation"),
    ("Yusuf keeps hitting the other kids in the line", "iqra.individual-child"),
    ("Mrs Begum's husband was done for fraud you know", "iqra.defamation"),
]
#: The same words in innocent places stay clean.
SAME_WORDS_INNOCENT = [
    "the number 5 bus is always late in the rain",
    "my daughter only cares about her slime collection",
    "a lorry lost control on the roundabout, avoid the A4",
    "Zara was so lovely to my son at the party",
    "I'll wait at the gate with the umbrellas if it rains",
]


def test_round_three_kinds_are_read_and_the_same_words_in_innocent_places_are_not() -> None:
    for text, rule in NEW_KINDS:
        assert rule in {v.rule_id for v in judge(iqra, text)}, text
    for text in SAME_WORDS_INNOCENT:
        assert judge(iqra, text) == [], text



#: Round four's near-miss kinds, in words of their own (not lines of the corpus): the words of
#: its breach families (gate, committee, sort him out, Ofsted) in innocent places stay clean.
ROUND_FOUR_INNOCENT = [
    "the rain is lashing down at pick up",
    "see you at the gate at 3:15",
    "the PTA committee meets on Thursday",
    "my son is being cheeky, I'll sort him out",
    "the school got Good from Ofsted again, well done to the staff",
]


def test_round_four_words_in_innocent_places_stay_clean() -> None:
    for text in ROUND_FOUR_INNOCENT:
        assert judge(iqra, text) == [], text


#: The kinds a round-four candidate got wrong (it was not shipped), in words of their own:
#: a greeting or reply with "again", "useless" or "a joke" about a thing, innocent talk of
#: meeting at the gate or picking up, and an official-sounding scam (the safety policy's).
TOP_UP_INNOCENT = [
    "Morning again",
    "thanks again everyone, see you Friday",
    "the car park app is useless today",
    "the new ticket machine at the station is a joke",
    "I'll come and find you at the gate",
    "I'll pick him up and meet you by the gate",
    "wait for me outside the hall, I'll bring the tickets",
]


def test_innocent_again_useless_and_gate_talk_stay_clean_and_a_scam_is_not_solicitation() -> None:
    for text in TOP_UP_INNOCENT:
        assert judge(iqra, text) == [], text
    scam = "Your WhatsApp will be deactivated tonight, confirm your number at wa-support-check.net"
    assert "iqra.solicitation" not in {v.rule_id for v in judge(iqra, scam)}


def test_a_kit_finding_on_named_staff_stands_when_the_model_does_not_strongly_doubt_it() -> None:
    """The kit's grievance check (a named member of staff, "should be sacked") is kept as a
    finding for moderators when the model is unsure, not vetoed; unnamed, it is no grievance."""
    text = "honestly Okafor should be sacked, worst in the place"
    named = {"iqra": {"staff_names": ["Okafor"]}}
    assert "iqra.grievance" in {v.rule_id for v in judge(iqra, text, settings=named)}
    assert "iqra.grievance" not in {v.rule_id for v in judge(iqra, text)}


def _trainer():  # type: ignore[no-untyped-def]
    import importlib
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        return importlib.import_module("train_iqra_model")
    finally:
        sys.path.pop(0)


def test_the_kit_veto_is_the_lowest_probability_at_which_the_kit_is_precise() -> None:
    choose = _trainer().choose_veto
    p = np.array([0.01, 0.03, 0.3, 0.45, 0.6, 0.9, 0.95, 0.97, 0.98, 0.99, 0.99, 0.99])
    kit = np.ones(len(p), bool)
    right = np.ones(len(p), bool)
    assert choose(p, right, kit, 0.85) == 0.0  # a precise kit's findings stand
    wrong_low = right.copy()
    wrong_low[:2] = False  # the two the model doubts most are wrong
    assert choose(p, wrong_low, kit, 0.85) == 0.02  # 10 of the 11 at 0.02 or more are right
    assert choose(p, wrong_low, kit, 0.95) == 0.05
    assert choose(p, ~right, kit, 0.85) > 1.0  # never precise: "none"
    assert choose(p[:5], right[:5], kit[:5], 0.85) > 1.0  # too few findings to tell
    ceiled = _trainer().ceiled_veto
    assert (ceiled(0.5, 0.4), ceiled(0.2, 0.4), ceiled(0.5, None)) == (0.4, 0.2, 0.5)
    assert ceiled(1.01, 0.4) > 1.0  # a kit never precise keeps no veto


def test_a_rule_clean_cap_holds_back_only_the_rule_that_flags_clean_chat() -> None:
    """With a cheap wrong flag (a low mu) the joint choice lowers a noisy rule's threshold to
    catch its last breaches; a per-rule cap on the clean messages it flags keeps it up, and
    leaves the precise rule's threshold where it was."""
    joint = _trainer().joint_thresholds
    # 100 clean messages, 20 breaches of rule 0 and 20 of rule 1
    p = np.zeros((140, 2))
    y = np.zeros((140, 2), bool)
    p[:10, 0] = 0.6  # rule 0 is fairly sure of ten clean messages
    p[100:120, 0] = np.r_[np.full(15, 0.9), np.full(5, 0.6)]  # and of its breaches
    y[100:120, 0] = True
    p[120:, 1] = 0.8  # rule 1 is sure of its breaches only
    y[120:, 1] = True
    kit = np.zeros_like(y)
    veto = np.full(2, 1.01)
    start = np.full(2, 0.5)
    loose = joint(p, y, kit, veto, start.copy(), 0.1, 0.5)
    capped = joint(p, y, kit, veto, start.copy(), 0.1, 0.5, cap=0.05)
    assert loose[0] <= 0.6 < capped[0]  # ten clean flags (10%) are over a 5% cap
    assert loose[1] == capped[1] <= 0.8  # the precise rule is not held back


def test_a_cached_head_is_refitted_only_when_its_own_rows_or_c_change() -> None:
    """The trainer's cache keeps each head under what its fit depends on, so raising one public
    set's weight, or one head's C, refits only the heads that change and reuses the rest."""
    trainer = _trainer()
    from iqra_training_data import ALL, Row

    ruhsold = frozenset({"iqra.offensive-language"})

    def rows(ruhsold_weight: float) -> list[Row]:
        return [Row("the trip is on friday", frozenset(), ALL, 1.0, "f1"),
                Row("tum bewakoof ho", ruhsold, ruhsold, ruhsold_weight, "ruhsold-1")]

    sig = trainer.head_signature
    before, after = rows(0.35), rows(0.5)
    assert sig(before, "iqra.offensive-language", 4.0) != sig(after, "iqra.offensive-language", 4.0)
    assert sig(before, "iqra.grievance", 4.0) == sig(after, "iqra.grievance", 4.0)
    assert sig(before, "iqra.grievance", 4.0) != sig(before, "iqra.grievance", 1.0)
    cs = trainer.parse_head_cs(4.0, ["grievance=1", "iqra.abuse=2"])
    assert (cs["iqra.grievance"], cs["iqra.abuse"], cs["iqra.politics"]) == (1.0, 2.0, 4.0)
    with pytest.raises(ValueError, match="gripes"):
        trainer.parse_head_cs(4.0, ["gripes=1"])
    # a balanced head (the default) keeps the key it had before --head-balance existed
    offensive = "iqra.offensive-language"
    assert sig(before, offensive, 4.0, 1.0) == sig(before, offensive, 4.0)
    assert sig(before, offensive, 4.0, 0.5) != sig(before, offensive, 4.0)


def test_a_recall_floor_keeps_a_noisy_rules_threshold_from_rising_past_its_breaches() -> None:
    """A costly wrong flag (a high mu) raises a noisy rule's threshold until it catches almost
    nothing; a recall floor stops it where it still catches that share of its breaches out of
    fold, and leaves the precise rule alone."""
    joint = _trainer().joint_thresholds
    # 100 clean messages, 20 breaches of rule 0 and 20 of rule 1
    p = np.zeros((140, 2))
    y = np.zeros((140, 2), bool)
    p[:10, 0] = 0.7  # rule 0 is fairly sure of ten clean messages
    p[100:120, 0] = np.r_[np.full(5, 0.95), np.full(15, 0.7)]  # and of its breaches
    y[100:120, 0] = True
    p[120:, 1] = 0.8  # rule 1 is sure of its breaches only
    y[120:, 1] = True
    kit = np.zeros_like(y)
    veto = np.full(2, 1.01)
    start = np.full(2, 0.5)
    strict = joint(p, y, kit, veto, start.copy(), 10.0, 0.5)
    floored = joint(p, y, kit, veto, start.copy(), 10.0, 0.5, recall=np.array([0.5, 0.5]))
    assert strict[0] > 0.7  # ten wrong flags cost more than fifteen breaches caught
    assert floored[0] <= 0.7  # but then it would catch 5 of 20, under the floor of half
    assert strict[1] == floored[1] <= 0.8
    # a lowest threshold of its own for one rule, whose breaches all sit at 0.4
    p[100:120, 0] = 0.4
    assert joint(p, y, kit, veto, start.copy(), 0.1, 0.5)[0] > 0.4
    assert joint(p, y, kit, veto, start.copy(), 0.1, np.array([0.3, 0.5]))[0] == 0.4


def test_class_balance_and_per_rule_options_parse_and_weigh_as_documented() -> None:
    trainer = _trainer()
    y = np.array([True] + [False] * 9)
    assert trainer.class_weights(y, 1.0) == "balanced"
    flat = trainer.class_weights(y, 0.0)
    assert flat[True] == flat[False] == 1.0
    half = trainer.class_weights(y, 0.5)
    assert half[True] / half[False] == pytest.approx(3.0)  # (9 / 1) ** 0.5
    assert half[True] + 9 * half[False] == pytest.approx(10.0)  # mean weight per row is 1
    rules = trainer.RULES
    floors = trainer.parse_per_head(0.0, ["0.3", "grievance=0.5"], "--rule-recall-floor", rules,
                                    bare=True)
    assert (floors["iqra.grievance"], floors["iqra.abuse"]) == (0.5, 0.3)
    with pytest.raises(ValueError, match="--rule-floor offensive=x"):
        trainer.parse_per_head(0.5, ["offensive=x"], "--rule-floor", rules)
    with pytest.raises(ValueError, match=r"--rule-floor 0\.3"):
        trainer.parse_per_head(0.5, ["0.3"], "--rule-floor", rules)
