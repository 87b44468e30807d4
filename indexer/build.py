"""Build or update the index from the crawled documents in the data dir.

Incremental by default: documents whose content hash matches the live index are neither
re-analysed nor re-embedded; removed documents are deleted; if nothing changed, no new
version is written at all. Embeddings are cached by the hash of the embedded text, so even
a full rebuild (``full=True``) re-embeds only new text.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from indexer.analysis import Analyzer, Vocabulary
from indexer.analysis.lexicon import DATA_DIR as ANALYSIS_DATA
from indexer.analysis.lexicon import data_digest
from indexer.backend import IndexBackend, IndexedDoc
from indexer.capacity import check_capacity
from indexer.coverage import said_tokens
from indexer.embedding import (
    CompositeEmbedder,
    Embedder,
    EmbeddingCache,
    load_embedder,
    same_embedder,
)
from indexer.neighbours import FILE_NAME as NEIGHBOURS_FILE
from indexer.neighbours import build_table, reference_words, title_words
from indexer.registry import open_backend
from indexer.site_words import site_mark, site_words, split_title
from sikoja.apps import app_search_text
from sikoja.config import SemanticSettings, Settings
from sikoja.documents import Document
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore, documents_db_path
from sikoja.urls import doc_id
from synonyms.page_names import own_names, page_names

log = logging.getLogger(__name__)

PASSAGE_HEADINGS = 4
PARAGRAPH_MIN_WORDS = 6  # shorter lines are dates, bylines, menu leftovers, not a paragraph
SHORT_NAME = 2  # tokens
SCAN_SHARE = 5  # fewer changed documents than 1/SCAN_SHARE of all: read by key, not a scan
# What analyse_document stores beyond the keyword fields, in the index keys: a release that
# stores something new (IndexedDoc.said: "said") analyses every page again on a plain
# ``sikoja index``, as a changed word list does (the vectors come from the embedding cache).
STORED = "said"
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
                f"in {self.seconds:.1f}s" + (f"; version {self.version}" if self.version else "")
                + "".join(f"\n{note}" for note in self.notes))


def embedding_text(doc: Document, semantic: SemanticSettings | None = None) -> str:
    """What to embed (``Settings.semantic.text``): ``whole`` is the service name and main
    content (``semantic.embed_chars`` of it), not menus (already stripped); ``passage`` is
    :func:`passage_text`."""
    semantic = semantic or SemanticSettings()
    if semantic.text == "passage":
        return passage_text(doc, semantic.passage_chars)
    parts = [doc.title, " ".join(doc.headings[:6] + app_search_text(doc.fields)[0])]
    fields = doc.fields or {}
    for key in ("description", "requirements"):
        value = fields.get(key)
        if isinstance(value, list):
            parts.append("; ".join(str(v) for v in value[:8]))
        elif value:
            parts.append(str(value))
    parts.append(doc.text[:semantic.embed_chars])
    return " \n".join(p for p in parts if p).strip()


def embedding_texts(doc: Document, semantic: SemanticSettings | None = None) -> list[str]:
    """Every text embedded for ``doc``: one, or for ``semantic.text: sections`` the passage
    and the windows of :func:`section_windows`; the document's vectors are theirs, in order,
    and it scores its best one (``indexer.vectors``)."""
    semantic = semantic or SemanticSettings()
    if semantic.text != "sections":
        return [embedding_text(doc, semantic)]
    return [passage_text(doc, semantic.passage_chars),
            *section_windows(doc.text[:semantic.section_chars], semantic.section_words)]


def section_windows(text: str, words: int) -> list[str]:
    """``text`` in windows of ``words`` words, each sharing a quarter of its words with the
    next (a sentence cut by one window is whole in its neighbour)."""
    tokens = text.split()
    step = max(1, words - words // 4)
    out = []
    for start in range(0, len(tokens), step):
        out.append(" ".join(tokens[start:start + words]))
        if start + words >= len(tokens):
            break
    return out


def passage_text(doc: Document, chars: int | None = None) -> str:
    """A short text that says what a page is: its title, first headings (and the name of a
    catalog app at its URL) and its first paragraph, capped at ``chars``
    (``semantic.passage_chars``). The first
    paragraph is the first line of the text that is a sentence rather than a repeat of the
    title or a heading, a date or a byline; a page without one gives its opening lines."""
    title = doc.title.strip()
    headings = [h.strip() for h in doc.headings[:PASSAGE_HEADINGS] if h.strip()]
    said = {title.casefold(), *(h.casefold() for h in headings)}
    names = app_search_text(doc.fields)[0]
    lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
    fresh = [line for line in lines if line.casefold() not in said]
    first = next((line for line in fresh if len(line.split()) >= PARAGRAPH_MIN_WORDS),
                 " ".join(fresh))
    paragraph = _cap(first, chars or SemanticSettings().passage_chars)
    heads = " ".join(dict.fromkeys(h for h in [*headings, *names]
                                   if h.casefold() != title.casefold()))
    return " \n".join(p for p in (title, heads, paragraph) if p).strip()


def _cap(text: str, limit: int) -> str:
    """``text`` cut at the last word boundary within ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def backend_semantic(semantic: SemanticSettings, backend: IndexBackend,
                     documents: int = 0) -> SemanticSettings:
    """What ``backend`` can index of ``semantic`` for ``documents`` documents: ``sections``
    needs several vectors per document (``IndexBackend.multi_vector``), and past
    ``sections_max_documents`` their memory (about 2.3 vectors each); otherwise the whole
    text is embedded, one vector per document."""
    too_many = 0 < semantic.sections_max_documents < documents
    if semantic.text == "sections" and (not backend.multi_vector or too_many):
        if too_many:
            log.info("%d documents: one vector each (semantic.text: whole), more than "
                     "semantic.sections_max_documents %d", documents,
                     semantic.sections_max_documents)
        return semantic.model_copy(update={"text": "whole"})
    return semantic


