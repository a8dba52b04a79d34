"""Cases as moderators read and manage them, on real SQLite and PostgreSQL stores, and the
`civility cases` command line on a real SQLite file."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from civility import cases
from civility._cli import main
from civility._runner import build_engine
from civility.config import Config, LadderSettings, load_config
from civility.events import Flag, FlagSource, ModeratorDecision, ReviewChoice
from civility.testing import RecordingAdapter, make_chat, make_member, make_message

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
LADDER = LadderSettings()


async def _a_few_cases(make_engine, school, store):
    """Parent K breaches in two groups; a member reports K's other message; a moderator
    cautions on the first case."""
    engine = make_engine(Config(school=school, plugins=("words",)), store=store)
    await store.close()  # the engine opens it again (opening twice would leak a pool)
    await engine.start()
    y3, y4 = make_chat("y3", "Year 3 parents"), make_chat("y4", "Year 4 parents")
    k = make_member("Parent K")
    first = await engine.handle(make_message("you idiot", sender=k, chat=y3, time=T0))
    await engine.handle(make_message("darn it", sender=k, chat=y4,
                                     time=T0 + dt.timedelta(days=1)))
    later = make_message("see you at pickup", sender=k, chat=y3, time=T0 + dt.timedelta(days=2))
    await engine.handle(later)
    reported = await engine.handle(Flag(later.ref, FlagSource.MEMBER, reason="rude to me",
                                        reporter=make_member("Parent Z"), reported=later,
                                        time=T0 + dt.timedelta(days=2, hours=1)))
    await engine.handle(Flag(later.ref, FlagSource.MEMBER, reporter=make_member("Parent Y"),
                             reported=later, time=T0 + dt.timedelta(days=2, hours=2)))
    await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.CAUTION,
                                          make_member("Mod", "mod"), note="second time",
                                          time=T0 + dt.timedelta(hours=2)))
    return engine, first.incident_id, reported.incident_id


async def test_a_case_reads_as_a_whole(make_engine, school, policy, sql_store):
    engine, first, reported = await _a_few_cases(make_engine, school, sql_store)
    await sql_store.add_note(first, "test:mod", "spoke to the parent by phone",
                             T0 + dt.timedelta(hours=3))
    case = await cases.read_case(sql_store, first, rules=engine.rules, ladder=LADDER,
                                 now=T0 + dt.timedelta(days=3))
    assert case is not None and case.incident.status == "resolved"
    assert [r.id for r in case.rules] == ["test.insult"]
    assert case.rules[0].clause == "clause for test.insult"
    assert any("idiot" in e for e in case.evidence)
    # The member's other cases, across both groups: counts and dates, no text.
    assert case.history.cases == 2 and case.history.groups == 2 and case.history.open == 2
    assert case.history.first == T0 + dt.timedelta(days=1)
    assert case.points_now > 0
    assert "ladder chose" in case.proposal
    whats = [(e.who, e.what) for e in case.timeline]
    assert whats[0] == ("Civility", "flagged by the code of conduct")
    assert ("test:mod", "note: spoke to the parent by phone") in whats
    caution = [w for who, w in whats if who == "test:mod" and w.startswith("chose caution")]
    assert caution and caution[0].endswith("second time")
    assert [e.time for e in case.timeline] == sorted(e.time for e in case.timeline)
    text = cases.render_case(case)
    assert "darn it" not in text and "see you at pickup" not in text  # other messages' text

    # The reported case: the reporter is never named, the second report is on the timeline.
    again = await cases.read_case(sql_store, reported, rules=engine.rules, ladder=LADDER,
                                  now=T0 + dt.timedelta(days=3))
    assert again is not None
    shown = cases.render_case(again)
    assert "reported the message again" in shown
    assert "Parent Z" not in shown and "parent-z" not in shown and "Parent Y" not in shown
    await engine.stop()


async def test_close_and_filters(make_engine, school, sql_store):
    engine, first, reported = await _a_few_cases(make_engine, school, sql_store)
    assert await cases.close_case(sql_store, first, moderator_key="cli:x", note="",
                                  time=T0) == f"case #{first} is already closed (acted on)"
    assert await cases.close_case(sql_store, 999, moderator_key="cli:x", note="", time=T0) \
        == "no case #999"
    assert await cases.close_case(sql_store, reported, moderator_key="cli:x",
                                  note="talked it through", time=T0 + dt.timedelta(days=4)) == ""
    closed = await sql_store.incident(reported)
    assert closed is not None and closed.status == "resolved"
    case = await cases.read_case(sql_store, reported, rules=engine.rules, ladder=LADDER,
                                 now=T0 + dt.timedelta(days=5))
    assert case is not None
    assert ("cli:x", "closed the case") in [(e.who, e.what) for e in case.timeline]
    assert ("cli:x", "note: talked it through") in [(e.who, e.what) for e in case.timeline]

    everything = await cases.find_cases(sql_store)
    assert len(everything) == 3
    assert [r.chat_id for r in await cases.find_cases(sql_store, chat="Year 4 parents")] == ["y4"]
    assert [r.rule_ids for r in await cases.find_cases(sql_store, rule="test.mild")] \
        == [("test.mild",)]
    assert [r.chat_id for r in await cases.find_cases(sql_store, open_only=True)] == ["y4"]
    assert len(await cases.find_cases(sql_store, since=T0 + dt.timedelta(days=1))) == 2


async def test_notes_go_with_the_text_and_with_the_member(make_engine, school, sql_store):
    engine, first, reported = await _a_few_cases(make_engine, school, sql_store)
    await sql_store.add_note(first, "test:mod", "phoned the parent", T0)
    await sql_store.add_note(reported, "test:mod", "watch this one", T0 + dt.timedelta(days=2))
    exported = await sql_store.export_member("test:parent-k")
    assert sorted(n["text"] for n in exported["notes"]) == ["phoned the parent", "watch this one"]
    # The retention purge erases notes as it erases the message text: only the old case's.
    await sql_store.purge_expired(T0 + dt.timedelta(days=1, hours=12))
    assert [n.text for n in await sql_store.notes(first)] == [None]
    assert [n.text for n in await sql_store.notes(reported)] == ["watch this one"]
    case = await cases.read_case(sql_store, first, rules=engine.rules, ladder=LADDER,
                                 now=T0 + dt.timedelta(days=100))
    assert case is not None and case.evidence == ()
    assert "(erased: past the retention period)" in cases.render_case(case)
    await sql_store.erase_member("test:parent-k")
    assert await sql_store.notes(reported) == [] and await sql_store.notes(first) == []


async def test_member_state_decays_as_configured(make_engine, school, sql_store):
    await _a_few_cases(make_engine, school, sql_store)
    soon = await cases.member_state(sql_store, "test:parent-k", ladder=LADDER,
                                    now=T0 + dt.timedelta(days=2))
    later = await cases.member_state(sql_store, "test:parent-k", ladder=LADDER,
                                     now=T0 + dt.timedelta(days=92))
    assert soon.points_given == sum(p for p, _ in soon.strikes) > 0
    assert later.points_now < soon.points_now / 4  # three half-lives of 30 days
    assert soon.cases == 3 and soon.groups == 2 and soon.names == ("Parent K",)
    if soon.points_now >= LADDER.caution_at:
        assert soon.under_caution_on is not None
        assert "caution level" in soon.level
    assert later.level.startswith("below the caution level")
    assert later.under_caution_on is None


# -- the command line, on a real SQLite file -------------------------------------------------

SEPT = dt.datetime(2026, 9, 8, 9, 0, tzinfo=dt.UTC)


async def _record(config_file: Path) -> int:
    engine = build_engine(load_config(config_file))
    engine.add_adapter(RecordingAdapter(moderators={"head"}))
    await engine.start(adapters=False)
    y3 = make_chat("y3", "Year 3 parents")
    first = await engine.handle(make_message("you are a pathetic idiot", sender="Chris",
                                             chat=y3, time=SEPT))
    await engine.handle(make_message("shut up you muppet, you're useless", sender="Chris",
                                     chat=make_chat("y5", "Year 5 parents"),
                                     time=SEPT + dt.timedelta(days=3)))
    await engine.stop()
    assert first.incident_id is not None
    return first.incident_id


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "civility.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "c.db"}"\n', "utf-8")
    return config


def test_reading_commands_never_create_a_store(tmp_path: Path) -> None:
    config = _config(tmp_path)
    runner = CliRunner()
    for args in (["list"], ["list", "--open"], ["member", "telegram:1"], ["show", "1"],
                 ["close", "1"], ["note", "1", "hello"]):
        result = runner.invoke(main, ["cases", *args, "--config", str(config)])
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 1), result.output
    assert not (tmp_path / "c.db").exists()
    result = runner.invoke(main, ["cases", "show", "1", "--config", str(config)])
    assert result.exit_code == 1 and "no case #1" in result.output


def test_cases_on_the_command_line(tmp_path: Path) -> None:
    config = _config(tmp_path)
    first = asyncio.run(_record(config))
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(main, ["cases", *args, "--config", str(config)])
        assert result.exit_code == 0, result.output
        return result.output

    listed = run("list", "--open")
    assert "Year 3 parents" in listed and "Year 5 parents" in listed
    assert "Year 5" not in run("list", "--group", "Year 3 parents")
    assert "No cases match." in run("list", "--since", "2026-12-01")
    assert "Year 3" in run("list", "--member", "Chris")  # a name, resolved to its key
    assert "Year 3" in run("list", "--member", "test:chris")
    run("note", str(first), "phoned", "Chris's", "partner", "--by", "telegram:head")
    run("note", str(first), "bad \udcff bytes \x00 too")  # stored, not a traceback
    shown = run("show", str(first))
    assert "pathetic idiot" in shown  # the message, while retention keeps it
    assert "iqra." in shown  # the rule, with its clause
    assert "telegram:head: note: phoned Chris's partner" in shown
    assert "other cases in the last year: 1 in 1 group(s)" in shown
    assert "muppet" not in shown  # the other case's text is not shown
    assert f"Case #{first} closed." in run("close", str(first), "--note", "apologised")
    assert "Year 3" not in run("list", "--open")
    member = run("member", "test:chris")
    assert "Strike points now (decayed)" in member and "Cases: 2 (1 open) in 2 group(s)" in member

    bad = runner.invoke(main, ["cases", "close", str(first), "--config", str(config)])
    assert bad.exit_code == 1 and "already closed" in bad.output
    bad = runner.invoke(main, ["cases", "list", "--since", "yesterday", "--config", str(config)])
    assert bad.exit_code == 2 and "a date like" in bad.output
    bad = runner.invoke(main, ["cases", "member", "Nobody", "--config", str(config)])
    assert bad.exit_code == 1 and "no member called 'Nobody'" in bad.output

    exported = json.loads(runner.invoke(main, ["export", "test:chris", "--config",
                                               str(config)]).stdout)
    assert [n["text"] for n in exported["notes"]] == ["phoned Chris's partner",
                                                      "bad \ufffd bytes \ufffd too", "apologised"]


def test_the_incident_report_as_a_file(tmp_path: Path) -> None:
    config = _config(tmp_path)
    first = asyncio.run(_record(config))
    runner = CliRunner()
    out = tmp_path / "report.html"
    result = runner.invoke(main, ["cases", "report", str(first), "-o", str(out),
                                  "--config", str(config)])
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    assert page.startswith("<!doctype html>") and "pathetic idiot" in page
    assert "Policy clauses" in page and "rests with the Headteacher" in page
    text = runner.invoke(main, ["cases", "report", str(first), "--format", "text",
                                "--config", str(config)])
    assert text.exit_code == 0 and f"Incident report #{first}" in text.output
    assert "Timeline:" in text.output and "muppet" not in text.output
    missing = runner.invoke(main, ["cases", "report", "99", "--config", str(config)])
    assert missing.exit_code == 1 and "no case #99" in missing.output


async def test_the_weekly_digest_counts_without_text_or_names(make_engine, school, sql_store):
    from civility.digest import render_digest, weekly_digest

    _engine, _first, reported = await _a_few_cases(make_engine, school, sql_store)
    digest = await weekly_digest(sql_store, now=T0 + dt.timedelta(days=3))
    assert [w.id for w in digest.waiting] == [2, reported]  # oldest first
    assert digest.new_cases == 3 and digest.member_reports == 1
    assert digest.decisions == (("caution", 1),)
    text = render_digest(digest)
    assert "Open cases waiting for a moderator: 2" in text
    assert "Moderators' decisions: caution 1" in text
    for private in ("Parent K", "parent-k", "Parent Z", "idiot", "darn", "pickup", "rude"):
        assert private not in text
    quiet = await weekly_digest(sql_store, now=T0 + dt.timedelta(days=30))
    assert quiet.new_cases == 0 and quiet.decisions == () and len(quiet.waiting) == 2


def test_digest_on_the_command_line(tmp_path: Path) -> None:
    config = _config(tmp_path)
    runner = CliRunner()
    empty = runner.invoke(main, ["cases", "digest", "--config", str(config)])
    assert empty.exit_code == 0 and "No cases yet" in empty.output
    assert not (tmp_path / "c.db").exists()
    asyncio.run(_record(config))
    result = runner.invoke(main, ["cases", "digest", "--days", "366", "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert "Open cases waiting for a moderator: 2" in result.output
    assert "Chris" not in result.output and "idiot" not in result.output


def test_a_store_that_cannot_be_reached_is_a_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[store]\nurl = "postgresql://civility:s3cret@127.0.0.1:1/nowhere"\n')
    result = CliRunner().invoke(main, ["cases", "list", "--config", str(config)])
    assert result.exit_code == 1 and "the store could not be read" in result.output
    assert "Traceback" not in result.output and "s3cret" not in result.output
