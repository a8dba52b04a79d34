"""The scam kinds the released blind batches fresh_r24-r27 showed the rules missing, in sentences
of their own (never the batches' lines): a one-time code about to be texted to the reader and
wanted back; an alert about a charge, a debt or a cut-off that wants a call to its own number;
money or parcels passed on for a cut (the mule, said plainly); a threat with a demand for
crypto; a payment steered away from the payee's own way to an account, a number or a new site;
a courier or an "officer" who comes for the card or the cash; a head or a teacher who is "in a
meeting" and needs a favour; money "paid to the wrong account", to be sent back elsewhere; half
paid first for goods sent later; a child's photo with their name and school asked for; a QR
code that wants card details; grants applied for with bank details on an unknown site; fees
for a bursary or a "free" boiler; trading apps and task jobs in friendly words; .shop and
.events pages. And the near-misses that share their words: warnings that pass on no link, the
school's and clubs' own payment reminders, a parent selling for cash on collection, a parent
asking a friend for a favour, the class's own ways to share photos.
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
        # a code about to be texted, wanted back
        (
            "Hiya, I think I've got your cat in my garden! To check she's yours I'll send a code "
            "to your phone, just tell me the numbers"
        ),
        (
            "We're giving away 3 family cinema passes, to enter reply with your name and the 4 "
            "numbers we text you 🍿"
        ),
        (
            "Quick one, I'm adding everyone to the new homework app. Could you forward me the 6 "
            "digit number from your text when it arrives?"
        ),
        "Help me win a blogger award? You'll get a text with a code now, please send it to me x",
        "To get into the Y4 group just give me your number and the code it sends you 👍",
        # a charge, a debt or a cut-off, and a number to ring
        (
            "Apple: you have been charged £89.99 for an iCloud+ plan. If you did not authorise "
            "this payment ring 020 7946 0112 straight away"
        ),
        (
            "Norton Security renewal of £299 was successful. If you want to cancel, call us on "
            "0800 046 1209 for a refund"
        ),
        (
            "DVLA: you owe £120 in unpaid vehicle tax. Call 0300 790 6802 today to avoid court "
            "action"
        ),
        (
            "Sky: your TV and broadband will be disconnected today. Call 0330 041 0501 and have "
            "your card number ready"
        ),
        # money or parcels passed on for a cut
        (
            "Easy side job 💷 we pay some money into your bank account, you send it on to our "
            "supplier and you keep 10%"
        ),
        (
            "Work from home checking parcels: you receive parcels from our shop and post them "
            "abroad, £35 per parcel paid weekly"
        ),
        (
            "Anyone 16+ with a bank account? Let us use it for customer transfers and you keep "
            "£60 a week, DM me"
        ),
        # a threat with crypto
        (
            "I hacked your phone and recorded you through your camera. Pay £700 in Bitcoin or I "
            "will send the clips to your family"
        ),
        "We have your son. Send 1 BTC to the wallet below and don't call the police",
        # steered away from the payee's own way
        (
            "Hi all, it's the dance school treasurer. The card machine is broken so don't pay "
            "through the club website, pay me direct on 07700 900321"
        ),
        (
            "Ballet fees for spring (£60) go to my own account for now as the club's is being "
            "changed: 20-45-77 41236587"
        ),
        (
            "Hi parents, the Y5 trip balance is now payable through our new booking site as the "
            "old system is being retired: y5-trips-bookings.co/pay"
        ),
        (
            "Please pay the £180 residential balance to 30-96-21 55091234, the ParentPay limit "
            "has been reached this week"
        ),
        # a courier or an officer who collects
        (
            "This is your bank's fraud team. A courier will collect your card this afternoon, "
            "please seal it in an envelope with your PIN"
        ),
        (
            "Metropolitan Police fraud unit: withdraw £2,500 and don't tell the bank why, an "
            "officer will collect it from your home tonight"
        ),
        # the head in a meeting, needing a favour
        (
            "Are you free at the moment? I need a favour but I'm in a meeting and can't take "
            "calls. Mr Patel, Headteacher"
        ),
        # the wrong account
        (
            "So sorry, I accidentally paid £120 to you instead of my landlord 🙈 could you send "
            "it back to 11-22-33 44556677 please"
        ),
        # half paid first
        (
            "Designer handbags from Milan, 70% off, half payment upfront by transfer and the rest "
            "on delivery, my cousin imports them"
        ),
        # a child's profile
        (
            "I make personalised storybooks 📚 send me a photo of your child, their full name "
            "and school and I'll put them in the story"
        ),
        # a QR code that wants card details
        (
            "The PTA's summer fair tickets are online now, scan the QR code I've sent you and "
            "enter your card details"
        ),
        # a grant applied for with bank details
        (
            "Winter Fuel Grant for families: £250 per household, apply with your bank details "
            "at winterfuel-grant.org"
        ),
        # a fee for a bursary or a free boiler
        (
            "Sports bursary 2027: free tuition for talented kids! Application fee £45 "
            "(non-refundable) to the admin account"
        ),
        (
            "Government scheme: free new boiler for families on benefits, just pay the £79 "
            "survey fee to book"
        ),
        # get-rich in friendly words
        (
            "My mentor's trading app paid off my mortgage in a year 🤯 sign up with my link "
            "gold-signals-ai.site"
        ),
        (
            "Hi ladies, easy remote job, 20 min a day rating products for £50-£200, reply and "
            "I'll add you to the mentor group"
        ),
        # the school's errand, paid to a parent
        (
            "Morning all, the school has asked me to collect £3 per child for the nurses' gift, "
            "please send it to my Monzo"
        ),
        # a relative in trouble, paying a stranger's account
        (
            "Dad I'm in real trouble, I need £300 for the deposit by tonight, can you send it to "
            "my mate's account?"
        ),
        # a return no investment promises
        "Sisters, join our halal property fund, 15% profit every month, Alhamdulillah 🤲",
        # a head's quiet ask, the gift-card favour by another name
        (
            "Good afternoon, this is the headteacher. I need something done discreetly for the "
            "staff, please reply to this number only"
        ),
        (
            "It's Mrs Hussain, tied up in meetings all day. Could you grab some Amazon vouchers "
            "for the staff prizes? I'll reimburse you Friday"
        ),
        # a QR code instead of the payee's own way
        "Scan the QR code on the gate for the disco tickets, so much quicker than ParentPay",
        # "due to a system upgrade", the account below
        (
            "School office here: due to a system upgrade please send the £30 trip money to the "
            "account below instead, 20-40-60 13572468"
        ),
        # a harvester's ask, texted
        (
            "I'm a lunchtime helper and the school asked me to gather the kids' NHS numbers for "
            "the flu programme, text them to me tonight"
        ),
        # the payee's account "closed", the money sent elsewhere
        (
            "Quick note, the PTA's old account was closed so the quiz night money goes to "
            "40-11-90 24681357 now"
        ),
        (
            "Karate fees from January should be paid directly to me by bank transfer, the club "
            "account is being closed"
        ),
        # a warning heading the fake notice itself
        "Parking warning: scan the QR code on the pay machine to pay or a £60 fine follows",
        # tickets sent after a transfer
        "Two Coldplay tickets, £95 each, I can only accept bank transfer, will email them after",
        # a prize that costs
        "Congratulations, you've won a kids' tablet in our school raffle! Just pay £3.49 postage",
        # a stranger's friendly crypto
        "Got your number from the class list 😊 I trade crypto and help mums make extra money, can we chat?",
        # staff "from school", busy, needing something
        (
            "Hello, Miss Carter here from school, I'm in training all day, can you help me with "
            "something urgent? Text back"
        ),
        # a .shop page with a price
        "Clearance on Jellycat toys, everything £5, grab yours at jellycat-outlet.shop",
        "Final tickets for the panto, pay the £18 balance at panto-tickets-uk.events today",
    ],
)
def test_the_round_ten_kind_is_caught(text: str) -> None:
    assert SCAM in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # warnings that pass nothing on
        (
            "Delivery drivers never need a code from you. If you get a code you didn't request, "
            "someone is trying to get into your account"
        ),
        (
            "PTA treasurer here: a message about 'new bank details' is not from us. Pay on the "
            "school website as always"
        ),
        (
            "Told my daughter there's no such thing as free Robux, she nearly typed her password "
            "into some site"
        ),
        (
            "Is the mosque's bank account still the same? Someone messaged me a new one, I'd like "
            "to check in person before sending anything"
        ),
        (
            "Beware, fake police are ringing people telling them to withdraw cash and a courier "
            "will collect it from your house"
        ),
        # the school's and clubs' own reminders
        (
            "Reminder from the office: the Y6 trip balance of £45 is due Friday. To cancel your "
            "child's place call the office on 0113 496 0000"
        ),
        "Swimming fees for spring are £84, pay on the club website as usual, thanks all",
        "The school app will text you a code when you log in, enter it in the app to finish",
        # a parent selling for cash
        (
            "Selling our travel cot, £30, cash on collection only. I've had loads of 'I'll "
            "send a courier' replies already 🙄"
        ),
        "Bike for sale £60, half now to hold it and the rest when you collect, Leeds 6",
        # friends, favours and money among parents
        (
            "Are you free at the moment? I need a quick favour, I'm stuck in a meeting, can you "
            "grab Aisha at 3:15?"
        ),
        "Our parcel came to your house by mistake? No worries, I'll send it on to you tomorrow",
        "I paid the wrong person for the cake sale 🙈 can whoever got £5 from me let me know?",
        # the school's own collection, a parent's errand, a rush without a stranger's account
        (
            "The PTA has asked me to remind everyone the teachers' gift collection is on "
            "ParentPay this year, £3 per child"
        ),
        "The school asked me to hand out the disco tickets at the gate, pay on ParentPay",
        "Mum can you transfer me £20 for the school trip tonight? It's due tomorrow",
        "Pay the cake money to her account, she's doing the order, no rush at all",
        "My ISA pays 4% interest, not exciting but safe",
        "Are you free at the moment? I'm in a meeting till 2 but fancy lunch after?",
        # accounts, tickets, prizes and favours among parents, done openly
        "The PTA has opened a new bank account, the details are in the newsletter and on ParentPay",
        "Spare tickets for the panto £20 each, I can only accept bank transfer when you collect them",
        "Mrs Jones from school here, can you help at the summer fair? Reply when you see this 😊",
        "I'm in meetings all day, can someone do me a favour and take Leo to football?",
        "Won a £20 voucher in the school raffle! Thank you PTA",
        "We both get £10 if you sign up to Octopus with my referral code, it's a real thing lol",
        # photos the class asks for, its own way
        (
            "For the class display please send a photo of your child in their costume to the class "
            "email with their name"
        ),
        # a real subscription, a real bill
        "My Netflix renewal went up to £10.99, might cancel it after Christmas",
        (
            "Sextortion emails saying they recorded you and want Bitcoin are going round, it's a "
            "scam, just delete"
        ),
    ],
)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert SCAM not in rules(text)
