"""The `civility` command as a newcomer runs it: a real process, real files.

A third-party policy is installed the way pip would (a dist-info with an entry point in the
group ``civility``), so plugin discovery is exercised for real.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CIVILITY = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"

PLUGIN = '''
from civility import hookimpl
from civility.verdicts import Evidence, Rule, Severity, Verdict

@hookimpl
def civility_rules():
    return [Rule("words.swear", "No swearing", "Keep language clean.", "Rule 1", Severity.MEDIUM),
            Rule("words.shop", "No selling", "No adverts.", "Rule 2", Severity.LOW)]

@hookimpl
def on_message(message, context):
    found = []
    if "darn" in message.text:
        found.append(Verdict("words.swear", "Keep language clean.", Severity.MEDIUM, 1.0,
                             (Evidence("word", "darn"),)))
    if "sale" in message.text:
        found.append(Verdict("words.shop", "No adverts.", Severity.LOW, 1.0))
    return found
'''


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    dist = site / "civility_words-1.0.dist-info"
    dist.mkdir(parents=True)
    (site / "civility_words.py").write_text(PLUGIN)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: civility-words\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[civility]\nwords = civility_words\n")
    return {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1", "COLUMNS": "200"}


def civility(*args: str, env: dict[str, str], cwd: Path, stdin: str | None = None
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CIVILITY, *args], env=env, cwd=cwd, input=stdin, text=True,
                          capture_output=True, timeout=120, check=False)


def test_plugins_lists_builtin_and_installed(env, tmp_path):
    result = civility("plugins", "--json", env=env, cwd=tmp_path)
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["words"]["source"] == "civility-words 1.0"
    assert "on_message" in rows["words"]["hooks"]
    assert rows["ladder"]["source"] == "built-in"


def test_rules_lists_clauses(env, tmp_path):
    result = civility("rules", "--policy", "words", env=env, cwd=tmp_path)
    assert result.returncode == 0
    assert "words.swear" in result.stdout and "Keep language clean." in result.stdout


def test_scan_jsonl(env, tmp_path):
    source = tmp_path / "chat.jsonl"
    lines = [
        {"id": "1", "sender": "Amy", "text": "Trip money due Friday"},
        {"id": "2", "sender": "Ben", "text": "darn sale today", "timestamp": "2026-10-01T09:00:00Z"},
        {"id": "3", "sender": "Cat", "text": "big sale", "chat": "year-4", "timestamp": 1760000000},
    ]
    source.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = civility("scan", str(source), "--policy", "words", "--format", "jsonl",
                      env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["rules"], o["action"]) for o in out] == [
        ("1", [], "none"), ("2", ["words.shop", "words.swear"], "delete"), ("3", ["words.shop"], "nudge")]


def test_scan_skips_bad_lines_and_keeps_going(env, tmp_path):
    source = tmp_path / "bad.jsonl"
    big = "darn " + "x" * 1_000_000
    source.write_bytes(b"\n".join([
        b'{"id": "a", "sender": "Amy", "text": "darn"}',
        b"{not json",
        b"\xff\xfe\x00binary",
        b'{"id": "b", "sender": "Ben"}',
        b'["a", "list"]',
        b'{"id": "c", "sender": "Cy", "text": "ok", "timestamp": "yesterday"}',
        json.dumps({"id": "d", "sender": "Dee", "text": big}).encode(),
        json.dumps({"id": "huge", "sender": "Hal", "text": big * 2}).encode(),
        b'{"id": "e", "sender": "Eve", "text": "\\u0000nul and \\ud83d\\ude00 emoji darn"}',
    ]) + b"\n")
    result = civility("scan", str(source), "--policy", "words", "--format", "jsonl",
                      env=env, cwd=tmp_path)
    assert result.returncode == 0
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    # A 1 MB message is judged (its text cut to a bounded length); a 2 MB line is not a message.
    assert ids == ["a", "d", "e"]
    for where in ("line 2", "line 3", "line 4", "line 5", "line 6", "line 8"):
        assert f"skipped {where}" in result.stderr


def test_scan_text_and_html(env, tmp_path):
    source = tmp_path / "chat.jsonl"
    source.write_text(json.dumps({"id": "1", "sender": "<b>Amy</b>", "text": "darn <script>"}) + "\n")
    text = civility("scan", str(source), "--policy", "words", env=env, cwd=tmp_path)
    assert "1 messages read, 1 flagged" in text.stdout
    report = tmp_path / "report.html"
    html = civility("scan", str(source), "--policy", "words", "--format", "html", "-o", str(report),
                    env=env, cwd=tmp_path)
    assert html.returncode == 0
    page = report.read_text()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "words.swear" in page and "Keep language clean." in page


def test_unknown_policy_is_a_clear_error(env, tmp_path):
    source = tmp_path / "chat.jsonl"
    source.write_text("")
    result = civility("scan", str(source), "--policy", "nope", env=env, cwd=tmp_path)
    assert result.returncode != 0 and "nope" in result.stderr


def test_broken_config_is_a_clear_error(env, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[policy]\nmode = 'shout'\n")
    result = civility("run", "--config", str(config), env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert f"{config}: [policy.mode] expected one of 'enforce', 'advise'" in result.stderr


def test_console_run_moderates_what_is_typed(env, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[policy]\nplugins = ["words"]\n[store]\nurl = "sqlite:///c.db"\n'
                      '[console]\nmoderators = ["Head"]\n')
    chat = "Amy: hello all\nBen: darn it\nBen: darn again\nBen: darn darn\nAmy: /report 2 rude\n"
    result = civility("run", "--config", str(config), env=env, cwd=tmp_path, stdin=chat)
    assert result.returncode == 0, result.stderr
    assert "message #2 deleted" in result.stdout
    assert "privately to Ben" in result.stdout
    assert "to the moderators" in result.stdout  # the third breach escalates to review
    listing = civility("incidents", "--config", str(config), "--json", env=env, cwd=tmp_path)
    incidents = json.loads(listing.stdout)
    assert len(incidents) == 3 and {i["member_name"] for i in incidents} == {"Ben"}
    exported = json.loads(civility("export", "console:ben", "--config", str(config),
                                   env=env, cwd=tmp_path).stdout)
    assert len(exported["incidents"]) == 3
    # Two of Ben's cases are with the moderators (a review card, a report): erasing them too
    # takes --including-open (tests/test_member_data.py: without it they are kept and listed).
    erased = civility("erase", "console:ben", "--yes", "--including-open", "--config",
                      str(config), env=env, cwd=tmp_path)
    assert "Erased" in erased.stdout
    listing = civility("incidents", "--config", str(config), "--json", env=env, cwd=tmp_path)
    assert json.loads(listing.stdout) == []


def test_new_policy_scaffold_works_out_of_the_box(env, tmp_path):
    import shlex

    result = civility("new-policy", "stmarys", "--title", "St Mary's", "--dir", str(tmp_path),
                      env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "civility-stmarys"
    assert 'stmarys = "civility_stmarys"' in (root / "pyproject.toml").read_text()
    assert "St Mary's" in (root / "README.md").read_text()
    steps = [shlex.split(line) for line in result.stdout.splitlines() if line.startswith("  ")
             and not line.strip().startswith(("[", "plugins"))]
    pip, test, rules = steps
    # The printed steps use the interpreter that runs civility, not whatever `pip` is first.
    assert pip[:4] == [sys.executable, "-m", "pip", "install"] and pip[4:] == ["-e", f"{root}[test]"]
    assert test[:3] == [sys.executable, "-m", "pytest"]
    # Installing for real would change this test environment: make it importable and
    # registered the way `pip install -e` does (a dist-info with the entry point) instead.
    site = tmp_path / "site"
    (site / "civility_stmarys-0.1.0.dist-info").mkdir(parents=True)
    (site / "civility_stmarys-0.1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: civility-stmarys\nVersion: 0.1.0\n")
    (site / "civility_stmarys-0.1.0.dist-info" / "entry_points.txt").write_text(
        "[civility]\nstmarys = civility_stmarys\n")
    installed = {**env, "PYTHONPATH": os.pathsep.join([str(site), str(root)])}
    # The generated tests pass, as the printed step runs them, with no warning at all.
    run = subprocess.run([*test, "-p", "no:cacheprovider", "-W", "error"], env=installed,
                         cwd=root, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout and "warning" not in (run.stdout + run.stderr).lower()
    listed = subprocess.run(rules, env=installed, cwd=tmp_path, capture_output=True, text=True,
                            timeout=120, check=False)
    assert listed.returncode == 0 and "stmarys.swearing" in listed.stdout
    # The config it tells the author to write works, with the documented defaults.
    snippet = result.stdout.split("config file (e.g. civility.toml):", 1)[1]
    config = tmp_path / "civility.toml"
    config.write_text("\n".join(line.strip() for line in snippet.splitlines()) + "\n")
    ran = subprocess.run([CIVILITY, "run", "--config", str(config)], input="Amy: oh darn\n",
                         env=installed, cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, check=False)
    assert ran.returncode == 0, ran.stderr
    assert "message #1 deleted" in ran.stdout
    again = civility("new-policy", "stmarys", "--dir", str(tmp_path), env=env, cwd=tmp_path)
    assert again.returncode != 0 and "already exists" in again.stderr


@pytest.mark.parametrize("name", ["iqra", "words", "ladder"])
def test_new_policy_refuses_the_name_of_an_installed_plugin(env, tmp_path, name):
    result = civility("new-policy", name, "--dir", str(tmp_path), env=env, cwd=tmp_path)
    assert result.returncode != 0 and "already installed" in result.stderr
    assert not (tmp_path / f"civility-{name}").exists()


@pytest.mark.parametrize("text", ["", '[policy]\nplugins = ["words"]\n',
                                  "[store]\nretention_days = 30\n"],
                         ids=["empty", "plugins-only", "retention-only"])
def test_config_without_store_url_uses_the_documented_default(env, tmp_path, text):
    config = tmp_path / "civility.toml"
    config.write_text(text)
    chat = "Ben: darn this f*cking school\n"
    run = civility("run", "--config", str(config), env=env, cwd=tmp_path, stdin=chat)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "civility.db").exists()  # the default: sqlite:///civility.db
    listing = civility("incidents", "--config", str(config), "--json", env=env, cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert [i["member_name"] for i in json.loads(listing.stdout)] == ["Ben"]
    exported = civility("export", "console:ben", "--config", str(config), env=env, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    erased = civility("erase", "console:ben", "--yes", "--config", str(config), env=env,
                      cwd=tmp_path)
    assert erased.returncode == 0, erased.stderr


def test_records_resolve_names_and_refuse_unknown_members(env, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[policy]\nplugins = ["words"]\n')
    run = civility("run", "--config", str(config), env=env, cwd=tmp_path,
                   stdin="Chris: darn it\nChris: darn again\n")
    assert run.returncode == 0, run.stderr
    for query in ("Chris", "console:Chris", "CONSOLE:chris", "chris"):
        exported = civility("export", query, "--config", str(config), env=env, cwd=tmp_path)
        assert exported.returncode == 0, exported.stderr
        data = json.loads(exported.stdout)
        assert data["member"] == "console:chris" and len(data["incidents"]) == 2
        assert f"Store: {tmp_path / 'civility.db'}" in exported.stderr
    listing = civility("incidents", "--member", "Chris", "--config", str(config), "--json",
                       env=env, cwd=tmp_path)
    assert len(json.loads(listing.stdout)) == 2
    nobody = civility("erase", "Nobody", "--yes", "--config", str(config), env=env, cwd=tmp_path)
    assert nobody.returncode != 0 and "no records about 'Nobody'" in nobody.stderr
    assert "Erased" not in nobody.stdout
    missing = civility("export", "console:nobody", "--config", str(config), env=env, cwd=tmp_path)
    assert missing.returncode != 0 and missing.stdout == ""
    erased = civility("erase", "Chris", "--yes", "--config", str(config), env=env, cwd=tmp_path)
    assert erased.returncode == 0 and "about console:chris" in erased.stdout


def test_a_name_several_members_share_lists_their_keys():
    import click

    from civility._records_cli import resolve_member

    members = {"console:sam": {"Sam"}, "telegram:42": {"Sam"}, "matrix:@x:y": {"Xena"}}
    assert resolve_member("xena", members) == "matrix:@x:y"
    assert resolve_member("telegram:42", members) == "telegram:42"
    with pytest.raises(click.ClickException) as caught:
        resolve_member("Sam", members)
    assert "console:sam (Sam)" in caught.value.message
    assert "telegram:42 (Sam)" in caught.value.message


@pytest.mark.parametrize("command", [["incidents"], ["export", "console:ben"],
                                     ["erase", "console:ben", "--yes"]])
def test_read_only_commands_never_create_an_empty_store(env, tmp_path, command):
    result = civility(*command, env=env, cwd=tmp_path)
    assert result.returncode != 0
    assert f"no store at {tmp_path / 'civility.db'}" in result.stderr
    assert not (tmp_path / "civility.db").exists()
    assert "Traceback" not in result.stderr


def test_incidents_speak_plain_words(env, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[policy]\nplugins = ["words"]\n')
    civility("run", "--config", str(config), env=env, cwd=tmp_path, stdin="Ben: darn it\n")
    listing = civility("incidents", "--config", str(config), env=env, cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "No swearing" in listing.stdout and "message deleted" in listing.stdout
    assert "words.swear" not in listing.stdout


def _readme_commands() -> dict[str, str]:
    """Command name → its row in the README's Commands table ("" for the main command)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `civility "):
            words = line.split("`")[1].split()
            name = words[1] if len(words) > 1 and not words[1].startswith("-") else ""
            rows[name] = line
    return rows


