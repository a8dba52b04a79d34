"""The school's mail server in the end-to-end tests: a real SMTP server (aiosmtpd) on a
loopback port that is first closed (the server is down), then opened (it is back), and what
arrives there. One inbox for the Telegram, Matrix and WhatsApp escalation tests."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email
import email.message
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

from aiosmtpd.controller import Controller

from civility.config import SmtpSettings
from civility.outbox import OutboxSender

#: How long a test waits for a mail before it fails (a guard, not a measurement).
PATIENCE = 20.0
LEADERSHIP = "slt@test.example"


def closed_port() -> int:
    """A loopback port nothing listens on (yet): the school's mail server is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def smtp_on(port: int) -> SmtpSettings:
    """Civility's `[smtp]` for the loopback server (plain SMTP: the test server has no TLS)."""
    return SmtpSettings(host="127.0.0.1", port=port, sender="civility@test.example",
                        starttls=False)


class Mailbox:
    """What arrives at the mail server. aiosmtpd runs its own loop in a thread, so an arrival
    wakes the test's loop thread-safely."""

    def __init__(self) -> None:
        self.mails: list[email.message.Message] = []
        self._loop = asyncio.get_running_loop()
        self._arrived = asyncio.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mails.append(email.message_from_bytes(envelope.content))
        self._loop.call_soon_threadsafe(self._arrived.set)
        return "250 OK"

    async def first(self) -> email.message.Message:
        """The first mail, once it has arrived."""
        await asyncio.wait_for(self._arrived.wait(), PATIENCE)
        return self.mails[0]


@contextlib.contextmanager
def mail_server(port: int) -> Iterator[Mailbox]:
    """The mail server comes back on ``port``; it stops when the block ends."""
    inbox = Mailbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        yield inbox
    finally:
        server.stop()


@contextlib.asynccontextmanager
async def outbox_sender(store: Any, config: Any) -> AsyncIterator[OutboxSender]:
    """The outbox sender as `civility run` starts it, its clock an hour on (the back-off of
    the failed first attempt has run out), polling often."""
    later = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)  # noqa: E731
    sender = OutboxSender(store, config, later, poll_seconds=0.05)
    sender.start()
    try:
        yield sender
    finally:
        await sender.stop()


def assert_reported_once(inbox: Mailbox, queued: Any, case: int) -> None:
    """Exactly one incident report arrived: the queued one, for this case, with its timeline."""
    [mail] = inbox.mails
    assert mail["Message-ID"] == queued.message_id and mail["To"] == LEADERSHIP
    assert f"Incident #{case}" in mail["Subject"]
    body = mail.get_payload()
    assert isinstance(body, str) and "you idiot" in body and "Timeline:" in body
