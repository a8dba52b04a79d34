"""Acknowledge only what is durable: an update whose event the engine could not record
(``Outcome.retry``) holds the offset (or gets a non-2xx webhook answer) and comes again; other
chats go on; a restart repeats nothing that was finished.

The sink here is the real engine behind a switch that answers ``Outcome(retry=True)`` without
calling it, as the engine does while its store is down (the contract on main)."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import telegram_config
from fake_bot_api import FakeBotApi
from telegram_world import AISHA, CHRIS, GROUP, MOD, MODS, WordPolicy

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.adapters.telegram.adapter import TelegramAdapter
from civility.config import Config, School
from civility.engine import Engine
from civility.events import Event, Message, event_chat
from civility.store.memory import MemoryStore
from civility.verdicts import Outcome

pytestmark = [pytest.mark.integration,
              pytest.mark.filterwarnings("ignore:.*attribute `retry_after`")]

OTHER = -1001000000002  # a second moderated group


class Switch:
    """The engine's intake, or "not durable" for the chats that are switched off."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.down: set[str] = set()
        self.calls: list[tuple[str, bool]] = []  # (message id or kind, retried)
        self.changed = asyncio.Event()

    async def __call__(self, event: Event) -> Outcome:
        chat = event_chat(event)
        what = event.ref.id if isinstance(event, Message) else type(event).__name__
        retry = chat is not None and (chat.id in self.down or "*" in self.down)
        self.calls.append((what, retry))
        self.changed.set()
        if retry:
            return Outcome(retry=True)
        return await self.engine.handle(event)

    def handled(self, what: str) -> int:
        return sum(1 for w, retried in self.calls if w == what and not retried)

    def tried(self, what: str) -> int:
        return sum(1 for w, _ in self.calls if w == what)


async def _start(fake: FakeBotApi, tmp_path: Path, policy: WordPolicy, **keys: Any
                 ) -> tuple[Engine, TelegramAdapter, Switch]:
    fake.add_group(OTHER, "Year 4 parents", owner=MOD, members=(AISHA, CHRIS))
    config = telegram_config(fake, tmp_path, groups=[GROUP, OTHER], **keys)
    adapter = TelegramAdapter(config)
    hooks = Hooks(make_manager(entry_points=False, extra=[("tgtest", policy)]))
    engine = Engine(Config(school=School(name="Test Primary"), plugins=("tgtest",)), hooks,
                    MemoryStore())
    engine.add_adapter(adapter)
    await engine.start(adapters=False)
    switch = Switch(engine)
    await adapter.start(switch)
    return engine, adapter, switch


async def _stop(engine: Engine) -> None:
    await engine.stop()


