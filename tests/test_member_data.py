"""`civility export` and `civility erase` as a school answers a parent's request: the store's
records and what plugins keep (the Iqra learning examples) through the data hooks; an open
case is kept and listed with the reason, not erased behind anyone's back."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._runner import build_engine
from civility.adapters.console import ConsoleAdapter
from civility.config import load_config
from civility.events import ChatRef, MemberRef, ModeratorDecision, ReviewChoice
from civility.hookspecs import hookimpl
from civility.plugins.iqra.learning import EXAMPLES_FILE, record_example
from civility.testing import make_message

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
KEY = "console:parent-k"
GROUP = ChatRef("console", "group", "Year 3 parents")
PARENT = MemberRef("console", "parent-k", "Parent K")
MOD = MemberRef("console", "moderator", "Moderator")


def _school(tmp_path: Path) -> tuple[Path, Path, int, int]:
    """Parent K has a case a moderator decided and one still with the moderators; each
    taught the Iqra model an example. Returns the config, the examples file and the cases."""
    config = tmp_path / "civility.toml"
    learning = tmp_path / "learning"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "civility.db"}"\n'
                      f'[learning]\nenabled = true\npath = "{learning}"\n')

    async def build() -> tuple[int, int]:
        engine = build_engine(load_config(config))
        engine.add_adapter(ConsoleAdapter(out=io.StringIO()))  # moderators' cards shown there
        await engine.start(adapters=False)
        try:
            decided = await engine.handle(make_message("you are a stupid idiot", chat=GROUP,
                                                       sender=PARENT, time=T0))
            await engine.handle(ModeratorDecision(decided.incident_id, ReviewChoice.CAUTION,
                                                  MOD, time=T0))
            waiting = await engine.handle(make_message(
                "the head teacher is a liar and a thief, she steals from the school",
                chat=GROUP, sender=PARENT, id="m2", time=T0 + dt.timedelta(days=1)))
            return decided.incident_id, waiting.incident_id
        finally:
            await engine.stop()

    decided, waiting = asyncio.run(build())
    # The moderator's caution taught the decided case's example (on_moderator_decision); the
    # open case's is written as the engine would once a moderator answers it.
    record_example(learning, make_message("you are a stupid idiot"), "iqra.abuse", True,
                   case=waiting)
    record_example(learning, make_message("see you at pickup"), "iqra.abuse", False)
    return config, learning / EXAMPLES_FILE, decided, waiting


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_includes_what_the_plugins_keep(tmp_path: Path):
    config, _, decided, waiting = _school(tmp_path)
    code, out, err = _run("export", KEY, "--config", str(config))
    assert code == 0, err
    data = json.loads(out)
    assert sorted(i["id"] for i in data["incidents"]) == [decided, waiting]
    examples = data["plugins"]["iqra"]["learning_examples"]
    assert sorted(e["case"] for e in examples) == [decided, waiting]
    assert "stupid" not in json.dumps(examples)  # hashed features only, never the text


def test_erase_keeps_and_lists_the_open_case_then_takes_it_once_closed(tmp_path: Path):
    config, examples, _, waiting = _school(tmp_path)
    code, out, err = _run("erase", KEY, "--yes", "--config", str(config))
    assert code == 0, err
    assert f"case #{waiting} in " in out and "still open" in out
    assert f"civility cases close {waiting}" in out
    assert "1 kept by the iqra plugin" in out
    left = json.loads(_run("export", KEY, "--config", str(config))[1])
    assert [i["id"] for i in left["incidents"]] == [waiting]
    lines = [json.loads(line) for line in examples.read_text().splitlines()]
    # The decided case's example went; the open case's and the unlinked one stay.
    assert [line.get("case") for line in lines] == [waiting, None]

    assert _run("cases", "close", str(waiting), "--config", str(config))[0] == 0
    code, out, err = _run("erase", KEY, "--yes", "--config", str(config))
    assert code == 0, err
    assert "must be kept" not in out
    assert [json.loads(line).get("case") for line in examples.read_text().splitlines()] \
        == [None]
    code, _, err = _run("export", KEY, "--config", str(config))
    assert code != 0 and "no records about" in err


def test_erase_including_open_takes_the_open_case_too(tmp_path: Path):
    config, _, _, waiting = _school(tmp_path)
    code, out, err = _run("erase", KEY, "--yes", "--including-open", "--config", str(config))
    assert code == 0, err
    assert f"case #{waiting}" in out and "must be kept" not in out
    code, _, err = _run("export", KEY, "--config", str(config))
    assert code != 0 and "no records about" in err


class Forgetful:
    @hookimpl
    def civility_export_member(self, member_key: str) -> dict[str, str]:
        return {"nickname_seen": member_key}

    @hookimpl
    def civility_erase_member(self, member_key: str) -> int:
        raise RuntimeError("disk gone")


def test_a_plugin_that_cannot_erase_is_named_not_hidden():
    hooks = Hooks(make_manager(builtins=False, entry_points=False,
                               extra=[("forgetful", Forgetful())]))
    exported, failed = hooks.export_member(KEY, [1], {})
    assert exported == {"forgetful": {"nickname_seen": KEY}} and failed == []
    counts, failed = hooks.erase_member(KEY, [1], {})
    assert counts == {} and failed == ["forgetful (RuntimeError)"]
