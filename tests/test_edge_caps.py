"""Every text field is cut and cleaned, and every time clamped, where an event is made."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from civility.adapters.matrix import convert as matrix
from civility.events import (
    MAX_CAPTION_CHARS,
    MAX_FILENAME_CHARS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    MIN_TIME,
    Attachment,
    AttachmentKind,
    ChatRef,
    Flag,
    FlagSource,
    MemberRef,
    Message,
    MessageRef,
)
from civility.links import message_links

CHAT = ChatRef("test", "c1", "Year 3")
ALICE = MemberRef("test", "u1", "Alice")


def message(text: str = "", **fields: object) -> Message:
    return Message(MessageRef(CHAT, "m1", ALICE), ALICE, text, **fields)  # type: ignore[arg-type]


def test_every_text_field_is_capped() -> None:
    chat = ChatRef("test", "c1", "t" * 10_000)
    member = MemberRef("test", "u1", "n" * 10_000)
    attachment = Attachment(AttachmentKind.DOCUMENT, caption="c" * 100_000,
                            filename="f" * 10_000, mime_type="m" * 10_000)
    msg = Message(MessageRef(chat, "m1", member), member, "x" * 100_000,
                  attachments=(attachment,))
    assert len(msg.text) == MAX_TEXT_CHARS
    assert len(msg.attachments[0].caption) == MAX_CAPTION_CHARS
    assert len(msg.attachments[0].filename) == MAX_FILENAME_CHARS
    assert len(msg.sender.display_name) == MAX_NAME_CHARS
    assert len(msg.chat.title) == MAX_TITLE_CHARS
    assert len(Flag(msg.ref, FlagSource.MEMBER, reason="r" * 100_000).reason) < 100_000


def test_lone_surrogates_and_nul_are_cleaned_everywhere() -> None:
    bad = "hi \ud800 there\x00 \udfff"
    member = MemberRef("test", "u\ud800", bad)
    msg = Message(MessageRef(ChatRef("test", "c", bad), "m\x00", member), member, bad,
                  attachments=(Attachment(AttachmentKind.IMAGE, caption=bad, filename=bad),))
    for value in (msg.text, msg.sender.display_name, msg.chat.title, msg.ref.id,
                  msg.sender.id, msg.attachments[0].caption, msg.attachments[0].filename):
        value.encode("utf-8")  # would raise UnicodeEncodeError before
        assert "\x00" not in value
    assert msg.text == "hi \ufffd there \ufffd"


def test_a_surrogate_pair_becomes_its_character() -> None:
    assert message("smile \ud83d\ude00").text == "smile 😀"


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=50))
def test_any_text_survives_sqlite_and_json(text: str) -> None:
    msg = message(text)
    json.dumps(msg.text, ensure_ascii=False).encode("utf-8")
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        db.execute("create table t (x text)")
        db.execute("insert into t values (?)", (msg.text,))


def test_times_are_clamped_and_made_aware() -> None:
    assert message(time=dt.datetime(1, 1, 1)).time == MIN_TIME
    assert message(time=dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5)))).time \
        == MIN_TIME
    far = message(time=dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(-dt.timedelta(hours=12))))
    assert far.time.year < 9999
    far.time + dt.timedelta(days=3650)  # date arithmetic downstream must not overflow
    naive = message(time=dt.datetime(2025, 9, 1, 8, 30)).time
    assert naive.tzinfo is not None and naive.hour == 8

    class NoOffset(dt.tzinfo):
        def utcoffset(self, when: dt.datetime | None) -> None:
            return None

    odd = message(time=dt.datetime(2025, 9, 1, 8, 30, tzinfo=NoOffset())).time
    assert odd.utcoffset() == dt.timedelta(0) and odd > MIN_TIME


def test_links_are_found_only_in_the_capped_text() -> None:
    text = "x" * MAX_TEXT_CHARS + " see bit.ly/after-the-cut"
    assert message_links("bit.ly/a " + text) == ("bit.ly/a",)
    assert message_links("", ["c" * MAX_CAPTION_CHARS + " bit.ly/b", "bit.ly/c"]) == ("bit.ly/c",)


def test_a_32_kb_matrix_body_is_cut_before_links_are_found() -> None:
    source = {"type": "m.room.message", "sender": "@a:x", "event_id": "$1",
              "origin_server_ts": 1_790_000_000_000,
              "content": {"msgtype": "m.text", "body": "a." * 16_000 + " www.late.com"}}
    msg = matrix.to_message(source, matrix.chat_ref("!r:x", "R"), "A")  # took 27 s before
    assert msg is not None and len(msg.text) == MAX_TEXT_CHARS
    assert "www.late.com" not in msg.links
