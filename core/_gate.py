"""The acknowledgement gate: a new member agrees to the code of conduct before their messages
stay up.

Which chats have a gate is a policy's answer (`civility_gate`; the safety plugin's
``acknowledge`` setting). Only members who join while the gate is on are gated: members who
were there before never are. Until a gated member agrees (the welcome's button where the
platform has buttons, or "I agree" sent in the group or privately to the bot), each of their
messages is held: the decision gains `Step.HOLD` (removed from the group, a review card for
moderators, the member told once how to agree), recorded and carried out like any other
decision. A private "I agree" (`agree_in_private`) agrees for every group the member is waiting
in: one `Acknowledged` per group.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable, Sequence

import structlog

from civility.adapter import RetryLater
from civility.events import Acknowledged, ChatRef, MemberRef
from civility.store._records import GateEntry, StoreUnavailable
from civility.verdicts import Decision, Evidence, Outcome, Rule, Step, Verdict

log = structlog.get_logger()

#: What a member sends in the group, or privately to the bot, to agree (every platform).
AGREE_WORDS = "I agree"

#: How to agree, in the welcome's words (Telegram's button rewrites this phrase).
HOW_TO_AGREE = f'send "{AGREE_WORDS}" in the group, or to me in a private message'

#: Added to the welcome when the chat has a gate.
PROMPT = ("Before your messages can stay up in the group, please agree to this code of "
          f"conduct: {HOW_TO_AGREE}. Until then, a moderator "
          "looks at each of your messages before it appears.")

#: The welcome when the policy writes none but the chat has a gate.
PLAIN_WELCOME = ("Welcome to the group! It has a code of conduct that keeps it kind and "
                 "useful for every family (send /rules to read it).")

#: What the hold's evidence says, for the moderators' card.
WAITING = "a new member who has not yet agreed to the code of conduct"

#: Outcome words: the member agreed now, or had already (or was never asked).
AGREED = "agreed to the code of conduct"
NOTHING_TO_AGREE = "nothing to agree to (already agreed, or not a new member)"

_LONGEST = 160
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Bounded alternatives, no nested repeats: linear in the (already short) normalised text.
_AGREEMENT = re.compile(
    r"(?:(?:yes|ok|okay|sure|done)\s)?(?:i\s)?(?:have\s)?(?:read\s(?:it\s|this\s|them\s)?and\s)?"
    r"(?:do\s)?(?:agree|agreed|accept|accepted)"
    r"(?:\s(?:to|with))?(?:\s(?:the|this|these|our|your|all))?"
    r"(?:\s(?:group\s|groups\s|group\ss\s)?(?:code\sof\sconduct|code|rules|terms|conduct))?"
    r"(?:\s(?:thank\syou|thanks|thx))?")


def agrees(text: str) -> bool:
    """Whether a message is a member agreeing to the code ("I agree", "Agreed, thanks!", "yes
    I accept the rules 👍"), and nothing more: "I agree with Sarah about the trip" is not."""
    if not text or len(text) > _LONGEST:
        return False
    words = _NOT_WORD.sub(" ", text.lower()).strip()
    return bool(words) and _AGREEMENT.fullmatch(words) is not None


def hold_verdict(rule: Rule) -> Verdict:
    """The verdict that holds a gated member's message, under the gate's rule."""
    return Verdict(rule.id, rule.clause, rule.severity, 1.0,
                   evidence=(Evidence("gate", "", detail=WAITING),),
                   suggested=Step.HOLD)


def held(decision: Decision, verdict: Verdict) -> Decision:
    """``decision`` (what the message's own breaches called for, if any) with the hold: the
    message removed, kept for moderators, the member told how to agree. The hold itself adds
    no strike points."""
    steps = {*decision.steps, Step.DELETE, Step.HOLD, Step.REVIEW}
    return Decision(steps=tuple(sorted(steps, key=lambda s: s.rank)), pending=decision.pending,
                    verdicts=(*decision.verdicts, verdict),
                    points_before=decision.points_before, points_after=decision.points_after,
                    reason=decision.reason or "held until the member agrees to the code")


def hold_of(decision: Decision) -> Verdict | None:
    """The hold's verdict in a decision, if it is a hold."""
    return next((v for v in decision.verdicts if v.suggested is Step.HOLD), None)


def repost_text(name: str, text: str) -> str:
    """A held message a moderator kept, posted again in the group."""
    return f"{name} wrote (a new member's message, approved by a moderator):\n\n{text}"


#: A member's entries in chats where they have not yet agreed (``Store.gate_waiting``).
Waiting = Callable[[str], Awaitable[Sequence[GateEntry]]]


async def agree_in_private(give: Callable[[Acknowledged], Awaitable[Outcome | None]],
                           tell: Callable[[str], Awaitable[None]], *, waiting: Waiting,
                           member: MemberRef, text: str, time: dt.datetime,
                           name_of: Callable[[ChatRef], str | None],
                           also: Sequence[MemberRef] = ()) -> bool:
    """A member's private message to the bot: when it agrees and they are waiting behind a
    gate, hand the engine one `Acknowledged` per group they wait in (``name_of`` names a group
    the adapter moderates, None for any other) and thank them once, naming the groups. False
    (nothing done, nothing said) for any other message or a member who is not waiting, so a
    repeat is silent. ``also``: the member's other ids (WhatsApp's phone number and LID).
    ``give`` raises when the engine could not record an agreement, and so does this (the
    adapter's `RetryLater`) when the store cannot be read: no thanks are sent then, and the
    message, delivered again, agrees for the groups still waiting."""
    if not agrees(text):
        return False
    agreed_in: list[str] = []
    for who in (member, *also):
        try:
            entries = await waiting(who.key)
        except StoreUnavailable as exc:
            log.warning("store_unavailable", event_type="private agreement", retry=True)
            raise RetryLater(str(exc)) from exc
        for entry in entries:
            chat = _chat_of(entry.chat_key, who.platform)
            name = name_of(chat) if chat is not None else None
            if chat is None or name is None:
                continue
            outcome = await give(Acknowledged(ChatRef(chat.platform, chat.id, name), who, time))
            if outcome is not None and AGREED in outcome.done:
                agreed_in.append(name)
    if not agreed_in:
        return False
    log.info("member_agreed_privately", groups=len(agreed_in))
    await tell(thanks(agreed_in))
    return True


def thanks(names: Sequence[str]) -> str:
    """The reply to a private "I agree", naming the groups it agreed for."""
    if len(names) == 1:
        where = names[0] or "the group"
    elif all(names):
        where = f"{', '.join(names[:-1])} and {names[-1]}"
    else:
        where = f"your {len(names)} groups"
    return f"Thank you, your messages will now stay up in {where}."


def _chat_of(chat_key: str, platform: str) -> ChatRef | None:
    """The chat of a store key (``platform:id``), when it is on this platform."""
    found, _, chat_id = chat_key.partition(":")
    return ChatRef(platform, chat_id) if found == platform and chat_id else None
