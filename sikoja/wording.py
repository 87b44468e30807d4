"""Small wording helpers shared by every command's output, so that no line says "1 errors".
"""

from __future__ import annotations


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 error', '2 errors', '0 errors'; ``plural`` for nouns that do not just take -s."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
