"""GOWA gateway back-end, end to end over loopback HTTP.

The adapter's webhook receiver runs as a real aiohttp server; signed (and unsigned) webhook
bodies are posted to it. A fake GOWA REST server validates every request the adapter sends
against GOWA's OpenAPI spec (openapi-core, plus no properties the spec does not name) and answers
like GOWA.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import json
import re
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import attrs
import pytest
import yaml
from aiohttp import web
from civility_process import hold_database
from openapi_core import OpenAPI
from openapi_core.contrib.aiohttp import AIOHTTPOpenAPIWebRequest

from civility.adapters.whatsapp.adapter import WhatsAppAdapter
from civility.adapters.whatsapp.config import GroupSettings
from civility.adapters.whatsapp.gateway import GatewayBackend, signature
from civility.engine import Engine
from civility.events import Flag, MemberJoined, Message, Removal
from civility.store.sql import SqlStore
from civility.verdicts import Outcome

pytestmark = pytest.mark.integration

SPEC = Path(__file__).parent / "fixtures" / "gowa_openapi.yaml"
PARENT = "447700900111@s.whatsapp.net"
ADMIN = "447700900333@s.whatsapp.net"


def _strict(schema: dict[str, Any], body: Any, spec: dict[str, Any], where: str) -> list[str]:
    """Properties the spec does not name (GOWA would silently ignore them: a contract bug)."""
    if "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    if not isinstance(body, dict) or "properties" not in schema:
        return []
    return [f"{where}.{k}: not in the spec" for k in body if k not in schema["properties"]]


class FakeGowa:
    def __init__(self, spec: dict[str, Any], admins: dict[str, list[str]]) -> None:
        self.spec, self.admins = spec, admins
        self.requests: list[tuple[str, str, Any]] = []
        self.errors: list[str] = []
        self.arrived: asyncio.Queue[tuple[str, str, Any]] = asyncio.Queue()
        self.ids = 0
        self.openapi: OpenAPI | None = None
        self.moderators_groups: set[str] = set()
        #: Files GOWA has saved under ``statics/`` (it serves them at its root), by path.
        self.statics: dict[str, bytes] = {}
        #: Media GOWA has not saved yet (auto-download off), by message id: saved on
        #: ``GET /message/{id}/download`` to ``statics/media/<id>.<ext>``.
        self.unsaved: dict[str, tuple[str, bytes]] = {}

    @web.middleware
    async def validate(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/statics/"):  # static files, not part of the REST API
            self.requests.append((request.method, request.path, {}))
            return await handler(request)
        body = await request.read()
        assert self.openapi is not None
        try:
            self.openapi.validate_request(AIOHTTPOpenAPIWebRequest(request, body=body or None))
        except Exception as exc:
            self.errors.append(f"{request.method} {request.path}: {exc!r}")
            return web.json_response({"code": "400", "message": str(exc)}, status=400)
        data = json.loads(body) if body else None
        operation = self._operation(request)
        schema = (operation.get("requestBody", {}).get("content", {})
                  .get("application/json", {}).get("schema", {}))
        self.errors += _strict(schema, data, self.spec, request.path)
        call = (request.method, request.path, data if data is not None else dict(request.query))
        self.requests.append(call)
        await self.arrived.put(call)
        return await handler(request)

    def _operation(self, request: web.Request) -> dict[str, Any]:
        for template, item in self.spec["paths"].items():
            pattern = template.replace("{message_id}", "[^/]+")
            if re.fullmatch(pattern, request.path) and request.method.lower() in item:
                return item[request.method.lower()]  # type: ignore[no-any-return]
        return {}

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self.validate])
        app.router.add_post("/send/message", self.send)
        app.router.add_post("/message/{message_id}/revoke", self.ok)
        app.router.add_post("/group/participants/remove", self.remove)
        app.router.add_get("/group/participants", self.participants)
        app.router.add_get("/message/{message_id}/download", self.download)
        app.router.add_get("/statics/{path:.+}", self.static)
        return app

    async def download(self, request: web.Request) -> web.Response:
        """Saves a message's media (as GOWA does when asked) and says where."""
        message_id = request.match_info["message_id"]
        if message_id not in self.unsaved:
            return web.json_response({"code": "404", "message": "message not found"}, status=404)
        extension, data = self.unsaved.pop(message_id)
        path = f"statics/media/{message_id}.{extension}"
        self.statics[path] = data
        return web.json_response({"status": 200, "code": "SUCCESS", "message": "Media downloaded",
                                  "results": {"status": "Media downloaded successfully",
                                              "message_id": message_id, "media_type": "image",
                                              "filename": path.rpartition("/")[2],
                                              "file_path": path, "file_size": len(data),
                                              "file_url": f"http://{request.host}/{path}"}})

    async def static(self, request: web.Request) -> web.StreamResponse:
        data = self.statics.get("statics/" + request.match_info["path"])
        if data is None:
            return web.Response(status=404, text="404 page not found")
        response = web.StreamResponse()  # chunked, as a server that names no size
        await response.prepare(request)
        await response.write(data)
        await response.write_eof()
        return response

    async def send(self, request: web.Request) -> web.Response:
        self.ids += 1
        return web.json_response({"code": "SUCCESS", "message": "Success",
                                  "results": {"message_id": f"CARD{self.ids}",
                                              "status": "success"}})

    async def ok(self, request: web.Request) -> web.Response:
        return web.json_response({"code": "SUCCESS", "message": "Success",
                                  "results": {"message_id": "REV", "status": "success"}})

    async def remove(self, request: web.Request) -> web.Response:
        data = await request.json()
        return web.json_response({"code": "SUCCESS", "message": "Success", "results": [
            {"participant": p, "status": "success", "message": "Participant removed"}
            for p in data["participants"]]})

    async def participants(self, request: web.Request) -> web.Response:
        group = request.query["group_id"]
        people = [{"jid": j, "phone_number": j, "is_admin": True, "is_super_admin": False}
                  for j in self.admins.get(group, [])]
        if group not in self.moderators_groups:
            people.append({"jid": PARENT, "phone_number": PARENT, "is_admin": False,
                           "is_super_admin": False})
        return web.json_response({"code": "SUCCESS", "message": "ok", "results": {
            "group_id": group, "name": "Year 3 parents", "participants": people}})


