"""Train the Iqra model shipped in ``civility/plugins/iqra/iqra_model.gz``.

    .venv/bin/python benchmarks/train_iqra_model.py DATA_DIR [--corpus PATH] [--out PATH]

DATA_DIR holds the public sets (olid/, ruhsold/, sms_spam/, optionally davidson/; see
iqra_training_data.py for how each is used and weighted). Needs scikit-learn and scipy (the
``train`` extra); the product scores the exported weights with numpy alone.

Per head (13 rules and a threat head): L2 logistic regression on hashed word and character
n-grams plus the kit's signals (`civility.plugins.iqra.learned`), with balanced class weights.
Calibration and thresholds come from the training split only: five-fold out-of-fold scores
(folds by family, so paraphrases of one idea never sit on both sides) are Platt-scaled on the
corpus rows, and each head's threshold is the one with the best F1 on those out-of-fold
probabilities, but never below 0.5; with ``--joint`` the thirteen rules' thresholds are then
chosen together (``joint_thresholds``), optionally with no rule flagging more than
``--rule-clean-cap`` of the clean messages out of fold. The dev split of the corpus is never
read here. ``iqra_tradeoffs.py`` compares such choices from the heads ``--cache`` keeps.

Options that change the heads themselves (shared with ``iqra_tradeoffs.py``):
``--c`` (inverse L2 strength, every head), ``--head-c RULE=C`` (one head's C instead, e.g.
``grievance=1``; each head prints its F1 on the rows it was fitted on beside its out-of-fold
F1, and a wide gap says it learnt the corpus's phrasing), ``--weight SET=W`` (a public set's
weight per row instead of ``iqra_training_data.WEIGHTS``). ``--cache HEADS.npz`` keeps every
head it fits under a signature of its C and of the rows that teach it (``head_signature``),
so one file holds many variants and a run refits only the heads whose C or rows changed:
``--weight ruhsold=0.5`` refits the offensive-language head alone (about 2 minutes here,
not 20). ``--head-balance RULE=B`` weighs one head's classes more mildly than balanced (B 1):
its positives weigh (negatives/positives)**B as much as its negatives, 0 unweighted; it is
part of the head's signature (balanced heads keep their old cache keys).

Options that bound the thresholds (shared with ``iqra_tradeoffs.py``; the bounds need
``--joint``): ``--rule-recall-floor [RULE=]SHARE`` keeps a rule's threshold low enough that
it still catches SHARE of its own breaches out of fold, kit findings that stand included (a
bare SHARE is every rule's: the clean cap's counterpart, so a high mu cannot raise
grievance's threshold to 0.925); ``--rule-floor RULE=T`` is one rule's lowest threshold
instead of ``--floor``; ``--veto-ceiling P`` keeps every kit veto at or below P, except
"none" (``ceiled_veto``); ``--veto-precision`` and ``--veto-fbeta`` choose the vetoes as
before. All of them are chosen on out-of-fold and tune-part numbers, never on the dev split.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs
import numpy as np
from iqra_data import LOADERS
from iqra_training_data import HEADS, PUBLIC, RULES, WEIGHTS, Row, corpus

from civility.detectors.model import HashedModel, hash_features
from civility.plugins.iqra.learned import MODEL_FILE, analyse, features_of
from civility.testing import make_message

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / "benchmarks" / "corpus" / "iqra_corpus.jsonl"
DEFAULT_OUT = ROOT / "plugins" / "iqra" / MODEL_FILE
BITS = 18
#: The rules that count a public-set message as offensive (issue 12; as iqra_quality.py).
ABUSIVE = {"iqra.abuse", "iqra.offensive-language", "iqra.defamation", "iqra.cultural-respect",
           "iqra.grievance"}


def featurise(texts: list[str], bits: int = BITS, kit: list[set[str]] | None = None):  # type: ignore[no-untyped-def]
    """A sparse matrix of the texts' features, each row scaled by 1/sqrt(its feature count);
    ``kit``, when given, receives the rules the kit's own checks found in each text."""
    from scipy import sparse

    indptr, indices, data = [0], [], []
    for text in texts:
        analysis = analyse(make_message(text), {})
        if kit is not None:
            kit.append({v.rule_id for v in analysis.kit})
        idx = hash_features(features_of(analysis), bits)
        indices.append(idx)
        data.append(np.full(len(idx), 1.0 / np.sqrt(max(len(idx), 1)), dtype=np.float32))
        indptr.append(indptr[-1] + len(idx))
    x = sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr),
                          shape=(len(texts), 1 << bits), dtype=np.float32)
    x.sum_duplicates()
    return x


