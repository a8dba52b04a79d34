"""End to end through the WhatsApp gateway back-end (real HTTP both ways, a fake GOWA that
checks every request against GOWA's OpenAPI spec): the safety guards as a group sees them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import test_gateway
from test_gateway import Rig, text, webhook

from civility.events import MemberJoined, Message

globals()["rig"] = test_gateway.rig  # the same fixture, found here by pytest under its name

pytestmark = pytest.mark.integration


def sent(rig: Rig) -> list[dict[str, Any]]:
    return [body for method, path, body in rig.fake.requests if path == "/send/message"]


async def test_a_scam_is_revoked_and_the_group_told_neutrally(rig: Rig, wa: Any) -> None:
    body = ("Your WhatsApp will be deactivated tonight, confirm your number at "
            "wa-support-check.net")
    assert await rig.post(text("S1", body, wa.group)) == 200
    event, outcome = await rig.sink.next()
    assert isinstance(event, Message) and outcome.decision.rule_ids == ("safety.scam",)
    assert ("POST", "/message/S1/revoke", {"phone": wa.group}) in rig.fake.requests
    to_group = [b["message"] for b in sent(rig) if b["phone"] == wa.group]
    assert any("scam was removed" in m for m in to_group)
    assert all("Parent A" not in m for m in to_group)
    assert any("No scams: nobody asks the group" in b["message"]
               for b in sent(rig) if b["phone"] == wa.mods)


async def test_a_flood_gets_one_nudge(rig: Rig, wa: Any) -> None:
    outcomes = []
    for i in range(8):
        assert await rig.post(text(f"F{i}", f"and another thing about the fair, {i}",
                                   wa.group)) == 200
        outcomes.append((await rig.sink.next())[1])
    flagged = [i for i, o in enumerate(outcomes) if "safety.flood" in o.decision.rule_ids]
    assert flagged == [5]
    assert not [r for r in rig.fake.requests if r[1].endswith("/revoke")]
    assert len(sent(rig)) == 1  # one gentle note (the member has not opted in to private ones)


async def test_a_member_joining_gets_the_welcome(rig: Rig, wa: Any) -> None:
    rig.sink.engine.hooks.pm.register(_Welcome(), name="test-welcome")
    join = webhook("group.participants", chat_id=wa.group, type="join",
                   jids=["447700900444@s.whatsapp.net"])
    assert await rig.post(join) == 200
    event, outcome = await rig.sink.next()
    assert isinstance(event, MemberJoined) and outcome.done
    assert any("code of conduct" in b["message"] for b in sent(rig))


class _Welcome:
    from civility.hookspecs import hookimpl

    @hookimpl
    def civility_welcome(self, joined: Any, context: Any) -> str:
        return "Welcome! Please read the group's code of conduct."
