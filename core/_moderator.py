"""Moderators' answers to review cards, their commands on a message, and their words on a case.

The moderator is checked before anything is written. The answer (decision row, the incident's
new status, the actions it needs, a keep's refund of strike points, an appeal's outcome, a
second moderator's confirmation) is recorded in one transaction keyed by the answer's
identity, then carried out; a redelivered answer only finishes what is not done.

Fair outcomes (issue 14):

- **keep** means "not a breach": the strike points the incident added are taken back (once,
  however often it is said), and a member who had been told of the breach is told that their
  message stands;
- an **appeal** (`civility._appeals`) is decided by a moderator who did not make the first
  decision, where the group has more than one; the member hears the outcome in kind words;
- a choice named in ``[policy.ladder] confirm`` waits, recorded, until a *different*
  moderator confirms it with the same word; only then is it carried out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import structlog

from civility import moderation
from civility._actions import Actor
from civility._effects import REPOST, Effects, Job
from civility._identity import decision_key
from civility.adapter import BaseAdapter
from civility.context import PolicyContext
from civility.events import (
    CaseCommand,
    CaseWord,
    ChatRef,
    MemberRef,
    Message,
    MessageRef,
    ModeratorDecision,
    ReviewChoice,
)
from civility.school_groups import SchoolGroups, is_remove_all
from civility.store import (
    AppealRecord,
    Confirmation,
    Delivery,
    IncidentRecord,
    ModeratorChoice,
    NewIncident,
    Plan,
    Store,
)
from civility.summary import APPEAL_CLOSED
from civility.verdicts import Decision, Outcome, Step

log = structlog.get_logger()

#: A recorded choice that waits for a second moderator (nothing is carried out yet).
WAITING = "waiting"
#: What a moderator's decision tells the learning loop (plugins' ``on_moderator_decision``).
Decided = Callable[[IncidentRecord, ReviewChoice, str], None]


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


waiting_text = moderation.waiting_text


FIRST_DECIDER = ("you made the first decision on this case, so another moderator decides the "
                 "member's appeal")


class ModeratorDecisions:
    def __init__(self, store: Store, actor: Actor, *,
                 adapter_for: Callable[[str], BaseAdapter | None],
                 effects_for: Callable[[ChatRef], Effects],
                 context: Callable[[ChatRef], PolicyContext],
                 new_incident: Callable[[Message, Decision, str, tuple[str, ...]], NewIncident],
                 confirm_for: Callable[[ChatRef], frozenset[ReviewChoice]] = lambda c: frozenset(),
                 decided: Decided | None = None,
                 ) -> None:
        self.store = store
        self.actor = actor
        self.adapter_for = adapter_for
        self.effects_for = effects_for
        self.context = context
        self.new_incident = new_incident
        self.confirm_for = confirm_for
        self.decided = decided
        #: The school's groups (issue 14): a removal carried to the school's other groups.
        self.school_groups: SchoolGroups | None = SchoolGroups(
            store, adapter_for=adapter_for, effects_for=effects_for, clock=actor.clock)

    async def handle(self, answer: ModeratorDecision) -> Outcome:
        """A moderator answered a review card (or gave a command on a message); ``remove all``
        carries a removal to the school's other groups (`civility.school_groups`)."""
        if self.school_groups is not None and is_remove_all(answer):
            return await self.school_groups.remove_all(answer)
        outcome = await self._handle(answer)
        if self.school_groups is not None:
            await self.school_groups.offer(answer, outcome)
        return outcome

    async def _find(self, answer: ModeratorDecision) -> IncidentRecord | None:
        store = self.store
        incident = await store.incident(answer.incident_id) if answer.incident_id else None
        if incident is None and answer.message is not None:
            incident = await store.incident_for_message(answer.message.chat.key, answer.message.id)
        return incident

    async def _handle(self, answer: ModeratorDecision) -> Outcome:
        store = self.store
        incident = await self._find(answer)
        appeal = await store.appeal_of(incident.id) if incident is not None else None
        # Once a case is appealed its answers are new decisions, even the same word again.
        key = decision_key(answer) if appeal is None else _key("appeal", decision_key(answer))
        recorded = await store.delivery(key)
        if recorded is not None:  # delivered again: finish what is not done
            if recorded.kind == WAITING:
                still = incident is None or incident.status == "open"
                return Outcome(incident_id=recorded.incident_id,
                               refused=waiting_text(answer.choice) if still
                               else f"already {incident.status if incident else 'decided'}")
            incident = (await store.incident(recorded.incident_id)
                        if recorded.incident_id else None)
            if incident is None:
                return Outcome(refused="no such incident")
            return await self._carry_out(recorded, incident, answer)
        if incident is not None:
            chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        elif answer.message is not None and answer.member is not None:
            chat = answer.message.chat
        else:
            return Outcome(refused="no such incident")
        adapter = self.adapter_for(chat.platform)
        # Check the moderator before anything is written, even a new incident.
        if adapter is None or not await adapter.is_moderator(chat, answer.moderator):
            await store.audit("moderation_refused", answer.time, chat_key=chat.key,
                              incident_id=incident.id if incident else None,
                              detail={"choice": answer.choice.value, "why": "not a moderator"})
            log.warning("moderation_refused", choice=answer.choice.value)
            return Outcome(incident_id=incident.id if incident else None,
                           refused="not a moderator of this group")
        if incident is not None and incident.status != "open":
            return Outcome(incident_id=incident.id, refused=f"already {incident.status}")
        deciding = appeal if appeal is not None and appeal.status == "open" else None
        if deciding is not None and deciding.first_moderator == answer.moderator.key \
                and await several_moderators(adapter, chat):
            return Outcome(incident_id=incident.id if incident else None, refused=FIRST_DECIDER)
        new = None
        if incident is None:
            assert answer.message is not None and answer.member is not None
            message = Message(ref=answer.message, sender=answer.member, text=answer.text,
                              time=answer.time)
            new = self.new_incident(message, Decision(), "moderator",
                                    (f"moderator command: {answer.choice}",))
        confirms = False
        if answer.choice in self.confirm_for(chat) and await several_moderators(adapter, chat):
            asked = [c for c in (await store.confirmations(incident.id) if incident else [])
                     if c.choice == answer.choice.value and not c.confirmed_by]
            if not any(c.moderator_key != answer.moderator.key for c in asked):
                return await self._wait(key, answer, incident, new)
            confirms = True
        keep = answer.choice is ReviewChoice.KEEP
        told = incident is not None and await store.told(incident.id)
        deleted = incident is not None and "delete" in incident.steps
        status = "dismissed" if keep else "resolved"
        effects = self.effects_for(chat)
        actions = effects.choice_actions(answer.choice, deleted=deleted, told=told,
                                         appeal=deciding is not None)
        if keep and incident is not None and Step.HOLD.value in incident.steps \
                and not effects.advise:
            actions = (*actions, REPOST)  # a held message kept: it goes back up in the group
        delivery = await store.record_plan(Plan(
            key=key, kind="decision", time=answer.time,
            actions=actions,
            incident=new, incident_id=incident.id if incident else None,
            moderator=ModeratorChoice(answer.moderator.key, answer.choice.value, answer.note,
                                      status),
            refund=keep, confirms=confirms,
            appeal_outcome=("" if deciding is None else "overturned" if keep else "upheld")))
        record = await store.incident(delivery.incident_id) if delivery.incident_id else None
        if record is None:
            return Outcome(refused="no such incident")
        if delivery.new and self.decided is not None:
            self.decided(record, answer.choice, answer.moderator.key)
        return await self._carry_out(delivery, record, answer)

    async def _wait(self, key: str, answer: ModeratorDecision, incident: IncidentRecord | None,
                    new: NewIncident | None) -> Outcome:
        """Record the choice as waiting for a second moderator; nothing is done yet."""
        delivery = await self.store.record_plan(Plan(
            key=key, kind=WAITING, time=answer.time, incident=new,
            incident_id=incident.id if incident else None,
            wait=Confirmation(answer.moderator.key, answer.choice.value, answer.time),
            detail={"note": answer.note}))
        log.info("moderator_choice_waiting", incident=delivery.incident_id,
                 choice=answer.choice.value)
        return Outcome(incident_id=delivery.incident_id, refused=waiting_text(answer.choice))

    async def _carry_out(self, delivery: Delivery, incident: IncidentRecord,
                         answer: ModeratorDecision) -> Outcome:
        chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        message = Message(ref=MessageRef(chat, incident.message_id, member), sender=member,
                          text=incident.text or "", time=incident.time)
        job = Job(message, Decision(), self.context(chat), incident.id, source="moderator",
                  moderator=answer.moderator, note=answer.note,
                  member_text=member_text(answer.choice, incident,
                                          appeal="appeal_outcome" in
                                          [a.name for a in delivery.actions]))
        outcome = await self.actor.carry_out(delivery, job, self.effects_for(chat))
        log.info("moderator_decision", incident=incident.id, choice=answer.choice.value,
                 done=list(outcome.done))
        return Outcome(incident_id=incident.id, done=outcome.done,
                       recommended=outcome.recommended, failed=outcome.failed)

    # -- close, note, readmit --------------------------------------------------------------

    async def case_command(self, command: CaseCommand) -> Outcome:
        """A moderator's word on the case as a whole, in their chat: checked, recorded in one
        transaction keyed by the command, then carried out (readmit) once."""
        store = self.store
        key = _key("case", str(command.incident_id), command.word.value,
                   command.moderator.key, command.note, command.time.isoformat())
        incident = await store.incident(command.incident_id)
        if incident is None:
            return Outcome(refused=f"no case #{command.incident_id}")
        recorded = await store.delivery(key)
        chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        if recorded is None:
            adapter = self.adapter_for(chat.platform)
            if adapter is None or not await adapter.is_moderator(chat, command.moderator):
                await store.audit("moderation_refused", command.time, chat_key=chat.key,
                                  incident_id=incident.id,
                                  detail={"choice": command.word.value, "why": "not a moderator"})
                return Outcome(incident_id=incident.id, refused="not a moderator of this group")
            if command.word is CaseWord.CLOSE and incident.status != "open":
                return Outcome(incident_id=incident.id,
                               refused=f"already {incident.status}")
            status = "resolved" if command.word is CaseWord.CLOSE else incident.status
            note = command.note if command.word is not CaseWord.NOTE else ""
            recorded = await store.record_plan(Plan(
                key=key, kind="case", time=command.time, incident_id=incident.id,
                actions=("readmit",) if command.word is CaseWord.READMIT else (),
                moderator=(None if command.word is CaseWord.NOTE else
                           ModeratorChoice(command.moderator.key, command.word.value, note,
                                           status)),
                case_note=((command.moderator.key, command.note)
                           if command.word is CaseWord.NOTE else None),
                # Closing settles an appeal still open: the governors' summary counts it.
                appeal_outcome=APPEAL_CLOSED if command.word is CaseWord.CLOSE else ""))
        if not recorded.actions:
            return Outcome(incident_id=incident.id, done=(moderation.CASE_DONE[command.word],))
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        message = Message(ref=MessageRef(chat, incident.message_id, member), sender=member,
                          text="", time=incident.time)
        job = Job(message, Decision(), self.context(chat), incident.id, source="moderator",
                  moderator=command.moderator, note=command.note)
        outcome = await self.actor.carry_out(recorded, job, self.effects_for(chat))
        return Outcome(incident_id=incident.id, done=outcome.done,
                       recommended=outcome.recommended, failed=outcome.failed)


