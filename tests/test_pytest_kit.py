"""The pytest kit a policy author uses, run as an author runs it: pytest on their own tests."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PYTEST = str(Path(sys.executable).with_name("pytest"))

AUTHOR_TESTS = '''
import pytest


def test_rules_read_like_the_policy(civility_policy):
    policy = civility_policy("community")
    policy.assert_breaks("you absolute numpty", "community.respect")
    policy.assert_fine("Great match today, well done!")


def test_a_toml_policy_file(civility_policy):
    policy = civility_policy("ours.toml")
    policy.assert_breaks("what a plonker", "ours.insults")


def test_a_conversation(civility_policy):
    policy = civility_policy("iqra")
    lines = [("Aisha", "are you coming tonight?"), ("Bilal", "yes inshallah"),
             ("Aisha", "what time?"), ("Bilal", "7ish"), ("Aisha", "shall I bring food?"),
             ("Bilal", "yes please"), ("Aisha", "ok see you")]
    turns = policy.conversation(lines)
    assert len(turns) == 7
    fired = [i + 1 for i, t in enumerate(turns) if "iqra.private-conversation" in t.rules]
    assert fired, [t.rules for t in turns]
    policy.assert_conversation(lines, triggers="iqra.private-conversation", at=fired[0])


@pytest.mark.civility_examples("examples.jsonl")
def test_examples(civility_policy, civility_example):
    civility_policy("community").assert_example(civility_example)


def test_a_wrong_expectation_says_what_fired(civility_policy):
    civility_policy("community").assert_breaks("you absolute numpty", "community.language")
'''

OURS = '''
[policy]
name = "ours"
[[rules]]
id = "ours.insults"
title = "Insults"
clause = "Be kind."
[rules.detect]
words = ["plonker"]
'''


def test_an_authors_tests_use_the_kit(tmp_path: Path) -> None:
    (tmp_path / "test_policy.py").write_text(textwrap.dedent(AUTHOR_TESTS), "utf-8")
    (tmp_path / "ours.toml").write_text(OURS, "utf-8")
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nasyncio_default_fixture_loop_scope = function\n", "utf-8")
    (tmp_path / "examples.jsonl").write_text(
        '{"id": "insult", "text": "you muppet", "rules": ["community.respect"]}\n'
        '{"id": "fine", "text": "see you at training", "rules": []}\n'
        '{"id": "wrong", "text": "see you at training", "rules": ["community.respect"]}\n',
        "utf-8")
    run = subprocess.run([PYTEST, "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
                          str(tmp_path)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120, check=False)
    out = run.stdout + run.stderr
    assert "2 failed, 5 passed" in out, out
    assert "FAILED test_policy.py::test_examples[wrong-community.respect]" in out
    assert "expected community.language, got community.respect" in out
    assert "DeprecationWarning" not in out


def test_new_policy_makes_tests_that_use_the_kit(tmp_path: Path) -> None:
    """The generated package's tests are the kit's: when the rule stops firing, the failure
    says what fired instead."""
    from click.testing import CliRunner

    from civility._cli import main

    made = CliRunner().invoke(main, ["new-policy", "stmarys", "--dir", str(tmp_path)])
    assert made.exit_code == 0, made.output
    root = tmp_path / "civility-stmarys"
    assert "civility_policy(policy).assert_breaks" in (root / "tests" / "test_policy.py"
                                                       ).read_text("utf-8")
    module = root / "civility_stmarys.py"
    module.write_text(module.read_text("utf-8").replace('["darn", "heck"]', '["heck"]'), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(root)}
    run = subprocess.run([PYTEST, "-q", "-p", "no:cacheprovider", str(root / "tests")],
                         cwd=root, env=env, capture_output=True, text=True, timeout=120,
                         check=False)
    out = run.stdout + run.stderr
    assert "2 failed, 1 passed" in out, out
    assert "expected stmarys.swearing" in out
