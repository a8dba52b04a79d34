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


# -- the format's ways of combining (what the Iqra policy's own file needs) -----------------

COMBINED = """
[policy]
name = "club"

[lists]
school-words = ["pta", "school fair"]
election = ["vote", "voting", "election", "council", "candidate"]
policy-words = ["policy", "new rule"]
resist = ["boycott", "refuse"]
everyone = ["they all", "all of them"]

[[rules]]
id = "club.politics"
title = "No politics"
clause = "Not a political platform."
severity = "low"
[[rules.detect]]
lists = ["politics"]
confidence = 0.8
[[rules.detect]]
lists = ["election"]
min_words = 2
unless = ["school-words"]
confidence = 0.65

[[rules]]
id = "club.campaigns"
title = "No campaigns against a policy"
clause = "Raise a policy with the committee."
severity = "medium"
[rules.detect]
lists = ["policy-words", "resist"]
match = "all"

[[rules]]
id = "club.generalising"
title = "No generalising"
clause = "Respect every community."
severity = "high"
[rules.detect]
lists = ["communities"]
also = ["everyone"]

[[rules]]
id = "club.grumbles"
title = "No grumbles about people"
clause = "Concerns go to the committee."
severity = "medium"
[rules.detect]
words = ["useless"]
quiet = ["insults"]
about = ["staff", "parent"]
"""


def verdicts_for(policy: object, text: str) -> dict[str, object]:
    message = make_message(text)
    context = PolicyContext(school=Config().school, chat=message.chat)
    return {v.rule_id: v for v in policy.on_message(message=message, context=context)}  # type: ignore[attr-defined]


def test_ways_to_fire_are_tried_in_order_each_with_its_confidence(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path, COMBINED))
    strong = verdicts_for(policy, "I'm voting Labour, the Tories are finished")
    assert strong["club.politics"].confidence == 0.8  # type: ignore[attr-defined]
    weak = verdicts_for(policy, "who is the council candidate? do vote")
    assert weak["club.politics"].confidence == 0.65  # type: ignore[attr-defined]
    # min_words: one ordinary election word is not politics; unless: not beside school words.
    assert "club.politics" not in verdicts_for(policy, "the council fixed the road")
    assert "club.politics" not in verdicts_for(policy, "vote for the PTA council chair")


def test_all_also_and_quiet(tmp_path: Path) -> None:
    policy = load_policy_file(write(tmp_path, COMBINED))
    assert "club.campaigns" in verdicts_for(policy, "the new rule is daft, let's boycott it")
    assert "club.campaigns" not in verdicts_for(policy, "what is the new rule on kit?")
    assert "club.campaigns" not in verdicts_for(policy, "I refuse to miss the match")
    found = verdicts_for(policy, "the Polish families, they all keep to themselves")
    assert "club.generalising" in found
    assert "they all" not in {e.match for e in found["club.generalising"].evidence}  # type: ignore[attr-defined]
    assert "club.generalising" not in verdicts_for(policy, "welcome to the Polish families!")
    # quiet: an insult fires the rule but is not quoted; the person comes first.
    grumble = verdicts_for(policy, "his mum is an idiot")["club.grumbles"]
    assert [e.match for e in grumble.evidence] == ["his mum"]  # type: ignore[attr-defined]
    assert "club.grumbles" not in verdicts_for(policy, "the printer is useless")


@pytest.mark.parametrize(("old", "new", "key", "says"), [
    ('lists = ["election"]', 'lists = ["elektion"]', 'rules "club.politics".detect[1].lists',
     "did you mean election?"),
    ('match = "all"', 'match = "both"', 'rules "club.campaigns".detect.match', "'any', 'all'"),
    ("min_words = 2", "min_words = 0", 'rules "club.politics".detect[1].min_words', "at least 1"),
    ('unless = ["school-words"]', 'unless = ["school"]', 'rules "club.politics".detect[1].unless',
     "did you mean school-words?"),
    ('school-words = ["pta"', 'insults = ["pta"', "lists.insults", "a new list name"),
    ('also = ["everyone"]', 'detect = "code"', 'rules "club.generalising".detect', "Python"),
])
def test_mistakes_in_the_new_keys_are_named(tmp_path: Path, old: str, new: str, key: str,
                                            says: str) -> None:
    assert old in COMBINED
    text = COMBINED.replace(old, new, 1)
    if new == 'detect = "code"':
        text = text.replace('[rules.detect]\nlists = ["communities"]\ndetect = "code"',
                            'detect = "code"')
    with pytest.raises(PolicyFileError) as caught:
        load_policy_file(write(tmp_path, text))
    assert f"[{key}]" in str(caught.value) and says in str(caught.value), str(caught.value)


# -- the learned model's probabilities ------------------------------------------------------

