"""Train the safety plugin's learned model, and measure it honestly on batches it never saw.

    .venv/bin/python benchmarks/train_safety_model.py [--sms DATA/sms_spam/SMSSpamCollection]
        [--iqra benchmarks/corpus/iqra_corpus.jsonl] [--out plugins/safety/safety_model.gz]
        [--score tests/fixtures/safety/fresh_rN.jsonl ...] [--shipped]

The retrain measured in round six (MODEL_CARD.txt), in one command:

    .venv/bin/python benchmarks/train_safety_model.py \
        --sms /work/shared/data/sms_spam/SMSSpamCollection \
        --iqra benchmarks/corpus/iqra_corpus.jsonl

Needs scikit-learn and scipy (training only; the product scores the weights with numpy).

Data: the labelled batches in tests/fixtures/safety (messages.jsonl and every fresh_r*.jsonl
except the estimate batches, `HELD_OUT`, and the ``--score`` batches; fresh_m1.jsonl is never
read), when ``--sms`` is given, the UCI SMS Spam Collection (spam as ``safety.scam``, ham
as clean), weighted down (`SMS_WEIGHT`), and, with ``--iqra``, the Iqra corpus's clean train
rows as clean for the personal-data and misinformation columns (`IQRA_WEIGHT`; never its dev
rows).

Method: per rule, L2 logistic regression on hashed word and character n-grams
(`civility.plugins.safety.learned.features`). The folds are the batches (leave one batch out;
the SMS set is split in five parts, each a fold), so every out-of-fold score is for a batch of
new people and new ideas, as the hidden check is. Platt scaling is fitted on the batches'
out-of-fold scores. Each rule's threshold is chosen on the model's *own* out-of-fold scores, as
a classifier in its own right and whatever the rules catch (the rules were fixed on every
batch, so what they leave says nothing about a new batch): the lowest probability (never below
`FLOOR`) at which the model, where its gate lets a message through, is at least `PRECISION`
right on that rule and flags at most `CLEAN_SHARE` of the batches' clean near-misses and of the
SMS ham. The per-batch table chooses them on the *other* batches; the shipped model on all.
``--score`` scores one batch, never trained on, once at the end; ``--shipped`` scores it with
the model shipped before this run too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from pathlib import Path

import attrs
import numpy as np

from civility.config import School
from civility.context import PolicyContext
from civility.detectors.model import HashedModel, hash_features
from civility.detectors.shared import words_of
from civility.events import MemberRef, Message, MessageRef
from civility.links import find_links
from civility.plugins import safety
from civility.plugins.safety.learned import LABELS, MODEL_FILE, features, gate_passes, vetoed
from civility.testing import make_chat

ROOT = Path(__file__).parents[1]
#: The labelled batches trained on (fresh_m1.jsonl there is only ever scored, with --score).
BATCHES = ROOT / "tests" / "fixtures" / "safety"
DEFAULT_OUT = ROOT / "plugins" / "safety" / MODEL_FILE
BITS = 17
C = 4.0
#: SMS spam is not parent-group chat: it teaches scam words, weighted down. SMS ham keeps
#: full weight, so that everyday texting ("call me", "pay you back") stays clean.
SMS_WEIGHT = 0.3
HAM_WEIGHT = 1.0
#: Batches kept as estimates (scored, never trained on or chosen on): none this round. Each
#: blind writer's estimate batches were scored with the shipped model before any change for
#: them, then released for training: the second writer's fresh_r17-r19 (round six), the
#: third's fresh_r20-r21 (round seven), the fourth's fresh_r22-r23 and the fifth and sixth's
#: fresh_r24-r27 (round eight) and the seventh to ninth's fresh_r28-r32 (round eleven; their
#: first scores are in their .md files). The honest measures
#: are the blind sets in tests/fixtures/safety/held_out/, never read nor trained on.
HELD_OUT: frozenset[str] = frozenset()
SMS_FOLDS = 5
#: The Iqra corpus's clean train rows (parent-group chat, school notices, forwarded letters,
#: news with numbers and dates; never its dev rows) teach the personal-data and misinformation
#: columns what ordinary chat in these groups reads like. Not the scam column: the corpus holds
#: collections and payments the school asks for, which the batches already teach. Rows the
#: rules flag are left out (they may be real breaches in the safety sense). Folded by family.
IQRA_WEIGHT = 0.5
IQRA_LABELS = frozenset({LABELS[1], LABELS[2]})
IQRA_FOLDS = 5
#: The model on its own, out of fold: at least this right on a rule where it flags...
PRECISION = 0.95
#: ...and flagging at most this share of the batches' clean near-misses, and of SMS ham, per
#: rule. A third of 2% each would keep the three together under 2%, but at that share the
#: scam and personal-data columns flag the near-misses the tests hold clean (a PTA collection
#: with its account number, a teacher's gift, the school's published number, a link the
#: school trusts): the model does not see the school's settings nor the rules' own-collection
#: judgement, so those two columns are held tighter (about 0.1% and 0.4%).
CLEAN_SHARE = {LABELS[0]: 0.0012, LABELS[1]: 0.004, LABELS[2]: 0.02 / 3}
FLOOR = 0.5
#: The scam column is never reported below this: out of fold it would go lower (0.968 with
#: fresh_r17-r19), but there the model takes a PTA collection posted with its account number
#: (a near-miss the tests hold clean) for a scam: it does not see the rules' own-collection
#: judgement. (The round-twelve model's was 0.986.)
SCAM_MIN = 0.98
#: The rules alone, for comparison and for what the model is asked about.
RULES_ONLY = {"safety": {"model": False}}


@attrs.frozen
class Recipe:
    """What a retrain may vary (benchmarks/safety_model_variants.py compares them
    leave-one-batch-out); the defaults are the shipped recipe."""

    c: float = C
    #: "balanced" (each column's breaches and clean rows weigh the same in total) or None.
    class_weight: str | None = "balanced"
    #: The labelled batches' clean near-misses, against their breaches' 1.
    near_miss_weight: float = 1.0
    iqra_weight: float = IQRA_WEIGHT
    sms_weight: float = SMS_WEIGHT
    #: Per rule, the share of clean near-misses (and of SMS ham) the model alone may flag out
    #: of fold (`threshold`).
    clean_share: tuple[float, float, float] = tuple(CLEAN_SHARE[label] for label in LABELS)
    precision: float = PRECISION
    scam_min: float = SCAM_MIN


#: The recipe the shipped model is trained with.
RECIPE = Recipe()


@attrs.frozen
class Row:
    text: str
    labels: frozenset[str]
    batch: str
    weight: float = 1.0
    forwarded: bool = False
    forwarded_many: bool = False
    #: The columns this row is trained on (all but for the Iqra corpus's rows).
    heads: frozenset[str] = frozenset(LABELS)


def message_of(row: Row, index: int) -> Message:
    chat = make_chat(f"train-{index}")
    sender = MemberRef("test", f"member-{index}", "Member")
    return Message(ref=MessageRef(chat, f"t{index}", sender), sender=sender, text=row.text,
                   links=find_links(row.text), forwarded=row.forwarded,
                   forwarded_many=row.forwarded_many)


def read_batch(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            rows.append(Row(d["text"], frozenset(d["labels"]) & set(LABELS), path.stem, 1.0,
                            bool(d.get("forwarded")), bool(d.get("forwarded_many"))))
    return rows


def read_sms(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        label, _, text = line.partition("\t")
        if text.strip():
            part = zlib.crc32(text.encode()) % SMS_FOLDS
            rows.append(Row(text, frozenset({"safety.scam"}) if label == "spam" else frozenset(),
                            f"sms{part}", SMS_WEIGHT if label == "spam" else HAM_WEIGHT))
    return rows


def read_iqra(path: Path) -> list[Row]:
    """The Iqra corpus's clean train rows (its dev rows are never used)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["split"] == "train" and not d["labels"]:
            part = zlib.crc32(d["family"].encode()) % IQRA_FOLDS
            rows.append(Row(d["text"], frozenset(), f"iqra{part}", IQRA_WEIGHT,
                            heads=IQRA_LABELS))
    return rows


