"""Matrix rooms moderated through matrix-nio (the ``matrix`` extra).

This module registers the platform (entry point ``matrix`` of the group ``civility``) and the
reader of Element's JSON room export; it imports no SDK.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from civility.adapter import PlatformSpec, Table
from civility.adapters.matrix.config import MatrixSettings, read_settings
from civility.config import Config
from civility.hookspecs import hookimpl

if TYPE_CHECKING:
    from civility.adapter import ReaderSpec
    from civility.adapters.matrix.adapter import MatrixAdapter

__all__ = ["MatrixSettings", "build_adapter", "civility_platforms", "civility_readers"]


def _build(settings: MatrixSettings, config: Config) -> MatrixAdapter:
    from civility.adapters.matrix.adapter import MatrixAdapter

    return MatrixAdapter(settings)


def build_adapter(table: Table, config: Config) -> MatrixAdapter:
    return _build(read_settings(table), config)


@hookimpl
def civility_platforms() -> Sequence[PlatformSpec]:
    return [PlatformSpec("matrix", read_settings, _build,
                         description="Matrix rooms, through matrix-nio",
                         install="civility[matrix]", requires=("nio",))]


@hookimpl
def civility_readers() -> Sequence[ReaderSpec]:
    from civility.adapters.matrix.export import READER

    return [READER]
