"""Text any database accepts (shared by the store package and its schema, without a circle)."""

from __future__ import annotations

import re

#: One character class, so linear in the length of the text.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Text any database accepts: lone surrogates and NUL become U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", value)
