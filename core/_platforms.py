"""The platform registry: which chat platforms are installed, so the core names none of them.

A package provides a platform by implementing the hook `civility_platforms` in a module named by
an entry point of the group ``civility`` (Telegram, Matrix, WhatsApp and the console do it the
same way as a third-party package). Each `PlatformSpec` says which config table it reads, how to
read it and how to build the adapter; importing the module that registers a platform must not
need the platform's SDK, so that a missing extra gives a clear "install civility[...]" error.

This module imports nothing of the engine: `civility.config` asks it which sections exist.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import pluggy
import structlog

from civility._tables import ConfigError, Table

if TYPE_CHECKING:
    from civility.adapter import BaseAdapter
    from civility.config import Config

log = structlog.get_logger()

PROJECT = "civility"
hookspec = pluggy.HookspecMarker(PROJECT)
#: Sections the core reads itself; no platform may claim them.
CORE_SECTIONS = frozenset({"school", "policy", "store", "smtp", "second_opinion", "learning"})
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
#: Plugin names switched off for the process, a comma list. It applies to every registry: a
#: disabled package's policies, platforms and export readers are all left out.
DISABLE_ENV = "CIVILITY_DISABLE_PLUGINS"


def disabled_names() -> frozenset[str]:
    """The plugin names ``CIVILITY_DISABLE_PLUGINS`` switches off (read on every call)."""
    raw = os.environ.get(DISABLE_ENV, "")
    return frozenset(name.strip() for name in raw.split(",") if name.strip())


def _section_default(spec: PlatformSpec) -> str:
    return spec.name


@attrs.frozen
class PlatformSpec:
    """One chat platform: its config table, the reader of that table and the adapter factory.

    ``parse_config(table)`` validates the table (errors through `Table`, naming file and key) and
    returns the platform's settings; ``build_adapter(settings, config)`` makes the adapter.
    """

    name: str = attrs.field(validator=attrs.validators.matches_re(_NAME))
    parse_config: Callable[[Table], Any]
    build_adapter: Callable[[Any, Config], BaseAdapter]
    #: The config table, ``[name]`` unless said otherwise.
    section: str = attrs.field(default=attrs.Factory(_section_default, takes_self=True))
    description: str = ""
    #: What to ``pip install`` for the SDK: ``civility[telegram]``, or a package's own name.
    install: str = ""
    #: Modules the adapter needs; checked before building, so a missing SDK is a clear error.
    requires: tuple[str, ...] = ()
    #: An adapter that plays a scripted demo (``civility run --demo``), when the platform has one.
    demo: Callable[[], BaseAdapter] | None = None
    #: Runs when the config names no platform (the console).
    default: bool = False

    def missing(self, file: str, module: str | None) -> ConfigError:
        hint = f" (pip install '{self.install}')" if self.install else ""
        return ConfigError(file, self.section, f"the {self.name} extra to be installed{hint}",
                           module)

    def check_installed(self, file: str) -> None:
        """Raise a `ConfigError` saying what to install when a required module is missing."""
        for module in self.requires:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                raise self.missing(file, exc.name or module) from exc

    def build(self, table: Table, config: Config) -> BaseAdapter:
        """Validate the table and make the adapter; a missing SDK becomes a clear error."""
        self.check_installed(table.file)
        try:
            return self.build_adapter(self.parse_config(table), config)
        except ImportError as exc:
            raise self.missing(table.file, exc.name) from exc


@hookspec
def civility_platforms() -> Sequence[PlatformSpec]:  # type: ignore[empty-body]
    """Return the chat platforms this package provides (usually one).

    Called once per process. The module implementing it must import without the platform's
    SDK (import the SDK inside ``parse_config``/``build_adapter`` or list it in ``requires``).
    Platform names and sections are unique across installed packages; a section may not be one
    the core reads (``school``, ``policy``, ``store``, ``smtp``).
    """


@functools.cache
def entry_point_plugins() -> tuple[tuple[str, object], ...]:
    """Every loadable module named by an entry point of the group ``civility``.

    A plugin that fails to import is logged and skipped: one broken package must not hide the
    others (pluggy's own loader stops at the first failure)."""
    found: list[tuple[str, object]] = []
    for point in importlib.metadata.entry_points(group=PROJECT):
        try:
            found.append((point.name, point.load()))
        except Exception as exc:
            log.error("plugin_load_failed", plugin=point.name, error=repr(exc))
    return tuple(found)


def hook_manager(specs: ModuleType, extra: Iterable[tuple[str, object]] = (), *,
                 disabled: frozenset[str] = frozenset()) -> pluggy.PluginManager:
    """A plugin manager for one family of registry hooks, with the entry-point plugins except
    the ``disabled`` ones."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(specs)
    seen: set[int] = set()
    for name, plugin in (*entry_point_plugins(), *extra):
        if id(plugin) in seen or pm.has_plugin(name) or name in disabled:
            continue
        seen.add(id(plugin))
        pm.register(plugin, name=name)
    return pm


@attrs.frozen
class Platforms:
    """The installed platforms by name, in a stable order."""

    by_name: Mapping[str, PlatformSpec]

    @property
    def sections(self) -> tuple[str, ...]:
        return tuple(spec.section for spec in self.by_name.values())

    def for_section(self, section: str) -> PlatformSpec | None:
        return next((s for s in self.by_name.values() if s.section == section), None)

    def default(self) -> PlatformSpec | None:
        return next((s for s in self.by_name.values() if s.default), None)

    def demo(self) -> PlatformSpec | None:
        return next((s for s in self.by_name.values() if s.demo is not None), None)


def collect(results: Iterable[Sequence[object] | None]) -> Platforms:
    """The specs from every implementation; clashes are logged and the later one dropped."""
    by_name: dict[str, PlatformSpec] = {}
    sections: set[str] = set()
    for specs in results:
        for spec in specs or ():
            if not isinstance(spec, PlatformSpec):
                log.error("platform_spec_invalid", got=type(spec).__name__)
            elif spec.name in by_name or spec.section in sections:
                log.error("platform_duplicate", platform=spec.name, section=spec.section)
            elif spec.section in CORE_SECTIONS:
                log.error("platform_section_reserved", platform=spec.name, section=spec.section)
            else:
                by_name[spec.name] = spec
                sections.add(spec.section)
    return Platforms(dict(sorted(by_name.items())))


def from_manager(pm: pluggy.PluginManager) -> Platforms:
    return collect(pm.hook.civility_platforms())


def installed() -> Platforms:
    """The platforms of the installed packages, less those ``CIVILITY_DISABLE_PLUGINS`` names."""
    return _installed(disabled_names())


@functools.cache
def _installed(disabled: frozenset[str]) -> Platforms:  # found once per process and setting
    import sys

    return from_manager(hook_manager(sys.modules[__name__], disabled=disabled))


def build_adapters(platforms: Platforms, tables: Mapping[str, Table],
                   config: Config) -> list[BaseAdapter]:
    """One adapter per configured table, in the order of the file; the default platform when
    the file configures none."""
    if not tables:
        default = platforms.default()
        if default is None:
            why = (f"the default one is disabled by {DISABLE_ENV}" if disabled_names()
                   else "none is installed; reinstall civility")
            raise ConfigError(config.source, "platforms", f"a platform to run ({why})")
        tables = {default.section: Table({}, default.section, config.source)}
    adapters: list[BaseAdapter] = []
    errors: list[ConfigError] = []  # a problem in several tables is reported for all at once
    for section, table in tables.items():
        spec = platforms.for_section(section)
        if spec is None:
            errors.append(unknown_section(platforms, section, config.source))
            continue
        try:
            adapters.append(spec.build(table, config))
        except ConfigError as exc:
            errors.append(exc)
    if errors:
        raise ConfigError.combine(errors)
    return adapters


def unknown_section(platforms: Platforms, section: str, file: str) -> ConfigError:
    names = ", ".join(platforms.sections) or "none"
    core = ", ".join(sorted(CORE_SECTIONS))
    off = f"; {section} is disabled by {DISABLE_ENV}" if section in disabled_names() else ""
    return ConfigError(file, section, f"no such key; known sections are {core} and the "
                       f"installed platforms' {names}{off} (see `civility plugins`)")


def check_sections(data: Mapping[str, Any], file: str, platforms: Platforms | None = None, *,
                   problems: list[ConfigError] | None = None) -> tuple[str, ...]:
    """The platform sections in a config file's top level, in file order; an unknown one is
    an error naming the installed platforms (recorded in ``problems`` when given)."""
    platforms = installed() if platforms is None else platforms
    known = set(platforms.sections)
    found = []
    for key in data:
        if key in CORE_SECTIONS:
            continue
        if key not in known:
            error = unknown_section(platforms, key, file)
            if problems is None:
                raise error
            problems.append(error)
            continue
        found.append(key)
    return tuple(found)
