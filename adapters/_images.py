"""What every adapter's image download shares: which attachments to fetch, the size limit,
putting the bytes on the message, and saying once when no OCR can read them.

The bytes live only on the `Message` handed to the engine (`Attachment.data`), for the
detectors to read; they are never stored or logged.
"""

from __future__ import annotations

import threading

import attrs
import structlog

from civility.detectors import ocr
from civility.events import Attachment, AttachmentKind, Message

log = structlog.get_logger()

#: Largest image fetched for reading (bytes); bigger ones are judged by their caption alone.
MAX_IMAGE_BYTES = 5_000_000
_announced = threading.Event()


def wanted(attachment: Attachment) -> bool:
    """An image, or a document that is an image (a screenshot sent as a file)."""
    return attachment.kind is AttachmentKind.IMAGE or (
        attachment.kind is AttachmentKind.DOCUMENT
        and attachment.mime_type.lower().startswith("image/"))


def image_to_read(message: Message, platform: str) -> int | None:
    """The position of the attachment worth fetching for OCR (the first image, or image
    document), or None when there is none or no OCR could read it (said once at start-up)."""
    index = next((i for i, a in enumerate(message.attachments) if wanted(a)), None)
    if index is None or not announce_ocr(platform):
        return None
    return index


def with_data(message: Message, index: int, data: bytes) -> Message:
    """The message with attachment ``index`` carrying ``data`` (an image document becomes an
    image, so that the detectors read it like one)."""
    old = message.attachments[index]
    new = attrs.evolve(old, kind=AttachmentKind.IMAGE, data=data)
    attachments = (*message.attachments[:index], new, *message.attachments[index + 1:])
    return attrs.evolve(message, attachments=attachments)


def announce_ocr(platform: str) -> bool:
    """Say once per process, at start-up, whether images can be read; True when they can."""
    if ocr.available():
        return True
    if not _announced.is_set():
        _announced.set()
        log.warning("ocr_unavailable", platform=platform,
                    hint="images are judged by their captions only; install the ocr extra "
                         "(pip install 'civility[ocr]') and Tesseract (apt install tesseract-ocr)")
    return False
