"""The client for a deployment's cluster, and what that cluster can do.

Clusters differ: a managed OpenSearch may lack the k-NN or neural-search plugin, a test
server (osmem-server) speaks the index/search API but has no k-NN search, no Indonesian
stemmer and ignores ``synonym_graph``. Rather than trusting version numbers or plugin lists
alone, :func:`probe` asks the cluster to do each thing once on a throw-away index and records
what worked, so the backend stores vectors only where they can be searched and builds the
Indonesian text field only where the analyzer exists.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import (
    AuthenticationException,
    AuthorizationException,
    ConnectionError,
    ConnectionTimeout,
    TransportError,
)

from sikoja.errors import SikojaError

if TYPE_CHECKING:
    from sikoja.config import OpenSearchSettings

# Oldest release whose request shapes this backend follows (knn filter, search pipelines,
# hybrid query with the normalization processor). RRF (score-ranker-processor) needs 2.19.
MIN_HYBRID_VERSION = (2, 11, 0)
MIN_RRF_VERSION = (2, 19, 0)
MIN_RRF_WEIGHTS_VERSION = (3, 0, 0)

_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_-]{0,60}$")


def make_client(cfg: OpenSearchSettings) -> OpenSearch:
    """An ``OpenSearch`` client for the configured hosts (keyword arguments only, as
    opensearch-py 3 requires). Client-level retries cover dead nodes and 502/503/504; 429s
    during bulk indexing are retried per document by the writer with back-off."""
    if not _PREFIX.match(cfg.index_prefix):
        raise SikojaError(
            f"opensearch.index_prefix {cfg.index_prefix!r}: use 1-61 lowercase letters, digits, "
            "'-' or '_', starting with a letter or digit")
    if not cfg.hosts:
        raise SikojaError("opensearch.hosts is empty: give at least one node URL")
    if cfg.api_key and (cfg.username or cfg.password):
        raise SikojaError("opensearch: give either username/password or api_key, not both")
    kwargs: dict[str, Any] = {
        "hosts": list(cfg.hosts),
        "timeout": cfg.timeout,
        "max_retries": 2,
        "retry_on_timeout": True,
        "retry_on_status": (502, 503, 504),
        "http_compress": True,
    }
    if cfg.use_ssl or any(h.startswith("https://") for h in cfg.hosts):
        kwargs["use_ssl"] = True
        kwargs["verify_certs"] = cfg.verify_certs
        kwargs["ssl_show_warn"] = cfg.verify_certs
        if cfg.ca_certs:
            kwargs["ca_certs"] = cfg.ca_certs
    if cfg.username or cfg.password:
        kwargs["http_auth"] = (cfg.username or "", cfg.password or "")
    if cfg.api_key:
        kwargs["headers"] = {"authorization": f"ApiKey {cfg.api_key}"}
    return OpenSearch(**kwargs)


@contextmanager
def user_errors(what: str, hosts: list[str]) -> Iterator[None]:
    """Turn transport failures into errors a user can act on (one line, no traceback)."""
    try:
        yield
    except (ConnectionError, ConnectionTimeout) as exc:
        raise SikojaError(
            f"OpenSearch at {', '.join(hosts)} is not reachable ({what}): {exc.__class__.__name__}"
            f"; check opensearch.hosts and that the cluster is up") from None
    except AuthenticationException:
        raise SikojaError(
            f"OpenSearch refused the credentials ({what}): check opensearch.username/password "
            "or opensearch.api_key") from None
    except AuthorizationException as exc:
        if "cluster_block_exception" in reason(exc):
            raise SikojaError(f"OpenSearch blocks {what}: {reason(exc)} (a full disk sets "
                              "indices read-only; free space, then retry)") from None
        raise SikojaError(
            f"the OpenSearch user lacks permission for {what}: {reason(exc)}") from None
    except TransportError as exc:
        raise SikojaError(f"OpenSearch refused {what}: {exc.status_code} {reason(exc)}") from None


def reason(exc: TransportError) -> str:
    """The cluster's own explanation of a failed request."""
    info = exc.info if isinstance(exc.info, dict) else {}
    error = info.get("error")
    if isinstance(error, dict):
        return f"{error.get('type')}: {error.get('reason')}"
    return str(exc.error)


def parse_version(number: str) -> tuple[int, int, int]:
    parts = [int(p) for p in re.findall(r"\d+", number)[:3]] + [0, 0, 0]
    return parts[0], parts[1], parts[2]


