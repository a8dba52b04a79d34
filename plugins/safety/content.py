"""What a message says, worked out once: normalised text, the safety word lists it hits,
the numbers and links in it. The three content rules read these signals.

Every regular expression here is linear-time: no nested unbounded repetition, and the text is
capped at the edge (`civility.events.MAX_TEXT_CHARS`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import attrs

from civility.detectors.normalise import NormalisedText
from civility.detectors.shared import MessageWords, words_of
from civility.detectors.wordlist import Lexicon, Matches
from civility.events import Message
from civility.plugins.safety.links import LinkRisk, deobfuscate, find_domains, judge_link
from civility.plugins.safety.lists import LEXICON, OPS_CHANGE, OPS_TOPIC, TRIGGERS
from civility.plugins.safety.settings import SafetySettings
from civility.verdicts import Evidence

DIGIT = re.compile(r"\d")
MONEY = re.compile(r"£ ?\d|\b\d{1,7}(?:\.\d\d)? ?(?:pounds|quid|gbp)\b|\$ ?\d", re.I)
# A UK number: +44 or 0, then 9 or 10 more digits with single spaces or dashes between.
PHONE = re.compile(r"(?<![\d+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0[ -]?)\d\)?(?:[ -]?\d){8,9}(?!\d)")
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?) ?\d(?!AM\b|PM\b)[A-Z]{2}\b")
STREET = re.compile(
    r"\b\d{1,4}[a-z]?,? (?:[A-Za-z]+ ){1,3}(?:road|rd|street|avenue|ave|lane|close|drive|"
    r"crescent|gardens|gdns|court|grove|terrace|mews|square|parade|way|row|walk|rise|place|"
    r"hill|view|green|croft)\b", re.I)
DATE = re.compile(
    r"\b(?:19|20)\d\d-\d{1,2}-\d{1,2}\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d\d\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]{0,6}\.?,? (?:19|20)\d\d\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6} \d{1,2}(?:st|nd|rd|th)?,? "
    r"(?:19|20)\d\d\b", re.I)
NHS_NUMBER = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
CAR_REG = re.compile(r"\b(?:[A-Z]{2}\d{2} ?[A-Z]{3}|[A-Z]\d{1,3} ?[A-Z]{3}|[a-z]{2}\d{2} [a-z]{3})\b")
CARD = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}\b")
POSSESSIVE = re.compile(
    r"\b([A-Za-z]{2,20})(?:['’]s|s['’]) (?:personal |private |home |mobile |own |new )?(?:mobile|number|"
    r"phone|address|house|home|flat|car|email|e-mail|dob|birthday|date of birth|nhs|reg|"
    r"registration|family|details|contact|postcode|whatsapp|mob|num|numbr|no|cell|tel|addy|facebook|"
    r"instagram|insta|tiktok|snapchat|snap)\b",
    re.I)
#: "Amina's mum", "the Smiths": another family, for addresses and numbers said about them.
FAMILY = re.compile(
    r"\b[A-Za-z]{2,20}['’]s (?:mum|dad|mother|father|husband|wife|nan|nanny|grandma|grandad|"
    r"aunt|auntie|uncle|brother|sister|partner|parents|family)\b|\b[Tt]he [A-Z][a-z]{2,20}s\b"
    r"|\b(?i:that|this|another|other|the whole|the new|a new) family\b"
    r"|\bMr and Mrs [A-Z][a-z]{1,20}\b")
CALL_NAME = re.compile(
    r"\b(?i:call|ring|text|message|whatsapp|contact|phone)"
    r" (?!Me\b|Us\b|The\b|My\b|Our\b|School\b|Office\b|Them\b|Him\b|Her\b|Reception\b)"
    r"(?:Mrs |Mr |Miss |Ms )?([A-Z][a-z]{1,20})\b")
#: "Hi mum", "hiii dad", or a message that opens by addressing a parent ("Dad, new number!"):
#: the opening of the "new phone" scam (not "Amina's mum" or "mum of three here").
FAMILY_GREETING = re.compile(
    r"(?:^|[.!?,\n] ?)(?:hi+|hey+|hello+|helo|hiya+|heya)[ ,]+(?:mum+|mom+|mam|mummy|mumma|mama|"
    r"ammi|amma|ammy|dad+|daddy|abbu|papa|mummy)\b"
    r"|^(?:mum+|mom+|mam|mummy|mumma|mama|ammi|amma|dad+|daddy|abbu|papa)(?: ?[,!.:]| its me)")
#: An earnings claim: "earn £200 a day", "make £150/day from home".
EARNINGS = re.compile(r"\b(?:earn|earning|earns|make|making|makes|made)(?: up to| over| around)? "
                      r"£ ?\d[\d,.]*k?(?: ?(?:a|per|an|/|last|this|every) ?(?:day|week|hour|month|night))"
                      r"|\b(?:earn|make|making)(?: some| loads of| lots of| big)? £££?", re.I)
#: National Insurance and passport numbers (the words say which).
NI_NUMBER = re.compile(r"\b[A-Z]{2} ?\d\d ?\d\d ?\d\d ?[A-D]\b", re.I)
PASSPORT_NUMBER = re.compile(r"(?<!\d)\d{3} ?\d{3} ?\d{3}(?!\d)")
#: A street named without its number ("lives on Albert Street", "above the chemist on ...").
STREET_NAME = re.compile(
    r"\b[A-Z][a-z]{2,20} (?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Crescent|Gardens|"
    r"Court|Grove|Terrace|Mews|Square|Parade|Way|Rise|Walk|Place)\b")
#: A name right before a street address: "Adam (7 Oak Close)", "Mason, 19 Rowan Drive".
NAMED_ADDRESS = re.compile(
    r"\b[A-Z][a-z]{2,20}(?:['’]s)?(?: lives| is at| at)? ?[(:,-]? ?\d{1,4}[a-z]? (?:[A-Z][a-z]+ ){1,3}"
    r"(?:Road|Rd|Street|Avenue|Ave|Lane|Close|Drive|Crescent|Gardens|Court|Grove|Terrace|Mews|"
    r"Square|Parade|Way|Rise)\b")
#: Digits written as keycap emoji (7️⃣) or words ("zero seven nine ..."), read as digits.
KEYCAP = re.compile("[\ufe0f\u20e3]")
_NUMBER_WORDS = {"zero": "0", "oh": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
                 "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_SPELLED = re.compile(r"\b(?:(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine)"
                      r"[ ,-]{1,3}){6,}(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine)"
                      r"\b", re.I)


NUMBER_WORD_SET = frozenset(w.encode() for w in _NUMBER_WORDS)  # beside the prefilter's words


#: Words too common to be an anchor (a phrase's other words are rarer): the choice only
#: decides how often the lexicon is asked, never what it finds.
_COMMON = frozenset(b"""the my your you me is are to a on in for of and it this that with at
kids children child parents class today tomorrow week year all everyone please can will be
have has get got new now no i we our its im from by an or so not do did any some just send
sent here dont home changed info photos advance gift log back please pls their school""".split())


def anchor_of(phrase: tuple[bytes, ...]) -> bytes:
    """A phrase's rarest word."""
    rare = [w for w in phrase if w not in _COMMON] or list(phrase)
    numbers = [w for w in rare if any(c in b"0123456789" for c in w)]
    # A number is rarer than a word ("send to 10"); else the longest, of equals the last.
    return max(reversed(numbers or rare), key=len)


