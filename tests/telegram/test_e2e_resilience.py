"""End to end: rate limits, refusals, restarts, webhooks and bad input never stop the bot."""

from __future__ import annotations

import json
import time

import pytest
from fake_bot_api import BOT_ID, FakeBotApi
from telegram_world import AISHA, BILAL, CHRIS, GROUP, MODS, WordPolicy

from civility.store.sql import SqlStore

pytestmark = [
    pytest.mark.integration,
    # PTB 22 warns inside its own RetryAfter about a future type change; we read both types.
    pytest.mark.filterwarnings("ignore:.*attribute `retry_after`"),
]


async def test_429_retry_after_is_honoured(fake: FakeBotApi, run_bot, policy_: WordPolicy):
    fake.fail("getUpdates", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.fail("deleteMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    await run_bot()
    rude = await fake.post(GROUP, AISHA, "darn")
    tries = await fake.wait_call("deleteMessage", count=2, message_id=rude["message_id"])
    assert tries[1].at - tries[0].at >= 0.9  # waited as Telegram asked before trying again
    assert (GROUP, rude["message_id"]) not in fake.messages
    polls = fake.called("getUpdates")
    assert polls[1].at - polls[0].at >= 0.9


async def test_403_private_notice_falls_back_and_bot_kicked_is_reported_once(
        fake: FakeBotApi, run_bot, policy_: WordPolicy):
    await run_bot()
    rude = await fake.post(GROUP, BILAL, "darn")  # Bilal never started the bot: 403
    await fake.wait_call("sendMessage", chat_id=GROUP)
    assert (GROUP, rude["message_id"]) not in fake.messages
    fake.groups[GROUP].members[BOT_ID] = "kicked"  # the bot was removed from the group
    for text in ("darn one", "darn two", "fine words"):
        await fake.post(GROUP, AISHA, text)
    await policy_.wait_until(lambda: len(policy_.seen) == 4)
    await fake.wait_call("sendMessage", count=3, chat_id=MODS)
    await fake.wait_for(lambda: len(fake.called("deleteMessage")) == 3)
    warnings = [c.params["text"] for c in fake.called("sendMessage", chat_id=MODS)
                if "could not delete messages" in c.params["text"]]
    assert len(warnings) == 1 and "bot was kicked" in warnings[0]
    cards = [c.params["text"] for c in fake.called("sendMessage", chat_id=MODS)
             if "incident #" in c.params["text"]]
    assert len(cards) == 2 and all("Please do by hand: delete the message" in c for c in cards)


async def test_missing_delete_right_and_gone_messages(fake: FakeBotApi, run_bot,
                                                      policy_: WordPolicy):
    fake.groups[GROUP].bot_can_delete = False
    engine, _ = await run_bot()
    for text in ("darn", "darn again"):
        await fake.post(GROUP, CHRIS, text)
    await fake.wait_call("deleteMessage", count=2)
    await fake.wait_for(lambda: sum("incident #" in c.params["text"]
                                    for c in fake.called("sendMessage", chat_id=MODS)) == 2)
    warnings = [c for c in fake.called("sendMessage", chat_id=MODS)
                if "could not delete messages" in c.params["text"]]
    assert len(warnings) == 1 and "rights to delete" in warnings[0].params["text"]
    # A message someone already deleted is simply gone: not an error for anyone.
    fake.groups[GROUP].bot_can_delete = True
    rude = await fake.post(GROUP, AISHA, "darn")
    del fake.messages[(GROUP, rude["message_id"])]
    await fake.wait_call("deleteMessage", message_id=rude["message_id"])
    await fake.wait_call("sendMessage", chat_id=AISHA)
    records = await engine.store.incidents(chat_key=f"telegram:{GROUP}")
    assert len(records) == 3


async def test_a_restart_mid_stream_neither_loses_nor_repeats(fake: FakeBotApi, run_bot,
                                                              policy_: WordPolicy, tmp_path):
    fake.batch_limit = 2  # Telegram hands out a few at a time: the restart falls mid-stream
    store_url = "sqlite:///" + str(tmp_path / "civility.db")
    sent = [await fake.post(GROUP, AISHA, f"message {n}") for n in range(20)]
    first, _ = await run_bot(store=SqlStore(store_url))
    await policy_.wait_until(lambda: len(policy_.seen) >= 3)
    await run_bot.stop(first)
    handled_before = len(policy_.seen)
    assert 3 <= handled_before < len(sent)
    saved = json.loads((tmp_path / "offset.json").read_text())["offset"]
    assert saved == fake.history[handled_before]["update_id"]
    # Worst case: the confirmations never reached Telegram, which sends everything again.
    fake.forget_confirmations()
    await run_bot(store=SqlStore(store_url))
    sent.append(await fake.post(GROUP, AISHA, "after the restart"))
    await policy_.wait_until(lambda: len(policy_.seen) >= len(sent))
    seen_ids = [m.ref.id for m in policy_.seen]
    assert sorted(seen_ids, key=int) == [str(m["message_id"]) for m in sent]
    assert len(set(seen_ids)) == len(seen_ids)


async def test_webhook_refuses_a_wrong_secret_and_answers_after_handling(
        fake: FakeBotApi, run_bot, policy_: WordPolicy):
    _, adapter = await run_bot(mode="webhook", webhook_url="https://bot.example.org/telegram",
                               webhook_secret="env:TG_SECRET", webhook_port=0)
    assert fake.webhook == {"url": "https://bot.example.org/telegram",
                            "secret_token": "s3cret-Token_1"}
    local = f"http://127.0.0.1:{adapter.webhook_port}/telegram"
    rude = await fake.post(GROUP, AISHA, "darn")
    assert await fake.deliver_webhook(local, secret="guess") == [403]
    assert await fake.deliver_webhook(local, secret="") == [403]
    assert not policy_.seen and fake.pending
    assert await fake.deliver_webhook(local) == [200]
    # The 200 came only once the update was handled: the delete had already happened.
    assert (GROUP, rude["message_id"]) not in fake.messages
    assert not fake.pending and not fake.called("getUpdates")


async def test_malformed_huge_and_binary_updates_are_skipped(fake: FakeBotApi, run_bot,
                                                             policy_: WordPolicy):
    await run_bot()
    fake.raw_update({"message": {"message_id": 1, "text": "no chat, no date"}})
    fake.raw_update({"message": "not an object"})
    fake.raw_update({"callback_query": {"id": "q", "data": "civ:9:remove"}})
    huge = await fake.post(GROUP, AISHA, "darn " + "x" * 500_000)
    binary = await fake.post(GROUP, AISHA, "\x00\x01\ufffd\U0001f600" * 1000)
    after = await fake.post(GROUP, CHRIS, "darn, still working")
    await fake.wait_call("deleteMessage", message_id=after["message_id"])
    assert (GROUP, huge["message_id"]) not in fake.messages
    assert (GROUP, binary["message_id"]) in fake.messages
    assert [m.ref.id for m in policy_.seen] == [str(m["message_id"])
                                                for m in (huge, binary, after)]
    assert len(policy_.seen[0].text) == 20_000
    # Past the bad ones for good: Telegram is told they are done.
    started = time.perf_counter()
    await fake.wait_for(lambda: any(c.at > started for c in fake.called("getUpdates")))
    assert not fake.pending
