"""A store in memory: for `civility scan`, tests and plugin authors. Nothing survives a restart."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import attrs

from civility.store._records import (
    DONE,
    ActionState,
    AppealRecord,
    Confirmation,
    DecisionRecord,
    Delivery,
    GateEntry,
    IncidentRecord,
    NewIncident,
    NewOutboxEntry,
    Note,
    OutboxEntry,
    Plan,
    as_rows,
    decay,
    decayed_points,
    legacy_card_sent,
)


class MemoryStore:
    url = "memory://"

    def __init__(self) -> None:
        self._incidents: dict[int, IncidentRecord] = {}
        self._ids = itertools.count(1)  # never reused, even after an erasure
        self._strikes: defaultdict[str, list[tuple[float, dt.datetime, str]]] = defaultdict(list)
        #: Beside each member's strikes, in step: the case each was given for (erasure keeps
        #: an open case's strikes).
        self._strike_cases: defaultdict[str, list[int | None]] = defaultdict(list)
        self._decisions: list[dict[str, Any]] = []
        self._audit: list[dict[str, Any]] = []
        self._running: dict[str, tuple[float, dt.datetime, float]] = {}
        self._deliveries: dict[str, Delivery] = {}
        self._delivery_keys: dict[int, str] = {}
        self._reports: list[dict[str, Any]] = []
        self._notes: list[Note] = []  # workflow (issue 14)
        self._outbox: dict[int, OutboxEntry] = {}
        # fair outcomes (issue 14): what each incident's strikes hold, appeals, confirmations
        self._held: dict[int, tuple[str, str, dt.datetime, float]] = {}
        self._appeals: dict[int, AppealRecord] = {}
        self._confirmations: list[Confirmation] = []
        self._gate: dict[tuple[str, str], GateEntry] = {}  # the acknowledgement gate

    async def open(self) -> None:
        return None

    async def close(self) -> None:
        return None

    async def record_incident(self, incident: NewIncident) -> int:
        new_id = next(self._ids)
        self._incidents[new_id] = IncidentRecord(**attrs.asdict(incident, recurse=False), id=new_id)
        return new_id

    async def record_plan(self, plan: Plan) -> Delivery:
        found = self._deliveries.get(plan.key)
        if found is not None:
            return found
        incident_id = plan.incident_id
        if plan.incident is not None:
            incident_id = await self.record_incident(plan.incident)
            if plan.strike > 0:
                await self.add_strike(plan.incident.member_key, plan.incident.chat_key,
                                      plan.strike, plan.incident.time, incident_id)
        if incident_id is not None and incident_id in self._incidents:
            record = self._incidents[incident_id]
            if plan.report is not None:
                self._reports.append({"incident_id": incident_id,
                                      "reporter_hash": plan.report.reporter_hash,
                                      "reason": plan.report.reason,
                                      "time": plan.report.time.isoformat()})
            if plan.raise_priority:
                record = attrs.evolve(record, priority=record.priority + 1)
            record = self._write_fairness(plan, incident_id, record)
            if plan.moderator is not None:
                await self.record_decision(incident_id, plan.moderator.moderator_key,
                                           plan.moderator.choice, plan.moderator.note, plan.time)
                record = attrs.evolve(record, status=plan.moderator.status)
            self._incidents[incident_id] = record
        delivery = Delivery(id=len(self._deliveries) + 1, key=plan.key, kind=plan.kind,
                            incident_id=incident_id,
                            actions=tuple(ActionState(name) for name in plan.actions),
                            detail=dict(plan.detail), finished=False)
        self._deliveries[plan.key] = delivery
        self._delivery_keys[delivery.id] = plan.key
        return attrs.evolve(delivery, new=True)

    async def delivery(self, key: str) -> Delivery | None:
        return self._deliveries.get(key)

    async def mark_action(self, delivery_id: int, index: int, status: str,
                          detail: Mapping[str, str]) -> None:
        key = self._delivery_keys[delivery_id]
        delivery = self._deliveries[key]
        states = list(delivery.actions)
        states[index] = attrs.evolve(states[index], status=status, detail=dict(detail))
        self._deliveries[key] = attrs.evolve(delivery, actions=tuple(states))

    async def finish_delivery(self, delivery_id: int, time: dt.datetime, *, chat_key: str,
                              member_key: str, incident_id: int | None,
                              detail: Mapping[str, Any],
                              marks: Sequence[tuple[int, ActionState]] = ()) -> None:
        for index, state in marks:
            await self.mark_action(delivery_id, index, state.status, state.detail)
        key = self._delivery_keys[delivery_id]
        self._deliveries[key] = attrs.evolve(self._deliveries[key], finished=True)
        await self.audit("actions", time, chat_key=chat_key, member_key=member_key,
                         incident_id=incident_id, detail=detail)

    async def card_sent(self, incident_id: int) -> bool:
        mine = [d for d in self._deliveries.values() if d.incident_id == incident_id]
        if not mine:
            record = self._incidents.get(incident_id)
            return record is not None and legacy_card_sent(record)
        return any(a.name == "review" and a.status == DONE for d in mine for a in d.actions)

    async def incident(self, incident_id: int) -> IncidentRecord | None:
        return self._incidents.get(incident_id)

    async def incident_for_message(self, chat_key: str, message_id: str) -> IncidentRecord | None:
        for record in reversed(self._incidents.values()):
            if record.chat_key == chat_key and record.message_id == message_id:
                return record
        return None

    async def set_status(self, incident_id: int, status: str) -> None:
        if incident_id in self._incidents:
            self._incidents[incident_id] = attrs.evolve(self._incidents[incident_id], status=status)

    async def incidents(self, *, chat_key: str | None = None, member_key: str | None = None,
                        status: str | None = None, limit: int = 50) -> list[IncidentRecord]:
        found = [r for r in reversed(self._incidents.values())
                 if (chat_key is None or r.chat_key == chat_key)
                 and (member_key is None or r.member_key == member_key)
                 and (status is None or r.status == status)]
        return found[:limit]

    async def add_strike(self, member_key: str, chat_key: str, points: float,
                         time: dt.datetime, incident_id: int | None) -> None:
        self._strikes[member_key].append((points, time, chat_key))
        self._strike_cases[member_key].append(incident_id)
        if incident_id is not None:
            held = self._held.get(incident_id)
            self._held[incident_id] = (member_key, chat_key, held[2] if held else time,
                                       (held[3] if held else 0.0) + points)
        known = self._running.get(member_key)
        if known is not None and known[1] <= time:
            total = known[0] * decay(known[1], time, known[2]) + points
            self._running[member_key] = (total, time, known[2])
        else:
            self._running.pop(member_key, None)

    async def points(self, member_key: str, now: dt.datetime, half_life_days: float) -> float:
        # A running total decayed forward from the last answer: a long scan of a busy member
        # costs the same per message as a short one.
        strikes = self._strikes.get(member_key, [])
        known = self._running.get(member_key)
        if known is None or known[1] > now or known[2] != half_life_days:
            total = decayed_points([(p, t) for p, t, _ in strikes], now, half_life_days)
        else:
            total = known[0] * decay(known[1], now, half_life_days)
        self._running[member_key] = (total, now, half_life_days)
        return total

    async def strikes(self, member_key: str) -> list[tuple[float, dt.datetime]]:
        return [(p, t) for p, t, _ in self._strikes.get(member_key, [])]

    async def record_decision(self, incident_id: int, moderator_key: str, choice: str,
                              note: str, time: dt.datetime) -> None:
        self._decisions.append({"incident_id": incident_id, "moderator_key": moderator_key,
                                "choice": choice, "note": note, "time": time.isoformat()})

    async def first_decision_times(self, incident_ids: Sequence[int]) -> dict[int, dt.datetime]:
        wanted = set(incident_ids)
        first: dict[int, dt.datetime] = {}
        for d in self._decisions:
            when = dt.datetime.fromisoformat(d["time"])
            if d["incident_id"] in wanted and (d["incident_id"] not in first
                                               or when < first[d["incident_id"]]):
                first[d["incident_id"]] = when
        return first

    async def audit(self, kind: str, time: dt.datetime, *, chat_key: str = "",
                    member_key: str = "", incident_id: int | None = None,
                    detail: Mapping[str, Any] | None = None) -> None:
        self._audit.append({"kind": kind, "time": time.isoformat(), "chat_key": chat_key,
                            "member_key": member_key, "incident_id": incident_id,
                            "detail": dict(detail or {})})

    async def audit_trail(self, *, incident_id: int | None = None,
                          limit: int = 100) -> list[dict[str, Any]]:
        rows = [a for a in self._audit if incident_id is None or a["incident_id"] == incident_id]
        return rows[-limit:]

    async def export_member(self, member_key: str, *,
                            reporter_hash: str | None = None) -> dict[str, Any]:
        mine = [r for r in self._incidents.values() if r.member_key == member_key]
        ids = {r.id for r in mine}
        return {
            "member": member_key,
            "incidents": as_rows(mine),
            "strikes": [{"points": p, "time": t.isoformat(), "chat_key": c}
                        for p, t, c in self._strikes.get(member_key, [])],
            "decisions": [d for d in self._decisions if d["incident_id"] in ids],
            "audit": [a for a in self._audit if a["member_key"] == member_key],
            "reports_made": [{k: r[k] for k in ("incident_id", "reason", "time")}
                             for r in self._reports
                             if reporter_hash is not None and r["reporter_hash"] == reporter_hash],
            **self._export_workflow(member_key, ids),  # workflow: notes, outbox
            "acknowledgements": [attrs.asdict(e, value_serializer=_iso_value)  # the gate
                                 for e in self._gate.values() if e.member_key == member_key],
        }

    async def erase_member(self, member_key: str, *, reporter_hash: str | None = None,
                           keep_cases: Collection[int] = ()) -> int:
        keep = set(keep_cases)
        self._running.pop(member_key, None)
        gone = {i for i, r in self._incidents.items()
                if r.member_key == member_key and i not in keep}
        for i in gone:
            del self._incidents[i]
        for key, delivery in list(self._deliveries.items()):
            if delivery.incident_id in gone:
                del self._deliveries[key]
        strikes = self._strikes.pop(member_key, [])
        cases = self._strike_cases.pop(member_key, [])
        cases += [None] * (len(strikes) - len(cases))
        kept = [(s, c) for s, c in zip(strikes, cases, strict=False) if c in keep]
        if kept:
            self._strikes[member_key] = [s for s, _ in kept]
            self._strike_cases[member_key] = [c for _, c in kept]
        count = len(gone) + len(strikes) - len(kept)
        audit = [a for a in self._audit if a["member_key"] != member_key
                 or a["incident_id"] in keep]
        decisions = [d for d in self._decisions if d["incident_id"] not in gone]
        reports = [r for r in self._reports if r["incident_id"] not in gone
                   and (reporter_hash is None or r["reporter_hash"] != reporter_hash)]
        count += (len(self._audit) - len(audit) + len(self._decisions) - len(decisions)
                  + len(self._reports) - len(reports))
        count += self._erase_workflow(member_key, set(gone), keep)  # workflow: notes, outbox
        mine = [k for k, e in self._gate.items() if e.member_key == member_key]  # the gate
        for k in mine:
            del self._gate[k]
        count += len(mine)
        self._audit, self._decisions, self._reports = audit, decisions, reports
        if reporter_hash is not None:
            for i, record in list(self._incidents.items()):
                if record.reporter_hash == reporter_hash:
                    self._incidents[i] = attrs.evolve(record, reporter_hash=None)
        return count

    async def purge_expired(self, before: dt.datetime) -> int:
        purged = set()
        for i, record in list(self._incidents.items()):
            if record.text is not None and record.time < before:
                self._incidents[i] = attrs.evolve(record, text=None, reasons=())
                purged.add(i)
        for report in self._reports:
            if report["incident_id"] in purged:
                report["reason"] = None
        for decision in self._decisions:
            if decision["incident_id"] in purged:
                decision["note"] = ""
        for key, delivery in list(self._deliveries.items()):
            if delivery.incident_id in purged:
                self._deliveries[key] = attrs.evolve(delivery, detail={})
        self._purge_workflow(before)  # workflow: notes and unsent reports go too
        return len(purged)

    # -- workflow (issue 14): notes, decisions, the outbox ----------------------------------

    async def add_note(self, incident_id: int, moderator_key: str, text: str,
                       time: dt.datetime) -> int:
        note_id = max((n.id for n in self._notes), default=0) + 1
        self._notes.append(Note(note_id, incident_id, moderator_key, text, time))
        return note_id

    async def notes(self, incident_id: int) -> list[Note]:
        return [n for n in self._notes if n.incident_id == incident_id]

    async def decisions(self, incident_id: int) -> list[DecisionRecord]:
        return [DecisionRecord(d["incident_id"], d["moderator_key"], d["choice"], d["note"],
                               dt.datetime.fromisoformat(d["time"]))
                for d in self._decisions if d["incident_id"] == incident_id]

    async def decisions_of(self, incident_ids: Sequence[int]) -> list[DecisionRecord]:
        wanted = set(incident_ids)
        return [DecisionRecord(d["incident_id"], d["moderator_key"], d["choice"], d["note"],
                               dt.datetime.fromisoformat(d["time"]))
                for d in self._decisions if d["incident_id"] in wanted]

    async def queue_outbox(self, entry: NewOutboxEntry) -> tuple[OutboxEntry, bool]:
        for known in self._outbox.values():
            if known.incident_id == entry.incident_id or known.message_id == entry.message_id:
                return known, False
        entry_id = max(self._outbox, default=0) + 1
        self._outbox[entry_id] = OutboxEntry(**attrs.asdict(entry), id=entry_id,
                                             next_attempt=entry.created)
        return self._outbox[entry_id], True

    async def outbox(self, *, incident_id: int | None = None, member_key: str | None = None,
                     due_at: dt.datetime | None = None, limit: int = 100) -> list[OutboxEntry]:
        found = [e for e in self._outbox.values()
                 if (incident_id is None or e.incident_id == incident_id)
                 and (member_key is None or e.member_key == member_key)
                 and (due_at is None or (e.status == "waiting" and e.next_attempt is not None
                                         and e.next_attempt <= due_at))]
        return found[:limit]

    async def claim_outbox(self, entry_id: int, now: dt.datetime, until: dt.datetime) -> bool:
        entry = self._outbox.get(entry_id)
        if entry is None or entry.status != "waiting" or entry.next_attempt is None \
                or entry.next_attempt > now:
            return False
        self._outbox[entry_id] = attrs.evolve(entry, next_attempt=until)
        return True

    async def outbox_sent(self, entry_id: int, time: dt.datetime) -> None:
        if entry_id in self._outbox:
            self._outbox[entry_id] = attrs.evolve(self._outbox[entry_id], sent_at=time,
                                                  body=None, last_error="")

    async def outbox_failed(self, entry_id: int, attempts: int, next_attempt: dt.datetime,
                            error: str) -> None:
        entry = self._outbox.get(entry_id)
        if entry is not None and entry.sent_at is None:
            self._outbox[entry_id] = attrs.evolve(entry, attempts=attempts,
                                                  next_attempt=next_attempt,
                                                  last_error=error[:200])

    # -- fair outcomes (issue 14): refunds, appeals, second moderators ----------------------

    def _write_fairness(self, plan: Plan, incident_id: int,
                        record: IncidentRecord) -> IncidentRecord:
        held = self._held.get(incident_id)
        if plan.refund and held is not None and held[3] > 1e-9:
            member_key, chat_key, when, points = held
            self._strikes[member_key].append((-points, when, chat_key))
            self._held[incident_id] = (member_key, chat_key, when, 0.0)
            self._running.pop(member_key, None)
        if plan.appeal is not None and incident_id not in self._appeals:
            self._appeals[incident_id] = AppealRecord(**attrs.asdict(plan.appeal),
                                                      incident_id=incident_id)
            record = attrs.evolve(record, status="open")
        appeal = self._appeals.get(incident_id)
        if plan.appeal_outcome and plan.moderator is not None and appeal is not None \
                and appeal.status == "open":
            self._appeals[incident_id] = attrs.evolve(
                appeal, status=plan.appeal_outcome, choice=plan.moderator.choice,
                decided_by=plan.moderator.moderator_key, decided_at=plan.time)
        if plan.wait is not None:
            self._confirmations.append(attrs.evolve(plan.wait, incident_id=incident_id))
        if plan.case_note is not None:
            note_id = max((n.id for n in self._notes), default=0) + 1
            self._notes.append(Note(note_id, incident_id, plan.case_note[0], plan.case_note[1],
                                    plan.time))
        if plan.confirms and plan.moderator is not None:
            self._confirmations = [
                attrs.evolve(c, confirmed_by=plan.moderator.moderator_key, confirmed_at=plan.time)
                if c.incident_id == incident_id and c.choice == plan.moderator.choice
                and not c.confirmed_by else c for c in self._confirmations]
        return record

    async def told(self, incident_id: int) -> bool:
        return any(a.name in ("nudge", "caution") and a.status in ("done", "sending")
                   for d in self._deliveries.values() if d.incident_id == incident_id
                   for a in d.actions)

    async def appeal_of(self, incident_id: int) -> AppealRecord | None:
        return self._appeals.get(incident_id)

    async def appeals(self, *, member_key: str | None = None,
                      since: dt.datetime | None = None) -> list[AppealRecord]:
        return [a for a in self._appeals.values()
                if (member_key is None or a.member_key == member_key)
                and (since is None or a.time >= since)]

    async def confirmations(self, incident_id: int) -> list[Confirmation]:
        return [c for c in self._confirmations if c.incident_id == incident_id]

    def _export_workflow(self, member_key: str, ids: set[int]) -> dict[str, Any]:
        def plain(_inst: object, _field: object, value: Any) -> Any:
            return value.isoformat() if isinstance(value, dt.datetime) else value

        return {"notes": [attrs.asdict(n, value_serializer=plain)
                          for n in self._notes if n.incident_id in ids],
                "outbox": [attrs.asdict(e, value_serializer=plain)
                           for e in self._outbox.values() if e.member_key == member_key],
                "appeals": [attrs.asdict(a, value_serializer=plain)
                            for a in self._appeals.values() if a.member_key == member_key]}

    def _erase_workflow(self, member_key: str, ids: set[int], keep: set[int]) -> int:
        kept = [n for n in self._notes if n.incident_id not in ids]
        gone = len(self._notes) - len(kept)
        self._notes = kept
        for incident_id in ids & set(self._appeals):
            del self._appeals[incident_id]
            gone += 1
        confirmations = [c for c in self._confirmations if c.incident_id not in ids]
        gone += len(self._confirmations) - len(confirmations)
        self._confirmations = confirmations
        for incident_id in ids:
            self._held.pop(incident_id, None)
        for entry_id, entry in list(self._outbox.items()):
            if entry.member_key == member_key and entry.incident_id not in keep:
                del self._outbox[entry_id]
                gone += 1
        return gone

    def _purge_workflow(self, before: dt.datetime) -> None:
        """Notes are excerpts: their text goes with the incident's; an unsent report of an
        expired incident is given up (its body would keep the text past retention)."""
        old = {i for i, r in self._incidents.items() if r.time < before}
        self._notes = [attrs.evolve(n, text=None) if n.incident_id in old else n
                       for n in self._notes]
        for incident_id in old & set(self._appeals):
            self._appeals[incident_id] = attrs.evolve(self._appeals[incident_id], reason="")
        for entry_id, entry in list(self._outbox.items()):
            if entry.incident_id in old and entry.body is not None:
                self._outbox[entry_id] = attrs.evolve(
                    entry, body=None, last_error="expired: past the retention period")


    # -- the acknowledgement gate (issue 13) ---------------------------------------------

    async def gate_join(self, chat_key: str, member_key: str, time: dt.datetime) -> bool:
        if (chat_key, member_key) in self._gate:
            return False
        self._gate[(chat_key, member_key)] = GateEntry(chat_key, member_key, time)
        return True

    async def gate_entry(self, chat_key: str, member_key: str) -> GateEntry | None:
        return self._gate.get((chat_key, member_key))

    async def gate_waiting(self, member_key: str) -> list[GateEntry]:
        return sorted((e for e in self._gate.values() if e.member_key == member_key and e.waiting),
                      key=lambda e: e.chat_key)

    async def gate_agree(self, chat_key: str, member_key: str, time: dt.datetime) -> bool:
        return self._gate_once(chat_key, member_key, lambda entry: entry.waiting, agreed=time)

    async def gate_tell(self, chat_key: str, member_key: str) -> bool:
        return self._gate_once(chat_key, member_key, lambda entry: not entry.told, told=True)

    def _gate_once(self, chat_key: str, member_key: str, unset: Callable[[GateEntry], bool],
                   **changes: Any) -> bool:
        """Apply `changes` to the member's gate entry where `unset` holds: True if this did."""
        entry = self._gate.get((chat_key, member_key))
        if entry is None or not unset(entry):
            return False
        self._gate[(chat_key, member_key)] = attrs.evolve(entry, **changes)
        return True


def _iso_value(_inst: object, _field: object, value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value
