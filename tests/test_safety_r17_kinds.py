"""The kinds the second blind writer's batches (fresh_r17-r19) showed the rules missing or
wrongly flagging, in sentences of their own (never the batches' lines).

Scams: goods or places paid first by bank transfer only, a collection paid to a private sort
code and account, the stranded friend wanting Western Union, recovery agents for a fee, earnings
"last month", matched betting "no risk", the "safe account", remote-control apps, pay-or-else
threats, a bank's call-back with a card ready, a log-in typed in for a voucher, money "sent by
mistake" wanted back elsewhere, a code "Apple just sent you", a club officer or supplier
collecting children's data. Personal data: another family's eviction, benefits, divorce, court
order, custody, youth custody, vaccination, care, diagnosis; a register or class list posted;
lists of postcodes; a seller's bank details; a flat or house number; a child's Snap Map or
Instagram. Misinformation: a change with its date or reach told as settled ("from January",
"being halved", "getting rid of", "marked absent"), fines for illness, a bomb threat "they didn't
tell parents", lead in the water, tampered sweets, a letter home as a rule's sanction. And the
near-misses that share their words. The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import PERSONAL, RUMOUR, SCAM, rules


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # paid first, by bank transfer only, to a private person
        (
            "Spare pantomime seats for Saturday, I can only do bank transfer, whoever is first to pay"
            " has them",
            SCAM,
        ),
        ("Year 6 tutoring slots, £40 deposit first by bank transfer to hold your child's place", SCAM),
        (
            "Half term football camp, £70, pay via bank transfer to my sister's account, the booking"
            " system isn't set up yet",
            SCAM,
        ),
        ("I can mind your kids after school for £60 a week, just pay a month in advance", SCAM),
        # a collection paid to a private sort code and account
        (
            "Collecting sadaqah for the flood victims, please send to sort 40-11-22 account 12345678,"
            " name M Iqbal",
            SCAM,
        ),
        ("Qurbani this year is £110 a share, send to my brother's personal account below", SCAM),
        # stranded, wanting money by a wire service
        ("Stuck in Lahore, they took my cards, please send £300 by Western Union tonight", SCAM),
        # recovery for a fee; earnings; betting; the safe account
        ("This recovery agent got all of it back from the crypto people, he only charges a small fee", SCAM),
        ("I made £2,600 last month from my phone while the kids were at school, ask me how", SCAM),
        ("No risk matched betting, £800 a month, I'll show you how for £99", SCAM),
        ("This is the fraud team at your bank, move your savings to a safe account we set up for you", SCAM),
        # remote control, pay-or-else, call-backs, log-ins for a voucher
        ("Your laptop has a virus, download TeamViewer and read me the number on the screen", SCAM),
        ("We have access to your daughter's photos, pay £200 in gift cards or we will share them", SCAM),
        ("Your son's place on the ski trip will be cancelled unless the fee is paid tonight", SCAM),
        ("Your Amazon order is on hold, press 1 to speak to our fraud team and keep your card ready", SCAM),
        ("Your free Costa voucher is waiting, to claim it enter your online banking details", SCAM),
        # money sent "by mistake", a code from Apple, a club officer collecting data
        ("I paid you by mistake on PayPal, can you send it back to my other account", SCAM),
        ("Can you read me the code Apple just sent you, I'm locked out of my iCloud", SCAM),
        (
            "I'm the club's new welfare officer, please send me the full names and dates of birth of"
            " all your U10s",
            SCAM,
        ),
        # another family's circumstances
        ("The Hussains were evicted last week, the bailiffs came while the kids were at school", PERSONAL),
        ("Zain's mum is on benefits, that's why they never come on the trips", PERSONAL),
        ("Olivia's parents are getting divorced, her dad's moved out", PERSONAL),
        ("Sam isn't allowed contact with his dad, there's a court order", PERSONAL),
        ("Leo's brother is in a young offenders institution, keep it quiet", PERSONAL),
        ("Ella in Year 2 has type 1 diabetes but her mum doesn't want anyone told", PERSONAL),
        ("Harry's little sister isn't vaccinated, her parents are anti vax", PERSONAL),
        ("Ruby's baby brother was taken into care, a social worker calls every day", PERSONAL),
        # registers, lists, bank details, homes, whereabouts
        (
            "Here's a screenshot of the club register with everyone's dates of birth and medical conditions",
            PERSONAL,
        ),
        ("I have the class list with every child's emergency contacts, happy to share", PERSONAL),
        ("Everyone's postcodes for the carpool: Ali SL1 2AB, Reece SL2 5QT, Maya SL3 7HU", PERSONAL),
        (
            "Bank details of the woman who sold me a broken pram, she's in here: sort 20-30-40 acc 12345678",
            PERSONAL,
        ),
        ("Mr Gill from the office lives opposite me, number 12, the one with the green gate", PERSONAL),
        ("My friend's son shares his Snap Map, he's always at the rec on Saturday nights", PERSONAL),
        # changes with a date or a reach, told as settled
        ("Breakfast club is shutting from April, they can't find staff", RUMOUR),
        ("The school is getting rid of French and replacing it with Mandarin", RUMOUR),
        ("Nursery places are being halved next year so younger siblings won't get in", RUMOUR),
        ("PE kit is changing to navy for everyone from September, don't buy the red", RUMOUR),
        ("Children who arrive after 9 will be marked absent for the whole morning", RUMOUR),
        ("The madrasa is putting fees up to £80 a month from January", RUMOUR),
        ("Year 8 will all be given the flu spray at school whether you consent or not", RUMOUR),
        ("The swimming club is moving to Sunday mornings from next month", RUMOUR),
        ("The head has banned fizzy drinks, anyone who brings one gets a letter home", RUMOUR),
        ("They're fining parents £300 if a child misses more than five days with illness", RUMOUR),
        ("Heard it from the office: under 90% attendance and they lose their trip place", RUMOUR),
        # alarms
        (
            "Someone phoned in a bomb threat at the school this morning, they moved everyone out and"
            " didn't tell parents",
            RUMOUR,
        ),
        (
            "Lead in the school's drinking water, somebody's uncle tested it and it's 3 times the limit",
            RUMOUR,
        ),
        ("Halloween sweets from the corner shop were found with needles inside, a child was hurt", RUMOUR),
        (
            "Don't let your kids drink those energy drinks they hand out at the park, a boy had a heart"
            " attack",
            RUMOUR,
        ),
    ],
)
def test_the_kind_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # scams' words, said by someone warning or paying the school's way
        "Pay in advance for the trip on ParentPay please, £12 by Friday",
        "Is anyone else getting those WhatsApp Gold messages? It doesn't exist, don't download it",
        "Police will never ask you to move your money to a safe account, hang up if they do",
        "Can someone send me the code for the photo order? Oh wait, found it now, ignore me",
        "The Western Union on the high street has closed, the post office does it now",
        "My mum uses TeamViewer so I can sort her emails from home",
        # personal data's words, about the poster or nobody in particular
        "We were at the Premier Inn last night after the pipes burst, all fine now",
        "My son has type 1 diabetes, any tips for school trips?",
        "Our postcode is SL1 2AB if you're dropping the costume off",
        "The class register is taken at 8:50, so please be on time",
        "Social services were really helpful when we fostered, happy to talk to anyone thinking of it",
        # misinformation's words, sourced, denied, hedged or the poster's own
        "The council's leaflet says the fine for a term-time holiday is £80 per parent",
        "If you're planning a trip in term time, talk to the office first, fines are possible",
        "Swimming kit is needed on Thursdays from now on, the teacher's letter said",
        "The flu spray is on the NHS for Year 8 from January, our GP texted us",
        "The consultation about going girls only is for the sixth form, nothing changes for Year 7",
        "Work experience isn't compulsory, the careers adviser said, the school helps anyway",
        "The attendance page says illness is fine if you ring the office in the morning",
        "Love that the PTA is raising money for new reading books, well done all",
        "I'm getting rid of my son's old uniform from September, anyone want it?",
    ],
)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert rules(text) == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("c0llecting zakat for the orphans, s0rt 40-11-22 acc 12345678, jazakallah", SCAM),
        ("STUCK AT THE AIRPORT, PLS SEND £250 BY WESTERN UNION ASAP", SCAM),
        ("Zain's mum is on b3nefits, that's why they never pay for trips", PERSONAL),
        ("The sch00l is getting r1d of French and replacing it with Mandarin", RUMOUR),
    ],
)
def test_the_evasion_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)
