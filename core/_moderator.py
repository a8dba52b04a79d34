"""Moderators' answers to review cards, and their commands on a message.

The moderator is checked before anything is written. The answer (decision row, the incident's
new status, the actions it needs) is recorded in one transaction keyed by the answer's
identity, then carried out; a redelivered answer only finishes what is not done.
"""

from __future__ import annotations

from collections.abc import Callable

import structlog

from civility._actions import Actor
from civility._effects import REPOST, Effects, Job
from civility._identity import decision_key
from civility.adapter import BaseAdapter
from civility.context import PolicyContext
from civility.events import ChatRef, MemberRef, Message, MessageRef, ModeratorDecision, ReviewChoice
from civility.store import Delivery, IncidentRecord, ModeratorChoice, NewIncident, Plan, Store
from civility.verdicts import Decision, Outcome, Step

log = structlog.get_logger()


class ModeratorDecisions:
    def __init__(self, store: Store, actor: Actor, *,
                 adapter_for: Callable[[str], BaseAdapter | None],
                 effects_for: Callable[[str], Effects],
                 context: Callable[[ChatRef], PolicyContext],
                 new_incident: Callable[[Message, Decision, str, tuple[str, ...]], NewIncident]
                 ) -> None:
        self.store = store
        self.actor = actor
        self.adapter_for = adapter_for
        self.effects_for = effects_for
        self.context = context
        self.new_incident = new_incident

    async def handle(self, answer: ModeratorDecision) -> Outcome:
        """A moderator answered a review card (or gave a command on a message)."""
        key = decision_key(answer)
        recorded = await self.store.delivery(key)
        if recorded is not None:  # delivered again: finish what is not done
            incident = (await self.store.incident(recorded.incident_id)
                        if recorded.incident_id else None)
            if incident is None:
                return Outcome(refused="no such incident")
            return await self._carry_out(recorded, incident, answer)
        store = self.store
        incident = await store.incident(answer.incident_id) if answer.incident_id else None
        if incident is None and answer.message is not None:
            incident = await store.incident_for_message(answer.message.chat.key, answer.message.id)
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
        new = None
        if incident is None:
            assert answer.message is not None and answer.member is not None
            message = Message(ref=answer.message, sender=answer.member, text=answer.text,
                              time=answer.time)
            new = self.new_incident(message, Decision(), "moderator",
                                    (f"moderator command: {answer.choice}",))
        deleted = incident is not None and "delete" in incident.steps
        status = "dismissed" if answer.choice is ReviewChoice.KEEP else "resolved"
        actions = self.effects_for(chat.platform).choice_actions(answer.choice, deleted=deleted)
        if answer.choice is ReviewChoice.KEEP and incident is not None \
                and Step.HOLD.value in incident.steps and not self.effects_for(chat.platform).advise:
            actions = (*actions, REPOST)  # a held message kept: it goes back up in the group
        delivery = await store.record_plan(Plan(
            key=key, kind="decision", time=answer.time,
            actions=actions,
            incident=new, incident_id=incident.id if incident else None,
            moderator=ModeratorChoice(answer.moderator.key, answer.choice.value, answer.note,
                                      status)))
        record = await store.incident(delivery.incident_id) if delivery.incident_id else None
        if record is None:
            return Outcome(refused="no such incident")
        return await self._carry_out(delivery, record, answer)

    async def _carry_out(self, delivery: Delivery, incident: IncidentRecord,
                         answer: ModeratorDecision) -> Outcome:
        chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        message = Message(ref=MessageRef(chat, incident.message_id, member), sender=member,
                          text=incident.text or "", time=incident.time)
        job = Job(message, Decision(), self.context(chat), incident.id, source="moderator",
                  moderator=answer.moderator, note=answer.note)
        outcome = await self.actor.carry_out(delivery, job, self.effects_for(chat.platform))
        log.info("moderator_decision", incident=incident.id, choice=answer.choice.value,
                 done=list(outcome.done))
        return Outcome(incident_id=incident.id, done=outcome.done,
                       recommended=outcome.recommended, failed=outcome.failed)
