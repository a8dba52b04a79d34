"""Commands in moderated rooms (a member's ``/report``, and moderators' choices in the core
vocabulary, ``/delete`` ``/caution`` ``/mute`` ``/remove`` ``/escalate`` ``/keep`` and their
aliases, given as a reply) and moderators' answers to review cards in their room (a reaction,
or a reply with a choice). The flows are the core's (`civility.moderation`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import structlog

from civility import moderation
from civility._gate import agree_in_private, agrees
from civility.adapters.matrix import convert as cv
from civility.adapters.matrix.convert import member_ref
from civility.events import ChatRef, MemberRef, MessageRef
from civility.moderation import Answer, IsModerator, Primitives

if TYPE_CHECKING:
    from civility.adapters.matrix.inbound import Inbound

log = structlog.get_logger()


@attrs.frozen
class Actions:
    """What the commands do on Matrix: the adapter's actions, handed in as callables."""

    #: A private note (raises when the member cannot be reached).
    tell_privately: Callable[[MemberRef, str, ChatRef], Awaitable[None]]
    redact: Callable[[MessageRef], Awaitable[None]]
    post: Callable[[ChatRef, str, MessageRef | None], Awaitable[None]]
    is_moderator: IsModerator


def is_command(name: str) -> bool:
    """``/report`` or a moderator's choice: the slash commands handled in a moderated room."""
    return name.startswith("/") and (name == "/" + moderation.MEMBER_REPORT_WORD
                                     or moderation.choice_of(name, in_group=True) is not None)


def _primitives(inbound: Inbound, chat: ChatRef, source: Mapping[str, Any]) -> Primitives:
    async def tell(member: MemberRef, text: str) -> None:
        try:
            await inbound.actions.tell_privately(member, text, chat)
        except Exception as exc:
            log.info("matrix_private_note_failed", error=repr(exc))

    async def take_down() -> None:
        # The room must not see who reported a message.
        await inbound.actions.redact(MessageRef(chat, str(source.get("event_id"))))

    return Primitives(inbound.give, tell, inbound.actions.is_moderator, take_down)


async def command(inbound: Inbound, chat: ChatRef, source: Mapping[str, Any], order: cv.Command,
                  target: str | None) -> None:
    """A ``/report`` (anyone) or a moderator's command, given as a reply to a message."""
    user_id = str(source.get("sender"))
    sender = member_ref(user_id, inbound.name(chat.id, user_id))
    reported = await inbound.lookup(chat, target) if target else None
    ref = reported.ref if reported else (MessageRef(chat, target) if target else None)
    io = _primitives(inbound, chat, source)
    if order.name == "/" + moderation.MEMBER_REPORT_WORD:
        await moderation.member_report(io, reporter=sender, target=ref, reported=reported,
                                       reason=order.argument)
        return
    outcome = await moderation.group_command(
        io, chat=chat, moderator=sender,
        answer=moderation.parse_choice(f"{order.name} {order.argument}", in_group=True),
        target=reported.ref if reported else None,
        member=reported.sender if reported else None,
        text=reported.all_text if reported else "")
    if outcome is not None and outcome.refused:
        log.warning("matrix_command_refused", command=order.name, why=outcome.refused)


async def moderators_room(inbound: Inbound, room_id: str, source: Mapping[str, Any]) -> None:
    """A reaction on a review card, a reply to it, or ``/mod 12 remove`` anywhere in the room,
    is a moderator's answer."""
    cards = inbound.state.cards
    answer: Answer | None = None
    card: str | None = None
    if source.get("type") == "m.reaction":
        reacted = cv.reaction_target(source)
        if reacted is None or reacted[0] not in cards:
            return
        card, choice = reacted[0], cv.reaction_choice(reacted[1])
        answer = Answer(choice, word=moderation.word_for(choice)) if choice else None
    elif source.get("type") == "m.room.message" and not cv.edited_event(source):
        content = cv.sub(source, "content")
        target = cv.reply_target(content)
        card = target if target in cards else None
        answer = moderation.answer_in_moderators_chat(
            cv.strip_reply_fallback(cv.text(content, "body")), on_card=card is not None)
    if answer is None:
        return
    sender = str(source.get("sender"))
    moderator = member_ref(sender, inbound.name(room_id, sender))
    mods = ChatRef(cv.PLATFORM, room_id)
    where = MessageRef(mods, card or str(source.get("event_id")))

    async def reply(text: str) -> None:
        try:
            await inbound.actions.post(mods, text, where)
        except Exception as exc:
            log.error("moderators_unreachable", error=repr(exc))

    await moderation.card_answer(inbound.give, reply, moderator=moderator, answer=answer,
                                 incident=cards[card] if card else None)


async def direct_room(inbound: Inbound, room_id: str, source: Mapping[str, Any]) -> None:
    """A member's answer in the direct room of their private notices: "I agree" agrees to the
    code of conduct for each moderated room they wait in (the acknowledgement gate), "appeal
    [why]" appeals the decision (the core flows); anything else is left alone."""
    if source.get("type") != "m.room.message" or cv.edited_event(source):
        return
    sender = str(source.get("sender"))
    if inbound.state.dm_rooms.get(sender) != room_id:
        return
    text = cv.strip_reply_fallback(cv.text(cv.sub(source, "content"), "body"))
    if not (moderation.is_appeal(text) or agrees(text)):
        return
    member = member_ref(sender, inbound.name(room_id, sender))
    here = ChatRef(cv.PLATFORM, room_id)

    async def tell(answer: str) -> None:
        try:
            await inbound.actions.post(here, answer, None)
        except Exception as exc:
            log.info("matrix_private_note_failed", error=repr(exc))

    def name_of(chat: ChatRef) -> str | None:
        return inbound.chat(chat.id).title if chat.id in inbound.settings.room_ids else None

    if await agree_in_private(inbound.give, tell, waiting=inbound.gate_waiting, member=member,
                              text=text, time=cv.message_time(source), name_of=name_of):
        return
    if moderation.is_appeal(text):
        await moderation.member_appeal(inbound.give, tell, member=member, text=text)
