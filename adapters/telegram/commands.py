"""Commands and button presses: /report, /rules, moderators' choices (the core vocabulary:
/keep /delete /caution /mute /remove /escalate and their aliases) and /incidents, /start in a
private chat, and presses on review cards.

The flows (a member's report, a moderator's command, an answer to a card) are the core's
(`civility.moderation`); this module gives them Telegram's primitives.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable, Sequence

import attrs
import structlog
from telegram import CallbackQuery
from telegram import Message as TgMessage

from civility import moderation
from civility._memo import Recent
from civility.adapters.telegram import cards
from civility.adapters.telegram.config import TelegramConfig
from civility.adapters.telegram.convert import (
    Command,
    chat_ref,
    member_ref,
    message_ref,
    replied_message,
    sender_of,
    to_message,
)
from civility.adapters.telegram.talk import Talk
from civility.events import ChatRef, MemberRef, ModeratorDecision
from civility.store import IncidentRecord
from civility.verdicts import Outcome, Rule

log = structlog.get_logger()

GROUP_HELP = (moderation.HOW_TO_REPORT + " /rules shows the group's code of conduct.")
PRIVATE_HELP = ("Hello! I help the moderators of your school's parent groups. Notes for you "
                "from a group will appear here. " + GROUP_HELP)


def group_answer(command: Command) -> moderation.Answer | None:
    """A moderator's choice given in a group; None when the command is not one (``/report``
    there is the member's report)."""
    if moderation.choice_of(command.name, in_group=True) is None:
        return None
    return moderation.parse_choice(f"{command.name} {command.args}", in_group=True)


def moderators_answer(command: Command) -> moderation.Answer | None:
    """A moderator's answer in the moderators' chat (``/remove 12``, ``/mod 12 warn``)."""
    if not moderation.is_moderator_word(command.name):
        return None
    return moderation.parse_choice(f"{command.name} {command.args}")


class PendingNotes:
    """Private notes for members who had not started the bot yet, handed over on /start.

    Kept in memory only and bounded: a restart forgets them (the group note is still there)."""

    def __init__(self, *, per_member: int = 5, members: int = 1000) -> None:
        self.per_member = per_member
        self._notes: Recent[int, deque[str]] = Recent(members)

    def add(self, user_id: int, text: str) -> None:
        self._notes.setdefault(user_id, lambda: deque(maxlen=self.per_member)).append(text)

    def take(self, user_id: int) -> list[str]:
        return list(self._notes.pop(user_id) or ())


@attrs.frozen
class Services:
    """What the commands need from the adapter, and nothing more: talking to Telegram, the
    waiting notes, the config, and a few callables (handed in, so the commands never hold the
    adapter)."""

    talk: Talk
    notes: PendingNotes
    config: TelegramConfig
    emit: moderation.Emit
    is_moderator: moderation.IsModerator
    #: Delete a command message; failures are logged (and missing rights told) elsewhere.
    delete_quietly: Callable[[TgMessage], Awaitable[None]]
    rules_for: Callable[[ChatRef], Sequence[Rule]]
    #: A group's open incidents, by chat key (for /incidents).
    open_incidents: Callable[[str], Awaitable[Sequence[IncidentRecord]]]


