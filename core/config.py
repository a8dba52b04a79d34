"""The configuration file: one TOML file, validated once at start-up.

Core sections are read here; each platform's table is kept as a `Table` and read by its adapter
(validation at the edge that knows what the keys mean).
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from civility._platforms import check_sections
from civility._schedule import Weekly, parse_timezone, parse_weekly
from civility._tables import ConfigError, Secret, Table, read_toml

__all__ = ["Config", "ConfigError", "ConfirmSettings", "LadderSettings", "Mode", "School",
           "Secret", "chat_mode", "load_config"]


class Mode(enum.StrEnum):
    ENFORCE = "enforce"  # act on the platform
    ADVISE = "advise"  # decide, record and report; never act on the platform


#: What a group's own ``mode`` may say ("live" is "enforce", the name of `[policy] mode`).
MODE_WORDS: Mapping[str, Mode] = {"enforce": Mode.ENFORCE, "advise": Mode.ADVISE,
                                  "live": Mode.ENFORCE}


def chat_mode(table: Table, key: str = "mode") -> Mode | None:
    """A group table's own ``mode`` (None when it has none: ``[policy] mode`` applies)."""
    if key not in table.data:
        return None
    return MODE_WORDS[table.str(key, choices=list(MODE_WORDS))]


@attrs.frozen
class School:
    name: str = "the school"
    #: Where members raise concerns about the group, in confidence (the school office).
    contact_email: str = ""
    #: Who to speak to about an individual concern, before the group.
    concerns_route: str = "the class teacher or, where necessary, the Headteacher"
    #: Who receives incident reports (the senior leadership team); empty: moderators only.
    leadership_email: str = ""
    #: The school's timezone (an IANA name): the digest's day and hour are the school's.
    timezone: str = "UTC"
    #: When `civility run` posts the weekly digest in each moderators' chat (off: None).
    digest: Weekly | None = None


@attrs.frozen
class LadderSettings:
    #: Strike points halve after this many days without a new breach.
    half_life_days: float = 30.0
    caution_at: float = 3.0
    review_at: float = 5.0
    propose_removal_at: float = 8.0
    #: Verdicts less sure than this only ask moderators; they never act on their own.
    min_confidence: float = 0.6
    #: Removal, mute and incident reports wait for a moderator (the policy leaves removal to them).
    confirm_serious: bool = True
    #: How long a mute lasts when a moderator chooses it.
    mute_hours: float = 24.0


@attrs.frozen
class ConfirmSettings:
    """``[policy.ladder] confirm`` and ``confirm_groups``: the school's, not a policy file's
    (a policy's ladder cannot take a second moderator away)."""

    #: Moderators' choices that wait for a second, different moderator to confirm them with
    #: the same word (``confirm = ["remove", "escalate"]``), as choice values; every group.
    confirm: tuple[str, ...] = ()
    #: Per group (its key, ``platform:id``): the group's own list instead of ``confirm``.
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def confirm_in(self, chat_key: str) -> tuple[str, ...]:
        """The choices that wait for a second moderator in this group."""
        return next((c for key, c in self.groups if key == chat_key), self.confirm)


@attrs.frozen
class StoreSettings:
    url: str = "sqlite:///civility.db"
    #: Days an incident's message text is kept; afterwards it is erased, the incident stays.
    retention_days: int = 90


@attrs.frozen
class LearningSettings:
    """``[learning]``: whether moderators' decisions teach a school model (off by default)."""

    enabled: bool = False
    #: Folder for the school's examples and model; empty: next to the store (SQLite file) or
    #: the config file.
    path: str = ""

    def folder(self, config: Config) -> Path:
        if self.path:
            return Path(self.path)
        url = config.store.url
        if url.startswith("sqlite") and ":///" in url and ":memory:" not in url:
            return Path(url.split(":///", 1)[1]).parent
        return Path(config.source).parent if config.source != "<defaults>" else Path(".")


@attrs.frozen
class SmtpSettings:
    host: str
    port: int = 587
    sender: str = ""
    username: str = ""
    password: Secret | None = None
    starttls: bool = True


