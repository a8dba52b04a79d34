"""A school's own adjustments to the Iqra model, learnt from its moderators' decisions.

Privacy by design: nothing is kept unless ``[learning] enabled = true``. An example is kept as
the message's hashed feature rows (integers: no text, no sender, no chat), the rule and whether
it was a breach (`record_example`, for the engine to call when a moderator answers a case:
keep = not a breach; delete, caution or remove = a breach). `fit` adds a small per-school
correction to the shipped weights, on the same features, by L2-regularised logistic regression
(numpy gradient descent; no scikit-learn at run time). `civility learn` reports before/after on
the school's examples and on the shipped dev split, and refuses a model that got worse there.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import importlib.resources
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import attrs
import numpy as np
import structlog

from civility.context import PolicyContext
from civility.detectors.model import HashedModel
from civility.events import Message, ReviewChoice
from civility.hookspecs import hookimpl
from civility.plugins.iqra.learned import IqraModel, analyse, verdicts_from
from civility.plugins.iqra.rules import RULE_IDS
from civility.testing import make_message

__all__ = ["EXAMPLES_FILE", "MODEL_FILE", "Example", "Score", "dev_score", "example_score",
           "fit", "load_examples", "on_moderator_decision", "record_example", "to_example"]

if sys.platform != "win32":
    import fcntl

log = structlog.get_logger()
EXAMPLES_FILE = "iqra-examples.jsonl"
MODEL_FILE = "iqra-model.gz"
DEV_FILE = "iqra_dev.jsonl.gz"
#: A school model may lose this much F1 on the shipped dev split and still be accepted.
DEV_TOLERANCE = 0.005


@attrs.frozen
class Example:
    rows: tuple[int, ...]  # hashed feature rows of the message (no text)
    rule: str
    breach: bool


@attrs.frozen
class Score:
    precision: float
    recall: float
    f1: float
    n: int

    def describe(self) -> str:
        return f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} ({self.n} messages)"


def _score(tp: int, fp: int, fn: int, n: int) -> Score:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0, n)


def to_example(model: IqraModel, message: Message, rule: str, breach: bool,
               settings: Mapping[str, Any] | None = None) -> Example:
    if rule not in RULE_IDS:
        raise ValueError(f"unknown rule {rule!r}")
    idx, _ = model.rows(analyse(message, settings or {}))
    return Example(tuple(int(i) for i in idx), rule, bool(breach))


def record_example(folder: Path, message: Message, rule: str, breach: bool,
                   settings: Mapping[str, Any] | None = None, *, case: int | None = None) -> None:
    """Keep one moderator decision as a training example (hashed features, no text).

    For the engine: call when a moderator answers a case under an ``iqra.*`` rule and
    ``[learning] enabled`` (keep -> ``breach=False``; delete, caution, remove -> ``True``),
    with ``folder = config.learning.folder(config)`` and the ``case`` number, so that the
    member's export and erasure find it (`civility_export_member`). Appends one JSON line;
    never raises for a full disk or unknown rule (logged and skipped)."""
    try:
        ex = to_example(IqraModel.default(), message, rule, breach, settings)
        folder.mkdir(parents=True, exist_ok=True)
        line = {"rows": ex.rows, "rule": ex.rule, "breach": ex.breach,
                "day": dt.date.today().isoformat()}
        if case is not None:
            line["case"] = int(case)
        with (folder / EXAMPLES_FILE).open("a", encoding="utf-8") as f, _locked(f):
            f.write(json.dumps(line) + "\n")
    except (OSError, ValueError) as exc:
        log.warning("learning example not kept", rule=rule, error=str(exc))


#: The moderators' choices that teach: keep (not a breach), delete, caution, remove (a breach).
TEACHING_CHOICES = frozenset({ReviewChoice.KEEP, ReviewChoice.DELETE, ReviewChoice.CAUTION,
                              ReviewChoice.REMOVE})


@hookimpl
def on_moderator_decision(message: Message, rule_ids: Sequence[str], choice: ReviewChoice,
                          breach: bool, case: int, context: PolicyContext) -> None:
    """A moderator's decision on an ``iqra.*`` case, kept as an example when the school has
    ``[learning] enabled = true`` (the config then gives ``learning_folder``)."""
    settings = context.settings.get("iqra", {})
    folder = settings.get("learning_folder")
    if not folder or choice not in TEACHING_CHOICES or not message.text:
        return
    for rule in rule_ids:
        if rule in RULE_IDS:
            record_example(Path(str(folder)), message, rule, breach, settings, case=case)


def load_examples(path: Path) -> list[Example]:
    """Examples kept by `record_example` (bad lines skipped)."""
    out: list[Example] = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
            out.append(Example(tuple(int(i) for i in row["rows"]), str(row["rule"]),
                               bool(row["breach"])))
        except (ValueError, KeyError, TypeError):
            continue
    return [e for e in out if e.rule in RULE_IDS]


def fit(base: HashedModel, examples: Sequence[Example], *, l2: float = 1.0,
        steps: int = 300, rate: float = 2.0) -> HashedModel:
    """The base model plus a per-school correction of the weights of the examples' features:
    minimises the examples' log loss + ``l2`` * |correction|^2 (full-batch gradient descent)."""
    if not examples:
        return base
    cols = np.array([base.index(e.rule) for e in examples])
    y = np.array([e.breach for e in examples], dtype=np.float32)
    rows = [np.asarray(e.rows, dtype=np.int64) for e in examples]
    scale = np.array([1 / np.sqrt(max(len(r), 1)) for r in rows], dtype=np.float32)
    touched = np.unique(np.concatenate(rows)) if rows else np.zeros(0, np.int64)
    pos = {int(r): i for i, r in enumerate(touched)}
    local = [np.array([pos[int(i)] for i in r], dtype=np.int64) for r in rows]
    delta = np.zeros((len(touched), len(base.labels)), dtype=np.float32)
    base_z = np.array([float(base.logits(r)[c]) for r, c in zip(rows, cols, strict=True)])
    a, b = base.platt_a[cols], base.platt_b[cols]
    # balance breaches and non-breaches so a school that mostly says "keep" is not ignored
    pos_w = 0.5 / max(y.mean(), 1e-6) if 0 < y.mean() < 1 else 1.0
    neg_w = 0.5 / max(1 - y.mean(), 1e-6) if 0 < y.mean() < 1 else 1.0
    weight = np.where(y > 0, pos_w, neg_w) / len(examples)
    for _ in range(steps):
        dz = np.array([delta[li, c].sum() * s for li, c, s in zip(local, cols, scale, strict=True)])
        p = 1 / (1 + np.exp(-np.clip(a * (base_z + dz) + b, -30, 30)))
        g = (p - y) * a * weight * scale
        grad = l2 * delta / len(examples)
        for li, c, gi in zip(local, cols, g, strict=True):
            np.add.at(grad[:, c], li, gi)
        delta -= rate * grad
    weights = base.weights.copy()
    weights[touched] += delta
    meta = {**base.meta, "school_examples": len(examples), "school_l2": l2}
    return attrs.evolve(base, weights=weights, meta=meta)


