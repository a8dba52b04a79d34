"""The Bot API methods of the loopback server (only what a moderation bot uses), with
Telegram's own error texts."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from typing import Any

import attrs
from telegram_objects import admin_json, chat_member_json

BOT_ID = 990001


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


@attrs.define
class Group:
    id: int
    title: str
    owner: int
    admins: set[int] = attrs.Factory(set)
    members: dict[int, str] = attrs.Factory(dict)  # user id → status
    bot_can_delete: bool = True
    bot_can_restrict: bool = True

    def json(self) -> dict[str, Any]:
        return {"id": self.id, "type": "supergroup", "title": self.title}


class BotApiMethods:
    """Mixed into `FakeBotApi`, whose state these methods read and change."""

    me: dict[str, Any]
    users: dict[int, dict[str, Any]]
    started: set[int]
    groups: dict[int, Group]
    messages: dict[tuple[int, int], dict[str, Any]]
    pending: list[dict[str, Any]]
    webhook: dict[str, Any]
    allowed_updates: list[str] | None
    batch_limit: int
    handed_out: dict[int, float]
    handouts: Counter[int]
    deleted: list[tuple[int, int]]
    _changed: asyncio.Condition
    _poll_generation: int
    _closing: bool

    def new_message(self, chat_id: int, sender: dict[str, Any], text: str | None,
                    **extra: Any) -> dict[str, Any]:
        raise NotImplementedError

    async def member_changes(self, chat_id: int, user_id: int, new: str, *,
                             by: int | None = None) -> None:
        raise NotImplementedError

    def api_getMe(self, p: dict[str, Any]) -> dict[str, Any]:
        return self.me

    def api_deleteWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    def api_setWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = {"url": p["url"], "secret_token": p.get("secret_token", "")}
        self.allowed_updates = p.get("allowed_updates", self.allowed_updates)
        return True

    async def api_getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is "
                                "active; use deleteWebhook to delete the webhook first")
        offset = int(p.get("offset", 0))
        if offset:  # confirms every update below the offset: Telegram forgets them
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        if "allowed_updates" in p:
            self.allowed_updates = p["allowed_updates"] or None
        self._poll_generation += 1
        mine = self._poll_generation
        wait = float(p.get("timeout", 0))
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(wait), self._changed:
                await self._changed.wait_for(lambda: bool(self._deliverable()) or self._closing
                                             or self._poll_generation != mine)
        if self._poll_generation != mine:
            raise ApiError(409, "Conflict: terminated by other getUpdates request; make sure "
                                "that only one bot instance is running")
        batch = self._deliverable()[:min(int(p.get("limit", 100)), self.batch_limit)]
        now = time.perf_counter()
        for update in batch:
            self.handed_out.setdefault(update["update_id"], now)
            self.handouts[update["update_id"]] += 1
        return batch

    def _deliverable(self) -> list[dict[str, Any]]:
        allowed = self.allowed_updates
        if allowed:  # Telegram drops the kinds a bot did not ask for
            self.pending = [u for u in self.pending if not any(
                k != "update_id" and k not in allowed for k in u) or len(u) == 1]
        return self.pending

    def _group(self, p: dict[str, Any]) -> Group:
        group = self.groups.get(int(p["chat_id"]))
        if group is None:
            raise ApiError(400, "Bad Request: chat not found")
        if group.members.get(BOT_ID) in (None, "left", "kicked"):
            raise ApiError(403, "Forbidden: bot was kicked from the supergroup chat")
        return group

    def api_sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(p["chat_id"])
        if chat_id in self.groups:
            self._group(p)
        elif chat_id not in self.started:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        extra = {k: p[k] for k in ("reply_markup", "parse_mode") if k in p}
        return self.new_message(chat_id, self.me, p["text"], **extra)

    def api_deleteMessage(self, p: dict[str, Any]) -> bool:
        group = self._group(p)
        key = (group.id, int(p["message_id"]))
        if key not in self.messages:
            raise ApiError(400, "Bad Request: message to delete not found")
        if not group.bot_can_delete and self.messages[key]["from"]["id"] != BOT_ID:
            raise ApiError(400, "Bad Request: message can't be deleted")
        del self.messages[key]
        self.deleted.append(key)
        return True

    def _restrictable(self, p: dict[str, Any]) -> tuple[Group, int]:
        group, user = self._group(p), int(p["user_id"])
        if not group.bot_can_restrict:
            raise ApiError(400, "Bad Request: not enough rights to restrict/unrestrict chat "
                                "member")
        if user in group.admins:
            raise ApiError(400, "Bad Request: user is an administrator of the chat")
        return group, user

    async def api_banChatMember(self, p: dict[str, Any]) -> bool:
        group, user = self._restrictable(p)
        await self.member_changes(group.id, user, "kicked", by=BOT_ID)
        return True

    async def api_unbanChatMember(self, p: dict[str, Any]) -> bool:
        group, user = self._restrictable(p)
        if group.members.get(user) == "kicked":
            await self.member_changes(group.id, user, "left", by=BOT_ID)
        elif not p.get("only_if_banned") and user in group.members:
            # Telegram's documented quirk: unban without only_if_banned removes a member.
            await self.member_changes(group.id, user, "left", by=BOT_ID)
        return True

    def api_restrictChatMember(self, p: dict[str, Any]) -> bool:
        group, user = self._restrictable(p)
        group.members[user] = "restricted"
        return True

    def api_getChatAdministrators(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        group = self._group(p)
        return [admin_json(self.users.get(a, {}), owner=a == group.owner)
                for a in sorted(group.admins)] + [admin_json(self.me, owner=False)]

    def api_getChatMember(self, p: dict[str, Any]) -> dict[str, Any]:
        """A member's status in a group (the bot's own: an administrator, with the group's
        rights), as Telegram's ChatMember."""
        group, user = self._group(p), int(p["user_id"])
        if user == BOT_ID:
            return {**admin_json(self.me, owner=False),
                    "can_restrict_members": group.bot_can_restrict,
                    "can_delete_messages": group.bot_can_delete}
        status = "creator" if user == group.owner else group.members.get(user, "left")
        if status == "member" and user in group.admins:
            status = "administrator"
        who = self.users.get(user, {"id": user, "is_bot": False, "first_name": "?"})
        return chat_member_json(who, status)

    def api_answerCallbackQuery(self, p: dict[str, Any]) -> bool:
        return True

    def api_editMessageText(self, p: dict[str, Any]) -> dict[str, Any]:
        key = (int(p["chat_id"]), int(p["message_id"]))
        if key not in self.messages:
            raise ApiError(400, "Bad Request: message to edit not found")
        message = {**self.messages[key], "text": p["text"], "edit_date": int(time.time())}
        message.pop("reply_markup", None)
        if "reply_markup" in p:
            message["reply_markup"] = p["reply_markup"]
        self.messages[key] = message
        return message
