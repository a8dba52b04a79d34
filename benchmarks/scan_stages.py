"""What the Iqra policy's parts cost a message in a scan, stage by stage (CPU time, one core).

    .venv/bin/python benchmarks/scan_stages.py FILE [--messages 20000]

FILE is JSON Lines with ``text`` (e.g. the 100,000 messages ``scan_vs_profanity_check.py
--keep`` writes). Every text is judged once, as a scan judges a text it has not met before
(the kit's and the model's per-word tables filled as they go, so later messages find the
words of earlier ones). Each stage is timed over all the messages; the table says where the
time of `analyse`, the model's rows, its scores and the verdicts goes, and what share of
the whole each takes. Numbers are CPU seconds of this process, so a busy machine inflates
them less than wall time (but still some: the caches are shared with the other work).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from civility.detectors.normalise import normalise
from civility.detectors.scorer import Scorer
from civility.detectors.signals import shouting
from civility.detectors.wordlist import tokens
from civility.plugins.iqra import checks
from civility.plugins.iqra.learned import IqraModel, analyse, model_words, verdicts_from
from civility.plugins.iqra.patterns import LEXICON
from civility.testing import make_message


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--messages", type=int, default=20_000)
    args = ap.parse_args()
    with args.file.open(encoding="utf-8") as f:
        texts = list(dict.fromkeys(json.loads(line)["text"] for line in f))[:args.messages]
    messages = [make_message(t) for t in texts]
    model = IqraModel.default()
    Scorer.default()
    analyse(make_message("warm up, you idiot"), {})
    n = len(messages)
    rows: list[tuple[str, float]] = []

    def timed(label: str, work: Callable[[], Any]) -> Any:
        began = time.process_time()
        out = work()
        rows.append((label, time.process_time() - began))
        return out

    # The whole path first, cold, as a scan meets these texts.
    found = timed("analyse (the kit, all of it)", lambda: [analyse(m, {}) for m in messages])
    probs = timed("model rows and scores (proba_many, 32 a batch)",
                  lambda: [p for i in range(0, n, 32) for p in model.proba_many(found[i:i + 32])])
    timed("verdicts and evidence (verdicts_from)",
          lambda: [verdicts_from(model, a, p) for a, p in zip(found, probs, strict=True)])
    whole = sum(seconds for _, seconds in rows)
    timed("  of the scores: the rows again (indices, warm)",
          lambda: [model.indices(a) for a in found])
    # Then the parts of analyse, each on its own (the tables now warm).
    nts = timed("  normalise", lambda: [normalise(m.all_text) for m in messages])
    toks = timed("  tokens", lambda: [tokens(nt.text) for nt in nts])
    matches = timed("  word lists (Lexicon.lookup_tokens)",
                    lambda: [LEXICON.lookup_tokens(nt, t) for nt, t in zip(nts, toks, strict=True)])
    signals = [checks.Signals(m.all_text, nt, f, (), {}, t)
               for m, nt, f, t in zip(messages, nts, matches, toks, strict=True)]
    hit = [s for s, f in zip(signals, matches, strict=True)
           if not f.found.keys().isdisjoint(checks.TRIGGERS)]
    timed("  the rules' checks (messages a list triggers)",
          lambda: [[c(s) for c in checks.TEXT_CHECKS] for s in hit])
    timed("  targets (staff, child, parent)", lambda: [s.targets() for s in signals])
    timed("  e-mail quotes", lambda: [checks.private_email(s, "") for s in signals])
    timed("  shouting", lambda: [shouting(s.text) for s in signals])
    timed("  abuse scorer", lambda: [Scorer.default().score_tokens(t) for t in toks])
    timed("  model words (staff names as a placeholder)",
          lambda: [model_words(m.all_text, t) for m, t in zip(messages, toks, strict=True)])
    print(f"{n:,} distinct texts from {args.file.name} ({len(hit):,} hit a rule's word list)")
    print(f"{'stage':48s} {'CPU s':>7s} {'us/msg':>8s} {'share':>6s}")
    for label, seconds in rows:
        print(f"{label:48s} {seconds:7.2f} {seconds / n * 1e6:8.1f} {seconds / whole:6.0%}")
    print(f"{'Iqra, the whole path (the first three rows)':48s} {whole:7.2f} "
          f"{whole / n * 1e6:8.1f}")


if __name__ == "__main__":
    main()