MODEL_RULE = """
[policy]
name = "riverside"

[[rules]]
id = "riverside.staff-complaints"
title = "Complaints about staff"
clause = "Take concerns about staff to the office."
severity = "medium"
[[rules.detect]]
words = ["hopeless"]
about = ["staff"]
[[rules.detect]]
model = "iqra.grievance"
min_probability = 0.8
about = ["staff"]
confidence = 0.7
"""


def test_a_rule_can_fire_on_the_learned_models_probability(tmp_path: Path) -> None:
    from civility.plugins.iqra.learned import rule_probabilities

    policy = load_policy_file(write(tmp_path, MODEL_RULE))
    text = "Mr Jones has no control over that class, it's chaos every day"
    assert rule_probabilities(make_message(text), {})["iqra.grievance"] >= 0.8
    verdict = verdicts_for(policy, text)["riverside.staff-complaints"]
    assert verdict.confidence == 0.7  # type: ignore[attr-defined]
    [who, why] = verdict.evidence  # type: ignore[attr-defined]
    assert who.match == "Mr Jones" and why.detector == "model:iqra.grievance"
    # The words first: the same rule, at the rule's own confidence, without asking the model.
    assert verdicts_for(policy, "Mr Jones is hopeless")[
        "riverside.staff-complaints"].confidence == 0.9  # type: ignore[attr-defined]
    # The model is sure, but the message is not about staff: nothing.
    assert verdicts_for(policy, "Reading club is on Friday after school") == {}
    higher = load_policy_file(write(tmp_path, MODEL_RULE.replace("0.8", "0.9999"), "hi.toml"))
    assert verdicts_for(higher, text) == {}


def test_model_and_words_together_with_all(tmp_path: Path) -> None:
    text = MODEL_RULE.replace('[[rules.detect]]\nwords = ["hopeless"]\nabout = ["staff"]\n', "")
    text = text.replace("min_probability = 0.8", 'min_probability = 0.5\nwords = ["class"]\n'
                        'match = "all"')
    policy = load_policy_file(write(tmp_path, text))
    assert "riverside.staff-complaints" in verdicts_for(
        policy, "Mr Jones has no control over that class, it's chaos every day")
    assert verdicts_for(policy, "Mr Jones has no control, it's chaos every day") == {}


@pytest.mark.parametrize(("old", "new", "says"), [
    ('model = "iqra.grievance"', 'model = "iqra.grievence"', "did you mean iqra.grievance?"),
    ('model = "iqra.grievance"', 'model = "riverside.grievance"', "none is installed"),
    ("min_probability = 0.8", "min_probability = 1.5", "between 0 and 1"),
])
def test_model_mistakes_name_the_file_rule_and_key(tmp_path: Path, old: str, new: str,
                                                   says: str) -> None:
    path = write(tmp_path, MODEL_RULE.replace(old, new))
    with pytest.raises(PolicyFileError) as caught:
        load_policy_file(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and 'rules "riverside.staff-complaints".detect[1]' in message
    assert says in message, message


def test_min_probability_without_a_model_is_refused(tmp_path: Path) -> None:
    text = POLICY.replace('words = ["useless", "hopeless"]',
                          'words = ["useless", "hopeless"]\nmin_probability = 0.5')
    with pytest.raises(PolicyFileError, match="only beside model"):
        load_policy_file(write(tmp_path, text))


def test_sighup_makes_a_running_bot_re_read_its_policy_file_at_once(tmp_path: Path) -> None:
    """The real ``civility run`` (console on stdin), a real SIGHUP: the edit is in force for
    the next message, even with the file's time stamp put back (so polling cannot see it)."""
    import shutil
    import signal
    import subprocess
    import sys
    import threading

    civility = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
    config = config_with_policy(tmp_path)
    river = tmp_path / "river.toml"
    stamp = river.stat()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "PYTHONUNBUFFERED": "1",
           "HOME": str(tmp_path)}
    proc = subprocess.Popen([civility, "--log-level", "info", "--log-json", "run", "--config",
                             str(config)], cwd=tmp_path, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(90, proc.kill)  # a read below must never hang the suite
    watchdog.start()
    try:
        assert proc.stdout is not None and proc.stdin is not None and proc.stderr is not None
        assert "a local group chat" in proc.stdout.readline()
        proc.stdin.write("Amy: what a plonker\n")
        proc.stdin.flush()
        assert "#1 Amy: what a plonker" in proc.stdout.readline()
        river.write_text(POLICY.replace('"numpty", "muppet*"', '"numpty", "plonker"'), "utf-8")
        os.utime(river, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        proc.send_signal(signal.SIGHUP)
        for line in proc.stderr:  # the log says when it is done
            if "policy_files_reloaded" in line:
                assert '"changed": 1' in line
                break
        out, err = proc.communicate("Ben: what a plonker\n", timeout=60)
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    after = out.split("#2 Ben: what a plonker", 1)[1]
    assert "Be kind: no insults or name-calling." in after and "message #2 deleted" in after
    assert "Traceback" not in err
