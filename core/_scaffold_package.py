"""The pyproject.toml of a policy package, as both `civility new-policy` scaffolds write it."""

from __future__ import annotations

PYPROJECT = '''[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "civility-{name}"
version = "0.1.0"
description = "{description}"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["civility"]

[project.optional-dependencies]
# pytest-asyncio: civility's own test kit runs async engine tests; naming its loop scope below
# keeps its deprecation warning out of this package's test run.
test = ["pytest>=8", "pytest-asyncio>=0.24"]

[project.entry-points.civility]
{entry_point}

[tool.setuptools]
{layout}

[tool.pytest.ini_options]
testpaths = ["tests"]
asyncio_default_fixture_loop_scope = "function"
'''


def pyproject(name: str, description: str, entry_point: str, layout: str) -> str:
    """A policy package's pyproject.toml: `entry_point` is its line in the ``civility``
    entry-point group, `layout` its ``[tool.setuptools]`` lines (both scaffolds share it)."""
    return PYPROJECT.format(name=name, description=description, entry_point=entry_point,
                            layout=layout)
