"""Downloading a message's image so that the OCR detector can read it: image messages and image
documents within the size limit, through neonize (whatsmeow's media download) or from a GOWA
gateway (the file it saved, or one it is asked to save)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import attrs
import structlog

from civility.adapters._images import MAX_IMAGE_BYTES, image_to_read, with_data
from civility.adapters.whatsapp.convert import Incoming, _has, _unwrap
from civility.events import Message

log = structlog.get_logger()


def _media(content: Any) -> Any:
    if _has(content, "imageMessage"):
        return content.imageMessage
    if _has(content, "documentMessage") and \
            content.documentMessage.mimetype.lower().startswith("image/"):
        return content.documentMessage
    return None


def _image_of(incoming: Incoming) -> tuple[Message, int] | None:
    """The message and the position of its image worth fetching for OCR, if any."""
    message = incoming.event
    if not isinstance(message, Message):
        return None
    index = image_to_read(message, "whatsapp")
    return None if index is None else (message, index)


async def with_image(client: Any, raw: Any, incoming: Incoming, *,
                     max_bytes: int = MAX_IMAGE_BYTES) -> Incoming:
    """``incoming`` with its image's bytes, when it has one within the limit and OCR can read
    it; otherwise ``incoming`` as it was (a failed download is logged, never raised)."""
    found = _image_of(incoming)
    if found is None:
        return incoming
    message, index = found
    try:
        content, _, _ = _unwrap(raw.Message)
        media = _media(content)
        if media is None or media.fileLength > max_bytes:
            return incoming
        data = await client.download_any(content)
    except Exception as exc:  # the message is still judged on its caption
        log.warning("whatsapp_image_download_failed", error=type(exc).__name__)
        return incoming
    if not isinstance(data, bytes | bytearray) or not data or len(data) > max_bytes:
        return incoming
    return attrs.evolve(incoming, event=with_data(message, index, bytes(data)))


#: ``download(message id, chat id, saved path or "", max bytes)``: the file's bytes, or None
#: when it is over the limit or cannot be had (a gateway back-end's `download`).
Download = Callable[[str, str, str, int], Awaitable[bytes | None]]


async def with_gateway_image(download: Download, incoming: Incoming, *,
                             max_bytes: int = MAX_IMAGE_BYTES) -> Incoming:
    """``incoming`` with its image's bytes from the gateway, when it has one within the limit
    and OCR can read it; otherwise ``incoming`` as it was (a failure is logged, never raised)."""
    found = _image_of(incoming)
    if found is None:
        return incoming
    message, index = found
    path = incoming.media[index] if index < len(incoming.media) else ""
    try:
        data = await download(message.ref.id, message.chat.id, path, max_bytes)
    except Exception as exc:  # the message is still judged on its caption
        log.warning("whatsapp_image_download_failed", error=type(exc).__name__)
        return incoming
    if not data or len(data) > max_bytes:
        return incoming
    return attrs.evolve(incoming, event=with_data(message, index, data))
