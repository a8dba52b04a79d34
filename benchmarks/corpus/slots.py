"""Slot fillers and voice transforms for the Iqra parent-group corpus (see PROVENANCE.md).

Every name, place and link here is invented for the corpus; any likeness to a real person is
chance. Templates use ``{slot}`` for a filler and ``[a|b|c]`` for an inline choice.
"""

from __future__ import annotations

import random
import re

STAFF = [
    "Mrs Khan", "Mr Rahman", "Miss Begum", "Mrs Patel", "Mr Hughes", "Ms O'Connor",
    "Mrs Kowalska", "Miss Ali", "Mr Iqbal", "Mrs Siddiqui", "Ustadh Bilal", "Sister Amina",
    "Mrs Akhtar", "Mr Thompson", "Miss Hussain", "Mrs Chaudhry", "Mr Evans", "Miss Shah",
    "Mrs Malik", "Mr Ahmed", "Ms Nowak", "Mrs Bashir", "Mr Clarke", "Miss Riaz",
]
ROLE = [
    "the class teacher", "the head", "the headteacher", "the deputy head", "the TA",
    "the new TA", "the SENCO", "the office lady", "the office staff", "the dinner ladies",
    "the PE teacher", "the Quran teacher", "the supply teacher", "the Year 4 teacher",
    "the reception teacher", "the lunchtime staff", "the admin team", "the maths teacher",
]
CHILD = [
    "Omar", "Aisha", "Zayn", "Maryam", "Jake", "Ellie", "Yusuf", "Safiya", "Bilal", "Hamza",
    "Zara", "Ibrahim", "Noor", "Adam", "Fatima", "Musa", "Hana", "Tyler", "Oliwia", "Amir",
    "Khadija", "Ayaan", "Sofia", "Rayyan", "Inaya", "Kacper", "Leah", "Idris",
]
CLASS = ["Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6", "Reception", "3B", "4R",
         "2K", "5H", "1S", "6A", "nursery"]
SUBJECT = ["maths", "phonics", "reading", "spellings", "science", "Quran", "Arabic", "PE",
           "handwriting", "times tables", "history", "RE", "swimming", "art"]
COMMUNITY = [
    "the Romanian families", "the Somali mums", "the Polish parents", "the Bengali lot",
    "the Pakistani families", "the Eastern Europeans", "the Afghan families",
    "the Traveller families", "the white British parents", "the converts", "the Arab families",
    "the Indian mums", "the African families", "the Gujarati lot", "the Mirpuri families",
    "the Sylheti families", "the new Syrian families", "the Kashmiri lot",
    "the Nigerian parents", "the Sikh families", "the Hindu families", "the English mums",
]
COMMUNITY_BARE = [
    "Romanians", "Somalis", "Poles", "Bengalis", "Pakistanis", "Eastern Europeans", "Afghans",
    "Travellers", "Arabs", "Indians", "Africans", "Gujaratis", "Mirpuris", "Syrians",
    "Nigerians", "Sikhs", "Hindus", "the English", "Bangladeshis", "Kurds",
]
PARENT = [
    "Omar's mum", "Aisha's dad", "that mum in 2B", "Zayn's mother", "Jake's dad",
    "one of the Year 4 mums", "Maryam's ammi", "Tyler's mum", "that dad with the black car",
    "Hamza's abbu", "the mum who runs the PTA", "Ellie's mum", "Bilal's father",
]
PLACE = ["the high street", "Farnham Road", "the M4", "the car park", "the A4", "Stoke Road",
         "the school gate", "the roundabout", "Tesco", "the Bath Road", "Wexham Road",
         "the town centre", "the bridge"]
DAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "next Monday", "the 14th",
       "Friday the 3rd"]
TIME = ["8:40", "3:15", "3.20", "9am", "2:30", "half 3", "8.45", "11:00", "1pm"]
ILLNESS = ["chickenpox", "a sickness bug", "the flu", "Strep A", "hand foot and mouth",
           "conjunctivitis", "a nasty cough", "tummy bug", "covid", "scarlet fever",
           "head lice", "a horrible cold", "norovirus", "slapped cheek"]
PARTY = ["Reform", "Labour", "the Tories", "the Greens", "the Lib Dems", "the Workers Party",
         "the Conservatives", "the independent candidate", "Starmer", "Farage",
         "the government", "the council"]
