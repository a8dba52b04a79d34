"""A case as a moderator reads it: the incident, the rules and clauses it rests on, the evidence
in plain words, the member's recent history (counts and dates only, never other messages' text),
the ladder's proposal, and a timeline of every decision, note and action with who and when.

The reporter of a message is never part of a case: member reports appear as "a member".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import structlog

from civility.config import LadderSettings
from civility.events import ReviewChoice
from civility.moderation import CHOICES, case_word_of, word_for
from civility.store import (
    AppealRecord,
    IncidentRecord,
    ModeratorChoice,
    OutboxEntry,
    Plan,
    Store,
)
from civility.summary import APPEAL_CLOSED
from civility.verdicts import Rule

__all__ = ["Case", "History", "MemberState", "TimelineEntry", "case_word", "close_case",
           "find_cases", "ladder_level", "member_state", "read_case", "render_case",
           "render_member"]

log = structlog.get_logger()

#: "Recent" history: a member's cases of the last year count.
HISTORY_DAYS = 365
#: What a decision's recorded word means, for the choices and the case-level words.
CLOSED = "close"

STATUS_WORDS = {"open": "open", "resolved": "acted on", "dismissed": "kept: not a breach"}
STEP_WORDS = {"nudge": "private nudge", "delete": "delete the message",
              "caution": "formal private caution", "review": "ask the moderators",
              "mute": "mute the member", "propose_removal": "propose removing the member",
              "remove": "remove the member", "report_incident": "incident report to the school"}
SOURCE_WORDS = {"rule": ("Civility", "flagged by the code of conduct"),
                "member": ("a member", "reported to the moderators (the reporter is not kept)"),
                "platform": ("the platform", "reported through the platform"),
                "moderator": ("a moderator", "raised by a moderator")}


def case_word(word: str) -> str | None:
    """The case-level word a moderator used (``close``, ``note``, ``readmit``), or None: the
    one vocabulary's (`civility.moderation.CASE_WORDS`)."""
    found = case_word_of(word)
    return found.value if found else None


@attrs.frozen
class RuleText:
    id: str
    title: str
    clause: str
    where: str


@attrs.frozen
class History:
    """The member's other cases of the last `HISTORY_DAYS`, across the school's groups."""

    cases: int = 0
    groups: int = 0
    open: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    #: (action, count), most frequent first.
    actions: tuple[tuple[str, int], ...] = ()


@attrs.frozen
class TimelineEntry:
    time: dt.datetime
    who: str
    what: str


@attrs.frozen
class Case:
    incident: IncidentRecord
    rules: tuple[RuleText, ...]
    #: The evidence in plain words, while retention keeps it (empty afterwards).
    evidence: tuple[str, ...]
    history: History
    points_now: float
    proposal: str
    timeline: tuple[TimelineEntry, ...]
    report: OutboxEntry | None = None
    #: The member's appeal of the case, if they made one.
    appeal: AppealRecord | None = None

    @property
    def id(self) -> int:
        return self.incident.id

    @property
    def text_kept(self) -> bool:
        return self.incident.text is not None


def rule_texts(rule_ids: Sequence[str], rules: Mapping[str, Rule]) -> tuple[RuleText, ...]:
    found = []
    for rule_id in rule_ids:
        rule = rules.get(rule_id)
        found.append(RuleText(rule_id, rule.title, rule.clause, rule.clause_ref) if rule else
                     RuleText(rule_id, rule_id, "(this rule is no longer installed)", ""))
    return tuple(found)


def history_of(records: Sequence[IncidentRecord], *, now: dt.datetime,
               exclude: int | None = None) -> History:
    since = now - dt.timedelta(days=HISTORY_DAYS)
    mine = [r for r in records if r.id != exclude and r.time >= since]
    if not mine:
        return History()
    times = sorted(r.time for r in mine)
    return History(cases=len(mine), groups=len({r.chat_key for r in mine}),
                   open=sum(r.status == "open" for r in mine), first=times[0], last=times[-1],
                   actions=tuple(Counter(r.action for r in mine).most_common()))


def proposal_of(incident: IncidentRecord) -> str:
    done = [STEP_WORDS.get(s, s) for s in incident.steps]
    waiting = [STEP_WORDS.get(s, s) for s in incident.pending]
    parts = [f"the ladder chose: {', '.join(done) or 'nothing on its own'}"]
    if waiting:
        parts.append(f"it proposes, waiting for a moderator: {', '.join(waiting)}")
    return "; ".join(parts)