@dataclass(frozen=True)
class Capabilities:
    """What the cluster was seen to do, not what it claims."""

    version: tuple[int, int, int]
    distribution: str
    knn: bool  # knn_vector fields can be searched with a knn query
    indonesian: bool  # the built-in "indonesian" analyzer and stemmer exist
    synonyms: bool  # synonym_graph in a search analyzer really expands
    refresh_analyzers: bool  # _plugins/_refresh_search_analyzers (ISM plugin)
    hybrid: bool  # neural-search plugin: hybrid query + normalization processor
    rrf: bool  # score-ranker-processor (2.19+)


def probe(client: OpenSearch, prefix: str) -> Capabilities:
    """Try each optional feature on a temporary index named ``<prefix>-probe-*``."""
    info = client.info()
    version_info = info.get("version", {})
    version = parse_version(str(version_info.get("number", "0")))
    distribution = str(version_info.get("distribution", "elasticsearch"))
    plugins = _plugins(client)
    token = uuid.uuid4().hex[:8]
    knn = _probe_knn(client, f"{prefix}-probe-knn-{token}")
    indonesian = _probe_indonesian(client, f"{prefix}-probe-id-{token}")
    synonyms = _probe_synonyms(client, f"{prefix}-probe-syn-{token}")
    hybrid = knn and "opensearch-neural-search" in plugins and version >= MIN_HYBRID_VERSION
    return Capabilities(
        version=version,
        distribution=distribution,
        knn=knn,
        indonesian=indonesian,
        synonyms=synonyms,
        refresh_analyzers="opensearch-index-management" in plugins,
        hybrid=hybrid,
        rrf=hybrid and version >= MIN_RRF_VERSION,
    )


def _plugins(client: OpenSearch) -> set[str]:
    try:
        rows = client.cat.plugins(format="json")
    except TransportError:
        return set()
    return {str(row.get("component", "")) for row in rows or []}


def _attempt(client: OpenSearch, index: str, body: dict[str, Any],
             check: Callable[[], bool]) -> bool:
    """Create ``index`` and run ``check`` on it; any refusal means "cannot". Expected
    refusals (400) are ignored rather than logged as warnings."""
    try:
        created = client.indices.create(index=index, body=body, ignore=[400])
        if "error" in created:
            return False
        return check()
    except TransportError:
        return False
    finally:
        try:
            client.indices.delete(index=index, ignore=[404])
        except TransportError:
            pass


def _probe_knn(client: OpenSearch, index: str) -> bool:
    body = {
        "settings": {"index": {"knn": True, "number_of_shards": 1, "number_of_replicas": 0}},
        "mappings": {"properties": {"v": {
            "type": "knn_vector", "dimension": 2,
            "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"},
        }}},
    }

    def check() -> bool:
        client.index(index=index, id="1", body={"v": [1.0, 0.0]}, refresh=True)
        return _found(client, index, {"knn": {"v": {"vector": [1.0, 0.0], "k": 1}}})

    return _attempt(client, index, body, check)


def _probe_indonesian(client: OpenSearch, index: str) -> bool:
    """Stemming must really happen at index and search time: "pelayanan" finds "layanan"."""
    body = {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": {
            "filter": {"id_stem": {"type": "stemmer", "language": "indonesian"}},
            "analyzer": {"id_stemmed": {"type": "custom", "tokenizer": "standard",
                                        "filter": ["lowercase", "id_stem"]}},
        }},
        "mappings": {"properties": {
            "t": {"type": "text", "analyzer": "indonesian"},
            "s": {"type": "text", "analyzer": "id_stemmed"},
        }},
    }

    def check() -> bool:
        client.index(index=index, id="1", body={"t": "pelayanan", "s": "pelayanan"},
                     refresh=True)
        return all(_found(client, index, {"match": {name: "layanan"}}) for name in "ts")

    return _attempt(client, index, body, check)


def _probe_synonyms(client: OpenSearch, index: str) -> bool:
    """A search-time synonym_graph must expand a query; some servers accept the filter in
    the settings (and even in _analyze) but ignore it when searching."""
    body = {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0, "analysis": {
            "filter": {"syn": {"type": "synonym_graph",
                               "synonyms": ["sikojaprobea, sikojaprobeb"]}},
            "analyzer": {"syn": {"type": "custom", "tokenizer": "standard",
                                 "filter": ["lowercase", "syn"]}},
        }},
        "mappings": {"properties": {
            "t": {"type": "text", "analyzer": "standard", "search_analyzer": "syn"},
        }},
    }

    def check() -> bool:
        client.index(index=index, id="1", body={"t": "sikojaprobeb"}, refresh=True)
        return _found(client, index, {"match": {"t": "sikojaprobea"}})

    return _attempt(client, index, body, check)


def _found(client: OpenSearch, index: str, query: dict[str, Any]) -> bool:
    found = client.search(index=index, body={"query": query}, ignore=[400])
    if "error" in found:
        return False
    return [h["_id"] for h in found["hits"]["hits"]] == ["1"]
