"""Small thread-safe LRU caches for search responses and autocomplete.

Popular queries repeat (a Zipf mix: 'ktp', 'kk', 'akta kelahiran' ...), so the serialised
response of a search is kept, keyed by the normalised query and every parameter that
changes the answer. A cache is emptied whenever the answers may change: a new index version
swapped in, synonyms or best bets edited; entries also expire after ``ttl`` seconds so edits
made by another process (the CLI) show up without a restart.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LRUCache(Generic[V]):
    def __init__(self, max_entries: int = 4096, ttl: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self._clock = clock
        self._data: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, *, count: bool = True) -> V | None:
        """The fresh value for ``key`` or None; ``count=False`` for a second look that
        should not count as another lookup in the hit rate."""
        now = self._clock()
        with self._lock:
            item = self._data.get(key)
            if item is None or now - item[0] > self.ttl:
                if item is not None:
                    del self._data[key]
                self.misses += count
                return None
            self._data.move_to_end(key)
            self.hits += count
            return item[1]

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._data[key] = (self._clock(), value)
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
