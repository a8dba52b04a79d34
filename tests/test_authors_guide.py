"""The policy authors' guide documents every hook and every policy-file key, and its examples
work as printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pluggy
from click.testing import CliRunner

from civility import hookspecs, rule_models
from civility._cli import main
from civility.detectors.domains import DomainCategory
from civility.policy_file import (
    DETECT_KEYS,
    KIT_LISTS,
    LADDER_KEYS,
    MATCH_MODES,
    NOTICE_FIELDS,
    POLICY_KEYS,
    RULE_KEYS,
    TARGET_KINDS,
    load_policy_file,
)

GUIDE = Path(__file__).parents[1] / "docs" / "authors-guide.md"


def guide() -> str:
    return GUIDE.read_text("utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", guide(), flags=re.S)


def test_every_hook_spec_is_documented_with_its_arguments() -> None:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    text = guide()
    for name in dir(pm.hook):
        if name.startswith("_"):
            continue
        caller = getattr(pm.hook, name)
        args = ", ".join(caller.spec.argnames)
        assert f"`{name}({args})`" in text, f"hook {name}({args}) is not in the guide"


def test_every_policy_file_key_and_value_is_documented() -> None:
    text = guide()
    for key in (*POLICY_KEYS, *RULE_KEYS, *DETECT_KEYS, *LADDER_KEYS, *TARGET_KINDS):
        assert f"`{key}`" in text, f"policy-file key {key!r} is not in the guide"
    for name in (*KIT_LISTS, *MATCH_MODES, *(c.value for c in DomainCategory)):
        assert f"`{name}`" in text, f"value {name!r} is not in the guide"
    assert "`[lists]`" in text and '`detect = "code"`' in text
    for label in rule_models.labels_of("iqra.any"):
        assert f"`{label}`" in text, f"model rule {label!r} is not in the guide"
    for field in NOTICE_FIELDS:
        assert "`{" + field + "}`" in text, f"notice placeholder {field!r} is not in the guide"


def test_every_policy_file_fragment_in_the_guide_loads(tmp_path: Path) -> None:
    fragments = [b for b in blocks("toml") if "[[rules]]" in b]
    assert len(fragments) >= 3
    for n, block in enumerate(fragments):
        if "[policy]" not in block:  # a fragment of the riverside file
            block = '[policy]\nname = "riverside"\n' + block
        path = tmp_path / f"{n}.toml"
        path.write_text(block, "utf-8")
        load_policy_file(path)


def test_the_complete_example_loads_and_works(tmp_path: Path) -> None:
    [example] = [b for b in blocks("toml") if "[[rules]]" in b and "[ladder]" in b]
    path = tmp_path / "our-code.toml"
    path.write_text(example, "utf-8")
    policy = load_policy_file(path)
    assert policy.name == "riverside"
    config = tmp_path / "civility.toml"
    config.write_text('[policy]\nplugins = ["riverside"]\nfiles = ["our-code.toml"]\n', "utf-8")
    examples = tmp_path / "examples.jsonl"
    [lines] = [b for b in blocks("json") if '"rules"' in b]
    examples.write_text(lines, "utf-8")
    result = CliRunner().invoke(main, ["eval", str(examples), "--policy", "riverside",
                                       "--config", str(config), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["recall"] == 1.0 and report["clean_flagged_rate"] == 0.0
