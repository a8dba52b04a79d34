"""Telegram: moderates parent groups through a bot (python-telegram-bot 22.x).

This module registers the platform (entry point ``telegram`` of the group ``civility``) and
imports no SDK, so a missing ``telegram`` extra is a clear error when ``[telegram]`` is
configured (``pip install 'civility[telegram]'``), not a failure to start at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from civility.adapter import PlatformSpec, Table
from civility.config import Config
from civility.hookspecs import hookimpl

if TYPE_CHECKING:
    from civility.adapter import ReaderSpec
    from civility.adapters.telegram.adapter import TelegramAdapter
    from civility.adapters.telegram.config import TelegramConfig

__all__ = ["build_adapter", "civility_platforms", "civility_readers"]


def _read(table: Table) -> TelegramConfig:
    from civility.adapters.telegram.config import read_config

    return read_config(table)


def _build(settings: TelegramConfig, config: Config) -> TelegramAdapter:
    from civility.adapters.telegram.adapter import TelegramAdapter

    return TelegramAdapter(settings)


def build_adapter(table: Table, config: Config) -> TelegramAdapter:
    """The adapter for the ``[telegram]`` table (validated now, connected on start)."""
    return _build(_read(table), config)


@hookimpl
def civility_platforms() -> Sequence[PlatformSpec]:
    return [PlatformSpec("telegram", _read, _build, description="Telegram groups, through a bot",
                         install="civility[telegram]", requires=("telegram",))]


@hookimpl
def civility_readers() -> Sequence[ReaderSpec]:
    from civility.adapters.telegram.export import READER

    return [READER]
