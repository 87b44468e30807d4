"""Errors a user can act on. The CLI prints their message as one line, never a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


class SikojaError(Exception):
    """A problem with input or environment that the user can fix (bad config, empty data dir)."""


# The one answer to an empty query, from the CLI and the API alike.
EMPTY_QUERY = "the query is empty: type what you are looking for, e.g. 'urus KTP'"


def validation_message(exc: ValidationError, names: dict[int, str] | None = None) -> str:
    """The first problem pydantic found, as "where: what" ("sources.2 (dinkes).max_pages:
    Input should be ..."), or just "what" for a whole-file problem: never an empty place.
    ``names`` gives the name of the source at a list position."""
    first = exc.errors()[0]
    parts: list[str] = []
    for step in first["loc"]:
        if isinstance(step, int) and names and step in names and parts:
            parts[-1] = f"{parts[-1]}.{step} ({names[step]})"
        else:
            parts.append(str(step))
    message = str(first["msg"]).removeprefix("Value error, ")
    where = ".".join(parts)
    return f"{where}: {message}" if where else message


def query_too_long(limit: int) -> str:
    """The one answer to a query over ``Settings.api.max_query_length``, from the CLI and the
    API alike."""
    return f"the query is too long: at most {limit} characters are allowed"
