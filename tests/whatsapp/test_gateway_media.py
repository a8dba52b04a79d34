"""Images judged live through the GOWA gateway back-end: the webhook says where GOWA saved a
message's file (``statics/media/...``), or GOWA is asked to save it (``GET
/message/{id}/download``) when it downloads no media by itself; the adapter fetches image
messages and image documents within the size limit over real HTTP from the fake GOWA (which
checks every REST request against GOWA's OpenAPI spec), so OCR reads them.

End to end, a screenshot of a teacher's e-mail that Pillow draws is revoked as
``iqra.private-email`` (skipped when Tesseract is missing; CI installs it).
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import structlog
from structlog.testing import capture_logs

sys.path.insert(0, str(Path(__file__).parent))

from drawn import email_screenshot
from test_gateway import Rig, running_rig, text, webhook

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.adapters import _images
from civility.adapters.whatsapp.convert import from_gowa
from civility.adapters.whatsapp.gateway import _served
from civility.config import Config, School
from civility.detectors import ocr
from civility.engine import Engine
from civility.events import AttachmentKind, Message
from civility.store.memory import MemoryStore

pytestmark = pytest.mark.integration

SHOT = email_screenshot()
LIMIT = _images.MAX_IMAGE_BYTES


@pytest.fixture
def readable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fetching is only worth it when OCR can read the image: say it can (the fetching is
    what these tests check; the reading has its own end-to-end test below)."""
    monkeypatch.setattr(_images, "announce_ocr", lambda platform: True)


@pytest.fixture
async def rig(tmp_path: Path, engine: Any, wa: Any, readable: None) -> AsyncIterator[Rig]:
    async with running_rig(tmp_path, engine, wa) as rig:
        yield rig


def fetched(rig: Rig) -> list[str]:
    return [path for method, path, _ in rig.fake.requests if path.startswith("/statics/")]


async def delivered(rig: Rig, data: dict[str, Any]) -> Message:
    assert await rig.post(data) == 200
    event, _ = await rig.sink.next()
    assert isinstance(event, Message)
    return event


# -- what the webhook says -------------------------------------------------------------------

def test_the_webhook_gives_where_the_gateway_saved_each_file_and_its_type():
    [plain] = from_gowa(webhook("message", id="M1", chat_id="1@g.us", **{"from": "2@s"},
                                image="statics/media/1752404751-ad9e.jpeg"))
    assert plain.media == ("statics/media/1752404751-ad9e.jpeg",)
    assert plain.event.attachments[0].mime_type == "image/jpeg"  # type: ignore[attr-defined]
    [doc] = from_gowa(webhook("message", id="M2", chat_id="1@g.us", **{"from": "2@s"},
                              body="see", document={"path": "statics/media/9-shot.png",
                                                    "caption": "see"}))
    attachment = doc.event.attachments[0]  # type: ignore[attr-defined]
    assert (attachment.kind, attachment.mime_type, attachment.caption) == (
        AttachmentKind.DOCUMENT, "image/png", "see")
    [remote] = from_gowa(webhook("message", id="M3", chat_id="1@g.us", **{"from": "2@s"},
                                 document={"url": "https://mmg.whatsapp.net/x",
                                           "filename": "report.pdf"}))
    assert remote.media == ("",)  # not saved: only WhatsApp's (encrypted) URL
    assert remote.event.attachments[0].mime_type == "application/pdf"  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd", "statics/../config.yml",
                                  "http://169.254.169.254/latest", "https://mmg.whatsapp.net/x",
                                  "media/1.jpeg", "statics\\..\\x", ""])
def test_only_files_under_the_gateways_statics_are_fetched(path: str):
    assert _served(path) is None


def test_a_saved_files_path_is_served_from_the_gateways_root():
    assert _served("statics/media/17-a b.jpeg") == "/statics/media/17-a%20b.jpeg"


# -- fetching ------------------------------------------------------------------------------

async def test_an_image_the_gateway_saved_is_fetched(rig: Rig, wa: Any) -> None:
    rig.fake.statics["statics/media/1-a.jpeg"] = SHOT
    event = await delivered(rig, text("P1", "", wa.group, image="statics/media/1-a.jpeg"))
    assert event.attachments[0].data == SHOT
    assert fetched(rig) == ["/statics/media/1-a.jpeg"]


async def test_a_captioned_image_and_an_image_document_are_fetched(rig: Rig, wa: Any) -> None:
    rig.fake.statics["statics/media/2-b.jpeg"] = SHOT
    rig.fake.statics["statics/media/3-shot.png"] = SHOT
    captioned = await delivered(rig, text("P2", "look", wa.group,
                                          image={"path": "statics/media/2-b.jpeg",
                                                 "caption": "look"}))
    assert captioned.attachments[0].data == SHOT and captioned.attachments[0].caption == "look"
    doc = await delivered(rig, text("P3", "", wa.group,
                                    document={"path": "statics/media/3-shot.png"}))
    assert doc.attachments[0].kind is AttachmentKind.IMAGE and doc.attachments[0].data == SHOT


