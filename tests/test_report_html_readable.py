"""The HTML report reads well for a head teacher: scaled charts, month names, rule titles and
plain words, whatever the span of the chat."""

from __future__ import annotations

import datetime as dt
import re

from civility._report_html import plain_why, render_html
from civility.events import ChatRef, MemberRef, Message, MessageRef
from civility.scan import ScanReport, ScanRow
from civility.verdicts import Evidence, Severity, Verdict

TITLES = {"iqra.abuse": "Abusive or personal comments"}
CLAUSES = {"iqra.abuse": "Posts should be respectful."}
VERDICT = Verdict("iqra.abuse", "Posts should be respectful.", Severity.HIGH, 0.85, (
    Evidence("wordlist:insult", "idiot", 17, 22, "idiot*"),
    Evidence("wordlist:person", "you", 6, 9, "you")))


def rows(months: int) -> list[ScanRow]:
    chat = ChatRef("scan", "y3", "Year 3")
    out = []
    for i in range(months):
        year, month = 2021 + (8 + i) // 12, (8 + i) % 12 + 1
        sender = MemberRef("scan", f"p{i % 3}", f"Parent {i % 3}")
        message = Message(MessageRef(chat, str(i), sender), sender, "Farah you are an idiot",
                          time=dt.datetime(year, month, 3, 9, tzinfo=dt.UTC))
        out.append(ScanRow(str(i), message, ("iqra.abuse",), "review", (VERDICT.explain(),),
                           (VERDICT,)))
    return out


def page(months: int) -> str:
    return render_html(ScanReport("chat.jsonl", rows(months), [], months * 10),
                       clauses=CLAUSES, titles=TITLES)


def month_chart(html: str) -> str:
    return html.split("Flagged messages per month</h2>", 1)[1].split("</svg>", 1)[0]


def test_one_month_and_fifty_months_fit_the_same_width() -> None:
    for months in (1, 50):
        chart = month_chart(page(months))
        assert 'viewBox="0 0 560 190"' in chart
        widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)"', chart)]
        assert len(widths) == months
        assert max(widths) <= 60  # one month is a column, not a wall
        labels = re.findall(r'text-anchor="middle">([A-Z][a-z]{2} \d{4})</text>', chart)
        assert 1 <= len(labels) <= 12  # fifty labels would overlap: every few are shown
        xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', chart)]
        assert all(0 <= x <= 560 for x in xs)


def test_month_labels_are_month_names() -> None:
    chart = month_chart(page(3))
    assert ">Sep 2021<" in chart and ">Oct 2021<" in chart
    assert "2021-09" not in chart


def test_rule_titles_and_plain_words_not_ids() -> None:
    html = page(2)
    flagged = html.split("<h2>Flagged messages</h2>", 1)[1]
    assert "Abusive or personal comments" in flagged
    assert "the words “idiot”" in flagged and "aimed at a person" in flagged
    # The technical evidence is still there, folded away.
    assert "<details><summary>Evidence</summary>iqra.abuse (high, 85%)" in flagged
    plain = flagged.split("<details>")[0]
    assert "wordlist:" not in plain.rsplit("<td class=why>", 1)[-1]
    rule_chart = html.split("Flagged messages per rule</h2>", 1)[1].split("</svg>", 1)[0]
    assert "Abusive or personal comments" in rule_chart and "iqra.abuse" not in rule_chart


def test_plain_why_says_how_sure_and_hides_names() -> None:
    found = plain_why(Verdict("iqra.individual-child", "", Severity.MEDIUM, 0.7, (
        Evidence("target:name-in-class", "Farah in Year", 0, 13, "child"),)),
        "Discussing an individual child", lambda s: s.replace("Farah", "Child 1"))
    assert found == "Discussing an individual child (likely): mentions a child (“Child 1 in Year”)"


def test_one_pseudonym_numbering_in_the_page() -> None:
    html = render_html(ScanReport("chat.jsonl", rows(4), [], 40), clauses=CLAUSES,
                       titles=TITLES, pseudonymise=True,
                       members=["Parent 2", "Parent 0", "Parent 1"])
    assert "Parent 0" not in html
    first_row = html.split("<h2>Flagged messages</h2>", 1)[1].split("</tr>")[1]
    assert "<td>Member 2</td>" in first_row  # Parent 0 is the second member of the chat
