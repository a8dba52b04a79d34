"""Text that displays as an insult is caught: invisible format characters and right-to-left
overrides cannot hide a word from the Iqra policy."""

from __future__ import annotations

import pytest

import civility.plugins.iqra as iqra
from civility.detectors.normalise import normalise
from civility.testing import judge

HIDDEN = {
    "right-to-left override": "you are an \u202etoidi",
    "override closed by a pop": "\u202ekcuf\u202c this, nobody replies",
    "override inside a word": "what a load of bol\u202eskcol",
    "left-to-right isolate": "f\u2066u\u2069ck this",
    "right-to-left isolate": "sh\u2067i\u2069t happens",
    "tag characters": "f\U000e0041u\U000e0063ck off",
    "zero-width joiner": "sh\u200dit happens",
    "word joiner": "you are a m\u2060oron",
    "invisible separator": "you are a m\u2063oron",
    "left-to-right mark": "f\u200euck this",
    "arabic letter mark": "f\u061cuck this",
    "variation selector": "f\ufe0fuck this",
    "soft hyphen": "bull\u00adshit",
}


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_hidden_insult_is_flagged(name: str) -> None:
    verdicts = judge(iqra, HIDDEN[name])
    assert {v.rule_id for v in verdicts} & {"iqra.offensive-language", "iqra.abuse"}, name


def test_evidence_points_at_the_original_characters() -> None:
    text = "you are an \u202etoidi, honestly"
    nt = normalise(text)
    at = nt.text.index("idiot")
    assert nt.excerpt(at, at + 5) == "toidi"


def test_override_reverses_only_to_the_end_of_its_run() -> None:
    nt = normalise("\u202ecba\u202c def\nxyz")
    assert nt.text == "abc def\nxyz"
    nt = normalise("\u202ecba\nfed")
    assert nt.text == "abc\nfed"


def test_plain_unicode_text_is_untouched() -> None:
    assert normalise("Eid Mubarak 🌙 to all").text == "eid mubarak 🌙 to all"
    assert judge(iqra, "Thank you \u200eMrs Khan\u2069 for the lovely assembly") == []
