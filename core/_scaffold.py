"""`civility new-policy`: a ready-to-edit policy package for another school."""

from __future__ import annotations

import re
from pathlib import Path

import click

PYPROJECT = '''[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "civility-{name}"
version = "0.1.0"
description = "The {title} code of conduct for Civility"
requires-python = ">=3.11"
dependencies = ["civility"]

[project.optional-dependencies]
test = ["pytest>=8"]

[project.entry-points.civility]
{name} = "civility_{module}"
'''

PLUGIN = '''"""The {title} code of conduct, as a Civility policy.

Each rule cites the clause it rests on. Notices are kind and point to the right route.
{{concerns_route}} and {{contact}} come from the school's config.
"""

from __future__ import annotations

from civility import hookimpl
from civility.context import PolicyContext
from civility.detectors.normalise import normalise
from civility.detectors.wordlist import WordList
from civility.events import Message
from civility.verdicts import Rule, Severity, Verdict

SWEARING = Rule(
    id="{name}.swearing",
    title="No swearing",
    clause="Messages should be kind: no swearing or offensive language.",
    clause_ref="Code of conduct, bullet 1",
    severity=Severity.MEDIUM,
    notice="Please keep messages kind. If something is wrong, please speak to {{concerns_route}}.",
)
RULES = [SWEARING]

# Whole words only, so "Scunthorpe" and "class" are safe; evasions like "d.a.r.n" still match.
SWEAR_WORDS = WordList.from_words("swearing", ["darn", "heck"])


@hookimpl
def civility_rules() -> list[Rule]:
    return RULES


@hookimpl
def on_message(message: Message, context: PolicyContext) -> list[Verdict]:
    found = SWEAR_WORDS.find(normalise(message.all_text))
    if not found:
        return []
    return [Verdict(SWEARING.id, SWEARING.clause, SWEARING.severity, 0.9, tuple(found))]
'''

TEST = '''from civility.testing import judge

import civility_{module} as policy


def test_swearing_is_flagged_with_evidence():
    [verdict] = judge(policy, "oh darn it")
    assert verdict.rule_id == "{name}.swearing"
    assert verdict.evidence


def test_clean_messages_stay_clean():
    assert judge(policy, "PE kit on Tuesday please") == []


def test_evasions_are_caught():
    assert judge(policy, "d a r n")
'''


@click.command("new-policy")
@click.argument("name")
@click.option("--title", default="", help="The school's name, for the package description.")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Where to create the package.")
@click.option("--toml", "as_toml", is_flag=True,
              help="A policy file (TOML), examples and a config instead of a Python package: "
                   "for schools without a programmer.")
def new_policy(name: str, title: str, directory: Path, as_toml: bool) -> None:
    """Create a policy plugin package NAME for another school, with a test."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,30}", name):
        raise click.BadParameter("use lower-case letters, digits and _ (e.g. stmarys)",
                                 param_hint="NAME")
    if as_toml:
        from civility._scaffold_toml import next_steps, write_toml_policy

        folder = directory / name
        if folder.exists():
            raise click.ClickException(f"{folder} already exists")
        write_toml_policy(name, title or name, folder)
        click.echo(next_steps(name, folder))
        return
    root = directory / f"civility-{name}"
    if root.exists():
        raise click.ClickException(f"{root} already exists")
    values = {"name": name, "module": name, "title": title or name}
    files = {
        root / "pyproject.toml": PYPROJECT.format(**values),
        root / f"civility_{name}.py": PLUGIN.format(**values),
        root / "tests" / "test_policy.py": TEST.format(**values),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    click.echo(f"Created {root}. Next:\n  pip install -e '{root}[test]'\n  pytest {root}/tests\n"
               f"  civility rules --policy {name}\nThen set plugins = [\"{name}\"] in [policy].")
