"""A small statistical abuse scorer: a linear model over word and character n-grams.

The model is logistic regression trained by ``benchmarks/train_abuse_model.py`` on public
labelled data (OLID, Davidson, RUHSOLD; see ATTRIBUTION.txt) and exported as a compressed JSON
table of feature weights, scored here in pure Python (no numpy or scikit-learn at run time).
The features are computed by `features`, the same function the trainer uses, so the scores
match. Use it as a second opinion when cheap signals are ambiguous: it costs tens of
microseconds per message, more than the word lists.
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


def features(text: str) -> list[str]:
    """Word unigrams and bigrams, and character 3- and 4-grams inside each word."""
    words = [t.decode() for t in tokens(normalise(text).text)]
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
        get = self.weights.get
        z = self.bias + sum(get(f, 0.0) for f in features(text))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def explain(self, text: str, top: int = 3) -> Evidence:
        """Evidence naming the words that pushed the score up most."""
        feats = features(text)
        contrib: dict[str, float] = {}
        for f in feats:
            w = self.weights.get(f, 0.0)
            if w > 0 and f.startswith("w:"):
                contrib[f[2:]] = contrib.get(f[2:], 0.0) + w
        best = sorted(contrib, key=lambda k: -contrib[k])[:top]
        return Evidence("abuse-model", ", ".join(best) or "overall wording",
                        detail=f"score {self.score(text):.2f}")
