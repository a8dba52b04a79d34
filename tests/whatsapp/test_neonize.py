"""neonize back-end: real neonize protobuf events pushed through neonize's own dispatch
(`Event.execute`, which Go calls), with the Go call layer replaced by a recorder.

Nothing connects to WhatsApp: `NewAClient` talks to Go through one object (its ``__client``);
the recorder stands in for it and answers in neonize's own protobuf return types.
"""

from __future__ import annotations

import asyncio
import ctypes
import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

# tests/conftest.py imported neonize already, containing the pipe its import leaks.
neonize = pytest.importorskip("neonize")

from neonize.aioze import events as neonize_events  # noqa: E402
from neonize.aioze.client import NewAClient  # noqa: E402
from neonize.events import EVENT_TO_INT  # noqa: E402
from neonize.proto import Neonize_pb2 as P  # noqa: E402
from neonize.proto.waCommon.WACommon_pb2 import MessageKey  # noqa: E402
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E  # noqa: E402

from civility.adapters.whatsapp.adapter import WhatsAppAdapter  # noqa: E402
from civility.adapters.whatsapp.neonize_backend import NeonizeBackend  # noqa: E402
from civility.events import MemberJoined, Message, Removal, RemovalKind  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PARENT = "447700900111@s.whatsapp.net"
OTHER = "447700900222@s.whatsapp.net"
ADMIN = "447700900333@s.whatsapp.net"


def pjid(value: str) -> Any:
    user, _, server = value.partition("@")
    return P.JID(User=user, Server=server)


class GoRecorder:
    """Stands in for neonize's Go layer: records every call, answers like Go would."""

    def __init__(self, bot: str, admins: dict[str, list[str]]) -> None:
        self.bot, self.admins = bot, admins
        self.calls: list[tuple[str, Any]] = []
        self.sent = asyncio.Queue[tuple[str, Any]]()
        self._stopped = asyncio.Event()
        self._ids = 0

    async def Neonize(self, *args: Any) -> None:
        self.calls.append(("Neonize", args[0]))
        await self._stopped.wait()  # Go blocks here while connected

    async def Stop(self, uuid: bytes) -> None:
        self._stopped.set()

    async def Disconnect(self, uuid: bytes) -> None:
        self._stopped.set()

    async def GetMe(self, uuid: bytes) -> bytes:
        return complete(P.Device(JID=pjid(self.bot))).SerializeToString()

    async def SendMessage(self, uuid: bytes, to: bytes, _: int, message: bytes,
                          __: int) -> bytes:
        call = (P.JID.FromString(to), E.Message.FromString(message))
        self.calls.append(("SendMessage", call))
        await self.sent.put(("SendMessage", call))
        self._ids += 1
        return complete(P.SendMessageReturnFunction(
            SendResponse=P.SendResponse(ID=f"SENT{self._ids}"))).SerializeToString()

    async def UpdateGroupParticipants(self, uuid: bytes, group: bytes, _: int,
                                      jids: bytes, __: int, action: bytes) -> bytes:
        call = (P.JID.FromString(group), list(P.JIDArray.FromString(jids).JIDS), action)
        self.calls.append(("UpdateGroupParticipants", call))
        await self.sent.put(("UpdateGroupParticipants", call))
        return complete(P.UpdateGroupParticipantsReturnFunction()).SerializeToString()

    async def GetGroupInfo(self, uuid: bytes, group: bytes, _: int) -> bytes:
        chat = P.JID.FromString(group)
        key = f"{chat.User}@{chat.Server}"
        people = [P.GroupParticipant(JID=pjid(j), IsAdmin=True) for j in self.admins.get(key, [])]
        if key != "120363000000000001@g.us":  # the moderators' group
            people.append(P.GroupParticipant(JID=pjid(PARENT)))
        return complete(P.GetGroupInfoReturnFunction(GroupInfo=P.GroupInfo(
            JID=chat, GroupName=P.GroupName(Name="Year 3 parents"),
            Participants=people))).SerializeToString()

    def named(self, name: str) -> list[Any]:
        return [args for n, args in self.calls if n == name]


def complete(proto: Any) -> Any:
    """Set every unset required field to its default, as Go does when it serializes (neonize's
    protos are proto2 with required fields)."""
    for field in proto.DESCRIPTOR.fields:
        if field.message_type is not None:
            if field.is_repeated:
                for item in getattr(proto, field.name):
                    complete(item)
                continue
            if field.is_required and not proto.HasField(field.name):
                getattr(proto, field.name).SetInParent()
            if proto.HasField(field.name):
                complete(getattr(proto, field.name))
        elif field.is_required and not proto.HasField(field.name):
            setattr(proto, field.name, field.default_value)
    return proto


