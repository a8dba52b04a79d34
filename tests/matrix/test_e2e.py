"""End to end against a real Synapse: what parents and moderators see in their Matrix client."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

VERSIONS = ["10", "12"]


@pytest.mark.parametrize("version", VERSIONS)
async def test_breach_is_redacted_and_parent_nudged_privately(make_world, version):
    world = await make_world(version)
    await world.start_bot()
    parent = world.parent
    fine = await parent.send(world.room, "PE is on Tuesday, bring trainers")
    rude = await parent.send(world.room, "oh darn it, the trip is cancelled")
    await parent.wait_redacted(rude)
    notes = await parent.private_notes(await parent.wait_invite())
    assert any("clause for test.mild" in n for n in notes)
    assert not parent.saw_redaction(fine)


async def test_report_reaches_moderators_without_the_reporter(make_world):
    world = await make_world()
    await world.start_bot()
    post = await world.parent.send(world.room, "you lot are useless at organising anything")
    command = await world.other.send(world.room, "/report rude to everyone", reply_to=post)
    card = await world.mod.wait_text(world.mods_room, "A member reported a message")
    body = card["content"]["body"]
    assert "useless at organising" in body and "rude to everyone" in body
    assert world.other.user_id not in body and "other" not in body.lower().split("reported")[1]
    # The room never keeps the command, so nobody learns who reported.
    await world.parent.wait_redacted(command)
    assert not world.parent.saw_redaction(post)
    [flag] = world.policy.flags
    assert flag.reporter.id == world.other.user_id and flag.message.id == post


@pytest.mark.parametrize("version", VERSIONS)
async def test_moderator_confirmation_kicks_parent(make_world, version):
    # In version 12 the moderator is the room's creator, absent from the power levels.
    world = await make_world(version)
    await world.start_bot()
    threat = await world.parent.send(world.room, "this is a threat to your family")
    card = await world.mod.wait_text(world.mods_room, "Waiting for you: remove")
    await world.mod.send(world.mods_room, "remove after two warnings", reply_to=card["event_id"])
    await world.mod.wait_text(world.mods_room, "chose remove", "Done:")
    assert await world.mod.membership(world.room, world.parent.user_id) == "leave"
    [removal] = world.policy.removals
    assert removal.by_civility and removal.member.id == world.parent.user_id
    assert removal.by.id == world.mod.user_id
    assert world.parent.saw_redaction(threat) or await world.parent.wait_redacted(threat)


async def test_moderator_reaction_deletes_reported_message(make_world):
    world = await make_world()
    await world.start_bot()
    post = await world.parent.send(world.room, "the head teacher is a liar")
    await world.other.send(world.room, "/report", reply_to=post)
    card = await world.mod.wait_text(world.mods_room, "A member reported a message")
    await world.mod.react(world.mods_room, card["event_id"], "🗑️")
    await world.parent.wait_redacted(post)
    assert await world.mod.membership(world.room, world.parent.user_id) == "join"


async def test_non_moderator_cannot_trigger_actions(make_world):
    world = await make_world()
    await world.start_bot()
    other = world.other
    await other.join(world.mods_room)  # a parent who is in the moderators' room at power 0
    await world.parent.send(world.room, "this is a threat")
    card = await other.wait_text(world.mods_room, "Waiting for you: remove")
    await other.send(world.mods_room, "remove", reply_to=card["event_id"])
    await other.react(world.mods_room, card["event_id"], "🚪")
    await other.wait_text(world.mods_room, "not done (not a moderator of this group)")
    # A moderator command in the parents' room from a parent is refused too.
    post = await world.parent.send(world.room, "see you all at pickup")
    command = await other.send(world.room, "/remove", reply_to=post)
    await world.parent.wait_redacted(command)
    last = await world.parent.send(world.room, "darn, sorry")  # handled after the command
    await world.parent.wait_redacted(last)
    assert await world.mod.membership(world.room, world.parent.user_id) == "join"
    assert world.policy.removals == []
    assert not world.parent.saw_redaction(post)


async def test_restart_neither_repeats_nor_loses_events(make_world):
    world = await make_world()
    await world.start_bot(timeline_limit=3)
    parent = world.parent
    before = await parent.send(world.room, "before the restart, darn")
    await parent.wait_redacted(before)
    await world.stop_bot()
    texts = ["one", "two darn", "three", "four", "five darn", "six"]
    sent = [await parent.send(world.room, t) for t in texts]  # more than a sync timeline holds
    await world.start_bot(timeline_limit=3)
    last = await parent.send(world.room, "after darn")
    await parent.wait_redacted(last)
    await parent.wait_redacted(sent[1])
    await parent.wait_redacted(sent[4])
    assert world.policy.seen == ["before the restart, darn", *texts, "after darn"]
    assert [parent.saw_redaction(s) for s in sent] == [False, True, False, False, True, False]


async def test_edits_captions_and_bad_events(make_world):
    world = await make_world()
    await world.start_bot()
    parent, room = world.parent, world.room
    original = await parent.send(room, "lovely assembly today")
    await parent.send(room, "* darn assembly", content={
        "msgtype": "m.text", "body": "* darn assembly",
        "m.new_content": {"msgtype": "m.text", "body": "darn assembly"},
        "m.relates_to": {"rel_type": "m.replace", "event_id": original}})
    image = await parent.send(room, "", content={
        "msgtype": "m.image", "body": "what a darn mess", "filename": "mess.jpg",
        "url": "mxc://localhost/abc", "info": {"mimetype": "image/jpeg"}})
    # Malformed for a client (nio cannot parse these), yet accepted by the server.
    await parent.send(room, "", content={"msgtype": "m.text", "body": "* x", "m.new_content": "no",
                                         "m.relates_to": {"rel_type": "m.replace",
                                                          "event_id": original}})
    await parent.send(room, "", content={"msgtype": "m.image", "body": "a.jpg", "url": 7})
    odd = await parent.send(room, "", content={"msgtype": "m.text", "body": "darn",
                                               "m.relates_to": "garbage"})
    await parent.send(room, "x" * 60_000)  # huge
    await parent.wait_redacted(original)
    await parent.wait_redacted(image)
    await parent.wait_redacted(odd)
    last = await parent.send(room, "still listening? darn")
    await parent.wait_redacted(last)


@pytest.mark.parametrize("version", VERSIONS)
async def test_platform_report_reaches_moderators(make_world, version):
    world = await make_world(version, bot_admin=True)
    await world.start_bot(admin_reports=True, report_poll_seconds=0.1)
    post = await world.parent.send(world.room, "you are all hopeless")
    path = f"/_matrix/client/v3/rooms/{world.room}/report/{post}"
    reply = await world.other.client.send("POST", path, '{"reason": "hurtful"}', {
        "Authorization": f"Bearer {world.other.client.access_token}",
        "Content-Type": "application/json"})
    assert reply.status == 200, await reply.text()
    card = await world.mod.wait_text(world.mods_room, "A message was reported", "hurtful")
    assert world.other.user_id not in card["content"]["body"]


async def test_encrypted_room_is_reported_to_moderators(make_world):
    world = await make_world(encrypted=True)
    await world.start_bot()
    await world.mod.wait_text(world.mods_room, "end-to-end encrypted")


async def test_joins_only_configured_rooms(make_world):
    world = await make_world()
    stranger = await world.mod.client.room_create(invite=[world.bot.user_id], name="Other")
    await world.start_bot()
    # A room created after start: the invite arrives through sync.
    late = await world.mod.client.room_create(invite=[world.bot.user_id], name="Later")
    last = await world.parent.send(world.room, "darn it")
    await world.parent.wait_redacted(last)
    for room in (stranger.room_id, late.room_id):
        assert await world.mod.membership(room, world.bot.user_id) == "invite"
    assert await world.mod.membership(world.room, world.bot.user_id) == "join"
