"""Policies written as TOML files: reading, errors that name the place, detection, reload."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from civility._cli import main
from civility._runner import build_engine
from civility.config import Config, load_config
from civility.context import PolicyContext
from civility.policy_file import PolicyFileError, load_policy_file
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_chat, make_message
from civility.verdicts import Step

POLICY = """
[policy]
name = "riverside"
title = "Riverside parents' group code"

[ladder]
caution_at = 1
review_at = 2
propose_removal_at = 9

[[rules]]
id = "riverside.insults"
title = "Insults"
clause = "Be kind: no insults or name-calling."
where = "Our code, point 1"
severity = "medium"
notice = "{school} asks everyone to be kind ({where}: {clause})."
[rules.detect]
words = ["numpty", "muppet*"]
lists = ["insults"]

[[rules]]
id = "riverside.staff"
title = "Complaints about staff"
clause = "Take concerns about staff to the office, not the group."
where = "Our code, point 2"
severity = "medium"
[rules.detect]
words = ["useless", "hopeless"]
about = ["staff"]

[[rules]]
id = "riverside.shops"
title = "No advertising"
clause = "No shop links."
severity = "low"
[rules.detect]
links = ["shop"]
deny_domains = ["spam.example"]

[[rules]]
id = "riverside.emails"
title = "Private e-mails"
clause = "Do not paste e-mails."
severity = "high"
[rules.detect]
email_quote = true
"""


def write(tmp_path: Path, text: str, name: str = "river.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def rules_for(policy: object, text: str) -> set[str]:
    message = make_message(text)
    context = PolicyContext(school=Config().school, chat=message.chat)
    return {v.rule_id for v in policy.on_message(message=message, context=context)}  # type: ignore[attr-defined]


def test_a_policy_file_judges_with_the_kits_detectors(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path, POLICY))
    assert policy.name == "riverside"
    assert [r.id for r in policy.civility_rules()] == [
        "riverside.insults", "riverside.staff", "riverside.shops", "riverside.emails"]
    assert rules_for(policy, "you absolute numpty") == {"riverside.insults"}
    assert rules_for(policy, "you n u m p t y") == {"riverside.insults"}  # evasion undone
    assert rules_for(policy, "stop being such muppets") == {"riverside.insults"}
    assert rules_for(policy, "you are an idiot") == {"riverside.insults"}  # the kit's list
    # "about": the word alone is not enough, the message must be about staff.
    assert rules_for(policy, "this printer is useless") == set()
    assert rules_for(policy, "Mrs Khan is useless") == {"riverside.staff"}
    assert rules_for(policy, "great deals www.cheapcases-shop.com") == {"riverside.shops"}
    assert rules_for(policy, "see https://spam.example/x") == {"riverside.shops"}
    assert rules_for(policy, "From: Mrs Khan\nSent: Monday\nTo: Y Ali\nSubject: Omar") \
        == {"riverside.emails"}
    assert rules_for(policy, "PE is on Tuesday, don't forget trainers") == set()


def test_verdicts_carry_evidence_and_the_files_clause(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path, POLICY))
    message = make_message("Mrs Khan is hopeless")
    context = PolicyContext(school=Config().school, chat=message.chat)
    [verdict] = policy.on_message(message=message, context=context)
    assert verdict.clause == "Take concerns about staff to the office, not the group."
    matched = {e.match for e in verdict.evidence}
    assert "hopeless" in matched and "Mrs Khan" in matched


def test_errors_name_the_file_the_rule_and_the_key(tmp_path: Path) -> None:
    bad = POLICY.replace('severity = "medium"\nnotice', 'severity = "mild"\nnotice', 1)
    path = write(tmp_path, bad)
    with pytest.raises(PolicyFileError) as caught:
        load_policy_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert 'rules "riverside.insults".severity' in message
    assert "'low'" in message and "'mild'" in message


@pytest.mark.parametrize(("old", "new", "key"), [
    ('lists = ["insults"]', 'lists = ["insultz"]', 'rules "riverside.insults".detect.lists'),
    ('about = ["staff"]', 'about = ["teachers"]', 'rules "riverside.staff".detect.about'),
    ('links = ["shop"]', 'links = ["shops"]', 'rules "riverside.shops".detect.links'),
    ('id = "riverside.emails"', 'id = "other.emails"', 'rules "other.emails".id'),
    ('notice = "{school} asks', 'notice = "{skool} asks', 'rules "riverside.insults".notice'),
    ('email_quote = true', 'email_quote = "yes"', 'rules "riverside.emails".detect.email_quote'),
    ('clause = "No shop links."', 'clause = "No shop links."\ncolour = "red"',
     'rules "riverside.shops".colour'),
    ("caution_at = 1", "caution_at = 5", "ladder.caution_at"),
])
def test_each_kind_of_mistake_is_named(tmp_path: Path, old: str, new: str, key: str) -> None:
    assert old in POLICY
    path = write(tmp_path, POLICY.replace(old, new, 1))
    with pytest.raises(PolicyFileError) as caught:
        load_policy_file(path)
    assert f"[{key}]" in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_a_rule_with_nothing_to_detect_is_refused(tmp_path: Path) -> None:
    text = POLICY.replace("[rules.detect]\nemail_quote = true", "[rules.detect]\nabout = [\"staff\"]")
    with pytest.raises(PolicyFileError, match="at least one way to detect"):
        load_policy_file(write(tmp_path, text))


def test_unreadable_files_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError, match="valid TOML"):
        load_policy_file(write(tmp_path, "[policy\nname="))
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[policy]\nname = "caf\xe9"\n')
    with pytest.raises(PolicyFileError, match="UTF-8"):
        load_policy_file(path)
    with pytest.raises(PolicyFileError, match="readable"):
        load_policy_file(tmp_path / "missing.toml")


def test_a_changed_file_is_picked_up_and_a_broken_one_keeps_the_old_rules(tmp_path: Path) -> None:
    path = write(tmp_path, POLICY)
    policy = load_policy_file(path)
    assert rules_for(policy, "what a plonker") == set()
    path.write_text(POLICY.replace('"numpty", "muppet*"', '"numpty", "plonker"'), "utf-8")
    os.utime(path, (1_900_000_000, 1_900_000_000))
    assert policy.reload_if_changed(force=True)
    assert rules_for(policy, "what a plonker") == {"riverside.insults"}
    path.write_text("[policy\n", "utf-8")
    os.utime(path, (1_900_000_100, 1_900_000_100))
    assert not policy.reload_if_changed(force=True)
    assert rules_for(policy, "what a plonker") == {"riverside.insults"}


def config_with_policy(tmp_path: Path) -> Path:
    write(tmp_path, POLICY)
    config = tmp_path / "civility.toml"
    config.write_text('[policy]\nplugins = ["riverside"]\nfiles = ["river.toml"]\n'
                      '[store]\nurl = "memory://"\n', "utf-8")
    return config


async def test_the_engine_runs_a_policy_file_with_its_own_ladder_and_notice(tmp_path: Path) -> None:
    config = load_config(config_with_policy(tmp_path))
    assert config.policy_files == (tmp_path / "river.toml",)
    engine = build_engine(config, store=MemoryStore())
    adapter = RecordingAdapter(moderators={"mod"})
    engine.add_adapter(adapter)
    await engine.start(adapters=False)
    outcome = await engine.handle(make_message("you numpty", chat=make_chat()))
    await engine.stop()
    # Its own ladder: caution_at = 1, so a first medium breach (2 points) is already cautioned.
    assert outcome.decision.rule_ids == ("riverside.insults",)
    assert Step.CAUTION in outcome.decision.steps
    [notice] = adapter.named("send_private")
    text = str(notice.args[1])
    assert "asks everyone to be kind (Our code, point 1: Be kind: no insults or name-calling.)" in text


def test_rules_and_scan_work_on_a_policy_file(tmp_path: Path) -> None:
    config = config_with_policy(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(main, ["rules", "--config", str(config), "--policy", "riverside",
                                  "--json"])
    assert listed.exit_code == 0, listed.output
    assert "riverside.staff" in listed.output and "iqra." not in listed.output
    messages = tmp_path / "messages.jsonl"
    messages.write_text('{"id": "1", "sender": "A", "text": "you numpty"}\n'
                        '{"id": "2", "sender": "B", "text": "PE on Tuesday"}\n', "utf-8")
    scanned = runner.invoke(main, ["scan", str(messages), "--format", "jsonl",
                                   "--config", str(config)])
    assert scanned.exit_code == 0, scanned.output
    assert '"riverside.insults"' in scanned.output


def test_a_policy_file_cannot_take_a_built_in_name(tmp_path: Path) -> None:
    write(tmp_path, POLICY.replace('name = "riverside"', 'name = "iqra"').replace(
        "riverside.", "iqra."))
    config = tmp_path / "civility.toml"
    config.write_text('[policy]\nfiles = ["river.toml"]\n', "utf-8")
    result = CliRunner().invoke(main, ["rules", "--config", str(config)])
    assert result.exit_code != 0
    assert "a name no other installed policy uses" in result.output
