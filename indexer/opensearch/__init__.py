"""The OpenSearch backend: the same answers as the embedded index, from a search cluster.

``Settings.backend = "opensearch"`` (``backend: opensearch`` in sikoja.yaml) switches a
deployment to it; ``indexer.registry.open_backend`` builds it. See docs/opensearch.md for
configuration, the test suites and sizing.

Modules: ``connection`` (client, error messages, capability probe), ``layout`` (names,
index template, documents), ``queries`` (query DSL), ``meta`` (per-version records,
vocabulary and word counts in ``<prefix>-meta``), ``writer`` (bulk loading, full and
incremental versions), ``synonym_rules`` (the synonym store for ``synonym_graph``),
``backend`` (``OpenSearchBackend``).
"""

from __future__ import annotations

from indexer.opensearch.backend import OpenSearchBackend
from indexer.opensearch.connection import Capabilities

__all__ = ["Capabilities", "OpenSearchBackend"]
