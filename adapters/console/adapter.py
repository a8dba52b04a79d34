"""A terminal group chat: type ``Name: message`` to speak as a member and watch the engine.

Who speaks: every line names its speaker (``Aisha: hello``). A line without a name is not
posted (it is never given to whoever spoke last), except ``/mod``, which speaks as the first
configured moderator, and ``/help``.

Commands: ``Name: /join`` joins the group as a new member (the welcome, and the
acknowledgement gate where it is on: ``Name: I agree`` agrees); ``Name: /report N [reason]``
reports message N anonymously; ``/mod INCIDENT CHOICE [note]`` answers a review card (keep,
delete, caution, remove, report) or works on the case (close, note TEXT, readmit);
``Name: /appeal [why]`` is a member's answer to a private notice (an appeal of the decision);
``/help``. Message
numbers carry on from the incidents already in the store, so ``/report N`` never meets an
incident of an earlier session.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import IO, TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from civility import moderation
from civility._gate import AGREED
from civility._wording import step_label
from civility.adapter import BaseAdapter, EventSink, ReviewRequest
from civility.config import Mode
from civility.events import (
    ChatRef,
    Flag,
    FlagSource,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    ModeratorDecision,
    ReviewChoice,
)
from civility.links import find_links
from civility.moderation import choice_of
from civility.verdicts import Outcome

if TYPE_CHECKING:
    from civility.engine import Engine

PLATFORM = "console"
CHOICES = ", ".join(c.value for c in ReviewChoice)
CASE_WORDS = ", ".join(c.word for c in moderation.CASE_WORDS)
HELP = ("Start each line with who speaks: [bold]Aisha: hello[/]. "
        "[bold]Name: /join[/] joins the group as a new member; "
        "[bold]Name: /report N reason[/] reports message #N anonymously; "
        f"[bold]/mod INCIDENT CHOICE [note][/] answers a moderator card ({CHOICES}) or works "
        f"on the case ({CASE_WORDS}); [bold]Name: /appeal why[/] appeals a decision you were "
        "told of privately; [bold]/help[/]. End with Ctrl-D (or Ctrl-C).")

DEMO = (
    "Aisha: Reminder: PE is on Tuesday this half term, don't forget trainers",
    "Bilal: Thanks Aisha! Does anyone know if the museum trip needs a packed lunch?",
    "Chris: this school is a f*cking joke, the teachers are useless idiots",
    "Dana: Great deals on phone cases at www.cheapcases-shop.com use my code DANA10",
    "Chris: honestly you lot are pathetic, shut up",
    "Eve: here we go again, Bilal knows best as usual",  # sarcasm the model leaves to parents
    "Aisha: /report 6 unkind to Bilal",
    "Bilal: /mod 3 remove",
    "Moderator: /mod 3 remove",
    "Chris: why was my message deleted",
    "/mod 4 keep",
)


def _member(name: str) -> MemberRef:
    return MemberRef(PLATFORM, name.strip().lower().replace(" ", "-"), name.strip())


def split_speaker(line: str) -> tuple[str | None, str]:
    """``("Aisha", "hello")`` for ``Aisha: hello``; ``(None, line)`` when no name leads."""
    name, sep, rest = line.partition(":")
    name = name.strip()
    if (sep and name and len(name) <= 40 and "/" not in name
            and not rest.startswith("//")):  # "https://..." is not a speaker
        return name, rest.strip()
    return None, line.strip()


class ConsoleAdapter(BaseAdapter):
    platform = PLATFORM

    def __init__(self, *, moderators: Iterable[str] = ("Moderator",),
                 group: str = "Year 3 parents", lines: Iterable[str] | None = None,
                 out: IO[str] | None = None, echo: bool | None = None,
                 stdin: IO[str] | None = None, policy: Iterable[str] = (),
                 mode: Mode | None = None) -> None:
        names = [m.strip() for m in moderators if m.strip()] or ["Moderator"]
        #: The group's own policies and mode (``[console] policy``, ``mode``), if any.
        self.policy = tuple(policy)
        self.mode = mode
        self.moderators = {_member(m).id for m in names}
        #: Who ``/mod`` speaks as when the line names nobody.
        self.moderator = _member(names[0])
        self.chat = ChatRef(PLATFORM, "group", group)
        self.console = Console(file=out or sys.stdout, highlight=False, soft_wrap=True)
        self._lines: Iterator[str] | None = iter(lines) if lines is not None else None
        self._stdin = stdin
        # Scripted or piped lines are not on the screen already: show them with their number.
        self._echo = echo if echo is not None else (lines is not None or not _is_tty(stdin))
        self._messages: dict[int, Message] = {}
        self._last_number = 0
        self._removed: set[str] = set()
        self._engine: Engine | None = None
        self._current: int | None = None  # the message being handled (for the #N header)
        self._headed = False
        self._task: asyncio.Task[None] | None = None
        self._closed = asyncio.Event()

    def attach(self, engine: Engine) -> None:
        self._engine = engine

    def chat_policies(self) -> Mapping[str, Sequence[str]]:
        return {self.chat.key: self.policy} if self.policy else {}

    def chat_modes(self) -> Mapping[str, Mode]:
        return {self.chat.key: self.mode} if self.mode else {}

    async def start(self, sink: EventSink) -> None:
        await self._continue_numbering()
        self.console.print(f"[bold]{escape(self.chat.title)}[/] — a local group chat. {HELP}")
        self._task = asyncio.create_task(self._read(sink))

    async def _continue_numbering(self) -> None:
        """Start after the highest message number this chat has in the store."""
        if self._engine is None:
            return
        records = await self._engine.store.incidents(chat_key=self.chat.key, limit=10**9)
        self._last_number = max((int(r.message_id) for r in records
                                 if r.message_id.isdigit()), default=0)

    async def stop(self) -> None:
        if self._task and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._closed.set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def _typed_lines(self) -> asyncio.Queue[str | None]:
        """Lines from standard input, read by a daemon thread: a blocked read never holds
        up the end of the program (Ctrl-C ends the console at once)."""
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        loop = asyncio.get_running_loop()
        stream = self._stdin or sys.stdin

        def put(line: str | None) -> bool:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, line)
            except RuntimeError:  # the loop is gone: the program is ending
                return False
            return True

        def read() -> None:
            try:
                while line := stream.readline():
                    if not put(line):
                        return
            except (OSError, ValueError):  # stdin closed under us
                pass
            put(None)

        threading.Thread(target=read, name="console-stdin", daemon=True).start()
        return queue

    async def _read(self, sink: EventSink) -> None:
        try:
            if self._lines is not None:
                for scripted in self._lines:
                    await self._handle_line(scripted, sink)
                return
            queue = await self._typed_lines()
            while (typed := await queue.get()) is not None:
                await self._handle_line(typed, sink)
        finally:
            self._closed.set()

    async def _handle_line(self, line: str, sink: EventSink) -> None:
        line = line.strip()
        if line:
            await self.feed(line, sink)

    async def feed(self, line: str, sink: EventSink) -> None:
        """Turn one typed line into an event and hand it to the engine."""
        name, text = split_speaker(line)
        if name is None:
            if text.startswith("/mod") or text.startswith("/help"):
                await self._command(text, self.moderator, sink, line)
            else:
                self.console.print("[yellow]Who is speaking? Start the line with a name, "
                                   "e.g. [bold]Aisha: hello[/] (not posted).[/]")
            return
        who = _member(name)
        if not text:
            return
        if text.startswith("/"):
            await self._command(text, who, sink, line)
            return
        if who.id in self._removed:
            self.console.print(f"[red]{escape(who.label)} was removed from the group and "
                               "cannot post here.[/]")
            return
        self._last_number += 1
        number = self._last_number
        message = Message(ref=MessageRef(self.chat, str(number), who), sender=who, text=text,
                          links=find_links(text))
        self._messages[number] = message
        if self._echo:
            self.console.print(f"[dim]#{number}[/] [bold]{escape(who.label)}[/]: {escape(text)}")
        self._current, self._headed = number, self._echo
        try:
            outcome = await sink(message)
            if AGREED in outcome.done:
                self._show("✅", f"{escape(who.label)} agreed to the code of conduct")
        finally:
            if not self._headed:  # nothing happened: a quiet acknowledgement
                self.console.print(f"[dim]  #{number} ✓[/]")
            self._current = None

    async def _command(self, text: str, who: MemberRef, sink: EventSink, line: str) -> None:
        word, _, args = text.partition(" ")
        parts = args.split(maxsplit=2)
        if self._echo and self._lines is not None:
            self.console.print(f"[dim]>[/] {escape(line)}")
        if word == "/join":
            await self._join(who, sink)
        elif word == "/report":
            await self._report(parts, who, sink)
        elif word == "/mod":
            await self._moderate(parts, who, sink)
        elif word == "/" + moderation.APPEAL_WORD:
            async def tell(text: str) -> None:
                self.console.print(f"[green]privately to {escape(who.label)}:[/] {escape(text)}")

            await moderation.member_appeal(sink, tell, member=who, text=text)
        else:
            self.console.print(HELP)

    async def _join(self, who: MemberRef, sink: EventSink) -> None:
        self._removed.discard(who.id)  # a removed member the school invited back
        self.console.print(f"[dim]{escape(who.label)} joined the group[/]")
        await sink(MemberJoined(self.chat, who))

    async def _report(self, parts: list[str], who: MemberRef, sink: EventSink) -> None:
        if not parts or not parts[0].isdigit():
            self.console.print("[yellow]Report a message by its number: "
                               "[bold]Name: /report N reason[/][/]")
            return
        if who.id in self._removed:
            self.console.print(f"[red]{escape(who.label)} was removed from the group.[/]")
            return
        reported = self._messages.get(int(parts[0]))
        if reported is None:
            self.console.print(f"[red]No message #{parts[0]} in this chat session.[/]")
            return
        reason = " ".join(parts[1:])
        outcome = await sink(Flag(reported.ref, FlagSource.MEMBER, reason=reason, reporter=who,
                                  reported=reported))
        self.console.print(report_answer(outcome))

    async def _moderate(self, parts: list[str], who: MemberRef, sink: EventSink) -> None:
        if len(parts) < 2 or not parts[0].isdigit():
            self.console.print(f"[yellow]Answer a card with [bold]/mod INCIDENT CHOICE "
                               f"[note][/] (choices: {CHOICES}).[/]")
            return
        # The one moderation vocabulary: the same words (and aliases: warn, kick, dismiss,
        # escalate ...) as on every platform, and the case's words (close, note, readmit).
        if moderation.case_word_of(parts[1]) is not None:
            answer = moderation.parse_choice(f"/mod {' '.join(parts)}")

            async def reply(text: str) -> None:
                self.console.print(f"[green]{escape(text)}[/]")

            await moderation.card_answer(sink, reply, moderator=who, answer=answer,
                                         incident=int(parts[0]))
            return
        choice = choice_of(parts[1])
        if choice is None:
            self.console.print(f"[red]No choice {escape(parts[1])!r}: use one of "
                               f"{CHOICES}.[/]")
            return
        note = parts[2] if len(parts) > 2 else ""
        outcome = await sink(ModeratorDecision(int(parts[0]), choice, who, note=note))
        self.console.print(decision_answer(int(parts[0]), choice, who, outcome))

    # -- actions ------------------------------------------------------------------------

    def _show(self, icon: str, text: str) -> None:
        if self._current is not None and not self._headed:
            self.console.print(f"[dim]  #{self._current}[/]")
        self._headed = True
        self.console.print(f"  {icon} {text}")

    async def delete_message(self, message: MessageRef) -> None:
        self._show("🗑 ", f"[yellow]message #{message.id} deleted[/]")

    async def remove_member(self, chat: ChatRef, member: MemberRef, *, ban: bool = False,
                            reason: str = "") -> None:
        self._removed.add(member.id)
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

    #: The console's moderators' chat is the screen's "to the moderators" lines.
    MODERATORS_CHAT = "moderators"

    def moderators_chats(self) -> dict[str, tuple[str, ...]]:
        return {self.MODERATORS_CHAT: (self.chat.id,)}

    async def send_to_moderators(self, moderators_chat: str, text: str) -> None:
        shown = escape(text.rstrip("\n")).replace("\n", "\n     ")
        self.console.print(f"  🛡  [magenta]to the moderators:[/] {shown}")
    async def moderator_count(self, chat: ChatRef) -> int | None:
        return len(self.moderators)

    async def readmit_member(self, chat: ChatRef, member: MemberRef) -> None:
        self._removed.discard(member.id)
        self._show("🚪", f"[green]{escape(member.label)} may post in the group again[/]")


def _is_tty(stream: IO[str] | None) -> bool:
    stream = stream or sys.stdin
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def report_answer(outcome: Outcome) -> str:
    """What the reporter is told: exactly what the engine says happened, nothing more."""
    number = f" #{outcome.incident_id}" if outcome.incident_id is not None else ""
    if outcome.retry or outcome.error:
        return ("[red]Your report could not be recorded; nothing was sent. "
                "Please try again.[/]")
    if "review" in outcome.done:
        return (f"[green]Report sent to the moderators (incident{number}). "
                "Your name is not shown to anyone.[/]")
    raised = [d for d in outcome.done if "priority" in d or "already" in d]
    if raised:
        return (f"[green]The moderators already have this message (incident{number}): "
                f"{escape(raised[0])}. Your name is not shown to anyone.[/]")
    why = "; ".join(outcome.failed) or "no moderator card was sent"
    return f"[red]Your report did not reach the moderators ({escape(why)}).[/]"


def decision_answer(incident: int, choice: ReviewChoice, moderator: MemberRef,
                    outcome: Outcome) -> str:
    """What a moderator's answer did, in words."""
    if moderation.WAITS in outcome.refused:
        return (f"[yellow]Incident #{incident}: {escape(moderator.label)} chose {choice.value}, "
                f"recorded; it {escape(outcome.refused)}.[/]")
    if outcome.refused:
        return f"[red]Refused for {escape(moderator.label)}: {escape(outcome.refused)}.[/]"
    if outcome.error or outcome.retry:
        return f"[red]Incident #{incident}: not done ({escape(outcome.error or 'store down')}).[/]"
    if choice is ReviewChoice.KEEP and "repost" in outcome.done:
        lines = [f"[green]Incident #{incident} closed by {escape(moderator.label)}: the held "
                 "message is back up in the group.[/]"]
    elif choice is ReviewChoice.KEEP:
        lines = [f"[green]Incident #{incident} closed by {escape(moderator.label)}: "
                 "the message stays, nothing more is done.[/]"]
    else:
        done = ", ".join(step_label(d) for d in outcome.done) or "nothing needed doing"
        lines = [f"[green]Incident #{incident} decided by {escape(moderator.label)} "
                 f"({choice.value}): {escape(done)}.[/]"]
    lines += [f"[yellow]  Please do by hand: {escape(r)}[/]" for r in outcome.recommended]
    return "\n".join(lines)
