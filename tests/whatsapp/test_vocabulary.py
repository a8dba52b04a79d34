"""The core moderation vocabulary on WhatsApp: the real adapter and engine over a back-end that
records what would go to WhatsApp (the wire itself is tested in test_gateway/test_neonize)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest

from civility.adapters.whatsapp._backend import Deliver, GroupMembers
from civility.adapters.whatsapp.adapter import WhatsAppAdapter
from civility.adapters.whatsapp.convert import PLATFORM, Incoming
from civility.events import ChatRef, Flag, MemberRef, Message, MessageRef, ModeratorDecision

ADMIN = "447700900999@s.whatsapp.net"
PARENT = "447700900111@s.whatsapp.net"


class RecordingBackend:
    name = "recording"

    def __init__(self, group: str, mods: str) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.group, self.mods = group, mods
        self.deliver: Deliver | None = None
        self.sent = 0

    async def start(self, deliver: Deliver) -> None:
        self.deliver = deliver

    async def stop(self) -> None:
        return None

    async def wait_closed(self) -> None:
        return None

    async def revoke(self, chat: str, sender: str, message_id: str) -> None:
        self.calls.append(("revoke", chat, message_id))

    async def remove(self, chat: str, member: str) -> None:
        self.calls.append(("remove", chat, member))

    async def send(self, to: str, text: str, *, reply_to: str = "", reply_sender: str = "") -> str:
        self.sent += 1
        self.calls.append(("send", to, text))
        return f"SENT{self.sent}"

    async def members(self, chat: str) -> GroupMembers:
        return GroupMembers(frozenset({ADMIN}), frozenset({ADMIN, PARENT}), "Year 3")


@pytest.fixture
async def rig(tmp_path: Any, engine: Any, wa: Any) -> Any:
    backend = RecordingBackend(wa.group, wa.mods)
    adapter = WhatsAppAdapter(wa.settings(tmp_path), backend)
    engine.add_adapter(adapter)
    sink = wa.sink(engine)
    await adapter.start(sink)
    return backend, sink


def said(id: str, text: str, chat: str, sender: str, reply_to: str = "") -> Incoming:
    room = ChatRef(PLATFORM, chat)
    who = MemberRef(PLATFORM, sender, sender.split("@")[0])
    return Incoming(Message(ref=MessageRef(room, id, who), sender=who, text=text,
                            time=dt.datetime.now(dt.UTC),
                            reply_to=MessageRef(room, reply_to) if reply_to else None))


async def test_warn_from_an_admin_is_caution_and_report_is_always_a_members_report(rig, wa):
    backend, sink = rig
    await backend.deliver(said("P1", "not nice but no rule says so", wa.group, PARENT))
    await sink.next()
    await backend.deliver(said("A1", "/warn please be kind", wa.group, ADMIN, reply_to="P1"))
    decision, outcome = await sink.next()
    assert isinstance(decision, ModeratorDecision) and decision.choice.value == "caution"
    assert decision.note == "please be kind" and outcome.done[:1] == ("delete",)
    assert ("revoke", wa.group, "P1") in backend.calls
    assert ("revoke", wa.group, "A1") not in backend.calls  # deletions are scarce: kept for harm
    await backend.deliver(said("P2", "buy my stuff", wa.group, PARENT))
    await sink.next()
    await backend.deliver(said("A2", "/report selling", wa.group, ADMIN, reply_to="P2"))
    flag, _ = await sink.next()
    assert isinstance(flag, Flag) and flag.reason == "selling"  # an admin's report too
    assert ("revoke", wa.group, "A2") in backend.calls


async def test_moderators_group_answers_wrong_words_and_ignores_chat(rig, wa):
    backend, sink = rig
    await backend.deliver(said("M1", "keep calm everyone, I'll look at it", wa.mods, ADMIN))
    await backend.deliver(said("M2", "/mod 4 banish", wa.mods, ADMIN))
    await asyncio.sleep(0)
    texts = [c[2] for c in backend.calls if c[0] == "send" and c[1] == wa.mods]
    assert len(texts) == 1 and "'banish' is not a choice" in texts[0]
    assert "keep, delete, caution, mute, remove, report" in texts[0]
    assert sink.handled.empty()  # nothing reached the engine
    await backend.deliver(said("M3", "/mod 4 dismiss", wa.mods, ADMIN))
    decision, outcome = await sink.next()
    assert isinstance(decision, ModeratorDecision) and decision.incident_id == 4
    assert decision.choice.value == "keep" and outcome.refused == "no such incident"
    reply = [c[2] for c in backend.calls if c[0] == "send" and c[1] == wa.mods][-1]
    assert reply == "Incident #4: not done (no such incident)."
