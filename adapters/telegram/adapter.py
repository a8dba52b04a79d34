"""The Telegram adapter: updates in (polling or webhook), moderation actions out.

Only the groups named in the config are moderated; the moderators' chat takes commands and
review cards; private chats only hand over notes. Telegram refusals become `ActionFailed`
(a missing admin right is also told to the moderators once per group), never a crash.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import structlog
from telegram import (
    CallbackQuery,
    ChatMember,
    ChatMemberUpdated,
    ChatPermissions,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)
from telegram import Message as TgMessage
from telegram.constants import ChatType, ParseMode
from telegram.error import Forbidden, InvalidToken, NetworkError, TelegramError

from civility._gate import AGREED, Waiting, agree_in_private
from civility._memo import TtlCache
from civility.adapter import (
    WELCOMED,
    WELCOMED_IN_GROUP,
    ActionFailed,
    Backoff,
    BaseAdapter,
    ConfigError,
    EventSink,
    ReviewRequest,
    UnsupportedAction,
    durable,
)
from civility.adapters._images import announce_ocr
from civility.adapters.telegram import cards, gate, media
from civility.adapters.telegram.api import Api, RawBot, describe
from civility.adapters.telegram.commands import Commands, PendingNotes, Services
from civility.adapters.telegram.config import TelegramConfig
from civility.adapters.telegram.convert import (
    PLATFORM,
    member_change,
    member_ref,
    parse_command,
    to_message,
)
from civility.adapters.telegram.polling import OffsetFile, Poller
from civility.adapters.telegram.talk import Talk, tg_id
from civility.adapters.telegram.webhook import WebhookServer
from civility.config import Mode
from civility.engine import Engine
from civility.events import Acknowledged, ChatRef, Event, MemberRef, MessageRef
from civility.store import GateEntry, IncidentRecord
from civility.verdicts import Outcome, Rule

log = structlog.get_logger()
ALLOWED_UPDATES = ("message", "edited_message", "callback_query", "chat_member",
                   "my_chat_member")
#: Start-up failures worth trying again: the network, a Bot API answering 5xx or 429.
_UNREACHABLE = (NetworkError, ActionFailed, OSError)


def _why(exc: BaseException) -> str:
    return describe(exc) if isinstance(exc, TelegramError) else type(exc).__name__


class TelegramAdapter(BaseAdapter):
    platform = PLATFORM

    def __init__(self, config: TelegramConfig, *, bot: RawBot | None = None) -> None:
        self.config = config
        self.bot = bot or RawBot(config.token.reveal(), base_url=config.base_url,
                                 base_file_url=config.base_file_url)
        self.api = Api(max_retries=config.max_retries)
        self.talk = Talk(self.bot, self.api, config)
        self.notes = PendingNotes()
        self.username, self.bot_id = "", 0
        self.rules_for: Callable[[ChatRef], Sequence[Rule]] = lambda chat: ()
        self.open_incidents: Callable[[str], Awaitable[Sequence[IncidentRecord]]] = _none
        self.gate_waiting: Waiting = _none_waiting
        # Rules and records are late-bound: `attach` replaces them once there is an engine.
        self.commands = Commands(Services(
            talk=self.talk, notes=self.notes, config=config, emit=self.emit,
            is_moderator=self.is_moderator, delete_quietly=self.delete_quietly,
            rules_for=lambda chat: self.rules_for(chat),
            open_incidents=lambda key: self.open_incidents(key)))
        self.webhook_port = 0
        self._sink: EventSink | None = None
        #: Each group's admins, asked of Telegram and trusted for ``admin_cache_seconds``.
        self._admins: TtlCache[str, frozenset[int]] = TtlCache(config.admin_cache_seconds)
        self._poller: Poller | None = None
        self._webhook: WebhookServer | None = None
        self._connecting: asyncio.Task[None] | None = None
        self._reconnect = Backoff(1.0, 60.0)
        self._closed = asyncio.Event()

    def attach(self, engine: Engine) -> None:
        """Give /rules and /incidents the engine's rules and records."""
        self.rules_for = lambda chat: engine.hooks.rules(only=engine.policies_for(chat))
        self.open_incidents = lambda key: engine.store.incidents(chat_key=key, status="open",
                                                                 limit=20)
        self.gate_waiting = engine.store.gate_waiting  # a private "I agree"

    def chat_policies(self) -> Mapping[str, Sequence[str]]:
        return {f"{PLATFORM}:{g.id}": g.policy for g in self.config.groups if g.policy}

    def chat_modes(self) -> Mapping[str, Mode]:
        return {f"{PLATFORM}:{g.id}": g.mode for g in self.config.groups if g.mode}

    # -- running -------------------------------------------------------------------------

    async def start(self, sink: EventSink) -> None:
        """Connect and start taking updates. A refused token stops here with a clear error;
        an unreachable Bot API is tried again in the background, ever more slowly."""
        self._sink = sink
        announce_ocr(PLATFORM)
        try:
            await self._connect()
        except _UNREACHABLE as exc:
            wait = self._reconnect.next()
            log.error("telegram_unreachable", retry_in=wait, error=_why(exc))
            self._connecting = asyncio.create_task(self._keep_connecting(wait))

    async def _keep_connecting(self, wait: float) -> None:
        while True:
            await asyncio.sleep(wait)
            try:
                await self._connect()
                return
            except ConfigError as exc:  # the token was refused: nothing will ever work
                log.critical("telegram_token_refused", error=str(exc))
                self._closed.set()
                return
            except _UNREACHABLE as exc:
                wait = self._reconnect.next()
                log.error("telegram_unreachable", retry_in=wait, error=_why(exc))

    async def _connect(self) -> None:
        try:
            await self.bot.initialize()  # getMe: checks the token
        except (InvalidToken, Forbidden) as exc:
            raise ConfigError(self.config.source, "telegram.token",
                              "a bot token Telegram accepts (from @BotFather)") from exc
        me = self.bot.bot
        self.username, self.bot_id = me.username or "", me.id
        if self.config.mode == "webhook":
            assert self.config.webhook_secret is not None
            secret = self.config.webhook_secret.reveal()
            if self._webhook is None:
                self._webhook = WebhookServer(listen=self.config.webhook_listen,
                                              port=self.config.webhook_port,
                                              path=self.config.webhook_path, secret=secret,
                                              handle=self.handle_update)
                self.webhook_port = self._webhook.start()
            await self.api.call("set the webhook", lambda: self.bot.set_webhook(
                self.config.webhook_url, secret_token=secret,
                allowed_updates=list(ALLOWED_UPDATES)))
        else:
            await self.api.call("delete the webhook",
                                lambda: self.bot.delete_webhook(drop_pending_updates=False))
            self._poller = Poller(self.bot, self.handle_update, OffsetFile(self.config.state_file),
                                  timeout=self.config.poll_timeout,
                                  allowed_updates=ALLOWED_UPDATES, finished=self._closed)
            self._poller.start()
        self._reconnect.reset()
        log.info("telegram_started", bot=self.username, mode=self.config.mode,
                 groups=len(self.config.groups))

    async def stop(self) -> None:
        try:
            if self._connecting is not None:
                self._connecting.cancel()
                await asyncio.gather(self._connecting, return_exceptions=True)
            if self._poller is not None:
                await self._poller.stop()
            if self._webhook is not None:
                await self._webhook.stop()
        finally:
            with contextlib.suppress(TelegramError, OSError, RuntimeError):
                await self.bot.shutdown()

    async def wait_closed(self) -> None:
        """Ends on its own only when Telegram refuses the token."""
        await self._closed.wait()

    # -- updates in ----------------------------------------------------------------------

    async def emit(self, event: Event) -> Outcome | None:
        """Hand an event to the engine; `RetryLater` when it could not be durably recorded
        (the update is then not acknowledged, so it comes again)."""
        assert self._sink is not None, "start() first"
        outcome = await self._sink(event)
        return durable(outcome) if isinstance(outcome, Outcome) else None

    async def handle_update(self, raw: dict[str, Any]) -> None:
        """One update as Telegram sent it: parsed here, so a malformed one is only skipped."""
        try:
            update = Update.de_json(raw, self.bot)
        except Exception as exc:
            log.warning("telegram_update_malformed", update_id=raw.get("update_id"),
                        error=type(exc).__name__)
            return
        if update.message is not None:
            await self._on_message(update.message, edited=False)
        elif update.edited_message is not None:
            await self._on_message(update.edited_message, edited=True)
        elif update.callback_query is not None:
            if gate.group_of(update.callback_query.data) is not None:
                await self._on_agree(update.callback_query)
            else:
                await self.commands.on_press(update.callback_query)
        elif update.chat_member is not None:
            if self.config.group(str(update.chat_member.chat.id)) is not None:
                event = member_change(update.chat_member, bot_id=self.bot_id)
                if event is not None:
                    await self.emit(event)
        elif update.my_chat_member is not None:
            await self._on_own_status(update.my_chat_member)

    async def _on_message(self, msg: TgMessage, *, edited: bool) -> None:
        chat_id = str(msg.chat.id)
        command = None if edited else parse_command(msg.text, self.username)
        if msg.chat.type == ChatType.PRIVATE:
            if not edited and not (command is None and await self._agree_privately(msg)):
                await self.commands.on_private(msg, command)
        elif self.config.group(chat_id) is not None:
            if command is None or not await self.commands.on_group(msg, command):
                event = to_message(msg, edited=edited)
                if event is not None:
                    await self.emit(await media.with_image(self.bot, msg, event))
        elif chat_id in self.config.moderators_chats:
            if command is not None:
                await self.commands.on_moderators_chat(msg, command)
        else:
            log.info("telegram_chat_not_configured", chat=chat_id)

    async def _agree_privately(self, msg: TgMessage) -> bool:
        """"I agree" typed in the private chat: agrees for each group the member waits in."""
        if msg.from_user is None:
            return False

        def name_of(chat: ChatRef) -> str | None:
            group = self.config.group(chat.id)
            return None if group is None else group.title

        async def tell(text: str) -> None:
            await self.talk.reply(msg, text, quote=False)

        return await agree_in_private(self.emit, tell, waiting=self.gate_waiting,
                                      member=member_ref(msg.from_user), text=msg.text or "",
                                      time=msg.date, name_of=name_of)

    async def _on_agree(self, query: CallbackQuery) -> None:
        """The welcome's "I agree" pressed: the presser agrees, in the button's group."""
        chat_id = gate.group_of(query.data)
        if chat_id is None or self.config.group(chat_id) is None:
            await self.talk.answer(query, "")
            return
        chat = ChatRef(PLATFORM, chat_id)
        outcome = await self.emit(Acknowledged(chat, member_ref(query.from_user))) or Outcome()
        await self.talk.answer(query, gate.answer_for(outcome.done, AGREED))

    async def _on_own_status(self, change: ChatMemberUpdated) -> None:
        chat = ChatRef(PLATFORM, str(change.chat.id), change.chat.title or "")
        status = change.new_chat_member.status
        log.warning("telegram_bot_status", chat=chat.id, status=status)
        self._admins.forget(chat.id)
        if self.config.group(chat.id) is not None and status != ChatMember.ADMINISTRATOR:
            await self.talk.warn_once(chat, "act", "Civility is no longer an admin there.")

    # -- helpers for commands ------------------------------------------------------------

    async def delete_quietly(self, msg: TgMessage) -> None:
        chat = ChatRef(PLATFORM, str(msg.chat.id), msg.chat.title or "")
        # Failures are logged, and missing rights told to moderators once, by delete_message.
        with contextlib.suppress(ActionFailed):
            await self.delete_message(MessageRef(chat, str(msg.message_id)))

    # -- actions ---------------------------------------------------------------------------

    async def delete_message(self, message: MessageRef) -> None:
        chat_id, message_id = tg_id(message.chat.id), tg_id(message.id)
        # Already deleted (by its poster or an admin) is what we wanted: not a failure.
        await self.talk.act("delete messages", message.chat,
                            lambda: self.bot.delete_message(chat_id, message_id), gone_ok=True)

    async def remove_member(self, chat: ChatRef, member: MemberRef, *, ban: bool = False,
                            reason: str = "") -> None:
        chat_id, user_id = tg_id(chat.id), tg_id(member.id)
        await self.talk.act("remove members", chat, lambda: self.bot.ban_chat_member(
            chat_id, user_id, revoke_messages=False), gone_ok=not ban)
        if not ban:  # unbanned at once: removed now, but an admin may invite them back later
            with contextlib.suppress(ActionFailed):  # removed all the same; failure logged
                await self.talk.act("lift a ban", chat, lambda: self.bot.unban_chat_member(
                    chat_id, user_id, only_if_banned=True), gone_ok=True)

    async def mute_member(self, chat: ChatRef, member: MemberRef, until: dt.datetime) -> None:
        chat_id, user_id = tg_id(chat.id), tg_id(member.id)
        await self.talk.act("mute members", chat, lambda: self.bot.restrict_chat_member(
            chat_id, user_id, ChatPermissions.no_permissions(), until_date=until,
            use_independent_chat_permissions=True))

    async def send_to_chat(self, chat: ChatRef, text: str, *,
                           reply_to: MessageRef | None = None) -> None:
        reply = (ReplyParameters(tg_id(reply_to.id), allow_sending_without_reply=True)
                 if reply_to else None)
        await self.talk.act("post in the group", chat, lambda: self.bot.send_message(
            tg_id(chat.id), text[:4096], reply_parameters=reply))

    async def send_private(self, member: MemberRef, text: str, *, chat: ChatRef) -> None:
        """Privately if the member has started the bot; otherwise the note waits for them
        and a short group message (naming nothing they did) links to the bot."""
        user_id = tg_id(member.id)
        if user_id < 0:  # a channel or anonymous admin posting as a chat: nobody to write to
            raise UnsupportedAction(PLATFORM, "message a chat privately")
        try:
            await self.api.call("send a private notice", lambda: self.bot.send_message(
                user_id, text[:4096], reply_markup=cards.appeal_button(text)))
            return
        except Forbidden as exc:
            log.info("telegram_private_unreachable", reason=describe(exc))
        except TelegramError as exc:
            raise ActionFailed(f"send a private notice: {describe(exc)}") from exc
        if not self.username:
            raise UnsupportedAction(PLATFORM, "message this member privately")
        self.notes.add(user_id, text)
        link = f"https://t.me/{self.username}?start=notes"
        note = (f'<a href="tg://user?id={user_id}">{html.escape(member.label)}</a>, there is '
                f'a private note for you from the group\'s assistant. Please open '
                f'<a href="{link}">this link</a> and press Start to read it.')
        await self.talk.act("post in the group", chat, lambda: self.bot.send_message(
            tg_id(chat.id), note, parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True)))

    async def send_welcome(self, chat: ChatRef, member: MemberRef, text: str, *,
                           ask_to_agree: bool = False) -> str:
        """With ``ask_to_agree``, the welcome carries an "I agree" button: privately when the
        member has started the bot, otherwise as one note in the group."""
        if not ask_to_agree:
            return await super().send_welcome(chat, member, text)
        text, buttons = gate.with_button(text)[:4096], gate.keyboard(chat.id)
        user_id = tg_id(member.id)
        if user_id > 0:
            try:
                await self.api.call("send a private welcome", lambda: self.bot.send_message(
                    user_id, text, reply_markup=buttons))
                return WELCOMED
            except TelegramError as exc:  # never started the bot: the group note instead
                log.info("telegram_private_unreachable", reason=describe(exc))
        await self.talk.act("post in the group", chat, lambda: self.bot.send_message(
            tg_id(chat.id), text, reply_markup=buttons))
        return WELCOMED_IN_GROUP

    async def notify_moderators(self, chat: ChatRef, review: ReviewRequest) -> None:
        target = self.config.moderators_chat_for(chat.id)
        try:
            await self.api.call("notify moderators", lambda: self.bot.send_message(
                tg_id(target), cards.card_text(review), reply_markup=cards.keyboard(review)))
        except TelegramError as exc:
            raise ActionFailed(f"notify moderators: {describe(exc)}") from exc

    def moderators_chats(self) -> dict[str, tuple[str, ...]]:
        chats: dict[str, tuple[str, ...]] = {}
        for group in self.config.groups:
            target = self.config.moderators_chat_for(group.id)
            chats[target] = (*chats.get(target, ()), group.id)
        return chats

    def school_groups(self) -> tuple[ChatRef, ...]:
        return tuple(ChatRef(PLATFORM, g.id, g.title) for g in self.config.groups)

    async def can_remove(self, chat: ChatRef, member: MemberRef) -> bool:
        if not member.id.isdigit() or not self.bot_id:
            return False
        try:
            me = await self.api.call("check the bot's rights", lambda: self.bot.get_chat_member(
                tg_id(chat.id), self.bot_id))
            them = await self.api.call("check a membership", lambda: self.bot.get_chat_member(
                tg_id(chat.id), int(member.id)))
        except (TelegramError, ActionFailed) as exc:
            log.info("telegram_membership_unknown", chat=chat.id,
                     error=describe(exc) if isinstance(exc, TelegramError) else str(exc)[:200])
            return False  # when unsure, leave the group alone
        allowed = me.status == "administrator" and bool(getattr(me, "can_restrict_members",
                                                                False))
        return allowed and them.status in ("member", "restricted")

    async def send_to_moderators(self, moderators_chat: str, text: str) -> None:
        try:
            await self.api.call("post in the moderators' chat", lambda: self.bot.send_message(
                tg_id(moderators_chat), text))
        except TelegramError as exc:
            raise ActionFailed(f"post in the moderators' chat: {describe(exc)}") from exc

    async def is_moderator(self, chat: ChatRef, member: MemberRef) -> bool:
        """An admin of the group now (Telegram asked, the answer kept briefly)."""
        if member.id == chat.id:  # an anonymous admin posts as the group itself
            return True
        try:
            admins = await self._admins.get(chat.id, lambda: self._fetch_admins(chat))
        except (TelegramError, ActionFailed) as exc:
            log.warning("telegram_admins_unknown", chat=chat.id, error=str(exc)[:200])
            return False  # when unsure, refuse: a human can ask again
        return member.id.lstrip("-").isdigit() and int(member.id) in admins

    async def _fetch_admins(self, chat: ChatRef) -> frozenset[int]:
        admins = await self.api.call(
            "list admins", lambda: self.bot.get_chat_administrators(tg_id(chat.id)))
        return frozenset(a.user.id for a in admins if not a.user.is_bot)

    async def moderator_count(self, chat: ChatRef) -> int | None:
        """The group's human admins (the list `is_moderator` keeps); None when unknown."""
        await self.is_moderator(chat, MemberRef(PLATFORM, "0"))
        admins = self._admins.peek(chat.id)
        return len(admins) if admins is not None else None


async def _none(key: str) -> Sequence[IncidentRecord]:
    return ()


async def _none_waiting(member_key: str) -> Sequence[GateEntry]:
    return ()