def anchors(lexicon: Lexicon) -> frozenset[bytes]:
    """One word of every entry of ``lexicon``, as the lexicon holds it: a one-word entry is
    its own anchor, a phrase gives its rarest word. The lexicon can only find an entry in words
    that hold its anchor, or in words it reads in more than one way (see `spelled_plainly`)."""
    return frozenset(lexicon.words) | frozenset(
        anchor_of(phrase) for by_length in lexicon.phrases.values()
        for table in by_length.values() for phrase in table)


#: Three letters in a row: the lexicon also reads such a word shortened ("fuuun": "fun", "fuun").
TRIPLE = re.compile(rb"([a-z])\1\1")
#: Words seen that the lexicon reads only as they are (no mask, no triple letter), so that
#: most messages are ruled out in one set operation; bounded as the lexicon's own token cache.
_PLAIN: set[bytes] = set()
_PLAIN_MAX = 50_000


def spelled_plainly(words: Sequence[bytes]) -> bool:
    """Whether a lexicon reads every one of the words only as it is spelt (no ``f*n``, no
    ``fuuun``), so that a missing anchor rules an entry out."""
    if _PLAIN.issuperset(words):
        return True
    new = [w for w in words if w not in _PLAIN]
    if any(b"*" in w or TRIPLE.search(w) for w in new):
        return False
    if len(_PLAIN) > _PLAIN_MAX:
        _PLAIN.clear()
    _PLAIN.update(new)
    return True


