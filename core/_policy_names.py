"""Every policy name in the config must be an installed plugin, checked at start-up.

A misspelt name anywhere (``[policy] plugins``, a group's own ``policy`` in any platform table,
``[policy.settings.NAME]``) would leave a group unmoderated, or a school's settings unread,
without a word; instead it is a start-up error naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from civility._tables import ConfigError, nearest
from civility.config import Config

#: Plugins that are always loaded and are not policies a group can name.
NOT_POLICIES = frozenset({"ladder", "notices"})


def _unknown(file: str, key: str, names: Sequence[str], installed: Collection[str]
             ) -> list[ConfigError]:
    policies = sorted(set(installed) - NOT_POLICIES)
    expected = "installed policy plugins (" + ", ".join(policies) + "; see `civility plugins`)"
    return [ConfigError(file, key, expected, name, hint=nearest(name, policies))
            for name in names if name not in installed or name in NOT_POLICIES]


def _policy_lists(data: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(key path, value) for every ``policy`` key in a platform table and its sub-tables."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            where = f"{path}.{key}"
            if key == "policy":
                yield where, value
            else:
                yield from _policy_lists(value, where)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _policy_lists(value, f"{path}[{index}]")


def policy_name_errors(config: Config, installed: Collection[str],
                       wanted: Sequence[str] | None = None) -> list[ConfigError]:
    """Every policy name in the config that is not an installed plugin."""
    file = config.source
    errors = _unknown(file, "policy.plugins", wanted or config.plugins, installed)
    for name in config.plugin_settings:
        errors += _unknown(file, f"policy.settings.{name}", [name], installed)
    for platform, table in config.platforms.items():
        for key, value in _policy_lists(table.data, platform):
            if isinstance(value, list):  # other types are the adapter's to refuse
                errors += _unknown(file, key, [v for v in value if isinstance(v, str)],
                                   installed)
    return errors


def chat_policy_errors(file: str, platform: str, chat_policies: Mapping[str, Sequence[str]],
                       installed: Collection[str]) -> list[ConfigError]:
    """The same check for what an adapter reports (``chat_policies()``), whatever its keys."""
    errors: list[ConfigError] = []
    for chat_key, names in chat_policies.items():
        errors += _unknown(file, f"{platform} policy of {chat_key}", list(names), installed)
    return errors
