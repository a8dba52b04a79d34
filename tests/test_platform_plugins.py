"""Platforms are plugins: an out-of-tree platform package, installed by pip into a directory on
PYTHONPATH and found by its entry point alone, is driven by `civility run --config` with its own
config table and listed by `civility plugins`; the built-in platforms register the same way.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from civility import _platforms
from civility._platforms import Platforms, PlatformSpec
from civility._tables import ConfigError, Table
from civility.config import Config, parse_config

FIXTURE = Path(__file__).parent / "fixtures" / "civility_platform_demo"
CIVILITY = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo platform installed by pip (no index, no build isolation: nothing downloads)."""
    root = tmp_path_factory.mktemp("demo")
    source, target = root / "src", root / "site"
    shutil.copytree(FIXTURE, source)  # pip builds in the tree: keep the repository clean
    if importlib.util.find_spec("pip") is not None:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                        "--no-build-isolation", "--no-index", "--target", str(target),
                        str(source)], check=True, capture_output=True, timeout=300)
    else:  # a venv made by uv (tox-uv) has no pip: build the wheel and unpack it, as pip would
        wheels = root / "wheels"
        subprocess.run([sys.executable, "-c", "import sys, setuptools.build_meta as b; "
                        "b.build_wheel(sys.argv[1])", str(wheels)], cwd=source, check=True,
                       capture_output=True, timeout=300)
        with zipfile.ZipFile(next(wheels.glob("*.whl"))) as wheel:
            wheel.extractall(target)
    assert (target / "civility_lines.py").exists()
    return target


