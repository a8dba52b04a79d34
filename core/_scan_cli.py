"""`civility scan`: read, judge, and write the report in the chosen format."""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import attrs
import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table as RichTable

from civility import _scan_jobs
from civility._pseudonyms import Pseudonyms
from civility._runner import build_engine
from civility._tables import ConfigError
from civility.config import Config
from civility.events import Message
from civility.scan import ScanReport, ScanRow, Skipped, reader_for
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


#: A flagged row keeps this much of its message (reports show at most 500 characters), so
#: memory grows only slowly with the number of flagged messages.
KEPT_TEXT_CHARS = 1_000


def _kept(row: ScanRow) -> ScanRow:
    message = row.message
    if len(message.text) <= KEPT_TEXT_CHARS and all(
            len(a.caption) <= KEPT_TEXT_CHARS for a in message.attachments):
        return row
    attachments = tuple(attrs.evolve(a, caption=a.caption[:KEPT_TEXT_CHARS], data=None)
                        for a in message.attachments)
    return attrs.evolve(row, message=attrs.evolve(
        message, text=message.text[:KEPT_TEXT_CHARS], attachments=attachments))


def _jsonl_row(row: ScanRow, names: Pseudonyms | None) -> str:
    if row.action == "none" and not row.rules:  # most rows: skip the full encoder
        return (f'{{"id": {json.dumps(row.id, ensure_ascii=False)}, "rules": [], '
                f'"action": "none", "why": []}}\n')
    why = [names.text(x) for x in row.reasons] if names is not None else list(row.reasons)
    return json.dumps({"id": row.id, "rules": list(row.rules), "action": row.action,
                       "why": why}, ensure_ascii=False) + "\n"


def members_of(file: Path, options: Mapping[str, Any]) -> Pseudonyms:
    """Every sender of the file, numbered in order of first appearance (a first pass, so that
    a name is hidden even where it is mentioned before its owner first writes)."""
    names = Pseudonyms()
    for message in reader_for(file, **options)(file, []):
        names.name(message.sender.label)
    return names


async def _scan(config: Config, file: Path, fmt: str, policies: tuple[str, ...] | None,
                out: IO[str], progress: Progress | None, options: Mapping[str, Any],
                names: Pseudonyms | None, jobs: int = 1) -> ScanReport:
    try:
        engine = build_engine(config, store=MemoryStore(), plugins=policies)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    engine.hooks.inline = True  # offline: judge on this thread, no hop per message
    engine.scan_only = True  # nothing is done and the store is thrown away: no records
    skipped: list[Skipped] = []
    messages = _with_progress(reader_for(file, **options)(file, skipped), progress)
    flagged: list[ScanRow] = []
    total = 0
    await engine.store.open()
    # Judged a batch at a time, in worker processes for a large file (one job: in this one).
    if _size(file) < _scan_jobs.PARALLEL_BYTES:
        jobs = 1
    rows = _scan_jobs.scan_in_jobs(engine, messages, jobs)
    async for row in rows:
        total += 1
        if names is not None:
            names.name(row.message.sender.label)
            for person, kind in row.people:
                names.person(person, kind)
        if fmt == "jsonl":
            out.write(_jsonl_row(row, names))
        if row.rules or row.action != "none":
            flagged.append(_kept(row))
    await engine.store.close()
    return ScanReport(str(file), flagged, skipped, total, engine.rules)


def _text(report: ScanReport, out: IO[str], names: Pseudonyms | None = None) -> None:
    console = Console(file=out, highlight=False, soft_wrap=False, width=120)
    table = RichTable("Id", "From", "Message", "Rules", "Action", title="Flagged messages")
    for row in report.flagged:
        who, text = row.message.sender.label, row.message.all_text
        if names is not None:  # before cutting, so no name is cut in two and missed
            who, text = names.name(who), names.text(text)
        text = text[:120]
        table.add_row(row.id, escape(who), escape(text), "\n".join(row.rules), row.action)
    if report.flagged:
        console.print(table)
    console.print(summary_line(report))


#: The report format an ``-o`` file's extension asks for, when ``--format`` is not given.
FORMAT_BY_SUFFIX = {".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "jsonl",
                    ".ndjson": "jsonl", ".txt": "text", ".text": "text"}


def report_format(fmt: str | None, output: Path | None) -> str:
    """``--format`` when given, else what the ``-o`` file's extension says, else text."""
    if fmt:
        return fmt
    if output is not None:
        return FORMAT_BY_SUFFIX.get(output.suffix.lower(), "text")
    return "text"


