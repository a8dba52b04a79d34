"""The acknowledgement gate, agreed privately: "I agree" sent to the bot in a private chat
agrees for every group the member is waiting in (one `Acknowledged` each), is thanked once by
naming the groups, and says nothing for a repeat or a member who is not waiting."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from civility._gate import agree_in_private, thanks
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.adapter import RetryLater, durable
from civility.config import Config, School
from civility.engine import Engine
from civility.events import ChatRef, Event, MemberJoined
from civility.store import Store
from civility.store.memory import MemoryStore
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter, make_member, make_message
from civility.verdicts import Outcome, Step

SCHOOL = School(name="Iqra Test School", contact_email="office@test.example")
START = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
YEAR3 = ChatRef("test", "year3", "Year 3 parents")
YEAR4 = ChatRef("test", "year4", "Year 4 parents")
NAMES = {YEAR3.id: YEAR3.title, YEAR4.id: YEAR4.title}
NEW = make_member("New Parent")
OLD = make_member("Old Parent", id="old")


def _engine(store: Store, adapter: RecordingAdapter | None = None) -> Engine:
    config = Config(school=SCHOOL, plugins=("iqra",),
                    plugin_settings={"safety": {"acknowledge": True}})
    engine = Engine(config, Hooks(make_manager(entry_points=False)), store)
    engine.add_adapter(adapter or RecordingAdapter())
    return engine


def _store(kind: str, tmp_path: Path) -> Store:
    return MemoryStore() if kind == "memory" else SqlStore(
        f"sqlite:///{tmp_path / 'civility.db'}", busy_timeout_ms=50)


class Private:
    """What an adapter hands `agree_in_private`: the engine's intake (durable, as adapters
    make it), a private reply it records, the store's query and the adapter's group names."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.said, self.given = engine, list[str](), list[Event]()

    async def give(self, event: Event) -> Outcome:
        self.given.append(event)
        return durable(await self.engine.handle(event))

    async def tell(self, text: str) -> None:
        self.said.append(text)

    async def send(self, text: str, member: Any = NEW, minute: int = 30) -> bool:
        return await agree_in_private(
            self.give, self.tell, waiting=self.engine.store.gate_waiting, member=member,
            text=text, time=START + dt.timedelta(minutes=minute), name_of=lambda c: NAMES.get(c.id))


def _post(chat: ChatRef, text: str, n: int) -> Any:
    return make_message(text, sender=NEW, chat=chat, id=f"m{n}",
                        time=START + dt.timedelta(minutes=n))


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
async def test_a_private_i_agree_agrees_for_every_group_the_member_waits_in(tmp_path: Path,
                                                                           kind: str):
    engine = _engine(_store(kind, tmp_path))
    await engine.start()
    private = Private(engine)
    try:
        for chat in (YEAR3, YEAR4):
            await engine.handle(MemberJoined(chat, NEW, time=START))
        assert (await engine.handle(_post(YEAR3, "Hello all", 1))).decision.has(Step.HOLD)
        assert [e.chat_key for e in await engine.store.gate_waiting(NEW.key)] == \
            [YEAR3.key, YEAR4.key]

        assert await private.send("Yes, I agree to the rules, thanks!")
        assert [getattr(e, "chat", None) for e in private.given] == [YEAR3, YEAR4]
        assert private.said == ["Thank you, your messages will now stay up in Year 3 parents "
                                "and Year 4 parents."]
        assert await engine.store.gate_waiting(NEW.key) == []
        for n, chat in enumerate((YEAR3, YEAR4), start=2):
            assert (await engine.handle(_post(chat, "Morning everyone", n))).done == ()

        # A repeat is silent and changes nothing; so is anything that is not agreeing.
        assert not await private.send("I agree")
        assert not await private.send("I agree with Sarah about the trip")
        assert private.said == [private.said[0]] and len(private.given) == 2
    finally:
        await engine.stop()


async def test_never_for_a_member_who_is_not_waiting_nor_for_another_members_group():
    engine = _engine(MemoryStore())
    await engine.start()
    private = Private(engine)
    try:
        assert not await private.send("I agree", member=OLD)  # there before the gate
        # A group the adapter does not moderate (any more) is not agreed for.
        await engine.handle(MemberJoined(ChatRef("test", "elsewhere"), NEW, time=START))
        assert not await private.send("I agree")
        assert private.said == [] and private.given == []
    finally:
        await engine.stop()


async def test_an_agreement_the_store_cannot_record_is_not_thanked_and_comes_again(
        tmp_path: Path):
    engine = _engine(_store("sqlite", tmp_path))
    await engine.start()
    private = Private(engine)
    try:
        await engine.handle(MemberJoined(YEAR3, NEW, time=START))
        other = sqlite3.connect(tmp_path / "civility.db", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the database
        with pytest.raises(RetryLater):
            await private.send("I agree")
        other.execute("ROLLBACK")
        other.close()
        assert private.said == []
        assert await private.send("I agree")  # delivered again
        assert private.said == ["Thank you, your messages will now stay up in Year 3 parents."]
    finally:
        await engine.stop()


def test_the_thanks_name_the_groups():
    assert thanks(["Year 3"]) == "Thank you, your messages will now stay up in Year 3."
    assert thanks([""]).endswith("stay up in the group.")
    assert thanks(["A", "B", "C"]).endswith("stay up in A, B and C.")
    assert thanks(["A", ""]).endswith("stay up in your 2 groups.")


