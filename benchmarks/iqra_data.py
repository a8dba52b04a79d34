"""Loading the public labelled sets in ``../shared/data`` and making fixed, seeded splits.

OLID and Davidson come without a validation part here, so each training file is split once,
by a seeded shuffle, into ``train`` (80%), ``tune`` (10%, for choosing thresholds) and
``heldout`` (10%, never seen by the trainer, only by ``iqra_quality.py``). RUHSOLD's own
validation file is its held-out part; 10% of its training file is the ``tune`` part.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 20241
Rows = list[tuple[str, int]]  # (text, 1 if abusive/offensive else 0)


def _split(rows: Rows, part: str) -> Rows:
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    n = len(rows)
    cut1, cut2 = int(n * 0.8), int(n * 0.9)
    pick = {"train": order[:cut1], "tune": order[cut1:cut2], "heldout": order[cut2:]}[part]
    return [rows[i] for i in sorted(pick)]


def olid(data: Path, part: str) -> Rows:
    rows: Rows = []
    with (data / "olid" / "olid-training-v1.0.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append((row["tweet"], int(row["subtask_a"] == "OFF")))
    return _split(rows, part)


def davidson(data: Path, part: str) -> Rows:
    rows: Rows = []
    with (data / "davidson" / "labeled_data.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append((row["tweet"], int(row["class"] in ("0", "1"))))
    return _split(rows, part)


def ruhsold(data: Path, part: str) -> Rows:
    """RUHSOLD task 1 (label 0 = abusive/offensive, 1 = normal in the source files)."""
    name = "task_1_validation.tsv" if part == "heldout" else "task_1_train.tsv"
    rows: Rows = []
    with (data / "ruhsold" / name).open(encoding="utf-8") as f:
        for line in f:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if label.strip() in ("0", "1"):
                rows.append((text, int(label.strip() == "0")))
    if part == "heldout":
        return rows
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    cut = int(len(rows) * 0.9)
    pick = order[:cut] if part == "train" else order[cut:]
    return [rows[i] for i in sorted(pick)]


LOADERS = {"olid": olid, "davidson": davidson, "ruhsold": ruhsold}
