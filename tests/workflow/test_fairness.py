"""Fair outcomes (issue 14), on real SQLite and PostgreSQL stores: a keep takes the strike
points back and tells the member their message stands; a member's appeal reopens the case for
another moderator; a choice named in ``[policy.ladder] confirm`` waits for a second moderator,
across a restart; close, note and readmit are moderators' chat words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from civility import cases, moderation
from civility._appeals import ALREADY, APPEALS_PER_MEMBER, NOTHING_TO_APPEAL, TOO_MANY, WITHDRAWN
from civility._hooks import Hooks
from civility._moderator import FIRST_DECIDER
from civility._plugins import make_manager
from civility.config import Config, ConfirmSettings, LadderSettings
from civility.engine import Engine
from civility.events import (
    Appeal,
    CaseCommand,
    CaseWord,
    ModeratorDecision,
    ReviewChoice,
)
from civility.hookspecs import hookimpl
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter, make_chat, make_member, make_message

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
LADDER = LadderSettings()
Y3 = make_chat("y3", "Year 3 parents")
K = make_member("Parent K")
MOD_A, MOD_B = make_member("Mod A", "mod"), make_member("Mod B", "mod2")


def hours(n: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=n)


class Learner:
    """Hears the moderators' decisions, as the Iqra learning loop does."""

    def __init__(self) -> None:
        self.heard: list[tuple[str, tuple[str, ...], ReviewChoice, bool]] = []

    @hookimpl
    def on_moderator_decision(self, message, rule_ids, choice, breach, context):  # type: ignore[no-untyped-def]
        self.heard.append((message.text, tuple(rule_ids), choice, breach))


async def _engine(policy, store, adapter: RecordingAdapter, school, *,
                  confirm: tuple[str, ...] = (), learner: Learner | None = None) -> Engine:
    plugins = [("words", policy)] + ([("learner", learner)] if learner else [])
    hooks = Hooks(make_manager(entry_points=False, extra=plugins))
    engine = Engine(Config(school=school, plugins=("words",),
                           confirm=ConfirmSettings(confirm=confirm)), hooks, store)
    engine.add_adapter(adapter)
    await engine.start()
    return engine


async def _reopened(store) -> SqlStore:  # type: ignore[no-untyped-def]
    """The fixture's store closed, and a new one on the same database (the engine opens it)."""
    await store.close()
    return SqlStore(store.url)


def _private(adapter: RecordingAdapter, member_id: str = "parent-k") -> list[str]:
    return [str(c.args[1]) for c in adapter.named("send_private")
            if getattr(c.args[0], "id", "") == member_id]


async def test_keep_gives_the_points_back_once_and_tells_the_member(policy, school, sql_store):
    adapter = RecordingAdapter(moderators={"mod"})
    learner = Learner()
    engine = await _engine(policy, await _reopened(sql_store), adapter, school, learner=learner)
    first = await engine.handle(make_message("you idiot", sender=K, chat=Y3, time=T0))
    store = engine.store
    given = await store.points(K.key, hours(1), LADDER.half_life_days)
    assert given > 2.9
    told = _private(adapter)
    assert len(told) == 1 and moderation.HOW_TO_APPEAL in told[0]  # the caution, and how to appeal

    keep = ModeratorDecision(first.incident_id, ReviewChoice.KEEP, MOD_A, time=hours(1))
    outcome = await engine.handle(keep)
    assert not outcome.refused and "message_stands" in outcome.done
    assert await store.points(K.key, hours(1), LADDER.half_life_days) < 1e-6
    stands = _private(adapter)[1:]
    assert len(stands) == 1 and stands[0].startswith(moderation.MESSAGE_STANDS)
    assert "welcome to post it again" in stands[0]  # the ladder had deleted it
    # The same answer again (a redelivery, a second press): no second refund, no second note.
    await engine.handle(keep)
    assert await store.points(K.key, hours(1), LADDER.half_life_days) > -1e-6
    assert len(_private(adapter)) == 2
    # Nothing left to appeal: the moderators already found no breach.
    assert (await engine.handle(Appeal(K, first.incident_id, time=hours(1.5)))).refused \
        == WITHDRAWN
    # The learning loop heard it once: the rule was wrong about this message.
    assert learner.heard == [("you idiot", ("test.insult",), ReviewChoice.KEEP, False)]

    # The moderators see the points back, and the next breach starts from them.
    state = await cases.member_state(store, K.key, ladder=LADDER, now=hours(2))
    assert state.points_now < 1e-6 and state.level.startswith("below the caution level")
    assert "-3" in cases.render_member(state) and "kept: not a breach" in cases.render_member(state)
    again = await engine.handle(make_message("darn it", sender=K, chat=Y3, time=hours(3)))
    assert again.decision is not None and again.decision.points_before < 1e-6
    await engine.stop()


