"""The self-contained HTML report of a scan, for moderators and the school's leadership."""

from __future__ import annotations

import html
from collections import Counter

from civility.scan import ScanReport

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;
text-align:left;vertical-align:top}th{background:#f4f4f4}.rule{font-family:monospace}
.why{color:#555;font-size:.9em}
"""


def render_html(report: ScanReport, *, clauses: dict[str, str]) -> str:
    counts = Counter(rule for row in report.flagged for rule in row.rules)
    e = html.escape
    summary = "".join(f"<tr><td class=rule>{e(rule)}</td><td>{n}</td>"
                      f"<td>{e(clauses.get(rule, ''))}</td></tr>"
                      for rule, n in counts.most_common())
    rows = "".join(
        f"<tr><td>{e(r.message.time.strftime('%Y-%m-%d %H:%M'))}</td>"
        f"<td>{e(r.message.sender.label)}</td><td>{e(r.message.all_text[:500])}</td>"
        f"<td class=rule>{e(', '.join(r.rules))}</td><td>{e(r.action)}</td>"
        f"<td class=why>{'<br>'.join(e(x) for x in r.reasons)}</td></tr>"
        for r in report.flagged)
    return f"""<!doctype html><html lang=en><meta charset=utf-8>
<title>Civility scan of {e(report.source)}</title><style>{_STYLE}</style>
<h1>Civility scan</h1>
<p>{e(report.source)}: {report.total} messages read, {len(report.flagged)} flagged,
{len(report.skipped)} skipped.</p>
<h2>Per rule</h2><table><tr><th>Rule</th><th>Messages</th><th>Clause</th></tr>{summary}</table>
<h2>Flagged messages</h2><table><tr><th>When</th><th>Who</th><th>Message</th><th>Rules</th>
<th>Action</th><th>Why</th></tr>{rows}</table></html>
"""