#: Words that carry a claim on (hearsay, a chain) or announce a rule: a claim that the
#: school's running changes counts only with one of them, so only then is it looked for.
_CARRIERS = frozenset({
    "apparently", "heard", "hearing", "rumour", "rumours", "rumor", "told", "said", "says",
    "saying", "share", "sharing", "pass", "forward", "forwarded", "fwd", "cousin", "neighbour",
    "neighbor", "friend", "friends", "suna", "sun", "batao", "bhejo", "bhejein", "reliable",
    "trust", "rule", "rules", "policy", "law", "qanoon", "allegedly", "supposedly", "word",
    "facebook", "tiktok", "sunne", "bata", "bataein", "auntie", "aunty", "sister", "suno",
    "aware", "warning", "beware", "talk", "sunaa"})


#: Words too common in a parents' group to point at a claim (the entry's other words do).
_COMMON_WORDS = frozenset({
    "the", "a", "an", "to", "of", "be", "is", "are", "will", "from", "next", "our", "have",
    "go", "put", "up", "any", "more", "no", "not", "get", "rid", "cant", "school", "day",
    "week", "term", "class", "free", "off", "after", "new", "being", "going", "year", "month",
    "monday", "january", "september", "easter", "into", "taken", "away", "must", "se", "ho",
    "raha", "rahi", "saal", "agle", "short", "cut", "club", "pick", "drop", "head", "data",
    "photos", "mobile", "lady", "face", "dates", "trip", "teacher", "childrens", "with",
    "lunch", "homework", "wear", "packed", "in", "at", "for", "this", "hai", "all", "wants", "ka",
    "let", "do", "call", "good", "out", "stop", "make", "been", "parents", "kids", "time", "home",
    "sent", "changed", "change", "wont", "theyre", "they"})


def _words_of(entries: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for e in entries for w in e.replace("'", "").split()) - _COMMON_WORDS


#: A claim's carriers, and its topic's or change's telling words (the lexicon decides), as the
#: bytes the prefilter's and the kit's words are.
CARRIER_WORDS = frozenset(w.encode() for w in _CARRIERS)
OPS_WORDS = frozenset(w.encode() for w in _words_of(OPS_TOPIC) | _words_of(OPS_CHANGE))


def ops_claim_hint(words: Sequence[bytes]) -> bool:
    """Whether the words may carry a claim that the school's running changes (a carrier word
    and a telling topic or change word); the lexicon then says whether they do.

    This decides what counts as such a claim, not only what is worth a look (a claim made of
    common words alone, "told my kids they dont have to do the homework", is none), so it keeps
    reading the words as `civility.plugins.safety.prefilter.words` splits the raw text."""
    return not CARRIER_WORDS.isdisjoint(words) and not OPS_WORDS.isdisjoint(words)


def spelled_digits(text: str, words: Sequence[bytes] | None = None) -> bool:
    """Whether the text writes a long number out in words ("zero seven nine eight ...");
    ``words``, the message's words from the kit (`civility.detectors.shared.words_of`) when
    known, make the usual answer cheap."""
    if words:
        # The pattern needs 7 number words in a row; the kit's words may have glued the first
        # and the last to their neighbours ("x.one", "nine*"), never the ones between.
        least = 5
    else:
        words, least = text.lower().replace(",", " ").encode("utf-8", "surrogatepass").split(), 7
    if len(words) < least or NUMBER_WORD_SET.isdisjoint(words) \
            or sum(map(NUMBER_WORD_SET.__contains__, words)) < least:
        return False
    return _SPELLED.search(text) is not None


