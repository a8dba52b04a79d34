"""Plugin loading: built-ins, disabling, contract checks and containment."""

from __future__ import annotations

import pytest

from civility._hooks import Hooks, PluginError
from civility._plugins import describe, make_manager
from civility.hookspecs import hookimpl
from civility.verdicts import Rule, Severity


class Dup:
    @hookimpl
    def civility_rules(self):  # type: ignore[no-untyped-def]
        return [Rule("dup.rule", "t", "c", "s", Severity.LOW)]


def test_builtins_are_plugins():
    names = {row["name"] for row in describe(make_manager(entry_points=False))}
    assert {"iqra", "ladder", "notices"} <= names


def test_disable_by_environment(monkeypatch):
    monkeypatch.setenv("CIVILITY_DISABLE_PLUGINS", "iqra, ladder")
    names = Hooks(make_manager(entry_points=False)).plugin_names()
    assert "iqra" not in names
    assert "ladder" in names  # essential plugins cannot be disabled


def test_duplicate_rule_ids_are_refused():
    hooks = Hooks(make_manager(builtins=False, entry_points=False,
                               extra=[("a", Dup()), ("b", Dup())]))
    with pytest.raises(PluginError, match=r"dup\.rule"):
        hooks.rules()


def test_rules_for_one_policy_only():
    hooks = Hooks(make_manager(entry_points=False, extra=[("a", Dup())]))
    assert [r.id for r in hooks.rules(only=["a"])] == ["dup.rule"]


def test_a_later_plugin_words_notices_before_the_builtin():
    from civility.config import School
    from civility.context import PolicyContext
    from civility.testing import make_chat
    from civility.verdicts import Decision, Verdict

    class Wording:
        @hookimpl
        def civility_notice(self, verdict, rule, decision, context):  # type: ignore[no-untyped-def]
            return "our own words"

    hooks = Hooks(make_manager(entry_points=False, extra=[("w", Wording())]))
    context = PolicyContext(school=School(), chat=make_chat())
    verdict = Verdict("x", "c", Severity.LOW, 1.0)
    assert hooks.notice(verdict, None, Decision(), context) == "our own words"
    hooks.pm.unregister(name="w")
    assert "gentle note" in hooks.notice(verdict, None, Decision(), context)
