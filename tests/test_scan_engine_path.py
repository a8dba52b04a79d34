"""`Engine.scan_only` (set by `civility scan`): decisions without incident records give the
decisions the recorded path gives: the ladder climbs on the same strike points, and a message
given again gets its first decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

from civility._runner import build_engine
from civility.config import Config
from civility.events import Message
from civility.scan import scan
from civility.store.memory import MemoryStore
from civility.testing import make_chat, make_message

START = dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.UTC)
TEXTS = ["you are an idiot", "Trip money is due on Friday", "This school is a joke, useless",
         "shut up you stupid cow", "Thanks everyone!", "f u c k this"]


def _messages() -> list[Message]:
    chat = make_chat("Year 3")
    out = [make_message(TEXTS[i % len(TEXTS)], sender=f"P{i % 2}", chat=chat, id=str(i),
                        time=START + dt.timedelta(hours=i)) for i in range(30)]
    # The same messages given again (same chat and id, another text): the first decision.
    return out + [make_message("shut up you stupid cow", sender="P0", chat=chat, id=str(i),
                               time=START + dt.timedelta(hours=i)) for i in (0, 2)]


async def _decisions(scan_only: bool) -> list[tuple[Any, ...]]:
    store = MemoryStore()
    engine = build_engine(Config(), store=store)
    engine.hooks.inline = True
    engine.scan_only = scan_only
    await store.open()
    rows = [(r.id, r.rules, r.action, r.reasons) async for r in scan(engine, iter(_messages()))]
    member = _messages()[0].sender.key
    points = await store.points(member, START + dt.timedelta(days=2), 30.0)
    return [*rows, ("points", round(points, 9), len(await store.strikes(member)))]


async def test_scan_decisions_without_records_are_the_recorded_ones() -> None:
    recorded, scanned = await _decisions(False), await _decisions(True)
    assert scanned == recorded
    actions = [action for _, _, action, _ in recorded[:30]]
    assert len(set(actions)) >= 3  # the ladder climbed: not the same answer every time
    # Given again, with a worse text, late on the ladder: each gets its first decision.
    assert [r[1:3] for r in recorded[30:32]] == [recorded[0][1:3], recorded[2][1:3]]
    assert recorded[0][2] != "none"
    assert recorded[-1][2] > 0
