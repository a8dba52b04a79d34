"""Two builds of `civility scan` give byte-identical reports on the same files.

    .venv/bin/python benchmarks/scan_same_reports.py OTHER_CIVILITY FILE... \
        [--jobs 1 2] [--formats jsonl text html] [--config FILE]

OTHER_CIVILITY is the ``civility`` command of another build (say main's, installed in a
throwaway virtualenv); this build's is the one beside this Python. Each FILE is scanned by both
in every format and with every ``--jobs`` given (a file under 4 MiB is judged in one process
whatever ``--jobs`` says), and the reports, the summary on stdout and the skip lines on stderr
are compared byte for byte. Prints one line per file and exits 1 on the first difference,
naming it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _run(civility: str, file: Path, fmt: str, jobs: int, out: Path, config: Path | None
         ) -> tuple[int, bytes, bytes, bytes]:
    extra = ["--config", str(config)] if config else []
    done = subprocess.run([civility, "scan", str(file), "--format", fmt, "--jobs", str(jobs),
                           "-o", str(out), *extra], capture_output=True, check=False)
    report = out.read_bytes() if out.exists() else b""
    out.unlink(missing_ok=True)
    # The summary names the -o file: the same name for both, so it compares as it is.
    return done.returncode, report, done.stdout, done.stderr


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("other", help="the other build's civility command")
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1])
    ap.add_argument("--formats", nargs="+", default=["jsonl", "text", "html"])
    ap.add_argument("--config", type=Path)
    args = ap.parse_args()
    ours = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
    folder = Path(tempfile.mkdtemp(prefix="civility-same-"))
    try:
        for file in args.files:
            for fmt in args.formats:
                for jobs in args.jobs:
                    out = folder / f"report.{fmt}"
                    theirs = _run(args.other, file, fmt, jobs, out, args.config)
                    mine = _run(ours, file, fmt, jobs, out, args.config)
                    if mine != theirs:
                        part = next(name for name, a, b in zip(
                            ("exit code", "report", "stdout", "stderr"), theirs, mine,
                            strict=True) if a != b)
                        raise SystemExit(f"DIFFERENT {file} --format {fmt} --jobs {jobs}: "
                                         f"the {part}")
            print(f"same  {file} ({', '.join(args.formats)}; jobs {args.jobs})", flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
