"""Commands in moderated rooms (``/report``, and moderators' ``/delete``, ``/caution``,
``/remove`` given as a reply) and moderators' answers to review cards in their room."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import structlog

from civility.adapters.matrix import convert as cv
from civility.adapters.matrix.convert import member_ref
from civility.events import (
    ChatRef,
    Flag,
    FlagSource,
    MemberRef,
    MessageRef,
    ModeratorDecision,
    ReviewChoice,
)

if TYPE_CHECKING:
    from civility.adapters.matrix.inbound import Inbound

log = structlog.get_logger()

THANKS = ("Thank you: your report was passed to the group's moderators. Your name is not shown "
          "to anyone.")
HOW_TO_REPORT = "To report a message, reply to it with /report and, if you like, a reason."


async def command(inbound: Inbound, chat: ChatRef, source: Mapping[str, Any], order: cv.Command,
                  target: str | None) -> None:
    """A ``/report`` (anyone) or a moderator's command, given as a reply to a message."""
    user_id = str(source.get("sender"))
    sender = member_ref(user_id, inbound.name(chat.id, user_id))
    # Remove the command itself: the room must not see who reported a message.
    with contextlib.suppress(Exception):
        await inbound.adapter.delete_message(MessageRef(chat, str(source.get("event_id"))))
    reported = await inbound.lookup(chat, target) if target else None
    if order.name == cv.REPORT_COMMAND:
        if target is None:
            await _tell(inbound, sender, HOW_TO_REPORT, chat)
            return
        ref = reported.ref if reported else MessageRef(chat, target)
        await inbound.give(Flag(ref, FlagSource.MEMBER, reason=order.argument[:500],
                                reporter=sender, reported=reported))
        await _tell(inbound, sender, THANKS, chat)
        return
    if reported is None:
        log.info("matrix_command_without_target", command=order.name)
        return
    outcome = await inbound.give(ModeratorDecision(
        0, cv.MOD_COMMANDS[order.name], sender, note=order.argument[:500],
        message=reported.ref, member=reported.sender, text=reported.all_text))
    if getattr(outcome, "refused", ""):
        log.warning("matrix_command_refused", command=order.name, why=outcome.refused)


async def _tell(inbound: Inbound, member: MemberRef, text: str, chat: ChatRef) -> None:
    try:
        await inbound.adapter.send_private(member, text, chat=chat)
    except Exception as exc:
        log.info("matrix_private_note_failed", error=repr(exc))


async def moderators_room(inbound: Inbound, room_id: str, source: Mapping[str, Any]) -> None:
    """A reaction on a review card, or a reply to it, is a moderator's answer."""
    cards = inbound.adapter.state.cards
    answer: tuple[ReviewChoice, str] | None = None
    if source.get("type") == "m.reaction":
        reacted = cv.reaction_target(source)
        if reacted is None or reacted[0] not in cards:
            return
        card, choice = reacted[0], cv.reaction_choice(reacted[1])
        answer = (choice, "") if choice else None
    elif source.get("type") == "m.room.message" and not cv.edited_event(source):
        content = cv.sub(source, "content")
        target = cv.reply_target(content)
        if target is None or target not in cards:
            return
        card, answer = target, cv.reply_choice(cv.text(content, "body"))
    if answer is None:
        return
    sender = str(source.get("sender"))
    moderator = member_ref(sender, inbound.name(room_id, sender))
    outcome = await inbound.give(ModeratorDecision(cards[card], answer[0], moderator,
                                                   note=answer[1][:500]))
    await inbound.adapter.reply_to_card(card, cards[card], answer[0], moderator, outcome)
