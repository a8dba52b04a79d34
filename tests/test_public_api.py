"""The public face: what a policy author imports, and one naming convention for the hooks."""

from __future__ import annotations

import re

import pluggy

import civility
from civility import context, events, hookspecs, verdicts


def test_a_policy_author_needs_only_the_top_level_package():
    from civility import (  # noqa: F401
        Decision,
        Evidence,
        Flag,
        MemberJoined,
        Message,
        PolicyContext,
        Removal,
        Rule,
        Severity,
        Step,
        Verdict,
        hookimpl,
    )


def test_every_exported_name_is_the_object_from_its_home_module():
    homes = (events, verdicts, context, hookspecs)
    assert sorted(civility.__all__) == civility.__all__
    for name in civility.__all__:
        value = getattr(civility, name)
        assert any(getattr(home, name, None) is value for home in homes), name


def test_a_policy_written_against_the_top_level_package_runs():
    from civility import Evidence, Rule, Severity, Verdict, hookimpl
    from civility._hooks import Hooks
    from civility._plugins import make_manager
    from civility.testing import judge

    rule = Rule("club.swearing", "No swearing", "Keep it clean.", "Rule 1", Severity.MEDIUM)

    class Club:
        @hookimpl
        def civility_rules(self):  # type: ignore[no-untyped-def]
            return [rule]

        @hookimpl
        def on_message(self, message, context):  # type: ignore[no-untyped-def]
            if "darn" in message.text:
                return [Verdict(rule.id, rule.clause, rule.severity, 0.9,
                                (Evidence("word", "darn"),))]
            return []

    hooks = Hooks(make_manager(entry_points=False, extra=[("club", Club())]))
    assert [r.id for r in hooks.rules(only=["club"])] == ["club.swearing"]
    assert [v.rule_id for v in judge(Club(), "oh darn")] == ["club.swearing"]


def _specs() -> dict[str, pluggy.HookspecOpts]:
    marker = f"{hookspecs.PROJECT}_spec"
    return {name: getattr(fn, marker) for name, fn in vars(hookspecs).items()
            if callable(fn) and hasattr(fn, marker)}


def test_hook_names_follow_one_convention():
    specs = _specs()
    assert {"on_message", "on_flag", "on_remove"} <= set(specs)  # as the owner named them
    for name, opts in specs.items():
        assert re.fullmatch(r"(on|civility)_[a-z]+(_[a-z]+)*", name), name
        if opts.get("firstresult"):
            assert name.startswith("civility_"), f"{name}: an answer is civility_<noun>"
        if name.startswith("on_"):
            assert not opts.get("firstresult"), f"{name}: every plugin hears an event"


def test_every_hook_is_documented_with_its_contract():
    for name in _specs():
        doc = getattr(hookspecs, name).__doc__ or ""
        assert len(doc.split()) >= 5, name
    assert "on_<event>" in (hookspecs.__doc__ or "")
