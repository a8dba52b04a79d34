"""The termly summary for governors: what happened in the groups, with no names and no text.

Counts per rule, action and group, the trend by month, how quickly moderators answered and how
cases ended. Built from incidents and moderator decisions only; nothing in it identifies a member.
"""

from __future__ import annotations

import datetime as dt
import html
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from civility.store import AppealRecord, IncidentRecord

__all__ = ["Summary", "render_html", "render_text", "summarise"]

_SOURCES = {"rule": "found by the code of conduct", "member": "reported by a member",
            "platform": "reported through the platform", "moderator": "raised by a moderator"}
_STATUSES = {"open": "still open", "resolved": "acted on by a moderator",
             "dismissed": "kept: not a breach"}
_ACTIONS = {"none": "noted only", "nudge": "private nudge", "delete": "deleted and nudged",
            "caution": "formal caution", "review": "moderators asked to review",
            "mute": "muted", "propose_removal": "moderators asked about removal",
            "remove": "removed from the group", "report_incident": "incident report to the school"}


@attrs.frozen
class Summary:
    since: dt.datetime
    until: dt.datetime
    incidents: int
    by_rule: tuple[tuple[str, int], ...]
    by_action: tuple[tuple[str, int], ...]
    by_group: tuple[tuple[str, int], ...]
    by_source: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    by_month: tuple[tuple[str, int], ...]
    answered: int
    #: Hours from an incident to a moderator's first answer (median, 90th percentile).
    median_hours: float | None
    p90_hours: float | None
    #: Moderators' decisions in the period, by the words they used (keep, caution, close...).
    decisions: tuple[tuple[str, int], ...] = ()
    #: Members' appeals made in the period and how they ended (issue 14).
    appeals: tuple[tuple[str, int], ...] = ()
    #: Incidents in the period of the same length just before (the trend); None: not asked.
    previous: int | None = None


