"""The platform's own reports: Matrix sends them to the homeserver's admins, not to bots.

When the bot account is a Synapse server admin (``admin_reports = true``), this poller reads
Synapse's admin API of event reports and turns new ones about moderated rooms into `Flag`s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import structlog
from nio import AsyncClient

from civility.adapters.matrix._http import api
from civility.adapters.matrix.convert import member_ref
from civility.events import Flag, FlagSource, MessageRef

if TYPE_CHECKING:
    from civility.adapters.matrix.inbound import Inbound

log = structlog.get_logger()

PATH = "/_synapse/admin/v1/event_reports?dir=b&limit=100"


def new_reports(data: dict[str, Any], after: int) -> list[dict[str, Any]]:
    """Reports with an id above ``after``, oldest first; malformed entries are dropped."""
    items = data.get("event_reports")
    if not isinstance(items, list):
        return []
    good = [r for r in items if isinstance(r, dict) and isinstance(r.get("id"), int)
            and isinstance(r.get("room_id"), str) and isinstance(r.get("event_id"), str)
            and r["id"] > after]
    return sorted(good, key=lambda r: int(r["id"]))


async def poll_once(client: Callable[[], AsyncClient], inbound: Inbound) -> bool:
    """Handle new reports; False when the admin API is not available to the bot."""
    status, data = await api(client(), "GET", PATH)
    if status != 200:
        log.error("matrix_admin_reports_unavailable", status=status,
                  why="the bot account must be a Synapse server admin")
        return False
    state = inbound.state
    if state.last_report_id is None:  # first run: older reports are history, not news
        ids = [r["id"] for r in new_reports(data, -1)]
        state.last_report_id = max(ids, default=0)
        state.save()
        return True
    for report in new_reports(data, state.last_report_id):
        if report["room_id"] in inbound.settings.room_ids:
            chat = inbound.chat(report["room_id"])
            reported = await inbound.lookup(chat, report["event_id"])
            reporter = report.get("user_id")
            reason = report.get("reason")
            await inbound.give(Flag(
                reported.ref if reported else MessageRef(chat, report["event_id"]),
                FlagSource.PLATFORM, reason=reason[:500] if isinstance(reason, str) else "",
                reporter=member_ref(reporter) if isinstance(reporter, str) else None,
                reported=reported))
        state.last_report_id = report["id"]
        state.save()
    return True


async def poll_forever(client: Callable[[], AsyncClient], inbound: Inbound,
                       every: float) -> None:
    while True:
        try:
            if not await poll_once(client, inbound):
                return
        except Exception as exc:  # the server may be restarting: try again later
            log.warning("matrix_report_poll_failed", error=repr(exc))
        await asyncio.sleep(every)
