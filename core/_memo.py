"""Small memories every adapter needs, written once: a bounded recent-items map, a per-key
TTL cache (moderator lists), and warn-once.

All are in-process and bounded: a restart forgets them, which is what they are for (a cache, a
hint, a courtesy), never a record anything depends on.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """The last ``size`` items put, by key; the oldest is forgotten first (reading refreshes)."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def put(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def get(self, key: K, default: V | None = None) -> V | None:
        if key not in self._items:
            return default
        self._items.move_to_end(key)
        return self._items[key]

    def setdefault(self, key: K, make: Callable[[], V]) -> V:
        """The value for ``key``, made and put when missing."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def pop(self, key: K, default: V | None = None) -> V | None:
        return self._items.pop(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)


class TtlCache(Generic[K, V]):
    """Values trusted for ``seconds`` after they were fetched (a chat's moderators), at most
    ``size`` keys. A failed fetch is not cached, so the next call asks again."""

    def __init__(self, seconds: float, *, size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.clock = seconds, clock
        self._items: Recent[K, tuple[float, V]] = Recent(size)

    async def get(self, key: K, fetch: Callable[[], Awaitable[V]], *, fresh: bool = False) -> V:
        cached = None if fresh else self._items.get(key)
        now = self.clock()
        if cached is not None and now - cached[0] < self.seconds:
            return cached[1]
        value = await fetch()
        self._items.put(key, (now, value))
        return value

    def peek(self, key: K) -> V | None:
        """The cached value, however old, without fetching."""
        cached = self._items.get(key)
        return cached[1] if cached is not None else None

    def forget(self, key: K) -> None:
        """Drop one key (membership changed, a refusal said the rights are gone)."""
        self._items.pop(key)


class WarnOnce(Generic[K]):
    """Remembers what was said (for example "cannot delete in chat X") so it is said once;
    `forget` lets it be said again (it could not be delivered)."""

    def __init__(self, size: int = 10_000) -> None:
        self._said: Recent[K, bool] = Recent(size)

    def first(self, key: K) -> bool:
        """True the first time ``key`` is seen (and remembers it)."""
        if key in self._said:
            return False
        self._said.put(key, True)
        return True

    def forget(self, key: K) -> None:
        self._said.pop(key)
