"""The core moderation vocabulary on Telegram, end to end (the real PTB client, the loopback Bot
API): aliases in the group and in the moderators' chat, and a wrong word answered with the
valid ones."""

from __future__ import annotations

import pytest
from fake_bot_api import FakeBotApi
from telegram_world import CHRIS, GROUP, MOD, MODS, WordPolicy

pytestmark = pytest.mark.integration


async def _card(fake: FakeBotApi) -> tuple[dict, int]:
    await fake.wait_for(lambda: any("incident #" in m.get("text", "") for m in
                                    fake.messages.values() if m["chat"]["id"] == MODS), "card")
    card = next(m for m in fake.messages.values()
                if m["chat"]["id"] == MODS and "incident #" in m.get("text", ""))
    return card, int(card["text"].split("incident #")[1].split(")")[0])


async def _mods_text(fake: FakeBotApi, needle: str) -> str:
    await fake.wait_for(lambda: any(needle in c.params["text"]
                                    for c in fake.called("sendMessage", chat_id=MODS)), needle)
    return next(c.params["text"] for c in fake.called("sendMessage", chat_id=MODS)
                if needle in c.params["text"])


async def test_warn_in_the_group_is_caution(fake: FakeBotApi, run_bot):
    await run_bot()
    target = await fake.post(GROUP, CHRIS, "not nice but no rule says so")
    await fake.post(GROUP, MOD, "/warn please keep it kind", reply_to=target)
    await fake.wait_call("deleteMessage", message_id=target["message_id"])
    caution = await fake.wait_call("sendMessage", chat_id=CHRIS)
    assert "caution" in caution[0].params["text"].lower()
    told = await fake.wait_call("sendMessage", chat_id=MOD)
    assert "You chose caution" in told[-1].params["text"]


async def test_moderators_chat_speaks_the_same_words(fake: FakeBotApi, run_bot,
                                                    policy_: WordPolicy):
    await run_bot()
    await fake.post(GROUP, CHRIS, "this is a threat to you all")
    card, incident = await _card(fake)
    await fake.post(MODS, MOD, f"/mod {incident} banish")
    wrong = await _mods_text(fake, "is not a choice")
    assert "keep, delete, caution, mute, remove, report" in wrong
    assert fake.groups[GROUP].members[CHRIS] == "member"
    await fake.post(MODS, MOD, "/kick after two warnings", reply_to=card)
    done = await _mods_text(fake, f"Incident #{incident}: ")
    assert "chose remove" in done
    await policy_.wait_until(lambda: bool(policy_.removals))
    assert fake.groups[GROUP].members[CHRIS] == "left"