class Harness:
    def __init__(self, client: NewAClient, go: GoRecorder, adapter: WhatsAppAdapter) -> None:
        self.client, self.go, self.adapter = client, go, adapter

    def push(self, event: Any) -> None:
        """What Go does: hand neonize's dispatcher the serialized event and its code."""
        data = complete(event).SerializeToString()
        buffer = ctypes.create_string_buffer(data, len(data) or 1)
        self.client.event.execute(0, ctypes.addressof(buffer), len(data),
                                  EVENT_TO_INT[type(event)])

    async def call(self) -> tuple[str, Any]:
        return await asyncio.wait_for(self.go.sent.get(), 10)


def message(id: str, text: str = "", *, sender: str = PARENT, chat: str = "", ts: int = 0,
            content: Any = None, name: str = "Parent A", group: bool = True) -> Any:
    info = P.MessageInfo(
        MessageSource=P.MessageSource(Chat=pjid(chat), Sender=pjid(sender), IsGroup=group),
        ID=id, Pushname=name, Timestamp=ts or int(dt.datetime.now(dt.UTC).timestamp()))
    return P.Message(Info=info, Message=content or E.Message(conversation=text))


@pytest.fixture
async def wired(tmp_path: Path, engine: Any, wa: Any) -> AsyncIterator[tuple[Harness, Any]]:
    settings = wa.settings(tmp_path, max_deletes_per_minute=3)
    client = NewAClient(str(settings.session))
    go = GoRecorder(wa.bot, {wa.group: [ADMIN], wa.mods: [ADMIN]})
    client._NewAClient__client = go  # the Go call layer
    neonize_events.event_global_loop = None
    adapter = WhatsAppAdapter(settings, NeonizeBackend(settings, client))
    engine.add_adapter(adapter)
    sink = wa.sink(engine)
    await adapter.start(sink)
    yield Harness(client, go, adapter), sink
    await adapter.stop()