def load_rows(data: Path, corpus_path: Path, sets: list[str]) -> list[Row]:
    rows = corpus(corpus_path, "train")
    for name in sets:
        rows += PUBLIC[name](data, "train")
    return rows


def class_weights(y: np.ndarray, balance: float) -> dict[bool, float] | str:
    """The two classes' weights: "balanced" at ``balance`` 1 (each class weighs as much as
    the other in all), unweighted at 0, and in between the positives' weight relative to the
    negatives' is (negatives / positives) ** ``balance``; the mean weight per row stays 1, so
    C means the same at every balance."""
    if balance == 1.0:
        return "balanced"
    pos = max(int(y.sum()), 1)
    neg = max(len(y) - pos, 1)
    ratio = (neg / pos) ** balance
    w_neg = len(y) / (neg + ratio * pos)
    return {False: w_neg, True: ratio * w_neg}


def fit_head(x, rows: list[Row], head: str, c: float, balance: float = 1.0):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    use = np.array([head in r.heads for r in rows])
    y = np.array([head in r.labels for r in rows])[use]
    w = np.array([r.weight for r in rows])[use]
    model = LogisticRegression(C=c, class_weight=class_weights(y, balance), max_iter=3000,
                               solver="liblinear")
    model.fit(x[use], y, sample_weight=w)
    return model, use


def oof_scores(x, rows: list[Row], head: str, c: float, balance: float = 1.0,  # type: ignore[no-untyped-def]
               folds: int = 5):
    """Out-of-fold decision values for every row that teaches ``head`` (NaN elsewhere)."""
    from sklearn.model_selection import GroupKFold

    groups = np.array([r.group for r in rows])
    z = np.full(len(rows), np.nan)
    for fit_idx, held_idx in GroupKFold(n_splits=folds).split(np.zeros(len(rows)), groups=groups):
        sub = [rows[i] for i in fit_idx]
        model, _ = fit_head(x[fit_idx], sub, head, c, balance)
        held = [i for i in held_idx if head in rows[i].heads]
        if held:
            z[held] = model.decision_function(x[held])
    return z


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=100.0).fit(z.reshape(-1, 1), y)
    return float(m.coef_[0, 0]), float(m.intercept_[0])


#: The vetoes tried, lowest first; "none" (1.01) when no veto keeps the kit precise.
VETOES = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)
NO_VETO = 1.01
#: Fewer kit findings than this out of fold say nothing about the kit's precision.
MIN_KIT_FINDINGS = 10


def choose_veto(p: np.ndarray, y: np.ndarray, kit: np.ndarray, precision: float) -> float:
    """The lowest probability at which a kit finding still stands: the kit-found messages the
    model scores at least this are right (out of fold) at least ``precision`` of the time.
    So where the kit is precise on its own the veto is 0 (its findings stand unless the model
    is sure they are wrong, and below ``min_confidence`` they only ask moderators to look);
    "none" only where no veto makes the kit precise, or the kit found too few to tell."""
    if int(kit.sum()) < MIN_KIT_FINDINGS:
        return NO_VETO
    for veto in VETOES:
        kept = kit & (p >= veto)
        if kept.any() and float(y[kept].mean()) >= precision:
            return veto
    return NO_VETO


def ceiled_veto(veto: float, ceiling: float | None) -> float:
    """``veto``, but never above ``ceiling`` unless it is "none" (no veto makes the kit
    precise): a kit finding the model gives 0.45 is one it is unsure of, not one it rules out,
    and below ``min_confidence`` it only asks moderators to look."""
    return veto if ceiling is None or veto >= NO_VETO else min(veto, ceiling)


