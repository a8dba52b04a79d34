"""Downloading a message's image from Telegram (getFile, then the file URL) so that the OCR
detector can read it: photos (the largest size within the limit) and image documents."""

from __future__ import annotations

from typing import Any

import structlog
from telegram import Message as TgMessage

from civility.adapters._images import MAX_IMAGE_BYTES, image_to_read, with_data
from civility.events import Message

log = structlog.get_logger()


def _file_of(msg: TgMessage, max_bytes: int) -> tuple[str, int] | None:
    """(file id, size or 0) of the image worth fetching, or None."""
    if msg.photo:
        sizes = [p for p in msg.photo if (p.file_size or 0) <= max_bytes]
        if not sizes:
            return None
        best = max(sizes, key=lambda p: (p.width * p.height, p.file_size or 0))
        return best.file_id, best.file_size or 0
    doc = msg.document
    if doc is not None and (doc.mime_type or "").lower().startswith("image/"):
        if (doc.file_size or 0) > max_bytes:
            return None
        return doc.file_id, doc.file_size or 0
    return None


async def with_image(bot: Any, msg: TgMessage, message: Message, *,
                     max_bytes: int = MAX_IMAGE_BYTES) -> Message:
    """``message`` with its image's bytes, when it has one within the limit and OCR can read
    it; otherwise ``message`` as it was (a failed download is logged, never raised)."""
    index = image_to_read(message, "telegram")
    if index is None:
        return message
    found = _file_of(msg, max_bytes)
    if found is None:
        return message
    try:
        file = await bot.get_file(found[0])
        if (file.file_size or 0) > max_bytes:
            return message
        data = bytes(await file.download_as_bytearray())
    except Exception as exc:  # the message is still judged on its caption
        log.warning("telegram_image_download_failed", error=type(exc).__name__)
        return message
    if len(data) > max_bytes:
        return message
    return with_data(message, index, data)
