"""The ``[matrix]`` table of the config file."""

from __future__ import annotations

from pathlib import Path

import attrs

from civility.adapter import ConfigError, Secret, Table
from civility.config import Mode, chat_mode

KEYS = ("homeserver", "user_id", "access_token", "password", "device_name", "rooms", "room",
        "moderators_room", "moderator_power", "state_file", "admin_reports",
        "report_poll_seconds")


@attrs.frozen
class RoomSettings:
    id: str
    #: Policy plugins for this room; empty: the configured default.
    policies: tuple[str, ...] = ()
    #: This room's own ``mode`` ("advise" or "live"); None: ``[policy] mode``.
    mode: Mode | None = None


@attrs.frozen
class MatrixSettings:
    homeserver: str
    user_id: str
    access_token: Secret | None = None
    password: Secret | None = None
    device_name: str = "Civility"
    rooms: tuple[RoomSettings, ...] = ()
    moderators_room: str = ""
    #: Power level from which a member counts as a moderator (Element's "Moderator" is 50).
    moderator_power: int = 50
    state_file: Path = Path("matrix-state.json")
    #: Poll Synapse's admin API for the platform's own reports (the bot must be a server admin).
    admin_reports: bool = False
    report_poll_seconds: float = 30.0

    @property
    def room_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rooms)

    @property
    def joinable(self) -> frozenset[str]:
        """Rooms the bot accepts invites to: the moderated rooms and the moderators' room."""
        return self.room_ids | {self.moderators_room}


def _room_id(table: Table, key: str, value: str) -> str:
    # Room ids start with "!"; aliases ("#name:server") would need resolving first.
    if not value.startswith("!"):
        raise table.error(key, 'a room id starting with "!" (Room settings → Advanced)', value)
    return value


def read_settings(table: Table) -> MatrixSettings:
    table.no_other_keys(*KEYS)
    homeserver = table.str("homeserver").rstrip("/")
    if not homeserver.startswith(("https://", "http://")):
        raise table.error("homeserver", "an https:// address", homeserver)
    user_id = table.str("user_id")
    if not user_id.startswith("@") or ":" not in user_id:
        raise table.error("user_id", "a full Matrix id like @civility:example.org", user_id)
    token = table.secret("access_token", required=False)
    password = table.secret("password", required=False)
    if (token is None) == (password is None):
        raise table.error("access_token", 'either access_token or password ("env:NAME"), not both')
    rooms = [RoomSettings(_room_id(table, "rooms", r)) for r in table.strings("rooms", [])]
    for sub in table.tables("room"):
        sub.no_other_keys("id", "policy", "mode")
        rooms.append(RoomSettings(_room_id(sub, "id", sub.str("id")),
                                  tuple(sub.strings("policy", [])), chat_mode(sub)))
    if not rooms:
        raise table.error("rooms", "at least one room to moderate (rooms = [...] or [[matrix.room]])")
    moderators_room = _room_id(table, "moderators_room", table.str("moderators_room"))
    if moderators_room in {r.id for r in rooms}:
        raise table.error("moderators_room", "a room of its own, not one of the moderated rooms")
    return MatrixSettings(
        homeserver=homeserver, user_id=user_id, access_token=token, password=password,
        device_name=table.str("device_name", "Civility"), rooms=tuple(rooms),
        moderators_room=moderators_room,
        moderator_power=table.int("moderator_power", 50, minimum=1),
        state_file=Path(table.str("state_file", "matrix-state.json")),
        admin_reports=table.bool("admin_reports", False),
        report_poll_seconds=table.float("report_poll_seconds", 30.0, minimum=0.05),
    )


class MatrixStartError(ConfigError):
    """The bot could not log in (wrong token or password, wrong user id): a configuration
    error, told in one line by `civility run`."""

    def __init__(self, why: str) -> None:
        Exception.__init__(self, f"[matrix] {why}")
        self.file, self.key, self.expected = "", "matrix", why
        self.detail, self.errors = f"[matrix] {why}", (self,)  # as any ConfigError
