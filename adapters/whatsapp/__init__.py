"""WhatsApp: live moderation through neonize (in process) or a GOWA HTTP gateway, and chat-export
reading for `civility scan`.

The SDKs are imported only when an adapter is built, so ``civility.adapters.whatsapp.export``
works with the core install alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civility._tables import Table
from civility.config import Config

if TYPE_CHECKING:
    from civility.adapters.whatsapp.adapter import WhatsAppAdapter

__all__ = ["build_adapter"]


def build_adapter(table: Table, config: Config) -> WhatsAppAdapter:
    """The adapter for the ``[whatsapp]`` table, with the configured back-end."""
    from civility.adapters.whatsapp.adapter import WhatsAppAdapter
    from civility.adapters.whatsapp.config import read_config

    settings = read_config(table)
    if settings.backend == "neonize":
        from civility.adapters.whatsapp.neonize_backend import NeonizeBackend

        return WhatsAppAdapter(settings, NeonizeBackend(settings))
    from civility.adapters.whatsapp.gateway import GatewayBackend

    return WhatsAppAdapter(settings, GatewayBackend(settings))
