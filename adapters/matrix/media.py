"""Downloading a message's image from the homeserver (matrix-nio's media download) so that the
OCR detector can read it: ``m.image`` events and ``m.file`` events with an image type.
Encrypted media (``file`` instead of ``url``) is not read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import structlog

from civility.adapters._images import MAX_IMAGE_BYTES, image_to_read, with_data
from civility.events import Message

log = structlog.get_logger()


async def with_image(client: Any, source: Mapping[str, Any], message: Message, *,
                     max_bytes: int = MAX_IMAGE_BYTES) -> Message:
    """``message`` with its image's bytes, when it has one within the limit and OCR can read
    it; otherwise ``message`` as it was (a failed download is logged, never raised)."""
    index = image_to_read(message, "matrix")
    if index is None:
        return message
    content = source.get("content")
    content = content if isinstance(content, Mapping) else {}
    new = content.get("m.new_content")
    if isinstance(new, Mapping):
        content = new
    url = content.get("url")
    info = content.get("info")
    size = info.get("size") if isinstance(info, Mapping) else None
    if not isinstance(url, str) or not url.startswith("mxc://") or (
            isinstance(size, int) and size > max_bytes):
        return message
    try:
        reply = await client.download(mxc=url)
    except Exception as exc:  # the message is still judged on its caption
        log.warning("matrix_image_download_failed", error=type(exc).__name__)
        return message
    body = getattr(reply, "body", None)
    if not isinstance(body, bytes | bytearray) or not body or len(body) > max_bytes:
        log.warning("matrix_image_download_failed", error=type(reply).__name__)
        return message
    return with_data(message, index, bytes(body))
