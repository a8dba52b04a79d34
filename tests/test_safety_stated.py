"""Claims told as plain fact, other people's private lives, and the scams of fresh_r12's kinds:
positives, near-misses that stay clean, and evasions. The rules alone are asked (``model =
false``), so each case is the rules' own answer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import PERSONAL, RUMOUR, SCAM, rules


@pytest.mark.parametrize(("text", "rule"), [
    # a settled change at the school, told as fact with no source
    ("Packed lunches are banned from after half term, it's school dinners or nothing", RUMOUR),
    ("Year 2 phonics screening is cancelled this year", RUMOUR),
    ("The Year 4 trip is cancelled, no refund for anyone", RUMOUR),
    ("Breakfast club closes for good when we break up for Christmas", RUMOUR),
    ("Any child without the new logo jumper will be sent home from January", RUMOUR),
    ("Nobody gets a lift into the car park any more, the gates are locked at 8.30", RUMOUR),
    # staff "sacked for" something, a school's scandal, told as fact
    ("The music teacher was sacked for swearing at Year 6", RUMOUR),
    ("Our school failed its Ofsted and they're sitting on the report", RUMOUR),
    # scares stated as fact
    ("The old block at school burned down overnight, there's nothing left", RUMOUR),
    ("That 5G mast next to the school field is why the kids keep getting headaches", RUMOUR),
    ("There's a video game challenge telling kids to hurt themselves for points", RUMOUR),
    ("Burglars are leaving chalk marks to pick which houses to rob on our estate", RUMOUR),
    # romanised Punjabi and text-speak
    ("pakki khabar aa, school kal band ho jaana", RUMOUR),
    ("sunya hai school vich lunch de paise vadh gaye", RUMOUR),
    ("no school 2moro teachers on strike, tell evry1", RUMOUR),
])
def test_claims_told_as_fact_are_misinformation(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize("text", [
    # sourced, asked, denied, or the poster's own life
    "The newsletter says packed lunches must be nut free from Monday",
    "Is it true the breakfast club is closing for good? Can't find anything from school",
    "Chain messages about the school closing are always fake, the office says it's open",
    "I don't believe that story about the music teacher being sacked",
    "My phone has stopped working so I'll be on email for a bit",
    "Our house is a no-sweets zone on school nights from now on lol",
    "The WhatsApp group will be quiet over the holidays, see you in January",
    "A teacher got told off for being late once, years ago lol",
    "Football club might be cancelled if it rains, the coach will text",
    "We had a fire drill at work today and the alarm went off by accident",
    "The phone mast is on the leisure centre, not the school, it's been there for years",
    # a school's weekly practical news is not a settled change
    "Chess club is cancelled on Thursday, the teacher is on a course",
    "The carol concert rehearsal finishes at 5pm on Tuesday",
    "Netball is cancelled tonight because of the rain",
])
def test_sourced_asked_denied_or_own_stays_clean(text: str) -> None:
    assert RUMOUR not in rules(text) and SCAM not in rules(text)


@pytest.mark.parametrize("text", [
    # whereabouts and routine
    "The Patels are away in Portugal until the 14th so their house is empty",
    "Amelia in Year 5 walks home alone along the canal path after school",
    "Josh lets himself in after school with a key round his neck",
    "The Browns keep a spare key under the mat by the back door",
    # status, record, intimate care
    "Zara's dad is on an expired visa and hiding from the Home Office",
    "Callum's dad has a conviction for assault, just so you know",
    "Mia still wears pull-ups to bed and she's 9",
    "Rohan's mum is having dialysis three times a week",
    # e-mail addresses and postcodes of others
    "Emails for the collection: ben.t@gmail.com, lucy.r@outlook.com, omar.s@yahoo.com",
    "If you want to tell Gary what you think his work email is gary.b@acme-haulage.co.uk",
    "They've moved out of the flat, they're now at M14 5RT",
    "Simran di mummy hun 12 Orchard Road te rehndi aa",
])
def test_other_peoples_private_lives_are_personal_data(text: str) -> None:
    assert PERSONAL in rules(text)


@pytest.mark.parametrize("text", [
    "We're away until Sunday, back for school on Monday",
    "My son walks home alone now and I'm a nervous wreck",
    "Our new address is 4 Lime Close if you want to send party invites",
    "Spare costumes are on my doorstep, 8 Ash Road, help yourselves",
    "Anyone need help with visa forms? The library runs a free session",
    "I'm having chemo at the moment, my mum is doing pick-ups",
    "Email the PTA at pta@example.org or the office at office@example.org",
    "Congratulations to the Khans on the new baby!",
])
def test_own_life_and_offices_stay_clean(text: str) -> None:
    assert PERSONAL not in rules(text)


@pytest.mark.parametrize("text", [
    # a code "for my old number"
    "a code aaya hoga aapke phone pe, mera purana number tha, please bhej do",
    "Sorry, the 6 digit code went to you instead of my old phone, forward it?",
    # documents collected privately
    "Hi all, from the office: please WhatsApp me photos of your child's passport privately",
    "Send a photo of the birth certificate to my personal number, not the school email",
    # deposits without a viewing, money mules, "put in, get back"
    "Labrador pups, £300 deposit to reserve, no viewings until paid",
    "Let me use ur bank account for a payment, you keep 10% of it",
    "tuhada account use karna, 10% rakh lo, baaki mainu bhej deyo",
    "Put £200 into my crypto group and you'll have £2000 next week",
])
def test_new_scam_kinds_are_scams(text: str) -> None:
    assert SCAM in rules(text)


@pytest.mark.parametrize("text", [
    "Never forward a WhatsApp code to anyone, it's how accounts get stolen",
    "The photographer's order code is on the proof card, order online by Friday",
    "Passport applications for children take three weeks, apply early",
    "Birth certificates go to the office in person for admissions",
    "Kittens free to a good home, come and meet them first",
    "I save 10% of my wages every month, best habit ever",
    "You can email me at my work address: jo.bell@example-nhs.net",
])
def test_warnings_and_ordinary_offers_stay_clean(text: str) -> None:
    assert SCAM not in rules(text)
