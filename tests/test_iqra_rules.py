"""The Iqra policy: every rule with positives, near-misses that stay clean, and evasions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import civility.plugins.iqra as iqra
from civility.config import School
from civility.context import PolicyContext, RecentPost
from civility.events import Attachment, AttachmentKind
from civility.testing import judge, make_member, make_message
from civility.verdicts import Decision, Severity, Step


def rules(text: str, **kw: object) -> set[str]:
    return {v.rule_id for v in judge(iqra, text, **kw)}  # type: ignore[arg-type]


POSITIVE = [
    ("iqra.offensive-language", "What a load of bollocks from the office"),
    ("iqra.offensive-language", "f u c k this, nobody replies"),
    ("iqra.offensive-language", "ｆｕｃｋｉｎｇ ridiculous"),
    ("iqra.offensive-language", "fμck me, that was a long day"),
    ("iqra.offensive-language", "bulls#it but ok, sh1t happens"),
    ("iqra.offensive-language", "shiiiiiit I forgot"),
    ("iqra.abuse", "you are a complete m0ron"),
    ("iqra.abuse", "Nobody asked you, shut up"),
    ("iqra.abuse", "tu jahil aurat hai, chup kar"),
    ("iqra.abuse", "you're so pathetic honestly"),
    ("iqra.grievance", "Miss Begum can't teach, my son is bored"),
    ("iqra.grievance", "The office staff are so rude, every time"),
    ("iqra.disrepute", "This school is a shambles, an embarrassment"),
    ("iqra.defamation", "I know where you live, watch your back"),
    ("iqra.defamation", "The head is pocketing the trip money"),
    ("iqra.policy-challenge", "The new uniform policy is ridiculous, let's all ignore it"),
    ("iqra.individual-child", "Did you hear Bilal in Year 4 was excluded?"),
    ("iqra.politics", "Vote Reform next week, the Tories ruined everything"),
    ("iqra.cultural-respect", "Those Romanian families are all thieves"),
    ("iqra.private-email", "From: Miss Ali\nTo: me\nSubject: Reading\nHi, just to say"),
    ("iqra.private-email", "Here's the email Mrs Khan sent me, judge for yourselves"),
    ("iqra.solicitation", "Selling Avon, message me for prices"),
    ("iqra.solicitation", "Please donate https://www.gofundme.com/f/my-car"),
    ("iqra.solicitation", "Sign the petition to stop the new road"),
    ("iqra.off-topic-link", "lol look at this https://www.instagram.com/reel/abc"),
    ("iqra.off-topic-link", "Great deals on trainers https://amzn.to/3xYz"),
]

NEAR_MISSES = [
    "My daughter is killing it at times tables!",
    "The suspense about the trip date is killing me",
    "Scunthorpe relatives are visiting this weekend",
    "The class assessment results come out on Monday",
    "Mrs Siddiqui's phonics workshop was so helpful",
    "What is the policy on bringing scooters to school?",
    "PTA cake sale after school, money goes to the library",
    "Please vote for our class in the school council election",
    "Did everyone get the email about the trip?",
    "Worst weather for sports day, hope it clears up",
    "Someone took my son's coat by mistake, it has his name in it",
    "Spelling list: https://www.spellingshed.com",
    "Admissions deadline https://www.slough.gov.uk/admissions",
    "Kal school band hai ya khula? Koi bata sakta hai",
    "Eid Mubarak everyone 🌙",
    "He smashed his swimming badge, so proud",
    "3 for 2 on Year 4 worksheets? No, that was the book fair",
]


@pytest.mark.parametrize(("rule", "text"), POSITIVE)
def test_breaches_are_found(rule: str, text: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_stay_clean(text: str) -> None:
    assert rules(text) == set()


def test_catalogue_is_complete_and_has_clauses() -> None:
    ids = {r.id for r in iqra.civility_rules()}
    assert ids == {
        "iqra.grievance", "iqra.abuse", "iqra.offensive-language", "iqra.disrepute",
        "iqra.defamation", "iqra.policy-challenge", "iqra.individual-child", "iqra.politics",
        "iqra.cultural-respect", "iqra.private-email", "iqra.solicitation",
        "iqra.off-topic-link", "iqra.private-conversation"}
    for rule in iqra.civility_rules():
        assert rule.clause and rule.clause_ref and rule.notice


def test_threats_are_severe_and_carry_evidence() -> None:
    [v] = [v for v in judge(iqra, "Say that to my face and see what happens")
           if v.rule_id == "iqra.defamation"]
    assert v.severity is Severity.SEVERE and v.confidence >= 0.6
    assert v.evidence[0].match.lower().startswith("say that to my face")


def test_configured_names_are_used() -> None:
    text = "Zainab got sent home again"
    assert "iqra.individual-child" in rules(text, settings={"iqra": {"child_names": ["Zainab"]}})


def _recent(pattern: str, now: dt.datetime) -> list[RecentPost]:
    people = {"a": make_member("Parent A"), "b": make_member("Parent B"),
              "c": make_member("Parent C")}
    return [RecentPost(people[p], now - dt.timedelta(minutes=len(pattern) - i))
            for i, p in enumerate(pattern)]


@pytest.mark.parametrize(("history", "flagged"), [
    ("ababa", True), ("abcba", False), ("aaaaa", False), ("abab", False)])
def test_private_conversation(history: str, flagged: bool) -> None:
    now = dt.datetime.now(dt.UTC)
    msg = make_message("ok see you then", sender="Parent B", time=now)
    assert ("iqra.private-conversation" in rules(msg, recent=_recent(history, now))) is flagged


def test_notice_is_kind_specific_and_uses_config() -> None:
    [v] = judge(iqra, "Mr Rahman is hopeless")
    school = School(name="Iqra", contact_email="office@example.org",
                    concerns_route="the class teacher")
    ctx = PolicyContext(school=school, chat=make_message("x").chat)
    text = iqra.civility_notice(verdict=v, rule=None, decision=Decision(steps=(Step.DELETE,)),
                                context=ctx)
    assert text and "removed" in text and "office@example.org" in text
    assert "the class teacher" in text
    no_mail = PolicyContext(school=School(name="Iqra"), chat=ctx.chat)
    assert "()" not in (iqra.civility_notice(verdict=v, rule=None, decision=Decision(),
                                             context=no_mail) or "")
    other = v.__class__("other.rule", "c", Severity.LOW, 0.9)
    assert iqra.civility_notice(verdict=other, rule=None, decision=Decision(), context=ctx) \
        is None


def test_image_without_ocr_does_not_break() -> None:
    img = Attachment(AttachmentKind.IMAGE, caption="", data=b"\x89PNG not really")
    assert isinstance(judge(iqra, make_message("", attachments=[img])), list)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_only_catalogue_ids(text: str) -> None:
    for v in judge(iqra, text):
        assert v.rule_id in iqra.RULE_IDS


def test_the_catalogue_and_simple_rules_come_from_the_policy_file() -> None:
    from pathlib import Path

    from civility.plugins.iqra import patterns
    from civility.plugins.iqra.rules import DOCUMENT
    from civility.policy_file import KIT_LISTS, PolicyFileError, read_policy

    path = Path(iqra.__file__).with_name("iqra.toml")
    assert DOCUMENT.source == str(path)
    assert tuple(r.rule for r in DOCUMENT.rules) == iqra.RULES
    declared = {r.rule.id for r in DOCUMENT.rules if r.detects}
    assert declared == {"iqra.grievance", "iqra.policy-challenge", "iqra.politics",
                        "iqra.cultural-respect"}
    # One combination of the kit's lists serves policy files and the Iqra lexicon.
    for name, kit in patterns.KIT_NAMES.items():
        assert patterns.LISTS[name] is KIT_LISTS[kit]
    # The same machinery a school's file goes through: alone, its code rules are refused.
    with pytest.raises(PolicyFileError, match='detect = "code"'):
        read_policy(path)


@pytest.mark.parametrize(("text", "rule", "confidence"), [
    ("Vote Reform at the election on Thursday, everyone", "iqra.politics", 0.8),
    ("don't forget to vote in the council election", "iqra.politics", 0.65),
    ("Mrs Khan is useless and never listens", "iqra.grievance", 0.8),
    ("the new uniform policy is a joke, let's all refuse", "iqra.policy-challenge", 0.75),
])
def test_declared_rules_judge_as_before(text: str, rule: str, confidence: float) -> None:
    from civility.plugins.iqra.learned import analyse

    kit = {v.rule_id: v for v in analyse(make_message(text), {}).kit}
    assert kit[rule].confidence == confidence
    assert kit[rule].clause == iqra.BY_ID[rule].clause and kit[rule].evidence
