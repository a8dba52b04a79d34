"""One record per parent across the school's groups, on Telegram (real PTB client, loopback
Bot API): after a removal the moderators are offered the school's other groups, and one
``remove all`` carries it out, once per group, only where the bot is an admin and the parent
is a member."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_bot_api import FakeBotApi
from telegram_world import AISHA, CHRIS, GROUP, HEAD, MOD, MODS

from civility.adapters.telegram.cards import callback_data
from civility.events import ReviewChoice
from civility.store import open_store

pytestmark = pytest.mark.integration

YEAR4, YEAR5, YEAR6 = -1001000000004, -1001000000005, -1001000000006


def _school_of_four(fake: FakeBotApi) -> list[dict]:
    fake.add_group(YEAR4, "Year 4 parents", owner=HEAD, admins=(MOD,), members=(CHRIS, AISHA))
    # The bot may not remove members in Year 5; Chris is not in Year 6.
    fake.add_group(YEAR5, "Year 5 parents", owner=HEAD, members=(CHRIS,)).bot_can_restrict = False
    fake.add_group(YEAR6, "Year 6 parents", owner=HEAD, members=(AISHA,))
    return [{"id": GROUP, "title": "Year 3 parents"}, {"id": YEAR4, "title": "Year 4 parents"},
            {"id": YEAR5, "title": "Year 5 parents"}, {"id": YEAR6, "title": "Year 6 parents"}]


def _mods_texts(fake: FakeBotApi) -> list[str]:
    return [c.params["text"] for c in fake.called("sendMessage", chat_id=MODS)]


async def test_remove_all_takes_the_parent_out_of_the_schools_other_groups_once(
        fake: FakeBotApi, run_bot, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'tg.db'}"
    engine, _ = await run_bot(store=open_store(url), groups=[], group=_school_of_four(fake))
    await fake.post(GROUP, CHRIS, "this is a threat to you all")
    await fake.wait_for(lambda: any("incident #" in t for t in _mods_texts(fake)), "a card")
    card = next(m for m in fake.messages.values()
                if m["chat"]["id"] == MODS and "incident #" in m.get("text", ""))
    incident = int(card["text"].split("incident #")[1].split(")")[0])
    await fake.press(MOD, card, callback_data(incident, ReviewChoice.REMOVE))
    await fake.wait_call("banChatMember", chat_id=GROUP, user_id=CHRIS)
    # The offer names the one other group where the bot can remove Chris, and the word.
    await fake.wait_for(lambda: any("remove all" in t for t in _mods_texts(fake)), "the offer")
    [offer] = [t for t in _mods_texts(fake) if "remove all" in t]
    assert "1 of the school's other groups (Year 4 parents)" in offer
    assert f"/mod {incident} remove all" in offer
    assert not fake.called("banChatMember", chat_id=YEAR4)  # nothing before the confirmation

    await fake.post(MODS, MOD, f"/mod {incident} remove all")
    await fake.wait_call("banChatMember", chat_id=YEAR4, user_id=CHRIS)
    await fake.wait_for(lambda: any("removed from Year 4 parents" in t
                                    for t in _mods_texts(fake)), "the outcome")
    assert fake.groups[YEAR4].members[CHRIS] == "left"
    assert fake.groups[YEAR5].members[CHRIS] == "member"  # the bot may not remove there
    assert not fake.called("banChatMember", chat_id=YEAR5)
    assert not fake.called("banChatMember", chat_id=YEAR6)
    assert fake.groups[YEAR6].members[AISHA] == "member"

    # Restarted, and the confirmation given again: nothing is done twice.
    await run_bot.stop(engine)
    engine, _ = await run_bot(store=open_store(url), groups=[GROUP, YEAR4, YEAR5, YEAR6])
    await fake.post(MODS, MOD, f"/mod {incident} remove all")
    await fake.wait_for(lambda: sum("removed from Year 4 parents" in t
                                    for t in _mods_texts(fake)) == 2, "the second outcome")
    assert len(fake.called("banChatMember", chat_id=YEAR4)) == 1
    decisions = await engine.store.decisions(incident)
    assert [d.choice for d in decisions] == ["remove", "remove_all"]


async def test_remove_all_before_a_removal_is_refused(fake: FakeBotApi, run_bot):
    await run_bot(groups=[], group=_school_of_four(fake))
    await fake.post(GROUP, CHRIS, "this is a threat to you all")
    await fake.wait_for(lambda: any("incident #" in t for t in _mods_texts(fake)), "a card")
    text = next(t for t in _mods_texts(fake) if "incident #" in t)
    incident = int(text.split("incident #")[1].split(")")[0])
    await fake.post(MODS, MOD, f"/mod {incident} remove all")
    await fake.wait_for(lambda: any("remove them from this group first" in t
                                    for t in _mods_texts(fake)), "the refusal")
    assert not fake.called("banChatMember")