class Rig:
    def __init__(self, fake: FakeGowa, backend: GatewayBackend, sink: Any, secret: str) -> None:
        self.fake, self.backend, self.sink, self.secret = fake, backend, sink, secret
        self.http = aiohttp.ClientSession()

    async def post(self, data: Any, *, sign: bool = True, raw: bytes | None = None,
                   secret: str | None = None) -> int:
        body = raw if raw is not None else json.dumps(data).encode()
        headers = {"Content-Type": "application/json"}
        if sign:
            headers["X-Hub-Signature-256"] = signature(secret or self.secret, body)
        url = f"http://127.0.0.1:{self.backend.port}/webhook"
        async with self.http.post(url, data=body, headers=headers) as response:
            return response.status

    async def request(self) -> tuple[str, str, Any]:
        return await asyncio.wait_for(self.fake.arrived.get(), 10)


def webhook(event: str, **payload: Any) -> dict[str, Any]:
    return {"event": event, "device_id": "447700900000@s.whatsapp.net", "payload": payload}


def text(id: str, body: str, chat: str, sender: str = PARENT, **extra: Any) -> dict[str, Any]:
    return webhook("message", id=id, chat_id=chat, **{"from": sender}, from_name="Parent A",
                   timestamp="2030-01-01T10:00:00Z", is_from_me=False, body=body, **extra)


