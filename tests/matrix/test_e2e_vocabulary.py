"""The core moderation vocabulary on Matrix, end to end against the real Synapse: every choice
is a command in a parents' room (here the alias ``/warn``), and ``/mod N CHOICE`` answers an
incident from anywhere in the moderators' room."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


async def test_warn_in_a_room_is_caution_and_mod_n_answers_without_a_reply(make_world):
    world = await make_world()
    await world.start_bot()
    post = await world.parent.send(world.room, "not nice, but no rule says so")
    await world.mod.send(world.room, "/warn please keep it kind", reply_to=post)
    await world.parent.wait_redacted(post)
    notes = await world.parent.private_notes(await world.parent.wait_invite())
    assert any("caution" in n.lower() for n in notes)
    threat = await world.parent.send(world.room, "this is a threat to your family")
    card = await world.mod.wait_text(world.mods_room, "Waiting for you: remove")
    incident = card["content"]["body"].split("incident #")[1].split(")")[0]
    await world.mod.send(world.mods_room, f"/mod {incident} banish")
    await world.mod.wait_text(world.mods_room, "'banish' is not a choice", "mute")
    await world.mod.send(world.mods_room, f"/mod {incident} kick after two warnings")
    await world.mod.wait_text(world.mods_room, f"Incident #{incident}", "chose remove")
    assert await world.mod.membership(world.room, world.parent.user_id) == "leave"
    assert world.parent.saw_redaction(threat) or await world.parent.wait_redacted(threat)
