"""Reading one TOML table with errors that name the file, the key and what was expected.

Core config and every adapter's config read their tables through `Table`, so a school's
office sees the same kind of message whatever section they got wrong.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias, TypeVar

import attrs

T = TypeVar("T")
# Table has methods named str, int, bool and list: annotations inside it use these aliases.
_Str: TypeAlias = str
_Int: TypeAlias = int
_Float: TypeAlias = float
_Bool: TypeAlias = bool
_List: TypeAlias = list


class ConfigError(Exception):
    """The configuration is wrong; the message says where and what is expected."""

    def __init__(self, file: str, key: str, expected: str, got: object = attrs.NOTHING) -> None:
        self.file, self.key, self.expected = file, key, expected
        shown = "" if got is attrs.NOTHING else f", got {_show(got)}"
        super().__init__(f"{file}: [{key}] expected {expected}{shown}")


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@attrs.frozen(repr=False)
class Secret:
    """A secret read from the environment; it never prints, logs or compares by accident."""

    name: str
    value: str = attrs.field(eq=False)

    def __repr__(self) -> str:
        return f"Secret(env:{self.name})"

    __str__ = __repr__

    def reveal(self) -> str:
        return self.value


@attrs.frozen
class Table:
    """One TOML table and where it sits (``path`` like ``telegram.groups``)."""

    data: Mapping[_Str, Any]
    path: _Str
    file: _Str
    env: Mapping[_Str, str] = attrs.field(factory=lambda: os.environ, repr=False)

    def _key(self, key: _Str) -> _Str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: _Str, expected: _Str, got: object = attrs.NOTHING) -> ConfigError:
        return ConfigError(self.file, self._key(key), expected, got)

    def _typed(self, key: _Str, default: T | None, kinds: tuple[type, ...], what: _Str) -> Any:
        if key not in self.data:
            if default is None:
                raise self.error(key, f"{what} (this key is required)")
            return default
        value = self.data[key]
        # bool is an int in Python; a `true` where a number is expected is still a mistake.
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise self.error(key, what, value)
        return value

    def str(self, key: _Str, default: _Str | None = None, *,
            choices: Iterable[_Str] = ()) -> _Str:
        value: _Str = self._typed(key, default, (str,), "a string")
        options = tuple(choices)
        if options and value not in options:
            raise self.error(key, "one of " + ", ".join(repr(c) for c in options), value)
        return value

    def int(self, key: _Str, default: _Int | None = None, *,
            minimum: _Int | None = None) -> _Int:
        value: _Int = self._typed(key, default, (int,), "a whole number")
        if minimum is not None and value < minimum:
            raise self.error(key, f"a whole number of at least {minimum}", value)
        return value

    def float(self, key: _Str, default: _Float | None = None, *,
              minimum: _Float = 0.0) -> _Float:
        value = float(self._typed(key, default, (int, float), "a number"))
        if value < minimum:
            raise self.error(key, f"a number of at least {minimum}", value)
        return value

    def bool(self, key: _Str, default: _Bool | None = None) -> _Bool:
        value: _Bool = self._typed(key, default, (bool,), "true or false")
        return value

    def chat_id(self, key: _Str, default: _Str | None = None) -> _Str:
        """A platform id written as a string or a number (Telegram's ids are numbers)."""
        value = self._typed(key, default, (str, int), "an id (string or number)")
        return str(value)

    def list(self, key: _Str, default: _List[Any] | None = None, *,
             of: _Str = "strings") -> _List[Any]:
        value = self._typed(key, default, (list,), f"a list of {of}")
        return list(value)

    def ids(self, key: _Str, default: _List[_Str] | None = None) -> _List[_Str]:
        values = self.list(key, default, of="ids")
        bad = [v for v in values if not isinstance(v, str | _Int) or isinstance(v, bool)]
        if bad:
            raise self.error(key, "a list of ids (strings or numbers)", bad[0])
        return [_Str(v) for v in values]

    def strings(self, key: _Str, default: _List[_Str] | None = None) -> _List[_Str]:
        values = self.list(key, default)
        if not all(isinstance(v, str) for v in values):
            raise self.error(key, "a list of strings", values)
        return values

    def secret(self, key: _Str, *, required: _Bool = True) -> Secret | None:
        """A value written ``env:NAME``; secrets in the file itself are refused."""
        if key not in self.data:
            if required:
                raise self.error(key, '"env:NAME" naming an environment variable')
            return None
        raw = self.data[key]
        if not isinstance(raw, str) or not raw.startswith("env:") or len(raw) < 5:
            # Never echo the value: it may be the secret itself.
            raise self.error(key, '"env:NAME" (secrets come from the environment, not the file)')
        name = raw[4:]
        if name not in self.env or not self.env[name]:
            raise self.error(key, f"the environment variable {name} to be set")
        return Secret(name, self.env[name])

    def table(self, key: _Str, *, required: _Bool = False) -> Table:
        value = self.data.get(key, None if required else {})
        if not isinstance(value, Mapping):
            raise self.error(key, "a table", value)
        return Table(value, self._key(key), self.file, self.env)

    def tables(self, key: _Str) -> _List[Table]:
        """An array of tables (``[[telegram.group]]``)."""
        values = self.list(key, [], of="tables")
        out = []
        for index, value in enumerate(values):
            if not isinstance(value, Mapping):
                raise self.error(f"{key}[{index}]", "a table", value)
            out.append(Table(value, f"{self._key(key)}[{index}]", self.file, self.env))
        return out

    def no_other_keys(self, *known: _Str) -> None:
        """Refuse keys we do not know: a typo must not silently fall back to a default."""
        for key in self.data:
            if key not in known:
                raise self.error(key, "no such key; known keys are " + ", ".join(sorted(known)))