@functools.cache
def _openapi() -> tuple[dict[str, Any], OpenAPI]:
    """The spec, parsed and checked once (it is large); requests arrive at 127.0.0.1."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return spec, OpenAPI.from_dict({**spec, "servers": [{"url": "http://127.0.0.1"}]})


@contextlib.asynccontextmanager
async def running_rig(tmp_path: Path, engine: Any, wa: Any, sink: Any = None, *,
                      make_fake: Callable[[Any], FakeGowa] | None = None,
                      groups: tuple[str, ...] = ()) -> AsyncIterator[Rig]:
    """The fake GOWA (`make_fake` builds another from the spec), and the adapter with its
    webhook (moderating `groups` where given), on loopback ports."""
    spec, openapi = _openapi()
    if make_fake is None:
        fake = FakeGowa(spec, {wa.group: [ADMIN], wa.mods: [ADMIN]})
        fake.moderators_groups.add(wa.mods)
    else:
        fake = make_fake(spec)
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    fake.openapi = openapi
    settings = wa.gateway_settings(tmp_path, f"http://127.0.0.1:{port}")
    if groups:
        settings = attrs.evolve(settings, groups=tuple(GroupSettings(g) for g in groups))
    backend = GatewayBackend(settings)
    adapter = WhatsAppAdapter(settings, backend,
                              clock=lambda: dt.datetime(2030, 1, 1, 11, tzinfo=dt.UTC))
    engine.add_adapter(adapter)
    sink = sink or wa.sink(engine)
    await adapter.start(sink)
    rig = Rig(fake, backend, sink, wa.secret)
    try:
        yield rig
    finally:
        await rig.http.close()
        await adapter.stop()
        await runner.cleanup()
    assert fake.errors == []  # every request matched GOWA's spec


@pytest.fixture
async def rig(tmp_path: Path, engine: Any, wa: Any) -> AsyncIterator[Rig]:
    async with running_rig(tmp_path, engine, wa) as rig:
        yield rig


async def test_unsigned_and_wrongly_signed_webhooks_are_refused(rig: Rig, wa: Any) -> None:
    assert await rig.post(text("A1", "darn", wa.group), sign=False) == 401
    assert await rig.post(text("A1", "darn", wa.group), secret="guess") == 401
    assert rig.sink.handled.empty() and rig.fake.requests == []


async def test_a_signed_message_is_judged_and_deleted_through_the_rest_api(rig: Rig,
                                                                           wa: Any) -> None:
    assert await rig.post(text("A2", "what a darn mess", wa.group)) == 200
    event, outcome = await rig.sink.next()  # the webhook answered after this was handled
    assert isinstance(event, Message) and event.sender.id == PARENT
    assert outcome.done[0] == "delete"
    assert rig.fake.requests[0] == ("POST", "/message/A2/revoke", {"phone": wa.group})
    _, path, body = rig.fake.requests[1]
    assert (path, body["phone"]) == ("/send/message", wa.group)
    assert "darn" not in body["message"]


async def test_a_duplicate_delivery_is_acknowledged_and_ignored(rig: Rig, wa: Any) -> None:
    data = text("A3", "darn", wa.group)
    assert await rig.post(data) == 200
    assert await rig.post(data) == 200
    await rig.sink.next()
    assert rig.sink.handled.empty()
    assert [r[1] for r in rig.fake.requests].count("/message/A3/revoke") == 1


async def test_review_card_then_a_moderator_reply_removes_the_member(rig: Rig,
                                                                     wa: Any) -> None:
    assert await rig.post(text("A4", "you idiot", wa.group)) == 200
    await rig.sink.next()
    cards = [r for r in rig.fake.requests if r[1] == "/send/message" and r[2]["phone"] == wa.mods]
    assert len(cards) == 1 and "Reply to this message" in cards[0][2]["message"]
    sends = [r for r in rig.fake.requests if r[1] == "/send/message"]
    card_id = f"CARD{sends.index(cards[0]) + 1}"  # the fake numbers the messages it sends
    reply = text("M1", "remove", wa.mods, sender=ADMIN, replied_to_id=card_id)
    assert await rig.post(reply) == 200
    _, decided = await rig.sink.next()
    assert "remove" in decided.done, decided
    removal = [r for r in rig.fake.requests if r[1] == "/group/participants/remove"]
    assert removal == [("POST", "/group/participants/remove",
                        {"group_id": wa.group, "participants": [PARENT]})]


async def test_a_member_reports_by_replying_slash_report(rig: Rig, wa: Any) -> None:
    assert await rig.post(text("A5", "buy my stuff", wa.group, sender=ADMIN)) == 200
    await rig.sink.next()
    report = text("A6", "/report selling", wa.group, replied_to_id="A5")
    assert await rig.post(report) == 200
    flag, flagged = await rig.sink.next()
    assert isinstance(flag, Flag) and flag.message.id == "A5" and flag.reason == "selling"
    assert "review" in flagged.done
    # The "/report" line itself is taken down so the group cannot see who reported.
    assert ("POST", "/message/A6/revoke", {"phone": wa.group}) in rig.fake.requests


async def test_joins_leaves_edits_and_bad_bodies(rig: Rig, wa: Any) -> None:
    join = webhook("group.participants", chat_id=wa.group, type="join", jids=[PARENT])
    join["timestamp"] = "2030-01-01T10:00:00Z"
    assert await rig.post(join) == 200
    assert isinstance((await rig.sink.next())[0], MemberJoined)
    leave = webhook("group.participants", chat_id=wa.group, type="leave", jids=[PARENT])
    assert await rig.post(leave) == 200
    assert isinstance((await rig.sink.next())[0], Removal)
    assert await rig.post(None, raw=b"\xff\x00 not json") == 200
    assert await rig.post({"event": "message", "payload": "nope"}) == 200
    edited = webhook("message.edited", id="E1", chat_id=wa.group, **{"from": PARENT},
                     timestamp="2030-01-01T10:30:00Z", original_message_id="A7",
                     body="now darn")
    assert await rig.post(edited) == 200
    event, _ = await rig.sink.next()
    assert isinstance(event, Message) and (event.ref.id, event.edited) == ("A7", True)
    assert rig.fake.requests[0][1] == "/message/A7/revoke"


async def test_an_old_message_is_not_deleted_and_moderators_are_told(rig: Rig,
                                                                     wa: Any) -> None:
    old = text("A8", "darn", wa.group)
    old["payload"]["timestamp"] = "2029-12-25T10:00:00Z"
    assert await rig.post(old) == 200
    _, outcome = await rig.sink.next()
    assert "delete the message" in outcome.recommended
    assert not any(r[1].endswith("/revoke") for r in rig.fake.requests)
    told = [r[2]["message"] for r in rig.fake.requests if r[1] == "/send/message"
            and r[2]["phone"] == wa.mods]
    assert any("no longer lets admins delete" in m for m in told)


class Switch:
    """The engine's intake, or "not durable" (``Outcome(retry=True)``, nothing done) while
    ``down``: what the engine answers while its store is down."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.down = False
        self.calls: list[tuple[Any, bool]] = []

    async def __call__(self, event: Any) -> Outcome:
        self.calls.append((event, self.down))
        if self.down:
            return Outcome(retry=True)
        outcome: Outcome = await self.engine.handle(event)
        return outcome

    def handled(self) -> int:
        return sum(1 for _, down in self.calls if not down)


