"""A member who only ever reported a message is a data subject too: export and erase find
their reports by their key, although no incident is about them."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main
from civility._runner import build_engine
from civility.config import load_config
from civility.events import Flag, FlagSource
from civility.testing import RecordingAdapter, make_member, make_message


async def a_report(config_file: Path) -> None:
    engine = build_engine(load_config(config_file))
    engine.add_adapter(RecordingAdapter())
    await engine.start(adapters=False)
    message = make_message("see you all at the fair", sender="Chris")
    await engine.handle(Flag(message.ref, FlagSource.MEMBER, reason="rude to me",
                             reporter=make_member("Aisha"), reported=message))
    await engine.stop()


def test_export_and_erase_of_a_reporter_only_member(tmp_path: Path) -> None:
    config = tmp_path / "civility.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "c.db"}"\n', "utf-8")
    asyncio.run(a_report(config))
    runner = CliRunner()
    exported = runner.invoke(main, ["export", "test:aisha", "--config", str(config)])
    assert exported.exit_code == 0, exported.output
    data = json.loads(exported.stdout)
    assert len(data["reports_made"]) == 1
    assert runner.invoke(main, ["export", "test:nobody", "--config", str(config)]).exit_code == 1
    erased = runner.invoke(main, ["erase", "test:aisha", "--yes", "--config", str(config)])
    assert erased.exit_code == 0, erased.output
    again = runner.invoke(main, ["export", "test:aisha", "--config", str(config)])
    assert again.exit_code == 1  # nothing left about her