def row_weights(rows: list[Row], recipe: Recipe) -> np.ndarray:
    """Each row's weight per column: by where it comes from (`Recipe`), 0 for a column the row
    is not trained on."""
    out = np.zeros((len(rows), len(LABELS)))
    for i, row in enumerate(rows):
        if row.batch.startswith("sms"):
            base = recipe.sms_weight if row.labels else HAM_WEIGHT
        elif row.batch.startswith("iqra"):
            base = recipe.iqra_weight
        else:
            base = 1.0 if row.labels else recipe.near_miss_weight
        out[i] = [base * (label in row.heads) for label in LABELS]
    return out


def judged(rows: list[Row]) -> tuple[list[set[str]], np.ndarray]:
    """What the rules alone find in each row, and whether the model's gate lets it through."""
    found, gate = [], []  # gate: per rule, whether the model may be asked
    school = School(name="Test School", contact_email="office@example.org")
    for i, row in enumerate(rows):
        message = message_of(row, i)
        context = PolicyContext(school=school, chat=message.chat, settings=RULES_ONLY)
        found.append({v.rule_id for v in safety.judge_message(message, context)} & set(LABELS))
        toks = words_of(message).toks
        passes = gate_passes(toks, message)
        gate.append([passes and not vetoed(label, toks) for label in LABELS])
    return found, np.array(gate)