async def test_keep_after_a_report_alone_tells_nobody(policy, school, sql_store):
    from civility.events import Flag, FlagSource

    adapter = RecordingAdapter(moderators={"mod"})
    engine = await _engine(policy, await _reopened(sql_store), adapter, school)
    message = make_message("see you at pickup", sender=K, chat=Y3, time=T0)
    await engine.handle(message)
    reported = await engine.handle(Flag(message.ref, FlagSource.MEMBER, reporter=make_member("Z"),
                                        reported=message, time=hours(1)))
    outcome = await engine.handle(ModeratorDecision(reported.incident_id, ReviewChoice.KEEP,
                                                    MOD_A, time=hours(2)))
    assert not outcome.refused and _private(adapter) == []
    await engine.stop()


async def test_an_appeal_goes_to_another_moderator(policy, school, sql_store):
    adapter = RecordingAdapter(moderators={"mod", "mod2"})
    engine = await _engine(policy, await _reopened(sql_store), adapter, school)
    store = engine.store
    case = (await engine.handle(make_message("darn it", sender=K, chat=Y3, time=T0))).incident_id
    cautioned = await engine.handle(ModeratorDecision(case, ReviewChoice.CAUTION, MOD_A,
                                                      time=hours(1)))
    assert "caution" in cautioned.done
    assert (await store.incident(case)).status == "resolved"

    appeal = Appeal(K, reason="it was about my car", time=hours(2))
    outcome = await engine.handle(appeal)
    assert outcome.incident_id == case and not outcome.refused
    assert (await store.incident(case)).status == "open"  # the case reopens
    card = adapter.reviews[-1]
    assert card.source == "appeal" and card.render_text().startswith("APPEAL")
    assert any("it was about my car" in r for r in card.reasons)
    # Delivered again: the card is not sent twice. A second appeal of the case is refused.
    cards = len(adapter.reviews)
    await engine.handle(appeal)
    assert len(adapter.reviews) == cards
    assert (await engine.handle(Appeal(K, time=hours(3)))).refused == ALREADY

    # The first decider may not decide the appeal while another moderator exists.
    refused = await engine.handle(ModeratorDecision(case, ReviewChoice.CAUTION, MOD_A,
                                                    time=hours(4)))
    assert refused.refused == FIRST_DECIDER
    upheld = await engine.handle(ModeratorDecision(case, ReviewChoice.CAUTION, MOD_B,
                                                   time=hours(5)))
    assert not upheld.refused and "appeal_outcome" in upheld.done
    assert "caution" not in upheld.done  # told the outcome, not cautioned twice
    assert _private(adapter)[-1] == moderation.APPEAL_UPHELD
    record = await store.appeal_of(case)
    assert record is not None and (record.status, record.decided_by) == ("upheld", MOD_B.key)
    assert record.first_moderator == MOD_A.key
    shown = cases.render_case(await cases.read_case(store, case, rules=engine.rules,
                                                    ladder=LADDER, now=hours(6)))
    assert "appealed" in shown and "appeal upheld" in shown
    assert f"Appealed by the member on {T0:%Y-%m-%d}: upheld (the decision stands), by " \
           f"{MOD_B.key}" in shown
    # The governors' summary counts the appeal and how it ended (no names).
    from civility.summary import render_text, summarise

    text = render_text(summarise(await store.incidents(limit=100), {}, since=T0,
                                 until=hours(48), appeals=await store.appeals()))
    assert "Appeals by parents" in text and "upheld: the decision stood" in text
    assert "Parent K" not in text and "car" not in text
    await engine.stop()


