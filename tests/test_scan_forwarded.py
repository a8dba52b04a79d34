"""Forwarded messages in scan input: JSON Lines flags and WhatsApp export markers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from civility.adapters.whatsapp.export import read_messages
from civility.scan import Skipped, read_jsonl


def jsonl(*rows: dict[str, object]) -> tuple[list[tuple[str, bool, bool]], list[Skipped]]:
    skipped: list[Skipped] = []
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    found = [(m.ref.id, m.forwarded, m.forwarded_many)
             for m in read_jsonl(io.BytesIO(data), skipped)]
    return found, skipped


def test_jsonl_forwarded_flags() -> None:
    found, skipped = jsonl(
        {"id": "1", "sender": "A", "text": "hi"},
        {"id": "2", "sender": "A", "text": "school closed!!", "forwarded": True},
        {"id": "3", "sender": "A", "text": "share this", "forwarded_many": True},
        {"id": "4", "sender": "A", "text": "x", "forwarded": "yes"})
    assert found == [("1", False, False), ("2", True, False), ("3", True, True)]
    assert skipped == [Skipped("line 4", "forwarded must be true or false")]


@pytest.mark.parametrize(("marker", "many"), [
    ("<Forwarded>\n", False), ("\u200eForwarded\n", False), ("<Forwarded> ", False),
    ("Forwarded many times\n", True), ("<Forwarded many times>\n", True),
    ("<Weitergeleitet>\n", False), ("<Reenviado muchas veces>\n", True),
])
def test_export_forwarded_markers(tmp_path: Path, marker: str, many: bool) -> None:
    export = tmp_path / "chat.txt"
    export.write_text("13/10/2024, 10:00 - Amina: Good morning\n"
                      f"13/10/2024, 10:01 - Bilal: {marker}School is closed tomorrow!!\n",
                      encoding="utf-8")
    first, second = read_messages(export, [])
    assert not first.forwarded
    assert second.forwarded and second.forwarded_many is many
    assert second.text == "School is closed tomorrow!!"


def test_text_that_mentions_forwarding_is_not_a_marker(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text("13/10/2024, 10:00 - Amina: Forwarded the letter to the office\n",
                      encoding="utf-8")
    (message,) = read_messages(export, [])
    assert not message.forwarded and message.text.startswith("Forwarded the letter")
