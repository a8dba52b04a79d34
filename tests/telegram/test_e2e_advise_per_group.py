"""One bot, two groups on one platform: one runs live, the other in advise mode (issue 15)."""

from __future__ import annotations

import pytest
from fake_bot_api import FakeBotApi
from telegram_world import AISHA, CHRIS, GROUP, HEAD, MOD, MODS, WordPolicy

from civility.config import Mode

pytestmark = pytest.mark.integration

TRIAL = -1001000000002  # a second class group, trying the policy in advise mode


async def test_one_group_live_and_another_advising(fake: FakeBotApi, run_bot,
                                                   policy_: WordPolicy):
    fake.add_group(TRIAL, "Year 4 parents (trial)", owner=HEAD, admins=(MOD,),
                   members=(AISHA, CHRIS))
    engine, _ = await run_bot(groups=[], group=[{"id": GROUP}, {"id": TRIAL, "mode": "advise"}])
    assert engine.config.mode is Mode.ENFORCE  # the whole bot is live; only the trial advises
    trial = await fake.post(TRIAL, AISHA, "what a darn mess")
    card = (await fake.wait_call("sendMessage", chat_id=MODS))[0].params
    assert "advise" in card["text"].lower()
    live = await fake.post(GROUP, CHRIS, "what a darn mess")
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=live["message_id"])
    await fake.wait_call("sendMessage", chat_id=CHRIS)
    await policy_.wait_until(lambda: len(policy_.seen) == 2)
    # The trial group was never touched: the message stays and its poster heard nothing.
    assert (TRIAL, trial["message_id"]) in fake.messages
    assert not fake.called("deleteMessage", chat_id=TRIAL)
    assert not fake.called("sendMessage", chat_id=AISHA)
    assert not fake.called("sendMessage", chat_id=TRIAL)


async def test_a_misspelt_group_mode_is_named(fake: FakeBotApi, run_bot):
    from civility._tables import ConfigError

    with pytest.raises(ConfigError) as caught:
        await run_bot(groups=[], group=[{"id": GROUP, "mode": "advice"}])
    assert "telegram.group[0].mode" in str(caught.value)
    assert "'advise'" in str(caught.value)
