"""Webhook mode: a small HTTP server (tornado, which PTB's webhooks extra brings) behind the
school's HTTPS proxy.

Telegram repeats a delivery until it gets a 2xx, so the answer is sent only once the update is
durably handled: a restart in between means Telegram delivers it again, nothing is lost. When
the store is down (`RetryLater`) the answer is 503, and an update whose handling raised is
answered 500 a few times before it is given up, so Telegram delivers it again. Requests
without the secret token header Telegram was given are refused with 403.
"""

from __future__ import annotations

import hmac
import json
import socket
from typing import Any

import structlog
import tornado.httpserver
import tornado.netutil
import tornado.web

from civility.adapter import RetryLater, failure
from civility.adapters.telegram.polling import MAX_ATTEMPTS, Attempts, UpdateHandler

log = structlog.get_logger()

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
#: Telegram's updates are small; a bigger body is not from Telegram.
MAX_BODY = 2 * 1024 * 1024


class _UpdateRequest(tornado.web.RequestHandler):
    def initialize(self, secret: str, handle: UpdateHandler, attempts: Attempts) -> None:
        self.secret, self.handle, self.attempts = secret, handle, attempts

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("telegram_webhook_refused", why="wrong secret token",
                        peer=self.request.remote_ip)
            raise tornado.web.HTTPError(403)
        if not self.request.headers.get("Content-Type", "").startswith("application/json"):
            raise tornado.web.HTTPError(403)
        try:
            update = json.loads(self.request.body)
        except ValueError:
            log.warning("telegram_webhook_malformed", size=len(self.request.body))
            raise tornado.web.HTTPError(400) from None
        if not isinstance(update, dict):
            raise tornado.web.HTTPError(400)
        update_id = update.get("update_id")
        key = update_id if isinstance(update_id, int) else -1
        try:
            await self.handle(update)
        except RetryLater:
            log.warning("telegram_store_unavailable", update_id=update_id, answer=503)
            self.set_status(503)
            self.set_header("Retry-After", "5")
            self.finish()
            return
        except Exception as exc:
            if self.attempts.failed(key):
                log.error("telegram_update_failed", update_id=update_id, answer=500,
                          **failure(exc))
                raise tornado.web.HTTPError(500) from None
            log.error("telegram_update_given_up", update_id=update_id, tries=MAX_ATTEMPTS,
                      **failure(exc))
        self.attempts.forget(key)
        self.set_status(200)
        self.finish()

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        # tornado would print a traceback for every refused request; our log line says it.
        if not isinstance(value, tornado.web.HTTPError):
            super().log_exception(typ, value, tb)


class WebhookServer:
    def __init__(self, *, listen: str, port: int, path: str, secret: str,
                 handle: UpdateHandler) -> None:
        self.listen, self.port, self.path = listen, port, path
        app = tornado.web.Application([(path, _UpdateRequest,
                                         {"secret": secret, "handle": handle,
                                          "attempts": Attempts()})])
        self._server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_BODY)

    def start(self) -> int:
        """Listen; returns the port (useful when ``port`` is 0)."""
        sockets = tornado.netutil.bind_sockets(self.port, address=self.listen,
                                               family=socket.AF_UNSPEC)
        self._server.add_sockets(sockets)
        self.port = int(sockets[0].getsockname()[1])
        log.info("telegram_webhook_listening", listen=self.listen, port=self.port,
                 path=self.path)
        return self.port

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()
