"""The GOWA gateway back-end: a self-hosted go-whatsapp-web-multidevice service.

Events come in as webhooks (HMAC-SHA256 of the body in ``X-Hub-Signature-256``, checked before
anything else); actions go out as REST calls with HTTP basic auth. The webhook answers 200 only
once the engine has durably recorded the event; while the store is down (`RetryLater`) it
answers 503, so GOWA delivers it again. A delivery counts as seen (a repeat is acknowledged
and ignored) only once it is durable; a repeat arriving while the first is still being handled
waits for it.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import posixpath
from typing import Any
from urllib.parse import quote

import aiohttp
import structlog
from aiohttp import web

from civility._memo import Recent
from civility.adapter import ActionFailed, RetryLater, failure
from civility.adapters._images import announce_ocr
from civility.adapters.whatsapp import media
from civility.adapters.whatsapp._backend import Deliver, GroupMembers
from civility.adapters.whatsapp.config import GatewaySettings, WhatsAppSettings
from civility.adapters.whatsapp.convert import Incoming, from_gowa

log = structlog.get_logger()
#: Webhook bodies larger than this are refused (a message is cut at 20,000 characters anyway).
MAX_BODY = 1 << 20


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def delivery_key(data: Any, body: bytes) -> str:
    """The same event delivered twice has the same key (GOWA retries with the same body)."""
    payload = data.get("payload") if isinstance(data, dict) else None
    if isinstance(payload, dict) and isinstance(payload.get("id"), str) and payload["id"]:
        return f"{data.get('event')}:{payload['id']}"
    return hashlib.sha256(body).hexdigest()


class GatewayBackend:
    name = "gateway"

    def __init__(self, settings: WhatsAppSettings) -> None:
        assert settings.gateway is not None
        self.gateway: GatewaySettings = settings.gateway
        self._deliver: Deliver | None = None
        self._session: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self._seen: Recent[str, bool] = Recent(20_000)
        self._groups = settings.group_ids  # images are fetched in moderated groups only
        self._handling: dict[str, asyncio.Event] = {}
        self._closed = asyncio.Event()
        self.port = self.gateway.port  # the bound port (differs when configured as 0 in tests)

    # -- webhook in -----------------------------------------------------------------------

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver
        announce_ocr("whatsapp")
        headers = {"X-Device-Id": self.gateway.device} if self.gateway.device else {}
        if self.gateway.user and self.gateway.password:
            # Built by hand: aiohttp.BasicAuth is deprecated from aiohttp 3.14 on.
            pair = f"{self.gateway.user.reveal()}:{self.gateway.password.reveal()}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        self._session = aiohttp.ClientSession(
            self.gateway.url, headers=headers,
            timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post(self.gateway.path, self._webhook)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.gateway.listen, self.gateway.port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("whatsapp_webhook_listening", host=self.gateway.listen, port=self.port,
                 path=self.gateway.path)

    async def _webhook(self, request: web.Request) -> web.Response:
        body = await request.read()
        given = request.headers.get("X-Hub-Signature-256", "")
        expected = signature(self.gateway.webhook_secret.reveal(), body)
        if not hmac.compare_digest(given.encode(), expected.encode()):
            log.warning("whatsapp_webhook_bad_signature", signed=bool(given))
            return web.json_response({"error": "bad signature"}, status=401)
        try:
            data = json.loads(body)
            converted = from_gowa(data)
        except (ValueError, TypeError, AttributeError) as exc:
            # Acknowledge it: a malformed delivery would only come back again.
            log.warning("whatsapp_webhook_unreadable", error=str(exc)[:200])
            return web.json_response({"status": "ignored"})
        key = delivery_key(data, body)
        while key in self._handling:  # the same delivery, still being handled: its result
            await self._handling[key].wait()
        if key in self._seen:
            log.info("whatsapp_webhook_duplicate")
            return web.json_response({"status": "duplicate"})
        self._handling[key] = asyncio.Event()
        try:
            for incoming in converted:
                if self._deliver is not None:
                    await self._deliver(await self._with_image(incoming))
        except RetryLater:
            log.warning("whatsapp_store_unavailable", answer=503)
            return web.json_response({"error": "not recorded, deliver again"}, status=503,
                                     headers={"Retry-After": "5"})
        except Exception as exc:
            log.error("whatsapp_webhook_failed", **failure(exc))
            return web.json_response({"error": "not handled"}, status=500)
        finally:
            self._handling.pop(key).set()
        self._seen.put(key, True)  # durable: a repeat of it is now only acknowledged
        return web.json_response({"status": "ok"})

    async def _with_image(self, incoming: Incoming) -> Incoming:
        chat = getattr(incoming.event, "chat", None)
        if incoming.private or chat is None or chat.id not in self._groups:
            return incoming
        return await media.with_gateway_image(self.download, incoming)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        self._closed.set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    # -- REST out -------------------------------------------------------------------------

    async def _call(self, method: str, path: str, *, json_body: dict[str, Any] | None = None,
                    params: dict[str, str] | None = None) -> dict[str, Any]:
        if self._session is None:
            raise ActionFailed("the WhatsApp gateway is not started")
        try:
            async with self._session.request(method, path, json=json_body,
                                             params=params) as response:
                text = await response.text()
                status = response.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ActionFailed(f"the WhatsApp gateway is unreachable: {exc!r}") from exc
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if status >= 400 or not isinstance(data, dict):
            detail = data.get("message", "") if isinstance(data, dict) else ""
            raise ActionFailed(f"the WhatsApp gateway answered {status}: {str(detail)[:200]}")
        return data

    async def revoke(self, chat: str, sender: str, message_id: str) -> None:
        # GOWA finds the original sender in its own chat storage.
        await self._call("POST", f"/message/{message_id}/revoke", json_body={"phone": chat})

    async def remove(self, chat: str, member: str) -> None:
        data = await self._call("POST", "/group/participants/remove",
                                json_body={"group_id": chat, "participants": [member]})
        results = data.get("results") or []
        failed = [r for r in results if isinstance(r, dict) and r.get("status") != "success"]
        if failed:
            raise ActionFailed(f"the removal failed: {str(failed[0].get('message', ''))[:200]}")

    async def send(self, to: str, text: str, *, reply_to: str = "",
                   reply_sender: str = "") -> str:
        body: dict[str, Any] = {"phone": to, "message": text}
        if reply_to:
            body["reply_message_id"] = reply_to
        data = await self._call("POST", "/send/message", json_body=body)
        results = data.get("results")
        return str(results.get("message_id", "")) if isinstance(results, dict) else ""

    async def members(self, chat: str) -> GroupMembers:
        data = await self._call("GET", "/group/participants", params={"group_id": chat})
        found = data.get("results")
        results: dict[str, Any] = found if isinstance(found, dict) else {}
        admins, everyone = set(), set()
        for p in results.get("participants") or []:
            if not isinstance(p, dict):
                continue
            ids = {p.get("jid"), p.get("phone_number"), p.get("lid")} - {None, ""}
            names = {str(i) for i in ids}
            everyone |= names
            if p.get("is_admin") or p.get("is_super_admin"):
                admins |= names
        return GroupMembers(frozenset(admins), frozenset(everyone), str(results.get("name", "")))

    async def own_ids(self) -> frozenset[str]:
        data = await self._call("GET", "/app/status")
        found = data.get("results")
        own = str(found.get("jid") or "") if isinstance(found, dict) else ""
        user, _, server = own.partition("@")
        return frozenset({f"{user.partition(':')[0]}@{server}"}) if user and server \
            else frozenset()

    # -- media ------------------------------------------------------------------------------

    async def download(self, message_id: str, chat: str, path: str, max_bytes: int
                       ) -> bytes | None:
        """A message's media file from the gateway: the one it saved (``path``), or, when it
        saved none, the one it saves when asked (``GET /message/{id}/download``). None when the
        file is over ``max_bytes`` or not where the gateway serves its files."""
        if not path:
            data = await self._call("GET", f"/message/{quote(message_id, safe='')}/download",
                                    params={"phone": chat})
            found = data.get("results")
            results: dict[str, Any] = found if isinstance(found, dict) else {}
            size = results.get("file_size")
            if isinstance(size, int) and size > max_bytes:
                return None
            path = str(results.get("file_path") or "")
        served = _served(path)
        if served is None:
            log.warning("whatsapp_media_path_refused", why="not under the gateway's statics")
            return None
        return await self._fetch(served, max_bytes)

    async def _fetch(self, path: str, max_bytes: int) -> bytes | None:
        if self._session is None:
            raise ActionFailed("the WhatsApp gateway is not started")
        try:
            async with self._session.get(path) as response:
                if response.status != 200:
                    raise ActionFailed(f"the WhatsApp gateway answered {response.status}")
                if (response.content_length or 0) > max_bytes:
                    return None
                # A file that does not say its size and turns out too big is dropped as soon
                # as it passes the limit, not held.
                chunks, total = [], 0
                async for chunk in response.content.iter_chunked(64 << 10):
                    total += len(chunk)
                    if total > max_bytes:
                        return None
                    chunks.append(chunk)
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ActionFailed(f"the WhatsApp gateway is unreachable: {exc!r}") from exc
        return b"".join(chunks)


def _served(path: str) -> str | None:
    """The URL path of a file the gateway saved (GOWA serves ``statics/`` at its root), or
    None for anything else: a URL elsewhere, an absolute path, a way out of ``statics``."""
    if not path or "\\" in path or "://" in path or path.startswith("/"):
        return None
    clean = posixpath.normpath(path)
    if not clean.startswith("statics/") or ".." in clean.split("/"):
        return None
    return "/" + quote(clean)
