"""`civility cases`: moderators see and manage cases from the command line, with the same words
as in chat (list, show, close, note, member; the choices' words in the timeline).

Reading never creates a store: with no database yet there are no cases to show.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table as RichTable

from civility import cases as case_mod
from civility._cli_config import CONFIG, load
from civility._records_cli import _with_store as _records_with_store
from civility._summary_cli import _day
from civility.config import Config
from civility.store import Store, StoreUnavailable

T = TypeVar("T")


def _with_store(config_path: Path | None, work: Callable[[Store], Awaitable[T]]) -> T:
    """Run ``work`` on the configured store; a store that cannot be reached is a one-line
    error naming the error's type (never its text: it may hold the URL's password)."""
    import sqlalchemy as sa

    try:
        return _records_with_store(load(config_path), work)
    except (OSError, sa.exc.SQLAlchemyError, StoreUnavailable) as exc:
        raise click.ClickException(f"the store could not be read ({type(exc).__name__})") from None


def store_exists(url: str) -> bool:
    """Whether the configured store is there to read (a SQLite file that exists, a server)."""
    if url.startswith("memory:"):
        return False
    import sqlalchemy as sa

    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise click.ClickException(f"store.url is not a database URL: {exc}") from None
    if parsed.get_backend_name() != "sqlite":
        return True
    database = parsed.database
    return bool(database) and database != ":memory:" and Path(str(database)).is_file()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _rules(config: Config) -> dict[str, Any]:
    from civility._runner import build_hooks

    try:
        return {r.id: r for r in build_hooks(config).rules()}
    except Exception as exc:  # a broken plugin must not hide the case: clauses go missing
        click.echo(f"(rules unavailable: {type(exc).__name__})", err=True)
        return {}


def _storable(text: str) -> str:
    """Text any database takes: undecodable bytes (lone surrogates) and NUL become U+FFFD."""
    return "".join("\ufffd" if ch == "\x00" or "\ud800" <= ch <= "\udfff" else ch for ch in text)


def _who(by: str | None) -> str:
    return _storable(by or f"cli:{getpass.getuser()}")[:300]


async def resolve_member(store: Store, member: str) -> str:
    """A member key (platform:id) as given, or the one member with this name in the records."""
    if ":" in member:
        return member
    wanted = member.casefold()
    keys = sorted({r.member_key for r in await store.incidents(limit=1_000_000)
                   if r.member_name.casefold() == wanted})
    if not keys:
        raise click.ClickException(f"no member called {member!r} in the records; "
                                   "give platform:id (see `civility cases list`)")
    if len(keys) > 1:
        raise click.ClickException(f"several members are called {member!r}: "
                                   f"{', '.join(keys)}; give one of these")
    return keys[0]


@click.group()
def cases() -> None:
    """Moderators' cases: list, show, close, add a note, a member's strike points."""


@cases.command("list")
@CONFIG
@click.option("--open", "open_only", is_flag=True, help="Only cases still open.")
@click.option("--group", help="Only this group (platform:id, id or title).")
@click.option("--rule", help="Only cases under this rule id.")
@click.option("--member", help="Only this member (platform:id, or a name in the records).")
@click.option("--since", help="Only cases from this day on (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
def list_cases(config_path: Path | None, open_only: bool, group: str | None, rule: str | None,
               member: str | None, since: str | None, limit: int) -> None:
    """List cases, newest first."""
    start = _day(since, "--since") if since else None
    config = load(config_path)
    if not store_exists(config.store.url):
        click.echo("No cases yet.")
        return

    async def work(store: Store) -> list[Any]:
        key = await resolve_member(store, member) if member else None
        return await case_mod.find_cases(store, open_only=open_only, chat=group, rule=rule,
                                         member_key=key, since=start, limit=limit)

    found = _with_store(config_path, work)
    if not found:
        click.echo("No cases match.")
        return
    table = RichTable("#", "When", "Group", "Member", "Rules", "Ladder", "Status")
    for r in found:
        table.add_row(str(r.id), f"{r.time:%Y-%m-%d %H:%M}", r.chat_title or r.chat_id,
                      f"{r.member_name} ({r.member_key})", ", ".join(r.rule_ids) or r.source,
                      r.action, case_mod.STATUS_WORDS.get(r.status, r.status))
    Console(width=160).print(table)


async def _read(store: Store, config: Config, number: int) -> case_mod.Case:
    found = await case_mod.read_case(store, number, rules=_rules(config), ladder=config.ladder,
                                     now=_now())
    if found is None:
        raise click.ClickException(f"no case #{number}")
    return found


@cases.command("show")
@CONFIG
@click.argument("number", type=int)
def show(config_path: Path | None, number: int) -> None:
    """The whole case: message, rules, evidence, history, the ladder's proposal, timeline."""
    config = load(config_path)
    if not store_exists(config.store.url):
        raise click.ClickException(f"no case #{number} (no records yet)")
    found = _with_store(config_path, lambda s: _read(s, config, number))
    click.echo(case_mod.render_case(found), nl=False)


