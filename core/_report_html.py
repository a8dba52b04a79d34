"""The self-contained HTML report of a scan, for moderators and the school's leadership.

One file, no external assets and no JavaScript: inline CSS and SVG charts. Everything that came
from a chat is escaped. With ``pseudonymise`` member names become stable pseudonyms ("Member 1",
...) everywhere, including mentions inside message text, and phone numbers are masked.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import PurePath

from civility.scan import ScanReport, ScanRow

#: Longest excerpt of a flagged message shown (data minimisation: enough to judge, no more).
EXCERPT_CHARS = 500
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d \-()\u00a0]{7,}\d(?!\w)")
_ACTIONS = {"none": "noted only", "nudge": "private nudge", "delete": "deleted",
            "caution": "caution", "review": "moderators asked", "mute": "mute",
            "propose_removal": "removal proposed", "remove": "removal",
            "report_incident": "incident report"}

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:62rem;
color:#222;line-height:1.4;padding:0 1rem}h1{margin-bottom:.2rem}.sub{color:#555;margin-top:0}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid #ddd;
border-radius:.5rem;padding:.6rem 1rem;min-width:9rem}.card b{display:block;font-size:1.6rem}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border-bottom:1px solid #ddd;
padding:.4rem;text-align:left;vertical-align:top}th{background:#f4f4f4}.rule{font-family:monospace;
white-space:nowrap}.why{color:#555;font-size:.9em}.msg{white-space:pre-wrap;word-break:break-word}
.clause{font-size:.9em}.charts{display:flex;gap:2rem;flex-wrap:wrap}.chart{flex:1 1 26rem}
svg text{font:12px system-ui,sans-serif;fill:#333}.note{color:#555;font-size:.9em}
@media print{.charts{display:block}}
"""


class Pseudonyms:
    """Stable "Member N" names, numbered in order of first appearance."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: dict[str, str] = {}
        for name in names:
            self.name(name)
        self._pattern: re.Pattern[str] | None = None
        self._lookup: dict[str, str] = {}

    def name(self, real: str) -> str:
        if real not in self.names:
            self.names[real] = f"Member {len(self.names) + 1}"
            self._pattern = None
        return self.names[real]

    def text(self, text: str) -> str:
        """Replace every known name (``@name`` mentions too) and mask phone numbers."""
        if self._pattern is None:
            known = sorted((n for n in self.names if len(n.strip()) >= 2), key=len, reverse=True)
            alternatives = "|".join(re.escape(n) for n in known)
            self._pattern = re.compile(rf"@?(?<!\w)(?:{alternatives})(?!\w)", re.I) \
                if alternatives else re.compile(r"(?!x)x")
            self._lookup = {k.lower(): v for k, v in self.names.items()}
        lookup = self._lookup
        def swap(found: re.Match[str]) -> str:
            word = found.group(0)
            at = "@" if word.startswith("@") else ""
            return at + lookup.get(word[len(at):].lower(), word[len(at):])

        replaced = self._pattern.sub(swap, text)
        return _PHONE.sub("[phone number]", replaced)


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
    """A column chart (one column per month) as inline SVG."""
    if not counts:
        return "<p class=note>Nothing to chart.</p>"
    top = max(n for _, n in counts)
    height, base, step = 180, 150, max(28, min(60, 560 // len(counts)))
    width = step * len(counts) + 20
    parts = [f'<svg role="img" viewBox="0 0 {width} {height}" width="100%" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#999"/>']
    for i, (month, n) in enumerate(counts):
        x = 14 + i * step
        tall = max(2, round((base - 20) * n / top))
        parts.append(f'<rect x="{x}" y="{base - tall}" width="{step - 8}" height="{tall}" '
                     f'fill="#b5654a"><title>{html.escape(month)}: {n}</title></rect>'
                     f'<text x="{x + (step - 8) / 2}" y="{base - tall - 4}" '
                     f'text-anchor="middle">{n}</text>'
                     f'<text x="{x + (step - 8) / 2}" y="{base + 16}" text-anchor="middle">'
                     f"{html.escape(month[2:])}</text>")
    parts.append("</svg>")
    return "".join(parts)


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


def render_html(report: ScanReport, *, clauses: Mapping[str, str],
                titles: Mapping[str, str] | None = None, pseudonymise: bool = False,
                members: Iterable[str] = ()) -> str:
    """The report page. ``members`` are every sender's name in the scanned chat, so that
    pseudonymising can also hide mentions of members who were never flagged."""
    e = html.escape
    titles = titles or {}
    rows = sorted(report.flagged, key=lambda r: r.message.time)
    names = Pseudonyms([r.message.sender.label for r in rows]) if pseudonymise else None
    if names is not None:
        for name in members:
            names.name(name)

    def who(label: str) -> str:
        return names.name(label) if names is not None else label

    def text(value: str) -> str:
        return names.text(value) if names is not None else value

    source = PurePath(report.source).name
    rule_counts = Counter(rule for row in rows for rule in row.rules)
    action_counts = Counter(row.action for row in rows)
    people = len({r.message.sender.key for r in rows})
    span = (f"{rows[0].message.time:%d %b %Y} – {rows[-1].message.time:%d %b %Y}"
            if rows else "no flagged messages")
    summary = "".join(
        f"<tr><td class=rule>{e(rule)}</td><td>{e(titles.get(rule, ''))}</td><td>{n}</td>"
        f"<td class=clause>{e(clauses.get(rule, ''))}</td></tr>"
        for rule, n in rule_counts.most_common())
    flagged = "".join(
        f"<tr><td>{e(r.message.time.strftime('%Y-%m-%d %H:%M'))}</td>"
        f"<td>{e(who(r.message.sender.label))}</td>"
        f"<td class=msg>{e(text(_excerpt(r)))}</td>"
        f"<td>{'<br>'.join(f'<span class=rule>{e(x)}</span>' for x in r.rules)}"
        f"{''.join(f'<div class=clause>{e(clauses[x])}</div>' for x in r.rules if x in clauses)}"
        f"</td><td>{e(_ACTIONS.get(r.action, r.action))}</td>"
        f"<td class=why>{'<br>'.join(e(text(x)) for x in r.reasons)}</td></tr>"
        for r in rows)
    actions = [(_ACTIONS.get(a, a), n) for a, n in action_counts.most_common()]
    privacy = ("Member names are replaced by pseudonyms and phone numbers are masked."
               if pseudonymise else "This report names members: share it only with the "
               "people who need it, and delete it when it is no longer needed.")
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
{_bars(rule_counts.most_common())}</div>
<div class=chart><h2>Flagged messages per month</h2>{_columns(_months(rows))}</div></div>
<h2>What the ladder would do</h2>{_bars(actions)}
<h2>Rules</h2><table><tr><th>Rule</th><th>Title</th><th>Messages</th><th>Clause</th></tr>
{summary}</table>
<h2>Flagged messages</h2><table><tr><th>When</th><th>Who</th><th>Message</th><th>Rules</th>
<th>Would do</th><th>Why (evidence)</th></tr>{flagged}</table>
</body></html>
"""


def _excerpt(row: ScanRow) -> str:
    text = row.message.all_text
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 1] + "…"
