"""Finding links in message text (adapters use it when the platform gives no entities)."""

from __future__ import annotations

import re

_LINK = re.compile(
    r"""(?ix)
    \b(?:https?://|www\.)[^\s<>"'()]+
    | \b(?:[a-z0-9-]{1,63}\.)+(?:com|org|net|uk|io|ly|me|co|gl|gd|app|info|biz|shop|store|edu|gov|sch\.uk)
      (?:/[^\s<>"'()]*)?
    """
)
_TRAILING = ".,;:!?)]}'\""


def _maybe_link(text: str) -> bool:
    """A dot between two letters or digits: the cheap test that most messages fail (a full
    stop is followed by a space)."""
    at = text.find(".", 1)
    while 0 < at < len(text) - 1:
        if text[at - 1].isalnum() and text[at + 1].isalnum():
            return True
        at = text.find(".", at + 2)
    return False


def find_links(text: str) -> tuple[str, ...]:
    """Every link-looking span in the text, trailing punctuation trimmed, in order."""
    if not _maybe_link(text):
        return ()
    return tuple(m.group(0).rstrip(_TRAILING) for m in _LINK.finditer(text))
