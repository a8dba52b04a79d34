"""The ``civility`` command line."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table as RichTable

from civility import _logging
from civility._cli_config import CONFIG, load
from civility._hooks import Hooks
from civility._plugins import describe, make_manager
from civility._tables import ConfigError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="civility")
@click.option("--log-level", default=None,
              type=click.Choice(["debug", "info", "warning", "error"], case_sensitive=False),
              help="How much to log (default: info; warning for the console platform and scan).")
@click.option("--log-json/--log-console", default=None, help="Log format (default: by terminal).")
@click.pass_context
def main(ctx: click.Context, log_level: str | None, log_json: bool | None) -> None:
    """Civility: a kind, proportional moderator for school parent group chats."""
    ctx.ensure_object(dict)
    ctx.obj["log"] = (log_level, log_json)


def _configure_logging(ctx: click.Context, default: str) -> None:
    level, as_json = ctx.obj["log"]
    _logging.configure(level or default, json=as_json)


@main.command()
@CONFIG
@click.option("--demo", is_flag=True, help="Play a short scripted conversation in the console.")
@click.pass_context
def run(ctx: click.Context, config_path: Path | None, demo: bool) -> None:
    """Moderate the configured groups (the local console group when none is configured)."""
    from civility._runner import build_adapters, build_engine
    from civility._runner import run as run_engine
    from civility.adapters.console import ConsoleAdapter
    from civility.adapters.console.adapter import DEMO

    config = load(config_path)
    console_only = not config.platforms or demo
    _configure_logging(ctx, "warning" if console_only else "info")
    try:
        if demo:
            adapters: list[Any] = [ConsoleAdapter(lines=DEMO)]
        else:
            adapters = build_adapters(config)
        engine = build_engine(config)
    except ConfigError as exc:
        raise click.ClickException(f"configuration error: {exc}") from exc
    asyncio.run(run_engine(engine, adapters))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "html"]), default="text",
              show_default=True)
@click.option("--policy", "policies", multiple=True,
              help="Policy plugin to run (repeatable; default: the config's).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report here instead of standard output.")
@click.option("--dayfirst/--monthfirst", "dayfirst", default=None,
              help="WhatsApp exports: read ambiguous dates like 01/02/2024 as day first "
                   "(1 February) or month first (2 January); default: inferred from the file.")
@click.option("--locale", default="",
              help="WhatsApp exports: the phone's locale (e.g. en_US, de_DE), a hint for "
                   "ambiguous dates when the file itself does not tell.")
@click.option("--pseudonymise", "--pseudonymize", "pseudonymise", is_flag=True,
              help="Replace member names by stable pseudonyms (Member 1, ...) in the report, "
                   "also where the text mentions them, and mask phone numbers.")
@CONFIG
@click.pass_context
def scan(ctx: click.Context, file: Path, fmt: str, policies: tuple[str, ...],
         output: Path | None, dayfirst: bool | None, locale: str, pseudonymise: bool,
         config_path: Path | None) -> None:
    """Scan FILE offline: a WhatsApp chat export (.txt or .zip) or JSON Lines of
    {"id","sender","text","timestamp"?,"chat"?}."""
    from civility._scan_cli import run_scan

    _configure_logging(ctx, "warning")
    config = load(config_path)
    run_scan(config, file, fmt=fmt, policies=policies or None, output=output,
             dayfirst=dayfirst, locale=locale, pseudonymise=pseudonymise)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def plugins(as_json: bool) -> None:
    """List the installed plugins and the hooks they implement."""
    rows = describe(make_manager())
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = RichTable("Plugin", "From", "Module", "Hooks")
    for row in rows:
        table.add_row(str(row["name"]), str(row["source"]), str(row["module"]),
                      ", ".join(row["hooks"]))  # type: ignore[arg-type]
    Console().print(table)


@main.command()
@click.option("--policy", "policies", multiple=True, help="Only this policy's rules.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def rules(policies: tuple[str, ...], as_json: bool) -> None:
    """List every rule with the clause it rests on."""
    hooks = Hooks(make_manager())
    found = hooks.rules(only=policies or None)
    if as_json:
        click.echo(json.dumps([{"id": r.id, "title": r.title, "clause": r.clause,
                                "where": r.clause_ref, "severity": r.severity.label}
                               for r in found], indent=2))
        return
    table = RichTable("Rule", "Severity", "Clause", "Where in the policy")
    for r in found:
        table.add_row(r.id, r.severity.label, r.clause, r.clause_ref)
    Console().print(table)


from civility._learn_cli import learn  # noqa: E402
from civility._records_cli import erase, export, incidents  # noqa: E402
from civility._scaffold import new_policy  # noqa: E402

for command in (incidents, export, erase, new_policy, learn):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
