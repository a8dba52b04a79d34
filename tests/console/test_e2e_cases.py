"""The cases workflow end to end in the console (the real adapter, engine and SQLite store):
a member's report becomes a case, a second report raises its priority, a moderator keeps a
message and the member's points go back, the member appeals a caution and another moderator
decides; `civility cases` and `civility summary` then show all of it."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import attrs
from click.testing import CliRunner

from civility import moderation
from civility._cli import main
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._runner import run
from civility.adapters.console import ConsoleAdapter
from civility.config import load_config
from civility.engine import Engine
from civility.store import open_store

SCRIPT = (
    "Ben: see you at pickup",
    "Amy: /report 1 unkind to me",
    "Cat: /report 1 me too",
    "Ben: you idiot",
    "Moderator: /mod 2 keep",
    "Ben: darn it",
    "Moderator: /mod 3 caution",
    "Ben: /appeal it was about my car",
    "Ben: /appeal again",
    "Moderator: /mod 3 caution",
    "Head: /mod 3 keep",
    "Moderator: /mod 1 note spoke to the parent by phone",
    "Moderator: /mod 1 close talked it through",
)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_cases_flow_in_the_console(policy, tmp_path: Path) -> None:
    config_file = tmp_path / "civility.toml"
    config_file.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "c.db"}"\n', "utf-8")
    config = attrs.evolve(load_config(config_file), plugins=("words",))
    out = io.StringIO()
    hooks = Hooks(make_manager(entry_points=False, extra=[("words", policy)]))
    engine = Engine(config, hooks, open_store(config.store.url))
    asyncio.run(run(engine, [ConsoleAdapter(lines=SCRIPT, out=out,
                                            moderators=("Moderator", "Head"))]))
    shown = flat(out.getvalue())

    assert "Report sent to the moderators (incident #1)" in shown
    assert "already have this message (incident #1): already under review; priority raised" \
        in shown
    assert flat(moderation.HOW_TO_APPEAL) in shown  # the caution says how to appeal
    assert "Incident #2 closed by Moderator" in shown
    assert flat(moderation.MESSAGE_STANDS) in shown
    assert "APPEAL: a member asks the moderators to look again" in shown
    assert flat(moderation.APPEAL_RECEIVED) in shown
    assert "you have already appealed this decision" in shown
    assert "Refused for Moderator: you made the first decision on this case" in shown
    assert flat(moderation.APPEAL_OVERTURNED) in shown
    assert "Case #1: note added by Moderator." in shown
    assert "Case #1: closed by Moderator." in shown

    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(main, [*args, "--config", str(config_file)])
        assert result.exit_code == 0, result.output
        return result.output

    member = cli("cases", "member", "console:ben")
    assert "Strike points now (decayed): 0.0" in member
    assert "given back: kept: not a breach" in member
    reported = cli("cases", "show", "1")
    assert "reported the message again" in reported
    assert "note: spoke to the parent by phone" in reported
    assert "closed the case - talked it through" in reported
    assert "Amy" not in reported and "Cat" not in reported  # reporters are never shown
    appealed = flat(cli("cases", "show", "3"))
    assert "the member: appealed: it was about my car" in appealed
    assert "appeal allowed: the decision is withdrawn (keep)" in appealed
    summary = cli("summary", "--since", "2020-01-01")
    assert "appeals made" in summary and "allowed: the decision was withdrawn" in summary
    assert "Ben" not in summary and "idiot" not in summary
