"""The Matrix adapter: matrix-nio's client, our sync loop, and the moderation actions.

The bot acts with its own power level in each room (redact, kick, ban); it reaches members
privately in a direct room it creates once and reuses, and asks moderators in their own room
with review cards they answer by reaction or reply.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import aiohttp
import structlog
from nio import (
    AsyncClient,
    AsyncClientConfig,
    LoginError,
    RoomCreateError,
    RoomPreset,
    WhoamiError,
)

from civility.adapter import (
    ActionFailed,
    Backoff,
    BaseAdapter,
    EventSink,
    ReviewRequest,
    UnsupportedAction,
)
from civility.adapters._images import announce_ocr
from civility.adapters.matrix._http import api, room_path
from civility.adapters.matrix.commands import Actions
from civility.adapters.matrix.config import MatrixSettings, MatrixStartError
from civility.adapters.matrix.convert import PLATFORM, REACTIONS
from civility.adapters.matrix.inbound import Inbound
from civility.adapters.matrix.reports import poll_forever
from civility.adapters.matrix.rights import Rights
from civility.adapters.matrix.state import State
from civility.config import Mode
from civility.events import ChatRef, MemberRef, MessageRef, ReviewChoice

if TYPE_CHECKING:
    from civility.engine import Engine

log = structlog.get_logger()

_BUTTONS = {choice: key for key, choice in REACTIONS.items()}
_SHOWN = {"🗑": "🗑️", "⚠": "⚠️"}  # with the emoji variation selector, as clients send them


#: The homeserver cannot be reached (yet): tried again at start, ever more slowly.
_UNREACHABLE = (aiohttp.ClientConnectionError, TimeoutError, OSError)


class MatrixAdapter(BaseAdapter):
    platform = PLATFORM

    def __init__(self, settings: MatrixSettings, *, timeline_limit: int = 50,
                 sync_timeout_ms: int = 30_000) -> None:
        self.settings = settings
        self.state = State.load(settings.state_file)
        self.client: AsyncClient | None = None
        self.closed = asyncio.Event()
        self.rights = Rights(self._nio, user_id=settings.user_id,
                             moderator_power=settings.moderator_power,
                             tell_moderators=lambda text: self._send(settings.moderators_room, text))
        actions = Actions(
            tell_privately=lambda member, text, chat: self.send_private(member, text, chat=chat),
            redact=self.delete_message,
            post=lambda chat, text, reply_to: self.send_to_chat(chat, text, reply_to=reply_to),
            is_moderator=self.is_moderator)
        self.inbound = Inbound(client=self._nio, settings=settings, state=self.state,
                               rights=self.rights, actions=actions, closed=self.closed,
                               timeline_limit=timeline_limit, sync_timeout_ms=sync_timeout_ms)
        self._reports: asyncio.Task[None] | None = None

    # -- lifecycle ----------------------------------------------------------------------

    def attach(self, engine: Engine) -> None:
        """A private "I agree" looks up the rooms the member waits in (the gate's store)."""
        self.inbound.gate_waiting = engine.store.gate_waiting

    @property
    def user_id(self) -> str:
        return self.settings.user_id

    @property
    def nio(self) -> AsyncClient:
        return self._nio()

    def _nio(self) -> AsyncClient:
        if self.client is None:
            raise ActionFailed("the Matrix adapter is not started")
        return self.client

    async def start(self, sink: EventSink) -> None:
        """Log in and make the first sync; while the homeserver cannot be reached, try again
        with a back-off and one log line each time (``matrix_unreachable``)."""
        announce_ocr(PLATFORM)
        backoff = Backoff(1.0, 60.0)
        while True:
            try:
                self.client = await self._login()
                await self.inbound.start(sink)
                break
            except _UNREACHABLE as exc:
                if self.client is not None:
                    await self.client.close()
                    self.client = None
                wait = backoff.next()
                log.error("matrix_unreachable", homeserver=self.settings.homeserver,
                          retry_in=wait, error=type(exc).__name__)
                await asyncio.sleep(wait)
        # Connected: from now on nio waits out a dropped connection by itself.
        assert self.client is not None
        self.client.config = dataclasses.replace(self.client.config, max_timeouts=None)
        if self.settings.admin_reports:
            self._reports = asyncio.create_task(poll_forever(
                self._nio, self.inbound, self.settings.report_poll_seconds))

    async def _login(self) -> AsyncClient:
        s = self.settings
        # max_timeouts=0: a homeserver that does not answer raises at once (start tries again)
        config = AsyncClientConfig(encryption_enabled=False, store_sync_tokens=False,
                                   request_timeout=60, max_timeouts=0)
        client = AsyncClient(s.homeserver, s.user_id, device_id=self.state.device_id or "",
                             config=config)
        try:
            if s.access_token is not None:
                client.access_token = s.access_token.reveal()
                who = await client.whoami()
                if isinstance(who, WhoamiError) or who.user_id != s.user_id:
                    got = getattr(who, "user_id", "") or getattr(who, "message", "")
                    raise MatrixStartError(f"the access token does not log in as {s.user_id} ({got})")
                client.restore_login(who.user_id, who.device_id or "", s.access_token.reveal())
            else:
                assert s.password is not None
                reply = await client.login(s.password.reveal(), device_name=s.device_name)
                if isinstance(reply, LoginError):
                    raise MatrixStartError(f"password login as {s.user_id} failed: {reply.message}")
        except BaseException:
            await client.close()
            raise
        self.state.device_id = client.device_id
        log.info("matrix_logged_in", user=s.user_id, device=client.device_id)
        return client

    async def stop(self) -> None:
        if self._reports is not None:
            self._reports.cancel()
        await self.inbound.stop()
        if self.client is not None:
            await self.client.close()
        self.closed.set()

    async def wait_closed(self) -> None:
        await self.closed.wait()

    def chat_policies(self) -> Mapping[str, Sequence[str]]:
        return {f"{PLATFORM}:{r.id}": r.policies for r in self.settings.rooms if r.policies}

    def chat_modes(self) -> Mapping[str, Mode]:
        return {f"{PLATFORM}:{r.id}": r.mode for r in self.settings.rooms if r.mode}

    # -- power ----------------------------------------------------------------------------

    async def is_moderator(self, chat: ChatRef, member: MemberRef) -> bool:
        return await self.rights.is_moderator(chat, member)

    async def moderator_count(self, chat: ChatRef) -> int | None:
        return await self.rights.moderator_count(chat)

    # -- the school's rooms (issue 14): carrying a removal to the other rooms -----------------

    def school_groups(self) -> tuple[ChatRef, ...]:
        rooms = self.client.rooms if self.client is not None else {}
        return tuple(ChatRef(PLATFORM, r.id, rooms[r.id].display_name if r.id in rooms else "")
                     for r in self.settings.rooms)

    async def can_remove(self, chat: ChatRef, member: MemberRef) -> bool:
        """The bot may kick there (its power level reaches the room's kick level and is above
        the member's) and the member has joined the room (asked of the homeserver). When
        unsure: False."""
        if chat.id not in self.settings.room_ids or member.id == self.user_id:
            return False
        try:
            power = await self.rights.room_power(chat.id)
            if not power.can(self.user_id, "kick") or \
                    power.level(self.user_id) <= power.level(member.id):
                return False
            status, content = await api(self.nio, "GET", room_path(
                chat.id, "state", "m.room.member", member.id))
        except (ActionFailed, *_UNREACHABLE) as exc:
            log.info("matrix_membership_unknown", room=chat.id, error=type(exc).__name__)
            return False
        return status == 200 and content.get("membership") == "join"

    # -- actions ------------------------------------------------------------------------

    async def delete_message(self, message: MessageRef) -> None:
        room = message.chat.id
        reply = await self.nio.room_redact(room, message.id, reason="Removed by Civility")
        if not hasattr(reply, "event_id"):
            raise await self.rights.refused(room, "redact", reply)

    async def remove_member(self, chat: ChatRef, member: MemberRef, *, ban: bool = False,
                            reason: str = "") -> None:
        why = reason or "Removed by the group's moderators"
        if ban:
            reply = await self.nio.room_ban(chat.id, member.id, reason=why)
        else:
            reply = await self.nio.room_kick(chat.id, member.id, reason=why)
        if type(reply).__name__.endswith("Error"):
            raise await self.rights.refused(chat.id, "ban" if ban else "kick", reply)

    async def readmit_member(self, chat: ChatRef, member: MemberRef) -> None:
        """Lift a ban (if any) and invite the member back into the room."""
        await self.nio.room_unban(chat.id, member.id)  # not banned (only kicked): no matter
        reply = await self.nio.room_invite(chat.id, member.id)
        if type(reply).__name__.endswith("Error"):
            raise await self.rights.refused(chat.id, "invite", reply)

    async def mute_member(self, chat: ChatRef, member: MemberRef, until: dt.datetime) -> None:
        raise UnsupportedAction(PLATFORM, "mute a member",
                                "Matrix has no timed mute; lower their power level by hand")

    async def _send(self, room_id: str, text: str, *, reply_to: str | None = None,
                    notice: bool = True) -> str:
        content: dict[str, Any] = {"msgtype": "m.notice" if notice else "m.text", "body": text}
        if reply_to:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        reply = await self.nio.room_send(room_id, "m.room.message", content,
                                         ignore_unverified_devices=True)
        if not hasattr(reply, "event_id"):
            raise await self.rights.refused(room_id, "post", reply)
        event_id: str = reply.event_id
        return event_id

    async def send_to_chat(self, chat: ChatRef, text: str, *,
                           reply_to: MessageRef | None = None) -> None:
        await self._send(chat.id, text, reply_to=reply_to.id if reply_to else None)

    async def direct_room(self, user_id: str) -> str:
        """The direct room with a member: the one made before while they are still in it."""
        known = self.state.dm_rooms.get(user_id)
        room = self.nio.rooms.get(known) if known else None
        # Not yet synced (just made) counts as usable; a room they left does not.
        if known and (room is None or user_id in room.users):
            return known
        reply = await self.nio.room_create(is_direct=True, invite=[user_id],
                                           preset=RoomPreset.trusted_private_chat)
        if isinstance(reply, RoomCreateError):
            raise UnsupportedAction(PLATFORM, "message a member privately",
                                    f"{reply.status_code} {reply.message}")
        room_id: str = reply.room_id
        self.state.dm_rooms[user_id] = room_id
        self.state.save()
        return room_id

    async def send_private(self, member: MemberRef, text: str, *, chat: ChatRef) -> None:
        room_id = await self.direct_room(member.id)
        try:
            await self._send(room_id, text)
        except ActionFailed as exc:
            self.state.dm_rooms.pop(member.id, None)  # make a new one next time
            raise UnsupportedAction(PLATFORM, "message a member privately", str(exc)) from exc

    def moderators_chats(self) -> dict[str, tuple[str, ...]]:
        room = self.settings.moderators_room
        return {room: tuple(sorted(self.settings.room_ids))} if room else {}

    async def send_to_moderators(self, moderators_chat: str, text: str) -> None:
        await self._send(moderators_chat, text)

    async def notify_moderators(self, chat: ChatRef, review: ReviewRequest) -> None:
        choices = [c for c in review.choices if c in _BUTTONS]
        buttons = " · ".join(f"{_SHOWN.get(_BUTTONS[c], _BUTTONS[c])} {c.value}" for c in choices)
        text = (f"{review.render_text()}\n\nReact {buttons}, or reply to this message with "
                f"{' / '.join(c.value for c in choices)} (and a note if you like).")
        room = self.settings.moderators_room
        card = await self._send(room, text)
        self.state.add_card(card, review.incident_id)
        self.state.save()
        await asyncio.gather(*(self._react(room, card, c) for c in choices))

    async def _react(self, room_id: str, event_id: str, choice: ReviewChoice) -> None:
        key = _BUTTONS[choice]
        content = {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id,
                                    "key": _SHOWN.get(key, key)}}
        reply = await self.nio.room_send(room_id, "m.reaction", content)
        if not hasattr(reply, "event_id"):
            log.warning("matrix_reaction_failed", room=room_id)