def analysis_mark() -> str:
    """What the index keys say of the analysis: the word lists' digest and what is stored."""
    return f"{data_digest(ANALYSIS_DATA)}+{STORED}"


def index_keys(keys: dict[str, str], semantic: SemanticSettings,
               analysis: str = "") -> dict[str, str]:
    """The index's per-document keys: the store's, marked with the embedded text unless it
    is ``whole`` at its default length (what every index held before the mark existed), so
    switching ``semantic.text`` (or its lengths) re-embeds every document (the live keys no
    longer match) instead of leaving vectors of the other text in place. An index built
    before ``sections`` became the default is thus re-embedded once, in full.

    ``analysis``: the digest of the analysis word lists (``lexicon.data_digest``) and what
    the build stores (:func:`analysis_mark`): a release that changed either re-analyses
    every page on a plain ``sikoja index`` (the vectors come from the embedding cache),
    instead of keeping the old tokens of the pages that did not change while queries are
    analysed with the new lists."""
    keys = {i: f"{key}|lex{analysis}" for i, key in keys.items()} if analysis else keys
    default = SemanticSettings()
    mark = semantic.text
    if semantic.text == "whole" and semantic.embed_chars != default.embed_chars:
        mark = f"whole{semantic.embed_chars}"
    elif semantic.text == "passage" and semantic.passage_chars != default.passage_chars:
        mark = f"passage{semantic.passage_chars}"
    elif semantic.text == "sections":
        mark = (f"sections{semantic.passage_chars}/{semantic.section_chars}"
                f"/{semantic.section_words}")
    if mark == "whole":
        return keys
    return {i: f"{key}|{mark}" for i, key in keys.items()}


# Fields that are flags or links, not words a citizen would search for; "app" (a catalog's
# part of a page, see sikoja.apps) is searched through app_search_text instead; "contact"
# repeats a contact page's text, or a home page's footer (template, not its content).
_UNSEARCHED_FIELDS = {"online_url", "status", "listing", "platform", "kind_confidence",
                      "fields_from", "kind_from", "app", "contact", "own_page"}


def _field_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value) if value else ""