def _choice_words(choice: str) -> str:
    if choice == CLOSED:
        return "closed the case"
    if choice == "readmit":
        return "readmitted the member (let them back into the group)"
    try:
        known = ReviewChoice(choice)
    except ValueError:
        return f"chose {choice}"
    does = next(c.does for c in CHOICES if c.choice is known)
    return f"chose {word_for(known)} ({does})"


def _audit_entry(row: Mapping[str, Any]) -> TimelineEntry | None:
    when = row["time"]
    time = dt.datetime.fromisoformat(when) if isinstance(when, str) else when
    detail = row.get("detail") or {}
    kind = row["kind"]
    if kind == "actions":
        parts = []
        for key, label in (("done", "done"), ("recommended", "left to a moderator"),
                           ("failed", "failed")):
            if detail.get(key):
                parts.append(f"{label}: {', '.join(map(str, detail[key]))}")
        if not parts:
            return None
        advise = " (advise mode: nothing done in the group)" if detail.get("advise") else ""
        return TimelineEntry(time, "Civility", "; ".join(parts) + advise)
    if kind == "reported_again":
        return TimelineEntry(time, "a member", "reported the message again")
    if kind == "moderation_refused":
        return TimelineEntry(time, "someone", "an answer from a non-moderator was refused")
    return TimelineEntry(time, "Civility", kind.replace("_", " "))


async def timeline_of(store: Store, incident: IncidentRecord,
                      report: OutboxEntry | None) -> tuple[TimelineEntry, ...]:
    who, what = SOURCE_WORDS.get(incident.source, (incident.source, "raised"))
    entries = [TimelineEntry(incident.time, who, what)]
    for row in await store.audit_trail(incident_id=incident.id, limit=10_000):
        entry = _audit_entry(row)
        if entry is not None:
            entries.append(entry)
    for decision in await store.decisions(incident.id):
        note = f" - {decision.note}" if decision.note else ""
        entries.append(TimelineEntry(decision.time, decision.moderator_key,
                                     _choice_words(decision.choice) + note))
    appeal = await store.appeal_of(incident.id)
    if appeal is not None:
        why = f": {appeal.reason}" if appeal.reason else ""
        entries.append(TimelineEntry(appeal.time, "the member", f"appealed{why}"))
        if appeal.decided_at is not None:
            outcome = "appeal " + _APPEAL_OUTCOMES.get(appeal.status,
                                                       "allowed: the decision is withdrawn")
            entries.append(TimelineEntry(appeal.decided_at, appeal.decided_by,
                                         f"{outcome} ({appeal.choice})"))
    for asked in await store.confirmations(incident.id):
        entries.append(TimelineEntry(asked.time, asked.moderator_key,
                                     f"asked for {asked.choice}: waiting for a second moderator"))
        if asked.confirmed_at is not None:
            entries.append(TimelineEntry(asked.confirmed_at, asked.confirmed_by,
                                         f"confirmed {asked.choice}"))
    for note_row in await store.notes(incident.id):
        text = note_row.text if note_row.text is not None else "(erased: past the retention period)"
        entries.append(TimelineEntry(note_row.time, note_row.moderator_key, f"note: {text}"))
    if report is not None:
        entries.append(TimelineEntry(report.created, "Civility",
                                     f"incident report queued for {report.recipient}"))
        if report.sent_at is not None:
            entries.append(TimelineEntry(report.sent_at, "Civility",
                                         f"incident report sent ({report.message_id})"))
        elif report.attempts:
            entries.append(TimelineEntry(
                report.next_attempt or report.created, "Civility",
                f"incident report not sent yet: {report.attempts} attempt(s) failed "
                f"({report.last_error or 'unknown'}); next attempt at this time"))
    return tuple(sorted(entries, key=lambda e: e.time))


