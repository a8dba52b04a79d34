"""Closing a case whose appeal is still open settles the appeal: the record says "closed",
and the governors' summary counts it as ended, not as still waiting (real SQLite store)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main
from civility._runner import build_engine
from civility.config import load_config
from civility.events import Appeal, CaseCommand, CaseWord, ModeratorDecision, ReviewChoice
from civility.testing import RecordingAdapter, make_chat, make_member, make_message

SEPT = dt.datetime(2025, 9, 8, 9, 0, tzinfo=dt.UTC)


async def _two_appealed_cases(config_file: Path, *, close_in_chat: bool) -> tuple[int, int]:
    """Two cautioned cases, both appealed; the first is closed in the moderators' chat when
    ``close_in_chat``; the second stays open."""
    engine = build_engine(load_config(config_file))
    engine.add_adapter(RecordingAdapter(moderators={"head"}))
    await engine.start(adapters=False)
    chat = make_chat("y3", "Year 3 parents")
    head = make_member("Head", "head")
    cases = []
    for n, who in enumerate(("Chris", "Dana")):
        member = make_member(who, who.lower())
        flagged = await engine.handle(make_message(
            "you pathetic idiot", sender=member, chat=chat, time=SEPT + dt.timedelta(days=n)))
        assert flagged.incident_id
        await engine.handle(ModeratorDecision(flagged.incident_id, ReviewChoice.CAUTION, head,
                                              time=SEPT + dt.timedelta(days=n, hours=1)))
        appealed = await engine.handle(Appeal(member, flagged.incident_id, reason="a joke",
                                              time=SEPT + dt.timedelta(days=n, hours=2)))
        assert not appealed.refused, appealed.refused
        cases.append(flagged.incident_id)
    if close_in_chat:
        closed = await engine.handle(CaseCommand(cases[0], CaseWord.CLOSE, head,
                                                 time=SEPT + dt.timedelta(days=3)))
        assert not closed.refused, closed.refused
    await engine.stop()
    return cases[0], cases[1]


async def _appeal_statuses(config_file: Path, *cases: int) -> list[str]:
    engine = build_engine(load_config(config_file))
    await engine.start(adapters=False)
    try:
        found = [await engine.store.appeal_of(case) for case in cases]
        return [a.status if a is not None else "" for a in found]
    finally:
        await engine.stop()


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "civility.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "c.db"}"\n', "utf-8")
    return config


def _summary(config: Path) -> str:
    result = CliRunner().invoke(main, ["summary", "--since", "2025-09-01", "--until",
                                       "2025-09-30", "--config", str(config)])
    assert result.exit_code == 0, result.output
    return result.output


def test_closing_an_appealed_case_in_chat_settles_the_appeal(tmp_path: Path) -> None:
    config = _config(tmp_path)
    closed, waiting = asyncio.run(_two_appealed_cases(config, close_in_chat=True))
    assert asyncio.run(_appeal_statuses(config, closed, waiting)) == ["closed", "open"]
    text = _summary(config)
    assert "    2  appeals made" in text
    assert "    1  still waiting for a moderator" in text
    assert "    1  case closed before the appeal was decided: the decision stood" in text


def test_closing_an_appealed_case_from_the_command_line_settles_the_appeal(
        tmp_path: Path) -> None:
    config = _config(tmp_path)
    closed, waiting = asyncio.run(_two_appealed_cases(config, close_in_chat=False))
    result = CliRunner().invoke(main, ["cases", "close", str(closed), "--note", "spoke to them",
                                       "--by", "cli:head", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert asyncio.run(_appeal_statuses(config, closed, waiting)) == ["closed", "open"]
    shown = CliRunner().invoke(main, ["cases", "show", str(closed), "--config", str(config)])
    assert shown.exit_code == 0, shown.output
    assert "closed with the case, undecided (the decision stands), by cli:head" in shown.output
    assert "appeal closed with the case, undecided: the decision stands (close)" in shown.output
    assert "cli:head: note:" in shown.output  # the note (its text is past retention here)
    assert "    1  case closed before the appeal was decided" in _summary(config)
