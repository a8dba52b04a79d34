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
from civility.plugins.safety.content import KEYCAP, STREET, anchors, spelled_plainly
from civility.plugins.safety.lists import LISTS, TRIGGERS

#: Every trigger entry's anchor.
ANCHORS = anchors(TRIGGERS)


def may_trigger(shared: MessageWords) -> bool:
    """Whether the trigger lexicon finds an entry in the words (its own answer, asked only when
    an anchor or an odd spelling is there)."""
    words = shared.toks
    if ANCHORS.isdisjoint(words) and spelled_plainly(words):
        return False
    return bool(TRIGGERS.lookup_tokens(shared.nt, words).found)


#: Paid exam papers: with a price ("£") they start the scam check without a trigger.
_EXAM = Lexicon.from_lists({"exam": LISTS["exam"]})


#: What "hi mum" (FAMILY_GREETING of `civility.plugins.safety.content`) needs in the
#: lower-case text: a parent's name for a parent ("mummy" holds "mum", "ammi" holds "amm").
_PARENT = ("mum", "mom", "mam", "amm", "dad", "abbu", "papa")
#: ... and before it a greeting, or the parent's name first.
_GREETING = ("hi", "he")
#: What CLOSURE_RE needs beside "school" ("wont open", "not be open" hold "open").
_CLOSING = ("clos", "shut", "open", "cancel")
#: What ATTEMPT_RE needs ("trying" holds "try").
_ATTEMPT = ("try", "trie", "attempt")


def _pattern_may_match(low: str) -> bool:
    """Whether one of the patterns that start a check on their own ("hi mum", "the school is
    closed", "tried to take") could match the normalised text: plain substring tests, so a
    word glued to the next by a dot ("hi mum.new number") still counts."""
    if any(p in low for p in _PARENT) and (
            any(g in low for g in _GREETING) or low.lstrip().startswith(_PARENT)):
        return True
    if " to " in low and any(a in low for a in _ATTEMPT):
        return True
    plain = low.replace("'", "") if "'" in low else low  # CLOSURE_RE reads it so
    return "school" in plain and (any(c in plain for c in _CLOSING) or "no school" in plain)


#: A link's dot ("wa-check.net"), where the text has a dot at all.
_DOTTED = re.compile(r"\w\.\w")
#: Digits spaced or dotted apart ("0 7 9 1 ..."). (Letters spaced apart, "p a s s w o r d", are
#: joined up in the kit's words already.)
_SPACED = re.compile(r"\b[a-z0-9][ .*_-][a-z0-9][ .*_-][a-z0-9][ .*_-][a-z0-9]\b", re.I)
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
    if not text.isascii() and any(c.isalnum() for c in set(text) if c > "\x7f"):
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
    digit, a long number, a date, a year, a house number, digits spaced apart, an address."""
    if "@" in text:
        return True
    if not text.isascii():
        text = KEYCAP.sub("", text)  # keycap digits (7️⃣) are read as digits
    return (_DIGIT_HINTS.search(text) is not None or STREET.search(text) is not None
            or _SPACED.search(text) is not None)


def _may_hold_link(text: str, low: str) -> bool:
    """Whether `civility.plugins.safety.content.link_risks` could find a link written in the
    text (or in its normalised form, where look-alike dots fold to "."): a dot between word
    characters or spaced apart ("site . com"), "dot", brackets ("site[.]com")."""
    for t in (text,) if text.isascii() else (text, low):
        if "." in t and (" . " in t or _DOTTED.search(t) is not None):
            return True
    return "dot" in low or "http" in low or "www" in low or "[" in text \
        or ("(" in text and "." in text)


#: Bytes that are not ASCII letters or digits become spaces: splitting then gives the runs of
#: ``[a-z0-9]`` (what ``re.findall`` would), about three times faster than a regex.
_NOT_WORD = bytes(c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))


def words(text: str) -> list[bytes]:
    """The lower-case words of text much as `tokens` gives them (runs of ASCII letters and
    digits, apostrophes dropped), without the evasion handling: what a claim about the school's
    running is read from (`civility.plugins.safety.content.ops_claim_hint`)."""
    return text.lower().encode("utf-8", "surrogatepass").translate(_NOT_WORD, b"'").split()
