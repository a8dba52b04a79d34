"""Matrix rooms moderated through matrix-nio (the ``matrix`` extra)."""

from __future__ import annotations

from civility._tables import Table
from civility.adapters.matrix.adapter import MatrixAdapter
from civility.adapters.matrix.config import MatrixSettings, read_settings
from civility.config import Config

__all__ = ["MatrixAdapter", "MatrixSettings", "build_adapter"]


def build_adapter(table: Table, config: Config) -> MatrixAdapter:
    return MatrixAdapter(read_settings(table))
