"""Train the abuse scorer shipped in ``civility/detectors/abuse_model.json.gz``.

    .venv/bin/python benchmarks/train_abuse_model.py ../shared/data [--out PATH]

Needs scikit-learn (training only; the product scores the exported weights in pure Python).
Data: OLID v1.0 (Zampieri et al., NAACL 2019, CC-BY-4.0), Davidson et al. 2017 (MIT) and
RUHSOLD task 1 (Rizwan et al., EMNLP 2020, MIT); each set's ``train`` part from
``iqra_data.py`` (the held-out parts are never read here). Features are
`civility.detectors.scorer.features`; the model is L2 logistic regression, and only the
strongest weights are kept so that the artefact stays small.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from iqra_data import LOADERS, SEED

from civility.detectors.scorer import MODEL_FILE, Scorer, features

DEFAULT_OUT = Path(__file__).parents[1] / "core" / "detectors" / MODEL_FILE


def f1(rows: list[tuple[str, int]], scorer: Scorer, threshold: float) -> float:
    tp = fp = fn = 0
    for text, label in rows:
        pred = scorer.score(text) >= threshold
        tp += pred and label
        fp += pred and not label
        fn += (not pred) and label
    return 2 * tp / max(2 * tp + fp + fn, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="folder holding olid/, davidson/, ruhsold/")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--sets", default="olid,ruhsold",
                    help="Davidson was tried and lowered OLID F1 on the tune part")
    ap.add_argument("--c", type=float, default=0.2, help="inverse L2 strength")
    ap.add_argument("--keep", type=int, default=40000, help="how many weights to keep")
    args = ap.parse_args()

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    sets = args.sets.split(",")
    rows = [r for name in sets for r in LOADERS[name](args.data, "train")]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(features(t), 1.0) for t, _ in rows])
    y = [label for _, label in rows]
    model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced",
                               random_state=SEED)
    model.fit(x, y)
    names = vec.get_feature_names_out()
    coef = model.coef_[0]
    order = sorted(range(len(coef)), key=lambda i: -abs(coef[i]))[: args.keep]
    weights = {str(names[i]): round(float(coef[i]), 4) for i in order if abs(coef[i]) >= 1e-3}
    meta = {"trained_on": sets, "rows": len(rows), "c": args.c, "seed": SEED,
            "attribution": "see ATTRIBUTION.txt beside this file"}
    payload = {"bias": round(float(model.intercept_[0]), 4), "weights": weights, "meta": meta}
    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    args.out.write_bytes(gzip.compress(raw, mtime=0))
    scorer = Scorer.from_json(raw.decode())
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(weights)} weights)")
    for name in sets:
        tune = LOADERS[name](args.data, "tune")
        best = max((f1(tune, scorer, t / 20), t / 20) for t in range(4, 19))
        print(f"{name} tune part: F1 {f1(tune, scorer, 0.5):.3f} at 0.5; "
              f"best {best[0]:.3f} at {best[1]:.2f}")


if __name__ == "__main__":
    main()