async def read_case(store: Store, incident_id: int, *, rules: Mapping[str, Rule],
                    ladder: LadderSettings, now: dt.datetime) -> Case | None:
    incident = await store.incident(incident_id)
    if incident is None:
        return None
    others = await store.incidents(member_key=incident.member_key, limit=10_000)
    entries = await store.outbox(incident_id=incident.id)
    report = entries[0] if entries else None
    return Case(
        incident=incident,
        rules=rule_texts(incident.rule_ids, rules),
        # The reasons quote the evidence: shown only while the message's text is kept.
        evidence=tuple(incident.reasons) if incident.text is not None else (),
        history=history_of(others, now=now, exclude=incident.id),
        points_now=await store.points(incident.member_key, now, ladder.half_life_days),
        proposal=proposal_of(incident),
        timeline=await timeline_of(store, incident, report),
        report=report,
        appeal=await store.appeal_of(incident.id),
    )


async def find_cases(store: Store, *, open_only: bool = False, chat: str | None = None,
                     rule: str | None = None, member_key: str | None = None,
                     since: dt.datetime | None = None, limit: int = 50) -> list[IncidentRecord]:
    """Cases newest first. ``chat`` matches a group's key (platform:id), id or title."""
    found = []
    wanted = chat.casefold() if chat else None
    for record in await store.incidents(member_key=member_key,
                                        status="open" if open_only else None, limit=1_000_000):
        if since is not None and record.time < since:
            continue
        if wanted is not None and wanted not in (record.chat_key.casefold(),
                                                 record.chat_id.casefold(),
                                                 record.chat_title.casefold()):
            continue
        if rule is not None and rule not in record.rule_ids:
            continue
        found.append(record)
        if len(found) >= limit:
            break
    return found


async def close_case(store: Store, incident_id: int, *, moderator_key: str, note: str,
                     time: dt.datetime) -> str:
    """Close an open case; returns "" when done, else why not (one line)."""
    incident = await store.incident(incident_id)
    if incident is None:
        return f"no case #{incident_id}"
    if incident.status != "open":
        return f"case #{incident_id} is already closed ({STATUS_WORDS.get(incident.status)})"
    # One transaction: the decision, the note, the status, and an open appeal settled.
    key = hashlib.sha256(f"cli-close\x1f{incident_id}\x1f{moderator_key}\x1f"
                         f"{time.isoformat()}".encode()).hexdigest()
    await store.record_plan(Plan(
        key=key, kind="case", time=time, incident_id=incident_id,
        moderator=ModeratorChoice(moderator_key, CLOSED, "", "resolved"),
        case_note=(moderator_key, note) if note else None, appeal_outcome=APPEAL_CLOSED))
    log.info("case_closed", incident=incident_id)
    return ""


# -- members -----------------------------------------------------------------------------------


@attrs.frozen
class MemberState:
    member_key: str
    names: tuple[str, ...]
    points_now: float
    points_given: float
    strikes: tuple[tuple[float, dt.datetime], ...]
    level: str
    #: When the decayed points fall under the caution level (None: they are under it now).
    under_caution_on: dt.datetime | None
    cases: int
    open_cases: int
    groups: int
    #: The school's groups the member has cases in (issue 14: one record across groups),
    #: each with how many cases and when the last was.
    group_cases: tuple[tuple[str, int, dt.datetime], ...] = ()


def ladder_level(points: float, ladder: LadderSettings) -> str:
    """Where decayed points stand on the ladder, in plain words."""
    if points >= ladder.propose_removal_at:
        return (f"at the removal level ({ladder.propose_removal_at:g}): a further breach "
                "proposes removal to the moderators")
    if points >= ladder.review_at:
        return (f"at the review level ({ladder.review_at:g}): a further breach goes to the "
                "moderators")
    if points >= ladder.caution_at:
        return (f"at the caution level ({ladder.caution_at:g}): a further breach brings a "
                "formal caution")
    return f"below the caution level ({ladder.caution_at:g})"


async def member_state(store: Store, member_key: str, *, ladder: LadderSettings,
                       now: dt.datetime) -> MemberState:
    strikes = tuple(sorted(await store.strikes(member_key), key=lambda s: s[1]))
    points = await store.points(member_key, now, ladder.half_life_days)
    records = await store.incidents(member_key=member_key, limit=1_000_000)
    under = None
    if points >= ladder.caution_at > 0:
        days = ladder.half_life_days * math.log2(points / ladder.caution_at)
        under = now + dt.timedelta(days=days)
    return MemberState(
        member_key=member_key,
        names=tuple(sorted({r.member_name for r in records if r.member_name})),
        points_now=points, points_given=sum(p for p, _ in strikes), strikes=strikes,
        level=ladder_level(points, ladder), under_caution_on=under, cases=len(records),
        open_cases=sum(r.status == "open" for r in records),
        groups=len({r.chat_key for r in records}), group_cases=_group_cases(records))


