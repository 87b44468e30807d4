"""Build or update the index from the crawled documents in the data dir.

Incremental by default: documents whose content hash matches the live index are neither
re-analysed nor re-embedded; removed documents are deleted; if nothing changed, no new
version is written at all. Embeddings are cached by the hash of the embedded text, so even
a full rebuild (``full=True``) re-embeds only new text.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.analysis import Analyzer, Vocabulary
from indexer.backend import IndexBackend, IndexedDoc, doc_id, open_backend
from indexer.embedding import Embedder, EmbeddingCache, load_embedder
from sikoja.config import Settings
from sikoja.documents import Document
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore, documents_db_path

EMBED_CHARS = 700  # of main text per document: measured trade-off of speed and relevance
EMBED_BATCH = 32
Progress = Callable[[str], None]


@dataclass
class BuildSummary:
    documents: int = 0
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    embedded: int = 0
    embed_cache_hits: int = 0
    seconds: float = 0.0
    version: str | None = None
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if not (self.added or self.updated or self.deleted):
            head = f"index is up to date: {self.documents} documents"
        else:
            head = (f"indexed {self.documents} documents ({self.added} new, {self.updated} "
                    f"changed, {self.deleted} removed, {self.unchanged} unchanged)")
        return (f"{head}; embedded {self.embedded} texts ({self.embed_cache_hits} from cache) "
                f"in {self.seconds:.1f}s" + (f"; version {self.version}" if self.version else ""))


def embedding_text(doc: Document) -> str:
    """What to embed: the service name and main content, not menus (already stripped)."""
    parts = [doc.title, " ".join(doc.headings[:6])]
    fields = doc.fields or {}
    for key in ("description", "requirements"):
        value = fields.get(key)
        if isinstance(value, list):
            parts.append("; ".join(str(v) for v in value[:8]))
        elif value:
            parts.append(str(value))
    parts.append(doc.text[:EMBED_CHARS])
    return " \n".join(p for p in parts if p).strip()


def _field_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value) if value else ""


def analyse_document(analyzer: Analyzer, doc: Document) -> IndexedDoc:
    fields_text = " ".join(_field_text(v) for k, v in (doc.fields or {}).items()
                           if k not in ("online_url", "status"))
    return IndexedDoc(
        id=doc_id(doc.url),
        url=doc.url,
        title=doc.title,
        opd=doc.opd,
        kind=doc.kind,
        source=doc.source,
        text=doc.text,
        content_hash=doc.content_hash(),
        title_tokens=analyzer.index_tokens(doc.title),
        heading_tokens=analyzer.index_tokens(" ".join(doc.headings + doc.breadcrumbs)),
        body_tokens=analyzer.index_tokens(f"{doc.text} {fields_text} {doc.opd}"),
        fields=doc.fields or {},
        group_id=doc_id(doc.group_id) if doc.group_id else None,
        parent_url=doc.parent_url,
        last_modified=doc.last_modified,
    )


def document_words(analyzer: Analyzer, title: str, text: str) -> set[str]:
    """Distinct surface words of a document, counted once each for document frequency."""
    return set(analyzer.words(f"{title} {text}"))


class _Progress:
    def __init__(self, total: int, progress: Progress | None, label: str) -> None:
        self.total, self.progress, self.label = total, progress, label
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.progress and (now - self.last > 2.0 or self.done == self.total):
            self.last = now
            elapsed = now - self.started
            rate = self.done / elapsed if elapsed > 0 else 0.0
            left = (self.total - self.done) / rate if rate > 0 else 0.0
            self.progress(f"{self.label}: {self.done}/{self.total} ({rate:.1f}/s, "
                          f"{left:.0f}s left)")


def build_index(
    settings: Settings,
    progress: Progress | None = None,
    *,
    full: bool = False,
    backend: IndexBackend | None = None,
    embedder: Embedder | None = None,
    analyzer: Analyzer | None = None,
) -> BuildSummary:
    started = time.monotonic()
    if not documents_db_path(settings.data_dir).is_file():
        raise SikojaError(f"no crawled documents in {settings.data_dir}: run 'sikoja crawl' first")
    store = DocumentStore.open(settings.data_dir)
    own_backend = backend is None
    backend = backend or open_backend(settings)
    try:
        return _build(settings, store, backend, progress, full, embedder, started,
                      analyzer or Analyzer())
    finally:
        store.close()
        if own_backend:
            backend.close()


def _build(settings, store, backend, progress, full, embedder, started,
           analyzer) -> BuildSummary:
    summary = BuildSummary()
    docs = {doc_id(d.url): d for d in store.iter_documents()}
    if not docs:
        raise SikojaError(f"the document store in {settings.data_dir} is empty: crawl first")
    hashes = {i: d.content_hash() for i, d in docs.items()}
    live = {} if full else backend.manifest()
    live_counts = backend.word_counts() if live else {}
    if live and not live_counts:
        live = {}  # the live version cannot be updated in place: rebuild fully

    to_add = [i for i, h in hashes.items() if live.get(i) != h]
    to_delete = [i for i in live if i not in hashes or live[i] != hashes[i]]
    summary.documents = len(docs)
    summary.unchanged = len(docs) - len(to_add)
    summary.added = sum(1 for i in to_add if i not in live)
    summary.updated = len(to_add) - summary.added
    summary.deleted = sum(1 for i in to_delete if i not in hashes)
    if live and not to_add and not to_delete:
        summary.version = backend.info().get("version")
        summary.seconds = time.monotonic() - started
        return summary

    # Vocabulary: document frequencies, updated by what leaves and what arrives.
    counts: Counter[str] = Counter(live_counts)
    if to_delete:
        for old in backend.get(to_delete).values():
            counts.subtract(document_words(analyzer, old.title, old.text))
    vectors = _embed(settings, [docs[i] for i in to_add], progress, summary, embedder)

    writer = backend.writer(incremental=bool(live))
    try:
        meter = _Progress(len(to_add), progress, "indexing")
        for i in to_delete:
            writer.delete(i)
        for i in to_add:
            doc = docs[i]
            indexed = analyse_document(analyzer, doc)
            indexed.vector = vectors.get(i)
            writer.add(indexed)
            counts.update(document_words(analyzer, doc.title, doc.text))
            meter.step()
        word_counts = {w: c for w, c in counts.items() if c > 0}
        writer.commit(vocabulary=Vocabulary.build(word_counts), manifest=hashes,
                      embedder=settings.embedder, word_counts=word_counts)
    except BaseException:
        writer.abort()
        raise
    summary.version = backend.info().get("version")
    summary.seconds = time.monotonic() - started
    return summary


def _embed(settings, docs, progress, summary, embedder) -> dict:
    """Vectors for ``docs`` by doc id, from the cache where possible."""
    if not docs:
        return {}
    embedder = embedder or load_embedder(settings.embedder)
    if embedder is None:
        return {}
    cache = EmbeddingCache(settings.data_dir / "embeddings.db")
    try:
        texts = {doc_id(d.url): embedding_text(d) for d in docs}
        digests = {i: EmbeddingCache.digest(t) for i, t in texts.items()}
        cached = cache.get_many(embedder.name, list(set(digests.values())))
        summary.embed_cache_hits = sum(1 for d in digests.values() if d in cached)
        missing = sorted({digests[i]: i for i in texts if digests[i] not in cached}.items())
        meter = _Progress(len(missing), progress, "embedding")
        for start in range(0, len(missing), EMBED_BATCH):
            batch = missing[start : start + EMBED_BATCH]
            vectors = embedder.embed_documents([texts[i] for _, i in batch])
            fresh = {digest: vectors[n] for n, (digest, _) in enumerate(batch)}
            cache.put_many(embedder.name, fresh)
            cached.update(fresh)
            summary.embedded += len(batch)
            meter.step(len(batch))
        return {i: cached[d] for i, d in digests.items()}
    finally:
        cache.close()
