"""The synonym store's rules, in the Solr format OpenSearch's ``synonym_graph`` reads.

sikoja expands synonyms itself at query time (``indexer.analysis``), so keyword search on
either backend follows an admin's change on the next query with nothing reindexed. The
cluster's own copy only serves :meth:`OpenSearchBackend.text_search` (queries analysed by
the cluster, e.g. from OpenSearch Dashboards); :meth:`OpenSearchBackend.reload_synonyms`
brings it up to date.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def export_rules(data_dir: Path) -> list[str]:
    """Rule lines of the deployment's synonym store (the packaged default set if the store
    is not available), comments and blank lines dropped.

    A one-way rule ``a, b => c`` is written ``a => a, c`` and ``b => b, c``: in
    ``synonym_graph`` the left side is replaced by the right, while sikoja's own expansion
    always keeps the word typed ("melahirkan" still finds pages that say melahirkan, and
    akta kelahiran besides), and the cluster's copy must read the same."""
    from synonyms.rules import Rule, parse

    lines = []
    for rule in parse(_store_text(data_dir), "synonym store", None):
        if not rule.one_way:
            lines.append(rule.text())
            continue
        for term in rule.left:
            right = (term, *(t for t in rule.right if t.casefold() != term.casefold()))
            lines.append(Rule(rule.line, (term,), right).text())
    return lines


def _store_text(data_dir: Path) -> str:
    try:
        from synonyms.store import SynonymStore
    except ImportError:
        from synonyms import default_text

        return default_text()
    with SynonymStore(data_dir) as store:
        return store.export_text()


def write_rules_file(path: Path, rules: list[str]) -> None:
    """Replace the file atomically: a node reloading analyzers never reads half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("# written by sikoja from the synonym store; edit there, not here\n")
            fh.write("\n".join(rules) + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
