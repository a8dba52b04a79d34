"""The scam kinds the released blind batches fresh_r28-r32 showed the rules missing, in sentences
of their own (never the batches' lines): look-alikes of selling sites, nursery journals, parking
and travel brands; an uncle or a treasurer "on someone else's phone"; a "new number" whose card
was cloned; a new parent's class "directory" or an "admissions officer" collecting children's
details; a staff member's "assistant" collecting to a personal account; answer booklets and
papers "100% match"; identity documents uploaded to a throwaway site; a postage-only "offer"
that wants a card; full payment first for goods collected later; recovery firms that charge
first; gifting circles, sold betting tips and gold trading at a weekly percentage; a raffle paid
to the poster while the committee "don't know"; a look-alike link passed on with a question.
And the near-misses that share their words: the "hi mum" scam talked about, questions about a
scheme, the real selling sites, a parent on their partner's phone, a surprise collection paid
on ParentPay. The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import SCAM, rules


@pytest.mark.parametrize(
    "text",
    [
        # look-alikes of the brands parents buy, sell, park and fly with
        "Your Vinted sale is on hold, release the funds at vinted-payout-check.com",
        "Nursery update: log in again at famly-parents.net/sprouts to keep seeing the photos",
        "The council car park now takes payment on paybyphone-walsall.co, add your card there",
        "Free flights for two, Emirates are celebrating 40 years: emirates-anniversary.net",
        # another phone, another account
        "Salaam beta, Auntie Nasreen here on my daughter's phone, I'm stuck at the airport, "
        "please send £250, it's urgent",
        "Old phone lost so this is the new club treasurer's number, send the subs to my personal "
        "Monzo please",
        "Hi it's Jo from the new number, my card has been cloned 🙈 could you cover £80 until Friday?",
        # children's details gathered for oneself
        "Hi all, new parent in 3B! I'm putting together a class directory, can everyone send me "
        "their child's full name, date of birth and home address?",
        "Good morning, I'm the new admissions officer. Please reply with your child's date of "
        "birth and address so I can confirm next year's place",
        "Hello, I'm Mr Ahmed's assistant, he has asked me to collect £10 from each family for the "
        "trip, please send it to my PayPal",
        # answers sold as the real thing
        "KS2 maths answer booklets for this year's SATs, £15 each, message me",
        "Got the GCSE chemistry papers, 100% match, my friend knows the examiner, £30 a paper",
        # documents to a throwaway site
        "Swimming club registration has moved online: upload your child's passport and birth "
        "certificate at swim-club-register.site",
        # a card for the postage
        "Your free child's book set is waiting! Just £1.95 postage, enter card details at "
        "kidsbooks-free.co",
        # paid in full before collection
        "Mini Eid hampers £25, pay full amount first to my brother's account and collect from "
        "the car park on Saturday",
        # recovery firms that charge first
        "Lost money to an online scam? These people got my neighbour's savings back, £250 fee "
        "upfront, recover-my-cash.co",
        # schemes in friendly words
        "Join our gifting circle 🌸 put in £200 and receive £1,600 when you reach the middle, "
        "message me",
        "Fixed matches every weekend, £40 a tip, my cousin paid off his loan with them, Telegram "
        "@sure_wins",
        "Sorry wrong number! While I have you, I trade gold with an app, 12% weekly, want me to "
        "send the link?",
        # a raffle of one's own
        "Mosque raffle tickets £5 each, pay to me direct, the committee don't know yet, it's a "
        "surprise",
        # a look-alike passed on with a question
        "Someone on Marketplace asked me to put my card details in at ebay-secure-claims.com to "
        "get paid, has anyone else had this?",
    ],
)
def test_the_round_eleven_kind_is_caught(text: str) -> None:
    assert SCAM in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # the "hi mum" scam told, not sent
        "My dad got a Hi Mum text last week and nearly sent £400, please warn your parents",
        "If anyone messages you saying 'Hi Dad new number', ring your child's real number first",
        # questions about a scheme
        "Is this gifting circle thing a pyramid scheme? A mum keeps messaging me about it",
        # the real sites
        "Selling the old school coat on Vinted, vinted.co.uk/items/123, £8",
        "Paid for parking with the PayByPhone app, works fine at the leisure centre",
        # a parent on another phone, asking nothing
        "On my husband's phone today, is football still on after school?",
        "This is my new number, please save it! Jo (Amelia's mum)",
        # directories and collections done openly
        "The PTA directory is on ParentMail, add your own number if you'd like to be in it",
        "Mrs Khan has asked me to collect for the class gift, please pay £3 on ParentPay by Friday",
        "Raffle tickets are £1 each from the office, the committee will draw them on Friday",
        # papers and answers the honest way
        "The school has put the SATs past papers and answer booklets on its website, free",
        # collection first
        "Hampers £20, pay when you collect them on Saturday, cash is fine",
        # postage paid at a real shop
        "The book fair order came to £12, only £1.95 postage, paid at the school office",
    ],
)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert SCAM not in rules(text)
