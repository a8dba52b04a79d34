"""The WhatsApp adapter: one policy layer over two back-ends (neonize, or a GOWA gateway).

It keeps what WhatsApp itself does not tell a bot: which messages it has seen (to know their
sender and age), who wrote to the bot's number (the only members it may message privately) and
which review card answers which incident. Destructive actions are rate-limited, members are never
added, and anything the back-end cannot do is left to a moderator.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import structlog

from civility._gate import Waiting, agree_in_private
from civility._memo import Recent, TtlCache
from civility.adapter import (
    ActionFailed,
    BaseAdapter,
    EventSink,
    RetryLater,
    ReviewRequest,
    UnsupportedAction,
    durable,
    failure,
)
from civility.adapters.whatsapp import commands
from civility.adapters.whatsapp._backend import Backend, GroupMembers
from civility.adapters.whatsapp._limits import RateLimit
from civility.adapters.whatsapp.commands import CARD_HELP, Command, group_command, quiet_tell
from civility.adapters.whatsapp.config import WhatsAppSettings
from civility.adapters.whatsapp.convert import PLATFORM, Incoming
from civility.config import Mode
from civility.events import (
    ChatRef,
    Event,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    Removal,
)
from civility.moderation import Primitives
from civility.store import GateEntry
from civility.verdicts import Outcome

if TYPE_CHECKING:
    from civility.engine import Engine

log = structlog.get_logger()


class WhatsAppAdapter(BaseAdapter):
    platform = PLATFORM

    def __init__(self, settings: WhatsAppSettings, backend: Backend, *,
                 clock: Callable[[], dt.datetime] | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings
        self.backend = backend
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._sink: EventSink | None = None
        self._deletes = RateLimit(settings.max_deletes_per_minute, 60.0, monotonic)
        self._removals = RateLimit(settings.max_removals_per_hour, 3600.0, monotonic)
        #: message id → (time, sender id, sender name, text) of recently seen group messages.
        self._seen: Recent[str, tuple[dt.datetime, str, str, str]] = Recent(50_000)
        self._cards: Recent[str, int] = Recent(5_000)  # review card message id → incident
        self._aliases: Recent[str, str] = Recent(50_000)  # LID ↔ phone-number id of a member
        #: Each group's admins and participants, asked of WhatsApp and trusted briefly.
        self._members: TtlCache[str, GroupMembers] = TtlCache(settings.admin_cache_seconds,
                                                              clock=monotonic)
        self._optins: set[str] = self._load_optins()
        #: A member's waiting gate entries (the store's, once `attach` binds it).
        self.gate_waiting: Waiting = _never_waiting
        self._own: frozenset[str] = frozenset()  # the linked number's ids, once known

    # -- lifecycle ----------------------------------------------------------------------

    def attach(self, engine: Engine) -> None:
        """A private "I agree" looks up the groups the member waits in (the gate's store)."""
        self.gate_waiting = engine.store.gate_waiting

    async def start(self, sink: EventSink) -> None:
        self._sink = sink
        await self.backend.start(self._receive)
        log.info("whatsapp_started", backend=self.backend.name,
                 groups=len(self.settings.groups))

    async def stop(self) -> None:
        await self.backend.stop()

    async def wait_closed(self) -> None:
        await self.backend.wait_closed()

    def chat_policies(self) -> Mapping[str, Sequence[str]]:
        return {ChatRef(PLATFORM, g.id).key: g.policy for g in self.settings.groups if g.policy}

    def chat_modes(self) -> Mapping[str, Mode]:
        return {ChatRef(PLATFORM, g.id).key: g.mode for g in self.settings.groups if g.mode}

    # -- intake -------------------------------------------------------------------------

    async def _receive(self, incoming: Incoming) -> None:
        """Route one converted event. Raises only `RetryLater` (the event was not durably
        recorded: the back-end must not acknowledge it); any other failure is logged and
        the event skipped, so a bad event cannot stop the rest."""
        try:
            await self._route(incoming)
        except RetryLater:
            raise
        except Exception as exc:
            log.error("whatsapp_event_failed", **failure(exc))

    async def _give(self, event: Event) -> Outcome:
        """Hand an event to the engine; `RetryLater` when it was not durably recorded."""
        assert self._sink is not None
        return durable(await self._sink(event))

    async def _route(self, incoming: Incoming) -> None:
        assert self._sink is not None
        event = incoming.event
        if isinstance(event, Message) and incoming.sender_alt:
            self._aliases.put(event.sender.id, incoming.sender_alt)
            self._aliases.put(incoming.sender_alt, event.sender.id)
        if incoming.private:
            if isinstance(event, Message):
                self._opt_in(event.sender.id, incoming.sender_alt)
                await self._private_message(event)
            return
        chat = getattr(event, "chat", None)
        if not isinstance(chat, ChatRef):
            return
        if chat.id == self.settings.moderators_group:
            if isinstance(event, Message):
                await self._moderators_message(event)
            return
        if chat.id not in self.settings.group_ids:
            return
        chat = self._titled(chat)
        if isinstance(event, Removal | MemberJoined):
            self._members.forget(chat.id)  # joins and leaves change who is an admin
            await self._give(_with_chat(event, chat))
            return
        if not isinstance(event, Message):
            return
        event = self._complete(event, chat)
        command = group_command(event.text) if event.reply_to else None
        if command is not None and event.reply_to is not None:
            await self._group_command(event, command)
            return
        self._seen.put(event.ref.id, (event.time, event.sender.id, event.sender.label,
                                      event.all_text[:300]))
        await self._give(event)

    def _titled(self, chat: ChatRef) -> ChatRef:
        return ChatRef(PLATFORM, chat.id, chat.title or self._title(chat.id))

    def _title(self, chat_id: str) -> str:
        cached = self._members.peek(chat_id)
        return cached.name if cached else ""

    def _complete(self, message: Message, chat: ChatRef) -> Message:
        """Fill in what the back-end left out: the chat title, a quoted message's sender."""
        ref = MessageRef(chat, message.ref.id, message.sender)
        reply_to, reply_sender = message.reply_to, message.reply_to_sender
        if reply_to is not None:
            seen = self._seen.get(reply_to.id)
            if reply_sender is None and seen is not None:
                reply_sender = MemberRef(PLATFORM, seen[1], seen[2])
            reply_to = MessageRef(chat, reply_to.id, reply_sender)
        return attrs.evolve(message, ref=ref, reply_to=reply_to, reply_to_sender=reply_sender)

    async def _group_command(self, message: Message, command: Command) -> None:
        assert self._sink is not None and message.reply_to is not None
        target, seen = message.reply_to, self._seen.get(message.reply_to.id)
        reported = None
        if seen is not None and target.sender is not None:
            reported = Message(ref=target, sender=target.sender, text=seen[3], time=seen[0])

        async def take_down() -> None:  # only a member's report: deletions are rate-limited
            if command.member_report:
                await self.backend.revoke(message.chat.id, message.sender.id, message.ref.id)

        io = Primitives(self._give, quiet_tell(lambda m, t: self.send_private(m, t, chat=message.chat)),
                        self.is_moderator, take_down)
        await commands.in_group(io, message, command, reported)

    async def _moderators_message(self, message: Message) -> None:
        assert self._sink is not None
        card = self._cards.get(message.reply_to.id) if message.reply_to is not None else None

        async def reply(text: str) -> None:
            with contextlib.suppress(Exception):
                await self._post(self.settings.moderators_group, text)

        await commands.in_moderators_group(self._give, reply, message, card)

    async def _private_message(self, message: Message) -> None:
        """A member's private message: "I agree" (the acknowledgement gate, for each group
        they wait in), or an answer to a private notice ("appeal"), in the core's words."""
        async def tell(text: str) -> None:
            with contextlib.suppress(Exception):
                await self.send_private(message.sender, text, chat=message.chat)

        alias = self._aliases.get(message.sender.id) or ""
        also = (MemberRef(PLATFORM, alias, message.sender.display_name),) if alias else ()
        if await agree_in_private(
                self._give, tell, waiting=self.gate_waiting, member=message.sender,
                text=message.text, time=message.time, also=also,
                name_of=lambda c: self._title(c.id) if c.id in self.settings.group_ids else None):
            return
        await commands.in_private(self._give, tell, message, alias)

    async def moderator_count(self, chat: ChatRef) -> int | None:
        """The group's admins, the moderators' group and the configured moderators."""
        admins = (await self._group_members(chat.id)).admins
        team = (await self._group_members(self.settings.moderators_group)).participants \
            if self.settings.moderators_group else frozenset()
        found = len(set(admins) | set(team) | set(self.settings.moderators))
        return found or None

    # -- opt-ins for private notices ------------------------------------------------------

    def _load_optins(self) -> set[str]:
        try:
            data = json.loads(Path(self.settings.optin_file).read_text(encoding="utf-8"))
            return {str(x) for x in data} if isinstance(data, list) else set()
        except (OSError, ValueError):
            return set()

    def _opt_in(self, *ids: str) -> None:
        new = {i for i in ids if i} - self._optins
        if not new:
            return
        self._optins |= new
        try:
            path = Path(self.settings.optin_file)
            path.write_text(json.dumps(sorted(self._optins)), encoding="utf-8")
        except OSError as exc:
            log.warning("optins_not_saved", error=str(exc))

    def opted_in(self, member_id: str) -> bool:
        return member_id in self._optins or (self._aliases.get(member_id) or "") in self._optins

    # -- actions ------------------------------------------------------------------------

    async def _post(self, to: str, text: str, reply_to: str = "", reply_sender: str = "") -> str:
        try:
            return await self.backend.send(to, text, reply_to=reply_to, reply_sender=reply_sender)
        except ActionFailed:
            raise
        except Exception as exc:
            raise ActionFailed(f"sending failed: {exc}") from exc

    async def delete_message(self, message: MessageRef) -> None:
        seen = self._seen.get(message.id)
        sender = message.sender.id if message.sender else (seen[1] if seen else "")
        if not sender:
            raise ActionFailed("unknown sender: WhatsApp needs it to delete for everyone")
        if seen is not None:
            age = self.clock() - seen[0]
            if age > dt.timedelta(hours=self.settings.delete_window_hours):
                hours = round(age.total_seconds() / 3600)
                with contextlib.suppress(Exception):
                    await self._post(self.settings.moderators_group, (
                        f"A flagged message in {message.chat.title or message.chat.id} is "
                        f"{hours} hours old: WhatsApp no longer lets admins delete it for "
                        "everyone. Please ask the sender to delete it, or leave it."))
                raise UnsupportedAction(PLATFORM, "delete the message",
                                        f"older than {self.settings.delete_window_hours:g} h")
        if not self._deletes.take():
            raise UnsupportedAction(PLATFORM, "delete the message",
                                    "rate limit for deletions reached")
        await self.backend.revoke(message.chat.id, sender, message.id)
        log.info("whatsapp_deleted", chat=message.chat.id)

    async def remove_member(self, chat: ChatRef, member: MemberRef, *, ban: bool = False,
                            reason: str = "") -> None:
        if not self._removals.take():
            raise UnsupportedAction(PLATFORM, "remove a member", "rate limit for removals reached")
        await self.backend.remove(chat.id, member.id)
        self._members.forget(chat.id)

    async def send_to_chat(self, chat: ChatRef, text: str, *,
                           reply_to: MessageRef | None = None) -> None:
        await self._post(chat.id, text, reply_to.id if reply_to else "",
                         reply_to.sender.id if reply_to and reply_to.sender else "")

    async def send_private(self, member: MemberRef, text: str, *, chat: ChatRef) -> None:
        # Messaging people who never wrote to the number can get it restricted.
        if not self.opted_in(member.id):
            raise UnsupportedAction(PLATFORM, "message a member privately",
                                    "they have not written to the moderation number")
        to = member.id if member.id in self._optins else (self._aliases.get(member.id) or member.id)
        await self._post(to, text)

    def moderators_chats(self) -> dict[str, tuple[str, ...]]:
        group = self.settings.moderators_group
        return {group: tuple(sorted(self.settings.group_ids))} if group else {}

    async def send_to_moderators(self, moderators_chat: str, text: str) -> None:
        await self._post(moderators_chat, text)

    async def notify_moderators(self, chat: ChatRef, review: ReviewRequest) -> None:
        text = review.render_text() + "\n\n" + CARD_HELP.format(id=review.incident_id)
        card_id = await self._post(self.settings.moderators_group, text)
        if card_id:
            self._cards.put(card_id, review.incident_id)

    async def is_moderator(self, chat: ChatRef, member: MemberRef) -> bool:
        ids = {member.id, self._aliases.get(member.id) or ""} - {""}
        if ids & set(self.settings.moderators):
            return True
        for group in (chat.id, self.settings.moderators_group):
            members = await self._group_members(group)
            pool = members.participants if group == self.settings.moderators_group \
                else members.admins
            if ids & pool:
                return True
        return False

    # -- the school's groups (issue 14): carrying a removal to the other groups -------------

    def school_groups(self) -> tuple[ChatRef, ...]:
        return tuple(self._titled(ChatRef(PLATFORM, g.id)) for g in self.settings.groups)

    async def can_remove(self, chat: ChatRef, member: MemberRef) -> bool:
        """The linked number is an admin of the group and the member a participant (both from
        the group's members, asked of WhatsApp and trusted briefly). When unsure: False."""
        if chat.id not in self.settings.group_ids:
            return False
        if not self._own:
            try:
                self._own = await asyncio.wait_for(self.backend.own_ids(), 30)
            except Exception as exc:  # not known yet: asked again next time
                log.info("whatsapp_own_id_unknown", error=type(exc).__name__)
                return False
        members = await self._group_members(chat.id)
        them = {member.id, self._aliases.get(member.id) or ""} - {""}
        return bool(self._own & members.admins) and bool(them & members.participants)

    async def _group_members(self, chat_id: str) -> GroupMembers:
        try:
            return await self._members.get(
                chat_id, lambda: asyncio.wait_for(self.backend.members(chat_id), 30))
        except Exception as exc:  # not cached: the next check asks again
            log.warning("whatsapp_members_unavailable", chat=chat_id, error=repr(exc))
            return GroupMembers(frozenset(), frozenset())


def _with_chat(event: Removal | MemberJoined, chat: ChatRef) -> Removal | MemberJoined:
    return attrs.evolve(event, chat=chat)


async def _never_waiting(member_key: str) -> Sequence[GateEntry]:
    return ()