def member_text(choice: ReviewChoice, incident: IncidentRecord, *, appeal: bool) -> str:
    """What the member is told of a moderator's decision (a keep, an appeal's outcome)."""
    if appeal:
        return (moderation.APPEAL_OVERTURNED if choice is ReviewChoice.KEEP
                else moderation.APPEAL_UPHELD)
    if choice is ReviewChoice.KEEP:
        deleted = "delete" in incident.steps
        return moderation.MESSAGE_STANDS + (moderation.MESSAGE_STANDS_DELETED if deleted else "")
    return ""


async def several_moderators(adapter: BaseAdapter, chat: ChatRef) -> bool:
    """Whether the group has more than one moderator (not known: taken as yes, so a second
    moderator is always asked for where one may exist)."""
    try:
        count = await adapter.moderator_count(chat)
    except Exception as exc:  # a platform that cannot say: ask for a second moderator
        log.info("moderator_count_unknown", error=type(exc).__name__)
        return True
    return count is None or count > 1


def first_decider(decisions: list[tuple[str, str]]) -> str:
    """Who made the decision a member appeals: the last moderator's choice on the case
    (``(moderator_key, choice)`` oldest first); "" when the ladder decided on its own."""
    choices = {c.value for c in ReviewChoice}
    made = [who for who, choice in decisions if choice in choices]
    return made[-1] if made else ""


__all__ = ["FIRST_DECIDER", "WAITING", "AppealRecord", "ModeratorDecisions", "first_decider",
           "member_text", "several_moderators", "waiting_text"]
