"""Putting the engine together from the config and running it until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.metadata
import signal
from collections.abc import Iterable

import structlog

from civility import _platforms
from civility._hooks import Hooks
from civility._plugins import BUILTIN, make_manager
from civility._policy_names import chat_policy_errors, policy_name_errors
from civility._tables import ConfigError
from civility.adapter import BaseAdapter
from civility.config import Config
from civility.engine import Engine
from civility.store import Store, open_store

log = structlog.get_logger()


def policy_file_plugins(config: Config) -> list[tuple[str, object]]:
    """The config's TOML policies as (name, plugin); errors name the file, rule and key."""
    from civility.policy_file import load_policy_file

    loaded = [load_policy_file(path) for path in config.policy_files]
    builtin = {name for name, _ in BUILTIN}
    packaged = {ep.name: ep.dist.name if ep.dist else ep.value
                for ep in importlib.metadata.entry_points(group="civility")}
    seen: set[str] = set()
    for policy in loaded:
        if policy.name in packaged and policy.name not in builtin:
            # Installed from this very file (`new-policy --from`), most likely.
            raise ConfigError(config.source, "policy.files", "policy files not also installed "
                              f"as a package: {policy.path} is the policy {policy.name!r}, "
                              f"which the package {packaged[policy.name]} installs; remove the "
                              "file from [policy] files (or uninstall the package)")
        if policy.name in builtin or policy.name in seen:
            raise ConfigError(str(policy.path), "policy.name",
                              "a name no other installed policy uses", policy.name)
        seen.add(policy.name)
    return [(p.name, p) for p in loaded]


def build_hooks(config: Config, *, check: bool = True) -> Hooks:
    """The installed plugins and the config's policy files (``check``: refuse broken ones)."""
    return Hooks(make_manager(extra=policy_file_plugins(config), check=check))


def build_engine(config: Config, *, store: Store | None = None,
                 plugins: Iterable[str] | None = None) -> Engine:
    """An engine with the installed plugins and the configured store (adapters not added)."""
    hooks = build_hooks(config)
    installed = set(hooks.policy_names())
    wanted = tuple(plugins) if plugins is not None else config.plugins
    errors = policy_name_errors(config, installed, wanted)
    if errors:
        raise ConfigError.combine(errors)
    if plugins is not None:
        import attrs

        config = attrs.evolve(config, plugins=wanted)
    return Engine(config, hooks, store or open_store(config.store.url))


def build_adapters(config: Config) -> list[BaseAdapter]:
    """One adapter per configured platform (the registered ones); the default platform (the
    console) when none is configured."""
    return _platforms.build_adapters(_platforms.installed(), config.platforms, config)


def demo_adapters() -> list[BaseAdapter]:
    """The scripted demo of the installed platform that has one (the console)."""
    spec = _platforms.installed().demo()
    if spec is None or spec.demo is None:
        raise ConfigError("<defaults>", "run --demo", "a platform with a demo (the console)")
    return [spec.demo()]


def check_adapter_policies(engine: Engine, adapters: Iterable[BaseAdapter]) -> None:
    """Each adapter's per-chat policies must be installed plugins (ConfigError otherwise)."""
    installed = engine.hooks.policy_names()
    errors = [e for a in adapters for e in chat_policy_errors(
        engine.config.source, a.platform, a.chat_policies(), installed)]
    if errors:
        raise ConfigError.combine(errors)


def reload_policy_files(engine: Engine) -> None:
    """SIGHUP: re-read the config's policy files now (they are also watched for changes)."""
    from civility import policy_file

    plugins = [p for _, p in engine.hooks.pm.list_name_plugin()]
    reloaded = policy_file.reload_policy_files(plugins)
    engine.rules = {r.id: r for r in engine.hooks.rules()}  # new rules' titles for the cards
    log.info("policy_files_reloaded", signal="SIGHUP", changed=reloaded)


async def run(engine: Engine, adapters: Iterable[BaseAdapter]) -> None:
    """Run until every adapter is done (the console at end of input) or a signal arrives."""
    adapters = list(adapters)
    check_adapter_policies(engine, adapters)
    for adapter in adapters:
        engine.add_adapter(adapter)
        for chat_key, plugins in adapter.chat_policies().items():
            engine.set_policies(chat_key, plugins)
    await engine.start()
    from civility.outbox import OutboxSender  # workflow (issue 14): incident reports retried

    sender = OutboxSender(engine.store, engine.config, engine.clock)
    sender.start()
    from civility.digest_sender import DigestSender  # the school (issue 14): weekly digest

    digests = DigestSender(engine.store, engine.config.school.digest, engine.adapters,
                           engine.clock)
    digests.start()
    log.info("started", platforms=sorted(engine.adapters), mode=engine.config.mode.value,
             policies=list(engine.config.plugins),
             chat_modes={k: m.value for a in adapters for k, m in a.chat_modes().items()})
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):  # no SIGHUP
        loop.add_signal_handler(signal.SIGHUP, reload_policy_files, engine)
    async def all_closed() -> None:
        await asyncio.gather(*(a.wait_closed() for a in engine.adapters.values()))

    waiting = [asyncio.create_task(all_closed()), asyncio.create_task(stop.wait())]
    try:
        await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        await engine.drain()
    finally:
        for task in waiting:
            task.cancel()
        await sender.stop()  # workflow (issue 14)
        await digests.stop()
        await engine.stop()
        log.info("stopped")
