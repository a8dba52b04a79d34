"""`civility summary`: the termly summary for governors (no names, no message text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from civility._cli_config import CONFIG, load
from civility._records_cli import _with_store
from civility.store import Store
from civility.summary import Summary, render_html, render_text, summarise


def _day(value: str, option: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("a date like 2025-09-01", param_hint=option) from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@click.command()
@click.option("--since", required=True, help="First day of the period (YYYY-MM-DD).")
@click.option("--until", default=None, help="Last day of the period, included (default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default=None,
              help="Output format (default: from the -o file's extension, else text).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the summary here instead of standard output.")
@CONFIG
def summary(since: str, until: str | None, fmt: str | None, output: Path | None,
            config_path: Path | None) -> None:
    """The termly summary for governors: counts per rule, action and group, the trend by
    month, moderators' response times and how cases ended. No names and no message text."""
    start = _day(since, "--since")
    end = (_day(until, "--until") if until else
           dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)) \
        + dt.timedelta(days=1)
    if end <= start:
        raise click.BadParameter("must not be before --since", param_hint="--until")
    fmt = fmt or ("html" if output and output.suffix.lower() in (".html", ".htm") else "text")
    if output is not None and not output.parent.is_dir():
        raise click.ClickException(f"no such folder: {output.parent}")
    config = load(config_path)

    async def build(store: Store) -> Summary:
        every = await store.incidents(limit=10_000_000)
        found = [r for r in every if start <= r.time < end]
        before = start - (end - start)
        answers = await store.first_decision_times([r.id for r in found])
        choices = [(d.time, d.choice) for d in await store.decisions_of([r.id for r in found])]
        from civility._runner import build_hooks

        titles = {r.id: r.title for r in build_hooks(config).rules()}
        appeals = await store.appeals(since=start)
        return summarise(found, answers, since=start, until=end, titles=titles,
                         decisions=choices, appeals=appeals,
                         previous=sum(before <= r.time < start for r in every))

    result = _with_store(config, build)
    text = render_html(result, school=config.school.name) if fmt == "html" else render_text(result)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}: {result.incidents} incidents.")