async def test_an_appeal_kept_refunds_and_a_lone_moderator_decides(policy, school, sql_store):
    adapter = RecordingAdapter(moderators={"mod"})
    engine = await _engine(policy, await _reopened(sql_store), adapter, school)
    store = engine.store
    case = (await engine.handle(make_message("you idiot", sender=K, chat=Y3, time=T0))).incident_id
    await engine.handle(ModeratorDecision(case, ReviewChoice.CAUTION, MOD_A, time=hours(1)))
    appealed = await engine.handle(Appeal(K, case, reason="my car", time=hours(2)))
    assert appealed.incident_id == case
    overturned = await engine.handle(ModeratorDecision(case, ReviewChoice.KEEP, MOD_A,
                                                       time=hours(3)))
    assert not overturned.refused  # the only moderator decides
    assert _private(adapter)[-1] == moderation.APPEAL_OVERTURNED
    assert await store.points(K.key, hours(3), LADDER.half_life_days) < 1e-6
    assert (await store.appeal_of(case)).status == "overturned"
    # The appeal is the member's data: exported, erased past retention (its reason), erased.
    exported = await engine.export_member(K.key)
    assert [a["status"] for a in exported["appeals"]] == ["overturned"]
    await store.purge_expired(hours(24 * 365))
    assert (await store.appeal_of(case)).reason == ""
    assert await engine.erase_member(K.key) > 0
    assert await store.appeal_of(case) is None and await store.appeals(member_key=K.key) == []
    await engine.stop()


async def test_appeals_are_limited(policy, school, sql_store):
    adapter = RecordingAdapter(moderators={"mod"})
    engine = await _engine(policy, await _reopened(sql_store), adapter, school)
    assert (await engine.handle(Appeal(K, time=T0))).refused == NOTHING_TO_APPEAL
    made = []
    for n in range(APPEALS_PER_MEMBER + 1):
        result = await engine.handle(make_message("you idiot", sender=K, chat=Y3,
                                                  time=hours(n)))
        made.append(await engine.handle(Appeal(K, result.incident_id,
                                                time=hours(n) + dt.timedelta(minutes=5))))
    assert [m.refused for m in made[:-1]] == [""] * APPEALS_PER_MEMBER
    assert made[-1].refused == TOO_MANY
    # Another member's case cannot be appealed.
    theirs = await engine.handle(make_message("you idiot", sender="Parent Q", chat=Y3,
                                              time=hours(9)))
    assert (await engine.handle(Appeal(K, theirs.incident_id, time=hours(10)))).refused \
        == NOTHING_TO_APPEAL
    await engine.stop()


async def test_a_second_moderator_confirms_across_a_restart(policy, school, sql_store):
    adapter = RecordingAdapter(moderators={"mod", "mod2"})
    store = await _reopened(sql_store)
    engine = await _engine(policy, store, adapter, school, confirm=("remove",))
    case = (await engine.handle(make_message("you idiot", sender=K, chat=Y3, time=T0))).incident_id
    asked = await engine.handle(ModeratorDecision(case, ReviewChoice.REMOVE, MOD_A,
                                                  note="third time", time=hours(1)))
    assert asked.refused.startswith("waits for a second moderator")
    assert moderation.outcome_text(asked, ReviewChoice.REMOVE, moderator="Mod A") == (
        f"Incident #{case}: Mod A chose remove, recorded; it waits for a second moderator: "
        "another moderator confirms it with remove.")
    assert adapter.named("remove_member") == []
    again = await engine.handle(ModeratorDecision(case, ReviewChoice.REMOVE, MOD_A,
                                                  time=hours(2)))
    assert again.refused.startswith("waits")  # the same moderator cannot confirm
    await engine.stop()

    engine = await _engine(policy, SqlStore(store.url), adapter, school, confirm=("remove",))
    done = await engine.handle(ModeratorDecision(case, ReviewChoice.REMOVE, MOD_B,
                                                 time=hours(3)))
    assert "remove" in done.done and len(adapter.named("remove_member")) == 1
    [asked_for] = await engine.store.confirmations(case)
    assert (asked_for.moderator_key, asked_for.confirmed_by) == (MOD_A.key, MOD_B.key)
    shown = cases.render_case(await cases.read_case(engine.store, case, rules=engine.rules,
                                                    ladder=LADDER, now=hours(4)))
    assert "waiting for a second moderator" in shown and "confirmed remove" in shown
    # Keep needs no second moderator.
    other = (await engine.handle(make_message("darn", sender=K, chat=Y3,
                                              time=hours(5)))).incident_id
    kept = await engine.handle(ModeratorDecision(other, ReviewChoice.KEEP, MOD_A, time=hours(6)))
    assert not kept.refused
    await engine.stop()


