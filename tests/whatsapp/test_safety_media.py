"""WhatsApp images judged live: the neonize back-end fetches an image message's bytes (here
from a stand-in for whatsmeow's download, which needs WhatsApp's servers) for OCR."""

from __future__ import annotations

from typing import Any

import pytest

neonize = pytest.importorskip("neonize")
from neonize.proto.waE2E import WAWebProtobufsE2E_pb2 as E  # noqa: E402

from civility.adapters.whatsapp import media  # noqa: E402
from civility.adapters.whatsapp.convert import Incoming  # noqa: E402
from civility.detectors import ocr  # noqa: E402
from civility.events import Attachment, AttachmentKind  # noqa: E402
from civility.testing import make_message  # noqa: E402

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")]


class Downloads:
    """Stands in for ``NewAClient.download_any``: answers with bytes, records what it got."""

    def __init__(self, data: bytes | Exception) -> None:
        self.data, self.asked = data, []

    async def download_any(self, message: Any) -> bytes:
        self.asked.append(message)
        if isinstance(self.data, Exception):
            raise self.data
        return self.data


class Raw:
    def __init__(self, message: Any) -> None:
        self.Message = message


def incoming(kind: AttachmentKind, mime: str) -> Incoming:
    return Incoming(make_message("", attachments=[Attachment(kind, mime_type=mime)]))


async def test_an_image_message_gets_its_bytes():
    raw = Raw(E.Message(imageMessage=E.ImageMessage(mimetype="image/jpeg", fileLength=2000)))
    client = Downloads(b"JPEGDATA")
    out = await media.with_image(client, raw, incoming(AttachmentKind.IMAGE, "image/jpeg"))
    assert out.event.attachments[0].data == b"JPEGDATA"
    assert client.asked[0].HasField("imageMessage")


async def test_an_image_document_is_read_as_an_image_other_documents_are_not():
    doc = Raw(E.Message(documentMessage=E.DocumentMessage(mimetype="image/png", fileLength=10)))
    out = await media.with_image(Downloads(b"PNG"), doc,
                                 incoming(AttachmentKind.DOCUMENT, "image/png"))
    assert out.event.attachments[0].kind is AttachmentKind.IMAGE
    pdf = Raw(E.Message(documentMessage=E.DocumentMessage(mimetype="application/pdf")))
    client = Downloads(b"PDF")
    same = incoming(AttachmentKind.DOCUMENT, "application/pdf")
    assert await media.with_image(client, pdf, same) is same and client.asked == []


async def test_too_big_or_failing_downloads_leave_the_message_as_it_was():
    big = Raw(E.Message(imageMessage=E.ImageMessage(mimetype="image/jpeg",
                                                    fileLength=50_000_000)))
    client = Downloads(b"x")
    before = incoming(AttachmentKind.IMAGE, "image/jpeg")
    assert await media.with_image(client, big, before) is before and client.asked == []
    small = Raw(E.Message(imageMessage=E.ImageMessage(mimetype="image/jpeg", fileLength=9)))
    assert await media.with_image(Downloads(OSError("gone")), small, before) is before
