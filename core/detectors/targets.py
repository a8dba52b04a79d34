"""Who a message is about: staff, children, parents (for grievance and individual-child rules).

``find_targets(text, staff_names=..., child_names=...)`` returns evidence for each reference to a
member of staff (titles such as ``Mrs Khan``, roles such as ``the class teacher``, and the
school's own list of staff names), to a child (``that boy in Year 2``, ``Omar in 3B``, the
school's list of child names, a name followed by what happened to that child) or to a parent
(``his mum``, ``some parents``). A detector of references, not of intent: a policy decides.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import attrs

from civility.verdicts import Evidence

__all__ = ["Target", "find_targets"]

_TITLE = re.compile(r"\b(?:Mr|Mrs|Miss|Ms|Mx|Dr|Sir|Madam|Ustadh|Ustadha|Ustaz|Sister|Brother|"
                    r"Hafiz|Maulana|Molvi|Moulana|Imam)\.?\s+[A-Z][A-Za-z'-]+")
_ROLE = re.compile(
    r"(?i)\b(?:(?:the|our|his|her|their|my \w+'?s|this|that|year \d|reception) )?"
    r"(?:class ?teacher|teachers?|head ?teacher|head ?mistress|head ?master|the head|deputy head|"
    r"deputy|assistant head|senco|teaching assistants?|tas?|lsas?|office (?:staff|ladies|lady|"
    r"woman|women|manager|team)|receptionists?|school office|the office|dinner ladies|dinner lady|"
    r"lunch(?:time)? (?:staff|supervisors?|ladies)|midday supervisors?|staff|governors?|"
    r"caretaker|admin (?:team|staff)|slt|leadership team|principal|qari sahib|qari|hafiz sahib|"
    r"molvi sahib|ustadh|ustadha|ustad|teacher sahiba|miss ji|madam ji|sir ji)\b")
_PARENT = re.compile(
    r"(?i)\b(?:(?:his|her|their|that|this|the|some|certain|a few|these|those|other|one)\s+"
    r"(?:mums?|mothers?|dads?|fathers?|parents?|mum|ammi|abbu|ami|abu|family|families|woman|"
    r"lady|man)|[A-Z][a-z]+'s\s+(?:mum|dad|mother|father|parents|ammi|abbu))\b")
_CHILD = re.compile(
    r"(?i)\b(?:that|this|the|one|a|some)\s+(?:boy|girl|kid|child|lad)s?\s+(?:in|from)\s+"
    r"(?:year|yr|class|reception|[1-6][a-z]\b)|\b(?:that|this)\s+(?:boy|girl|kid|child|lad)\b")
# The case-insensitive patterns again, for lower-cased ASCII text: the same matches at the same
# offsets, about three times faster than (?i) matching.
_ROLE_LOWER = re.compile(_ROLE.pattern.removeprefix("(?i)"))
_PARENT_LOWER = re.compile(_PARENT.pattern.removeprefix("(?i)").replace("[A-Z]", "[a-z]"))
_CHILD_LOWER = re.compile(_CHILD.pattern.removeprefix("(?i)"))
_NAME_IN_CLASS = re.compile(r"\b([A-Z][a-z]{2,})\s+(?:in|from)\s+(?:Year|Yr|year|yr|Reception|"
                            r"class|Class|[1-6][A-Za-z]\b)")


@attrs.frozen
class Target:
    kind: str  # "staff", "child" or "parent"
    evidence: Evidence


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    return _names_pattern_of(tuple(names))


@functools.lru_cache(maxsize=64)  # a school's lists, built into a pattern once
def _names_pattern_of(names: tuple[str, ...]) -> re.Pattern[str] | None:
    cleaned = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(n) for n in cleaned) + r")\b")


def find_targets(text: str, *, staff_names: Iterable[str] = (),
                 child_names: Iterable[str] = ()) -> list[Target]:
    """Every reference to staff, a child or a parent in ``text`` (original casing matters)."""
    out: list[Target] = []

    def add(kind: str, detector: str, m: re.Match[str]) -> None:
        a, b = m.span()
        out.append(Target(kind, Evidence(f"target:{detector}", text[a:b], a, b, kind)))

    if text.isascii():
        low = text.lower()
        role, parent, child = _ROLE_LOWER, _PARENT_LOWER, _CHILD_LOWER
    else:
        low, role, parent, child = text, _ROLE, _PARENT, _CHILD
    for m in _TITLE.finditer(text):
        add("staff", "title", m)
    for m in role.finditer(low):
        add("staff", "role", m)
    for m in parent.finditer(low):
        add("parent", "parent", m)
    for m in child.finditer(low):
        add("child", "child", m)
    for m in _NAME_IN_CLASS.finditer(text):
        add("child", "name-in-class", m)
    for kind, names in (("staff", staff_names), ("child", child_names)):
        pattern = _names_pattern(names)
        if pattern:
            for m in pattern.finditer(text):
                add(kind, "configured-name", m)
    return out
