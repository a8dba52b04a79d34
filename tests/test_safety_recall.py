"""Kinds of scam, personal data and rumour found in a fresh batch (``fresh_r5.jsonl``) that the
rules missed, each with evasions and the near-misses that must stay clean. The examples here
are new wordings of those kinds, not lines of the batch."""

from __future__ import annotations

import pytest

import civility.plugins.safety as safety
from civility.events import MemberRef, Message, MessageRef
from civility.plugins.safety.links import judge_link
from civility.testing import judge, make_chat
from civility.verdicts import Severity

SCAM, PERSONAL, RUMOUR = "safety.scam", "safety.personal-data", "safety.misinformation"
CONTENT = {SCAM, PERSONAL, RUMOUR}


def verdicts(text: str, **flags: bool) -> dict[str, Severity]:
    chat = make_chat("recall")
    sender = MemberRef(chat.platform, "parent-r", "Parent R")
    message = Message(ref=MessageRef(chat, "r1", sender), sender=sender, text=text, **flags)
    return {v.rule_id: v.severity for v in judge(safety, message) if v.rule_id in CONTENT}


@pytest.mark.parametrize(("text", "rule"), [
    # credentials nobody collects, whoever asks and however politely
    ("PTA here, collecting for the fair: just text the long number and the 3 digits on the back",
     SCAM),
    ("pls s3nd me the 6 d1git c0de u just got, added u by mistake", SCAM),
    ("If anyone gets a code from WhatsApp in the next minute can you forward it to me", SCAM),
    # gift cards bought "for the staff" or "for me", codes wanted
    ("Could someone pick up 3 Google Play cards for me on the way in? I'll reimburse, send a "
     "photo of the back", SCAM),
    ("Head teacher here on my personal number, I need 5 Amazon gift cards for prizes, text me "
     "the codes", SCAM),
    # a fee for an approval, money pitches, crypto giveaways
    ("I can fast track your child's EHCP for a small fee, dm me", SCAM),
    ("Make £££ in your spare time, message me for info", SCAM),
    ("Crypto giveaway for parents: send 0.05 ETH, get 0.5 ETH back", SCAM),
    # links that give themselves away, and a brand before a foreign ending
    ("check ur results here tinyurl.com/hmrc-refund-2026", SCAM),
    ("Confirm your meal account at parentpay.account-secure.in", SCAM),
    # payments diverted to a "personal account"
    ("School's system is down so pay the trip to my personal account instead, 40-22-11 12345678",
     SCAM),
    # impersonation from a friend's phone
    ("Mummy my phone's dead, this is my friend's number, can you send £30 for the bus?", SCAM),
    # other people's data in lists, bank details, pointed at
    ("Her sort code is 20-11-33 and account 44556677, she owes me", PERSONAL),
    ("Birthdays for the card: Zayn 04/05/2018, Hana 19/11/2018", PERSONAL),
    ("Pick-ups tomorrow: 14 Larch Road then 3 Poplar Avenue", PERSONAL),
    ("The man who parks on the zigzags is Gary Platt, 07700 900 345", PERSONAL),
    ("Here are the staff's personal numbers: 07700 900111 and 07700 900222", PERSONAL),
    # rumours by kind: hazards, jail, romanised Urdu closures, hearsay, secrecy
    ("Asbestos found in the classrooms, keep your kids home", RUMOUR),
    ("Everyone's saying parents will be prosecuted if kids miss more than 3 days", RUMOUR),
    ("kal se school band rahega, sab ko bata do", RUMOUR),
    ("The head has been sacked, my sister who works there said", RUMOUR),
    ("Impetigo all over Year 2, loads of kids have it and they're not telling parents", RUMOUR),
    ("School confirmed a case of mpox but they're keeping it quiet, keep kids home", RUMOUR),
    ("Parents beware, men are marking houses with chalk where young kids live, pass it on",
     RUMOUR),
    # round two (kinds missed in batch r6)
    ("Easy £300 for students and mums: let me use your bank account to receive a payment, you "
     "keep a share", SCAM),
    ("My card got declined at the checkout online, could someone pay the £60 and I'll pay you "
     "back tonight", SCAM),
    ("Hi, we're moving class chats, reply with the code we just sent you by SMS to be added", SCAM),
    ("Hiya, I got locked out of Facebook and picked you as a trusted contact, can you send me "
     "the code they text you?", SCAM),
    ("PTA account is frozen so please send raffle money to my own account, 30-00-01 11223344",
     SCAM),
    ("My uncle is on the admissions panel, I can get your child into St Mary's, £300 no "
     "questions asked", SCAM),
    ("Mr and Mrs Ahmed live at 4 Oak Row, they're the ones who complained", PERSONAL),
    ("A man in a grey car was offering kids a lift outside the library, share with everyone",
     RUMOUR),
    ("Apparently they're getting rid of the Christmas holiday and making it two weeks at Easter",
     RUMOUR),
    ("My friend's son said the school is being taken over by the trust", RUMOUR),
    ("Keep your kids home on Monday, someone made a threat on snapchat", RUMOUR),
    # round three (kinds missed in batch r7)
    ("Class rep here, the office asked me to collect everyone's bank details, DM me the sort "
     "code", SCAM),
    ("Selling real A level biology paper 1 for this summer, message me, paypal only", SCAM),
    ("I know someone at the council, I can get your fine waived for £40, inbox me", SCAM),
    ("Kittens ready now, just send a £80 deposit by bank transfer and I'll send her by courier",
     SCAM),
    ("Due to fraud our account has changed, please pay the trip money to 11-22-33 44556677",
     SCAM),
    ("Mums wanted! Extra income £800 a month from your phone, comment below", SCAM),
    ("The new family at number 4 are at WS2 9PQ, their kids are the loud ones", PERSONAL),
    ("Pass it on: from Monday the school will not let kids in after 8:50", RUMOUR),
    ("Rumour has it the head wants to stop the nativity this year", RUMOUR),
    ("The tap water at school made my son and his friends sick, don't let them drink it", RUMOUR),
    # round four (kinds missed in batch r8)
    ("Collection for the Year 2 teacher's sick husband, send what you can to my PayPal", SCAM),
    ("Two Coldplay tickets £120, bank transfer only, I'll email them after", SCAM),
    ("Hello, this is the Lloyds fraud team, can you send me the code we just texted you?", SCAM),
    ("I got hacked so don't share codes! Could you send me the code you just got though, it's "
     "to get back in", SCAM),
    ("Part-time admin job, £20 an hour, just pay the £40 registration fee first, DM me", SCAM),
    ("Mum urgent, got a new sim and my bank's frozen, send £90 to my mate's account", SCAM),
    ("Our group trades gold with a guaranteed monthly return of 15%, message me", SCAM),
    ("Let me use your Amazon account to order stuff, I pay £25 per order, inbox me", SCAM),
    ("Ahmed in 4C has ADHD and is on medication, his mum told me", PERSONAL),
    ("Her son is under social services, that's why he's always late", PERSONAL),
    ("Forward this to 10 groups or WhatsApp will start charging you from Monday", RUMOUR),
    ("Someone in the office said the school will start charging for water bottles", RUMOUR),
    ("The hand gel in the classrooms causes cancer, don't let them use it", RUMOUR),
    # round five (kinds missed in batch r9)
    ("Barclays alert: a new payee was set up on your account, call us now on 0800 123 4567 and "
     "have your card ready", SCAM),
    ("Abbu ji, mera phone toot gaya, ye dost ka number hai, 50 pound bhej sakte hain? urgent",
     SCAM),
    ("Selling a PS5 £250, only bank transfer, I'll post it after payment", SCAM),
    ("It sent the WhatsApp code to yours by mistake, can you screenshot it for me?", SCAM),
    ("I have the papers the teachers will use for the Year 8 exams, £15 each", SCAM),
    ("Hi, I'm the nurse from the NHS team, we need all parents to send the children's dates of "
     "birth and NHS numbers to me", SCAM),
    ("Here's the postcode of the house where that boy lives: B8 3QW", PERSONAL),
    ("Kids in Year 4 are saying a teacher was caught smoking weed", RUMOUR),
    ("Don't send your kids tomorrow, there's going to be a protest at the gates", RUMOUR),
    ("Parents, be aware: from this term the school will call social services after 3 days off",
     RUMOUR),
    ("A dad told me the school is going to be demolished next year", RUMOUR),
    ("Copy this to all your groups: new law, kids under 12 can't walk home alone or parents will "
     "be arrested", RUMOUR),
    # round six (kinds missed in batch r10)
    ("I'm the new lunchtime supervisor, can each parent send me a photo of their child and their "
     "date of birth", SCAM),
    ("PTA here, the raffle money goes to my account now: 09-01-29 44557788", SCAM),
    ("Is this your son in this video?? 😱 videos-school-day.site/watch", SCAM),
    ("School office: exam fees are due today, please transfer £60 to 40-47-88 11119999", SCAM),
    ("Mrs Richards has had a miscarriage, so be gentle with her", PERSONAL),
    ("Safiya's dad just got out of prison, keep your kids away", PERSONAL),
    ("The boy who pushed my son is Leon, his mum Tasha is on 07445 667 889", PERSONAL),
    ("A man tried to grab a girl outside the Co-op after school, please warn everyone", RUMOUR),
    ("My sister heard the school won't let kids go to the toilet in lessons from next week",
     RUMOUR),
    ("Rumour is they're closing the after school club in the summer", RUMOUR),
    # round seven (kinds missed in batch r11)
    ("Who wants next week's Year 7 maths test with answers? A tenner and it's yours", SCAM),
    ("I'm stuck in Spain, my bag was stolen, can you lend me £300? I'll pay you back", SCAM),
    ("The new gate system needs every parent's photo and passport number, send them to me", SCAM),
    ("The TA, Miss Bailey, is pregnant but hasn't told anyone yet", PERSONAL),
    ("Whoever drives KN17 XPL, you hit my car and drove off", PERSONAL),
    ("For the register: Amir 13/06/2017, Bella 02/09/2017", PERSONAL),
    ("Apparently the school will be shut on Friday, nobody has told us officially", RUMOUR),
    ("Everyone is saying the Year 3 teacher hit a child and it's being covered up", RUMOUR),
    ("From what I'm hearing, the school is going to merge with the academy next year", RUMOUR),
    ("A gang is waiting outside the school to rob kids' phones, warn everyone", RUMOUR),
])
def test_the_kind_is_found(text: str, rule: str) -> None:
    assert rule in verdicts(text)