def example_score(model: IqraModel, examples: Iterable[Example]) -> Score:
    """How the model's threshold decisions agree with the moderators' on the examples."""
    tp = fp = fn = n = 0
    for e in examples:
        p = float(model.model.proba(np.asarray(e.rows, dtype=np.int64))[model.model.index(e.rule)])
        said = p >= model.threshold(e.rule)
        tp += said and e.breach
        fp += said and not e.breach
        fn += (not said) and e.breach
        n += 1
    return _score(tp, fp, fn, n)


def dev_rows() -> list[tuple[str, frozenset[str]]]:
    """The dev split of the Iqra corpus, shipped with the package for this check."""
    ref = importlib.resources.files("civility.plugins.iqra").joinpath(DEV_FILE)
    lines = gzip.decompress(ref.read_bytes()).decode().splitlines()
    return [(r["text"], frozenset(r["labels"])) for r in map(json.loads, lines)]


def dev_score(model: IqraModel, rows: Sequence[tuple[str, frozenset[str]]] | None = None) -> Score:
    """Message-level precision and recall on the shipped dev split (a flag is right when one
    of its rules is among the message's labels)."""
    tp = fp = fn = 0
    rows = dev_rows() if rows is None else rows
    for text, labels in rows:
        analysis = analyse(make_message(text), {})
        got = {v.rule_id for v in verdicts_from(model, analysis, model.proba(analysis))}
        if not labels:
            fp += bool(got)
        elif got & labels:
            tp += 1
        else:
            fn += 1
            fp += bool(got)
    return _score(tp, fp, fn, len(rows))


# -- the school (issue 14): a member's examples, for `civility export` / `civility erase` --


@contextlib.contextmanager
def _locked(f: IO[str]) -> Iterator[None]:
    """Hold the examples file's lock: an erasure's rewrite never loses a line appended by
    the running bot meanwhile."""
    if sys.platform == "win32":  # no flock: no lock to take
        yield
        return
    fcntl.flock(f.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _examples_file(settings: Mapping[str, Mapping[str, Any]]) -> Path | None:
    folder = settings.get("iqra", {}).get("learning_folder")
    path = Path(str(folder)) / EXAMPLES_FILE if folder else None
    return path if path is not None and path.is_file() else None


def _case_of(line: str) -> int | None:
    try:
        case = json.loads(line).get("case")
    except (ValueError, AttributeError):
        return None
    return case if isinstance(case, int) else None


def examples_of_cases(settings: Mapping[str, Mapping[str, Any]],
                      cases: Sequence[int]) -> list[dict[str, Any]]:
    """The kept examples learnt from these cases, as stored (hashed features, no text)."""
    path, wanted = _examples_file(settings), set(cases)
    if path is None or not wanted:
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if _case_of(line) in wanted]


def erase_examples_of_cases(settings: Mapping[str, Mapping[str, Any]],
                            cases: Sequence[int]) -> int:
    """Remove the examples learnt from these cases; return how many went. The file is
    rewritten beside itself and swapped in, so a crash leaves the old or the new one."""
    path, wanted = _examples_file(settings), set(cases)
    if path is None or not wanted:
        return 0
    with path.open("r+", encoding="utf-8") as f, _locked(f):
        lines = f.read().splitlines()
        keep = [line for line in lines if _case_of(line) not in wanted]
        if len(keep) == len(lines):
            return 0
        fresh = path.with_name(path.name + ".erasing")
        fresh.write_text("".join(line + "\n" for line in keep), encoding="utf-8")
        os.replace(fresh, path)
    return len(lines) - len(keep)


@hookimpl
def civility_export_member(cases: Sequence[int], settings: Mapping[str, Mapping[str, Any]]
                           ) -> dict[str, Any] | None:
    found = examples_of_cases(settings, cases)
    return {"learning_examples": found} if found else None


@hookimpl
def civility_erase_member(cases: Sequence[int],
                          settings: Mapping[str, Mapping[str, Any]]) -> int:
    return erase_examples_of_cases(settings, cases)
