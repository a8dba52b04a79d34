"""A cheap first look that lets most messages skip the content rules.

Every phrase a scam or rumour check needs has an *anchor*, one of its words (the longest that is
not a very common word), and a phrase can only match when its anchor is among the message's
words. So when plain-ASCII text holds no anchor, no digits, no ``@``, nothing link-like and no
spelling trick (``*``, ``$``, ``|``), the full analysis (normalising, the word lists, link
judging) cannot find anything and is skipped. Non-ASCII text always gets the full analysis,
since look-alike letters are an evasion.
"""

from __future__ import annotations

import re

from civility.detectors.wordlist import tokens
from civility.plugins.safety.content import DIGIT, STREET
from civility.plugins.safety.lists import LISTS, RUMOUR_TRIGGERS, SCAM_TRIGGERS

#: Words too common to be an anchor (a phrase's other words are rarer).
_COMMON = frozenset(b"""the my your you me is are to a on in for of and it this that with at
kids children child parents class today tomorrow week year all everyone please can will be
have has get got new now no i we our its im from by an or so not do did any some just send
sent here dont home changed info photos advance gift log back please pls their school""".split())
#: "Hi mum": the greeting regex's words.
_FAMILY = (b"mum", b"mom", b"mam", b"mummy", b"mumma", b"mama", b"ammi", b"amma", b"ammy",
           b"dad", b"daddy", b"abbu", b"papa")


def _anchor(entry: str) -> bytes | None:
    words = tokens(entry.lower())
    if not words:
        return None
    rare = [w for w in words if w not in _COMMON] or words
    numbers = [w for w in rare if any(c in b"0123456789" for c in w)]
    # A number is rarer than a word ("send to 10"); else the longest, of equals the last.
    return max(reversed(numbers or rare), key=len)


ANCHORS = frozenset(
    a for name in SCAM_TRIGGERS | RUMOUR_TRIGGERS for e in LISTS[name]
    if (a := _anchor(e)) is not None) | frozenset(_FAMILY) | frozenset(
    # The attempt pattern of `civility.plugins.safety.content` (ATTEMPT_RE).
    {b"tried", b"trying", b"try", b"attempted", b"attempting"})
#: CLOSURE_RE's words: they count only beside "school".
_CLOSING = frozenset({b"closed", b"close", b"closes", b"closing", b"shut", b"shuts", b"shutting",
                      b"wont", b"open", b"opening", b"cancelled", b"canceled", b"cancelling"})

#: Bytes that are not ASCII letters or digits become spaces: splitting then gives the runs of
#: ``[a-z0-9]`` (what ``re.findall`` would), about three times faster than a regex.
_NOT_WORD = bytes(c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))
# Leet inside a word (s0rt, acc0unt), masks, links, and what personal data looks like: a long
# run of digits, a postcode or registration (capitals then a digit), a date with a year, "@".
_DOTTED = re.compile(r"\w\.\w")
#: Letters spaced or dotted apart ("p a s s w o r d", "s.o.r.t"): an evasion the full look undoes.
_SPACED = re.compile(r"\b[a-z0-9][ .*_-][a-z0-9][ .*_-][a-z0-9][ .*_-][a-z0-9]\b", re.I)
# With digits: leet inside a word (s0rt), a long run of digits, a postcode or registration
# (a capital then a digit), a date with a year.
_DIGIT_HINTS = re.compile(r"[a-zA-Z][0-9][a-zA-Z]|\d(?:[ -]?\d){8}|[A-Za-z]\d|\d[/.-]\d{1,2}[/.-]\d"
                          r"|(?:19|20)\d\d")


def words(text: str) -> list[bytes]:
    """The lower-case words of text much as `tokens` gives them (runs of ASCII letters and
    digits, apostrophes dropped), without the evasion handling."""
    return text.lower().encode("utf-8", "surrogatepass").translate(_NOT_WORD, b"'").split()


def needs_full_look(text: str, forwarded: bool) -> tuple[bool, bool, list[bytes]]:
    """(whether the words could start a content rule, whether there may be a link, the
    message's words)."""
    if not text.isascii() and any(c.isalnum() for c in set(text) if c > "\x7f"):
        return True, True, []  # letters or digits beyond ASCII: look-alikes need the full look
    low = text.lower()
    found = low.encode("utf-8", "surrogatepass").translate(_NOT_WORD, b"'").split()
    maybe = (forwarded or not ANCHORS.isdisjoint(found)
             or (b"school" in found and (not _CLOSING.isdisjoint(found) or "no school" in low))
             or "@" in text or "$" in text or "|" in text or "*" in text
             or _SPACED.search(text) is not None
             or (DIGIT.search(text) is not None and (
                 _DIGIT_HINTS.search(text) is not None or STREET.search(text) is not None)))
    link = ("." in text and _DOTTED.search(text) is not None) or "http" in low \
        or "www" in low or "dot" in low or "[" in text
    return maybe, link, found
