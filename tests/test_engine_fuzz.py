"""Fuzz `Engine.handle` on a real SQLite store: any text (lone surrogates and NUL included),
any ids, any time from year 1 to 9999. It never raises, never asks for a retry, and every
breach ends up recorded as an incident."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config
from civility.engine import Engine
from civility.events import ChatRef, Flag, FlagSource, MemberRef, Message, MessageRef
from civility.store.sql import SqlStore
from civility.testing import RecordingAdapter

#: The test policy's words (tests/conftest.py).
WORDS = ("darn", "idiot", "threat", "offtopic", "maybe")

#: Every code point, surrogates included (hypothesis leaves them out by default).
anything = st.characters(codec=None, exclude_categories=())
texts = st.text(anything, max_size=300)
ids = st.text(anything, min_size=1, max_size=40) | st.text(anything, min_size=256, max_size=300)
times = st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59),
                     timezones=st.just(dt.UTC) | st.none())
words = st.sampled_from([*WORDS, ""])


@st.composite
def messages(draw: st.DrawFn, n: int) -> Message:
    chat = ChatRef("test", draw(ids), draw(texts))
    sender = MemberRef("test", draw(ids), draw(texts))
    text = draw(texts) + draw(words) + draw(texts)
    # A unique suffix: two messages with the same identity would be one delivery.
    ref = MessageRef(chat, f"{draw(ids)}#{n}", sender)
    return Message(ref=ref, sender=sender, text=text, time=draw(times), edited=draw(st.booleans()))


@st.composite
def batches(draw: st.DrawFn) -> list[Message | Flag]:
    events: list[Message | Flag] = []
    for n in range(draw(st.integers(1, 12))):
        message = draw(messages(n))
        if draw(st.booleans()):
            events.append(message)
        else:
            events.append(Flag(message.ref, FlagSource.MEMBER, reason=draw(texts),
                               reporter=MemberRef("test", draw(ids)), time=draw(times),
                               reported=message if draw(st.booleans()) else None))
    return events


FUZZED = {"events": 0}


def clean_text(text: str) -> str:
    """What a database can hold of a string: lone surrogates and NUL replaced."""
    return re.sub("[\x00\ud800-\udfff]", "\ufffd", text)


#: More examples for a long run: CIVILITY_FUZZ_EXAMPLES=2000 pytest tests/test_engine_fuzz.py
EXAMPLES = int(os.environ.get("CIVILITY_FUZZ_EXAMPLES", "40"))
COUNT_FILE = os.environ.get("CIVILITY_FUZZ_COUNT_FILE", "")


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(batch=batches())
async def test_fuzzed_events_never_raise_and_every_breach_is_recorded(batch, policy, school):
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        store = SqlStore(f"sqlite:///{Path(tmp) / 'fuzz.db'}")
        fresh = type(policy)()  # the conftest's word policy, new for each example
        engine = Engine(Config(school=school, plugins=("words",)),
                        Hooks(make_manager(entry_points=False, extra=[("words", fresh)])), store)
        engine.add_adapter(RecordingAdapter(moderators={"mod"}))
        await engine.start(adapters=False)
        try:
            expected = set()
            for event in batch:
                outcome = await engine.handle(event)  # must not raise
                FUZZED["events"] += 1
                assert not outcome.retry and not outcome.error, outcome
                if isinstance(event, Flag) or any(w in event.text for w in WORDS):
                    ref = event.ref if isinstance(event, Message) else event.message
                    # As stored: cleaned, ids cut to the column's 255 characters.
                    expected.add((clean_text(ref.chat.id)[:255], clean_text(ref.id)[:255]))
            recorded = {(i.chat_id, i.message_id)
                        for i in await store.incidents(limit=10_000)}
            assert expected <= recorded
        finally:
            await engine.stop()
    _write_count()


def _write_count() -> None:
    """For reporting how many events a long run fuzzed."""
    if COUNT_FILE:
        Path(COUNT_FILE).write_text(str(FUZZED["events"]))
