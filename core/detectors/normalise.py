"""Text normalisation against evasion, with a map back to the original text.

``normalise(text)`` folds a message into lower-case ASCII-ish text that word lists can match:

- Unicode look-alikes (Greek and Cyrillic letters, full-width forms, accents, zero-width
  characters) fold to plain Latin letters: ``"fμck"``, ``"ｆｕｃｋ"``, ``"fück"`` all read ``fuck``;
- leetspeak inside words (``sh1t``, ``@ss``, ``b!tch``) reads as letters, while numbers that
  stand alone (``3 for 2``, ``Year 4``) stay numbers;
- letters spaced or dotted apart (``f u c k``, ``s.h.i.t``) are joined up by
  `civility.detectors.wordlist.tokens`, which works on the folded text.

Repeated letters (``fuuuuck``) are left alone here; word lookup tries shortened runs, so nothing
has to guess here whether ``ass`` or ``as`` was meant.

Every step is cheap on plain ASCII text (the common case); the offset map back to the
original is only built when a detector asks for a span.
"""

from __future__ import annotations

import re
import unicodedata

import attrs

__all__ = ["NormalisedText", "fold_char", "normalise"]

# Letters that look like Latin ones in other scripts (the usual evasion set, not exhaustive).
_CONFUSABLES = {
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u",
    "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ы": "bi", "г": "r", "п": "n", "и": "u", "ь": "b", "з": "3",
    # Latin oddities NFKD leaves alone
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ɑ": "a",
    "ɡ": "g", "ʀ": "r", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɪ": "i",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ᴛ": "t", "ᴜ": "u",
    # Typographic punctuation, so "don’t" reads like "don't"
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
}
# Invisible characters used to break words apart without showing it; every other format
# character (Unicode category Cf: bidi controls, tag characters U+E0000-U+E007F, joiners,
# invisible operators) and the variation selectors are dropped too.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u034f\u115f\u1160")
# Characters that show as a blank, so they separate words like a space does.
_BLANK = frozenset("\u3164\uffa0")
# Right-to-left override: the characters after it (to a pop, an isolate's end, or the line's
# end) are shown in reverse order, so "\u202ekcuf" displays as "fuck".
_RLO, _LRO = "\u202e", "\u202d"
_OVERRIDE_ENDS = frozenset("\u202c\u2069\n\r\u2029\u202d")


def _invisible(ch: str) -> bool:
    code = ord(ch)
    return (ch in _INVISIBLE or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or unicodedata.category(ch) == "Cf")


def fold_char(ch: str) -> str:
    """One character folded to lower-case Latin (possibly empty or several characters)."""
    if ch.isascii():
        return ch.lower()
    if ch in _BLANK:
        return " "
    if _invisible(ch):
        return ""
    low = ch.lower()
    if low in _CONFUSABLES:
        return _CONFUSABLES[low]
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if base in _CONFUSABLES:
        return _CONFUSABLES[base]
    return base if base.isascii() and base else low


class _FoldTable(dict[int, str]):
    """A `str.translate` table that folds each new character once and remembers it."""

    def __missing__(self, key: int) -> str:
        value = fold_char(chr(key))
        if len(self) < 50_000:  # bounded: arbitrary text must not grow memory forever
            self[key] = value
        return value


_FOLD = _FoldTable()

_LEET_CHARS = "0134578@$!|"
_LEET = str.maketrans(_LEET_CHARS, "oieastbasii")
_LETTER = re.compile(r"[a-z]")
_LEET_HINT = re.compile(r"[0-9@$!|]")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$!|")
_RUN = re.compile(r"[a-z0-9@$!|]+")


def _unleet_text(folded: str) -> str:
    """Every run of token characters that holds a letter and a leet character read as letters,
    visiting only the runs that hold a leet character (a long message with one "3R" or "!" in
    it is not rewritten word by word). Linear: each character is looked at a bounded number of
    times."""
    out: list[str] = []
    done = skip = 0
    for hint in _LEET_HINT.finditer(folded):
        i = hint.start()
        if i < skip:
            continue  # in a token already seen
        a = i
        while a > 0 and folded[a - 1] in _TOKEN_CHARS:
            a -= 1
        run = _RUN.match(folded, a)
        skip = run.end() if run else i + 1
        # A whole run of token characters is a word when it has a letter in it.
        if _LETTER.search(folded, a, skip) is not None:
            out.append(folded[done:a])
            out.append(_unleet(folded[a:skip]))
            done = skip
    out.append(folded[done:])
    return "".join(out)


def _unleet(token: str) -> str:
    """A token mixing letters with leet characters, read as letters; "!" and "|" only count
    inside a word."""
    if not any(c in _LEET_CHARS for c in token):
        return token
    # Leading or trailing "!" / "|" are punctuation, not letters ("hello!").
    core = token.strip("!|")
    if not core:
        return token
    lead = len(token) - len(token.lstrip("!|"))
    mapped = core.translate(_LEET)
    if mapped.isdigit():
        return token
    return token[:lead] + mapped + token[lead + len(core):]


@attrs.frozen
class NormalisedText:
    """A message's normalised text, and how to find a span of it in the original."""

    original: str
    text: str
    #: True when folding changed lengths (non-ASCII input); then the map is built on demand.
    folded: bool = False
    #: The original index of each character in display order, when a right-to-left override
    #: shows some of them reversed (None: display order is the original order).
    order: tuple[int, ...] | None = attrs.field(default=None, repr=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced ``text[start:end]``."""
        if not self.folded:
            return start, end
        index = _index_map(self)
        if not index:
            return 0, 0
        start = min(max(start, 0), len(index) - 1)
        last = min(max(end - 1, start), len(index) - 1)
        if self.order is not None:  # reversed runs: the span is the widest one covered
            covered = index[start:last + 1]
            return min(covered), max(covered) + 1
        return index[start], index[last] + 1

    def excerpt(self, start: int, end: int) -> str:
        """The original text behind a normalised span (what a moderator should see)."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


def _index_map(nt: NormalisedText) -> list[int]:
    index: list[int] = []
    if nt.folded:
        order = nt.order if nt.order is not None else range(len(nt.original))
        for i in order:
            index.extend([i] * len(_FOLD[ord(nt.original[i])]))
    else:
        index = list(range(len(nt.original)))
    return index


def _display_order(text: str) -> list[int]:
    """The original index of each character in the order it is shown: runs after a
    right-to-left override are reversed (nesting is not modelled; a new override ends a run)."""
    order: list[int] = []
    run: list[int] | None = None
    for i, ch in enumerate(text):
        if run is not None and ch in _OVERRIDE_ENDS:
            order.extend(reversed(run))
            run = None
        if ch == _RLO:
            if run is not None:
                order.extend(reversed(run))
            run = []
            order.append(i)
        elif run is not None:
            run.append(i)
        else:
            order.append(i)
    if run is not None:
        order.extend(reversed(run))
    return order


def normalise(text: str) -> NormalisedText:
    """Fold ``text`` for matching; see the module docstring for what is undone."""
    order: tuple[int, ...] | None = None
    if text.isascii():
        folded, changed = text.lower(), False
    else:
        shown = text
        if _RLO in text:
            order = tuple(_display_order(text))
            shown = "".join(text[i] for i in order)
        folded = shown.translate(_FOLD)
        # Emoji and other characters that fold to themselves keep offsets as they are.
        changed = order is not None or len(folded) != len(text) or any(
            len(_FOLD[ord(c)]) != 1 for c in set(text) if not c.isascii())
    if _LEET_HINT.search(folded):
        folded = _unleet_text(folded)
    return NormalisedText(text, folded, changed, order)
