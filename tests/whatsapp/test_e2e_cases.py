"""The cases workflow end to end on WhatsApp, over the GOWA gateway back-end: signed webhooks
into the adapter's real aiohttp receiver, every request out checked against GOWA's OpenAPI spec
by the fake GOWA server (see test_gateway). A member's report becomes a case, a second report
raises its priority, a moderator keeps a message and the member's points go back, the member
appeals a caution privately and a second moderator decides; an escalation made while the
school's mail server (aiosmtpd on loopback) is down arrives once when it is back."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))  # the fake GOWA server lives in test_gateway

from smtp_inbox import LEADERSHIP, assert_reported_once, closed_port, mail_server, outbox_sender, smtp_on
from test_gateway import ADMIN, PARENT, Rig, running_rig, text

from civility import cases, moderation
from civility.config import LadderSettings, School
from civility.events import Appeal, Flag, ModeratorDecision
from civility.store.sql import SqlStore

ADMIN2 = "447700900998@s.whatsapp.net"
REPORTERS = ("447700900222@s.whatsapp.net", "447700900333@s.whatsapp.net")


def _sent(rig: Rig, to: str) -> list[str]:
    return [r[2]["message"] for r in rig.fake.requests
            if r[1] == "/send/message" and r[2]["phone"] == to]


def _card_id(rig: Rig, index: int) -> str:
    """The fake numbers what it sends: the id of the index-th card to the moderators."""
    sends = [r for r in rig.fake.requests if r[1] == "/send/message"]
    cards = [i for i, r in enumerate(sends) if r[2]["phone"] == rig_mods(rig)]
    return f"CARD{cards[index] + 1}"


def rig_mods(rig: Rig) -> str:
    return next(iter(rig.fake.moderators_groups))


async def _handled(rig: Rig, kind: type) -> Any:
    while True:
        event, outcome = await rig.sink.next()
        if isinstance(event, kind):
            return outcome


async def test_the_cases_flow_on_whatsapp(tmp_path: Path, engine: Any, wa: Any) -> None:
    async with running_rig(tmp_path, engine, wa) as rig:
        rig.fake.admins[wa.group].append(ADMIN2)  # two moderators
        rig.fake.admins[wa.mods].append(ADMIN2)
        store = engine.store
        # The parent wrote to the bot's number once: private notices can reach them.
        assert await rig.post(text("D1", "hello", PARENT)) == 200

        # A report becomes a case; a second report raises its priority.
        assert await rig.post(text("P1", "see you at pickup", wa.group)) == 200
        await rig.sink.next()
        for n, reporter in enumerate(REPORTERS):
            report = text(f"R{n}", "/report unkind", wa.group, sender=reporter,
                          replied_to_id="P1")
            assert await rig.post(report) == 200
        first = await _handled(rig, Flag)
        second = await _handled(rig, Flag)
        assert "review" in first.done and "priority raised" in second.done[0]
        assert (await store.incident(first.incident_id)).priority == 1

        # A breach: a caution privately (saying how to appeal); the moderator keeps it.
        assert await rig.post(text("P2", "you idiot", wa.group)) == 200
        breach = (await rig.sink.next())[1]
        assert moderation.HOW_TO_APPEAL in _sent(rig, PARENT)[-1]
        assert await store.points(f"whatsapp:{PARENT}", engine.clock(), 30) > 2.9
        keep = text("M1", "keep", wa.mods, sender=ADMIN, replied_to_id=_card_id(rig, 1))
        assert await rig.post(keep) == 200
        kept = await _handled(rig, ModeratorDecision)
        assert "message_stands" in kept.done
        assert _sent(rig, PARENT)[-1].startswith(moderation.MESSAGE_STANDS)
        assert abs(await store.points(f"whatsapp:{PARENT}", engine.clock(), 30)) < 1e-6
        assert kept.incident_id == breach.incident_id

        # Another breach, cautioned by the moderator; the parent appeals privately.
        assert await rig.post(text("P3", "what a darn mess", wa.group)) == 200
        darn = (await rig.sink.next())[1].incident_id
        assert await rig.post(text("M2", f"/mod {darn} caution", wa.mods, sender=ADMIN)) == 200
        assert "caution" in (await _handled(rig, ModeratorDecision)).done
        assert await rig.post(text("D2", "appeal it was about my car", PARENT)) == 200
        appealed = await _handled(rig, Appeal)
        assert appealed.incident_id == darn and not appealed.refused
        assert _sent(rig, PARENT)[-1] == moderation.APPEAL_RECEIVED
        assert _sent(rig, wa.mods)[-1].startswith("APPEAL")

        # The first decider is refused; the second moderator decides, and the parent hears.
        card = _card_id(rig, len(_sent(rig, wa.mods)) - 1)
        no = text("M3", "caution", wa.mods, sender=ADMIN, replied_to_id=card)
        assert await rig.post(no) == 200
        refused = await _handled(rig, ModeratorDecision)
        assert "first decision" in refused.refused and "first decision" in _sent(rig, wa.mods)[-1]
        yes = text("M4", "keep", wa.mods, sender=ADMIN2, replied_to_id=card)
        assert await rig.post(yes) == 200
        assert "appeal_outcome" in (await _handled(rig, ModeratorDecision)).done
        assert _sent(rig, PARENT)[-1] == moderation.APPEAL_OVERTURNED

        # Case words in the moderators' group: a note and closing the reported case.
        case = first.incident_id
        assert await rig.post(text("M5", f"/note {case} spoke to both", wa.mods,
                                   sender=ADMIN)) == 200
        assert await rig.post(text("M6", f"/close {case}", wa.mods, sender=ADMIN)) == 200
        for _ in range(2):
            await rig.sink.next()
        assert _sent(rig, wa.mods)[-1] == f"Case #{case}: closed by {ADMIN.split('@')[0]}." \
            or _sent(rig, wa.mods)[-1].startswith(f"Case #{case}: closed")
        shown = cases.render_case(await cases.read_case(
            store, darn, rules=engine.rules, ladder=LadderSettings(), now=engine.clock()))
        assert "appealed: it was about my car" in shown and "appeal allowed" in shown


async def test_an_escalation_made_while_the_mail_server_is_down_arrives_once(
        tmp_path: Path, wa: Any) -> None:
    port = closed_port()
    school = School(name="Test School", contact_email="office@example.org",
                    leadership_email=LEADERSHIP)
    engine = wa.make_engine(SqlStore(f"sqlite:///{tmp_path / 'civility.db'}"),
                            school=school, smtp=smtp_on(port))
    await engine.start(adapters=False)
    try:
        async with running_rig(tmp_path, engine, wa) as rig:
            store = engine.store
            # The moderator replies "escalate" to the card; the mail server is down.
            assert await rig.post(text("P1", "you idiot", wa.group)) == 200
            case = (await rig.sink.next())[1].incident_id
            escalate = text("M1", "escalate", wa.mods, sender=ADMIN,
                            replied_to_id=_card_id(rig, 0))
            assert await rig.post(escalate) == 200
            assert "report_incident" in (await _handled(rig, ModeratorDecision)).done
            [queued] = await store.outbox()
            assert queued.incident_id == case and queued.sent_at is None and queued.last_error

            with mail_server(port) as inbox:  # the mail server is back; the back-off has run out
                async with outbox_sender(store, engine.config):
                    await inbox.first()
                    # Escalated again, with today's word `report`: nothing is sent twice.
                    again = text("M2", f"/mod {case} report", wa.mods, sender=ADMIN)
                    assert await rig.post(again) == 200
                    await _handled(rig, ModeratorDecision)
                    await asyncio.sleep(0.5)  # a few more polls: nothing more may arrive
            [sent] = await store.outbox()
            assert sent.sent_at is not None
    finally:
        await engine.stop()
    assert_reported_once(inbox, queued, case)
