"""Incident reports reach the school's leadership through a real SMTP server on loopback."""

from __future__ import annotations

import asyncio
import email
import socket

import pytest
from aiosmtpd.controller import Controller

from civility.config import Config, LadderSettings, SmtpSettings
from civility.events import Flag, FlagSource, ModeratorDecision, ReviewChoice
from civility.testing import make_member, make_message

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


class Inbox:
    def __init__(self) -> None:
        self.mails: list[email.message.Message] = []
        self.arrived = asyncio.Event()

    async def handle_DATA(self, server, session, envelope):
        self.mails.append(email.message_from_bytes(envelope.content))
        self.arrived.set()
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _config(school, port: int, **ladder) -> Config:
    import attrs

    return Config(school=attrs.evolve(school, leadership_email="slt@test.example"),
                  plugins=("words",), ladder=LadderSettings(**ladder),
                  smtp=SmtpSettings(host="127.0.0.1", port=port, sender="civility@test.example",
                                    starttls=False))


async def test_moderator_sends_an_incident_report(make_engine, school, smtp_server):
    controller, inbox = smtp_server
    engine = make_engine(_config(school, controller.port))
    await engine.start()
    reported = make_message("this is a threat", sender="Parent K")
    outcome = await engine.handle(reported)
    # A member also reported it; the report must not name them.
    await engine.handle(Flag(reported.ref, FlagSource.MEMBER, reporter=make_member("Parent Z"),
                             reported=reported))
    answer = ModeratorDecision(outcome.incident_id, ReviewChoice.REPORT, make_member("Mod", "mod"))
    result = await engine.handle(answer)
    assert result.done == ("report_incident",)
    [mail] = inbox.mails
    assert mail["To"] == "slt@test.example"
    body = mail.get_payload()
    assert "Parent K" in body and "this is a threat" in body and "test.threat" in body
    assert "Parent Z" not in body and "parent-z" not in body
    assert "rests with the Headteacher" in body


async def test_automatic_report_when_the_school_allows_it(make_engine, school, smtp_server):
    controller, inbox = smtp_server
    engine = make_engine(_config(school, controller.port, confirm_serious=False))
    await engine.start()
    await engine.handle(make_message("this is a threat"))
    await asyncio.wait_for(inbox.arrived.wait(), 10)
    assert "Incident #1" in inbox.mails[0]["Subject"]


async def test_without_smtp_the_report_is_recommended_to_moderators(make_engine, adapter):
    engine = make_engine()
    await engine.start()
    outcome = await engine.handle(make_message("this is a threat"))
    answer = ModeratorDecision(outcome.incident_id, ReviewChoice.REPORT, make_member("Mod", "mod"))
    result = await engine.handle(answer)
    assert result.recommended == ("send an incident report to the school",)
