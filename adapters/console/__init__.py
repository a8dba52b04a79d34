"""The built-in ``console`` platform: a local group chat in the terminal, no account needed."""

from __future__ import annotations

from civility.adapter import Table
from civility.adapters.console.adapter import ConsoleAdapter
from civility.config import Config, chat_mode

__all__ = ["ConsoleAdapter", "build_adapter"]


def build_adapter(table: Table, config: Config) -> ConsoleAdapter:
    table.no_other_keys("moderators", "group", "policy", "mode")
    return ConsoleAdapter(moderators=table.strings("moderators", ["Moderator"]),
                          group=table.str("group", "Year 3 parents"),
                          policy=table.strings("policy", []), mode=chat_mode(table))
