"""kill -9 of a real engine process, driven by a small script, on a real SQLite file.

The child side (`durable`, `Words`, `drive`) is imported by the script the test writes; the
parent side (`kill_at_random_points`) starts it, kills it with SIGKILL somewhere in the middle of
its stream a few times, then lets one last run finish what was not acknowledged, as a platform
redelivers."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config, School
from civility.engine import Engine
from civility.events import Message
from civility.hookspecs import hookimpl
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter
from civility.verdicts import Evidence, Severity, Verdict

#: The child script's first lines: it finds this module where the test's support files are.
SCRIPT_HEAD = f"import sys\nsys.path.insert(0, {str(Path(__file__).parent)!r})\n"


def lines(path: Path) -> list[str]:
    return path.read_text().split("\n")[:-1] if path.exists() else []


# --- child side -----------------------------------------------------------------------------

def durable(path: str, line: str) -> None:
    with open(path, "a") as out:
        out.write(line + "\n")
        out.flush()
        os.fsync(out.fileno())


class Words:
    """Flags "idiot" as a high-severity insult."""

    @hookimpl
    def on_message(self, message: Message, context: Any) -> list[Verdict]:
        if "idiot" in message.text:
            return [Verdict("t.insult", "be kind", Severity.HIGH, 1.0,
                            (Evidence("word", "idiot"),))]
        return []


async def drive(work: str, events: Iterable[Any], platform: RecordingAdapter) -> None:
    """Hand every event not yet acknowledged to a fresh engine, acknowledging each durably."""
    store = SqlStore("sqlite:///" + os.path.join(work, "civility.db"))
    engine = Engine(Config(school=School(name="T"), plugins=("words",)),
                    Hooks(make_manager(entry_points=False, extra=[("words", Words())])), store)
    engine.add_adapter(platform)
    await engine.start(adapters=False)
    acked_path = os.path.join(work, "acked.log")
    acked = set(lines(Path(acked_path)))  # read once, before the stream starts
    for step, event in enumerate(events):
        if str(step) in acked:
            continue
        outcome = await engine.handle(event)
        if outcome.retry or outcome.error or outcome.refused:
            raise SystemExit(f"not handled: {step} {outcome}")
        durable(acked_path, str(step))  # the platform's offset moves on
    await engine.stop()


# --- parent side ----------------------------------------------------------------------------

def kill_at_random_points(script: Path, work: Path, steps: int, kills: int) -> int:
    """Run `script` (given `work`) `kills` times, each killed with SIGKILL at a random point
    once it has acknowledged something, then once to the end; return how many kills landed."""
    env = {**os.environ, "CIVILITY_REPORTER_KEY": "test"}
    acked = work / "acked.log"
    chance = random.Random(os.getpid())
    landed = 0
    for _ in range(kills):
        before = len(lines(acked))
        if before >= steps:
            break
        process = subprocess.Popen([sys.executable, str(script), str(work)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(lines(acked)) == before and time.monotonic() < deadline \
                and process.poll() is None:
            time.sleep(0.01)
        time.sleep(chance.uniform(0, 0.15))  # somewhere in the middle of the stream
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            landed += 1
        process.wait()
        process.stderr.close()  # type: ignore[union-attr]
    final = subprocess.run([sys.executable, str(script), str(work)], env=env,
                           capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr[-2000:]
    return landed
