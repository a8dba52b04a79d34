"""Pseudonyms for scan reports: every person in a report replaced, the same way in every format.

Members get "Member N", numbered in the order they first appear in the scanned file; people the
policy found who are not members get "Child N" or "Staff N" (or "Person N"). In text, a member's
full name, each part of it on its own ("Dear Mrs Ali", "Zara's mum"), an @mention, a found
person's name, a name after a title ("Miss Begum") and the names on e-mail header lines
("To: Y Ali") are replaced; phone numbers and e-mail addresses are masked. Linear time: one
pass over the words of the text, with dictionary look-ups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["Pseudonyms"]

#: A name part shared by two people becomes this (neither can be told from it).
AMBIGUOUS = "[name]"
_KIND_LABELS = {"child": "Child", "staff": "Staff", "parent": "Parent"}

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
# Linear: a start needs a digit after a non-word character, and the run then either ends in a
# digit (a match, consumed) or holds no other digit (no later start inside it).
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d \-()\u00a0]{7,}\d(?!\w)")
_WORD = re.compile(r"@?[^\W\d_]++(?:['\u2019\-][^\W\d_]++)*+")
# E-mail header lines whose value is people: "From: Y Ali <...>", "To: Amina", "Cc: ...".
# Evidence quotes text with repr(), so a literal "\n" starts a line too.
_HEADER = re.compile(r"(?im)(?:^|\\n|')[ \t>*]*+(?:from|to|cc|bcc|reply-to|sent by|attn)[ \t]*+:"
                     r"([^\n\\]*+(?:\\(?!n)[^\n\\]*+)*+)")
_TITLES = frozenset({
    "mr", "mrs", "miss", "ms", "mx", "dr", "sir", "madam", "ustadh", "ustadha", "ustaz",
    "sister", "brother", "hafiz", "maulana", "molvi", "moulana", "imam", "aunty", "auntie",
    "uncle", "mister", "dear"})
# Parts of display names that are not names ("Amina (Zara's mum)", "Year 3 Rep").
_NOT_NAMES = frozenset({
    "mum", "mom", "mummy", "dad", "daddy", "mother", "father", "parent", "parents", "the", "and",
    "of", "year", "class", "rep", "school", "group", "admin", "teacher", "office", "team",
    "ammi", "abbu", "ami", "abu", "baji", "bhai", "aunty", "auntie", "uncle", "nani", "dadi",
    "nana", "dada", "grandma", "grandad", "new", "old", "work", "home", "phone", "iphone",
    *_TITLES})
# Names that are also everyday words: replaced only when written with a capital.
_WORD_NAMES = frozenset({
    "will", "grace", "hope", "may", "june", "rose", "faith", "joy", "mark", "bill", "sunny",
    "rich", "pat", "jack", "dawn", "amber", "ruby", "holly", "ivy", "lily", "summer", "autumn",
    "page", "carol", "frank", "guy", "ray", "rob", "sue", "chase", "hunter", "cliff", "dean",
    "drew", "gene", "glen", "major", "miles", "penny", "robin", "sky", "star", "storm", "amir",
    "noor", "sana", "saba", "bano", "khair", "iman", "huda"})


class Pseudonyms:
    """Stable pseudonyms for the members of a scanned chat and the people the policy found."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: dict[str, str] = {}
        self._people: dict[str, str] = {}  # found non-members, lower case -> pseudonym
        self._counts: dict[str, int] = {}
        self._words: dict[str, str] | None = None
        self._owners: dict[str, set[str]] = {}  # name part -> pseudonyms of its owners
        for name in names:
            self.name(name)

    def name(self, real: str) -> str:
        """The pseudonym of a member (by display name), numbered on first sight."""
        if real not in self.names:
            self.names[real] = f"Member {len(self.names) + 1}"
            self._words = None
        return self.names[real]

    def person(self, real: str, kind: str = "") -> str:
        """The pseudonym of someone the policy found in a message (a child, a member of
        staff): a member's own pseudonym when the name is a member's."""
        key = real.strip().lower()
        words = self._lookup()
        if key in words:
            return words[key]
        if key not in self._people:
            label = _KIND_LABELS.get(kind, "Person")
            self._counts[label] = self._counts.get(label, 0) + 1
            self._people[key] = f"{label} {self._counts[label]}"
            self._words = None
        return self._people[key]

    def _lookup(self) -> dict[str, str]:
        """Lower-case word -> pseudonym, for every whole name and name part."""
        if self._words is not None:
            return self._words
        words: dict[str, str] = {}
        owners: dict[str, set[str]] = {}

        def add(word: str, pseudonym: str) -> None:
            if len(word) < 2 or word in _NOT_NAMES:
                return
            owners.setdefault(word, set()).add(pseudonym)
            if words.get(word, pseudonym) != pseudonym:
                pseudonym = AMBIGUOUS
            words[word] = pseudonym

        for real, pseudonym in self.names.items():
            for part in _WORD.findall(real):
                add(_base(part.lower()), pseudonym)
        for real, pseudonym in self._people.items():
            for part in _WORD.findall(real):
                add(_base(part), pseudonym)
        self._words, self._owners = words, owners
        return words

    def text(self, text: str) -> str:
        """``text`` with every person replaced and phone numbers and e-mail addresses masked."""
        text = _EMAIL.sub("[e-mail]", text)
        text = _PHONE.sub("[phone number]", text)
        words = self._lookup()
        headers = [m.span(1) for m in _HEADER.finditer(text)]
        spans: list[tuple[int, int, str, str]] = []  # start, end, pseudonym, text around
        previous = ""
        header = 0
        for m in _WORD.finditer(text):
            word, start = m.group(0), m.start()
            while header < len(headers) and headers[header][1] <= start:
                header += 1
            in_header = header < len(headers) and headers[header][0] <= start
            at = "@" if word.startswith("@") else ""
            bare = word[len(at):]
            base = _base(bare.lower())
            suffix = bare[len(base):] if bare.lower().startswith(base) else ""
            pseudonym = words.get(base)
            if pseudonym is not None and base in _WORD_NAMES and not bare[0].isupper():
                pseudonym = None
            if pseudonym is None and bare[0].isupper() and base not in _NOT_NAMES and (
                    in_header or previous in _TITLES) and not _is_pseudonym_word(bare):
                pseudonym = AMBIGUOUS
            previous = base
            if pseudonym == AMBIGUOUS and spans and not at:
                # "Farah Ali" when two members are Alis: the name before says which one.
                _, last_end, last, _ = spans[-1]
                if text[last_end:start].strip() == "" and last in self._owners.get(base, ()):
                    pseudonym = last
            if pseudonym is not None:
                spans.append((start, m.end(), pseudonym, at + "{}" + suffix))
        return _apply(text, spans)


def _base(word: str) -> str:
    """A word without a possessive ("Zara's" -> "zara")."""
    for ending in ("'s", "\u2019s", "'", "\u2019"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)]
    return word


def _is_pseudonym_word(word: str) -> bool:
    return word in ("Member", "Child", "Staff", "Person", "Parent")


def _apply(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """Replace the spans; neighbours with the same pseudonym and only blanks between them
    ("Sam O'Neil" -> "Member 2 Member 2") become one."""
    if not spans:
        return text
    merged: list[list[Any]] = []
    for start, end, pseudonym, form in spans:
        if merged and merged[-1][2] == pseudonym and not form.startswith("@") and \
                text[merged[-1][1]:start].strip() == "" and "\n" not in text[merged[-1][1]:start]:
            last_form = merged[-1][3]
            merged[-1][1] = end
            merged[-1][3] = last_form.split("{}")[0] + "{}" + form.split("{}")[1]
            continue
        merged.append([start, end, pseudonym, form])
    out: list[str] = []
    done = 0
    for start, end, pseudonym, form in merged:
        out.append(text[done:start])
        out.append(form.replace("{}", pseudonym))
        done = end
    out.append(text[done:])
    return "".join(out)
