"""The misinformation kinds the third blind writer's batches (fresh_r20-r21) showed the rules
missing or wrongly flagging, in sentences of their own (never the batches' lines).

Wrongly flagged: a notice quoted under a header naming its sender ("Nursery email:",
"From the PTA:"), a public body's page that says something, a correction ("turns out"), a plea
not to spread a rumour, reassurance ("no need to panic"), the head's answer at a forum, a
greeting before the family's own "we", a scam's threat with its scam link (the scam rule's), and
someone's own health or record (the personal-data rule's), a question in the middle ("is that
true?"), "our family", a date moved said by the school, a flyer or the office's text. Missed:
changes agreed, charged or done without consent; "photo ID" read as "I'd" and "abroad" as
"road"; products recalled or to be thrown away; keeping away from an illness; an outbreak
counted; exposure, county lines, intruders, a child's death hushed up; staff bullied out, a
supplier caught; a cancellation whose reason is a scandal; a leading question; a chain that
borrows the police's name; a child's or a relative's word. The rules alone are asked
(``model = false``), except in the last test: the learned model's misinformation finding does
not stand where the rules read a named source or a denial."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import civility.plugins.safety as safety
from civility.events import MemberRef, Message, MessageRef
from civility.testing import judge, make_chat

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import RUMOUR, rules


@pytest.mark.parametrize(
    "text",
    [
        # agreed, voted on, charged: a change told as settled
        "The governors have already agreed to sell the school field to a builder",
        "The plan to merge the infants and juniors has been voted on, it's happening in 2027",
        "The school is going to start charging £3 every time you're late for pick up",
        "Any child still there at 3.30 goes to after-school club and you'll be charged £15",
        # done without consent or knowledge
        "The nurse will do the flu spray even if you say no on the consent form",
        "They're going to search the kids' bags every morning without parents knowing",
        "From next term every pupil will be fingerprinted to get their lunch",
        "They're taking the children's photos for facial recognition at the gate, nobody asked us",
        "Kids who are late three times will get a Saturday detention from now on",
        "Year 6 are being split up next year and put in different schools",
        # an ultimatum with a deadline; "photo ID" is not "I'd"; "abroad" holds no "road"
        "Every pupil has to buy the new £18 reading folder by Friday or they can't take books home",
        "Kids have to show photo ID at the gate from January or they won't be let in",
        "Residential trips abroad are being scrapped for every primary school from this year",
        "SATs results will decide which secondary your child gets, from this year",
        # products recalled or to be thrown away, illness to keep away from
        "That bubble mixture from the pound shop is being recalled, it's poisonous, throw it away",
        "The glitter slime from the Christmas fair has asbestos in it, bin them",
        "The headlice spray from the chemist has been banned because it causes fits in kids",
        "Chickenpox is all over Year 2 and pregnant mums must stay away from the school",
        "Twelve children were off after the trip, food poisoning from the packed lunches",
        # danger: exposure, county lines, intruders, a child's death hushed up
        "A man exposed himself to some Year 5 girls by the park gate after school",
        "Older lads are paying kids to deliver drugs on their bikes after school",
        "Men in balaclavas were trying the classroom doors at 2am, lock your windows",
        "A child drowned on the Year 4 swimming trip and the school is covering it up",
        "A girl broke her arm on the climbing frame and the school is covering it up",
        # staff and suppliers, scandals as reasons
        "The deputy is leaving because the head has been bullying him for months",
        "The school's chicken isn't actually halal, the supplier got caught last month",
        "The Year 4 trip is cancelled because the teacher got arrested",
        "The caretaker's been arrested, that's why the side gate is locked",
        # the building unsafe; a closure misspelt
        "There's a sinkhole under the infant playground and the whole building isn't safe",
        "chickenpox in year 2!!! they r closin the class 2moro",
        # a leading question tells the rumour; a child's word
        "Did you know they're banning packed lunches from September?",
        "My daughter says the school is being turned into an academy and the head is leaving",
    ],
)
def test_the_claim_is_caught(text: str) -> None:
    assert RUMOUR in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police say keep your children indoors tonight, a dog attacked a child in the park, pass it on",
        "Keep your kids inside today, a loose dog has attacked a child by the canal, police say",
    ],
)
def test_the_forwarded_alarm_borrowing_a_name_is_caught(text: str) -> None:
    assert RUMOUR in rules(text, forwarded=True)


@pytest.mark.parametrize(
    "text",
    [
        # a notice quoted under a header naming its sender
        "Nursery email: the Christmas party is moved to Wednesday because of the strike",
        "Office text: school closed on Friday afternoon for staff training",
        "From the council's roadworks page: the lane by the school is closed until March",
        # a body's page that says it; the head's answer at a forum; "per the head's email"
        "The NHS page on chickenpox says children can go back once the spots have crusted over",
        "There are no cameras in the changing rooms, the head answered this at the parents' forum",
        "Per the head's email, school will finish at 1pm on Friday for the staff training",
        # a correction, a plea not to spread it, reassurance
        "My son said the school was closing, turns out it's only the pool for a week",
        "That story about Mr Patel being suspended is only a rumour, let's not spread it",
        "Measles cases are up in the city, the GP letter says no need to panic, check the red book",
        # a greeting before the family's own "we"
        "Hi everyone, we've moved to packed lunches from Monday so no dinner money from us",
        # someone's own health or record: the personal-data rule's, not a rumour
        "Mr Dawson is having therapy and has been signed off until Easter, send him a card",
        # a parent's own count
        "Two kids in my son's class had chickenpox last month, all better now",
        # the school's rules restated, clubs' breaks, a joke
        "Swimming club will stop for the summer holidays, back in September",
        "Year 3 must bring their PE kit on Mondays or they can't do PE, Mr Lee reminded them",
        "Gangs of pigeons are stealing the kids' crisps at break 😂",
        # a flyer, the office's text, a date moved by word, a question mid-message
        "From this year the nativity is in the church hall, the flyer says",
        "The Year 1 trip is cancelled because of the rail strike, the office texted us",
        "The school said the swimming gala is moved to Thursday",
        "Someone said the deputy is leaving, is that true? I really hope not",
        # the family's own change; a closing said by the school with no ban in it
        "Our family is switching to packed lunches from Monday, dinners are too dear for us",
        "The uniform shop is closing down at Easter, the school says it'll be online after, same prices",
    ],
)
def test_the_near_miss_is_no_rumour(text: str) -> None:
    assert RUMOUR not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "From the PTA: the summer fair is cancelled because of the storm warning, refunds on ParentPay",
        "Forwarded from the nursery: closed on Monday for the boiler repair, sorry for short notice",
    ],
)
def test_the_forwarded_notice_naming_its_sender_is_no_rumour(text: str) -> None:
    assert RUMOUR not in rules(text, forwarded=True)


def test_a_scam_threat_with_its_link_is_the_scam_rule_s() -> None:
    text = "Your child benefit will be stopped unless you confirm your details at benefit-check-uk.info"
    assert RUMOUR not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "A b0y dr0wned at swimming and the sch00l is c0vering it up",
        "EVERY CHILD WILL BE FINGERPRINTED FOR LUNCH FROM JANUARY",
        "the deputy's l e a v i n g bcos the head's been bullying him",
    ],
)
def test_the_evasion_is_caught(text: str) -> None:
    assert RUMOUR in rules(text)


@pytest.mark.parametrize(
    ("text", "forwarded"),
    [
        (
            "School text: Year 4 are staying in at lunch because of a police incident on the main"
            " road, all children are safe",
            False,
        ),
        ("Forwarded from the school app: because of the snow school opens at 10am tomorrow", True),
        (
            "Forwarded from the school app: the Year 2 parents' evening has moved to Thursday"
            " because of the election",
            True,
        ),
    ],
)
def test_the_learned_model_does_not_overrule_a_named_source(text: str, forwarded: bool) -> None:
    # With the defaults (the model on): the model never weighs sources, so where the rules read a
    # sender or a denial its misinformation finding is dropped.
    chat = make_chat("safety-vouched")
    sender = MemberRef(chat.platform, "parent-v", "Parent V")
    message = Message(ref=MessageRef(chat, "v1", sender), sender=sender, text=text, forwarded=forwarded)
    assert RUMOUR not in {v.rule_id for v in judge(safety, message)}