@pytest.mark.parametrize("text", [
    "You'll need your NI number for the free school meals form on the council site",
    "Mum it's me, wrong group sorry 🙈",
    "Ask the office for the PIN for the new gate",
    "There's a sickness bug going round, hope your kids are ok",
    "Mould in our bathroom again, any tips?",
    "Heard a rumour the trip is cancelled but the office says it's not true",
    "Keep an eye on your kids near the road, the crossing lady is off sick today",
    "PSA: someone is pretending to be a parent with a new number, don't send money",
    "Fines for holidays are on gov.uk if anyone wants to check: £80 per parent",
    "Can anyone buy a gift card for Miss Ali from all of us? I'll collect £2 each",
    "I made £40 at the car boot sale, message me if you want a pitch next time",
    "My number's changed, new one is 07900 111 222, Zara's mum, happy for class parents to text",
    "Survey from the PTA about the summer fair: bit.ly/pta-fair-survey",
    "Birthday party at the soft play centre, Unit 4, 22 Mill Road, everyone welcome",
    "Need the verification code for the app, where does it come?",
    "Kids dressed as book characters today, so cute",
    "Our card got declined at the uniform shop, had to pay cash instead lol",
    "I'll pay you back for the cinema tickets tomorrow x",
    "The headteacher's letter says holiday fines are now £80 per parent",
    "The head confirmed in assembly that the school is not closing, please stop sharing it",
    "Please share this: the school fair is on Saturday, all welcome!",
    "Trip deposit of £20 is due on ParentPay by Friday",
    "Beware, there's a fraud going round asking for deposits by bank transfer for puppies",
    "Thanks for sharing the pictures, the kids loved the trip",
    "My son has ADHD, any tips for homework?",
    "Autism awareness day is on Friday, wear blue",
    "Our daughter was diagnosed with autism last year, happy to chat to anyone going through it",
    "She has diabetes so the school keeps snacks in the office",
    "The PTA's JustGiving page for the library appeal is in the newsletter",
    "Sold my pram on Vinted, the money came through the app in 2 days",
    "Hi Year 3 parents! Collecting £5 each for Miss Ali's leaving gift, send to my bank "
    "20-11-22 12345678 or cash at pick up",
    "My husband works at the council, he says the road outside school will be resurfaced in "
    "August, the notice is on their site",
    "Be aware: the school gates will be locked at 8:50 from Monday, says the newsletter",
    "Call us on 0121 464 2000 to report an absence, from the school office",
    "Please forward me the form if anyone has it, I lost mine",
    "Can you screenshot the letter for me? I didn't get it",
    "Copy this to all your groups: lost cat, ginger, answers to Milo, near Park Road",
    "Hi mum (Jo), thanks for the lift today, see you tomorrow!",
    "Miss Thomas is gay-friendly and so supportive of all the kids",
    "The prison officer came to talk to Year 6 about careers",
    "Apparently the trip was brilliant, the kids loved it",
    "Please pay the £12 trip money to the PTA account 20-45-77 33445566 by Friday",
    "Is this your child's jumper? Found it by the gate",
    "Good morning everyone, I'm the new Year 4 class rep, I'll pass on messages from the school",
    "Late fines? There's no such thing, the attendance policy is on the website",
    "Apparently it's going to snow tomorrow, wrap the kids up warm!",
    "My car is the silver one, KN17 XPL, if it's in your way just knock",
])
def test_near_misses_stay_clean(text: str) -> None:
    assert verdicts(text) == {}


def test_a_short_link_is_judged_by_its_name() -> None:
    assert judge_link("bit.ly/secure-natwest-uk").level == 2
    assert judge_link("cutt.ly/uniform-grant").level == 2
    assert judge_link("bit.ly/pta-fair-survey").level == 1  # hides its target, says nothing more
    assert "name" in judge_link("bit.ly/tesco-voucher").why


def test_a_list_of_birth_dates_is_high_even_from_the_poster() -> None:
    got = verdicts("I've put the kids' birthdays in a list: Amelia 3/4/17, Oscar 9/9/17")
    assert got == {PERSONAL: Severity.HIGH}


def test_misinformation_stays_a_low_nudge() -> None:
    got = verdicts("Sab parents ko bataein: Friday ko school band rahega")
    assert got == {RUMOUR: Severity.LOW}
