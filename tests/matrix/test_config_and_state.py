"""The [matrix] table, power levels (room version 12 creators), the state file, reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from civility._tables import ConfigError, Table
from civility.adapters.matrix import build_adapter
from civility.adapters.matrix.config import read_settings
from civility.adapters.matrix.power import creators_privileged, room_power
from civility.adapters.matrix.reports import new_reports
from civility.adapters.matrix.state import MAX_CARDS, State
from civility.config import Config

ENV = {"MX_TOKEN": "syt_secret_token", "MX_PASSWORD": "hunter2"}
GOOD = {"homeserver": "https://matrix.example.org/", "user_id": "@civility:example.org",
        "access_token": "env:MX_TOKEN", "rooms": ["!abc:example.org"],
        "moderators_room": "!mods:example.org"}


def table(**changes: object) -> Table:
    data = {**GOOD, **changes}
    return Table({k: v for k, v in data.items() if v is not None}, "matrix", "civility.toml", ENV)


def test_good_table_reads_with_defaults(tmp_path):
    settings = read_settings(table(state_file=str(tmp_path / "s.json")))
    assert settings.homeserver == "https://matrix.example.org"
    assert settings.access_token is not None and settings.access_token.reveal() == ENV["MX_TOKEN"]
    assert "syt_secret_token" not in repr(settings)
    assert settings.room_ids == {"!abc:example.org"}
    assert settings.joinable == {"!abc:example.org", "!mods:example.org"}
    assert settings.moderator_power == 50 and not settings.admin_reports


def test_rooms_with_their_own_policy():
    settings = read_settings(table(rooms=None, room=[{"id": "!y3:x", "policy": ["iqra"]},
                                                     {"id": "!y4:x"}]))
    adapter = build_adapter(table(rooms=None, room=[{"id": "!y3:x", "policy": ["iqra"]}]),
                            Config())
    assert [r.policies for r in settings.rooms] == [("iqra",), ()]
    assert adapter.chat_policies() == {"matrix:!y3:x": ("iqra",)}


@pytest.mark.parametrize(("changes", "key"), [
    ({"access_token": None}, "matrix.access_token"),
    ({"password": "env:MX_PASSWORD"}, "matrix.access_token"),  # both
    ({"access_token": "syt_in_the_file"}, "matrix.access_token"),
    ({"homeserver": "matrix.example.org"}, "matrix.homeserver"),
    ({"user_id": "civility"}, "matrix.user_id"),
    ({"rooms": ["#parents:example.org"]}, "matrix.rooms"),
    ({"rooms": []}, "matrix.rooms"),
    ({"moderators_room": "!abc:example.org"}, "matrix.moderators_room"),
    ({"moderator_power": 0}, "matrix.moderator_power"),
    ({"modrators_room": "!x:y"}, "matrix.modrators_room"),
])
def test_mistakes_name_the_key_and_never_show_the_secret(changes, key):
    with pytest.raises(ConfigError) as error:
        read_settings(table(**changes))
    assert error.value.key == key and "civility.toml" in str(error.value)
    assert "syt_secret_token" not in str(error.value)


def test_password_login_is_allowed():
    settings = read_settings(table(access_token=None, password="env:MX_PASSWORD"))
    assert settings.password is not None and settings.access_token is None


def test_version_12_creators_outrank_everyone():
    create = {"sender": "@head:x", "content": {"room_version": "12",
                                               "additional_creators": ["@deputy:x"]}}
    levels = {"users": {"@bot:x": 100, "@mod:x": 50}, "users_default": 0, "kick": 75}
    power = room_power(levels, create)
    assert power.level("@head:x") > 1000 and power.level("@deputy:x") > 1000
    assert power.level("@mod:x") == 50 and power.level("@parent:x") == 0
    assert not power.can("@mod:x", "kick") and power.can("@mod:x", "redact")
    assert power.missing("@bot:x") == ()
    # Before version 12 the creator is just a user listed (or not) in the power levels.
    old = room_power(levels, {"sender": "@head:x", "content": {"room_version": "10"}})
    assert old.level("@head:x") == 0 and old.missing("@parent:x") == ("redact", "kick", "ban")


def test_room_versions():
    assert not creators_privileged("1") and not creators_privileged("11")
    assert creators_privileged("12") and creators_privileged("13")
    assert creators_privileged("org.matrix.hydra.11")


def test_power_levels_tolerate_junk():
    power = room_power({"users": {"@a:x": "60", "@b:x": True, 5: 1}, "ban": "x"}, {"content": 3})
    assert power.level("@a:x") == 60 and power.level("@b:x") == 0 and power.needed("ban") == 50


def test_state_survives_a_restart_and_a_broken_file(tmp_path: Path):
    path = tmp_path / "state" / "matrix.json"
    state = State.load(path)
    state.next_batch, state.device_id, state.last_report_id = "s42_1", "DEV", 7
    state.dm_rooms["@p:x"] = "!dm:x"
    for number in range(MAX_CARDS + 5):
        state.add_card(f"$card{number}", number)
    state.save()
    again = State.load(path)
    assert (again.next_batch, again.device_id, again.last_report_id) == ("s42_1", "DEV", 7)
    assert again.dm_rooms == {"@p:x": "!dm:x"}
    assert len(again.cards) == MAX_CARDS and again.cards[f"$card{MAX_CARDS + 4}"] == MAX_CARDS + 4
    path.write_bytes(b"\x00\xff not json")
    assert State.load(path).next_batch is None
    path.write_text('{"next_batch": 5, "cards": {"$a": "x", "$b": 2}}')
    broken = State.load(path)
    assert broken.next_batch is None and broken.cards == {"$b": 2}


def test_new_reports_are_in_order_and_junk_is_dropped():
    data = {"event_reports": [
        {"id": 9, "room_id": "!r:x", "event_id": "$b"}, {"id": 3, "room_id": "!r:x", "event_id": "$a"},
        {"id": "10", "room_id": "!r:x"}, "junk", {"id": 2, "room_id": "!r:x", "event_id": "$old"}]}
    assert [r["event_id"] for r in new_reports(data, 2)] == ["$a", "$b"]
    assert new_reports({"event_reports": "no"}, 0) == []
