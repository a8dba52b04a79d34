"""Moderation records and the data controller's duties: list incidents, export, erase.

These commands only read (or erase from) a store that exists: they say which store they read,
and never create an empty one by accident (a wrong ``--config`` or working folder would
otherwise answer "nothing recorded" with an empty new database).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import click
from rich.console import Console
from rich.table import Table as RichTable

from civility._cli_config import CONFIG, load
from civility._wording import action_words, rule_words
from civility.config import Config
from civility.store import Store, as_rows, open_store
from civility.store.reporter_key import reporter_hash_for

if TYPE_CHECKING:
    from civility._hooks import Hooks

T = TypeVar("T")


def sqlite_file(url: str) -> Path | None:
    """The database file of an SQLite URL (None for other stores or an in-memory SQLite)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).resolve()


def describe_store(url: str) -> str:
    """The store as a person can check it: the file, or the URL without its password."""
    if url.startswith("memory:"):
        return "an in-memory store (nothing is kept)"
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _with_store(config: Config, work: Callable[[Store], Awaitable[T]]) -> T:
    """Open the configured store (refusing to create one), run ``work``, close it."""
    url = config.store.url
    path = sqlite_file(url)
    where = f"[store] url in {config.source}" if config.source != "<defaults>" \
        else "the default [store] url"
    if path is not None and not path.exists():
        raise click.ClickException(
            f"no store at {path} ({where}): nothing has been recorded there yet. "
            "Run this in the folder where `civility run` runs, or give the same --config.")
    click.echo(f"Store: {describe_store(url)}", err=True)

    async def go() -> T:
        store = open_store(url)
        await store.open()
        try:
            return await work(store)
        finally:
            await store.close()

    return asyncio.run(go())


async def members_in(store: Store) -> dict[str, set[str]]:
    """Every member key with records in the store → the names they were recorded under."""
    found: dict[str, set[str]] = {}
    for record in await store.incidents(limit=10**9):
        found.setdefault(record.member_key, set()).add(record.member_name)
    for entry in await store.audit_trail(limit=10**9):
        if entry.get("member_key"):
            found.setdefault(str(entry["member_key"]), set())
    return found


def resolve_member(query: str, members: dict[str, set[str]]) -> str:
    """The member key that ``query`` means: a key (any case), ``platform:name`` or a name.
    Several matches or none: a click error that lists the candidates or says what to try."""
    if query in members:
        return query
    wanted = query.strip().casefold()
    platform, sep, rest = wanted.partition(":")
    matches = []
    for key, names in sorted(members.items()):
        key_platform, _, key_id = key.partition(":")
        forms = {key.casefold(), key_id.casefold(), *(n.casefold() for n in names)}
        if wanted in forms or (sep and platform == key_platform.casefold()
                               and rest in {key_id.casefold(), *(n.casefold() for n in names)}):
            matches.append(key)
    if len(matches) == 1:
        return matches[0]
    if matches:
        listing = "\n".join(f"  {k} ({', '.join(sorted(members[k])) or 'no name kept'})"
                            for k in matches)
        raise click.ClickException(f"{query!r} matches several members; give one of these "
                                   f"keys:\n{listing}")
    raise click.ClickException(f"no records about {query!r} in this store (give a member key "
                               "like console:chris, or a name, as `civility incidents` shows)")


def _resolved(store: Store, query: str) -> Awaitable[str]:
    async def go() -> str:
        return resolve_member(query, await members_in(store))
    return go()


async def _data_subject(store: Store, query: str, config: Config) -> tuple[str, str | None]:
    """The member key ``query`` means, and the hash their reports carry. A member who only
    ever reported has no incidents to be found by: their exact key still finds their reports."""
    try:
        key = await _resolved(store, query)
    except click.ClickException:
        key = query.strip()
        mine = reporter_hash_for(config.store.url, config.source, key)
        if ":" not in key or mine is None or not (
                await store.export_member(key, reporter_hash=mine)).get("reports_made"):
            raise
        return key, mine
    return key, reporter_hash_for(config.store.url, config.source, key)


