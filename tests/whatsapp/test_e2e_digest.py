"""The weekly digest on WhatsApp: posted in the moderators' group through the GOWA gateway's
REST API (the fake checks every request against GOWA's OpenAPI spec), once per week."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the gateway tests' rig, beside this file
from test_gateway import running_rig, text

from civility._schedule import Weekly
from civility.digest_sender import send_due_digests

pytestmark = pytest.mark.integration

#: The gateway tests' messages are dated 1 January 2030 (a Tuesday), 10:00 UTC.
NOW = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
WEEKLY = Weekly(NOW.weekday(), dt.time(8, 0))


async def test_the_moderators_group_gets_the_weeks_digest_once(tmp_path: Path, engine: Any,
                                                              wa: Any) -> None:
    async with running_rig(tmp_path, engine, wa) as rig:
        assert await rig.post(text("D1", "what a darn mess", wa.group)) == 200
        await rig.sink.next()
        assert await send_due_digests(engine.store, WEEKLY, engine.adapters,  # type: ignore[arg-type]
                                      lambda: NOW) == 1
        assert await send_due_digests(engine.store, WEEKLY, engine.adapters,  # type: ignore[arg-type]
                                      lambda: NOW + dt.timedelta(hours=2)) == 0
        digests = [body["message"] for _, path, body in rig.fake.requests
                   if path == "/send/message" and body["phone"] == wa.mods
                   and "Weekly moderation digest" in body["message"]]
        assert len(digests) == 1
        assert "1 new case(s)" in digests[0] and "darn" not in digests[0]
        assert "Parent A" not in digests[0]
