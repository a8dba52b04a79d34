"""End to end on the loopback Bot API: the safety guards and images judged live, as a group and
its moderators see them (the real PTB client, the real engine)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from drawn import email_screenshot
from fake_bot_api import TOKEN, FakeBotApi
from telegram_world import AISHA, CHRIS, GROUP, MODS, add_school

from civility.config import Config, School
from civility.detectors import ocr

pytestmark = pytest.mark.integration

SCHOOL = School(name="Test Primary", contact_email="office@test.example")


class FilesBotApi(FakeBotApi):
    """The loopback Bot API with getFile and file downloads, as Telegram serves them."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, bytes] = {}

    async def start(self) -> str:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._endpoint)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self.url

    def api_getFile(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = str(p["file_id"])
        if file_id not in self.files:
            from telegram_methods import ApiError

            raise ApiError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"u-{file_id}",
                "file_size": len(self.files[file_id]), "file_path": f"photos/{file_id}.png"}

    async def _file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return web.Response(status=401)
        file_id = request.match_info["path"].removeprefix("photos/").removesuffix(".png")
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id], content_type="image/png")


@pytest.fixture
async def fake() -> AsyncIterator[FilesBotApi]:
    api = FilesBotApi()
    add_school(api)
    await api.start()
    yield api
    await api.close()


async def test_a_scam_is_deleted_and_the_group_told_neutrally(fake: FilesBotApi, run_bot):
    await run_bot(config=Config(school=SCHOOL, plugins=("iqra",)))
    scam = await fake.post(GROUP, CHRIS, "Your WhatsApp will be deactivated tonight, confirm "
                           "your number at wa-support-check.net")
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=scam["message_id"])
    [note] = await fake.wait_call("sendMessage", chat_id=GROUP)
    assert "scam was removed" in note.params["text"] and "Chris" not in note.params["text"]
    [card] = await fake.wait_call("sendMessage", chat_id=MODS)
    assert "No scams: nobody asks the group" in card.params["text"]


async def test_a_flood_gets_one_nudge(fake: FilesBotApi, run_bot):
    await run_bot(config=Config(school=SCHOOL, plugins=("iqra",)))
    for i in range(8):
        await fake.post(GROUP, AISHA, f"just one more thing about the fair, number {i}")
    await fake.wait_call("sendMessage", chat_id=AISHA)
    await fake.wait_for(lambda: fake.confirmed_up_to() == fake._next_update, "all handled")
    nudges = fake.called("sendMessage", chat_id=AISHA)
    assert len(nudges) == 1 and "a lot of messages" in nudges[0].params["text"]
    assert not fake.called("deleteMessage")


@pytest.mark.skipif(not ocr.available(), reason="Tesseract is not installed")
async def test_a_screenshot_of_an_email_is_deleted_as_a_private_email(fake: FilesBotApi,
                                                                      run_bot):
    await run_bot(config=Config(school=SCHOOL, plugins=("iqra",)))
    fake.files["shot1"] = email_screenshot()
    photo = await fake.post(GROUP, AISHA, None, photo=[
        {"file_id": "thumb1", "file_unique_id": "t1", "width": 90, "height": 26,
         "file_size": 10_000_000},  # over the size limit: never fetched
        {"file_id": "shot1", "file_unique_id": "s1", "width": 900, "height": 260,
         "file_size": len(fake.files["shot1"])}])
    await fake.wait_call("deleteMessage", chat_id=GROUP, message_id=photo["message_id"])
    [notice] = await fake.wait_call("sendMessage", chat_id=AISHA)
    assert "e-mail" in notice.params["text"].lower()
    assert fake.called("getFile", file_id="shot1") and not fake.called("getFile", file_id="thumb1")


async def test_a_member_joining_gets_the_welcome(fake: FilesBotApi, run_bot):
    await run_bot(config=Config(school=SCHOOL, plugins=("iqra",)))
    newcomer = 200
    fake.add_user(newcomer, "New Parent", started=True)
    await fake.member_changes(GROUP, newcomer, "member")
    [welcome] = await fake.wait_call("sendMessage", chat_id=newcomer)
    assert "code of conduct" in welcome.params["text"]
    assert "office@test.example" in welcome.params["text"]