def threshold_with_veto(p: np.ndarray, y: np.ndarray, kit: np.ndarray | None = None,
                        veto: float = NO_VETO, beta: float = 0.5, floor: float = 0.5) -> float:
    """The threshold with the best F-beta of "the model is sure, or the kit found it and the
    model does not rule it out (probability at least ``veto``)"; never below ``floor``.
    beta < 1 weighs precision more: a wrong flag on a clean message costs a parent more than a
    miss does."""
    kit = np.zeros(len(p), bool) if kit is None else kit
    always = kit & (p >= veto)
    best = (-1.0, 0.5)
    for t in np.arange(floor, 0.96, 0.025):
        pred = (p >= t) | always
        tp = float((pred & y).sum())
        b2 = beta * beta
        f = (1 + b2) * tp / max((1 + b2) * tp + b2 * float((~pred & y).sum())
                                + float((pred & ~y).sum()), 1.0)
        best = max(best, (round(f, 4), float(t)))
    return round(best[1], 3)


def best_threshold(p: np.ndarray, y: np.ndarray, kit: np.ndarray | None = None,
                   beta: float = 0.5, floor: float = 0.5) -> tuple[float, float]:
    """The (threshold, veto) with the best F-beta of "the model is sure, or the kit found it
    and the model does not rule it out"; the threshold is never below 0.5. Used by
    compare_iqra_models.py; the trainer no longer chooses the veto this way, because F-beta
    picked "none" for rules whose kit is right most of the time (see choose_veto)."""
    kit = np.zeros(len(p), bool) if kit is None else kit
    best = (-1.0, 0.5, 0.0)
    for veto in (0.0, 0.02, 0.05, 0.1, 0.2, 1.01):
        for t in np.arange(floor, 0.96, 0.025):
            pred = (p >= t) | (kit & (p >= veto))
            tp = float((pred & y).sum())
            b2 = beta * beta
            f = (1 + b2) * tp / max((1 + b2) * tp + b2 * float((~pred & y).sum())
                                    + float((pred & ~y).sum()), 1.0)
            best = max(best, (round(f, 4), float(t), veto))
    return round(best[1], 3), best[2]


@attrs.frozen
class Tune:
    """The public sets' tune parts (never trained on), scored by the fitted model: a row counts
    as caught when one of the abusive rules fires and it is offensive, as wrong when one fires
    and it is not (``iqra_quality.py``'s definition for OLID and RUHSOLD)."""

    p: np.ndarray  # rows x rules, calibrated probabilities
    kit: np.ndarray  # rows x rules, the kit's own finding
    offensive: np.ndarray  # rows
    weight: float  # of a tune row against a corpus row
    mu: float  # wrong flags that cost one caught row


def lowest_thresholds(p: np.ndarray, y: np.ndarray, always: np.ndarray, grid: np.ndarray,
                      floor: float | np.ndarray, cap: float | None) -> np.ndarray:
    """Each rule's lowest threshold on ``grid`` at which it flags at most ``cap`` of the clean
    messages out of fold (its kit findings that stand included); the highest where none does.
    Never below ``floor`` (one for every rule, or one per rule); with no cap, ``floor``."""
    lowest = np.broadcast_to(np.asarray(floor, float), (p.shape[1],)).copy()
    if cap is None:
        return lowest
    clean = ~y.any(axis=1)
    for j in range(p.shape[1]):
        ok = [v for v in grid if float(((p[clean, j] >= v) | always[clean, j]).mean()) <= cap]
        lowest[j] = max(lowest[j], ok[0] if ok else grid[-1])
    return lowest


def highest_thresholds(p: np.ndarray, y: np.ndarray, always: np.ndarray, grid: np.ndarray,
                       recall: np.ndarray | None) -> np.ndarray:
    """Each rule's highest threshold on ``grid`` at which it still catches at least
    ``recall`` (one share per rule; 0 for no bound) of its own breaches out of fold, its kit
    findings that stand included: the counterpart of the clean cap, so a high ``mu`` cannot
    raise one rule's threshold until it catches almost nothing (grievance's went to 0.925 and
    missed "Mrs Khan has completely lost control of her class"). The lowest where none does."""
    highest = np.full(p.shape[1], float(grid[-1]))
    if recall is None:
        return highest
    for j in range(p.shape[1]):
        own = y[:, j]
        if recall[j] <= 0 or not own.any():
            continue
        ok = [v for v in grid if float(((p[own, j] >= v) | always[own, j]).mean()) >= recall[j]]
        highest[j] = ok[-1] if ok else float(grid[0])
    return highest


