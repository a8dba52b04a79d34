"""Words a parent volunteer understands: moderator cards, notices and the incidents list."""

from __future__ import annotations

from civility.adapter import ReviewRequest
from civility.config import School
from civility.context import PolicyContext
from civility.events import ChatRef, MemberRef
from civility.notices import civility_notice
from civility.plugins.iqra import BY_ID
from civility.plugins.iqra.notices import word_notice
from civility.verdicts import Decision, Evidence, Rule, Severity, Step, Verdict

CHAT = ChatRef("console", "group", "Year 3 parents")
SWEAR = Verdict("iqra.offensive-language", "No swearing in the group.", Severity.MEDIUM, 0.9,
                (Evidence("wordlist:profanity", "f*cking", 17, 24, "feck*"),))
THREAT = Verdict("iqra.defamation", "No threats.", Severity.SEVERE, 0.95,
                 (Evidence("threat", "I will hurt you", 0, 15),))
CONTEXT = PolicyContext(school=School(contact_email="office@example.sch.uk"), chat=CHAT)


def card(decision: Decision) -> str:
    return ReviewRequest(incident_id=4, chat=CHAT, message=None,
                         member=MemberRef("console", "chris", "Chris"), excerpt="text",
                         decision=decision, reasons=tuple(v.explain() for v in decision.verdicts),
                         source="rule").render_text()


def test_cards_use_plain_words_not_step_ids_or_patterns():
    text = card(Decision(steps=(Step.DELETE, Step.CAUTION, Step.REVIEW, Step.PROPOSE_REMOVAL),
                         pending=(Step.REMOVE, Step.REPORT_INCIDENT), verdicts=(SWEAR, THREAT)))
    for technical in ("propose_removal", "report_incident", "feck*", "wordlist:", "17-24",
                      "iqra.", "(medium, 90%)"):
        assert technical not in text
    assert "Done: message deleted, formal caution, asked to remove the member" in text
    assert "Waiting for you: remove from the group, incident report to the school" in text
    assert 'No swearing in the group. Found: "f*cking".' in text


def test_a_members_reason_stays_on_the_card():
    request = ReviewRequest(incident_id=5, chat=CHAT, message=None, member=None, excerpt="x",
                            decision=Decision(steps=(Step.REVIEW,)),
                            reasons=("reported by a member: unkind",), source="member")
    assert "Why: reported by a member: unkind" in request.render_text()


def test_an_escalated_notice_is_not_also_a_gentle_note():
    rule = BY_ID["iqra.offensive-language"]
    verdict = Verdict(rule.id, rule.clause, rule.severity, 0.9, (Evidence("w", "darn"),))
    for decision in (Decision(steps=(Step.NUDGE, Step.CAUTION)),
                     Decision(steps=(Step.DELETE, Step.CAUTION))):
        for text in (word_notice(verdict, rule, decision, CONTEXT),
                     civility_notice(verdict, rule, decision, CONTEXT)):
            assert "formal caution" in text and "gentle" not in text.lower()


def test_notices_cite_where_the_clause_sits():
    rule = BY_ID["iqra.abuse"]
    verdict = Verdict(rule.id, rule.clause, rule.severity, 0.9)
    text = word_notice(verdict, rule, Decision(steps=(Step.DELETE,)), CONTEXT)
    assert "(See Code of Conduct, bullet 2.)" in text


def test_the_default_notice_for_a_custom_policy_says_it_was_deleted_and_cites_the_clause():
    rule = Rule("myschool.swearing", "No swearing", "Keep language clean and kind.",
                "Code of conduct, bullet 2", Severity.MEDIUM,
                notice="Please keep language kind; concerns go to {concerns_route}.")
    verdict = Verdict(rule.id, rule.clause, rule.severity, 0.9)
    deleted = civility_notice(verdict, rule, Decision(steps=(Step.DELETE, Step.NUDGE)), CONTEXT)
    assert "Your message has been removed from the group." in deleted
    assert "Keep language clean and kind. (See Code of conduct, bullet 2.)" in deleted
    assert "Please keep language kind" in deleted and "{" not in deleted
    kept = civility_notice(verdict, rule, Decision(steps=(Step.NUDGE,)), CONTEXT)
    assert "removed" not in kept and "gentle note" in kept
