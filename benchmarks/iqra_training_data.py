"""Training and evaluation rows for the Iqra model: the corpus and the public sets, with labels
per model head, a mask saying which heads each row may teach, and a weight.

The corpus (``benchmarks/corpus/iqra_corpus.jsonl``) teaches every head. The public sets teach
only the heads they have labels for, at a lower weight, because they are tweets and SMS, not
parent-group chat, and their labels are coarser than the rules:

| set | head(s) | positive | weight |
|---|---|---|---|
| OLID train part | abuse / offensive-language | OFF+TIN -> abuse, OFF+UNT -> offensive-language | 0.35 |
| RUHSOLD train part | offensive-language (abuse not taught) | abusive/offensive | 0.35 |
| SMS Spam Collection, 80% | solicitation | spam | 0.25 |
| Davidson (off by default) | offensive-language | hate or offensive | 0.15 |

The held-out parts (``iqra_data.py``: a seeded 10% of OLID, RUHSOLD's validation file, 20% of
the SMS set) are never read for training.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import attrs
from iqra_data import SEED, _split

RULES = (
    "iqra.grievance", "iqra.abuse", "iqra.offensive-language", "iqra.disrepute",
    "iqra.defamation", "iqra.policy-challenge", "iqra.individual-child", "iqra.politics",
    "iqra.cultural-respect", "iqra.private-email", "iqra.solicitation", "iqra.off-topic-link",
    "iqra.private-conversation",
)
HEADS = (*RULES, "iqra.defamation#threat")
WEIGHTS = {"corpus": 1.0, "olid": 0.35, "ruhsold": 0.35, "sms": 0.25, "davidson": 0.15}


@attrs.frozen
class Row:
    text: str
    labels: frozenset[str]  # heads that are positive
    heads: frozenset[str]  # heads this row may teach (positive or negative)
    weight: float
    group: str  # rows of one group stay in one fold


ALL = frozenset(HEADS)


def corpus(path: Path, split: str) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["split"] != split:
            continue
        labels = set(r["labels"])
        if r.get("threat"):
            labels.add("iqra.defamation#threat")
        rows.append(Row(r["text"], frozenset(labels), ALL, WEIGHTS["corpus"], r["family"]))
    return rows


def olid(data: Path, part: str) -> list[Row]:
    raw: list[tuple[str, str, str]] = []
    with (data / "olid" / "olid-training-v1.0.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            raw.append((row["tweet"], row["subtask_a"], row["subtask_b"]))
    picked = _split(raw, part)  # type: ignore[arg-type]
    out = []
    heads = frozenset({"iqra.abuse", "iqra.offensive-language"})
    for i, (text, a, b) in enumerate(picked):
        if a == "OFF" and b == "TIN":
            labels, teach = {"iqra.abuse"}, frozenset({"iqra.abuse"})
        elif a == "OFF":
            labels, teach = {"iqra.offensive-language"}, frozenset({"iqra.offensive-language"})
        else:
            labels, teach = set(), heads
        out.append(Row(text, frozenset(labels), teach, WEIGHTS["olid"], f"olid-{i % 40}"))
    return out


def ruhsold(data: Path, part: str) -> list[Row]:
    from iqra_data import ruhsold as load

    head = frozenset({"iqra.offensive-language"})
    return [Row(t, head if y else frozenset(), head, WEIGHTS["ruhsold"], f"ruhsold-{i % 40}")
            for i, (t, y) in enumerate(load(data, part))]


def sms(data: Path, part: str) -> list[Row]:
    raw = []
    with (data / "sms_spam" / "SMSSpamCollection").open(encoding="utf-8") as f:
        next(f)
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            if label in ("ham", "spam"):
                raw.append((text, label == "spam"))
    order = list(range(len(raw)))
    random.Random(SEED).shuffle(order)
    cut = int(len(raw) * 0.8)
    pick = sorted(order[:cut] if part == "train" else order[cut:])
    head = frozenset({"iqra.solicitation"})
    return [Row(raw[i][0], head if raw[i][1] else frozenset(), head, WEIGHTS["sms"],
                f"sms-{n % 40}") for n, i in enumerate(pick)]


def davidson(data: Path, part: str) -> list[Row]:
    from iqra_data import davidson as load

    head = frozenset({"iqra.offensive-language"})
    return [Row(t, head if y else frozenset(), head, WEIGHTS["davidson"], f"davidson-{i % 40}")
            for i, (t, y) in enumerate(load(data, part))]


PUBLIC = {"olid": olid, "ruhsold": ruhsold, "sms": sms, "davidson": davidson}