def joint_thresholds(p: np.ndarray, y: np.ndarray, kit: np.ndarray, veto: np.ndarray,
                     start: np.ndarray, mu: float, floor: float | np.ndarray = 0.3,
                     tune: Tune | None = None, cap: float | None = None,
                     recall: np.ndarray | None = None) -> np.ndarray:
    """Thresholds for all rules together (coordinate ascent on out-of-fold probabilities):
    the most whole messages caught, each wrong flag costing ``mu`` caught ones. A message is
    caught when any of its rules fires; a wrong flag is a clean message flagged, or a breach
    flagged only for rules it does not break. Per-head F-beta thresholds ignore that thirteen
    rules each add their own false alarms to a clean message. With ``cap``, no rule's threshold
    goes below the one at which it alone flags more than that share of the clean messages out
    of fold: so a low ``mu`` can buy recall where a rule is precise while the rules that flag
    clean chat are held back, instead of one high ``mu`` raising every threshold (offensive
    language's too, which is what RUHSOLD's F1 rests on). ``floor`` is the lowest threshold,
    one for all rules or one per rule. With ``recall`` (a share per rule), no rule's threshold
    goes above the one at which it still catches that share of its breaches out of fold
    (``highest_thresholds``); where that bound and the cap's cross, the recall bound wins."""
    always = kit & (p >= veto)
    abusive = np.array([r in ABUSIVE for r in RULES])
    always_t = tune.kit & (tune.p >= veto) if tune else None

    def score(t: np.ndarray) -> float:
        got = (p >= t) | always
        right = (got & y).any(axis=1)
        wrong = got.any(axis=1) & ~right
        total = float(right.sum()) - mu * float(wrong.sum())
        if tune is not None:
            fired = ((tune.p >= t) | always_t)[:, abusive].any(axis=1)
            total += tune.weight * (float((fired & tune.offensive).sum())
                                    - tune.mu * float((fired & ~tune.offensive).sum()))
        return total

    # rounded, so a threshold of 0.4 is 0.4 and not 0.30 + 4 x 0.025 (0.4000000000000001)
    grid = np.round(np.arange(float(np.min(floor)), 0.99, 0.025), 3)
    lowest = lowest_thresholds(p, y, always, grid, floor, cap)
    highest = highest_thresholds(p, y, always, grid, recall)
    lowest = np.minimum(lowest, highest)

    def ascend(t: np.ndarray) -> tuple[float, np.ndarray]:
        t = np.clip(t, lowest, highest)
        for _ in range(6):  # until no threshold moves
            before = t.copy()
            for j in range(p.shape[1]):
                best = (score(t), t[j])
                for v in grid[(grid >= lowest[j] - 1e-9) & (grid <= highest[j] + 1e-9)]:
                    t[j] = v
                    best = max(best, (score(t), float(v)))
                t[j] = best[1]
            if np.array_equal(t, before):
                break
        return score(t), t

    # Coordinate ascent stops at a local best that depends on where it starts (one rule's
    # threshold moved 0.525 -> 0.75 between two near-identical corpora), so it starts from
    # the per-rule thresholds and from two flat ones and keeps the best out-of-fold score.
    starts = [start.copy(), np.maximum(floor, np.full_like(start, 0.5)), np.full_like(start, 0.75)]
    return np.round(max((ascend(s) for s in starts), key=lambda r: r[0])[1], 3)


def tune_rows(data: Path, sets: list[str], w: np.ndarray, b: np.ndarray, pa: np.ndarray,
              pb: np.ndarray, weight: float, mu: float = 1.0) -> Tune:
    """The tune parts of OLID and RUHSOLD (iqra_data.py), scored by the fitted heads."""
    rows = [r for name in ("olid", "ruhsold") if name in sets for r in LOADERS[name](data, "tune")]
    return scored_rows(rows, w, b, pa, pb, weight, mu)


def scored_rows(rows: list[tuple[str, int]], w: np.ndarray, b: np.ndarray, pa: np.ndarray,
                pb: np.ndarray, weight: float = 1.0, mu: float = 1.0) -> Tune:
    """Public rows (text, offensive) scored by the fitted heads, with the kit's findings."""
    kit: list[set[str]] = []
    x = featurise([t for t, _ in rows], kit=kit)
    z = np.asarray(x @ w) + b
    p = 1 / (1 + np.exp(-(pa * z + pb)))
    k = np.array([[r in found for r in RULES] for found in kit])
    return Tune(p, k, np.array([bool(y) for _, y in rows]), weight, mu)


