"""Escalation always arrives: a real SMTP server (aiosmtpd) on loopback that is down, then up,
a restart of the sending side in between, and exactly one message with the report's
Message-ID. On SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import socket
from email.message import Message as Mail
from pathlib import Path

import attrs
import pytest
from aiosmtpd.controller import Controller

from civility import outbox
from civility.config import Config, SmtpSettings
from civility.events import Flag, FlagSource, ModeratorDecision, ReviewChoice
from civility.store.sql import SqlStore
from civility.testing import make_member, make_message

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


@attrs.define
class Clock:
    now: dt.datetime = T0

    def __call__(self) -> dt.datetime:
        return self.now


class Inbox:
    def __init__(self) -> None:
        self.mails: list[Mail] = []
        self.arrived = asyncio.Event()

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.mails.append(email.message_from_bytes(envelope.content))
        self.arrived.set()
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(school, port: int) -> Config:
    return Config(school=attrs.evolve(school, leadership_email="slt@test.example"),
                  plugins=("words",),
                  smtp=SmtpSettings(host="127.0.0.1", port=port, sender="civility@test.example",
                                    starttls=False))


async def test_a_report_queued_in_an_outage_arrives_once_after_a_restart(
        make_engine, school, sql_store, tmp_path):
    port = _free_port()  # nothing listens here yet: the school's mail server is down
    config = _config(school, port)
    clock = Clock()
    url = sql_store.url  # type: ignore[attr-defined]
    await sql_store.close()  # the engine opens it
    engine = make_engine(config, store=sql_store, clock=clock)
    await engine.start()
    reported = make_message("this is a threat", sender="Parent K", time=T0)
    first = await engine.handle(reported)
    await engine.handle(Flag(reported.ref, FlagSource.MEMBER, reporter=make_member("Parent Z"),
                             reported=reported, time=T0))
    answer = await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.REPORT,
                                                   make_member("Mod", "mod"), time=T0))
    assert answer.done == ("report_incident",)  # queued durably: it will arrive
    [entry] = await sql_store.outbox()
    assert entry.sent_at is None and entry.attempts == 1 and entry.last_error
    assert entry.next_attempt == T0 + outbox.FIRST_RETRY
    await engine.stop()  # the sending side goes away with the report unsent

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()  # the mail server comes back
    try:
        restarted = SqlStore(url)
        await restarted.open()
        try:
            # Back-off survives the restart: not due yet, nothing is sent.
            assert await outbox.deliver_due(restarted, config, clock) == 0
            clock.now = T0 + dt.timedelta(minutes=2)
            sender = outbox.OutboxSender(restarted, config, clock, poll_seconds=0.05)
            sender.start()
            await asyncio.wait_for(inbox.arrived.wait(), 20)
            await asyncio.sleep(0.3)  # a few more polls: nothing more may arrive
            await sender.stop()
            # A repeat of the escalation sends nothing new.
            incident = await restarted.incident(entry.incident_id)
            assert incident is not None
            assert await outbox.escalate(restarted, config, incident, rules=engine.rules,
                                         clock=clock) == outbox.SENT
            [sent] = await restarted.outbox()
            assert sent.sent_at is not None and sent.body is None  # only the id is kept
        finally:
            await restarted.close()
    finally:
        server.stop()

    [mail] = inbox.mails
    assert mail["Message-ID"] == entry.message_id
    assert mail["Message-ID"] == f"<incident-{entry.incident_id}.20261102T090000Z@civility>"
    assert mail["To"] == "slt@test.example" and "Incident #" in mail["Subject"]
    body = mail.get_payload()
    assert isinstance(body, str)
    assert "Parent K" in body and "this is a threat" in body
    assert "clause for test.threat" in body  # the policy clause
    assert "Timeline:" in body and "test:mod" in body  # who decided, and when
    assert "Parent Z" not in body and "parent-z" not in body  # never the reporter
    assert "rests with the Headteacher" in body


async def test_back_off_doubles_and_is_capped() -> None:
    waits = [outbox.backoff(n) for n in range(1, 13)]
    assert waits[:4] == [dt.timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert waits[-1] == outbox.LONGEST_WAIT and waits == sorted(waits)


async def test_outbox_entries_are_exported_erased_and_expire(make_engine, school, sql_store):
    config = _config(school, _free_port())  # down
    clock = Clock()
    await sql_store.close()
    engine = make_engine(config, store=sql_store, clock=clock)
    await engine.start()
    first = await engine.handle(make_message("this is a threat", sender="Parent K", time=T0))
    await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.REPORT,
                                          make_member("Mod", "mod"), time=T0))
    exported = await sql_store.export_member("test:parent-k")
    assert [e["message_id"] for e in exported["outbox"]] == [
        f"<incident-{first.incident_id}.20261102T090000Z@civility>"]
    # Past the retention period an unsent report is given up: its text must not outlive it.
    await sql_store.purge_expired(T0 + dt.timedelta(days=1))
    [entry] = await sql_store.outbox()
    assert entry.body is None and entry.status == "expired"
    assert await outbox.deliver_due(sql_store, config, Clock(T0 + dt.timedelta(days=2))) == 0
    await sql_store.erase_member("test:parent-k")
    assert await sql_store.outbox() == []


class ThreadInbox:
    """Mails as the SMTP server's own thread receives them (read from the test's thread)."""

    def __init__(self) -> None:
        self.mails: list[Mail] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.mails.append(email.message_from_bytes(envelope.content))
        return "250 OK"


async def test_civility_run_sends_what_an_earlier_run_queued(make_engine, school, tmp_path):
    """The outbox sender starts with `civility run`: a report queued while the mail server was
    down, by a process that has gone, arrives once from the next run."""
    import sys
    import time

    port = _free_port()
    db = tmp_path / "c.db"
    config_file = tmp_path / "c.toml"
    config_file.write_text(
        f'[school]\nname = "Test Primary"\nleadership_email = "slt@test.example"\n'
        f'[store]\nurl = "sqlite:///{db}"\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsender = "civility@test.example"\n'
        f'starttls = false\n', "utf-8")
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    engine = make_engine(_config(school, port), store=SqlStore(f"sqlite:///{db}"),
                         clock=Clock(earlier))
    await engine.start()
    first = await engine.handle(make_message("this is a threat", sender="Parent K", time=earlier))
    await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.REPORT,
                                          make_member("Mod", "mod"), time=earlier))
    await engine.stop()

    inbox = ThreadInbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    run = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "civility"), "run", "--config", str(config_file),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        # The mails arrive on the SMTP server's own thread: look, rather than wait on an event.
        while not inbox.mails and time.monotonic() < deadline and run.returncode is None:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
        _, err = await asyncio.wait_for(run.communicate(b""), 60)  # end of input: it ends
    finally:
        if run.returncode is None:
            run.kill()
            await run.wait()
        server.stop()
    assert run.returncode == 0, err
    [mail] = inbox.mails
    assert mail["Message-ID"].startswith(f"<incident-{first.incident_id}.")
    check = SqlStore(f"sqlite:///{db}")
    await check.open()
    try:
        [entry] = await check.outbox()
        assert entry.sent_at is not None and entry.message_id == mail["Message-ID"]
    finally:
        await check.close()


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (the test's own, trusted via SSL_CERT_FILE)."""
    crypto = pytest.importorskip("cryptography")  # present with the test extra (Synapse)
    del crypto
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


