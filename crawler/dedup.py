"""Near-duplicates across sites: one service, several pages; one app, several names.

Mal Pelayanan Publik (MPP) re-lists the services of every OPD, usually copied with small
edits, and app catalogs list the same app as "SIAK" and "Sistem Informasi Administrasi
Kependudukan". Search should show one result per service (the OPD's own page) and admins
want to see the overlap. So after each crawl documents are grouped:

* text documents (services, pages, PDFs, news) of *different* sources: MinHash over word
  3-shingles with LSH banding finds candidate pairs, exact shingle Jaccard (plus title
  similarity for borderline pairs) confirms them;
* apps: the same app URL (ignoring scheme and ``www.``), or similar names (or the same
  acronym) with the same OPD.

Groups are connected components of confirmed pairs. Each group's id is the URL of its
canonical member: the OPD's own page over an aggregator's (MPP, portals, catalogs), then
service pages over other kinds, then the fuller text.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

import numpy as np

from sikoja.documents import Document
from sikoja.store import DocumentStore

NUM_PERM = 64
BANDS, ROWS = 16, 4  # threshold ~ (1/16)^(1/4) = 0.5
SHINGLE = 3
MIN_SHINGLES = 8
TEXT_JACCARD = 0.5  # confirmed as duplicates on text alone
BORDERLINE_JACCARD = 0.3  # ... or with titles this similar
BORDERLINE_TITLE = 0.7
APP_NAME_SIMILARITY = 0.8

_AGGREGATOR = re.compile(
    r"\bmpp\b|mal pelayanan|pelayanan publik terpadu|\bportal\b|katalog|catalog|"
    r"\bptsp\b.*\bterpadu|semua layanan", re.IGNORECASE
)
_WORD = re.compile(r"[a-z0-9]+")
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240312)
_A = _rng.integers(1, _PRIME, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=NUM_PERM, dtype=np.uint64)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str) -> set[int]:
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {zlib.crc32(" ".join(tokens).encode())} if tokens else set()
    return {
        zlib.crc32(" ".join(tokens[i:i + SHINGLE]).encode())
        for i in range(len(tokens) - SHINGLE + 1)
    }


def minhash(shingle_set: set[int]) -> np.ndarray:
    values = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    # (a*x + b) mod p with 64-bit wrap-around: a universal-enough family for shingles
    hashed = (values[:, None] * _A[None, :] + _B[None, :]) % np.uint64(_PRIME)
    return hashed.min(axis=0)


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def title_similarity(a: str, b: str) -> float:
    ta, tb = " ".join(words(a)), " ".join(words(b))
    if not ta or not tb:
        return 0.0
    return SequenceMatcher(None, ta, tb).ratio()


def is_aggregator(doc: Document) -> bool:
    return bool(_AGGREGATOR.search(f"{doc.source} {doc.opd}"))


def canonical_member(docs: Iterable[Document]) -> Document:
    """OPD's own page over an aggregator's, service pages first, then the fuller text."""
    return min(docs, key=lambda d: (is_aggregator(d), d.kind != "service", d.kind == "app",
                                    -len(d.text), d.url))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Entry:
    doc: Document
    shingles: set[int]


def _text_pairs(entries: list[_Entry]) -> Iterable[tuple[_Entry, _Entry, float]]:
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        signature = minhash(entry.shingles)
        for band in range(BANDS):
            key = signature[band * ROWS:(band + 1) * ROWS].tobytes()
            buckets[(band, key)].append(index)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > 200:
            continue  # a huge bucket is template text shared by a whole site
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                ea, eb = entries[a], entries[b]
                if ea.doc.source == eb.doc.source or (a, b) in seen:
                    continue
                seen.add((a, b))
                similarity = jaccard(ea.shingles, eb.shingles)
                if similarity >= TEXT_JACCARD or (
                    similarity >= BORDERLINE_JACCARD
                    and title_similarity(ea.doc.title, eb.doc.title) >= BORDERLINE_TITLE
                ):
                    yield ea, eb, similarity


def _app_url_key(url: str) -> str | None:
    if "#" in url:
        return None  # catalog#slug: the app has no URL of its own
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


def _acronyms(name: str) -> set[str]:
    found = {t for t in re.findall(r"\b[A-Z][A-Za-z0-9-]{2,}\b", name)
             if sum(c.isupper() for c in t) >= 2 or t.isupper()}
    tokens = words(re.sub(r"\(.*?\)", " ", name))
    if len(tokens) >= 3:
        found.add("".join(t[0] for t in tokens).upper())
    return {a.upper().replace("-", "") for a in found}


def _same_opd(a: str, b: str) -> bool:
    na, nb = " ".join(words(a)), " ".join(words(b))
    return bool(na and nb) and (na == nb or na in nb or nb in na or
                                SequenceMatcher(None, na, nb).ratio() >= 0.85)


def app_similarity(a: Document, b: Document) -> float:
    """1.0 for the same app URL; name similarity (or a shared acronym) with the same OPD."""
    ka, kb = _app_url_key(a.url), _app_url_key(b.url)
    if ka and ka == kb:
        return 1.0
    if not _same_opd(a.opd, b.opd):
        return 0.0
    name_score = title_similarity(a.title, b.title)
    if _acronyms(a.title) & _acronyms(b.title):
        name_score = max(name_score, 0.9)
    return name_score


def similarity(a: Document, b: Document) -> float:
    """How alike two documents are, on the scale the grouping used."""
    if a.kind == "app" and b.kind == "app":
        return app_similarity(a, b)
    return jaccard(shingles(f"{a.title} {a.text}"), shingles(f"{b.title} {b.text}"))


def find_groups(docs: Iterable[Document]) -> list[list[Document]]:
    """Connected groups (2+ members) of near-duplicate documents."""
    union = _UnionFind()
    by_url: dict[str, Document] = {}
    texts: list[_Entry] = []
    apps: list[Document] = []
    for doc in docs:
        by_url[doc.url] = doc
        if doc.kind == "app":
            apps.append(doc)
            continue
        shingle_set = shingles(f"{doc.title} {doc.text}")
        if len(shingle_set) >= MIN_SHINGLES:
            texts.append(_Entry(doc, shingle_set))
    for ea, eb, _ in _text_pairs(texts):
        union.union(ea.doc.url, eb.doc.url)
    for i, a in enumerate(apps):
        for b in apps[i + 1:]:
            if app_similarity(a, b) >= APP_NAME_SIMILARITY:
                union.union(a.url, b.url)
    components: dict[str, list[Document]] = defaultdict(list)
    for url in union.parent:
        components[union.find(url)].append(by_url[url])
    return [sorted(m, key=lambda d: d.url) for m in components.values() if len(m) > 1]


def group_near_duplicates(store: DocumentStore) -> int:
    """Recompute groups over all live documents and store them; returns the group count."""
    docs = list(store.iter_documents())
    groups = find_groups(docs)
    wanted: dict[str, str] = {}
    for members in groups:
        head = canonical_member(members).url
        for doc in members:
            wanted[doc.url] = head
    for doc in docs:
        target = wanted.get(doc.url)
        if doc.group_id != target:
            store.set_group(doc.url, target)
    return len(groups)
