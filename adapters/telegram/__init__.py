"""Telegram: moderates parent groups through a bot (python-telegram-bot 22.x).

``import civility.adapters.telegram`` fails with ImportError only when the ``telegram`` extra is
missing (``pip install 'civility[telegram]'``); `civility run` turns that into a clear message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import telegram  # noqa: F401  (fail here, at import, when the extra is missing)

from civility._tables import Table
from civility.adapters.telegram.config import TelegramConfig, read_config
from civility.config import Config

if TYPE_CHECKING:
    from civility.adapters.telegram.adapter import TelegramAdapter

__all__ = ["TelegramConfig", "build_adapter", "read_config"]


def build_adapter(table: Table, config: Config) -> TelegramAdapter:
    """The adapter for the ``[telegram]`` table (validated now, connected on start)."""
    from civility.adapters.telegram.adapter import TelegramAdapter

    return TelegramAdapter(read_config(table))
