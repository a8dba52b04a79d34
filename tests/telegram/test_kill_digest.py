"""The weekly digest and a kill -9: the real ``civility run`` process posts the week's digest
in the moderators' group, is killed with SIGKILL straight after, and started again: the week
still has exactly one digest."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from civility_process import PLUGIN, CivilityProcess, install_word_plugin
from fake_bot_api import FakeBotApi

from civility._schedule import WEEKDAYS

pytestmark = pytest.mark.integration

GROUP, MODS, HEAD = -1001000000401, -1001000000499, 400
TOKEN = "123456:TEST-fake-token"


def _digests(fake: FakeBotApi) -> int:
    return sum("Weekly moderation digest" in c.params["text"]
               for c in fake.called("sendMessage", chat_id=MODS))


async def test_a_kill_right_after_the_digest_never_posts_it_twice(tmp_path: Path):
    fake = FakeBotApi()
    fake.add_user(HEAD, "Head Teacher", started=True)
    fake.add_group(GROUP, "Year 1 parents", owner=HEAD)
    fake.add_group(MODS, "Moderators", owner=HEAD)
    await fake.start()
    today = WEEKDAYS[dt.datetime.now(dt.UTC).weekday()]
    config = tmp_path / "civility.toml"
    config.write_text(f"""
[school]
name = "Test Primary"
digest = "{today} 00:00"

[policy]
plugins = ["{PLUGIN}"]

[store]
url = "sqlite:///{tmp_path / 'civility.db'}"

[telegram]
token = "env:TG_TOKEN"
base_url = "{fake.base_url}"
groups = [{GROUP}]
moderators_chat = {MODS}
state_file = "{tmp_path / 'offset.json'}"
poll_timeout = 2
""", encoding="utf-8")
    proc = CivilityProcess(config, env={"TG_TOKEN": TOKEN},
                           plugin_dir=install_word_plugin(tmp_path / "plugins"),
                           log=tmp_path / "civility.log")
    try:
        proc.start()
        await fake.wait_for(lambda: _digests(fake) == 1, "the week's digest", limit=60)
        proc.kill()  # straight after the post: its mark may or may not be written
        rounds = len(proc.events("digest_scheduled"))
        proc.start()
        [*_, again] = await asyncio.to_thread(proc.wait_log, "digest_scheduled", rounds + 1, 60.0)
        assert again["posted"] == 0
        assert _digests(fake) == 1
        assert await asyncio.to_thread(proc.stop) == 0
        proc.start()  # and a clean restart too
        await asyncio.to_thread(proc.wait_log, "digest_scheduled", rounds + 2, 60.0)
        assert _digests(fake) == 1
    finally:
        await asyncio.to_thread(proc.stop)
        await fake.close()
