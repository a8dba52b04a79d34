"""The scan's HTML report: self-contained, escaped, charts, and pseudonymised on request."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main
from civility._report_html import render_html
from civility.events import ChatRef, MemberRef, Message, MessageRef
from civility.scan import ScanReport, ScanRow, Skipped


def _row(n: int, who: str, text: str, month: int) -> ScanRow:
    chat = ChatRef("whatsapp", "Year 3", "Year 3")
    sender = MemberRef("whatsapp", who, who)
    message = Message(ref=MessageRef(chat, str(n), sender), sender=sender, text=text,
                      time=dt.datetime(2024, month, 3, 9, tzinfo=dt.UTC))
    return ScanRow(str(n), message, ("test.insult",), "delete",
                   (f"test.insult (high, 100%): word: {text[:5]!r}",))


def _report() -> ScanReport:
    rows = [_row(1, "Chris <script>", "idiot <b>bold</b> says Aisha Khan, call +44 7700 900123", 1),
            _row(2, "Aisha Khan", "@Chris <script> idiot", 3)]
    return ScanReport("/home/office/WhatsApp Chat with Year 3.txt", rows, [Skipped("line 1", "x")],
                      120)


def test_the_report_is_self_contained_and_escaped() -> None:
    page = render_html(_report(), clauses={"test.insult": "Be respectful & kind"})
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "<link" not in page and "src=" not in page
    assert page.count("<svg") == 3  # per rule, per month, per action
    assert "Feb 2024" in page  # an empty month between two flagged ones still has a column
    assert "Be respectful &amp; kind" in page and "/home/office" not in page
    assert "120</b>messages read" in page


def test_pseudonymising_hides_names_mentions_and_phone_numbers() -> None:
    page = render_html(_report(), clauses={}, pseudonymise=True, members=["Dana"])
    assert "Aisha" not in page and "Chris" not in page and "7700" not in page
    assert "Member 2" in page and "Member 3" in page and "[phone number]" in page
    # Numbered in order of first appearance: the members given first, then flagged senders.
    assert "@Member 2 &lt;Member 2&gt; idiot" in page  # the mention became Chris's pseudonym


def test_scan_command_writes_a_pseudonymised_report(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text("01/02/2024, 10:00 - Ann Lee: hello Bob\n"
                      "01/03/2024, 10:00 - Bob: hi Ann Lee\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["scan", str(export), "--format", "html", "--monthfirst",
                                       "--pseudonymise", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 messages read" in out.read_text().replace("<b>", "").replace("</b>", " ") or \
        "2</b>messages read" in out.read_text()