def own_name_tokens(analyzer: Analyzer, doc: Document) -> list[str]:
    """Index tokens of the short names (SHORT_NAME tokens at most) the page gives its own
    subject and its title does not already say: "Surat Izin Tempat Usaha (SITU)" in the
    text of a page titled "Surat Izin Tempat Usaha" -> situ, so the page is found by its
    abbreviation without any synonym rule.

    Long names (the expansion on a page titled by the abbreviation) are left to the body,
    where the page's definition already puts them: added to the title or the headings they
    made those fields longer, and BM25 then scored the page lower for its other words
    (dev set: 2 queries better, 3 worse, MRR@10 -0.004; short names only: no change).
    """
    names = page_names(doc.title, doc.headings, doc.text)
    if not names:
        return []
    subject = set(analyzer.index_tokens(doc.title))
    out: list[str] = []
    for name in own_names(names, subject, lambda text: set(analyzer.index_tokens(text))):
        tokens = analyzer.index_tokens(name)
        if len(tokens) <= SHORT_NAME:
            out.extend(tokens)
    return out


def analyse_document(analyzer: Analyzer, doc: Document, key: str | None = None,
                     own: frozenset[str] = frozenset()) -> IndexedDoc:
    """The analysed document; ``key`` is its index key (default: the store's). ``own``:
    its site's own words (``indexer.site_words``), which its title holds as body text."""
    title, site = split_title(analyzer.title_tokens(doc.title), own)
    fields_text = " ".join(_field_text(v) for k, v in (doc.fields or {}).items()
                           if k not in _UNSEARCHED_FIELDS)
    # the app a catalog lists at this page's URL: its name is another heading of the page
    app_names, app_description = app_search_text(doc.fields)
    return IndexedDoc(
        id=doc_id(doc.url),
        url=doc.url,
        title=doc.title,
        opd=doc.opd,
        kind=doc.kind,
        source=doc.source,
        text=doc.text,
        content_hash=key or doc.index_key(),
        title_tokens=title,
        heading_tokens=analyzer.index_tokens(
            " ".join(doc.headings + doc.breadcrumbs + app_names)),
        body_tokens=site + analyzer.index_tokens(
            f"{doc.text} {fields_text} {app_description} {doc.opd}"),
        fields=doc.fields or {},
        group_id=doc_id(doc.group_id) if doc.group_id else None,
        parent_url=doc.parent_url,
        last_modified=doc.last_modified,
        alias_tokens=own_name_tokens(analyzer, doc),
        said=said_tokens(analyzer, doc.title, doc.text, doc.fields),
    )


def site_marks(store: DocumentStore, analyzer: Analyzer
               ) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """(source -> its site words, url -> its page's site mark) of the live store
    (``indexer.site_words``): the titles read twice, the second time only those of the
    sources that have site words."""
    # a source's OPD when all its pages are one OPD's: a catalogue of many OPDs' apps has no
    # own place (MIN(opd) of it named an arbitrary one)
    opds = {row["source"]: row["opd"] for row in store.query(
        "SELECT source, MIN(opd) AS opd FROM documents WHERE status = 'live' GROUP BY source "
        "HAVING COUNT(DISTINCT opd) = 1")}
    own = site_words(((source, title) for _, source, title in store.titles()),
                     analyzer.index_tokens, opds)
    marks = {}
    for url, source, title in store.titles(own) if own else ():
        mark = site_mark(analyzer.title_tokens(title), own[source])
        if mark:
            marks[url] = mark
    return own, marks


def document_words(analyzer: Analyzer, title: str, text: str,
                   fields: dict[str, object] | None = None) -> set[str]:
    """Distinct surface words of a document, counted once each for document frequency
    (with the name of a catalog app merged into it, so "did you mean" knows the name)."""
    names = " ".join(app_search_text(fields)[0])
    return set(analyzer.words(f"{title} {names} {text}"))


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
    own_words: bool = True,
) -> BuildSummary:
    """Build or update the index. ``own_words``: index each site's own title words as
    body text (``indexer.site_words``); off for the plain BM25 baseline."""
    started = time.monotonic()
    if not documents_db_path(settings.data_dir).is_file():
        raise SikojaError(f"no crawled documents in {settings.data_dir}: run 'sikoja crawl' first")
    store = DocumentStore.open(settings.data_dir)
    own_backend = backend is None
    backend = backend or open_backend(settings)
    damage = list(backend.info().get("damaged") or [])  # set aside when the backend opened
    try:
        with backend.build_lock():  # a second build waits, then starts from the first's result
            summary = _build(settings, store, backend, progress, full, embedder, started,
                             analyzer or Analyzer(),
                             rebuild=bool(backend.info().get("damaged")), own_words=own_words)
        summary.notes.extend(f"damaged index version set aside, rebuilt: {why}"
                             for why in damage)
        return summary
    finally:
        store.close()
        if own_backend:
            backend.close()


