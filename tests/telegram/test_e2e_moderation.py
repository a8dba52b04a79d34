"""End to end: the real PTB client in our adapter, the real engine, a loopback Bot API."""

from __future__ import annotations

import pytest
from fake_bot_api import BOT_ID, FakeBotApi
from telegram_world import AISHA, BILAL, CHRIS, GROUP, HEAD, MOD, MODS, WordPolicy

from civility.adapters.telegram.cards import callback_data
from civility.events import FlagSource, RemovalKind, ReviewChoice

pytestmark = pytest.mark.integration


async def test_a_breach_is_deleted_and_the_poster_notified_privately(fake: FakeBotApi, run_bot,
                                                                      policy_: WordPolicy):
    await run_bot()
    fine = await fake.post(GROUP, AISHA, "PE kit on Tuesday, see www.school.example/pe")
    rude = await fake.post(GROUP, AISHA, "what a darn mess")
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=rude["message_id"])
    notes = await fake.wait_call("sendMessage", chat_id=AISHA)
    assert "code of conduct" in notes[0].params["text"]
    assert "darn" not in notes[0].params["text"] or "Please do not say" in notes[0].params["text"]
    # The fine message stays, and nothing was said in the group.
    assert (GROUP, fine["message_id"]) in fake.messages
    assert (GROUP, rude["message_id"]) not in fake.messages
    assert not fake.called("sendMessage", chat_id=GROUP)
    assert policy_.seen[0].links == ("www.school.example/pe",)


async def test_unreachable_poster_gets_a_gentle_group_note_and_the_note_on_start(
        fake: FakeBotApi, run_bot):
    await run_bot()
    rude = await fake.post(GROUP, BILAL, "darn it all")
    await fake.wait_call("deleteMessage", message_id=rude["message_id"])
    group_note = (await fake.wait_call("sendMessage", chat_id=GROUP))[0].params
    assert "Bilal" in group_note["text"] and "darn" not in group_note["text"]
    assert "t.me/CivilityTestBot?start=" in group_note["text"]
    # Bilal follows the link and presses Start: the waiting note arrives privately.
    await fake.post(BILAL, BILAL, "/start notes")
    private = await fake.wait_call("sendMessage", chat_id=BILAL)
    assert "code of conduct" in private[0].params["text"]


async def test_edits_and_captions_are_moderated(fake: FakeBotApi, run_bot, policy_: WordPolicy):
    await run_bot()
    message = await fake.post(GROUP, CHRIS, "all good here")
    await policy_.wait_until(lambda: len(policy_.seen) == 1)
    await fake.edit(message, "all darn good here")
    await fake.wait_call("deleteMessage", message_id=message["message_id"])
    assert policy_.seen[-1].edited
    photo = await fake.post(GROUP, CHRIS, None, caption="darn photo",
                            photo=[{"file_id": "f1", "file_unique_id": "u1", "width": 10,
                                    "height": 10}])
    await fake.wait_call("deleteMessage", message_id=photo["message_id"])
    assert policy_.seen[-1].attachments[0].caption == "darn photo"