def overall_oof(rows: list[Row], preds: dict[str, np.ndarray], mu: float = 3.0) -> str:
    """Message-level precision, recall and clean messages flagged of the out-of-fold
    predictions, counted as ``iqra_quality.py`` counts the dev split, and the score the
    thresholds are chosen on (breaches caught, each wrong flag costing ``mu``)."""
    tp = fp = fn = clean = flagged = 0
    for i, row in enumerate(rows):
        got = {h for h in RULES if preds[h][i]}
        want = {h for h in row.labels if h in RULES}
        if not want:
            clean += 1
            flagged += bool(got)
            fp += bool(got)
        elif got & want:
            tp += 1
        else:
            fn += 1
            fp += bool(got)
    return (f"P {tp / max(tp + fp, 1):.3f} R {tp / max(tp + fn, 1):.3f} "
            f"clean flagged {flagged / max(clean, 1):.1%} ({len(rows)} corpus rows); "
            f"caught - {mu:g} x wrong = {tp - mu * fp:.0f}")


@attrs.frozen
class Heads:
    """Every head fitted on the train rows, with what the thresholds are chosen from: each
    head's out-of-fold calibrated probabilities on the corpus rows, their labels and the kit's
    findings (``probs``), and its own threshold and kit veto."""

    weights: np.ndarray  # features x heads
    bias: list[float]
    pa: list[float]  # Platt slope
    pb: list[float]  # Platt intercept
    thresholds: list[float]
    vetoes: list[float]
    oof: dict[str, np.ndarray]  # head -> out-of-fold prediction on the corpus rows
    probs: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # head -> (p, y, kit)


def head_signature(rows: list[Row], head: str, c: float, balance: float = 1.0) -> str:
    """What one head's fit depends on: its C, its class balance and every row that teaches it
    (text, label, weight, fold group). The cache keeps a head under this, so a run that
    changes one set's weight or one head's C refits only the heads that change (RUHSOLD's
    weight moves only the offensive-language head; SMS's only solicitation). Balanced heads
    (``balance`` 1) keep the signature they had before the option existed."""
    extra = "" if balance == 1.0 else f" balance {balance!r}"
    digest = hashlib.sha256(f"{BITS} {c!r} {head}{extra}".encode())
    for r in rows:
        if head in r.heads:
            digest.update(f"\0{r.text}\0{head in r.labels}\0{r.weight!r}\0{r.group}".encode())
    return digest.hexdigest()[:16]


def parse_per_head(default: float, items: list[str], option: str = "--head-c",
                   heads: tuple[str, ...] = HEADS, bare: bool = False) -> dict[str, float]:
    """One number per head: ``default``, or ``RULE=V`` from a repeatable option (the rule with
    or without its ``iqra.`` prefix); with ``bare``, a lone ``V`` sets every head. Raises
    ValueError naming the option and a head that does not exist, or a value that is no
    number."""
    values = dict.fromkeys(heads, default)
    for item in items:
        name, sep, value = item.partition("=")
        if bare and not sep:
            name, value = "", name
        head = name if name in values else f"iqra.{name}"
        try:
            number = float(value)
        except ValueError:
            number = None
        if (name and head not in values) or number is None:
            raise ValueError(f"{option} {item}: expected RULE=NUMBER, RULE one of "
                             f"{', '.join(h.removeprefix('iqra.') for h in heads)}")
        for h in ([head] if name else heads):
            values[h] = number
    return values


def parse_head_cs(default: float, items: list[str]) -> dict[str, float]:
    """Each head's C: ``default``, or ``RULE=C`` from ``--head-c``."""
    return parse_per_head(default, items)


def f1_of(pred: np.ndarray, y: np.ndarray) -> float:
    tp = int((pred & y).sum())
    return 2 * tp / max(int(pred.sum()) + int(y.sum()), 1)


