"""End to end through the WhatsApp gateway back-end (real HTTP both ways, a fake GOWA checked
against GOWA's OpenAPI spec): the acknowledgement gate. A member who joins is asked to reply
"I agree"; until then each message is revoked and put before the moderators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

sys.path.insert(0, str(Path(__file__).parent))

import test_gateway
from test_gateway import ADMIN, Rig, text, webhook

from civility._gate import AGREED
from civility.events import Acknowledged, MemberJoined
from civility.verdicts import Step

globals()["rig"] = test_gateway.rig  # the same fixture, found here by pytest under its name

pytestmark = pytest.mark.integration

NEWCOMER = "447700900444@s.whatsapp.net"


def sent(rig: Rig, phone: str) -> list[str]:
    return [body["message"] for method, path, body in rig.fake.requests
            if path == "/send/message" and body["phone"] == phone]


def revoked(rig: Rig) -> list[str]:
    return [path for method, path, body in rig.fake.requests if path.endswith("/revoke")]


async def test_a_newcomer_is_held_until_they_reply_i_agree(rig: Rig, wa: Any) -> None:
    engine = rig.sink.engine
    engine.config = attrs.evolve(engine.config, plugin_settings={"safety": {"acknowledge": True}})
    join = webhook("group.participants", chat_id=wa.group, type="join", jids=[NEWCOMER])
    assert await rig.post(join) == 200
    event, outcome = await rig.sink.next()
    assert isinstance(event, MemberJoined) and outcome.done
    assert any('send "I agree" in the group' in m for m in sent(rig, wa.group))

    # A member who was there before posts freely.
    assert await rig.post(text("P1", "See you at the fair", wa.group)) == 200
    assert (await rig.sink.next())[1].done == ()
    assert await rig.post(text("N1", "Hello all, is PE on Tuesday?", wa.group,
                               sender=NEWCOMER)) == 200
    _, held = await rig.sink.next()
    assert held.decision.has(Step.HOLD)
    assert revoked(rig) == ["/message/N1/revoke"]
    [card] = [m for m in sent(rig, wa.mods) if "Held pending acknowledgement" in m]
    assert "is PE on Tuesday?" in card

    assert await rig.post(text("N2", "I agree", wa.group, sender=NEWCOMER)) == 200
    assert (await rig.sink.next())[1].done == (AGREED,)
    assert await rig.post(text("N3", "Thank you, looking forward to it", wa.group,
                               sender=NEWCOMER)) == 200
    assert (await rig.sink.next())[1].done == ()
    assert revoked(rig) == ["/message/N1/revoke"]

    keep = text("M1", f"/mod {held.incident_id} keep", wa.mods, sender=ADMIN)
    assert await rig.post(keep) == 200
    _, kept = await rig.sink.next()
    assert "repost" in kept.done
    assert any("approved by a moderator" in m and "is PE on Tuesday?" in m
               for m in sent(rig, wa.group))


async def test_a_newcomer_who_replies_i_agree_privately_is_let_through(rig: Rig, wa: Any) -> None:
    engine = rig.sink.engine
    engine.config = attrs.evolve(engine.config, plugin_settings={"safety": {"acknowledge": True}})
    join = webhook("group.participants", chat_id=wa.group, type="join", jids=[NEWCOMER])
    assert await rig.post(join) == 200
    await rig.sink.next()
    assert any("or to me in a private message" in m for m in sent(rig, wa.group))
    assert await rig.post(text("N1", "Hello all, is PE on Tuesday?", wa.group,
                               sender=NEWCOMER)) == 200
    assert (await rig.sink.next())[1].decision.has(Step.HOLD)

    # The answer comes in the private chat with the bot, not in the group.
    assert await rig.post(text("P1", "I agree", NEWCOMER, sender=NEWCOMER)) == 200
    event, outcome = await rig.sink.next()
    assert isinstance(event, Acknowledged) and event.chat.id == wa.group
    assert outcome.done == (AGREED,)
    [thanks] = [m for m in sent(rig, NEWCOMER) if "will now stay up in" in m]
    assert thanks.startswith("Thank you")
    assert await rig.post(text("N2", "Thank you, looking forward to it", wa.group,
                               sender=NEWCOMER)) == 200
    assert (await rig.sink.next())[1].done == ()
    assert revoked(rig) == ["/message/N1/revoke"]

    # Saying it again changes nothing and gets no second thanks.
    assert await rig.post(text("P2", "I agree", NEWCOMER, sender=NEWCOMER)) == 200
    assert rig.sink.handled.empty()
    assert len([m for m in sent(rig, NEWCOMER) if "will now stay up in" in m]) == 1
