"""Images judged live: what the adapters' downloads hand the detectors, and OCR's absence."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import structlog

import civility.plugins.iqra as iqra
from civility.adapters import _images
from civility.detectors import ocr
from civility.events import Attachment, AttachmentKind
from civility.testing import judge, make_message

sys.path.insert(0, str(Path(__file__).parent / "support"))
from drawn import email_screenshot


def test_images_and_image_documents_are_wanted_other_files_not():
    assert _images.wanted(Attachment(AttachmentKind.IMAGE))
    assert _images.wanted(Attachment(AttachmentKind.DOCUMENT, mime_type="image/jpeg"))
    assert not _images.wanted(Attachment(AttachmentKind.DOCUMENT, mime_type="application/pdf"))
    assert not _images.wanted(Attachment(AttachmentKind.VIDEO, mime_type="video/mp4"))


def test_an_image_document_is_read_as_an_image():
    message = make_message("", attachments=[
        Attachment(AttachmentKind.AUDIO),
        Attachment(AttachmentKind.DOCUMENT, "see this", "shot.png", "image/png")])
    out = _images.with_data(message, 1, b"PNG")
    assert out.attachments[1].kind is AttachmentKind.IMAGE
    assert out.attachments[1].data == b"PNG" and out.attachments[1].caption == "see this"
    assert out.attachments[0] == message.attachments[0]
    assert message.attachments[1].data is None  # the original is untouched


@pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")
def test_a_screenshot_of_a_teachers_email_is_a_private_email():
    shot = Attachment(AttachmentKind.IMAGE, data=email_screenshot())
    found = {v.rule_id for v in judge(iqra, make_message("", attachments=[shot]))}
    assert "iqra.private-email" in found
    clean = Attachment(AttachmentKind.IMAGE, data=_blank())
    assert judge(iqra, make_message("", attachments=[clean])) == []


def _blank() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(out, "PNG")
    return out.getvalue()


def test_without_ocr_the_bot_says_so_once_and_carries_on(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    monkeypatch.setattr(_images, "_announced", type(_images._announced)())
    with structlog.testing.capture_logs() as logs:
        # A fresh logger: the module's may be bound already by an earlier test's logging set-up.
        monkeypatch.setattr(_images, "log", structlog.get_logger())
        assert _images.announce_ocr("telegram") is False
        assert _images.announce_ocr("matrix") is False
    assert [e["event"] for e in logs] == ["ocr_unavailable"]
    assert "tesseract" in logs[0]["hint"].lower()
