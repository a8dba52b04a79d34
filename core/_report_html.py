"""The self-contained HTML report of a scan, for moderators and the school's leadership.

One file, no external assets and no JavaScript: inline CSS and SVG charts. Everything that came
from a chat is escaped. Written for a head teacher: rule titles, months like "Sep 2025", why each
message was flagged in plain words (the technical evidence folded away in a details element).
With ``pseudonymise`` every person becomes a stable pseudonym (see `civility._pseudonyms`).
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import PurePath

from civility._pseudonyms import Pseudonyms
from civility.scan import ScanReport, ScanRow
from civility.verdicts import Verdict

__all__ = ["Pseudonyms", "plain_why", "render_html"]

#: Longest excerpt of a flagged message shown (data minimisation: enough to judge, no more).
EXCERPT_CHARS = 500
_ACTIONS = {"none": "noted only", "nudge": "private nudge", "delete": "deleted",
            "caution": "caution", "review": "moderators asked", "mute": "mute",
            "propose_removal": "removal proposed", "remove": "removal",
            "report_incident": "incident report"}
_CONFIDENCE = ((0.85, "very likely"), (0.7, "likely"), (0.0, "possibly"))
_TARGETS = {"child": "a child", "staff": "a member of staff", "parent": "a parent"}
#: Longest quote of matched text inside a plain-words explanation.
QUOTE_CHARS = 60

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:62rem;
color:#222;line-height:1.4;padding:0 1rem}h1{margin-bottom:.2rem}.sub{color:#555;margin-top:0}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid #ddd;
border-radius:.5rem;padding:.6rem 1rem;min-width:9rem}.card b{display:block;font-size:1.6rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border-bottom:1px solid #ddd;
padding:.4rem;text-align:left;vertical-align:top}th{background:#f4f4f4}.rule{font-family:monospace;
white-space:nowrap;color:#666;font-size:.8em}.why{color:#333;font-size:.9em}
.msg{white-space:pre-wrap;word-break:break-word}details{color:#555;font-size:.85em}
.clause{font-size:.9em}.charts{display:flex;gap:2rem;flex-wrap:wrap}.chart{flex:1 1 26rem}
svg text{font:12px system-ui,sans-serif;fill:#333}.note{color:#555;font-size:.9em}
@media print{.charts{display:block}details{display:block}}
"""


