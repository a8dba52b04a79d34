"""WhatsApp fixtures: a tiny word policy, an engine, and settings for both back-ends."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._tables import Secret
from civility.adapters.whatsapp.config import GatewaySettings, GroupSettings, WhatsAppSettings
from civility.config import Config, School
from civility.engine import Engine
from civility.events import Event
from civility.hookspecs import hookimpl
from civility.store.memory import MemoryStore
from civility.verdicts import Evidence, Outcome, Rule, Severity, Verdict

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))  # the shared image drawer

GROUP = "120363000000000000@g.us"
MODS = "120363000000000001@g.us"
BOT = "447700900000@s.whatsapp.net"
SECRET = "webhook-secret-for-tests"
WORDS = {"darn": ("test.mild", Severity.MEDIUM), "idiot": ("test.insult", Severity.HIGH)}


class WordPolicy:
    @hookimpl
    def civility_rules(self) -> list[Rule]:
        return [Rule(rule, rule, f"clause for {rule}", "1", sev, "") for rule, sev in WORDS.values()]

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        found = []
        for word, (rule, severity) in WORDS.items():
            at = message.all_text.find(word)
            if at >= 0:
                found.append(Verdict(rule, f"clause for {rule}", severity, 1.0,
                                     (Evidence("word", word, at, at + len(word)),)))
        return found


def make_engine(store: Any = None, **config_changes: Any) -> Engine:
    """The test engine; ``config_changes`` change its `Config` (``smtp``, ``school`` ...)."""
    config = Config(school=School(name="Test School", contact_email="office@example.org"),
                    plugins=("testpolicy",))
    pm = make_manager(builtins=True, entry_points=False, disabled=("iqra",),
                      extra=[("testpolicy", WordPolicy())])
    return Engine(attrs.evolve(config, **config_changes), Hooks(pm), store or MemoryStore())


def make_settings(tmp_path: Path, **changes: Any) -> WhatsAppSettings:
    settings = WhatsAppSettings(
        backend="neonize", groups=(GroupSettings(GROUP),), moderators_group=MODS,
        session=tmp_path / "session.sqlite3", qr_png=tmp_path / "qr.png",
        optin_file=tmp_path / "optins.json")
    return attrs.evolve(settings, **changes)


def gateway_settings(tmp_path: Path, url: str, **changes: Any) -> WhatsAppSettings:
    gateway = GatewaySettings(url=url, user=Secret("U", "civility"), password=Secret("P", "pw"),
                              device="school", webhook_secret=Secret("S", SECRET),
                              listen="127.0.0.1", port=0, path="/webhook")
    return make_settings(tmp_path, backend="gateway", gateway=gateway, **changes)


class Sink:
    """The engine's intake, recording each handled event so tests can await it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.handled: asyncio.Queue[tuple[Event, Outcome]] = asyncio.Queue()

    async def __call__(self, event: Event) -> Outcome:
        outcome = await self.engine.handle(event)
        await self.handled.put((event, outcome))
        return outcome

    async def next(self) -> tuple[Event, Outcome]:
        return await asyncio.wait_for(self.handled.get(), 10)


@pytest.fixture
def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@pytest.fixture
async def engine() -> AsyncIterator[Engine]:
    engine = make_engine()
    await engine.start(adapters=False)
    yield engine
    await engine.stop()





@attrs.frozen
class Kit:
    """Constants and helpers for the WhatsApp tests (conftest is not importable by name)."""

    group: str = GROUP
    mods: str = MODS
    bot: str = BOT
    secret: str = SECRET
    settings: Callable[..., WhatsAppSettings] = make_settings
    gateway_settings: Callable[..., WhatsAppSettings] = gateway_settings
    sink: Callable[[Engine], Sink] = Sink
    make_engine: Callable[..., Engine] = make_engine


@pytest.fixture
def wa() -> Kit:
    return Kit()
