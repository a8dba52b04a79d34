"""The private-conversation rule: a run of back-and-forth between the same two members."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import Any

from civility.context import RecentPost
from civility.events import Message
from civility.plugins.iqra.rules import BY_ID
from civility.verdicts import Evidence, Verdict

DEFAULT_RUN = 6
DEFAULT_WINDOW_MINUTES = 30.0


@functools.lru_cache(maxsize=64)
def _window(minutes: float) -> dt.timedelta:
    return dt.timedelta(minutes=minutes)


def private_conversation(message: Message, recent: Sequence[RecentPost],
                         settings: Mapping[str, Any]) -> Verdict | None:
    """A verdict when this message makes a two-person run of ``private_run`` messages (and again
    at every further ``private_run``), with the two taking turns, all within the window."""
    need = max(int(settings.get("private_run", DEFAULT_RUN)), 3)
    if len(recent) < need - 1:
        return None
    window = _window(float(settings.get("private_window_minutes", DEFAULT_WINDOW_MINUTES)))
    now = message.time
    last = message.sender.key
    people = {last}
    run, turns = 1, 0
    for post in reversed(recent):
        if now - post.time > window:
            break
        key = post.sender.key
        if key not in people and len(people) == 2:
            break
        people.add(key)
        turns += key != last
        last, run = key, run + 1
    if len(people) != 2 or run < need or run % need or turns < need // 2:
        return None
    rule = BY_ID["iqra.private-conversation"]
    return Verdict(rule.id, rule.clause, rule.severity, 0.7, (Evidence(
        "conversation", f"{run} messages between two members", detail=f"{turns} turns"),))
