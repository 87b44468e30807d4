"""A set kept in Redis, with the few set operations the website spider uses.

The spider decides alone what to request (its page budget, ``scheduled``), what it has
produced (``produced``) and what the home page looks like (``home_texts``, for soft 404s).
In a fleet those decisions must be the fleet's: the same calls, answered by one Redis set
per source. Members are strings or ints, kept apart by a one-letter tag. What a callback
adds is noted under its lease, and taken back if its worker dies before the lease ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from crawler.fleet.leases import SHARED_ADD, current


def _encode(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"a shared set holds str or int, not {type(value).__name__}")
    return f"i{value}" if isinstance(value, int) else f"s{value}"


def _decode(raw: bytes | str) -> str | int:
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    return int(text[1:]) if text[0] == "i" else text[1:]


class SharedSet:
    """``undo_prefix``: where a lease's additions are noted (``crawler.fleet.leases``), so
    a dead worker's half-done callback leaves nothing marked that it never queued."""

    def __init__(self, server: Any, key: str, undo_prefix: str) -> None:
        self.server = server
        self.key = key
        self.undo_prefix = undo_prefix
        self._add = server.register_script(SHARED_ADD)

    def add(self, value: Any) -> None:
        token = current.get()
        undo = f"{self.undo_prefix}:{token}" if token else ""
        self._add(keys=[self.key, undo], args=[_encode(value)])

    def update(self, values: Iterable[Any]) -> None:
        for value in values:
            self.add(value)

    def __contains__(self, value: Any) -> bool:
        return bool(self.server.sismember(self.key, _encode(value)))

    def __len__(self) -> int:
        return int(self.server.scard(self.key))

    def __iter__(self) -> Iterator[str | int]:
        return (_decode(m) for m in self.server.sscan_iter(self.key))