def as_digits(text: str) -> str:
    """The text with keycap digits and numbers written in words turned into plain digits, so
    a phone number spelt out ("zero seven nine ...", "0️⃣7️⃣...") is still a phone number."""
    if not text.isascii():
        text = KEYCAP.sub("", text)
    if not spelled_digits(text):
        return text
    return _SPELLED.sub(lambda m: " ".join(_NUMBER_WORDS[w.lower()]
                                           for w in re.findall(r"[a-z]+", m.group(0), re.I)),
                        text)
#: "The school won't open on Monday", "schools are closing": closures said in many ways
#: (bounded gaps keep it linear).
CLOSURE_RE = re.compile(
    r"\bschools?\b[^.!?\n]{0,30}?\b(?:closed|clos(?:e|es|ing)|shut(?:s|ting)?|wont (?:be )?open"
    r"|will not (?:be )?open|not (?:be )?open(?:ing)?|cancel(?:l?ed|ling))\b|\bno school\b")
#: "tried to take a child": an attempt on a child, said in many ways.
ATTEMPT_RE = re.compile(
    r"\b(?:tried|trying|try|attempted|attempting) to (?:take|grab|snatch|lure|abduct|kidnap|"
    r"pick up|drag|get)\b")
_OWNER_WORDS = frozenset({"my", "our", "mine"})
_NOT_PEOPLE = frozenset({
    "it", "that", "what", "who", "there", "here", "let", "school", "office", "council",
    "surgery", "club", "shop", "mosque", "masjid", "pta", "nursery", "academy", "gp", "doctor",
    "doctors", "dentist", "hospital", "library", "centre", "center", "church", "company",
    "restaurant", "business", "today", "everyone", "nobody", "somebody", "someone", "one",
})
THIRD = frozenset({b"she", b"he", b"they", b"her", b"his", b"their", b"hers", b"him", b"them",
                   b"theirs", b"theyre", b"shes", b"hes", b"theyve", b"theyll"})
FIRST = frozenset({b"i", b"im", b"me", b"my", b"mine", b"we", b"our", b"us", b"ive", b"ill"})


_ASCII_DIGITS = b"0123456789"


def digit_count(text: str) -> int:
    """How many characters of ``text`` a ``\\d`` matches (Unicode decimal digits)."""
    if text.isascii():
        raw = text.encode("ascii")
        return len(raw) - len(raw.translate(None, _ASCII_DIGITS))
    return sum(map(str.isdecimal, text))


@attrs.frozen
class Signals:
    """Everything the rules look at, for one message."""

    message: Message
    text: str
    nt: NormalisedText
    toks: list[bytes]
    found: Matches
    settings: SafetySettings
    links: tuple[LinkRisk, ...]

    @functools.cached_property
    def tokset(self) -> frozenset[bytes]:  # (worked out once: the rules ask for it often)
        return frozenset(self.toks)

    @functools.cached_property
    def digits(self) -> int:
        """How many digits (``\\d``) the text holds. A number pattern needs several, and has no
        literal start, so without this count it would be tried at every character."""
        return digit_count(self.text)

    def has(self, *names: str) -> bool:
        found = self.found.found  # (`Matches.has`, one call fewer: the rules ask it often)
        for n in names:  # noqa: SIM110 - a plain loop is measurably faster on this hot path
            if n in found:
                return True
        return False

    def ev(self, *names: str) -> list[Evidence]:
        return [e for n in names for e in self.found.evidence(n, detector="safety")]

    def near(self, word: bytes, targets: frozenset[bytes], before: int = 4) -> bool:
        """A token of ``targets`` within ``before`` words after ``word`` (``your ... code``)."""
        toks = self.toks
        for i, t in enumerate(toks):
            if t == word and not targets.isdisjoint(toks[i + 1:i + 1 + before]):
                return True
        return False


