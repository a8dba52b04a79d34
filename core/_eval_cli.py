"""`civility eval`: how well a policy judges a file of labelled examples."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from civility import _logging
from civility._cli_config import CONFIG, load
from civility._tables import ConfigError
from civility.evaluation import Score, judge_examples, score
from civility.examples import ExampleError, read_examples
from civility.store.memory import MemoryStore


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


async def _evaluate(config_path: Path | None, file: Path, policies: tuple[str, ...]) -> Score:
    from civility._runner import build_engine

    config = load(config_path)
    examples = read_examples(file)
    engine = build_engine(config, store=MemoryStore(), plugins=policies)
    engine.hooks.inline = True  # offline, as scan: judge on this thread
    rule_ids = [r.id for r in engine.hooks.rules(only=policies)]
    await engine.store.open()
    try:
        judged = await judge_examples(engine, examples, rule_ids)
    finally:
        await engine.store.close()
    return score(judged, rule_ids)


def _as_json(result: Score) -> dict[str, Any]:
    return {
        "precision": result.precision, "recall": result.recall,
        "clean_flagged_rate": result.clean_flagged_rate, "flagged": result.flagged,
        "breaches": result.breaches, "clean": result.clean,
        "rules": [{"rule": r.rule, "precision": r.precision, "recall": r.recall,
                   "tp": r.true_positives, "fp": r.false_positives, "fn": r.false_negatives}
                  for r in result.rules],
        "confusions": [{"expected": a, "given": b, "count": n} for a, b, n in result.confusions],
        "misses": [{"id": j.example.id, "expected": sorted(j.example.rules)}
                   for j in result.misses],
        "false_alarms": [{"id": j.example.id, "given": sorted(j.found)}
                         for j in result.false_alarms],
    }


def _print(result: Score, show: int) -> None:
    console = Console(highlight=False)
    table = RichTable("Rule", "Precision", "Recall", "Right", "Wrong", "Missed",
                      title="Per rule")
    for r in result.rules:
        table.add_row(r.rule, _pct(r.precision), _pct(r.recall), str(r.true_positives),
                      str(r.false_positives), str(r.false_negatives))
    console.print(table)
    if result.confusions:
        confused = RichTable("Expected", "Given instead", "Times", title="Confusions")
        for expected, given, count in result.confusions[:show]:
            confused.add_row(expected, given, str(count))
        console.print(confused)
    for title, rows, what in (("Missed breaches", result.misses, "expected"),
                              ("Clean messages flagged", result.false_alarms, "given")):
        if not rows:
            continue
        listing = RichTable("Id", what.capitalize(), "Message", title=title)
        for j in rows[:show]:
            rules = j.example.rules if what == "expected" else j.found
            listing.add_row(j.example.id, ", ".join(sorted(rules)), escape(j.example.text[:100]))
        console.print(listing)
        if len(rows) > show:
            console.print(f"... and {len(rows) - show} more ({title.lower()})")
    rate = result.clean_flagged_rate
    console.print(
        f"{result.breaches + result.clean} examples: precision {_pct(result.precision)}, "
        f"recall {_pct(result.recall)} ({result.breaches_caught} of {result.breaches} breaches), "
        f"clean flagged {result.clean_flagged} of {result.clean}"
        + (f" ({rate:.1%})" if rate is not None else ""))


@click.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--policy", "policies", multiple=True, required=True,
              help="The policy to evaluate (repeatable, or a comma list).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--show", default=20, show_default=True, type=click.IntRange(min=0),
              help="How many misses, false alarms and confusions to list.")
@CONFIG
@click.pass_context
def evaluate(ctx: click.Context, file: Path, policies: tuple[str, ...], as_json: bool, show: int,
             config_path: Path | None) -> None:
    """Judge FILE of labelled examples (JSON Lines or TOML) with a policy; print precision and
    recall per rule, the confusions and the misses."""
    level, log_json = (ctx.obj or {}).get("log", (None, None))
    _logging.configure(level or "warning", json=log_json)
    names = tuple(n.strip() for p in policies for n in p.split(",") if n.strip())
    try:
        result = asyncio.run(_evaluate(config_path, file, names))
    except (ExampleError, ConfigError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(_as_json(result), indent=2))
    else:
        _print(result, show)