def _months(since: dt.datetime, until: dt.datetime) -> list[str]:
    out, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        out.append(dt.date(year, month, 1).strftime("%b %Y"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


#: The words of the moderators' recorded choices, as a governor reads them.
_DECISIONS = {"keep": "kept: not a breach", "delete": "message deleted",
              "caution": "formal caution", "mute": "muted", "remove": "removed from the group",
              "remove_all": "removed from all the school's groups",
              "report": "escalated to the school", "close": "closed"}


def summarise(incidents: Iterable[IncidentRecord], first_answers: Mapping[int, dt.datetime], *,
              since: dt.datetime, until: dt.datetime,
              titles: Mapping[str, str] | None = None,
              decisions: Iterable[tuple[dt.datetime, str]] = (),
              appeals: Iterable[AppealRecord] = (),
              previous: int | None = None) -> Summary:
    """The summary of the incidents in [since, until); ``first_answers`` maps an incident id to
    the time of its first moderator decision; ``titles`` gives rules their titles;
    ``decisions`` are the moderators' recorded choices (time, choice); ``appeals`` are
    members' appeals (those made in the period count); ``previous`` the incidents of the
    period before."""
    titles = titles or {}
    chosen = [r for r in incidents if since <= r.time < until]
    in_period = [(t, c) for t, c in decisions if since <= t < until]
    rules: Counter[str] = Counter(titles.get(rule, rule) for r in chosen for rule in r.rule_ids)
    months = Counter(r.time.strftime("%b %Y") for r in chosen)
    waits = sorted((first_answers[r.id] - r.time).total_seconds() / 3600
                   for r in chosen if r.id in first_answers)
    p90 = statistics.quantiles(waits, n=10)[-1] if len(waits) >= 2 else (waits[0] if waits else None)

    def counted(values: Iterable[str]) -> tuple[tuple[str, int], ...]:
        return tuple(Counter(values).most_common())

    return Summary(
        since=since, until=until, incidents=len(chosen),
        by_rule=tuple(rules.most_common()),
        by_action=counted(_ACTIONS.get(r.action, r.action) for r in chosen),
        by_group=counted(r.chat_title or r.chat_id for r in chosen),
        by_source=counted(_SOURCES.get(r.source, r.source) for r in chosen),
        by_status=counted(_STATUSES.get(r.status, r.status) for r in chosen),
        by_month=tuple((m, months.get(m, 0)) for m in _months(since, until - dt.timedelta(
            microseconds=1))),
        answered=len(waits),
        median_hours=statistics.median(waits) if waits else None, p90_hours=p90,
        decisions=counted(_DECISIONS.get(c, c) for t, c in in_period),
        appeals=_appeal_rows(a for a in appeals if since <= a.time < until),
        previous=previous)


#: An appeal's status when its case was closed before a moderator decided the appeal: the
#: first decision stands, but no second moderator looked at it (so it is not "upheld").
APPEAL_CLOSED = "closed"

_APPEAL_ENDS = (("open", "still waiting for a moderator"),
                ("upheld", "upheld: the decision stood"),
                ("overturned", "allowed: the decision was withdrawn"),
                (APPEAL_CLOSED, "case closed before the appeal was decided: the decision stood"))


def _appeal_rows(appeals: Iterable[AppealRecord]) -> tuple[tuple[str, int], ...]:
    ends = Counter(a.status for a in appeals)
    if not ends:
        return ()
    return (("appeals made", sum(ends.values())),
            *((label, ends[status]) for status, label in _APPEAL_ENDS if ends[status]))


def _sections(summary: Summary) -> Sequence[tuple[str, tuple[tuple[str, int], ...]]]:
    sections = [("By rule of the code of conduct", summary.by_rule),
                ("By what was done", summary.by_action), ("By group", summary.by_group),
                ("How it came to light", summary.by_source), ("How it ended", summary.by_status),
                ("Moderators' decisions", summary.decisions), ("By month", summary.by_month)]
    if summary.appeals:  # only when the records have appeals
        sections.insert(6, ("Appeals by parents, and how they ended", summary.appeals))
    return sections


def _trend(summary: Summary) -> str:
    if summary.previous is None:
        return ""
    change = summary.incidents - summary.previous
    how = "the same as" if change == 0 else f"{abs(change)} {'more' if change > 0 else 'fewer'} than"
    return (f"That is {how} the period of the same length before "
            f"({summary.previous} incidents).")


def _period(summary: Summary) -> str:
    last = summary.until - dt.timedelta(days=1)
    return f"{summary.since:%d %b %Y} to {last:%d %b %Y}"


def _waits(summary: Summary) -> str:
    if summary.median_hours is None or summary.p90_hours is None:
        return "No moderator answers were recorded in this period."
    return (f"Moderators answered {summary.answered} of {summary.incidents} incidents: half "
            f"within {summary.median_hours:.1f} hours, nine in ten within "
            f"{summary.p90_hours:.1f} hours.")


def render_text(summary: Summary) -> str:
    lines = [f"Group moderation summary, {_period(summary)}",
             f"{summary.incidents} incidents. {_waits(summary)}"]
    if _trend(summary):
        lines.append(_trend(summary))
    lines.append("")
    for title, rows in _sections(summary):
        lines.append(title)
        lines += [f"  {count:5d}  {name}" for name, count in rows] or ["      -"]
        lines.append("")
    lines.append("No member names and no message text are included in this summary.")
    return "\n".join(lines) + "\n"


def render_html(summary: Summary, *, school: str = "") -> str:
    def table(title: str, rows: tuple[tuple[str, int], ...]) -> str:
        top = max((c for _, c in rows), default=0) or 1
        body = "".join(
            f"<tr><td>{html.escape(name)}</td><td class=n>{count}</td><td class=bar>"
            f"<span style='width:{100 * count / top:.0f}%'></span></td></tr>"
            for name, count in rows) or "<tr><td colspan=3>none</td></tr>"
        return f"<h2>{html.escape(title)}</h2><table>{body}</table>"

    head = html.escape(f"{school + ': ' if school else ''}group moderation summary")
    return (
        "<!doctype html><html lang=en><meta charset=utf-8>"
        f"<title>{head}</title><style>body{{font-family:system-ui,sans-serif;max-width:48rem;"
        "margin:2rem auto;padding:0 1rem;color:#222}table{border-collapse:collapse;width:100%}"
        "td{border-bottom:1px solid #ddd;padding:.3rem}.n{text-align:right;width:4rem}"
        ".bar{width:40%}.bar span{display:block;height:.8rem;background:#5b8def}"
        ".note{color:#555}</style>"
        f"<h1>{head}</h1><p>{html.escape(_period(summary))}: <b>{summary.incidents}</b> "
        f"incidents. {html.escape(_waits(summary))} {html.escape(_trend(summary))}</p>"
        + "".join(table(t, rows) for t, rows in _sections(summary))
        + "<p class=note>No member names and no message text are included in this summary."
        "</p></html>\n")