def test_every_command_and_option_has_help_and_is_in_the_readme():
    import click
    from click.testing import CliRunner

    from civility._cli import main

    rows = _readme_commands()
    assert set(rows) == {"", *main.commands}, "README Commands table and the CLI differ"
    for name, command in [("", main), *sorted(main.commands.items())]:
        help_text = CliRunner().invoke(main, [*([name] if name else []), "--help"])
        assert help_text.exit_code == 0, help_text.output
        assert command.help, f"civility {name} has no help"
        for param in command.params:
            if not isinstance(param, click.Option) or param.name == "help":
                continue
            assert param.help, f"civility {name} {param.opts[0]} has no help text"
            for flag in [*param.opts, *param.secondary_opts]:
                if flag.startswith("--") and flag != "--pseudonymize":  # US spelling alias
                    assert flag in rows[name], f"civility {name} {flag} is not in the README"


def test_a_misspelt_group_policy_stops_run_with_file_and_key(env, tmp_path):
    config = tmp_path / "civility.toml"
    config.write_text('[telegram]\ntoken = "env:CIVILITY_TEST_TG_TOKEN"\nmoderators_chat = -2\n'
                      '[[telegram.group]]\nid = -100\npolicy = ["iqr"]\n')
    result = civility("run", "--config", str(config), cwd=tmp_path,
                      env={**env, "CIVILITY_TEST_TG_TOKEN": "123:abc"})
    assert result.returncode != 0
    assert f"{config}: [telegram.group[0].policy] expected installed policy plugins" in result.stderr
    assert "did you mean iqra?" in result.stderr and "Traceback" not in result.stderr