def _bars(counts: list[tuple[str, int]], *, label_width: int = 190) -> str:
    """A horizontal bar chart as inline SVG."""
    if not counts:
        return "<p class=note>Nothing to chart.</p>"
    top = max(n for _, n in counts)
    row, width = 24, 560
    bar_room = width - label_width - 50
    parts = [f'<svg role="img" viewBox="0 0 {width} {row * len(counts) + 8}" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, n) in enumerate(counts):
        y = i * row + 4
        length = max(2, round(bar_room * n / top))
        shown = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">'
                     f"{html.escape(shown)}</text>"
                     f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="16" '
                     f'fill="#4a78b5"><title>{html.escape(label)}: {n}</title></rect>'
                     f'<text x="{label_width + length + 5}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _columns(counts: list[tuple[str, int]]) -> str:
    """A column chart (one column per month) as inline SVG, in a fixed width whatever the
    number of months: one month is one modest column, fifty are thin ones with every few
    labelled."""
    if not counts:
        return "<p class=note>Nothing to chart.</p>"
    top = max(n for _, n in counts)
    width, height, base, left = 560, 190, 150, 10
    step = (width - 2 * left) / len(counts)
    bar = min(60.0, max(1.0, step * 0.8))
    every = max(1, math.ceil(len(counts) * 58 / (width - 2 * left)))  # a label is ~58 px
    parts = [f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="#999"/>']
    for i, (month, n) in enumerate(counts):
        middle = left + step * i + step / 2
        tall = max(2, round((base - 24) * n / top)) if n else 0
        label = _month_label(month)
        parts.append(f'<rect x="{middle - bar / 2:.1f}" y="{base - tall}" width="{bar:.1f}" '
                     f'height="{tall}" fill="#b5654a"><title>{html.escape(label)}: {n}'
                     f'</title></rect>')
        if n and step >= 16:
            parts.append(f'<text x="{middle:.1f}" y="{base - tall - 4}" '
                         f'text-anchor="middle">{n}</text>')
        if i % every == 0:
            parts.append(f'<text x="{middle:.1f}" y="{base + 16}" text-anchor="middle">'
                         f"{html.escape(label)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _month_label(month: str) -> str:
    """``2025-09`` as ``Sep 2025``."""
    try:
        return dt.date(int(month[:4]), int(month[5:7]), 1).strftime("%b %Y")
    except ValueError:
        return month


def _months(rows: list[ScanRow]) -> list[tuple[str, int]]:
    """Flagged messages per month, empty months between the first and last included."""
    counts = Counter(r.message.time.strftime("%Y-%m") for r in rows)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:])
    out: list[tuple[str, int]] = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < 240:
        key = f"{year:04d}-{month:02d}"
        out.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"\u201c{text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + '…'}\u201d"


def plain_why(verdict: Verdict, title: str, hide: Callable[[str], str] = str) -> str:
    """Why a message was flagged under one rule, in words a head teacher reads at a glance:
    the rule's title, how sure the policy is, and what it found (``hide`` pseudonymises)."""
    phrases: list[str] = []
    for evidence in verdict.evidence:
        detector, match = evidence.detector, hide(evidence.match)
        if detector == "wordlist:person":
            phrase = f"aimed at a person ({_quote(match)})"
        elif detector.startswith("wordlist:"):
            phrase = f"the words {_quote(match)}"
        elif detector.startswith("target:"):
            phrase = f"mentions {_TARGETS.get(evidence.detail, 'someone')} ({_quote(match)})"
        elif detector.startswith("email"):
            phrase = hide(evidence.detail) or "a copied e-mail"
        elif "link" in detector or "domain" in detector:
            phrase = f"a link ({_quote(match)})"
        else:
            phrase = hide(evidence.detail) or _quote(match)
        if phrase not in phrases:
            phrases.append(phrase)
    sure = next(label for bound, label in _CONFIDENCE if verdict.confidence >= bound)
    found = "; ".join(phrases)
    return f"{title} ({sure})" + (f": {found}" if found else "")


def render_html(report: ScanReport, *, clauses: Mapping[str, str],
                titles: Mapping[str, str] | None = None, pseudonymise: bool = False,
                members: Iterable[str] = (), names: Pseudonyms | None = None) -> str:
    """The report page. With ``pseudonymise``, ``names`` are the scan's pseudonyms (one
    numbering for every format); without them, ``members`` (every sender's name, in order of
    first appearance) and then the flagged senders are numbered here."""
    e = html.escape
    titles = titles or {}
    rows = sorted(report.flagged, key=lambda r: r.message.time)
    if pseudonymise and names is None:
        names = Pseudonyms(members)
        for row in report.flagged:
            names.name(row.message.sender.label)
    if not pseudonymise:
        names = None
    if names is not None:
        for row in report.flagged:
            for person, kind in row.people:
                names.person(person, kind)

    def who(label: str) -> str:
        return names.name(label) if names is not None else label

    def text(value: str) -> str:
        return names.text(value) if names is not None else value

    def title(rule: str) -> str:
        return titles.get(rule) or rule

    source = PurePath(report.source).name
    rule_counts = Counter(rule for row in rows for rule in row.rules)
    action_counts = Counter(row.action for row in rows)
    people = len({r.message.sender.key for r in rows})
    span = (f"{rows[0].message.time:%d %b %Y} – {rows[-1].message.time:%d %b %Y}"
            if rows else "no flagged messages")
    summary = "".join(
        f"<tr><td>{e(title(rule))}<div class=rule>{e(rule)}</div></td><td>{n}</td>"
        f"<td class=clause>{e(clauses.get(rule, ''))}</td></tr>"
        for rule, n in rule_counts.most_common())

    def why(row: ScanRow) -> str:
        plain = [plain_why(v, title(v.rule_id), text) for v in row.verdicts]
        if not plain:  # rows made without verdicts: the rule titles are the plain words
            plain = [title(rule) for rule in row.rules]
        technical = "<br>".join(e(text(x)) for x in row.reasons)
        return ("<br>".join(e(x) for x in plain)
                + (f"<details><summary>Evidence</summary>{technical}</details>"
                   if technical else ""))

    flagged = "".join(
        f"<tr><td>{e(r.message.time.strftime('%d %b %Y %H:%M'))}</td>"
        f"<td>{e(who(r.message.sender.label))}</td>"
        f"<td class=msg>{e(_excerpt(r, text))}</td>"
        f"<td>{'<br>'.join(e(title(x)) for x in r.rules)}"
        f"{''.join(f'<div class=clause>{e(clauses[x])}</div>' for x in r.rules if x in clauses)}"
        f"</td><td>{e(_ACTIONS.get(r.action, r.action))}</td>"
        f"<td class=why>{why(r)}</td></tr>"
        for r in rows)
    actions = [(_ACTIONS.get(a, a), n) for a, n in action_counts.most_common()]
    privacy = ("Every person is replaced by a pseudonym (the same one throughout), and phone "
               "numbers and e-mail addresses are masked." if pseudonymise else
               "This report names members: share it only with the people who need it, and "
               "delete it when it is no longer needed.")
    return f"""<!doctype html>
<html lang=en><head><meta charset=utf-8><meta name=viewport content="width=device-width">
<title>Civility scan of {e(text(source))}</title><style>{_STYLE}</style></head><body>
<h1>Civility scan</h1>
<p class=sub>{e(text(source))} · {e(span)}</p>
<div class=cards><div class=card><b>{report.total}</b>messages read</div>
<div class=card><b>{len(rows)}</b>flagged</div>
<div class=card><b>{people}</b>members flagged</div>
<div class=card><b>{len(report.skipped)}</b>lines skipped</div></div>
<p class=note>{e(privacy)} Flagged messages are shown as excerpts of at most {EXCERPT_CHARS}
characters. The rules only suggest: a moderator decides.</p>
<div class=charts><div class=chart><h2>Flagged messages per rule</h2>
{_bars([(title(rule), n) for rule, n in rule_counts.most_common()])}</div>
<div class=chart><h2>Flagged messages per month</h2>{_columns(_months(rows))}</div></div>
<h2>What the ladder would do</h2>{_bars(actions)}
<h2>Rules</h2><table><tr><th>Rule</th><th>Messages</th><th>What the policy asks</th></tr>
{summary}</table>
<h2>Flagged messages</h2><table><tr><th>When</th><th>Who</th><th>Message</th><th>Rule</th>
<th>Would do</th><th>Why</th></tr>{flagged}</table>
</body></html>
"""


def _excerpt(row: ScanRow, hide: Callable[[str], str] = str) -> str:
    text = hide(row.message.all_text)  # before cutting, so no name is cut in two and missed
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1] + "…"
