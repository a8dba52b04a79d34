"""The incident report for the school's leadership, from a case: the facts, the timeline, the
evidence excerpts, the actions taken and the policy clauses. Never the reporter of a message
(a case does not hold them); other messages of the member appear only as counts and dates."""

from __future__ import annotations

import html

from civility.cases import STATUS_WORDS, Case

__all__ = ["render_html", "render_text", "subject"]

HEADTEACHER = "The final decision on how to respond rests with the Headteacher."


def subject(case: Case) -> str:
    r = case.incident
    return f"[Civility] Incident #{r.id} in {r.chat_title or 'a group'}"


def _facts(case: Case) -> list[tuple[str, str]]:
    r = case.incident
    h = case.history
    return [
        ("When", f"{r.time:%Y-%m-%d %H:%M} UTC"),
        ("Group", f"{r.chat_title or r.chat_id} ({r.platform})"),
        ("Member", r.member_name or r.member_id),
        ("Rules", ", ".join(r.rule_ids) or "(reported by a member)"),
        ("Status", STATUS_WORDS.get(r.status, r.status)),
        ("What Civility did", ", ".join(r.steps) or "nothing yet"),
        ("Waiting for a decision", ", ".join(r.pending) or "nothing"),
        ("Strike points now", f"{case.points_now:.1f}"),
        ("Member's other cases in the last year",
         "none" if not h.cases else
         f"{h.cases} in {h.groups} group(s); first {h.first:%Y-%m-%d}, last {h.last:%Y-%m-%d}"
         if h.first and h.last else str(h.cases)),
    ]


def render_text(case: Case, school: str) -> str:
    r = case.incident
    lines = [f"Incident report #{r.id} from the {school} group moderation", ""]
    lines += [f"{label}: {value}" for label, value in _facts(case)]
    lines += ["", "Policy clauses:"]
    lines += [f"  - {t.id}: {t.clause}" + (f" ({t.where})" if t.where else "")
              for t in case.rules] or ["  - (none: reported by a member)"]
    lines += ["", "Why (evidence):"]
    lines += [f"  - {e}" for e in case.evidence] or ["  - (no longer kept)"]
    lines += ["", "Message:", f"  {r.text if r.text is not None else '(text no longer kept)'}",
              "", "Timeline:"]
    lines += [f"  {e.time:%Y-%m-%d %H:%M}  {e.who}: {e.what}" for e in case.timeline]
    lines += ["", HEADTEACHER, ""]
    return "\n".join(lines)


def render_html(case: Case, school: str) -> str:
    r = case.incident
    e = html.escape
    facts = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _facts(case))
    clauses = "".join(f"<li><b>{e(t.id)}</b>: {e(t.clause)}"
                      + (f" <i>({e(t.where)})</i>" if t.where else "") + "</li>"
                      for t in case.rules) or "<li>(none: reported by a member)</li>"
    evidence = "".join(f"<li>{e(x)}</li>" for x in case.evidence) or "<li>(no longer kept)</li>"
    timeline = "".join(f"<tr><td>{x.time:%Y-%m-%d %H:%M}</td><td>{e(x.who)}</td>"
                       f"<td>{e(x.what)}</td></tr>" for x in case.timeline)
    text = e(r.text) if r.text is not None else "(text no longer kept)"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Incident report #{r.id}</title>
<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto}}
th{{text-align:left;padding-right:1em}}td{{vertical-align:top}}</style></head>
<body><h1>Incident report #{r.id}</h1><p>From the {e(school)} group moderation.</p>
<table>{facts}</table>
<h2>Policy clauses</h2><ul>{clauses}</ul>
<h2>Why (evidence)</h2><ul>{evidence}</ul>
<h2>Message</h2><blockquote>{text}</blockquote>
<h2>Timeline</h2><table>{timeline}</table>
<p>{e(HEADTEACHER)}</p></body></html>
"""
