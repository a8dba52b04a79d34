"""The engine end to end with a recording adapter: what a moderator and a parent would see."""

from __future__ import annotations

import asyncio
import datetime as dt

import attrs
import pytest

from civility.config import Config, LadderSettings, Mode
from civility.events import (
    Flag,
    FlagSource,
    MemberJoined,
    ModeratorDecision,
    Removal,
    RemovalKind,
    ReviewChoice,
)
from civility.hookspecs import hookimpl
from civility.testing import RecordingAdapter, make_chat, make_member, make_message
from civility.verdicts import Step


async def test_clean_message_does_nothing(engine, adapter):
    outcome = await engine.handle(make_message("PE is on Tuesday, bring trainers"))
    assert outcome.decision.action == "none"
    assert adapter.calls == []
    assert await engine.store.incidents() == []


async def test_mild_breach_is_deleted_and_poster_nudged_privately(engine, adapter):
    message = make_message("oh darn it", sender="Parent A")
    outcome = await engine.handle(message)
    assert [c.action for c in adapter.calls] == ["delete_message", "send_private"]
    assert adapter.named("delete_message")[0].args[0] == message.ref
    member, text = adapter.named("send_private")[0].args
    assert member == message.sender
    assert "clause for test.mild" in text
    assert "the class teacher" in text and "office@test.example" in text
    assert outcome.decision.action == "delete"
    assert adapter.reviews == []  # a first mild breach does not bother moderators
    [incident] = await engine.store.incidents()
    assert incident.text == "oh darn it" and incident.rule_ids == ("test.mild",)


async def test_low_severity_breach_only_nudges(engine, adapter):
    await engine.handle(make_message("offtopic link"))
    assert [c.action for c in adapter.calls] == ["send_private"]
    assert "gentle note" in adapter.calls[0].args[1]


async def test_serious_breach_cautions_and_asks_moderators(engine, adapter):
    outcome = await engine.handle(make_message("you idiot"))
    assert outcome.decision.steps == (Step.DELETE, Step.CAUTION, Step.REVIEW)
    assert "formal caution" in adapter.named("send_private")[0].args[1]
    [review] = adapter.reviews
    assert review.incident_id == outcome.incident_id
    assert "test.insult" in review.render_text()


async def test_threat_waits_for_a_moderator_before_removal(engine, adapter, policy):
    outcome = await engine.handle(make_message("this is a threat", sender="Parent B"))
    assert Step.REMOVE in outcome.decision.pending
    assert Step.REPORT_INCIDENT in outcome.decision.pending
    assert adapter.named("remove_member") == []
    assert "Waiting for you: remove" in adapter.reviews[0].render_text()
    # A moderator confirms: the member is removed and plugins hear about it.
    answer = ModeratorDecision(outcome.incident_id, ReviewChoice.REMOVE, make_member("Mod", "mod"))
    result = await engine.handle(answer)
    assert result.refused == ""
    [removed] = adapter.named("remove_member")
    assert removed.args[1].id == "parent-b"
    [removal] = policy.removals
    assert removal.by_civility and removal.member.id == "parent-b"
    assert (await engine.store.incident(outcome.incident_id)).status == "resolved"


async def test_non_moderator_cannot_trigger_removal(engine, adapter, policy):
    outcome = await engine.handle(make_message("this is a threat"))
    answer = ModeratorDecision(outcome.incident_id, ReviewChoice.REMOVE, make_member("Parent C"))
    result = await engine.handle(answer)
    assert result.refused == "not a moderator of this group"
    assert adapter.named("remove_member") == []
    assert policy.removals == []
    trail = await engine.store.audit_trail(incident_id=outcome.incident_id)
    assert any(entry["kind"] == "moderation_refused" for entry in trail)


async def test_a_decided_incident_is_not_acted_on_twice(engine, adapter):
    outcome = await engine.handle(make_message("this is a threat"))
    mod = make_member("Mod", "mod")
    await engine.handle(ModeratorDecision(outcome.incident_id, ReviewChoice.KEEP, mod))
    again = await engine.handle(ModeratorDecision(outcome.incident_id, ReviewChoice.REMOVE, mod))
    assert again.refused == "already dismissed"
    assert adapter.named("remove_member") == []


