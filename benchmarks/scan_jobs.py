"""Throughput of `civility scan --jobs N`: the same file judged with 1 and 2 (or more) jobs.

    .venv/bin/python benchmarks/scan_jobs.py [--messages 100000] [--jobs 1 2] [--policy iqra]

Writes JSON Lines of generated parent-group messages (2% breaches, as in scan_memory.py), runs
``civility scan FILE --format jsonl --jobs N -o OUT`` for each N in a child process, prints
messages per second, and checks that every run wrote the same report.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import scan_memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--policy", default="iqra")
    args = parser.parse_args()
    civility = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
    folder = Path(tempfile.mkdtemp(prefix="civility-scan-jobs-"))
    try:
        source = scan_memory.write_files(folder, args.messages)[2]  # the JSON Lines file
        outputs = []
        for jobs in args.jobs:
            out = folder / f"out-{jobs}.jsonl"
            start = time.perf_counter()
            rss, _ = scan_memory.peak_rss([civility, "scan", str(source), "--policy", args.policy,
                                           "--format", "jsonl", "--jobs", str(jobs),
                                           "-o", str(out)])
            took = time.perf_counter() - start
            outputs.append(out)
            print(f"jobs {jobs}: {took:6.1f} s, {args.messages / took:8,.0f} messages/s, "
                  f"peak RSS of the main process {rss:.0f} MiB", flush=True)
        same = all(filecmp.cmp(outputs[0], o, shallow=False) for o in outputs[1:])
        print("same report with every number of jobs" if same else "REPORTS DIFFER")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
