"""Synonyms for sikoja: the Solr/OpenSearch text format, a versioned store, the default set.

- :mod:`synonyms.rules`: parsing with validation (``parse``), ``SynonymSet`` and its expansion.
- :mod:`synonyms.store`: ``SynonymStore(data_dir)``, every change a new version in
  ``synonyms.db`` with who, when and why; rollback, import, export.
- :mod:`synonyms.default`: the default set shipped with sikoja (``DEFAULT_PATH``).
- :mod:`synonyms.cli`: ``sikoja synonyms ...`` admin commands (``test``, which needs the
  index, is added by the CLI layer: :mod:`sikoja.cli_synonyms`).

This package imports no other package of the project but the shared core: the indexer
reads synonyms, never the other way round.

The Analyzer reads synonyms through the :class:`SynonymSource` protocol: ``version()`` is
called on every query and must be cheap; ``rules()`` only when the version changed; an optional
``max_expansions`` attribute caps one query's synonym expansions (default 64).
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache
from typing import Protocol, runtime_checkable

from synonyms.default import DEFAULT_PATH, default_text
from synonyms.rules import (
    DEFAULT_MAX_EXPANSIONS,
    CompiledSynonyms,
    Problem,
    Rule,
    SynonymFileError,
    SynonymSet,
    parse,
    parse_rule,
)
from synonyms.store import SynonymStore, Version


@runtime_checkable
class SynonymSource(Protocol):
    def version(self) -> Hashable: ...

    def rules(self) -> SynonymSet: ...


class StaticSynonyms:
    """A fixed synonym set (the packaged default, or a text under test)."""

    def __init__(
        self, rules: SynonymSet, version: Hashable = 0, max_expansions: int = DEFAULT_MAX_EXPANSIONS
    ):
        self._rules = rules
        self._version = version
        self.max_expansions = max_expansions

    @classmethod
    def from_text(cls, text: str | bytes, source: str = "<synonyms>") -> StaticSynonyms:
        return cls(parse(text, source), version=("text", hash(text)))

    def version(self) -> Hashable:
        return self._version

    def rules(self) -> SynonymSet:
        return self._rules


@cache
def default_source() -> StaticSynonyms:
    """The packaged default Indonesian public-service set, parsed once per process."""
    return StaticSynonyms(parse(default_text(), str(DEFAULT_PATH)), version=("default", 1))


__all__ = [
    "CompiledSynonyms",
    "DEFAULT_PATH",
    "Problem",
    "Rule",
    "StaticSynonyms",
    "SynonymFileError",
    "SynonymSet",
    "SynonymSource",
    "SynonymStore",
    "Version",
    "default_source",
    "default_text",
    "parse",
    "parse_rule",
]