def _build(settings, store, backend, progress, full, embedder, started,
           analyzer, *, rebuild: bool = False, own_words: bool = True) -> BuildSummary:
    """Two streaming passes over the store (embed, then analyse and write), so memory
    does not grow with the number of documents beyond ids, hashes and the vectors.

    ``rebuild``: a damaged version was set aside, so a new version is written even when the
    older one now serving holds the same documents (until then health says "degraded")."""
    summary = BuildSummary()
    stored = store.index_keys()
    urls = {doc_id(url): url for url in stored}
    semantic = backend_semantic(settings.semantic, backend, len(stored))
    own, marks = site_marks(store, analyzer) if own_words else ({}, {})
    keys = index_keys({doc_id(url): key + marks.get(url, "") for url, key in stored.items()},
                      semantic, analysis_mark())
    del stored, marks
    if not keys:
        raise SikojaError(f"the document store in {settings.data_dir} is empty: crawl first")
    live = {} if full else backend.manifest()
    if live and not same_embedder(backend.info().get("embedder"), settings.embedder):
        # the live version's vectors are another embedder's (another space, maybe another
        # dimension): keeping those of unchanged pages beside new ones would mix the two
        log.info("the index was built with embedder %r, now %r: every document is embedded "
                 "again", backend.info().get("embedder"), settings.embedder)
        live = {}
    live_counts = backend.word_counts() if live else {}
    if live and not live_counts:
        live = {}  # the live version cannot be updated in place: rebuild fully

    to_add = {i for i, key in keys.items() if live.get(i) != key}
    to_delete = [i for i in live if i not in keys or live[i] != keys[i]]
    summary.documents = len(keys)
    summary.unchanged = len(keys) - len(to_add)
    summary.added = sum(1 for i in to_add if i not in live)
    summary.updated = len(to_add) - summary.added
    summary.deleted = sum(1 for i in to_delete if i not in keys)
    if live and not to_add and not to_delete and not rebuild:
        summary.version = backend.info().get("version")
        summary.seconds = time.monotonic() - started
        return summary

    check_capacity(settings.model_copy(update={"semantic": semantic}), len(keys))

    def changed() -> Iterator[Document]:
        if len(to_add) * SCAN_SHARE < len(keys):  # a few: read them by key
            return store.iter_documents_at(urls[i] for i in to_add)
        return (d for d in store.iter_documents() if doc_id(d.url) in to_add)

    # Vocabulary: document frequencies, updated by what leaves and what arrives.
    counts: Counter[str] = Counter(live_counts)
    for start in range(0, len(to_delete), 500):
        for old in backend.get(to_delete[start : start + 500]).values():
            counts.subtract(document_words(analyzer, old.title, old.text, old.fields))
    embedded = _Embedded(settings, embedder, summary, semantic)
    try:
        embedded.fill(changed(), len(to_add), progress)
        writer = backend.writer(incremental=bool(live))
        try:
            meter = _Progress(len(to_add), progress, "indexing")
            for i in to_delete:
                writer.delete(i)
            for batch in _batches(changed(), 256):
                vectors = embedded.vectors(batch)
                for doc in batch:
                    indexed = analyse_document(analyzer, doc, keys[doc_id(doc.url)],
                                               own.get(doc.source, frozenset()))
                    indexed.vector = vectors.get(indexed.id)
                    writer.add(indexed)
                    counts.update(document_words(analyzer, doc.title, doc.text, doc.fields))
                    meter.step()
            word_counts = {w: c for w, c in counts.items() if c > 0}
            writer.commit(vocabulary=Vocabulary.build(word_counts), manifest=keys,
                          embedder=settings.embedder, word_counts=word_counts)
        except BaseException:
            writer.abort()
            raise
        write_neighbours(settings, store, analyzer, embedded)
    finally:
        embedded.close()
    summary.version = backend.info().get("version")
    summary.seconds = time.monotonic() - started
    return summary


