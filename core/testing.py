"""Test kit for plugin and adapter authors: message builders and a recording adapter.

    from civility.testing import make_message, judge
    verdicts = judge(my_policy, "some text")
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from civility.adapter import BaseAdapter, EventSink, ReviewRequest, UnsupportedAction
from civility.config import School
from civility.context import PolicyContext, RecentPost
from civility.events import Attachment, ChatRef, MemberRef, Message, MessageRef
from civility.verdicts import Verdict

__all__ = ["Call", "RecordingAdapter", "judge", "make_chat", "make_member", "make_message"]

_ids = itertools.count(1)
PLATFORM = "test"


def make_chat(id: str = "group-1", title: str = "Year 3 parents", platform: str = PLATFORM) -> ChatRef:
    return ChatRef(platform, id, title)


def make_member(name: str = "Parent A", id: str | None = None, platform: str = PLATFORM) -> MemberRef:
    return MemberRef(platform, id or name.lower().replace(" ", "-"), name)


def make_message(text: str = "", *, sender: str | MemberRef = "Parent A",
                 chat: ChatRef | None = None, id: str | None = None,
                 time: dt.datetime | None = None, links: Sequence[str] = (),
                 attachments: Sequence[Attachment] = (), forwarded: bool = False,
                 reply_to: Message | None = None) -> Message:
    """A `Message` with sensible defaults; links are found in the text unless given."""
    from civility.links import find_links

    chat = chat or make_chat()
    member = sender if isinstance(sender, MemberRef) else make_member(sender, platform=chat.platform)
    ref = MessageRef(chat, id or f"m{next(_ids)}", member)
    return Message(
        ref=ref, sender=member, text=text,
        time=time or dt.datetime.now(dt.UTC),
        links=tuple(links) or find_links(text),
        attachments=tuple(attachments), forwarded=forwarded,
        reply_to=reply_to.ref if reply_to else None,
        reply_to_sender=reply_to.sender if reply_to else None,
    )


def judge(plugin: Any, message: str | Message, *, school: School | None = None,
          recent: Sequence[RecentPost] = (), settings: dict[str, dict[str, object]] | None = None,
          ) -> list[Verdict]:
    """Run one plugin's ``on_message`` on a message (or text) and return its verdicts."""
    msg = make_message(message) if isinstance(message, str) else message
    context = PolicyContext(school=school or School(name="Test School",
                                                    contact_email="office@example.org"),
                            chat=msg.chat, recent=recent, settings=settings or {})
    # Any plugin object or module with an ``on_message`` hook implementation.
    return list(plugin.on_message(message=msg, context=context))


@attrs.frozen
class Call:
    action: str
    args: tuple[object, ...]


class RecordingAdapter(BaseAdapter):
    """An adapter that records every action instead of performing it.

    ``moderators`` are member ids that `is_moderator` accepts; ``unsupported`` names actions
    (method names) that raise `UnsupportedAction`, to test the engine's fallbacks;
    ``unreachable`` are member ids that cannot be messaged privately.
    """

    def __init__(self, platform: str = PLATFORM, *, moderators: Iterable[str] = (),
                 unsupported: Iterable[str] = (), unreachable: Iterable[str] = ()) -> None:
        self.platform = platform
        self.moderators = set(moderators)
        self.unsupported = set(unsupported)
        self.unreachable = set(unreachable)
        self.calls: list[Call] = []
        self.sink: EventSink | None = None

    def _record(self, action: str, *args: object) -> None:
        if action in self.unsupported:
            raise UnsupportedAction(self.platform, action)
        self.calls.append(Call(action, args))

    def named(self, action: str) -> list[Call]:
        return [c for c in self.calls if c.action == action]

    @property
    def reviews(self) -> list[ReviewRequest]:
        return [c.args[1] for c in self.named("notify_moderators")]  # type: ignore[misc]

    async def start(self, sink: EventSink) -> None:
        self.sink = sink

    async def delete_message(self, message: MessageRef) -> None:
        self._record("delete_message", message)

    async def remove_member(self, chat: ChatRef, member: MemberRef, *, ban: bool = False,
                            reason: str = "") -> None:
        self._record("remove_member", chat, member, ban)

    async def mute_member(self, chat: ChatRef, member: MemberRef, until: dt.datetime) -> None:
        self._record("mute_member", chat, member, until)

    async def send_to_chat(self, chat: ChatRef, text: str, *,
                           reply_to: MessageRef | None = None) -> None:
        self._record("send_to_chat", chat, text)

    async def send_private(self, member: MemberRef, text: str, *, chat: ChatRef) -> None:
        if member.id in self.unreachable:
            raise UnsupportedAction(self.platform, "send_private", "member never wrote to the bot")
        self._record("send_private", member, text)

    async def notify_moderators(self, chat: ChatRef, review: ReviewRequest) -> None:
        self._record("notify_moderators", chat, review)

    async def is_moderator(self, chat: ChatRef, member: MemberRef) -> bool:
        return member.id in self.moderators

    async def moderator_count(self, chat: ChatRef) -> int | None:
        return len(self.moderators)

    async def readmit_member(self, chat: ChatRef, member: MemberRef) -> None:
        self._record("readmit_member", chat, member)
