"""`safety.personal-data`: someone else's personal data posted in the group.

Home addresses and postcodes, personal phone numbers (not the school's published ones), dates
of birth, NHS numbers, car registrations, card numbers and personal e-mail addresses. Whose data
it is decides: the poster's own offer ("happy to be messaged on 07...") is not a breach, nor is
an office, a shop or a venue; someone else's ("her number is", "Sarah's address", "call Ayesha
on") is. Severity by kind: addresses, dates of birth, NHS and card numbers, and a member of
staff's personal number are high; other phone numbers, car registrations and e-mails medium.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from civility.context import PolicyContext
from civility.plugins.safety.content import (
    CALL_NAME,
    CAR_REG,
    CARD,
    DATE,
    EMAIL,
    FAMILY,
    FIRST,
    NAMED_ADDRESS,
    NHS_NUMBER,
    NI_NUMBER,
    PASSPORT_NUMBER,
    PHONE,
    POSTCODE,
    STREET,
    STREET_NAME,
    THIRD,
    Signals,
    as_digits,
    luhn,
    nhs_checksum,
    possessives,
    spelled_digits,
)
from civility.plugins.safety.rules import BY_ID, PERSONAL_DATA
from civility.plugins.safety.settings import phone_digits
from civility.verdicts import Evidence, Severity, Verdict

_ROLE_MAILBOXES = ("office", "admin", "info", "enquiries", "enquiry", "head", "reception",
                   "contact", "hello", "bursar", "finance", "senco", "safeguarding", "attendance",
                   "school", "pta", "governors", "clerk", "admissions", "noreply", "no-reply")
_GENERIC_HOME = frozenset({"live at", "live on", "live in", "address is", "house is", "flat is",
                           "home address", "house number", "door number", "moved to"})
_THEIRS_BEFORE = re.compile(r"\b(?:her|his|their|[A-Za-z]{2,20}['’]s)\b", re.I)
#: A first name just before a number in a list ("Sana 07700 ...", "Sana: 07700 ...").
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]{1,20}:? ?$")
#: Someone named or pointed at just before a number: "is Darren Cole, 07722 ...",
#: "the dad who shouted ... 07722".
_PERSON_BEFORE = re.compile(
    r"\b(?:[A-Z][a-z]{1,20} (?!(?:Road|Rd|Street|St|Avenue|Lane|Close|Drive|Way|Park|Centre|"
    r"Hall|School|Shop|Station|Parade)\b)[A-Z][a-z]{1,20}|(?i:the|that|this) (?i:dad|mum|mother|father|man|"
    r"woman|lady|guy|bloke|parent|couple|grandad|nan))\b")
#: Someone else at the wheel: "whoever drives KN17 XPL", "the owner of".
_DRIVER = re.compile(r"\b(?:whoever|whose|owner|drives|driver)\b", re.I)
#: A bank sort code, with the words naming it.
SORT_CODE = re.compile(r"(?<![\d-])\d\d[- ]\d\d[- ]\d\d(?![\d-])")
#: "her bank: ...", "his bank is": whose bank details follow.
_THEIR_BANK = re.compile(r"\b(?:her|his|their) bank\b")
#: A flat or house number said without its street ("lives in the flats, flat 14").
_HOUSE_NUMBER = re.compile(r"\b(?:flat|number|no|house|room) \d{1,4}[a-z]?\b", re.I)
_VIA_OFFICE = ("through the office", "via the office", "through reception", "via reception")
_FREEPHONE = ("0800", "0808", "0300", "0330", "0345", "0333", "0370", "0843", "0844", "0845",
              "0870", "0871", "0111", "0999")


def _verdict(severity: Severity, confidence: float, evidence: list[Evidence]) -> Verdict:
    rule = BY_ID[PERSONAL_DATA]
    return Verdict(PERSONAL_DATA, rule.clause, severity, confidence, tuple(evidence[:4]))


def judge(s: Signals, context: PolicyContext) -> Verdict | None:
    text = s.text
    if "@" not in text and not s.digits and not spelled_digits(text) \
            and "live" not in text \
            and not s.has("condition", "private_life", "shared_record", "special", "routine"):
        return None
    toks = s.tokset
    third = not THIRD.isdisjoint(toks)
    owner = possessives(text)
    found: list[tuple[Severity, float, list[Evidence]]] = []
    for check in (_card, _nhs, _ids, _dob, _address, _phone, _car, _email, _bank, _condition,
                  _private_life, _shared_record, _told_of_someone):
        got = check(s, context, third, owner)
        if got is not None:
            found.append(got)
    if not found:
        return None
    severity = max(f[0] for f in found)
    confidence = max(f[1] for f in found)
    return _verdict(severity, confidence, [e for f in found for e in f[2]])


Found = tuple[Severity, float, list[Evidence]] | None


def _own(s: Signals, third: bool, owner: list[Evidence]) -> bool:
    """The poster's own data: said in the first person, about nobody else."""
    return not owner and not s.has("phone_other", "home_other") and (
        s.has("own_offer", "home_own") or (not third and not FIRST.isdisjoint(s.tokset)))


