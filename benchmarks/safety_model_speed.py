"""What the safety plugin's learned model adds to the per-message cost, and how often it is
asked: Iqra and safety together with ``model = false`` against the default (model on), on the
messages of `safety_speed` (synthetic parent-group chatter), interleaved, best of rounds.

    .venv/bin/python benchmarks/safety_model_speed.py [--messages 30000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs
from policy_speed import messages
from safety_speed import build, run

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.detectors.shared import words_of
from civility.plugins.safety import learned


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=30_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    on = build(messages(args.messages))
    off = [(m, attrs.evolve(c, settings={"safety": {"model": False}})) for m, c in on]
    hooks = Hooks(make_manager(entry_points=False))
    both, alone = ("iqra", "safety"), ("iqra",)
    run(hooks, on[:500], both)  # warm caches (lexicons, models) before timing
    best = {"iqra": float("inf"), "off": float("inf"), "on": float("inf")}
    flagged = {}
    for _ in range(args.rounds):
        for name, items, only in (("iqra", off, alone), ("off", off, both), ("on", on, both)):
            took, flagged[name] = run(hooks, items, only)
            best[name] = min(best[name], took)
    n = len(on)
    gated = [m for m, _ in on if learned.gate_passes(words_of(m).toks, m)]
    model = learned.SafetyModel.default()
    bounded = sum(model.below_thresholds(words_of(m), m) for m in gated)
    us = {k: v / n * 1e6 for k, v in best.items()}
    print(f"{n} messages, best of {args.rounds}; the gate lets {len(gated) / n:.1%} through "
          f"(before the rules' own findings are taken out), and of those the bound on the "
          f"model's score skips {bounded / max(len(gated), 1):.1%} (scored: "
          f"{(len(gated) - bounded) / n:.2%} of all)")
    print(f"  iqra alone             {us['iqra']:7.1f} us/message")
    print(f"  iqra + safety, no model {us['off']:6.1f} us/message  ({flagged['off'] / n:.2%} flagged)")
    print(f"  iqra + safety + model  {us['on']:7.1f} us/message  ({flagged['on'] / n:.2%} flagged)")
    # The model's part alone, as if the rules never fired (an upper bound of what it adds):
    # the gate for every message, the model for those the gate lets through.
    part = float("inf")
    for _ in range(args.rounds):
        took = 0.0
        for m, _ in on:
            words_of(m)  # worked out once per message by the policies, before the model
            started = time.process_time()
            learned.judge(m, ())
            took += time.process_time() - started
        part = min(part, took)
    print(f"  the model's part alone {part / n * 1e6:7.1f} us/message (upper bound: every "
          f"message as if no rule fired)")
    print(f"  the model adds         {us['on'] - us['off']:7.1f} us/message; safety in all "
          f"{(us['on'] - us['iqra']) / us['iqra']:+.1%} of the policy's cost (goal: at most +20%)")


if __name__ == "__main__":
    main()