ISSUE = [
    "Gaza", "Palestine", "immigration", "the election", "Brexit", "the war", "Israel",
    "the Prime Minister", "the asylum hotels", "the boat crossings", "the cost of living",
    "the budget", "Kashmir", "the protests", "Trump", "the benefits cuts",
]
POLICY = [
    "the new uniform policy", "the lateness fines", "the homework policy", "the phone ban",
    "the packed lunch rules", "the new attendance policy", "the no-birthday-cake rule",
    "the behaviour policy", "the new pick-up system", "the ban on scooters",
    "the term-time holiday fines", "the no-jewellery rule", "the reading record rule",
    "the new lunch menu policy", "the PE kit rule", "the hijab rule for PE",
]
PRODUCT = ["eyelash extensions", "gel nails", "henna", "Avon", "Herbalife shakes",
           "birthday cakes", "Eid outfits", "abayas", "perfume", "candles", "hair threading",
           "kids party bags", "protein shakes", "skincare", "crypto trading", "Tupperware",
           "mehndi", "home-made samosas", "scented wax melts", "designer bags"]
URL_SCHOOL = [
    "https://www.iqra.slough.sch.uk/newsletters", "https://www.slough.gov.uk/admissions",
    "https://www.bbc.co.uk/bitesize/topics/zm", "https://www.timestables.co.uk",
    "https://www.spellingshed.com", "https://forms.office.com/r/Yr3trip",
    "https://www.iqra.slough.sch.uk/term-dates", "https://www.ttrockstars.com",
    "https://www.nhs.uk/conditions/chickenpox/", "https://www.oxfordowl.co.uk",
    "https://www.slough.gov.uk/school-holidays", "https://www.parentpay.com",
]
URL_SHOP = [
    "https://www.lashbyzee.co.uk", "https://amzn.to/3xYzQ", "https://www.etsy.com/shop/HennaHands",
    "https://shoebargains.example.co.uk", "https://www.sheinbargains.shop/deal",
    "https://bit.ly/glowskin", "https://www.depop.com/kidsclothes", "https://www.wish.com/deal",
    "https://www.abayahouse.shop", "https://linktr.ee/cakesbyhuma",
]
URL_SOCIAL = [
    "https://www.tiktok.com/@mumlife/video/7312", "https://www.instagram.com/reel/Cx9",
    "https://youtu.be/dQw4w9", "https://www.facebook.com/watch/?v=1029",
    "https://twitter.com/someone/status/1733", "https://vm.tiktok.com/ZGe4",
    "https://www.instagram.com/p/Bq7", "https://x.com/news/status/178",
]
URL_PETITION = ["https://www.change.org/p/save-the-leisure-centre",
                "https://petition.parliament.uk/petitions/70012",
                "https://www.change.org/p/stop-the-bypass", "https://www.38degrees.org.uk/p/nhs",
                "https://www.change.org/p/free-parking-slough"]
URL_FUND = ["https://www.gofundme.com/f/help-my-family", "https://www.justgiving.com/page/run-4-me",
            "https://www.gofundme.com/f/legal-fund-123", "https://www.launchgood.com/appeal/well",
            "https://gofund.me/4ac2"]
URL_NEWS = ["https://www.bbc.co.uk/news/uk-england-berkshire-67120", "https://www.sloughobserver.co.uk/news/24131",
            "https://www.getreading.co.uk/news/slough-roadworks-a4", "https://www.theguardian.com/education/2026/nov/12",
            "https://www.sloughexpress.co.uk/news/weather-warning"]
URL_MAPS = ["https://maps.app.goo.gl/Xr4tQ", "https://goo.gl/maps/legoland", "https://maps.google.com/?q=Salt+Hill+Park",
            "https://what3words.com/slid.token.hunt"]
URL_VIDEO = ["https://youtu.be/iqraNativity26", "https://www.youtube.com/watch?v=phonicsSong",
             "https://youtu.be/timesTables7", "https://www.youtube.com/watch?v=eidAssembly"]
#: Round six: more kinds of link, so that a link's kind is learnt beyond a handful of domains.
URL_BUSINESS = ["https://www.hassanplumbing.co.uk", "https://www.zaraslashes.co.uk",
                "https://www.khandrivingschool.com", "https://bakesbyayesha.wixsite.com/home",
                "https://www.primecarvalet.co.uk", "https://www.noorsbridal.co.uk",
                "https://www.snapbysana.com/portfolio", "https://www.umrahdeals4u.co.uk",
                "https://www.sloughtaxis24.co.uk/book", "https://www.alibaba-rugs.co.uk"]
URL_PROPERTY = ["https://www.rightmove.co.uk/properties/14829",
                "https://www.zoopla.co.uk/for-sale/details/6612",
                "https://www.spareroom.co.uk/flatshare/1987",
                "https://www.openrent.co.uk/property/slough/2231",
                "https://www.onthemarket.com/details/9930"]