@cases.command("close")
@CONFIG
@click.argument("number", type=int)
@click.option("--note", default="", help="Why the case is closed (kept as a moderator's note).")
@click.option("--by", help="Who closes it (default: cli:YOUR-LOGIN).")
def close(config_path: Path | None, number: int, note: str, by: str | None) -> None:
    """Close an open case."""
    config = load(config_path)
    if not store_exists(config.store.url):
        raise click.ClickException(f"no case #{number} (no records yet)")
    why = _with_store(config_path, lambda s: case_mod.close_case(
        s, number, moderator_key=_who(by), note=_storable(note.strip())[:500], time=_now()))
    if why:
        raise click.ClickException(why)
    click.echo(f"Case #{number} closed.")


@cases.command("note")
@CONFIG
@click.argument("number", type=int)
@click.argument("text", nargs=-1, required=True)
@click.option("--by", help="Who writes it (default: cli:YOUR-LOGIN).")
def note(config_path: Path | None, number: int, text: tuple[str, ...], by: str | None) -> None:
    """Add a moderator's note to a case (erased with the member's records and, like the
    message, after the retention period)."""
    from civility.moderation import MAX_NOTE

    words = _storable(" ".join(text).strip())
    if not words:
        raise click.BadParameter("write the note", param_hint="TEXT")
    config = load(config_path)
    if not store_exists(config.store.url):
        raise click.ClickException(f"no case #{number} (no records yet)")

    async def work(store: Store) -> bool:
        if await store.incident(number) is None:
            return False
        await store.add_note(number, _who(by), words[:MAX_NOTE], _now())
        return True

    if not _with_store(config_path, work):
        raise click.ClickException(f"no case #{number}")
    click.echo(f"Note added to case #{number}.")


@cases.command("member")
@CONFIG
@click.argument("member")
def member(config_path: Path | None, member: str) -> None:
    """A member's strike points now (decayed), where they stand on the ladder, their cases."""
    config = load(config_path)
    if not store_exists(config.store.url):
        click.echo(f"Nothing recorded about {member}.")
        return

    async def work(store: Store) -> case_mod.MemberState:
        key = await resolve_member(store, member)
        return await case_mod.member_state(store, key, ladder=config.ladder, now=_now())

    click.echo(case_mod.render_member(_with_store(config_path, work)), nl=False)


@cases.command("report")
@CONFIG
@click.argument("number", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default=None,
              help="Output format (default: from the -o file's extension, else text).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here instead of standard output.")
def report(config_path: Path | None, number: int, fmt: str | None, output: Path | None) -> None:
    """The incident report for the school's leadership, as a file (never names a reporter)."""
    from civility import case_report

    fmt = fmt or ("html" if output and output.suffix.lower() in (".html", ".htm") else "text")
    if output is not None and not output.parent.is_dir():
        raise click.ClickException(f"no such folder: {output.parent}")
    config = load(config_path)
    if not store_exists(config.store.url):
        raise click.ClickException(f"no case #{number} (no records yet)")
    found = _with_store(config_path, lambda s: _read(s, config, number))
    render = case_report.render_html if fmt == "html" else case_report.render_text
    text = render(found, config.school.name)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}: incident report #{number}.")


@cases.command("digest")
@CONFIG
@click.option("--days", default=7, show_default=True, type=click.IntRange(1, 366),
              help="How many days the digest covers.")
def digest(config_path: Path | None, days: int) -> None:
    """The weekly digest for the moderators' chat: open cases, the week, who is waiting.
    No message text, no names."""
    from civility.digest import render_digest, weekly_digest

    config = load(config_path)
    if not store_exists(config.store.url):
        click.echo("No cases yet: nothing to digest.")
        return
    found = _with_store(config_path, lambda s: weekly_digest(s, now=_now(), days=days))
    click.echo(render_digest(found), nl=False)
