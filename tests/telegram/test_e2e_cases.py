"""The cases workflow end to end on Telegram: the real PTB client in our adapter, the real
engine and a SQLite store, a loopback Bot API. A member's report becomes a case, a second
report raises its priority, a moderator keeps a message and the member's points go back, the
member appeals a caution privately and a second moderator decides; the moderators' chat words
(note, close) work; `civility cases` shows it all; an escalation made while the school's mail
server (aiosmtpd on loopback) is down arrives once when it is back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_bot_api import FakeBotApi
from smtp_inbox import LEADERSHIP, assert_reported_once, closed_port, mail_server, outbox_sender, smtp_on
from telegram_world import AISHA, BILAL, CHRIS, GROUP, HEAD, MOD, MODS

from civility import moderation
from civility._cli import main
from civility.adapters.telegram.cards import APPEAL_DATA, callback_data
from civility.config import Config, ConfirmSettings, School, StoreSettings
from civility.events import ReviewChoice
from civility.store.sql import SqlStore

pytestmark = pytest.mark.integration


def _cards(fake: FakeBotApi, text: str) -> list[dict]:
    return [m for m in fake.messages.values()
            if m["chat"]["id"] == MODS and text in m.get("text", "")]


async def _card(fake: FakeBotApi, text: str, count: int = 1) -> dict:
    await fake.wait_for(lambda: len(_cards(fake, text)) >= count, f"card {text!r}")
    return _cards(fake, text)[count - 1]


def _incident(card: dict) -> int:
    return int(card["text"].split("incident #")[1].split(")")[0])


def _private(fake: FakeBotApi, user: int) -> list[str]:
    return [c.params["text"] for c in fake.called("sendMessage", chat_id=user)]


async def _said(fake: FakeBotApi, user: int, text: str) -> str:
    await fake.wait_for(lambda: any(text in t for t in _private(fake, user)), text)
    return next(t for t in _private(fake, user) if text in t)


async def test_the_cases_flow_on_telegram(fake: FakeBotApi, run_bot, tmp_path: Path) -> None:
    db = tmp_path / "civility.db"
    config = Config(school=School(name="Test Primary"), plugins=("tgtest",),
                    store=StoreSettings(url=f"sqlite:///{db}"))
    engine, _ = await run_bot(store=SqlStore(config.store.url), config=config)
    store = engine.store

    # A member's report becomes a case; a second report raises its priority (no second card).
    target = await fake.post(GROUP, CHRIS, "see you at pickup, everyone")
    await fake.post(GROUP, AISHA, "/report unkind to me", reply_to=target)
    reported = _incident(await _card(fake, "A member reported a message"))
    await fake.post(GROUP, BILAL, "/report me too", reply_to=target)
    for _ in range(100):
        if (await store.incident(reported)).priority == 1:
            break
        await asyncio.sleep(0.05)
    assert (await store.incident(reported)).priority == 1
    assert len(_cards(fake, "A member reported a message")) == 1

    # A breach: deleted, a caution that says how to appeal. A moderator keeps it: the points
    # go back and Chris is told the message stands.
    await fake.post(GROUP, CHRIS, "you idiot")
    caution = await _said(fake, CHRIS, "formal caution")
    assert moderation.HOW_TO_APPEAL in caution
    kept_card = await _card(fake, "The code of conduct flagged a message")
    kept = _incident(kept_card)
    assert await store.points(f"telegram:{CHRIS}", engine.clock(), 30) > 2.9
    await fake.press(MOD, kept_card, callback_data(kept, ReviewChoice.KEEP))
    assert (await _said(fake, CHRIS, "Good news")).startswith(moderation.MESSAGE_STANDS)
    assert abs(await store.points(f"telegram:{CHRIS}", engine.clock(), 30)) < 1e-6

    # Another breach, cautioned by a moderator; Chris appeals privately.
    await fake.post(GROUP, CHRIS, "what a darn mess")
    await _said(fake, CHRIS, "gentle note")  # deleted and nudged: no card
    darn = (await store.incidents(limit=1))[0].id
    cautions = len([t for t in _private(fake, CHRIS) if "formal caution" in t])
    await fake.post(MODS, MOD, f"/caution {darn} second warning this term")
    await fake.wait_for(lambda: len([t for t in _private(fake, CHRIS)
                                     if "formal caution" in t]) > cautions, "the caution")
    await fake.post(CHRIS, CHRIS, "appeal it was about my car, not a person")
    await _said(fake, CHRIS, moderation.APPEAL_RECEIVED)
    appeal_card = await _card(fake, "APPEAL")
    assert _incident(appeal_card) == darn and "it was about my car" in appeal_card["text"]
    assert str(CHRIS) in str(appeal_card) or "Chris" in appeal_card["text"]

    # The moderator who cautioned cannot decide the appeal; the head teacher (an admin) does.
    query = await fake.press(MOD, appeal_card, callback_data(darn, ReviewChoice.CAUTION))
    refused = (await fake.wait_call("answerCallbackQuery", callback_query_id=query))[0].params
    assert refused["show_alert"] and "first decision" in refused["text"]
    query = await fake.press(HEAD, appeal_card, callback_data(darn, ReviewChoice.KEEP))
    await fake.wait_call("answerCallbackQuery", callback_query_id=query)
    assert await _said(fake, CHRIS, moderation.APPEAL_OVERTURNED)
    assert (await store.appeal_of(darn)).status == "overturned"

    # The moderators' chat words: a note and closing the reported case.
    await fake.post(MODS, MOD, f"/note {reported} spoke to both parents")
    await fake.post(MODS, MOD, f"/close {reported}")
    await fake.wait_for(lambda: any(f"Case #{reported}: closed" in m.get("text", "")
                                    for m in fake.messages.values()
                                    if m["chat"]["id"] == MODS), "closed")
    assert (await store.incident(reported)).status == "resolved"

    config_file = tmp_path / "civility.toml"
    config_file.write_text(f'[store]\nurl = "sqlite:///{db}"\n', "utf-8")

    def cli(*args: str) -> str:
        result = CliRunner().invoke(main, [*args, "--config", str(config_file)])
        assert result.exit_code == 0, result.output
        return result.output

    member = await asyncio.to_thread(cli, "cases", "member", f"telegram:{CHRIS}")
    assert "Strike points now (decayed): 0.0" in member
    case = await asyncio.to_thread(cli, "cases", "show", str(darn))
    assert "appealed: it was about my car" in case and "appeal allowed" in case
    assert "chose caution" in case
    shown = await asyncio.to_thread(cli, "cases", "show", str(reported))
    assert "reported the message again" in shown and "note: spoke to both parents" in shown
    assert "Aisha" not in shown and "Bilal" not in shown  # the reporters


async def test_removal_waits_for_a_second_moderator_on_telegram(fake: FakeBotApi, run_bot) -> None:
    config = Config(school=School(name="Test Primary"), plugins=("tgtest",),
                    confirm=ConfirmSettings(confirm=("remove",)))
    await run_bot(config=config)
    await fake.post(GROUP, CHRIS, "this is a threat to you all")
    card = await _card(fake, "incident #")
    incident = _incident(card)
    query = await fake.press(MOD, card, callback_data(incident, ReviewChoice.REMOVE))
    waiting = (await fake.wait_call("answerCallbackQuery", callback_query_id=query))[0].params
    assert "recorded; it waits for a second moderator" in waiting["text"]
    assert not fake.called("banChatMember")
    assert fake.groups[GROUP].members[CHRIS] == "member"
    query = await fake.press(HEAD, card, callback_data(incident, ReviewChoice.REMOVE))
    await fake.wait_call("answerCallbackQuery", callback_query_id=query)
    await fake.wait_call("banChatMember", chat_id=GROUP, user_id=CHRIS)
    edited = await fake.wait_call("editMessageText", message_id=card["message_id"])
    assert "Decided by Head Teacher: remove" in edited[0].params["text"]


async def test_the_appeal_button_under_a_caution(fake: FakeBotApi, run_bot) -> None:
    await run_bot()
    await fake.post(GROUP, CHRIS, "you idiot")
    await _said(fake, CHRIS, "formal caution")
    notice = next(m for m in fake.messages.values()
                  if m["chat"]["id"] == CHRIS and "formal caution" in m.get("text", ""))
    [[button]] = notice["reply_markup"]["inline_keyboard"]
    assert button["callback_data"] == APPEAL_DATA
    query = await fake.press(CHRIS, notice, APPEAL_DATA)
    answer = (await fake.wait_call("answerCallbackQuery", callback_query_id=query))[0].params
    assert answer["text"] == moderation.APPEAL_RECEIVED[:200]
    appeal = await _card(fake, "APPEAL")
    assert "incident #" in appeal["text"]
    # A second press is the same appeal: no second card.
    query = await fake.press(CHRIS, notice, APPEAL_DATA)
    await fake.wait_call("answerCallbackQuery", callback_query_id=query)
    assert len(_cards(fake, "APPEAL")) == 1


async def test_an_escalation_made_while_the_mail_server_is_down_arrives_once(
        fake: FakeBotApi, run_bot, tmp_path: Path) -> None:
    port = closed_port()
    config = Config(school=School(name="Test Primary", leadership_email=LEADERSHIP),
                    plugins=("tgtest",), store=StoreSettings(url=f"sqlite:///{tmp_path / 'c.db'}"),
                    smtp=smtp_on(port))
    engine, _ = await run_bot(store=SqlStore(config.store.url), config=config)
    store = engine.store

    await fake.post(GROUP, CHRIS, "you idiot")
    card = await _card(fake, "The code of conduct flagged a message")
    case = _incident(card)
    query = await fake.press(MOD, card, callback_data(case, ReviewChoice.REPORT))
    await fake.wait_call("answerCallbackQuery", callback_query_id=query)
    [queued] = await store.outbox()
    assert queued.incident_id == case and queued.sent_at is None and queued.last_error

    with mail_server(port) as inbox:  # the mail server is back; the back-off has run out
        async with outbox_sender(store, config):
            await inbox.first()
            # The moderator presses "escalate" again: the report is not sent twice.
            query = await fake.press(MOD, card, callback_data(case, ReviewChoice.REPORT))
            await fake.wait_call("answerCallbackQuery", callback_query_id=query)
            await asyncio.sleep(0.5)  # a few more polls: nothing more may arrive
    assert_reported_once(inbox, queued, case)
    [sent] = await store.outbox()
    assert sent.sent_at is not None