def _revokes(rig: Rig, message_id: str) -> int:
    return [r[1] for r in rig.fake.requests].count(f"/message/{message_id}/revoke")


async def test_store_down_answers_503_and_is_not_taken_for_a_duplicate(tmp_path: Path,
                                                                      engine: Any,
                                                                      wa: Any) -> None:
    switch = Switch(engine)
    switch.down = True
    async with running_rig(tmp_path, engine, wa, switch) as rig:
        data = text("D1", "what a darn mess", wa.group)
        assert await rig.post(data) == 503
        assert await rig.post(data) == 503  # GOWA delivers it again: handled again, not ignored
        assert _revokes(rig, "D1") == 0 and len(switch.calls) == 2
        switch.down = False
        assert await rig.post(data) == 200
        assert await rig.post(data) == 200  # durable now: a repeat is only acknowledged
        assert _revokes(rig, "D1") == 1 and switch.handled() == 1


async def test_concurrent_repeats_of_one_delivery_are_handled_once(rig: Rig, wa: Any) -> None:
    data = text("D2", "darn", wa.group)
    assert await asyncio.gather(rig.post(data), rig.post(data), rig.post(data)) == [200] * 3
    await rig.sink.next()
    assert rig.sink.handled.empty() and _revokes(rig, "D2") == 1