async def test_repeated_mild_breaches_escalate(engine, adapter):
    for _ in range(3):
        outcome = await engine.handle(make_message("darn", sender="Parent D"))
    # 2 + 2 + 2 points: the third breach passes review_at (5).
    assert Step.REVIEW in outcome.decision.steps
    assert Step.CAUTION in outcome.decision.steps
    assert outcome.decision.points_before == pytest.approx(4.0)


async def test_strikes_decay_over_time(make_engine, adapter):
    engine = make_engine()
    await engine.start()
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for day in (0, 1):
        await engine.handle(make_message("darn", sender="Parent E", time=start + dt.timedelta(days=day)))
    later = await engine.handle(make_message("darn", sender="Parent E",
                                             time=start + dt.timedelta(days=120)))
    # Four half-lives later the earlier strikes weigh about 1/16: a nudge, not a review.
    assert later.decision.points_before < 0.5
    assert Step.REVIEW not in later.decision.steps


async def test_unsure_verdict_only_asks_moderators(engine, adapter):
    outcome = await engine.handle(make_message("maybe rude"))
    assert outcome.decision.steps == (Step.REVIEW,)
    assert [c.action for c in adapter.calls] == ["notify_moderators"]
    assert await engine.store.strikes("test:parent-a") == []


async def test_advise_mode_never_acts_on_the_group(make_engine, adapter, school):
    engine = make_engine(Config(school=school, plugins=("words",), mode=Mode.ADVISE))
    await engine.start()
    outcome = await engine.handle(make_message("you idiot"))
    assert outcome.decision.has(Step.DELETE)
    assert [c.action for c in adapter.calls] == ["notify_moderators"]
    assert adapter.reviews[0].advise_mode
    assert "advise mode" in adapter.reviews[0].render_text()


async def test_unsupported_delete_is_recommended_to_moderators(make_engine):
    adapter = RecordingAdapter(unsupported={"delete_message"})
    engine = make_engine()
    engine.add_adapter(adapter)
    await engine.start()
    outcome = await engine.handle(make_message("darn"))
    assert outcome.recommended == ("delete the message",)
    [review] = adapter.reviews
    assert "Please do by hand: delete the message" in review.render_text()


async def test_unreachable_member_gets_a_gentle_group_note(make_engine):
    adapter = RecordingAdapter(unreachable={"parent-a"})
    engine = make_engine()
    engine.add_adapter(adapter)
    await engine.start()
    await engine.handle(make_message("darn", sender="Parent A"))
    [note] = adapter.named("send_to_chat")
    assert "darn" not in note.args[1] and "Parent A" not in note.args[1]


async def test_automatic_removal_when_the_school_allows_it(make_engine, adapter, policy, school):
    config = Config(school=school, plugins=("words",),
                    ladder=LadderSettings(confirm_serious=False))
    engine = make_engine(config)
    await engine.start()
    outcome = await engine.handle(make_message("a threat"))
    assert Step.REMOVE in outcome.decision.steps and not outcome.decision.pending
    assert len(adapter.named("remove_member")) == 1
    assert policy.removals[0].by_civility


async def test_member_report_reaches_moderators_without_the_reporter(engine, adapter, policy):
    reported = make_message("you are all so silly", sender="Parent F")
    reporter = make_member("Parent G")
    outcome = await engine.handle(Flag(reported.ref, FlagSource.MEMBER, reason="rude",
                                       reporter=reporter, reported=reported))
    [review] = adapter.reviews
    card = review.render_text()
    assert "Parent G" not in card and "parent-g" not in card
    assert "rude" in card and review.source == "member"
    assert policy.flags[0].source is FlagSource.MEMBER
    incident = await engine.store.incident(outcome.incident_id)
    assert incident.reporter_hash and "parent-g" not in incident.reporter_hash
    # A second report of the same message does not send a second card.
    await engine.handle(Flag(reported.ref, FlagSource.MEMBER, reporter=make_member("Parent H"),
                             reported=reported))
    assert len(adapter.reviews) == 1


async def test_moderator_command_on_a_message_without_incident(engine, adapter):
    message = make_message("something borderline", sender="Parent J")
    answer = ModeratorDecision(0, ReviewChoice.CAUTION, make_member("Mod", "mod"),
                               message=message.ref, member=message.sender, text=message.text)
    outcome = await engine.handle(answer)
    assert outcome.refused == ""
    assert [c.action for c in adapter.calls] == ["delete_message", "send_private"]
    assert "formal caution" in adapter.calls[1].args[1]


