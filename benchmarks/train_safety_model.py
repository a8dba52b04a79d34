"""Train the safety plugin's learned model, and measure it honestly on batches it never saw.

    .venv/bin/python benchmarks/train_safety_model.py [--sms DATA/sms_spam/SMSSpamCollection]
        [--out plugins/safety/safety_model.gz] [--score tests/fixtures/safety/fresh_m1.jsonl]

Needs scikit-learn and scipy (training only; the product scores the weights with numpy).

Data: the labelled batches in tests/fixtures/safety (messages.jsonl and every fresh_r*.jsonl;
fresh_m1.jsonl is never read except by ``--score``), and, when ``--sms`` is given, the UCI SMS
Spam Collection (spam as ``safety.scam``, ham as clean), weighted down (`SMS_WEIGHT`).

Method: per rule, L2 logistic regression on hashed word and character n-grams
(`civility.plugins.safety.learned.features`). The folds are the batches (leave one batch out;
the SMS set is split in five parts, each a fold), so every out-of-fold score is for a batch of
new people and new ideas, as the hidden check is. Platt scaling is fitted on the batches'
out-of-fold scores. Each rule's threshold is the lowest probability at which the model's own
additions (messages the rules missed and the gate lets through) are still at least
`PRECISION` right on the out-of-fold scores of the *other* batches (for the per-batch table) or
of all batches (for the shipped model), never below 0.5. The thresholds only mean something
against rules that were not fixed on the batches (see plugins/safety/MODEL_CARD.txt): today's
rules catch every breach of the batches they were fixed on, so a rerun leaves the model silent.
"""

from __future__ import annotations

import argparse
import json
import sys
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
#: At most this share of SMS ham may be added by one rule's model (out of fold): about 5
#: of its 4,827 messages, some of which read like the harms themselves ("send your account
#: details"), in a one-to-one text rather than a group.
HAM_SHARE = 0.001
SMS_FOLDS = 5
PRECISION = 0.9
FLOOR = 0.5
#: The rules alone, for comparison and for what the model is asked about.
RULES_ONLY = {"safety": {"model": False}}


@attrs.frozen
class Row:
    text: str
    labels: frozenset[str]
    batch: str
    weight: float = 1.0
    forwarded: bool = False
    forwarded_many: bool = False


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


def fit(x, y: np.ndarray, w: np.ndarray):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, solver="liblinear")
    model.fit(x, y, sample_weight=w)
    return model


def out_of_fold(x, rows: list[Row], y: np.ndarray, w: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Each row's raw score from models that never saw its batch."""
    batches = np.array([r.batch for r in rows])
    z = np.zeros(y.shape, dtype=np.float64)
    for batch in sorted(set(batches)):
        held = batches == batch
        for j in range(len(LABELS)):
            z[held, j] = fit(x[~held], y[~held, j], w[~held]).decision_function(x[held])
    return z


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1e4).fit(z.reshape(-1, 1), y)
    return float(m.coef_[0, 0]), float(m.intercept_[0])