async def test_a_mild_breach_is_deleted_for_everyone_with_the_original_sender(
        wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    h.push(message("MSG1", "what a darn mess", chat=wa.group))
    event, outcome = await sink.next()
    assert isinstance(event, Message) and event.text == "what a darn mess"
    assert outcome.done[:1] == ("delete",)
    chat, revoke = h.go.named("SendMessage")[0]
    key = revoke.protocolMessage.key
    assert (chat.User, chat.Server) == ("120363000000000000", "g.us")
    assert revoke.protocolMessage.type == E.ProtocolMessage.REVOKE
    assert (key.ID, key.participant, key.fromMe) == ("MSG1", PARENT, False)
    # The parent never wrote to the bot: the nudge is a gentle note in the group instead.
    to, note = h.go.named("SendMessage")[1]
    assert to.User == "120363000000000000" and "code of conduct" in note.conversation
    assert "darn" not in note.conversation


async def test_members_who_wrote_to_the_number_get_the_notice_privately(
        wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    h.push(message("DM1", "hello, this is Parent A", chat=PARENT, group=False))
    h.push(message("MSG2", "darn it", chat=wa.group))
    await sink.next()
    sends = h.go.named("SendMessage")
    assert [s[0].User for s in sends] == ["120363000000000000", "447700900111"]
    assert h.adapter.opted_in(PARENT)
    saved = await asyncio.to_thread(Path(h.adapter.settings.optin_file).read_text)
    assert saved.count(PARENT) == 1


async def test_review_card_and_a_moderators_reply_removes_the_member(
        wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    h.push(message("MSG3", "you are an idiot", chat=wa.group))
    _, outcome = await sink.next()
    assert "review" in outcome.done
    cards = [(to, m) for to, m in h.go.named("SendMessage") if to.User == "120363000000000001"]
    assert len(cards) == 1 and "Reply to this message" in cards[0][1].conversation
    assert "idiot" in cards[0][1].conversation and "#" in cards[0][1].conversation
    card_id = f"SENT{h.go.named('SendMessage').index(cards[0]) + 1}"
    reply = E.Message(extendedTextMessage=E.ExtendedTextMessage(
        text="remove repeated insults", contextInfo=E.ContextInfo(stanzaID=card_id,
                                                                  participant=wa.bot)))
    h.push(message("MOD1", chat=wa.mods, sender=ADMIN, content=reply, name="Head"))
    _, decided = await sink.next()
    assert "remove" in decided.done, decided
    group, people, action = h.go.named("UpdateGroupParticipants")[0]
    assert group.User == "120363000000000000"
    assert [(p.User, p.Server) for p in people] == [("447700900111", "s.whatsapp.net")]
    assert action == b"remove"


async def test_a_non_moderator_cannot_answer_a_card(wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    h.push(message("MSG4", "idiot", chat=wa.group))
    await sink.next()
    h.push(message("X", "/mod 1 remove", chat=wa.mods, sender=OTHER))
    _, outcome = await sink.next()
    assert outcome.refused == "not a moderator of this group"
    assert h.go.named("UpdateGroupParticipants") == []


async def test_an_admin_replying_slash_remove_to_a_message(wired: tuple[Harness, Any],
                                                           wa: Any) -> None:
    h, sink = wired
    h.push(message("MSG5", "selling cheap phones", chat=wa.group, sender=OTHER, name="Spam"))
    await sink.next()
    reply = E.Message(extendedTextMessage=E.ExtendedTextMessage(
        text="/remove spam", contextInfo=E.ContextInfo(stanzaID="MSG5", participant=OTHER)))
    h.push(message("MOD2", chat=wa.group, sender=ADMIN, content=reply))
    _, outcome = await sink.next()
    assert outcome.done == ("delete", "remove")
    assert h.go.named("SendMessage")[0][1].protocolMessage.key.participant == OTHER
    assert h.go.named("UpdateGroupParticipants")[0][1][0].User == "447700900222"


async def test_a_message_past_the_delete_window_is_left_to_moderators(
        wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    old = int((dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).timestamp())
    h.push(message("OLD", "darn", chat=wa.group, ts=old))
    _, outcome = await sink.next()
    assert "delete the message" in outcome.recommended
    sent = h.go.named("SendMessage")
    assert all(not m.HasField("protocolMessage") for _, m in sent)  # no revoke attempted
    assert any(to.User == "120363000000000001" and "no longer lets admins delete" in
               m.conversation for to, m in sent)


async def test_deletions_are_rate_limited(wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    outcomes = []
    for n in range(5):
        h.push(message(f"R{n}", "darn", chat=wa.group, sender=f"44770090{n:04d}@s.whatsapp.net"))
        outcomes.append((await sink.next())[1])
    revokes = [m for _, m in h.go.named("SendMessage") if m.HasField("protocolMessage")]
    assert len(revokes) == 3
    assert [("delete the message" in o.recommended) for o in outcomes] == [False] * 3 + [True] * 2


async def test_captions_links_forwards_replies_and_edits_become_message_fields(
        wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    image = E.Message(imageMessage=E.ImageMessage(
        caption="see www.example.com/offer", mimetype="image/jpeg",
        contextInfo=E.ContextInfo(isForwarded=True, forwardingScore=7)))
    h.push(message("IMG", chat=wa.group, content=image))
    event, _ = await sink.next()
    assert event.attachments[0].caption == "see www.example.com/offer"
    assert event.links == ("www.example.com/offer",)
    assert event.forwarded and event.forwarded_many
    quoted = E.Message(extendedTextMessage=E.ExtendedTextMessage(
        text="I agree", contextInfo=E.ContextInfo(stanzaID="IMG", participant=PARENT)))
    h.push(message("REP", chat=wa.group, sender=OTHER, content=quoted))
    event, _ = await sink.next()
    assert event.reply_to.id == "IMG" and event.reply_to_sender.id == PARENT
    edit = E.Message(protocolMessage=E.ProtocolMessage(
        type=E.ProtocolMessage.MESSAGE_EDIT, key=MessageKey(ID="REP"),
        editedMessage=E.Message(conversation="I agree, darn")))
    h.push(message("EDIT", chat=wa.group, sender=OTHER, content=edit))
    event, _ = await sink.next()
    assert (event.ref.id, event.text, event.edited) == ("REP", "I agree, darn", True)
    assert h.go.named("SendMessage")[0][1].protocolMessage.key.ID == "REP"


async def test_joins_and_leaves_become_events_and_other_chats_are_ignored(
        wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    h.push(message("ELSE", "darn", chat="120363999999999999@g.us"))
    h.push(P.GroupInfoEvent(JID=pjid(wa.group), Sender=pjid(ADMIN), Join=[pjid(OTHER)],
                            Leave=[pjid(PARENT)], Timestamp=1_700_000_000))
    joined, _ = await sink.next()
    removed, _ = await sink.next()
    assert isinstance(joined, MemberJoined) and joined.member.id == OTHER
    assert isinstance(removed, Removal) and removed.kind is RemovalKind.KICKED
    assert removed.by is not None and removed.by.id == ADMIN
    assert h.go.named("SendMessage") == []  # the other group's "darn" was never judged


async def test_never_adds_members_and_the_session_path_goes_to_go(
        wired: tuple[Harness, Any], wa: Any, tmp_path: Path) -> None:
    h, _ = wired
    assert h.go.named("Neonize") == [str(tmp_path / "session.sqlite3").encode()]
    assert all(action != b"add" for *_, action in h.go.named("UpdateGroupParticipants"))


async def test_unreadable_events_are_skipped(wired: tuple[Harness, Any], wa: Any) -> None:
    h, sink = wired
    h.push(P.Message())  # no chat, no sender
    h.push(message("BIG", "darn " + "x" * 100_000, chat=wa.group))
    event, outcome = await sink.next()
    assert event.ref.id == "BIG" and len(event.text) == 20_000 and outcome.done