def civility(*args: str, site: Path | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run([CIVILITY, *args], env=env, cwd=cwd, text=True, capture_output=True,
                          timeout=120, check=False)


def lines_config(tmp_path: Path, chat: str, extra: str = "") -> Path:
    (tmp_path / "chat.txt").write_text(chat, encoding="utf-8")
    config = tmp_path / "civility.toml"
    config.write_text(f"""
[policy]
plugins = ["iqra"]

[store]
url = "sqlite:///{tmp_path / 'civility.db'}"

[lines]
input = "chat.txt"
actions = "actions.jsonl"
moderators = ["Mo"]
{extra}
""", encoding="utf-8")
    return config


def actions(tmp_path: Path) -> list[dict[str, object]]:
    path = tmp_path / "actions.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_run_drives_an_out_of_tree_platform_with_its_own_table(site, tmp_path):
    config = lines_config(tmp_path, "Amy: PE is on Tuesday, don't forget trainers\n"
                                    "Chris: this school is a f*cking joke, the teachers are "
                                    "useless idiots\n")
    result = civility("run", "--config", str(config), site=site, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    done = actions(tmp_path)
    assert {"action": "delete", "message": "2"} in done
    assert {"action": "tell", "member": "Chris"} in done
    assert not [a for a in done if a.get("message") == "1"]


def test_the_platform_table_is_validated_by_the_platform(site, tmp_path):
    config = lines_config(tmp_path, "Amy: hello\n", extra='colour = "blue"')
    result = civility("run", "--config", str(config), site=site, cwd=tmp_path)
    assert result.returncode != 0
    assert "[lines.colour]" in result.stderr and "no such key" in result.stderr
    assert "Traceback" not in result.stderr


def test_plugins_lists_the_installed_platform(site, tmp_path):
    result = civility("plugins", "--json", site=site, cwd=tmp_path)
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["lines"]["source"] == "civility-platform-demo 1.0"
    assert rows["lines"]["platforms"] == ["lines"]
    for builtin in ("telegram", "matrix", "whatsapp", "console"):
        assert rows[builtin]["platforms"] == [builtin]  # the same entry-point group
    text = civility("plugins", site=site, cwd=tmp_path).stdout
    assert "a chat read from a file of lines" in text and "[lines]" in text


def test_unknown_section_names_the_installed_platforms(site, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[whatsup]\ngroups = []\n", encoding="utf-8")
    result = civility("run", "--config", str(config), site=site, cwd=tmp_path)
    assert result.returncode != 0
    assert "[whatsup]" in result.stderr and "no such key" in result.stderr
    for name in ("lines", "telegram", "matrix", "whatsapp", "console"):
        assert name in result.stderr
    without = civility("run", "--config", str(lines_config(tmp_path, "Amy: hi\n")), site=None,
                       cwd=tmp_path)  # the package not installed: [lines] is unknown
    assert without.returncode != 0 and "[lines]" in without.stderr


def test_a_missing_sdk_says_which_extra_to_install(tmp_path):
    # A `telegram` module that cannot be imported stands in for the missing extra.
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "telegram.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'telegram'\", name='telegram')\n")
    config = tmp_path / "tg.toml"
    config.write_text('[telegram]\ntoken = "env:TG_TOKEN"\ngroups = [-100123]\n', encoding="utf-8")
    result = civility("run", "--config", str(config), site=shadow, cwd=tmp_path)
    assert result.returncode != 0
    assert "pip install 'civility[telegram]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_core_module_names_an_adapter():
    core = Path(__file__).parent.parent / "core"
    offenders = [str(p) for p in core.rglob("*.py") if "civility.adapters" in p.read_text()]
    assert offenders == []


def _spec(name: str, section: str = "", **kw: object) -> PlatformSpec:
    return PlatformSpec(name, lambda t: t, lambda s, c: None,  # type: ignore[arg-type,return-value]
                        **({"section": section} if section else {}), **kw)  # type: ignore[arg-type]


def test_registry_refuses_clashes_and_core_sections():
    found = _platforms.collect([[_spec("one")], [_spec("one"), _spec("two", "one")],
                                [_spec("three", "policy")], [_spec("four")]])
    assert list(found.by_name) == ["four", "one"]


def test_config_reads_the_sections_of_registered_platforms_only():
    platforms = Platforms({"lines": _spec("lines")})
    assert _platforms.check_sections({"school": {}, "lines": {}}, "f.toml", platforms) == ("lines",)
    with pytest.raises(ConfigError, match=r"\[telegram\].*installed platforms' lines"):
        _platforms.check_sections({"telegram": {}}, "f.toml", platforms)
    # The installed platforms of this checkout, through the same entry points:
    assert set(_platforms.installed().sections) >= {"telegram", "matrix", "whatsapp", "console"}
    assert parse_config({"console": {"group": "Y4"}}, "f.toml").platforms["console"].data == {
        "group": "Y4"}


def test_missing_requirement_is_a_config_error():
    spec = _spec("fancy", install="civility-fancy", requires=("civility_no_such_sdk_here",))
    with pytest.raises(ConfigError, match=r"\[fancy\].*pip install 'civility-fancy'"):
        spec.build(Table({}, "fancy", "f.toml"), Config())


def test_the_default_platform_runs_when_none_is_configured():
    adapters = _platforms.build_adapters(_platforms.installed(), {}, Config())
    assert [a.platform for a in adapters] == ["console"]


def test_the_demo_platform_uses_only_the_public_face():
    tree = ast.parse((FIXTURE / "civility_lines.py").read_text(encoding="utf-8"))
    used = {node.module for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("civility")}
    assert "civility.adapter" in used
    assert [m for m in used if any(part.startswith("_") for part in m.split("."))] == []


def test_the_public_face_names_what_a_platform_author_needs():
    import civility.adapter as face

    for name in ("PlatformSpec", "ReaderSpec", "ReaderOption", "Table", "Secret", "ConfigError",
                 "BaseAdapter", "EventSink", "ReviewRequest", "UnsupportedAction",
                 "ActionFailed", "RetryLater", "durable", "json_items", "TtlCache", "Recent",
                 "WarnOnce"):
        assert name in face.__all__ and getattr(face, name) is not None
    # The same objects the registries use, not copies: a spec made from the face registers.
    assert face.PlatformSpec is PlatformSpec and face.Table is Table


def test_a_disabled_platform_and_its_reader_are_left_out(monkeypatch, tmp_path):
    from civility import _readers

    monkeypatch.setenv("CIVILITY_DISABLE_PLUGINS", "telegram, iqra")
    assert "telegram" not in _platforms.installed().by_name
    assert {"matrix", "whatsapp", "console"} <= set(_platforms.installed().by_name)
    assert "telegram" not in {r.name for r in _readers.installed()}
    with pytest.raises(ConfigError) as error:
        parse_config({"telegram": {"token": "env:T", "groups": [-1]}}, "f.toml")
    assert "[telegram]" in str(error.value) and "disabled by CIVILITY_DISABLE_PLUGINS" in str(
        error.value)
    assert "matrix" in str(error.value) and "whatsapp" in str(error.value)
    monkeypatch.delenv("CIVILITY_DISABLE_PLUGINS")
    assert "telegram" in _platforms.installed().by_name
    assert "telegram" in {r.name for r in _readers.installed()}


def test_a_disabled_platforms_table_stops_run_with_one_line(tmp_path):
    config = tmp_path / "tg.toml"
    config.write_text('[telegram]\ntoken = "env:TG_TOKEN"\ngroups = [-100123]\n', encoding="utf-8")
    env = {**os.environ, "CIVILITY_DISABLE_PLUGINS": "telegram", "TG_TOKEN": "1:x"}
    result = subprocess.run([CIVILITY, "run", "--config", str(config)], env=env, cwd=tmp_path,
                            text=True, capture_output=True, timeout=120, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "[telegram]" in result.stderr and "CIVILITY_DISABLE_PLUGINS" in result.stderr
    assert "console" in result.stderr  # names the installed platforms
