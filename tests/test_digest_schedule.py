"""The weekly digest on a schedule: `civility run` posts it once per period in each
moderators' chat, across restarts, with a clock the test sets."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from pathlib import Path

import pytest

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._runner import run
from civility._schedule import Weekly, parse_weekly
from civility._tables import ConfigError
from civility.adapter import ActionFailed, BaseAdapter
from civility.adapters.console import ConsoleAdapter
from civility.config import Config, School, load_config
from civility.digest_sender import ACTION, digest_key, send_due_digests
from civility.engine import Engine
from civility.store import SENDING, Plan, open_store

LONDON = zoneinfo.ZoneInfo("Europe/London")
MONDAY_8 = parse_weekly("monday 08:00", LONDON)
#: Wednesday 2 December 2026, 10:00 in London (GMT): the period began on Monday 30 November.
WEDNESDAY = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def test_a_weekly_time_names_the_period_it_starts_in_the_schools_timezone():
    assert MONDAY_8 is not None
    assert MONDAY_8.latest(WEDNESDAY) == dt.datetime(2026, 11, 30, 8, 0, tzinfo=LONDON)
    # Monday before eight is still last week's period; at eight the new one begins.
    monday_7 = dt.datetime(2026, 11, 30, 7, 59, tzinfo=dt.UTC)
    assert MONDAY_8.latest(monday_7).date() == dt.date(2026, 11, 23)
    assert MONDAY_8.latest(dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)).date() \
        == dt.date(2026, 11, 30)
    # Summer time: 08:00 in London is 07:00 UTC.
    summer = MONDAY_8.latest(dt.datetime(2026, 6, 3, 12, 0, tzinfo=dt.UTC))
    assert summer.astimezone(dt.UTC).hour == 7
    assert MONDAY_8.next_after(WEDNESDAY) == dt.datetime(2026, 12, 7, 8, 0, tzinfo=LONDON)
    assert parse_weekly("Fri 16:30") == Weekly(4, dt.time(16, 30))
    for wrong in ("monday", "8:00", "funday 08:00", "monday 25:00", "monday 08:61"):
        assert parse_weekly(wrong) is None, wrong


def test_the_digest_key_is_read_and_checked_with_a_one_line_error(tmp_path: Path):
    good = tmp_path / "good.toml"
    good.write_text('[school]\ntimezone = "Europe/London"\ndigest = "monday 08:00"\n')
    school = load_config(good).school
    assert school.digest == Weekly(0, dt.time(8, 0), LONDON)
    assert Config().school.digest is None  # off unless configured
    for line, key in (('digest = "every monday"', "school.digest"),
                      ('timezone = "Europe/Londres"', "school.timezone")):
        bad = tmp_path / "bad.toml"
        bad.write_text(f"[school]\n{line}\n")
        with pytest.raises(ConfigError) as caught:
            load_config(bad)
        assert key in str(caught.value) and "\n" not in str(caught.value)


async def _console_run(url: str, clock: Clock, lines: list[str], policy) -> str:
    out = io.StringIO()
    hooks = Hooks(make_manager(entry_points=False, extra=[("words", policy)]))
    config = Config(plugins=("words",), school=School(digest=MONDAY_8))
    engine = Engine(config, hooks, open_store(url), clock=clock)
    await run(engine, [ConsoleAdapter(lines=lines, out=out)])
    return out.getvalue()


async def test_the_console_gets_one_digest_per_week_across_restarts(policy, tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    clock = Clock(WEDNESDAY)
    # Civility was not running at 08:00 on Monday: the missed digest goes out at start-up.
    first = await _console_run(url, clock, ["Ben: darn it"], policy)
    assert first.count("Weekly moderation digest") == 1
    assert "to the moderators" in first
    # Restarted the same week: this week's digest was posted, so not again.
    clock.now = WEDNESDAY + dt.timedelta(hours=5)
    again = await _console_run(url, clock, ["Amy: hello"], policy)
    assert "Weekly moderation digest" not in again
    # The next Monday after eight: the new week's digest, which counts the open case.
    clock.now = dt.datetime(2026, 12, 7, 8, 1, tzinfo=dt.UTC)
    next_week = await _console_run(url, clock, ["Amy: morning"], policy)
    assert next_week.count("Weekly moderation digest") == 1
    assert "darn" not in next_week.split("Weekly moderation digest")[1].split("#2")[0]


async def test_no_digest_without_the_key(policy, tmp_path):
    out = io.StringIO()
    hooks = Hooks(make_manager(entry_points=False, extra=[("words", policy)]))
    engine = Engine(Config(plugins=("words",)), hooks, open_store("memory://"),
                    clock=Clock(WEDNESDAY))
    await run(engine, [ConsoleAdapter(lines=["Ben: hello"], out=out)])
    assert "digest" not in out.getvalue().lower()


class Moderators(BaseAdapter):
    """Two moderators' chats, each for its own group; the first post can be made to fail."""

    platform = "test"

    def __init__(self, failures: int = 0) -> None:
        self.posted: list[tuple[str, str]] = []
        self.failures = failures

    def moderators_chats(self) -> dict[str, tuple[str, ...]]:
        return {"mods-a": ("year-3",), "mods-b": ("year-4",)}

    async def send_to_moderators(self, moderators_chat: str, text: str) -> None:
        if self.failures:
            self.failures -= 1
            raise ActionFailed("the platform is down")
        self.posted.append((moderators_chat, text))


async def test_a_refused_post_is_tried_again_and_a_kill_mid_post_never_repeats_it(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    await store.open()
    try:
        adapter = Moderators(failures=1)
        clock = Clock(WEDNESDAY)
        assert MONDAY_8 is not None
        # mods-b's period was claimed and its post begun when the process was killed.
        period = MONDAY_8.latest(WEDNESDAY)
        killed = await store.record_plan(Plan(key=digest_key("test", "mods-b", period),
                                              kind="digest", time=WEDNESDAY, actions=(ACTION,)))
        await store.mark_action(killed.id, 0, SENDING, {})
        # mods-a's first post fails (the platform is down); mods-b is left alone.
        assert await send_due_digests(store, MONDAY_8, {"test": adapter}, clock) == 0
        assert adapter.posted == []
        clock.now += dt.timedelta(minutes=1)
        assert await send_due_digests(store, MONDAY_8, {"test": adapter}, clock) == 1
        assert await send_due_digests(store, MONDAY_8, {"test": adapter}, clock) == 0
        assert [chat for chat, _ in adapter.posted] == ["mods-a"]
    finally:
        await store.close()


async def test_each_moderators_chat_hears_about_its_own_groups(make_engine):
    from civility.events import ChatRef, MemberRef, Message, MessageRef

    engine = make_engine()
    when = WEDNESDAY - dt.timedelta(days=1)
    for group, number in (("year-3", "1"), ("year-4", "2"), ("year-4", "3")):
        chat = ChatRef("test", group, f"Class {group}")
        await engine.handle(Message(
            ref=MessageRef(chat, number), sender=MemberRef("test", f"p{number}", "Pat"),
            text="darn", time=when))
    mods = Moderators()
    assert await send_due_digests(engine.store, MONDAY_8, {"test": mods},  # type: ignore[arg-type]
                                  Clock(WEDNESDAY)) == 2
    texts = dict(mods.posted)
    assert "1 new case(s)" in texts["mods-a"] and "Class year-3" in texts["mods-a"]
    assert "2 new case(s)" in texts["mods-b"] and "Class year-3" not in texts["mods-b"]
    assert "Pat" not in texts["mods-a"] + texts["mods-b"]
    assert "darn" not in texts["mods-a"] + texts["mods-b"]
