"""`civility new-policy NAME --toml`: a policy as a TOML file, for schools without Python.

Makes a folder with the policy file, examples to measure it with, a config that runs it in
advise mode, and a README with the next steps. No package and no Python to write.
"""

from __future__ import annotations

from pathlib import Path

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
