"""Peak memory (RSS) of `civility scan` on large generated files: it must not grow with the file.

    .venv/bin/python benchmarks/scan_memory.py [--messages 100000 400000] [--policy iqra]

For each size, writes a WhatsApp export (.txt and the same chat zipped) and JSON Lines with that
many messages (2% breaches), runs ``civility scan FILE --format jsonl -o /dev/null`` in a child
process and prints the child's peak resident memory (``wait4`` ru_maxrss) and its wall time.
Flat memory across sizes is the point; the flagged rows are the only thing kept per message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

NAMES = ["Aisha Khan", "Bilal", "Chris", "Dana", "Emma W", "Farhan", "Grace", "Hassan"]
LINES = ["Reminder: PE is on Tuesday, don't forget trainers",
         "Does anyone know if the museum trip needs a packed lunch?",
         "Thanks everyone!", "<Media omitted>",
         "Can someone share the homework sheet please?\nIt was due Friday I think"]
BAD = ["this school is a joke, the teachers are useless idiots",
       "Great deals on phone cases at www.cheapcases-shop.com use my code DANA10"]


def write_files(folder: Path, count: int) -> list[Path]:
    rng = random.Random(6)
    when = dt.datetime(2023, 9, 1, 7, 30)
    txt, jsonl = folder / f"chat{count}.txt", folder / f"chat{count}.jsonl"
    with txt.open("w", encoding="utf-8") as out, jsonl.open("w", encoding="utf-8") as lines:
        for i in range(count):
            when += dt.timedelta(seconds=rng.randint(20, 900))
            text = rng.choice(BAD if rng.random() < 0.02 else LINES)
            name = rng.choice(NAMES)
            out.write(f"{when:%d/%m/%Y, %H:%M} - {name}: {text}\n")
            lines.write(json.dumps({"id": str(i), "sender": name, "text": text,
                                    "timestamp": when.isoformat() + "Z"}) + "\n")
    zipped = folder / f"chat{count}.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(txt, "_chat.txt")
    return [txt, zipped, jsonl]


def peak_rss(args: list[str]) -> tuple[float, float]:
    """Peak RSS in MiB and wall time in seconds of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed")
    return usage.ru_maxrss / 1024, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, nargs="+", default=[100_000, 400_000])
    parser.add_argument("--policy", default="iqra")
    args = parser.parse_args()
    civility = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
    folder = Path(tempfile.mkdtemp(prefix="civility-scan-memory-"))
    try:
        print(f"{'file':22} {'size MiB':>9} {'peak RSS MiB':>13} {'seconds':>8}")
        for count in args.messages:
            for path in write_files(folder, count):
                rss, took = peak_rss([civility, "scan", str(path), "--policy", args.policy,
                                      "--format", "jsonl", "-o", os.devnull])
                size = path.stat().st_size / (1 << 20)
                print(f"{path.name:22} {size:9.1f} {rss:13.1f} {took:8.1f}", flush=True)
                if path.suffix == ".txt":
                    continue
                path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
