"""The kinds fresh_r13 and fresh_r14 showed the rules missing or wrongly flagging, in sentences
of their own (never the batches' lines): a settled change at the school told as fact, scares
stated as fact, closures in text-speak and romanised Punjabi, a household's whereabouts,
someone's intimate care or record, an address in a Punjabi sentence, a code "that came to
you", documents to a private mailbox and money-mule offers in Punjabi; and the near-misses
that share their words. The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import PERSONAL, RUMOUR, SCAM, rules


@pytest.mark.parametrize(("text", "rule"), [
    # a settled change at the school, told as plain fact
    ("The nursery is switching to term-time only from the spring, so no holiday club", RUMOUR),
    ("Every child must now be collected by a named adult, no older brothers or sisters", RUMOUR),
    ("The school allotment has been sold to the church next door", RUMOUR),
    ("It's all been signed off, the juniors move to the other site in September", RUMOUR),
    ("Swimming lessons are off this year, the pool hire costs too much", RUMOUR),
    ("The lollipop lady left and the council isn't replacing her", RUMOUR),
    ("Boys won't be allowed to wear shorts any more, even in summer", RUMOUR),
    ("The Year 5 camp is cancelled and the deposits won't be paid back", RUMOUR),
    # staff escorted out, a scare stated as fact
    ("The PE teacher was escorted out of the building on Tuesday", RUMOUR),
    ("The water in the school kitchen tested positive for legionella and they're still"
     " cooking with it", RUMOUR),
    ("Fire at the school over the weekend, the nursery block is gone", RUMOUR),
    ("The flu spray they give at school causes autism, look it up", RUMOUR),
    # closures in text-speak and romanised Punjabi
    ("no skool on mon cos the boiler's broke, pls share", RUMOUR),
    ("kal school nahi khulega, pani di pipe phat gayi", RUMOUR),
    ("sunya hai agle mahine school wale Saturday classes karan lagge ne, pakki khabar aa", RUMOUR),
    # someone else's household, care or record
    ("The Okafors are away for three weeks from Friday, nobody's at their place", PERSONAL),
    ("Mia gets the 7.40 bus on her own from the stop by the garage", PERSONAL),
    ("Kieran's mum does a night shift at the care home, the little ones are home with a"
     " neighbour", PERSONAL),
    ("Zara's parents leave her alone in the house till 7 when they both work", PERSONAL),
    ("Ollie is still in nappies at school, his mum told the whole class", PERSONAL),
    ("Mrs Dale is off because she's having chemo, please don't mention it", PERSONAL),
    ("Jack's uncle is on the sex offenders register, just so you know", PERSONAL),
    # an address in a romanised Punjabi sentence, someone's new whereabouts, a landline
    ("Harjit da ghar 14 Elm Grove te aa, SL2 1AB, ohna nu mil lo", PERSONAL),
    ("That family from the flats are now at SL1 4XY, the refuge near the park", PERSONAL),
    ("Their landline is 01753 123456 if you want to complain about their dog", PERSONAL),
    # a code "that came to you", documents to a private mailbox, money mules in Punjabi
    ("Hiya it's Dee from the PTA, a code has just come to you by mistake, can you send it to me",
     SCAM),
    ("Sorry, I put your number in for my account recovery, can you tell me the code it sent you",
     SCAM),
    ("Please email passport scans for the Spain trip to my gmail, not the school one", SCAM),
    ("koi apna account use karne de sakda? paise aunge te tusi 10% rakh lena", SCAM),
    ("apne account mein paise mangwa lo, phir aage transfer karna, 15% tumhara", SCAM),
])
def test_the_kind_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize("text", [
    # the same words, said of the poster's own life, asked, sourced or innocent
    "We're switching to packed lunches for our two, the dinners are too dear",
    "The newsletter says swimming is off this year while the pool is repaired",
    "Is it true the Year 5 camp is cancelled? I've paid my deposit",
    "The lollipop man is back from his holiday on Monday, lovely man",
    "My son is still in nappies at night and honestly that's fine at four",
    "I'm having chemo on Thursdays so my sister will do pick-ups, thank you all",
    "Our new house is 3 Birch Close, the party is there from 2pm on Saturday!",
    "My work email is the quickest way to reach me: dev@examplejoinery.co.uk",
    "School office landline is 01632 960000 if you need the caretaker",
    "My mum got a 'Hi Mum, new number' text and nearly sent money. Always ring the old number!",
    "We're away for two weeks from Saturday, could someone feed our cat?",
    "Please send the trip consent form back to the school office, not to me",
    "Fire drill at school this morning, the kids loved it",
    "kal school khulega, boiler theek ho gaya, fikar na karo",
])
def test_the_near_miss_stays_clean(text: str) -> None:
    assert rules(text) == set()


@pytest.mark.parametrize(("text", "rule"), [
    # evasions: spacing, case, look-alike letters, punctuation
    ("NO SKL 2MORO cos of da heating!! pls share", RUMOUR),
    ("The Patels are away for two weeks from Sunday... nobody's at their place", PERSONAL),
    ("a c0de has just come to you, can u send it to me pls", SCAM),
    ("apna account use karne do, aage transfer karna, 10% tumhara", SCAM),
])
def test_the_evasion_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)
