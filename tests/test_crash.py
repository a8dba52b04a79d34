"""kill -9 of a real engine process on a real SQLite file, at random points, then a restart that
is given again everything not acknowledged (as a platform redelivers): nothing is lost, no
incident or strike is doubled, and an action is repeated at most once per kill (the instant
between doing it and marking it)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest

MESSAGES = 60
KILLS = 4

ENGINE_PROCESS = textwrap.dedent('''
    import asyncio, datetime as dt, os, sys
    from civility._hooks import Hooks
    from civility._plugins import make_manager
    from civility.config import Config, School
    from civility.engine import Engine
    from civility.hookspecs import hookimpl
    from civility.store.sql import SqlStore
    from civility.testing import RecordingAdapter, make_chat, make_member, make_message
    from civility.verdicts import Evidence, Severity, Verdict

    work = sys.argv[1]
    T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)

    class Words:
        @hookimpl
        def on_message(self, message, context):
            if "idiot" in message.text:
                return [Verdict("t.insult", "be kind", Severity.HIGH, 1.0,
                                (Evidence("word", "idiot"),))]
            return []

    def durable(path, line):
        with open(path, "a") as out:
            out.write(line + "\\n")
            out.flush()
            os.fsync(out.fileno())

    class Platform(RecordingAdapter):
        """Every action reaches the 'group' (a file), durably, as soon as it is done."""
        def _record(self, action, *args):
            super()._record(action, *args)
            ref = args[0] if action == "delete_message" else None
            which = getattr(ref, "id", "") or getattr(args[-1], "incident_id", "")
            durable(os.path.join(work, "group.log"), f"{action} {which}")

    async def main():
        store = SqlStore("sqlite:///" + os.path.join(work, "civility.db"))
        engine = Engine(Config(school=School(name="T"), plugins=("words",)),
                        Hooks(make_manager(entry_points=False, extra=[("words", Words())])),
                        store)
        engine.add_adapter(Platform(moderators={"mod"}))
        await engine.start(adapters=False)
        acked_path = os.path.join(work, "acked.log")
        acked = set(open(acked_path).read().split()) if os.path.exists(acked_path) else set()
        chat = make_chat("g")
        for n in range(%d):
            if str(n) in acked:
                continue
            text = "you idiot" if n %% 2 == 0 else "see you at pickup"
            message = make_message(text, sender=make_member(f"Parent {n %% 7}"), chat=chat,
                                   id=str(n), time=T0 + dt.timedelta(minutes=n))
            outcome = await engine.handle(message)
            if outcome.retry or outcome.error:
                raise SystemExit(f"not handled: {outcome}")
            durable(acked_path, str(n))  # the platform's offset moves on
        await engine.stop()

    asyncio.run(main())
''') % MESSAGES


def _lines(path: Path) -> list[str]:
    return path.read_text().split("\n")[:-1] if path.exists() else []


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_kill_9_at_random_points_loses_and_doubles_nothing(tmp_path):
    script = tmp_path / "engine_process.py"
    script.write_text(ENGINE_PROCESS)
    env = {**os.environ, "CIVILITY_REPORTER_KEY": "test"}
    acked = tmp_path / "acked.log"
    chance = random.Random(os.getpid())
    kills = 0
    for _ in range(KILLS):
        before = len(_lines(acked))
        if before >= MESSAGES:
            break
        process = subprocess.Popen([sys.executable, str(script), str(tmp_path)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(_lines(acked)) == before and time.monotonic() < deadline \
                and process.poll() is None:
            time.sleep(0.01)
        time.sleep(chance.uniform(0, 0.15))  # somewhere in the middle of the stream
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait()
        process.stderr.close()  # type: ignore[union-attr]
    final = subprocess.run([sys.executable, str(script), str(tmp_path)], env=env,
                           capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr[-2000:]
    assert kills >= 1

    import sqlite3

    with contextlib.closing(sqlite3.connect(tmp_path / "civility.db")) as db:
        incidents = Counter(m for (m,) in db.execute("select message_id from incidents"))
        strikes = db.execute("select count(*) from strikes").fetchone()[0]
    breaches = {str(n) for n in range(0, MESSAGES, 2)}
    assert set(incidents) == breaches and set(incidents.values()) == {1}  # none lost, none doubled
    assert strikes == len(breaches)
    group = Counter(_lines(tmp_path / "group.log"))
    deleted = Counter(line.split()[1] for line in _lines(tmp_path / "group.log")
                      if line.startswith("delete_message"))
    carded = Counter(line.split()[1] for line in _lines(tmp_path / "group.log")
                     if line.startswith("notify_moderators"))
    notices = sum(c for line, c in group.items() if line.startswith("send_private"))
    assert set(deleted) == breaches and len(carded) == len(breaches)  # nothing lost
    # At most the one action in flight at each kill is done again (a delete or a card: at
    # least once); a private notice is marked before it is sent, so it is never sent twice and
    # at most the one in flight at a kill is lost.
    repeated = sum(deleted.values()) - len(breaches) + sum(carded.values()) - len(breaches)
    lost = len(breaches) - notices
    print(f"kills={kills} repeated={repeated} notices_lost={lost}")  # for the report
    assert 0 <= lost <= kills, notices
    assert 0 <= repeated <= kills, (deleted, carded, notices)
