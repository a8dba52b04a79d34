"""`civility new-policy`: a ready-to-edit policy package for another school."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import click

from civility._scaffold_package import pyproject

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

TEST = '''"""The policy's tests, with Civility's pytest kit (the civility_policy fixture)."""

import civility_{module} as policy


def test_swearing_is_flagged_with_evidence(civility_policy):
    civility_policy(policy).assert_breaks("oh darn it", "{name}.swearing")


def test_clean_messages_stay_clean(civility_policy):
    civility_policy(policy).assert_fine("PE kit on Tuesday please")


def test_evasions_are_caught(civility_policy):
    civility_policy(policy).assert_breaks("d a r n", "{name}.swearing")
'''


README = """# civility-{name}: the {title} code of conduct for Civility

A [Civility](https://pypi.org/project/civility/) policy plugin. Each rule in
`civility_{module}.py` cites the clause of your code of conduct it rests on (`clause`) and where
that clause sits (`clause_ref`, e.g. "Code of conduct, bullet 1"); members' private notices
quote both.

## Files

- `civility_{module}.py`: the rules (`civility_rules`) and the check of each message
  (`on_message`). Start by replacing the example word list and rule with your own.
- `tests/test_policy.py`: tests with Civility's pytest kit (`civility_policy(policy)`:
  `assert_breaks`, `assert_fine`, `assert_conversation`; `@pytest.mark.civility_examples`
  runs a test per example in a JSON Lines file); add one per rule.
- `pyproject.toml`: registers the plugin as `{name}` (entry point group `civility`).

## Use it

Install it into the same Python environment as civility, then test it:

    python -m pip install -e '.[test]'
    python -m pytest

`civility rules --policy {name}` lists its rules, `civility plugins` shows it is installed.
Turn it on in the school's config file:

    [policy]
    plugins = ["{name}"]

Try it on the console with `civility run --config civility.toml`, or on an exported chat with
`civility scan chat.zip --policy {name}`.
"""


def _taken_names() -> set[str]:
    """Plugin names already in use here (built-in or installed): a clash would shadow one."""
    from civility._plugins import BUILTIN, make_manager

    return {name for name, _ in BUILTIN} | {n for n, p in make_manager().list_name_plugin()
                                            if p is not None}


def _next_steps(root: Path, name: str) -> str:
    python = shlex.quote(sys.executable)
    here = Path(sys.executable).parent / "civility"
    civility = shlex.quote(str(here)) if here.exists() else "civility"
    package = shlex.quote(f"{root}[test]")
    return (f"Created {root}. Next, with the Python that runs civility ({sys.executable}):\n"
            f"  {python} -m pip install -e {package}\n"
            f"  {python} -m pytest {shlex.quote(str(root / 'tests'))}\n"
            f"  {civility} rules --policy {name}\n"
            f"Then add this to your config file (e.g. civility.toml):\n\n"
            f"  [policy]\n  plugins = [\"{name}\"]\n")


@click.command("new-policy")
@click.argument("name")
@click.option("--title", default="", help="The school's name, for the package description.")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True, help="Where to create the package.")
@click.option("--toml", "as_toml", is_flag=True,
              help="A policy file (TOML), examples and a config instead of a Python package: "
                   "for schools without a programmer.")
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Package this policy file (TOML) to publish, with its examples "
                   "(--examples) as the package's tests.")
@click.option("--examples", type=click.Path(dir_okay=False, path_type=Path),
              help="With --from: the examples (JSON Lines) the package's tests check.")
def new_policy(name: str, title: str, directory: Path, as_toml: bool, from_file: Path | None,
               examples: Path | None) -> None:
    """Create a policy plugin package NAME for another school, with a test."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,30}", name):
        raise click.BadParameter("use lower-case letters, digits and _ (e.g. stmarys)",
                                 param_hint="NAME")
    if from_file is not None:
        _package_file(name, from_file, directory, examples)
        return
    if examples is not None:
        raise click.BadParameter("only with --from FILE", param_hint="--examples")
    if name in _taken_names():
        raise click.ClickException(f"a plugin named {name!r} is already installed; choose "
                                   "another name (see `civility plugins`)")
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
        root / "pyproject.toml": pyproject(
            name, f"The {values['title']} code of conduct for Civility",
            f'{name} = "civility_{name}"', f'py-modules = ["civility_{name}"]'),
        root / f"civility_{name}.py": PLUGIN.format(**values),
        root / "tests" / "test_policy.py": TEST.format(**values),
        root / "README.md": README.format(**values),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    click.echo(_next_steps(root, name))


def _package_file(name: str, policy_file: Path, directory: Path, examples: Path | None) -> None:
    """``new-policy NAME --from FILE``: the policy file as a package to publish."""
    from civility._scaffold_toml import write_policy_package
    from civility._tables import ConfigError
    from civility.policy_file import read_policy

    try:
        doc = read_policy(policy_file)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if doc.name != name:
        raise click.ClickException(f"{policy_file} is the policy {doc.name!r}: run "
                                   f"`civility new-policy {doc.name} --from {policy_file}`")
    if examples is not None and not examples.is_file():
        raise click.BadParameter(f"{examples} is not a file", param_hint="--examples")
    root = directory / f"civility-{name}"
    if root.exists():
        raise click.ClickException(f"{root} already exists")
    write_policy_package(name, policy_file, root, examples)
    python = shlex.quote(sys.executable)
    click.echo(f"Created {root}, the package civility-{name}. Next:\n"
               f"  {python} -m pip install -e {shlex.quote(f'{root}[test]')}\n"
               f"  {python} -m pytest {shlex.quote(str(root / 'tests'))}\n"
               f"Once it is installed, remove `files` from your config: [policy] plugins = "
               f"[\"{name}\"] finds it. To publish: cd {shlex.quote(str(root))} && "
               f"{python} -m build && {python} -m twine upload dist/*")
