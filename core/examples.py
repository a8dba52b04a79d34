"""Labelled example messages for testing and evaluating a policy.

One format for `civility eval` and the pytest kit, in JSON Lines or TOML:

    {"text": "you absolute idiot", "rules": ["ourschool.insults"]}
    {"text": "PE is on Tuesday", "rules": []}

    [[example]]
    text = "you absolute idiot"
    rules = ["ourschool.insults"]

``rules`` lists the rule ids a correct decision may give (``labels`` is read as a synonym);
empty means the message is fine. ``sender``, ``time`` (ISO 8601) and ``chat`` are optional and
make a conversation: examples are judged in file order, so rules that look at who spoke when
(a flood, a private chat in the group) see the messages before.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

__all__ = ["Example", "ExampleError", "read_examples"]

#: The longest example line read (1 MiB); a longer one is an error, not a memory hog.
MAX_LINE_BYTES = 1 << 20
_KEYS = frozenset({"id", "text", "rules", "labels", "sender", "time", "chat", "note"})


class ExampleError(ValueError):
    """An example file is wrong; the message names the file and the line or entry."""


@attrs.frozen
class Example:
    id: str
    text: str
    rules: frozenset[str]
    sender: str = "Parent A"
    time: dt.datetime | None = None
    chat: str = "examples"
    note: str = ""

    @property
    def is_clean(self) -> bool:
        return not self.rules


def _example(data: Any, where: str, number: int) -> Example:
    if not isinstance(data, Mapping):
        raise ExampleError(f"{where}: expected an object with a text")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ExampleError(f"{where}: unknown key {unknown[0]!r} (known: "
                           + ", ".join(sorted(_KEYS)) + ")")
    text = data.get("text")
    if not isinstance(text, str):
        raise ExampleError(f"{where}: text must be a string")
    rules = data.get("rules", data.get("labels", []))
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise ExampleError(f"{where}: rules must be a list of rule ids")
    when = data.get("time")
    time: dt.datetime | None = None
    if when is not None:
        if isinstance(when, dt.datetime):
            time = when
        elif isinstance(when, str):
            try:
                time = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
            except ValueError:
                raise ExampleError(f"{where}: time must be ISO 8601, "
                                   f"like 2025-09-04T08:30:00") from None
        else:
            raise ExampleError(f"{where}: time must be ISO 8601 text")
        if time.tzinfo is None:
            time = time.replace(tzinfo=dt.UTC)
    return Example(id=str(data.get("id", number)), text=text, rules=frozenset(rules),
                   sender=str(data.get("sender", "Parent A")), time=time,
                   chat=str(data.get("chat", "examples")), note=str(data.get("note", "")))


def _jsonl(path: Path) -> Iterator[Example]:
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            where = f"{path}: line {number}"
            if len(raw) > MAX_LINE_BYTES:
                raise ExampleError(f"{where}: longer than {MAX_LINE_BYTES} bytes")
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise ExampleError(f"{where}: not UTF-8 text") from None
            except (json.JSONDecodeError, RecursionError) as exc:
                raise ExampleError(f"{where}: not JSON ({getattr(exc, 'msg', 'too deep')})") \
                    from None
            yield _example(data, where, number)


def _toml(path: Path) -> Iterator[Example]:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except UnicodeDecodeError:
        raise ExampleError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExampleError(f"{path}: not valid TOML ({exc})") from None
    entries = data.get("example", [])
    if set(data) - {"example"} or not isinstance(entries, list):
        raise ExampleError(f"{path}: expected [[example]] tables only")
    for number, entry in enumerate(entries, start=1):
        yield _example(entry, f"{path}: example {number}", number)


def read_examples(path: Path) -> list[Example]:
    """Every example in a ``.jsonl`` or ``.toml`` file, in order; `ExampleError` on bad input."""
    try:
        if path.suffix.lower() == ".toml":
            return list(_toml(path))
        return list(_jsonl(path))
    except OSError as exc:
        raise ExampleError(f"{path}: {exc.strerror or exc}") from None