async def test_videos_stickers_and_other_documents_are_not_fetched(rig: Rig, wa: Any) -> None:
    for i, field in enumerate(("video", "sticker", "document", "audio")):
        extension = {"video": "mp4", "sticker": "webp", "document": "pdf", "audio": "ogg"}[field]
        path = f"statics/media/{i}.{extension}"
        rig.fake.statics[path] = b"bytes"
        event = await delivered(rig, text(f"N{i}", "", wa.group, **{field: path}))
        assert event.attachments[0].data is None
    assert fetched(rig) == []


async def test_when_the_gateway_saved_nothing_it_is_asked_to(rig: Rig, wa: Any) -> None:
    rig.fake.unsaved["P4"] = ("png", SHOT)
    event = await delivered(rig, text("P4", "", wa.group,
                                      image={"url": "https://mmg.whatsapp.net/v/t62/enc"}))
    assert event.attachments[0].data == SHOT
    assert ("GET", "/message/P4/download", {"phone": wa.group}) in rig.fake.requests
    assert fetched(rig) == ["/statics/media/P4.png"]


async def test_an_image_over_the_limit_is_judged_by_its_caption_only(rig: Rig, wa: Any) -> None:
    big = b"\x89PNG" + b"0" * LIMIT  # one file the server streams without naming its size
    rig.fake.statics["statics/media/5-big.png"] = big
    event = await delivered(rig, text("P5", "darn", wa.group, image={
        "path": "statics/media/5-big.png", "caption": "darn"}))
    assert event.attachments[0].data is None
    # Still judged: the caption breaches.
    assert ("POST", "/message/P5/revoke", {"phone": wa.group}) in rig.fake.requests
    rig.fake.unsaved["P6"] = ("png", big)  # asked to save it: its size says no, so no fetch
    event = await delivered(rig, text("P6", "", wa.group, image={"url": "https://mmg/x"}))
    assert event.attachments[0].data is None and "/statics/media/P6.png" not in fetched(rig)


async def test_a_file_elsewhere_or_gone_is_not_fetched_and_the_message_still_judged(
        rig: Rig, wa: Any) -> None:
    for i, path in enumerate(("../../etc/passwd", "http://169.254.169.254/latest")):
        event = await delivered(rig, text(f"X{i}", "", wa.group, image=path))
        assert event.attachments[0].data is None
    assert fetched(rig) == []
    event = await delivered(rig, text("X3", "darn", wa.group, image={
        "path": "statics/media/gone.jpeg", "caption": "darn"}))  # GOWA answers 404
    assert event.attachments[0].data is None
    assert ("POST", "/message/X3/revoke", {"phone": wa.group}) in rig.fake.requests


async def test_images_outside_the_moderated_groups_are_not_fetched(rig: Rig, wa: Any) -> None:
    rig.fake.statics["statics/media/7.jpeg"] = SHOT
    for i, chat in enumerate((wa.mods, "447700900111@s.whatsapp.net")):
        assert await rig.post(text(f"O{i}", "", chat, image="statics/media/7.jpeg")) == 200
    assert fetched(rig) == []


# -- end to end ----------------------------------------------------------------------------

@pytest.fixture
async def iqra_engine() -> AsyncIterator[Engine]:
    config = Config(school=School(name="Test School", contact_email="office@example.org"),
                    plugins=("iqra",))
    engine = Engine(config, Hooks(make_manager(builtins=True, entry_points=False)),
                    MemoryStore())
    await engine.start(adapters=False)
    yield engine
    await engine.stop()


@pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")
async def test_a_screenshot_of_an_email_is_deleted_as_a_private_email(
        tmp_path: Path, iqra_engine: Engine, wa: Any) -> None:
    async with running_rig(tmp_path, iqra_engine, wa) as rig:
        rig.fake.statics["statics/media/1752404751-shot.jpeg"] = SHOT
        assert await rig.post(text("E1", "", wa.group,
                                   image="statics/media/1752404751-shot.jpeg")) == 200
        event, outcome = await rig.sink.next()
        assert isinstance(event, Message)
        assert "iqra.private-email" in outcome.decision.rule_ids
        assert ("POST", "/message/E1/revoke", {"phone": wa.group}) in rig.fake.requests
        sent = [body for _, path, body in rig.fake.requests if path == "/send/message"]
        [card] = [b["message"] for b in sent if b["phone"] == wa.mods]
        assert "Private e-mails between a parent and a teacher" in card  # read from the image
        assert "message deleted" in card
        assert all("Parent A" not in b["message"] for b in sent if b["phone"] == wa.group)


async def test_without_ocr_the_gateway_says_so_at_start_and_fetches_nothing(
        tmp_path: Path, engine: Any, wa: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    monkeypatch.setattr(_images, "_announced", type(_images._announced)())
    with capture_logs() as logs:
        # A fresh logger: the module's may be bound already by an earlier test's logging set-up.
        monkeypatch.setattr(_images, "log", structlog.get_logger())
        async with running_rig(tmp_path, engine, wa) as rig:
            rig.fake.statics["statics/media/8.jpeg"] = SHOT
            event = await delivered(rig, text("W1", "", wa.group, image="statics/media/8.jpeg"))
            assert event.attachments[0].data is None and fetched(rig) == []
    said = [e for e in logs if e["event"] == "ocr_unavailable"]
    assert len(said) == 1 and said[0]["platform"] == "whatsapp"