def _group_cases(records: Sequence[IncidentRecord]) -> tuple[tuple[str, int, dt.datetime], ...]:
    by_group: dict[str, list[IncidentRecord]] = {}
    for r in records:
        by_group.setdefault(r.chat_key, []).append(r)
    rows = [(max(rs, key=lambda r: r.time).chat_title or rs[0].chat_id, len(rs),
             max(r.time for r in rs)) for rs in by_group.values()]
    return tuple(sorted(rows, key=lambda row: row[0]))


# -- plain text ----------------------------------------------------------------------------------


def _day(when: dt.datetime | None) -> str:
    return f"{when:%Y-%m-%d}" if when else "-"


def render_case(case: Case) -> str:
    """The whole case as plain text, for the command line."""
    r = case.incident
    h = case.history
    lines = [
        f"Case #{r.id} ({STATUS_WORDS.get(r.status, r.status)})",
        *([appeal_line(case.appeal)] if case.appeal is not None else []),
        f"When: {r.time:%Y-%m-%d %H:%M} UTC",
        f"Group: {r.chat_title or r.chat_id} ({r.chat_key})",
        f"Member: {r.member_name or r.member_id} ({r.member_key})",
        "",
        "Message:",
        f"  {r.text}" if r.text is not None else "  (no longer kept: past the retention period)",
        "",
        "Rules:",
        *([f"  {t.id}: {t.title}. {t.clause}" + (f" ({t.where})" if t.where else "")
           for t in case.rules] or ["  (none: reported by a member or raised by a moderator)"]),
        "",
        "Evidence:",
        *([f"  - {e}" for e in case.evidence] or
          ["  (no longer kept)" if not case.text_kept else "  (none recorded)"]),
        "",
        f"Ladder: {case.proposal}.",
        f"Member's strike points now: {case.points_now:.1f}",
        ("Member's other cases in the last year: none" if not h.cases else
         f"Member's other cases in the last year: {h.cases} in {h.groups} group(s), "
         f"{h.open} open; first {_day(h.first)}, last {_day(h.last)}; "
         + ", ".join(f"{a} {n}" for a, n in h.actions)),
        "",
        "Timeline:",
        *[f"  {e.time:%Y-%m-%d %H:%M}  {e.who}: {e.what}" for e in case.timeline],
    ]
    return "\n".join(lines) + "\n"


_APPEAL_OUTCOMES = {"upheld": "upheld: the decision stands",
                    APPEAL_CLOSED: "closed with the case, undecided: the decision stands"}


def appeal_line(appeal: AppealRecord) -> str:
    """Where the member's appeal stands, for the top of a case."""
    if appeal.status == "open":
        who = (f"a moderator other than {appeal.first_moderator} decides it (if the group "
               "has one)" if appeal.first_moderator else "any moderator decides it")
        return f"Appealed by the member on {appeal.time:%Y-%m-%d}: waiting; {who}"
    outcome = {"upheld": "upheld (the decision stands)",
               APPEAL_CLOSED: "closed with the case, undecided (the decision stands)"}.get(
                   appeal.status, "allowed (the decision is withdrawn)")
    return f"Appealed by the member on {appeal.time:%Y-%m-%d}: {outcome}, by {appeal.decided_by}"


def render_member(state: MemberState) -> str:
    lines = [
        f"Member {state.member_key}" + (f" ({', '.join(state.names)})" if state.names else ""),
        f"Strike points now (decayed): {state.points_now:.1f} "
        f"(given in all: {state.points_given:g})",
        f"Ladder: {state.level}",
    ]
    if state.under_caution_on is not None:
        lines.append(f"Under the caution level again from: {_day(state.under_caution_on)} "
                     "(without a new breach)")
    lines.append(f"Cases: {state.cases} ({state.open_cases} open) in {state.groups} group(s)")
    lines += [f"  {group}: {count} case(s), the last on {_day(last)}"
              for group, count, last in state.group_cases]
    if state.strikes:
        lines.append("Strikes:")
        lines += [f"  {when:%Y-%m-%d}  +{points:g}" if points >= 0 else
                  f"  {when:%Y-%m-%d}  {points:g} (given back: kept: not a breach)"
                  for points, when in state.strikes]
    return "\n".join(lines) + "\n"
