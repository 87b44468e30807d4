"""Synonym candidates mined from the crawled corpus, for the admin to approve or ignore.

The lexicons and rules are written by hand; what OPD sites publish keeps naming services in
ways nobody wrote down. Four signals say two terms are used interchangeably, each found by
comparing pages with each other rather than by matching one template:

- **page names**: a page defines a name ("Surat Izin Tempat Usaha (SITU)", "PBG / eks IMB",
  "dikenal sebagai kartu kuning"; ``synonyms.page_names``);
- **same service, two names**: the crawler groups the same service listed by its OPD and by
  Mal Pelayanan Publik (``group_id``); where their titles, less the words each site puts in
  most of its titles ("Layanan", "Loket ..."), differ, the two names are a pair;
- **app names**: a catalog's name for an app against the title of the page it points at;
- **one slot, two words**: titles from different sites that are the same but for one word
  ("Izin Praktik Bidan" / "Izin Praktek Bidan"), when no site uses both words in that place
  (a site that titles both "Akta Kelahiran" and "Akta Kematian" shows they differ).

Candidates are only suggestions: nothing here changes a search. Each carries its evidence
(the pages) and a score to rank by; pairs the analysis already joins (``known``) are dropped
by the caller at the moment it shows them, so an approved rule removes its candidate.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sikoja.documents import Document
from synonyms.page_names import page_names

MAX_EVIDENCE = 5
MAX_TERM_WORDS = 6
SITE_COMMON_SHARE = 0.3  # a word in this share of a site's titles is the site's, not a name
MIN_SITE_TITLES = 4  # fewer titles say nothing about what a site repeats
MIN_CONTEXT_WORDS = 2  # "Izin Reklame" / "Izin Usaha" share too little to say anything
# pages whose titles differ in one word name one thing only if their texts agree this much
# (share of the distinct words of the two texts' openings that both use)
MIN_TEXT_OVERLAP = 0.25
TEXT_CHARS = 1500
SLOT_KINDS = ("service", "app", "document")  # what names a service; news and lists do not
_QUALIFIER = re.compile(r"\(([^()]*)\)\s*$")
# two titles of one group name one service when they share this much of their words
MIN_SHARED_NAME = 1 / 3
WEIGHTS = {"page-name": 1.0, "same-service": 0.8, "app-name": 0.8, "one-slot": 0.6}


@dataclass(frozen=True)
class Evidence:
    url: str
    title: str
    opd: str


@dataclass
class Candidate:
    """Two terms the corpus uses for one thing, with the pages that show it."""

    terms: list[str]
    kind: str  # "page-name" | "same-service" | "app-name" | "one-slot"
    how: str  # what the pages do, in words an admin reads
    evidence: list[Evidence] = field(default_factory=list)
    pages: int = 0
    sites: int = 0

    @property
    def score(self) -> float:
        return round(WEIGHTS.get(self.kind, 0.5) * (self.pages + self.sites), 3)


Words = Callable[[str], list[str]]


class _Pairs:
    """Candidates keyed by their two terms' analysed forms, in either order."""

    def __init__(self, words_of: Words) -> None:
        self.words_of = words_of
        self.found: dict[tuple, Candidate] = {}
        self._sites: dict[tuple, set[str]] = defaultdict(set)
        self._urls: dict[tuple, set[str]] = defaultdict(set)

    def add(self, a: str, b: str, kind: str, how: str, doc: Document) -> None:
        a, b = " ".join(a.split()), " ".join(b.split())
        ka, kb = tuple(self.words_of(a)), tuple(self.words_of(b))
        if not ka or not kb or set(ka) == set(kb):
            return  # nothing to learn: the analysis already makes them one
        if max(len(a.split()), len(b.split())) > MAX_TERM_WORDS:
            return
        key = (kind, *sorted((ka, kb)))
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = Candidate([a, b], kind, how)
        if doc.url not in self._urls[key]:
            self._urls[key].add(doc.url)
            found.pages += 1
            if len(found.evidence) < MAX_EVIDENCE:
                found.evidence.append(Evidence(doc.url, doc.title, doc.opd))
        self._sites[key].add(doc.source)
        found.sites = len(self._sites[key])


