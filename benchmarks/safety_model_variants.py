"""Compare recipes for the safety plugin's learned model, leave-one-batch-out (no weights written).

    .venv/bin/python benchmarks/safety_model_variants.py --sms DATA/sms_spam/SMSSpamCollection \\
        --iqra benchmarks/corpus/iqra_corpus.jsonl [--cache /tmp/safety-variants.pkl] [NAME ...]

Each variant is a `train_safety_model.Recipe`; it prints the trainer's own all-batches line per
rule (rules alone, rules OR model, model alone; SMS ham; thresholds). Recipes that fit the same
way (C, class weights, row weights) share one set of out-of-fold scores, so a variant of the
thresholds alone costs no fit. ``--cache`` keeps the rows, the rules' findings and the features
between runs (delete it when the rules or the batches change). Choose by these lines, never by
a held-out batch.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).parent))

import train_safety_model as trainer

BASE = trainer.RECIPE
SHARE = BASE.clean_share
VARIANTS = {
    "shipped": BASE,
    "misinfo-1%": attrs.evolve(BASE, clean_share=(SHARE[0], SHARE[1], 0.01)),
    "misinfo-0.4%": attrs.evolve(BASE, clean_share=(SHARE[0], SHARE[1], 0.004)),
    "precision-0.97": attrs.evolve(BASE, precision=0.97),
    "near-miss-x2": attrs.evolve(BASE, near_miss_weight=2.0),
    "near-miss-x3": attrs.evolve(BASE, near_miss_weight=3.0),
    "c1": attrs.evolve(BASE, c=1.0),
    "c16": attrs.evolve(BASE, c=16.0),
    "unbalanced": attrs.evolve(BASE, class_weight=None),
    "iqra-1.0": attrs.evolve(BASE, iqra_weight=1.0),
    "iqra-0.25": attrs.evolve(BASE, iqra_weight=0.25),
}
# the fits above with other thresholds (no fit of their own)
for _fit in ("near-miss-x2", "c1"):
    for _share in (0.004, 0.01):
        VARIANTS[f"{_fit}+misinfo-{_share:.1%}"] = attrs.evolve(
            VARIANTS[_fit], clean_share=(SHARE[0], SHARE[1], _share)
        )


def fit_key(recipe: trainer.Recipe) -> tuple[object, ...]:
    return (recipe.c, recipe.class_weight, recipe.near_miss_weight, recipe.iqra_weight, recipe.sms_weight)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sms", type=Path)
    parser.add_argument("--iqra", type=Path)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--write", help="then write the model of this variant (to --out)")
    parser.add_argument("--out", type=Path, default=trainer.DEFAULT_OUT)
    parser.add_argument("names", nargs="*", help=f"variants to run (default all: {list(VARIANTS)})")
    args = parser.parse_args()
    if args.cache and args.cache.is_file():
        data, x = pickle.loads(args.cache.read_bytes())
    else:
        data = trainer.load(trainer.batch_paths([]), args.sms, args.iqra)
        x = trainer.featurise(data.rows)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((data, x)))
    y = trainer.labels_of(data)
    # the out-of-fold scores of each way of fitting, kept beside the cache
    kept = args.cache.with_suffix(".scores.pkl") if args.cache else None
    scores = pickle.loads(kept.read_bytes()) if kept and kept.is_file() else {}
    for name in args.names or list(VARIANTS):
        recipe = VARIANTS[name]
        started = time.perf_counter()
        key = fit_key(recipe)
        if key not in scores:
            w = trainer.row_weights(data.rows, recipe)
            scores[key] = trainer.out_of_fold(x, data.rows, y, w, recipe)
            if kept:
                kept.write_bytes(pickle.dumps(scores))
        print(f"\n== {name} ({time.perf_counter() - started:.0f} s): {recipe}", flush=True)
        trainer.evaluate(data, scores[key], recipe, verbose=False)
        sys.stdout.flush()
    if args.write:
        recipe = VARIANTS[args.write]
        raw = trainer.train(data, x, recipe, bool(args.sms), args.iqra, scores.get(fit_key(recipe)))
        args.out.write_bytes(raw)
        print(f"wrote {args.out} ({len(raw) / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
