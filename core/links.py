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


def find_links(text: str) -> tuple[str, ...]:
    """Every link-looking span in the text, trailing punctuation trimmed, in order."""
    if "." not in text:
        return ()
    return tuple(m.group(0).rstrip(_TRAILING) for m in _LINK.finditer(text))
