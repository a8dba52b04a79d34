"""The weekly digest on Telegram: the real PTB client posts it in the moderators' group over
real HTTP to the loopback Bot API, once per week, across a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fake_bot_api import FakeBotApi
from telegram_world import CHRIS, GROUP, MODS

from civility._schedule import Weekly
from civility.digest_sender import DigestSender, send_due_digests
from civility.store import open_store

pytestmark = pytest.mark.integration



def _digests(fake: FakeBotApi) -> list[str]:
    return [c.params["text"] for c in fake.called("sendMessage", chat_id=MODS)
            if "Weekly moderation digest" in c.params["text"]]


async def test_the_moderators_group_gets_the_weeks_digest_once(fake: FakeBotApi, run_bot,
                                                              tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'tg.db'}"
    # The fake Bot API dates messages now: the schedule's week begins at midnight today (UTC),
    # and the clock the digest reads runs a little ahead of the post.
    today = dt.datetime.now(dt.UTC)
    weekly = Weekly(today.weekday(), dt.time(0, 0))
    now = [today + dt.timedelta(minutes=5)]
    engine, _ = await run_bot(store=open_store(url))
    rude = await fake.post(GROUP, CHRIS, "what a darn mess")
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=rude["message_id"])
    sender = DigestSender(engine.store, weekly, engine.adapters, lambda: now[0],
                          poll_seconds=0.05)
    sender.start()  # this week's has not gone out yet: it goes at start-up
    await fake.wait_for(lambda: len(_digests(fake)) == 1, "the weekly digest")
    await sender.stop()
    [text] = _digests(fake)
    assert "1 new case(s)" in text and "test.mild" in text
    assert "Chris" not in text and "darn" not in text  # no names, no message text
    await run_bot.stop(engine)

    # Restarted later the same week: the store says this week's digest was posted.
    now[0] = today + dt.timedelta(hours=3)
    engine, _ = await run_bot(store=open_store(url))
    assert await send_due_digests(engine.store, weekly, engine.adapters,  # type: ignore[arg-type]
                                  lambda: now[0]) == 0
    # A week later, the next week's digest.
    now[0] = today + dt.timedelta(days=7)
    assert await send_due_digests(engine.store, weekly, engine.adapters,  # type: ignore[arg-type]
                                  lambda: now[0]) == 1
    assert len(_digests(fake)) == 2