URL_CRYPTO = ["https://www.binance.com/en/activity/referral/R88", "https://coinprofit-now.io/join",
              "https://www.bitget.com/ref/ZAHID", "https://t.me/cryptosignalsuk",
              "https://quantumedge-invest.com/start"]
URL_DEAL = ["https://www.hotukdeals.com/deals/kids-trainers-4412",
            "https://www.vouchercodes.co.uk/argos", "https://www.latestdeals.co.uk/deals/air-fryer",
            "https://refer.monzo.com/R7f2", "https://www.ubereats.com/invite/sana22",
            "https://share.octopus.energy/maple-hen-81", "https://www.temu.com/s/kids-deal"]
URL_PERSONAL = ["https://www.instagram.com/zainab.cooks", "https://www.tiktok.com/@hamzasdad",
                "https://www.facebook.com/groups/sloughmumsmarket", "https://linktr.ee/mumofthree",
                "https://www.youtube.com/@OurFamilyVlogsUK", "https://sanaswritings.blogspot.com",
                "https://www.amazon.co.uk/hz/wishlist/ls/3KQ9"]
URL_CLUB = ["https://www.sloughjuniorfc.co.uk/register", "https://www.scouts.org.uk/groups/slough-3rd",
            "https://www.girlguiding.org.uk/get-involved", "https://www.everyoneactive.com/centre/slough",
            "https://www.sloughlibraries.org.uk/summer-reading", "https://summerreadingchallenge.org.uk",
            "https://www.masjidslough.org.uk/madrasa"]
URL_TRIP = ["https://www.nhm.ac.uk/visit", "https://www.sciencemuseum.org.uk/see-and-do",
            "https://www.legoland.co.uk/school-trips", "https://www.rct.uk/visit/windsor-castle",
            "https://www.britishmuseum.org/learn/schools", "https://www.kew.org/kew-gardens/learning"]
URL_HEALTH = ["https://www.nhs.uk/vaccinations/flu-vaccine-for-children/", "https://111.nhs.uk",
              "https://www.nspcc.org.uk/keeping-children-safe/online-safety/",
              "https://www.ceop.police.uk/safety-centre", "https://www.nhs.uk/live-well/healthy-teeth-and-gums/"]
URL_COUNCIL = ["https://www.slough.gov.uk/holiday-activities-food", "https://www.gov.uk/apply-free-school-meals",
               "https://www.slough.gov.uk/secondary-school-admissions", "https://www.gov.uk/school-term-holiday-dates",
               "https://www.slough.gov.uk/road-safety-schools"]
URL_SCHOOL_SHOP = ["https://www.schoolwearuk.co.uk/iqra-slough", "https://www.myclothing.com/iqra",
                   "https://www.tempest-photography.co.uk/order", "https://www.iqra.slough.sch.uk/uniform"]
NUM = ["2", "3", "5", "10", "12", "15", "20", "25", "30", "45", "50", "100"]
PRICE = ["£5", "£10", "£15", "£20", "£25", "£30", "£35", "£2.50", "£40"]

SLOTS: dict[str, list[str]] = {
    "staff": STAFF, "role": ROLE, "teacher": STAFF + ROLE, "child": CHILD, "class": CLASS,
    "subject": SUBJECT, "community": COMMUNITY, "bare": COMMUNITY_BARE, "parent": PARENT,
    "place": PLACE, "day": DAY, "time": TIME, "illness": ILLNESS, "party": PARTY,
    "issue": ISSUE, "policy": POLICY, "product": PRODUCT, "url_school": URL_SCHOOL,
    "url_shop": URL_SHOP, "url_social": URL_SOCIAL, "url_petition": URL_PETITION,
    "url_fund": URL_FUND, "num": NUM, "price": PRICE, "url_news": URL_NEWS, "url_maps": URL_MAPS,
    "url_video": URL_VIDEO, "url_business": URL_BUSINESS, "url_property": URL_PROPERTY,
    "url_crypto": URL_CRYPTO, "url_deal": URL_DEAL, "url_personal": URL_PERSONAL,
    "url_club": URL_CLUB, "url_trip": URL_TRIP, "url_health": URL_HEALTH, "url_council": URL_COUNCIL,
    "url_school_shop": URL_SCHOOL_SHOP,
}

