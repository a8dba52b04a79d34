"""End to end against a real Synapse: the safety guards and images judged live."""

from __future__ import annotations

import asyncio
import io

import pytest
from drawn import email_screenshot
from nio import AsyncClient, AsyncClientConfig

from civility.detectors import ocr

pytestmark = pytest.mark.integration


async def _with_iqra(world):  # type: ignore[no-untyped-def]
    await world.start_bot()
    world.engine.set_policies(f"matrix:{world.room}", ["iqra"])


async def test_a_scam_is_redacted_and_the_room_told_neutrally(make_world):
    world = await make_world()
    await _with_iqra(world)
    scam = await world.parent.send(world.room, "Mum it's me, new phone, can you transfer £95 "
                                   "for my school trip, I'll explain later")
    await world.other.wait_redacted(scam)
    note = await world.other.wait_text(world.room, "scam was removed")
    assert world.parent.user_id not in note["content"]["body"]
    card = await world.mod.wait_text(world.mods_room, "No scams: nobody asks the group")
    assert card


@pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")
async def test_a_screenshot_of_an_email_is_redacted_as_a_private_email(make_world):
    world = await make_world()
    await _with_iqra(world)
    data = email_screenshot()
    upload, _ = await world.parent.client.upload(io.BytesIO(data), content_type="image/png",
                                                 filename="email.png", filesize=len(data))
    assert hasattr(upload, "content_uri"), upload
    shot = await world.parent.send(world.room, "", content={
        "msgtype": "m.image", "body": "email.png", "url": upload.content_uri,
        "info": {"mimetype": "image/png", "size": len(data), "w": 900, "h": 260}})
    await world.parent.wait_redacted(shot)
    notes = await world.parent.private_notes(await world.parent.wait_invite())
    assert any("e-mail" in n.lower() for n in notes)


async def test_a_member_joining_gets_the_welcome(make_world):
    world = await make_world()
    await _with_iqra(world)
    user = await world.server.aregister(world.server.unique("newcomer"))
    client = AsyncClient(world.server.base_url, user.user_id,
                         config=AsyncClientConfig(encryption_enabled=False))
    client.restore_login(user.user_id, "TESTDEVICE", user.access_token)
    try:
        invited = await world.mod.client.room_invite(world.room, user.user_id)
        assert not hasattr(invited, "status_code"), invited
        joined = await client.join(world.room)
        assert hasattr(joined, "room_id"), joined
        dm = None
        for _ in range(60):
            reply = await client.sync(timeout=500)
            dm = next(iter(reply.rooms.invite), None)
            if dm:
                break
            await asyncio.sleep(0.1)
        assert dm, "no private room offered to the newcomer"
        await client.join(dm)
        bodies: list[str] = []
        for _ in range(50):  # the note may follow the invitation by a moment
            messages = await client.room_messages(dm, limit=20)
            bodies = [e.source["content"].get("body", "") for e in messages.chunk
                      if e.source["type"] == "m.room.message"]
            if bodies:
                break
            await asyncio.sleep(0.1)
        assert any("code of conduct" in b for b in bodies)
    finally:
        await client.close()


async def test_a_flood_gets_one_nudge(make_world):
    world = await make_world()
    await world.start_bot()  # the test policy and the guards beside it
    for i in range(8):
        await world.parent.send(world.room, f"and another thing about the fair, number {i}")
    for _ in range(600):  # every message judged (the bot syncs them in its own time)
        if len(world.policy.seen) >= 8:
            break
        await asyncio.sleep(0.05)
    assert len(world.policy.seen) == 8
    await world.engine.drain()
    notes = await world.parent.private_notes(await world.parent.wait_invite())
    assert len([n for n in notes if "a lot of messages" in n]) == 1
