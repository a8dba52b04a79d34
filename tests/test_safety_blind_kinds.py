"""The kinds safety-gen's blind batches (fresh_r15, fresh_r16) showed the rules missing or
wrongly flagging, in sentences of their own (never the batches' lines): someone else's document
or record posted, another's family court, adoption, refuge or benefits, a code "that came to
your phone", task and recovery scams, malware apps, tickets paid "friends and family", settled
changes and staff departures told as fact, hoax alarms; and the near-misses that share their
words. The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import PERSONAL, RUMOUR, SCAM, rules


@pytest.mark.parametrize(("text", "rule"), [
    # someone else's document or record, posted
    ("Here's a photo of Amir's passport, he dropped it in the car park", PERSONAL),
    ("Attaching Ruby's EHCP so you can see what support she's meant to get", PERSONAL),
    ("Screenshot of the class list with everyone's emergency contacts on it", PERSONAL),
    ("Not had the MMR in Year 2: Tom, Ava R, Noor and Zac, the nurse let it slip", PERSONAL),
    # another's family court, adoption, refuge, benefits, health
    ("Just so you know Ben is adopted, his birth mum lives in Reading", PERSONAL),
    ("Sophie's parents have a custody hearing next week, her dad can't pick her up", PERSONAL),
    ("The Walshes are on universal credit and still went to Dubai", PERSONAL),
    ("Mr Price is going through IVF with his wife, so be kind", PERSONAL),
    ("Aisha was diagnosed with epilepsy last week, her mum is in bits", PERSONAL),
    # a code that "came to your phone"; task, recovery and malware scams; tickets
    ("hi hun a code came to your phone by mistake, it was meant for me, can u forward it", SCAM),
    ("Earn £80 a day liking YouTube videos, add my manager on Telegram", SCAM),
    ("Lost savings? Contact hacker Dave on WhatsApp, he recovered my money, small fee", SCAM),
    ("Get WhatsApp Gold for secret emojis, download whatsapp-gold.apk now", SCAM),
    ("2 Taylor Swift tickets, transfer after payment, PayPal friends and family only", SCAM),
    ("bhaji tuhade account vich paise aaune, agge bhej dena, commission mil jaugi", SCAM),
    # settled changes and departures told as fact
    ("Summer term's been extended by a week because of the strike days", RUMOUR),
    ("Ofsted rated us inadequate, the report's out on Friday", RUMOUR),
    ("The whole Year 1 team has quit, it's all supply now", RUMOUR),
    ("Mrs Grant is stepping down as head at Christmas", RUMOUR),
    ("RSE is starting in Reception from next term and you can't opt out", RUMOUR),
    ("If your child misses 3 days the school reports you to social services", RUMOUR),
    # hoax alarms and health scares stated as fact
    ("If a woman knocks asking to use your phone don't open the door, it's a trick to get you"
     " to open up", RUMOUR),
    ("An escaped prisoner is in the park by the school, keep the kids inside", RUMOUR),
    ("The Year 3 trip is cancelled because of bird flu at the farm", RUMOUR),
    ("Vaping is giving kids at the high school collapsed lungs, three this month", RUMOUR),
])
def test_the_kind_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize(("text", "forwarded"), [
    ("Photo of my passport page for the trip form, is this the right one?", False),
    ("I've attached my son's EHCP to the email to the SENCO, fingers crossed", False),
    ("Domino's on Bath Road is 01753 496 087 if anyone's ordering for the PTA quiz", False),
    ("The safeguarding lead is Mrs Ali, contact her through the office on 01632 960111", False),
    ("WhatsApp Gold is a hoax, don't download anything called that", False),
    ("My sister lost money to a crypto scam last year, please be careful everyone", False),
    ("Forwarded from the school app: the Year 4 trip has moved to Thursday, same times", True),
    ("The TikTok challenge scare isn't real, the school's e-safety letter covers it", False),
    ("Heard nothing about a closure, the school's website says open as usual", False),
    ("Police Twitter says the chalk marks are from the gas board, not burglars", False),
    ("Don't pay for 'real' 11+ papers, the practice ones are free on the GL site", False),
    ("If someone asks to borrow your bank account that's money muling and it's a crime", False),
    ("Instagram said someone tried to log in to my account, so I changed my password", False),
    ("We're switching the carpool to Tuesdays from next week if that suits everyone", False),
])
def test_the_near_miss_stays_clean(text: str, forwarded: bool) -> None:
    assert rules(text, forwarded) == set()


@pytest.mark.parametrize(("text", "rule"), [
    ("ph0to of Amir's p@ssport, he dropped it by the gate", PERSONAL),
    ("OFSTED RATED US INADEQUATE!! report out friday", RUMOUR),
    ("earn £80 a day liking youtube videos 💷 add my manager", SCAM),
])
def test_the_evasion_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)
