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
    is not available), comments and blank lines dropped."""
    text = _store_text(data_dir)
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


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
