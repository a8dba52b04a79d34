"""A member's appeal: "you got this wrong", answering the private notice (issue 14).

One appeal per case, a few per member a month. The appeal is recorded (the case opens again,
the member only by key, the decision appealed and who made it) in one transaction keyed by
the case, before the moderators' card goes out; a redelivered appeal only finishes the card.
A moderator who did not make the first decision decides it, where the group has another
(`civility._moderator`), and the member is told the outcome in kind words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import structlog

from civility._actions import Actor
from civility._effects import Effects, Job
from civility._moderator import first_decider
from civility.context import PolicyContext
from civility.events import Appeal, ChatRef, MemberRef, Message, MessageRef
from civility.store import IncidentRecord, NewAppeal, Plan, Store
from civility.verdicts import Decision, Outcome, Step

log = structlog.get_logger()

#: A member can appeal a decision for this long after it.
APPEAL_DAYS = 30
#: Appeals a member can make in `APPEAL_DAYS` (report spam's counterpart: appeal spam).
APPEALS_PER_MEMBER = 3
NOTHING_TO_APPEAL = ("there is no recent decision about your messages to appeal; if you have a "
                     "concern, please contact the school office")
ALREADY = "you have already appealed this decision; a moderator will tell you the outcome"
WITHDRAWN = ("the moderators have already decided that your message does not break the "
             "code of conduct, so there is nothing to appeal")
TOO_MANY = (f"you have made {APPEALS_PER_MEMBER} appeals in the last {APPEAL_DAYS} days; "
            "please contact the school office instead")


def appeal_key(incident_id: int) -> str:
    """One appeal per case: the case is the key."""
    return hashlib.sha256(f"appeal\x1f{incident_id}".encode()).hexdigest()


def _steps(names: tuple[str, ...]) -> tuple[Step, ...]:
    known = {s.value: s for s in Step}
    return tuple(known[n] for n in names if n in known)


class Appeals:
    def __init__(self, store: Store, actor: Actor, *,
                 effects_for: Callable[[ChatRef], Effects],
                 context: Callable[[ChatRef], PolicyContext]) -> None:
        self.store = store
        self.actor = actor
        self.effects_for = effects_for
        self.context = context

    async def _case(self, appeal: Appeal) -> IncidentRecord | None:
        """The case appealed: the one named (the member's own), else the member's latest
        case they were told about, of the last `APPEAL_DAYS`."""
        store, key = self.store, appeal.member.key
        if appeal.incident_id:
            named = await store.incident(appeal.incident_id)
            return named if named is not None and named.member_key == key else None
        since = appeal.time - dt.timedelta(days=APPEAL_DAYS)
        for record in await store.incidents(member_key=key, limit=50):
            if record.time >= since and await store.told(record.id):
                return record
        return None

    async def handle(self, appeal: Appeal) -> Outcome:
        store = self.store
        incident = await self._case(appeal)
        if incident is None:
            return Outcome(refused=NOTHING_TO_APPEAL)
        key = appeal_key(incident.id)
        chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        if incident.status == "dismissed" and await store.delivery(key) is None:
            return Outcome(incident_id=incident.id, refused=WITHDRAWN)
        delivery = await store.delivery(key)
        if delivery is not None and delivery.detail.get("time") != appeal.time.isoformat():
            return Outcome(incident_id=incident.id, refused=ALREADY)
        if delivery is None:
            since = appeal.time - dt.timedelta(days=APPEAL_DAYS)
            if len(await store.appeals(member_key=appeal.member.key,
                                       since=since)) >= APPEALS_PER_MEMBER:
                log.info("appeal_refused", why="rate limit")
                return Outcome(incident_id=incident.id, refused=TOO_MANY)
            decided = [(d.moderator_key, d.choice) for d in await store.decisions(incident.id)]
            delivery = await store.record_plan(Plan(
                key=key, kind="appeal", time=appeal.time, incident_id=incident.id,
                actions=self.effects_for(chat).appeal_actions(),
                appeal=NewAppeal(appeal.member.key, appeal.reason, appeal.time,
                                 first_moderator=first_decider(decided)),
                detail={"time": appeal.time.isoformat()}))
            if delivery.new:
                log.info("appeal_recorded", incident=incident.id)
        record = await store.appeal_of(incident.id)
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        message = Message(ref=MessageRef(chat, incident.message_id, member), sender=member,
                          text=incident.text or "", time=incident.time)
        first = record.first_moderator if record else ""
        reasons = [f"The member appealed{': ' + appeal.reason if appeal.reason else ''}",
                   "First decision: " + (f"{incident.action}, by the ladder" if not first
                                         else f"by moderator {first}") +
                   (". Another moderator decides this appeal." if first else ".")]
        job = Job(message, Decision(steps=_steps(incident.steps)), self.context(chat),
                  incident.id, reasons=tuple(reasons), source="appeal")
        outcome = await self.actor.carry_out(delivery, job, self.effects_for(chat))
        return Outcome(incident_id=incident.id, done=outcome.done or ("appeal recorded",),
                       recommended=outcome.recommended, failed=outcome.failed)
