"""The safety guards through the real engine: what the group, the poster and moderators see."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from collections.abc import AsyncIterator, Callable

import pytest

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config, School
from civility.engine import Engine
from civility.events import MemberRef, Message, MessageRef
from civility.scan import read_jsonl, scan
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_chat
from civility.verdicts import Step

SCHOOL = School(name="Test Primary", contact_email="office@test.example")
_ids = itertools.count(1)
EngineMaker = Callable[..., Engine]


@pytest.fixture
async def start() -> AsyncIterator[Callable[..., object]]:
    made: list[Engine] = []

    async def factory(settings: dict[str, object] | None = None,
                      ) -> tuple[Engine, RecordingAdapter]:
        config = Config(school=SCHOOL, plugins=("iqra",),
                        plugin_settings={"safety": settings} if settings is not None else {})
        engine = Engine(config, Hooks(make_manager(entry_points=False)), MemoryStore())
        adapter = RecordingAdapter(moderators={"mod"})
        engine.add_adapter(adapter)
        await engine.start()
        made.append(engine)
        return engine, adapter

    yield factory
    for engine in made:
        await engine.stop()


def post(chat_id: str, who: str, text: str, at: dt.datetime) -> Message:
    chat = make_chat(chat_id)
    sender = MemberRef(chat.platform, who.lower().replace(" ", "-"), who)
    return Message(ref=MessageRef(chat, f"s{next(_ids)}", sender), sender=sender, text=text,
                   time=at)


T0 = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
CALM = ["Morning all", "Does anyone know if PE is tomorrow?", "Yes, Thursday this week",
        "Thanks!", "Reading books go back on Friday", "Has anyone seen a blue lunchbox?",
        "It's in lost property I think", "Great, thank you", "Trip letter came home today",
        "Remember coats, it's cold"]


async def test_safety_runs_beside_the_schools_policy_by_default(start):
    engine, _ = await start()
    assert engine.policies_for(make_chat()) == ("iqra", "safety")
    off, _ = await start({"enabled": False})
    assert off.policies_for(make_chat()) == ("iqra",)


async def test_a_scam_is_deleted_the_group_told_neutrally_and_moderators_review(start):
    engine, adapter = await start()
    scam = post("g-scam", "Scammer", "Mum it's me, new phone, can you transfer £95 for my "
                "school trip, I'll explain later", T0)
    outcome = await engine.handle(scam)
    assert outcome.decision.rule_ids == ("safety.scam",)
    assert adapter.named("delete_message")[0].args[0] == scam.ref
    [(chat, note)] = [c.args for c in adapter.named("send_to_chat")]
    assert chat == scam.chat and "scam was removed" in note
    assert "Scammer" not in note and "scammer" not in note.lower().replace("a scam", "")
    [review] = adapter.reviews
    assert "No scams: nobody asks the group" in review.render_text()  # the clause, in words
    [(member, notice)] = [c.args for c in adapter.named("send_private")]
    assert member == scam.sender and "removed" in notice


async def test_a_nudge_for_rumours_never_deletes(start):
    engine, adapter = await start()
    engine.set_policies(make_chat("g-rumour").key, ["safety"])  # the guard alone, as the rule
    outcome = await engine.handle(post("g-rumour", "Parent A", "pass this on: school is "
                                       "closed tomorrow, the boiler broke", T0))
    assert outcome.decision.rule_ids == ("safety.misinformation",)
    assert adapter.named("delete_message") == [] and adapter.named("send_to_chat") == []
    [(_, notice)] = [c.args for c in adapter.named("send_private")]
    assert "official" in notice or "letters" in notice


async def test_a_burst_gets_one_nudge_and_a_calm_conversation_none(start):
    engine, adapter = await start()
    people = ["Parent A", "Parent B", "Parent C"]
    for i, text in enumerate(CALM * 3):  # 30 messages over 30 minutes, three people
        await engine.handle(post("g-flood", people[i % 3], text, T0 + dt.timedelta(minutes=i)))
    assert adapter.calls == []
    burst_start = T0 + dt.timedelta(hours=1)
    outcomes = [await engine.handle(post("g-flood", "Parent D", f"message number {i} about "
                                         f"the fair", burst_start + dt.timedelta(seconds=5 * i)))
                for i in range(8)]  # eight messages in forty seconds
    flagged = [i for i, o in enumerate(outcomes) if "safety.flood" in o.decision.rule_ids]
    assert flagged == [5]  # the sixth message crosses "more than 5 in 60 s"; one nudge only
    assert [c.action for c in adapter.calls] == ["send_private"]
    assert adapter.calls[0].args[0].display_name == "Parent D"
    # The calm members were never caught up in it.
    later = await engine.handle(post("g-flood", "Parent A", "Thanks all",
                                     burst_start + dt.timedelta(seconds=50)))
    assert later.decision.rule_ids == ()


async def test_the_same_text_three_times_in_ten_minutes_is_one_nudge(start):
    engine, adapter = await start()
    text = "Has anyone got spare size 12 school shoes for Friday"
    rules = []
    for i in range(5):  # every three minutes: never a burst by rate
        outcome = await engine.handle(post("g-repeat", "Parent E", text,
                                           T0 + dt.timedelta(minutes=3 * i)))
        rules.append(outcome.decision.rule_ids)
    assert rules == [(), (), ("safety.flood",), (), ()]
    assert len(adapter.named("send_private")) == 1


async def test_repeats_are_counted_per_engine_not_across_them(start):
    text = "Is anyone driving to the swimming gala on Saturday"
    first, _ = await start()
    await first.handle(post("g-shared", "Parent F", text, T0))
    await first.handle(post("g-shared", "Parent F", text, T0 + dt.timedelta(minutes=1)))
    second, adapter = await start()
    outcome = await second.handle(post("g-shared", "Parent F", text,
                                       T0 + dt.timedelta(minutes=2)))
    assert outcome.decision.rule_ids == ()
    assert adapter.calls == []


async def test_scan_finds_the_burst_from_the_timestamps():
    config = Config(school=SCHOOL, plugins=("iqra",))
    engine = Engine(config, Hooks(make_manager(entry_points=False)), MemoryStore())
    await engine.store.open()
    lines = [{"id": f"c{i}", "sender": ["Amal", "Bea"][i % 2], "text": text,
              "timestamp": (T0 + dt.timedelta(minutes=2 * i)).isoformat()}
             for i, text in enumerate(CALM)]
    lines += [{"id": f"b{i}", "sender": "Cai", "text": f"and another thing number {i}",
               "timestamp": (T0 + dt.timedelta(hours=1, seconds=4 * i)).isoformat()}
              for i in range(10)]
    data = io.BytesIO("".join(json.dumps(x) + "\n" for x in lines).encode())
    rows = [row async for row in scan(engine, read_jsonl(data, []))]
    await engine.store.close()
    flooded = [r.id for r in rows if "safety.flood" in r.rules]
    assert flooded == ["b5"]


async def test_quiet_hours_remind_once_a_night_and_delete_nothing(start):
    engine, adapter = await start({"quiet_hours": "21:00-07:00", "timezone": "Europe/London"})
    night = dt.datetime(2026, 11, 2, 22, 30, tzinfo=dt.UTC)  # 22:30 in London (GMT)
    first = await engine.handle(post("g-quiet", "Parent G", "Did anyone get the homework?",
                                     night))
    assert first.decision.rule_ids == ("safety.quiet-hours",)
    assert first.decision.steps == (Step.NUDGE,)
    assert first.decision.points_after == first.decision.points_before  # no strike points
    [(_, notice)] = [c.args for c in adapter.named("send_private")]
    assert "21:00-07:00" in notice and "Nothing has been removed" in notice
    again = await engine.handle(post("g-quiet", "Parent G", "Never mind, found it",
                                     night + dt.timedelta(hours=3)))  # 01:30, same night
    assert again.decision.rule_ids == ()
    other = await engine.handle(post("g-quiet", "Parent H", "Night all",
                                     night + dt.timedelta(minutes=5)))
    assert other.decision.rule_ids == ("safety.quiet-hours",)
    day = await engine.handle(post("g-quiet", "Parent G", "Morning!",
                                   night + dt.timedelta(hours=10)))  # 08:30
    assert day.decision.rule_ids == ()
    next_night = await engine.handle(post("g-quiet", "Parent G", "Late one again",
                                          night + dt.timedelta(days=1)))
    assert next_night.decision.rule_ids == ("safety.quiet-hours",)
    assert adapter.named("delete_message") == []


async def test_quiet_hours_are_off_by_default_and_set_per_group(start):
    chat = make_chat("g-quiet-class")
    engine, _ = await start({"groups": {chat.key: {"quiet_hours": "20:00-06:30"}}})
    night = dt.datetime(2026, 11, 3, 20, 30, tzinfo=dt.UTC)
    elsewhere = await engine.handle(post("g-quiet-other", "Parent I", "Hello", night))
    assert elsewhere.decision.rule_ids == ()
    here = await engine.handle(post("g-quiet-class", "Parent I", "Hello", night))
    assert here.decision.rule_ids == ("safety.quiet-hours",)
