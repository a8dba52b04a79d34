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


# -- loading checks: a mistake in a plugin is an error at start-up, not a silent gap ----------

class Misspelt:
    @hookimpl
    def on_mesage(self, message, context):  # type: ignore[no-untyped-def]
        return []


class Wrapper:
    @hookimpl(hookwrapper=True)
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        yield


class NewWrapper:
    @hookimpl(wrapper=True)
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        return (yield)


class Async:
    @hookimpl
    async def on_message(self, message, context):  # type: ignore[no-untyped-def]
        return []


class WrongArgument:
    @hookimpl
    def on_message(self, msg, context):  # type: ignore[no-untyped-def]
        return []


class Unmarked:
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        return []


def test_a_misspelt_hook_is_an_error_naming_plugin_and_hook():
    with pytest.raises(PluginError) as caught:
        make_manager(entry_points=False, extra=[("myschool", Misspelt())])
    message = str(caught.value)
    assert "'myschool'" in message and "'on_mesage'" in message
    assert "did you mean 'on_message'" in message
    assert "\n" not in message


@pytest.mark.parametrize(("plugin", "words"), [
    (Wrapper(), "hook wrapper"), (NewWrapper(), "hook wrapper"), (Async(), "async"),
    (WrongArgument(), "'msg'"),
])
def test_implementations_the_typed_wrapper_cannot_honour_are_refused(plugin, words):
    with pytest.raises(PluginError, match=words) as caught:
        make_manager(entry_points=False, extra=[("odd", plugin)])
    assert "'odd'" in str(caught.value) and "\n" not in str(caught.value)


def test_every_problem_is_reported_at_once_and_kept_without_check():
    pm = make_manager(entry_points=False, extra=[("a", Misspelt()), ("b", Wrapper())],
                      check=False)
    assert {p.plugin for p in pm.problems if p.fatal} == {"a", "b"}
    rows = {row["name"]: row for row in describe(pm)}
    assert any("on_mesage" in p for p in rows["a"]["problems"])  # type: ignore[attr-defined]
    assert rows["iqra"]["problems"] == []


def test_an_unmarked_hook_lookalike_is_a_warning_not_an_error():
    pm = make_manager(entry_points=False, extra=[("u", Unmarked())])
    [problem] = [p for p in pm.problems if p.plugin == "u"]
    assert not problem.fatal and "@hookimpl" in problem.problem


def test_the_builtins_load_cleanly():
    assert make_manager(entry_points=False).problems == []


def _install(site, name: str, source: str) -> None:
    """Install a plugin the way pip would: a module and a dist-info with an entry point."""
    dist = site / f"{name}-1.0.dist-info"
    dist.mkdir(parents=True)
    (site / f"{name}.py").write_text(source)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[civility]\n{name} = {name}\n")


MISSPELT_MODULE = '''
from civility import hookimpl

@hookimpl
def on_mesage(message, context):
    return []
'''


def test_a_misspelt_hook_in_an_installed_package_is_an_error(tmp_path, monkeypatch):
    _install(tmp_path, "civility_typo", MISSPELT_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError, match=r"'civility_typo'.*'on_mesage'"):
        make_manager()


def test_a_package_that_cannot_be_imported_does_not_hide_the_others(tmp_path, monkeypatch):
    _install(tmp_path, "civility_broken", "raise RuntimeError('broken on purpose')\n")
    _install(tmp_path, "civility_fine", "from civility import hookimpl\n\n"
             "@hookimpl\ndef civility_rules():\n    return []\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    pm = make_manager()
    assert pm.get_plugin("civility_fine") is not None
    [problem] = [p for p in pm.problems if p.plugin == "civility_broken"]
    assert not problem.fatal and "RuntimeError" in problem.problem
    rows = {row["name"]: row for row in describe(pm)}
    assert rows["civility_fine"]["source"] == "civility_fine 1.0"
    assert rows["civility_broken"]["source"] == "not loaded"


def test_civility_run_and_plugins_report_a_misspelt_hook_in_one_line(tmp_path):
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    site = tmp_path / "site"
    _install(site, "civility_typo", MISSPELT_MODULE)
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "COLUMNS": "200"}
    exe = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
    run = subprocess.run([exe, "run"], env=env, cwd=tmp_path, input="", text=True,
                         capture_output=True, timeout=120, check=False)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    [line] = [x for x in run.stderr.splitlines() if "on_mesage" in x]
    assert "civility_typo" in line and "did you mean 'on_message'" in line
    rules = subprocess.run([exe, "rules"], env=env, cwd=tmp_path, text=True,
                           capture_output=True, timeout=120, check=False)
    assert rules.returncode != 0 and "Traceback" not in rules.stderr
    assert "on_mesage" in rules.stderr
    listing = subprocess.run([exe, "plugins"], env=env, cwd=tmp_path, text=True,
                             capture_output=True, timeout=120, check=False)
    assert listing.returncode == 1
    assert "on_mesage" in listing.stdout and "Traceback" not in listing.stderr


def test_civility_plugins_shows_each_policys_failures_and_last_error(tmp_path):
    import json
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    site = tmp_path / "site"
    _install(site, "civility_fragile", "from civility import hookimpl\n\n@hookimpl\n"
             "def on_message(message, context):\n    if not message.text:\n        return 'junk'\n"
             "    return [len(message.text) / 0]\n")
    env = {**os.environ, "PYTHONPATH": str(site)}
    exe = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
    listing = subprocess.run([exe, "plugins", "--json"], env=env, cwd=tmp_path, text=True,
                             capture_output=True, timeout=120, check=False)
    assert listing.returncode == 0, listing.stderr
    rows = {row["name"]: row for row in json.loads(listing.stdout)}
    fragile = rows["civility_fragile"]["probe"]
    assert fragile["calls"] == fragile["failures"] > 1
    assert fragile["last_error"].startswith("ZeroDivisionError at ")
    assert "civility_fragile.py:" in fragile["last_error"]
    assert rows["iqra"]["probe"]["failures"] == 0 and rows["iqra"]["probe"]["calls"] > 1


def test_an_optional_hook_from_a_newer_civility_is_not_an_error():
    class Newer:
        @hookimpl(optionalhook=True)
        def civility_something_new(self):  # type: ignore[no-untyped-def]
            return []

    pm = make_manager(entry_points=False, extra=[("newer", Newer())])
    assert [p for p in pm.problems if p.plugin == "newer"] == []