class Commands:
    def __init__(self, services: Services) -> None:
        self.services = services

    def _primitives(self, msg: TgMessage, *, moderator: bool) -> moderation.Primitives:
        s = self.services

        async def tell(member: MemberRef, text: str) -> None:
            # A moderator who never started the bot is told in the moderators' chat instead.
            await s.talk.tell(member, text, fallback=moderator)

        async def take_down() -> None:
            await s.delete_quietly(msg)

        return moderation.Primitives(s.emit, tell, s.is_moderator, take_down)

    # -- in a moderated group ------------------------------------------------------------

    async def on_group(self, msg: TgMessage, command: Command) -> bool:
        """Handle a command in a group; False when it is not ours (then it is a message)."""
        chat, who = chat_ref(msg.chat), sender_of(msg)
        if command.name == moderation.MEMBER_REPORT_WORD:
            await self._report(msg, command.args, who)
        elif command.name == "rules":
            await self.services.talk.reply(msg, cards.rules_text(self.services.rules_for(chat)))
        elif command.name in ("help", "start"):
            await self.services.talk.reply(msg, GROUP_HELP)
        elif (answer := group_answer(command)) is not None:
            await self._group_decision(msg, answer, chat, who)
        elif command.name == "incidents":
            await self.services.delete_quietly(msg)
            if who is not None and await self.services.is_moderator(chat, who):
                await self.services.talk.tell(who, await self._incidents_of([chat]), fallback=True)
        else:
            return False
        return True

    async def _report(self, msg: TgMessage, reason: str, who: MemberRef | None) -> None:
        if who is None:  # an anonymous admin or a channel: nobody to thank
            await self.services.delete_quietly(msg)
            return
        reported = replied_message(msg)
        await moderation.member_report(
            self._primitives(msg, moderator=False), reporter=who,
            target=message_ref(reported) if reported else None,
            reported=to_message(reported) if reported else None, reason=reason, time=msg.date)

    async def _group_decision(self, msg: TgMessage, answer: moderation.Answer, chat: ChatRef,
                              who: MemberRef | None) -> None:
        if who is None:
            await self.services.delete_quietly(msg)
            return
        target = replied_message(msg)
        posted = to_message(target) if target else None
        await moderation.group_command(
            self._primitives(msg, moderator=True), chat=chat, moderator=who,
            answer=answer, target=message_ref(target) if target else None,
            member=sender_of(target) if target else None,
            text=posted.all_text if posted else "", time=msg.date)

    # -- in the moderators' chat ---------------------------------------------------------

    async def on_moderators_chat(self, msg: TgMessage, command: Command) -> None:
        who = sender_of(msg)
        if who is None:
            return
        if command.name == "incidents":
            groups = [ChatRef(chat_ref(msg.chat).platform, g.id) for g in self.services.config.groups
                      if self.services.config.moderators_chat_for(g.id) == str(msg.chat.id)]
            mine = [g for g in groups if await self.services.is_moderator(g, who)]
            text = await self._incidents_of(mine) if mine else \
                "Only admins of the groups can list their incidents."
            await self.services.talk.reply(msg, text)
            return
        if command.name == "help":
            await self.services.talk.reply(msg, moderation.commands_help())
            return
        answer = moderators_answer(command)
        if answer is None:
            return
        card = msg.reply_to_message

        async def reply(text: str) -> None:
            await self.services.talk.reply(msg, text)

        await moderation.card_answer(
            self.services.emit, reply, moderator=who,
            answer=answer, incident=cards.incident_on_card(card.text if card else None), time=msg.date)

    async def _incidents_of(self, chats: list[ChatRef]) -> str:
        parts = []
        for chat in chats:
            found = await self.services.open_incidents(chat.key)
            parts.append(cards.incidents_text(chat.title or chat.id, found))
        return "\n\n".join(parts)[:4096] or "No groups."

    # -- privately, and button presses ----------------------------------------------------

    async def on_private(self, msg: TgMessage, command: Command | None) -> None:
        """/start (often from the link in a group note) hands over waiting notes."""
        if msg.from_user is None:
            return
        if (command is None and moderation.is_appeal(msg.text or "")) \
                or (command is not None and command.name == moderation.APPEAL_WORD):
            await self._appeal(msg)
            return
        notes = self.services.notes.take(msg.from_user.id)
        for note in notes:
            await self.services.talk.reply(msg, note, quote=False)
        if not notes and command is not None and command.name in ("start", "help"):
            await self.services.talk.reply(msg, PRIVATE_HELP, quote=False)

    async def _appeal(self, msg: TgMessage) -> None:
        """A member answers a private notice with "appeal [why]" (or /appeal)."""
        who = sender_of(msg)
        if who is None:
            return

        async def tell(text: str) -> None:
            await self.services.talk.reply(msg, text, quote=False)

        await moderation.member_appeal(self.services.emit, tell, member=who,
                                       text=(msg.text or "").lstrip("/"), time=msg.date)

    async def _appeal_pressed(self, query: CallbackQuery) -> None:
        """The "Appeal" button under a private notice: the same appeal as the word."""
        who = member_ref(query.from_user)
        card = query.message
        said: list[str] = []

        async def tell(text: str) -> None:
            said.append(text)
            await self.services.talk.tell(who, text)

        sent = card.date if isinstance(card, TgMessage) else None
        # The press's identity is the notice it is under: a second press is the same appeal.
        await moderation.member_appeal(self.services.emit, tell, member=who, text="appeal",
                                       time=sent)
        await self.services.talk.answer(query, (said[-1] if said else "")[:200])

    async def on_press(self, query: CallbackQuery) -> None:
        if query.data == cards.APPEAL_DATA:
            await self._appeal_pressed(query)
            return
        parsed = cards.parse_callback(query.data)
        if parsed is None:
            await self.services.talk.answer(query, "")
            return
        incident, choice = parsed
        who = member_ref(query.from_user)
        outcome = await self.services.emit(ModeratorDecision(incident, choice, who)) or Outcome()
        waiting = moderation.WAITS in outcome.refused  # recorded: a second moderator is asked
        if outcome.refused and not waiting:
            await self.services.talk.answer(query, f"Not done: {outcome.refused}.", alert=True)
            return
        text = moderation.outcome_text(outcome, choice, incident=incident)
        await self.services.talk.answer(query, text[:200], alert=waiting)
        card = query.message
        if isinstance(card, TgMessage) and card.text and not outcome.retry and not waiting:
            await self.services.talk.edit_card(card, cards.decided_text(
                card.text, who.label, choice, outcome.done))
