"""Near-duplicates across sites: one service, several pages; one app, several names.

Mal Pelayanan Publik (MPP) re-lists the services of every OPD, usually copied with small
edits, and app catalogs list the same app as "SIAK" and "Sistem Informasi Administrasi
Kependudukan". Search should show one result per service (the OPD's own page) and admins
want to see the overlap. So after each crawl documents are grouped:

* services of *different* sources: MinHash over word 3-shingles with LSH banding finds
  candidate pairs, exact Jaccard confirms them. Two signatures are used: the service's own
  parts (requirements and procedure, which a re-listing copies while rewriting the intro,
  the title and the location) and the whole text. Template pages (contact, profile) look
  alike across OPD sites but are not the same service, so only services are grouped;
* apps: the same app URL (ignoring scheme and ``www.``), or, with the same OPD, similar
  names, a shared acronym or the same description.

Different services are never one group (issues #11/#16). One template across puskesmas
sites gives "Poli Umum dan Rujukan" and "Pelayanan Kesehatan Ibu dan Anak - KIA" the same
requirements and procedure ("KTP-el/KIS/kartu BPJS", "Daftar/antre", "Pemeriksaan"): field
Jaccard 1.0, and the tuning web joined two puskesmas' general clinic to a KIA page, so a
general-clinic question was shown the KIA page. Two rules, each from comparing pages:

* two services whose titles share no name (``crawler.titlewords``: affixed forms meet
  their root, an acronym its spelled-out words) are not one service, whatever their text;
  a re-listing names its service again, if in other words;
* what most services of one site share (its header, its one requirement list, its closing
  text: ``_without_site_template``) says which site a page is on, not which service, and
  is left out of both signatures before they are compared.

On the tuning web (bench/eval_webs.py, kept crawl): 51 groups before, 2 of them joining
different services (the puskesmas group above; Dinsos's PBI recommendation in the UHC
free-treatment group); 53 after: those two split, a kelurahan's domisili page whose
template hid it joined the domisili group, and two kelurahan "pindah keluar" pages grouped.

Groups are connected components of confirmed pairs. Each group's id is the URL of its
canonical member: the OPD's own page over an aggregator's (MPP, portals, catalogs), then
service pages over other kinds, then the fuller text.

The thresholds are ``crawl.dedup`` in sikoja.yaml (``sikoja.config.DedupSettings``); the
MinHash shape below is the structure of the candidate search, not a tunable.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

import numpy as np

from crawler.standards import PART, SERVICE_PDF
from crawler.titlewords import title_names, words
from sikoja.config import DedupSettings
from sikoja.documents import Document
from sikoja.store import DocumentStore
from sikoja.urls import portless

NUM_PERM = 64
BANDS, ROWS = 16, 4  # threshold ~ (1/16)^(1/4) = 0.5
SHINGLE = 3
SITE_SHARE = 0.5  # of a site's services: a shingle this common is its template
SITE_MIN_SERVICES = 4  # fewer services are no evidence of what a site repeats

_AGGREGATOR = re.compile(
    r"\bmpp\b|mal pelayanan|pelayanan publik terpadu|\bportal\b|katalog|catalog|"
    r"\bptsp\b.*\bterpadu|semua layanan", re.IGNORECASE
)
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240312)
_A = _rng.integers(1, _PRIME, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=NUM_PERM, dtype=np.uint64)


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


def is_pdf_part(doc: Document) -> bool:
    """A service read from its block of a standard PDF of several (``<pdf>#page=N``), or
    from a standard PDF of one service stored as that service."""
    return (bool(doc.parent_url) and doc.url.startswith(f"{doc.parent_url}{PART}")
            or isinstance(doc.fields.get(SERVICE_PDF), dict))


def canonical_member(docs: Iterable[Document]) -> Document:
    """OPD's own page over an aggregator's, service pages first, a web page over a service
    read from a page of a PDF (the same service's page opens anywhere; its standard's full
    table of fourteen components would otherwise win on length), then the fuller text, then
    the URL without its port (session 21: copies of one length went by the port's digits, so
    the same web served on other ports showed another copy)."""
    return min(docs, key=lambda d: (is_aggregator(d), d.kind != "service", d.kind == "app",
                                    is_pdf_part(d), -len(d.text), portless(d.url), d.url))


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
    shingles: set[int]  # whole text
    field_shingles: set[int]  # requirements + procedure
    names: frozenset[str]  # what the title names (crawler.titlewords)


def service_parts(doc: Document) -> str:
    parts: list[str] = []
    for key in ("requirements", "procedure"):
        value = doc.fields.get(key) or []
        parts.extend(value if isinstance(value, list) else [str(value)])
    return " ".join(parts)


def _scores(a: _Entry, b: _Entry, cfg: DedupSettings) -> tuple[float, float]:
    """Jaccard of requirements + procedure (0.0 when either has too few) and of the text."""
    field_score = 0.0
    least = cfg.min_field_shingles
    if len(a.field_shingles) >= least and len(b.field_shingles) >= least:
        field_score = jaccard(a.field_shingles, b.field_shingles)
    return field_score, jaccard(a.shingles, b.shingles)


def _service_similarity(a: _Entry, b: _Entry, cfg: DedupSettings) -> float:
    return max(_scores(a, b, cfg))


def _names_differ(a: _Entry, b: _Entry) -> bool:
    """Whether the titles share no name (a title without any decides nothing)."""
    return bool(a.names and b.names) and not a.names & b.names


def _is_pair(a: _Entry, b: _Entry, cfg: DedupSettings) -> bool:
    """Whether the two are the same service (each score computed once): never when their
    titles name different things (no word in common)."""
    if _names_differ(a, b):
        return False
    field_score, text_score = _scores(a, b, cfg)
    return field_score >= cfg.field_jaccard or text_score >= cfg.text_jaccard or (
        text_score >= cfg.borderline_jaccard
        and title_similarity(a.doc.title, b.doc.title) >= cfg.borderline_title
    )


def _candidates(entries: list[_Entry], cfg: DedupSettings) -> list[tuple[_Entry, _Entry]]:
    """Pairs of services of different sources whose text or fields MinHash alike."""
    buckets: dict[tuple[str, int, bytes], list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        signatures = [("text", minhash(entry.shingles))]
        if len(entry.field_shingles) >= cfg.min_field_shingles:
            signatures.append(("fields", minhash(entry.field_shingles)))
        for name, signature in signatures:
            for band in range(BANDS):
                key = signature[band * ROWS:(band + 1) * ROWS].tobytes()
                buckets[(name, band, key)].append(index)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2 or len(members) > 200:
            continue  # a huge bucket is template text shared by a whole site
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if entries[a].doc.source != entries[b].doc.source:
                    seen.add((a, b))
    return [(entries[a], entries[b]) for a, b in sorted(seen)]


def _app_url_key(url: str) -> str | None:
    if "#" in url:
        return None  # catalog#slug: the app has no URL of its own
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else None


_GENERIC_APP_WORDS = {"aplikasi", "app", "online", "daring", "kota", "jambi", "mobile",
                      "android", "web", "portal", "layanan", "sistem", "informasi"}


def _app_keys(name: str) -> set[str]:
    """Identifiers an app goes by: its one-word core name ("SiKesal", "Si-Kesal") and an
    acronym in parentheses ("Jambi City Operation Center (JCOC)"). A topic acronym inside a
    longer name ("Info Tagihan PBB Online") is not the app's name."""
    keys: set[str] = set()
    for inner in re.findall(r"\(([^)]*)\)", name):
        tokens = inner.split()
        if len(tokens) == 1 and len(tokens[0]) >= 3:
            keys.add(tokens[0].upper().replace("-", ""))
    core = [t for t in re.sub(r"\(.*?\)", " ", name).split()
            if t.lower().strip(".,") not in _GENERIC_APP_WORDS]
    if len(core) == 1 and len(core[0]) >= 3:
        keys.add(core[0].upper().replace("-", ""))
    return keys


def _same_opd(a: str, b: str) -> bool:
    """Exact after normalisation (or one naming the other): "Diskominfo Kota Jambi" and
    "Diskominfo Provinsi Jambi" are different owners, however alike the strings."""
    na, nb = " ".join(words(a)), " ".join(words(b))
    return bool(na and nb) and (na == nb or na in nb or nb in na)


def app_similarity(a: Document, b: Document, cfg: DedupSettings | None = None) -> float:
    """1.0 for the same app URL; with the same OPD, the best of name similarity, a shared
    acronym ("SiKesal" / "Si-Kesal (Sistem ...)") and the same description."""
    ka, kb = _app_url_key(a.url), _app_url_key(b.url)
    if ka and ka == kb:
        return 1.0
    if not _same_opd(a.opd, b.opd):
        return 0.0
    score = title_similarity(a.title, b.title)
    if _app_keys(a.title) & _app_keys(b.title):
        score = max(score, 0.9)
    da, db = a.fields.get("description") or a.text, b.fields.get("description") or b.text
    if set(words(a.title)) & set(words(b.title)) and da and db:
        described = jaccard(shingles(str(da)), shingles(str(db)))
        if described >= (cfg or DedupSettings()).app_description_jaccard:
            score = max(score, described)
    return score


def _entry(doc: Document) -> _Entry:
    return _Entry(doc, shingles(f"{doc.title} {doc.text}"), shingles(service_parts(doc)),
                  title_names(doc.title))


def _without_site_template(entries: list[_Entry]) -> list[_Entry]:
    """``entries`` with the shingles most of their site's services share taken out of
    both signatures: a site's template (its header, its one requirement list, its
    closing text) says which site a page is on, not which service."""
    by_source: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_source[entry.doc.source].append(entry)
    for members in by_source.values():
        if len(members) < SITE_MIN_SERVICES:
            continue
        for attr in ("shingles", "field_shingles"):
            counts = Counter(s for e in members for s in getattr(e, attr))
            common = {s for s, n in counts.items() if n > SITE_SHARE * len(members)}
            for e in members:
                setattr(e, attr, getattr(e, attr) - common)
    return entries


def similarity(a: Document, b: Document, cfg: DedupSettings | None = None) -> float:
    """How alike two documents are, on the scale the grouping used."""
    cfg = cfg or DedupSettings()
    if a.kind == "app" and b.kind == "app":
        return app_similarity(a, b, cfg)
    return _service_similarity(_entry(a), _entry(b), cfg)


def find_groups(docs: Iterable[Document],
                cfg: DedupSettings | None = None) -> list[list[Document]]:
    """Connected groups (2+ members) of near-duplicate documents."""
    cfg = cfg or DedupSettings()
    union = _UnionFind()
    by_url: dict[str, Document] = {}
    services: list[Document] = []
    apps: list[Document] = []
    for doc in docs:
        by_url[doc.url] = doc
        if doc.kind == "app":
            apps.append(doc)
        elif doc.kind == "service":
            services.append(doc)
    texts = [e for e in _without_site_template([_entry(d) for d in services])
             if len(e.shingles) >= cfg.min_shingles]
    for ea, eb in _candidates(texts, cfg):
        if _is_pair(ea, eb, cfg):
            union.union(ea.doc.url, eb.doc.url)
    for i, a in enumerate(apps):
        for b in apps[i + 1:]:
            if app_similarity(a, b, cfg) >= cfg.app_name_similarity:
                union.union(a.url, b.url)
    components: dict[str, list[Document]] = defaultdict(list)
    for url in union.parent:
        components[union.find(url)].append(by_url[url])
    return [sorted(m, key=lambda d: d.url) for m in components.values() if len(m) > 1]


def group_near_duplicates(store: DocumentStore, cfg: DedupSettings | None = None) -> int:
    """Recompute groups over live services and apps and store them; returns the group count.

    Only services and apps are loaded (a big site is mostly news and pages), and only
    group ids that change are written.
    """
    rows = store.query("SELECT url FROM documents WHERE status = 'live' "
                       "AND kind IN ('service', 'app') ORDER BY url")
    docs = [doc for doc in (store.get(r["url"]) for r in rows) if doc is not None]
    groups = find_groups(docs, cfg)
    wanted: dict[str, str] = {}
    for members in groups:
        head = canonical_member(members).url
        for doc in members:
            wanted[doc.url] = head
    current = {r["url"]: r["group_id"] for r in store.query(
        "SELECT url, group_id FROM documents WHERE group_id IS NOT NULL")}
    for url in set(current) | set(wanted):
        if current.get(url) != wanted.get(url):
            store.set_group(url, wanted.get(url))
    return len(groups)
