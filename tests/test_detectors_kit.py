"""The reusable detector kit: normalisation, word lists, domains, e-mail quotes, targets."""

from __future__ import annotations

import pytest

from civility.detectors.domains import DomainCategory, classify_domain
from civility.detectors.email import find_email_quote, mentions_email
from civility.detectors.normalise import normalise
from civility.detectors.scorer import Scorer
from civility.detectors.signals import shouting
from civility.detectors.targets import find_targets
from civility.detectors.wordlist import Lexicon, WordList

SWEARS = WordList.from_words("swear", ["fuck*", "shit", "ass", "piss off"])


@pytest.mark.parametrize("text", [
    "fuck", "f u c k", "f.u.c.k", "fμck", "ｆｕｃｋ", "fück", "f\u200buck", "fuuuuuck", "f*ck",
    "FUCKING", "sh1t", "$hit", "s-h-i-t", "@ss", "piss   off", "p!ss off",
])
def test_evasions_are_undone(text: str) -> None:
    assert SWEARS.find(normalise(text)), text


@pytest.mark.parametrize("text", [
    "killing it at times tables", "Scunthorpe", "class assessment", "as I said", "passing",
    "3 for 2", "shitake mushrooms", "hello!!", "Year 4 at 4pm",
])
def test_whole_words_only(text: str) -> None:
    assert not SWEARS.find(normalise(text)), text


def test_evidence_points_at_the_original_text() -> None:
    text = "oh ｓｈｉｔ no"
    [ev] = SWEARS.find(normalise(text))
    assert text[ev.start:ev.end] == "ｓｈｉｔ" == ev.match


def test_lexicon_reports_each_list() -> None:
    lex = Lexicon.from_lists({"a": ["idiot"], "b": ["say that to my face"]})
    found = lex.lookup(normalise("You IDIOT, say that to my face"))
    assert found.has("a") and found.has("b")
    assert found.evidence("b")[0].match == "say that to my face"


@pytest.mark.parametrize(("url", "category"), [
    ("https://www.timestables.co.uk", DomainCategory.EDUCATION),
    ("https://www.slough.gov.uk/admissions", DomainCategory.COUNCIL),
    ("https://iqra.slough.sch.uk/news", DomainCategory.SCHOOL),
    ("https://www.tiktok.com/@x", DomainCategory.SOCIAL),
    ("bit.ly/abc", DomainCategory.SHORTENER),
    ("https://www.change.org/p/x", DomainCategory.PETITION),
    ("https://petition.parliament.uk/petitions/1", DomainCategory.PETITION),
    ("https://www.gofundme.com/f/x", DomainCategory.FUNDRAISER),
    ("https://cheapshoes-shop.example.com", DomainCategory.SHOP),
    ("https://example.com/item?tag=abc-21", DomainCategory.AFFILIATE),
    ("https://www.bbc.co.uk/bitesize/topics", DomainCategory.EDUCATION),
])
def test_classify_domain(url: str, category: DomainCategory) -> None:
    assert classify_domain(url) is category


def test_school_allow_list_wins() -> None:
    assert classify_domain("https://ourclub.example.org", allowed=["ourclub.example.org"]) \
        is DomainCategory.SCHOOL


def test_email_headers_and_mentions() -> None:
    assert find_email_quote("From: Mrs A\nSent: Monday\nTo: me\nSubject: Trip")
    assert find_email_quote("On 3 Feb 2026, Mr B <b@school.org> wrote:\n> hello")
    assert not find_email_quote("Time: 3pm. Place: the hall")
    assert mentions_email("Screenshot of the email the head sent me, look everyone")
    assert not mentions_email("Did everyone get the email about the trip?")


def test_targets() -> None:
    kinds = {t.kind for t in find_targets("Mrs Khan and his mum argued about that boy in Year 2")}
    assert kinds == {"staff", "parent", "child"}
    assert find_targets("Aisha was great", child_names=["Aisha"])[0].kind == "child"
    assert not find_targets("Lovely weather for the trip")


def test_shouting() -> None:
    assert shouting("WHY DOES NOBODY EVER ANSWER ME")
    assert shouting("seriously!!!")
    assert not shouting("PE on Monday")
    assert not shouting("Thanks, see you tomorrow")


def test_scorer_separates_abuse_from_school_chat() -> None:
    scorer = Scorer.default()
    assert scorer.score("you are a stupid idiot shut up") > 0.7
    assert scorer.score("the trip to the museum is on Friday") < 0.5
    assert scorer.explain("you stupid idiot").detector == "abuse-model"
