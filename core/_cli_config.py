"""The ``--config`` option and config loading that every command shares."""

from __future__ import annotations

from pathlib import Path

import click

from civility._tables import ConfigError
from civility.config import Config, load_config

CONFIG = click.option("--config", "-c", "config_path", type=click.Path(path_type=Path),
                      envvar="CIVILITY_CONFIG",
                      help="The TOML config file (default: embedded defaults; env CIVILITY_CONFIG).")


def load(path: Path | None) -> Config:
    """The config, or a clean command-line error naming the file and key."""
    try:
        return load_config(path)
    except ConfigError as exc:
        raise click.ClickException(f"configuration error: {exc}") from exc
