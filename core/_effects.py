"""What a recorded decision does in the world: one small interface, three implementations.

- `LiveEffects` acts on the group through its adapter (delete, notices, mute, remove, the
  incident report e-mail) and asks moderators with a review card;
- `AdviseEffects` (advise mode) never touches the group: moderators get the card, nothing else;
- `OfflineEffects` (``civility scan``, no adapter) does nothing: decide and record only.

Each plans the actions an event needs (names, written to the store before anything is done)
and performs one of them, returning its state; anything the platform cannot do is recommended
to a human moderator instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Protocol

import attrs
import structlog

from civility._gate import hold_of, repost_text
from civility._logging import error_fields
from civility.adapter import ActionFailed, BaseAdapter, ReviewRequest, UnsupportedAction
from civility.context import PolicyContext
from civility.events import MemberRef, Message, Removal, RemovalKind, ReviewChoice
from civility.moderation import HOW_TO_APPEAL
from civility.store import DONE, FAILED, RECOMMENDED, SKIPPED, ActionState
from civility.verdicts import Decision, Step

log = structlog.get_logger()

#: Steps that need the moderators' attention: one review card carries them all.
REVIEW_STEPS = frozenset({Step.REVIEW, Step.PROPOSE_REMOVAL})
#: Steps carried out on the member, in the decision's order, after the delete.
_MEMBER_STEPS = (Step.NUDGE, Step.CAUTION, Step.MUTE, Step.REMOVE, Step.REPORT_INCIDENT)
EXCERPT = 300

#: A card only if an earlier action had to be left to a human (the Actor decides which).
REVIEW_IF_NEEDED = "review_if_needed"
#: A neutral note to the group after a delete (a suspected scam was removed; no names).
GROUP_NOTE = "group_note"
#: Fair outcomes (issue 14): the member is told their message stands (a keep after a notice),
#: or how their appeal went; moderators get an appeal's card; a removed member is let back.
MESSAGE_STANDS = "message_stands"
APPEAL_OUTCOME = "appeal_outcome"
APPEAL_CARD = "appeal_card"
READMIT = "readmit"
#: Told to the member privately, at most once (see `civility._actions.AT_MOST_ONCE`).
MEMBER_TEXTS = frozenset({MESSAGE_STANDS, APPEAL_OUTCOME})
#: A held message a moderator kept, posted again in the group (the acknowledgement gate).
REPOST = "repost"
#: The group note when a held member cannot be told privately: no names, only how to agree.
HOLD_IN_GROUP = ("Welcome to our new members! Messages from new members wait for a moderator "
                 'until they agree to the group\'s code of conduct: just send "I agree" in '
                 "the group. Thank you!")
_REMINDER = ("A gentle reminder of our group's code of conduct: please keep messages "
             "supportive, respectful and about school life. Thank you!")


async def _tell(message: Message) -> bool:
    return True


@attrs.frozen
class Job:
    """What carrying out one recorded event needs to know."""

    message: Message
    decision: Decision
    context: PolicyContext
    incident_id: int | None
    reasons: tuple[str, ...] = ()
    source: str = "rule"
    #: For a moderator's answer: who answered, and their note.
    moderator: MemberRef | None = None
    note: str = ""
    #: What the member is told privately of a moderator's decision (`MEMBER_TEXTS`).
    member_text: str = ""


@attrs.frozen
class Tools:
    """The few things acting needs from the engine."""

    notice: Callable[[Decision, PolicyContext], str]
    clock: Callable[[], dt.datetime]
    mute_hours: float
    #: E-mail the incident report; False when no SMTP or leadership address is configured.
    send_report: Callable[[int], Awaitable[bool]]
    #: Tell plugins (and the audit trail) that Civility removed a member.
    removed: Callable[[Removal], Awaitable[object]]
    #: A decision's neutral note for the group once its message is removed ("" for none).
    group_note: Callable[[Decision], str] = lambda decision: ""
    #: Whether a held member is still to be told how to agree (durably noted as told, so
    #: they are told once however many of their messages are held).
    tell_once: Callable[[Message], Awaitable[bool]] = _tell


class Effects(Protocol):
    advise: bool

    def message_actions(self, decision: Decision) -> tuple[str, ...]:
        """The actions a message's decision needs, in the order they are carried out."""
        ...

    def report_actions(self) -> tuple[str, ...]:
        """The actions a member's report needs (a card, unless offline)."""
        ...

    def choice_actions(self, choice: ReviewChoice, *, deleted: bool, told: bool = False,
                       appeal: bool = False) -> tuple[str, ...]:
        """The actions a moderator's answer needs; ``deleted``: the message already is;
        ``told``: the member had a notice about it; ``appeal``: the answer decides the
        member's appeal (they are told the outcome instead of a second caution)."""
        ...

    def appeal_actions(self) -> tuple[str, ...]:
        """The actions a member's appeal needs (the moderators' card, unless offline)."""
        ...

    async def perform(self, name: str, job: Job, so_far: Sequence[ActionState]) -> ActionState:
        """Do one action; ``so_far`` are the states of the actions before it."""
        ...


