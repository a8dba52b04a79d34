"""`civility summary`: the governors' termly summary, from a real SQLite store."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main
from civility._runner import build_engine
from civility.config import load_config
from civility.events import Appeal, ModeratorDecision, ReviewChoice
from civility.testing import RecordingAdapter, make_chat, make_member, make_message

SEPT = dt.datetime(2025, 9, 8, 9, 0, tzinfo=dt.UTC)


async def record_a_term(config_file: Path) -> None:
    engine = build_engine(load_config(config_file))
    adapter = RecordingAdapter(moderators={"head"})
    engine.add_adapter(adapter)
    await engine.start(adapters=False)
    chat = make_chat("y3", "Year 3 parents")
    texts = [("Chris", "you are a pathetic idiot", SEPT),
             ("Dana", "Great deals at www.cheapcases-shop.com use my code DANA10",
              SEPT + dt.timedelta(days=3)),
             ("Chris", "shut up you muppet, you're useless", SEPT + dt.timedelta(days=35))]
    outcomes = [await engine.handle(make_message(t, sender=who, chat=chat, time=when))
                for who, t, when in texts]
    first = outcomes[0].incident_id
    assert first is not None
    await engine.handle(ModeratorDecision(first, ReviewChoice.KEEP, make_member("Head", "head"),
                                          time=SEPT + dt.timedelta(hours=3)))
    await engine.stop()


def test_the_summary_counts_without_names_or_text(tmp_path: Path) -> None:
    config = tmp_path / "civility.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "c.db"}"\n', "utf-8")
    asyncio.run(record_a_term(config))
    runner = CliRunner()
    result = runner.invoke(main, ["summary", "--since", "2025-09-01", "--until", "2025-12-19",
                                  "--config", str(config)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "01 Sep 2025 to 19 Dec 2025" in out
    assert "3 incidents" in out
    assert "Moderators answered 1 of 3 incidents: half within 3.0 hours" in out
    assert "Year 3 parents" in out
    assert "kept: not a breach" in out
    for month, count in (("Sep 2025", 2), ("Oct 2025", 1), ("Nov 2025", 0), ("Dec 2025", 0)):
        assert f"{count:5d}  {month}" in out
    for private in ("Chris", "Dana", "idiot", "cheapcases", "muppet"):
        assert private not in out
    page = tmp_path / "summary.html"
    html = runner.invoke(main, ["summary", "--since", "2025-09-01", "--until", "2025-09-30",
                                "--config", str(config), "-o", str(page)])
    assert html.exit_code == 0, html.output
    assert "2 incidents" in html.output
    text = page.read_text("utf-8")
    assert text.startswith("<!doctype html>") and "Chris" not in text


def test_bad_dates_are_clear_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["summary", "--since", "Sept"])
    assert result.exit_code == 2 and "a date like 2025-09-01" in result.output
    result = runner.invoke(main, ["summary", "--since", "2025-09-02", "--until", "2025-09-01"])
    assert result.exit_code == 2 and "must not be before --since" in result.output


async def _a_term_with_crafted_names(config_file: Path) -> None:
    """Names and words that must never reach governors: a member called like a word of the
    summary's own, a moderator's note, a reporter's reason; and an appeal and its outcome."""
    engine = build_engine(load_config(config_file))
    engine.add_adapter(RecordingAdapter(moderators={"head"}))
    await engine.start(adapters=False)
    chat = make_chat("y3", "Year 3 parents")
    head = make_member("Head", "head")
    crafted = make_member("Zebedee Quibblesworth-Kaur", "zq")
    older = await engine.handle(make_message("you are an idiot, Plumtree", sender=crafted,
                                             chat=chat, time=SEPT - dt.timedelta(days=20)))
    assert older.incident_id
    first = await engine.handle(make_message("you pathetic idiot Marmaduke", sender=crafted,
                                             chat=chat, time=SEPT))
    assert first.incident_id
    await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.CAUTION, head,
                                          note="spoke to Mrs Featherstonehaugh",
                                          time=SEPT + dt.timedelta(hours=1)))
    await engine.store.add_note(first.incident_id, "test:head", "Grandma Eglantine called",
                                SEPT + dt.timedelta(hours=2))
    # An appeal, and the moderator's decision upholding the caution.
    appealed = await engine.handle(Appeal(crafted, first.incident_id,
                                          reason="Ottoline says it was a joke",
                                          time=SEPT + dt.timedelta(days=1)))
    assert not appealed.refused, appealed.refused
    await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.CAUTION, head,
                                          time=SEPT + dt.timedelta(days=2)))
    await engine.stop()


def test_the_summary_shows_outcomes_appeals_and_the_trend_but_no_names(tmp_path: Path):
    config = tmp_path / "civility.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "c.db"}"\n', "utf-8")
    asyncio.run(_a_term_with_crafted_names(config))
    runner = CliRunner()
    args = ["summary", "--since", "2025-09-01", "--until", "2025-09-30", "--config", str(config)]
    text = runner.invoke(main, args).output
    page = runner.invoke(main, [*args, "--format", "html"]).output
    assert "1 incidents" in text
    assert "the same as the period of the same length before (1 incidents)" in text
    assert "Moderators' decisions" in text and "formal caution" in text
    assert "Appeals by parents, and how they ended" in text
    assert "    1  appeals made" in text and "    1  upheld: the decision stood" in text
    assert "Appeals by parents" in page and "upheld: the decision stood" in page
    for output in (text, page):
        for private in ("Zebedee", "Quibblesworth", "zq", "Plumtree", "Marmaduke", "idiot",
                        "Featherstonehaugh", "Eglantine", "Ottoline", "joke", "deputy"):
            assert private not in output, private
