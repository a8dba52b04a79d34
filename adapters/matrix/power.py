"""Who may do what in a room: power levels, and the creators of room version 12 and later.

From room version 12 the room's creators (the create event's sender and its
``additional_creators``) outrank everyone and are not listed in ``m.room.power_levels``; a
client that reads only the power levels (nio does) sees them at power 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

#: Room versions before creators became privileged (MSC4289, room version 12).
_CLASSIC_VERSIONS = frozenset(str(n) for n in range(1, 12))
_ACTION_DEFAULT = 50  # the spec's default for kick, ban and redact


def creators_privileged(room_version: str) -> bool:
    if room_version in _CLASSIC_VERSIONS:
        return False
    # Numbered versions from 12 on, and experimental "hydra" versions, follow the new rule.
    return not room_version.isdigit() or int(room_version) >= 12


def _int(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.lstrip("-").isdigit():  # old rooms may hold strings
        return int(value)
    return default


@attrs.frozen
class RoomPower:
    """The parts of a room's state that decide who is a moderator and what the bot may do."""

    users: Mapping[str, int] = attrs.field(factory=dict)
    users_default: int = 0
    actions: Mapping[str, int] = attrs.field(factory=dict)
    creators: frozenset[str] = frozenset()
    room_version: str = "1"

    def level(self, user_id: str) -> float:
        if user_id in self.creators and creators_privileged(self.room_version):
            return float("inf")
        return self.users.get(user_id, self.users_default)

    def needed(self, action: str) -> int:
        return self.actions.get(action, _ACTION_DEFAULT)

    def can(self, user_id: str, action: str) -> bool:
        return self.level(user_id) >= self.needed(action)

    def missing(self, user_id: str, actions: tuple[str, ...] = ("redact", "kick", "ban")
                ) -> tuple[str, ...]:
        return tuple(a for a in actions if not self.can(user_id, a))


def room_power(power_levels: Mapping[str, Any] | None,
               create_event: Mapping[str, Any] | None) -> RoomPower:
    """Build from the power-levels content and the full create event (its sender matters)."""
    levels = power_levels or {}
    create = create_event or {}
    content = create.get("content")
    content = content if isinstance(content, Mapping) else {}
    creators = set()
    if isinstance(create.get("sender"), str):
        creators.add(create["sender"])
    extra = content.get("additional_creators")
    if isinstance(extra, list):
        creators.update(u for u in extra if isinstance(u, str))
    users_raw = levels.get("users")
    users_raw = users_raw if isinstance(users_raw, Mapping) else {}
    users = {u: _int(v, 0) for u, v in users_raw.items() if isinstance(u, str)}
    actions = {a: _int(levels.get(a), _ACTION_DEFAULT) for a in ("redact", "kick", "ban")
               if a in levels}
    version = content.get("room_version", "1")
    return RoomPower(users=users, users_default=_int(levels.get("users_default"), 0),
                     actions=actions, creators=frozenset(creators),
                     room_version=version if isinstance(version, str) else "1")
