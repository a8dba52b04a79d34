"""Who may do what in a room, asked of the homeserver and trusted briefly, and what the bot
itself lacks there (too little power, an encrypted room), told to the moderators once.

A service the adapter, the sync loop and the commands share; it gets the client and a way to
post to the moderators' room, never the adapter.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from nio import AsyncClient

from civility._memo import TtlCache, WarnOnce
from civility.adapter import ActionFailed
from civility.adapters.matrix._http import api, room_path
from civility.adapters.matrix.power import RoomPower, creators_privileged, room_power
from civility.events import ChatRef, MemberRef

log = structlog.get_logger()

POWER_TTL = 30.0  # seconds a room's power levels are trusted before asking again

#: Posts a notice to the moderators' room; raises `ActionFailed` when it cannot.
TellModerators = Callable[[str], Awaitable[object]]


class Rights:
    def __init__(self, client: Callable[[], AsyncClient], *, user_id: str,
                 moderator_power: int, tell_moderators: TellModerators) -> None:
        self.client, self.user_id = client, user_id
        self.moderator_power = moderator_power
        self.tell_moderators = tell_moderators
        self._power: TtlCache[str, RoomPower] = TtlCache(POWER_TTL)
        self._creates: dict[str, dict[str, Any]] = {}  # the create event never changes
        self._warned: WarnOnce[tuple[str, str]] = WarnOnce()

    async def room_power(self, room_id: str, *, fresh: bool = False) -> RoomPower:
        return await self._power.get(room_id, lambda: self._fetch(room_id), fresh=fresh)

    async def _fetch(self, room_id: str) -> RoomPower:
        client = self.client()
        status, levels = await api(client, "GET", room_path(room_id, "state",
                                                            "m.room.power_levels"))
        if room_id not in self._creates:
            got, create = await api(client, "GET", room_path(room_id, "state", "m.room.create")
                                    + "?format=event")
            if got == 200:
                self._creates[room_id] = create
        return room_power(levels if status == 200 else {}, self._creates.get(room_id))

    async def is_moderator(self, chat: ChatRef, member: MemberRef) -> bool:
        if member.id == self.user_id:
            return False
        power = await self.room_power(chat.id)
        return power.level(member.id) >= self.moderator_power

    async def moderator_count(self, chat: ChatRef) -> int | None:
        """People at the moderators' power level in the room (creators of v12 rooms too)."""
        power = await self.room_power(chat.id)
        people = {u for u, level in power.users.items() if level >= self.moderator_power}
        if creators_privileged(power.room_version):
            people |= power.creators
        people.discard(self.user_id)
        return len(people) or None

    async def check_own_power(self, room_id: str) -> None:
        """Say once, in the log and to the moderators, what the bot is not allowed to do."""
        power = await self.room_power(room_id, fresh=True)
        for action in power.missing(self.user_id):
            await self.lacking(room_id, action)

    async def lacking(self, room_id: str, what: str) -> None:
        if not self._warned.first((room_id, what)):
            return
        if what == "read":
            log.warning("matrix_room_encrypted", room=room_id,
                        why="end-to-end encrypted rooms cannot be read, so are not moderated")
            text = (f"Civility cannot read {room_id}: the room is end-to-end encrypted. "
                    "Messages there are not moderated.")
        else:
            log.warning("matrix_bot_lacks_power", room=room_id, action=what)
            text = (f"Civility cannot {what} in {room_id}: please give the bot a higher power "
                    "level there (Room settings → Roles & Permissions).")
        try:
            await self.tell_moderators(text)
        except ActionFailed as exc:
            self._warned.forget((room_id, what))  # say it when the room can be reached
            log.error("moderators_unreachable", error=str(exc))

    async def refused(self, room_id: str, action: str, reply: Any) -> ActionFailed:
        """The error for a refused call; a refusal for want of power is told once, and the
        room's power levels are asked again next time."""
        code = getattr(reply, "status_code", "") or ""
        if code == "M_FORBIDDEN":
            self._power.forget(room_id)
            await self.lacking(room_id, action)
        return ActionFailed(f"Matrix refused to {action}: {code} {getattr(reply, 'message', '')}")
