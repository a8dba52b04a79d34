"""Where `civility scan` spends its CPU time: the whole command under cProfile, by function.

    .venv/bin/python benchmarks/scan_profile.py FILE [--jobs 1] [--top 40] [--sort tottime]
        [-- extra scan options]

Runs ``civility scan FILE --format jsonl -o /dev/null --jobs N`` in this process under cProfile
with a CPU-time clock (so a busy shared machine does not inflate the numbers), then prints the
functions that took most CPU, and the total. With ``--jobs`` above 1 only the main process is
profiled (the workers are other processes).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import time

from civility._cli import main as cli


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--sort", default="tottime", choices=("tottime", "cumulative"))
    ap.add_argument("--save", help="write the raw profile here (for pstats or snakeviz)")
    ap.add_argument("extra", nargs="*", help="more options for civility scan (after --)")
    args = ap.parse_args()
    profile = cProfile.Profile(time.process_time)
    began = time.process_time()
    profile.enable()
    try:
        cli(["scan", args.file, "--format", "jsonl", "-o", os.devnull, "--jobs", str(args.jobs),
             *args.extra], standalone_mode=False)
    finally:
        profile.disable()
    took = time.process_time() - began
    if args.save:
        profile.dump_stats(args.save)
    stats = pstats.Stats(profile)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(f"CPU {took:.2f} s under the profiler (this process only)")


if __name__ == "__main__":
    main()