async def test_failing_plugin_is_contained(make_engine, adapter):
    class Broken:
        @hookimpl
        def on_message(self, message, context):  # type: ignore[no-untyped-def]
            raise RuntimeError("plugin bug")

    engine = make_engine()
    engine.hooks.pm.register(Broken(), name="broken")
    engine.set_policies(make_chat().key, ["words", "broken"])
    await engine.start()
    outcome = await engine.handle(make_message("darn"))
    assert outcome.decision.action == "delete"  # the working policy still ran


async def test_failing_action_is_contained(make_engine):
    class Flaky(RecordingAdapter):
        async def delete_message(self, message):  # type: ignore[no-untyped-def]
            raise ConnectionError("network down")

    adapter = Flaky()
    engine = make_engine()
    engine.add_adapter(adapter)
    await engine.start()
    outcome = await engine.handle(make_message("darn"))
    assert outcome.failed and "network down" in outcome.failed[0]
    assert "send_private" in [c.action for c in adapter.calls]
    assert adapter.reviews  # moderators are told what could not be done
    ok = await engine.handle(make_message("fine message"))
    assert ok.error == ""


async def test_each_chat_in_order_and_chats_concurrently(make_engine):
    order: list[str] = []
    gate = asyncio.Event()

    class Slow(RecordingAdapter):
        async def delete_message(self, message):  # type: ignore[no-untyped-def]
            if message.chat.id == "slow":
                await gate.wait()
            order.append(f"{message.chat.id}:{message.id}")

    adapter = Slow()
    engine = make_engine()
    engine.add_adapter(adapter)
    await engine.start()
    slow, fast = make_chat("slow"), make_chat("fast")
    tasks = [asyncio.create_task(engine.handle(make_message("darn", chat=slow, id="1"))),
             asyncio.create_task(engine.handle(make_message("darn", chat=slow, id="2")))]
    await engine.handle(make_message("darn", chat=fast, id="3"))
    assert order == ["fast:3"]  # the fast chat was not held up by the slow one
    gate.set()
    await asyncio.gather(*tasks)
    assert order == ["fast:3", "slow:1", "slow:2"]


async def test_removals_and_joins_reach_plugins(engine, policy):
    chat = make_chat()
    await engine.handle(MemberJoined(chat, make_member("New Parent")))
    await engine.handle(Removal(chat, RemovalKind.LEFT, member=make_member("Old Parent")))
    assert policy.removals[0].kind is RemovalKind.LEFT
    assert not policy.removals[0].by_civility


async def test_retention_erases_old_incident_text(make_engine, adapter, clock):
    engine = make_engine(clock=clock)
    await engine.start()
    old = make_message("darn", time=clock.now - dt.timedelta(days=200))
    await engine.handle(old)
    await engine.handle(make_message("darn again", time=clock.now))
    erased = await engine.store.purge_expired(
        clock.now - dt.timedelta(days=engine.config.store.retention_days))
    assert erased == 1
    texts = sorted(str(i.text) for i in await engine.store.incidents())
    assert texts == ["None", "darn again"]


def test_outcome_is_frozen():
    from civility.engine import Outcome

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Outcome().refused = "x"  # type: ignore[misc]



async def test_non_moderator_command_writes_nothing(engine, adapter):
    message = make_message("fine words", sender="Parent L")
    answer = ModeratorDecision(0, ReviewChoice.REMOVE, make_member("Parent M"),
                               message=message.ref, member=message.sender, text=message.text)
    outcome = await engine.handle(answer)
    assert outcome.refused == "not a moderator of this group"
    assert await engine.store.incidents() == []
    assert adapter.calls == []


async def test_a_policy_can_welcome_new_members(engine, adapter):
    class Welcome:
        @hookimpl
        def civility_welcome(self, joined, context):  # type: ignore[no-untyped-def]
            return f"Welcome {joined.member.label}! Please read the pinned code of conduct."

    chat = make_chat()
    engine.hooks.pm.register(Welcome(), name="welcome")
    outcome = await engine.handle(MemberJoined(chat, make_member("New Parent")))
    assert outcome.done == ("welcome",)  # privately, where the platform allows it
    assert "Welcome New Parent!" in adapter.named("send_private")[0].args[1]
