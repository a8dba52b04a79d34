"""Moderation records and the data controller's duties: list incidents, export, erase."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table as RichTable

from civility._cli_config import CONFIG, load
from civility.store import Store, as_rows, open_store
from civility.store.reporter_key import reporter_hash_for

T = TypeVar("T")


def _with_store(config_path: Path | None, work: Callable[[Store], Awaitable[T]]) -> T:
    config = load(config_path)

    async def go() -> T:
        store = open_store(config.store.url)
        await store.open()
        try:
            return await work(store)
        finally:
            await store.close()

    return asyncio.run(go())


@click.command()
@CONFIG
@click.option("--member", help="Only this member (platform:id, as shown in the list).")
@click.option("--status", type=click.Choice(["open", "resolved", "dismissed"]))
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def incidents(config_path: Path | None, member: str | None, status: str | None, limit: int,
              as_json: bool) -> None:
    """List recorded incidents, newest first."""
    found = _with_store(config_path, lambda s: s.incidents(member_key=member, status=status,
                                                           limit=limit))
    if as_json:
        click.echo(json.dumps(as_rows(found), indent=2, ensure_ascii=False))
        return
    table = RichTable("#", "When", "Group", "Member", "Rules", "Action", "Status")
    for r in found:
        table.add_row(str(r.id), f"{r.time:%Y-%m-%d %H:%M}", r.chat_title or r.chat_id,
                      f"{r.member_name} ({r.member_key})", ", ".join(r.rule_ids) or r.source,
                      r.action, r.status)
    Console().print(table)


@click.command()
@CONFIG
@click.argument("member")
def export(config_path: Path | None, member: str) -> None:
    """Export everything kept about MEMBER (platform:id) as JSON (a subject access request)."""
    config = load(config_path)
    # The reports MEMBER made, found by the hash the reporter key (outside the store) makes.
    mine = reporter_hash_for(config.store.url, config.source, member)
    data: dict[str, Any] = _with_store(config_path,
                                       lambda s: s.export_member(member, reporter_hash=mine))
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.command()
@CONFIG
@click.argument("member")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase(config_path: Path | None, member: str, yes: bool) -> None:
    """Erase everything kept about MEMBER (platform:id): incidents, strikes, audit entries."""
    if not yes:
        click.confirm(f"Erase every record about {member}? This cannot be undone", abort=True)
    config = load(config_path)
    mine = reporter_hash_for(config.store.url, config.source, member)
    count = _with_store(config_path, lambda s: s.erase_member(member, reporter_hash=mine))
    click.echo(f"Erased {count} records about {member}.")
