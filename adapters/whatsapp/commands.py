"""Moderators' and members' commands, as typed in WhatsApp, in the core vocabulary
(`civility.moderation`): the same words as on every platform.

In the moderators' group: reply to a review card with a choice (``keep``, ``delete``,
``caution``, ``mute``, ``remove``, ``report``, or an alias; a note may follow), or write
``/mod 12 remove``. In a parents' group an admin replies to a message with ``/delete``,
``/caution``, ``/mute``, ``/remove`` or ``/escalate``; any member replies with
``/report [reason]`` to report it to the moderators.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import attrs

from civility import moderation
from civility._appeals import NOTHING_TO_APPEAL
from civility.events import Appeal, CaseCommand, Flag, MemberRef, Message, ModeratorDecision, ReviewChoice
from civility.moderation import Answer, Emit, Primitives
from civility.verdicts import Outcome


@attrs.frozen
class Command:
    choice: ReviewChoice
    incident_id: int = 0
    note: str = ""
    #: A member's ``/report``: to the moderators, not a moderator's choice.
    member_report: bool = False


def _command(answer: Answer | None) -> Command | None:
    if answer is None or answer.choice is None:
        return None
    return Command(answer.choice, answer.incident, answer.note)


def card_answer(text: str, *, on_card: bool = True) -> Command | None:
    """A moderator's answer: ``remove [note]`` replying to a card, or ``/mod N choice``."""
    return _command(moderation.answer_in_moderators_chat(text, on_card=on_card))


def group_command(text: str) -> Command | None:
    """``/remove``, ``/delete``, ``/caution``, ``/mute``, ``/escalate``, ``/keep`` (or an alias)
    given in a group, or a member's ``/report``; None for anything else."""
    stripped = text.strip()
    first = stripped.split(maxsplit=1)[0] if stripped else ""
    if not first.startswith("/"):
        return None
    if first.lower() == "/" + moderation.MEMBER_REPORT_WORD:
        note = stripped[len(first):].strip()[:moderation.MAX_NOTE]
        return Command(ReviewChoice.REPORT, note=note, member_report=True)
    if moderation.choice_of(first, in_group=True) is None:
        return None
    return _command(moderation.parse_choice(stripped, in_group=True))


CARD_HELP = moderation.card_help("{id}")  # formatted with the incident


async def in_group(io: Primitives, message: Message, command: Command,
                   reported: Message | None) -> Outcome | None:
    """A ``/command`` given as a reply in a parents' group: a member's report or a
    moderator's choice (the core flows)."""
    target = message.reply_to
    if command.member_report:
        return await moderation.member_report(io, reporter=message.sender, target=target,
                                              reported=reported, reason=command.note,
                                              time=message.time)
    word = moderation.word_for(command.choice)
    answer = Answer(command.choice, command.note, word=moderation.GROUP_REPORT_WORD
                    if command.choice is ReviewChoice.REPORT else word)
    return await moderation.group_command(
        io, chat=message.chat, moderator=message.sender, answer=answer, target=target,
        member=target.sender if target else None, text=reported.all_text if reported else "",
        time=message.time)


async def in_moderators_group(emit: Emit, reply: Callable[[str], Awaitable[None]],
                              message: Message, card_incident: int | None) -> Outcome | None:
    """A message in the moderators' group: an answer to a card, ``/mod N choice``, or their
    own conversation (left alone)."""
    answer = moderation.answer_in_moderators_chat(message.text, on_card=bool(card_incident))
    if answer is None:
        return None
    return await moderation.card_answer(emit, reply, moderator=message.sender, answer=answer,
                                        incident=card_incident, time=message.time)


async def in_private(give: Emit, tell: Callable[[str], Awaitable[None]], message: Message,
                     alias: str = "") -> Outcome | None:
    """A member's private message: "appeal [why]" appeals the decision they were told of (as
    the member's other id, the phone number or the LID, when the first finds nothing)."""
    if not moderation.is_appeal(message.text):
        return None

    async def emit(event: Flag | ModeratorDecision | CaseCommand | Appeal) -> Outcome | None:
        outcome = await give(event)
        if isinstance(event, Appeal) and alias and outcome is not None \
                and outcome.refused == NOTHING_TO_APPEAL:
            other = MemberRef(event.member.platform, alias, event.member.display_name)
            outcome = await give(attrs.evolve(event, member=other))
        return outcome

    return await moderation.member_appeal(emit, tell, member=message.sender, text=message.text,
                                          time=message.time)


def quiet_tell(send: Callable[[MemberRef, str], Awaitable[None]]
               ) -> Callable[[MemberRef, str], Awaitable[None]]:
    """A private note that never raises (WhatsApp reaches only members who wrote first)."""
    async def tell(member: MemberRef, text: str) -> None:
        try:
            await send(member, text)
        except Exception:  # unsupported or failed: the command has been handled all the same
            return
    return tell


__all__ = ["CARD_HELP", "Command", "card_answer", "group_command", "in_group",
           "in_moderators_group", "in_private", "quiet_tell"]
