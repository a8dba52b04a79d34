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
# Invisible characters used to break words apart without showing it.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")


def fold_char(ch: str) -> str:
    """One character folded to lower-case Latin (possibly empty or several characters)."""
    if ch in _INVISIBLE:
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
# A token mixing letters with leet characters; "!" and "|" only count inside a word.
_LEET_TOKEN = re.compile(r"[a-z0-9@$!|]*[a-z][a-z0-9@$!|]*")
_LEET_HINT = re.compile(r"[0-9@$!|]")
_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@$!|")
_RUN = re.compile(r"[a-z0-9@$!|]+")


def _unleet_text(folded: str) -> str:
    """``_LEET_TOKEN.sub(_unleet, folded)``, visiting only the tokens that hold a leet character
    (a long message with one "3R" or "!" in it is not rewritten word by word)."""
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
        # `_LEET_TOKEN` takes a whole run of token characters when it has a letter in it.
        token = _LEET_TOKEN.match(folded, a, skip)
        if token is not None and token.end() == skip:
            out.append(folded[done:a])
            out.append(_unleet(token))
            done = skip
    out.append(folded[done:])
    return "".join(out)


def _unleet(match: re.Match[str]) -> str:
    token = match.group(0)
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

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that produced ``text[start:end]``."""
        if not self.folded:
            return start, end
        index = _index_map(self)
        if not index:
            return 0, 0
        start = min(max(start, 0), len(index) - 1)
        last = min(max(end - 1, start), len(index) - 1)
        return index[start], index[last] + 1

    def excerpt(self, start: int, end: int) -> str:
        """The original text behind a normalised span (what a moderator should see)."""
        a, b = self.original_span(start, end)
        return self.original[a:b]


def _index_map(nt: NormalisedText) -> list[int]:
    index: list[int] = []
    if nt.folded:
        for i, ch in enumerate(nt.original):
            index.extend([i] * len(_FOLD[ord(ch)]))
    else:
        index = list(range(len(nt.original)))
    return index


def normalise(text: str) -> NormalisedText:
    """Fold ``text`` for matching; see the module docstring for what is undone."""
    if text.isascii():
        folded, changed = text.lower(), False
    else:
        folded = text.translate(_FOLD)
        # Emoji and other characters that fold to themselves keep offsets as they are.
        changed = len(folded) != len(text) or any(
            len(_FOLD[ord(c)]) != 1 for c in set(text) if not c.isascii())
    if _LEET_HINT.search(folded):
        folded = _unleet_text(folded)
    return NormalisedText(text, folded, changed)
