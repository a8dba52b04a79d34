"""The package layout promise: one distribution, only `civility` importable."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAPPING = {"core": "civility", "adapters": "civility.adapters", "plugins": "civility.plugins"}


def test_packages_list_matches_the_folders():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    declared = set(project["tool"]["setuptools"]["packages"])
    assert project["tool"]["setuptools"]["package-dir"] == {v: k for k, v in MAPPING.items()}
    found = set()
    for folder, name in MAPPING.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder).parts
            if folder == "core" and rel[:1] in (("adapters",), ("plugins",)):
                continue
            found.add(".".join((name, *rel)))
    assert declared == found


def test_only_civility_is_importable():
    for name in ("core", "adapters", "plugins"):
        assert importlib.util.find_spec(name) is None, f"{name} must not be importable"
    assert importlib.util.find_spec("civility.adapters.console") is not None
    assert importlib.util.find_spec("civility.plugins.iqra") is not None


def test_the_model_and_attribution_ship_as_package_data():
    from importlib import resources

    data = resources.files("civility.detectors")
    assert data.joinpath("abuse_model.json.gz").is_file()
    assert "OLID" in data.joinpath("ATTRIBUTION.txt").read_text()