def mine(documents: Iterable[Document], words_of: Words, surface: Words) -> list[Candidate]:
    """Every candidate pair in the corpus, best first. ``words_of`` is the analyser's
    index tokens, so two spellings it already joins are never offered; ``surface`` its
    normalised words (stopwords out), the spelling shown to the admin."""
    pairs = _Pairs(words_of)
    by_group: dict[str, list[Document]] = defaultdict(list)
    site_titles: dict[str, list[list[str]]] = defaultdict(list)
    titles: list[tuple[Document, list[str]]] = []
    for doc in documents:
        for name in page_names(doc.title, doc.headings, doc.text):
            how = {"abbreviation": "singkatan yang ditulis halaman",
                   "also-called": "halaman menyebut nama lainnya",
                   "former": "halaman menyebut nama lamanya",
                   "alternative": "dua nama dalam judul"}[name.how]
            pairs.add(name.name, name.full, "page-name", how, doc)
        app = (doc.fields or {}).get("app")
        if isinstance(app, dict) and app.get("name"):
            pairs.add(str(app["name"]), doc.title, "app-name",
                      "nama aplikasi di katalog dan judul halamannya", doc)
        if doc.group_id:
            by_group[doc.group_id].append(doc)
        site_titles[doc.source].append(words_of(doc.title))
        titles.append((doc, surface(doc.title)))
    common = _site_common(site_titles)
    _same_service(pairs, by_group, common, words_of)
    _one_slot(pairs, titles, words_of)
    return sorted(pairs.found.values(), key=lambda c: (-c.score, c.terms))


def _site_common(site_titles: dict[str, list[list[str]]]) -> dict[str, set[str]]:
    """Per site, the words in most of its titles (its name, "Layanan", "Loket")."""
    out = {}
    for site, titles in site_titles.items():
        if len(titles) < MIN_SITE_TITLES:
            out[site] = set()
            continue
        counts = Counter(w for words in titles for w in set(words))
        out[site] = {w for w, n in counts.items() if n >= SITE_COMMON_SHARE * len(titles)}
    return out


def _own_words(title: str, common: set[str], words_of: Words) -> str:
    """A title less its site's common words, in the title's own spelling; a closing
    "(...)" with one of them ("(Loket BPPRD)" where most titles say "Loket") goes whole."""
    qualifier = _QUALIFIER.search(title)
    if qualifier and set(words_of(qualifier.group(1))) & common:
        title = title[: qualifier.start()]
    kept = [w for w in title.replace("(", " ").replace(")", " ").replace(":", " ").split()
            if (tokens := words_of(w)) and not set(tokens) <= common]
    return " ".join(kept)


def _same_service(pairs: _Pairs, by_group: dict[str, list[Document]],
                  common: dict[str, set[str]], words_of: Words) -> None:
    for members in by_group.values():
        names = [(doc, _own_words(doc.title, common.get(doc.source, set()), words_of))
                 for doc in members]
        for i, (doc_a, a) in enumerate(names):
            for doc_b, b in names[i + 1:]:
                if doc_a.source == doc_b.source or not a or not b:
                    continue
                wa, wb = set(words_of(a)), set(words_of(b))
                # a group can join pages that list several services: only titles that
                # share words name the same one
                if len(wa & wb) >= MIN_SHARED_NAME * len(wa | wb):
                    how = f"satu layanan, dinamai berbeda oleh {doc_a.opd} dan {doc_b.opd}"
                    pairs.add(a, b, "same-service", how, doc_a)
                    pairs.add(a, b, "same-service", how, doc_b)


def _one_slot(pairs: _Pairs, titles: list[tuple[Document, list[str]]],
              words_of: Words) -> None:
    """Titles of different sites equal but for one word: the two words, where no site uses
    both in that place."""
    slots: dict[tuple, dict[str, dict[str, list[Document]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    for doc, words in titles:
        if (not MIN_CONTEXT_WORDS < len(words) <= MAX_TERM_WORDS
                or doc.kind not in SLOT_KINDS or (doc.fields or {}).get("listing")):
            continue  # home pages and news lists share a template, not a subject
        for i, word in enumerate(words):
            context = (tuple(words[:i]), tuple(words[i + 1:]))
            slots[context][word][doc.source].append(doc)
    texts: dict[str, set[str]] = {}

    def text_words(doc: Document) -> set[str]:
        if doc.url not in texts:
            texts[doc.url] = set(words_of(doc.text[:TEXT_CHARS]))
        return texts[doc.url]

    for context, by_word in slots.items():
        if len(by_word) < 2:
            continue
        items = list(by_word.items())
        for i, (w1, sites1) in enumerate(items):
            for w2, sites2 in items[i + 1:]:
                if set(sites1) & set(sites2):
                    continue  # one site names both: two things, not two names
                doc1 = next(iter(sites1.values()))[0]
                doc2 = next(iter(sites2.values()))[0]
                a, b = text_words(doc1), text_words(doc2)
                if not a or not b or len(a & b) < MIN_TEXT_OVERLAP * len(a | b):
                    continue  # the pages say different things: two services
                before, after = context
                how = f"judul dari situs berbeda: '{' '.join((*before, '…', *after))}'"
                for doc in (doc1, doc2):
                    pairs.add(w1, w2, "one-slot", how, doc)
