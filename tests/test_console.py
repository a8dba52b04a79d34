"""The console platform as a newcomer meets it: the real adapter, engine and SQLite store,
typed lines in, what the terminal shows out; and the real `civility run` process for the demo
and for Ctrl-C."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._runner import run
from civility.adapters.console import ConsoleAdapter
from civility.config import Config
from civility.engine import Engine
from civility.events import Flag, ReviewChoice
from civility.store import open_store
from civility.verdicts import Outcome

CIVILITY = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"


async def chat(lines, policy, url="memory://", **kw) -> str:
    """Play ``lines`` in the console on a fresh engine; what the terminal showed."""
    out = io.StringIO()
    hooks = Hooks(make_manager(entry_points=False, extra=[("words", policy)]))
    engine = Engine(Config(plugins=("words",)), hooks, open_store(url))
    await run(engine, [ConsoleAdapter(lines=lines, out=out, **kw)])
    return out.getvalue()


async def test_numbers_carry_on_across_sessions_of_the_same_store(policy, tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    first = await chat(["Ben: darn it", "Amy: hello"], policy, url)
    assert "#1 Ben: darn it" in first and "#2 Amy: hello" in first
    # A new session: numbers start after the stored incident's message, so #1 is not reused
    # and a report cannot land on the earlier session's incident.
    second = await chat(["Cat: good morning", "Dan: /report 1 rude"], policy, url)
    assert "#2 Cat: good morning" in second
    assert "No message #1" in second
    assert "to the moderators" not in second


async def test_every_message_shows_its_number_and_clean_ones_are_acknowledged_quietly(policy):
    shown = await chat(["Amy: hello", "Ben: darn"], policy, echo=False)
    assert "#1 ✓" in shown
    assert "#2\n" in shown and "message #2 deleted" in shown
    assert "#2 ✓" not in shown


async def test_a_line_without_a_name_is_not_given_to_the_last_speaker(policy):
    shown = await chat(["Ben: hello", "darn it all"], policy)
    assert "Who is speaking?" in shown
    assert "deleted" not in shown and "#2" not in shown


async def test_mod_without_a_name_speaks_as_the_configured_moderator(policy):
    shown = await chat(["Ben: you idiot", "/mod 1 keep"], policy, moderators=["Head"])
    assert "to the moderators" in shown
    assert "Incident #1 closed by Head: the message stays" in shown
    assert "Refused" not in shown


async def test_an_invalid_choice_names_the_valid_ones(policy):
    shown = await chat(["Ben: you idiot", "/mod 1 ban"], policy)
    assert "No choice 'ban': use one of keep, delete, caution, mute, remove, report" in shown


async def test_a_removed_member_cannot_keep_posting(policy):
    shown = await chat(["Ben: a threat", "Moderator: /mod 1 remove", "Ben: darn you all",
                        "Ben: /report 1 unfair"], policy)
    assert "Ben removed from the group" in shown
    assert "Incident #1 decided by Moderator (remove)" in shown
    assert "Ben was removed from the group and cannot post here" in shown
    assert "#2" not in shown  # the post after the removal never reached the group


async def test_a_report_tells_the_reporter_what_really_happened():
    adapter = ConsoleAdapter(lines=[], out=io.StringIO())
    answers = iter([Outcome(incident_id=7, done=("review",)),
                    Outcome(incident_id=8, failed=("review: moderators unreachable",)),
                    Outcome(retry=True)])

    async def sink(event):  # type: ignore[no-untyped-def]
        return Outcome() if not isinstance(event, Flag) else next(answers)

    await adapter.feed("Amy: hello", sink)
    for _ in range(3):
        await adapter.feed("Ben: /report 1 rude", sink)
    said = [line for line in adapter.console.file.getvalue().splitlines()
            if not line.startswith(">")][-3:]
    assert "Report sent to the moderators (incident #7)" in said[0]
    assert "did not reach the moderators (review: moderators unreachable)" in said[1]
    assert "could not be recorded; nothing was sent" in said[2]
    assert not any("sent" in s and "not" not in s for s in said[1:])


def test_report_answers_follow_the_outcome_only():
    from civility.adapters.console.adapter import report_answer

    assert "did not reach" in report_answer(Outcome())
    assert "already have this message" in report_answer(
        Outcome(incident_id=3, done=("priority raised",)))


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PYTHONUNBUFFERED": "1",
            "HOME": str(tmp_path)}


def test_demo_repeats_exactly_and_never_touches_the_record(tmp_path):
    runs = [subprocess.run([CIVILITY, "run", "--demo"], cwd=tmp_path, env=_env(tmp_path),
                           capture_output=True, text=True, timeout=120, check=False)
            for _ in range(2)]
    assert all(r.returncode == 0 for r in runs), runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert not (tmp_path / "civility.db").exists()
    shown = runs[0].stdout
    assert "> Aisha: /report 6 unkind to Bilal" in shown
    assert "> Moderator: /mod 3 remove" in shown
    assert "Report sent to the moderators" in shown
    assert "Chris was removed from the group and cannot post here" in shown


def test_ctrl_c_ends_the_console_at_once(tmp_path):
    proc = subprocess.Popen([CIVILITY, "run"], cwd=tmp_path, env=_env(tmp_path),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(60, proc.kill)  # a read below must never hang the suite
    watchdog.start()
    try:
        assert proc.stdout is not None and proc.stdin is not None
        assert "a local group chat" in proc.stdout.readline()  # started and reading stdin
        proc.stdin.write("Amy: hello\n")
        proc.stdin.flush()
        assert "#1 Amy: hello" in proc.stdout.readline()
        started = time.monotonic()
        proc.send_signal(signal.SIGINT)  # stdin stays open: a blocked read must not hold on
        _, err = proc.communicate(timeout=15)
        assert time.monotonic() - started < 15
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


@pytest.mark.parametrize("typed", ["https://example.org/x", "Reminder: PE on Tuesday"])
def test_split_speaker_rule(typed):
    from civility.adapters.console.adapter import split_speaker

    name, _ = split_speaker(typed)
    assert name == (None if typed.startswith("https") else "Reminder")


async def test_the_console_speaks_the_one_moderation_vocabulary(tmp_path):
    """The same words as on every platform: an alias (warn = caution) answers a card."""
    out = io.StringIO()
    adapter = ConsoleAdapter(out=out)
    seen = []

    async def sink(event):
        seen.append(event)
        return Outcome(incident_id=1, done=("caution",))

    await adapter.feed("Moderator: /mod 1 warn be kind", sink)
    assert seen and seen[0].choice is ReviewChoice.CAUTION and seen[0].note == "be kind"
