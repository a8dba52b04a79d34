"""End to end against a real Synapse: the acknowledgement gate. A member who joins is welcomed
privately and asked to send "I agree"; until they do, each message is redacted and put before
the moderators (told once how to agree), and "keep" puts a held message back up."""

from __future__ import annotations

import asyncio
from typing import Any

import attrs
import pytest
from nio import AsyncClient, AsyncClientConfig

pytestmark = pytest.mark.integration


async def _gated(world: Any) -> None:
    await world.start_bot()
    world.engine.config = attrs.evolve(world.engine.config,
                                       plugin_settings={"safety": {"acknowledge": True}})


async def _newcomer(world: Any) -> Any:
    user = await world.server.aregister(world.server.unique("newcomer"))
    client = AsyncClient(world.server.base_url, user.user_id,
                         config=AsyncClientConfig(encryption_enabled=False))
    client.restore_login(user.user_id, "TESTDEVICE", user.access_token)
    person = type(world.parent)(user.user_id, client)
    await person.sync()
    return person


async def _joined_and_welcomed(world: Any, newcomer: Any) -> tuple[str, Any]:
    """The newcomer is invited and joins; the bot's welcome comes in a direct room."""
    invited = await world.mod.client.room_invite(world.room, newcomer.user_id)
    assert not hasattr(invited, "status_code"), invited
    await newcomer.join(world.room)
    dm = await newcomer.wait_invite()
    await newcomer.join(dm)
    return dm, await newcomer.wait_text(dm, "code of conduct")


async def _judged(world: Any, count: int) -> None:
    for _ in range(600):  # the bot syncs in its own time
        if len(world.policy.seen) >= count:
            break
        await asyncio.sleep(0.05)
    assert len(world.policy.seen) >= count
    await world.engine.drain()


async def test_a_newcomer_is_held_until_they_agree(make_world):
    world = await make_world()
    await _gated(world)
    newcomer = await _newcomer(world)
    try:
        dm, welcome = await _joined_and_welcomed(world, newcomer)
        assert 'send "I agree" in the group' in welcome["content"]["body"]

        before = await world.parent.send(world.room, "See you all at the fair")
        held = await newcomer.send(world.room, "Hello everyone, is PE on Tuesday?")
        await world.other.wait_redacted(held)
        card = await world.mod.wait_text(world.mods_room, "Held pending acknowledgement")
        assert "is PE on Tuesday?" in card["content"]["body"]
        await newcomer.wait_text(dm, "waiting for a moderator")

        await newcomer.send(world.room, "I agree!")
        fine = await newcomer.send(world.room, "Thanks, looking forward to the year")
        await _judged(world, 3)  # the parent's, the held one and the last (agreeing is not judged)
        await world.other.sync()
        assert not world.other.saw_redaction(fine) and not world.other.saw_redaction(before)

        incident = card["content"]["body"].split("incident #")[1].split(")")[0]
        await world.mod.send(world.mods_room, f"/mod {incident} keep")
        repost = await world.other.wait_text(world.room, "approved by a moderator")
        assert "is PE on Tuesday?" in repost["content"]["body"]
    finally:
        await newcomer.client.close()


async def test_a_newcomer_agrees_in_their_direct_room_with_the_bot(make_world):
    world = await make_world()
    await _gated(world)
    newcomer = await _newcomer(world)
    try:
        dm, welcome = await _joined_and_welcomed(world, newcomer)
        assert "or to me in a private message" in welcome["content"]["body"]
        held = await newcomer.send(world.room, "Hello everyone, is PE on Tuesday?")
        await world.other.wait_redacted(held)

        # Answered in the direct room, where the welcome came.
        await newcomer.send(dm, "I agree")
        await newcomer.wait_text(dm, "Thank you, your messages will now stay up in")
        fine = await newcomer.send(world.room, "Thanks, looking forward to the year")
        await _judged(world, 2)  # the held one and the last (agreeing is not judged)
        await world.other.sync()
        assert not world.other.saw_redaction(fine)

        # Again: no second thanks (the appeal's answer shows the bot read past it).
        await newcomer.send(dm, "I agree")
        await newcomer.send(dm, "appeal")
        await newcomer.wait_text(dm, "Your appeal was not sent")
        notes = await newcomer.private_notes(dm)
        assert len([n for n in notes if "will now stay up in" in n]) == 1
    finally:
        await newcomer.client.close()
