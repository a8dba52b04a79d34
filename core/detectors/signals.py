"""Shouting and anger signals: cheap, and only ever a signal to weigh with other evidence."""

from __future__ import annotations

from civility.verdicts import Evidence

__all__ = ["shouting"]


def shouting(text: str, *, min_letters: int = 12, caps_ratio: float = 0.7) -> Evidence | None:
    """Evidence of shouting: mostly capital letters over a long enough stretch, or a run of
    three or more exclamation or question marks. None when the message reads calmly."""
    marks = "!!!" in text or "?!?" in text or "!?!" in text
    upper = text.isupper()
    if not upper and not marks and not any(c.isupper() for c in text[1:3]):
        return None  # cheap exit for ordinary sentence case
    letters = [c for c in text if c.isalpha()]
    caps = sum(1 for c in letters if c.isupper())
    if len(letters) >= min_letters and caps >= caps_ratio * len(letters):
        return Evidence("shouting", text[:60], 0, len(text),
                        f"{caps} of {len(letters)} letters in capitals")
    if marks:
        at = max(text.find("!!!"), text.find("?!?"), text.find("!?!"))
        return Evidence("shouting", text[at:at + 3], at, at + 3, "a run of exclamation marks")
    return None
