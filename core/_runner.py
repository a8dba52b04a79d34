"""Putting the engine together from the config and running it until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import signal
from collections.abc import Iterable

import structlog

from civility._hooks import Hooks
from civility._plugins import BUILTIN, make_manager
from civility._tables import ConfigError, Table
from civility.adapter import BaseAdapter
from civility.config import PLATFORM_SECTIONS, Config
from civility.engine import Engine
from civility.store import Store, open_store

log = structlog.get_logger()


def policy_file_plugins(config: Config) -> list[tuple[str, object]]:
    """The config's TOML policies as (name, plugin); errors name the file, rule and key."""
    from civility.policy_file import load_policy_file

    loaded = [load_policy_file(path) for path in config.policy_files]
    builtin = {name for name, _ in BUILTIN}
    seen: set[str] = set()
    for policy in loaded:
        if policy.name in builtin or policy.name in seen:
            raise ConfigError(str(policy.path), "policy.name",
                              "a name no other installed policy uses", policy.name)
        seen.add(policy.name)
    return [(p.name, p) for p in loaded]


def build_hooks(config: Config) -> Hooks:
    """The installed plugins and the config's policy files."""
    return Hooks(make_manager(extra=policy_file_plugins(config)))


def build_engine(config: Config, *, store: Store | None = None,
                 plugins: Iterable[str] | None = None) -> Engine:
    """An engine with the installed plugins and the configured store (adapters not added)."""
    hooks = build_hooks(config)
    installed = set(hooks.plugin_names())
    wanted = tuple(plugins) if plugins is not None else config.plugins
    missing = [p for p in wanted if p not in installed]
    if missing:
        raise ConfigError(config.source, "policy.plugins",
                          "installed plugins (see `civility plugins`)", missing)
    if plugins is not None:
        import attrs

        config = attrs.evolve(config, plugins=wanted)
    return Engine(config, hooks, store or open_store(config.store.url))


def build_adapters(config: Config) -> list[BaseAdapter]:
    """One adapter per configured platform; the console when none is configured."""
    tables = dict(config.platforms) or {"console": Table({}, "console", config.source)}
    adapters = []
    for name in PLATFORM_SECTIONS:
        if name not in tables:
            continue
        try:
            package = importlib.import_module(f"civility.adapters.{name}")
        except ImportError as exc:
            raise ConfigError(config.source, name,
                              f"the {name} extra to be installed (pip install 'civility[{name}]')",
                              exc.name) from exc
        adapters.append(package.build_adapter(tables[name], config))
    return adapters


async def run(engine: Engine, adapters: Iterable[BaseAdapter]) -> None:
    """Run until every adapter is done (the console at end of input) or a signal arrives."""
    for adapter in adapters:
        engine.add_adapter(adapter)
        for chat_key, plugins in adapter.chat_policies().items():
            engine.set_policies(chat_key, plugins)
    await engine.start()
    log.info("started", platforms=sorted(engine.adapters), mode=engine.config.mode.value,
             policies=list(engine.config.plugins))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    async def all_closed() -> None:
        await asyncio.gather(*(a.wait_closed() for a in engine.adapters.values()))

    waiting = [asyncio.create_task(all_closed()), asyncio.create_task(stop.wait())]
    try:
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        await engine.drain()
    finally:
        for task in waiting:
            task.cancel()
        await engine.stop()
        log.info("stopped")
