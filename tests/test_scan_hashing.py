"""The model's rows worked out the fast way are the rows of the features as the trainer writes
them: each feature's string hashed with CRC-32 (`civility.detectors.model.hash_features`).

Scan hashes a word's character n-grams, and each word pair, as bytes carried on from the
prefix's CRC; a model trained on the strings must see the very same rows, or every score moves.
"""

from __future__ import annotations

import itertools
import zlib

import numpy as np
import pytest

from civility.detectors.model import hash_features, word_rows
from civility.detectors.normalise import normalise
from civility.detectors.wordlist import tokens
from civility.plugins.iqra.learned import IqraModel, analyse
from civility.scan import message_from_json
from civility.testing import make_message

BITS = 18


def _word_features(word: str) -> list[str]:
    """A word's features as the trainer writes them: "w:word", then "c:" 3-grams, 4-grams."""
    feats = [f"w:{word}"]
    if len(word) >= 3:
        padded = f"<{word}>"
        feats += [f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2)]
        feats += [f"c:{padded[i:i + 4]}" for i in range(len(padded) - 3)]
    return feats


def _trainer_rows(word: str) -> np.ndarray:
    return hash_features(_word_features(word), BITS)


WORDS = ["", "a", "ok", "you", "idiot", "fuuuck", "f*ck", "jazakallah", "khair", "x" * 60,
         "caf\u00e9", "na\u00efve", "\u0645\u0631\u062d\u0628\u0627"]


@pytest.mark.parametrize("word", WORDS)
def test_a_words_rows_are_its_features_hashed(word: str) -> None:
    assert word_rows(word.encode(), BITS).tolist() == _trainer_rows(word).tolist()


def test_every_word_of_a_chat_hashes_as_the_trainer_hashes_it() -> None:
    text = ("Salaam sisters, Mrs Khan's class trip is on Friday!!! Bring £5 and a packed lunch. "
            "u r SO annoying m8, stop spamming the group https://example.com/x?y=1 JazakAllah")
    words = tokens(normalise(text).text)
    assert words
    for tok in words:
        assert word_rows(tok, BITS).tolist() == _trainer_rows(tok.decode()).tolist()


def test_a_messages_rows_are_its_features_hashed_in_order() -> None:
    model = IqraModel.default()
    analysis = analyse(make_message("Mr Hughes has totally lost control of 4R, what a joke"), {})
    words = [t.decode() for t in analysis.words]
    feats = [f for w in words for f in _word_features(w)]
    feats += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    feats += list(analysis.extra)
    bits = model.model.bits
    expected = [zlib.crc32(f.encode()) & ((1 << bits) - 1) for f in feats]
    assert model.indices(analysis).tolist() == expected


@pytest.mark.parametrize(("data", "error"), [
    ([], "not a JSON object"),
    ({"text": "hi"}, "missing id, sender"),
    ({"id": 1, "sender": "A", "text": 5}, "text must be a string"),
    ({"id": 1, "sender": "A", "text": "hi", "forwarded": 1}, "forwarded must be true or false"),
    ({"id": 1, "sender": "A", "text": "hi", "forwarded_many": "yes"},
     "forwarded_many must be true or false"),
    ({"id": True, "sender": "A", "text": "hi"}, "id must be text or a number"),
    ({"id": 1, "sender": 2.5, "text": "hi"}, "sender must be text or a number"),
    ({"id": 1, "sender": "A", "text": "hi", "chat": False}, "chat must be text or a number"),
])
def test_a_bad_line_says_what_is_wrong_first(data: object, error: str) -> None:
    with pytest.raises(ValueError, match=f"^{error}$"):
        message_from_json(data, "line 1")


def test_a_good_line_keeps_every_field() -> None:
    m = message_from_json({"id": 7, "sender": 42, "text": "see https://example.com",
                           "chat": "3B", "forwarded_many": True,
                           "timestamp": "2025-09-01T08:30:00Z"}, "line 1")
    assert (m.ref.id, m.sender.id, m.chat.id) == ("7", "42", "3B")
    assert m.forwarded and m.forwarded_many
    assert m.links and m.time.year == 2025
