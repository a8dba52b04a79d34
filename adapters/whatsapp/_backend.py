"""What the WhatsApp adapter needs from a back-end (neonize in process, or an HTTP gateway).

Back-ends only move bytes: they turn the platform's events into `Incoming` and perform raw
calls. Policy (which groups, who may act, rate limits, the delete window) stays in the adapter.
Refusals raise `civility.adapter.ActionFailed`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

import attrs

from civility.adapters.whatsapp.convert import Incoming

#: Hands one event to the adapter; raises `civility.adapter.RetryLater` when it was not
#: durably recorded (the back-end must then not acknowledge it, or keep it and try again).
Deliver = Callable[[Incoming], Awaitable[None]]


@attrs.frozen
class GroupMembers:
    admins: frozenset[str]
    participants: frozenset[str]
    name: str = ""


class Backend(Protocol):
    name: str

    async def start(self, deliver: Deliver) -> None: ...

    async def stop(self) -> None: ...

    async def wait_closed(self) -> None: ...

    async def revoke(self, chat: str, sender: str, message_id: str) -> None:
        """Delete for everyone (as a group admin when the sender is someone else)."""

    async def remove(self, chat: str, member: str) -> None:
        """Remove one participant from a group. Back-ends never add anyone."""

    async def send(self, to: str, text: str, *, reply_to: str = "",
                   reply_sender: str = "") -> str:
        """Send a text message; returns its message id."""

    async def members(self, chat: str) -> GroupMembers: ...

    async def own_ids(self) -> frozenset[str]:
        """The linked account's own ids (phone-number JID, and LID where known), without the
        device part; empty while not logged in."""
