"""Registers the built-in ``console`` platform (entry point ``console`` of the group ``civility``).

It lives beside the console package rather than in it while another change owns that package;
it belongs in ``civility.adapters.console`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from civility.adapter import BaseAdapter, PlatformSpec, Table
from civility.config import Config
from civility.hookspecs import hookimpl

__all__ = ["civility_platforms"]


def _build(table: Table, config: Config) -> BaseAdapter:
    from civility.adapters.console import build_adapter

    return build_adapter(table, config)


def _demo() -> BaseAdapter:
    from civility.adapters.console import ConsoleAdapter
    from civility.adapters.console.adapter import DEMO

    return ConsoleAdapter(lines=DEMO)


@hookimpl
def civility_platforms() -> Sequence[PlatformSpec]:
    # The console's table is validated by its own build_adapter, so the settings are the table.
    return [PlatformSpec("console", lambda table: table, _build,
                         description="a local group chat in the terminal", demo=_demo,
                         default=True)]
