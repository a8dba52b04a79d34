"""Word lists matched on whole words of normalised text, many lists in one pass.

An entry is a word or phrase in lower case. Matching is on whole words, so ``kill`` never fires
inside ``killing`` and ``ass`` never inside ``class`` (no Scunthorpe problem). An entry ending in
``*`` also matches the usual endings (``fuck*`` finds ``fucking``, ``fucker``, ``fucked``).
Evasions are undone before lookup: letters spaced apart (``f u c k``, ``b-i-t-c-h``), dots
inside words (``s.h.i.t``), a vowel masked with ``*`` (``f*ck``), letters repeated three times
or more (``fuuuuck``); apostrophes are ignored (``youre`` = ``you're``).

``Lexicon`` looks a message's words up in hash sets, so the cost hardly grows with the number of
lists or words; evidence (the span in the original text) is only worked out for lists a policy
asks about::

    lex = Lexicon.from_lists({"profanity": ["fuck*", "shit"], "insult": ["idiot"]})
    found = lex.lookup(normalise("You f*cking idiot"))
    found.has("insult")            # True
    found.evidence("profanity")    # [Evidence(detector="wordlist:profanity", match="f*cking", ...)]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

import attrs

from civility.detectors.normalise import NormalisedText
from civility.verdicts import Evidence

__all__ = ["Lexicon", "Matches", "WordList", "tokens"]

_KEEP = b"abcdefghijklmnopqrstuvwxyz0123456789*"
_TABLE = bytes(c if c in _KEEP else 32 for c in range(256))
_DELETE = b"'._"  # inside a word these are evasion or spelling, never a word break
_SPACED = re.compile(rb" [a-z0-9*] [a-z0-9*] [a-z0-9*] ")
_TRIPLE = re.compile(rb"([a-z])\1\1")
_SQUEEZE1 = re.compile(rb"([a-z])\1+")
_SQUEEZE2 = re.compile(rb"([a-z])\1\1+")
_SUFFIXES = ("", "s", "es", "ed", "d", "er", "ers", "ing", "in", "y", "ie", "ies", "head",
             "heads", "face", "wit", "hole", "holes", "ic", "ish", "z", "a")


def tokens(text: str) -> list[bytes]:
    """The words of (already normalised) text as ASCII bytes, evasions undone."""
    raw = text.encode("utf-8", "ignore").translate(_TABLE, _DELETE)
    toks = raw.split()
    # Cheap guards first: most messages have no single letters in a row and no masks.
    if len(toks) >= 3 and list(map(len, toks)).count(1) >= 3 \
            and _SPACED.search(b" " + b" ".join(toks) + b" "):
        toks = _join_spaced(toks)
    if b"*" in raw:
        toks = [t.strip(b"*") or t for t in toks]
    return toks


def _join_spaced(toks: list[bytes]) -> list[bytes]:
    out: list[bytes] = []
    run: list[bytes] = []
    for t in [*toks, b"--"]:
        if len(t) == 1:
            run.append(t)
            continue
        if len(run) >= 3:
            out.append(b"".join(run))
        else:
            out.extend(run)
        run = []
        out.append(t)
    return out[:-1]


@functools.lru_cache(maxsize=4096)
def _canonical(entry: str) -> tuple[bytes, ...]:
    return tuple(tokens(entry.lower().rstrip("*")))


def _variants(tok: bytes) -> list[bytes]:
    """Spellings a token may stand for: masked vowels filled, long letter runs shortened."""
    out = [tok]
    if b"*" in tok and tok.count(b"*") <= 2:
        out = [tok]
        for _ in range(tok.count(b"*")):
            out = [v.replace(b"*", bytes([c]), 1) for v in out for c in b"aeiou"]
    if _TRIPLE.search(tok):
        out += [_SQUEEZE1.sub(rb"\1", tok), _SQUEEZE2.sub(rb"\1\1", tok)]
    return out


def _letter(ch: str) -> str:
    return f"[{ch}*]+" if ch in "aeiou" else re.escape(ch) + "+"


@functools.lru_cache(maxsize=4096)
def _span_pattern(entry: tuple[bytes, ...], loose: bool) -> re.Pattern[str]:
    gap = r"[^a-z0-9]{0,3}" if loose else r"'?"
    words = [gap.join(_letter(chr(c)) for c in w) for w in entry]
    # The entry's first letter opens the pattern, so that a search skips to it in C; the word
    # boundary before it is checked behind it ("c+" is "c" then "(?<![a-z0-9]c)c*").
    first = _first(chr(entry[0][0]))
    return re.compile(first + words[0][len(_letter(chr(entry[0][0]))):] + "".join(
        r"[^a-z0-9]+" + w for w in words[1:]) + r"[a-z]*")


def _first(ch: str) -> str:
    """`_letter` for an entry's first letter, with the word boundary before it."""
    one = "[" + ch + "*]" if ch in "aeiou" else re.escape(ch)
    return one + "(?<![a-z0-9]" + one + ")" + one + "*"


@attrs.frozen
class Matches:
    """What a lexicon found in one message: list name -> the entries found."""

    nt: NormalisedText
    found: Mapping[str, tuple[str, ...]]

    def has(self, *names: str) -> bool:
        found = self.found
        for n in names:  # noqa: SIM110 - a plain loop is measurably faster on this hot path
            if n in found:
                return True
        return False

    def get(self, name: str) -> tuple[str, ...]:
        return self.found.get(name, ())

    def evidence(self, name: str, *, detector: str = "wordlist") -> list[Evidence]:
        """Evidence for each entry of ``name`` found, with its span in the original text."""
        out: dict[tuple[int, int, str], Evidence] = {}
        for entry in self.found.get(name, ()):
            ev = _locate(self.nt, entry, f"{detector}:{name}")
            out.setdefault((ev.start, ev.end, ev.match), ev)
        return list(out.values())


