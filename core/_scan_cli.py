"""`civility scan`: read, judge, and write the report in the chosen format."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table as RichTable

from civility._report_html import Pseudonyms
from civility._runner import build_engine
from civility._tables import ConfigError
from civility.config import Config
from civility.events import Message
from civility.scan import ScanReport, ScanRow, Skipped, reader_for, scan
from civility.store.memory import MemoryStore

#: Files larger than this get a progress bar (on a terminal).
PROGRESS_BYTES = 2 << 20


def _with_progress(messages: Iterator[Message], progress: Progress | None) -> Iterator[Message]:
    if progress is None:
        yield from messages
        return
    task = progress.add_task("scanning", total=None)
    for count, message in enumerate(messages, start=1):
        if count % 2000 == 0:
            progress.update(task, completed=count)
        yield message
    progress.update(task, total=progress.tasks[task].completed)


async def _scan(config: Config, file: Path, fmt: str, policies: tuple[str, ...] | None,
                out: IO[str], progress: Progress | None, options: Mapping[str, Any],
                members: set[str]) -> ScanReport:
    try:
        engine = build_engine(config, store=MemoryStore(), plugins=policies)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    engine.hooks.inline = True  # offline: judge on this thread, no hop per message
    skipped: list[Skipped] = []
    messages = _with_progress(reader_for(file, **options)(file, skipped), progress)
    flagged: list[ScanRow] = []
    total = 0
    await engine.store.open()
    async for row in scan(engine, messages):
        total += 1
        members.add(row.message.sender.label)  # for pseudonymising mentions in the report
        if fmt == "jsonl":
            if row.action == "none" and not row.rules:  # most rows: skip the full encoder
                out.write(f'{{"id": {json.dumps(row.id, ensure_ascii=False)}, "rules": [], '
                          f'"action": "none", "why": []}}\n')
            else:
                out.write(json.dumps({"id": row.id, "rules": list(row.rules),
                                      "action": row.action, "why": list(row.reasons)},
                                     ensure_ascii=False) + "\n")
        if row.rules or row.action != "none":
            flagged.append(row)
    await engine.store.close()
    return ScanReport(str(file), flagged, skipped, total, engine.rules)


def _text(report: ScanReport, out: IO[str], names: Pseudonyms | None = None) -> None:
    console = Console(file=out, highlight=False, soft_wrap=False, width=120)
    table = RichTable("Id", "From", "Message", "Rules", "Action", title="Flagged messages")
    for row in report.flagged:
        who, text = row.message.sender.label, row.message.all_text[:120]
        if names is not None:
            who, text = names.name(who), names.text(text)
        table.add_row(row.id, escape(who), escape(text), "\n".join(row.rules), row.action)
    if report.flagged:
        console.print(table)
    console.print(f"{report.total} messages read, {len(report.flagged)} flagged, "
                  f"{len(report.skipped)} skipped.")


def run_scan(config: Config, file: Path, *, fmt: str, policies: tuple[str, ...] | None,
             output: Path | None, pseudonymise: bool = False,
             reader_options: Mapping[str, Any] | None = None) -> None:
    # Each reader takes the options it declares (civility._readers); the rest are ignored.
    options = dict(reader_options or {})
    members: set[str] = set()
    out: IO[str] = output.open("w", encoding="utf-8") if output else sys.stdout
    show_bar = sys.stderr.isatty() and file.stat().st_size > PROGRESS_BYTES
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   TextColumn("{task.completed} messages"), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True) if show_bar else None
    try:
        with bar if bar is not None else contextlib.nullcontext():
            report = asyncio.run(_scan(config, file, fmt, policies, out, bar, options, members))
        if fmt == "text":
            _text(report, out, Pseudonyms(sorted(members)) if pseudonymise else None)
        elif fmt == "html":
            from civility._report_html import render_html

            rules = report.rules.values()
            out.write(render_html(report, clauses={r.id: r.clause for r in rules},
                                  titles={r.id: r.title for r in rules},
                                  pseudonymise=pseudonymise, members=sorted(members)))
    finally:
        if output:
            out.close()
    err = Console(stderr=True, highlight=False)
    for skip in report.skipped[:20]:
        err.print(f"[yellow]skipped {skip.where}: {skip.why}[/]")
    if len(report.skipped) > 20:
        err.print(f"[yellow]... and {len(report.skipped) - 20} more skipped[/]")
