"""A group's own ``mode``: live in one group, advise in another, on every platform's table."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from civility._runner import build_adapters, build_engine, run
from civility._tables import ConfigError, Table
from civility.adapters.console import ConsoleAdapter
from civility.adapters.matrix.config import read_settings
from civility.adapters.telegram.config import read_config as read_telegram
from civility.adapters.whatsapp.config import read_config as read_whatsapp
from civility.config import Mode, load_config
from civility.store.memory import MemoryStore

ENV = {"TOKEN": "123456:abc", "PASSWORD": "pw"}


def test_every_platforms_group_table_takes_a_mode() -> None:
    telegram = read_telegram(Table({"token": "env:TOKEN", "moderators_chat": -999, "group": [
        {"id": -100, "mode": "advise"}, {"id": -200, "mode": "live"}, {"id": -300}]},
        "telegram", "c.toml", ENV))
    assert [g.mode for g in telegram.groups] == [Mode.ADVISE, Mode.ENFORCE, None]
    matrix = read_settings(Table({
        "homeserver": "http://127.0.0.1:1", "user_id": "@bot:example.org",
        "password": "env:PASSWORD", "moderators_room": "!mods:example.org",
        "room": [{"id": "!a:example.org", "mode": "advise"}, {"id": "!b:example.org"}]},
        "matrix", "c.toml", ENV))
    assert [r.mode for r in matrix.rooms] == [Mode.ADVISE, None]
    whatsapp = read_whatsapp(Table({"moderators_group": "120363000000000009@g.us",
                                    "group": [{"id": "120363000000000001@g.us",
                                               "mode": "advise"}]}, "whatsapp", "c.toml", ENV))
    assert [g.mode for g in whatsapp.groups] == [Mode.ADVISE]


@pytest.mark.parametrize("table", ["telegram", "matrix", "whatsapp"])
def test_a_misspelt_mode_names_the_key_and_the_choices(table: str) -> None:
    data = {
        "telegram": {"token": "env:TOKEN", "moderators_chat": -999,
                     "group": [{"id": -100, "mode": "advice"}]},
        "matrix": {"homeserver": "http://127.0.0.1:1", "user_id": "@bot:example.org",
                   "password": "env:PASSWORD", "moderators_room": "!m:example.org",
                   "room": [{"id": "!a:example.org", "mode": "advice"}]},
        "whatsapp": {"moderators_group": "120363000000000009@g.us",
                     "group": [{"id": "120363000000000001@g.us", "mode": "advice"}]},
    }[table]
    reader = {"telegram": read_telegram, "matrix": read_settings, "whatsapp": read_whatsapp}
    with pytest.raises(ConfigError) as caught:
        reader[table](Table(data, table, "c.toml", ENV))  # type: ignore[operator]
    text = str(caught.value)
    assert "mode]" in text and "'advise'" in text and "advice" in text


def console_config(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "civility.toml"
    path.write_text(f'[console]\ngroup = "Riverside trial"\n{extra}\n'
                    '[store]\nurl = "memory://"\n', "utf-8")
    return path


async def console_run(tmp_path: Path, extra: str, lines: list[str]) -> str:
    config = load_config(console_config(tmp_path, extra))
    [configured] = build_adapters(config)
    assert isinstance(configured, ConsoleAdapter)
    out = io.StringIO()
    console = ConsoleAdapter(lines=lines, out=out, group="Riverside trial",
                             policy=configured.policy, mode=configured.mode)
    await run(build_engine(config, store=MemoryStore()), [console])
    return out.getvalue()


async def test_the_console_group_runs_its_own_policy_in_advise_mode(tmp_path: Path) -> None:
    lines = ["Chris: you absolute numpty", "Dana: see you at training"]
    advised = await console_run(tmp_path, 'policy = ["community"]\nmode = "advise"', lines)
    assert "community" not in advised.split("#1")[0]  # (the header names no policy)
    assert "Treat every member with respect" in advised  # the community code's clause
    assert "advise mode: Civility has not acted on the group" in advised
    assert "Live mode would have done: kind private note, message deleted" in advised
    assert "message #1 deleted" not in advised and "Done:" not in advised
    live = await console_run(tmp_path, 'policy = ["community"]', lines)
    assert "message #1 deleted" in live


def test_the_console_refuses_an_unknown_policy(tmp_path: Path) -> None:
    config = load_config(console_config(tmp_path, 'policy = ["comunity"]'))
    with pytest.raises(ConfigError, match=r"\[console.policy\].*did you mean community"):
        build_engine(config, store=MemoryStore())