def threshold(p: np.ndarray, y: np.ndarray, asked: np.ndarray, ham: np.ndarray) -> float:
    """The lowest probability (>= FLOOR) at which the model's additions are PRECISION right
    and add at most HAM_SHARE of the SMS ham (``ham``: its out-of-fold probabilities)."""
    best = 1.01
    for t in sorted(set(np.round(p[asked], 3).tolist()), reverse=True):
        if t < FLOOR:
            break
        hit = asked & (p >= t)
        if len(ham) and (ham >= t).mean() > HAM_SHARE:
            break
        if hit.sum() and y[hit].mean() >= PRECISION:
            best = t
        elif hit.sum() >= 5:
            break  # precision fell below the bar with enough evidence: stop lowering
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sms", type=Path, help="the SMS Spam Collection file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--score", type=Path, help="a fresh batch to score once at the end")
    args = parser.parse_args()
    paths = [BATCHES / "messages.jsonl", *sorted(BATCHES.glob("fresh_r*.jsonl"),
                                                  key=lambda p: int(p.stem[7:]))]
    rows = [r for p in paths for r in read_batch(p)]
    if args.sms:
        rows += read_sms(args.sms)
    y = np.array([[label in r.labels for label in LABELS] for r in rows], dtype=np.int64)
    w = np.array([r.weight for r in rows])
    x = featurise(rows)
    found, gate = judged(rows)
    z = out_of_fold(x, rows, y, w)
    batches = np.array([r.batch for r in rows])
    corpus = ~np.char.startswith(batches.astype(str), "sms")
    a, b = zip(*(platt(z[corpus, j], y[corpus, j]) for j in range(len(LABELS))), strict=True)
    probs = 1 / (1 + np.exp(-(np.array(a) * z + np.array(b))))
    # the model is asked where the rules found nothing
    asked = gate & np.array([not f for f in found])[:, None]
    ham = ~corpus & (y.sum(axis=1) == 0)
    # the ham's probabilities where the model is asked, 0 elsewhere (shares are of all ham)
    ham_p = np.where(asked[ham], probs[ham], 0.0)

    print(f"{len(rows)} rows ({corpus.sum()} from {len(paths)} batches), bits {BITS}, C {C}")
    print("held-out batch      breaches clean | rules alone R / P / clean | "
          "rules OR model R / P / clean | thresholds")
    for path in paths:
        held = batches == path.stem
        others = corpus & ~held
        t = np.array([threshold(probs[others, j], y[others, j], asked[others, j],
                                ham_p[:, j])
                      for j in range(len(LABELS))])
        sub = [rows[i] for i in np.flatnonzero(held)]
        before = score(sub, [found[i] for i in np.flatnonzero(held)])
        after = score(sub, flagged([found[i] for i in np.flatnonzero(held)], probs[held], t,
                                   asked[held]))
        print(f"{path.stem:18} {before[3]:5} {before[4]:5} | {before[0]:.3f} / {before[1]:.3f} / "
              f"{before[2]:.1%} | {after[0]:.3f} / {after[1]:.3f} / {after[2]:.1%} | "
              f"{' '.join(f'{v:.2f}' for v in t)}")
    thresholds = np.array([threshold(probs[corpus, j], y[corpus, j], asked[corpus, j],
                                     ham_p[:, j])
                           for j in range(len(LABELS))])
    every = corpus
    sub = [rows[i] for i in np.flatnonzero(every)]
    before = score(sub, [found[i] for i in np.flatnonzero(every)])
    after = score(sub, flagged([found[i] for i in np.flatnonzero(every)], probs[every],
                               thresholds, asked[every]))
    print(f"{'all batches (OOF)':18} {before[3]:5} {before[4]:5} | {before[0]:.3f} / "
          f"{before[1]:.3f} / {before[2]:.1%} | {after[0]:.3f} / {after[1]:.3f} / {after[2]:.1%}")
    if args.sms:
        rules_ham = sum(bool(found[i]) for i in np.flatnonzero(ham))
        model_ham = sum(bool(f) for f in flagged([found[i] for i in np.flatnonzero(ham)],
                                                 probs[ham], thresholds, asked[ham]))
        print(f"SMS ham flagged (out of fold): rules {rules_ham} / {ham.sum()}, "
              f"rules OR model {model_ham} / {ham.sum()}")
    print(f"shipped thresholds: {dict(zip(LABELS, thresholds.round(3).tolist(), strict=True))}")
    for j, label in enumerate(LABELS):
        add = asked[corpus, j] & (probs[corpus, j] >= thresholds[j])
        print(f"{label}: the model adds {add.sum()} out-of-fold flags, "
              f"{y[corpus, j][add].sum()} of them right")
    print(f"gate lets through {gate[corpus].any(axis=1).mean():.1%} of batch messages "
          f"({gate[corpus & (y.sum(axis=1) > 0)].any(axis=1).mean():.1%} of breaches)")

    weights = np.zeros((1 << BITS, len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    for j in range(len(LABELS)):
        m = fit(x, y[:, j], w)
        weights[:, j] = m.coef_[0]
        bias[j] = m.intercept_[0]
    meta = {"trained_on": [p.name for p in paths] + (["SMSSpamCollection"] if args.sms else []),
            "method": "L2 logistic regression per rule, Platt and thresholds on "
                      "leave-one-batch-out scores", "C": C, "precision_bar": PRECISION}
    model = HashedModel(LABELS, BITS, weights, bias, np.array(a, dtype=np.float32),
                        np.array(b, dtype=np.float32), thresholds.astype(np.float32), meta)
    raw = model.to_bytes()
    args.out.write_bytes(raw)
    print(f"wrote {args.out} ({len(raw) / 1024:.0f} KB)")
    if args.score:
        fresh = read_batch(args.score)
        rules_got, gate_f = judged(fresh)
        shipped = HashedModel.from_bytes(raw)
        pf = np.array([shipped.proba(hash_features(features(message_of(r, i)), BITS))
                       for i, r in enumerate(fresh)])
        asked_f = gate_f & np.array([not f for f in rules_got])[:, None]
        b1 = score(fresh, rules_got)
        b2 = score(fresh, flagged(rules_got, pf, shipped.thresholds, asked_f))
        print(f"{args.score.name}: {b1[3]} breaches, {b1[4]} clean | rules alone "
              f"R {b1[0]:.3f} P {b1[1]:.3f} clean {b1[2]:.1%} | rules OR model "
              f"R {b2[0]:.3f} P {b2[1]:.3f} clean {b2[2]:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
