"""Finding links in message text (adapters use it when the platform gives no entities).

Linear time in the length of the text: every quantifier is possessive and every match starts
only where a run of its characters starts, so no input makes the engine retry a run from each
of its positions (the old pattern took 29 s on ``"a." * 16_000``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from civility.events import MAX_CAPTION_CHARS, MAX_TEXT_CHARS

#: Longest text searched for links (the same cap as a message's text).
MAX_LINK_TEXT_CHARS = MAX_TEXT_CHARS
#: Top-level domains that make a bare ``name.tld`` a link (``www.`` and ``http(s)://`` always do).
TLDS = frozenset({"com", "org", "net", "uk", "io", "ly", "me", "co", "gl", "gd", "app", "info",
                  "biz", "shop", "store", "edu", "gov"})
_LINK = re.compile(
    r"""(?ix)
    (?<![\w-])(?P<url>(?:https?://|www\.)[^\s<>"'()]++)   # a scheme or www.: up to a space
    | (?<![\w-])(?P<run>[a-z0-9-]++(?:\.[a-z0-9-]++)++)   # a dotted run: its host is checked
    """
)
_PATH = re.compile(r"""/[^\s<>"'()]*+""")
_TRAILING = ".,;:!?)]}'\""
#: DNS limits: a label has at most 63 characters.
_MAX_LABEL = 63


def _maybe_link(text: str) -> bool:
    """A dot between two letters or digits: the cheap test that most messages fail (a full
    stop is followed by a space)."""
    at = text.find(".", 1)
    while 0 < at < len(text) - 1:
        if text[at - 1].isalnum() and text[at + 1].isalnum():
            return True
        at = text.find(".", at + 2)
    return False


def _host_end(run: str) -> int:
    """Where the host in a dotted run ends (after its last known top-level domain), or 0.

    ``example.com.au`` ends after ``com``; a run whose labels break DNS limits is not a host."""
    labels = run.split(".")
    end, length = 0, 0
    for i, label in enumerate(labels):
        if not label or len(label) > _MAX_LABEL:
            break
        length += len(label) + (1 if i else 0)
        if i and label.lower() in TLDS:
            end = length
    return end


def find_links(text: str) -> tuple[str, ...]:
    """Every link-looking span in the text, trailing punctuation trimmed, in order."""
    text = text[:MAX_LINK_TEXT_CHARS]
    if not _maybe_link(text):
        return ()
    found: list[str] = []
    pos = 0
    while (match := _LINK.search(text, pos)) is not None:
        start, end = match.span()
        pos = end
        run = match.group("run")
        if run is None:
            found.append(match.group(0).rstrip(_TRAILING))
            continue
        lead = len(run) - len(run.lstrip("-"))  # "-foo.com": the link starts at the letter
        host = _host_end(run[lead:])
        if not host:
            continue
        stop = start + lead + host
        if stop == end and (path := _PATH.match(text, end)) is not None:
            stop = pos = path.end()
        found.append(text[start + lead:stop].rstrip(_TRAILING))
    return tuple(found)


def message_links(text: str, captions: Sequence[str] = ()) -> tuple[str, ...]:
    """The links of a message's text and captions, each cut first to the length `Message` and
    `Attachment` keep (so a converter never searches text the engine would not see)."""
    found = find_links(text[:MAX_TEXT_CHARS])
    for caption in captions:
        if caption:
            found += find_links(caption[:MAX_CAPTION_CHARS])
    return tuple(dict.fromkeys(found))
