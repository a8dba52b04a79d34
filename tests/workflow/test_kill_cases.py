"""kill -9 of a real engine process in the middle of the cases workflow, on a real SQLite file,
then restarts that are given again every event not acknowledged (as a platform redelivers):
breaches, keeps, cautions, appeals and appeal decisions. Nothing is lost; no strike is given
back twice; every appeal is recorded once and decided once; a member is never told twice."""

from __future__ import annotations

import contextlib
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from civility import moderation

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))
from engine_kills import SCRIPT_HEAD, kill_at_random_points, lines

CASES = 16
KILLS = 4

ENGINE_PROCESS = SCRIPT_HEAD + textwrap.dedent('''
    import asyncio, datetime as dt, os
    from civility.events import Appeal, ModeratorDecision, ReviewChoice
    from civility.testing import RecordingAdapter, make_chat, make_member, make_message
    from engine_kills import drive, durable

    work = sys.argv[1]
    T0 = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)

    class Platform(RecordingAdapter):
        """Every action reaches the 'platform' (a file), durably, as soon as it is done."""
        def _record(self, action, *args):
            super()._record(action, *args)
            if action == "send_private":
                durable(os.path.join(work, "group.log"), f"private {args[0].id} {args[1][:40]}")
            elif action == "notify_moderators":
                durable(os.path.join(work, "group.log"),
                        f"card {args[1].source} {args[1].incident_id}")

    def events():
        chat, mod, mod2 = make_chat("g"), make_member("Mod", "mod"), make_member("Mod 2", "mod2")
        for n in range(%d):
            parent = make_member(f"Parent {n}")
            at = T0 + dt.timedelta(hours=n)
            message = make_message("you idiot", sender=parent, chat=chat, id=str(n), time=at)
            yield message
            def decision(choice, who, minutes):
                return ModeratorDecision(0, choice, who, message=message.ref, member=parent,
                                         time=at + dt.timedelta(minutes=minutes))
            if n %% 2 == 0:
                yield decision(ReviewChoice.KEEP, mod, 1)
            else:
                yield decision(ReviewChoice.CAUTION, mod, 1)
                yield Appeal(parent, reason="please look again", time=at + dt.timedelta(minutes=2))
                yield decision(ReviewChoice.KEEP, mod2, 3)

    asyncio.run(drive(work, events(), Platform(moderators={"mod", "mod2"})))
''') % CASES

STEPS = sum(2 if n % 2 == 0 else 4 for n in range(CASES))


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_kill_9_mid_case_loses_and_doubles_nothing(tmp_path: Path) -> None:
    script = tmp_path / "engine_process.py"
    script.write_text(ENGINE_PROCESS)
    kills = kill_at_random_points(script, tmp_path, STEPS, KILLS)
    assert kills >= 1 and len(lines(tmp_path / "acked.log")) == STEPS

    import sqlite3

    with contextlib.closing(sqlite3.connect(tmp_path / "civility.db")) as db:
        incidents = Counter(m for (m,) in db.execute("select message_id from incidents"))
        held = dict(db.execute("select incident_id, sum(points) from strikes "
                               "group by incident_id").fetchall())
        refunds = Counter(i for (i,) in db.execute(
            "select incident_id from strikes where points < 0"))
        appeals = db.execute("select status from appeals").fetchall()
    assert set(incidents) == {str(n) for n in range(CASES)} and set(incidents.values()) == {1}
    # Every case ended as "not a breach": its points all given back, never twice.
    assert len(held) == CASES and all(abs(p) < 1e-9 for p in held.values()), held
    assert set(refunds.values()) == {1} and len(refunds) == CASES
    assert sorted(appeals) == [("overturned",)] * (CASES // 2)

    told = Counter(line for line in lines(tmp_path / "group.log") if line.startswith("private"))
    stands = [line for line in told if moderation.MESSAGE_STANDS[:30] in line]
    allowed = [line for line in told if moderation.APPEAL_OVERTURNED[:30] in line]
    # Marked before it is sent: never twice; at most the one in flight at each kill is lost.
    assert all(told[line] == 1 for line in stands + allowed), told
    assert all(n <= 2 for n in told.values())  # odd cases: the ladder's and the moderator's
    lost = CASES - len(stands) - len(allowed)
    appeal_cards = Counter(line for line in lines(tmp_path / "group.log")
                           if line.startswith("card appeal"))
    print(f"kills={kills} member_texts_lost={lost} appeal_cards={sum(appeal_cards.values())}")
    assert 0 <= lost <= kills
    assert len(appeal_cards) == CASES // 2  # every appeal reached the moderators
    assert sum(appeal_cards.values()) - CASES // 2 <= kills  # repeated only by a kill
