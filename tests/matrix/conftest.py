"""A real Synapse on 127.0.0.1 (one per session), fresh users and rooms per test, real nio
clients for the people, and the Civility engine with a tiny word policy."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from nio import AsyncClient, AsyncClientConfig

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._tables import Secret
from civility.adapters.matrix.adapter import MatrixAdapter
from civility.adapters.matrix.config import MatrixSettings, RoomSettings
from civility.adapters.matrix.testserver import Synapse, TestUser, start_synapse
from civility.config import Config, School
from civility.engine import Engine
from civility.events import Flag, Message, Removal
from civility.hookspecs import hookimpl
from civility.store.memory import MemoryStore
from civility.verdicts import Evidence, Rule, Severity, Verdict

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))  # the crash tests' process

#: How long a test waits for something the bot should do before it fails (a guard, not a
#: measurement: on a healthy machine each wait ends in well under a second).
PATIENCE = 30.0


@pytest.fixture(scope="session")
def synapse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    if importlib.util.find_spec("synapse") is None:
        pytest.skip("matrix-synapse is not installed (pip install 'civility[test]')")
    server = start_synapse(tmp_path_factory.mktemp("synapse"))
    try:
        yield server
    finally:
        server.stop()


class WordPolicy:
    """Flags the test words; records what it saw, flags and removals."""

    WORDS: Mapping[str, tuple[str, Severity]] = {
        "darn": ("test.mild", Severity.MEDIUM), "idiot": ("test.insult", Severity.HIGH),
        "threat": ("test.threat", Severity.SEVERE)}

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.removals: list[Removal] = []
        self.flags: list[Flag] = []

    @hookimpl
    def civility_rules(self) -> list[Rule]:
        return [Rule(rule, rule, f"clause for {rule}", "section 1", sev, "")
                for rule, sev in self.WORDS.values()]

    @hookimpl
    def on_message(self, message: Message, context: object) -> list[Verdict]:
        self.seen.append(message.all_text)
        return [Verdict(rule, f"clause for {rule}", sev, 1.0, (Evidence("word", word),))
                for word, (rule, sev) in self.WORDS.items() if word in message.all_text]

    @hookimpl
    def on_flag(self, flag: Flag, context: object) -> None:
        self.flags.append(flag)

    @hookimpl
    def on_remove(self, removal: Removal, context: object) -> None:
        self.removals.append(removal)


@attrs.define
class Person:
    """A real Matrix user with a real nio client that remembers every event it has seen."""

    user_id: str
    client: Any
    since: str | None = None
    seen: list[tuple[str, dict[str, Any]]] = attrs.field(factory=list)

    async def sync(self) -> None:
        reply = await self.client.sync(timeout=300, since=self.since)
        assert hasattr(reply, "next_batch"), reply
        self.since = reply.next_batch
        for room_id, info in [*reply.rooms.join.items(), *reply.rooms.leave.items()]:
            self.seen += [(room_id, e.source) for e in info.timeline.events]
        self.seen += [(room_id, {"type": "test.invite"}) for room_id in reply.rooms.invite]

    async def wait_for(self, check: Callable[[str, dict[str, Any]], bool], what: str
                       ) -> tuple[str, dict[str, Any]]:
        async def look() -> tuple[str, dict[str, Any]]:
            start = 0
            while True:
                for room_id, source in self.seen[start:]:
                    if check(room_id, source):
                        return room_id, source
                start = len(self.seen)
                await self.sync()
        try:
            return await asyncio.wait_for(look(), PATIENCE)
        except TimeoutError:
            raise AssertionError(f"{self.user_id} never saw {what}") from None

    async def wait_redacted(self, event_id: str) -> dict[str, Any]:
        return (await self.wait_for(redaction_of(event_id), f"{event_id} redacted"))[1]

    async def wait_text(self, room_id: str, *parts: str) -> dict[str, Any]:
        return (await self.wait_for(text_in(room_id, *parts), f"a message with {parts}"))[1]

    async def wait_invite(self) -> str:
        return (await self.wait_for(lambda room, e: e["type"] == "test.invite", "an invite"))[0]

    def saw_redaction(self, event_id: str) -> bool:
        return any(redaction_of(event_id)(room, e) for room, e in self.seen)

    async def private_notes(self, room_id: str) -> list[str]:
        """Join a direct room and read what was said there, once something was: the bot's
        note follows its invite, so a first look may come too early on a loaded machine."""
        await self.join(room_id)
        deadline = asyncio.get_running_loop().time() + 15
        while True:
            reply = await self.client.room_messages(room_id, limit=50)
            notes = [e.source["content"].get("body", "") for e in reply.chunk
                     if e.source["type"] == "m.room.message"]
            if notes or asyncio.get_running_loop().time() > deadline:
                return notes
            await asyncio.sleep(0.2)

    async def send(self, room_id: str, body: str, *, reply_to: str | None = None,
                   content: dict[str, Any] | None = None, kind: str = "m.room.message") -> str:
        content = content or {"msgtype": "m.text", "body": body}
        if reply_to:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        reply = await self.client.room_send(room_id, kind, content)
        assert hasattr(reply, "event_id"), reply
        return str(reply.event_id)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        return await self.send(room_id, "", kind="m.reaction", content={"m.relates_to": {
            "rel_type": "m.annotation", "event_id": event_id, "key": key}})

    async def join(self, room_id: str) -> None:
        reply = await self.client.join(room_id)
        assert hasattr(reply, "room_id"), reply

    async def membership(self, room_id: str, user_id: str) -> str:
        reply = await self.client.room_get_state_event(room_id, "m.room.member", user_id)
        return str(getattr(reply, "content", {}).get("membership", "none"))


def redaction_of(event_id: str) -> Callable[[str, dict[str, Any]], bool]:
    def check(room_id: str, source: dict[str, Any]) -> bool:
        redacts = source.get("redacts") or source.get("content", {}).get("redacts")
        return source.get("type") == "m.room.redaction" and redacts == event_id
    return check


def text_in(room: str, *parts: str) -> Callable[[str, dict[str, Any]], bool]:
    def check(room_id: str, source: dict[str, Any]) -> bool:
        body = source.get("content", {}).get("body", "")
        return room_id == room and isinstance(body, str) and all(p in body for p in parts)
    return check


@attrs.define
class World:
    """One test's Matrix: a parents' room, a moderators' room, the bot, the people."""

    server: Any
    tmp: Path
    policy: WordPolicy
    version: str
    bot: Any
    mod: Person
    parent: Person
    other: Person
    room: str = ""
    mods_room: str = ""
    engine: Any = None
    adapter: Any = None
    closers: list[Any] = attrs.field(factory=list)

    def settings(self, **changes: Any) -> Any:
        base = MatrixSettings(homeserver=self.server.base_url, user_id=self.bot.user_id,
                              access_token=Secret("TEST_TOKEN", self.bot.access_token),
                              rooms=(RoomSettings(self.room),), moderators_room=self.mods_room,
                              state_file=self.tmp / "matrix-state.json")
        return attrs.evolve(base, **changes)

    async def start_bot(self, *, timeline_limit: int = 50, store: Any = None,
                        sink: Callable[[Any], Any] | None = None,
                        config_changes: Mapping[str, Any] | None = None,
                        **changes: Any) -> Any:
        """The engine and the adapter; ``sink(engine)`` makes the adapter's intake instead of
        the engine's own (to answer "not durable" as an engine with its store down does);
        ``config_changes`` change the engine's `Config` (``smtp``, ``school`` ...)."""
        hooks = Hooks(make_manager(builtins=True, entry_points=False,
                                   extra=[("testpolicy", self.policy)]))
        config = Config(school=School(name="Test Primary", contact_email="office@test.example",
                                      concerns_route="the class teacher"),
                        plugins=("testpolicy",))
        config = attrs.evolve(config, **(config_changes or {}))
        self.engine = Engine(config, hooks, store or MemoryStore())
        self.adapter = MatrixAdapter(self.settings(**changes), timeline_limit=timeline_limit)
        self.engine.add_adapter(self.adapter)
        if sink is None:
            await self.engine.start()
        else:
            await self.engine.start(adapters=False)
            await self.adapter.start(sink(self.engine))
        return self.adapter

    async def stop_bot(self) -> None:
        if self.engine is not None:
            await self.engine.stop()
            self.engine = None


