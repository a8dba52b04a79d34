"""Carrying out decisions through an adapter, and moderators' answers to review cards.

Anything the platform cannot do is recommended to a human moderator instead; in advise mode
nothing touches the group, though moderators still get the review card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

import structlog

from civility.adapter import ActionFailed, BaseAdapter, ReviewRequest, UnsupportedAction
from civility.context import PolicyContext
from civility.events import (
    ChatRef,
    MemberRef,
    Message,
    MessageRef,
    ModeratorDecision,
    Removal,
    RemovalKind,
    ReviewChoice,
)
from civility.verdicts import Decision, Outcome, Severity, Step, Verdict

if TYPE_CHECKING:
    from civility.engine import Engine

log = structlog.get_logger()

#: Steps that need the moderators' attention: one review card carries them all.
_REVIEW_STEPS = frozenset({Step.REVIEW, Step.PROPOSE_REMOVAL})
_EXCERPT = 300


class _Log:
    """What was done, recommended to a human, or failed, while carrying out one decision."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.recommended: list[str] = []
        self.failed: list[str] = []

    async def attempt(self, name: str, what: str, action: Callable[[], Awaitable[None]]) -> bool:
        try:
            await action()
        except UnsupportedAction as exc:
            log.warning("action_unsupported", action=name, why=str(exc))
            self.recommended.append(what)
            return False
        except ActionFailed as exc:
            log.warning("action_failed", action=name, error=str(exc))
            self.failed.append(f"{name}: {exc}")
            self.recommended.append(what)
            return False
        except Exception as exc:  # an adapter bug must not stop the engine
            log.error("action_error", action=name, error=repr(exc))
            self.failed.append(f"{name}: {exc!r}")
            self.recommended.append(what)
            return False
        self.done.append(name)
        return True


