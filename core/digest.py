"""The weekly digest for the moderators' chat: the open cases and how long they have waited,
what happened this week, and the reports still waiting for the school's mail server.

Counts, case numbers, groups and rules only: no message text, no member names and never a
reporter (a digest may be read over a shoulder in a busy staff room).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection

import attrs

from civility.cases import CLOSED
from civility.events import ReviewChoice
from civility.moderation import word_for
from civility.store import DecisionRecord, IncidentRecord, OutboxEntry, Store

__all__ = ["Digest", "DigestData", "WaitingCase", "digest_from", "read_digest_data",
           "render_digest", "weekly_digest"]

#: Decisions are looked for on open cases and on cases of this many recent days.
LOOK_BACK_DAYS = 90


@attrs.frozen
class WaitingCase:
    id: int
    group: str
    rules: tuple[str, ...]
    since: dt.datetime
    priority: int = 0


@attrs.frozen
class Digest:
    since: dt.datetime
    until: dt.datetime
    waiting: tuple[WaitingCase, ...]
    new_cases: int
    member_reports: int
    by_rule: tuple[tuple[str, int], ...]
    decisions: tuple[tuple[str, int], ...]
    reports_sent: int
    reports_waiting: int


def _word(choice: str) -> str:
    if choice == CLOSED:
        return "close"
    try:
        return word_for(ReviewChoice(choice))
    except ValueError:
        return choice


@attrs.frozen
class DigestData:
    """What a digest reads from the store, once a round for every moderators' chat."""

    records: tuple[IncidentRecord, ...]
    decisions: tuple[DecisionRecord, ...]
    outbox: tuple[OutboxEntry, ...]


async def read_digest_data(store: Store, *, now: dt.datetime) -> DigestData:
    """The incidents, the decisions on open and recent cases, and the outbox."""
    records = await store.incidents(limit=10_000_000)
    recent = [r.id for r in records
              if r.status == "open" or r.time >= now - dt.timedelta(days=LOOK_BACK_DAYS)]
    return DigestData(tuple(records), tuple(await store.decisions_of(recent)),
                      tuple(await store.outbox(limit=10_000_000)))


def digest_from(data: DigestData, *, now: dt.datetime, days: int = 7,
                chat_keys: Collection[str] | None = None) -> Digest:
    """The digest of the ``days`` before ``now``; with ``chat_keys``, of those groups only
    (a moderators' chat hears about the groups it looks after)."""
    since = now - dt.timedelta(days=days)
    records = [r for r in data.records if chat_keys is None or r.chat_key in chat_keys]
    mine = {r.id for r in records}
    week = [r for r in records if since <= r.time < now]
    waiting = sorted((WaitingCase(r.id, r.chat_title or r.chat_id, r.rule_ids, r.time,
                                  getattr(r, "priority", 0))
                      for r in records if r.status == "open"), key=lambda w: w.since)
    choices = Counter(_word(d.choice) for d in data.decisions
                      if d.incident_id in mine and since <= d.time < now)
    entries = [e for e in data.outbox if e.incident_id in mine]
    return Digest(
        since=since, until=now, waiting=tuple(waiting), new_cases=len(week),
        member_reports=sum(r.source == "member" for r in week),
        by_rule=tuple(Counter(rule for r in week for rule in r.rule_ids).most_common()),
        decisions=tuple(choices.most_common()),
        reports_sent=sum(e.sent_at is not None and since <= e.sent_at < now for e in entries),
        reports_waiting=sum(e.status == "waiting" for e in entries))


async def weekly_digest(store: Store, *, now: dt.datetime, days: int = 7,
                        chat_keys: Collection[str] | None = None) -> Digest:
    """The digest of the ``days`` before ``now`` (of ``chat_keys``' groups only, if given)."""
    return digest_from(await read_digest_data(store, now=now), now=now, days=days,
                       chat_keys=chat_keys)


def _waited(since: dt.datetime, now: dt.datetime) -> str:
    hours = (now - since).total_seconds() / 3600
    return f"{hours:.0f} h" if hours < 48 else f"{hours / 24:.0f} days"


def render_digest(digest: Digest) -> str:
    d = digest
    lines = [f"Weekly moderation digest, {d.since:%d %b} to {d.until:%d %b %Y}", ""]
    if d.waiting:
        lines.append(f"Open cases waiting for a moderator: {len(d.waiting)} (oldest first)")
        for w in d.waiting[:20]:
            raised = f", reported again x{w.priority}" if w.priority else ""
            lines.append(f"  #{w.id} in {w.group}: {', '.join(w.rules) or 'member report'}; "
                         f"waiting {_waited(w.since, d.until)}{raised}")
        if len(d.waiting) > 20:
            lines.append(f"  ... and {len(d.waiting) - 20} more (civility cases list --open)")
    else:
        lines.append("No open cases: nothing is waiting.")
    lines += ["", f"This week: {d.new_cases} new case(s), {d.member_reports} from members' reports."]
    if d.by_rule:
        lines.append("  By rule: " + ", ".join(f"{rule} {n}" for rule, n in d.by_rule))
    lines.append("  Moderators' decisions: "
                 + (", ".join(f"{word} {n}" for word, n in d.decisions) or "none"))
    lines.append(f"  Incident reports sent to the school: {d.reports_sent}")
    if d.reports_waiting:
        lines.append(f"  Incident reports waiting for the mail server: {d.reports_waiting} "
                     "(retried automatically)")
    return "\n".join(lines) + "\n"