def done(label: str) -> ActionState:
    return ActionState(label, DONE, {"done": label})


class OfflineEffects:
    """No platform at all (``civility scan``): decisions are recorded, nothing is done."""

    advise = False

    def message_actions(self, decision: Decision) -> tuple[str, ...]:
        return ()

    def report_actions(self) -> tuple[str, ...]:
        return ()

    def choice_actions(self, choice: ReviewChoice, *, deleted: bool, told: bool = False,
                       appeal: bool = False) -> tuple[str, ...]:
        return ()

    def appeal_actions(self) -> tuple[str, ...]:
        return ()

    async def perform(self, name: str, job: Job, so_far: Sequence[ActionState]) -> ActionState:
        return ActionState(name, SKIPPED)


class AdviseEffects:
    """Advise mode: moderators get every card, the group is never touched."""

    advise = True

    def __init__(self, adapter: BaseAdapter) -> None:
        self.adapter = adapter

    def message_actions(self, decision: Decision) -> tuple[str, ...]:
        return ("review",)

    def report_actions(self) -> tuple[str, ...]:
        return ("review",)

    def choice_actions(self, choice: ReviewChoice, *, deleted: bool, told: bool = False,
                       appeal: bool = False) -> tuple[str, ...]:
        return ()

    def appeal_actions(self) -> tuple[str, ...]:
        return (APPEAL_CARD,)

    async def perform(self, name: str, job: Job, so_far: Sequence[ActionState]) -> ActionState:
        if name not in ("review", APPEAL_CARD):
            return ActionState(name, SKIPPED)
        return await card(self.adapter, job, so_far, advise=True)