def fit_heads(x, rows: list[Row], kit: list[set[str]], c: float | dict[str, float],  # type: ignore[no-untyped-def]
              cache: Path | None, veto_precision: float, veto_fbeta: bool, beta: float,
              floor: float, balance: dict[str, float] | None = None,
              veto_ceiling: float | None = None) -> Heads:
    """Fit (or, from ``cache``, reuse) every head, calibrate it on its out-of-fold scores of
    the corpus rows, and choose its kit veto and its own threshold. ``c`` is one C for every
    head or one per head (``parse_head_cs``). Each head also reports its F1 on the corpus
    rows it was fitted on beside its out-of-fold F1 (same threshold): a wide gap says the head
    learnt the corpus's phrasing, and a smaller C for it may generalise better. ``balance``
    is each head's class balance (``class_weights``; 1, balanced, where not given). With
    ``veto_ceiling``, no veto is above it, except "none" where the kit is never precise."""
    cs = c if isinstance(c, dict) else dict.fromkeys(HEADS, c)
    bal = dict.fromkeys(HEADS, 1.0) | (balance or {})
    is_corpus = np.array([len(r.heads) == len(HEADS) for r in rows])
    weights = np.zeros((1 << BITS, len(HEADS)), dtype=np.float32)
    heads = Heads(weights, [], [], [], [], [], {}, {})
    cached = dict(np.load(cache)) if cache and cache.is_file() else {}
    for j, head in enumerate(HEADS):
        sig = head_signature(rows, head, cs[head], bal[head])
        if f"{sig}:z" in cached:  # the same rows and C: only calibration and thresholds redone
            z, coef, icpt = cached[f"{sig}:z"], cached[f"{sig}:w"], float(cached[f"{sig}:b"][0])
        else:
            t0 = time.perf_counter()
            z = oof_scores(x, rows, head, cs[head], bal[head])
            model, _ = fit_head(x, rows, head, cs[head], bal[head])
            coef, icpt = model.coef_[0], float(model.intercept_[0])
            cached |= {f"{sig}:z": z, f"{sig}:w": coef, f"{sig}:b": np.array([icpt])}
            if cache:  # after every head, so a stopped run keeps what it fitted
                np.savez(cache, **cached)
            print(f"  {head}: fitted (C {cs[head]:g}, balance {bal[head]:g}) in "
                  f"{time.perf_counter() - t0:.0f} s", flush=True)
        y = np.array([head in r.labels for r in rows])
        cal = is_corpus & ~np.isnan(z)
        a, b = platt(z[cal], y[cal])
        p = 1 / (1 + np.exp(-(a * z[cal] + b)))
        fired = np.array([head in k for k in kit])[cal]
        veto = choose_veto(p, y[cal], fired, veto_precision)
        if veto_fbeta:  # or lower, where F-beta found the kit's findings worth it
            veto = min(veto, best_threshold(p, y[cal], fired, beta, floor)[1])
        veto = ceiled_veto(veto, veto_ceiling)
        t = threshold_with_veto(p, y[cal], fired, veto, beta, floor)
        weights[:, j] = coef
        heads.bias.append(icpt)
        heads.pa.append(a)
        heads.pb.append(b)
        heads.thresholds.append(t)
        heads.vetoes.append(veto)
        pred = (p >= t) | (fired & (p >= veto))
        heads.oof[head] = pred
        heads.probs[head] = (p, y[cal], fired)
        seen = 1 / (1 + np.exp(-(a * (np.asarray(x[cal] @ coef) + icpt) + b)))
        tp = int((pred & y[cal]).sum())
        print(f"  {head:30} C {cs[head]:g} threshold {t:.3f} veto {veto:.2f}  out-of-fold "
              f"P {tp / max(int(pred.sum()), 1):.3f} R {tp / max(int(y[cal].sum()), 1):.3f} "
              f"F1 {f1_of(pred, y[cal]):.3f}, fitted rows F1 "
              f"{f1_of((seen >= t) | (fired & (seen >= veto)), y[cal]):.3f}", flush=True)
    return heads


def add_fit_options(ap: argparse.ArgumentParser) -> None:
    """The options that decide the fitted heads (so the cache entry they are kept under):
    shared by this trainer and ``iqra_tradeoffs.py``, which must name the same heads."""
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--sets", default="olid,ruhsold,sms")
    ap.add_argument("--c", type=float, default=4.0, help="inverse L2 strength")
    ap.add_argument("--head-c", action="append", default=[], metavar="RULE=C",
                    help="one head's C instead of --c (e.g. grievance=1); repeatable")
    ap.add_argument("--weight", action="append", default=[], metavar="SET=W",
                    help="a set's weight per row instead of iqra_training_data.WEIGHTS "
                    "(e.g. ruhsold=0.5); repeatable")
    ap.add_argument("--head-balance", action="append", default=[], metavar="RULE=B",
                    help="one head's class balance instead of balanced (1): its positives "
                    "weigh (negatives/positives)**B as much as its negatives, 0 = unweighted "
                    "(e.g. offensive-language=0.5); repeatable")


