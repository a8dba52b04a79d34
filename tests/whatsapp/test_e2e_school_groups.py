"""One record per parent across the school's groups, on WhatsApp over the GOWA gateway (the
fake GOWA checks every request against GOWA's OpenAPI spec): after a removal the moderators'
group is offered the school's other groups, and one ``remove all`` carries it out, once per
group, only where the linked number is an admin and the parent is a participant."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

sys.path.insert(0, str(Path(__file__).parent))  # the fake GOWA server lives in test_gateway

from test_gateway import ADMIN, PARENT, FakeGowa, Rig, running_rig, text

from civility.events import ModeratorDecision

pytestmark = pytest.mark.integration

YEAR4, YEAR5, YEAR6 = (f"12036300000000000{n}@g.us" for n in (4, 5, 6))
NAMES = {YEAR4: "Year 4 parents", YEAR5: "Year 5 parents", YEAR6: "Year 6 parents"}


class SchoolGowa(FakeGowa):
    """GOWA for a school of several groups: who is in each, and who is an admin there."""

    def __init__(self, spec: dict[str, Any], bot: str, groups: dict[str, dict[str, bool]]
                 ) -> None:
        super().__init__(spec, {})
        self.bot, self.groups = bot, groups

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_get("/app/status", self.status)
        return app

    async def status(self, request: web.Request) -> web.Response:
        return web.json_response({"status": 200, "code": "SUCCESS", "message": "ok", "results": {
            "is_connected": True, "is_logged_in": True, "device_id": "school",
            "jid": self.bot.replace("@", ":7@")}})  # the device part, as GOWA gives it

    async def participants(self, request: web.Request) -> web.Response:
        group = request.query["group_id"]
        people = [{"jid": j, "phone_number": j, "is_admin": admin, "is_super_admin": False}
                  for j, admin in self.groups.get(group, {}).items()]
        return web.json_response({"code": "SUCCESS", "message": "ok", "results": {
            "group_id": group, "name": NAMES.get(group, "Year 3 parents"),
            "participants": people}})

    async def remove(self, request: web.Request) -> web.Response:
        data = await request.json()
        for person in data["participants"]:
            self.groups.get(data["group_id"], {}).pop(person, None)
        return await super().remove(request)


def school_rig(tmp_path: Path, engine: Any, wa: Any) -> contextlib.AbstractAsyncContextManager[Rig]:
    """The school's groups on one number: an admin in all but Year 5; the parent is in all
    but Year 6."""
    everywhere = {wa.bot: True, ADMIN: True}
    return running_rig(tmp_path, engine, wa, make_fake=lambda spec: SchoolGowa(spec, wa.bot, {
        wa.group: {**everywhere, PARENT: False},
        YEAR4: {**everywhere, PARENT: False},
        YEAR5: {ADMIN: True, wa.bot: False, PARENT: False},  # the number is no admin here
        YEAR6: dict(everywhere),  # the parent is not in Year 6
        wa.mods: dict(everywhere)}), groups=(wa.group, YEAR4, YEAR5, YEAR6))


def _removals(rig: Rig, group: str) -> list[Any]:
    return [body for _, path, body in rig.fake.requests
            if path == "/group/participants/remove" and body["group_id"] == group]


def _to_mods(rig: Rig, mods: str) -> list[str]:
    return [body["message"] for _, path, body in rig.fake.requests
            if path == "/send/message" and body["phone"] == mods]


async def _decided(rig: Rig) -> Any:
    while True:
        event, outcome = await rig.sink.next()
        if isinstance(event, ModeratorDecision):
            return outcome


async def test_remove_all_takes_the_parent_out_of_the_schools_other_groups_once(
        tmp_path: Path, engine: Any, wa: Any) -> None:
    async with school_rig(tmp_path, engine, wa) as rig:
        assert await rig.post(text("P1", "you idiot", wa.group)) == 200
        case = (await rig.sink.next())[1].incident_id
        assert case

        assert await rig.post(text("M1", f"/mod {case} remove", wa.mods, sender=ADMIN)) == 200
        removed = await _decided(rig)
        assert "remove" in removed.done, removed
        assert _removals(rig, wa.group) == [{"group_id": wa.group, "participants": [PARENT]}]
        # The offer names the one other group where the number can remove the parent.
        [offer] = [t for t in _to_mods(rig, wa.mods) if "remove all" in t]
        assert "1 of the school's other groups (Year 4 parents)" in offer
        assert f"/mod {case} remove all" in offer
        assert not _removals(rig, YEAR4)  # nothing before the confirmation

        confirm = text("M2", f"/mod {case} remove all", wa.mods, sender=ADMIN)
        assert await rig.post(confirm) == 200
        everywhere = await _decided(rig)
        assert everywhere.done == ("removed from Year 4 parents",), everywhere
        assert _removals(rig, YEAR4) == [{"group_id": YEAR4, "participants": [PARENT]}]
        assert PARENT not in rig.fake.groups[YEAR4]
        assert PARENT in rig.fake.groups[YEAR5]  # the number is no admin there
        assert not _removals(rig, YEAR5) and not _removals(rig, YEAR6)

        # The confirmation given again (another message): nothing is done twice.
        again = text("M3", f"/mod {case} remove all", wa.mods, sender=ADMIN)
        assert await rig.post(again) == 200
        repeated = await _decided(rig)
        assert repeated.done == ("removed from Year 4 parents",)
        assert len(_removals(rig, YEAR4)) == 1
        decisions = await engine.store.decisions(case)
        assert [d.choice for d in decisions] == ["remove", "remove_all"]


async def test_remove_all_before_a_removal_is_refused(tmp_path: Path, engine: Any,
                                                      wa: Any) -> None:
    async with school_rig(tmp_path, engine, wa) as rig:
        assert await rig.post(text("P1", "you idiot", wa.group)) == 200
        case = (await rig.sink.next())[1].incident_id
        confirm = text("M1", f"/mod {case} remove all", wa.mods, sender=ADMIN)
        assert await rig.post(confirm) == 200
        refused = await _decided(rig)
        assert "remove them from this group first" in refused.refused
        assert not any(path == "/group/participants/remove" for _, path, _ in rig.fake.requests)
