"""Against a real Synapse: an event the engine could not record (``Outcome.retry``) holds the
sync token and its room's later events, and is handled once the store is back; finished events
are kept per event, so a restart repeats none of them; refused moderator commands are audited.

The intake here is the real engine behind a switch that answers ``Outcome(retry=True)``
without calling it, as the engine does while its store is down (the contract on main)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest

from civility.events import Event, Message
from civility.verdicts import Outcome

pytestmark = pytest.mark.integration


class Switch:
    """The engine's intake, or "not durable" for messages containing a word in ``down``."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.down: set[str] = set()
        self.calls: list[tuple[str, bool]] = []
        self.changed = asyncio.Event()

    async def __call__(self, event: Event) -> Outcome:
        text = event.all_text if isinstance(event, Message) else type(event).__name__
        retry = any(word in text for word in self.down)
        self.calls.append((text, retry))
        self.changed.set()
        if retry:
            return Outcome(retry=True)
        outcome: Outcome = await self.engine.handle(event)
        return outcome

    def tried(self, text: str) -> int:
        return sum(1 for t, _ in self.calls if t == text)

    def handled(self, text: str) -> int:
        return sum(1 for t, retried in self.calls if t == text and not retried)

    async def until(self, check: Any, limit: float = 30.0) -> None:
        async with asyncio.timeout(limit):
            while not check():
                self.changed.clear()
                await self.changed.wait()


async def test_store_down_holds_the_token_then_the_event_is_handled_once(make_world):
    world = await make_world()
    switches: list[Switch] = []

    def make(engine: Any) -> Switch:
        switches.append(Switch(engine))
        switches[-1].down.add("held")
        return switches[-1]

    await world.start_bot(sink=make)
    switch, parent = switches[0], world.parent
    state_file = world.tmp / "matrix-state.json"
    rude = await parent.send(world.room, "darn, held back")
    later = await parent.send(world.room, "later, darn")
    # Read the held token once the bot has tried the event twice: by then whatever it saved
    # for the batches before has landed (reading after the first try raced that save).
    await switch.until(lambda: switch.tried("darn, held back") >= 2)
    token = json.loads(state_file.read_text())["next_batch"]
    await switch.until(lambda: switch.tried("darn, held back") >= 3)  # again, after a back-off
    state = json.loads(state_file.read_text())
    assert state["next_batch"] == token and rude not in state["batch_done"]
    assert switch.tried("later, darn") == 0  # the room's later event waits behind it
    assert not parent.saw_redaction(rude)
    switch.down.clear()
    await parent.wait_redacted(rude)
    await parent.wait_redacted(later)
    assert switch.handled("darn, held back") == 1 and switch.handled("later, darn") == 1
    # and the token moves on (saved just after the events are handled: a file, so polled)
    async with asyncio.timeout(30):
        while json.loads(state_file.read_text())["next_batch"] == token:  # noqa: ASYNC110
            await asyncio.sleep(0.05)


async def test_a_restart_repeats_no_finished_event_of_a_held_batch(make_world):
    world = await make_world()
    switches: list[Switch] = []

    def make(engine: Any) -> Switch:
        switches.append(Switch(engine))
        if len(switches) == 1:
            switches[-1].down.add("two")
        return switches[-1]

    await world.start_bot(sink=make)
    parent = world.parent
    await parent.send(world.room, "one")
    await switches[0].until(lambda: switches[0].handled("one") == 1)
    for text in ("two, darn", "three"):
        await parent.send(world.room, text)
    await switches[0].until(lambda: switches[0].tried("two, darn") >= 1)
    await world.stop_bot()
    await world.start_bot(sink=make)
    last = await parent.send(world.room, "four, darn")
    await parent.wait_redacted(last)
    again = switches[1]
    assert [t for t, _ in again.calls] == ["two, darn", "three", "four, darn"]
    assert world.policy.seen == ["one", "two, darn", "three", "four, darn"]


async def test_a_non_moderators_command_is_audited(make_world):
    world = await make_world()
    await world.start_bot()
    post = await world.parent.send(world.room, "see you all at pickup")
    command = await world.other.send(world.room, "/remove", reply_to=post)
    await world.parent.wait_redacted(command)
    last = await world.parent.send(world.room, "darn, sorry")  # handled after the command
    await world.parent.wait_redacted(last)
    trail = await world.engine.store.audit_trail()
    refused = [r for r in trail if r["kind"] == "moderation_refused"]
    assert [r["detail"]["choice"] for r in refused] == ["remove"]
    assert refused[0]["chat_key"] == f"matrix:{world.room}"
    assert await world.mod.membership(world.room, world.parent.user_id) == "join"
