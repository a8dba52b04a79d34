"""A loopback stand-in for Telegram's Bot API, speaking its real wire protocol over HTTP.

Real PTB clients talk to it exactly as to api.telegram.org: ``POST /bot<token>/<method>``
with form-encoded fields (nested values as JSON), answered ``{"ok": true, "result": ...}`` or
``{"ok": false, "error_code": N, "description": ..., "parameters": {...}}`` with that HTTP
status. It keeps the state a moderation bot touches (groups, members, admins, messages,
pending updates with Telegram's offset semantics) and lets tests act as the people in the
groups (post, edit, press a button, leave) and inject failures (429, 403, ...).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import attrs
from aiohttp import ClientSession, web
from telegram_methods import BOT_ID, ApiError, BotApiMethods, Group
from telegram_objects import chat_member_json, user_json

TOKEN = "123456:TEST-fake-token"
_URL = re.compile(r"https?://\S+|www\.\S+")
#: Fields that are plain strings on the wire; every other field is JSON when it parses.
_TEXT_FIELDS = {"text", "caption", "url", "secret_token", "callback_query_id", "parse_mode",
                "description", "title"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities_for(text: str) -> list[dict[str, Any]]:
    """What Telegram's servers mark in a text: a leading bot command and URLs (UTF-16)."""
    found = []
    if text.startswith("/"):
        found.append({"type": "bot_command", "offset": 0,
                      "length": _utf16_len(text.split(maxsplit=1)[0])})
    for match in _URL.finditer(text):
        found.append({"type": "url", "offset": _utf16_len(text[:match.start()]),
                      "length": _utf16_len(match.group(0))})
    return found


@attrs.define
class Call:
    method: str
    params: dict[str, Any]
    at: float