@attrs.frozen
class SecondOpinionSettings:
    """``[second_opinion]``: a language model asked about verdicts the policies are unsure of."""

    #: An OpenAI-compatible API: its base URL (``http://127.0.0.1:11434/v1``) or the full
    #: ``.../chat/completions`` URL.
    url: str
    model: str
    api_key: Secret | None = None
    timeout_seconds: float = 10.0
    #: Ask about verdicts with ask_above <= confidence < ask_below; None: the ladder's
    #: min_confidence (only verdicts that would not act on their own).
    ask_below: float | None = None
    ask_above: float = 0.0
    #: Answers remembered, by a hash of the text (never the text itself).
    cache_size: int = 1024


@attrs.frozen
class Config:
    school: School = School()
    plugins: tuple[str, ...] = ("iqra",)
    mode: Mode = Mode.ENFORCE
    ladder: LadderSettings = LadderSettings()
    #: Per-plugin settings: ``[policy.settings.iqra]`` → ``{"iqra": {...}}``.
    plugin_settings: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    store: StoreSettings = StoreSettings()
    smtp: SmtpSettings | None = None
    #: Policies written as TOML files (``[policy] files``), relative to the config file.
    policy_files: tuple[Path, ...] = ()
    learning: LearningSettings = LearningSettings()
    #: Choices that wait for a second moderator (``[policy.ladder] confirm``).
    confirm: ConfirmSettings = ConfirmSettings()
    #: Platform tables, read by each adapter's own config reader.
    platforms: Mapping[str, Table] = attrs.field(factory=dict)
    source: str = "<defaults>"
    #: Off (None) unless the file has a ``[second_opinion]`` table.
    second_opinion: SecondOpinionSettings | None = None


def _school(table: Table) -> School:
    table.no_other_keys("name", "contact_email", "concerns_route", "leadership_email",
                        "timezone", "digest")
    default = School()
    timezone = table.str("timezone", default.timezone)
    zone = parse_timezone(timezone)
    if zone is None:
        table.report("timezone", "an IANA timezone like \"Europe/London\", or \"UTC\"", timezone)
    digest = None
    if "digest" in table.data:
        when = table.str("digest")
        digest = parse_weekly(when, zone or dt.UTC)
        if digest is None:
            table.report("digest", "a weekday and a 24-hour time like \"monday 08:00\"", when)
    return School(
        name=table.str("name", default.name),
        contact_email=table.str("contact_email", ""),
        concerns_route=table.str("concerns_route", default.concerns_route),
        leadership_email=table.str("leadership_email", ""),
        timezone=timezone, digest=digest,
    )


def _ladder(table: Table) -> LadderSettings:
    fields = [f.name for f in attrs.fields(LadderSettings)]
    table.no_other_keys(*fields, *CONFIRM_KEYS)
    d = LadderSettings()
    ladder = LadderSettings(
        half_life_days=table.float("half_life_days", d.half_life_days, minimum=0.1),
        caution_at=table.float("caution_at", d.caution_at),
        review_at=table.float("review_at", d.review_at),
        propose_removal_at=table.float("propose_removal_at", d.propose_removal_at),
        min_confidence=table.float("min_confidence", d.min_confidence),
        confirm_serious=table.bool("confirm_serious", d.confirm_serious),
        mute_hours=table.float("mute_hours", d.mute_hours, minimum=0.01),
    )
    if not ladder.caution_at <= ladder.review_at <= ladder.propose_removal_at:
        table.report("caution_at", "caution_at <= review_at <= propose_removal_at")
        return attrs.evolve(ladder, caution_at=d.caution_at, review_at=d.review_at,
                            propose_removal_at=d.propose_removal_at)
    if ladder.min_confidence > 1:
        table.report("min_confidence", "a number between 0 and 1", ladder.min_confidence)
        return attrs.evolve(ladder, min_confidence=d.min_confidence)
    return ladder


CONFIRM_KEYS = ("confirm", "confirm_groups")


def _second_moderator(table: Table) -> ConfirmSettings:
    groups = table.table("confirm_groups")
    return ConfirmSettings(confirm=_confirm(table, "confirm"),
                           groups=tuple((key, _confirm(groups, key)) for key in groups.data))


def _confirm(table: Table, key: str) -> tuple[str, ...]:
    """A list of moderators' choice words (any alias: remove, kick, escalate...), as values."""
    from civility.moderation import choice_of, valid_words

    chosen = []
    for word in table.strings(key, []):
        choice = choice_of(word)
        if choice is None:
            table.report(key, f"choices of {', '.join(valid_words())}", word)
            return ()
        chosen.append(choice.value)
    return tuple(dict.fromkeys(chosen))