def _locate(nt: NormalisedText, entry: str, detector: str) -> Evidence:
    canon = _canonical(entry)
    for loose in (False, True):
        m = _span_pattern(canon, loose).search(nt.text) if canon else None
        if m:
            a, b = nt.original_span(m.start(), m.end())
            return Evidence(detector, nt.original[a:b], a, b, entry)
    return Evidence(detector, entry, detail="after undoing spelling tricks")


#: Distinct words whose hits (variants included) a `Lexicon` remembers; bounded, so that
#: arbitrary text cannot grow memory forever (the table starts again when full).
TOKEN_CACHE_SIZE = 50_000
#: A word's hits and the phrases it starts (second word -> phrase lengths).
_TokenInfo = tuple[tuple[tuple[str, str], ...], Mapping[bytes, tuple[int, ...]] | None]
_NOTHING: _TokenInfo = ((), None)


@attrs.frozen
class Lexicon:
    """Several named word lists, looked up together in one pass over a message's words."""

    names: tuple[str, ...]
    words: Mapping[bytes, tuple[tuple[str, str], ...]] = attrs.field(repr=False)
    #: first word -> phrase length -> phrase -> (list, entry) pairs
    phrases: Mapping[bytes, Mapping[int, Mapping[tuple[bytes, ...], tuple[tuple[str, str], ...]]]] \
        = attrs.field(repr=False)
    #: word -> what it can start: its hits (spellings undone: ``f*ck``, ``fuuuck``) and, when
    #: phrases start with it, second word -> phrase lengths; `_NOTHING` for most words
    _info: dict[bytes, _TokenInfo] = attrs.field(init=False, factory=dict, repr=False, eq=False)
    _seconds: dict[bytes, dict[bytes, tuple[int, ...]]] = attrs.field(
        init=False, factory=dict, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        for first, by_len in self.phrases.items():
            seconds: dict[bytes, set[int]] = {}
            for n, table in by_len.items():
                for phrase in table:
                    seconds.setdefault(phrase[1], set()).add(n)
            self._seconds[first] = {w: tuple(sorted(ns)) for w, ns in seconds.items()}

    @classmethod
    def from_lists(cls, lists: Mapping[str, Iterable[str]]) -> Lexicon:
        words: dict[bytes, list[tuple[str, str]]] = {}
        phrases: dict[bytes, dict[int, dict[tuple[bytes, ...], list[tuple[str, str]]]]] = {}
        for name, entries in lists.items():
            for entry in entries:
                canon = _canonical(entry)
                if not canon:
                    continue
                ends = _SUFFIXES if entry.endswith("*") else ("",)
                for end in ends:
                    key = (*canon[:-1], canon[-1] + end.encode())
                    if len(key) == 1:
                        words.setdefault(key[0], []).append((name, entry))
                    else:
                        by_len = phrases.setdefault(key[0], {}).setdefault(len(key), {})
                        by_len.setdefault(key, []).append((name, entry))
        return cls(tuple(lists), {k: tuple(v) for k, v in words.items()},
                   {k: {n: {p: tuple(v) for p, v in t.items()} for n, t in d.items()}
                    for k, d in phrases.items()})

    def lookup(self, nt: NormalisedText) -> Matches:
        """Every list with an entry in the message."""
        return self.lookup_tokens(nt, tokens(nt.text))

    def _token_info(self, tok: bytes) -> _TokenInfo:
        hits = self.words.get(tok, ())
        if b"*" in tok or _TRIPLE.search(tok):
            for variant in _variants(tok)[1:]:
                hits += self.words.get(variant, ())
        after = self._seconds.get(tok)
        info = (hits, after) if hits or after else _NOTHING
        cache = self._info
        if len(cache) >= TOKEN_CACHE_SIZE:
            cache.clear()
        cache[tok] = info
        return info

    def lookup_tokens(self, nt: NormalisedText, toks: list[bytes]) -> Matches:
        infos = list(map(self._info.get, toks))
        if infos.count(_NOTHING) == len(infos):  # the common case: no word of any list
            return Matches(nt, {})
        found: dict[str, list[str]] = {}
        last = len(toks) - 1
        for i, info in enumerate(infos):
            if info is _NOTHING:
                continue
            if info is None:
                info = self._token_info(toks[i])
                if info is _NOTHING:
                    continue
            hits, after = info
            for name, entry in hits:
                if name in found:
                    found[name].append(entry)
                else:
                    found[name] = [entry]
            if after is not None and i < last:
                lengths = after.get(toks[i + 1])
                if lengths:
                    by_len = self.phrases[toks[i]]
                    for n in lengths:
                        for name, entry in by_len[n].get(tuple(toks[i:i + n]), ()):
                            found.setdefault(name, []).append(entry)
        return Matches(nt, {k: tuple(dict.fromkeys(v)) if len(v) > 1 else tuple(v)
                            for k, v in found.items()})


@attrs.frozen
class WordList:
    """One named word list (a `Lexicon` of one list, for the simple case)."""

    name: str
    lexicon: Lexicon = attrs.field(repr=False)

    @classmethod
    def from_words(cls, name: str, words: Iterable[str]) -> WordList:
        return cls(name, Lexicon.from_lists({name: words}))

    def find(self, nt: NormalisedText) -> list[Evidence]:
        """Evidence for every entry of the list found in the normalised text."""
        return self.lexicon.lookup(nt).evidence(self.name)

    def search(self, nt: NormalisedText) -> bool:
        return self.lexicon.lookup(nt).has(self.name)
