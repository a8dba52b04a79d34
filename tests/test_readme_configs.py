"""Every config the README shows (and the one `new-policy` tells an author to write) works.

What this proves, per config: the file parses and validates, every platform adapter it names is
built from it (secrets read from a test environment), the engine is built with the installed
plugins and started on the configured store, then stopped. Network platforms are built but not
connected (no Telegram, Matrix or WhatsApp server is reached); configs without a network
platform are also run end to end by the real `civility run` on the console.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from civility._runner import build_adapters, build_engine
from civility.config import load_config

README = Path(__file__).resolve().parents[1] / "README.md"
CIVILITY = shutil.which("civility", path=str(Path(sys.executable).parent)) or "civility"
NETWORK = ("telegram", "matrix", "whatsapp")


def readme_configs() -> list[tuple[str, str]]:
    """(a name, the TOML) for every ```toml block of the README."""
    blocks = re.findall(r"^```toml\n(.*?)^```", README.read_text(encoding="utf-8"),
                        flags=re.MULTILINE | re.DOTALL)
    found = []
    for index, block in enumerate(blocks):
        first = re.search(r"^\[+([\w.-]+)", block, flags=re.MULTILINE)
        if first and first.group(1).startswith(("project", "build-system", "tool.")):
            continue  # a package's pyproject.toml (how to publish a plugin), not a config
        found.append((f"readme-{index}-{first.group(1) if first else 'empty'}", block))
    return found


#: The small files a new school writes first, relying on the documented defaults.
FIRST_FILES = [
    ("empty", ""),
    ("store-retention-only", "[store]\nretention_days = 30\n"),
    ("school-only", '[school]\nname = "St Mary\'s"\n'),
]


def secrets_for(text: str) -> dict[str, str]:
    # A webhook secret must be 1-256 of A-Z a-z 0-9 _ -: one value that suits every secret.
    return {name: "test_secret_value-1" for name in re.findall(r'"env:(\w+)"', text)}


def test_the_readme_shows_configs():
    names = " ".join(name for name, _ in readme_configs())
    assert len(readme_configs()) >= 4
    for section in ("school", "telegram", "matrix", "whatsapp"):
        assert section in names


@pytest.mark.parametrize(("name", "text"), readme_configs() + FIRST_FILES,
                         ids=[n for n, _ in readme_configs() + FIRST_FILES])
async def test_config_builds_and_starts(name, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative store and state files land here
    path = tmp_path / "civility.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path, env=secrets_for(text))
    adapters = build_adapters(config)
    assert {a.platform for a in adapters} == (set(config.platforms) or {"console"})
    engine = build_engine(config)
    for adapter in adapters:
        engine.add_adapter(adapter)
        for chat_key, plugins in adapter.chat_policies().items():
            engine.set_policies(chat_key, plugins)
    # Wait for the start-up retention purge: stopping in the middle of it can leave
    # aiosqlite's worker thread answering a loop that is closed (an engine matter).
    purged = asyncio.Event()
    purge = engine.store.purge_expired

    async def purge_and_tell(before):  # type: ignore[no-untyped-def]
        try:
            return await purge(before)
        finally:
            purged.set()

    engine.store.purge_expired = purge_and_tell  # type: ignore[method-assign]
    await engine.start(adapters=False)
    await asyncio.wait_for(purged.wait(), timeout=60)
    try:
        assert engine.rules  # the policies loaded
        assert await engine.store.incidents() == []
    finally:
        await engine.stop()
    for adapter in adapters:  # a built but never started back-end may hold resources
        closer = getattr(getattr(adapter, "backend", None), "close", None)
        if closer is not None:
            result = closer()
            if hasattr(result, "__await__"):
                await result


CONSOLE_ONLY = [(n, t) for n, t in readme_configs() + FIRST_FILES
                if not any(f"[{p}" in t for p in NETWORK)]


@pytest.mark.parametrize(("name", "text"), CONSOLE_ONLY, ids=[n for n, _ in CONSOLE_ONLY])
def test_console_config_runs_from_the_command_line(name, text, tmp_path):
    path = tmp_path / "civility.toml"
    path.write_text(text, encoding="utf-8")
    env = {"PATH": str(Path(sys.executable).parent), "NO_COLOR": "1", **secrets_for(text)}
    result = subprocess.run([CIVILITY, "run", "--config", str(path)], input="Amy: hello all\n",
                            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    listing = subprocess.run([CIVILITY, "incidents", "--config", str(path)], env=env,
                             cwd=tmp_path, capture_output=True, text=True, timeout=120,
                             check=False)
    assert listing.returncode == 0, listing.stderr
