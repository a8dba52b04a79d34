"""Learned models whose rule probabilities a policy file can use (``model = "iqra.grievance"``).

A policy with a learned model registers it here as it is imported (`register`); a policy file
names one of the model's rules, and the file's rule fires on the probability `score` gives. A
model is found by the first part of the rule's name: when none of that name is registered yet,
the installed policy of that name is imported (the way plugins are loaded), which registers it.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import structlog

from civility.events import Message

__all__ = ["RuleModel", "labels_of", "register", "score", "threshold_of"]

log = structlog.get_logger()


@attrs.frozen
class RuleModel:
    """One policy's learned model, as policy files see it."""

    #: The policy's name: the model's rules are ``NAME.something``.
    name: str
    #: The rules it gives a probability for (loading the model may wait for the first call).
    labels: Callable[[], Sequence[str]]
    #: The probability at which the policy itself counts a rule as broken.
    threshold: Callable[[str], float]
    #: Every rule's probability for one message, read with these settings (staff names...).
    score: Callable[[Message, Mapping[str, Any]], Mapping[str, float]]


_MODELS: dict[str, RuleModel] = {}


def register(model: RuleModel) -> None:
    _MODELS[model.name] = model


def _module_of(policy: str) -> str | None:
    from civility._plugins import BUILTIN

    builtin = dict(BUILTIN).get(policy)
    if builtin:
        return builtin
    found = importlib.metadata.entry_points(group="civility", name=policy)
    return next((ep.module for ep in found), None)


def _model(rule: str) -> RuleModel | None:
    policy = rule.partition(".")[0]
    if policy not in _MODELS:
        module = _module_of(policy)
        if module:
            with contextlib.suppress(Exception):  # a broken plugin simply has no model here
                importlib.import_module(module)
    return _MODELS.get(policy)


def labels_of(rule: str) -> list[str]:
    """The rules of the model that ``rule`` would belong to ([] when there is none)."""
    model = _model(rule)
    return list(model.labels()) if model else []


def threshold_of(rule: str) -> float:
    model = _model(rule)
    return float(model.threshold(rule)) if model else 0.5


def score(rule: str, message: Message, settings: Mapping[str, Any]) -> Mapping[str, float]:
    """Every probability of ``rule``'s model for one message ({} when there is no model)."""
    model = _model(rule)
    return model.score(message, settings) if model else {}
