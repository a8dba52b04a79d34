"""The ``[telegram]`` table of the config file, read once at start-up.

Errors name the file and the key (through `Table`), so a school office can fix them alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import attrs

from civility.adapter import Secret, Table
from civility.config import Mode, chat_mode

#: Telegram accepts 1-256 characters of A-Z, a-z, 0-9, _ and - as a webhook secret token.
_SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MODES = ("polling", "webhook")


@attrs.frozen
class GroupConfig:
    """One parent group the bot moderates."""

    id: str
    #: Policy plugins for this group; empty: the `[policy] plugins` default.
    policy: tuple[str, ...] = ()
    #: Where this group's review cards go (the top-level ``moderators_chat`` when empty).
    moderators_chat: str = ""
    #: This group's own ``mode`` ("advise" or "live"); None: ``[policy] mode``.
    mode: Mode | None = None
    #: The group's name as the config file gives it (a note for humans; the school's
    #: other groups are named by it when a removal is offered there).
    title: str = ""


@attrs.frozen
class TelegramConfig:
    token: Secret
    groups: tuple[GroupConfig, ...]
    moderators_chat: str = ""
    base_url: str = "https://api.telegram.org/bot"
    mode: str = "polling"
    poll_timeout: int = 30
    state_file: Path = Path("telegram-offset.json")
    admin_cache_seconds: int = 60
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: Secret | None = None
    #: The most attempts for one Bot API call answered 429 (each waits `retry_after`).
    max_retries: int = 5
    #: The config file, for error messages.
    source: str = ""

    @property
    def base_file_url(self) -> str:
        # Files live beside the methods: https://api.telegram.org/file/bot<token>/...
        root, sep, _ = self.base_url.rpartition("/bot")
        return f"{root}/file/bot" if sep else self.base_url.rstrip("/") + "/file/bot"

    @property
    def webhook_path(self) -> str:
        return urlsplit(self.webhook_url).path or "/"

    def group(self, chat_id: str) -> GroupConfig | None:
        return next((g for g in self.groups if g.id == chat_id), None)

    def moderators_chat_for(self, chat_id: str) -> str:
        group = self.group(chat_id)
        return (group.moderators_chat if group else "") or self.moderators_chat

    @property
    def moderators_chats(self) -> frozenset[str]:
        return frozenset(c for c in [self.moderators_chat, *(g.moderators_chat
                                                            for g in self.groups)] if c)


KEYS = ("token", "base_url", "mode", "poll_timeout", "state_file", "admin_cache_seconds",
        "webhook_url", "webhook_listen", "webhook_port", "webhook_secret", "moderators_chat",
        "groups", "group", "max_retries")


def _groups(table: Table) -> list[GroupConfig]:
    groups = [GroupConfig(id=i) for i in table.ids("groups", [])]
    for sub in table.tables("group"):
        sub.no_other_keys("id", "policy", "moderators_chat", "title", "mode")
        groups.append(GroupConfig(id=sub.chat_id("id"), policy=tuple(sub.strings("policy", [])),
                                  moderators_chat=sub.chat_id("moderators_chat", ""),
                                  mode=chat_mode(sub), title=sub.str("title", "")))
    seen: set[str] = set()
    for group in groups:
        if group.id in seen:
            raise table.error("group", "each group listed once", group.id)
        seen.add(group.id)
    if not groups:
        raise table.error("groups", "at least one group (groups = [...] or [[telegram.group]])")
    return groups


def read_config(table: Table) -> TelegramConfig:
    """Validate the ``[telegram]`` table; relative paths are relative to the config file."""
    table.no_other_keys(*KEYS)
    groups = _groups(table)
    moderators_chat = table.chat_id("moderators_chat", "")
    if not moderators_chat and any(not g.moderators_chat for g in groups):
        raise table.error("moderators_chat", "the id of the moderators' private group "
                          "(or moderators_chat in every [[telegram.group]])")
    mode = table.str("mode", "polling", choices=MODES)
    token = table.secret("token")
    assert token is not None  # required=True raises instead
    webhook_url, webhook_secret = "", None
    if mode == "webhook":
        webhook_url = table.str("webhook_url")
        if not webhook_url.startswith("https://"):
            raise table.error("webhook_url", "an https:// address (Telegram only calls HTTPS)",
                              webhook_url)
        webhook_secret = table.secret("webhook_secret")
        assert webhook_secret is not None
        if not _SECRET_TOKEN.match(webhook_secret.reveal()):
            raise table.error("webhook_secret", "an environment variable holding 1-256 of "
                              "the characters A-Z a-z 0-9 _ -")
    state = Path(table.str("state_file", "telegram-offset.json"))
    if not state.is_absolute():
        state = Path(table.file).resolve().parent / state
    base_url = table.str("base_url", "https://api.telegram.org/bot")
    if not base_url.startswith(("http://", "https://")):
        raise table.error("base_url", "an http(s):// address", base_url)
    return TelegramConfig(
        token=token, groups=tuple(groups), moderators_chat=moderators_chat,
        base_url=base_url, mode=mode,
        poll_timeout=table.int("poll_timeout", 30, minimum=0),
        state_file=state,
        admin_cache_seconds=table.int("admin_cache_seconds", 60, minimum=0),
        webhook_url=webhook_url,
        webhook_listen=table.str("webhook_listen", "127.0.0.1"),
        webhook_port=table.int("webhook_port", 8443, minimum=0),  # 0: any free port
        webhook_secret=webhook_secret,
        max_retries=table.int("max_retries", 5, minimum=1),
        source=table.file,
    )
