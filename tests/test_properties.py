"""Property-based: arbitrary events never crash the engine, and it keeps handling the next one."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from structlog.testing import capture_logs

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config
from civility.engine import Engine
from civility.events import (
    Attachment,
    AttachmentKind,
    ChatRef,
    Flag,
    FlagSource,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    ModeratorDecision,
    Removal,
    RemovalKind,
    ReviewChoice,
)
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_message

ids = st.text(min_size=0, max_size=30)
texts = st.one_of(st.text(max_size=2000), st.binary(max_size=500).map(lambda b: b.decode("latin-1")),
                  st.sampled_from(["", " ", "\x00", "\u202e" * 50, "💩" * 3000, "idiot " * 400]))
times = st.datetimes(min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2100, 1, 1),
                     timezones=st.just(dt.UTC) | st.none())
chats = st.builds(ChatRef, st.just("test"), ids, ids)
members = st.builds(MemberRef, st.just("test"), ids, ids)
refs = st.builds(MessageRef, chats, ids, st.none() | members)
attachments = st.builds(Attachment, st.sampled_from(list(AttachmentKind)), texts,
                        data=st.none() | st.binary(max_size=64))
messages = st.builds(Message, refs, members, texts, times, st.lists(texts, max_size=3).map(tuple),
                     st.lists(attachments, max_size=2).map(tuple), st.booleans(), st.booleans(),
                     st.none() | refs, st.none() | members, st.booleans())
events = st.one_of(
    messages,
    st.builds(Flag, refs, st.sampled_from(list(FlagSource)), texts, st.none() | members, times,
              st.none() | messages),
    st.builds(Removal, chats, st.sampled_from(list(RemovalKind)), st.none() | members),
    st.builds(MemberJoined, chats, members),
    st.builds(ModeratorDecision, st.integers(-5, 50), st.sampled_from(list(ReviewChoice)), members),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events, min_size=1, max_size=8))
async def test_arbitrary_events_never_break_the_engine(batch):
    # The real installed policies (Iqra included) judge the messages.
    engine = Engine(Config(), Hooks(make_manager(entry_points=False)), MemoryStore())
    engine.add_adapter(RecordingAdapter(moderators={"mod"}))
    await engine.start()
    try:
        with capture_logs() as logs:
            for event in batch:
                outcome = await engine.handle(event)
                assert outcome.error == "", outcome.error
        # Not even a contained plugin failure: the shipped policies cope with any text.
        assert not [entry for entry in logs if entry["event"] == "plugin_failed"], logs
        after = await engine.handle(make_message("still listening"))
        assert after.error == "" and after.decision.action == "none"
    finally:
        await engine.stop()
