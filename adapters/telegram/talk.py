"""Talking to Telegram for the adapter and its commands: replies, private messages, button
answers, and actions whose refusals become `ActionFailed` (missing rights told once)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import structlog
from telegram import CallbackQuery, ReplyParameters
from telegram import Message as TgMessage
from telegram.error import TelegramError

from civility._memo import WarnOnce
from civility.adapter import ActionFailed
from civility.adapters.telegram.api import Api, RawBot, describe, is_gone, lacks_rights
from civility.adapters.telegram.config import TelegramConfig
from civility.events import ChatRef, MemberRef

log = structlog.get_logger()
T = TypeVar("T")

RIGHTS_HELP = ("Please make the bot an admin of that group with the rights to delete messages "
               "and to ban users.")


def tg_id(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ActionFailed(f"not a Telegram id: {value!r}") from None


class Talk:
    def __init__(self, bot: RawBot, api: Api, config: TelegramConfig) -> None:
        self.bot, self.api, self.config = bot, api, config
        self._warned: WarnOnce[tuple[str, str]] = WarnOnce()

    async def reply(self, msg: TgMessage, text: str, *, quote: bool = True) -> None:
        reply = ReplyParameters(msg.message_id, allow_sending_without_reply=True)
        try:
            await self.api.call("reply", lambda: self.bot.send_message(
                msg.chat.id, text[:4096], reply_parameters=reply if quote else None))
        except (TelegramError, ActionFailed) as exc:
            log.warning("telegram_reply_failed", chat=msg.chat.id, error=str(exc)[:200])

    async def tell(self, member: MemberRef, text: str, *, fallback: bool = False) -> None:
        """A private message if the member can be reached; never a post in their group.
        With ``fallback`` (moderators only) an unreachable member is told in the mods' chat."""
        try:
            await self.api.call("tell", lambda: self.bot.send_message(tg_id(member.id), text))
        except (TelegramError, ActionFailed) as exc:
            log.info("telegram_private_unreachable", error=str(exc)[:200])
            if fallback and self.config.moderators_chat:
                await self.post(self.config.moderators_chat, f"{member.label}: {text}")

    async def post(self, chat_id: str, text: str) -> None:
        try:
            await self.api.call("post", lambda: self.bot.send_message(tg_id(chat_id), text[:4096]))
        except (TelegramError, ActionFailed) as exc:
            log.error("telegram_post_failed", chat=chat_id, error=str(exc)[:200])

    async def answer(self, query: CallbackQuery, text: str, *, alert: bool = False) -> None:
        try:
            await self.api.call("answer a button", lambda: query.answer(text, show_alert=alert))
        except (TelegramError, ActionFailed) as exc:
            log.info("telegram_answer_failed", error=str(exc)[:200])

    async def edit_card(self, card: TgMessage, text: str) -> None:
        try:
            await self.api.call("update a card", lambda: card.edit_text(text, reply_markup=None))
        except (TelegramError, ActionFailed) as exc:
            log.info("telegram_card_not_updated", error=str(exc)[:200])

    async def warn_once(self, chat: ChatRef, what: str, why: str) -> None:
        if not self._warned.first((chat.id, what)):
            return
        target = self.config.moderators_chat_for(chat.id)
        if target:
            await self.post(target, f"Civility could not {what} in {chat.title or chat.id}. "
                                     f"{why} {RIGHTS_HELP}")

    async def act(self, what: str, chat: ChatRef, make: Callable[[], Awaitable[T]], *,
                   gone_ok: bool = False) -> None:
        """Run one action; Telegram's refusals become `ActionFailed` (rights: told once)."""
        try:
            await self.api.call(what, make)
        except TelegramError as exc:
            if gone_ok and is_gone(exc):
                log.info("telegram_already_gone", action=what, chat=chat.id)
                return
            log.warning("telegram_action_refused", action=what, chat=chat.id,
                        error=describe(exc))
            if lacks_rights(exc):
                await self.warn_once(chat, what, f"Telegram said: {describe(exc)}.")
            raise ActionFailed(f"{what}: {describe(exc)}") from exc
