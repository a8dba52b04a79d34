"""A hashed linear multi-label text model with calibrated probabilities (numpy at run time).

Any policy can ship one: features are strings (word and character n-grams from
`civility.detectors.scorer.token_features`, plus whatever cheap signals the policy adds, such as
``k:threat`` for a word list hit), hashed into ``2**bits`` rows with CRC-32 (stable across
processes and platforms). Each label has a column of weights; a message's score is

    z = (sum of the rows of its features) / sqrt(number of features) + bias
    p = 1 / (1 + exp(-(a * z + b)))          # Platt scaling, fitted on held-out predictions

so a message costs one gather and one sum, and many messages one gather and one
``np.add.reduceat`` (`HashedModel.proba_many`). The weights file is gzip-compressed: a short
JSON header (labels, bias, calibration, thresholds, provenance) and the weights as float16.
Training lives in ``benchmarks/train_iqra_model.py`` (scikit-learn); inference needs numpy only,
because scikit-learn's import alone costs more memory and start-up than this whole model.
"""

from __future__ import annotations

import gzip
import json
import math
import struct
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

__all__ = ["HashedModel", "hash_features"]

MAGIC = b"CVLM1"
Indices = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float32]


def hash_features(features: Iterable[str], bits: int) -> Indices:
    """Row indices of features (repeats kept: a feature seen twice counts twice)."""
    mask = (1 << bits) - 1
    return np.fromiter((zlib.crc32(f.encode()) & mask for f in features), dtype=np.int64)


def word_rows(tok: bytes, bits: int) -> Indices:
    """A word's own rows, in this order: the word, then its character 3- and 4-grams with the
    word's edges marked (words of three letters or more); the models cache them per word."""
    if not tok.isascii():
        return _word_rows_text(tok, bits)
    # The same rows as hashing the strings (`_word_rows_text`): CRC-32 carries on from the
    # prefix's own, so "c:" is hashed once, not once per gram, and no string is built.
    mask = (1 << bits) - 1
    crc = zlib.crc32
    out = [crc(tok, _W) & mask]
    if len(tok) >= 3:
        padded = b"<" + tok + b">"
        out += [crc(padded[i:i + 3], _C) & mask for i in range(len(padded) - 2)]
        out += [crc(padded[i:i + 4], _C) & mask for i in range(len(padded) - 3)]
    return np.array(out, dtype=np.int64)


#: CRC-32 of the feature prefixes, to carry on from (``crc32(b, crc32(a)) == crc32(a + b)``).
_W = zlib.crc32(b"w:")
_C = zlib.crc32(b"c:")


def _word_rows_text(tok: bytes, bits: int) -> Indices:
    """`word_rows` by hashing each feature's string (any word; the trainer's definition)."""
    w = tok.decode()
    feats = [f"w:{w}"]
    if len(w) >= 3:
        padded = f"<{w}>"
        feats += [f"c:{padded[i:i + 3]}" for i in range(len(padded) - 2)]
        feats += [f"c:{padded[i:i + 4]}" for i in range(len(padded) - 3)]
    return hash_features(feats, bits)


@attrs.frozen
class HashedModel:
    labels: tuple[str, ...]
    bits: int
    weights: Floats = attrs.field(repr=False, eq=False)  # (2**bits, len(labels))
    bias: Floats = attrs.field(eq=False)
    platt_a: Floats = attrs.field(eq=False)
    platt_b: Floats = attrs.field(eq=False)
    #: Probability at or above which a label is reported, per label (chosen on training data).
    thresholds: Floats = attrs.field(eq=False)
    meta: Mapping[str, Any] = attrs.field(factory=dict, eq=False)

    def index(self, label: str) -> int:
        return self.labels.index(label)

    def logits(self, idx: Indices) -> Floats:
        if not len(idx):
            return self.bias.copy()
        # ``take`` gathers the same rows as ``weights[idx]`` (and the sum adds them in the same
        # order, so the result is bit for bit the same), with less overhead per call; the
        # square root of an int is the same in math and numpy (IEEE sqrt is exact-rounded).
        z: Floats = self.weights.take(idx, axis=0).sum(axis=0) / np.float32(math.sqrt(len(idx)))
        return z + self.bias

    def calibrate(self, z: Floats) -> Floats:
        # minimum/maximum give what np.clip gives (NaN included), without its Python wrapper.
        x = np.minimum(np.maximum(self.platt_a * z + self.platt_b, -30), 30)
        out: Floats = 1.0 / (1.0 + np.exp(-x))
        return out

    def proba(self, idx: Indices) -> Floats:
        """Calibrated probability of each label for one message's feature rows."""
        return self.calibrate(self.logits(idx))

    def proba_many(self, batch: Sequence[Indices]) -> Floats:
        """`proba` of many messages at once: one gather over the weights, one segment sum."""
        if not batch:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        lengths = np.fromiter((len(i) for i in batch), dtype=np.int64, count=len(batch))
        flat = np.concatenate([*batch, np.zeros(1, dtype=np.int64)])  # a pad row for empties
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        sums = np.add.reduceat(self.weights[flat], starts, axis=0)
        sums[lengths == 0] = 0.0
        z = sums / np.sqrt(np.maximum(lengths, 1)).astype(np.float32)[:, None] + self.bias
        return self.calibrate(z.astype(np.float32))

    def row_weights(self, idx: Indices, label: int) -> Floats:
        """Each feature's weight for one label (for explaining a score)."""
        out: Floats = self.weights[idx, label]
        return out

    # -- files ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        header = json.dumps({
            "labels": list(self.labels), "bits": self.bits, "bias": self.bias.tolist(),
            "platt_a": self.platt_a.tolist(), "platt_b": self.platt_b.tolist(),
            "thresholds": self.thresholds.tolist(), "meta": dict(self.meta)},
            sort_keys=True).encode()
        body = self.weights.astype("<f2").tobytes()
        return gzip.compress(MAGIC + struct.pack("<I", len(header)) + header + body, mtime=0)

    @classmethod
    def from_bytes(cls, raw: bytes) -> HashedModel:
        data = gzip.decompress(raw)
        if not data.startswith(MAGIC):
            raise ValueError("not a Civility model file")
        (n,) = struct.unpack_from("<I", data, len(MAGIC))
        start = len(MAGIC) + 4
        head = json.loads(data[start:start + n])
        labels = tuple(head["labels"])
        weights = np.frombuffer(data, dtype="<f2", offset=start + n).astype(np.float32)
        weights = weights.reshape(1 << int(head["bits"]), len(labels))

        def arr(key: str) -> Floats:
            return np.asarray(head[key], dtype=np.float32)

        return cls(labels, int(head["bits"]), weights, arr("bias"), arr("platt_a"),
                   arr("platt_b"), arr("thresholds"), head.get("meta", {}))

    @classmethod
    def load(cls, path: Path) -> HashedModel:
        return cls.from_bytes(path.read_bytes())

    def with_thresholds(self, thresholds: Floats) -> HashedModel:
        return attrs.evolve(self, thresholds=thresholds)