def _card(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    if s.digits < 13:  # (a card number has 13-19)
        return None
    for m in CARD.finditer(s.text):
        digits = "".join(c for c in m.group(0) if c.isdigit())
        if 13 <= len(digits) <= 19 and luhn(digits) and len(set(digits)) > 2:
            return (Severity.HIGH, 0.8, [Evidence("card-number", m.group(0)[:4] + "…", m.start(),
                                                  m.end(), "a payment card number")])
    return None


def _nhs(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    if not s.has("nhs"):
        return None
    for m in NHS_NUMBER.finditer(s.text):
        digits = "".join(c for c in m.group(0) if c.isdigit())
        said = any(e != "nhs" for e in s.found.get("nhs"))
        if (said or nhs_checksum(digits)) and not digits.startswith("0"):
            if _own(s, third, owner) and not third and not _RECORD_OF_SOMEONE.search(s.text):
                return None
            return (Severity.HIGH, 0.85, [Evidence("nhs-number", m.group(0), m.start(), m.end(),
                                                   "an NHS number")])
    return None


#: A record that names whose it is ("Patient: Tanvi Sharma", "lost on the bus: Oscar Wilkes,
#: DOB ..."): another person's, even when the poster speaks in the first person.
_RECORD_OF_SOMEONE = re.compile(r"\b(?i:patient|pupil|child|name)\s?:"
                                r"|:\s?[A-Z][a-z]{1,20} [A-Z][a-z]{2,20}\b")


_ID_WORDS = {"passport": PASSPORT_NUMBER, "national insurance": NI_NUMBER, "ni number": NI_NUMBER,
             "nino": NI_NUMBER}


def _ids(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    """A passport or National Insurance number, said to be one."""
    low = s.nt.text
    for word, pattern in _ID_WORDS.items():
        if word not in low:
            continue
        m = pattern.search(s.text)
        if m is not None and not _own(s, third, owner):
            return (Severity.HIGH, 0.8, [Evidence("id-number", m.group(0)[:3] + "…", m.start(),
                                                  m.end(), f"a {word} number")])
    return None


def _dob(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    if s.digits < 4:  # (the shortest date, "1/2/15", has 4)
        return None
    named_dates = [m for m in DATE.finditer(s.text) if _NAME_BEFORE.search(
        s.text[max(0, m.start() - 22):m.start()]) and _year(m.group(0), s.message.time.year)
                   < s.message.time.year - 2]
    if len(named_dates) >= 2:  # "Amir 13/06/2017, Bella 02/09/2017": children's birth dates
        m = named_dates[0]
        return (Severity.HIGH, 0.8, [Evidence("date", m.group(0), m.start(), m.end(),
                                              "dates of birth")])
    if not s.has("dob"):
        return None
    said = s.found.get("dob")
    strict = any(e in ("date of birth", "dob", "d o b", "birth date", "birthdate") for e in said)
    this_year = s.message.time.year
    dates = list(DATE.finditer(s.text))
    if len({m.group(0) for m in dates if _year(m.group(0), this_year) < this_year}) >= 2:
        # a list of birth dates is other people's, whoever posts it
        m = dates[0]
        return (Severity.HIGH, 0.85, [*s.ev("dob"), Evidence("date", m.group(0), m.start(),
                                                           m.end(), "dates of birth")])
    for m in dates:
        year = _year(m.group(0), this_year)
        # "born" or "birthday" with this year's date is a party or a new baby, not a birth date.
        if not (strict or year < this_year):
            continue
        if _own(s, third, owner) and not _RECORD_OF_SOMEONE.search(s.text):
            return None
        return (Severity.HIGH, 0.8, [*s.ev("dob"), Evidence("date", m.group(0), m.start(),
                                                           m.end(), "a date of birth")])
    return None


def _year(date: str, this_year: int) -> int:
    if date[:4].isdigit():  # 1984-06-02
        return int(date[:4])
    tail = date.rstrip()[-4:]
    if tail.isdigit():
        return int(tail)
    two = int(date.rstrip()[-2:])
    century = this_year // 100 * 100
    return century + two if century + two <= this_year else century - 100 + two


def _address(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    spans = [Evidence("street-address", m.group(0), m.start(), m.end(), "a street address")
             for m in STREET.finditer(s.text)] if s.digits else []  # (a number, then the street)
    if s.digits >= 2:  # (a postcode has 2-3)
        spans += [Evidence("postcode", m.group(0), m.start(), m.end(), "a postcode")
                  for m in POSTCODE.finditer(s.text)]
    said = set(s.found.get("home_other"))
    if not spans and said and not s.has("home_own"):
        # "she lives above the chemist on Albert Street": a home placed without its number
        street = STREET_NAME.search(s.text) or _HOUSE_NUMBER.search(s.text)
        spans = [Evidence("street-address", street.group(0), street.start(), street.end(),
                          "where someone lives")] if street else []
    if not spans:
        return None
    if s.has("home_own"):
        said -= _GENERIC_HOME  # "I live at": the poster's own
    others = bool(said) or bool([e for e in owner if _about_home(e.match)])
    if s.has("home_own") and not others:
        return None  # "I live at ...": the poster's own (first person alone is not enough)
    if others:
        return (Severity.HIGH, 0.85, [*spans[:2], *s.ev("home_other"), *owner[:1]])
    family = [Evidence("family", m.group(0), m.start(), m.end(), "another family")
              for m in FAMILY.finditer(s.text)]
    named = NAMED_ADDRESS.search(s.text) if not family else None
    if named is not None:
        family.append(Evidence("named", named.group(0), named.start(), named.end(),
                               "someone's address"))
    venue = _venue_near(s, spans[0])
    if (third or family) and not venue and (spans[0].detector == "street-address" or family):
        return (Severity.HIGH, 0.7, [*spans[:2], *family[:1]])
    homes = {e.match.lower() for e in spans if e.detector == "street-address"}
    postcodes = {e.match.upper().replace(" ", "") for e in spans if e.detector == "postcode"}
    if (len(homes) >= 2 or len(postcodes) >= 2) and not venue \
            and not s.has("home_own", "own_offer"):
        return (Severity.HIGH, 0.7, spans[:2])  # a list of homes, or of postcodes
    return None


def _venue_near(s: Signals, span: Evidence) -> bool:
    """A venue or an office named beside the address ("Party at Gambado, 1 Bath Road"): a
    place, not a home. A word far away ("suing the school") does not make it one."""
    return any(e.start < 0 or (e.start >= span.start - 40 and e.start <= span.end + 20)
               for e in s.ev("venue", "office") if e.match.lower() not in _NOT_VENUES
               # "101 Bridgewater Rd": a house number, not the police line
               and not (e.match.isdigit() and STREET.match(s.text, e.start)))


#: Office words that are no place of their own: "police were at 19 Byron Close" is a home.
_NOT_VENUES = frozenset({"police"})


def _about_home(match: str) -> bool:
    low = match.lower()
    return any(w in low for w in ("address", "house", "home", "flat", "postcode", "family"))


def phone_numbers(read: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each phone number and its digits in ``read``, a text whose numbers spelt out or in
    keycaps are read as digits (`as_digits`)."""
    for m in PHONE.finditer(read):
        yield m, phone_digits(m.group(0))


#: The poster's own number, said so.
_OWN_NUMBER = re.compile(r"\b(?:my|your) own number\b|\bmine is\b")


def _phone(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    published = s.settings.school_phones
    numbers = []
    read = as_digits(s.text)
    plain = read == s.text
    if plain and s.digits < 10:  # (a UK number has 10 or 11)
        return None
    for m, digits in phone_numbers(read):
        if digits in published or digits.startswith(_FREEPHONE) or not 10 <= len(digits) <= 11:
            continue
        start, end = (m.start(), m.end()) if plain else (-1, -1)  # spelt out: no span
        numbers.append(Evidence("phone-number", m.group(0), start, end, "a phone number"))
    if not numbers:
        return None
    named = [Evidence("named", m.group(0), m.start(), m.end(), "someone else's number")
             for m in CALL_NAME.finditer(s.text)]
    phone_owner = [e for e in owner if not _about_home(e.match) or "family" in e.match.lower()]
    said = set(s.found.get("phone_other"))
    if _OWN_NUMBER.search(s.nt.text):
        said -= {"own number"}  # "my own number 07...", "send your own number, mine is 07..."
    other = bool(said) or bool(phone_owner) or bool(named)
    if not other and not s.has("own_offer", "new_number") and FAMILY.search(s.text):
        named = [Evidence("family", m.group(0), m.start(), m.end(), "another family's number")
                 for m in FAMILY.finditer(s.text)][:1]
        other = bool(named)
    # "101" or "111" inside a number is not the police or NHS line
    office = any(not w.isdigit() for w in s.found.get("office"))
    if not other and third and not s.has("own_offer", "new_number") and not office:
        other = True  # "her number is 07...": said of someone else, by nobody offering their own
    if not other and not s.has("own_offer", "new_number") and not office and numbers[0].start > 0:
        pointed = _PERSON_BEFORE.search(read[max(0, numbers[0].start - 60):numbers[0].start])
        if pointed is not None:
            named = [Evidence("named", pointed.group(0), detail="someone else's number")]
            other = True
    if not other and len({e.match for e in numbers}) >= 2 and not s.has("own_offer") \
            and not office:
        listed = [e for e in numbers
                  if e.start > 0 and _NAME_BEFORE.search(read[max(0, e.start - 25):e.start])]
        other = len(listed) >= 2  # "Ali 07700 111222, Sana 07700 333444": a list of people's
    if not other:
        return None  # the poster's own, an office's, a shop's: not someone else's personal data
    staff = s.has("staff")
    personal = any(e in ("personal number", "personal mobile", "private number", "personal phone",
                         "home number", "home phone") for e in s.found.get("phone_other"))
    severity = Severity.HIGH if staff or personal else Severity.MEDIUM
    if office and not (personal or s.has("phone_other") or phone_owner):
        return None
    if any(w in s.nt.text for w in _VIA_OFFICE):
        return None  # "contact her through the office on ...": the office's number
    return (severity, 0.8, [*numbers[:1], *s.ev("phone_other"), *phone_owner[:1], *named[:1]])


#: The poster's household's car ("my car's", "my husband's car is"), not someone else's.
_MY_CAR = re.compile(r"\bmy (?:[a-z]{2,12}['’]s )?(?:car|reg|registration|van)\b", re.I)


def _car(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    if not s.has("car") or not s.digits:
        return None
    for m in CAR_REG.finditer(s.text):
        # "her registration is ...", "his car, reg ...": whose it is, said just before it
        before = s.text[max(0, m.start() - 30):m.start()]
        theirs = (_THEIRS_BEFORE.search(before) and not _MY_CAR.search(before)) \
            or _DRIVER.search(before) or FAMILY.search(s.text)
        if not theirs and (_MY_CAR.search(before) or "my car" in s.found.get("own_offer")
                           or "my reg" in s.found.get("own_offer")):
            return None
        return (Severity.MEDIUM, 0.75, [Evidence("car-registration", m.group(0), m.start(),
                                                 m.end(), "a car registration")])
    return None


def _email(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    if "@" not in s.text:
        return None
    email_owner = [e for e in owner if "mail" in e.match.lower()]
    said = set(s.found.get("phone_other"))
    if "my work email" in s.nt.text:
        said.discard("work email is")  # "my work email is ...": the poster's own
    other = email_owner or any("email" in e for e in said)
    if not other and not (third and s.has("staff")):
        return None if s.has("own_offer") else _email_list(s, context)
    first = next(_personal_emails(s, context), None)
    return None if first is None else (Severity.MEDIUM, 0.75, [first, *email_owner[:1]])


def _email_list(s: Signals, context: PolicyContext) -> Found:
    """Several people's personal e-mail addresses posted together (a class list)."""
    personal = list(_personal_emails(s, context))
    if len({e.match.lower() for e in personal}) < 2:
        return None
    return (Severity.MEDIUM, 0.75, personal[:2])


def _personal_emails(s: Signals, context: PolicyContext) -> Iterator[Evidence]:
    """The e-mail addresses in the message that are not the school's or a role mailbox."""
    known = {context.school.contact_email.lower(), context.school.leadership_email.lower()}
    school_domain = s.settings.school_domain
    for m in EMAIL.finditer(s.text):
        address = m.group(0).lower()
        local, _, domain = address.partition("@")
        if address in known or (school_domain and domain.endswith(school_domain)) \
                or local.startswith(_ROLE_MAILBOXES):
            continue
        yield Evidence("email-address", m.group(0), m.start(), m.end(), "a personal e-mail address")


def _bank(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    """Someone else's sort code or account number ("her sort code is 30-99-50")."""
    low = s.nt.text
    if "sort code" not in low and "account number" not in low and not (
            ("bank details" in low or " sort " in low or _THEIR_BANK.search(low))
            and SORT_CODE.search(s.text)):
        return None
    m = SORT_CODE.search(s.text) or PASSPORT_NUMBER.search(s.text) or re.search(
        r"(?<!\d)\d{8}(?!\d)", s.text)
    if m is None or not (third or owner or FAMILY.search(s.text)) or _own(s, third, owner) \
            or s.has("office"):
        return None
    return (Severity.HIGH, 0.75, [Evidence("bank-details", m.group(0)[:2] + "…", m.start(),
                                           m.end(), "someone's bank details"), *owner[:1]])


#: Someone said to have a condition: a person (a name, or "her son") and a verb just before it
#: ("he has" alone may be the poster's own child).
_HAS_CONDITION = re.compile(
    r"\b(?:(?!(?:The|This|That|There|Anyone|Does|Is|Has|Our|My|If|When|Please|Any|She|He|They|"
    r"It|We|I|You|No|Yes|So|But|And|Hi|Hello)\b)[A-Z][a-z]{1,20}|(?:his|her|their) [a-z]{2,12})"
    r"(?:['’]s)?\b[^.!?\n]{0,30}?\b(?:has|have|had|"
    r"is|was|got|gets|takes|having|going through|been|diagnosed with|with|under|in)"
    r"(?: an?| the| on)?"
    r"(?: [a-z]{1,20}){0,2} ?$")
_MINE = re.compile(r"\b(?:my|our) (?:son|daughter|child|kid|kids|boy|girl|children|little one)\b|"
                   r"\bi (?:have|had|am|was|got)\b|\bim\b", re.I)
#: Capitalised words that are not names ("Autism awareness day is ...").
_NOT_NAMES = frozenset({"autism", "adhd", "mental", "anxiety", "depression", "diabetes",
                        "epilepsy", "cancer", "social", "foster", "the", "this", "that", "there",
                        "anyone", "does", "is", "has", "our", "my", "if", "when", "please", "any",
                        "world", "awareness", "national", "school", "children", "parents",
                        "she", "he", "they", "it", "we", "i", "you", "no", "yes", "im", "mum",
                        "mom", "moms", "mums", "dad", "dads", "so", "but", "and", "hi", "hello"})


def _condition(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]) -> Found:
    """Another person's health or care ("Ahmed has ADHD", "Leo is under social services")."""
    if not s.has("condition"):
        return None
    text = s.text
    if _PARENT_SPEAKING.search(text):
        return None  # "Kacper has autism, I'm his mum": the parent's own child
    for e in s.ev("condition"):
        if e.start < 0 or text[e.end:e.end + 1] == "-":  # "gay-friendly", "cancer-free"
            continue
        before = text[max(0, e.start - 50):e.start]
        m = _HAS_CONDITION.search(before)
        if m is None or _MINE.search(before):
            continue
        opener = m.group(0).split()[0].lower()
        # "Taking paracetamol in pregnancy causes autism": a verb opening, nobody named
        if opener in _NOT_NAMES or opener.endswith("ing"):
            continue
        return (Severity.HIGH, 0.75, [Evidence("health", e.match, e.start, e.end,
                                               "someone's health or care")])
    return None


#: Who a private detail is about, when named first ("Lily in Year 4 walks home alone").
_FIRST_NAME = re.compile(r"^(?:The |Mrs |Mr |Miss |Ms )?([A-Z][a-z]{2,20})\b")
#: The poster's own household ("my son", "our house", "we're away").
_OWN_LIFE = re.compile(
    r"\b(?:my|our) (?:son|daughter|child|kid|kids|boy|girl|children|little one|house|home|flat|"
    r"husband|wife|partner|mum|dad|mother|father|family|own|cousin|brother|sister|uncle|aunt|"
    r"auntie|nan|grandad|grandma)\b|\b(?:i|we)(?:['’](?:m|re|ve|ll))?"
    r" (?:have|had|am|was|were|are|get|work|leave|walk|live|fly|go)\b|\bi['’]?m\b|\bwe['’]re\b",
    re.I)
#: Someone else's child ("my neighbour's daughter"), not the poster's ("my daughter").
_OTHERS_CHILD = re.compile(r"\b(?!(?i:my|our)\b)[A-Za-z]{2,20}['’]s (?:daughter|son|kid|child|boy|girl)\b")
#: Someone else's parent ("his mum told me", "her dad doesn't want anyone to know").
_THEIR_PARENT = re.compile(
    r"\b(?:his|her|their) (?:mum|dad|mother|father|parents|nan|husband|wife)\b", re.I)
_FIRST_PEOPLE = frozenset({b"i", b"im", b"ive", b"my", b"me", b"we", b"our", b"us", b"were",
                           b"weve", b"mine"})


def _private_life(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]
                  ) -> Found:
    """Someone else's whereabouts or routine (when a house is empty, a child who walks home
    alone), legal status, criminal record or intimate care, posted about them."""
    if not s.has("private_life", "condition"):
        return None
    text = s.text
    found = [e for e in s.ev("private_life") if not _public_work(text, e)]
    record = set(s.found.get("condition")) & _RECORD_WORDS
    others = bool(owner) or FAMILY.search(text) is not None \
        or _OTHERS_CHILD.search(text) is not None or _THEIR_PARENT.search(text) is not None
    # The poster's own life ("we're away till the 5th") is theirs to tell; another's record
    # stays theirs even beside "I'm" ("her mum told me, so if I'm late ...").
    if _OWN_LIFE.search(text) and not (record and others and not found):
        return None
    named = _FIRST_NAME.match(text)
    first = named.group(1).lower() if named is not None else ""
    person = others or (
        named is not None and first not in _NOT_NAMES and first not in _NOT_A_PERSON
        # a capitalised opening that is the record's own word is no name ("Deaf awareness")
        and not any(w.startswith(first) for e in record for w in e.split())) or (
        # ("if your child's on Snap Map, ... their location": advice to every reader)
        third and _FIRST_PEOPLE.isdisjoint(s.tokset) and b"your" not in s.tokset)
    if not person:
        return None
    if not found and record:
        found = s.ev("condition")
    if not found:
        return None
    return (Severity.HIGH, 0.7, [Evidence("private-life", found[0].match, found[0].start,
                                          found[0].end, "someone's private life")])


#: Condition entries about status, record or intimate care (the rest need `_condition`'s
#: tighter reading).
_RECORD_WORDS = frozenset({
    "expired visa", "on a visa", "visa ran out", "visa has expired", "claiming asylum",
    "overstayed", "no papers",
    "dont have papers", "deported", "undocumented", "conviction", "convicted", "did time",
    "was inside", "inside for", "suspended sentence", "served time", "on probation", "abortion",
    "antidepressants", "dialysis", "camhs", "bed wetting", "bedwetting", "pull ups", "pullups",
    "inject her", "inject him", "miscarriage", "self harm", "in prison", "criminal record",
    "psychiatric", "rehab", "sectioned", "is adopted", "was adopted", "birth name",
    "in a refuge", "a refuge", "divorce", "custody hearing", "custody", "family court",
    "crown court", "final written warning", "written warning", "has a record",
    "record for assault", "jail mein", "court ki tareekh", "expired visas", "universal credit",
    "about neglect", "for neglect", "neglect case", "social services came", "alarm code",
    "going through ivf", "heart condition", "diagnosed with",
    "taken into care", "social worker", "social services were", "evicted", "getting evicted",
    "were evicted", "bailiffs", "on benefits", "claims benefits", "getting divorced", "divorced",
    "court order", "in court", "isnt allowed contact", "not allowed contact", "no contact order",
    "young offenders", "young offenders institution", "isnt vaccinated", "not vaccinated",
    "anti vax", "antivax", "type 1 diabetes", "type 2 diabetes", "cant get a visa",
    "dropped out", "had to drop out", "drink driving", "on bail", "restraining order",
    "non molestation order", "temporary accommodation", "sofa surfing",
    # round seven: status, abuse at home, faith, benefits, a record, health, a collection word
    "spouse visa", "on a spouse visa", "settled status", "no settled status",
    "to the home office", "leave to remain", "no recourse to public funds", "asylum seeker",
    "asylum seekers", "seeking asylum", "asylum claim", "asylum decision", "asylum case",
    "asylum interview", "husband hits her", "hits her",
    "beats her", "hitting her", "hes hitting her", "domestic abuse", "domestic violence",
    "is ahmadi", "are ahmadi", "are ahmadis", "ahmadi", "ahmadis", "left islam", "ex muslim",
    "converted to", "claims free school meals", "gets free school meals",
    "claim free school meals", "claiming free school meals",
    "on free school meals", "carers allowance", "on carers allowance", "claims pip", "on pip",
    "disability living allowance", "for fraud", "lost her job", "lost his job",
    "all the debts", "in debt", "debts", "shoplifting",
    "for shoplifting", "picked up by the police", "youth caution", "a caution for",
    "police caution", "carrying a knife", "had a stroke", "a stroke", "deaf", "deaf in one ear",
    "hearing aid", "downs syndrome", "down syndrome", "born with", "wets the bed",
    "wetting the bed", "wet the bed", "anti depressants", "talaq", "ehcp", "pda",
    "password for collecting", "password to collect", "collection password",
    "pick up password", "pickup password", "safe word"})
#: Capitalised openings that are not a person ("Heating's fixed", "Swimming kit").
_NOT_A_PERSON = frozenset({
    "heads", "congrats", "congratulations", "well", "swimming", "heating", "reminder", "here",
    "just", "thank", "thanks", "lost", "parents", "school", "sorry", "happy", "anyone", "does",
    "can", "could", "would", "will", "did", "what", "where", "when", "who", "why", "how",
    "selling", "free", "police", "ramadan", "trip", "year", "class", "new", "our", "their",
    "dont", "never", "always", "ignore", "careful", "please", "also", "reception", "nursery",
    "citizens", "diabetes", "ofsted", "measles", "flu", "vaccination", "term", "exam", "fun",
    "lunch", "after", "before", "morning", "evening", "today", "tomorrow", "tonight", "kids",
    "boys", "girls", "everyone", "somebody", "someone", "nobody", "mums", "dads", "cake",
    "easy", "urgent", "dear", "hello", "hiya", "hey", "good", "great", "lovely", "apparently",
    "trampoline", "puppy", "passport", "birth", "amazon", "tooth", "has", "have", "yes", "not",
    "visa", "there", "this", "that", "these", "those", "some", "all", "any", "both", "each",
    "universal", "stroke", "deaf", "autism", "adhd", "asylum", "forwarded",
})
#: The word before "works at" that makes it building works, not somebody's job.
_NOT_A_WORKER = re.compile(
    r"\b(?:building|road|roof|repair|engineering|maintenance|gas|water|planned|no) $", re.I)
#: After "works at": the school's office, or a time, not a workplace of one's own to find.
_PUBLIC_WORK = re.compile(r"[- ]?(?:the |our )?(?:school|office|reception|nursery|library|"
                          r"weekends?|home)\b", re.I)


def _public_work(text: str, e: Evidence) -> bool:
    """Whether a "works ..." entry is no one's job ("building works at the centre") or the
    school's own front desk ("works at the school office"): everyone knows where that is."""
    if not e.match.lower().startswith("works"):
        return False
    return _NOT_A_WORKER.search(text[max(0, e.start - 12):e.start]) is not None \
        or _PUBLIC_WORK.match(text, e.end, e.end + 30) is not None


#: Whose a shared record is: a name's ("Lena's"), everyone's, a family's, the parents'.
_SOMEONES = re.compile(
    r"\b(?!(?:It|That|There|Here|What|Who|He|She|Let|My|Our)['’])[A-Z][a-z]{1,20}['’]s?(?!\w)"
    r"|\beveryone['’]?s\b|\bthe [A-Z][a-z]{2,20}s\b|\b(?:parents|teachers|families|kids)['’]")
#: A list of children's names after a colon ("Not vaccinated: Sami, Jake R, Aria").
_NAME_LIST = re.compile(r":\s?[A-Z][a-z]{1,20}(?: [A-Z]\b)?,\s?[A-Z][a-z]{1,20}")


#: A record said to be someone else's ("another child's school report"), whoever holds it.
_ANOTHERS = re.compile(r"\b(?:another|other) (?:child|kid|pupil|family|parent)['’]?s\b", re.I)
#: Records of a whole class or club, never the poster's alone.
_EVERYONES_RECORDS = frozenset({"class list", "the register", "emergency contacts",
                                "sen register", "free school meals list", "medical forms",
                                "class register", "lunch register", "attendance register",
                                "dinner register", "members list", "member list",
                                "personal email addresses", "email addresses in cc",
                                "addresses in cc", "names and phone numbers", "absence reasons"})


def _shared_record(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]
                   ) -> Found:
    """Someone else's document or record posted ("photo of Lena's passport", "attaching
    Ellie's EHCP", "the SEN register: Finn, Maya, ..."), not the poster's own."""
    if not s.has("shared_record"):
        return None
    text = s.text
    listed = _NAME_LIST.search(text) is not None
    if not (s.has("sharing") or listed):
        return None
    # a class list or a register is other people's data whoever holds it ("I have the ...")
    everyones = bool(set(s.found.get("shared_record")) & _EVERYONES_RECORDS) \
        or _ANOTHERS.search(text) is not None
    if not everyones and (_OWN_LIFE.search(text) or not (
            listed or third or _SOMEONES.search(text) or FAMILY.search(text))):
        return None
    found = s.ev("shared_record")
    return (Severity.HIGH, 0.7, [Evidence("shared-record", found[0].match, found[0].start,
                                          found[0].end, "someone else's document or record"),
                                 *s.ev("sharing")[:1]])


#: Someone named or pointed at: "Mrs Osei", "Molly's", "Jake has", "Zain and Hamza both got",
#: "the Hassans", "the Ahmed family", "the school cook", "his wife", "is Connor". The name, where
#: there is one, is a group (checked against the capitalised words that are no name); "St
#: Joseph's" is a school.
_SOMEONE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? ([A-Z][a-z]{1,20})"
    r"|\b(?<!St )([A-Z][a-z]{1,20})['’]s\b"
    r"|\b(?<!St )([A-Z][a-z]{2,20})(?: and [A-Z][a-z]{2,20})? (?:has|have|had|is|was|got|gets|"
    r"goes|takes|needs|are|were|both)\b"
    r"|\b(?i:the) ([A-Z][a-z]{2,20})(?:s\b| family\b| twins\b)"
    r"|\b(?i:the) (?:(?i:new|school|nursery|year \d) )?(?:TA|(?i:cook|caretaker|teacher|head|"
    r"headteacher|deputy head|receptionist|coach|nurse|chef|senco|lollipop lady|dinner lady|"
    r"lunch lady|cleaner|minibus driver))\b"
    r"|\b(?i:his|her|their) (?i:mum|dad|mother|father|parents|nan|husband|wife|partner|ex|"
    r"sister|brother|son|daughter|grandad|grandma)\b"
    r"|\b(?i:that|this|another|other|the new|a new) family\b"
    r"|\b(?:is|was|called|named) ([A-Z][a-z]{2,20})\b"
    r"|\b([A-Z][a-z]{2,20}) (?:in|from) (?:Y|Year |year )?\d{1,2}[A-Z]{0,2}\b"
    r"|\b([A-Z][a-z]{2,20}), (?:she|he)['’]s\b"
    r"|\b([A-Z][a-z]{1,20}(?<!ly)(?<!ing)) $")  # right before the words: "Theo failed his"
#: Capitalised words that name nobody: openings, places, days, months, festivals.
_NO_ONE = _NOT_NAMES | _NOT_A_PERSON | frozenset({
    "here", "its", "it", "thats", "theres", "whats", "lets", "whos", "today", "mothers",
    "fathers", "childrens", "everyones", "nobodys", "somebodys", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "court", "road", "street", "school", "centre", "station", "hall", "park", "church",
    "office", "council", "god", "allah", "christmas", "eid", "easter", "uk", "nhs", "week",
    "parking", "homework", "uniform", "pickup", "dinner", "breakfast", "club", "assembly",
    "sports", "music", "maths", "english", "science", "art", "pe", "ks", "sats", "mock",
    "islam", "sunni", "shia", "quran", "juma", "jummah", "iftar", "sadly", "luckily",
    "honestly", "anyway", "btw", "fyi", "omg", "lol", "prevent",
})
#: A sentence's end: who the data is about is told in its own sentence.
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
#: Right after the person, what makes them the source or the reader everyone ("Mrs Khan said
#: in the mock ...", "Mr Ali says anyone in arrears ..."), not the one the data is about.
_NOT_ABOUT_THEM = re.compile(
    r"^(?:['’]s)?,? (?:said|says|told|tells|explained|mentioned|announced|confirmed|reminded|"
    r"asked|wrote|posted|shared)\b|\b(?:anyone|everyone|anybody|any parent|all parents|"
    r"parents who|families who|those who|children who|kids who)\b", re.I)
#: Just before the words, a talk, a cause or a service about the subject, not a person's own
#: ("a talk on gambling addiction", "runs the foodbank", "there's a fake account").
_TOPIC_BEFORE = re.compile(
    r"\b(?:talks?|lessons?|assembly|workshops?|sessions?|leaflets?|videos?|articles?|books?|"
    r"course|training|collecting for|raising money for|donations? (?:to|for)|volunteers? at|"
    r"volunteering at|runs|running|organising|organises|sponsored|helps? at|helping at|"
    r"theres a|there is a)(?: on| about| for| at| the| a| our){0,2} $", re.I)
#: Just after the words, the same: "dyslexia awareness week", "the blue badge bays", "works at
#: the school office", "away from school", "Sunni and Shia families".
_TOPIC_AFTER = re.compile(
    r"[- ]?(?:the |our )?(?:awareness|workshops?|week|weekends?|day|month|talks?|sessions?|"
    r"support|friendly|charity|fundraiser|appeal|collection|donations|drive|assembly|club|"
    r"services?|clinic|team|leave|policy|training|course|leaflets?|meeting|evening|home|"
    r"school|office|reception|nursery|library|holders?|bays?|parking|spaces?|ramp|access|"
    r"accessible|user|discrimination|system|families|mosque|masjid|community|communities|"
    r"muslims|imam|centre|center|and (?:shia|sunni)|rates|levels|crisis|epidemic|checks?|"
    r"screening|forms?|application|scheme)\b", re.I)


#: Someone already named, pointed at again ("Emma's report ... and she's on the ...").
_THIRD_AGAIN = re.compile(r"\b(?:she|he|they)(?:['’](?:s|re))?\b", re.I)
#: After a door or key-safe code, whose home it opens ("the code for the flats where the
#: Mensahs live").
_WHOSE_HOME = re.compile(r"\b(?:where|belonging to|of)\b")


def _sentence_before(text: str, start: int, reach: int) -> str:
    window = text[max(0, start - reach):start]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return window[ends[-1]:] if ends else window


def _someone_before(text: str, start: int) -> bool:
    """Whether someone other than the poster is named or pointed at in the same sentence just
    before ``start`` (within 80 characters, or 160 where "she" or "he" points back at them) as
    the one it is about, with nothing of the poster's own ("my son", "I have") between them
    and it."""
    window = _sentence_before(text, start, 80)
    if _SOMEONE.search(window) is None and _THIRD_AGAIN.search(window) is not None:
        window = _sentence_before(text, start, 160)
    if window.isupper():  # "ZAC'S ON RITALIN": shouted, read as written in capitals
        window = " ".join(w.capitalize() for w in window.split(" "))
    last = None
    for m in _SOMEONE.finditer(window):
        name = next((g for g in m.groups() if g), None)
        # "our Sami has got head lice": the poster's own child, named
        if (name is None or name.lower() not in _NO_ONE) \
                and not window[max(0, m.start() - 4):m.start()].lower().endswith(("my ", "our ")):
            last = m
    if last is None:
        return False
    rest = window[last.end():]
    return _OWN_LIFE.search(rest) is None and _NOT_ABOUT_THEM.search(rest) is None \
        and _TOPIC_BEFORE.search(window) is None


#: The poster speaking as the parent of the child named ("I'm his mum and happy to be asked").
_PARENT_SPEAKING = re.compile(r"\bi(?:['’]?m| am) (?:his|her|their) (?:mum|dad|mother|father|"
                              r"parent|parents|carer|mummy|daddy)\b", re.I)


def _told_of_someone(s: Signals, context: PolicyContext, third: bool, owner: list[Evidence]
                     ) -> Found:
    """Special-category data ("Molly's got bulimia", "the Hassans are Ahmadiyya"), or someone's
    workplace, shifts, routine or social accounts ("Eesa's father's employer is ...", "the TA
    is on TikTok as ..."), told of someone named or pointed at just before it."""
    if not s.has("special", "routine"):
        return None
    text = s.text
    if _PARENT_SPEAKING.search(text):
        return None
    for name, severity, what in (("special", Severity.HIGH, "special-category data"),
                                 ("routine", Severity.MEDIUM, "someone's work or routine")):
        for e in s.ev(name):
            if e.start < 0 or _TOPIC_AFTER.match(text, e.end, e.end + 30) is not None \
                    or _public_work(text, e):
                continue
            if _someone_before(text, e.start) or (
                    "code" in e.match and _home_of_someone(text, e.end)):
                return (severity, 0.7, [Evidence("private-life", e.match, e.start, e.end,
                                                 f"{what} about someone else")])
    return None


def _home_of_someone(text: str, end: int) -> bool:
    """Whether the words after a door or key-safe code say whose home it opens ("for the flats
    where the Mensahs live"), in the same sentence."""
    after = text[end:end + 60]
    cut = _SENTENCE_END.search(after)
    after = after[:cut.start()] if cut else after
    whose = _WHOSE_HOME.search(after)
    if whose is None:
        return False
    return any(next((g for g in m.groups() if g), "").lower() not in _NO_ONE
               for m in _SOMEONE.finditer(after, whose.end()))