def policy_names(values: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """``--policy`` values, repeated or comma-separated (``--policy a,b --policy c``)."""
    names = tuple(dict.fromkeys(
        name.strip() for value in values or () for name in value.split(",") if name.strip()))
    return names or None


def check_policies(names: tuple[str, ...] | None, config: Config) -> None:
    """A usage error naming the installed plugins when a ``--policy`` is not one of them."""
    if not names:
        return
    from civility._runner import build_hooks

    policies = build_hooks(config).policy_names()
    unknown = [n for n in names if n not in policies]
    if unknown:
        raise click.BadParameter(
            f"no installed policy called {', '.join(repr(n) for n in unknown)}; installed: "
            f"{', '.join(policies)} (see `civility plugins`)",
            param_hint="'--policy'")


class _LazyOutput:
    """The ``-o`` file, created at the first write (or at the end): a file that cannot be read
    leaves no empty report behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def write(self, text: str) -> int:
        return self.open().write(text)

    def flush(self) -> None:
        self.open().flush()

    def open(self) -> IO[str]:
        if self._file is None:
            try:
                self._file = self.path.open("w", encoding="utf-8", errors="replace")
            except OSError as exc:
                raise click.ClickException(
                    f"cannot write {self.path}: {exc.strerror or exc}") from None
        return self._file

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _check_output(output: Path) -> None:
    folder = output.parent
    if not folder.is_dir():
        raise click.ClickException(f"cannot write {output}: the folder {folder} does not exist")
    if output.is_dir():
        raise click.ClickException(f"cannot write {output}: it is a folder")


def _stdout() -> IO[str]:
    # A terminal or pipe that cannot show a character gets a replacement, never a traceback.
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    return sys.stdout


def _unreadable(report: ScanReport, file: Path) -> Skipped | None:
    """The skip entry saying the file (or its rest) could not be read, if any."""
    return next((s for s in report.skipped if s.where.startswith(file.name)), None)


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0


def summary_line(report: ScanReport) -> str:
    return (f"{report.total} messages read, {len(report.flagged)} flagged, "
            f"{len(report.skipped)} skipped.")


def run_scan(config: Config, file: Path, *, fmt: str | None, policies: tuple[str, ...] | None,
             output: Path | None, pseudonymise: bool = False, jobs: int | None = None,
             reader_options: Mapping[str, Any] | None = None) -> None:
    fmt = report_format(fmt, output)
    jobs = jobs or _scan_jobs.default_jobs()
    policies = policy_names(policies)
    check_policies(policies, config)
    if output is not None:
        _check_output(output)
    # Each reader takes the options it declares (civility._readers); the rest are ignored.
    options = dict(reader_options or {})
    names = members_of(file, options) if pseudonymise else None
    lazy = _LazyOutput(output) if output else None
    out: Any = lazy if lazy is not None else _stdout()
    show_bar = sys.stderr.isatty() and _size(file) > PROGRESS_BYTES
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   TextColumn("{task.completed} messages"), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True) if show_bar else None
    try:
        with bar if bar is not None else contextlib.nullcontext():
            report = asyncio.run(_scan(config, file, fmt, policies, out, bar, options, names,
                                       jobs))
        failed = _unreadable(report, file)
        if failed is not None and not report.total:
            raise click.ClickException(f"{file}: {failed.why}")
        if fmt == "text":
            _text(report, out, names)
        elif fmt == "html":
            from civility._report_html import render_html

            rules = report.rules.values()
            out.write(render_html(report, clauses={r.id: r.clause for r in rules},
                                  titles={r.id: r.title for r in rules},
                                  pseudonymise=pseudonymise, names=names))
        if lazy is not None:
            lazy.open()
    finally:
        if lazy is not None:
            lazy.close()
    err = Console(stderr=True, highlight=False)
    shown = [s for s in report.skipped if s is not failed]
    for skip in shown[:20]:
        err.print(f"[yellow]skipped {escape(skip.where)}: {escape(skip.why)}[/]")
    if len(shown) > 20:
        err.print(f"[yellow]... and {len(shown) - 20} more skipped[/]")
    if output is not None:
        _stdout().write(f"Wrote {fmt} report to {output}: {summary_line(report)}\n")
    if failed is not None:  # read in part: the report above covers only what was read
        raise click.ClickException(f"{failed.where}: {failed.why}")
