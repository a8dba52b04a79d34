"""The adapter's state file: where sync stopped, review cards, direct rooms, reports seen.

Written atomically as each event is finished: ``next_batch`` is the sync token of the batch
being handled, ``batch_done`` the events of that batch already finished. A restart syncs from
``next_batch`` again and skips what is done (nothing lost, nothing repeated); once the whole
batch is finished the token moves on. It holds no secrets.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import attrs
import structlog

log = structlog.get_logger()

#: Review cards remembered (card event id → incident id); older ones can still be answered
#: with /mod commands elsewhere, this only bounds the file.
MAX_CARDS = 2000


def _str_map(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _int_map(value: object) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items()
            if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)}


@attrs.define
class State:
    path: Path
    next_batch: str | None = None
    device_id: str | None = None
    cards: dict[str, int] = attrs.field(factory=dict)
    dm_rooms: dict[str, str] = attrs.field(factory=dict)
    #: Highest Synapse event-report id already handled; None: not polled yet.
    last_report_id: int | None = None
    #: Events of the batch from ``next_batch`` already finished (handled and durable).
    batch_done: list[str] = attrs.field(factory=list)

    @classmethod
    def load(cls, path: Path) -> State:
        try:
            raw: Any = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return cls(path)
        except (OSError, ValueError) as exc:
            # Starting over loses the sync position (events while stopped are not moderated)
            # but keeps the bot running; say so loudly.
            log.error("matrix_state_unreadable", path=str(path), error=repr(exc))
            return cls(path)
        if not isinstance(raw, dict):
            log.error("matrix_state_unreadable", path=str(path), error="not a JSON object")
            return cls(path)
        report = raw.get("last_report_id")
        return cls(
            path,
            next_batch=raw.get("next_batch") if isinstance(raw.get("next_batch"), str) else None,
            device_id=raw.get("device_id") if isinstance(raw.get("device_id"), str) else None,
            cards=_int_map(raw.get("cards")),
            dm_rooms=_str_map(raw.get("dm_rooms")),
            last_report_id=report if isinstance(report, int) and not isinstance(report, bool)
            else None,
            batch_done=[e for e in raw.get("batch_done") or [] if isinstance(e, str)]
            if isinstance(raw.get("batch_done"), list) else [],
        )

    def add_card(self, event_id: str, incident_id: int) -> None:
        self.cards[event_id] = incident_id
        while len(self.cards) > MAX_CARDS:
            del self.cards[next(iter(self.cards))]

    def finished(self, event_id: str) -> None:
        """One more event of the current batch is done: say so on disk at once."""
        self.batch_done.append(event_id)
        self.save()

    def advance(self, next_batch: str | None) -> None:
        """The whole batch is done: resume after it from now on."""
        self.next_batch, self.batch_done = next_batch, []
        self.save()

    def save(self) -> None:
        data = {"next_batch": self.next_batch, "device_id": self.device_id, "cards": self.cards,
                "dm_rooms": self.dm_rooms, "last_report_id": self.last_report_id,
                "batch_done": self.batch_done}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(data, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.path)
        with contextlib.suppress(OSError):  # the directory entry too, where the OS allows
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
