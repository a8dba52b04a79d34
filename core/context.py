"""What the engine tells a policy about the world around a message.

Hooks stay pure: everything a rule may look at is in the context, so a policy is a function of
its inputs and is tested without a platform or a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from civility.config import LadderSettings, Mode, School
from civility.events import ChatRef, MemberRef


@attrs.frozen
class RecentPost:
    """A message recently seen in the chat. No text: only who, when and to whom."""

    sender: MemberRef
    time: dt.datetime
    reply_to_sender: MemberRef | None = None


@attrs.frozen
class PolicyContext:
    school: School
    chat: ChatRef
    #: The chat's latest posts before this one, oldest first (a short window held in memory).
    recent: Sequence[RecentPost] = ()
    #: The sender's decayed strike points before this message.
    points: float = 0.0
    #: How many incidents the sender had in this chat, ever (within retention).
    incidents: int = 0
    mode: Mode = Mode.ENFORCE
    ladder: LadderSettings = attrs.field(factory=LadderSettings)
    #: This school's settings for each plugin, from ``[policy.settings.NAME]``.
    settings: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)

    def settings_for(self, plugin: str) -> Mapping[str, Any]:
        return self.settings.get(plugin, {})