def add_threshold_options(ap: argparse.ArgumentParser) -> None:
    """The kit vetoes' choice and the per-rule bounds on the joint thresholds (shared with
    ``iqra_tradeoffs.py``)."""
    ap.add_argument("--veto-precision", type=float, default=0.85,
                    help="each rule's kit veto: the lowest probability at which the kit-found "
                    "messages are right this often out of fold")
    ap.add_argument("--veto-fbeta", action="store_true",
                    help="a rule's veto is the lower of --veto-precision's and the one with the "
                    "best F-beta beside its threshold")
    ap.add_argument("--veto-ceiling", type=float, metavar="P",
                    help="no kit veto above P (a rule whose kit is never precise keeps none): "
                    "a kit finding stands unless the model is fairly sure it is wrong, and "
                    "below min_confidence it only asks moderators to look (e.g. 0.4)")
    ap.add_argument("--rule-floor", action="append", default=[], metavar="RULE=T",
                    help="with --joint: one rule's lowest threshold instead of --floor "
                    "(e.g. offensive-language=0.3); repeatable")
    ap.add_argument("--rule-recall-floor", action="append", default=[], metavar="[RULE=]SHARE",
                    help="with --joint: no rule's threshold so high that it catches less than "
                    "SHARE of its own breaches out of fold (e.g. grievance=0.5; a bare SHARE "
                    "is every rule's); repeatable")


