"""Escalation always arrives: incident reports go through a durable outbox.

An escalated case is queued (one entry per incident, with its own Message-ID) before any
attempt to send it; a send that fails is retried with exponential back-off, the next attempt's
time stored, so an SMTP outage or a restart loses nothing. An entry is marked sent in the store
once the server has taken it; if the process dies between the two, the one repeat carries the
same Message-ID, so the receiving side can tell it is the same report.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable, Mapping
from email.message import EmailMessage
from email.utils import format_datetime

import aiosmtplib
import structlog

from civility import case_report
from civility.cases import read_case
from civility.config import Config
from civility.store import IncidentRecord, NewOutboxEntry, OutboxEntry, Store
from civility.verdicts import Rule

__all__ = ["OFF", "QUEUED", "SENT", "OutboxSender", "backoff", "deliver_due", "escalate",
           "message_id_for"]

log = structlog.get_logger()

OFF, QUEUED, SENT = "off", "queued", "sent"
#: First retry after a minute, doubling, at most every six hours.
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_WAIT = dt.timedelta(hours=6)
#: An entry being sent is leased for this long: another sender (a second process) leaves it.
LEASE = dt.timedelta(minutes=10)
SMTP_TIMEOUT = 30.0
#: How often the sender looks for entries that have come due.
POLL_SECONDS = 30.0

Clock = Callable[[], dt.datetime]


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failure: 1, 2, 4 ... minutes, at most six hours."""
    wait: dt.timedelta = FIRST_RETRY * (2 ** min(max(attempts - 1, 0), 20))
    return min(wait, LONGEST_WAIT)


def message_id_for(incident: IncidentRecord) -> str:
    """One Message-ID per incident report; the incident's time keeps it unique across stores."""
    return f"<incident-{incident.id}.{incident.time:%Y%m%dT%H%M%SZ}@civility>"


def enabled(config: Config) -> bool:
    return config.smtp is not None and bool(config.school.leadership_email)


async def escalate(store: Store, config: Config, incident: IncidentRecord, *,
                   rules: Mapping[str, Rule], clock: Clock) -> str:
    """Queue the incident's report, then try to send it at once. `OFF` when no SMTP or
    leadership address is configured; `QUEUED` when the server did not take it (the sender
    retries); `SENT` when it is (or was already) sent. Repeats are harmless."""
    if not enabled(config):
        return OFF
    case = await read_case(store, incident.id, rules=rules, ladder=config.ladder, now=clock())
    if case is None:
        return OFF
    entry, new = await store.queue_outbox(NewOutboxEntry(
        incident_id=incident.id, member_key=incident.member_key,
        message_id=message_id_for(incident), recipient=config.school.leadership_email,
        subject=case_report.subject(case),
        body=case_report.render_text(case, config.school.name), created=clock()))
    if entry.sent_at is not None:
        return SENT
    log.info("incident_report_queued", incident=incident.id, new=new)
    return SENT if await deliver(store, config, entry, clock) else QUEUED


def _mail(config: Config, entry: OutboxEntry) -> EmailMessage:
    assert config.smtp is not None and entry.body is not None
    mail = EmailMessage()
    mail["From"] = config.smtp.sender
    mail["To"] = entry.recipient
    mail["Subject"] = entry.subject
    mail["Message-ID"] = entry.message_id
    mail["Date"] = format_datetime(entry.created)
    mail.set_content(entry.body)
    return mail


async def _send(config: Config, entry: OutboxEntry) -> None:
    smtp = config.smtp
    assert smtp is not None
    implicit_tls = smtp.port == 465  # SMTPS: TLS from the first byte; otherwise STARTTLS
    await aiosmtplib.send(
        _mail(config, entry), hostname=smtp.host, port=smtp.port, use_tls=implicit_tls,
        start_tls=False if implicit_tls else smtp.starttls,
        username=smtp.username or None,
        password=smtp.password.reveal() if smtp.password else None, timeout=SMTP_TIMEOUT)


async def deliver(store: Store, config: Config, entry: OutboxEntry, clock: Clock) -> bool:
    """Send one due entry: claim it, send, mark it sent (or schedule the next attempt)."""
    now = clock()
    if config.smtp is None or not await store.claim_outbox(entry.id, now, now + LEASE):
        return False
    try:
        await _send(config, entry)
    except Exception as exc:  # any failure: keep it and try again later
        attempts = entry.attempts + 1
        wait = backoff(attempts)
        # The error's type only: its text may quote the server's reply or the report.
        await store.outbox_failed(entry.id, attempts, clock() + wait, type(exc).__name__)
        log.warning("incident_report_not_sent", incident=entry.incident_id, attempts=attempts,
                    error=type(exc).__name__, retry_in_s=int(wait.total_seconds()))
        return False
    await store.outbox_sent(entry.id, clock())
    log.info("incident_report_sent", incident=entry.incident_id)
    return True


async def deliver_due(store: Store, config: Config, clock: Clock, *, limit: int = 20) -> int:
    """Send the entries that are due; return how many were sent."""
    if not enabled(config):
        return 0
    sent = 0
    for entry in await store.outbox(due_at=clock(), limit=limit):
        sent += await deliver(store, config, entry, clock)
    return sent


class OutboxSender:
    """Sends due incident reports while the engine runs (started by `civility run`)."""

    def __init__(self, store: Store, config: Config, clock: Clock,
                 poll_seconds: float = POLL_SECONDS) -> None:
        self.store, self.config, self.clock = store, config, clock
        self.poll_seconds = poll_seconds
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if enabled(self.config) and self._task is None:
            self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                await deliver_due(self.store, self.config, self.clock)
            except Exception as exc:  # the store may be down for a moment: try again later
                log.error("outbox_failed", error=type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.poll_seconds)

    async def stop(self, grace_seconds: float = SMTP_TIMEOUT + 5) -> None:
        """Let a send under way finish (so it is marked), then stop."""
        if self._task is None:
            return
        self._stop.set()
        try:
            await asyncio.wait_for(self._task, grace_seconds)
        except TimeoutError:  # the lease keeps another sender off it until it expires
            log.warning("outbox_stop_timeout")
        self._task = None
