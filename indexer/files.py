"""A query that asks for a file gets the file, or the page offering it: "daftar standar
pelayanan dpmptsp 2024 excel" wants the workbook, "unduhan formulir kelurahan solok sipin"
the kelurahan's download page, not the office's home, a news post announcing the document
or a service page of the same office.

A query asks for a file when it names a file format ("pdf", "excel", "docx", "xls") or says
it wants to download one ("unduh", "unduhan", "download"). Among the first results, one
*offers* such a file when it is one (its URL names a file of that format, or it is a
document and no format is named), when a file of that format is shown with it (a PDF is
shown with the page linking it), or, for a download word, when it is a download page: its
title says a download word, whichever the query says ("download" finds an office's
"Unduhan", "unduh" its "Download"), or starts with "Dokumen". Nothing here lists titles.

Of the first ``WINDOW`` results, and the download pages of the sites of the first
``SITES`` (a page titled "Unduhan" says too few of the query's words to be retrieved among
the first ten), the one that says most of the rest of the query leads, reading for each the
titles shown (its own and its files'), the name of its OPD and the title of its site's home
(a page titled "Download" belongs to "Diskop UM Kota Jambi"). It must say

* a distinctive word of the query, not only a word naming a kind of document
  (``DOCUMENT_WORDS``: "formulir", "form", "blanko"): "formulir kk pdf" asks for the KK's
  form, and the PBB's "Formulir SPOP dan LSPOP" says only "formulir"; a query with no
  distinctive word ("download form") keeps its order;
* every word of the query the first result says, its common words too ("permohonan
  informasi" of "permohonan informasi publik pdf": Dishub's "Daftar Informasi Publik" says
  less than PPID's "Permohonan Informasi Publik");
* more of the query than the first result, or as much when that is at least
  ``TIE_SHARE`` of it and it offers the file more directly (the file itself, or a download
  page, before a page a file is shown with): on a tie of a small share the order stays.

A result saying nothing of the rest of the query never leads: "download sikesal" asks for
the SiKesal app, and no download page says "sikesal". Titles are read through the
searcher's cache (``title_tokens``), not analysed again per query.

Tuning crawl (main d52d883, then 13acde1), with q2060-q2089 written before: app Success@1
0.902 -> 0.982 over 112 queries with the site rules of indexer/homes.py (BENCHMARKS.md,
"Sites and apps asked for by name, session 20"); no other query of the dev set, eval/oov.tsv
or eval/situations.tsv changes its first result. Mended after a review (the three rules
above, every download word): the same figures, no rank-1 change on the dev set, oov or
situations; the review's form queries keep their service (BENCHMARKS.md).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from indexer.analysis import Analyzer
from indexer.answer import FRAME_WORDS, QueryWords
from indexer.backend import DocMeta
from indexer.fusion import Fused
from sikoja.urls import doc_id

# A format named in a query, and the file name endings that are that format.
FORMATS = {
    "pdf": ("pdf",),
    "excel": ("xls", "xlsx", "ods"), "xls": ("xls", "xlsx"), "xlsx": ("xlsx", "xls"),
    "ods": ("ods",), "csv": ("csv",),
    "doc": ("doc", "docx", "odt"), "docx": ("docx", "doc"), "odt": ("odt",),
}
FILE_ENDINGS = frozenset(e for endings in FORMATS.values() for e in endings) | {
    "ppt", "pptx", "odp", "zip", "rar"}
# Words that say the citizen wants to download something (a file, or an app: the app is
# found by its name, which no download page says).
DOWNLOAD_WORDS = frozenset("unduh unduhan mengunduh diunduh download downloads".split())
# Words that name a kind of document and nothing more: "formulir kk pdf" asks for the KK's
# form, and a form of another service ("Formulir SPOP dan LSPOP") says only "formulir".
DOCUMENT_WORDS = frozenset("formulir form blanko dokumen berkas".split())
# A download page is titled with any download word, whichever the query says ("download"
# finds an office's "Unduhan", "unduh" its "Download", "Pusat Unduhan" and "Unduhan
# Dokumen" both), or with this word first (an office's "Dokumen", "Dokumen Publik").
DOCUMENTS_PAGE = "dokumen"
# When the first result and another say the same share of the query, the other leads on
# offering the file more directly only when that share is at least this: two results that
# say one word of four are no evidence that the one offering a file is the one asked for.
TIE_SHARE = 0.5
# A result this far down may lead (it is among the results a citizen scans).
WINDOW = 10
# The download pages of the sites of this many first results may lead too.
SITES = 3

Collapsed = list[tuple[Fused, list[str]]]


def file_cues(words: Sequence[str]) -> tuple[frozenset[str], bool]:
    """The file endings a query's words name, and whether they ask to download."""
    endings = frozenset(e for w in words for e in FORMATS.get(w, ()))
    return endings, any(w in DOWNLOAD_WORDS for w in words)


def file_ending(url: str) -> str | None:
    """The file name ending of a URL's path ("pdf" of ".../SP-PBG.pdf"), if it names a file."""
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return ending if ending in FILE_ENDINGS else None


def _is_file(meta: DocMeta, endings: frozenset[str]) -> bool:
    ending = file_ending(meta.url)
    if endings:
        return ending in endings
    return ending is not None or meta.kind == "document"


@functools.lru_cache(maxsize=8)
def download_tokens(analyzer: Analyzer) -> frozenset[str]:
    """The index tokens of every download word (the same for every query)."""
    return frozenset(t for w in sorted(DOWNLOAD_WORDS) for t in analyzer.index_tokens(w))


