"""The config file: defaults, a full example, and errors that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from civility.config import ConfigError, Mode, load_config

FULL = """
[school]
name = "Example Primary School"
contact_email = "office@example.sch.uk"
leadership_email = "slt@example.sch.uk"

[policy]
plugins = ["iqra"]
mode = "advise"

[policy.ladder]
half_life_days = 14
confirm_serious = true

[policy.settings.iqra]
staff_names = ["Mrs Khan"]

[store]
url = "sqlite:///civility.db"
retention_days = 60

[smtp]
host = "127.0.0.1"
port = 2525
sender = "civility@example.sch.uk"
password = "env:SMTP_PASSWORD"

[telegram]
token = "env:TG_TOKEN"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "civility.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_embedded_defaults():
    config = load_config(None)
    assert config.plugins == ("iqra",) and config.mode is Mode.ENFORCE
    assert config.store.url.startswith("sqlite:///")
    assert config.platforms == {}


def test_full_example(tmp_path):
    config = load_config(write(tmp_path, FULL), env={"SMTP_PASSWORD": "s3cret", "TG_TOKEN": "t"})
    assert config.school.name == "Example Primary School"
    assert config.mode is Mode.ADVISE
    assert config.ladder.half_life_days == 14
    assert config.plugin_settings["iqra"]["staff_names"] == ["Mrs Khan"]
    assert config.store.retention_days == 60
    assert config.smtp is not None and config.smtp.password.reveal() == "s3cret"
    assert "s3cret" not in repr(config) and "s3cret" not in str(config.smtp)
    assert config.platforms["telegram"].secret("token").reveal() == "t"


@pytest.mark.parametrize(("text", "key", "expected"), [
    ("[policy]\nmode = 'loud'", "policy.mode", "one of 'enforce', 'advise'"),
    ("[policy]\nplugins = 'iqra'", "policy.plugins", "a list of strings"),
    ("[store]\nretention_days = 0", "store.retention_days", "at least 1"),
    ("[store]\nretention_days = true", "store.retention_days", "a whole number"),
    ("[school]\nnmae = 'typo'", "school.nmae", "no such key"),
    ("[policy.ladder]\ncaution_at = 9", "policy.ladder.caution_at", "caution_at <= review_at"),
    ("[smtp]\nhost = 'h'\nsender = 's'\npassword = 'hunter2'", "smtp.password", "env:NAME"),
    ("[smtp]\nhost = 'h'\nsender = 's'\npassword = 'env:NOPE'", "smtp.password",
     "NOPE to be set"),
    ("[whatsup]\nx = 1", "whatsup", "no such key"),
])
def test_errors_name_file_key_and_expectation(tmp_path, text, key, expected):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    message = str(caught.value)
    assert str(path) in message and f"[{key}]" in message and expected in message
    assert "hunter2" not in message  # a secret written in the file is never echoed


def test_broken_files(tmp_path):
    with pytest.raises(ConfigError, match="valid TOML"):
        load_config(write(tmp_path, "[school\nname="))
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("name = 'caf\xe9'".encode("latin-1"))
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(bad)
    with pytest.raises(ConfigError, match="readable TOML file"):
        load_config(tmp_path / "missing.toml")


GROUP_POLICY_TYPOS = {
    "telegram": ('[telegram]\ntoken = "env:TG"\nmoderators_chat = -2\n'
                 '[[telegram.group]]\nid = -100\npolicy = ["iqr"]\n', "telegram.group[0].policy"),
    "matrix": ('[matrix]\nhomeserver = "https://m.example.org"\nuser_id = "@bot:example.org"\n'
               'access_token = "env:TG"\nmoderators_room = "!mods:example.org"\n'
               'rooms = ["!a:example.org"]\n'
               '[[matrix.room]]\nid = "!b:example.org"\npolicy = ["iqra", "iqr"]\n',
               "matrix.room[0].policy"),
    "whatsapp": ('[whatsapp]\nbackend = "gateway"\nwebhook_secret = "env:TG"\n'
                 'moderators_group = "1@g.us"\n'
                 '[[whatsapp.group]]\nid = "2@g.us"\npolicy = ["iqr"]\n',
                 "whatsapp.group[0].policy"),
}


@pytest.mark.parametrize("platform", sorted(GROUP_POLICY_TYPOS))
def test_a_misspelt_group_policy_is_a_start_up_error(tmp_path, platform):
    from civility._runner import build_engine

    text, key = GROUP_POLICY_TYPOS[platform]
    path = write(tmp_path, text)
    config = load_config(path, env={"TG": "secret"})
    with pytest.raises(ConfigError) as caught:
        build_engine(config)
    message = str(caught.value)
    assert str(path) in message and f"[{key}]" in message and "'iqr'" in message
    assert "did you mean iqra?" in message


async def test_adapter_chat_policies_are_checked_too(tmp_path):
    from civility._runner import build_engine, run
    from civility.adapters.console import ConsoleAdapter

    class Odd(ConsoleAdapter):
        def chat_policies(self):  # type: ignore[no-untyped-def]
            return {"console:group": ["nosuch"]}

    engine = build_engine(load_config(None))
    with pytest.raises(ConfigError, match="nosuch"):
        await run(engine, [Odd(lines=[])])


def test_settings_for_a_plugin_that_is_not_installed(tmp_path):
    from civility._runner import build_engine

    path = write(tmp_path, "[policy.settings.iqar]\nstaff_names = []\n")
    with pytest.raises(ConfigError) as caught:
        build_engine(load_config(path))
    assert "[policy.settings.iqar]" in str(caught.value) and "did you mean iqra?" in str(caught.value)


def test_every_error_in_the_file_is_reported_at_once(tmp_path):
    path = write(tmp_path, "[school]\ncontact_emial = 'x'\n[policy]\nmode = 'shout'\n"
                           "[store]\nretention_days = 0\n[policy.ladder]\ncaution_at = 'a'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: 4 problems")
    for key in ("school.contact_emial", "policy.mode", "store.retention_days",
                "policy.ladder.caution_at"):
        assert f"[{key}]" in message
    assert "did you mean contact_email?" in message
    assert len(caught.value.errors) == 4


def test_a_misspelt_choice_suggests_the_nearest(tmp_path):
    with pytest.raises(ConfigError, match="did you mean advise"):
        load_config(write(tmp_path, "[policy]\nmode = 'advice'\n"))


def test_errors_in_several_platform_tables_are_reported_together(tmp_path):
    from civility._runner import build_adapters

    path = write(tmp_path, '[telegram]\ntoken = "env:NOPE"\ngroups = [-1]\n'
                           '[matrix]\nhomeserver = "ftp://x"\n')
    with pytest.raises(ConfigError) as caught:
        build_adapters(load_config(path, env={}))
    message = str(caught.value)
    assert "[telegram." in message and "[matrix.homeserver]" in message
