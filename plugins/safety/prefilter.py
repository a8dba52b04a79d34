"""A cheap first look that lets most messages skip the content rules.

The words it reads are the kit's (`civility.detectors.shared.words_of`: normalised, evasions
undone), worked out once per message for every policy, never again here. A scam or rumour check
starts from an entry of its trigger lists (`civility.plugins.safety.lists.TRIGGERS`, built from
the lists, so a new trigger reaches this look without an edit). Every entry has an *anchor*,
one of its words (the rarest), and an entry can only be found in words that hold its anchor
(or a word spelt oddly, "fuuun", "f*n", which the lexicon reads in more than one way), so one
set operation rules most messages out; only then does the trigger lexicon look. The few
patterns that start a check on their own ("hi mum", "school is closed", "tried to take") are
ruled out by plain substring tests. When none of these can match, and the text has no digits
that look like personal data, no ``@``, nothing link-like and no mask (``*``, ``$``, ``|``),
the full analysis (the word lists, link judging) cannot find anything and is skipped. Text
with letters beyond ASCII always gets the full analysis, since look-alike letters are an evasion.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from civility.detectors.shared import MessageWords
from civility.detectors.wordlist import Lexicon
from civility.events import Message
from civility.plugins.safety.content import (
    CARRIER_WORDS,
    DIGIT,
    KEYCAP,
    NUMBER_WORD_SET,
    OPS_WORDS,
    STREET,
    STREET_NAME,
    TRIPLE,
    anchor_of,
    anchors,
    ops_claim_hint,
    spelled_digits,
    triggered,
)
from civility.plugins.safety.learned import GATE_WORDS
from civility.plugins.safety.lists import CONDITION_WORDS, LISTS, TRIGGERS

#: Every trigger entry's anchor, and the words of the entries it anchors (none for a one-word
#: entry): an entry's words must all be there before the lexicon can find it.
ANCHORS = anchors(TRIGGERS)
#: The anchors of someone's private life told ("flying to", "works nights"): with digits in the
#: text, the personal-data rule reads them (`civility.plugins.safety.personal`).
PRIVATE_ANCHORS = anchors(Lexicon.from_lists({"private_life": LISTS["private_life"]}))
#: The anchors of a home said to be someone else's ("the family in flat", "her flat").
HOME_ANCHORS = anchors(Lexicon.from_lists({"home_other": LISTS["home_other"]}))


def tells_private_life(shared: MessageWords, found: int | None = None) -> bool:
    """Whether the words may tell someone's private life (read by the personal-data rule
    when the text has digits: "the Alis are flying to Lahore on the 3rd"); ``found``: the
    words' `roles`, when known (their `PRIVATE` bit answers)."""
    if found is not None:
        return bool(found & PRIVATE)
    return not PRIVATE_ANCHORS.isdisjoint(shared.toks)


def places_a_home(shared: MessageWords, digits: bool, found: int | None = None) -> bool:
    """Whether the text may place someone's home without a house number and street together,
    which the personal-data rule reads: "lives" or a home said to be someone else's, beside a
    street's name ("the family in flat 2 above the chemist on Albert Road") or digits;
    ``found``: the words' `roles`, when known (their `HOME` bit answers for the words)."""
    if "live" not in shared.text and (
            HOME_ANCHORS.isdisjoint(shared.toks) if found is None else not found & HOME):
        return False
    return digits or STREET_NAME.search(shared.text) is not None


#: The one-word trigger entries: one of them among the words is an entry found.
_ALONE = frozenset(TRIGGERS.words)
#: The phrase entries' words, by the phrase's anchor: all of them must be there.
_PHRASES: dict[bytes, list[frozenset[bytes]]] = {}
for _by_length in TRIGGERS.phrases.values():
    for _table in _by_length.values():
        for _phrase in _table:
            _PHRASES.setdefault(anchor_of(_phrase), []).append(frozenset(_phrase))
_PHRASE_ANCHORS = frozenset(_PHRASES)


def _entry_present(words: Sequence[bytes], found: int | None = None) -> bool:
    """Whether all the words of some trigger entry are among the words (else the lexicon
    finds none, unless a word is spelt oddly: the `ODD` role); ``found``: the words' `roles`,
    when known (their `ALONE` bit answers for the one-word entries)."""
    if found is not None:
        if found & ALONE:
            return True
    elif not _ALONE.isdisjoint(words):
        return True
    present = frozenset(words)
    for anchor in _PHRASE_ANCHORS.intersection(present):
        for needs in _PHRASES[anchor]:
            if needs <= present:
                return True
    return False