def link_risks(message: Message, text: str, settings: SafetySettings,
               folded: str = "") -> tuple[LinkRisk, ...]:
    """Every link's risk; ``folded`` (the normalised text, for text with look-alike letters)
    also finds links spelt with them (``whatsaрp-security.com``, a Cyrillic ``р``)."""
    urls = list(message.links)
    seen = {u.lower().split("://")[-1].removeprefix("www.") for u in urls}
    found = find_domains(deobfuscate(text))
    if folded and not text.isascii():
        found += find_domains(deobfuscate(folded))
    for u in found:
        key = u.lower().split("://")[-1].removeprefix("www.")
        # (a longer spelling of a link already found is judged too: "parentpay.co.uk.evil.ru")
        if key not in seen and not any(k.startswith(key) for k in seen):
            seen.add(key)
            urls.append(u)
    trusted = (*settings.trusted_domains, *((settings.school_domain,)
                                             if settings.school_domain else ()))
    return tuple(_judged(u, trusted, settings.blocked_domains, settings.school_domain)
                 for u in urls[:20])


#: Links judged lately, with the lists they were judged by: a group's links repeat (the
#: school's site, its forms), and `judge_link` depends on nothing else. In memory only, bounded.
_JUDGED: dict[tuple[str, tuple[str, ...], tuple[str, ...], str], LinkRisk] = {}
_JUDGED_KEPT = 2_000


def _judged(url: str, trusted: tuple[str, ...], blocked: tuple[str, ...], school: str
            ) -> LinkRisk:
    key = (url, trusted, blocked, school)
    risk = _JUDGED.get(key)
    if risk is None:
        risk = judge_link(url, trusted, blocked, school)
        if len(_JUDGED) >= _JUDGED_KEPT:
            _JUDGED.clear()
        _JUDGED[key] = risk
    return risk


def signals(message: Message, settings: SafetySettings, *, personal: bool = True,
            claim: bool = False, risks: tuple[LinkRisk, ...] | None = None,
            shared: MessageWords | None = None) -> Signals | None:
    """The signals, or None when nothing in the message can start a content rule (no trigger
    phrase, no risky link, no "hi mum", not forwarded, and ``personal`` false: no digits).
    ``risks``: the links' risks (`link_risks` with the normalised text), when already known;
    ``shared``: the message's words (`words_of`), when known."""
    if shared is None:
        shared = words_of(message)  # normalised once for every policy judging this message
    text, nt, toks = shared.text, shared.nt, shared.toks
    if risks is None:
        risks = link_risks(message, text, settings, nt.text)
    if not claim and not text.isascii():  # words with look-alike letters, read in full
        claim = ops_claim_hint(toks)
    if not (personal or claim or message.forwarded or message.forwarded_many
            or any(r.level or r.why == "unknown" for r in risks)
            or triggered(shared) or FAMILY_GREETING.search(nt.text)
            or CLOSURE_RE.search(nt.text.replace("'", "")) or ATTEMPT_RE.search(nt.text)):
        return None
    found = LEXICON.lookup_tokens(nt, toks)
    return Signals(message, text, nt, toks, found, settings, risks)


#: The last message's words asked about and whether the trigger lexicon found an entry in
#: them: the first look asks, and the full look after it would ask again.
_last_trigger: tuple[MessageWords | None, bool] = (None, False)


def triggered(shared: MessageWords) -> bool:
    """Whether the trigger lexicon (`civility.plugins.safety.lists.TRIGGERS`) finds an entry
    in the message's words (worked out once per message)."""
    global _last_trigger
    last = _last_trigger  # one read: another thread may replace it, never half of it
    if last[0] is shared:
        return last[1]
    found = bool(TRIGGERS.lookup_tokens(shared.nt, shared.toks).found)
    _last_trigger = (shared, found)
    return found


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def nhs_checksum(digits: str) -> bool:
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def possessives(text: str) -> list[Evidence]:
    """``Sarah's number``, ``the Khans' address``: someone else's details (not ``my son's``)."""
    if "'" not in text and "’" not in text:
        return []  # (the pattern needs an apostrophe: no scan of every character)
    out = []
    for m in POSSESSIVE.finditer(text):
        before = text[max(0, m.start() - 6):m.start()].lower().split()
        if before and before[-1] in _OWNER_WORDS:
            continue
        if m.group(1).lower() in _NOT_PEOPLE:
            continue
        out.append(Evidence("possessive", m.group(0), m.start(), m.end(), "someone else's"))
    return out
