"""One message's text, normalised and split into words once for every policy that reads it.

The Iqra policy and the safety guards (and any policy built on the kit) each need a message's
normalised text (`civility.detectors.normalise.normalise`) and its words
(`civility.detectors.wordlist.tokens`). `words_of` works both out the first time a message is
asked about and hands the same result to every later caller for that message, so two policies
judging one message normalise it once. Plugins stay independent: each just calls `words_of`,
and neither needs the other to be installed.

The memory is keyed by the message object (not its text, so it is a per-message memo, not a
cache of texts), holds only the last `KEPT` messages, and is safe to use from the judging
worker threads. The result must be treated as read-only.
"""

from __future__ import annotations

import threading

import attrs

from civility.detectors.normalise import NormalisedText, normalise
from civility.detectors.wordlist import tokens
from civility.events import Message

__all__ = ["KEPT", "MessageWords", "words_of"]

#: Messages remembered: enough for every policy of a message, and for a few messages judged at
#: once in the judging pool's threads.
KEPT = 32


@attrs.frozen
class MessageWords:
    """A message's text (`Message.all_text`), normalised, and its words (read-only)."""

    text: str
    nt: NormalisedText
    toks: list[bytes]


_lock = threading.Lock()
#: id(message) -> (the message itself, its words): the message is kept so that an id reused by
#: a later message is never taken for it.
_memo: dict[int, tuple[Message, MessageWords]] = {}


def words_of(message: Message) -> MessageWords:
    """The normalised text and words of ``message``, worked out once per message."""
    key = id(message)
    hit = _memo.get(key)
    if hit is not None and hit[0] is message:
        return hit[1]
    text = message.all_text
    nt = normalise(text)
    found = MessageWords(text, nt, tokens(nt.text))
    with _lock:
        if len(_memo) >= KEPT:
            del _memo[next(iter(_memo))]  # the oldest (dicts keep insertion order)
        _memo[key] = (message, found)
    return found
