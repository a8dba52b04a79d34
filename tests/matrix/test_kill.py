"""The real ``civility run`` process against a real Synapse: killed with SIGKILL mid-stream and
started again, nothing redacted twice and no duplicate incident; its start-up with the
homeserver unreachable; and a store locked during a breach.

Numbers (kills, duplicates, time) are printed for the report (``pytest -s``)."""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from civility_process import (
    CivilityProcess,
    crash_config,
    crash_process,
    duplicates,
    free_port,
    hold_database,
    store_counts,
)
from nio import MessageDirection

from civility.store.sql import SqlStore

pytestmark = pytest.mark.integration

SEED = int(os.environ.get("CIVILITY_KILL_SEED", "20261201"))


def _config(tmp_path: Path, homeserver: str, user_id: str, rooms: list[str], mods: str) -> Path:
    return crash_config(tmp_path, "matrix", {
        "homeserver": homeserver, "user_id": user_id, "access_token": "env:MX_TOKEN",
        "rooms": rooms, "moderators_room": mods,
        "state_file": str(tmp_path / "matrix-state.json")})


def _process(tmp_path: Path, config: Path, token: str) -> CivilityProcess:
    return crash_process(tmp_path, config, {"MX_TOKEN": token})


async def _room(world: Any, name: str) -> str:
    """Another parents' room (room version 10: the bot and the moderator at power 100)."""
    people = [world.bot.user_id, world.parent.user_id, world.other.user_id]
    reply = await world.mod.client.room_create(
        room_version="10", invite=people, name=name, power_level_override={
            "users": {world.mod.user_id: 100, world.bot.user_id: 100}})
    assert hasattr(reply, "room_id"), reply
    await asyncio.gather(world.parent.join(reply.room_id), world.other.join(reply.room_id))
    return str(reply.room_id)


async def _redactions(person: Any, room_id: str) -> Counter[str]:
    """Every redaction event in the room's whole history, by the event it redacts."""
    await person.sync()
    found: Counter[str] = Counter()
    token = person.since
    while token:
        page = await person.client.room_messages(room_id, start=token, limit=100,
                                                 direction=MessageDirection.back)
        for event in getattr(page, "chunk", []):
            source = event.source
            if source.get("type") == "m.room.redaction":
                found[source.get("redacts") or source.get("content", {}).get("redacts")] += 1
        token = page.end if getattr(page, "chunk", None) and page.end != token else None
    return found


def _decisions(proc: CivilityProcess) -> int:
    return len(proc.events("decision"))


async def _wait(check: Any, what: str, limit: float) -> None:
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never: {what}")
        await asyncio.sleep(0.1)  # watching another process and its files


