"""The scam and personal-data kinds the third blind writer's batches (fresh_r20-r21) showed the
rules missing, in sentences of their own (never the batches' lines).

Scams: a relative's emergency passed on by a go-between ("her phone is off, she's at the
hospital") with an account to pay; a child's friend stranded without a wallet who repays
through the child; fake tech-support and purchase alerts that want a call to "our fraud team";
gift-card codes collected in the chat; money that "doubles in" months; a debt or a toll paid on
a "-debt" or "-settle" site; parking paid by scanning a QR code, or a fine; tickets, a holiday
home or insurance from a relative, paid "by bank transfer" straight to them; a "PE department"
wanting swimsuit photos; visas "through my contact at the embassy"; a guaranteed multiple for
an investment; a school "giving every child" a laptop for a fee on a new site; a job that needs
its training software bought first; a log-in code "sent to your number by mistake"; a
collection to a private account asked in Urdu ("bhej dein"). Personal data: another family's
immigration status, abuse at home, faith, benefits, a job lost for fraud, a child and the police,
health (a stroke, deafness, Down's syndrome, bed-wetting, anti-depressants), a talaq, photos of
registers, members lists, reports or bank statements, a child's or a teacher's social or dating
profile, the password for collecting a child, a child's test score, "the family at" an address,
police at a home, someone's bank given to pay them back, a child left on her own. And the
near-misses that share their words. The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import PERSONAL, SCAM, rules


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # someone's emergency told by a go-between, or a stranded friend of the child
        (
            "Salaam sister, your husband's phone is off, he's at the hospital after the crash and"
            " needs £250 now, send it to 20-45-67 12349876, I'm his colleague",
            SCAM,
        ),
        (
            "Hello auntie, it's Sami from Adam's football team, I lost my wallet at the away game,"
            " could you send £40 for a taxi and I'll give it to Adam at school",
            SCAM,
        ),
        # alerts that want a call back
        (
            "Windows Defender warning: your PC is infected. Call our support team on 0161 496 0000"
            " immediately or your files will be locked",
            SCAM,
        ),
        (
            "Apple: a payment of £899 was made on your account for a MacBook. If you did not make"
            " this purchase call our fraud team on 020 3000 1111",
            SCAM,
        ),
        # gift-card codes collected; money that doubles; a multiple guaranteed
        (
            "Class rep here, for the teacher's leaving present please send me a £5 Amazon gift card"
            " code each, I'll combine them",
            SCAM,
        ),
        (
            "My brother-in-law trades gold in Istanbul, your money doubles in 3 months, minimum £300,"
            " message me to join",
            SCAM,
        ),
        (
            "Amazing opportunity, put £500 into my friend's bakery and you'll get £1,500 back by"
            " Christmas, invest now, guaranteed",
            SCAM,
        ),
        # a debt or a toll to settle on a site named for it; parking paid by a scanned code
        (
            "Final reminder: unpaid lunch balance of £23.10, pay now to avoid legal action at"
            " lunch-arrears.uk",
            SCAM,
        ),
        ("Dart Charge: you have an unpaid crossing, pay £2.50 at dart-settle.com to avoid a penalty", SCAM),
        ("Fair parking is £2 today, pay by scanning the QR code on the gate or you'll be fined", SCAM),
        # a relative's goods paid by bank transfer straight to them
        (
            "2 tickets for the Arctic Monkeys, £120 each, my cousin can't go, pay by bank transfer"
            " and she'll email them",
            SCAM,
        ),
        (
            "My uncle's flat in Spain is free in July, £400 a week, pay him directly by bank transfer,"
            " no booking site",
            SCAM,
        ),
        # a department harvesting photos; a visa through a contact; a prize for a fee; a job's kit
        (
            "Hi all, I'm from the PE department, please send a full length photo of your child in"
            " their swimsuit with their full name for the gala",
            SCAM,
        ),
        (
            "Umrah visas still available through my contact at the embassy, £2,000 each, send a £500"
            " deposit and your passport",
            SCAM,
        ),
        (
            "Oakwood Primary is giving every Year 6 child a laptop for secondary, just pay £25 insurance"
            " at oakwood-laptops.com",
            SCAM,
        ),
        (
            "Online typing job, £18 an hour, you just buy the £39 training software first and it's"
            " refunded in your first pay",
            SCAM,
        ),
        # a log-in code sent "to your number by mistake"; a collection asked in Urdu
        (
            "Sorry hun, my Instagram keeps sending the login code to your number by mistake, can you"
            " forward it to me?",
            SCAM,
        ),
        (
            "Zakat ke liye naya account: sort code 11-22-33, account 44556677, isi account mein bhej dein",
            SCAM,
        ),
        # another family's status, home life, faith, money
        (
            "The Polish family in Year 5 don't have settled status, someone should tell the Home Office",
            PERSONAL,
        ),
        ("Ayesha's mum can't leave, her husband hits her when he drinks, please pray for her", PERSONAL),
        ("Police were at 7 Elm Close again last night, the kids could hear everything", PERSONAL),
        ("Just so you know, the Rashids are Ahmadi, be careful what you say around them", PERSONAL),
        ("Tom's dad earns loads and they still claim free school meals", PERSONAL),
        ("Sara's on Carer's Allowance for her daughter but she seems fine to me", PERSONAL),
        ("Daniel's mum lost her job at the council for fraud, that's why they moved", PERSONAL),
        # a child and the police; health; a divorce
        ("Jack was picked up by the police for shoplifting at the shopping centre", PERSONAL),
        ("Mia's brother got a youth caution for carrying a knife", PERSONAL),
        ("Omar's dad had a stroke last week, he's on ward 4 at the General", PERSONAL),
        ("Yusuf is deaf in one ear and has a hearing aid, his mum wants it kept quiet", PERSONAL),
        ("Amelia's baby sister was born with Down's syndrome, the family are heartbroken", PERSONAL),
        ("noah still wets the bed, his dad told me, that's why he's not going on the residential", PERSONAL),
        ("Hannah's mum is on anti-depressants and struggling, that's why she's always late", PERSONAL),
        ("Rubina's talaq is final now and her ex left her with all the debts", PERSONAL),
        # records shown: registers, lists, reports, statements
        ("[photo of the class register showing every child's attendance and absence reasons]", PERSONAL),
        (
            "[screenshot of the rugby club's members list with every parent's name and phone number]"
            " add them all",
            PERSONAL,
        ),
        ("Screenshot of another child's school report, her mum posted it in our family chat", PERSONAL),
        ("[photo of Grace's dad's bank statement found in the car park] whose is this?", PERSONAL),
        # profiles, a collection password, a test score
        ("Jasmine's TikTok is @jas.dance.2016, she's only 8 and posts from her bedroom", PERSONAL),
        ("Mrs Cole is on Tinder lol, here's a screenshot of her profile", PERSONAL),
        ("Her Facebook is facebook.com/amy.jones.991, see what she says about us", PERSONAL),
        ("The password for collecting Maisie is 'sunflower', her dad told me in case I'm late", PERSONAL),
        ("Ibrahim got 12 out of 40 in his mock SATs maths, his dad was fuming", PERSONAL),
        # homes pointed at, someone's bank, a child left alone
        (
            "The people who complained about the parking are the family at 23 Oak Drive, go and have a word",
            PERSONAL,
        ),
        (
            "The people who reported us to the council office, they're at 31 Ash Street, go round"
            " and tell them",
            PERSONAL,
        ),
        ("To pay Lena back for the cake stall, here's her bank: L Novak, 30-12-44, 87654321", PERSONAL),
        ("Ruby's mum leaves her on her own after school till 6, she's only 7", PERSONAL),
    ],
)
def test_the_kind_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # scams' words, with no money asked, the school's own way, or a warning
        "Her phone is off, she's at the hospital with the baby, can someone pick up Aisha at 3?",
        "I lost my wallet at sports day, if anyone finds a brown one please hand it to the office",
        "If you get a text saying a purchase was made on your account, ring the number on your card",
        "Raffle gift card codes are in the envelopes, collect them from the office",
        "Scan the QR code on the poster to buy fair tickets on ParentPay",
        "Bread dough doubles in size in an hour, perfect for the bake sale on Friday",
        "Selling a cot, £40, cash or by bank transfer on collection from Toller Lane",
        "Bookstart is giving every reception child a free book pack, bookstart.org.uk has the details",
        "Thanks to the PE department for a brilliant swimming gala, photos are on the website",
        # personal data's words, about the poster or nobody in particular
        "Talaq and khula: a free advice session at the Islamic centre on Saturday",
        "Deaf awareness week: the children are learning some sign language",
        "My son wets the bed too, it's really common at 7, don't worry",
        "Carer's Allowance rates go up in April, check gov.uk for the new amounts",
        "Police have said on their Facebook page that the van story is false",
        "Free school meals forms are on the council site, anyone can apply",
        "My dad had a stroke last year, happy to talk if anyone is going through it",
        "Ali's swimming stroke is amazing now, the lessons really paid off",
        "The asylum hotel on the ring road is closing, the council said on its website",
    ],
)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert rules(text) == set()


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Ella's T1kT0k is @ella.x.2015, she's 9", PERSONAL),
        ("Kyle was picked up by the p0lice for sh0plifting on Saturday", PERSONAL),
        ("S3nd me a £10 Amaz0n gift card c0de each for Miss's present", SCAM),
        ("Hi auntie its Zak from Ali's class, l0st my wallet, send £30 and I'll give it to Ali", SCAM),
    ],
)
def test_the_evasion_is_caught(text: str, rule: str) -> None:
    assert rule in rules(text)
