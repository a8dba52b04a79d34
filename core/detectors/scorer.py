"""A small statistical abuse scorer: a linear model over word and character n-grams.

The model is logistic regression trained by ``benchmarks/train_abuse_model.py`` on public
labelled data (OLID, Davidson, RUHSOLD; see ATTRIBUTION.txt) and exported as a compressed JSON
table of feature weights, scored here in pure Python (no numpy or scikit-learn at run time).
The features are computed by `features`, the same function the trainer uses, so the scores
match. Use it as a second opinion when cheap signals are ambiguous.

Scoring is fast because the model is linear: a word's own weight plus the weights of its
character n-grams depend on the word alone, so they are summed once per distinct word and kept
in a bounded table; a message then costs one lookup per word and one per word pair (a few
microseconds). `Scorer.score_tokens` scores words a caller has already worked out.
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
import itertools
import json
import math
from collections.abc import Mapping

import attrs

from civility.detectors.normalise import normalise
from civility.detectors.wordlist import tokens
from civility.verdicts import Evidence

__all__ = ["MODEL_FILE", "Scorer", "features"]

MODEL_FILE = "abuse_model.json.gz"


#: Distinct words whose summed weight is remembered (bounded: arbitrary text must not grow
#: memory forever; the table starts again when full).
WORD_CACHE_SIZE = 100_000


def features(text: str) -> list[str]:
    """Word unigrams and bigrams, and character 3- and 4-grams inside each word."""
    return token_features(tokens(normalise(text).text))


def token_features(toks: list[bytes]) -> list[str]:
    """`features` of text whose words (`civility.detectors.wordlist.tokens`) are known."""
    words = [t.decode() for t in toks]
    feats = [f"w:{w}" for w in words]
    feats += [f"b:{a}_{b}" for a, b in itertools.pairwise(words)]
    for w in words:
        if len(w) < 3:
            continue
        padded = f"<{w}>"
        feats += [f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2)]
        feats += [f"c:{padded[i:i + 4]}" for i in range(len(padded) - 3)]
    return feats


@attrs.frozen
class Scorer:
    """Probability that a text is abusive or offensive, with the features that said so."""

    weights: Mapping[str, float] = attrs.field(repr=False)
    bias: float
    meta: Mapping[str, object] = attrs.field(factory=dict)
    #: Worked out from ``weights`` once: char n-gram weights, word pair weights by first word,
    #: and the summed weight of each word seen so far.
    _grams: dict[str, float] = attrs.field(init=False, factory=dict, repr=False, eq=False)
    _pairs: dict[tuple[bytes, bytes], float] = attrs.field(init=False, factory=dict, repr=False,
                                                            eq=False)
    _unigrams: dict[bytes, float] = attrs.field(init=False, factory=dict, repr=False, eq=False)
    _word_sums: dict[bytes, float] = attrs.field(init=False, factory=dict, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        for key, weight in self.weights.items():
            kind, _, rest = key.partition(":")
            if kind == "c":
                self._grams[rest] = weight
            elif kind == "w":
                self._unigrams[rest.encode()] = weight
            elif kind == "b":  # words never hold "_" (tokens drop it), so the split is exact
                first, _, second = rest.partition("_")
                self._pairs[first.encode(), second.encode()] = weight

    @classmethod
    @functools.cache
    def default(cls) -> Scorer:
        """The model shipped with Civility (loaded once)."""
        ref = importlib.resources.files("civility.detectors").joinpath(MODEL_FILE)
        return cls.from_json(gzip.decompress(ref.read_bytes()).decode())

    @classmethod
    def from_json(cls, raw: str) -> Scorer:
        data = json.loads(raw)
        return cls(weights=data["weights"], bias=float(data["bias"]), meta=data.get("meta", {}))

    def score(self, text: str) -> float:
        return self.score_tokens(tokens(normalise(text).text))

    def _word_sum(self, word: bytes) -> float:
        """A word's unigram weight plus the weights of its character 3- and 4-grams."""
        total = self._unigrams.get(word, 0.0)
        if len(word) >= 3:
            get = self._grams.get
            padded = f"<{word.decode()}>"
            for i in range(len(padded) - 2):
                total += get(padded[i:i + 3], 0.0)
            for i in range(len(padded) - 3):
                total += get(padded[i:i + 4], 0.0)
        sums = self._word_sums
        if len(sums) >= WORD_CACHE_SIZE:
            sums.clear()
        sums[word] = total
        return total

    def score_tokens(self, toks: list[bytes]) -> float:
        """`score` of text whose words (`civility.detectors.wordlist.tokens`) are known."""
        sums = self._word_sums
        try:  # every word seen before: summed at C speed
            z = sum(map(sums.__getitem__, toks))
        except KeyError:
            z = 0.0
            for tok in toks:
                w = sums.get(tok)
                z += self._word_sum(tok) if w is None else w
        if len(toks) > 1:
            z += sum(map(self._pairs.get, itertools.pairwise(toks), itertools.repeat(0.0)))
        z += self.bias
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def explain(self, text: str, top: int = 3) -> Evidence:
        """Evidence naming the words that pushed the score up most."""
        return self.explain_tokens(tokens(normalise(text).text), top)

    def explain_tokens(self, toks: list[bytes], top: int = 3,
                       score: float | None = None) -> Evidence:
        """`explain` of text whose words are known (and, if given, its `score_tokens`)."""
        contrib: dict[str, float] = {}
        unigrams = self._unigrams
        for tok in toks:
            w = unigrams.get(tok, 0.0)
            if w > 0:
                word = tok.decode()
                contrib[word] = contrib.get(word, 0.0) + w
        best = sorted(contrib, key=lambda k: -contrib[k])[:top]
        if score is None:
            score = self.score_tokens(toks)
        return Evidence("abuse-model", ", ".join(best) or "overall wording",
                        detail=f"score {score:.2f}")
