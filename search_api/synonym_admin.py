"""The admin API's view of the synonym store (``synonyms.SynonymStore``).

The store speaks in rule lines (``kk, kartu keluarga``; ``imb => pbg``) and versions; this
adapter turns them into JSON-friendly dicts, lets the API add a group from a list of terms,
and lets an import either replace the lists or add to them (the store itself replaces).
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sikoja.errors import SikojaError

log = logging.getLogger(__name__)


def _escape(term: str) -> str:
    return term.replace(",", "\\,")


class SynonymAdmin:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._store: Any = None

    @property
    def store(self) -> Any:
        if self._store is None:
            from synonyms import SynonymStore

            self._store = SynonymStore(self.data_dir)
        return self._store

    def version(self) -> int:
        return int(self.store.version())

    def list(self) -> list[dict[str, Any]]:
        return [{"rule": rule.text(), "left": list(rule.left), "right": list(rule.right),
                 "one_way": rule.one_way, "terms": list(rule.terms)}
                for rule in self.store.list()]

    def add(self, *, rule: str | None, terms: list[str] | None, who: str,
            why: str) -> dict[str, Any]:
        if not rule:
            cleaned = [" ".join(t.split()) for t in terms or [] if t and t.strip()]
            if len(cleaned) < 2:
                raise SikojaError("a synonym group needs at least two terms")
            rule = ", ".join(_escape(t) for t in cleaned)
        result = asdict(self.store.add(rule, who=who, why=why))
        try:
            result["warnings"] = self.warnings(rule)
        except Exception:  # the rule is saved: a failed check must not answer 500 for it
            log.warning("could not check the added synonym rule %r", rule, exc_info=True)
            result["warnings"] = []
        return result

    def warnings(self, rule: str) -> list[str]:
        """How an added rule will misbehave, in words an admin can act on (a phrase that
        reads as one common word fires on every query holding it)."""
        from indexer.analysis import Analyzer
        from indexer.analysis.synonym_check import added_rule_warnings
        from synonyms import parse_rule

        analyzer = Analyzer(synonyms=None)
        return added_rule_warnings(parse_rule(rule), self.store.list(), analyzer.index_tokens,
                                   language="id")

    def remove(self, rule: str, *, who: str, why: str) -> dict[str, Any]:
        return asdict(self.store.remove(rule, who=who, why=why))

    def import_text(self, text: str, *, replace: bool, who: str, why: str) -> dict[str, Any]:
        if not replace:
            from synonyms import parse

            # problems are reported with the lines of *this* text
            parse(text, "import", self.store.max_expansions)
            text = self.store.export_text().rstrip("\n") + "\n" + text
        return asdict(self.store.import_text(text, who=who, why=why, source="import"))

    def export_text(self, version: int | None = None) -> str:
        return self.store.export_text(version)

    def history(self, limit: int = 50) -> list[dict[str, Any]]:
        return [asdict(v) for v in self.store.history()[:limit]]

    def rollback(self, version: int, *, who: str, why: str) -> dict[str, Any]:
        return asdict(self.store.rollback(version, who=who, why=why))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
