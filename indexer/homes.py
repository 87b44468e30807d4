"""A query that names a site asks for the site: "simpatik perizinan kota jambi" wants the
SIMPATIK app's front page, not a catalog entry or a service page that mentions it.

A site says its own name in its home page's title ("SIJEMPOL - DPMPTSP Kota Jambi",
"SIAP NAKES Dinkes Kota Jambi", "Puskesmas Rawasari"), and ranking held that page back:
the kind prior and the listing prior weigh a home about 0.72, so the catalog's "Perizinan
Online Kota Jambi" (an app, weighed 1.0) or a page that merely says the name led, and a home
whose text is a few lines was not retrieved at all for a query of four words. Nothing here
lists app names: each site's name is what its home's title says, read against the other
homes and against the name of the OPD that runs it.

* The words of a home's title that sit in the titles of ``COMMON_HOME_WORD`` homes or more
  are the template's or the city's ("Beranda", "Website Resmi", "Kota Jambi", "Kelurahan"),
  not the site's name.
* Of the rest, the words the OPD's name explains, by itself or by the expansion of an
  abbreviation ("Dinkes", "DPMPTSP", "Dukcapil"), name the agency; the others are the
  site's brand ("sijempol", "siap nakes", "sehat bahagia"). A brand shorter than three
  letters ("e" of "e-Pajak") is no brand: such a site, and one whose title is its agency's
  name ("Puskesmas Rawasari"), is named by the rest of its name words, and only beside a
  word that asks for a site (below): "website puskesmas rawasari" asks for the site, but
  "pemadam kebakaran damkar jambi" asks for the service the agency is named after, not for
  the home of "Beranda Damkar Kota Jambi".
* A query names a site when it says every word of its brand (or of that rest). It asks for
  the site alone when every other word it says is a word of the home's title, is explained
  by the OPD's name or aliases (``Directory``), or asks for a site as such (``SITE_CUES``:
  "aplikasi", "website", "login", "download"): then that home leads (one site; when several
  are asked for alone, the one whose title says most of the query, none on a tie).
  "sigap damkar lapor kebakaran" and "sipanda cek tagihan pbb" name a service besides the
  app, so the service pages keep their places; "layanan dinas lingkungan hidup kota jambi"
  asks for the list of services ("layanan" is neither a cue nor the agency's name).

Tuning crawl (main 37f66fd), eval/devset.tsv with the app rows judged by one rule (eval/
README.md) and q1700-q1711 written before this: app Success@1 0.833 -> 0.958, MRR@10 0.882
-> 0.972 (9 queries better, none worse); every other category, eval/oov.tsv and
eval/situations.tsv unchanged; the answer card shows on 71.0% of the dev set (71.3%: a home
carries none) and is right on 96.6% (96.1%). Without the cue word for a site without a
brand, "pemadamam kebakaran damkar jambi" (typo) lost its service to the Damkar home.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis
    from indexer.backend import DocMeta

# Words that ask for a site or an app itself, not for anything on it.
SITE_CUES = frozenset("""
    aplikasi aplikasinya app apps apk website web situs site sites portal laman login masuk
    download unduh install instal resmi official online daring
""".split())
# A title word of at least this many homes is the template's or the city's, no site's name.
COMMON_HOME_WORD = 3
# A brand of fewer letters ("e" of "e-Pajak") names nothing by itself.
MIN_BRAND_LETTERS = 3


@dataclass(frozen=True)
class Home:
    id: str
    opd: str
    name: frozenset[str]  # index tokens a query must say to name the site
    title: frozenset[str]  # index tokens of the home's whole title
    brand: bool  # the name has words the OPD's name does not explain ("sijempol")


def is_front(url: str) -> bool:
    """The site's front page: its root, no query string, no fragment (an SPA's "/#/x" is a
    page of it)."""
    parts = urlsplit(url)
    return (not parts.query and not parts.fragment
            and parts.path.strip("/").lower() in ("", "index.html", "index.php"))


def site_homes(analyzer: Analyzer, metas: Iterable[DocMeta]) -> tuple[Home, ...]:
    """Each site's home page (kind "page", at its root) and the name words it says."""
    first: dict[str, DocMeta] = {}
    for meta in metas:
        if meta.kind == "page" and is_front(meta.url):
            first.setdefault(urlsplit(meta.url).netloc, meta)
    titles = {host: analyzer.words(meta.title) for host, meta in first.items()}
    spread = Counter(w for words in titles.values() for w in set(words))
    homes = []
    for host, meta in sorted(first.items()):
        own = [w for w in titles[host] if spread[w] < COMMON_HOME_WORD]
        agency = _agency_words(analyzer, meta.opd)
        brand = [w for w in own if not agency(w)]
        branded = sum(len(w) for w in brand) >= MIN_BRAND_LETTERS
        name = frozenset(t for w in (brand if branded else own)
                         for t in analyzer.index_tokens(w))
        if name:
            title = frozenset(t for w in titles[host] for t in analyzer.index_tokens(w))
            homes.append(Home(meta.id, meta.opd, name, title, branded))
    return tuple(homes)


def _agency_words(analyzer: Analyzer, opd: str) -> Callable[[str], bool]:
    """Whether a title word names the OPD: one of its name's words, or an abbreviation
    whose expansion its name says ("dinkes" of "Dinas Kesehatan"). A word is compared as
    written: "Sehat" of "Sehat Bahagia" is the brand's, though it stems like "Kesehatan"."""
    written = set(analyzer.words(opd))
    tokens = set(analyzer.index_tokens(opd))

    def agency(word: str) -> bool:
        if word in written:
            return True
        terms = analyzer.analyze_query(word).terms
        return any(t.tokens and set(t.tokens) <= tokens for t in terms
                   if t.origin == "abbreviation")
    return agency


def home_asked(homes: Iterable[Home], analyzer: Analyzer, analysis: QueryAnalysis,
               explains: Callable[[str, str], bool]) -> str | None:
    """The id of the one home the query asks for alone (module docstring), or None;
    ``explains(opd, word)`` says whether the OPD's name or aliases explain a query word."""
    words = analyzer.words(analysis.normalized)
    typed = [w for w in words if w not in SITE_CUES]
    cued = len(typed) < len(words)
    said = {t for term in analysis.terms if term.origin == "query" for t in term.tokens}
    found: list[tuple[int, str]] = []
    for home in homes:
        if not home.name <= said or not (home.brand or cued):
            continue
        if all(set(analyzer.index_tokens(w)) <= home.title or explains(home.opd, w)
               for w in typed):
            found.append((len(home.title & said), home.id))
    found.sort(reverse=True)
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return found[0][1]
