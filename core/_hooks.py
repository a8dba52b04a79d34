"""A typed face on ``pm.hook``: the engine calls methods, never ``**kwargs -> Any``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import click
import pluggy
import structlog

from civility._tables import ConfigError
from civility.context import PolicyContext
from civility.events import Flag, MemberJoined, Message, Removal
from civility.verdicts import Decision, Rule, Verdict

log = structlog.get_logger()


class PluginError(ConfigError, click.ClickException):
    """A plugin broke its contract (unknown hook, wrong return type, duplicate rule id).

    A `ConfigError` (the installed plugins are part of how the bot is configured) and a
    `click.ClickException`, so that every command reports it as one clear line, never a
    traceback, even one that does not catch configuration errors itself."""

    def __init__(self, message: str) -> None:
        click.ClickException.__init__(self, message)
        self.file, self.key, self.expected = "plugins", "", message

    def __str__(self) -> str:
        return self.message


class Hooks:
    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self._subsets: dict[tuple[str, frozenset[str]], Any] = {}

    def plugin_names(self) -> list[str]:
        return [n for n, p in self.pm.list_name_plugin() if p is not None]

    def _caller(self, hook: str, only: Iterable[str] | None) -> Any:
        if only is None:
            return getattr(self.pm.hook, hook)
        keep = frozenset(only)
        key = (hook, keep)
        if key not in self._subsets:
            remove = [p for n, p in self.pm.list_name_plugin() if n not in keep and p is not None]
            self._subsets[key] = self.pm.subset_hook_caller(hook, remove_plugins=remove)
        return self._subsets[key]

    def _guarded(self, hook: str, only: Iterable[str] | None, **kwargs: Any) -> list[Any]:
        """Call each implementation on its own, so one failing plugin does not hide the rest."""
        results: list[Any] = []
        for impl in reversed(self._caller(hook, only).get_hookimpls()):
            try:
                args = [kwargs[name] for name in impl.argnames]
                value = impl.function(*args)
            except Exception as exc:
                log.error("plugin_failed", plugin=impl.plugin_name, hook=hook, error=repr(exc))
                continue
            if value is not None:
                results.append((impl.plugin_name, value))
        return results

    def rules(self, only: Iterable[str] | None = None) -> list[Rule]:
        seen: dict[str, str] = {}
        rules: list[Rule] = []
        for plugin, batch in self._guarded("civility_rules", only):
            for rule in batch:
                if not isinstance(rule, Rule):
                    raise PluginError(f"plugin {plugin!r} returned {rule!r} from civility_rules")
                if rule.id in seen:
                    raise PluginError(
                        f"rule id {rule.id!r} is defined by both {seen[rule.id]!r} and {plugin!r}")
                seen[rule.id] = plugin
                rules.append(rule)
        return rules

    def on_message(self, message: Message, context: PolicyContext,
                   only: Iterable[str] | None = None) -> list[Verdict]:
        verdicts: list[Verdict] = []
        for plugin, batch in self._guarded("on_message", only, message=message, context=context):
            for verdict in batch:
                if isinstance(verdict, Verdict):
                    verdicts.append(verdict)
                else:
                    log.error("plugin_bad_verdict", plugin=plugin, value=repr(verdict)[:200])
        return verdicts

    async def judge_message(self, message: Message, context: PolicyContext,
                            only: Iterable[str] | None = None) -> list[Verdict]:
        """The engine's way to judge a message (policies' `on_message`), awaited by the engine."""
        return self.on_message(message, context, only)

    def on_flag(self, flag: Flag, context: PolicyContext) -> None:
        self._guarded("on_flag", None, flag=flag, context=context)

    def on_remove(self, removal: Removal, context: PolicyContext) -> None:
        self._guarded("on_remove", None, removal=removal, context=context)

    def on_member_joined(self, joined: MemberJoined, context: PolicyContext) -> None:
        self._guarded("on_member_joined", None, joined=joined, context=context)

    def _first(self, hook: str, kind: type, **kwargs: Any) -> Any:
        # pluggy's order (LIFO, tryfirst/trylast): later-registered plugins before the built-ins.
        for impl in reversed(self._caller(hook, None).get_hookimpls()):
            try:
                value = impl.function(*[kwargs[name] for name in impl.argnames])
            except Exception as exc:
                log.error("plugin_failed", plugin=impl.plugin_name, hook=hook, error=repr(exc))
                continue
            if isinstance(value, kind):
                return value
        return None

    def notice(self, verdict: Verdict, rule: Rule | None, decision: Decision,
               context: PolicyContext) -> str:
        text = self._first("civility_notice", str, verdict=verdict, rule=rule,
                           decision=decision, context=context)
        return text or ""

    def decide(self, message: Message, verdicts: Sequence[Verdict],
               context: PolicyContext) -> Decision:
        decision = self._first("civility_decide", Decision, message=message,
                               verdicts=verdicts, context=context)
        return decision if decision is not None else Decision(verdicts=tuple(verdicts))

    def welcome(self, joined: MemberJoined, context: PolicyContext) -> str | None:
        text: str | None = self._first("civility_welcome", str, joined=joined, context=context)
        return text