def featurise(rows: list[Row]):  # type: ignore[no-untyped-def]
    from scipy import sparse

    indptr, indices, data = [0], [], []
    for i, row in enumerate(rows):
        idx = hash_features(features(message_of(row, i)), BITS)
        indices.append(idx)
        data.append(np.full(len(idx), 1.0 / np.sqrt(max(len(idx), 1)), dtype=np.float32))
        indptr.append(indptr[-1] + len(idx))
    x = sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), indptr),
                          shape=(len(rows), 1 << BITS), dtype=np.float32)
    x.sum_duplicates()
    return x


def fit(x, y: np.ndarray, w: np.ndarray, recipe: Recipe = Recipe()):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=recipe.c, class_weight=recipe.class_weight, max_iter=3000,
                               solver="liblinear")
    used = w > 0  # (a row not trained on this column)
    model.fit(x[used], y[used], sample_weight=w[used])
    return model


def out_of_fold(x, rows: list[Row], y: np.ndarray, w: np.ndarray,  # type: ignore[no-untyped-def]
                recipe: Recipe = Recipe()) -> np.ndarray:
    """Each row's raw score from models that never saw its batch."""
    batches = np.array([r.batch for r in rows])
    z = np.zeros(y.shape, dtype=np.float64)
    for batch in sorted(set(batches)):
        held = batches == batch
        for j in range(len(LABELS)):
            if (w[held, j] > 0).any():
                z[held, j] = fit(x[~held], y[~held, j], w[~held, j],
                                 recipe).decision_function(x[held])
    return z


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1e4).fit(z.reshape(-1, 1), y)
    return float(m.coef_[0, 0]), float(m.intercept_[0])


def threshold(p: np.ndarray, y: np.ndarray, asked: np.ndarray, clean: np.ndarray,
              ham: np.ndarray, share: float, precision: float = PRECISION) -> float:
    """The lowest probability (>= FLOOR) at which the model alone, where it is asked
    (``asked``: its gate, not the rules), is PRECISION right on a rule (``y``) and flags at
    most ``share`` of the clean near-misses (``clean``) and of the SMS ham (``ham``: its
    out-of-fold probabilities where asked, 0 elsewhere)."""
    best = 1.01
    n_clean = max(int(clean.sum()), 1)
    for t in sorted(set(np.round(p[asked], 3).tolist()), reverse=True):
        if t < FLOOR:
            break
        hit = asked & (p >= t)
        if (hit & clean).sum() / n_clean > share or (len(ham) and (ham >= t).mean() > share):
            break  # both shares only grow as the threshold falls
        if hit.sum() and y[hit].mean() >= precision:
            best = t
    return best


def flagged(found: list[set[str]], probs: np.ndarray, thresholds: np.ndarray,
            asked: np.ndarray) -> list[set[str]]:
    out = []
    for i, rules in enumerate(found):
        model = {LABELS[j] for j in range(len(LABELS))
                 if asked[i, j] and probs[i, j] >= thresholds[j]}
        out.append(rules | model)
    return out


def score(rows: list[Row], got: list[set[str]]) -> tuple[float, float, float, int, int]:
    """Recall and precision over breaches (a breach counts when one of its rules is found),
    the share of clean messages flagged, and the counts."""
    tp = fp = fn = clean = clean_flagged = 0
    for row, g in zip(rows, got, strict=True):
        if not row.labels:
            clean += 1
            clean_flagged += bool(g)
            fp += bool(g)
        elif g & row.labels:
            tp += 1
        else:
            fn += 1
            fp += bool(g)  # a breach flagged under the wrong rule is a wrong flag
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return r, p, clean_flagged / clean if clean else 0.0, tp + fn, clean


