"""What the safety guards add to the policy's per-message cost, counted in instructions
(callgrind), so the number is the same whatever the machine's load.

    .venv/bin/python benchmarks/safety_instructions.py [--messages 2000] [--warm 3000]
        [--configs none,iqra,both] [--out /tmp/safety-instructions]

Each configuration is one process under ``valgrind --tool=callgrind``. Every process warms
up on ``--warm`` synthetic messages (`policy_speed.messages`, built into chats as
`safety_speed.build` does, the flood rule's recent window filled) with both policies, so
caches, memos and imports are the same in all three; then it judges ``--messages`` fresh
ones through `Hooks.on_message` with no policy (``none``), Iqra alone (``iqra``) or Iqra with
the guards (``both``). Differences of the program totals give the instructions per message:
Iqra's = (iqra - none) / n, the guards' = (both - iqra) / n, and their ratio is what the
issue's target (at most +20%) measures. ``--configs both`` re-counts only the guards' run
(the other two do not change while only safety code changes) and takes the others from the
``--out`` directory's earlier counts. ``--phase X`` runs one workload without valgrind (what
each valgrind process runs).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

CONFIGS: dict[str, tuple[str, ...]] = {
    "none": (),
    "iqra": ("iqra",),
    "both": ("iqra", "safety"),
}
#: Set for the processes run under callgrind, which count only the judged messages.
UNDER_CALLGRIND = "SAFETY_INSTRUCTIONS_UNDER_CALLGRIND"
TOTAL = re.compile(r"^totals:\s+(\d+)", re.MULTILINE)


def workload(config: str, n: int, warm: int) -> int:
    from policy_speed import messages
    from safety_speed import build

    from civility._hooks import Hooks
    from civility._plugins import make_manager

    hooks = Hooks(make_manager(entry_points=False))
    texts = messages(warm + n)
    for message, context in build(texts[:warm], "warm"):
        hooks.on_message(message, context, CONFIGS["both"])
    items = build(texts[warm:], "timed")
    flagged = 0
    only = CONFIGS[config]
    instrument(True)  # counted from here: the judged messages alone
    if only:
        for message, context in items:
            flagged += bool(hooks.on_message(message, context, only))
    instrument(False)
    return flagged


def instrument(on: bool) -> None:
    """Turn callgrind's counting on or off for this process (nothing outside callgrind)."""
    if os.environ.get(UNDER_CALLGRIND):
        subprocess.run(
            ["callgrind_control", "--instr=" + ("on" if on else "off"), str(os.getpid())],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def count(config: str, n: int, warm: int, out: Path) -> int:
    """Instructions of one process's judged messages (start-up and warm-up run uncounted)."""
    profile = out / f"{config}.cg"
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={profile}",
            sys.executable,
            __file__,
            "--phase",
            config,
            "--messages",
            str(n),
            "--warm",
            str(warm),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, UNDER_CALLGRIND: "1"},
    )
    found = TOTAL.search(profile.read_text(errors="replace"))
    if found is None:
        raise SystemExit(f"no total in {profile}")
    total = int(found.group(1))
    (out / f"{config}-{n}-{warm}.total").write_text(f"{total}\n")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--warm", type=int, default=3000)
    parser.add_argument("--configs", default="none,iqra,both")
    parser.add_argument("--out", type=Path, default=Path("/tmp/safety-instructions"))
    parser.add_argument("--phase", choices=sorted(CONFIGS))
    args = parser.parse_args()
    if args.phase:
        print(args.phase, workload(args.phase, args.messages, args.warm))
        return
    args.out.mkdir(parents=True, exist_ok=True)
    totals = {}
    for config in args.configs.split(","):
        totals[config] = count(config, args.messages, args.warm, args.out)
    for config in CONFIGS:
        if config not in totals:
            saved = args.out / f"{config}-{args.messages}-{args.warm}.total"
            if not saved.exists():
                raise SystemExit(f"no earlier count for {config}: run with --configs {config}")
            totals[config] = int(saved.read_text())
    n = args.messages
    iqra = (totals["iqra"] - totals["none"]) / n
    guards = (totals["both"] - totals["iqra"]) / n
    print(f"Iqra alone: {iqra / 1000:.1f}k instructions a message")
    print(f"the guards add: {guards / 1000:.1f}k ({guards / iqra:+.1%})")


if __name__ == "__main__":
    main()