def _saved(tmp_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((tmp_path / "offset.json").read_text())
    return data


async def test_store_down_holds_the_offset_then_the_update_is_handled_once(
        fake: FakeBotApi, tmp_path: Path, policy_: WordPolicy):
    engine, _, switch = await _start(fake, tmp_path, policy_)
    try:
        switch.down.add(str(GROUP))
        rude = await fake.post(GROUP, AISHA, "darn it")
        after = await fake.post(GROUP, CHRIS, "later in the same group")
        elsewhere = await fake.post(OTHER, CHRIS, "meanwhile, another group")
        held = fake.update_of_message[(GROUP, rude["message_id"])]
        # Tried, not acknowledged, tried again after a back-off.
        await fake.wait_for(lambda: switch.tried(str(rude["message_id"])) >= 3, limit=20)
        polls = [c for c in fake.called("getUpdates") if "offset" in c.params]
        assert all(int(c.params["offset"]) <= held for c in polls)
        assert _saved(tmp_path)["offset"] <= held
        assert held in {u["update_id"] for u in fake.pending}
        assert not fake.called("deleteMessage")
        tries = [c.at for c in fake.called("getUpdates")][-3:]
        assert tries[2] - tries[1] > tries[1] - tries[0] > 0.5  # backing off
        # The group's later update waits behind it; the other group is not held up.
        assert switch.tried(str(after["message_id"])) == 0
        assert switch.handled(str(elsewhere["message_id"])) == 1
        switch.down.clear()
        await fake.wait_call("deleteMessage", message_id=rude["message_id"])
        await fake.wait_for(lambda: not fake.pending, "every update confirmed")
        assert switch.handled(str(rude["message_id"])) == 1
        assert switch.handled(str(after["message_id"])) == 1
        assert switch.handled(str(elsewhere["message_id"])) == 1
        assert len(fake.called("deleteMessage")) == 1
    finally:
        await _stop(engine)


async def test_finished_updates_above_a_held_one_are_not_handled_again_after_a_restart(
        fake: FakeBotApi, tmp_path: Path, policy_: WordPolicy):
    engine, _, switch = await _start(fake, tmp_path, policy_)
    switch.down.add(str(GROUP))
    held = await fake.post(GROUP, AISHA, "darn, held back")
    others = [await fake.post(OTHER, CHRIS, f"other group {n}") for n in range(5)]
    await fake.wait_for(lambda: all(switch.handled(str(m["message_id"])) == 1 for m in others))
    await _stop(engine)
    saved = _saved(tmp_path)
    held_update = fake.update_of_message[(GROUP, held["message_id"])]
    assert saved["offset"] <= held_update  # 0: nothing confirmed yet
    assert set(saved["done"]) == {fake.update_of_message[(OTHER, m["message_id"])]
                                  for m in others}
    # Worst case: Telegram never heard of any confirmation and sends everything again.
    fake.forget_confirmations()
    engine, _, again = await _start(fake, tmp_path, policy_)
    try:
        await fake.wait_call("deleteMessage", message_id=held["message_id"])
        await fake.wait_for(lambda: not fake.pending, "every update confirmed")
        seen = Counter(w for w, _ in again.calls)
        assert seen == {str(held["message_id"]): 1}
        assert not _saved(tmp_path)["done"]
    finally:
        await _stop(engine)


async def test_webhook_answers_503_while_the_store_is_down(fake: FakeBotApi, tmp_path: Path,
                                                           policy_: WordPolicy):
    engine, adapter, switch = await _start(
        fake, tmp_path, policy_, mode="webhook", webhook_url="https://bot.example.org/telegram",
        webhook_secret="env:TG_SECRET", webhook_port=0)
    try:
        local = f"http://127.0.0.1:{adapter.webhook_port}/telegram"
        switch.down.add("*")
        rude = await fake.post(GROUP, AISHA, "darn")
        assert await fake.deliver_webhook(local) == [503]
        assert await fake.deliver_webhook(local) == [503]  # Telegram tries again: still down
        assert fake.pending and not fake.called("deleteMessage")
        switch.down.clear()
        assert await fake.deliver_webhook(local) == [200]
        assert not fake.pending
        assert [c.params["message_id"] for c in fake.called("deleteMessage")] == \
            [rude["message_id"]]
        assert switch.handled(str(rude["message_id"])) == 1
    finally:
        await _stop(engine)


async def test_a_non_admins_moderator_command_is_audited(fake: FakeBotApi, run_bot):
    engine, _ = await run_bot()
    target = await fake.post(GROUP, CHRIS, "not nice but no rule says so")
    await fake.post(GROUP, AISHA, "/remove", reply_to=target)
    await fake.post(GROUP, AISHA, "/delete", reply_to=target)
    await fake.wait_call("sendMessage", count=2, chat_id=AISHA)
    assert all("Only the group's admins" in c.params["text"]
               for c in fake.called("sendMessage", chat_id=AISHA))
    trail = await engine.store.audit_trail()
    refused = [row for row in trail if row["kind"] == "moderation_refused"]
    assert [r["detail"]["choice"] for r in refused] == ["remove", "delete"]
    assert all(r["chat_key"] == f"telegram:{GROUP}" for r in refused)
    assert not fake.called("banChatMember") and (GROUP, target["message_id"]) in fake.messages
    assert not await engine.store.incidents()  # a refusal records no incident
    assert not fake.called("sendMessage", chat_id=MODS)
