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
import threading
from collections import OrderedDict, deque
from collections.abc import Sequence

from civility.context import RecentPost
from civility.events import Message
from civility.plugins.safety.rules import BY_ID, FLOOD
from civility.plugins.safety.settings import SafetySettings
from civility.verdicts import Evidence, Verdict

#: Members whose recent fingerprints are kept (per chat); the longest-unheard go first.
MAX_MEMBERS = 20_000
#: Fingerprints kept per member and chat: enough for "3 times in 10 minutes" among their others.
PER_MEMBER = 16
#: Shortest text (in letters and digits) whose repetition counts: "thanks" three times is fine.
MIN_REPEAT_CHARS = 12

_Key = tuple[str, str, str]
_Entry = tuple[int, dt.datetime, str]  # (fingerprint, time, message id)


class _Member:
    """One member's latest messages in one chat: their fingerprints apart, so that counting a
    fingerprint is one C call (``deque.count``)."""

    __slots__ = ("digests", "entries", "in_order")

    def __init__(self) -> None:
        self.digests: deque[int] = deque(maxlen=PER_MEMBER)
        self.entries: deque[_Entry] = deque(maxlen=PER_MEMBER)
        #: Every message came after the one before (so the latest ones are the newest).
        self.in_order = True


class RepeatMemory:
    """Bounded, thread-safe memory of each member's latest message fingerprints, per chat."""

    def __init__(self) -> None:
        #: In the order they were last heard (`OrderedDict.move_to_end` is one C call).
        self._members: OrderedDict[_Key, _Member] = OrderedDict()
        self._lock = threading.Lock()

    def record(self, message: Message, digest: int, settings: SafetySettings
               ) -> list[_Entry] | None:
        """Remember this message (once: a reported message is judged again) and return this
        member's earlier remembered messages, oldest first (this one left out).

        The usual case, a new message that can make neither a burst (fewer than
        ``flood_messages`` earlier messages in the rate window) nor a repeat (fewer than
        ``repeat_messages`` messages in the repeat window, or fewer with this fingerprint,
        this one included), returns None without copying anything; the windows' start times
        are only worked out when the counts alone cannot tell, and the fingerprints are
        counted only when the member posted often enough lately."""
        chat = message.ref.chat
        key = (chat.platform, chat.id, message.sender.id)
        when = message.time
        members = self._members
        lock = self._lock
        lock.acquire()  # (not ``with``: looking up its two special methods costs more)
        try:
            member = members.get(key)
            if member is None:
                if len(members) >= MAX_MEMBERS:
                    members.popitem(last=False)
                member = members[key] = _Member()
            else:
                members.move_to_end(key)  # the newest member (one C call, no re-insertion)
            entries = member.entries
            if not entries:  # a member's first message here: nothing to count
                entries.append((digest, when, message.ref.id))
                member.digests.append(digest)
                return None
            latest = entries[-1][1]
            me = message.ref.id
            # A message newer than the member's last is new (the usual case); an older one may
            # be a message judged again, so look for it.
            if latest >= when:
                again = _judged_again(entries, me)
                if again is not None:
                    return again
            limit = settings.flood_messages
            repeats = settings.repeat_messages
            wanted = repeats - 1
            # Quiet: no burst, and no repeat, because fewer than ``wanted`` earlier messages
            # came in the repeat window (known only while they came in order, none after this
            # one) or fewer than ``wanted`` of them have this fingerprint.
            quiet = (len(entries) < limit
                     or not when - settings.flood_span < entries[-limit][1] <= when) \
                and (not digest
                     or (member.in_order and latest <= when
                         and (len(entries) < wanted
                              or entries[-wanted][1] <= when - settings.repeat_span))
                     or member.digests.count(digest) < wanted)
            before = None if quiet else list(entries)
            if latest > when:
                member.in_order = False
            entries.append((digest, when, me))
            member.digests.append(digest)
            return before
        finally:
            lock.release()


def _judged_again(entries: deque[_Entry], me: str) -> list[_Entry] | None:
    """The other remembered messages, where message ``me`` is among them (judged again)."""
    if any(e[2] == me for e in entries):
        return [e for e in entries if e[2] != me]
    return None


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
    if len(recent) < settings.flood_messages:
        return 1
    me, when = message.sender.id, message.time
    mine = [p.time for p in recent if p.sender.id == me]
    if len(mine) < settings.flood_messages:
        return len(mine) + 1  # too few in the whole window to be a burst
    mine = [t for t in mine if t <= when]
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
    me = message.sender.id
    mine = {p.time for p in recent if p.sender.id == me}
    oldest = recent[0].time if recent else None
    return [t for t in times if t in mine or (full and oldest is not None and t < oldest)]


def judge(message: Message, toks: Sequence[bytes | str], recent: Sequence[RecentPost],
          settings: SafetySettings, window: int) -> Verdict | None:
    digest = _fingerprint(toks)
    others = MEMORY.record(message, digest, settings)
    if others is None:
        return None  # the usual case: too few recent messages for a burst or a repeat
    when = message.time
    limit = settings.flood_messages
    rate_from = when - settings.flood_span
    repeat_from = when - settings.repeat_span
    # Cheap first: this member's own remembered messages (in order, so only the one ``limit``
    # back needs looking at); the engine's window then confirms.
    if len(others) >= limit and rate_from < others[-limit][1] <= when:
        count = rate(message, recent, settings)
        if count > limit:
            return _verdict(Evidence("flood", f"{count} messages in {settings.flood_seconds:g} s",
                                     detail=f"more than {limit} messages in a short time"))
        if count == 0:
            return None  # in a burst already nudged
    if not digest or _short(toks):
        return None
    earlier = [t for d, t, _ in others if d == digest and repeat_from < t <= when]
    if len(earlier) + 1 < settings.repeat_messages:
        return None
    earlier = _confirmed(earlier, message, recent, full=len(recent) >= window)
    repeats = 1 + len(earlier)
    # Fire once, on the message that reaches the limit, not on each repeat after it.
    if repeats == settings.repeat_messages:
        return _verdict(Evidence("repeated", f"the same message {repeats} times",
                                 detail=f"within {settings.repeat_minutes:g} minutes"))
    return None


def _fingerprint(toks: Sequence[bytes | str]) -> int:
    """A hash of the words (in memory only, for this process: the built-in hash will do; the
    words' own hashes are already worked out by the first look's set operations); 0 for one
    word. Whether a text is too short to count (`_short`) is asked only of a repeat."""
    if len(toks) < 2:
        return 0
    return hash(tuple(toks)) or 1


def _short(toks: Sequence[bytes | str]) -> bool:
    """Whether the text is too short for its repetition to count ("thanks!" is fine)."""
    n = len(toks)  # (every word has a letter or digit: this many words are this long at least)
    return n < MIN_REPEAT_CHARS and sum(map(len, toks)) < MIN_REPEAT_CHARS
