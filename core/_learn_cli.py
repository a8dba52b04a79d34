"""``civility learn``: fit the school's adjustments to the Iqra model from moderators' decisions."""

from __future__ import annotations

import json
from pathlib import Path

import click

from civility._cli_config import CONFIG, load


def _read_decisions(path: Path) -> tuple[list[tuple[str, str, bool]], int]:
    """``{"text", "rule", "breach"}`` lines; bad lines are counted and skipped."""
    from civility.plugins.iqra.rules import RULE_IDS

    good: list[tuple[str, str, bool]] = []
    bad = 0
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {path}: {exc}") from exc
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, rule, breach = row["text"], row["rule"], row["breach"]
        except (ValueError, KeyError, TypeError):
            bad += 1
            continue
        if isinstance(text, str) and rule in RULE_IDS and isinstance(breach, bool):
            good.append((text, rule, breach))
        else:
            bad += 1
    return good, bad


@click.command()
@CONFIG
@click.option("--from", "examples", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help='Decisions as JSON Lines {"text", "rule", "breach": true|false}, taken as if '
                   "the school's moderators had made them.")
def learn(config_path: Path | None, examples: Path | None) -> None:
    """Fit the school's own adjustments to the Iqra model and check them before use."""
    from civility.plugins.iqra.learned import IqraModel
    from civility.plugins.iqra.learning import (
        DEV_TOLERANCE,
        EXAMPLES_FILE,
        MODEL_FILE,
        dev_score,
        example_score,
        fit,
        load_examples,
        to_example,
    )
    from civility.testing import make_message

    config = load(config_path)
    if not config.learning.enabled:
        raise click.ClickException("learning is off: set [learning] enabled = true in the config")
    folder = config.learning.folder(config)
    base = IqraModel.default()
    kept = load_examples(folder / EXAMPLES_FILE)
    new = []
    if examples:
        decisions, bad = _read_decisions(examples)
        if bad:
            click.echo(f"skipped {bad} line(s) of {examples} that were not "
                       '{"text", "rule", "breach"} with a known rule')
        settings = config.plugin_settings.get("iqra", {})
        new = [to_example(base, make_message(t), r, b, settings) for t, r, b in decisions]
    school = [*kept, *new]
    if not school:
        raise click.ClickException("no examples: give --from FILE or let moderators decide cases")
    adjusted = IqraModel(fit(base.model, school))
    before, after = example_score(base, school), example_score(adjusted, school)
    dev_before, dev_after = dev_score(base), dev_score(adjusted)
    click.echo(f"school examples ({len(school)}): before {before.describe()}")
    click.echo(f"                          after  {after.describe()}")
    click.echo(f"shipped dev split:   before {dev_before.describe()}")
    click.echo(f"                     after  {dev_after.describe()}")
    if dev_after.f1 < dev_before.f1 - DEV_TOLERANCE:
        raise click.ClickException("refused: the school's model is worse on the shipped dev "
                                   "split; the shipped model stays in use")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MODEL_FILE).write_bytes(adjusted.model.to_bytes())
    click.echo(f"wrote {folder / MODEL_FILE}: civility scan and run now judge with it")
