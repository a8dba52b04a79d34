"""Reading one TOML table with errors that name the file, the key and what was expected.

Core config and every adapter's config read their tables through `Table`, so a school's
office sees the same kind of message whatever section they got wrong.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
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
    """The configuration is wrong; the message says where and what is expected.

    One error or several (`ConfigError.combine`): ``errors`` lists each single one, so a school
    office fixes the whole file in one go."""

    def __init__(self, file: str, key: str, expected: str, got: object = attrs.NOTHING, *,
                 hint: str = "", problem: str = "") -> None:
        self.file, self.key, self.expected = file, key, expected
        shown = "" if got is attrs.NOTHING else f", got {_show(got)}"
        #: The message without the file name, as a line of a combined error.
        self.detail = f"[{key}] {problem or 'expected ' + expected + shown}"
        if hint:
            self.detail += f" ({hint})"
        self.errors: tuple[ConfigError, ...] = (self,)
        super().__init__(f"{file}: {self.detail}")

    @staticmethod
    def combine(errors: Iterable[ConfigError]) -> ConfigError:
        """One error naming every problem (each once), or the only one."""
        every: list[ConfigError] = []
        for error in errors:
            every += [e for e in error.errors if e.detail not in {x.detail for x in every}]
        if not every:
            raise ValueError("no errors to combine")
        if len(every) == 1:
            return every[0]
        first = every[0]
        combined = ConfigError(first.file, first.key, first.expected)
        combined.errors = tuple(every)
        files = {e.file for e in every}
        if len(files) == 1:
            lines = [f"{first.file}: {len(every)} problems"] + [f"  {e.detail}" for e in every]
        else:
            lines = [f"{len(every)} problems"] + [f"  {e.file}: {e.detail}" for e in every]
        Exception.__init__(combined, "\n".join(lines))
        return combined


def nearest(word: str, known: Iterable[str]) -> str:
    """``did you mean X?`` for the closest known word, or an empty string."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else ""


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
    """One TOML table and where it sits (``path`` like ``telegram.groups``).

    With a ``problems`` list (shared with its sub-tables) a wrong value is recorded there and a
    stand-in returned, so one pass finds every error in the file; without one it raises."""

    data: Mapping[_Str, Any]
    path: _Str
    file: _Str
    env: Mapping[_Str, str] = attrs.field(factory=lambda: os.environ, repr=False)
    problems: _List[ConfigError] | None = attrs.field(default=None, eq=False, repr=False)

    def _key(self, key: _Str) -> _Str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: _Str, expected: _Str, got: object = attrs.NOTHING, *,
              hint: _Str = "") -> ConfigError:
        return ConfigError(self.file, self._key(key), expected, got, hint=hint)

    def _fail(self, error: ConfigError, fallback: T) -> T:
        if self.problems is None:
            raise error
        if all(e.key != error.key for e in self.problems):  # one problem per key is enough
            self.problems.append(error)
        return fallback

    def report(self, key: _Str, expected: _Str, got: object = attrs.NOTHING) -> None:
        """A problem found by a check of the caller's own: raised, or recorded."""
        self._fail(self.error(key, expected, got), None)

    def _typed(self, key: _Str, default: T | None, kinds: tuple[type, ...], what: _Str,
               stand_in: Any) -> Any:
        if key not in self.data:
            if default is None:
                return self._fail(self.error(key, f"{what} (this key is required)"), stand_in)
            return default
        value = self.data[key]
        # bool is an int in Python; a `true` where a number is expected is still a mistake.
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            return self._fail(self.error(key, what, value),
                              stand_in if default is None else default)
        return value

    def str(self, key: _Str, default: _Str | None = None, *,
            choices: Iterable[_Str] = ()) -> _Str:
        value: _Str = self._typed(key, default, (str,), "a string", "")
        options = tuple(choices)
        if options and value not in options:
            fallback = default if default in options else options[0]
            return self._fail(self.error(key, "one of " + ", ".join(repr(c) for c in options),
                                         value, hint=nearest(value, options)), fallback)
        return value

    def int(self, key: _Str, default: _Int | None = None, *,
            minimum: _Int | None = None) -> _Int:
        value: _Int = self._typed(key, default, (int,), "a whole number", minimum or 0)
        if minimum is not None and value < minimum:
            return self._fail(self.error(key, f"a whole number of at least {minimum}", value),
                              minimum if default is None else default)
        return value

    def float(self, key: _Str, default: _Float | None = None, *,
              minimum: _Float = 0.0) -> _Float:
        value = float(self._typed(key, default, (int, float), "a number", minimum))
        if value < minimum:
            return self._fail(self.error(key, f"a number of at least {minimum}", value),
                              minimum if default is None else default)
        return value

    def bool(self, key: _Str, default: _Bool | None = None) -> _Bool:
        value: _Bool = self._typed(key, default, (bool,), "true or false", False)
        return value

    def chat_id(self, key: _Str, default: _Str | None = None) -> _Str:
        """A platform id written as a string or a number (Telegram's ids are numbers)."""
        value = self._typed(key, default, (str, int), "an id (string or number)", "")
        return _Str(value)

    def list(self, key: _Str, default: _List[Any] | None = None, *,
             of: _Str = "strings") -> _List[Any]:
        value = self._typed(key, default, (list,), f"a list of {of}", [])
        return list(value)

    def ids(self, key: _Str, default: _List[_Str] | None = None) -> _List[_Str]:
        values = self.list(key, default, of="ids")
        bad = [v for v in values if not isinstance(v, str | _Int) or isinstance(v, bool)]
        if bad:
            return self._fail(self.error(key, "a list of ids (strings or numbers)", bad[0]),
                              list(default or []))
        return [_Str(v) for v in values]

    def strings(self, key: _Str, default: _List[_Str] | None = None) -> _List[_Str]:
        values = self.list(key, default)
        if not all(isinstance(v, str) for v in values):
            return self._fail(self.error(key, "a list of strings", values), list(default or []))
        return values

    def secret(self, key: _Str, *, required: _Bool = True) -> Secret | None:
        """A value written ``env:NAME``; secrets in the file itself are refused."""
        stand_in = Secret("", "") if required else None
        if key not in self.data:
            if required:
                return self._fail(self.error(key, '"env:NAME" naming an environment variable'),
                                  stand_in)
            return None
        raw = self.data[key]
        if not isinstance(raw, str) or not raw.startswith("env:") or len(raw) < 5:
            # Never echo the value: it may be the secret itself.
            return self._fail(self.error(
                key, '"env:NAME" (secrets come from the environment, not the file)'), stand_in)
        name = raw[4:]
        if name not in self.env or not self.env[name]:
            return self._fail(self.error(key, f"the environment variable {name} to be set"),
                              stand_in)
        return Secret(name, self.env[name])

    def _sub(self, data: Mapping[_Str, Any], path: _Str) -> Table:
        return Table(data, path, self.file, self.env, self.problems)

    def table(self, key: _Str, *, required: _Bool = False) -> Table:
        value = self.data.get(key, None if required else {})
        if not isinstance(value, Mapping):
            self._fail(self.error(key, "a table", value), None)
            value = {}
        return self._sub(value, self._key(key))

    def tables(self, key: _Str) -> _List[Table]:
        """An array of tables (``[[telegram.group]]``)."""
        values = self.list(key, [], of="tables")
        out = []
        for index, value in enumerate(values):
            if not isinstance(value, Mapping):
                self._fail(self.error(f"{key}[{index}]", "a table", value), None)
                continue
            out.append(self._sub(value, f"{self._key(key)}[{index}]"))
        return out

    def no_other_keys(self, *known: _Str) -> None:
        """Refuse keys we do not know: a typo must not silently fall back to a default.
        Every unknown key is named, each with the nearest known one."""
        listing = "known keys are " + ", ".join(sorted(known))
        unknown = []
        for key in self.data:
            if key not in known:
                hint = nearest(key, known)
                problem = f"no such key ({hint}); {listing}" if hint else f"no such key; {listing}"
                unknown.append(ConfigError(self.file, self._key(key), listing, problem=problem))
        if not unknown:
            return
        if self.problems is None:
            raise ConfigError.combine(unknown)
        for error in unknown:
            self._fail(error, None)


def read_toml(path: Path, what: _Str = "TOML file") -> dict[_Str, Any]:
    """A TOML file's tables; one `ConfigError` naming the file when it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(str(path), "file", f"a readable {what}", exc.strerror) from exc
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(str(path), "file", "UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), "file", f"valid TOML ({exc})") from exc
