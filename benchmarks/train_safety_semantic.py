"""Build the safety plugin's semantic model (placeholder: reading a model2vec folder)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np


def read_model2vec(folder: Path) -> tuple[list[str], np.ndarray]:
    """A model2vec folder's WordPiece vocabulary (by id) and vector table, read without
    model2vec (safetensors is an 8-byte header length, a JSON header and the raw array)."""
    tok = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
    vocab = tok["model"]["vocab"]
    pieces = [""] * len(vocab)
    for piece, i in vocab.items():
        pieces[i] = piece
    raw = (folder / "model.safetensors").read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    info = header["embeddings"]
    dtype = {"F16": np.float16, "F32": np.float32}[info["dtype"]]
    start, end = info["data_offsets"]
    vectors = np.frombuffer(raw[8 + n + start:8 + n + end], dtype=dtype).reshape(info["shape"])
    return pieces, vectors