def _smtp(table: Table) -> SmtpSettings | None:
    if not isinstance(table.data, Mapping) or not table.data:
        return None
    table.no_other_keys("host", "port", "sender", "username", "password", "starttls")
    return SmtpSettings(
        host=table.str("host"),
        port=table.int("port", 587, minimum=1),
        sender=table.str("sender"),
        username=table.str("username", ""),
        password=table.secret("password", required=False),
        starttls=table.bool("starttls", True),
    )


def _learning(table: Table) -> LearningSettings:
    table.no_other_keys("enabled", "path")
    return LearningSettings(enabled=table.bool("enabled", False), path=table.str("path", ""))


def _second_opinion(table: Table) -> SecondOpinionSettings | None:
    if not table.data:
        return None
    table.no_other_keys("enabled", "url", "model", "api_key", "timeout_seconds", "ask_below",
                        "ask_above", "cache_size")
    if not table.bool("enabled", True):
        return None
    url = table.str("url")
    if not url.startswith(("http://", "https://")):
        table.report("url", "an http:// or https:// URL", url)
    below = table.float("ask_below") if "ask_below" in table.data else None
    above = table.float("ask_above", 0.0)
    if (below is not None and below > 1) or above > 1:
        table.report("ask_below" if below is not None and below > 1 else "ask_above",
                     "a confidence between 0 and 1")
    elif below is not None and above >= below:
        table.report("ask_above", f"less than ask_below ({below:g})", above)
    if importlib.util.find_spec("aiohttp") is None:
        table.report("url", "aiohttp to be installed (pip install 'civility[llm]')")
    return SecondOpinionSettings(
        url=url, model=table.str("model"), api_key=table.secret("api_key", required=False),
        timeout_seconds=table.float("timeout_seconds", 10.0, minimum=0.1),
        ask_below=below, ask_above=above,
        cache_size=table.int("cache_size", 1024, minimum=0))


def parse_config(data: Mapping[str, Any], file: str, env: Mapping[str, str] | None = None) -> Config:
    """Validate the core sections; every problem in them is reported at once."""
    problems: list[ConfigError] = []
    root = Table(data, "", file, os.environ if env is None else env, problems)
    # Platform sections are those the installed platforms declare (civility._platforms).
    sections = check_sections(root.data, file, problems=problems)
    policy = root.table("policy")
    policy.no_other_keys("plugins", "mode", "ladder", "settings", "files")
    settings = policy.table("settings")
    plugin_settings = {name: dict(settings.table(name).data) for name in settings.data}
    store = root.table("store")
    store.no_other_keys("url", "retention_days")
    store_default = StoreSettings()
    # Platform tables are read later by their adapters, which raise their own errors.
    platforms = {n: attrs.evolve(root.table(n), problems=None) for n in sections}
    config = Config(
        school=_school(root.table("school")),
        plugins=tuple(policy.strings("plugins", ["iqra"])),
        mode=Mode(policy.str("mode", "enforce", choices=[m.value for m in Mode])),
        ladder=_ladder(policy.table("ladder")),
        confirm=_second_moderator(policy.table("ladder")),
        plugin_settings=plugin_settings,
        store=StoreSettings(
            url=store.str("url", store_default.url),
            retention_days=store.int("retention_days", store_default.retention_days, minimum=1),
        ),
        smtp=_smtp(root.table("smtp")),
        policy_files=tuple(_beside(file, name) for name in policy.strings("files", [])),
        learning=_learning(root.table("learning")),
        platforms=platforms,
        source=file,
        second_opinion=_second_opinion(root.table("second_opinion")),
    )
    if problems:
        raise ConfigError.combine(problems)
    if config.learning.enabled:  # the Iqra policy (the one that learns) finds its model there
        folder = str(config.learning.folder(config))
        config = attrs.evolve(config, plugin_settings={
            **config.plugin_settings,
            "iqra": {**config.plugin_settings.get("iqra", {}), "learning_folder": folder}})
    return config


def _beside(config_file: str, name: str) -> Path:
    """A path named in the config, taken relative to the config file's folder."""
    path = Path(name).expanduser()
    return path if path.is_absolute() else Path(config_file).parent / path


def load_config(path: Path | None, env: Mapping[str, str] | None = None) -> Config:
    """Read and validate the file; no file means the embedded defaults (console, SQLite)."""
    if path is None:
        return Config()
    return parse_config(read_toml(path), str(path), env)
