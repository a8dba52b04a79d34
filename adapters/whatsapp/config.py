"""The ``[whatsapp]`` table: back-end, groups, moderators and the limits on destructive actions."""

from __future__ import annotations

from pathlib import Path

import attrs

from civility.adapter import Secret, Table
from civility.config import Mode, chat_mode

BACKENDS = ("neonize", "gateway")
KEYS = ("backend", "session", "qr_png", "groups", "group", "moderators_group", "moderators",
        "delete_window_hours", "max_deletes_per_minute", "max_removals_per_hour", "optin_file",
        "admin_cache_seconds", "gateway_url", "gateway_user", "gateway_password",
        "gateway_device", "webhook_secret", "webhook_listen", "webhook_port", "webhook_path")


@attrs.frozen
class GroupSettings:
    id: str
    #: Policy plugins for this group; empty means the config's default.
    policy: tuple[str, ...] = ()
    #: This group's own ``mode`` ("advise" or "live"); None: ``[policy] mode``.
    mode: Mode | None = None


@attrs.frozen
class GatewaySettings:
    url: str
    user: Secret | None
    password: Secret | None
    device: str
    webhook_secret: Secret
    listen: str
    port: int
    path: str


@attrs.frozen
class WhatsAppSettings:
    backend: str
    groups: tuple[GroupSettings, ...]
    moderators_group: str
    #: Extra moderator ids (phone-number JIDs) besides the groups' admins.
    moderators: tuple[str, ...] = ()
    session: Path = Path("whatsapp-session.sqlite3")
    qr_png: Path = Path("whatsapp-qr.png")
    #: WhatsApp lets admins delete for everyone only for a while (about two days).
    delete_window_hours: float = 48.0
    max_deletes_per_minute: int = 20
    max_removals_per_hour: int = 5
    #: Members who wrote to the bot's number privately (the only ones it may message privately).
    optin_file: Path = Path("whatsapp-optins.json")
    admin_cache_seconds: int = 120
    gateway: GatewaySettings | None = None

    @property
    def group_ids(self) -> frozenset[str]:
        return frozenset(g.id for g in self.groups)


def _jid(value: str, table: Table, key: str, server: str) -> str:
    if "@" not in value:
        raise table.error(key, f'a WhatsApp id like "120363000000000000@{server}"', value)
    return value


def _groups(table: Table) -> tuple[GroupSettings, ...]:
    groups = [GroupSettings(_jid(g, table, "groups", "g.us"))
              for g in table.ids("groups", [])]
    for sub in table.tables("group"):
        sub.no_other_keys("id", "policy", "mode")
        groups.append(GroupSettings(_jid(sub.chat_id("id"), sub, "id", "g.us"),
                                    tuple(sub.strings("policy", [])), chat_mode(sub)))
    if not groups:
        raise table.error("groups", "at least one group id (groups = [...] or [[whatsapp.group]])")
    return tuple(groups)


def read_config(table: Table) -> WhatsAppSettings:
    table.no_other_keys(*KEYS)
    backend = table.str("backend", "neonize", choices=BACKENDS)
    session = Path(table.str("session", "whatsapp-session.sqlite3"))
    gateway = None
    if backend == "gateway":
        port = table.int("webhook_port", 8090, minimum=1)
        if port > 65535:
            raise table.error("webhook_port", "a port number up to 65535", port)
        gateway = GatewaySettings(
            url=table.str("gateway_url", "http://127.0.0.1:3000").rstrip("/"),
            user=table.secret("gateway_user", required=False),
            password=table.secret("gateway_password", required=False),
            device=table.str("gateway_device", ""),
            webhook_secret=table.secret("webhook_secret"),  # type: ignore[arg-type]
            listen=table.str("webhook_listen", "127.0.0.1"),
            port=port, path=table.str("webhook_path", "/webhook"))
    return WhatsAppSettings(
        backend=backend, groups=_groups(table),
        moderators_group=_jid(table.str("moderators_group"), table, "moderators_group", "g.us"),
        moderators=tuple(table.strings("moderators", [])),
        session=session,
        qr_png=Path(table.str("qr_png", str(session.with_name("whatsapp-qr.png")))),
        delete_window_hours=table.float("delete_window_hours", 48.0, minimum=0.0),
        max_deletes_per_minute=table.int("max_deletes_per_minute", 20, minimum=1),
        max_removals_per_hour=table.int("max_removals_per_hour", 5, minimum=1),
        optin_file=Path(table.str("optin_file",
                                  str(session.with_name("whatsapp-optins.json")))),
        admin_cache_seconds=table.int("admin_cache_seconds", 120, minimum=0),
        gateway=gateway,
    )
