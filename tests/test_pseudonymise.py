"""`civility scan --pseudonymise` hides every person, the same way in text, jsonl and html."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from civility._cli import main
from civility._pseudonyms import Pseudonyms
from civility._scan_cli import members_of

EXPORTS = Path(__file__).parent / "whatsapp" / "fixtures" / "exports"
CHAT = """\
12/10/2024, 09:15 - Farah Ali: Good morning everyone
12/10/2024, 09:16 - Yasmin Ali: Did you hear Bilal in Year 4 was excluded?
13/10/2024, 10:02 - Tom Reed: Here's the email Mrs Ali sent me, judge for yourselves
From: Y Ali <y.ali@example-school.org>
To: Tom Reed
Subject: Reading
Dear Mrs Ali, call me on 07700 900123
13/10/2024, 10:05 - Tom Reed: Farah you are an idiot
14/10/2024, 11:00 - Tom Reed: Miss Begum can't teach, my son is bored
"""
HIDDEN = ["Farah", "Yasmin", "Ali", "Bilal", "Tom", "Reed", "Begum", "07700", "y.ali",
          "example-school"]


def run(tmp_path: Path, fmt: str) -> str:
    export = tmp_path / "chat.txt"
    export.write_text(CHAT, encoding="utf-8")
    out = tmp_path / f"report-{fmt}.out"
    result = CliRunner().invoke(main, ["scan", str(export), "--policy", "iqra", "--format", fmt,
                                       "--pseudonymise", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "jsonl", "html"])
def test_no_person_is_named_in_any_format(tmp_path: Path, fmt: str) -> None:
    report = run(tmp_path, fmt)
    assert "iqra." in report  # something was flagged and reported
    for name in HIDDEN:
        assert not re.search(rf"(?i)\b{re.escape(name)}\b", report), (name, fmt)


def test_evidence_of_a_named_member_is_pseudonymised(tmp_path: Path) -> None:
    report = run(tmp_path, "jsonl")
    rows = [json.loads(line) for line in report.splitlines()]
    why = " ".join(w for row in rows for w in row["why"])
    assert "target:" in why and "Member " in why and "Farah" not in why


def test_the_same_member_has_the_same_pseudonym_in_text_and_html(tmp_path: Path) -> None:
    text, page = run(tmp_path, "text"), run(tmp_path, "html")
    # Tom Reed wrote third in the file: Member 3 wherever he appears.
    assert "Member 3" in text and "Member 3" in page
    assert "Child 1" in page  # Bilal, a child the policy found, is not a member
    numbers = {int(n) for n in re.findall(r"Member (\d+)", text + page)}
    assert numbers <= {1, 2, 3}


def test_surnames_titles_and_header_names_alone_are_hidden() -> None:
    names = Pseudonyms(["Farah Ali", "Tom Reed"])
    assert names.text("Dear Mrs Ali") == "Dear Mrs Member 1"  # only Farah is an Ali
    names = Pseudonyms(["Farah Ali", "Yasmin Ali"])
    assert names.text("Dear Mrs Ali") == "Dear Mrs [name]"  # two members share it
    assert names.text("To: Y Ali") == "To: [name]"
    assert names.text("Miss Begum said") == "Miss [name] said"
    assert names.text("ask farah or @Yasmin") == "ask Member 1 or @Member 2"
    assert names.text("Farah Ali's son") == "Member 1's son"
    assert names.text("mail j.smith+pta@school.sch.uk or +44 7700 900123") == \
        "mail [e-mail] or [phone number]"


def test_a_unique_surname_is_its_members_pseudonym() -> None:
    names = Pseudonyms(["Farah Ali", "Tom Reed"])
    assert names.text("Thanks Reed") == "Thanks Member 2"


def test_ordinary_words_that_are_names_stay_words_in_lower_case() -> None:
    names = Pseudonyms(["Grace Khan"])
    assert names.text("by the grace of God, Grace said") == "by the grace of God, Member 1 said"


def test_the_ios_group_name_line_is_not_a_member() -> None:
    names = members_of(EXPORTS / "ios_en_gb.txt", {})
    assert "Year 4 parents" not in names.names
    assert set(names.names) == {"Sam O'Neil", "Priya", "Tom"}
