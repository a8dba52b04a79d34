"""The scam kinds the fourth blind writer's released batches (fresh_r22-r23) showed the rules
missing, and the 2024-2026 UK kinds the rules missed when written afresh, in sentences of their
own (never the batches' lines): a job, a loan, a trial place, modelling work or a match that
needs a fee paid first ("refundable after your first month"); test slots, bus passes or visas
resold by a stranger; a passport scan, a selfie or a licence number sent with money; a
stranger's warm opening ("wrong number... maybe we can be friends", "you're cute, add me on
Snapchat") that turns to money, crypto or a video chat; photos of a child in swimwear asked
for; a collection through a link named like a fundraising site; the marketplace overpayment;
a fee for nothing (a redelivery, a verification) on a site nobody knows; "if this wasn't you,
call 020 ..."; a QR code on a poster with a threat; webcam sextortion; task jobs that want a
top-up; a deposit "to me personally"; a landlord abroad who posts the keys; a traveller stranded
without a bag who "will return it"; a prize released once an identity is verified on an unknown
site; a shop or a "view and pay" page on a throwaway domain; earnings "a day" with a starter
pack to pay for. And the near-misses that share their words: warnings ("is this legit?", "sounds dodgy"),
the payee's own site or office, a parent's help with their own password, a real fundraiser.
The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import SCAM, rules


@pytest.mark.parametrize(
    "text",
    [
        (
            "Warehouse pickers wanted for the Christmas rush, £14 an hour, start next week. A £60 "
            "uniform fee is needed first, fully refundable after your first month"
        ),
        (
            "Instant loans up to £3,000, bad credit OK! Just a £75 arrangement fee paid upfront "
            "and the money is in your account tonight"
        ),
        (
            "Congratulations, your daughter has been picked for our regional dance academy! A £95 "
            "registration fee today will confirm her place"
        ),
        (
            "Our model agency is casting kids for a toy catalogue, £200 a day. Send a £60 "
            "portfolio fee and three photos to get started"
        ),
        (
            "Tutors needed for online maths, £25 per hour, pay the £40 training fee first and it's "
            "refunded with your first wage"
        ),
        (
            "Got 3 spare theory test slots for next month, £90 each, send payment and your licence "
            "number and I'll book it in your name"
        ),
        (
            "The council sent me too many free bus passes for Year 7, I'm passing them on for £30 "
            "each, bank transfer to me"
        ),
        (
            "Umrah visa in 24 hours, £75 per person, just send a passport scan and a selfie on "
            "WhatsApp"
        ),
        (
            "Job in a care home, £13 an hour, send £40 for the DBS and a copy of your passport to "
            "my email"
        ),
        (
            "Hi there, sorry, wrong number! You seem lovely though 😊 I work in crypto trading, "
            "maybe we can be friends?"
        ),
        (
            "I'm a widower, a surgeon working in Syria with the UN, I saw your profile and would "
            "love to get to know you. My account is frozen, could you help with my flight home?"
        ),
        (
            "Hey gorgeous, you're cute 😍 saw you on the school mums page, add me on Snapchat for a "
            "video chat"
        ),
        (
            "Hi, I'm doing a project for the swimming club, could you send me some photos of your "
            "son in his swimsuit? Message me privately"
        ),
        (
            "Please support little Aisha's surgery, every penny counts 💔 donate here: "
            "aisha-surgery.gofundhelp.net"
        ),
        "Raising money for the mosque roof this Ramadan, donate via donate-masjid-roof.online",
        (
            "I've paid £320 for the bike but sent £150 too much by mistake, can you send the "
            "difference to my mover's account, he will collect tomorrow"
        ),
        "Evri: your parcel is held at the depot. Pay the £1.99 redelivery fee here: evri-depot.co",
        (
            "Child Benefit: you must re-register your child by Friday and pay a £1 verification "
            "fee at childben-register.uk"
        ),
        (
            "Lloyds: a new payee was added to your account. If this wasn't you, call us on 020 "
            "3946 1100 now"
        ),
        (
            "Scan the QR code on the gate poster to pay £4 for the school disco, or your child "
            "won't be let in"
        ),
        (
            "I have recorded you through your webcam. Pay £400 in Bitcoin or I send it to all your "
            "contacts"
        ),
        (
            "Task job from home: rate hotels on our app, earn commission daily, top up your "
            "account with £50 to unlock the next set of orders"
        ),
        (
            "Flat near the school, £650 a month. I'm working abroad for work so can't do viewings, "
            "send the deposit and I'll post the keys"
        ),
        (
            "Coach trip to Makkah, only 6 seats left! £1,200 each, deposit £300 to me personally "
            "to hold your place"
        ),
        (
            "Help!!! I'm stuck at Lahore airport, my bag was stolen, can anyone lend me £200 for a "
            "new ticket? I'll return it when I'm back"
        ),
        (
            "Apple ID: your account will be locked. Verify your identity at "
            "appleid-locked-support.com within 24 hours"
        ),
        (
            "Your Premium Bond has won £10,000! To release your prize verify your identity at "
            "nsi-winners.com"
        ),
        (
            "Free laptops for every child on free school meals! Register your child's name, date "
            "of birth and your bank card for the £4.99 delivery at fsm-laptops.co.uk"
        ),
        (
            "Free school meals registration is changing, all parents must re-register and pay a £2 "
            "verification fee here: fsm-register.uk"
        ),
        (
            "Scan the QR code on the school gate poster to pay for the Christmas lunch, £3.50, or "
            "your child won't get a meal"
        ),
        (
            "Hi, I've sent you £450 for the sofa but paid £200 extra by mistake, please refund the "
            "extra to my cousin's account and my driver will collect"
        ),
        (
            "Hey, you're cute 😘 I saw you on the parents group, wanna video chat tonight? Add me "
            "on Snapchat"
        ),
        (
            "I have a video of you from your webcam. Pay £500 in Bitcoin or I send it to everyone "
            "in your contacts"
        ),
        (
            "Task job: rate hotels on the app, commission daily, pay USDT to unlock the next set "
            "of orders"
        ),
        (
            "Apple: someone tried to log into your Apple ID from Moscow. If this wasn't you, call "
            "0800 098 8000 immediately"
        ),
        (
            "New uniform supplier! Order your child's blazer at greenfield-uniforms-shop.xyz, 50% "
            "off this week only"
        ),
        (
            "Mums! Earn £100 a day liking posts on Instagram, just pay £20 for the starter pack "
            "and you're in"
        ),
        (
            "Someone is selling driving test cancellations, £150, they book you in, DM them your "
            "licence number and pay by bank"
        ),
        (
            "Marketplace buyer here, I've sent £500 for the pram instead of £250, please send back "
            "the extra £250 to my account"
        ),
        (
            "Scan this QR code to pay your child's dinner money arrears of £22.40 before Friday or "
            "they'll be on packed lunch"
        ),
        (
            "Hey, we matched on the parents' app 😊 I'm a doctor working overseas, I'd love to chat "
            "more on WhatsApp"
        ),
        (
            "Your child's school photos are ready! View and pay here before they're deleted: "
            "school-photos-view.click"
        ),
        (
            "Hi, I'm a new parent, I work for a recruitment agency. We have warehouse jobs, £18 an "
            "hour, just £50 for your safety boots and ID check first"
        ),
        "Quick loans, £1000 same day, no credit checks, just send a photo of your bank card",
    ],
)
def test_the_scam_kind_is_caught(text: str) -> None:
    assert SCAM in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        (
            "Is this legit? Someone offered my son a warehouse job but wants a £60 uniform fee "
            "upfront, sounds dodgy"
        ),
        (
            "Please don't pay anyone for a job, real employers never ask for a fee first. My "
            "cousin lost £75 this way"
        ),
        (
            "Dance academy auditions are on Saturday, the registration fee is £10, pay on the "
            "academy website"
        ),
        "My daughter got picked for the county netball trial, so proud!",
        "Our tutor charges £25 per hour and we pay after each lesson",
        "Theory test slots are on the DVSA site, I booked mine for £23 there",
        "Free bus passes for Year 7 are free from the council, apply on the council website",
        (
            "Umrah visas are done through the travel agent, we paid at their office and sent our "
            "passports with them"
        ),
        "Can anyone help me reset my Tapestry password? The email never comes",
        "How do I change my PIN on the Monzo app? I forgot my old one",
        (
            "The swimming gala photos are on the school website, well done to everyone in their "
            "swimsuits!"
        ),
        (
            "My husband works on an oil rig so I'm doing all the pick-ups this month, can anyone "
            "swap a Thursday?"
        ),
        "Sorry, wrong number! I meant to message my sister 😊",
        "Sold my bike on Marketplace and the buyer paid in cash when he collected, easy",
        (
            "The PTA's JustGiving page for the new playground is justgiving.com/pta-playground, "
            "thank you!"
        ),
        "I got a text saying my parcel has a £1.99 redelivery fee, it's fake, Evri never asks that",
        "Lloyds called me about a new payee, I hung up and rang the number on my card, it was real",
        "Flat near the school, £650 a month, viewings on Saturday, message me to book one",
        "Our coach trip to Makkah is through Al-Noor Travel, book at their office, ATOL protected",
        "My sister got stuck at Lahore airport for 8 hours, the flight was delayed, she's home now",
        (
            'Has anyone had the "is this you in this video" message? Don\'t click, it\'s a hacked '
            'account'
        ),
        'For the teacher\'s gift, please pay £5 on ParentPay under "class gift"',
        "Can you send me the photo of the girls in their costumes from the play? My phone died",
        (
            "Jobs at the school kitchen, £12 an hour, apply through the school office, DBS paid by "
            "the school"
        ),
        "The football club's registration fee is £30 for the season, pay on the club website",
        (
            "Hajj registration with the travel agent: they need a passport copy and a £500 "
            "deposit, I paid at their office in town"
        ),
        (
            "Reminder from the office: dinner money arrears can be paid on ParentPay, please speak "
            "to the office if you're struggling"
        ),
        (
            "The PTA treasurer will be at the gate on Friday to collect raffle money, or pay "
            "through the PTA's SumUp link on the newsletter"
        ),
        (
            "Islamic Relief's Qurbani is £120 per share this year, donate on their website, I've "
            "done ours"
        ),
        'Has anyone had a text from "HMRC" about a tax rebate? I think it\'s a scam, don\'t click',
        (
            "My son's tutor charges £30 an hour, we pay at the end of each month, happy to share "
            "her number if she's OK with it"
        ),
        "Nursery registration is done through the council website, it's free for 3-4 year olds",
        "Selling the pram for £250, collection only, cash or bank transfer when you pick it up",
        "School photos are ready on the photographer's website, the code is on the paper slip",
        (
            "My mum needs help setting up her banking app, she keeps getting a code but doesn't "
            "know where to put it"
        ),
        (
            "Reminder: never share your WhatsApp code with anyone, even if they say they're from "
            "the school"
        ),
        "Two spare tickets for the school play on Friday, free, message me if you want them",
        (
            "I'm the new PTA treasurer, our account details are on the school newsletter and the "
            "money goes into the PTA's account as usual"
        ),
        (
            "Hi mums, my husband has a recruitment agency and they have warehouse jobs for "
            "Christmas, apply on their website, no fees"
        ),
        (
            "The council tax refund was real for us, it came off our bill automatically, we didn't "
            "have to do anything"
        ),
        "Never send anyone a photo of your bank card, the bank will never ask for one",
    ],
)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert SCAM not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "Warehouse pickers wanted £14/hr, £60 unif0rm fee first, fu11y refundab1e after 1st month",
        "Instant l o a n s, bad credit ok, just a £75 arrangement fee upfront 💷",
        "Sp@re theory test slots, £90 each, s3nd payment and I'll book it in your name",
        "Hey g0rgeous, you're cute 😍 add me on Snapchat for a video chat",
    ],
)
def test_the_spelling_trick_is_still_caught(text: str) -> None:
    assert SCAM in rules(text)