def is_download_title(title: str, tokens: set[str] | frozenset[str],
                      cues: frozenset[str]) -> bool:
    """Whether a page titled ``title`` (its tokens ``tokens``) is a download page: its title
    says a download word (``cues``, :func:`download_tokens`), whichever the query says, or
    starts with "Dokumen"."""
    return bool(tokens & cues) or title.lower().split()[:1] == [DOCUMENTS_PAGE]


def download_pages(collapsed: Collapsed, metas: dict[str, DocMeta], found: Sequence[DocMeta],
                   title_tokens: Callable[[str], frozenset[str]],
                   cues: frozenset[str]) -> list[DocMeta]:
    """Of ``found`` (pages saying a download word), the download pages
    (:func:`is_download_title`) of the sites of the first ``SITES`` results: an office's
    download page, which a query naming the office and the word may not retrieve by its
    few words. ``title_tokens`` reads a title (the searcher's cache)."""
    hosts = {urlsplit(metas[f.id].url).netloc for f, _ in collapsed[:SITES]}
    shown = {f.id for f, _ in collapsed[:WINDOW]}
    return [m for m in found if m.id not in shown and m.kind == "page"
            and urlsplit(m.url).netloc in hosts
            and is_download_title(m.title, title_tokens(m.title), cues)]


def file_lead(collapsed: Collapsed, metas: dict[str, DocMeta], words: QueryWords,
              typed: Sequence[str], site_title: Callable[[DocMeta], str],
              opd_tokens: Callable[[str], set[str]],
              title_tokens: Callable[[str], frozenset[str]],
              pages: Sequence[DocMeta] = ()) -> Collapsed:
    """``collapsed`` with the result of its first ``WINDOW`` or of ``pages``
    (:func:`download_pages`, their metas in ``metas``) that offers the file the query asks
    for best leading (module docstring); ``typed`` are the query's words as written,
    ``site_title(meta)`` the title of the home of a result's site, ``opd_tokens(opd)`` the
    index tokens of an OPD's name, ``title_tokens(title)`` a title's tokens (cached)."""
    endings, download = file_cues(typed)
    if not (endings or download) or len(collapsed) < 2:
        return collapsed
    cues = download_tokens(words.analyzer)
    rest = [w for w in words.words if w not in FORMATS and w not in DOWNLOAD_WORDS]
    distinctive = [w for w in rest if w not in DOCUMENT_WORDS]
    total = math.fsum(words.weights[w] for w in rest)
    if not total or not distinctive:
        return collapsed  # "download form": no file is asked for more than another

    def members(pair: tuple[Fused, list[str]]) -> list[DocMeta]:
        """The result's meta, then those of the copies shown with it."""
        return [metas[pair[0].id], *(metas[i] for i in map(doc_id, pair[1]) if i in metas)]

    def offers(shown: list[DocMeta]) -> int:
        """2: the result (``shown``: :func:`members`) is such a file, or its title says a
        download word; 1: such a file is shown with it, a listing or a file of the format
        named; 0: neither."""
        if _is_file(shown[0], endings) or (download and is_download_title(
                shown[0].title, title_tokens(shown[0].title), cues)):
            return 2
        if (endings or shown[0].listing) and any(_is_file(m, endings) for m in shown[1:]):
            return 1
        return 0

    # the query's common words ("permohonan informasi publik pdf"): no share of their
    # own, but a result that says them is not led by one that does not
    common = {w: title_tokens(w) for w in typed if w in FRAME_WORDS}

    def said(shown: list[DocMeta]) -> set[str]:
        """The words of the rest of the query, and its common words, that the result's
        titles (``shown``: :func:`members`), OPD or site say."""
        tokens = set().union(*(title_tokens(m.title) for m in shown))
        tokens |= title_tokens(site_title(shown[0])) | opd_tokens(shown[0].opd)
        return {w for w in rest if words.says(w, tokens)} | {
            w for w, own in common.items() if own and own <= tokens}

    def share(says: set[str]) -> float:
        # summed exactly: a set's order is the process's (PYTHONHASHSEED), and a rounding
        # bit of it made a tie of two shares a lead in one process and not in the next
        # (session 21: the DPMPTSP workbook's news post or its Unduhan page first)
        return math.fsum(words.weights[w] for w in says if w in words.weights) / total

    # the result saying most of the query leads, among equals (of a share worth a tie) the
    # one offering the file most directly, the first of those; it must say a distinctive
    # word and every word the first result says ("formulir kk pdf": a form saying only
    # "formulir" does not lead the KK's service)
    listed = {pair[0].id: pair for pair in collapsed}
    candidates = [*collapsed[:WINDOW], *(listed.get(m.id) or (
        Fused(m.id, collapsed[0][0].score, pinned="file"), []) for m in pages)]
    shown = members(collapsed[0])
    first = said(shown)
    best, top = 0, (share(first), offers(shown))
    for i, pair in enumerate(candidates[1:], 1):
        shown = members(pair)
        if not (offer := offers(shown)):
            continue
        says = said(shown)
        if not (first <= says and any(w in says for w in distinctive)):
            continue
        mine = share(says)
        if mine > top[0] or (mine == top[0] and mine >= TIE_SHARE and offer > top[1]):
            best, top = i, (mine, offer)
    if not best:
        return collapsed
    chosen = candidates[best]
    return [chosen, *(pair for pair in collapsed if pair[0].id != chosen[0].id)]
