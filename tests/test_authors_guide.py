"""The policy authors' guide documents every hook and every policy-file key, and its examples
work as printed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pluggy
import pytest
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


def test_the_guides_advise_configs_run_one_group_advising_beside_iqra(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from civility._runner import build_adapters, build_engine
    from civility.config import Mode, load_config
    from civility.events import ChatRef
    from civility.store.memory import MemoryStore

    monkeypatch.setenv("CIVILITY_TELEGRAM_TOKEN", "123456:test")
    [example] = [b for b in blocks("toml") if "[[rules]]" in b and "[ladder]" in b]
    (tmp_path / "our-code.toml").write_text(example, "utf-8")
    configs = [b for b in blocks("toml") if 'mode = "advise"' in b and "[policy]" in b]
    assert len(configs) == 2
    for n, block in enumerate(configs):
        path = tmp_path / f"civility-{n}.toml"
        path.write_text(block + '\n[store]\nurl = "memory://"\n', "utf-8")
        config = load_config(path)
        assert config.mode is Mode.ENFORCE and config.plugins == ("iqra",)
        engine = build_engine(config, store=MemoryStore())
        for adapter in build_adapters(config):
            engine.add_adapter(adapter)
            for key, names in adapter.chat_policies().items():
                engine.set_policies(key, names)
        advising = [k for k, m in engine._modes.items() if m is Mode.ADVISE]
        assert len(advising) == 1
        platform, _, chat_id = advising[0].partition(":")
        assert engine.policies_for(ChatRef(platform, chat_id))[0] == "riverside"
        if platform == "telegram":
            assert engine.mode_for(ChatRef("telegram", "-1009876543210")) is Mode.ENFORCE
            assert engine.policies_for(ChatRef("telegram", "-1009876543210"))[0] == "iqra"