def may_trigger(shared: MessageWords, found: int | None = None) -> bool:
    """Whether the trigger lexicon finds an entry in the words (its own answer, asked only when
    all the words of an entry are there, or a word is spelt oddly); ``found``: the words'
    `roles`, when known (the anchor and odd-spelling bits answer most messages)."""
    words = shared.toks
    if found is None:
        found = roles(words)
    if not found & ODD and not (found & ANCHOR and _entry_present(words, found)):
        return False
    return triggered(shared)


#: Paid exam papers: with a price ("£") they start the scam check without a trigger.
_EXAM = Lexicon.from_lists({"exam": LISTS["exam"]})


# The first look, the full look and the rules ask the hints below about the same message in
# turn: each remembers its last answer (a one-entry, thread-safe cache).
@functools.lru_cache(maxsize=1)
def patterns_may_match(low: str) -> bool:
    """Whether one of the patterns that start a check on their own could match the normalised
    text: plain substring tests (written out: a loop over them costs twice as much), so a word
    glued to the next by a dot ("hi mum.new number") still counts."""
    # "hi mum" (FAMILY_GREETING of `civility.plugins.safety.content`): a parent's name for a
    # parent ("mummy" holds "mum", "ammi" "amm"), after a greeting or first.
    if ("mum" in low or "mom" in low or "mam" in low or "amm" in low or "dad" in low
            or "abbu" in low or "papa" in low) and (
            "hi" in low or "he" in low or low.lstrip().startswith(_PARENT)):
        return True
    # "tried to take" (ATTEMPT_RE; "trying" holds "try")
    if " to " in low and ("try" in low or "trie" in low or "attempt" in low):
        return True
    # "the school is closed" (CLOSURE_RE, which reads the text without apostrophes; "wont
    # open" and "not be open" hold "open")
    plain = low.replace("'", "") if "'" in low else low
    return "school" in plain and ("clos" in plain or "shut" in plain or "open" in plain
                                  or "cancel" in plain or "no school" in plain)


#: The parent's names FAMILY_GREETING allows first.
_PARENT = ("mum", "mom", "mam", "amm", "dad", "abbu", "papa")


def has_digit(text: str) -> bool:
    """Whether the text has a digit (`civility.plugins.safety.content.DIGIT`); plain ASCII
    text is searched for each digit in turn, several times faster than the pattern."""
    if not text.isascii():
        return DIGIT.search(text) is not None
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text)


#: A letter or digit beyond ASCII (``\w`` is ``str.isalnum`` or "_"): the search skips the
#: ASCII characters in C.
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f](?<=\w)")
#: A link's dot ("wa-check.net"), where the text has a dot at all.
#: (``\w\.\w`` written from the dot, so the search skips to the dots in C: 7 times cheaper.)
_DOTTED = re.compile(r"\.(?<=\w\.)(?=\w)")
#: A house number before a street: `civility.plugins.safety.content.STREET` without its
#: opening word boundary, so that it starts at a digit and the search skips to the digits in C.
_STREET = re.compile(STREET.pattern.removeprefix(r"\b"), STREET.flags)
#: With digits, what the personal-data patterns need: a letter beside a digit (a postcode, a
#: registration, leet inside a word), a long run of digits (a phone, card, NHS or passport
#: number), a date, a year, the digits of a National Insurance number ("AB 12 34 56 C").
#: Every branch starts at a digit, so the search skips to the digits in C (a pattern opening
#: with alternatives tries each one at every character).
_DIGIT_HINTS = re.compile(
    r"\d(?:(?<=[A-Za-z]\d)|(?:[ -]?\d){8}|[/.-]\d{1,2}[/.-]\d|(?<=1)9\d\d|(?<=2)0\d\d"
    r"|\d ?\d\d ?\d\d ?[A-Da-d])")


