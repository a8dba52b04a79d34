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
