"""`civility new-policy NAME --toml`: a policy as a TOML file, for schools without Python.

Makes a folder with the policy file, examples to measure it with, a config that runs it in
advise mode, and a README with the next steps. No package and no Python to write.
"""

from __future__ import annotations

from pathlib import Path

from civility._scaffold_package import pyproject

POLICY = '''# The {title} code of conduct, as a Civility policy file.
# Every key is explained in Civility's policy authors' guide (docs/authors-guide.md).
# Save the file and `civility run` picks the change up; `civility eval` measures it.

[policy]
name = "{name}"
title = "{title} parents' group code of conduct"
document = "{title} code of conduct"

[[rules]]
id = "{name}.kindness"
title = "Be kind"
clause = "Messages should be kind and respectful: no insults or name-calling."
where = "Code of conduct, bullet 1"
severity = "medium"
notice = """Your message was removed because it read as unkind ({{where}}: {{clause}}). \
If something is wrong, please speak to {{concerns_route}}."""
[rules.detect]
lists = ["insults"]
words = ["numpty", "muppet"]

[[rules]]
id = "{name}.language"
title = "No swearing"
clause = "Please keep language clean: children's school life is organised here."
where = "Code of conduct, bullet 2"
severity = "medium"
[rules.detect]
lists = ["profanity"]

[[rules]]
id = "{name}.staff-concerns"
title = "Concerns about staff go to the school"
clause = "Concerns about a member of staff are raised with the school, not in the group."
where = "Code of conduct, bullet 3"
severity = "medium"
[rules.detect]
words = ["useless", "hopeless", "rubbish", "incompetent"]
about = ["staff"]
'''

EXAMPLES = '''{{"text": "you absolute numpty", "rules": ["{name}.kindness"]}}
{{"text": "what the f*ck is going on with the car park", "rules": ["{name}.language"]}}
{{"text": "Mrs Khan is useless, my son has learnt nothing", "rules": ["{name}.staff-concerns"]}}
{{"text": "the traffic on the school road is rubbish today", "rules": []}}
{{"text": "PE is on Tuesday this half term, don't forget trainers", "rules": []}}
{{"text": "Thank you Mr Ahmed for a lovely assembly!", "rules": []}}
'''

CONFIG = '''# Runs the {name} policy in advise mode: Civility decides and tells moderators, but never
# touches the group. Change mode to "enforce" when the examples say it is ready.
[school]
name = "{title}"
contact_email = ""          # the school office's address for concerns

[policy]
plugins = ["{name}"]
files = ["policy.toml"]
mode = "advise"
'''

README = '''# The {title} policy for Civility

- `policy.toml`: the rules (open it in any text editor).
- `examples.jsonl`: messages and the rules they break (`[]`: fine). Add your own, good and bad.
- `civility.toml`: a config that runs this policy in advise mode.

Next steps:

    civility rules --config {folder}/civility.toml --policy {name}
    civility eval {folder}/examples.jsonl --policy {name} --config {folder}/civility.toml
    civility scan chat-export.zip --config {folder}/civility.toml
    civility run --config {folder}/civility.toml

Then add a platform table (`[telegram]`, `[matrix]` or `[whatsapp]`) to `civility.toml`, and
give a group its own policy with `policy = ["{name}"]` in its group table.
'''


def write_toml_policy(name: str, title: str, folder: Path) -> list[Path]:
    """Write the policy folder; the caller has checked the name and that ``folder`` is new."""
    values = {"name": name, "title": title, "folder": folder}
    files = {folder / "policy.toml": POLICY, folder / "examples.jsonl": EXAMPLES,
             folder / "civility.toml": CONFIG, folder / "README.md": README}
    folder.mkdir(parents=True)
    for path, template in files.items():
        path.write_text(template.format(**values), encoding="utf-8")
    return list(files)


def next_steps(name: str, folder: Path) -> str:
    return (f"Created {folder}. Next:\n"
            f"  civility eval {folder}/examples.jsonl --policy {name} --config {folder}/civility.toml\n"
            f"  civility run --config {folder}/civility.toml\n"
            f"Edit {folder}/policy.toml to write your school's rules.")


# -- `new-policy NAME --from FILE`: a policy file as a package to publish ------------------


PACKAGE_MODULE = '''"""The {name} policy for Civility: its rules are in ``policy.toml`` beside this file.

Nothing to edit here: change ``policy.toml`` (see Civility's docs/authors-guide.md).
"""

from pathlib import Path

from civility.policy_file import load_policy_file

POLICY = load_policy_file(Path(__file__).with_name("policy.toml"))
'''

PACKAGE_TEST = '''"""Every example in examples.jsonl gives the rules it lists (Civility's pytest kit)."""

import pytest


@pytest.mark.civility_examples("examples.jsonl")
def test_examples(civility_policy, civility_example):
    civility_policy("{name}").assert_example(civility_example)
'''

PACKAGE_README = '''# civility-{name}: {title}

A code of conduct for [Civility](https://pypi.org/project/civility/), written as a policy file:
`civility_{name}/policy.toml`. `tests/examples.jsonl` holds the examples it is measured on.

Install it beside Civility and name it in the school's config:

    python -m pip install civility-{name}

    [policy]
    plugins = ["{name}"]

`civility plugins` lists it, `civility rules --policy {name}` shows its rules. To work on it:

    python -m pip install -e '.[test]'
    python -m pytest
    civility eval tests/examples.jsonl --policy {name}

Publish a new version: raise `version` in `pyproject.toml`, then
`python -m build` and `python -m twine upload dist/*`.
'''

EMPTY_EXAMPLES = '{"text": "PE is on Tuesday, don\'t forget trainers", "rules": []}\n'


def write_policy_package(name: str, policy_file: Path, root: Path,
                         examples: Path | None) -> list[Path]:
    """A package that ships ``policy_file`` as the plugin ``name`` (the caller has checked the
    name, that the file reads and is that policy, and that ``root`` is new)."""
    from civility.policy_file import read_policy

    doc = read_policy(policy_file)
    values = {"name": name, "title": doc.title.replace('"', "'")}
    texts = {
        root / "pyproject.toml": pyproject(
            name, f"{values['title']}: a code of conduct for Civility",
            "# The policy file itself is the plugin (civility.policy_file.FilePolicy).\n"
            f'{name} = "civility_{name}:POLICY"',
            f'packages = ["civility_{name}"]\n\n'
            f'[tool.setuptools.package-data]\ncivility_{name} = ["policy.toml"]'),
        root / f"civility_{name}" / "__init__.py": PACKAGE_MODULE.format(**values),
        root / f"civility_{name}" / "policy.toml": policy_file.read_text("utf-8"),
        root / "tests" / "test_policy.py": PACKAGE_TEST.format(**values),
        root / "tests" / "examples.jsonl": (examples.read_text("utf-8") if examples
                                            else EMPTY_EXAMPLES),
        root / "README.md": PACKAGE_README.format(**values),
    }
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(texts)
