"""The acknowledgement gate: a member who joins must agree to the code of conduct before their
messages stay up; until then each message is held for moderators (removed, carded, the member
told once how to agree), never silently dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from civility._gate import AGREED, NOTHING_TO_AGREE, agrees
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._tables import ConfigError
from civility.config import Config, Mode, School
from civility.engine import Engine
from civility.events import Acknowledged, MemberJoined, ModeratorDecision, ReviewChoice
from civility.plugins.safety.settings import validate
from civility.store import Store
from civility.store.memory import MemoryStore
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter, make_chat, make_member, make_message
from civility.verdicts import Step

SCHOOL = School(name="Iqra Test School", contact_email="office@test.example")
START = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
CHAT = make_chat()
NEW = make_member("New Parent")
OLD = make_member("Old Parent")
MOD = make_member("Maryam Mod", id="mod")
GATED: dict[str, Any] = {"safety": {"acknowledge": True}}


def _engine(adapter: RecordingAdapter, store: Store | None = None, *,
            settings: dict[str, Any] | None = None, mode: Mode = Mode.ENFORCE) -> Engine:
    config = Config(school=SCHOOL, plugins=("iqra",), mode=mode,
                    plugin_settings=GATED if settings is None else settings)
    engine = Engine(config, Hooks(make_manager(entry_points=False)), store or MemoryStore())
    engine.add_adapter(adapter)
    return engine


def _post(text: str, sender: Any = NEW, n: int = 1) -> Any:
    return make_message(text, sender=sender, chat=CHAT, id=f"m{n}",
                        time=START + dt.timedelta(minutes=n))


async def test_a_new_member_is_welcomed_asked_to_agree_and_held_until_they_do():
    adapter = RecordingAdapter(moderators={"mod"})
    engine = _engine(adapter)
    await engine.start()
    try:
        assert (await engine.handle(_post("See you all at pickup", OLD, 1))).done == ()
        joined = await engine.handle(MemberJoined(CHAT, NEW, time=START))
        [(to, welcome)] = [c.args for c in adapter.named("send_private")]
        assert joined.done == ("welcome",) and to == NEW
        assert "code of conduct" in welcome and 'send "I agree" in the group' in welcome

        first = await engine.handle(_post("Hello everyone, looking forward to the year!", n=2))
        assert first.decision.has(Step.HOLD) and first.decision.has(Step.DELETE)
        assert [c.args[0].id for c in adapter.named("delete_message")] == ["m2"]
        [card] = adapter.reviews
        text = card.render_text()
        assert "Held pending acknowledgement" in text and "Hello everyone" in text
        told = [c.args[1] for c in adapter.named("send_private")[1:]]
        assert len(told) == 1 and 'send "I agree"' in told[0] and "waiting for a moderator" in told[0]

        second = await engine.handle(_post("Does anyone know the PE days?", n=3))
        assert second.decision.has(Step.HOLD) and len(adapter.reviews) == 2
        assert len(adapter.named("send_private")) == 2  # told once, not once a message
        assert first.decision.points_after == 0  # the hold itself is no strike

        agreed = await engine.handle(_post("I agree 👍", n=4))
        assert agreed.done == (AGREED,)
        assert len(adapter.named("delete_message")) == 2
        after = await engine.handle(_post("Thanks! PE is on Tuesdays then?", n=5))
        assert after.done == () and len(adapter.named("delete_message")) == 2
        # The member who was there before the gate never was held.
        assert all(c.args[0].id != "m1" for c in adapter.named("delete_message"))
    finally:
        await engine.stop()


async def test_keep_puts_a_held_message_back_up_and_other_answers_decide_as_usual():
    adapter = RecordingAdapter(moderators={"mod"})
    engine = _engine(adapter)
    await engine.start()
    try:
        await engine.handle(MemberJoined(CHAT, NEW, time=START))
        held = await engine.handle(_post("Is the cake sale on Friday?", n=2))
        kept = await engine.handle(ModeratorDecision(held.incident_id or 0, ReviewChoice.KEEP,
                                                     MOD, time=START + dt.timedelta(hours=1)))
        [(chat, repost)] = [c.args for c in adapter.named("send_to_chat")]
        assert chat == CHAT and "New Parent" in repost and "Is the cake sale on Friday?" in repost
        assert "repost" in kept.done

        other = await engine.handle(_post("Any spare uniform?", n=3))
        cautioned = await engine.handle(ModeratorDecision(
            other.incident_id or 0, ReviewChoice.CAUTION, MOD, time=START + dt.timedelta(hours=2)))
        assert "caution" in cautioned.done and len(adapter.named("send_to_chat")) == 1
    finally:
        await engine.stop()


async def test_a_scam_from_a_waiting_member_is_decided_as_usual_and_held():
    adapter = RecordingAdapter(moderators={"mod"})
    engine = _engine(adapter)
    await engine.start()
    try:
        await engine.handle(MemberJoined(CHAT, NEW, time=START))
        outcome = await engine.handle(_post(
            "Your WhatsApp will be deactivated tonight, confirm your number at "
            "wa-support-check.net", n=2))
        decision = outcome.decision
        assert set(decision.rule_ids) == {"safety.scam", "safety.acknowledge"}
        assert decision.has(Step.HOLD) and decision.has(Step.CAUTION)
        assert decision.points_after > decision.points_before  # the scam's strike stands
        assert any("scam was removed" in c.args[1] for c in adapter.named("send_to_chat"))
    finally:
        await engine.stop()


async def test_agreeing_is_durable_idempotent_and_survives_a_restart(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'civility.db'}"
    adapter = RecordingAdapter(moderators={"mod"})
    engine = _engine(adapter, SqlStore(url))
    await engine.start()
    await engine.handle(MemberJoined(CHAT, NEW, time=START))
    await engine.handle(MemberJoined(CHAT, NEW, time=START))  # delivered twice
    await engine.stop()

    engine = _engine(adapter, SqlStore(url))
    await engine.start()
    held = await engine.handle(_post("Morning all", n=2))
    assert held.decision.has(Step.HOLD)
    ack = Acknowledged(CHAT, NEW, time=START + dt.timedelta(minutes=5))
    assert (await engine.handle(ack)).done == (AGREED,)
    assert (await engine.handle(ack)).done == (NOTHING_TO_AGREE,)
    # Agreeing once is for good: a member who leaves and comes back is not asked again.
    await engine.handle(MemberJoined(CHAT, NEW, time=START + dt.timedelta(days=1)))
    await engine.stop()

    engine = _engine(adapter, SqlStore(url))
    await engine.start()
    try:
        assert (await engine.handle(_post("Morning again", n=9))).done == ()
        told = [c for c in adapter.named("send_private") if "waiting for a moderator" in c.args[1]]
        assert len(told) == 1
    finally:
        await engine.stop()


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
async def test_export_and_erase_cover_the_acknowledgement(tmp_path: Path, kind: str):
    store: Store = MemoryStore() if kind == "memory" else SqlStore(
        f"sqlite:///{tmp_path / 'civility.db'}")
    adapter = RecordingAdapter()
    engine = _engine(adapter, store)
    await engine.start()
    try:
        await engine.handle(MemberJoined(CHAT, NEW, time=START))
        await engine.handle(Acknowledged(CHAT, NEW, time=START + dt.timedelta(minutes=1)))
        [entry] = (await engine.export_member(NEW.key))["acknowledgements"]
        assert entry["chat_key"] == CHAT.key and entry["agreed"].startswith("2026-11-02T09:01")
        assert await engine.erase_member(NEW.key) >= 1
        assert (await engine.export_member(NEW.key))["acknowledgements"] == []
    finally:
        await engine.stop()


@pytest.mark.parametrize("settings", [{}, {"safety": {"acknowledge": False}},
                                      {"safety": {"acknowledge": True, "enabled": False}}])
async def test_without_the_gate_a_new_member_posts_freely(settings: dict[str, Any]):
    adapter = RecordingAdapter()
    engine = _engine(adapter, settings=settings)
    await engine.start()
    try:
        await engine.handle(MemberJoined(CHAT, NEW, time=START))
        assert all("I agree" not in c.args[1] for c in adapter.named("send_private"))
        assert (await engine.handle(_post("Hello everyone!", n=2))).done == ()
    finally:
        await engine.stop()


async def test_the_gate_is_per_group_and_off_in_advise_mode():
    other = make_chat("group-2", "Year 4 parents")
    settings = {"safety": {"groups": {CHAT.key: {"acknowledge": True}}}}
    adapter = RecordingAdapter()
    engine = _engine(adapter, settings=settings)
    await engine.start()
    try:
        await engine.handle(MemberJoined(CHAT, NEW, time=START))
        await engine.handle(MemberJoined(other, NEW, time=START))
        assert (await engine.handle(_post("Hello!", n=2))).decision.has(Step.HOLD)
        elsewhere = make_message("Hello!", sender=NEW, chat=other, id="x", time=START)
        assert (await engine.handle(elsewhere)).done == ()
    finally:
        await engine.stop()
    advise = RecordingAdapter()
    engine = _engine(advise, mode=Mode.ADVISE)
    await engine.start()
    try:
        await engine.handle(MemberJoined(CHAT, NEW, time=START))
        assert (await engine.handle(_post("Hello!", n=2))).decision.steps == ()
    finally:
        await engine.stop()


async def test_a_welcome_that_cannot_go_privately_asks_in_one_group_note():
    adapter = RecordingAdapter(unreachable={"new-parent"})
    engine = _engine(adapter)
    await engine.start()
    try:
        outcome = await engine.handle(MemberJoined(CHAT, NEW, time=START))
        assert outcome.done == ("welcome (in group)",)
        [(_, note)] = [c.args for c in adapter.named("send_to_chat")]
        assert 'send "I agree" in the group' in note
        await engine.handle(_post("Hi all", n=2))
        notes = [c.args[1] for c in adapter.named("send_to_chat")]
        # The hold's note in the group names nobody and says how to agree.
        assert len(notes) == 2 and "New Parent" not in notes[1] and '"I agree"' in notes[1]
    finally:
        await engine.stop()


@pytest.mark.parametrize("text", [
    "I agree", "i agree.", "Agreed!", "I AGREE 👍", "yes I agree", "I accept the rules",
    "I agree to the code of conduct", "ok, I agree, thanks", "I have read and agree",
    "I agree to the group's rules", "agree"])
def test_agreeing_words(text: str):
    assert agrees(text)


@pytest.mark.parametrize("text", [
    "", "I agree with Sarah about the trip", "I don't agree", "Do you agree?",
    "agree " * 40, "I agree that the teacher is unfair", "Hello, I am new here"])
def test_words_that_are_not_agreeing(text: str):
    assert not agrees(text)


def test_the_setting_is_checked():
    validate({"acknowledge": True})
    validate({"groups": {"telegram:-100": {"acknowledge": True}}})
    with pytest.raises(ConfigError, match="acknowledge"):
        validate({"acknowledge": "yes"})


async def test_the_console_joins_holds_agrees_and_keeps():
    import io

    from civility._runner import run
    from civility.adapters.console import ConsoleAdapter

    out = io.StringIO()
    engine = Engine(Config(school=SCHOOL, plugins=("iqra",), plugin_settings=GATED),
                    Hooks(make_manager(entry_points=False)), MemoryStore())
    await run(engine, [ConsoleAdapter(out=out, lines=[
        "Amy: morning all", "Nadia: /join", "Nadia: hello all, is PE on Tuesday?",
        "Nadia: I agree", "Nadia: hello again", "/mod 1 keep"])])
    shown = out.getvalue()
    assert 'send "I agree" in the group' in shown  # the welcome asks
    assert "message #1 deleted" not in shown and "message #2 deleted" in shown
    assert "Held pending acknowledgement" in shown
    assert "Nadia agreed to the code of conduct" in shown and "message #4 deleted" not in shown
    assert "held message is back up" in shown and "approved by a moderator" in shown


async def test_a_join_the_store_cannot_record_is_retried_and_not_yet_welcomed(tmp_path: Path):
    """Acknowledge only what is durable: with the store locked by another process, the join
    asks to be delivered again, and nothing is sent until it is recorded."""
    import sqlite3

    adapter = RecordingAdapter()
    engine = _engine(adapter, SqlStore(f"sqlite:///{tmp_path / 'civility.db'}",
                                       busy_timeout_ms=50))
    await engine.start()
    try:
        other = sqlite3.connect(tmp_path / "civility.db", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        locked = await engine.handle(MemberJoined(CHAT, NEW, time=START))
        assert locked.retry and adapter.calls == []
        other.execute("ROLLBACK")
        other.close()
        again = await engine.handle(MemberJoined(CHAT, NEW, time=START))
        assert again.done == ("welcome",) and not again.retry
        assert (await engine.handle(_post("Hello!", n=2))).decision.has(Step.HOLD)
    finally:
        await engine.stop()