class FakeBotApi(BotApiMethods):
    def __init__(self) -> None:
        self.me = user_json(BOT_ID, "Civility", is_bot=True, username="CivilityTestBot")
        self.users: dict[int, dict[str, Any]] = {}
        self.started: set[int] = set()
        self.groups: dict[int, Group] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.pending: list[dict[str, Any]] = []
        self.history: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        #: (chat, message) of every deleteMessage that removed a message (not "not found").
        self.deleted: list[tuple[int, int]] = []
        self.failures: dict[str, list[ApiError]] = {}
        self.webhook: dict[str, Any] = {}
        self.allowed_updates: list[str] | None = None
        #: The most updates one getUpdates answer carries (Telegram may send fewer than asked).
        self.batch_limit = 100
        #: update_id → perf_counter() when a getUpdates answer handed it out (for benchmarks).
        self.handed_out: dict[int, float] = {}
        #: update_id → how many getUpdates answers carried it (more than one: redelivered).
        self.handouts: Counter[int] = Counter()
        self.update_of_message: dict[tuple[int, int], int] = {}
        self._next_update, self._next_message, self._next_query = 5000, 1, 1
        self._changed = asyncio.Condition()
        self._poll_generation = 0
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- server ----------------------------------------------------------------------------

    async def start(self, port: int = 0) -> str:
        """Listen on 127.0.0.1 (``port`` 0: any free port); returns the server's address."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._endpoint)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self.url

    async def close(self) -> None:
        self._closing = True
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        form = await request.post() if request.can_read_body else {}
        params: dict[str, Any] = dict(request.query)
        for key, value in form.items():
            if not isinstance(value, str) or key in _TEXT_FIELDS:
                params[key] = value
                continue
            try:
                params[key] = json.loads(value)
            except ValueError:
                params[key] = value
        return params

    async def _endpoint(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return self._error(ApiError(401, "Unauthorized"))
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append(Call(method, params, time.perf_counter()))
        await self._notify()
        try:
            failure = self.failures.get(method)
            if failure:
                raise failure.pop(0)
            handler: Callable[[dict[str, Any]], Any] | None = getattr(self, f"api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
        except ApiError as exc:
            return self._error(exc)
        finally:
            await self._notify()
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(exc: ApiError) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": exc.code,
                                "description": exc.description}
        if exc.retry_after is not None:
            body["parameters"] = {"retry_after": exc.retry_after}
        return web.json_response(body, status=exc.code)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- waiting for the bot ---------------------------------------------------------------

    async def wait_for(self, predicate: Callable[[], bool], what: str = "",
                       limit: float = 60.0) -> None:
        """Wait until the bot has done something (the limit only stops a broken test)."""
        try:
            async with asyncio.timeout(limit), self._changed:
                await self._changed.wait_for(predicate)
        except TimeoutError:
            raise AssertionError(f"the bot never did: {what or predicate}") from None

    def called(self, method: str, **match: Any) -> list[Call]:
        return [c for c in self.calls if c.method == method
                and all(c.params.get(k) == v for k, v in match.items())]

    async def wait_call(self, method: str, count: int = 1, **match: Any) -> list[Call]:
        await self.wait_for(lambda: len(self.called(method, **match)) >= count,
                            f"{count}x {method} {match}")
        return self.called(method, **match)

    def fail(self, method: str, code: int, description: str, *, retry_after: int | None = None,
             times: int = 1) -> None:
        self.failures.setdefault(method, []).extend(
            ApiError(code, description, retry_after) for _ in range(times))

    def redelivered(self) -> int:
        """How many updates were handed out more than once (Telegram resends what a bot has
        not confirmed with a higher offset)."""
        return sum(1 for n in self.handouts.values() if n > 1)

    def confirmed_up_to(self) -> int:
        """The lowest update id Telegram would still send (all below are forgotten)."""
        return self.pending[0]["update_id"] if self.pending else self._next_update

    # -- people in the groups ----------------------------------------------------------------

    def add_user(self, user_id: int, name: str, *, started: bool = False) -> dict[str, Any]:
        self.users[user_id] = user_json(user_id, name)
        if started:
            self.started.add(user_id)
        return self.users[user_id]

    def add_group(self, chat_id: int, title: str, *, owner: int, admins: tuple[int, ...] = (),
                  members: tuple[int, ...] = ()) -> Group:
        group = Group(chat_id, title, owner, admins={owner, *admins})
        for user in (owner, *admins, *members):
            group.members[user] = "member"
        group.members[BOT_ID] = "administrator"
        self.groups[chat_id] = group
        return group

    def _chat_json(self, chat_id: int) -> dict[str, Any]:
        if chat_id in self.groups:
            return self.groups[chat_id].json()
        user = self.users.get(chat_id, {"first_name": "?"})
        return {"id": chat_id, "type": "private", "first_name": user["first_name"]}

    def _enqueue(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_update, kind: payload}
        self._next_update += 1
        self.pending.append(update)
        self.history.append(update)
        return update

    def raw_update(self, update: dict[str, Any]) -> None:
        """Queue an update exactly as given (for malformed input)."""
        update.setdefault("update_id", self._next_update)
        self._next_update = max(self._next_update, update["update_id"]) + 1
        self.pending.append(update)
        self.history.append(update)

    def forget_confirmations(self) -> None:
        """Queue every update ever sent again, as if no confirmation had reached Telegram
        (a bot that crashed after handling updates but before its next getUpdates)."""
        pending = {u["update_id"] for u in self.pending}
        self.pending = sorted([*self.pending, *(u for u in self.history
                                                if u["update_id"] not in pending)],
                              key=lambda u: u["update_id"])

    def new_message(self, chat_id: int, sender: dict[str, Any], text: str | None,
                    **extra: Any) -> dict[str, Any]:
        message: dict[str, Any] = {"message_id": self._next_message, "date": int(time.time()),
                                   "chat": self._chat_json(chat_id), "from": sender}
        self._next_message += 1
        if text is not None:
            message["text"] = text
            if entities := entities_for(text):
                message["entities"] = entities
        message.update(extra)
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def post(self, chat_id: int, user_id: int, text: str | None = None, *,
                   reply_to: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
        """A member posts in a group (or privately to the bot); the bot gets an update."""
        if reply_to is not None:
            extra["reply_to_message"] = reply_to
        message = self.new_message(chat_id, self.users[user_id], text, **extra)
        update = self._enqueue("message", message)
        self.update_of_message[(chat_id, message["message_id"])] = update["update_id"]
        if chat_id == user_id and text and text.startswith("/start"):
            self.started.add(user_id)
        await self._notify()
        return message

    async def edit(self, message: dict[str, Any], text: str) -> dict[str, Any]:
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        if entities := entities_for(text):
            edited["entities"] = entities
        self.messages[(message["chat"]["id"], message["message_id"])] = edited
        self._enqueue("edited_message", edited)
        await self._notify()
        return edited

    async def press(self, user_id: int, card: dict[str, Any], data: str) -> str:
        query_id = f"q{self._next_query}"
        self._next_query += 1
        self._enqueue("callback_query", {"id": query_id, "from": self.users[user_id],
                                         "chat_instance": "ci-1", "data": data,
                                         "message": card})
        await self._notify()
        return query_id

    async def member_changes(self, chat_id: int, user_id: int, new: str, *,
                             by: int | None = None) -> None:
        group = self.groups[chat_id]
        old = group.members.get(user_id, "left")
        group.members[user_id] = new
        actor = self.me if by == BOT_ID else self.users[by if by is not None else user_id]
        user = self.users.get(user_id, self.me)
        self._enqueue("chat_member", {
            "chat": group.json(), "from": actor, "date": int(time.time()),
            "old_chat_member": chat_member_json(user, old),
            "new_chat_member": chat_member_json(user, new)})
        await self._notify()

    async def deliver_webhook(self, url: str, *, secret: str | None = None) -> list[int]:
        """Do what Telegram does with a webhook: POST each pending update, drop it on 2xx."""
        statuses = []
        header = self.webhook.get("secret_token", "") if secret is None else secret
        async with ClientSession() as session:
            for update in list(self.pending):
                async with session.post(url, json=update, headers={
                        "X-Telegram-Bot-Api-Secret-Token": header}) as answer:
                    statuses.append(answer.status)
                    if 200 <= answer.status < 300:
                        self.pending.remove(update)
        return statuses