async def test_a_non_admins_moderator_command_is_audited(rig: Rig, wa: Any,
                                                         engine: Any) -> None:
    assert await rig.post(text("B1", "see you at pickup", wa.group, sender=ADMIN)) == 200
    await rig.sink.next()
    assert await rig.post(text("B2", "/remove", wa.group, replied_to_id="B1")) == 200
    _, outcome = await rig.sink.next()
    assert outcome.refused == "not a moderator of this group"
    trail = await engine.store.audit_trail()
    refused = [r for r in trail if r["kind"] == "moderation_refused"]
    assert [r["detail"]["choice"] for r in refused] == ["remove"]
    assert not any(r[1] == "/group/participants/remove" for r in rig.fake.requests)


async def test_store_locked_during_a_breach_deletes_nothing_then_handles_it_once(
        tmp_path: Path, engine: Any, wa: Any) -> None:
    db = tmp_path / "civility.db"
    durable = Engine(engine.config, engine.hooks, SqlStore(f"sqlite:///{db}"))
    await durable.start(adapters=False)
    try:
        async with running_rig(tmp_path, durable, wa) as rig:
            assert await rig.post(text("F0", "good morning", wa.group)) == 200
            await rig.sink.next()
            lock = await hold_database(db)  # another program holds the database
            try:
                breach = text("F1", "what a darn mess", wa.group)
                assert await rig.post(breach) == 503
                assert _revokes(rig, "F1") == 0
                assert not [r for r in rig.fake.requests if r[1] == "/send/message"]
            finally:
                lock.rollback()
                lock.close()
            assert await rig.post(breach) == 200  # GOWA's redelivery, once the store is back
            assert await rig.post(breach) == 200
            assert _revokes(rig, "F1") == 1
            assert len(await durable.store.incidents(chat_key=f"whatsapp:{wa.group}")) == 1
    finally:
        await durable.stop()


async def test_gateway_unreachable_at_start_is_no_error_and_actions_say_so(tmp_path: Path,
                                                                         engine: Any,
                                                                         wa: Any) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    settings = wa.gateway_settings(tmp_path, f"http://127.0.0.1:{closed}")
    backend = GatewayBackend(settings)
    adapter = WhatsAppAdapter(settings, backend,
                              clock=lambda: dt.datetime(2030, 1, 1, 11, tzinfo=dt.UTC))
    engine.add_adapter(adapter)
    sink = wa.sink(engine)
    await adapter.start(sink)  # GOWA is only called to act: starting needs nothing from it
    rig = Rig(FakeGowa({}, {}), backend, sink, wa.secret)
    try:
        assert await rig.post(text("U1", "what a darn mess", wa.group)) == 200
        _, outcome = await sink.next()
        assert outcome.incident_id is not None and "delete" not in outcome.done
        assert "delete the message" in outcome.recommended
        assert any("unreachable" in f for f in outcome.failed)
    finally:
        await rig.http.close()
        await adapter.stop()
