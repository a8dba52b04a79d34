"""Finding and loading plugins: the built-in ones, then entry points in the group ``civility``."""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable

import pluggy
import structlog

from civility import hookspecs

log = structlog.get_logger()

#: Built-in features are plugins too; (name, module).
BUILTIN = (
    ("iqra", "civility.plugins.iqra"),
    ("safety", "civility.plugins.safety"),
    ("ladder", "civility._ladder"),
    ("notices", "civility.notices"),
)
#: Plugins that are always on: they answer the firstresult hooks last.
ESSENTIAL = frozenset({"ladder", "notices"})
DISABLE_ENV = "CIVILITY_DISABLE_PLUGINS"


def disabled_from_env() -> frozenset[str]:
    raw = os.environ.get(DISABLE_ENV, "")
    return frozenset(name.strip() for name in raw.split(",") if name.strip()) - ESSENTIAL


def make_manager(*, builtins: bool = True, entry_points: bool = True,
                 disabled: Iterable[str] | None = None,
                 extra: Iterable[tuple[str, object]] = ()) -> pluggy.PluginManager:
    """A plugin manager with the hook specs and the installed plugins registered."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    skip = disabled_from_env() if disabled is None else frozenset(disabled) - ESSENTIAL
    for name in skip:
        pm.set_blocked(name)
    if builtins:
        for name, module in BUILTIN:
            if name not in skip:
                pm.register(importlib.import_module(module), name=name)
    if entry_points:
        try:
            pm.load_setuptools_entrypoints(hookspecs.PROJECT)
        except Exception as exc:  # a broken third-party plugin must not stop the bot
            log.error("plugin_load_failed", error=repr(exc))
    for name, plugin in extra:
        pm.register(plugin, name=name)
    return pm


def describe(pm: pluggy.PluginManager) -> list[dict[str, object]]:
    """What is installed: name, where it comes from, its version, the hooks it implements."""
    dists = {id(p): d for p, d in pm.list_plugin_distinfo()}
    rows: list[dict[str, object]] = []
    for name, plugin in sorted(pm.list_name_plugin()):
        if plugin is None:
            continue
        dist = dists.get(id(plugin))
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        rows.append({
            "name": name,
            "source": f"{dist.project_name} {dist.version}" if dist else "built-in",
            "module": getattr(plugin, "__name__", type(plugin).__name__),
            "hooks": hooks,
        })
    return rows
