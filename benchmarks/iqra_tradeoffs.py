"""Trade-offs for the Iqra model's thresholds, side by side, from one set of fitted heads.

    .venv/bin/python benchmarks/iqra_tradeoffs.py DATA_DIR --cache HEADS.npz [--corpus PATH]
        [--c C] [--head-c RULE=C ...] [--head-balance RULE=B ...] [--weight SET=W ...]
        [--veto-precision P] [--veto-fbeta] [--veto-ceiling P] [--rule-floor RULE=T ...]
        [--rule-recall-floor [RULE=]SHARE ...] [--no-held-out]
        [--variant MU,TUNE_WEIGHT,TUNE_MU,CAP ...]

The heads are those ``train_iqra_model.py --cache HEADS.npz`` fitted with the same corpus,
sets, C, per-head C, class balance and set weights (run it first; a head the cache does not
hold is fitted here), and the kit vetoes are chosen as the trainer chooses them, with the same
``--veto-precision``, ``--veto-fbeta`` and ``--veto-ceiling`` (the recipe passes
``--veto-fbeta``). For
each variant the thirteen thresholds are chosen as the trainer chooses them
(``joint_thresholds``: each wrong flag costing MU caught breaches out of fold, the public tune
parts weighed TUNE_WEIGHT per row at TUNE_MU wrong flags per caught row, and no rule
flagging more than CAP of the clean messages out of fold; ``-`` for no cap; every variant
within the per-rule bounds ``--rule-floor`` and ``--rule-recall-floor``), and measured on
what the choice may be made on: the corpus train split out of fold (whole messages) and the
tune parts of OLID and RUHSOLD (F1 when an abusive rule fires). The public sets' held-out parts
(OLID's seeded tenth, RUHSOLD's validation file) are scored too, as the model's probabilities
and the kit's findings give them (``iqra_quality.py`` is the measure of record); the corpus dev
split is never read here. ``--no-held-out`` leaves the held-out parts out, so that a choice
made from the table is made without seeing them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs
import numpy as np
from iqra_data import LOADERS
from iqra_training_data import HEADS, RULES
from train_iqra_model import (
    ABUSIVE,
    Tune,
    add_fit_options,
    add_threshold_options,
    featurise,
    fit_heads,
    fit_settings,
    joint_thresholds,
    load_rows,
    scored_rows,
    threshold_bounds,
    tune_rows,
)

DEFAULT_VARIANTS = ("3,1,0.6,-", "6,1,0.6,-", "3,1,0.6,0.006", "3,1,0.6,0.004", "3,1,0.6,0.003",
                    "4,1,0.6,0.004", "3,2,0.6,0.004")


def f1(fired: np.ndarray, offensive: np.ndarray) -> float:
    tp = int((fired & offensive).sum())
    return 2 * tp / max(int(fired.sum()) + int(offensive.sum()), 1)


def fires(t: Tune, thresholds: np.ndarray, veto: np.ndarray) -> np.ndarray:
    """Whether an abusive rule fires on each public row."""
    abusive = np.array([r in ABUSIVE for r in RULES])
    return ((t.p >= thresholds) | (t.kit & (t.p >= veto)))[:, abusive].any(axis=1)


def whole_messages(p: np.ndarray, y: np.ndarray, kit: np.ndarray, veto: np.ndarray,
                   thresholds: np.ndarray) -> tuple[float, float, float]:
    """Out-of-fold precision, recall and share of clean messages flagged (train_iqra_model's
    ``overall_oof`` count)."""
    got = (p >= thresholds) | (kit & (p >= veto))
    breach = y.any(axis=1)
    right = (got & y).any(axis=1)
    flagged = got.any(axis=1)
    tp = int(right.sum())
    fp = int((flagged & ~right).sum())
    return (tp / max(tp + fp, 1), tp / max(int(breach.sum()), 1),
            float((flagged & ~breach).sum()) / max(int((~breach).sum()), 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--cache", type=Path, required=True, help="heads the trainer fitted")
    add_fit_options(ap)
    add_threshold_options(ap)
    ap.add_argument("--no-held-out", action="store_true",
                    help="do not score the public sets' held-out parts")
    ap.add_argument("--variant", action="append", metavar="MU,TUNE_WEIGHT,TUNE_MU,CAP")
    args = ap.parse_args()
    if not args.cache.is_file():
        ap.error(f"--cache {args.cache}: no such file (run train_iqra_model.py --cache first)")
    sets, cs, balance = fit_settings(ap, args)
    floors, recall = threshold_bounds(ap, args, 0.5)
    rows = load_rows(args.data, args.corpus, sets)
    kit: list[set[str]] = []
    x = featurise([r.text for r in rows], kit=kit)
    heads = fit_heads(x, rows, kit, cs, args.cache, args.veto_precision, args.veto_fbeta, 0.5,
                      0.5, balance, args.veto_ceiling)
    cols = [HEADS.index(r) for r in RULES]
    pm = np.stack([heads.probs[r][0] for r in RULES], axis=1)
    ym = np.stack([heads.probs[r][1] for r in RULES], axis=1)
    km = np.stack([heads.probs[r][2] for r in RULES], axis=1)
    vm = np.array([heads.vetoes[c] for c in cols])
    start = np.array([heads.thresholds[c] for c in cols])
    scored = [heads.weights[:, cols], np.array(heads.bias)[cols], np.array(heads.pa)[cols],
              np.array(heads.pb)[cols]]
    n_olid = len(LOADERS["olid"](args.data, "tune")) if "olid" in sets else 0
    held = [] if args.no_held_out else [scored_rows(LOADERS[name](args.data, "heldout"), *scored)
                                        for name in ("olid", "ruhsold")]
    tuned = tune_rows(args.data, sets, *scored, 1.0, 1.0)
    print("| mu | tune weight | tune mu | rule clean cap | out of fold P / R / clean flagged "
          "| tune F1 OLID / RUHSOLD | held-out F1 OLID / RUHSOLD | thresholds |")
    print("|---|---|---|---|---|---|---|---|")
    for spec in args.variant or DEFAULT_VARIANTS:
        mu, tw, tmu, cap_s = spec.split(",")
        cap = None if cap_s == "-" else float(cap_s)
        tune = attrs.evolve(tuned, weight=float(tw), mu=float(tmu))
        tm = joint_thresholds(pm, ym, km, vm, start.copy(), float(mu), floors,
                              tune if float(tw) > 0 else None, cap, recall)
        p, r, c = whole_messages(pm, ym, km, vm, tm)
        hit = fires(tune, tm, vm)
        tune_f1 = (f1(hit[:n_olid], tune.offensive[:n_olid]),
                   f1(hit[n_olid:], tune.offensive[n_olid:]))
        held_f1 = " / ".join(f"{f1(fires(t, tm, vm), t.offensive):.3f}" for t in held) or "-"
        shown = " ".join(f"{r.removeprefix('iqra.')[:6]}={v:.3g}"
                         for r, v in zip(RULES, tm, strict=True))
        print(f"| {mu} | {tw} | {tmu} | {cap_s} | {p:.3f} / {r:.3f} / {c:.1%} "
              f"| {tune_f1[0]:.3f} / {tune_f1[1]:.3f} | {held_f1} "
              f"| {shown} |", flush=True)


if __name__ == "__main__":
    main()
