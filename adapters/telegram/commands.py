"""Commands and button presses: /report, /rules, moderators' /caution /remove /dismiss
/incidents, /start in a private chat, and presses on review cards.

A member's /report is deleted from the group at once and acknowledged privately only, so
neither the group nor the poster learns who reported. Moderator commands are checked against
the group's live admin list before anything is recorded.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from typing import TYPE_CHECKING

import structlog
from telegram import CallbackQuery
from telegram import Message as TgMessage

from civility.adapters.telegram import cards
from civility.adapters.telegram.convert import (
    Command,
    chat_ref,
    member_ref,
    message_ref,
    replied_message,
    sender_of,
    to_message,
)
from civility.events import ChatRef, Flag, FlagSource, MemberRef, ModeratorDecision, ReviewChoice

if TYPE_CHECKING:
    from civility.adapters.telegram.adapter import TelegramAdapter

log = structlog.get_logger()

CHOICES = {"caution": ReviewChoice.CAUTION, "remove": ReviewChoice.REMOVE,
           "dismiss": ReviewChoice.KEEP, "keep": ReviewChoice.KEEP,
           "delete": ReviewChoice.DELETE}
GROUP_HELP = ("To report a message to the moderators, reply to it with /report (and a reason "
              "if you like); your name is not shown. /rules shows the group's code of conduct.")
PRIVATE_HELP = ("Hello! I help the moderators of your school's parent groups. Notes for you "
                "from a group will appear here. " + GROUP_HELP)
REPORT_THANKS = ("Thank you. Your report has reached the group's moderators. Your name is not "
                 "shown to the group or to the person who posted the message.")


class PendingNotes:
    """Private notes for members who had not started the bot yet, handed over on /start.

    Kept in memory only and bounded: a restart forgets them (the group note is still there)."""

    def __init__(self, *, per_member: int = 5, members: int = 1000) -> None:
        self._notes: OrderedDict[int, deque[str]] = OrderedDict()
        self.per_member, self.members = per_member, members

    def add(self, user_id: int, text: str) -> None:
        queue = self._notes.setdefault(user_id, deque(maxlen=self.per_member))
        queue.append(text)
        self._notes.move_to_end(user_id)
        while len(self._notes) > self.members:
            self._notes.popitem(last=False)

    def take(self, user_id: int) -> list[str]:
        return list(self._notes.pop(user_id, ()))


class Commands:
    def __init__(self, adapter: TelegramAdapter) -> None:
        self.adapter = adapter

    # -- in a moderated group ------------------------------------------------------------

    async def on_group(self, msg: TgMessage, command: Command) -> bool:
        """Handle a command in a group; False when it is not ours (then it is a message)."""
        chat, who = chat_ref(msg.chat), sender_of(msg)
        if command.name == "report":
            await self._report(msg, command.args, who)
        elif command.name == "rules":
            await self.adapter.talk.reply(msg, cards.rules_text(self.adapter.rules_for(chat)))
        elif command.name in ("help", "start"):
            await self.adapter.talk.reply(msg, GROUP_HELP)
        elif command.name in CHOICES:
            await self._group_decision(msg, command, chat, who)
        elif command.name == "incidents":
            await self.adapter.delete_quietly(msg)
            if who is not None and await self.adapter.is_moderator(chat, who):
                await self.adapter.talk.tell(who, await self._incidents_of([chat]), fallback=True)
        else:
            return False
        return True

    async def _report(self, msg: TgMessage, reason: str, who: MemberRef | None) -> None:
        await self.adapter.delete_quietly(msg)  # first: the group must not see who reported
        reported = replied_message(msg)
        if reported is None or who is None:
            if who is not None:
                await self.adapter.talk.tell(who, "To report a message, reply to it with /report.")
            return
        await self.adapter.emit(Flag(message_ref(reported), FlagSource.MEMBER,
                                     reason=reason[:500], reporter=who, time=msg.date,
                                     reported=to_message(reported)))
        await self.adapter.talk.tell(who, REPORT_THANKS)

    async def _group_decision(self, msg: TgMessage, command: Command, chat: ChatRef,
                              who: MemberRef | None) -> None:
        await self.adapter.delete_quietly(msg)
        if who is None:
            return
        choice = CHOICES[command.name]
        target = replied_message(msg)
        refused = f"Only the group's admins can use /{command.name}."
        if target is None:
            if await self.adapter.is_moderator(chat, who):
                await self.adapter.talk.tell(who, f"Reply to the message with /{command.name}.")
            else:
                log.warning("telegram_command_refused", command=command.name, why="not an admin")
                await self.adapter.talk.tell(who, refused)
            return
        posted = to_message(target)
        # The engine checks the admin list and writes a refusal to the audit trail.
        outcome = await self.adapter.emit(ModeratorDecision(
            0, choice, who, note=command.args[:500], message=message_ref(target),
            member=sender_of(target), text=posted.all_text if posted else "", time=msg.date))
        if outcome is not None and "not a moderator" in outcome.refused:
            log.warning("telegram_command_refused", command=command.name, why="not an admin")
            await self.adapter.talk.tell(who, refused)
            return
        await self.adapter.talk.tell(who, cards.outcome_text(outcome, choice), fallback=True)

    # -- in the moderators' chat ---------------------------------------------------------

    async def on_moderators_chat(self, msg: TgMessage, command: Command) -> None:
        who = sender_of(msg)
        if who is None:
            return
        if command.name == "incidents":
            groups = [ChatRef(chat_ref(msg.chat).platform, g.id) for g in self.adapter.config.groups
                      if self.adapter.config.moderators_chat_for(g.id) == str(msg.chat.id)]
            mine = [g for g in groups if await self.adapter.is_moderator(g, who)]
            text = await self._incidents_of(mine) if mine else \
                "Only admins of the groups can list their incidents."
            await self.adapter.talk.reply(msg, text)
            return
        if command.name not in CHOICES:
            return
        choice = CHOICES[command.name]
        words = command.args.split(maxsplit=1)
        if words and words[0].lstrip("#").isdigit():
            incident: int | None = int(words[0].lstrip("#"))
            note = words[1] if len(words) > 1 else ""
        else:
            card = msg.reply_to_message
            incident, note = cards.incident_on_card(card.text if card else None), command.args
        if not incident:
            await self.adapter.talk.reply(msg, f"Reply to a review card with /{command.name}, or "
                                          f"give the incident number: /{command.name} 12")
            return
        outcome = await self.adapter.emit(ModeratorDecision(incident, choice, who,
                                                            note=note[:500], time=msg.date))
        await self.adapter.talk.reply(msg, cards.outcome_text(outcome, choice, incident))

    async def _incidents_of(self, chats: list[ChatRef]) -> str:
        parts = []
        for chat in chats:
            found = await self.adapter.open_incidents(chat.key)
            parts.append(cards.incidents_text(chat.title or chat.id, found))
        return "\n\n".join(parts)[:4096] or "No groups."

    # -- privately, and button presses ----------------------------------------------------

    async def on_private(self, msg: TgMessage, command: Command | None) -> None:
        """/start (often from the link in a group note) hands over waiting notes."""
        if msg.from_user is None:
            return
        notes = self.adapter.notes.take(msg.from_user.id)
        for note in notes:
            await self.adapter.talk.reply(msg, note, quote=False)
        if not notes and command is not None and command.name in ("start", "help"):
            await self.adapter.talk.reply(msg, PRIVATE_HELP, quote=False)

    async def on_press(self, query: CallbackQuery) -> None:
        parsed = cards.parse_callback(query.data)
        if parsed is None:
            await self.adapter.talk.answer(query, "")
            return
        incident, choice = parsed
        who = member_ref(query.from_user)
        outcome = await self.adapter.emit(ModeratorDecision(incident, choice, who))
        refused = str(getattr(outcome, "refused", "") or "")
        if refused:
            await self.adapter.talk.answer(query, f"Not done: {refused}.", alert=True)
            return
        await self.adapter.talk.answer(query, cards.outcome_text(outcome, choice, incident)[:200])
        card = query.message
        if isinstance(card, TgMessage) and card.text:
            await self.adapter.talk.edit_card(card, cards.decided_text(
                card.text, who.label, choice, tuple(getattr(outcome, "done", ()))))
