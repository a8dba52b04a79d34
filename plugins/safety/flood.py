"""`safety.flood`: one member posting too much too fast, or the same text again and again.

Judged from the messages' own timestamps, so ``scan`` of an export finds the same bursts as
the live bot. The rate comes from the engine's recent window of the chat
(`civility.context.PolicyContext.recent`: who posted when); repeated text needs the text, which
the window does not keep, so this module keeps a bounded memory of message fingerprints (a hash
of the normalised words, never the text) and counts only those the engine's window confirms.

One nudge per burst: the rule fires on the message that crosses the limit, not on every message
after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict, deque
from collections.abc import Sequence

from civility.context import RecentPost
from civility.events import Message
from civility.plugins.safety.rules import BY_ID, FLOOD
from civility.plugins.safety.settings import SafetySettings
from civility.verdicts import Evidence, Verdict

#: Fingerprint histories kept (member and text in a chat); the oldest go first.
MAX_KEYS = 20_000
#: Messages remembered as already counted (a reported message is judged again).
MAX_SEEN = 50_000
#: Shortest text (in letters and digits) whose repetition counts: "thanks" three times is fine.
MIN_REPEAT_CHARS = 12

_Key = tuple[str, str, bytes]


class RepeatMemory:
    """Bounded, thread-safe memory of when each member posted each text, per chat."""

    def __init__(self) -> None:
        self._times: OrderedDict[_Key, deque[tuple[dt.datetime, str]]] = OrderedDict()
        self._seen: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._lock = threading.Lock()

    def record(self, message: Message, digest: bytes, keep: int) -> list[dt.datetime]:
        """Remember this message (once) and return the earlier times of the same text."""
        key = (message.chat.key, message.sender.key, digest)
        seen_key = (message.chat.key, message.ref.id)
        with self._lock:
            times = self._times.get(key)
            earlier = [t for t, id_ in times if id_ != message.ref.id] if times else []
            if seen_key in self._seen:
                return earlier
            self._seen[seen_key] = None
            if len(self._seen) > MAX_SEEN:
                self._seen.popitem(last=False)
            if times is None:
                times = self._times[key] = deque(maxlen=max(keep, 2))
                if len(self._times) > MAX_KEYS:
                    self._times.popitem(last=False)
            else:
                self._times.move_to_end(key)
            times.append((message.time, message.ref.id))
            return earlier


MEMORY = RepeatMemory()


def _verdict(evidence: Evidence) -> Verdict:
    rule = BY_ID[FLOOD]
    return Verdict(FLOOD, rule.clause, rule.severity, 0.9, (evidence,))


def _count(times: Sequence[dt.datetime], end: dt.datetime, span: dt.timedelta) -> int:
    start = end - span
    return sum(1 for t in times if start < t <= end)


def rate(message: Message, recent: Sequence[RecentPost], settings: SafetySettings) -> int:
    """How many of this member's messages (this one included) fall in the rate window, or 0
    when the burst was already nudged (the previous message had crossed the limit too)."""
    span = dt.timedelta(seconds=settings.flood_seconds)
    mine = [p.time for p in recent if p.sender == message.sender and p.time <= message.time]
    now = 1 + _count(mine, message.time, span)
    if now <= settings.flood_messages:
        return now
    if mine and 1 + _count(mine[:-1], mine[-1], span) > settings.flood_messages:
        return 0
    return now


def _confirmed(times: list[dt.datetime], message: Message,
               recent: Sequence[RecentPost], full: bool) -> list[dt.datetime]:
    """Earlier times the engine's window shows this member posting at (or that are older than a
    full window reaches), so another engine's messages never count here."""
    mine = {p.time for p in recent if p.sender == message.sender}
    oldest = recent[0].time if recent else None
    return [t for t in times if t in mine or (full and oldest is not None and t < oldest)]


def judge(message: Message, toks: list[bytes], recent: Sequence[RecentPost],
          settings: SafetySettings, window: int) -> Verdict | None:
    count = rate(message, recent, settings)
    limit = settings.flood_messages
    if count > limit:
        return _verdict(Evidence("flood", f"{count} messages in {settings.flood_seconds:g} s",
                                 detail=f"more than {limit} messages in a short time"))
    words = b" ".join(toks)
    if sum(len(t) for t in toks) < MIN_REPEAT_CHARS or len(toks) < 2:
        return None
    digest = hashlib.blake2b(words, digest_size=12).digest()
    earlier = MEMORY.record(message, digest, settings.repeat_messages + 1)
    if not earlier or count == 0:
        return None
    span = dt.timedelta(minutes=settings.repeat_minutes)
    earlier = _confirmed(earlier, message, recent, full=len(recent) >= window)
    repeats = 1 + _count(earlier, message.time, span)
    # Fire once, on the message that reaches the limit, not on each repeat after it.
    if repeats == settings.repeat_messages:
        return _verdict(Evidence("repeated", f"the same message {repeats} times",
                                 detail=f"within {settings.repeat_minutes:g} minutes"))
    return None
