"""Matrix events (as the wire gives them) to our events, and moderators' answers to choices."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nio import Event

from civility.adapters.matrix import convert as cv
from civility.events import AttachmentKind, MemberJoined, Removal, RemovalKind, ReviewChoice

CHAT = cv.chat_ref("!room:example.org", "Year 3 parents")


def event(content: dict, *, kind: str = "m.room.message", sender: str = "@amina:example.org",
          event_id: str = "$e1", **extra: object) -> dict:
    return {"type": kind, "sender": sender, "event_id": event_id,
            "origin_server_ts": 1_790_000_000_000, "content": content, **extra}


def test_text_message_keeps_sender_time_and_links():
    message = cv.to_message(event({"msgtype": "m.text", "body": "see www.example.com today"}),
                            CHAT, "Amina")
    assert message is not None
    assert message.ref.id == "$e1" and message.chat == CHAT
    assert message.sender.id == "@amina:example.org" and message.sender.display_name == "Amina"
    assert message.links == ("www.example.com",)
    assert message.time == dt.datetime.fromtimestamp(1_790_000_000, dt.UTC)


def test_notice_and_emote_are_messages_too():
    for msgtype in ("m.notice", "m.emote"):
        message = cv.to_message(event({"msgtype": msgtype, "body": "hello"}), CHAT)
        assert message is not None and message.text == "hello"


def test_reply_drops_the_quoted_fallback_and_points_at_the_original():
    content = {"msgtype": "m.text", "body": "> <@b:example.org> the trip\n> is friday\n\nno it is not",
               "m.relates_to": {"m.in_reply_to": {"event_id": "$orig"}}}
    parent = cv.member_ref("@b:example.org", "Bilal")
    message = cv.to_message(event(content), CHAT, reply_sender=parent)
    assert message is not None
    assert message.text == "no it is not"
    assert message.reply_to is not None and message.reply_to.id == "$orig"
    assert message.reply_to_sender == parent


def test_edit_is_judged_on_its_new_text_and_acts_on_the_original():
    content = {"msgtype": "m.text", "body": "* new words",
               "m.new_content": {"msgtype": "m.text", "body": "new words"},
               "m.relates_to": {"rel_type": "m.replace", "event_id": "$orig"}}
    message = cv.to_message(event(content, event_id="$edit"), CHAT)
    assert message is not None
    assert message.edited and message.text == "new words" and message.ref.id == "$orig"


@pytest.mark.parametrize(("content", "caption", "filename"), [
    ({"msgtype": "m.image", "body": "look at this", "filename": "a.jpg", "url": "mxc://x/y"},
     "look at this", "a.jpg"),
    ({"msgtype": "m.image", "body": "a.jpg", "url": "mxc://x/y"}, "", "a.jpg"),
    ({"msgtype": "m.file", "body": "a.pdf", "filename": "a.pdf", "url": "mxc://x/y",
      "info": {"mimetype": "application/pdf"}}, "", "a.pdf"),
])
def test_media_caption_follows_the_filename_rule(content, caption, filename):
    message = cv.to_message(event(content), CHAT)
    assert message is not None
    [attachment] = message.attachments
    assert (attachment.caption, attachment.filename) == (caption, filename)
    assert attachment.kind in (AttachmentKind.IMAGE, AttachmentKind.DOCUMENT)
    assert message.text == ""


@pytest.mark.parametrize("source", [
    event({"msgtype": "m.text"}),  # no body
    event({"msgtype": 5, "body": "x"}),
    event({"msgtype": "m.text", "body": "x", "m.new_content": "no",
           "m.relates_to": {"rel_type": "m.replace", "event_id": "$o"}}),
    event({"body": "x"}, kind="m.room.topic"),
    {"type": "m.room.message", "content": {"msgtype": "m.text", "body": "no sender"}},
    event("not a dict"),  # type: ignore[arg-type]
])
def test_malformed_events_become_none(source):
    assert cv.to_message(source, CHAT) is None


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20))
def test_no_content_makes_a_converter_raise(content):
    for kind in ("m.room.message", "m.room.member", "m.room.redaction", "m.reaction"):
        source = event(content, kind=kind, state_key="@x:y")  # type: ignore[arg-type]
        cv.to_message(source, CHAT)
        cv.membership_change(source, CHAT)
        cv.redaction(source, CHAT)
        cv.reaction_target(source)


def test_huge_text_is_cut():
    message = cv.to_message(event({"msgtype": "m.text", "body": "a" * 100_000}), CHAT)
    assert message is not None and len(message.text) == 20_000


def member(membership: str, prev: str | None, *, sender: str = "@p:x", target: str = "@p:x",
           reason: str = "") -> dict:
    source = event({"membership": membership, **({"reason": reason} if reason else {})},
                   kind="m.room.member", sender=sender, state_key=target)
    if prev:
        source["unsigned"] = {"prev_content": {"membership": prev}}
    return source


def test_membership_changes():
    joined = cv.membership_change(member("join", "invite"), CHAT)
    assert isinstance(joined, MemberJoined) and joined.member.id == "@p:x"
    left = cv.membership_change(member("leave", "join"), CHAT)
    assert isinstance(left, Removal) and left.kind is RemovalKind.LEFT and left.by is None
    kicked = cv.membership_change(member("leave", "join", sender="@mod:x", reason="rude"), CHAT)
    assert isinstance(kicked, Removal) and kicked.kind is RemovalKind.KICKED
    assert kicked.by is not None and kicked.by.id == "@mod:x" and kicked.reason == "rude"
    banned = cv.membership_change(member("ban", "join", sender="@mod:x"), CHAT)
    assert isinstance(banned, Removal) and banned.kind is RemovalKind.BANNED
    assert cv.membership_change(member("join", "join"), CHAT) is None  # a name change
    assert cv.membership_change(member("leave", "invite"), CHAT) is None  # invite declined


def test_redaction_in_old_and_new_room_versions():
    old = event({}, kind="m.room.redaction", redacts="$gone")
    new = event({"redacts": "$gone"}, kind="m.room.redaction")
    for source in (old, new):
        removal = cv.redaction(source, CHAT)
        assert removal is not None and removal.message is not None
        assert removal.kind is RemovalKind.MESSAGE_DELETED and removal.message.id == "$gone"


def test_commands_and_answers():
    assert cv.command("/report  very rude ") == cv.Command("/report", "very rude")
    assert cv.command("hello /report") is None
    assert cv.reply_choice("> <@bot:x> card\n\nRemove. after warnings") == (
        ReviewChoice.REMOVE, "after warnings")
    assert cv.reply_choice("/keep") == (ReviewChoice.KEEP, "")
    assert cv.reply_choice("thanks all") is None
    assert cv.reaction_choice("🗑️") is ReviewChoice.DELETE  # with the variation selector
    assert cv.reaction_choice("⚠") is ReviewChoice.CAUTION
    assert cv.reaction_choice("❤️") is None


def test_nio_parses_what_we_convert():
    # The adapter reads nio's `source`; make sure nio keeps the raw dict as it came.
    source = event({"msgtype": "m.text", "body": "hi"})
    assert Event.parse_event(source).source == source


def test_events_before_the_bot_joined_are_skipped():
    class Wrapped:
        def __init__(self, source: dict) -> None:
            self.source = source

    bot = "@bot:x"
    events = [Wrapped(event({"msgtype": "m.text", "body": "old"}, event_id="$old")),
              Wrapped(member("join", "invite", sender=bot, target=bot)),
              Wrapped(event({"msgtype": "m.text", "body": "new"}, event_id="$new"))]
    assert [e.source["event_id"] for e in cv.after_own_join(events, bot)][-1] == "$new"
    assert len(cv.after_own_join(events, bot)) == 1
    assert cv.after_own_join(events[2:], bot) == events[2:]
