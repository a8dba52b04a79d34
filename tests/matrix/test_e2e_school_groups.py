"""One record per parent across the school's rooms, on Matrix against the real Synapse: after
a removal the moderators' room is offered the school's other rooms, and one ``remove all``
carries it out, once per room, only where the bot's power level allows kicking and the parent
has joined."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from civility.adapters.matrix.config import RoomSettings

pytestmark = pytest.mark.integration

PATIENCE = 30.0  # seconds a wait may take before the test fails (a guard, not a measurement)


async def _make_room(mod: Any, version: str, invite: list[str], users: dict[str, int],
                     name: str) -> str:
    if version != "12":  # from version 12 the creator outranks everyone, unlisted
        users = {mod.user_id: 100, **users}
    reply = await mod.client.room_create(room_version=version, invite=invite, name=name,
                                         power_level_override={"users": users})
    assert hasattr(reply, "room_id"), reply
    return str(reply.room_id)


def _incident(card: dict[str, Any]) -> int:
    return int(card["content"]["body"].split("incident #")[1].split(")")[0])


async def _until(check: Any, what: str) -> None:
    for _ in range(int(PATIENCE * 10)):
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never {what}")


async def _school(world: Any) -> tuple[str, str, str]:
    """Year 4 (the bot may kick; the parent is in), Year 5 (the bot has no power there; the
    parent is in), Year 6 (the bot may kick; the parent is not in)."""
    mod, parent, bot = world.mod, world.parent, world.bot.user_id
    year4, year5, year6 = await asyncio.gather(
        _make_room(mod, world.version, [bot, parent.user_id], {bot: 100}, name="Year 4 parents"),
        _make_room(mod, world.version, [bot, parent.user_id], {}, name="Year 5 parents"),
        _make_room(mod, world.version, [bot], {bot: 100}, name="Year 6 parents"))
    await asyncio.gather(parent.join(year4), parent.join(year5))
    return year4, year5, year6


async def test_remove_all_takes_the_parent_out_of_the_schools_other_rooms_once(
        make_world: Any) -> None:
    world = await make_world()
    mod, parent, bot = world.mod, world.parent, world.bot.user_id
    year4, year5, year6 = await _school(world)
    await world.start_bot(rooms=tuple(RoomSettings(r) for r in (world.room, year4, year5,
                                                               year6)))
    for room in (world.room, year4, year5, year6):  # the bot accepts the rooms' invites
        await _until(lambda room=room: _joined(mod, room, bot), f"joined {room}")

    rude = await parent.send(world.room, "you idiot")
    await parent.wait_redacted(rude)
    case = _incident(await mod.wait_text(world.mods_room, "incident #"))
    await mod.send(world.mods_room, f"/mod {case} remove")
    offer = await mod.wait_text(world.mods_room, "remove all")
    body = offer["content"]["body"]
    assert "1 of the school's other groups (Year 4 parents)" in body, body
    assert f"/mod {case} remove all" in body
    assert await mod.membership(world.room, parent.user_id) == "leave"
    assert await mod.membership(year4, parent.user_id) == "join"  # not before the confirmation

    await mod.send(world.mods_room, f"/mod {case} remove all")
    await mod.wait_text(world.mods_room, "removed from Year 4 parents")
    assert await mod.membership(year4, parent.user_id) == "leave"
    assert await mod.membership(year5, parent.user_id) == "join"  # the bot has no power there
    assert await mod.membership(year6, parent.user_id) == "none"

    # The confirmation given again: nothing is done twice (one kick in Year 4's timeline).
    await mod.send(world.mods_room, f"/mod {case} remove all")
    await _until(lambda: _said(mod, world.mods_room, "removed from Year 4 parents", 2),
                 "answered the second confirmation")
    kicks = await _kicks(mod, year4, parent.user_id)
    assert kicks == 1
    decisions = await world.engine.store.decisions(case)
    assert [d.choice for d in decisions] == ["remove", "remove_all"]


async def _joined(person: Any, room: str, user_id: str) -> bool:
    return bool(await person.membership(room, user_id) == "join")


async def _said(person: Any, room: str, text: str, times: int) -> bool:
    await person.sync()
    return sum(1 for r, e in person.seen if r == room
               and text in str(e.get("content", {}).get("body", ""))) >= times


async def _kicks(person: Any, room: str, user_id: str) -> int:
    reply = await person.client.room_messages(room, limit=100)
    return sum(1 for e in reply.chunk if e.source.get("type") == "m.room.member"
               and e.source.get("state_key") == user_id
               and e.source.get("content", {}).get("membership") == "leave")
