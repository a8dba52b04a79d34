"""Fixtures for the Telegram tests: a loopback Bot API server, a tiny word policy, and a
factory that runs the real engine with the real adapter (real PTB client) against it."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

# The fake server lives beside the tests; pytest's importlib mode does not put this folder
# on the path by itself.
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "support"))  # the crash tests' process

from fake_bot_api import FakeBotApi
from telegram_world import ENV, GROUP, MODS, WordPolicy, add_school

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._tables import Table
from civility.adapters.telegram.adapter import TelegramAdapter
from civility.adapters.telegram.config import TelegramConfig, read_config
from civility.config import Config, School
from civility.engine import Engine
from civility.store.memory import MemoryStore


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi()
    add_school(api)
    await api.start()
    yield api
    await api.close()


@pytest.fixture
def policy_() -> WordPolicy:
    return WordPolicy()


def telegram_config(fake: FakeBotApi, tmp_path: Path, **keys: Any) -> TelegramConfig:
    data: dict[str, Any] = {"token": "env:TG_TOKEN", "base_url": fake.base_url,
                            "groups": [GROUP], "moderators_chat": MODS, "poll_timeout": 5,
                            "state_file": str(tmp_path / "offset.json"),
                            "admin_cache_seconds": 0, **keys}
    return read_config(Table(data, "telegram", str(tmp_path / "civility.toml"), ENV))


class BotRunner:
    """Starts the engine with a Telegram adapter (``await run_bot(**telegram_keys)``)."""

    def __init__(self, fake: FakeBotApi, tmp_path: Path, policy: WordPolicy) -> None:
        self.fake, self.tmp_path, self.policy = fake, tmp_path, policy
        self.running: list[Engine] = []

    async def __call__(self, *, store: Any = None, config: Config | None = None,
                       **keys: Any) -> tuple[Engine, TelegramAdapter]:
        adapter = TelegramAdapter(telegram_config(self.fake, self.tmp_path, **keys))
        hooks = Hooks(make_manager(entry_points=False, extra=[("tgtest", self.policy)]))
        config = config or Config(school=School(name="Test Primary"), plugins=("tgtest",))
        engine = Engine(config, hooks, store or MemoryStore())
        engine.add_adapter(adapter)
        await engine.start()
        self.running.append(engine)
        return engine, adapter

    async def stop(self, engine: Engine) -> None:
        self.running.remove(engine)
        await engine.stop()


@pytest.fixture
async def run_bot(fake: FakeBotApi, tmp_path: Path, policy_: WordPolicy
                  ) -> AsyncIterator[BotRunner]:
    runner = BotRunner(fake, tmp_path, policy_)
    yield runner
    for engine in list(runner.running):
        await runner.stop(engine)
