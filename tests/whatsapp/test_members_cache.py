"""Who is a moderator on WhatsApp: a group's admins, asked of the back-end and trusted for
``admin_cache_seconds`` (a `civility._memo.TtlCache`); a failed lookup is not trusted at all,
and a join or leave makes the next check ask again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from civility.adapters.whatsapp._backend import GroupMembers
from civility.adapters.whatsapp.adapter import WhatsAppAdapter
from civility.adapters.whatsapp.convert import Incoming
from civility.events import ChatRef, MemberJoined, MemberRef
from civility.verdicts import Outcome

PARENT = "447700900111@s.whatsapp.net"


class MembersOnly:
    """A back-end that only says who is in a group (and can be made to fail)."""

    name = "members-only"

    def __init__(self, moderators_group: str) -> None:
        self.moderators_group = moderators_group
        self.admins: set[str] = set()
        self.asked = 0
        self.down = False

    async def start(self, deliver: Any) -> None:
        return None

    async def members(self, chat: str) -> GroupMembers:
        self.asked += 1
        if self.down:
            raise OSError("the back-end is unreachable")
        if chat == self.moderators_group:  # the parent is not in the moderators' group
            return GroupMembers(frozenset(), frozenset())
        return GroupMembers(frozenset(self.admins), frozenset(self.admins | {PARENT}))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def rig(tmp_path: Path, wa: Any) -> tuple[WhatsAppAdapter, MembersOnly, Clock]:
    backend, clock = MembersOnly(wa.mods), Clock()
    settings = wa.settings(tmp_path, admin_cache_seconds=120)
    adapter = WhatsAppAdapter(settings, backend, monotonic=clock)  # type: ignore[arg-type]
    return adapter, backend, clock


async def test_a_new_admin_is_a_moderator_once_the_cached_list_is_old(tmp_path, wa):
    adapter, backend, clock = rig(tmp_path, wa)
    group, parent = ChatRef("whatsapp", wa.group), MemberRef("whatsapp", PARENT)
    assert not await adapter.is_moderator(group, parent)
    asked = backend.asked
    backend.admins.add(PARENT)  # promoted in WhatsApp
    clock.now += 119
    assert not await adapter.is_moderator(group, parent)  # still the list of two minutes ago
    assert backend.asked == asked
    clock.now += 2
    assert await adapter.is_moderator(group, parent)
    assert backend.asked > asked


async def test_a_failed_lookup_refuses_and_is_asked_again_next_time(tmp_path, wa):
    adapter, backend, _ = rig(tmp_path, wa)
    group, parent = ChatRef("whatsapp", wa.group), MemberRef("whatsapp", PARENT)
    backend.admins.add(PARENT)
    backend.down = True
    assert not await adapter.is_moderator(group, parent)  # unsure: refuse
    backend.down = False
    assert await adapter.is_moderator(group, parent)  # no failure was remembered


async def test_a_join_makes_the_next_check_ask_again(tmp_path, wa):
    adapter, backend, _ = rig(tmp_path, wa)
    group, parent = ChatRef("whatsapp", wa.group), MemberRef("whatsapp", PARENT)

    async def sink(event: Any) -> Outcome:
        return Outcome()

    await adapter.start(sink)
    assert not await adapter.is_moderator(group, parent)
    backend.admins.add(PARENT)
    joined = MemberJoined(group, MemberRef("whatsapp", "447700900444@s.whatsapp.net"),
                          time=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    await adapter._receive(Incoming(joined))
    assert await adapter.is_moderator(group, parent)
