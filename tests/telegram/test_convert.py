"""Converters from Telegram's objects (as PTB parses Telegram's JSON) to Civility's events."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update
from telegram_objects import chat_member_json, user_json

from civility.adapters.telegram.convert import member_change, parse_command, to_message
from civility.events import AttachmentKind, MemberJoined, Removal, RemovalKind

GROUP = {"id": -1001, "type": "supergroup", "title": "Year 3 parents"}
AISHA = user_json(1, "Aisha Khan")
HEAD = user_json(2, "Head Teacher")
BOT = user_json(99, "Civility", is_bot=True, username="CivBot")


def message(**fields: Any) -> Any:
    data = {"message_id": 7, "date": 1_700_000_000, "chat": GROUP, "from": AISHA, **fields}
    update = Update.de_json({"update_id": 1, "message": data}, None)
    assert update is not None and update.message is not None
    return update.message


def test_text_message_with_telegram_entities_uses_utf16_offsets():
    text = "😀 see https://a.example/x and ok"
    # The emoji counts two UTF-16 units: the link starts at 7 for Telegram, at 6 in Python.
    msg = to_message(message(text=text, entities=[{"type": "url", "offset": 7, "length": 19}]))
    assert msg is not None
    assert msg.text == text and msg.links == ("https://a.example/x",)
    assert msg.sender.id == "1" and msg.sender.display_name == "Aisha Khan"
    assert msg.ref.chat.key == "telegram:-1001" and msg.chat.title == "Year 3 parents"
    assert msg.time.year == 2023 and not msg.edited and not msg.forwarded


def test_text_links_and_fallback_when_no_entities():
    linked = to_message(message(text="click here", entities=[
        {"type": "text_link", "offset": 0, "length": 5, "url": "https://spam.example/"}]))
    assert linked is not None and linked.links == ("https://spam.example/",)
    plain = to_message(message(text="cheap cases at www.cases.example today"))
    assert plain is not None and plain.links == ("www.cases.example",)


def test_caption_forward_reply_and_edit():
    original = {"message_id": 5, "date": 1_700_000_000, "chat": GROUP, "from": HEAD,
                "text": "PE on Tuesday"}
    msg = to_message(message(
        caption="look", photo=[{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}],
        forward_origin={"type": "user", "date": 1_699_999_000, "sender_user": HEAD},
        reply_to_message=original, edit_date=1_700_000_100), edited=True)
    assert msg is not None and msg.text == "" and msg.all_text == "\nlook"
    assert msg.attachments[0].kind is AttachmentKind.IMAGE
    assert msg.forwarded and msg.edited and msg.time.timestamp() == 1_700_000_100
    assert msg.reply_to is not None and msg.reply_to.id == "5"
    assert msg.reply_to_sender is not None and msg.reply_to_sender.id == "2"


def test_documents_polls_and_topic_replies():
    doc = to_message(message(document={"file_id": "f", "file_unique_id": "u",
                                       "file_name": "flyer.pdf", "mime_type": "application/pdf"}))
    assert doc is not None and doc.attachments[0].filename == "flyer.pdf"
    poll = to_message(message(poll={"id": "p", "question": "Who is worst?", "options": [
        {"text": "A", "voter_count": 0, "persistent_id": "a"},
        {"text": "B", "voter_count": 0, "persistent_id": "b"}], "total_voter_count": 0,
        "is_closed": False, "is_anonymous": True, "type": "regular",
        "allows_multiple_answers": False, "allows_revoting": False, "members_only": False}))
    assert poll is not None and poll.text == "Who is worst?\nA\nB"
    topic_start = {"message_id": 3, "date": 1, "chat": GROUP, "from": HEAD,
                   "forum_topic_created": {"name": "Trips", "icon_color": 1}}
    in_topic = to_message(message(text="hi", reply_to_message=topic_start,
                                  is_topic_message=True, message_thread_id=3))
    assert in_topic is not None and in_topic.reply_to is None


def test_service_messages_are_not_messages():
    assert to_message(message(new_chat_members=[HEAD])) is None
    assert to_message(message(pinned_message={"message_id": 1, "date": 0, "chat": GROUP})) is None


def test_channel_posts_as_a_sender_chat():
    msg = to_message(message(text="hello", sender_chat={"id": -100777, "type": "channel",
                                                        "title": "PTA news"}))
    assert msg is not None and msg.sender.id == "-100777" and msg.sender.label == "PTA news"


def change(old: str, new: str, *, by: dict[str, Any], who: dict[str, Any] = AISHA) -> Any:
    data = {"chat": GROUP, "from": by, "date": 1_700_000_000,
            "old_chat_member": chat_member_json(who, old),
            "new_chat_member": chat_member_json(who, new)}
    update = Update.de_json({"update_id": 2, "chat_member": data}, None)
    assert update is not None and update.chat_member is not None
    return update.chat_member


@pytest.mark.parametrize(("old", "new", "by", "kind"), [
    ("member", "left", AISHA, RemovalKind.LEFT),
    ("member", "left", HEAD, RemovalKind.KICKED),
    ("restricted", "kicked", HEAD, RemovalKind.BANNED),
    ("administrator", "kicked", HEAD, RemovalKind.BANNED),
])
def test_member_removals(old, new, by, kind):
    event = member_change(change(old, new, by=by), bot_id=99)
    assert isinstance(event, Removal) and event.kind is kind
    assert event.member is not None and event.member.id == "1"
    assert (event.by is None) == (by is AISHA)


def test_joins_and_ignored_changes():
    joined = member_change(change("left", "member", by=AISHA), bot_id=99)
    assert isinstance(joined, MemberJoined) and joined.member.display_name == "Aisha Khan"
    assert member_change(change("member", "restricted", by=HEAD), bot_id=99) is None  # a mute
    assert member_change(change("kicked", "left", by=HEAD), bot_id=99) is None  # an unban
    assert member_change(change("member", "kicked", by=BOT), bot_id=99) is None  # our own


@pytest.mark.parametrize(("text", "expected"), [
    ("/report", ("report", "")),
    ("/report@CivBot   rude to my child\nreally", ("report", "rude to my child\nreally")),
    ("/REPORT", ("report", "")),
    ("/report@OtherBot spam", None),
    ("report this", None),
    ("/", None),
    (None, None),
])
def test_parse_command(text, expected):
    command = parse_command(text, "civbot")
    assert (command and (command.name, command.args)) == expected
