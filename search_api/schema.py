"""Types and answers the routes share, so the OpenAPI schema says what the code does.

A client (or a fuzzer) reading ``/openapi.json`` must be able to trust it: a value the
schema calls valid is accepted, one it calls invalid is refused, and every status a route
can answer is listed. Pydantic's lax mode reads ``true`` as 1 and ``"yes"`` as true, which
the schema's ``integer`` and ``boolean`` do not allow; ``whole_number`` and ``StrictBool``
keep the two in step, and bounds keep
numbers within what SQLite stores (a larger one was a 500).
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field


def _whole_number(value: Any) -> Any:
    """JSON Schema's integers (``3``, ``3.0``) and nothing else: not ``true``, not ``"3"``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a whole number")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("must be a whole number")
    return int(value)


# SQLite's integers stop at 2**63 - 1; ids and versions never come near this.
MAX_ID = 2**31 - 1


def whole_number(ge: int = 1, le: int = MAX_ID) -> Any:
    """An integer field between ``ge`` and ``le`` (the bounds appear in the schema)."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_whole_number)]

# What any route with a request body may answer before it runs (search_api.limits).
BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "the body is not valid JSON"},
    408: {"description": "the body did not arrive in time"},
    413: {"description": "the body is larger than the server accepts here"},
}
