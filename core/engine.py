"""The engine: events in from any adapter, policies run, the ladder decides, actions go out.

Each chat's events are handled in order by one worker; different chats run concurrently. A
failing plugin or action is logged and contained: one bad message never stops the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
import structlog

from civility._actions import Actor, decision_detail, decision_from
from civility._appeals import Appeals
from civility._effects import AdviseEffects, Effects, Job, LiveEffects, OfflineEffects, Tools
from civility._gate import (
    AGREED,
    NOTHING_TO_AGREE,
    PLAIN_WELCOME,
    PROMPT,
    agrees,
    held,
    hold_verdict,
)
from civility._hooks import Hooks
from civility._identity import message_key, report_key
from civility._logging import error_fields
from civility._moderator import ModeratorDecisions
from civility.adapter import BaseAdapter
from civility.config import Config, Mode
from civility.context import PolicyContext, RecentPost
from civility.events import (
    Acknowledged,
    Appeal,
    CaseCommand,
    ChatRef,
    Event,
    Flag,
    FlagSource,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    ModeratorDecision,
    Removal,
    ReviewChoice,
    event_chat,
)
from civility.store import (
    Delivery,
    IncidentRecord,
    NewIncident,
    NewReport,
    Plan,
    Store,
    StoreUnavailable,
    since_clamped,
)
from civility.store.reporter_key import load_key, reporter_hash
from civility.verdicts import Decision, Outcome, Rule, Severity, Step, Verdict

log = structlog.get_logger()

RECENT_WINDOW = 20
PURGE_EVERY_SECONDS = 3600


_NOTHING = Outcome()

#: What a member's report did, as `Outcome.done` says it (adapters tell the reporter):
#: a card went to the moderators, or the case they already have was raised in priority.
REPORT_SENT = "review"
PRIORITY_RAISED = "already under review; priority raised"


class Engine:
    def __init__(self, config: Config, hooks: Hooks, store: Store, *,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.config = config
        self.hooks = hooks
        self.store = store
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.adapters: dict[str, BaseAdapter] = {}
        self.rules: dict[str, Rule] = {r.id: r for r in hooks.rules()}
        self.actor = Actor(store, self.clock)
        self._tools = Tools(notice=self.notice, clock=self.clock,
                            mute_hours=config.ladder.mute_hours, send_report=self._send_report,
                            removed=self.on_removal, group_note=self.group_note,
                            tell_once=self._tell_once)
        self.moderation = ModeratorDecisions(
            store, self.actor, adapter_for=self.adapters.get, effects_for=self.effects_for,
            context=self.context, new_incident=self.new_incident,
            confirm_for=self.confirm_for, decided=self._moderator_decided)
        self.appeals = Appeals(store, self.actor, effects_for=self.effects_for,
                               context=self.context)
        self._policies: dict[str, tuple[str, ...]] = {}
        #: Chats whose own config sets their mode (``mode = "advise"`` in a group's table).
        self._modes: dict[str, Mode] = {}
        #: Each chat's acknowledgement gate (its rule), or None: asked of the policies once.
        self._gates: dict[str, Rule | None] = {}
        #: Each chat's (no gate, policies, mode), for `pass_quietly`.
        self._quiet: dict[str, tuple[bool, tuple[str, ...], Mode, Config]] = {}
        self._recent: defaultdict[str, deque[RecentPost]] = defaultdict(
            lambda: deque(maxlen=RECENT_WINDOW))
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._inflight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._purger: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._reporter_key = b""
        #: Set by `civility scan` (no adapters, nothing done, the store thrown away after):
        #: decisions keep only what later decisions read (`_scanned`).
        self.scan_only = False
        self._scanned_details: dict[str, dict[str, Any]] = {}

    # -- set-up -------------------------------------------------------------------------

    def add_adapter(self, adapter: BaseAdapter) -> None:
        self.adapters[adapter.platform] = adapter
        for chat_key, mode in adapter.chat_modes().items():
            self.set_mode(chat_key, mode)
        adapter.attach(self)

    def set_mode(self, chat_key: str, mode: Mode) -> None:
        """Run this chat live or in advise mode, whatever ``[policy] mode`` says."""
        self._modes[chat_key] = mode
        self._quiet.clear()

    def mode_for(self, chat: ChatRef) -> Mode:
        return self._modes.get(chat.key, self.config.mode)

    def set_policies(self, chat_key: str, plugins: Iterable[str]) -> None:
        """Run these policy plugins in this chat instead of the configured default."""
        self._policies[chat_key] = tuple(plugins)
        self._quiet.clear()

    def policies_for(self, chat: ChatRef) -> tuple[str, ...]:
        chosen = self._policies.get(chat.key, self.config.plugins)
        # The built-in safety guards run beside the school's policy unless the school said no.
        if "safety" in chosen or self.config.plugin_settings.get("safety", {}).get(
                "enabled", True) is False:
            return chosen
        return (*chosen, "safety")

    async def start(self, *, adapters: bool = True) -> None:
        await self.store.open()
        # Outside the database, so the database alone cannot link a report to its reporter.
        self._reporter_key = load_key(self.store.url, self.config.source) or b""
        self._stopping.clear()
        self._purger = asyncio.create_task(self._purge_forever())
        if adapters:
            for adapter in self.adapters.values():
                await adapter.start(self.handle)

    async def stop(self) -> None:
        for adapter in self.adapters.values():
            try:
                await adapter.stop()
            except Exception as exc:
                log.error("adapter_stop_failed", platform=adapter.platform, **error_fields(exc))
        await self.drain()
        if self._purger is not None:
            self._stopping.set()
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
                return await self.moderation.handle(event)
            if isinstance(event, CaseCommand):
                return await self.moderation.case_command(event)
            if isinstance(event, Appeal):
                return await self.appeals.handle(event)
            if isinstance(event, Removal):
                return await self.on_removal(event)
            if isinstance(event, Acknowledged):
                return await self.on_acknowledged(event)
            return await self.on_member_joined(event)
        except StoreUnavailable as exc:
            # An action runs only once its record is durable, so nothing unrecorded was done:
            # the adapter leaves the event unacknowledged and it comes again.
            _quietly(log.warning, "store_unavailable", event_type=type(event).__name__,
                     **error_fields(exc), retry=True)
            return Outcome(retry=True, error=f"store unavailable: {exc}")
        except Exception as exc:  # contain it: the next event must still be handled
            fields = error_fields(exc)
            _quietly(log.error, "event_failed", event_type=type(event).__name__, **fields)
            return Outcome(error=f"{fields['error']} at {fields['where']}")
        finally:
            structlog.contextvars.clear_contextvars()

    # -- policy -------------------------------------------------------------------------

    def context(self, chat: ChatRef, *, recent: Sequence[RecentPost] = (),
                points: float = 0.0) -> PolicyContext:
        return PolicyContext(school=self.config.school, chat=chat, recent=recent, points=points,
                             mode=self.mode_for(chat), ladder=self.config.ladder,
                             settings=self.config.plugin_settings)

    async def judge(self, message: Message) -> tuple[list[Verdict], PolicyContext]:
        """Run the chat's policies on a message and remember it in the chat's recent window."""
        from civility._second_opinion import second_opinion

        recent = self._recent[message.chat.key]
        context = self.context(message.chat, recent=tuple(recent))
        policies = self.policies_for(message.chat)
        verdicts = await self.hooks.judge_message(message, context, only=policies)
        # Off unless [second_opinion] is configured; only ever asks moderators.
        verdicts = await second_opinion(self, message, verdicts, context, policies)
        recent.append(RecentPost(message.sender, message.time, message.reply_to_sender))
        return verdicts, context

    def pass_quietly(self, message: Message, context: PolicyContext,
                     policies: tuple[str, ...]) -> bool:
        """`on_message` for a message its policies, judged ahead (scan), found nothing in:
        True, with the message remembered in its chat's recent window, when that is all
        `on_message` would do, because ``context`` and ``policies`` are the ones `judge`
        would give it and no acknowledgement gate waits in the chat. False, with nothing
        changed, otherwise (the caller then gives the message to `on_message`)."""
        chat = message.chat
        key = chat.key
        config = self.config
        fixed = self._quiet.get(key)
        if fixed is None or fixed[3] is not config:
            # What every message of the chat shares, asked once (again after `set_mode`,
            # `set_policies` or a new config).
            fixed = self._quiet[key] = (self.gate_rule(chat) is None, self.policies_for(chat),
                                        self.mode_for(chat), config)
        ungated, chat_policies, mode, _ = fixed
        if not ungated or policies != chat_policies:
            return False
        recent = self._recent[key]
        # What `context()` would build, checked field by field (cheaper than building it);
        # two windows that moved on in step agree when their length and last post do.
        if not (context.school is config.school and context.settings is config.plugin_settings
                and context.ladder is config.ladder and context.mode is mode
                and context.points == 0.0 and context.incidents == 0
                and context.chat == chat and len(context.recent) == len(recent)
                and (not recent or context.recent[-1] == recent[-1])):
            return False
        recent.append(RecentPost(message.sender, message.time, message.reply_to_sender))
        return True

    async def decide(self, message: Message, verdicts: Sequence[Verdict],
                     context: PolicyContext) -> Decision:
        points = await self.store.points(message.sender.key, message.time,
                                         self.config.ladder.half_life_days)
        return self.hooks.decide(message, verdicts, attrs.evolve(context, points=points))

    async def on_message(self, message: Message) -> Outcome:
        """Judge, decide, record, then act: the decision (incident, strike, actions) is
        written in one transaction, keyed by the message's identity, before anything is done
        on the platform. A message delivered again is not decided again: only the actions
        not yet done are carried out. A member waiting behind the chat's acknowledgement gate
        either agrees ("I agree") or has the message held (`Step.HOLD`, civility._gate)."""
        started = time.perf_counter()
        gate = await self.waiting_rule(message.chat, message.sender)
        if gate is not None and agrees(message.all_text):
            return await self.on_acknowledged(Acknowledged(message.chat, message.sender,
                                                           message.time))
        verdicts, context = await self.judge(message)
        if gate is not None:  # held for moderators until they agree, breach or not
            decision = await self.decide(message, verdicts, context) if verdicts else \
                await self._no_breach(message)
            decision = held(decision, hold_verdict(gate))
        elif not verdicts:
            return _NOTHING
        else:
            decision = await self.decide(message, verdicts, context)
        if not (decision.steps or decision.pending):
            return Outcome(decision=decision)
        effects = self.effects_for(message.chat)
        if self.scan_only and isinstance(effects, OfflineEffects):
            return await self._scanned(message, decision, verdicts, context)
        gained = decision.points_after - decision.points_before
        delivery = await self.store.record_plan(Plan(
            key=message_key(message), kind="message", time=message.time,
            actions=effects.message_actions(decision),
            incident=self.new_incident(message, decision, "rule"),
            strike=max(gained, 0.0), detail=decision_detail(decision)))
        if delivery.new:
            self.hooks.on_flag(Flag(message.ref, FlagSource.RULE,
                                    reason=", ".join(decision.rule_ids), time=message.time,
                                    reported=message), context)
        else:  # delivered again: the decision is the one recorded the first time
            decision = decision_from(delivery.detail, verdicts)
        job = Job(message, decision, context, delivery.incident_id,
                  reasons=tuple(v.explain() for v in decision.verdicts), source="rule")
        outcome = await self.actor.carry_out(delivery, job, effects,
                                             audit=not isinstance(effects, OfflineEffects))
        log.info("decision", rules=list(decision.rule_ids), action=decision.action,
                 incident=delivery.incident_id, again=not delivery.new,
                 done=list(outcome.done), recommended=list(outcome.recommended),
                 failed=list(outcome.failed),
                 ms=round((time.perf_counter() - started) * 1000, 3))
        return outcome

    async def _scanned(self, message: Message, decision: Decision,
                       verdicts: Sequence[Verdict], context: PolicyContext) -> Outcome:
        """A scan's decision, keeping only what later decisions read: the member's strike
        points and the message's first decision (a message given again gets it, as the
        delivery record gives it in `on_message`). No incident is written and nothing is
        done, as `OfflineEffects` does nothing; the plugins still hear of the flag."""
        key = message_key(message)
        detail = self._scanned_details.get(key)
        if detail is not None:
            return Outcome(decision=decision_from(detail, verdicts))
        self._scanned_details[key] = decision_detail(decision)
        gained = decision.points_after - decision.points_before
        if gained > 0:
            await self.store.add_strike(f"{message.platform}:{message.sender.id}",
                                        f"{message.platform}:{message.chat.id}", gained,
                                        message.time, None)
        self.hooks.on_flag(Flag(message.ref, FlagSource.RULE,
                                reason=", ".join(decision.rule_ids), time=message.time,
                                reported=message), context)
        return Outcome(decision=decision)

    async def _no_breach(self, message: Message) -> Decision:
        points = await self.store.points(message.sender.key, message.time,
                                         self.config.ladder.half_life_days)
        return Decision(points_before=points, points_after=points)

    # -- the acknowledgement gate (civility._gate) --------------------------------------

    def gate_rule(self, chat: ChatRef) -> Rule | None:
        """The chat's acknowledgement gate, or None. Never in a chat that advises: the bot does
        not touch the group there, so it cannot hold anything."""
        if self.mode_for(chat) is Mode.ADVISE:
            return None
        if chat.key not in self._gates:
            self._gates[chat.key] = self.hooks.gate(chat, self.context(chat))
        return self._gates[chat.key]

    async def waiting_rule(self, chat: ChatRef, member: MemberRef) -> Rule | None:
        """The gate's rule when this member joined under it and has not yet agreed."""
        rule = self.gate_rule(chat)
        if rule is None:
            return None
        entry = await self.store.gate_entry(chat.key, member.key)
        return rule if entry is not None and entry.waiting else None

    async def on_acknowledged(self, agreed: Acknowledged) -> Outcome:
        """A member agreed to the code of conduct: from now on their messages stay up. A
        repeat, or a member who was never asked, changes nothing."""
        if await self.store.gate_agree(agreed.chat.key, agreed.member.key, agreed.time):
            log.info("member_agreed")
            return Outcome(done=(AGREED,))
        return Outcome(done=(NOTHING_TO_AGREE,))

    async def _tell_once(self, message: Message) -> bool:
        return await self.store.gate_tell(message.chat.key, message.sender.key)

    def new_incident(self, message: Message, decision: Decision, source: str,
                     reasons: Sequence[str] = (), reporter_hash: str | None = None
                     ) -> NewIncident:
        return NewIncident(
            time=message.time, platform=message.platform, chat_id=message.chat.id,
            chat_title=message.chat.title, message_id=message.ref.id,
            member_id=message.sender.id, member_name=message.sender.display_name,
            rule_ids=decision.rule_ids, action=decision.action,
            steps=tuple(s.value for s in decision.steps),
            pending=tuple(s.value for s in decision.pending), source=source,
            text=message.all_text,
            reasons=tuple(reasons) or tuple(v.explain() for v in decision.verdicts),
            reporter_hash=reporter_hash,
        )

    async def record(self, message: Message, decision: Decision, *, source: str,
                     reasons: Sequence[str] = (), reporter_hash: str | None = None) -> int:
        """Record an incident on its own (no delivery, no actions): for tools and tests."""
        return await self.store.record_incident(
            self.new_incident(message, decision, source, reasons, reporter_hash))

    def effects_for(self, chat: ChatRef) -> Effects:
        """What decisions may do in this chat: act (live), only ask (advise: the chat's own
        ``mode``, else ``[policy] mode``), or nothing (no adapter for its platform)."""
        adapter = self.adapters.get(chat.platform)
        if adapter is None:
            return OfflineEffects()
        if self.mode_for(chat) is Mode.ADVISE:
            return AdviseEffects(adapter)
        return LiveEffects(adapter, self._tools)

    # -- reports, removals --------------------------------------------------------------

    def reporter_hash(self, flag: Flag) -> str | None:
        if flag.reporter is None:
            return None
        return reporter_hash(self._reporter_key, flag.reporter.key)

    async def export_member(self, member_key: str) -> dict[str, Any]:
        """Everything kept about a member, the reports they made included."""
        return await self.store.export_member(
            member_key, reporter_hash=reporter_hash(self._reporter_key, member_key))

    async def erase_member(self, member_key: str) -> int:
        """Erase a member's records, the reports they made included."""
        return await self.store.erase_member(
            member_key, reporter_hash=reporter_hash(self._reporter_key, member_key))

    async def on_flag(self, flag: Flag) -> Outcome:
        """A member (or the platform) reported a message: moderators always hear of it.

        A new case gets a card; an open case without a card (say it was only nudged) gets
        one now; an open case moderators already have is raised in priority. The Outcome
        says which (see `REPORT_SENT`, `PRIORITY_RAISED`). The reporter is kept only as a
        keyed hash and never shown to anyone; a report delivered again changes nothing."""
        chat = flag.message.chat
        context = self.context(chat)
        reporter = self.reporter_hash(flag)
        key = report_key(flag, reporter)
        effects = self.effects_for(chat)
        delivery = await self.store.delivery(key)
        if delivery is None:
            delivery = await self._record_report(flag, key, reporter, context, effects)
            if delivery.new:
                self.hooks.on_flag(flag, context)
        if delivery.detail.get("priority_raised"):
            return Outcome(incident_id=delivery.incident_id, done=(PRIORITY_RAISED,))
        incident = (await self.store.incident(delivery.incident_id)
                    if delivery.incident_id else None)
        if incident is None:
            return Outcome(refused="no such incident")
        message = flag.reported or Message(
            ref=flag.message, sender=flag.message.sender or _unknown(chat), time=flag.time)
        steps = _steps(incident.steps)
        decision = Decision(steps=steps if Step.REVIEW in steps else (*steps, Step.REVIEW),
                            pending=_steps(incident.pending))
        job = Job(message, decision, context, incident.id,
                  reasons=tuple(delivery.detail.get("reasons", ())), source=flag.source.value)
        return await self.actor.carry_out(delivery, job, effects,
                                          audit=not isinstance(effects, OfflineEffects))

    async def _record_report(self, flag: Flag, key: str, reporter: str | None,
                             context: PolicyContext, effects: Effects) -> Delivery:
        chat = flag.message.chat
        report = NewReport(reporter, flag.reason, flag.time)
        existing = await self.store.incident_for_message(chat.key, flag.message.id)
        if existing is not None and flag.reported is not None \
                and existing.time != flag.reported.time:
            existing = None  # the same id, another message (a restarted console's numbers)
        if existing is not None and existing.status == "open" \
                and await self.store.card_sent(existing.id):
            delivery = await self.store.record_plan(Plan(
                key=key, kind="report", time=flag.time, incident_id=existing.id,
                report=report, raise_priority=True, detail={"priority_raised": True}))
            if delivery.new:  # for the case's timeline (a redelivery writes none)
                await self.store.audit("reported_again", flag.time, chat_key=chat.key,
                                       incident_id=existing.id)
            return delivery
        why = f"reported by a member{': ' + flag.reason if flag.reason else ''}"
        verdicts: list[Verdict] = []
        message = flag.reported
        if message is not None:
            verdicts = await self.hooks.judge_message(message, context,
                                                      only=self.policies_for(chat))
        else:
            sender = flag.message.sender
            message = Message(ref=flag.message, sender=sender or _unknown(chat), time=flag.time)
        reasons = (why, *(v.explain() for v in verdicts))
        new = None
        if existing is None or existing.status != "open":
            decision = Decision(steps=(Step.REVIEW,), verdicts=tuple(verdicts))
            new = self.new_incident(message, decision, flag.source.value, reasons, reporter)
        return await self.store.record_plan(Plan(
            key=key, kind="report", time=flag.time, actions=effects.report_actions(),
            incident=new, incident_id=existing.id if new is None and existing else None,
            report=report, detail={"reasons": list(reasons)}))

    async def on_removal(self, removal: Removal) -> Outcome:
        self.hooks.on_remove(removal, self.context(removal.chat))
        await self.store.audit(
            f"removal_{removal.kind.value}", removal.time, chat_key=removal.chat.key,
            member_key=removal.member.key if removal.member else "",
            detail={"by_civility": removal.by_civility})
        return Outcome()

    async def on_member_joined(self, joined: MemberJoined) -> Outcome:
        """Plugins hear of the join; a policy's welcome goes to the member privately where the
        platform allows it, otherwise as one note in the group. In a chat with an
        acknowledgement gate the member is durably noted as waiting first (a repeat keeps
        what is there), and the welcome asks them to agree."""
        gate = self.gate_rule(joined.chat)
        if gate is not None:
            await self.store.gate_join(joined.chat.key, joined.member.key, joined.time)
        context = self.context(joined.chat)
        self.hooks.on_member_joined(joined, context)
        welcome = self.hooks.welcome(joined, context)
        adapter = self.adapters.get(joined.chat.platform)
        if gate is not None:
            welcome = f"{welcome or PLAIN_WELCOME}\n\n{PROMPT}"
        if not welcome or adapter is None or self.mode_for(joined.chat) is Mode.ADVISE:
            return Outcome()
        try:
            where = await adapter.send_welcome(joined.chat, joined.member, welcome,
                                               ask_to_agree=gate is not None)
        except Exception as exc:  # a welcome is a nicety: never worth more than a log line
            log.warning("welcome_failed", **error_fields(exc))
            return Outcome(failed=(f"welcome: {exc!r}",))
        return Outcome(done=(where,))

    async def _purge_forever(self) -> None:
        """Erase every excerpt past the retention period, at start and then hourly. Stopping
        waits for a purge under way: its transaction is never cut off."""
        while not self._stopping.is_set():
            try:
                cutoff = since_clamped(self.clock(), self.config.store.retention_days)
                erased = await self.store.purge_expired(cutoff)
                if erased:
                    log.info("retention_purge", incidents_purged=erased)
            except Exception as exc:
                log.error("retention_purge_failed", **error_fields(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), PURGE_EVERY_SECONDS)

    def notice(self, decision: Decision, context: PolicyContext) -> str:
        """The private notice for a decision, worded by the policy (or the built-in words)."""
        top = decision.top_verdict
        if top is None:
            top = Verdict("moderator", "the group's code of conduct", Severity.MEDIUM, 1.0)
        return self.hooks.notice(top, self.rule(top.rule_id), decision, context)

    def group_note(self, decision: Decision) -> str:
        """The removed message's rule's neutral note for the group (it never names anyone),
        for harms others may also have seen; empty when its rules have none."""
        for verdict in sorted(decision.verdicts, key=lambda v: (v.severity, v.confidence),
                              reverse=True):
            rule = self.rule(verdict.rule_id)
            if rule is not None and rule.group_note:
                return rule.group_note
        return ""

    async def _send_report(self, incident_id: int) -> bool:
        """Queue the incident report in the durable outbox (then try to send it at once): it
        arrives even when the mail server is down now. False when no SMTP is configured."""
        from civility import outbox

        incident = await self.store.incident(incident_id)
        if incident is None:
            return False
        return await outbox.escalate(self.store, self.config, incident, rules=self.rules,
                                     clock=self.clock) != outbox.OFF

    def confirm_for(self, chat: ChatRef) -> frozenset[ReviewChoice]:
        """The choices that wait for a second moderator in this group
        (``[policy.ladder] confirm``, or its ``confirm_groups`` entry for the group)."""
        return frozenset(ReviewChoice(c) for c in self.config.confirm.confirm_in(chat.key))

    def _moderator_decided(self, incident: IncidentRecord, choice: ReviewChoice,
                           moderator_key: str) -> None:
        """Plugins hear of a moderator's decision (the learning loop's corrections)."""
        chat = ChatRef(incident.platform, incident.chat_id, incident.chat_title)
        member = MemberRef(incident.platform, incident.member_id, incident.member_name)
        message = Message(ref=MessageRef(chat, incident.message_id, member), sender=member,
                          text=incident.text or "", time=incident.time)
        self.hooks.on_moderator_decision(message, incident.rule_ids, choice, incident.id,
                                         self.context(chat))

    @property
    def advise(self) -> bool:
        """The whole bot advises (``[policy] mode``); a chat may differ (`mode_for`)."""
        return self.config.mode is Mode.ADVISE

    def rule(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)


def _quietly(method: Callable[..., object], event: str, **fields: object) -> None:
    """Log, but never let a failing log sink be what breaks containment."""
    with contextlib.suppress(Exception):  # there is nowhere left to report it
        method(event, **fields)


def _steps(names: Iterable[str]) -> tuple[Step, ...]:
    known = {s.value: s for s in Step}
    return tuple(known[n] for n in names if n in known)


def _unknown(chat: ChatRef) -> MemberRef:
    return MemberRef(chat.platform, "unknown", "unknown member")
