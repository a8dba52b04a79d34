"""The cases workflow end to end on Matrix, against the real Synapse: a member's report
becomes a case, a second report raises its priority, a moderator keeps a message and the
member's points go back, the member appeals a caution in the direct room of their notices and
a second moderator decides; note and close are words of the moderators' room; an escalation
made while the school's mail server (aiosmtpd on loopback) is down arrives once when it is
back."""

from __future__ import annotations

import asyncio

import pytest
from smtp_inbox import LEADERSHIP, assert_reported_once, closed_port, mail_server, outbox_sender, smtp_on

from civility import moderation
from civility.config import School
from civility.store.sql import SqlStore

pytestmark = pytest.mark.integration


def _incident(card: dict) -> int:
    return int(card["content"]["body"].split("incident #")[1].split(")")[0])


async def test_the_cases_flow_on_matrix(make_world, tmp_path) -> None:
    world = await make_world()
    mod, parent, other = world.mod, world.parent, world.other
    # A second moderator: "other" gets the moderators' power level in the parents' room.
    levels = await mod.client.room_get_state_event(world.room, "m.room.power_levels")
    content = dict(levels.content)
    content["users"] = {**content.get("users", {}), other.user_id: 50}
    assert hasattr(await mod.client.room_put_state(world.room, "m.room.power_levels", content),
                   "event_id")
    await world.start_bot(store=SqlStore(f"sqlite:///{tmp_path / 'civility.db'}"))
    store = world.engine.store
    await other.join(world.mods_room)

    # A report becomes a case; a second report raises its priority.
    post = await parent.send(world.room, "see you at pickup")
    await other.send(world.room, "/report unkind", reply_to=post)
    reported = _incident(await mod.wait_text(world.mods_room, "A member reported a message"))
    await mod.send(world.room, "/report me too", reply_to=post)
    for _ in range(200):
        if (await store.incident(reported)).priority == 1:
            break
        await parent.sync()
    assert (await store.incident(reported)).priority == 1

    # A breach: a caution in a direct room, saying how to appeal; the moderator keeps it.
    rude = await parent.send(world.room, "you idiot")
    await parent.wait_redacted(rude)
    direct = await parent.wait_invite()
    await parent.join(direct)  # the note may follow the invite: wait for it, don't read once
    await parent.wait_text(direct, moderation.HOW_TO_APPEAL)
    card = await mod.wait_text(world.mods_room, "The code of conduct flagged a message")
    kept = _incident(card)
    assert await store.points(f"matrix:{parent.user_id}", world.engine.clock(), 30) > 2.9
    await mod.send(world.mods_room, f"/mod {kept} keep")
    await parent.wait_text(direct, "Good news")
    assert abs(await store.points(f"matrix:{parent.user_id}", world.engine.clock(), 30)) < 1e-6

    # Another breach, cautioned by the moderator; the parent appeals in the direct room.
    darn = await parent.send(world.room, "what a darn mess")
    await parent.wait_redacted(darn)
    case = (await store.incidents(limit=1))[0].id
    await mod.send(world.mods_room, f"/mod {case} caution")
    await mod.wait_text(world.mods_room, f"Incident #{case}", "chose caution")
    await parent.send(direct, "appeal it was about my car")
    await parent.wait_text(direct, "Your appeal has reached")
    appeal = await mod.wait_text(world.mods_room, "APPEAL", "it was about my car")
    assert _incident(appeal) == case
    await mod.send(world.mods_room, f"/mod {case} caution")
    await mod.wait_text(world.mods_room, f"Incident #{case}", "first decision")
    await other.send(world.mods_room, f"/mod {case} keep")
    await parent.wait_text(direct, "agree with you")
    assert (await store.appeal_of(case)).status == "overturned"

    # The moderators' room words: a note and closing the reported case.
    await mod.send(world.mods_room, f"/note {reported} spoke to both")
    await mod.wait_text(world.mods_room, f"Case #{reported}: note added")
    await mod.send(world.mods_room, f"/close {reported}")
    await mod.wait_text(world.mods_room, f"Case #{reported}: closed")
    assert (await store.incident(reported)).status == "resolved"


async def test_readmit_invites_a_removed_member_back(make_world) -> None:
    world = await make_world()
    mod, parent = world.mod, world.parent
    await world.start_bot()
    threat = await parent.send(world.room, "this is a threat to your family")
    card = await mod.wait_text(world.mods_room, "Waiting for you: remove")
    incident = _incident(card)
    await mod.send(world.mods_room, f"/mod {incident} remove")
    await mod.wait_text(world.mods_room, f"Incident #{incident}", "chose remove")
    assert await mod.membership(world.room, parent.user_id) == "leave"
    assert parent.saw_redaction(threat) or await parent.wait_redacted(threat)
    await mod.send(world.mods_room, f"/readmit {incident}")
    await mod.wait_text(world.mods_room, f"Case #{incident}: readmitted")
    assert await mod.membership(world.room, parent.user_id) == "invite"


async def test_an_escalation_made_while_the_mail_server_is_down_arrives_once(
        make_world, tmp_path) -> None:
    world = await make_world()
    mod, parent = world.mod, world.parent
    port = closed_port()
    school = School(name="Test Primary", contact_email="office@test.example",
                    leadership_email=LEADERSHIP)
    await world.start_bot(store=SqlStore(f"sqlite:///{tmp_path / 'civility.db'}"),
                          config_changes={"school": school, "smtp": smtp_on(port)})
    store, config = world.engine.store, world.engine.config

    # The moderator escalates with the card's 📝 reaction; the mail server is down.
    await parent.send(world.room, "you idiot")
    card = await mod.wait_text(world.mods_room, "The code of conduct flagged a message")
    case = _incident(card)
    await mod.react(world.mods_room, card["event_id"], "📝")
    first = await mod.wait_text(world.mods_room, f"Incident #{case}:", "chose")
    [queued] = await store.outbox()
    assert queued.incident_id == case and queued.sent_at is None and queued.last_error

    def another_answer(room: str, event: dict) -> bool:
        body = event.get("content", {}).get("body", "")
        return (room == world.mods_room and event.get("event_id") != first["event_id"]
                and isinstance(body, str) and f"Incident #{case}:" in body)

    with mail_server(port) as inbox:  # the mail server is back; the back-off has run out
        async with outbox_sender(store, config):
            await inbox.first()
            # A second escalation, the word as a reply to the card: nothing is sent twice.
            await mod.send(world.mods_room, "escalate", reply_to=card["event_id"])
            await mod.wait_for(another_answer, "the answer to the second escalation")
            await asyncio.sleep(0.5)  # a few more polls: nothing more may arrive
    assert_reported_once(inbox, queued, case)
    [sent] = await store.outbox()
    assert sent.sent_at is not None