def _for_ascii(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern for ASCII text, where ``\\d`` is ``[0-9]``: a search tests a plain class
    before trying a match (``\\d`` asks the Unicode tables, and ``\\d{1,4}`` first tries every
    position); on ASCII text it finds exactly what the pattern finds."""
    source = pattern.pattern.replace(r"\d{1,4}", "[0-9][0-9]{0,3}").replace(r"\d", "[0-9]")
    return re.compile(source, pattern.flags)


_DIGIT_HINTS_ASCII = _for_ascii(_DIGIT_HINTS)
_STREET_ASCII = _for_ascii(_STREET)


#: What a word can start, as bits: the anchor of a trigger entry, a number written as a word,
#: a claim's carrier or telling word, a health condition, a spelling the lexicon reads in more
#: than one way ("fuuun"), a topic word of the learned model's gate, an anchor of a home said
#: to be someone else's (`HOME_ANCHORS`) or of a private life told (`PRIVATE_ANCHORS`), a
#: one-word trigger entry (`ALONE`, a kind of anchor). All are built from the lists at load,
#: so a trigger, condition or gate word added to them is watched without an edit; the first
#: look and the full look then read the hints from these bits, with no set operation of their own.
ANCHOR, NUMBER, CARRIER, OPS, CONDITION, ODD, GATE, HOME, PRIVATE, ALONE = (
    1 << i for i in range(10))
#: The roles that send a message to the first look proper (a trigger's anchor only with the
#: rest of its entry, a number word only in a long number, a carrier only with a telling word).
_LOOK = CONDITION | ODD
#: Each word met lately and its roles (0: none, most words): one probe per word answers every
#: word list the first look reads. In memory only, bounded as the lexicon's own token cache.
_ROLES: dict[bytes, int] = {}
_ROLES_KEPT = 50_000
#: The words of `_ROLES` that have no role (most): a message made of them alone is answered by
#: one C call (``issuperset``), with no list of its words' roles built.
_PLAIN: set[bytes] = set()
#: The raw words (`words`) differ from the kit's only where the kit joins words at a dot or "_"
#: ("sch.ool"), reads leet (digits, "!" inside a word; the kit's text is then not the text in
#: lower case), drops a mask (excluded) or joins single letters ("c l o s e d"): so without a
#: joining dot or "_" and without leet the kit's words stand for the raw ones, unless one of
#: the words read from the raw words has one letter.
#: (``[a-z0-9][._]+[a-z0-9]`` written from its first dot or "_", so the search skips to them.)
_GLUED = re.compile(r"[._](?<=[a-z0-9][._])[._]*[a-z0-9]")
_ONE_LETTER = any(len(w) == 1 for w in CARRIER_WORDS | OPS_WORDS | CONDITION_WORDS)
#: Each byte of the text's UTF-8 as a mark: 0 for the characters that always send text to the
#: first look proper, "@" (an e-mail, leet), "$" and "|" (leet, masks), "*" (a mask); 2 for an
#: ASCII digit; 1 for any other byte (all of a character beyond ASCII). One ``translate`` and
#: two ``in`` tests (C loops over bytes) answer what a class search (``[0-9@$|*]``, tried
#: character by character, four times the cost) would.
_MARKS = bytes(0 if c in b"@$|*" else 2 if 48 <= c <= 57 else 1 for c in range(256))


def _role(word: bytes) -> int:
    role = (ANCHOR if word in ANCHORS else 0) | (NUMBER if word in NUMBER_WORD_SET else 0) \
        | (CARRIER if word in CARRIER_WORDS else 0) | (OPS if word in OPS_WORDS else 0) \
        | (CONDITION if word in CONDITION_WORDS else 0) | (GATE if word in GATE_WORDS else 0) \
        | (HOME if word in HOME_ANCHORS else 0) | (PRIVATE if word in PRIVATE_ANCHORS else 0) \
        | (ALONE if word in _ALONE else 0)
    if b"*" in word or TRIPLE.search(word):
        role |= ODD
    if len(_ROLES) >= _ROLES_KEPT:
        _ROLES.clear()
        _PLAIN.clear()
    _ROLES[word] = role
    if not role:
        _PLAIN.add(word)
    return role


def roles(words: Sequence[bytes]) -> int:
    """The roles of the words, together (bits of `ANCHOR`, `NUMBER`, ...)."""
    if _PLAIN.issuperset(words):
        return 0  # the usual case: no word of any list, all met before
    together = 0
    # Only the few words with a role (or not met before) are looked at one by one; the set
    # difference is worked out in C.
    for word in set(words).difference(_PLAIN):
        role = _ROLES.get(word)
        together |= _role(word) if role is None else role
    return together


def nothing_to_look_at(shared: MessageWords, message: Message, found: int) -> bool:
    """Whether no content rule can start on the message (``found``: the `roles` of its words),
    decided for text without letters or digits beyond ASCII (most chat, emoji included)
    without the first look proper: True only where
    `needs_full_look` would find no words and no link, and the street, spelt-number, earnings,
    claim and health hints of `civility.plugins.safety._judge_rules` are all off, so that only
    the flood rule and the learned model are left. False means "look properly"."""
    text = shared.text
    if (found & _LOOK or message.forwarded or message.forwarded_many or message.links
            or "live" in text):
        return False
    plain = text.isascii()
    # Beyond ASCII: emoji and other symbols are fine here, but letters or digits beyond ASCII
    # (look-alikes) always get the first look proper, as does a "£" (an earnings claim,
    # priced exam papers).
    if not plain and ("£" in text or _BEYOND_ASCII.search(text) is not None):
        return False
    marks = text.encode("utf-8", "surrogatepass").translate(_MARKS)
    if 0 in marks:  # (an int: a bytes needle is first tried as an int, an error raised)
        return False  # "@", "$", "|" or "*"
    digits = 2 in marks  # (the digits the rules read are ASCII's)
    if digits and (found & PRIVATE or _may_be_personal(text)):  # (`tells_private_life`)
        return False
    if places_a_home(shared, digits, found):
        return False
    toks = shared.toks
    # The trigger lexicon can only find an entry whose words are all there.
    if found & ANCHOR and _entry_present(toks, found):
        return False
    if found & NUMBER and spelled_digits(text, toks):
        return False
    low = shared.nt.text
    if digits or _ONE_LETTER or not plain \
            or (("." in low or "_" in low) and _GLUED.search(low) is not None) \
            or ("!" in low and low != text.lower()):
        raw = words(text)  # the raw words may differ from the kit's: read them
        if ops_claim_hint(raw) or not CONDITION_WORDS.isdisjoint(raw):
            return False
    elif found & CARRIER and found & OPS:
        return False  # a claim about the school's running may be made: look
    return not patterns_may_match(low) and not _may_hold_link(text, low)


def needs_full_look(shared: MessageWords, forwarded: bool, digits: bool,
                    word_roles: int | None = None) -> tuple[bool, bool, list[bytes]]:
    """(whether the words could start a content rule, whether there may be a link, the
    message's words); ``digits``: whether the text has a digit or an ``@``; ``word_roles``:
    the words' `roles`, when known."""
    text, found = shared.text, shared.toks
    if not text.isascii() and _BEYOND_ASCII.search(text) is not None:
        return True, True, found  # letters or digits beyond ASCII: look-alikes need the full look
    low = shared.nt.text  # lower case (and every ASCII letter where the text has it)
    maybe = (forwarded or patterns_may_match(low)
             or "$" in text or "|" in text or "*" in text
             or may_trigger(shared, word_roles)
             or ("£" in text and bool(_EXAM.lookup_tokens(shared.nt, found).found))
             or (digits and _may_be_personal(text)))
    return maybe, _may_hold_link(text, low), found


def _may_be_personal(text: str) -> bool:
    """Whether digits in the text (or an ``@``) may be someone's details: a letter beside a
    digit, a long number, a date, a year, an NI number's digits, a house number and street."""
    if "@" in text:
        return True
    if text.isascii():
        return _DIGIT_HINTS_ASCII.search(text) is not None \
            or _STREET_ASCII.search(text) is not None
    text = KEYCAP.sub("", text)  # keycap digits (7️⃣) are read as digits
    return _DIGIT_HINTS.search(text) is not None or _STREET.search(text) is not None


@functools.lru_cache(maxsize=1)  # (see `patterns_may_match`)
def _may_hold_link(text: str, low: str) -> bool:
    """Whether `civility.plugins.safety.content.link_risks` could find a link written in the
    text (or in its normalised form, where look-alike dots and brackets fold to ASCII): a dot
    between word characters or spaced apart ("site . com"), "dot", brackets ("site[.]com").
    False is a promise: without the platform's own links, `link_risks` finds none."""
    plain = text.isascii()
    for t in (text,) if plain else (text, low):
        if "." in t:
            # (a link's name may end in "-": "wa-.com" is no ``\w.\w``)
            if " . " in t or "-." in t or _DOTTED.search(t) is not None:
                return True
            # Brackets around a dot: "site(.)com". In ASCII text only a bracketed dot makes a
            # link that the checks above miss; brackets and full stops are everywhere in
            # ordinary chat ("(no nuts) ... after lunch.").
            if "(" in t and (not plain or "(." in t or "( ." in t):
                return True
        if "[" in t:
            return True
    return "dot" in low or "http" in low or "www" in low \
        or (not plain and "dot" in text.lower())


#: Bytes that are not ASCII letters or digits become spaces: splitting then gives the runs of
#: ``[a-z0-9]`` (what ``re.findall`` would), about three times faster than a regex.
_NOT_WORD = bytes(c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


def words(text: str) -> list[bytes]:
    """The lower-case words of text much as `tokens` gives them (runs of ASCII letters and
    digits, apostrophes dropped), without the evasion handling: what a claim about the school's
    running is read from (`civility.plugins.safety.content.ops_claim_hint`)."""
    return text.lower().encode("utf-8", "surrogatepass").translate(_NOT_WORD, b"'").split()
