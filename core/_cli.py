"""The ``civility`` command line."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from civility import _logging
from civility._cli_config import CONFIG, load
from civility._plugins import describe
from civility._tables import ConfigError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="civility")
@click.option("--log-level", default=None,
              type=click.Choice(["debug", "info", "warning", "error"], case_sensitive=False),
              help="How much to log (default: info; error for the console, warning for scan).")
@click.option("--log-json/--log-console", default=None,
              help="Log format: JSON lines or a console renderer (default: by terminal).")
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
@click.option("--demo", is_flag=True,
              help="Play a short scripted conversation in the console, on a throwaway "
                   "in-memory store (the real record is never touched).")
@click.pass_context
def run(ctx: click.Context, config_path: Path | None, demo: bool) -> None:
    """Moderate the configured groups (the local console group when none is configured)."""
    from civility._runner import build_adapters, build_engine, demo_adapters
    from civility._runner import run as run_engine
    from civility.store import open_store

    config = load(config_path)
    console_only = not config.platforms or demo
    # On the console the chat itself shows what happened; only errors need a log line there.
    _configure_logging(ctx, "error" if console_only else "info")
    errors: list[ConfigError] = []
    adapters: list[Any] = []
    try:
        adapters = demo_adapters() if demo else build_adapters(config)
    except ConfigError as exc:
        errors.append(exc)
    try:
        # The demo repeats exactly and leaves the school's record alone.
        engine = build_engine(config, store=open_store("memory://") if demo else None)
    except ConfigError as exc:
        errors.append(exc)
    if errors:
        raise click.ClickException(f"configuration error: {ConfigError.combine(errors)}")
    try:
        asyncio.run(run_engine(engine, adapters))
    except ConfigError as exc:
        raise click.ClickException(f"configuration error: {exc}") from exc
    except KeyboardInterrupt:  # Ctrl-C before the engine listens for it: end quietly
        click.echo("", err=True)


def _reader_options(command: Any) -> Any:
    """The registered export readers' own options (WhatsApp's --dayfirst, ...)."""
    from civility import _readers

    for option, readers in reversed(_readers.options(_readers.installed())):
        command = click.option(*option.flags, option.name, default=option.default,
                               help=f"({', '.join(readers)} exports) {option.help}")(command)
    return command


def _formats() -> str:
    from civility import _readers
    from civility.scan import JSONL_READER

    return "; ".join(r.description for r in (*_readers.installed(), JSONL_READER))


@main.command(help="Scan FILE offline and report what the policy would do. FILE is one of: "
              "{formats}. The reader is chosen by suffix and content. Bad lines are skipped "
              "and listed; a file that cannot be read at all is one clear error.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "html"]), default=None,
              help="Report format; default: from the -o file's extension (.html, .jsonl), "
                   "else text.")
@click.option("--policy", "policies", multiple=True,
              help="Policy plugin to run: repeat it or give a comma list (iqra,myschool); "
                   "default: the config's.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (its folder must exist) and print its path "
                   "and the summary.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes in which the policies judge a large file (over 4 MiB), "
                   "one policy per worker; default: every core. The report is the same with "
                   "any number.")
@_reader_options
@click.option("--pseudonymise", "--pseudonymize", "pseudonymise", is_flag=True,
              help="Hide every person in the report: members become Member 1, ... (also in "
                   "the text and evidence), children and staff the policy found Child 1, "
                   "Staff 1; phone numbers and e-mail addresses are masked.")
@CONFIG
@click.pass_context
def scan(ctx: click.Context, /, file: Path, fmt: str | None, policies: tuple[str, ...],
         output: Path | None, jobs: int | None, pseudonymise: bool, config_path: Path | None,
         **reader_options: Any) -> None:
    from civility._scan_cli import run_scan

    _configure_logging(ctx, "warning")
    config = load(config_path)
    run_scan(config, file, fmt=fmt, policies=policies or None, output=output,
             pseudonymise=pseudonymise, jobs=jobs, reader_options=reader_options)


if scan.help:
    scan.help = scan.help.format(formats=_formats())


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@CONFIG
@click.pass_context
def plugins(ctx: click.Context, as_json: bool, config_path: Path | None) -> None:
    """List the installed plugins (and the config's policy files), the hooks they implement,
    any problem found loading them, how each policy fared on a few odd probe messages
    (failures, calls over the time budget, the last error), and the chat platforms and export
    readers they register; exit status 1 when a problem would stop `civility run`."""
    from civility._plugins import PluginManager, probe
    from civility._runner import build_hooks

    _configure_logging(ctx, "critical")  # the probe's failures are in the table, not the log
    try:
        hooks = build_hooks(load(config_path), check=False)
    except ConfigError as exc:
        raise click.ClickException(f"configuration error: {exc}") from exc
    pm = hooks.pm
    assert isinstance(pm, PluginManager)  # make_manager's: it keeps what loading found wrong
    rows = describe(pm)
    fatal = [str(p) for p in pm.problems if p.fatal]
    health = probe(hooks) if not fatal else {}
    provided = {name: _provided(pm, name) for name in ("civility_platforms", "civility_readers")}
    for row in rows:
        row["probe"] = health.get(str(row["name"]), {})
        row["platforms"] = [s.name for s in provided["civility_platforms"].get(str(row["name"]), [])]
        row["readers"] = [s.name for s in provided["civility_readers"].get(str(row["name"]), [])]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        _print_plugins(rows, provided)
    for problem in fatal:
        click.echo(f"error: {problem}", err=True)
    if fatal:
        sys.exit(1)


def _print_plugins(rows: list[dict[str, Any]], provided: dict[str, dict[str, list[Any]]]) -> None:
    table = RichTable("Plugin", "From", "Module", "Hooks", "Problems", "Probe")
    for row in rows:
        seen: dict[str, object] = row["probe"]
        fared = "-"
        if seen.get("calls"):
            fared = f"{seen['failures']} failed of {seen['calls']}"
            if seen["last_error"]:
                fared += f"; last: {seen['last_error']}"
        table.add_row(str(row["name"]), str(row["source"]), str(row["module"]),
                      ", ".join(row["hooks"]), "; ".join(row["problems"]) or "-", fared)
    console = Console()
    console.print(table)
    platforms = RichTable("Platform", "Config table", "Plugin", "What", title="Chat platforms")
    for plugin, specs in sorted(provided["civility_platforms"].items()):
        for spec in specs:
            platforms.add_row(spec.name, escape(f"[{spec.section}]"), plugin, spec.description)
    console.print(platforms)
    readers = RichTable("Reader", "Files", "Plugin", "Options", title="Export readers (scan)")
    for plugin, specs in sorted(provided["civility_readers"].items()):
        for spec in specs:
            readers.add_row(spec.name, ", ".join(spec.suffixes), plugin,
                            " ".join(f for o in spec.options for f in o.flags))
    console.print(readers)


def _provided(pm: Any, hook: str) -> dict[str, list[Any]]:
    """What each plugin returns from a registry hook (a broken one is left out)."""
    found: dict[str, list[Any]] = {}
    for impl in getattr(pm.hook, hook).get_hookimpls():
        try:
            found[impl.plugin_name] = list(impl.function() or ())
        except Exception as exc:
            click.echo(f"{impl.plugin_name}: {hook} failed ({exc!r})", err=True)
    return found


@main.command()
@click.option("--policy", "policies", multiple=True,
              help="Only this policy's rules (repeatable; default: every installed policy).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@CONFIG
def rules(policies: tuple[str, ...], as_json: bool, config_path: Path | None) -> None:
    """List every rule with the clause it rests on (the config's policy files included)."""
    from civility._runner import build_hooks

    try:
        hooks = build_hooks(load(config_path))
    except ConfigError as exc:
        raise click.ClickException(f"configuration error: {exc}") from exc
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


from civility._cases_cli import cases  # noqa: E402
from civility._eval_cli import evaluate  # noqa: E402
from civility._learn_cli import learn  # noqa: E402
from civility._records_cli import erase, export, incidents  # noqa: E402
from civility._scaffold import new_policy  # noqa: E402
from civility._summary_cli import summary  # noqa: E402

for command in (incidents, export, erase, new_policy, evaluate, summary, learn, cases):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