async def test_close_note_and_readmit_in_chat(policy, school, sql_store):
    adapter = RecordingAdapter(moderators={"mod"})
    engine = await _engine(policy, await _reopened(sql_store), adapter, school)
    store = engine.store
    case = (await engine.handle(make_message("darn it", sender=K, chat=Y3, time=T0))).incident_id
    replies: list[str] = []

    async def reply(text: str) -> None:
        replies.append(text)

    async def say(text: str, moderator=MOD_A, card: int | None = case) -> None:  # type: ignore[no-untyped-def]
        answer = moderation.answer_in_moderators_chat(text, on_card=card is not None)
        assert answer is not None, text
        await moderation.card_answer(engine.handle, reply, moderator=moderator, answer=answer,
                                     incident=card, time=hours(len(replies) + 1))

    await say("note spoke to the parent by phone")
    await say(f"/note {case} agreed to post less")
    await say("close", moderator=make_member("Stranger", "stranger"))
    assert replies[-1] == f"Case #{case}: not done (not a moderator of this group)."
    await say(f"/close {case} sorted")
    assert replies[-1] == f"Case #{case}: closed by Mod A."
    assert (await store.incident(case)).status == "resolved"
    await say("close")
    assert "already resolved" in replies[-1]
    await say("readmit")
    assert len(adapter.named("readmit_member")) == 1 and "readmitted" in replies[-1]
    await say("note")
    assert replies[-1].startswith("Write the note")
    notes = [n.text for n in await store.notes(case)]
    assert notes == ["spoke to the parent by phone", "agreed to post less"]
    # The same command delivered twice is one note.
    command = CaseCommand(case, CaseWord.NOTE, MOD_A, note="once", time=hours(20))
    await engine.handle(command)
    await engine.handle(command)
    assert [n.text for n in await store.notes(case)].count("once") == 1
    shown = cases.render_case(await cases.read_case(store, case, rules=engine.rules,
                                                    ladder=LADDER, now=hours(30)))
    assert "closed the case - sorted" in shown and "readmitted the member" in shown
    await engine.stop()


async def test_keep_teaches_the_iqra_model_when_learning_is_on(tmp_path: Path) -> None:
    from civility._runner import build_engine
    from civility.config import load_config

    config = tmp_path / "civility.toml"
    config.write_text(f'[store]\nurl = "sqlite:///{tmp_path / "c.db"}"\n'
                      f'[learning]\nenabled = true\npath = "{tmp_path / "learn"}"\n', "utf-8")
    engine = build_engine(load_config(config))
    adapter = RecordingAdapter(moderators={"head"})
    engine.add_adapter(adapter)
    await engine.start(adapters=False)
    first = await engine.handle(make_message("you are a pathetic idiot", sender="Chris",
                                             chat=Y3, time=T0))
    assert first.incident_id
    rules = (await engine.store.incident(first.incident_id)).rule_ids
    assert any(r.startswith("iqra.") for r in rules)
    head = make_member("Head", "head")
    await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.KEEP, head,
                                          time=hours(1)))
    await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.KEEP, head,
                                          time=hours(1)))
    lines = (tmp_path / "learn" / "iqra-examples.jsonl").read_text("utf-8").splitlines()
    examples = [json.loads(line) for line in lines]
    assert examples and all(e["breach"] is False for e in examples)
    assert len(examples) == len([r for r in rules if r.startswith("iqra.")])  # once each
    assert "pathetic" not in "".join(lines)  # hashed features, never the text
    await engine.stop()