async def _person(server: Any, name: str, *, admin: bool = False) -> tuple[Person, Any]:
    user = await server.aregister(server.unique(name), admin=admin)
    client = AsyncClient(server.base_url, user.user_id,
                         config=AsyncClientConfig(encryption_enabled=False))
    client.restore_login(user.user_id, "TESTDEVICE", user.access_token)
    person = Person(user.user_id, client)
    await person.sync()
    return person, user


async def _make_room(mod: Person, version: str, invite: list[str], users: dict[str, int],
                     **extra: Any) -> str:
    # Version 12: the creator outranks everyone and must not be listed in the users map.
    if version != "12":
        users = {mod.user_id: 100, **users}
    reply = await mod.client.room_create(room_version=version, invite=invite,
                                         power_level_override={"users": users}, **extra)
    assert hasattr(reply, "room_id"), reply
    return str(reply.room_id)


WorldFactory = Callable[..., Any]


@pytest.fixture
async def make_world(synapse_server: Any, tmp_path: Path) -> AsyncIterator[WorldFactory]:
    worlds: list[World] = []

    async def factory(version: str = "12", *, bot_admin: bool = False,
                      encrypted: bool = False) -> World:
        bot_user: TestUser = await synapse_server.aregister(synapse_server.unique("bot"),
                                                            admin=bot_admin)
        (mod, _), (parent, _), (other, _) = await asyncio.gather(
            _person(synapse_server, "mod"), _person(synapse_server, "parent"),
            _person(synapse_server, "other"))
        world = World(synapse_server, tmp_path, WordPolicy(), version, bot_user,
                      mod, parent, other)
        worlds.append(world)
        extra: dict[str, Any] = {}
        if encrypted:
            extra["initial_state"] = [{"type": "m.room.encryption", "state_key": "",
                                       "content": {"algorithm": "m.megolm.v1.aes-sha2"}}]
        world.room, world.mods_room = await asyncio.gather(
            _make_room(mod, version, [bot_user.user_id, parent.user_id, other.user_id],
                       {bot_user.user_id: 100}, name="Year 3 parents", **extra),
            _make_room(mod, version, [bot_user.user_id, other.user_id], {bot_user.user_id: 100},
                       name="Moderators"))
        await asyncio.gather(parent.join(world.room), other.join(world.room))
        return world

    yield factory
    for world in worlds:
        await world.stop_bot()
        for person in (world.mod, world.parent, world.other):
            await person.client.close()
