"""WhatsApp: live moderation through neonize (in process) or a GOWA HTTP gateway, and chat-export
reading for `civility scan`.

This module registers the platform and the export reader (entry point ``whatsapp`` of the group
``civility``). The SDKs are imported only when an adapter is built, so the export reader works
with the core install alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from civility.adapter import PlatformSpec, ReaderOption, ReaderSpec, Table
from civility.adapters.whatsapp.config import WhatsAppSettings, read_config
from civility.config import Config
from civility.hookspecs import hookimpl

if TYPE_CHECKING:
    from pathlib import Path

    from civility.adapters.whatsapp.adapter import WhatsAppAdapter
    from civility.events import Message
    from civility.scan import Skipped

__all__ = ["build_adapter", "civility_platforms", "civility_readers"]


def _build(settings: WhatsAppSettings, config: Config) -> WhatsAppAdapter:
    """The adapter for validated settings, with the configured back-end."""
    from civility.adapters.whatsapp.adapter import WhatsAppAdapter

    if settings.backend == "neonize":
        from civility.adapters.whatsapp.neonize_backend import NeonizeBackend

        return WhatsAppAdapter(settings, NeonizeBackend(settings))
    from civility.adapters.whatsapp.gateway import GatewayBackend

    return WhatsAppAdapter(settings, GatewayBackend(settings))


def build_adapter(table: Table, config: Config) -> WhatsAppAdapter:
    """The adapter for the ``[whatsapp]`` table, with the configured back-end."""
    return _build(read_config(table), config)


@hookimpl
def civility_platforms() -> Sequence[PlatformSpec]:
    # The SDK depends on the back-end chosen in the table, so `_build` imports it (an
    # ImportError there is turned into the same "install civility[whatsapp]" error).
    return [PlatformSpec("whatsapp", read_config, _build,
                         description="WhatsApp groups, through neonize or a GOWA gateway",
                         install="civility[whatsapp]")]


def _read_export(path: Path, skipped: list[Skipped], **options: Any) -> Iterator[Message]:
    from civility.adapters.whatsapp.export import read_messages

    return read_messages(path, skipped, **options)


READER = ReaderSpec(
    "whatsapp", "WhatsApp chat export (.txt, or .zip with media)", _read_export,
    suffixes=(".txt", ".zip"),
    options=(
        ReaderOption(("--dayfirst/--monthfirst",), "dayfirst",
                     "read ambiguous dates like 01/02/2024 as day first (1 February) or month "
                     "first (2 January); default: inferred from the file."),
        ReaderOption(("--locale",), "locale",
                     "the phone's locale (e.g. en_US, de_DE), a hint for ambiguous dates when "
                     "the file itself does not tell.", default=""),
    ))


@hookimpl
def civility_readers() -> Sequence[ReaderSpec]:
    return [READER]