@click.command()
@CONFIG
@click.option("--member", help="Only this member (a key like console:chris, or a name).")
@click.option("--status", type=click.Choice(["open", "resolved", "dismissed"]),
              help="Only incidents with this status.")
@click.option("--limit", default=50, show_default=True, help="At most this many incidents.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def incidents(config_path: Path | None, member: str | None, status: str | None, limit: int,
              as_json: bool) -> None:
    """List recorded incidents, newest first."""
    config = load(config_path)

    async def work(store: Store) -> list[Any]:
        key = await _resolved(store, member) if member else None
        return await store.incidents(member_key=key, status=status, limit=limit)

    found = _with_store(config, work)
    if as_json:
        click.echo(json.dumps(as_rows(found), indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("No incidents recorded.")
        return
    titles = _rule_titles()
    table = RichTable("#", "When", "Group", "Member", "Why", "What was decided", "Status")
    for r in found:
        why = ", ".join(rule_words(rule_id, titles) for rule_id in r.rule_ids) \
            or _source_words(r.source)
        table.add_row(str(r.id), f"{r.time:%Y-%m-%d %H:%M}", r.chat_title or r.chat_id,
                      f"{r.member_name} ({r.member_key})", why,
                      action_words(r.steps, r.pending, r.action), r.status)
    Console().print(table)


def _rule_titles() -> dict[str, str]:
    """Rule id → title from the installed policies (a record may outlive its policy)."""
    from civility._hooks import Hooks
    from civility._plugins import make_manager

    return {rule.id: rule.title for rule in Hooks(make_manager()).rules()}


def _source_words(source: str) -> str:
    return {"member": "reported by a member", "platform": "reported on the platform",
            "moderator": "a moderator's command"}.get(source, source)


#: Statuses of a case that is over; any other (open, appealed...) is still being handled.
FINISHED = frozenset({"resolved", "dismissed"})


@attrs.frozen
class KeptCase:
    """A case erasure must keep for now, and why (said to whoever asked for the erasure)."""

    id: int
    group: str
    rules: tuple[str, ...]
    since: dt.datetime
    why: str

    def describe(self) -> str:
        rules = ", ".join(self.rules) or "a member's report"
        return f"case #{self.id} in {self.group} ({rules}, since {self.since:%Y-%m-%d}): {self.why}"


async def kept_cases(store: Store, member_key: str) -> list[KeptCase]:
    """The member's cases that must stay until they are dealt with: open ones (moderators or
    an appeal still to decide) and those whose incident report still waits for the school's
    mail server (erasing it would mean the school never hears)."""
    waiting = {e.incident_id for e in await store.outbox(member_key=member_key, limit=10**9)
               if e.status == "waiting"}
    kept = []
    for r in sorted(await store.incidents(member_key=member_key, limit=10**9), key=lambda r: r.id):
        # Open and with the moderators (a card, a step waiting for them): a case handled by
        # the rules alone stays "open" without anyone to answer it, and is not kept.
        if r.status not in FINISHED and (r.pending or await store.card_sent(r.id)):
            why = (f"the case is still {r.status}; close it first "
                   f"(civility cases close {r.id}), then erase again")
        elif r.id in waiting:
            why = ("its incident report to the school is still waiting for the mail server; "
                   "erase again once it is sent")
        else:
            continue
        kept.append(KeptCase(r.id, r.chat_title or r.chat_id, r.rule_ids, r.time, why))
    return kept


def plugin_settings(config: Config) -> dict[str, Mapping[str, Any]]:
    """Each plugin's settings, for the data hooks; the learning folder even when learning is
    now off, so that what was kept while it was on is still found."""
    settings: dict[str, Mapping[str, Any]] = {k: dict(v) for k, v in config.plugin_settings.items()}
    iqra = dict(settings.get("iqra", {}))
    iqra.setdefault("learning_folder", str(config.learning.folder(config)))
    settings["iqra"] = iqra
    return settings


def _hooks(config: Config) -> Hooks | None:
    from civility._runner import build_hooks

    try:
        return build_hooks(config)
    except Exception as exc:  # a broken plugin must not stop an erasure of the store
        click.echo(f"Plugins unavailable ({type(exc).__name__}): their data is not included.",
                   err=True)
        return None


@click.command()
@CONFIG
@click.argument("member")
def export(config_path: Path | None, member: str) -> None:
    """Export everything kept about MEMBER as JSON (a subject access request): cases, strikes,
    decisions, notes, incident reports, audit entries, the reports they made and what the
    plugins keep (under "plugins").

    MEMBER is a key like console:chris (as `civility incidents` shows) or a name; a name
    that several members share lists their keys."""
    config = load(config_path)

    async def work(store: Store) -> dict[str, Any]:
        # The reports MEMBER made are found by the hash the reporter key (outside the store)
        # makes for them.
        key, mine = await _data_subject(store, member, config)
        data = await store.export_member(key, reporter_hash=mine)
        hooks = _hooks(config)
        if hooks is not None:
            cases = [int(r["id"]) for r in data.get("incidents", [])]
            data["plugins"], failed = hooks.export_member(key, cases, plugin_settings(config))
            if failed:
                data["plugins_failed"] = failed
        return data

    data = _with_store(config, work)
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.command()
@CONFIG
@click.argument("member")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--including-open", is_flag=True,
              help="Erase the open cases too (the school has weighed them against the request).")
def erase(config_path: Path | None, member: str, yes: bool, including_open: bool) -> None:
    """Erase everything kept about MEMBER: cases, strikes, decisions, notes, incident reports,
    audit entries, the reports they made and what the plugins keep. A case still open (or
    whose report still waits for the school) is kept, and listed with the reason, unless
    --including-open.

    MEMBER is a key like console:chris or a name, as for `export`."""
    config = load(config_path)

    async def find(store: Store) -> tuple[str, str | None, list[KeptCase], list[int]]:
        key, mine = await _data_subject(store, member, config)
        kept = await kept_cases(store, key)
        spared = {k.id for k in kept}
        going = [r.id for r in await store.incidents(member_key=key, limit=10**9)
                 if r.id not in spared]
        return key, mine, kept, going

    key, mine, kept, going = _with_store(config, find)
    if kept and including_open:
        click.echo(f"Erasing these open cases about {key} too (--including-open):")
        for case in kept:
            click.echo(f"  case #{case.id} in {case.group}")
        going, kept = sorted([*going, *(k.id for k in kept)]), []
    elif kept:
        click.echo(f"These records about {key} must be kept for now, with everything about "
                   "them:")
        for case in kept:
            click.echo(f"  {case.describe()}")
    if not yes:
        rest = "every other record" if kept else "every record"
        click.confirm(f"Erase {rest} about {key}? This cannot be undone", abort=True)
    hooks = _hooks(config)
    by_plugin: dict[str, int] = {}
    failed: list[str] = []
    if hooks is not None:
        by_plugin, failed = hooks.erase_member(key, going, plugin_settings(config))
    count = _with_store(config, lambda s: s.erase_member(
        key, reporter_hash=mine, keep_cases=[k.id for k in kept]))
    extra = "".join(f" and {n} kept by the {name} plugin" for name, n in sorted(by_plugin.items())
                    if n)
    click.echo(f"Erased {count} records about {key}{extra}.")
    if kept:
        click.echo(f"Kept {len(kept)} case(s) listed above; erase again once they are closed.")
    for plugin in failed:
        click.echo(f"The {plugin} plugin could not erase its data: finish by hand.", err=True)