async def test_starttls_and_credentials_from_the_environment(make_engine, school, tmp_path,
                                                              monkeypatch):
    import ssl

    from aiosmtpd.smtp import AuthResult

    from civility.config import parse_config

    cert_file, key_file = _self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_file))  # the client trusts the test's cert
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert_file, key_file)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"s3cret")

    inbox = ThreadInbox()
    port = _free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=server_tls,
                        require_starttls=True, auth_required=True, authenticator=authenticator)
    server.start()
    try:
        config = parse_config({
            "school": {"name": "Test Primary", "leadership_email": "slt@test.example"},
            "policy": {"plugins": ["words"]},
            "smtp": {"host": "127.0.0.1", "port": port, "sender": "civility@test.example",
                     "username": "civility", "password": "env:CIVILITY_SMTP_PASSWORD",
                     "starttls": True}},
            "test.toml", env={"CIVILITY_SMTP_PASSWORD": "s3cret"})
        engine = make_engine(config, clock=Clock())
        await engine.start()
        first = await engine.handle(make_message("this is a threat", time=T0))
        answer = await engine.handle(ModeratorDecision(first.incident_id, ReviewChoice.REPORT,
                                                       make_member("Mod", "mod"), time=T0))
        assert answer.done == ("report_incident",)
        [entry] = await engine.store.outbox()
        assert entry.sent_at is not None and entry.attempts == 0
    finally:
        server.stop()
    assert logins == [(b"civility", b"s3cret")]
    [mail] = inbox.mails
    assert mail["Message-ID"] == entry.message_id


async def test_a_sender_that_died_mid_send_is_taken_over_after_its_lease(sql_store):
    from civility.store import NewOutboxEntry

    entry, new = await sql_store.queue_outbox(NewOutboxEntry(
        incident_id=7, member_key="test:p", message_id="<incident-7.x@civility>",
        recipient="slt@test.example", subject="s", body="b", created=T0))
    assert new
    again, new = await sql_store.queue_outbox(
        NewOutboxEntry(7, "test:p", "<incident-7.y@civility>", "slt@test.example", "s", "b", T0))
    assert not new and again.id == entry.id  # one report per incident
    # A sender claims it and dies before marking it: nobody else sends it meanwhile ...
    assert await sql_store.claim_outbox(entry.id, T0, T0 + outbox.LEASE)
    assert not await sql_store.claim_outbox(entry.id, T0 + dt.timedelta(minutes=1),
                                            T0 + outbox.LEASE)
    assert await sql_store.outbox(due_at=T0 + dt.timedelta(minutes=5)) == []
    # ... and once the lease has passed, the next sender takes it over.
    later = T0 + outbox.LEASE
    [due] = await sql_store.outbox(due_at=later)
    assert await sql_store.claim_outbox(due.id, later, later + outbox.LEASE)
    await sql_store.outbox_sent(due.id, later)
    assert not await sql_store.claim_outbox(due.id, later + outbox.LEASE * 2,
                                            later + outbox.LEASE * 3)