async def test_kill_9_mid_stream_redacts_nothing_twice(make_world, tmp_path: Path):
    started = time.monotonic()
    world = await make_world("10")
    rooms = [world.room, *await asyncio.gather(_room(world, "Year 4"), _room(world, "Year 5"))]
    proc = _process(tmp_path, _config(tmp_path, world.server.base_url, world.bot.user_id,
                                      rooms, world.mods_room), world.bot.access_token)
    proc.start()
    rng = random.Random(SEED)
    try:
        await asyncio.to_thread(proc.wait_log, "started", 1, 60)
        breaches: list[tuple[str, str]] = []

        async def stream() -> None:
            for n in range(60):
                room, who = rooms[n % 3], rng.choice([world.parent, world.other])
                rude = rng.random() < 0.35
                event = await who.send(room, f"message {n}: " + (
                    "what a darn day" if rude else "see you at pickup"))
                if rude:
                    breaches.append((room, event))

        feeding = asyncio.create_task(stream())
        for _ in range(2):
            target = _decisions(proc) + rng.randint(2, 8)
            await _wait(lambda t=target: _decisions(proc) >= t or feeding.done(), "progress", 60)
            await asyncio.sleep(rng.uniform(0, 0.2))  # a random point, not just after a decision
            proc.kill()
            proc.start()
        await feeding
        counts: dict[str, Any] = {}

        def all_recorded() -> bool:
            counts.update(store_counts(tmp_path / "civility.db"))
            return {m for _, m in counts["incidents"]} >= {e for _, e in breaches}

        await _wait(all_recorded, "every breach recorded", 60)
        redacted: Counter[str] = Counter()
        deadline = time.monotonic() + 30
        while not all(redacted[e] for _, e in breaches) and time.monotonic() < deadline:
            redacted = Counter()
            for room in rooms:
                redacted.update(await _redactions(world.mod, room))
    finally:
        await asyncio.to_thread(proc.stop)
    redacted = Counter()
    for room in rooms:
        redacted.update(await _redactions(world.mod, room))
    counts = store_counts(tmp_path / "civility.db")
    breach_ids = {e for _, e in breaches}
    figures = {"kills": proc.kills, "messages": 60, "breaches": len(breaches),
               "redacted_twice": len({e: n for e, n in redacted.items()
                                      if n > 1 and e in breach_ids}),
               "duplicate_incidents": len(duplicates(counts["incidents"])),
               "duplicate_strikes": len(duplicates(counts["strikes"])),
               "seconds": round(time.monotonic() - started, 1)}
    print("\nmatrix kill -9:", figures)
    assert proc.kills == 2 and not proc.tracebacks()
    # Each breach redacted; a second redaction only where a kill fell between a redaction
    # reaching Synapse and its being recorded as done (at most one per room and kill).
    assert all(redacted[e] >= 1 for e in breach_ids), figures
    assert figures["redacted_twice"] <= proc.kills * len(rooms), figures
    assert not duplicates(counts["incidents"]) and not duplicates(counts["strikes"])
    assert {m for _, m in counts["incidents"]} == breach_ids


async def test_homeserver_unreachable_at_start_is_retried_with_a_clear_log_line(
        tmp_path: Path):
    port = free_port()
    config = _config(tmp_path, f"http://127.0.0.1:{port}", "@civility:localhost",
                     ["!room:localhost"], "!mods:localhost")
    proc = _process(tmp_path, config, "not-a-real-token")
    proc.start()
    try:
        lines = await asyncio.to_thread(proc.wait_log, "matrix_unreachable", 2)
    finally:
        await asyncio.to_thread(proc.stop)
    assert [line["retry_in"] for line in lines[:2]] == [1.0, 2.0]
    assert not proc.tracebacks() and "not-a-real-token" not in proc.log.read_text()


async def test_store_locked_during_a_breach_redacts_nothing_then_handles_it_once(
        make_world, tmp_path: Path):
    world = await make_world()
    db = tmp_path / "civility.db"
    await world.start_bot(store=SqlStore(f"sqlite:///{db}"))
    parent = world.parent
    first = await parent.send(world.room, "darn, before the fault")
    await parent.wait_redacted(first)
    lock = await hold_database(db)  # another program holds the database
    try:
        rude = await parent.send(world.room, "darn, during the fault")
        # The bot sees the message and fails to record it (the store's busy timeout is 5 s),
        # backs off and tries again: still down, so nothing may have been done.
        await asyncio.sleep(10)
        assert rude not in world.adapter.state.batch_done  # not finished: comes again
        assert not (await _redactions(world.mod, world.room))[rude]
    finally:
        lock.rollback()
        lock.close()
    await parent.wait_redacted(rude)
    await world.stop_bot()
    assert (await _redactions(world.mod, world.room))[rude] == 1
    counts = store_counts(db)
    assert counts["incidents"][(f"matrix:{world.room}", rude)] == 1
    assert not duplicates(counts["strikes"])


async def test_a_token_that_does_not_log_in_is_one_clear_line(synapse_server, tmp_path: Path):
    config = _config(tmp_path, synapse_server.base_url, "@civility:localhost",
                     ["!room:localhost"], "!mods:localhost")
    proc = _process(tmp_path, config, "syt_not_a_real_token")
    proc.start()
    assert proc.process is not None
    assert await asyncio.to_thread(proc.process.wait, 30) != 0
    text = proc.log.read_text()
    assert "Traceback" not in text and "syt_not_a_real_token" not in text
    errors = [line for line in text.splitlines() if "does not log in" in line]
    assert len(errors) == 1 and errors[0].startswith("Error: configuration error: [matrix]")
