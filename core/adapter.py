"""What a platform author needs, in one place: the small async protocol every platform adapter
implements, and the registry types a platform package or an export reader uses.

An adapter turns its SDK's objects into our events (converters kept at the edge) and performs
the actions the engine decides. An action the platform cannot do raises `UnsupportedAction`;
the engine then asks a human moderator instead of silently doing nothing.

A platform package implements the hook ``civility_platforms`` (returning `PlatformSpec`s: the
config table, its reader through `Table`, the adapter factory) and names its module by an
entry point of the group ``civility``; an export reader implements ``civility_readers``
(returning `ReaderSpec`s). Both hooks are marked with `civility.hookimpl`. The events are in
`civility.events`, the moderation vocabulary in `civility.moderation`, and an export reader's
`Skipped` in `civility.scan`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import traceback
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import structlog

from civility._memo import Recent, TtlCache, WarnOnce
from civility._platforms import PlatformSpec
from civility._readers import JsonShapeError, ReaderOption, ReaderSpec, json_items
from civility._tables import ConfigError, Secret, Table
from civility.events import ChatRef, Event, MemberRef, MessageRef, ReviewChoice
from civility.verdicts import Decision, Outcome, Severity, Step, Verdict

if TYPE_CHECKING:
    from civility.config import Mode
    from civility.engine import Engine

__all__ = [
    "ActionFailed",
    "Backoff",
    "BaseAdapter",
    "ConfigError",
    "EventSink",
    "JsonShapeError",
    "PlatformSpec",
    "ReaderOption",
    "ReaderSpec",
    "Recent",
    "RetryLater",
    "ReviewRequest",
    "Secret",
    "Table",
    "TtlCache",
    "UnsupportedAction",
    "WarnOnce",
    "durable",
    "failure",
    "json_items",
]
log = structlog.get_logger()

#: Where `BaseAdapter.send_welcome` sent a welcome (``Outcome.done`` says it).
WELCOMED = "welcome"
WELCOMED_IN_GROUP = "welcome (in group)"

#: What an adapter hands events to: ``Engine.handle``, which returns once the event is handled.
EventSink = Callable[[Event], Awaitable[Outcome]]


class UnsupportedAction(Exception):
    """This platform (or this adapter's rights in this chat) cannot do that action."""

    def __init__(self, platform: str, action: str, why: str = "") -> None:
        self.platform, self.action, self.why = platform, action, why
        super().__init__(f"{platform} cannot {action}" + (f": {why}" if why else ""))


class ActionFailed(Exception):
    """The platform refused or failed an action it normally supports (no rights, gone, ...)."""


class RetryLater(Exception):
    """The engine could not record an event durably (``Outcome.retry``: the store is down).

    Nothing was done on the platform. The adapter must not acknowledge the event (no offset,
    sync token or webhook 2xx past it), so that it is delivered, and handled, again."""


def durable(outcome: Outcome) -> Outcome:
    """``outcome`` when its event is durably recorded; otherwise raise `RetryLater`."""
    if outcome.retry:
        raise RetryLater("the event was not durably recorded")
    return outcome


def failure(exc: BaseException) -> dict[str, str]:
    """What a log line may say about an error: its type and where it was raised, never its
    message (which may quote a member's message or a bound SQL parameter)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return {"error": type(exc).__name__, "where": where}


class Backoff:
    """Waits that double after each failure up to a ceiling and start over after a success."""

    def __init__(self, first: float = 1.0, ceiling: float = 30.0) -> None:
        self.first, self.ceiling = first, ceiling
        self._next = first

    def next(self) -> float:
        """The wait before the next attempt (and double the one after it)."""
        wait = self._next
        self._next = min(self._next * 2, self.ceiling)
        return wait

    def reset(self) -> None:
        self._next = self.first


@attrs.frozen
class ReviewRequest:
    """What moderators are asked to decide. Never carries who reported a message."""

    incident_id: int
    chat: ChatRef
    message: MessageRef | None
    member: MemberRef | None
    #: A short excerpt of the message (the full text stays in the store for the retention period).
    excerpt: str
    decision: Decision
    #: Why: one line per verdict, or the reporter's reason (without the reporter).
    reasons: tuple[str, ...]
    source: str  # "rule", "member", "platform"
    choices: tuple[ReviewChoice, ...] = tuple(ReviewChoice)
    #: Steps that could not be done automatically and are recommended to a human instead.
    recommended: tuple[str, ...] = ()
    advise_mode: bool = False

    def render_text(self) -> str:
        """A plain-text review card in words a parent volunteer understands (no rule ids,
        detector names or patterns: those stay in the record); adapters add buttons or
        reply instructions."""
        who = self.member.label if self.member else "someone"
        head = {"member": "A member reported a message", "platform": "A message was reported",
                "rule": "The code of conduct flagged a message",
                "appeal": "APPEAL: a member asks the moderators to look again at a decision",
                }.get(self.source, "Review needed")
        if Step.HOLD in self.decision.steps and self.source == "rule":
            head = "A new member's message is held for you"
        lines = [f"{head} in {self.chat.title or self.chat.id} (incident #{self.incident_id})",
                 f"From: {who}", f'Message: "{self.excerpt}"']
        technical = {v.explain() for v in self.decision.verdicts}
        lines += [f"Why: {r}" for r in self.reasons if r not in technical]
        lines += [f"Why: {_plain_why(v)}" for v in self.decision.verdicts]
        if Step.HOLD in self.decision.steps:
            lines.append(f"Held pending acknowledgement: {who} is new and has not yet agreed to "
                         "the code of conduct, so the message was taken down until a moderator "
                         "looks. Keep puts it back up in the group; or decide as usual.")
        done = [s.label for s in self.decision.steps if s not in (Step.REVIEW, Step.HOLD)]
        if done:  # in advise mode nothing was: it is what live mode would have done
            lines.append(("Live mode would have done: " if self.advise_mode else "Done: ")
                         + ", ".join(done))
        if self.decision.pending:
            lines.append("Waiting for you: " + ", ".join(s.label for s in self.decision.pending))
        lines += [f"Please do by hand: {r}" for r in self.recommended]
        if self.advise_mode:
            lines.append("(advise mode: Civility has not acted on the group)")
        lines.append("Answer: " + " / ".join(_CHOICE_WORDS.get(c, c.value) for c in self.choices))
        return "\n".join(lines)


_CHOICE_WORDS = {ReviewChoice.KEEP: "keep (no breach)",
                 ReviewChoice.REPORT: "report (to the school)"}
_SURE = ((0.85, "very likely"), (0.6, "likely"), (0.0, "possibly"))
_HOW_SERIOUS = {Severity.LOW: "minor", Severity.MEDIUM: "moderate", Severity.HIGH: "serious",
                Severity.SEVERE: "very serious"}


def _plain_why(verdict: Verdict) -> str:
    """The clause broken, the words that showed it, how serious and how sure."""
    words: list[str] = []
    for evidence in verdict.evidence:
        match = evidence.match.strip()
        if match and match not in words:
            words.append(match if len(match) <= 40 else match[:39] + "…")
    found = ", ".join(f'"{w}"' for w in words[:3])
    sure = next(label for floor, label in _SURE if verdict.confidence >= floor)
    return (f"{verdict.clause}" + (f" Found: {found}." if found else "")
            + f" ({_HOW_SERIOUS.get(verdict.severity, verdict.severity.label)}, {sure})")


class BaseAdapter:
    """Defaults for every action: unsupported. Subclasses override what their platform does."""

    platform = "base"

    def attach(self, engine: Engine) -> None:
        """Called when the adapter is added to an engine: room to keep what commands such as
        /rules and /incidents need (``engine.rules``, ``engine.store``). Default: nothing."""

    async def start(self, sink: EventSink) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        return None

    async def wait_closed(self) -> None:
        """Return when the adapter has nothing more to give (console at end of input);
        network adapters run until stopped."""
        await asyncio.Event().wait()

    def chat_policies(self) -> Mapping[str, Sequence[str]]:
        """Chat key → policy plugins, for chats whose config names their own policies."""
        return {}

    def chat_modes(self) -> Mapping[str, Mode]:
        """Chat key → mode, for chats whose config sets their own (``mode = "advise"``)."""
        return {}

    def _no(self, action: str) -> UnsupportedAction:
        return UnsupportedAction(self.platform, action)

    async def delete_message(self, message: MessageRef) -> None:
        raise self._no("delete a message")

    async def remove_member(self, chat: ChatRef, member: MemberRef, *, ban: bool = False,
                            reason: str = "") -> None:
        raise self._no("remove a member")

    async def mute_member(self, chat: ChatRef, member: MemberRef, until: dt.datetime) -> None:
        raise self._no("mute a member")

    async def send_to_chat(self, chat: ChatRef, text: str, *,
                           reply_to: MessageRef | None = None) -> None:
        raise self._no("post in the group")

    async def send_private(self, member: MemberRef, text: str, *, chat: ChatRef) -> None:
        """Send a private notice. Raise `UnsupportedAction` when the member cannot be reached
        privately (for example never started the bot); the engine then posts a short,
        non-shaming note in the group instead."""
        raise self._no("message a member privately")

    async def send_welcome(self, chat: ChatRef, member: MemberRef, text: str, *,
                           ask_to_agree: bool = False) -> str:
        """Welcome a new member privately where possible, otherwise with one note in the
        group; return where it went (`WELCOMED` or `WELCOMED_IN_GROUP`). With
        ``ask_to_agree`` the text already asks them to agree to the code of conduct (by
        sending "I agree" in the group); a platform with buttons may add one that emits
        `Acknowledged`. Raises when neither way worked."""
        try:
            await self.send_private(member, text, chat=chat)
            return WELCOMED
        except UnsupportedAction:
            pass  # never wrote to the bot, or no private messages here: the group note instead
        except Exception as exc:
            log.warning("welcome_private_failed", **failure(exc))
        await self.send_to_chat(chat, text)
        return WELCOMED_IN_GROUP

    async def notify_moderators(self, chat: ChatRef, review: ReviewRequest) -> None:
        raise self._no("notify moderators")

    async def is_moderator(self, chat: ChatRef, member: MemberRef) -> bool:
        return False

    # -- the school (issue 14): the weekly digest -----------------------------------------

    def moderators_chats(self) -> Mapping[str, Sequence[str]]:
        """Each moderators' chat this adapter posts to → the ids of the groups it looks
        after (the weekly digest covers those groups). Default: none, so no digest."""
        return {}

    async def send_to_moderators(self, moderators_chat: str, text: str) -> None:
        """Post plain text (the weekly digest: counts and case numbers, no names) in a
        moderators' chat named by `moderators_chats`."""
        raise self._no("post in the moderators' chat")

    # -- the school (issue 14): one record per parent across the school's groups ----------

    def school_groups(self) -> Sequence[ChatRef]:
        """The school's groups this adapter moderates (configured), for carrying a removal
        to all of them. Default: none."""
        return ()

    async def can_remove(self, chat: ChatRef, member: MemberRef) -> bool:
        """Whether Civility could remove ``member`` from ``chat`` now: it is an admin allowed
        to remove members there, and the member is in the group. When unsure: False."""
        return False
    async def moderator_count(self, chat: ChatRef) -> int | None:
        """How many people moderate the group (None: the platform cannot say). An appeal or
        a choice needing a second moderator waits for another one only when there is one."""
        return None

    async def readmit_member(self, chat: ChatRef, member: MemberRef) -> None:
        """Let a removed member back in (lift a ban, invite them again)."""
        raise self._no("readmit a member")
