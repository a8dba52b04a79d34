"""The safety plugin's settings, from ``[policy.settings.safety]``, read once per config.

Every key is optional; a group can override any of them in
``[policy.settings.safety.groups."PLATFORM:CHAT_ID"]`` (for example quiet hours for one class).
A mistake in the table is logged once, naming the key, and the defaults are used instead, so a
typo never stops moderation.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import zoneinfo
from collections.abc import Mapping
from typing import Any

import attrs
import structlog

from civility._tables import ConfigError, Table
from civility.context import PolicyContext
from civility.events import Message

log = structlog.get_logger()

KEYS = ("enabled", "acknowledge", "trusted_domains", "blocked_domains", "school_domain", "school_phones",
        "official_channel", "flood_messages", "flood_seconds", "repeat_messages",
        "repeat_minutes", "quiet_hours", "timezone", "model", "groups")
_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


def phone_digits(number: str) -> str:
    """A UK phone number as its national digits (``+44 1753 123456`` -> ``01753123456``)."""
    digits = "".join(c for c in number if c.isdigit())
    if digits.startswith("44") and len(digits) >= 12:
        digits = "0" + digits[2:]
    return digits


@attrs.frozen
class QuietHours:
    start: dt.time
    end: dt.time
    zone: dt.tzinfo
    text: str

    def night_of(self, when: dt.datetime) -> dt.date | None:
        """The date the quiet night containing ``when`` began on, or None outside quiet hours."""
        local = when.astimezone(self.zone)
        now = local.time()
        if self.start <= self.end:  # a daytime span, "13:00-14:00"
            return local.date() if self.start <= now < self.end else None
        if now >= self.start:
            return local.date()
        if now < self.end:
            return local.date() - dt.timedelta(days=1)
        return None


@attrs.frozen
class SafetySettings:
    enabled: bool = True
    #: The acknowledgement gate: members who join must agree to the code of conduct before
    #: their messages stay up (held for moderators until then). Off by default.
    acknowledge: bool = False
    trusted_domains: tuple[str, ...] = ()
    blocked_domains: tuple[str, ...] = ()
    #: The school's own web domain: links there are trusted, look-alikes of it are scams.
    school_domain: str = ""
    #: Published school numbers (office, reception): never personal data.
    school_phones: frozenset[str] = frozenset()
    #: Where official news comes from, for the misinformation nudge.
    official_channel: str = "the school's own letters, texts and website"
    flood_messages: int = 5
    flood_seconds: float = 60.0
    repeat_messages: int = 3
    repeat_minutes: float = 10.0
    quiet_hours: QuietHours | None = None
    #: The learned model beside the content rules (`civility.plugins.safety.learned`).
    model: bool = True
    #: Overrides per chat key (``telegram:-100123``).
    groups: Mapping[str, SafetySettings] = attrs.field(factory=dict)
    #: The flood windows as spans, made once (the flood rule needs them for every message).
    flood_span: dt.timedelta = attrs.field(init=False, eq=False, repr=False)
    repeat_span: dt.timedelta = attrs.field(init=False, eq=False, repr=False)

    @flood_span.default
    def _flood_span(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.flood_seconds)

    @repeat_span.default
    def _repeat_span(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.repeat_minutes)

    def for_chat(self, chat_key: str) -> SafetySettings:
        return self.groups.get(chat_key, self)


DEFAULTS = SafetySettings()


def _domains(table: Table, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    if key not in table.data:
        return default
    return tuple(d.strip().lower().removeprefix("www.") for d in table.strings(key) if d.strip())


def _quiet(table: Table, base: SafetySettings) -> QuietHours | None:
    zone_name = table.str("timezone", "Europe/London")
    try:
        zone: dt.tzinfo = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise table.error("timezone", "an IANA time zone such as Europe/London", zone_name) from exc
    if "quiet_hours" not in table.data:
        if "timezone" in table.data and base.quiet_hours is not None:
            return attrs.evolve(base.quiet_hours, zone=zone)
        return base.quiet_hours
    raw = table.data["quiet_hours"]
    if raw is False or raw == "":
        return None
    m = _HOURS.match(raw) if isinstance(raw, str) else None
    if m is None:
        raise table.error("quiet_hours", '"HH:MM-HH:MM" such as "21:00-07:00", or false', raw)
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    return QuietHours(dt.time(h1, m1), dt.time(h2, m2), zone, raw)


def parse(table: Table, base: SafetySettings = DEFAULTS, *, top: bool = True) -> SafetySettings:
    """Settings from one table, on top of ``base``; raises `ConfigError` naming the key."""
    table.no_other_keys(*(KEYS if top else tuple(k for k in KEYS if k != "groups")))
    phones = base.school_phones
    if "school_phones" in table.data:
        phones = frozenset(phone_digits(p) for p in table.strings("school_phones"))
    settings = SafetySettings(
        enabled=table.bool("enabled", base.enabled),
        acknowledge=table.bool("acknowledge", base.acknowledge),
        trusted_domains=_domains(table, "trusted_domains", base.trusted_domains),
        blocked_domains=_domains(table, "blocked_domains", base.blocked_domains),
        school_domain=table.str("school_domain", base.school_domain).lower().removeprefix("www."),
        school_phones=phones,
        official_channel=table.str("official_channel", base.official_channel),
        flood_messages=table.int("flood_messages", base.flood_messages, minimum=1),
        flood_seconds=table.float("flood_seconds", base.flood_seconds, minimum=1.0),
        repeat_messages=table.int("repeat_messages", base.repeat_messages, minimum=2),
        repeat_minutes=table.float("repeat_minutes", base.repeat_minutes, minimum=0.1),
        quiet_hours=_quiet(table, base),
        model=table.bool("model", base.model),
    )
    if top:
        groups = table.table("groups")
        settings = attrs.evolve(settings, groups={
            key: parse(groups.table(key), settings, top=False) for key in groups.data})
    return settings


_cache: dict[int, tuple[Mapping[str, Any], SafetySettings]] = {}
_lock = threading.Lock()


def settings_from(raw: Mapping[str, Any]) -> SafetySettings:
    """The parsed settings for a ``[policy.settings.safety]`` mapping (parsed once per mapping)."""
    if not raw:
        return DEFAULTS
    hit = _cache.get(id(raw))
    if hit is not None and hit[0] is raw:
        return hit[1]
    try:
        parsed = parse(Table(raw, "policy.settings.safety", "config", {}))
    except ConfigError as exc:
        log.error("safety_settings_invalid", error=str(exc), using="defaults")
        parsed = DEFAULTS
    with _lock:
        if len(_cache) > 64:  # a handful of configs per process; bounded all the same
            _cache.clear()
        _cache[id(raw)] = (raw, parsed)
    return parsed


def validate(raw: Mapping[str, Any], file: str = "config") -> None:
    """Raise `ConfigError` for a bad table (for start-up checks and tests)."""
    parse(Table(raw, "policy.settings.safety", file, {}))


def chat_settings(message: Message, context: PolicyContext) -> SafetySettings:
    """The guards' settings for the message's chat (the school's, with its group's overrides)."""
    base = settings_from(context.settings_for("safety"))
    return base.for_chat(message.chat.key) if base.groups else base