def batch_paths(score: list[Path]) -> list[Path]:
    """The batches trained and chosen on: all but the estimates and those to score."""
    fresh = sorted(BATCHES.glob("fresh_r*.jsonl"), key=lambda p: int(p.stem[7:]))
    scored = {p.resolve() for p in score}
    return [p for p in [BATCHES / "messages.jsonl", *fresh]
            if p.stem not in HELD_OUT and p.resolve() not in scored]


def score_batch(path: Path, model: HashedModel, name: str) -> None:
    """The rules alone and the rules OR the model on one batch never trained on."""
    fresh = read_batch(path)
    rules_got, gate_f = judged(fresh)
    pf = np.array([model.proba(hash_features(features(message_of(r, i)), model.bits))
                   for i, r in enumerate(fresh)])
    asked_f = gate_f & np.array([not f for f in rules_got])[:, None]
    b1 = score(fresh, rules_got)
    b2 = score(fresh, flagged(rules_got, pf, model.thresholds, asked_f))
    b3 = score(fresh, flagged([set() for _ in fresh], pf, model.thresholds, gate_f))
    print(f"{path.name} ({name}): {b1[3]} breaches, {b1[4]} clean | rules alone "
          f"R {b1[0]:.3f} P {b1[1]:.3f} clean {b1[2]:.1%} | rules OR model "
          f"R {b2[0]:.3f} P {b2[1]:.3f} clean {b2[2]:.1%} | model alone "
          f"R {b3[0]:.3f} P {b3[1]:.3f} clean {b3[2]:.1%}")
    print(f"  per rule (R / P / clean), scam | personal data | misinformation: rules alone "
          f"{per_rule(fresh, rules_got)}; rules OR model "
          f"{per_rule(fresh, flagged(rules_got, pf, model.thresholds, asked_f))}")


def fmt(r: tuple[float, float, float, int, int]) -> str:
    return f"{r[0]:.3f} / {r[1]:.3f} / {r[2]:.1%}"


def per_rule(rows: list[Row], got: list[set[str]]) -> str:
    """Each rule's recall over its breaches, precision of its flags and share of the clean
    near-misses it flags ("R / P / clean" per rule, in `LABELS` order)."""
    out = []
    for label in LABELS:
        pick = [k for k, r in enumerate(rows) if not r.labels or label in r.labels]
        hits = sum(label in g for g in got)
        right = sum(label in g and label in r.labels for r, g in zip(rows, got, strict=True))
        sub = [rows[k] for k in pick]
        r, _, c, _, _ = score(sub, [got[k] & {label} for k in pick])
        out.append(f"{r:.3f} / {right / hits if hits else 1.0:.3f} / {c:.1%}")
    return " | ".join(out)


@attrs.frozen
class Data:
    """The rows trained on, what the rules alone find in each, and the model's gate per rule."""

    rows: list[Row]
    found: list[set[str]]
    gate: np.ndarray
    paths: list[Path]


def load(paths: list[Path], sms: Path | None, iqra: Path | None) -> Data:
    rows = [r for p in paths for r in read_batch(p)]
    if sms:
        rows += read_sms(sms)
    extra = read_iqra(iqra) if iqra else []
    found, gate = judged(rows + extra)
    kept = [i for i, row in enumerate(extra) if not found[len(rows) + i]]
    print(f"Iqra corpus: {len(extra)} clean train rows, {len(extra) - len(kept)} left out "
          f"(the rules flag them)")
    found = found[:len(rows)] + [found[len(rows) + i] for i in kept]
    gate = np.concatenate([gate[:len(rows)], gate[len(rows):][kept]]) if extra else gate
    return Data(rows + [extra[i] for i in kept], found, gate, paths)


@attrs.frozen
class Calibrated:
    """Platt's slope and intercept per rule and the shipped thresholds (chosen on every batch)."""

    a: np.ndarray
    b: np.ndarray
    thresholds: np.ndarray
    #: The leave-one-batch-out line over all batches (rules + model, model alone, per rule).
    summary: str


