"""End to end on the loopback Bot API (the real PTB client, the real engine): the
acknowledgement gate. A member who joins gets the welcome with an "I agree" button; until they
press it their messages are taken down and put before the moderators, and a moderator's Keep
puts one back up."""

from __future__ import annotations

from typing import Any

import pytest
from fake_bot_api import FakeBotApi
from telegram_world import AISHA, GROUP, MOD, MODS

from civility.adapters.telegram.cards import callback_data
from civility.config import Config, School
from civility.events import ReviewChoice

pytestmark = pytest.mark.integration

SCHOOL = School(name="Test Primary", contact_email="office@test.example")
GATED = Config(school=SCHOOL, plugins=("iqra",),
               plugin_settings={"safety": {"acknowledge": True}})
NEWCOMER = 300


def _buttons(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


async def _in(fake: FakeBotApi, chat: int, words: str) -> dict[str, Any]:
    await fake.wait_for(lambda: any(words in m.get("text", "") for m in fake.messages.values()
                                    if m["chat"]["id"] == chat), words)
    return next(m for m in fake.messages.values()
                if m["chat"]["id"] == chat and words in m.get("text", ""))


async def _all_handled(fake: FakeBotApi) -> None:
    await fake.wait_for(lambda: fake.confirmed_up_to() == fake._next_update, "all handled")


async def test_a_newcomer_is_held_until_they_press_i_agree(fake: FakeBotApi, run_bot):
    await run_bot(config=GATED)
    fake.add_user(NEWCOMER, "New Parent")  # has never started the bot: the welcome is public
    await fake.member_changes(GROUP, NEWCOMER, "member")
    welcome = await _in(fake, GROUP, "code of conduct")
    assert 'press "I agree" below' in welcome["text"]
    [agree] = _buttons(welcome)
    assert agree == f"civack:{GROUP}"

    # A member who was there before the gate posts freely.
    before = await fake.post(GROUP, AISHA, "See you all at the fair on Saturday")
    held = await fake.post(GROUP, NEWCOMER, "Hello everyone, is PE on Tuesday?")
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=held["message_id"])
    card = await _in(fake, MODS, "Held pending acknowledgement")
    assert "is PE on Tuesday?" in card["text"] and "New Parent" in card["text"]
    await _all_handled(fake)
    assert (GROUP, before["message_id"]) in fake.messages

    query = await fake.press(NEWCOMER, welcome, agree)
    [answer] = await fake.wait_call("answerCallbackQuery", callback_query_id=query)
    assert "go straight to the group" in answer.params["text"]
    after = await fake.post(GROUP, NEWCOMER, "Thank you! Looking forward to the year")
    await _all_handled(fake)
    assert (GROUP, after["message_id"]) in fake.messages
    assert len(fake.called("deleteMessage")) == 1

    # Pressing again (or someone else pressing the public button) changes nothing.
    again = await fake.press(NEWCOMER, welcome, agree)
    [answer] = await fake.wait_call("answerCallbackQuery", callback_query_id=again)
    assert "nothing more" in answer.params["text"]

    # The moderator keeps the held message: it goes back up in the group.
    incident = int(card["text"].split("incident #")[1].split(")")[0])
    kept = await fake.press(MOD, card, callback_data(incident, ReviewChoice.KEEP))
    await fake.wait_call("answerCallbackQuery", callback_query_id=kept)
    repost = await _in(fake, GROUP, "approved by a moderator")
    assert "is PE on Tuesday?" in repost["text"]


async def test_a_newcomer_who_started_the_bot_gets_the_button_privately(fake: FakeBotApi,
                                                                         run_bot):
    await run_bot(config=GATED)
    fake.add_user(NEWCOMER, "New Parent", started=True)
    await fake.member_changes(GROUP, NEWCOMER, "member")
    [welcome] = await fake.wait_call("sendMessage", chat_id=NEWCOMER)
    assert _buttons(welcome.params) == [f"civack:{GROUP}"]
    await fake.post(GROUP, NEWCOMER, "Hi all!")
    await fake.wait_call("deleteMessage", chat_id=GROUP)
    told = await fake.wait_call("sendMessage", count=2, chat_id=NEWCOMER)
    assert "waiting for a moderator" in told[1].params["text"]
    # Typing it works too, as on every platform.
    await fake.post(GROUP, NEWCOMER, "I agree")
    fine = await fake.post(GROUP, NEWCOMER, "Hi all, second try!")
    await _all_handled(fake)
    assert (GROUP, fine["message_id"]) in fake.messages
    assert len(fake.called("deleteMessage")) == 1


YEAR4 = -1001000000004


async def test_i_agree_typed_privately_agrees_for_every_group_the_newcomer_waits_in(
        fake: FakeBotApi, run_bot):
    fake.add_group(YEAR4, "Year 4 parents", owner=AISHA)
    await run_bot(config=GATED, groups=[], group=[{"id": GROUP, "title": "Year 3 parents"},
                                                  {"id": YEAR4, "title": "Year 4 parents"}])
    fake.add_user(NEWCOMER, "New Parent", started=True)
    await fake.member_changes(GROUP, NEWCOMER, "member")
    await fake.member_changes(YEAR4, NEWCOMER, "member")
    welcomes = await fake.wait_call("sendMessage", count=2, chat_id=NEWCOMER)
    assert all("or to me privately" in w.params["text"] for w in welcomes)
    held = await fake.post(YEAR4, NEWCOMER, "Hi all, which day is swimming?")
    await fake.wait_call("deleteMessage", chat_id=YEAR4, message_id=held["message_id"])

    # Answered in the private chat, not in either group and without the button.
    await fake.post(NEWCOMER, NEWCOMER, "I agree, thank you")
    await fake.wait_for(lambda: any("Thank you, your messages will now stay up" in c.params["text"]
                                    for c in fake.called("sendMessage", chat_id=NEWCOMER)),
                        "the thanks")
    [thanks] = [c.params["text"] for c in fake.called("sendMessage", chat_id=NEWCOMER)
                if "will now stay up in" in c.params["text"]]
    assert "Year 3 parents" in thanks and "Year 4 parents" in thanks
    fine = [await fake.post(chat, NEWCOMER, "Morning all!") for chat in (GROUP, YEAR4)]
    await _all_handled(fake)
    assert all((m["chat"]["id"], m["message_id"]) in fake.messages for m in fine)
    assert len(fake.called("deleteMessage")) == 1

    # Saying it again, or saying it without ever having waited, gets no answer.
    said = len(fake.called("sendMessage"))
    await fake.post(NEWCOMER, NEWCOMER, "I agree")
    await fake.post(AISHA, AISHA, "I agree")
    await _all_handled(fake)
    assert len(fake.called("sendMessage")) == said