class Actor:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def adapter(self, platform: str) -> BaseAdapter | None:
        return self.engine.adapters.get(platform)

    def notice(self, decision: Decision, context: PolicyContext) -> str:
        top = decision.top_verdict
        if top is None:
            top = Verdict("moderator", "the group's code of conduct", Severity.MEDIUM, 1.0)
        return self.engine.hooks.notice(top, self.engine.rule(top.rule_id), decision, context)

    async def _notify_member(self, adapter: BaseAdapter, message: Message, text: str,
                             record: _Log, step: Step) -> None:
        """Private notice; if the member cannot be reached privately, a gentle group note."""
        member, chat = message.sender, message.chat
        try:
            await adapter.send_private(member, text, chat=chat)
            record.done.append(step.value)
            return
        except UnsupportedAction:
            pass
        except Exception as exc:
            log.warning("private_notice_failed", error=repr(exc))
        # The group note never repeats what the member did: it must not shame them.
        public = ("A gentle reminder of our group's code of conduct: please keep messages "
                  "supportive, respectful and about school life. Thank you!")
        await record.attempt(f"{step.value} (in group)", f"send {member.label} a {step.value}",
                             lambda: adapter.send_to_chat(chat, public))

    async def take_down(self, message: Message, decision: Decision) -> _Log:
        """Delete at once, before anything is written: harmful text goes first, and a notice
        saying "your message has been removed" is then true."""
        record = _Log()
        adapter = self.adapter(message.platform)
        if adapter is not None and not self.engine.advise and decision.has(Step.DELETE):
            await record.attempt("delete", "delete the message",
                                 lambda: adapter.delete_message(message.ref))
        return record

    async def carry_out(self, message: Message, decision: Decision, incident_id: int,
                        context: PolicyContext, record: _Log) -> Outcome:
        """The rest of the decision, after `take_down`."""
        adapter = self.adapter(message.platform)
        if adapter is None:  # offline (scan): decide and record only
            return Outcome(decision=decision, incident_id=incident_id)
        if not self.engine.advise:
            for step in decision.steps:
                if step is not Step.DELETE:
                    await self._do(step, adapter, message, decision, context, record)
        if self.engine.advise or _REVIEW_STEPS & set(decision.steps) or decision.pending \
                or record.recommended:
            reasons = [v.explain() for v in decision.verdicts]
            await self._card(adapter, message, decision, incident_id, reasons, "rule", record)
        await self._audit(message, incident_id, record)
        return Outcome(decision=decision, incident_id=incident_id, done=tuple(record.done),
                       recommended=tuple(record.recommended), failed=tuple(record.failed))

    async def _do(self, step: Step, adapter: BaseAdapter, message: Message, decision: Decision,
                  context: PolicyContext, record: _Log) -> None:
        member, chat = message.sender, message.chat
        if step in (Step.NUDGE, Step.CAUTION):
            await self._notify_member(adapter, message, self.notice(decision, context),
                                      record, step)
        elif step is Step.REMOVE:
            if await record.attempt("remove", f"remove {member.label} from the group",
                                    lambda: adapter.remove_member(chat, member)):
                await self.engine.on_removal(Removal(chat, RemovalKind.KICKED, member=member,
                                                     by_civility=True, reason="ladder"))
        elif step is Step.MUTE:
            until = self.engine.clock() + dt.timedelta(hours=self.engine.config.ladder.mute_hours)
            await record.attempt("mute", f"mute {member.label}",
                                 lambda: adapter.mute_member(chat, member, until))
        elif step is Step.REPORT_INCIDENT:
            await self._report(message.chat.key, message.ref.id, record)

    async def _report(self, chat_key: str, message_id: str, record: _Log) -> None:
        incident = await self.engine.store.incident_for_message(chat_key, message_id)
        if incident is None:
            return
        async def send() -> None:
            # workflow (issue 14): queued in the durable outbox, then sent if the server answers
            from civility import outbox

            if await outbox.escalate(self.engine.store, self.engine.config, incident,
                                     rules=self.engine.rules, clock=self.engine.clock) == outbox.OFF:
                raise UnsupportedAction("email", "send an incident report",
                                        "no [smtp] or school.leadership_email configured")
        await record.attempt("report_incident", "send an incident report to the school", send)

    async def _card(self, adapter: BaseAdapter, message: Message, decision: Decision,
                    incident_id: int, reasons: Sequence[str], source: str, record: _Log) -> None:
        review = ReviewRequest(
            incident_id=incident_id, chat=message.chat, message=message.ref,
            member=message.sender, excerpt=message.all_text[:_EXCERPT], decision=decision,
            reasons=tuple(reasons), source=source, recommended=tuple(record.recommended),
            advise_mode=self.engine.advise)
        try:
            await adapter.notify_moderators(message.chat, review)
            record.done.append("review")
        except Exception as exc:
            # Nowhere to ask a human: this must be loud in the logs.
            log.error("moderators_unreachable", incident=incident_id, error=repr(exc))
            record.failed.append(f"review: {exc!r}")

    async def ask_moderators(self, message: Message, decision: Decision, incident_id: int,
                             reasons: Sequence[str], *, source: str) -> Outcome:
        adapter = self.adapter(message.platform)
        record = _Log()
        if adapter is not None:
            await self._card(adapter, message, decision, incident_id, reasons, source, record)
            await self._audit(message, incident_id, record)
        return Outcome(decision=decision, incident_id=incident_id, done=tuple(record.done),
                       failed=tuple(record.failed))

    async def _audit(self, message: Message, incident_id: int, record: _Log) -> None:
        await self.engine.store.audit(
            "actions", self.engine.clock(), chat_key=message.chat.key,
            member_key=message.sender.key, incident_id=incident_id,
            detail={"done": record.done, "recommended": record.recommended,
                    "failed": record.failed, "advise": self.engine.advise})

    async def moderator_decision(self, answer: ModeratorDecision) -> Outcome:
        """A moderator answered a review card (or gave a command on a message)."""
        store = self.engine.store
        incident = await store.incident(answer.incident_id) if answer.incident_id else None
        if incident is None and answer.message is not None:
            incident = await store.incident_for_message(answer.message.chat.key, answer.message.id)
        if incident is not None:
            chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        elif answer.message is not None and answer.member is not None:
            chat = answer.message.chat
        else:
            return Outcome(refused="no such incident")
        adapter = self.adapter(chat.platform)
        # Check the moderator before anything is written, even a new incident.
        if adapter is None or not await adapter.is_moderator(chat, answer.moderator):
            await store.audit("moderation_refused", answer.time, chat_key=chat.key,
                              incident_id=incident.id if incident else None,
                              detail={"choice": answer.choice.value, "why": "not a moderator"})
            log.warning("moderation_refused", choice=answer.choice.value)
            return Outcome(incident_id=incident.id if incident else None,
                           refused="not a moderator of this group")
        if incident is None:
            assert answer.message is not None and answer.member is not None
            message = Message(ref=answer.message, sender=answer.member, text=answer.text,
                              time=answer.time)
            new_id = await self.engine.record(message, Decision(), source="moderator",
                                              reasons=[f"moderator command: {answer.choice}"])
            incident = await store.incident(new_id)
            assert incident is not None
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        if incident.status != "open":
            return Outcome(incident_id=incident.id, refused=f"already {incident.status}")
        await store.record_decision(incident.id, answer.moderator.key, answer.choice.value,
                                    answer.note, answer.time)
        record = _Log()
        message = Message(ref=MessageRef(chat, incident.message_id, member), sender=member,
                          text=incident.text or "", time=incident.time)
        if not self.engine.advise:
            already_deleted = "delete" in incident.steps
            await self._apply_choice(answer, adapter, message, record, already_deleted)
        await store.set_status(incident.id, "dismissed" if answer.choice is ReviewChoice.KEEP
                               else "resolved")
        await self._audit(message, incident.id, record)
        log.info("moderator_decision", incident=incident.id, choice=answer.choice.value,
                 done=record.done)
        return Outcome(incident_id=incident.id, done=tuple(record.done),
                       recommended=tuple(record.recommended), failed=tuple(record.failed))

    async def _apply_choice(self, answer: ModeratorDecision, adapter: BaseAdapter,
                            message: Message, record: _Log, already_deleted: bool) -> None:
        chat, member = message.chat, message.sender
        choice = answer.choice
        if not already_deleted and choice in (ReviewChoice.DELETE, ReviewChoice.CAUTION,
                                              ReviewChoice.REMOVE):
            await record.attempt("delete", "delete the message",
                                 lambda: adapter.delete_message(message.ref))
        if choice is ReviewChoice.CAUTION:
            decision = Decision(steps=(Step.CAUTION,))
            context = self.engine.context(chat)
            await self._notify_member(adapter, message, self.notice(decision, context), record,
                                      Step.CAUTION)
        elif choice is ReviewChoice.REMOVE:
            if await record.attempt("remove", f"remove {member.label} from the group",
                                    lambda: adapter.remove_member(chat, member,
                                                                  reason=answer.note)):
                await self.engine.on_removal(Removal(
                    chat, RemovalKind.KICKED, member=member, message=message.ref,
                    by=answer.moderator, by_civility=True, reason=answer.note))
        elif choice is ReviewChoice.REPORT:
            await self._report(chat.key, message.ref.id, record)
        elif choice is ReviewChoice.MUTE:  # the moderation vocabulary's mute (issue 11)
            until = answer.time + dt.timedelta(hours=self.engine.config.ladder.mute_hours)
            await record.attempt("mute", f"mute {member.label}",
                                 lambda: adapter.mute_member(chat, member, until))
