"""The admin's synonym candidates mined from the crawled pages (``synonyms.mining``).

Mining reads every document of the store, so its result is kept until the store changes
(a crawl) and is recomputed on the next request after that. What the analysis already
joins, through the lexicons or an approved rule, is filtered out at each request: approving
a candidate (``POST /admin/api/synonyms``) removes it from the list at once. Listing
candidates never changes a search.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from indexer.analysis import Analyzer
from sikoja.store import DocumentStore, documents_db_path
from synonyms.mining import Candidate, mine


def joined(analyzer: Analyzer, a: str, b: str) -> bool:
    """Whether a search for one term already reaches every word of the other (typed,
    expanded by an abbreviation, an old name, a synonym rule)."""
    for one, other in ((a, b), (b, a)):
        target = set(analyzer.index_tokens(other))
        reach = {t for term in analyzer.analyze_query(one).terms for t in term.tokens}
        if not target or target <= reach:
            return True
    return False


class VocabularyCandidates:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._mined: list[Candidate] = []

    def _store_stamp(self) -> tuple[int, int] | None:
        path = documents_db_path(self.data_dir)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        wal = path.with_name(path.name + "-wal")
        return (stat.st_mtime_ns, wal.stat().st_mtime_ns if wal.is_file() else 0)

    def mined(self, analyzer: Analyzer) -> list[Candidate]:
        stamp = self._store_stamp()
        if stamp is None:
            return []
        with self._lock:
            if stamp != self._stamp:
                store = DocumentStore.open(self.data_dir)
                try:
                    self._mined = mine(store.iter_documents(), analyzer.index_tokens,
                                       analyzer.words)
                finally:
                    store.close()
                self._stamp = stamp
            return self._mined

    def list(self, analyzer: Analyzer, *, limit: int = 50,
             kind: str | None = None) -> list[dict[str, Any]]:
        """Candidates not yet joined by the analysis, best first, each with its evidence."""
        out = []
        for candidate in self.mined(analyzer):
            if kind and candidate.kind != kind:
                continue
            if joined(analyzer, *candidate.terms):
                continue
            out.append({"terms": candidate.terms, "kind": candidate.kind,
                        "how": candidate.how, "score": candidate.score,
                        "pages": candidate.pages, "sites": candidate.sites,
                        "evidence": [asdict(e) for e in candidate.evidence]})
            if len(out) >= limit:
                break
        return out
