"""A weekly time in the school's timezone (``monday 08:00``), and the period it starts.

Pure: no clock of its own, so the digest scheduler and its tests pass the time in.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import attrs

__all__ = ["WEEKDAYS", "Weekly", "parse_timezone", "parse_weekly"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: ``monday 08:00``, ``Mon 8:00``: a weekday (or its first three letters) and a 24-hour time.
_WEEKLY = re.compile(r"([a-z]{3,9})\s+([0-9]{1,2}):([0-9]{2})")


@attrs.frozen
class Weekly:
    """Once a week, on ``weekday`` (0 is Monday) at ``at``, in ``zone``."""

    weekday: int
    at: dt.time
    zone: dt.tzinfo = dt.UTC

    def latest(self, now: dt.datetime) -> dt.datetime:
        """The last scheduled time at or before ``now`` (aware, in the school's zone): the
        start of the period ``now`` is in."""
        local = now.astimezone(self.zone)
        day = local.date() - dt.timedelta(days=(local.weekday() - self.weekday) % 7)
        start = dt.datetime.combine(day, self.at, tzinfo=self.zone)
        if start > local:  # today is the day, but not yet the hour
            start = dt.datetime.combine(day - dt.timedelta(days=7), self.at, tzinfo=self.zone)
        return start

    def next_after(self, now: dt.datetime) -> dt.datetime:
        """The first scheduled time after ``now``: when the current period ends."""
        latest = self.latest(now)
        return dt.datetime.combine(latest.date() + dt.timedelta(days=7), self.at,
                                   tzinfo=self.zone)

    def describe(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.at:%H:%M}"


def parse_weekly(text: str, zone: dt.tzinfo = dt.UTC) -> Weekly | None:
    """``monday 08:00`` as a `Weekly`; None when it is not one (the caller names the key)."""
    found = _WEEKLY.fullmatch(text.strip().lower())
    if found is None:
        return None
    name, hour, minute = found.group(1), int(found.group(2)), int(found.group(3))
    days = [i for i, day in enumerate(WEEKDAYS) if day == name or day[:3] == name]
    if not days or hour > 23 or minute > 59:
        return None
    return Weekly(days[0], dt.time(hour, minute), zone)


def parse_timezone(name: str) -> dt.tzinfo | None:
    """An IANA zone (``Europe/London``) or ``UTC``; None when there is no such zone."""
    if name.strip().upper() == "UTC":
        return dt.UTC
    try:
        return zoneinfo.ZoneInfo(name.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
