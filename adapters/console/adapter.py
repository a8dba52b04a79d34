"""A terminal group chat: type ``Name: message`` to speak as a member and watch the engine.

Commands (typed as ``Name: /command`` or alone, as the last speaker):
``/report N [reason]`` reports message N anonymously; ``/mod INCIDENT CHOICE`` answers a review
card (keep, delete, caution, remove, report) as a moderator; ``/help``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from rich.console import Console
from rich.markup import escape

from civility.adapter import BaseAdapter, EventSink, ReviewRequest
from civility.events import (
    ChatRef,
    Flag,
    FlagSource,
    MemberRef,
    Message,
    MessageRef,
    ModeratorDecision,
    ReviewChoice,
)
from civility.links import find_links

PLATFORM = "console"
HELP = ("Type [bold]Name: message[/] to speak as a member. Commands: [bold]/report N reason[/], "
        "[bold]/mod INCIDENT keep|delete|caution|remove|report[/], [bold]/help[/]. "
        "End with Ctrl-D.")

DEMO = (
    "Aisha: Reminder: PE is on Tuesday this half term, don't forget trainers",
    "Bilal: Thanks Aisha! Does anyone know if the museum trip needs a packed lunch?",
    "Chris: this school is a f*cking joke, the teachers are useless idiots",
    "Dana: Great deals on phone cases at www.cheapcases-shop.com use my code DANA10",
    "Chris: honestly you lot are pathetic, shut up",
    "Eve: nobody asked for your opinion Bilal",
    "Aisha: /report 6 unkind to Bilal",
    "Bilal: /mod 3 remove",
    "Moderator: /mod 3 remove",
)


def _member(name: str) -> MemberRef:
    return MemberRef(PLATFORM, name.strip().lower().replace(" ", "-"), name.strip())


class ConsoleAdapter(BaseAdapter):
    platform = PLATFORM

    def __init__(self, *, moderators: Iterable[str] = ("Moderator",),
                 group: str = "Year 3 parents", lines: Iterable[str] | None = None,
                 out: IO[str] | None = None, echo: bool = False) -> None:
        self.moderators = {_member(m).id for m in moderators}
        self.chat = ChatRef(PLATFORM, "group", group)
        self.console = Console(file=out or sys.stdout, highlight=False, soft_wrap=True)
        self._lines: Iterator[str] | None = iter(lines) if lines is not None else None
        self._echo = echo or lines is not None
        self._messages: dict[int, Message] = {}
        self._numbers = itertools.count(1)
        self._speaker = "You"
        self._task: asyncio.Task[None] | None = None
        self._closed = asyncio.Event()

    async def start(self, sink: EventSink) -> None:
        self.console.print(f"[bold]{escape(self.chat.title)}[/] — a local group chat. {HELP}")
        self._task = asyncio.create_task(self._read(sink))

    async def stop(self) -> None:
        if self._task and not self._task.done():
            self._task.cancel()
        self._closed.set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def _next_line(self) -> str | None:
        if self._lines is not None:
            return next(self._lines, None)
        line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        return line if line else None

    async def _read(self, sink: EventSink) -> None:
        try:
            while (line := await self._next_line()) is not None:
                line = line.strip()
                if line:
                    await self.feed(line, sink)
        finally:
            self._closed.set()

    async def feed(self, line: str, sink: EventSink) -> None:
        """Turn one typed line into an event and hand it to the engine."""
        name, sep, rest = line.partition(":")
        if sep and name and len(name) <= 40 and not name.startswith("/"):
            self._speaker, line = name.strip(), rest.strip()
        who = _member(self._speaker)
        if line.startswith("/"):
            await self._command(line, who, sink)
            return
        number = next(self._numbers)
        message = Message(ref=MessageRef(self.chat, str(number), who), sender=who, text=line,
                          links=find_links(line))
        self._messages[number] = message
        if self._echo:
            self.console.print(f"[dim]#{number}[/] [bold]{escape(who.label)}[/]: {escape(line)}")
        await sink(message)

    async def _command(self, line: str, who: MemberRef, sink: EventSink) -> None:
        word, _, args = line.partition(" ")
        parts = args.split(maxsplit=1)
        if word == "/report" and parts and parts[0].isdigit():
            reported = self._messages.get(int(parts[0]))
            if reported is None:
                self.console.print(f"[red]No message #{parts[0]}[/]")
                return
            self.console.print("[dim](report sent to the moderators; your name is not shown)[/]")
            await sink(Flag(reported.ref, FlagSource.MEMBER,
                            reason=parts[1] if len(parts) > 1 else "", reporter=who,
                            reported=reported))
        elif word == "/mod" and len(parts) == 2 and parts[0].isdigit() \
                and parts[1] in ReviewChoice.__members__.values():
            outcome = await sink(ModeratorDecision(int(parts[0]), ReviewChoice(parts[1]), who))
            refused = getattr(outcome, "refused", "")
            if refused:
                self.console.print(f"[red]Refused: {escape(refused)}[/]")
        else:
            self.console.print(HELP)

    # -- actions ------------------------------------------------------------------------

    def _show(self, icon: str, text: str) -> None:
        self.console.print(f"  {icon} {text}")

    async def delete_message(self, message: MessageRef) -> None:
        self._show("🗑 ", f"[yellow]message #{message.id} deleted[/]")

    async def remove_member(self, chat: ChatRef, member: MemberRef, *, ban: bool = False,
                            reason: str = "") -> None:
        self._show("🚪", f"[red]{escape(member.label)} removed from the group[/]")

    async def mute_member(self, chat: ChatRef, member: MemberRef, until: dt.datetime) -> None:
        self._show("🔇", f"{escape(member.label)} muted until {until:%H:%M}")

    async def send_to_chat(self, chat: ChatRef, text: str, *,
                           reply_to: MessageRef | None = None) -> None:
        self._show("📣", f"[cyan]to the group:[/] {escape(text)}")

    async def send_private(self, member: MemberRef, text: str, *, chat: ChatRef) -> None:
        self._show("✉ ", f"[green]privately to {escape(member.label)}:[/] {escape(text)}")

    async def notify_moderators(self, chat: ChatRef, review: ReviewRequest) -> None:
        card = escape(review.render_text()).replace("\n", "\n     ")
        self._show("🛡 ", f"[magenta]to the moderators:[/] {card}\n     "
                   f"(answer with /mod {review.incident_id} CHOICE)")

    async def is_moderator(self, chat: ChatRef, member: MemberRef) -> bool:
        return member.id in self.moderators