_CHOICE = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: random.Random) -> str:
    """A template with every inline choice made and every slot filled."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = _SLOT.sub(lambda m: rng.choice(SLOTS[m.group(1)]), text)
    text = re.sub(r"  +", " ", text).strip()
    return text[:1].upper() + text[1:] if text[:1].islower() and rng.random() < 0.6 else text


# -- voices ---------------------------------------------------------------------------------

_TEXTSPEAK = [(r"\byou\b", "u"), (r"\byour\b", "ur"), (r"\byou're\b", "ur"), (r"\bare\b", "r"),
              (r"\bplease\b", "pls"), (r"\bthanks\b", "thx"), (r"\bbecause\b", "coz"),
              (r"\btomorrow\b", "2moro"), (r"\btonight\b", "2nite"), (r"\bpeople\b", "ppl"),
              (r"\bsomeone\b", "sum1"), (r"\bknow\b", "kno"), (r"\bwhat\b", "wat"),
              (r"\bthe\b", "da"), (r"\bwith\b", "wiv"), (r"\bbefore\b", "b4"),
              (r"\bgreat\b", "gr8"), (r"\bmessage\b", "msg"), (r"\bdon't\b", "dont"),
              (r"\bcan't\b", "cant"), (r"\bI'm\b", "im"), (r"\bnothing\b", "nuthin")]
GREETINGS = ["Assalamualaikum sisters,", "Salam all,", "AoA everyone", "Asalam o alaikum,",
             "Salaam ladies", "Hi all,", "Morning all", "Hello everyone,", "Hiya,", "Slm,",
             "Assalamu alaikum wa rahmatullah,", "Good evening parents,", "Hey ladies"]
CLOSINGS = ["Jazakallah khair", "JazakAllah", "inshallah", "thanks x", "x", "xx",
            "Kind regards", "Thank you", "ty", "Allah hafiz", "wassalam", "ameen"]
FILLERS = ["yaar", "bas", "na", "acha", "uff", "wallahi", "honestly", "seriously", "tbh",
           "literally", "bhai", "behan", "ji", "mashallah", "astaghfirullah", "inshallah"]
EMOJI_CALM = ["🙏", "😊", "👍", "💕", "🌙", "✨", "😄", "🤲", "❤️", "😂"]
EMOJI_HOT = ["😡", "🙄", "🤬", "😤", "🤦‍♀️", "😠", "💀", "😒", "👎", "😭"]


def _typo(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = rng.choice([w[:j] + w[j + 1] + w[j] + w[j + 2:], w[:j] + w[j + 1:],
                           w[:j] + w[j] + w[j:]])
    return " ".join(words)


def _l2(text: str, rng: random.Random) -> str:
    """British English as often written by second-language speakers."""
    out = re.sub(r"\bthe (\w+) is\b", r"\1 is", text, count=1) if rng.random() < 0.5 else text
    out = re.sub(r"\bI have\b", "I am having", out, count=1)
    out = re.sub(r"\bdoesn't\b", "is not", out)
    out = re.sub(r"\bdon't\b", "are not", out) if rng.random() < 0.3 else out
    tail = rng.choice([" only", " itself", " na", ", kindly look into it", " no?", ""])
    return out.rstrip(".!") + tail


VOICES = ("plain", "textspeak", "l2", "urdu_mix", "formal", "emoji", "typo", "caps", "lower")


def voice(text: str, rng: random.Random, hot: bool) -> tuple[str, str]:
    """The text in a random voice, and the voice's name."""
    name = rng.choices(VOICES, weights=(4, 3, 2, 3, 1, 2, 2, 1 if hot else 0, 2))[0]
    if name == "textspeak":
        low = text.lower()
        for pat, rep in _TEXTSPEAK:
            if rng.random() < 0.7:
                low = re.sub(pat, rep, low)
        text = low.replace("'", "").rstrip(".")
    elif name == "l2":
        text = _l2(text, rng)
    elif name == "urdu_mix":
        if rng.random() < 0.6:
            text = f"{rng.choice(GREETINGS[:6])} {text[:1].lower()}{text[1:]}"
        words = text.split(" ")
        words.insert(rng.randrange(1, len(words) + 1), rng.choice(FILLERS))
        text = " ".join(words)
        if rng.random() < 0.4:
            text += " " + rng.choice(CLOSINGS[:3] + CLOSINGS[-2:])
    elif name == "formal":
        text = f"{rng.choice(['Dear all,', 'Dear parents,', 'Good morning,', 'Hello all,'])} " \
               f"{text}{'' if text.endswith(('.', '?', '!')) else '.'} " \
               f"{rng.choice(['Kind regards', 'Many thanks', 'Best wishes', 'Thank you'])}"
    elif name == "emoji":
        text += " " + "".join(rng.choices(EMOJI_HOT if hot else EMOJI_CALM, k=rng.randint(1, 3)))
    elif name == "typo":
        text = _typo(text, rng)
    elif name == "caps":
        text = text.upper() + rng.choice(["!!!", "!!", "", "?!"])
    elif name == "lower":
        text = text.lower().rstrip(".")
    return text, name