def evaluate(data: Data, z: np.ndarray, recipe: Recipe, verbose: bool = True) -> Calibrated:
    """Calibrate the out-of-fold scores ``z``, choose thresholds, and print the
    leave-one-batch-out tables (per batch when ``verbose``, and over all batches per rule)."""
    rows, found, gate = data.rows, data.found, data.gate
    y = np.array([[label in r.labels for label in LABELS] for r in rows], dtype=np.int64)
    batches = np.array([r.batch for r in rows])
    iqra = np.char.startswith(batches.astype(str), "iqra")
    corpus = ~np.char.startswith(batches.astype(str), "sms") & ~iqra
    a, b = zip(*(platt(z[corpus, j], y[corpus, j]) for j in range(len(LABELS))), strict=True)
    probs = 1 / (1 + np.exp(-(np.array(a) * z + np.array(b))))
    clean = corpus & (y.sum(axis=1) == 0)
    # in the plugin the model is asked where its gate passes and the rules found nothing
    asked = gate & np.array([not f for f in found])[:, None]
    ham = ~corpus & ~iqra & (y.sum(axis=1) == 0)
    # the ham's probabilities where the gate passes, 0 elsewhere (shares are of all ham)
    ham_p = np.where(gate[ham], probs[ham], 0.0)
    nothing = [set() for _ in rows]

    def thresholds_on(rows_in: np.ndarray) -> np.ndarray:
        chosen = np.array([threshold(probs[rows_in, j], y[rows_in, j], gate[rows_in, j],
                                     clean[rows_in], ham_p[:, j], recipe.clean_share[j],
                                     recipe.precision)
                           for j in range(len(LABELS))])
        chosen[0] = max(chosen[0], recipe.scam_min)
        return chosen

    def scores(rows_in: np.ndarray, t: np.ndarray) -> tuple[str, str, str]:
        idx = np.flatnonzero(rows_in)
        sub = [rows[i] for i in idx]
        rules = [found[i] for i in idx]
        return (fmt(score(sub, rules)),
                fmt(score(sub, flagged(rules, probs[rows_in], t, asked[rows_in]))),
                fmt(score(sub, flagged([nothing[i] for i in idx], probs[rows_in], t,
                                       gate[rows_in]))))

    if verbose:
        print(f"{len(rows)} rows ({corpus.sum()} from {len(data.paths)} batches), bits {BITS}, "
              f"{recipe}")
        print("held-out batch      breaches clean | rules alone R / P / clean | "
              "rules OR model R / P / clean | model alone R / P / clean | thresholds")
    per_batch = np.zeros((len(rows), len(LABELS)), dtype=bool)
    for path in data.paths:
        held = batches == path.stem
        t = thresholds_on(corpus & ~held)
        per_batch[held] = gate[held] & (probs[held] >= t)
        if verbose:
            n_breach = int((y[held].sum(axis=1) > 0).sum())
            r_alone, r_or, m_alone = scores(held, t)
            print(f"{path.stem:18} {n_breach:5} {int(clean[held].sum()):5} | {r_alone} | "
                  f"{r_or} | {m_alone} | {' '.join(f'{v:.3f}' for v in t)}")
    # every batch judged with thresholds chosen without it
    idx = np.flatnonzero(corpus)
    sub = [rows[i] for i in idx]
    rules = [found[i] for i in idx]
    model_sets = [{LABELS[j] for j in range(len(LABELS)) if per_batch[i, j]} for i in idx]
    plugin_sets = [r | (m if not r else set()) for r, m in zip(rules, model_sets, strict=True)]
    thresholds = thresholds_on(corpus)
    lines = [f"{'all batches (LOBO)':18} | rules alone {fmt(score(sub, rules))} | rules OR model "
             f"{fmt(score(sub, plugin_sets))} | model alone {fmt(score(sub, model_sets))}",
             "  per rule (R / P / clean), scam | personal data | misinformation:",
             f"    rules alone     {per_rule(sub, rules)}",
             f"    rules OR model  {per_rule(sub, plugin_sets)}",
             f"    model alone     {per_rule(sub, model_sets)}"]
    if ham.any():
        rules_ham = sum(bool(found[i]) for i in np.flatnonzero(ham))
        model_ham = sum(bool(f) for f in flagged([found[i] for i in np.flatnonzero(ham)],
                                                 probs[ham], thresholds, asked[ham]))
        alone_ham = int((gate[ham] & (probs[ham] >= thresholds)).any(axis=1).sum())
        lines.append(f"  SMS ham flagged (out of fold): rules {rules_ham} / {ham.sum()}, "
                     f"rules OR model {model_ham} / {ham.sum()}, model alone {alone_ham}")
    if iqra.any():
        said = gate[iqra] & (probs[iqra] >= thresholds)
        lines.append(f"  Iqra clean train rows flagged by the model alone (out of fold): "
                     f"personal data {said[:, 1].sum()}, misinformation {said[:, 2].sum()} "
                     f"of {iqra.sum()}")
    lines.append(f"  thresholds: {' / '.join(f'{v:.3f}' for v in thresholds)}")
    summary = "\n".join(lines)
    print(summary)
    if verbose:
        for j, label in enumerate(LABELS):
            alone = corpus & gate[:, j] & (probs[:, j] >= thresholds[j])
            add = corpus & asked[:, j] & (probs[:, j] >= thresholds[j])
            print(f"{label}: alone flags {alone.sum()} out of fold ({y[alone, j].sum()} right, "
                  f"{(alone & clean).sum()} clean); adds {add.sum()} to the rules "
                  f"({y[add, j].sum()} right)")
        print(f"gate lets through {gate[corpus].any(axis=1).mean():.1%} of batch messages "
              f"({gate[corpus & (y.sum(axis=1) > 0)].any(axis=1).mean():.1%} of breaches)")
    return Calibrated(np.array(a), np.array(b), thresholds, summary)


