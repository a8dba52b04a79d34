"""The offset file's finished ids, which chat an update belongs to, and giving up on an update
that keeps failing."""

from __future__ import annotations

import json

from civility.adapter import Backoff
from civility.adapters.telegram.polling import MAX_ATTEMPTS, Attempts, OffsetFile, chat_of


def test_offset_file_keeps_the_finished_ids_above_the_offset(tmp_path):
    offsets = OffsetFile(tmp_path / "offset.json")
    offsets.save(10, {8, 12, 15})
    assert offsets.read() == (10, {12, 15})  # below the offset: confirmed anyway
    assert json.loads(offsets.path.read_text()) == {"offset": 10, "done": [12, 15]}
    offsets.path.write_text('{"offset": 10}')  # written by an older version
    assert offsets.read() == (10, set())
    for junk in ('{"offset": 10, "done": "x"}', '{"offset": true}'):
        offsets.path.write_text(junk)
        assert offsets.read() == (0, set())


def test_updates_are_ordered_by_their_chat():
    group = {"chat": {"id": -100}, "message_id": 1}
    assert chat_of({"update_id": 1, "message": group}) == "-100"
    assert chat_of({"update_id": 2, "edited_message": group}) == "-100"
    press = {"id": "q", "data": "civ:1:keep", "message": {"chat": {"id": -99}}}
    assert chat_of({"update_id": 3, "callback_query": press}) == "-99"
    assert chat_of({"update_id": 4, "message": "not an object"}) == ""
    assert chat_of({"update_id": 5, "message": {"no": "chat"}}) == "message:?"


def test_an_update_that_keeps_failing_is_given_up_after_a_few_tries():
    attempts = Attempts()
    assert [attempts.failed(7) for _ in range(MAX_ATTEMPTS)] == [True] * (MAX_ATTEMPTS - 1) + [False]
    assert attempts.failed(7)  # counted afresh after giving up
    attempts.forget(7)
    small = Attempts(size=2)
    for update_id in (1, 2, 3):
        small.failed(update_id)
    assert small.failed(1)  # the oldest count was dropped first


def test_backoff_doubles_to_a_ceiling_and_starts_over():
    backoff = Backoff(1.0, 5.0)
    assert [backoff.next() for _ in range(5)] == [1.0, 2.0, 4.0, 5.0, 5.0]
    backoff.reset()
    assert backoff.next() == 1.0
