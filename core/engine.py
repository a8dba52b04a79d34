"""The engine: events in from any adapter, policies run, the ladder decides, actions go out.

Each chat's events are handled in order by one worker; different chats run concurrently. A
failing plugin or action is logged and contained: one bad message never stops the rest.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence

import attrs
import structlog

from civility._actions import Actor
from civility._hooks import Hooks
from civility._reports import IncidentReporter
from civility.adapter import BaseAdapter, UnsupportedAction
from civility.config import Config, Mode
from civility.context import PolicyContext, RecentPost
from civility.events import (
    ChatRef,
    Event,
    Flag,
    FlagSource,
    MemberJoined,
    MemberRef,
    Message,
    ModeratorDecision,
    Removal,
    event_chat,
)
from civility.store import NewIncident, Store
from civility.verdicts import Decision, Outcome, Rule, Step, Verdict

log = structlog.get_logger()

RECENT_WINDOW = 20


_NOTHING = Outcome()


class Engine:
    def __init__(self, config: Config, hooks: Hooks, store: Store, *,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.config = config
        self.hooks = hooks
        self.store = store
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.adapters: dict[str, BaseAdapter] = {}
        self.rules: dict[str, Rule] = {r.id: r for r in hooks.rules()}
        self.reporter = IncidentReporter(config)
        self.actor = Actor(self)
        self._policies: dict[str, tuple[str, ...]] = {}
        self._recent: defaultdict[str, deque[RecentPost]] = defaultdict(
            lambda: deque(maxlen=RECENT_WINDOW))
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._inflight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._purger: asyncio.Task[None] | None = None
        self._salt = ""

    # -- set-up -------------------------------------------------------------------------

    def add_adapter(self, adapter: BaseAdapter) -> None:
        self.adapters[adapter.platform] = adapter
        adapter.attach(self)

    def set_policies(self, chat_key: str, plugins: Iterable[str]) -> None:
        """Run these policy plugins in this chat instead of the configured default."""
        self._policies[chat_key] = tuple(plugins)

    def policies_for(self, chat: ChatRef) -> tuple[str, ...]:
        chosen = self._policies.get(chat.key, self.config.plugins)
        # The built-in safety guards run beside the school's policy unless the school said no.
        if "safety" in chosen or self.config.plugin_settings.get("safety", {}).get(
                "enabled", True) is False:
            return chosen
        return (*chosen, "safety")

    async def start(self, *, adapters: bool = True) -> None:
        await self.store.open()
        self._salt = await self.store.reporter_salt()
        self._purger = asyncio.create_task(self._purge_forever())
        if adapters:
            for adapter in self.adapters.values():
                await adapter.start(self.handle)

    async def stop(self) -> None:
        for adapter in self.adapters.values():
            try:
                await adapter.stop()
            except Exception as exc:
                log.error("adapter_stop_failed", platform=adapter.platform, error=repr(exc))
        await self.drain()
        if self._purger is not None:
            self._purger.cancel()
            await asyncio.gather(self._purger, return_exceptions=True)
            self._purger = None
        await self.store.close()

    # -- intake -------------------------------------------------------------------------

    async def handle(self, event: Event) -> Outcome:
        """Handle an event after its chat's earlier events, and return what happened.

        Adapters call this, so they can acknowledge an update only once it is done. A lock per
        chat keeps each chat in order (asyncio locks wake waiters first come, first served);
        events of different chats, handed in by different tasks, run concurrently."""
        chat = event_chat(event)
        lock = self._locks[chat.key if chat else ""]
        self._inflight += 1
        self._idle.clear()
        try:
            async with lock:
                return await self.process(event)
        finally:
            self._inflight -= 1
            if not self._inflight:
                self._idle.set()

    async def drain(self) -> None:
        """Wait until every event handed in so far has been handled."""
        await self._idle.wait()

    async def process(self, event: Event) -> Outcome:
        """Handle one event now. Never raises: a failure becomes ``Outcome.error``."""
        chat = event_chat(event)
        structlog.contextvars.bind_contextvars(
            platform=chat.platform if chat else "", chat=chat.id if chat else "",
            message=event.ref.id if isinstance(event, Message) else "")
        try:
            if isinstance(event, Message):
                return await self.on_message(event)
            if isinstance(event, Flag):
                return await self.on_flag(event)
            if isinstance(event, ModeratorDecision):
                return await self.actor.moderator_decision(event)
            if isinstance(event, Removal):
                return await self.on_removal(event)
            return await self.on_member_joined(event)
        except Exception as exc:  # contain it: the next event must still be handled
            log.exception("event_failed", event=type(event).__name__)
            return Outcome(error=repr(exc))
        finally:
            structlog.contextvars.clear_contextvars()

    # -- policy -------------------------------------------------------------------------

    def context(self, chat: ChatRef, *, recent: Sequence[RecentPost] = (),
                points: float = 0.0) -> PolicyContext:
        return PolicyContext(school=self.config.school, chat=chat, recent=recent, points=points,
                             mode=self.config.mode, ladder=self.config.ladder,
                             settings=self.config.plugin_settings)

    async def judge(self, message: Message) -> tuple[list[Verdict], PolicyContext]:
        """Run the chat's policies on a message and remember it in the chat's recent window."""
        recent = self._recent[message.chat.key]
        context = self.context(message.chat, recent=tuple(recent))
        verdicts = await self.hooks.judge_message(message, context,
                                                  only=self.policies_for(message.chat))
        recent.append(RecentPost(message.sender, message.time, message.reply_to_sender))
        return verdicts, context

    async def decide(self, message: Message, verdicts: Sequence[Verdict],
                     context: PolicyContext) -> Decision:
        points = await self.store.points(message.sender.key, message.time,
                                         self.config.ladder.half_life_days)
        return self.hooks.decide(message, verdicts, attrs.evolve(context, points=points))

    async def on_message(self, message: Message) -> Outcome:
        started = time.perf_counter()
        verdicts, context = await self.judge(message)
        if not verdicts:
            return _NOTHING
        decision = await self.decide(message, verdicts, context)
        if not (decision.steps or decision.pending):
            return Outcome(decision=decision)
        taken = await self.actor.take_down(message, decision)
        incident_id = await self.record(message, decision, source="rule")
        gained = decision.points_after - decision.points_before
        if gained > 0:
            await self.store.add_strike(message.sender.key, message.chat.key, gained,
                                        message.time, incident_id)
        self.hooks.on_flag(Flag(message.ref, FlagSource.RULE, reason=", ".join(decision.rule_ids),
                                time=message.time, reported=message), context)
        outcome = await self.actor.carry_out(message, decision, incident_id, context, taken)
        log.info("decision", rules=list(decision.rule_ids), action=decision.action,
                 incident=incident_id, done=list(outcome.done),
                 recommended=list(outcome.recommended), failed=list(outcome.failed),
                 ms=round((time.perf_counter() - started) * 1000, 3))
        return outcome

    async def record(self, message: Message, decision: Decision, *, source: str,
                     reasons: Sequence[str] = (), reporter_hash: str | None = None) -> int:
        return await self.store.record_incident(NewIncident(
            time=message.time, platform=message.platform, chat_id=message.chat.id,
            chat_title=message.chat.title, message_id=message.ref.id,
            member_id=message.sender.id, member_name=message.sender.display_name,
            rule_ids=decision.rule_ids, action=decision.action,
            steps=tuple(s.value for s in decision.steps),
            pending=tuple(s.value for s in decision.pending), source=source,
            text=message.all_text,
            reasons=tuple(reasons) or tuple(v.explain() for v in decision.verdicts),
            reporter_hash=reporter_hash,
        ))

    # -- reports, removals --------------------------------------------------------------

    def reporter_hash(self, flag: Flag) -> str | None:
        if flag.reporter is None:
            return None
        return hashlib.sha256(f"{self._salt}:{flag.reporter.key}".encode()).hexdigest()[:32]

    async def on_flag(self, flag: Flag) -> Outcome:
        """A member (or the platform) reported a message: moderators review it.

        The reporter is kept only as a salted hash and never shown to anyone."""
        chat = flag.message.chat
        context = self.context(chat)
        self.hooks.on_flag(flag, context)
        existing = await self.store.incident_for_message(chat.key, flag.message.id)
        if existing is not None and existing.status == "open":
            await self.store.audit("reported_again", flag.time, chat_key=chat.key,
                                   incident_id=existing.id)
            return Outcome(incident_id=existing.id, done=("already under review",))
        verdicts: list[Verdict] = []
        message = flag.reported
        if message is not None:
            verdicts = await self.hooks.judge_message(message, context,
                                                      only=self.policies_for(chat))
        else:
            sender = flag.message.sender
            message = Message(ref=flag.message, sender=sender or _unknown(chat), time=flag.time)
        decision = Decision(steps=(Step.REVIEW,), verdicts=tuple(verdicts))
        why = f"reported by a member{': ' + flag.reason if flag.reason else ''}"
        reasons = [why, *(v.explain() for v in verdicts)]
        incident_id = await self.record(message, decision, source=flag.source.value,
                                        reasons=reasons, reporter_hash=self.reporter_hash(flag))
        return await self.actor.ask_moderators(message, decision, incident_id, reasons,
                                               source=flag.source.value)

    async def on_removal(self, removal: Removal) -> Outcome:
        self.hooks.on_remove(removal, self.context(removal.chat))
        await self.store.audit(
            f"removal_{removal.kind.value}", removal.time, chat_key=removal.chat.key,
            member_key=removal.member.key if removal.member else "",
            detail={"by_civility": removal.by_civility})
        return Outcome()

    async def on_member_joined(self, joined: MemberJoined) -> Outcome:
        """Plugins hear of the join; a policy's welcome goes to the member privately where the
        platform allows it, otherwise as one note in the group."""
        context = self.context(joined.chat)
        self.hooks.on_member_joined(joined, context)
        welcome = self.hooks.welcome(joined, context)
        adapter = self.adapters.get(joined.chat.platform)
        if not welcome or adapter is None or self.advise:
            return Outcome()
        try:
            await adapter.send_private(joined.member, welcome, chat=joined.chat)
            return Outcome(done=("welcome",))
        except UnsupportedAction:
            pass  # never wrote to the bot, or no private messages here: the group note instead
        except Exception as exc:
            log.warning("welcome_private_failed", error=repr(exc))
        try:
            await adapter.send_to_chat(joined.chat, welcome)
        except Exception as exc:  # a welcome is a nicety: never worth more than a log line
            log.warning("welcome_failed", error=repr(exc))
            return Outcome(failed=(f"welcome: {exc!r}",))
        return Outcome(done=("welcome (in group)",))

    async def _purge_forever(self) -> None:
        """Erase incident text past the retention period, at start and then hourly."""
        while True:
            try:
                cutoff = self.clock() - dt.timedelta(days=self.config.store.retention_days)
                erased = await self.store.purge_expired(cutoff)
                if erased:
                    log.info("retention_purge", texts_erased=erased)
            except Exception as exc:
                log.error("retention_purge_failed", error=repr(exc))
            await asyncio.sleep(3600)

    @property
    def advise(self) -> bool:
        return self.config.mode is Mode.ADVISE

    def rule(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)


def _unknown(chat: ChatRef) -> MemberRef:
    return MemberRef(chat.platform, "unknown", "unknown member")