def labels_of(data: Data) -> np.ndarray:
    return np.array([[label in r.labels for label in LABELS] for r in data.rows], dtype=np.int64)


def train(data: Data, x, recipe: Recipe, sms: bool, iqra: Path | None,  # type: ignore[no-untyped-def]
          z: np.ndarray | None = None) -> bytes:
    """The model fitted on every row, calibrated and thresholded out of fold (``z``: the
    out-of-fold scores, when already computed for this recipe), as bytes."""
    y = labels_of(data)
    w = row_weights(data.rows, recipe)
    if z is None:
        z = out_of_fold(x, data.rows, y, w, recipe)
    cal = evaluate(data, z, recipe)
    weights = np.zeros((1 << BITS, len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    for j in range(len(LABELS)):
        m = fit(x, y[:, j], w[:, j], recipe)
        weights[:, j] = m.coef_[0]
        bias[j] = m.intercept_[0]
    meta = {"trained_on": [p.name for p in data.paths] + (["SMSSpamCollection"] if sms else [])
            + ([f"{iqra.name} (clean train rows)"] if iqra else []),
            "method": "L2 logistic regression per rule; Platt and thresholds on the model's "
                      "own leave-one-batch-out scores", "C": recipe.c,
            "precision_bar": recipe.precision,
            "clean_share": dict(zip(LABELS, recipe.clean_share, strict=True)),
            "recipe": attrs.asdict(recipe)}
    model = HashedModel(LABELS, BITS, weights, bias, cal.a.astype(np.float32),
                        cal.b.astype(np.float32), cal.thresholds.astype(np.float32), meta)
    return model.to_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sms", type=Path, help="the SMS Spam Collection file")
    parser.add_argument("--iqra", type=Path,
                        help="the Iqra corpus (benchmarks/corpus/iqra_corpus.jsonl): its clean "
                             "train rows")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--score", type=Path, nargs="+", default=[],
                        help="fresh batches to score once at the end (never trained on)")
    parser.add_argument("--shipped", action="store_true",
                        help="score the --score batches with the shipped model too")
    args = parser.parse_args()
    started = time.perf_counter()
    paths = batch_paths(args.score)
    before_model = HashedModel.from_bytes(DEFAULT_OUT.read_bytes()) if args.shipped else None
    data = load(paths, args.sms, args.iqra)
    raw = train(data, featurise(data.rows), RECIPE, bool(args.sms), args.iqra)
    args.out.write_bytes(raw)
    print(f"wrote {args.out} ({len(raw) / 1024:.0f} KB) in {time.perf_counter() - started:.0f} s")
    for path in args.score:
        if before_model is not None:
            score_batch(path, before_model, "the model shipped before")
        score_batch(path, HashedModel.from_bytes(raw), "this model")
    return 0


if __name__ == "__main__":
    sys.exit(main())