def write_neighbours(settings: Settings, store: DocumentStore, analyzer: Analyzer,
                     embedded: _Embedded) -> None:
    """The embedder's table of the live documents' title words, for query words nobody
    listed (indexer/neighbours.py), beside the index; removed when there is no embedder or
    ``semantic.neighbours`` is 0. Title words repeat across pages and builds, so a rebuild
    embeds few (through the embedding cache)."""
    path = settings.data_dir / NEIGHBOURS_FILE
    if embedded.embedder is None or settings.semantic.neighbours <= 0:
        path.unlink(missing_ok=True)
        return
    words = title_words(analyzer, (title for _, _, title in store.titles()))
    build_table(embedded.embedder, embedded.cache, words, reference_words(analyzer),
                settings.index.embed_batch).save(path)


def _batches(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Embedded:
    """Embeddings through the cache: ``fill`` embeds what the cache lacks, ``vectors``
    reads a batch back. Only digests stay in memory between the two.

    A composite embedder (``A+B``, ``indexer.embedding.CompositeEmbedder``) is filled part
    by part, each under its own name in the cache: A reads the page's texts of
    ``semantic.text``, B its passage alone (one vector, joined to each of A's rows)."""

    def __init__(self, settings: Settings, embedder: Embedder | None,
                 summary: BuildSummary, semantic: SemanticSettings) -> None:
        self.summary = summary
        self.semantic = semantic
        self.batch = settings.index.embed_batch
        self.embedder = embedder or load_embedder(settings.embedder)
        self.cache = (EmbeddingCache(settings.data_dir / "embeddings.db")
                      if self.embedder is not None else None)

    def _reads(self) -> list[tuple[Embedder, Callable[[Document], list[str]]]]:
        """(model, the texts of a page it embeds) for each model the embedder runs."""
        assert self.embedder is not None
        if isinstance(self.embedder, CompositeEmbedder):
            first, second = self.embedder.parts
            return [(first, lambda d: embedding_texts(d, self.semantic)),
                    (second, lambda d: [passage_text(d, self.semantic.passage_chars)])]
        return [(self.embedder, lambda d: embedding_texts(d, self.semantic))]

    def fill(self, docs: Iterator[Document], total: int, progress: Progress | None) -> None:
        if self.embedder is None or self.cache is None:
            return
        meter = _Progress(total, progress, "embedding")
        for batch in _batches(docs, self.batch * 8):
            for model, texts_of in self._reads():
                texts = {EmbeddingCache.digest(t): t for d in batch for t in texts_of(d)}
                # what an earlier batch embedded is in the cache already: a hit
                _vectors, embedded = self.cache.through(model, texts, self.batch)
                self.summary.embed_cache_hits += len(texts) - embedded
                self.summary.embedded += embedded
            meter.step(len(batch))

    def vectors(self, docs: list[Document]) -> dict[str, np.ndarray]:
        """Each document's vector, or (``semantic.text: sections``) its rows of vectors."""
        if self.embedder is None or self.cache is None:
            return {}
        parts = []
        for model, texts_of in self._reads():
            digests = {doc_id(d.url): [EmbeddingCache.digest(t) for t in texts_of(d)]
                       for d in docs}
            found = self.cache.get_many(model.name,
                                        list({d for ds in digests.values() for d in ds}))
            parts.append({i: np.stack([found[d] for d in ds]) for i, ds in digests.items()
                          if all(d in found for d in ds)})
        if isinstance(self.embedder, CompositeEmbedder):
            rows = {i: self.embedder.join(first, parts[1][i])
                    for i, first in parts[0].items() if i in parts[1]}
        else:
            rows = parts[0]
        return {i: r if self.semantic.text == "sections" else r[0] for i, r in rows.items()}

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()
