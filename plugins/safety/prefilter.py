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

import re

from civility.detectors.shared import MessageWords
from civility.detectors.wordlist import Lexicon
from civility.plugins.safety.content import (
    DIGIT,
    KEYCAP,
    STREET,
    anchor_of,
    anchors,
    spelled_plainly,
    triggered,
)
from civility.plugins.safety.lists import LISTS, TRIGGERS

#: Every trigger entry's anchor, and the words of the entries it anchors (none for a one-word
#: entry): an entry's words must all be there before the lexicon can find it.
ANCHORS = anchors(TRIGGERS)
_ENTRIES: dict[bytes, list[frozenset[bytes]]] = {}
for _word in TRIGGERS.words:
    _ENTRIES.setdefault(_word, []).append(frozenset())
for _by_length in TRIGGERS.phrases.values():
    for _table in _by_length.values():
        for _phrase in _table:
            _ENTRIES.setdefault(anchor_of(_phrase), []).append(frozenset(_phrase))


def may_trigger(shared: MessageWords) -> bool:
    """Whether the trigger lexicon finds an entry in the words (its own answer, asked only when
    all the words of an entry are there, or a word is spelt oddly)."""
    words = shared.toks
    if ANCHORS.isdisjoint(words):
        if spelled_plainly(words):
            return False
    else:
        present = frozenset(words)
        if spelled_plainly(words) and not any(
                needs <= present for anchor in ANCHORS.intersection(present)
                for needs in _ENTRIES[anchor]):
            return False
    return triggered(shared)


#: Paid exam papers: with a price ("£") they start the scam check without a trigger.
_EXAM = Lexicon.from_lists({"exam": LISTS["exam"]})


def _pattern_may_match(low: str) -> bool:
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
_DOTTED = re.compile(r"\w\.\w")
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


def needs_full_look(shared: MessageWords, forwarded: bool, digits: bool
                    ) -> tuple[bool, bool, list[bytes]]:
    """(whether the words could start a content rule, whether there may be a link, the
    message's words); ``digits``: whether the text has a digit or an ``@``."""
    text, found = shared.text, shared.toks
    if not text.isascii() and _BEYOND_ASCII.search(text) is not None:
        return True, True, found  # letters or digits beyond ASCII: look-alikes need the full look
    low = shared.nt.text  # lower case (and every ASCII letter where the text has it)
    maybe = (forwarded or _pattern_may_match(low)
             or "$" in text or "|" in text or "*" in text
             or may_trigger(shared)
             or ("£" in text and bool(_EXAM.lookup_tokens(shared.nt, found).found))
             or (digits and _may_be_personal(text)))
    return maybe, _may_hold_link(text, low), found


def _may_be_personal(text: str) -> bool:
    """Whether digits in the text (or an ``@``) may be someone's details: a letter beside a
    digit, a long number, a date, a year, an NI number's digits, a house number and street."""
    if "@" in text:
        return True
    if not text.isascii():
        text = KEYCAP.sub("", text)  # keycap digits (7️⃣) are read as digits
    return _DIGIT_HINTS.search(text) is not None or _STREET.search(text) is not None


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
