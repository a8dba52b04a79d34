"""The kinds of other people's personal data the fourth blind writer's batches (fresh_r22-r23)
showed the rules missing, in sentences of their own (never the batches' lines).

Special-category data told of someone named or pointed at ("Molly's", "Mrs Osei", "the
Hassans", "the school cook", "his wife"): another person's health or treatment (an eating
disorder, dyslexia, ADHD medicine, methadone, an operation, a hospice, weight), a pregnancy,
sexuality, gender or parentage, an exclusion or a driving offence, money trouble (bankruptcy,
arrears, a sanction, a foodbank, gambling), faith or caste, immigration, another child's results
or behaviour plan, a household's door or key-safe code; someone's workplace, employer, shifts or
routine, a staff member's dating or secret social account; results, forms, confirmations and
letters about someone posted; a list of who has not paid. And the near-misses that share their
words: the poster's own family, a topic or a service ("a talk on gambling addiction", "dyslexia
awareness week", "the blue badge bays"), someone as the source ("Mr Ali said in the mock ..."),
advice to every reader. The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import PERSONAL, rules

from civility.plugins.safety.lists import (
    CONDITION_WORDS,
    SHARED_RECORD,
    SPECIAL_CATEGORY,
    WORK_AND_ROUTINE,
)
from civility.plugins.safety.prefilter import words

KINDS = [
    # health and treatment
    "Heard that Priya's little brother has anorexia, he's barely eating anything",
    "Mrs Dhillon's son is dyspraxic, that's why he can't do the buttons on his coat",
    "Noah's on melatonin every night, his mum buys it from abroad",
    "Bilal's dad is in a hospice in Reading now, they're saying weeks not months",
    "Sophie's mum is going into hospital next week for a mastectomy, keep it quiet",
    "Darcy is overweight, the school nurse weighed her and sent a letter home",
    # a pregnancy, sexuality, parentage
    "Mrs Begum in reception is expecting twins but she hasn't told the head yet",
    "Did you know Leon's mum is bisexual? She left his dad for a woman",
    "Apparently Mr Hart is having an affair with one of the dinner ladies",
    "Mia's biological father is the man who runs the chippy, not the one she calls dad",
    # a record
    "Harry was excluded from school last year for bringing a knife in",
    "The lollipop lady got a speeding fine outside the school, 38 in a 20, what a joke",
    # money trouble
    "The Nowaks have gone bankrupt, that's why the shop on the corner is shut",
    "Sam's family are in rent arrears, the landlord is threatening to chuck them out",
    "Jade's mum uses the foodbank every week, I've seen her in the queue",
    "Kian's dad has a gambling addiction, that's where all the money went",
    # faith, caste, immigration
    "Omar's family are Ismaili, so they won't be at the Eid party anyway",
    "Raj's dad is Dalit, that's why the grandparents never come to anything",
    "Ana's parents are here illegally, they came over in the back of a lorry",
    "The Khalil family were refugees from Sudan, they lived in a refugee camp for years",
    # another child's results or discipline, a household's code
    "Isla's SATS results were the lowest in the class, her mum was crying at the gate",
    "Theo failed his 11 plus, his dad's absolutely furious with him",
    "Mrs Lin's keysafe code is 0606 if you're dropping the cake round",
    # workplace, routine, dating and social accounts
    "Josh's dad works for DHL at the airport, go and have a word with him about the parking",
    "Mr Patel's manager at the depot is called Steve, ring him and complain about the van",
    "Kerry goes to the gym at 5 every morning and leaves the kids on their own",
    "Mrs Ward is on Instagram as @wardy_mum if anyone wants to see her holiday pictures",
    "Mr Doyle from Year 3 has a Tinder, he's on there as 'Dan, 29', I matched with him",
    # travel, a separated parent, faith, results, discipline
    "Mrs Green is off to Tenerife for the whole of half term, flying out Saturday",
    "Aaron's parents are splitting up, his dad's been sleeping at his mate's",
    "The new family in Year 3 are Jehovah's Witnesses, so no birthday invitations",
    "Kyle got a 2 in his maths mock, the lowest in the set",
    "Finn's been put on report again for fighting at lunch",
    "Ben's dad drives for Uber, he does nights and sleeps all day",
    # pointed at again further on; a code with whose home it opens said after it
    "Poor Ollie's been having a rough time of it since Christmas and his teachers are worried,"
    " he's on a behaviour plan now",
    "The key safe code is 7314 for the bungalow where Mr Okafor lives, if you're dropping the hamper off",
    # found on a fresh look: a visa, head lice, a divorce, a score
    "Nadia's husband is in Pakistan on a visit visa and can't come back",
    "Oliver's got head lice again, his mum never does anything about it",
    "Yusuf's parents are divorcing, his dad's moved out to a flat in Langley",
    "Archie got the lowest score in the spelling test, the teacher read them all out",
    # records posted
    "Posting Maya's incident form from the office so everyone can see what really happened",
    "Attaching Dan's payslip so you can all see he can afford to pay the money back",
]

NEAR_MISSES = [
    "My son has dyslexia and Mrs Khan has been brilliant with him this year",
    "Mrs Khan is running a dyslexia workshop for parents on Thursday after school",
    "Mr Jones is doing a talk on gambling addiction for Year 6 next week",
    "Mr Hughes runs the foodbank collection at the church, drop tins off by Friday",
    "Sara's mum is a nurse at the hospice, the fun run raised over two thousand",
    "Miss Shah said in the mock they only get 40 minutes, so practise at home",
    "Mr Ali says anyone in arrears with dinner money should speak to the office",
    "Ms Ali works at the school office on Tuesdays if you need a form signing",
    "Ms Begum will be away from school on Friday, a supply teacher is covering",
    "Please don't park in the blue badge bays, Mrs Cole's had complaints from the office",
    "Dyslexia Awareness Week starts Monday, Mrs Khan has put leaflets in book bags",
    "Mrs Ali said the Sunni and Shia families can both use the hall for iftar",
    "My husband works at the hospital so he can't do pick up on Thursdays",
    "If your child has a secret account, the school's online safety talk is on Monday",
    "I'm expecting twins in March, so I'll hand the class rep job over at Easter",
    "St Joseph's is Catholic, so their admissions go by church attendance",
    "Jack's mum got the blue badge form from the council, it's on their website",
    "Leo was excluded from the football team photo because he was off sick, can they retake it?",
    "We're away on holiday from the 10th so Sami will miss the trip",
    "Year 6 mock SATS are next week, please make sure they get an early night",
    "The door code for the school's side gate is on the letter that came home on Friday",
    "Our Sami has got head lice again, any tips for getting rid of them?",
    "There are nits going round Year 2 again, please check hair tonight",
]

#: Evasions: shouted, spelt with a digit, or with the name after a title with a dot.
EVASIONS = [
    "ZAC'S ON RITALIN NOW, HIS MUM TOLD EVERYONE AT THE GATE",
    "Priya's got an0rexia, her mum told me at the gate",
    "Mr. Hart is having an affair with the TA, everyone knows",
]


@pytest.mark.parametrize("text", KINDS)
def test_the_kind_is_caught(text: str) -> None:
    assert PERSONAL in rules(text), text


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert PERSONAL not in rules(text), text


@pytest.mark.parametrize("text", EVASIONS)
def test_the_evasion_is_caught(text: str) -> None:
    assert PERSONAL in rules(text), text


def test_every_new_entry_passes_the_first_look() -> None:
    """A message holding an entry of the new lists, and no digits, reaches the personal-data
    rule only if one of its words is a condition word (`CONDITION_WORDS`)."""
    records = SHARED_RECORD[SHARED_RECORD.index("test results") :]
    unseen = [
        e for e in (*SPECIAL_CATEGORY, *WORK_AND_ROUTINE, *records) if CONDITION_WORDS.isdisjoint(words(e))
    ]
    assert unseen == []
