"""A query that asks for a file gets the file, or the page offering it: "daftar standar
pelayanan dpmptsp 2024 excel" wants the workbook, "unduhan formulir kelurahan solok sipin"
the kelurahan's download page, not the office's home, a news post announcing the document
or a service page of the same office.

A query asks for a file when it names a file format ("pdf", "excel", "docx", "xls") or says
it wants to download one ("unduh", "unduhan", "download"). Among the first results, one
*offers* such a file when it is one (its URL names a file of that format, or it is a
document and no format is named), when a file of that format is shown with it (a PDF is
shown with the page linking it), or, for a download word, when its title says that word (an
office's "Unduhan", "Download", "Unduhan Formulir" page). Nothing here lists titles: the
query's own cue must be in the page's title or in its file's name.

Of the first ``WINDOW`` results, and the download pages of the sites of the first
``SITES`` (titled with the query's download word; a page titled "Unduhan" says too few of
the query's words to be retrieved among the first ten), the one that says most of the rest
of the query leads, reading for each the titles shown (its own and its files'), the name of
its OPD and the title of its site's home (a page titled "Download" belongs to "Diskop UM
Kota Jambi"): it must say at least as much as the first result, and on a tie offer the file
more directly (the file itself, or a title saying the download word, before a page a file
is shown with), so the cue decides between results that say the same. A result saying
nothing of the rest of the query never leads: "download sikesal" asks for the SiKesal app,
and no download page says "sikesal". When the first result offers the file as directly and
says as much, the order stays.

Tuning crawl (main d52d883, then 13acde1), with q2060-q2089 written before: app Success@1
0.902 -> 0.982 over 112 queries with the site rules of indexer/homes.py (BENCHMARKS.md,
"Sites and apps asked for by name, session 20"); no other query of the dev set, eval/oov.tsv
or eval/situations.tsv changes its first result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from indexer.answer import QueryWords
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


def cue_tokens(words: QueryWords) -> set[str]:
    """The index tokens of the query's format and download words."""
    return set().union(*(r for w in words.words if w in FORMATS or w in DOWNLOAD_WORDS
                         for r in words.readings.get(w, ())))


def download_pages(collapsed: Collapsed, metas: dict[str, DocMeta], words: QueryWords,
                   found: Sequence[DocMeta]) -> list[DocMeta]:
    """Of ``found`` (pages saying a download word of the query), those whose title says it
    on the site of one of the first ``SITES`` results: an office's download page, which a
    query naming the office and the word may not retrieve by its few words."""
    cues = cue_tokens(words)
    hosts = {urlsplit(metas[f.id].url).netloc for f, _ in collapsed[:SITES]}
    shown = {f.id for f, _ in collapsed[:WINDOW]}
    return [m for m in found if m.id not in shown and m.kind == "page"
            and urlsplit(m.url).netloc in hosts and words.title_tokens(m.title) & cues]


def file_lead(collapsed: Collapsed, metas: dict[str, DocMeta], words: QueryWords,
              typed: Sequence[str], site_title: Callable[[DocMeta], str],
              opd_tokens: Callable[[str], set[str]],
              pages: Sequence[DocMeta] = ()) -> Collapsed:
    """``collapsed`` with the result of its first ``WINDOW`` or of ``pages``
    (:func:`download_pages`, their metas in ``metas``) that offers the file the query asks
    for best leading (module docstring); ``typed`` are the query's words as written,
    ``site_title(meta)`` the title of the home of a result's site, ``opd_tokens(opd)`` the
    index tokens of an OPD's name."""
    endings, download = file_cues(typed)
    if not (endings or download) or len(collapsed) < 2:
        return collapsed
    cues = cue_tokens(words)
    rest = [w for w in words.words if w not in FORMATS and w not in DOWNLOAD_WORDS]
    total = sum(words.weights[w] for w in rest)
    if not total:
        return collapsed

    def members(pair: tuple[Fused, list[str]]) -> list[DocMeta]:
        shown = [metas[pair[0].id]]
        shown += [metas[i] for i in map(doc_id, pair[1]) if i in metas]
        return shown

    def offers(pair: tuple[Fused, list[str]]) -> int:
        """2: the result is such a file, or its title says the download word; 1: such a
        file is shown with it, a listing or a file of the format named; 0: neither."""
        shown = members(pair)
        if _is_file(shown[0], endings) or (
                download and words.title_tokens(shown[0].title) & cues):
            return 2
        if (endings or shown[0].listing) and any(_is_file(m, endings) for m in shown[1:]):
            return 1
        return 0

    def says(pair: tuple[Fused, list[str]]) -> float:
        shown = members(pair)
        tokens = set().union(*(words.title_tokens(m.title) for m in shown))
        tokens |= words.title_tokens(site_title(shown[0])) | opd_tokens(shown[0].opd)
        return sum(words.weights[w] for w in rest if words.says(w, tokens)) / total

    # the result saying most of the query leads, among equals the one offering the file
    # most directly, the first of those
    listed = {pair[0].id: pair for pair in collapsed}
    candidates = [*collapsed[:WINDOW], *(listed.get(m.id) or (
        Fused(m.id, collapsed[0][0].score, pinned="file"), []) for m in pages)]
    best, top = 0, (says(collapsed[0]), offers(collapsed[0]))
    for i, pair in enumerate(candidates[1:], 1):
        if (offer := offers(pair)) and (share := says(pair)) > 0 and (share, offer) > top:
            best, top = i, (share, offer)
    if not best:
        return collapsed
    chosen = candidates[best]
    return [chosen, *(pair for pair in collapsed if pair[0].id != chosen[0].id)]