def threshold_bounds(ap: argparse.ArgumentParser, args: argparse.Namespace,
                     floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Each rule's lowest threshold and recall floor (in ``RULES`` order) from
    ``add_threshold_options``'s options."""
    try:
        floors = parse_per_head(floor, args.rule_floor, "--rule-floor", RULES)
        recall = parse_per_head(0.0, args.rule_recall_floor, "--rule-recall-floor", RULES,
                                bare=True)
    except ValueError as e:
        ap.error(str(e))
    return np.array([floors[r] for r in RULES]), np.array([recall[r] for r in RULES])


def fit_settings(ap: argparse.ArgumentParser, args: argparse.Namespace
                 ) -> tuple[list[str], dict[str, float], dict[str, float]]:
    """The public sets to train on, each head's C and each head's class balance, from
    ``add_fit_options``'s options; ``--weight`` is applied to ``WEIGHTS`` (before the rows
    are loaded)."""
    for item in args.weight:
        name, _, value = item.partition("=")
        if name not in WEIGHTS:
            ap.error(f"--weight {item}: no set called {name!r} (one of {', '.join(WEIGHTS)})")
        WEIGHTS[name] = float(value)
    try:
        cs = parse_head_cs(args.c, args.head_c)
        balance = parse_per_head(1.0, args.head_balance, "--head-balance")
    except ValueError as e:
        ap.error(str(e))
    return [s for s in args.sets.split(",") if s], cs, balance


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path, help="folder holding olid/, ruhsold/, sms_spam/")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    add_fit_options(ap)
    add_threshold_options(ap)
    ap.add_argument("--beta", type=float, default=0.5, help="F-beta for thresholds")
    ap.add_argument("--joint", type=float, help="choose all rules' thresholds together, "
                    "each wrong flag costing this many caught breaches (out-of-fold)")
    ap.add_argument("--tune-weight", type=float, default=0.0,
                    help="with --joint: weigh OLID's and RUHSOLD's tune parts this much per row")
    ap.add_argument("--tune-mu", type=float, default=1.0,
                    help="with --tune-weight: wrong flags on the tune parts that cost one caught "
                    "row (about 0.4 is F1's trade-off at their precision, 0.7)")
    ap.add_argument("--floor", type=float, default=0.5, help="lowest threshold allowed")
    ap.add_argument("--rule-clean-cap", type=float, metavar="SHARE",
                    help="with --joint: no rule may flag more than this share of the clean "
                    "messages out of fold (e.g. 0.004)")
    ap.add_argument("--cache", type=Path, help="keep (or reuse) the fitted heads and their "
                    "out-of-fold scores here, to try thresholds without refitting")
    args = ap.parse_args()

    t0 = time.perf_counter()
    sets, cs, balance = fit_settings(ap, args)
    floors, recall = threshold_bounds(ap, args, args.floor)
    rows = load_rows(args.data, args.corpus, sets)
    kit: list[set[str]] = []
    x = featurise([r.text for r in rows], kit=kit)
    print(f"{len(rows)} rows featurised in {time.perf_counter() - t0:.0f} s")
    is_corpus = np.array([len(r.heads) == len(HEADS) for r in rows])
    heads = fit_heads(x, rows, kit, cs, args.cache, args.veto_precision, args.veto_fbeta,
                      args.beta, args.floor, balance, args.veto_ceiling)
    weights, bias, pa, pb = heads.weights, heads.bias, heads.pa, heads.pb
    thr, vetoes, oof, probs = heads.thresholds, heads.vetoes, heads.oof, heads.probs
    if args.joint is not None:
        cols = [HEADS.index(r) for r in RULES]
        pm = np.stack([probs[r][0] for r in RULES], axis=1)
        ym = np.stack([probs[r][1] for r in RULES], axis=1)
        km = np.stack([probs[r][2] for r in RULES], axis=1)
        vm = np.array([vetoes[c] for c in cols])
        tune = None
        if args.tune_weight > 0:
            tune = tune_rows(args.data, sets, weights[:, cols], np.array(bias)[cols],
                             np.array(pa)[cols], np.array(pb)[cols], args.tune_weight,
                             args.tune_mu)
        tm = joint_thresholds(pm, ym, km, vm, np.array([thr[c] for c in cols]), args.joint,
                              floors, tune, args.rule_clean_cap, recall)
        if tune is not None:
            fired = ((tune.p >= tm) | (tune.kit & (tune.p >= vm)))[:, [r in ABUSIVE for r in RULES]]
            hit = fired.any(axis=1)
            tp = int((hit & tune.offensive).sum())
            print(f"  public tune parts ({len(hit)} rows): F1 "
                  f"{2 * tp / max(int(hit.sum()) + int(tune.offensive.sum()), 1):.3f}")
        for k, (c, r) in enumerate(zip(cols, RULES, strict=True)):
            thr[c] = float(tm[k])
            oof[r] = (pm[:, k] >= tm[k]) | (km[:, k] & (pm[:, k] >= vm[k]))
        print(f"  joint thresholds (mu {args.joint:.1f}):",
              " ".join(f"{r.removeprefix('iqra.')}={v:.3f}" for r, v in zip(RULES, tm, strict=True)))
        print("  out-of-fold recall per rule at them:",
              " ".join(f"{r.removeprefix('iqra.')}={float(oof[r][ym[:, k]].mean()):.2f}"
                       for k, r in enumerate(RULES)))
    print("  out-of-fold, whole messages (the criterion for choosing between variants):")
    print("   ", overall_oof([r for r, c in zip(rows, is_corpus, strict=True) if c], oof,
                           args.joint if args.joint is not None else 3.0))
    weights[np.abs(weights) < 1e-3] = 0.0
    meta = {"trained_on": ["iqra corpus (train split)", *sets], "c": args.c,
            "head_c": {h: v for h, v in cs.items() if v != args.c},
            "head_balance": {h: v for h, v in balance.items() if v != 1.0}, "bits": BITS,
            "beta": args.beta, "veto_precision": args.veto_precision,
            "veto_ceiling": args.veto_ceiling,
            "joint": args.joint, "tune_mu": args.tune_mu, "rule_clean_cap": args.rule_clean_cap,
            "rule_floor": {r: float(v) for r, v in zip(RULES, floors, strict=True)
                           if v != args.floor},
            "rule_recall_floor": {r: float(v) for r, v in zip(RULES, recall, strict=True) if v},
            "weights": {k: WEIGHTS[k] for k in ["corpus", *sets]},
            "features": "word 1-2 grams, char 3-4 grams in words, Iqra kit signals",
            "calibration": "Platt on 5-fold out-of-fold scores of the corpus train split",
            "kit_veto": dict(zip(HEADS, vetoes, strict=True)),
            "attribution": "see MODEL_CARD.txt beside this file"}
    hm = HashedModel(HEADS, BITS, weights, np.array(bias, np.float32), np.array(pa, np.float32),
                     np.array(pb, np.float32), np.array(thr, np.float32), meta)
    args.out.write_bytes(hm.to_bytes())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
