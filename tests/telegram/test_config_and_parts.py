"""The [telegram] table, review cards, the offset file, 429 handling and waiting notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, RetryAfter

from civility._runner import build_adapters
from civility._tables import ConfigError, Table
from civility.adapter import ActionFailed, ReviewRequest
from civility.adapters.telegram.adapter import TelegramAdapter
from civility.adapters.telegram.api import Api, is_gone, lacks_rights, retry_seconds
from civility.adapters.telegram.cards import (
    callback_data,
    card_text,
    incident_on_card,
    keyboard,
    parse_callback,
)
from civility.adapters.telegram.commands import PendingNotes
from civility.adapters.telegram.config import read_config
from civility.adapters.telegram.polling import OffsetFile
from civility.config import load_config
from civility.events import ChatRef, ReviewChoice
from civility.verdicts import Decision, Step

pytestmark = pytest.mark.filterwarnings("ignore:.*attribute `retry_after`")
ENV = {"TOKEN": "1:abc", "HOOK": "only-letters_and-digits-123"}


def read(**data: Any) -> Any:
    base = {"token": "env:TOKEN", "groups": [-100], "moderators_chat": -200}
    return read_config(Table({**base, **data}, "telegram", "/etc/civility/civility.toml", ENV))


def test_defaults_and_both_group_forms():
    config = read(group=[{"id": -300, "policy": ["iqra"], "moderators_chat": -400,
                          "title": "Year 4"}])
    assert [g.id for g in config.groups] == ["-100", "-300"]
    assert config.mode == "polling" and config.base_file_url == "https://api.telegram.org/file/bot"
    assert config.state_file == Path("/etc/civility/telegram-offset.json")
    assert config.moderators_chat_for("-100") == "-200"
    assert config.moderators_chat_for("-300") == "-400"
    assert config.token.reveal() == "1:abc" and "1:abc" not in repr(config)


@pytest.mark.parametrize(("data", "key"), [
    ({"token": "123:inline-secret"}, "telegram.token"),
    ({"groups": []}, "telegram.groups"),
    ({"groups": [-100, -100]}, "telegram.group"),
    ({"moderators_chat": None}, "telegram.moderators_chat"),
    ({"mode": "push"}, "telegram.mode"),
    ({"mode": "webhook", "webhook_secret": "env:HOOK"}, "telegram.webhook_url"),
    ({"mode": "webhook", "webhook_url": "http://bot.example.org/t", "webhook_secret": "env:HOOK"},
     "telegram.webhook_url"),
    ({"mode": "webhook", "webhook_url": "https://bot.example.org/t"}, "telegram.webhook_secret"),
    ({"mode": "webhook", "webhook_url": "https://b.example/t", "webhook_secret": "env:TOKEN"},
     "telegram.webhook_secret"),
    ({"grups": [-1]}, "telegram.grups"),
    ({"group": [{"id": -5, "policies": ["x"]}]}, "telegram.group[0].policies"),
])
def test_config_errors_name_the_key(data, key):
    base = {"token": "env:TOKEN", "groups": [-100], "moderators_chat": -200}
    merged = {k: v for k, v in {**base, **data}.items() if v is not None}  # None: key left out
    with pytest.raises(ConfigError) as error:
        read_config(Table(merged, "telegram", "civility.toml", ENV))
    assert error.value.key == key
    assert "inline-secret" not in str(error.value)


def test_civility_run_builds_the_adapter_from_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CIVILITY_TELEGRAM_TOKEN", "1:abc")
    file = tmp_path / "civility.toml"
    file.write_text('[telegram]\ntoken = "env:CIVILITY_TELEGRAM_TOKEN"\nmoderators_chat = -2\n'
                    '[[telegram.group]]\nid = -1\npolicy = ["iqra"]\n')
    [adapter] = build_adapters(load_config(file))
    assert isinstance(adapter, TelegramAdapter)
    assert adapter.chat_policies() == {"telegram:-1": ("iqra",)}
    assert adapter.config.state_file == tmp_path / "telegram-offset.json"


def review(choices: tuple[ReviewChoice, ...] = tuple(ReviewChoice)) -> ReviewRequest:
    return ReviewRequest(12, ChatRef("telegram", "-1", "Year 3"), None, None, "x" * 9000,
                         Decision(steps=(Step.REVIEW,)), ("rude",), "member", choices=choices)


def test_review_cards_fit_telegram_and_buttons_round_trip():
    text = card_text(review())
    assert len(text) <= 4096 and incident_on_card(text) == 12
    rows = keyboard(review()).inline_keyboard
    data = [b.callback_data for row in rows for b in row]
    assert all(len(row) <= 2 for row in rows) and len(data) == len(ReviewChoice)
    assert all(isinstance(d, str) and len(d.encode()) <= 64 for d in data)
    assert parse_callback(callback_data(12, ReviewChoice.REMOVE)) == (12, ReviewChoice.REMOVE)
    for bad in ("", "civ:x:remove", "civ:1:explode", "other:1:keep", "civ:1", None):
        assert parse_callback(bad) is None


def test_offset_file_survives_corruption(tmp_path):
    offsets = OffsetFile(tmp_path / "state" / "offset.json")
    assert offsets.load() == 0
    offsets.save(42)
    assert offsets.load() == 42
    for junk in ("{not json", '{"offset": -3}', "[]", '{"offset": "7"}'):
        offsets.path.write_text(junk)
        assert offsets.load() == 0


async def test_api_waits_out_429_then_gives_up():
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    attempts = 0

    async def flaky() -> str:
        nonlocal attempts
        attempts += 1
        if attempts < 3:
            raise RetryAfter(dt.timedelta(seconds=2) if attempts == 1 else 3)
        return "done"

    api = Api(max_retries=3, sleep=sleep)
    assert await api.call("x", flaky) == "done" and waits == [2.0, 3.0]

    async def always() -> None:
        raise RetryAfter(5)

    with pytest.raises(ActionFailed, match="wait 5s 3 times"):
        await api.call("x", always)


def test_refusal_kinds():
    assert is_gone(BadRequest("Message to delete not found"))
    assert lacks_rights(BadRequest("Not enough rights to restrict/unrestrict chat member"))
    assert lacks_rights(Forbidden("Forbidden: bot was kicked from the supergroup chat"))
    assert not lacks_rights(Forbidden("Forbidden: bot can't initiate conversation with a user"))
    assert retry_seconds(RetryAfter(7)) == 7.0


def test_waiting_notes_are_bounded():
    notes = PendingNotes(per_member=2, members=2)
    for n in range(3):
        notes.add(1, f"note {n}")
    notes.add(2, "b")
    notes.add(3, "c")  # the oldest member's notes go first
    assert notes.take(1) == [] and notes.take(2) == ["b"] and notes.take(3) == ["c"]
    notes.add(4, "x")
    notes.add(4, "y")
    notes.add(4, "z")
    assert notes.take(4) == ["y", "z"] and notes.take(4) == []