class LiveEffects:
    """Acting on the group through the platform's adapter."""

    advise = False

    def __init__(self, adapter: BaseAdapter, tools: Tools) -> None:
        self.adapter = adapter
        self.tools = tools

    def message_actions(self, decision: Decision) -> tuple[str, ...]:
        names = ["delete"] if decision.has(Step.DELETE) else []
        if names and self.tools.group_note(decision):
            names.append(GROUP_NOTE)
        if decision.has(Step.HOLD):
            names.append(Step.HOLD.value)
        names += [s.value for s in decision.steps if s in _MEMBER_STEPS]
        asks = REVIEW_STEPS & set(decision.steps) or decision.pending
        names.append("review" if asks else REVIEW_IF_NEEDED)
        return tuple(names)

    def report_actions(self) -> tuple[str, ...]:
        return ("review",)

    def appeal_actions(self) -> tuple[str, ...]:
        return (APPEAL_CARD,)

    def choice_actions(self, choice: ReviewChoice, *, deleted: bool, told: bool = False,
                       appeal: bool = False) -> tuple[str, ...]:
        names = []
        if not deleted and choice in (ReviewChoice.DELETE, ReviewChoice.CAUTION,
                                      ReviewChoice.REMOVE):
            names.append("delete")
        if appeal:  # the member hears the outcome (not a second caution)
            names.append(APPEAL_OUTCOME)
        elif choice is ReviewChoice.KEEP and told:
            names.append(MESSAGE_STANDS)
        if choice is ReviewChoice.CAUTION:
            if not appeal:
                names.append("caution")
        elif choice is ReviewChoice.REMOVE:
            names.append("remove")
        elif choice is ReviewChoice.REPORT:
            names.append("report_incident")
        elif choice is ReviewChoice.MUTE:  # the moderation vocabulary's mute (issue 11)
            names.append("mute")
        return tuple(names)

    async def perform(self, name: str, job: Job, so_far: Sequence[ActionState]) -> ActionState:
        adapter, message = self.adapter, job.message
        member, chat = message.sender, message.chat
        if name == "delete":
            return await attempt("delete", "delete the message",
                                 lambda: adapter.delete_message(message.ref))
        if name in (Step.NUDGE, Step.CAUTION):
            return await self._notify(job, Step(name))
        if name == Step.HOLD:
            hold = hold_of(job.decision)
            if hold is None or not await self.tools.tell_once(message):
                return done(Step.HOLD.value)  # told already: the message is held all the same
            return await self._notify(job, Step.HOLD, Decision(steps=(Step.HOLD,),
                                                               verdicts=(hold,)), HOLD_IN_GROUP)
        if name == REPOST:
            if not message.text:
                return ActionState(name, RECOMMENDED,
                                   {"recommended": "post the kept message again by hand"})
            text = repost_text(member.label, message.text)
            return await attempt("repost", "post the kept message again in the group",
                                 lambda: adapter.send_to_chat(chat, text))
        if name == GROUP_NOTE:  # only once the message is really gone
            if not any(s.name == "delete" and s.status == DONE for s in so_far):
                return ActionState(name, SKIPPED)
            note = self.tools.group_note(job.decision)
            return await attempt("group note", "tell the group a message was removed",
                                 lambda: adapter.send_to_chat(chat, note))
        if name == Step.MUTE:
            until = self.tools.clock() + dt.timedelta(hours=self.tools.mute_hours)
            return await attempt("mute", f"mute {member.label}",
                                 lambda: adapter.mute_member(chat, member, until))
        if name == Step.REMOVE:
            state = await attempt("remove", f"remove {member.label} from the group",
                                  lambda: adapter.remove_member(chat, member, reason=job.note))
            if state.status == DONE:
                await self.tools.removed(Removal(
                    chat, RemovalKind.KICKED, member=member, by=job.moderator,
                    message=message.ref if job.moderator else None, by_civility=True,
                    reason=job.note if job.moderator else "ladder"))
            return state
        if name == Step.REPORT_INCIDENT:
            return await self._report(job)
        if name in ("review", APPEAL_CARD):
            return await card(adapter, job, so_far, advise=False)
        if name in MEMBER_TEXTS:
            if not job.member_text:
                return ActionState(name, SKIPPED)
            what = ("tell the member their message stands" if name == MESSAGE_STANDS
                    else "tell the member how their appeal went")
            return await attempt(name, f"{what} ({member.label})", lambda: adapter.send_private(
                member, job.member_text, chat=chat))
        if name == READMIT:
            return await attempt("readmit", f"send {member.label} the group's invite link to let "
                                 "them back in", lambda: adapter.readmit_member(chat, member))
        return ActionState(name, SKIPPED)

    async def _notify(self, job: Job, step: Step, decision: Decision | None = None,
                      public: str = _REMINDER) -> ActionState:
        """Private notice; if the member cannot be reached privately, a gentle group note."""
        message, adapter = job.message, self.adapter
        if decision is None:
            decision = job.decision if job.decision.has(step) else Decision(steps=(step,))
        text = self.tools.notice(decision, job.context)
        if job.incident_id:  # a member who thinks it wrong can say so (civility._appeals)
            text = f"{text}\n\n{HOW_TO_APPEAL}"
        try:
            await adapter.send_private(message.sender, text, chat=message.chat)
            return done(step.value)
        except UnsupportedAction:
            pass
        except Exception as exc:
            log.warning("private_notice_failed", **error_fields(exc))
        # The group note never repeats what the member did: it must not shame them.
        return await attempt(f"{step.value} (in group)",
                             f"send {message.sender.label} a {step.value}",
                             lambda: adapter.send_to_chat(message.chat, public))

    async def _report(self, job: Job) -> ActionState:
        async def send() -> None:
            if job.incident_id is None or not await self.tools.send_report(job.incident_id):
                raise UnsupportedAction("email", "send an incident report",
                                        "no [smtp] or school.leadership_email configured")
        return await attempt("report_incident", "send an incident report to the school", send)


async def attempt(name: str, what: str, action: Callable[[], Awaitable[None]]) -> ActionState:
    """Run one platform action; what it could not do is recommended to a human (``what``)."""
    try:
        await action()
    except UnsupportedAction as exc:
        log.warning("action_unsupported", action=name, why=str(exc))
        return ActionState(name, RECOMMENDED, {"recommended": what})
    except ActionFailed as exc:
        log.warning("action_failed", action=name, error=str(exc))
        return ActionState(name, FAILED, {"failed": f"{name}: {exc}", "recommended": what})
    except Exception as exc:  # an adapter bug must not stop the engine
        log.error("action_error", action=name, **error_fields(exc))
        return ActionState(name, FAILED, {"failed": f"{name}: {exc!r}", "recommended": what})
    return done(name)


async def card(adapter: BaseAdapter, job: Job, so_far: Sequence[ActionState], *,
               advise: bool) -> ActionState:
    """The review card: what was decided, why, and what a human has to do by hand."""
    message = job.message
    review = ReviewRequest(
        incident_id=job.incident_id or 0, chat=message.chat, message=message.ref,
        member=message.sender, excerpt=message.all_text[:EXCERPT], decision=job.decision,
        reasons=job.reasons, source=job.source,
        recommended=tuple(s.detail["recommended"] for s in so_far
                          if s.detail.get("recommended")),
        advise_mode=advise)
    try:
        await adapter.notify_moderators(message.chat, review)
    except Exception as exc:
        # Nowhere to ask a human: this must be loud in the logs.
        log.error("moderators_unreachable", incident=job.incident_id, **error_fields(exc))
        return ActionState("review", FAILED, {"failed": f"review: {exc!r}"})
    return done("review")
