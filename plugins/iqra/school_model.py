"""Which model judges: the shipped one, or a school's own (``[learning]``, `civility learn`)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import structlog

from civility.plugins.iqra.learned import IqraModel

log = structlog.get_logger()


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> IqraModel:
    return IqraModel.load(Path(path))


SCHOOL_MODEL_FILE = "iqra-model.gz"


def school_model(settings: Mapping[str, Any]) -> IqraModel:
    """The school's model (``civility learn`` wrote it into the ``[learning]`` folder, or
    ``school_model`` names it) when there is one, else the shipped model."""
    path = settings.get("school_model")
    folder = settings.get("learning_folder")
    if not path and folder and (Path(str(folder)) / SCHOOL_MODEL_FILE).is_file():
        path = Path(str(folder)) / SCHOOL_MODEL_FILE
    if path:
        p = Path(str(path))
        try:
            return _load(str(p), p.stat().st_mtime)
        except (OSError, ValueError) as exc:
            log.warning("school model unreadable, using the shipped model", error=str(exc))
    return IqraModel.default()