async def test_report_reaches_moderators_with_the_reporter_hidden(fake: FakeBotApi, run_bot,
                                                                  policy_: WordPolicy):
    await run_bot()
    target = await fake.post(GROUP, CHRIS, "meet me outside the gates, you know why")
    report = await fake.post(GROUP, AISHA, "/report feels like a threat", reply_to=target)
    # The /report itself disappears from the group at once.
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=report["message_id"])
    card = (await fake.wait_call("sendMessage", chat_id=MODS))[0].params
    assert "A member reported a message" in card["text"]
    assert "feels like a threat" in card["text"] and "Chris" in card["text"]
    assert "Aisha" not in card["text"] and str(AISHA) not in str(card)
    buttons = [b["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
    assert any(b.endswith(":remove") for b in buttons)
    # The reporter is thanked privately; neither the group nor the poster hears anything.
    thanks = await fake.wait_call("sendMessage", chat_id=AISHA)
    assert "name is not shown" in thanks[0].params["text"]
    assert not fake.called("sendMessage", chat_id=GROUP)
    assert not fake.called("sendMessage", chat_id=CHRIS)
    assert (GROUP, target["message_id"]) in fake.messages
    assert policy_.flags[-1].source is FlagSource.MEMBER


async def _card_for(fake: FakeBotApi, text: str) -> dict:
    await fake.wait_for(lambda: any(text in m.get("text", "") for m in fake.messages.values()
                                    if m["chat"]["id"] == MODS), "review card")
    return next(m for m in fake.messages.values()
                if m["chat"]["id"] == MODS and text in m.get("text", ""))


async def test_a_moderators_button_removes_the_member_and_on_remove_fires(
        fake: FakeBotApi, run_bot, policy_: WordPolicy):
    await run_bot()
    threat = await fake.post(GROUP, CHRIS, "this is a threat to you all")
    card = await _card_for(fake, "incident #")
    incident = int(card["text"].split("incident #")[1].split(")")[0])
    assert fake.groups[GROUP].members[CHRIS] == "member"  # removal waits for a moderator
    query = await fake.press(MOD, card, callback_data(incident, ReviewChoice.REMOVE))
    await fake.wait_call("answerCallbackQuery", callback_query_id=query)
    await policy_.wait_until(lambda: bool(policy_.removals))
    removal = policy_.removals[-1]
    assert removal.by_civility and removal.kind is RemovalKind.KICKED
    assert removal.member is not None and removal.member.id == str(CHRIS)
    assert removal.by is not None and removal.by.id == str(MOD)
    # Removed (banned then unbanned, so the school can invite them back) and the post gone.
    assert fake.called("banChatMember", chat_id=GROUP, user_id=CHRIS)
    assert fake.groups[GROUP].members[CHRIS] == "left"
    assert (GROUP, threat["message_id"]) not in fake.messages
    edited = await fake.wait_call("editMessageText", message_id=card["message_id"])
    assert "Decided by Maryam Mod: remove" in edited[0].params["text"]
    # Telegram's own chat_member updates about the bot's ban are not counted twice.
    assert len(policy_.removals) == 1


async def test_a_non_admins_button_is_refused(fake: FakeBotApi, run_bot, policy_: WordPolicy):
    await run_bot()
    await fake.post(GROUP, CHRIS, "this is a threat")
    card = await _card_for(fake, "incident #")
    incident = int(card["text"].split("incident #")[1].split(")")[0])
    query = await fake.press(AISHA, card, callback_data(incident, ReviewChoice.REMOVE))
    answer = (await fake.wait_call("answerCallbackQuery", callback_query_id=query))[0].params
    assert answer["show_alert"] is True and "not a moderator" in answer["text"]
    assert not fake.called("banChatMember")
    assert fake.groups[GROUP].members[CHRIS] == "member"
    assert not policy_.removals


async def test_moderator_commands_as_replies_in_the_group(fake: FakeBotApi, run_bot):
    await run_bot()
    target = await fake.post(GROUP, CHRIS, "not nice but no rule says so")
    refused = await fake.post(GROUP, AISHA, "/remove", reply_to=target)
    await fake.wait_call("sendMessage", chat_id=AISHA)
    assert "Only the group's admins" in fake.called("sendMessage", chat_id=AISHA)[0].params["text"]
    assert (GROUP, refused["message_id"]) not in fake.messages
    assert not fake.called("banChatMember")
    await fake.post(GROUP, MOD, "/caution please keep it kind", reply_to=target)
    await fake.wait_call("deleteMessage", message_id=target["message_id"])
    caution = await fake.wait_call("sendMessage", chat_id=CHRIS)
    assert "caution" in caution[0].params["text"].lower()
    report = await fake.wait_call("sendMessage", chat_id=MOD)
    assert "caution" in report[-1].params["text"]


async def test_rules_and_incidents(fake: FakeBotApi, run_bot):
    await run_bot()
    await fake.post(GROUP, AISHA, "/rules")
    rules = (await fake.wait_call("sendMessage", chat_id=GROUP))[0].params["text"]
    assert "Please do not say darn." in rules
    await fake.post(GROUP, CHRIS, "you idiot")
    await _card_for(fake, "incident #")
    await fake.post(MODS, MOD, "/incidents")
    await fake.wait_for(lambda: any("open incident" in c.params["text"]
                                    for c in fake.called("sendMessage", chat_id=MODS)))
    listing = next(c.params["text"] for c in fake.called("sendMessage", chat_id=MODS)
                   if "open incident" in c.params["text"])
    assert "Chris Doe" in listing and "test.insult" in listing


async def test_member_leaves_kicks_and_joins_reach_plugins(fake: FakeBotApi, run_bot,
                                                           policy_: WordPolicy):
    await run_bot()
    fake.add_user(200, "New Parent")
    await fake.member_changes(GROUP, 200, "member")
    await fake.member_changes(GROUP, AISHA, "left")
    await fake.member_changes(GROUP, BILAL, "kicked", by=HEAD)
    await policy_.wait_until(lambda: len(policy_.removals) == 2 and bool(policy_.joined))
    assert policy_.joined[0].member.id == "200"
    left, banned = policy_.removals
    assert left.kind is RemovalKind.LEFT and left.by is None
    assert banned.kind is RemovalKind.BANNED and banned.by is not None
    assert banned.by.id == str(HEAD) and not banned.by_civility
    assert BOT_ID not in (int(r.member.id) for r in policy_.removals if r.member)
