"""Moderators' reply commands, as typed in WhatsApp.

In the moderators' group: reply to a review card with ``keep``, ``delete``, ``caution``,
``remove`` or ``report`` (a note may follow), or write ``/mod 12 remove``. In a parents' group an
admin replies to a message with ``/delete``, ``/caution``, ``/remove`` or ``/report``; any member
replies with ``/report [reason]`` to report it to the moderators.
"""

from __future__ import annotations

import re

import attrs

from civility.events import ReviewChoice

_MOD = re.compile(r"^/mod\s+#?(?P<id>\d{1,12})\s+(?P<choice>\w+)\s*(?P<note>.*)$", re.I | re.S)
_WORD = re.compile(r"^/?(?P<choice>\w+)[.!]?\s*(?P<note>.*)$", re.S)
_CHOICES = {c.value: c for c in ReviewChoice}


@attrs.frozen
class Command:
    choice: ReviewChoice
    incident_id: int = 0
    note: str = ""


def card_answer(text: str) -> Command | None:
    """A moderator's answer: ``remove [note]`` replying to a card, or ``/mod N choice``."""
    found = _MOD.match(text.strip())
    if found is not None:
        choice = _CHOICES.get(found.group("choice").lower())
        return Command(choice, int(found.group("id")), found.group("note").strip()) \
            if choice else None
    found = _WORD.match(text.strip())
    if found is None:
        return None
    choice = _CHOICES.get(found.group("choice").lower())
    return Command(choice, 0, found.group("note").strip()) if choice else None


def group_command(text: str) -> Command | None:
    """``/remove``, ``/delete``, ``/caution``, ``/report``, ``/keep`` given in a group."""
    stripped = text.strip()
    if not stripped.startswith("/") or stripped.lower().startswith("/mod"):
        return None
    return card_answer(stripped)


CARD_HELP = ("Reply to this message with keep, delete, caution, remove or report "
             "(a note may follow), or write /mod {id} CHOICE.")
