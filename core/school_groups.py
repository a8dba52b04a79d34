"""One record per parent across the school's groups: a removal carried to the school's other
groups with one confirmation.

Member keys are per platform (``telegram:123``), so a parent's strike points and cases already
follow them from class group to class group. What this adds: after a moderator removes a
parent from one group, the moderators' chat is offered the same in the school's other groups
on that platform (only those where Civility is an admin and the parent is a member); the
moderator confirms with ``remove all`` (``/mod 12 remove all``). The confirmation is recorded
first, one action per group (decide, record, act, as every decision is), then each group's
removal is done and marked: a repeat of the confirmation only finishes what is not done, and
a removal repeated after a crash is harmless (the parent is already out).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Sequence

import structlog

from civility._effects import Effects, attempt
from civility.adapter import BaseAdapter
from civility.events import ChatRef, MemberRef, ModeratorDecision, ReviewChoice
from civility.store import PENDING, ActionState, IncidentRecord, ModeratorChoice, Plan, Store
from civility.verdicts import Outcome

__all__ = ["ACTION", "CHOICE", "SchoolGroups", "is_remove_all", "remove_all_key"]

log = structlog.get_logger()

#: The word after ``remove`` that carries a removal to every group: ``remove all``.
ALL_WORDS = frozenset({"all", "everywhere"})
#: How the confirmation is recorded among the case's decisions, and its actions.
CHOICE = "remove_all"
ACTION = "remove_elsewhere"


def is_remove_all(answer: ModeratorDecision) -> bool:
    """``remove all`` (the word ``all`` as the whole note, any case, punctuation aside)."""
    return (answer.choice is ReviewChoice.REMOVE and answer.incident_id > 0
            and answer.note.strip().strip(".!?").lower() in ALL_WORDS)


def remove_all_key(incident_id: int) -> str:
    """One confirmation per case: the second ``remove all`` finds the first one's record."""
    return hashlib.sha256(f"remove_all\x1f{incident_id}".encode()).hexdigest()


def offer_text(incident: IncidentRecord, groups: Sequence[ChatRef]) -> str:
    names = ", ".join(g.title or g.id for g in groups)
    return (f"{incident.member_name or 'This member'} is also in {len(groups)} of the school's "
            f"other groups ({names}). Remove them from all {len(groups)}? "
            f"Reply /mod {incident.id} remove all")


class SchoolGroups:
    """The remove-everywhere flow, for the engine's moderator decisions."""

    def __init__(self, store: Store, *, adapter_for: Callable[[str], BaseAdapter | None],
                 effects_for: Callable[[ChatRef], Effects],
                 clock: Callable[[], dt.datetime]) -> None:
        self.store, self.adapter_for, self.effects_for = store, adapter_for, effects_for
        self.clock = clock

    async def _titled(self, groups: Sequence[ChatRef]) -> list[ChatRef]:
        """The groups with their titles from the records where the platform gave none."""
        named = []
        for group in groups:
            title = group.title
            if not title:
                seen = await self.store.incidents(chat_key=group.key, limit=1)
                title = seen[0].chat_title if seen else ""
            named.append(ChatRef(group.platform, group.id, title))
        return named

    async def others(self, adapter: BaseAdapter, incident: IncidentRecord) -> list[ChatRef]:
        """The school's other groups on the case's platform where Civility can remove the
        member: it is an admin there and the member is in the group."""
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        found = [g.id for g in adapter.school_groups()
                 if g.id != incident.chat_id and await adapter.can_remove(g, member)]
        # Asked again: checking a group can tell the adapter its title (WhatsApp's members).
        latest = {g.id: g for g in adapter.school_groups()}
        return await self._titled([latest[i] for i in found if i in latest])

    async def offer(self, answer: ModeratorDecision, outcome: Outcome) -> None:
        """After a removal was done, offer the school's other groups in the moderators' chat
        (best effort: the offer is a courtesy, the removal stands without it)."""
        if (answer.choice is not ReviewChoice.REMOVE or is_remove_all(answer)
                or outcome.refused or outcome.retry or not outcome.incident_id
                or not any(d.startswith("remove") for d in outcome.done)):
            return
        try:
            incident = await self.store.incident(outcome.incident_id)
            adapter = self.adapter_for(incident.platform) if incident else None
            if incident is None or adapter is None:
                return
            groups = await self.others(adapter, incident)
            target = next((chat for chat, looked_after in adapter.moderators_chats().items()
                           if incident.chat_id in looked_after), None)
            if groups and target is not None:
                await adapter.send_to_moderators(target, offer_text(incident, groups))
        except Exception as exc:
            log.warning("remove_all_not_offered", error=type(exc).__name__)

    async def remove_all(self, answer: ModeratorDecision) -> Outcome:
        """``remove all`` on a case whose member was removed: the same in the other groups."""
        store = self.store
        incident = await store.incident(answer.incident_id)
        if incident is None:
            return Outcome(refused="no such incident")
        chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        adapter = self.adapter_for(incident.platform)
        if adapter is None or not await adapter.is_moderator(chat, answer.moderator):
            await store.audit("moderation_refused", answer.time, chat_key=chat.key,
                              incident_id=incident.id,
                              detail={"choice": CHOICE, "why": "not a moderator"})
            return Outcome(incident_id=incident.id, refused="not a moderator of this group")
        key = remove_all_key(incident.id)
        delivery = await store.delivery(key)
        if delivery is None:
            if not any(d.choice == ReviewChoice.REMOVE.value
                       for d in await store.decisions(incident.id)):
                return Outcome(incident_id=incident.id,
                               refused="remove them from this group first (remove)")
            if self.effects_for(chat).advise:
                return Outcome(incident_id=incident.id, recommended=(
                    "advise mode: remove them from the school's other groups by hand",))
            groups = await self.others(adapter, incident)
            if not groups:
                return Outcome(incident_id=incident.id)  # in no other group: nothing to do
            delivery = await store.record_plan(Plan(
                key=key, kind="decision", time=answer.time, actions=(ACTION,) * len(groups),
                incident_id=incident.id,
                detail={"groups": [[g.id, g.title] for g in groups]},
                moderator=ModeratorChoice(answer.moderator.key, CHOICE, answer.note,
                                          incident.status)))
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        states = list(delivery.actions)
        groups_recorded = [ChatRef(incident.platform, str(gid), str(title))
                           for gid, title in delivery.detail.get("groups", [])]
        for index, (state, group) in enumerate(zip(states, groups_recorded, strict=False)):
            if state.status != PENDING or delivery.finished:
                continue
            what = f"removed from {group.title or group.id}"
            result = await attempt(what, f"remove {member.label} from {group.title or group.id}",
                                   functools.partial(adapter.remove_member, group, member,
                                                     reason="removed from the school's groups"))
            states[index] = ActionState(ACTION, result.status, result.detail)
            await store.mark_action(delivery.id, index, result.status, result.detail)
        outcome = Outcome(incident_id=incident.id,
                          done=tuple(s.detail["done"] for s in states if s.detail.get("done")),
                          recommended=tuple(s.detail["recommended"] for s in states
                                            if s.detail.get("recommended")),
                          failed=tuple(s.detail["failed"] for s in states
                                       if s.detail.get("failed")))
        if not delivery.finished:
            await store.finish_delivery(
                delivery.id, self.clock(), chat_key=chat.key, member_key=incident.member_key,
                incident_id=incident.id,
                detail={"done": list(outcome.done), "failed": list(outcome.failed),
                        "recommended": list(outcome.recommended), "choice": CHOICE})
        log.info("removed_from_school_groups", incident=incident.id, done=len(outcome.done))
        return outcome
