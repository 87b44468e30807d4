"""The embedded backend: everything in the data dir, no server.

Layout of ``DATA_DIR/index/``::

    CURRENT              name of the live version (replaced atomically with os.replace)
    v000007/             one version
        tantivy/         BM25 over pre-analysed tokens (title, headings, body)
        docs.db          display fields by doc id (SQLite); its table "said" holds what
                         each page says (IndexedDoc.said), absent in versions built before
        vectors.npy      L2-normalised embeddings, one per document or per section (several
                         rows under one key), sorted by document key (memory-mapped)
        vector_rows.npz  their keys, opd and kind (indexer.vectors)
        vectors.ivf      faiss IVF index over them (above ``index.ann_threshold`` vectors)
        vocabulary.json  surface words for typo correction
        manifest.json    doc id -> content hash
        meta.json        built_at, documents, embedder
        checksums.json   size and SHA-256 of every file above (indexer.integrity)
    damaged-v000008/     a version that failed its checksums, set aside with DAMAGE.txt
    build.lock           held by the one index build that may run at a time

A reindex writes a new version beside the live one (an incremental one starts from hard
links to the live one's tantivy segments, which tantivy never rewrites, and a copy of
docs.db) and only then points CURRENT at it, so searches are served throughout and a crash midway
leaves the old version serving. Tantivy has no Indonesian stemmer, so tokens arrive already
analysed (``indexer.analysis``) and are indexed with the whitespace tokenizer.

A version is checked against its checksums when opened, and by size and time on every
refresh; one that fails (or breaks a search and then fails) is set aside and the newest intact
older version serves, with CURRENT pointed at it, until ``sikoja index`` builds a new one.
Searching writes nothing, so it works on a read-only data dir (a damaged version there is
skipped in memory instead of renamed).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import tantivy

from indexer import integrity, vectors
from indexer.analysis import QueryTerm, Vocabulary
from indexer.backend import (
    DocMeta,
    Filters,
    Hit,
    IndexBackend,
    IndexedDoc,
    IndexWriter,
    pack_said,
    unpack_said,
)
from indexer.query_model import (
    FIELD_BOOSTS,
    PAIR_FIELDS,
    Clause,
    field_tokens,
    keyword_clauses,
    search_in_two_steps,
)
from sikoja.config import IndexSettings
from sikoja.sqlite import connect, open_immutable

if TYPE_CHECKING:
    from sikoja.config import Settings

LAYOUT = 7  # bump when the files of a version change shape: the next build is then full
ANN_FILE = vectors.ANN_FILE  # the IVF index, written once per version at commit
DOC_FREQ_CACHE = 200_000  # (field, token) document frequencies memoised per version
_KEY_SHIFT = vectors.KEY_SHIFT  # ids are 64-bit; the i64 fast field holds them shifted
REVERIFY_AFTER = 30.0  # seconds: a failing search re-hashes its version at most this often

log = logging.getLogger(__name__)


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    # the same id as a number in a fast field: hits resolve to ids without reading
    # stored documents (100 stored-document reads cost more than the search itself)
    builder.add_integer_field("key", fast=True)  # 64-bit id shifted into the i64 range
    builder.add_text_field("opd", tokenizer_name="raw")
    builder.add_text_field("kind", tokenizer_name="raw")
    for name in (*FIELD_BOOSTS, *PAIR_FIELDS.values()):
        # positions are never needed: phrases are looked up as pairs (indexer.query_model)
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


SCHEMA = _schema()


class EmbeddedBackend(IndexBackend):
    name = "embedded"
    multi_vector = True  # rows of a document's sections (indexer.vectors)

    @classmethod
    def from_settings(cls, settings: Settings) -> EmbeddedBackend:
        return cls(settings.data_dir, settings.index)

    def __init__(self, data_dir: Path, cfg: IndexSettings | None = None) -> None:
        self.root = Path(data_dir) / "index"
        self.cfg = cfg or IndexSettings()  # versions kept, HNSW parameters
        with contextlib.suppress(OSError):  # read-only data dir: searching writes nothing
            self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._live: _Version | None = None
        self._skipped: dict[str, str] = {}  # damaged but not renamed (read-only data dir)
        self.refresh()

    # -- versions ----------------------------------------------------------------------

    def _versions(self) -> list[str]:
        """Names of the version folders, oldest first (set-aside ones excluded)."""
        found = []
        with contextlib.suppress(OSError):
            for p in self.root.iterdir():
                number = integrity.version_number(p.name)
                if number is not None and p.name.startswith("v") and p.is_dir():
                    found.append((number, p.name))
        return [name for _, name in sorted(found)]

    def _read_current(self) -> str | None:
        try:
            name = (self.root / "CURRENT").read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return name if integrity.version_number(name) is not None else None

    def _version(self) -> _Version | None:
        return self._live

    def _current_name(self) -> str | None:
        live = self._live
        return live.name if live is not None else None

    def refresh(self) -> bool:
        """Open the version CURRENT names, or the newest intact one before it if that is
        damaged; re-check the open one cheaply. True when the version serving changed."""
        with self._lock:
            live = self._live
            name = self._read_current()
            if live is not None and live.name == name:
                try:
                    live.recheck()
                    return False
                except integrity.DamagedVersion as exc:
                    self._set_aside(live.path, exc.reason)
            if name is None:
                return False  # no CURRENT (nothing built yet): keep what serves, if anything
            opened = self._open_best(name)
            if opened is None and live is None:
                return False
            # The old version is not closed here: a search that picked it up just before
            # the swap may still be reading it. It closes when the last reference goes.
            self._live = opened
            return True

    def _open_best(self, name: str) -> _Version | None:
        number = integrity.version_number(name) or 0
        older = [v for v in self._versions() if (integrity.version_number(v) or 0) < number]
        for candidate in [name, *reversed(older)]:
            path = self.root / candidate
            if candidate in self._skipped or not path.is_dir():
                continue
            try:
                if _read_meta(path).get("layout") != LAYOUT:
                    if candidate == name:
                        return None  # older files: rebuild, never read
                    continue
                started = time.monotonic()
                version = _Version(path, self.cfg)
            except integrity.DamagedVersion as exc:
                self._set_aside(path, exc.reason)
                continue
            if candidate != name:
                self._point_current(name, candidate)
            # the one line per open: how long a server's start or a version swap took
            log.info("opened index version %s (%s documents) in %.2f s", version.name,
                     version.meta.get("documents", "?"), time.monotonic() - started)
            return version
        return None

    def _set_aside(self, path: Path, reason: str) -> None:
        moved_to = integrity.set_aside(path, reason)
        if moved_to is None and path.exists():
            self._skipped[path.name] = reason
        log.error("index version %s is damaged (%s); set aside as %s", path.name, reason,
                  moved_to.name if moved_to else "(read-only: skipped in memory)")

    def _point_current(self, was: str, name: str) -> None:
        """Point CURRENT at ``name`` if it still names ``was`` (a build may have moved it)."""
        try:
            with self._current_lock():
                if self._read_current() == was:
                    self._write_current(name)
        except OSError:
            pass  # read-only: this process serves ``name`` without recording it

    @contextlib.contextmanager
    def _current_lock(self) -> Iterator[None]:
        with (self.root / "CURRENT.lock").open("a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            yield

    def _write_current(self, name: str) -> None:
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(name, encoding="utf-8")
        os.replace(tmp, self.root / "CURRENT")

    def damage(self) -> list[str]:
        """Why the version serving is not the newest one built (empty when all is well)."""
        live = self._live
        floor = (integrity.version_number(live.name) or 0) if live is not None else 0
        reasons = {n: f"{folder}: {why}"
                   for n, folder, why in integrity.damaged_versions(self.root) if n > floor}
        for name, why in self._skipped.items():
            number = integrity.version_number(name) or 0
            if number > floor:
                reasons[number] = f"{name}: {why}"
        return [reasons[n] for n in sorted(reasons)]

    @contextlib.contextmanager
    def build_lock(self) -> Iterator[None]:
        """One index build at a time: a second ``sikoja index`` waits for the first, then
        builds on what it made (two at once both took the same version number)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / "build.lock").open("a") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.warning("another index build is running in %s; waiting for it", self.root)
                fcntl.flock(f, fcntl.LOCK_EX)
            self.refresh()
            yield

    def writer(self, *, incremental: bool) -> IndexWriter:
        live = self._live
        base = live.path if (incremental and live is not None) else None
        while True:
            numbers = [integrity.version_number(p.name) for p in self.root.iterdir()]
            number = max([n for n in numbers if n is not None], default=0) + 1
            path = self.root / f"v{number:06d}"
            try:
                path.mkdir()  # exclusive: never reuse or remove another writer's folder
            except FileExistsError:
                continue
            return _Writer(self, path, base)

    def _swap(self, path: Path) -> None:
        with self._current_lock():
            current = integrity.version_number(self._read_current() or "") or 0
            if (integrity.version_number(path.name) or 0) > current:
                self._write_current(path.name)
            else:  # compare-and-set: never move CURRENT back to an older number
                log.warning("not making %s live: CURRENT already names a newer version",
                            path.name)
        self.refresh()
        self._prune()

    def _prune(self) -> None:
        live = self._current_name()
        versions = self._versions()
        keep = set(versions[-self.cfg.keep_versions:]) | {live}
        for name in versions:
            if name not in keep:
                shutil.rmtree(self.root / name, ignore_errors=True)

    def _use(self, read: Callable[[_Version], Any], default: Any) -> Any:
        """``read`` on the live version; if it fails and the version turns out damaged,
        set it aside and read the version that now serves instead."""
        version = self._live
        if version is None:
            return default
        try:
            return read(version)
        except Exception:
            if not self._recover(version):
                raise
        version = self._live
        return read(version) if version is not None else default

    def _recover(self, version: _Version) -> bool:
        with self._lock:
            if self._live is not version:
                return True  # another thread already moved on
            try:
                version.verify_again()
            except integrity.DamagedVersion as exc:
                self._set_aside(version.path, exc.reason)
                self._live = self._open_best(version.name)
                return True
        return False

    # -- reads -------------------------------------------------------------------------

    def keyword_search(
        self, terms: Sequence[QueryTerm], k: int, filters: Filters | None = None
    ) -> list[Hit]:
        if not terms:
            return []
        return self._use(lambda v: v.keyword_search(terms, k, filters), [])

    def vector_search(
        self, vector: np.ndarray, k: int, filters: Filters | None = None
    ) -> list[Hit]:
        return self._use(lambda v: v.vector_search(vector, k, filters), [])

    def vector_scores(self, vector: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        return self._use(lambda v: v.vector_scores(vector, ids), {})

    def doc_vectors(self, ids: Sequence[str], query: np.ndarray, best: bool = False
                    ) -> dict[str, np.ndarray]:
        return self._use(lambda v: v.doc_vectors(ids, query, best), {})

    def get(self, ids: Sequence[str]) -> dict[str, IndexedDoc]:
        return self._use(lambda v: v.get(ids), {})

    def doc_meta(self, ids: Sequence[str]) -> dict[str, DocMeta]:
        def read(version: _Version) -> dict[str, DocMeta]:
            known = version.metas
            return {i: known[i] for i in ids if i in known}
        return self._use(read, {})

    def all_meta(self) -> list[DocMeta]:
        return self._use(lambda v: list(v.metas.values()), [])

    def manifest(self) -> dict[str, str]:
        version = self._live
        # read when a build asks: a searching process never holds a million hashes
        return version.read_manifest() if version else {}

    def vocabulary(self) -> Vocabulary | None:
        version = self._live
        return version.vocabulary if version else None

    def word_counts(self) -> dict[str, int]:
        """Document frequency of surface words in the live version (for incremental builds)."""
        version = self._live
        path = version.path / "word_counts.json" if version else None
        if path is None or not path.is_file():
            return {}
        return json.loads(path.read_text(encoding="utf-8"))

    def info(self) -> dict[str, Any]:
        version = self._live
        damage = self.damage()
        extra = {"damaged": damage} if damage else {}
        if version is None:
            return {"version": None, "built_at": None, "documents": 0, "embedder": None,
                    **extra}
        return {"version": version.name, **version.meta, **extra}

    def close(self) -> None:
        with self._lock:
            if self._live is not None:
                self._live.close()
                self._live = None


class _Version:
    """One immutable index version, opened for reading."""

    def __init__(self, path: Path, cfg: IndexSettings | None = None) -> None:
        self.path = path
        self.name = path.name
        self.cfg = cfg or IndexSettings()
        self.meta = _read_meta(path)
        # versions written before checksums existed are read as they are; large files are
        # checked by samples here, in full after a failed read (indexer.integrity)
        self._expected = integrity.read_checksums(path) if self.meta.get("checksums") else {}
        self._seen = integrity.verify(path, self._expected, sampled=True)
        self._verified_at = time.monotonic()
        self._shadow: tempfile.TemporaryDirectory[str] | None = None
        self.index = self._open_tantivy(path / "tantivy")
        self.searcher = self.index.searcher()
        self.vocabulary = Vocabulary.load(path / "vocabulary.json")
        # immutable: the version never changes, so SQLite takes no locks and writes no
        # journal or -shm file (which also lets it read a read-only data dir)
        self._db = open_immutable(path / "docs.db")
        # what each page says, in a table of its own: in the docs rows it made them longer
        # than half a page, one row per 4 KB page, 46% more file at 10k instead of 20%
        has_said = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'said'").fetchone()
        self._get_sql = ("SELECT d.id, d.data, s.tokens FROM docs d LEFT JOIN said s "
                         "ON s.id = d.id WHERE d.id IN ({})" if has_said else
                         "SELECT id, data, NULL FROM docs WHERE id IN ({})")
        self._db_lock = threading.Lock()
        self._closed = False
        self._metas: dict[str, DocMeta] | None = None
        self._doc_freqs: dict[tuple[str, str], int] = {}
        self.vectors: vectors.VectorIndex | None = None
        self._vectors_loaded = False
        self._vector_lock = threading.Lock()

    def _open_tantivy(self, folder: Path) -> tantivy.Index:
        """Tantivy takes a lock file in the index folder even to read it; on a read-only
        data dir the folder is read through a temporary one of links to its files."""
        try:
            return tantivy.Index.open(str(folder))
        except ValueError:
            if os.access(folder, os.W_OK):
                raise
        self._shadow = tempfile.TemporaryDirectory(prefix="sikoja-index-")
        for file in folder.iterdir():
            if not file.name.endswith(".lock"):
                os.symlink(file.resolve(), Path(self._shadow.name) / file.name)
        return tantivy.Index.open(self._shadow.name)

    def read_manifest(self) -> dict[str, str]:
        return json.loads((self.path / "manifest.json").read_text(encoding="utf-8"))

    def recheck(self) -> None:
        """Cheap: re-hash only files whose size or time moved since they were verified."""
        changed = integrity.moved(self.path, self._seen)
        if changed:
            self._seen.update(integrity.verify(self.path, self._expected, only=changed))

    def verify_again(self) -> None:
        """Every file hashed again (after a failed read), at most every REVERIFY_AFTER s."""
        if time.monotonic() - self._verified_at < REVERIFY_AFTER:
            self.recheck()
            return
        self._seen = integrity.verify(self.path, self._expected)
        self._verified_at = time.monotonic()

    @property
    def _ann(self) -> Any:
        return self.vectors.ann if self.vectors is not None else None

    def _load_vectors(self) -> None:
        """Vectors (and the IVF index written at build time) load on the first vector
        search: an index build or a keyword-only process never pays for them."""
        with self._vector_lock:
            if self._vectors_loaded:
                return
            if (self.path / vectors.ROWS).is_file():
                self.vectors = vectors.VectorIndex(self.path, self.cfg)
            self._vectors_loaded = True

    @property
    def metas(self) -> dict[str, DocMeta]:
        """Ranking metadata of every document, read on the first search that needs it: an
        index build (which opens the live version and the one it makes) never reads a
        million rows it does not use."""
        metas = self._metas
        if metas is None:
            with self._db_lock:
                if self._closed:
                    return {}
                if self._metas is None:
                    self._metas = self._load_metas()
                metas = self._metas
        return metas

    def _load_metas(self) -> dict[str, DocMeta]:
        # only versions of the current LAYOUT are opened, and they all have these columns
        rows = self._db.execute(
            "SELECT id, url, title, opd, kind, group_id, parent_url, listing, confidence "
            "FROM docs")
        # opd and kind repeat across documents: one string each (a million documents)
        intern = sys.intern
        return {r[0]: DocMeta(r[0], r[1], r[2], intern(r[3]), intern(r[4]), r[5], r[6],
                              bool(r[7]), r[8])
                for r in rows}

    def close(self) -> None:
        # under the lock: closing SQLite while another thread reads it crashes the process
        with self._db_lock:
            self._closed = True
            self._db.close()
        if self._shadow is not None:
            self._shadow.cleanup()

    def keyword_search(
        self, terms: Sequence[QueryTerm], k: int, filters: Filters | None
    ) -> list[Hit]:
        clauses = keyword_clauses(terms)
        if not clauses:
            return []
        return search_in_two_steps(clauses, self.doc_freq, self.searcher.num_docs, k,
                                   lambda chosen: self._search(chosen, k, filters))

    def _search(self, clauses: Sequence[Clause], k: int, filters: Filters | None) -> list[Hit]:
        query = tantivy.Query.boolean_query([
            (tantivy.Occur.Should, tantivy.Query.boost_query(
                tantivy.Query.term_query(SCHEMA, c.field, c.token), c.boost))
            for c in clauses])
        if filters and (filters.opd or filters.kind):
            must = [(tantivy.Occur.Must, query)]
            for field_name, values in (("opd", filters.opd), ("kind", filters.kind)):
                if values:
                    # a filter restricts, it must not add to the score
                    must.append((tantivy.Occur.Must, tantivy.Query.const_score_query(
                        tantivy.Query.boolean_query([
                            (tantivy.Occur.Should,
                             tantivy.Query.term_query(SCHEMA, field_name, v))
                            for v in values
                        ]), 0.0)))
            query = tantivy.Query.boolean_query(must)
        # no hit count: counting visits every match, which turns off tantivy's skipping
        result = self.searcher.search(query, k, count=False)
        if not result.hits:
            return []
        keys = self.searcher.fast_field_values("key", [address for _, address in result.hits])
        return [Hit(id=f"{key + _KEY_SHIFT:016x}", score=float(score))
                for (score, _), key in zip(result.hits, keys, strict=True)]

    def doc_freq(self, field_name: str, token: str) -> int:
        """Documents of this version with ``token`` in the field (memoised: the version is
        immutable)."""
        key = (field_name, token)
        found = self._doc_freqs.get(key)
        if found is None:
            if len(self._doc_freqs) > DOC_FREQ_CACHE:
                self._doc_freqs.clear()
            found = self._doc_freqs[key] = self.searcher.doc_freq(field_name, token)
        return found

    def vector_search(self, vector: np.ndarray, k: int, filters: Filters | None) -> list[Hit]:
        if not self._vectors_loaded:
            self._load_vectors()
        if self.vectors is None or len(self.vectors) == 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.vectors.dim:
            return []
        found = self.vectors.search(query, k, list(filters.opd) if filters else None,
                                    list(filters.kind) if filters else None)
        return [Hit(id=i, score=s) for i, s in found]

    def vector_scores(self, vector: np.ndarray, ids: Sequence[str]) -> dict[str, float]:
        if not self._vectors_loaded:
            self._load_vectors()
        if self.vectors is None or len(self.vectors) == 0 or not ids:
            return {}
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.vectors.dim:
            return {}
        return self.vectors.scores(query, ids)

    def doc_vectors(self, ids: Sequence[str], query: np.ndarray, best: bool = False
                    ) -> dict[str, np.ndarray]:
        if not self._vectors_loaded:
            self._load_vectors()
        if self.vectors is None or len(self.vectors) == 0 or not ids:
            return {}
        query = np.asarray(query, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.vectors.dim:  # whether the row is the first or the best
            return {}
        return self.vectors.vectors_of(ids, query if best else None)

    def get(self, ids: Sequence[str]) -> dict[str, IndexedDoc]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._db_lock:
            if self._closed:  # the backend is shutting down
                return {}
            rows = self._db.execute(self._get_sql.format(marks), list(ids)).fetchall()
        out = {}
        for doc_id, data, said in rows:
            out[doc_id] = IndexedDoc(**json.loads(data), title_tokens=[], heading_tokens=[],
                                     body_tokens=[], said=unpack_said(said))
        return out


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise integrity.DamagedVersion(path.name, f"meta.json is unreadable ({exc})") from None
    if not isinstance(meta, dict):
        raise integrity.DamagedVersion(path.name, "meta.json is not an object")
    return meta


_DISPLAY_KEYS = ("id", "url", "title", "opd", "kind", "source", "text", "content_hash",
                 "fields", "group_id", "parent_url", "last_modified")


class _Writer(IndexWriter):
    def __init__(self, backend: EmbeddedBackend, path: Path, base: Path | None) -> None:
        self.backend = backend
        self.path = path  # created empty by EmbeddedBackend.writer
        self.base = base
        if base is not None:
            # tantivy writes new segment and delete files and replaces its meta.json by
            # rename: linking the old files shares them safely; SQLite writes in place
            shutil.copytree(base / "tantivy", path / "tantivy", copy_function=os.link,
                            ignore=shutil.ignore_patterns("*.lock"))
            shutil.copyfile(base / "docs.db", path / "docs.db")
        else:
            (path / "tantivy").mkdir()
        self.index = tantivy.Index(SCHEMA, path=str(path / "tantivy"), reuse=base is not None)
        self.writer = self.index.writer(heap_size=128_000_000, num_threads=1)
        # a new version's file, written once by this builder: no journal, no fsync
        self.db, _ = connect(path / "docs.db", journal="OFF", synchronous="OFF", schema=(
            "CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, url TEXT, title TEXT, "
            "opd TEXT, kind TEXT, group_id TEXT, parent_url TEXT, listing INTEGER, "
            "confidence REAL, data TEXT); "
            "CREATE TABLE IF NOT EXISTS said (id TEXT PRIMARY KEY, tokens TEXT) WITHOUT ROWID;"
            ), check_same_thread=True)
        self.vectors = vectors.VectorWriter(base)
        self._pending: list[tuple] = []
        self._said: list[tuple[str, str | None]] = []

    def add(self, doc: IndexedDoc) -> None:
        fields = field_tokens(doc.title_tokens, doc.heading_tokens, doc.body_tokens,
                              doc.alias_tokens)
        self.writer.add_document(tantivy.Document(
            id=doc.id, key=int(doc.id, 16) - _KEY_SHIFT, opd=doc.opd, kind=doc.kind,
            **{name: " ".join(tokens) for name, tokens in fields.items()},
        ))
        display = {key: getattr(doc, key) for key in _DISPLAY_KEYS}
        self._said.append((doc.id, pack_said(doc.said)))
        m = DocMeta.of(doc)
        self._pending.append((doc.id, m.url, m.title, m.opd, m.kind, m.group_id, m.parent_url,
                              int(m.listing), m.confidence,
                              json.dumps(display, ensure_ascii=False)))
        if len(self._pending) >= 1000:
            self._flush()
        if doc.vector is not None:
            self.vectors.add(doc.id, np.asarray(doc.vector, dtype=np.float32), doc.opd,
                             doc.kind)
        else:
            self.vectors.remove(doc.id)

    def delete(self, doc_id: str) -> None:
        self.writer.delete_documents_by_term("id", doc_id)
        self.db.execute("DELETE FROM docs WHERE id = ?", (doc_id,))
        self.db.execute("DELETE FROM said WHERE id = ?", (doc_id,))
        self.vectors.remove(doc_id)

    def _flush(self) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO docs (id, url, title, opd, kind, group_id, parent_url, "
            "listing, confidence, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self._pending)
        # a build always gives what a page says (indexer.build); a row of NULL tokens
        # reads back as none, as a missing row does
        self.db.executemany("INSERT OR REPLACE INTO said (id, tokens) VALUES (?, ?)",
                            self._said)
        self._pending.clear()
        self._said.clear()

    def commit(self, *, vocabulary: Vocabulary, manifest: dict[str, str],
               embedder: str | None = None, word_counts: dict[str, int] | None = None) -> None:
        self._flush()
        self.db.commit()
        self.db.close()
        self.writer.commit()
        self.writer.wait_merging_threads()
        rows = self.vectors.commit(self.path, self.backend.cfg)
        vocabulary.save(self.path / "vocabulary.json")
        if word_counts is not None:
            (self.path / "word_counts.json").write_text(
                json.dumps(word_counts, ensure_ascii=False), encoding="utf-8")
        (self.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        meta = {
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "documents": len(manifest),
            "vectors": rows,
            "embedder": embedder,
            "created": time.time(),
            "layout": LAYOUT,
            "checksums": integrity.CHECKSUMS,
        }
        (self.path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        integrity.write_checksums(self.path, self.base)
        self.backend._swap(self.path)

    def abort(self) -> None:
        try:
            self.db.close()
        finally:
            shutil.rmtree(self.path, ignore_errors=True)
