"""The misinformation kinds the fourth blind writer's batches (fresh_r22-r23) showed the rules
missing or wrongly flagging, in sentences of their own (never the batches' lines).

Wrongly flagged: the poster's own doubt about their own child ("my son has a bug I think"), a
police appeal with its number or reference, a page the poster checked and found nothing on, a
rule said to stay ("not banned", "still allowed"), a class starting a new term. Missed: a
closure or a cancellation caused by a danger or by a failed inspection, a licence lost, a
downgrade kept quiet, staff leaving en masse, a service closed down or removed over a complaint
or a funding cut, riots or marches planned, an outbreak told with its deaths or its count in
hospital, a medicine said proven harmful, lead in the school's taps, new rules on tests,
results and places, children taken, "schools" (plural) closing, the month May read as "may" the
maybe (also "moving to May"), food served raw or with glass in it, a vaccine scare,
safeguarding failed, admissions rigged, a benefit said to be cut as a penalty, sweets offered
by a stranger, a named online challenge, what a relative saw ("my sister saw one"), a bare
"police confirmed" after hearsay, and "only on the app" read as a source. The rules alone are
asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import RUMOUR, rules


@pytest.mark.parametrize(
    "text",
    [
        # a closure or a cancellation caused by a danger, or by a failed inspection
        "Sports day is cancelled because of a bomb threat, the caretaker told the mums",
        "The leavers disco is called off because of a terror threat against the town",
        "The swimming trips are cancelled because the pool failed its inspection",
        # a licence lost
        "The nursery lost its licence, it's closing next week",
        # a downgrade kept quiet
        "Ofsted has downgraded the juniors and they're hiding the report until after open day",
        "The nursery has been downgraded to requires improvement, the head is keeping it quiet",
        # staff leaving en masse
        "Half the Year 4 teachers have all resigned because of how the deputy treats them",
        "The reception staff handed in their notice, they're all going at Easter",
        # closed down or removed over a complaint or a cut
        "The breakfast club is being closed down after complaints from the neighbours",
        "The school library is being removed next term because the trust cut funding",
        "The lollipop lady is being removed at Christmas, the council lost the funding",
        # unrest planned
        "There are riots planned outside the mosque on Saturday, keep your kids in",
        "Far right lot are marching past the school gates at pick up, keep the kids off school",
        # an outbreak told with its deaths or its count in hospital
        "Measles has killed a child in Reading and there are 9 cases at the primary already",
        "Norovirus at the juniors, 15 in hospital after lunch yesterday",
        "Meningitis at the high school, two pupils in intensive care",
        # a medicine said proven harmful, a recall passed on, lead in the taps
        "Ibuprofen gives kids kidney damage, it's been proven now, don't give it them",
        "Calpol has been recalled because a batch had glass in it, throw yours away",
        "The drinking fountains in the hall have lead in them, don't let your kids drink there",
        # new rules on tests, results and places
        "Any child who fails the times tables check will be held back a year, new rules from the DfE",
        "The 11 plus results will now decide who gets a school place, the council said",
        "GCSE results are delayed by a month because the exam board was hacked",
        "The government is making all pupils carry ID cards in school from September, it's the new rules",
        "Because of the budget cuts our school has to take 60 extra pupils, classes of 38",
        # a benefit said to be cut as a penalty; sweets from a stranger; a named online challenge
        "Universal credit will be cut for parents whose kids get excluded, it's the new rules",
        "A man in a grey hoodie is offering kids sweets outside the juniors, keep yours close",
        "Kids are doing the skull breaker challenge in the playground, two have been hurt",
        # food served raw or with glass in it, counted; a vaccine scare; safeguarding failed;
        # admissions rigged; holidays moved to May
        "The chicken nuggets at lunch were raw, half of Year 4 got sick",
        "There's glass in the school yoghurts, three kids cut their mouths",
        "Chickenpox parties are safer than the vaccine, the NHS is lying",
        "Ofsted are closing the nursery, it failed on safeguarding",
        "Admissions are rigged, the council gives places to governors' kids first",
        "Easter holidays are moving to May next year, the council decided",
        # children taken
        "Men in a silver car are taking teenage girls from outside the college, 2 missing already",
        # "May" the month; a relay; "schools" closing
        "The teachers are walking out for the whole of May, school will be shut every Friday",
        "School's closing at lunchtime on Thursday for a staff party, the TA told the kids",
        "All schools in the borough are closing on Monday for the heat, the council announced it",
        # a bare "police confirmed" after hearsay; the app as the change's place
        "Someone is leaving chalk marks on houses with kids, my sister saw one. Police confirmed it",
        "From January the school will set all homework only on the app and kids without a phone"
        " get detention",
    ],
)
def test_the_claim_is_caught(text: str) -> None:
    assert RUMOUR in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # a police appeal with its number or reference
        "Police have posted an appeal about a stolen bike near the school, call 101 quoting the"
        " crime reference",
        "Thames Valley Police posted on Facebook about a man acting oddly by the park, they ask"
        " anyone with dashcam to call 101",
        # a page the poster checked
        "Someone said the teachers are striking in June? I checked the union website, nothing announced",
        # a rule said to stay
        "Mrs Patel said at pickup that phones in bags are fine, not banned, just switched off",
        "Just to say, shop bought cakes are still allowed for birthdays, only homemade ones aren't",
        # results that set classes, old kit removed, a trip off for a broken coach
        "The results will now decide the sets for Year 8",
        "The old computers are being removed over half term, the new ones arrive in March",
        "The teacher told the class the trip is cancelled because the coach broke down",
        # the poster's own doubt about their own child
        "My son has a tummy bug I think, keeping him off",
        "I think my daughter has got chickenpox, keeping her home",
        # a shop's licence
        "The chip shop by the park lost its licence lol",
        # the school nurse's sweets; a question about challenges
        "The school nurse is offering kids sweets for being brave after the flu spray, so cute",
        "Which online challenges should I be worried about? Any good guides for parents?",
        # a new term starting
        "The madrassa starts a new term on Monday, please bring the fees in an envelope",
        # the poster's own family in hospital, or their own day in
        "My son was in A&E last night with an asthma attack, he's fine now thanks all",
        "I'll keep the kids in today, both have chickenpox",
        # removals and closures the school or the council announced
        "The old climbing frame is being removed in the holidays, a new one is coming, see the letter",
        "Schools close for Christmas on the 19th, the dates are on the council website",
        # May the month in a plan; a teacher telling the class
        "Sports day is on the 21st of May, fingers crossed for sun",
        "The teacher told the kids to bring wellies tomorrow for forest school",
        # staff news from the newsletter, a recall from the agency, an inspection passed
        "Two teachers handed in their notice because they're moving to Leeds, the school letter says",
        "The Food Standards Agency has recalled a batch of hummus, check the code on the pot",
        "The new climbing wall passed its safety inspection, the PTA says it opens next week",
    ],
)
def test_the_near_miss_is_no_rumour(text: str) -> None:
    assert RUMOUR not in rules(text)


def test_the_forwarded_police_appeal_is_no_rumour() -> None:
    text = "Police appeal: a car clipped a cyclist on Bath Road, anyone who saw it please ring 101"
    assert RUMOUR not in rules(text, forwarded=True)


@pytest.mark.parametrize(
    "text",
    [
        "The Christmas fair is c4ncelled because of a t3rror thr3at",
        "MEASLES HAS KILLED A CHILD IN READING AND THERE ARE 9 CASES AT THE PRIMARY",
        "the breakfast club is being cl0sed d0wn after complaints from the neighbours!!",
    ],
)
def test_the_evasion_is_caught(text: str) -> None:
    assert RUMOUR in rules(text)
