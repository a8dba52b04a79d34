"""Reading text from an image (a screenshot of an e-mail), when the ``ocr`` extra is installed.

Needs ``pytesseract`` and ``pillow`` (``pip install civility[ocr]``) and the Tesseract program
(Debian: ``apt install tesseract-ocr``). Without them `read_image_text` returns None and the
caller carries on with the text it has.
"""

from __future__ import annotations

import functools
import io

import structlog

__all__ = ["available", "read_image_text"]

log = structlog.get_logger()


@functools.cache
def available() -> bool:
    """True when OCR can run here (the Python packages and the tesseract binary)."""
    try:
        import pytesseract
        from PIL import Image  # noqa: F401
    except ImportError:
        return False
    try:
        pytesseract.get_tesseract_version()
    except Exception:  # pytesseract raises its own error types when the binary is missing
        return False
    return True


def read_image_text(data: bytes, *, max_bytes: int = 8_000_000) -> str | None:
    """The text in an image, or None when OCR is unavailable or the image cannot be read."""
    if not data or len(data) > max_bytes or not available():
        return None
    import pytesseract
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return str(pytesseract.image_to_string(image, timeout=10))
    except Exception as exc:  # a corrupt or odd image must not break moderation
        log.warning("ocr_failed", error=repr(exc))
        return None
