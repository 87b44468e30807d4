"""A query that names a site asks for the site: "simpatik perizinan kota jambi" wants the
SIMPATIK app's front page, not a catalog entry or a service page that mentions it.

A site says its own name in its home page's title ("SIJEMPOL - DPMPTSP Kota Jambi",
"SIAP NAKES Dinkes Kota Jambi", "Puskesmas Rawasari"), and ranking held that page back:
the kind prior and the listing prior weigh a home about 0.72, so the catalog's "Perizinan
Online Kota Jambi" (an app, weighed 1.0) or a page that merely says the name led, and a home
whose text is a few lines was not retrieved at all for a query of four words. Nothing here
lists app names: each site's name is what its home's title says, read against the other
homes and against the name of the OPD that runs it.

* The words of a home's title that sit in the home titles of ``COMMON_HOME_WORD`` OPDs or
  more are the template's or the city's ("Beranda", "Website Resmi", "Kota Jambi",
  "Kelurahan"), not the site's name; nor is a word that asks for a site ("Portal" of "Portal
  Layanan MPP": "portal kota jambi" names no site).
* Of the rest, the words the OPD's name explains, by itself or by the expansion of an
  abbreviation ("Dinkes", "DPMPTSP", "Dukcapil"), name the agency; the others are the
  site's brand ("sijempol", "siap nakes", "sehat bahagia"). A brand shorter than three
  letters ("e" of "e-Pajak") is no brand: such a site, and one whose title is its agency's
  name ("Puskesmas Rawasari"), is named by the rest of its name words, and only beside a
  word that asks for a website (``SITE_CUES``): "website puskesmas rawasari" asks for the
  site, "aplikasi diskominfo kota jambi" for the agency's apps (the catalog's SiKoja), and
  "pemadam kebakaran damkar jambi" for the service the agency is named after.
* A query names a site when it says every word of its name as written, or an abbreviation
  of it or its expansion ("dinkes" says "Kesehatan", "pemadam kebakaran" says "Damkar"):
  "kesehatan" does not say "Sehat" of "Jambi Sehat", nor "terbaru" "Baru" of "Kota Baru",
  though they stem alike. A name that is one word of the dictionary ("Sigap", "Simpatik",
  "Sehat", "Baru", "Pasar") names the site only beside more of its title: a word of the
  title that is not the template's ("sigap damkar"), or the word next to it in the title
  ("jambi sehat", "kota baru"); "aplikasi baru", "aplikasi pasar" and "sehat" name none.
* It asks for the site alone when every other word it says is explained by the home's
  title (by itself or a reading: "perizinan" reads "DPMPTSP"), is the city's ("kota
  jambi", a template word the OPD's name says), or asks for a site or an app (``CUES``:
  "aplikasi", "website", "login", "download"); a word the OPD's name alone explains counts
  only beside such a cue, for OPD names are service names ("UPTD Pengujian Kendaraan
  Bermotor": "uji kendaraan bermotor pkb" asks for the test, not for the UPTD's home). Then
  that home leads (one site; when several are asked for alone, the one whose title says
  most of the query, none on a tie). A branded site is also described by what its pages
  are about, the tokens ``SUBJECT_SHARE`` of its other pages' titles (two at least) say
  ("Pengaduan" of SIMPEL PUPR's "Pengaduan Jalan ...", "Pengaduan Parit ..."), and by a
  template word that asks for a service ("layanan", on the homes of three OPDs and more):
  "simpel pupr kota jambi layanan dan pengaduan" asks for the site, "simpel pupr pengaduan
  jalan rusak" for one complaint. A subject is also the title word of the site's services:
  when a page of the site says in its title every word only the subject or the template
  explained, the query asks for that page ("sibansos dtsen": "Usulan dan Perbaikan Data
  DTSEN"; "sipanda pbb": "Pembayaran PBB-P2"; "siap nakes surat izin praktik"), unless a
  cue asks for the app ("aplikasi simpel pupr pengaduan"). "sigap damkar lapor kebakaran"
  and "sipanda cek tagihan pbb" name a service besides the app, so the service pages keep
  their places.

Tuning crawl (main 37f66fd), eval/devset.tsv with the app rows judged by one rule (eval/
README.md) and q1700-q1711 written before this: app Success@1 0.833 -> 0.958, MRR@10 0.882
-> 0.972 (9 queries better, none worse); every other category, eval/oov.tsv and
eval/situations.tsv unchanged; the answer card shows on 71.0% of the dev set (71.3%: a home
carries none) and is right on 96.6% (96.1%). Read on stems and with "online", "masuk",
"resmi" as cues, the rule fired on service queries ("pelatihan kerja balikat online",
"kesehatan", "download aplikasi terbaru"); narrowed as above it fires on the same dev, oov
and situations queries and on none of those.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from indexer.answer import FRAME_WORDS

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis
    from indexer.backend import DocMeta

# Words that ask for a website as such, and words that ask for an app. "online", "daring",
# "masuk", "resmi" are not among them: citizens say them of services ("daftar pelatihan
# online"), so they would make a service query ask for the site of the agency behind it.
SITE_CUES = frozenset("website web situs site sites portal laman login".split())
APP_CUES = frozenset("aplikasi aplikasinya app apps apk download unduh install instal".split())
CUES = SITE_CUES | APP_CUES
# A title word of the homes of at least this many OPDs is the template's or the city's, no
# site's name (a word on every site of one OPD, "DPMPTSP", is that OPD's).
COMMON_HOME_WORD = 3
# A brand of fewer letters ("e" of "e-Pajak") names nothing by itself.
MIN_BRAND_LETTERS = 3
# A token this share of a site's other pages' titles say (two at least) is the site's subject.
SUBJECT_SHARE = 0.4

# the readings of a query word: its index tokens, and the token sets of its expansions
Readings = Callable[[str], tuple[set[str], list[set[str]]]]


@dataclass(frozen=True)
class Home:
    id: str
    opd: str
    name: tuple[str, ...]  # the words, as written, a query must say to name the site
    forms: tuple[tuple[str, ...], ...]  # per name word: written spellings of its expansions
    title: frozenset[str]  # index tokens of the title, with its acronyms spelled out
    words: tuple[str, ...]  # the title's words as written, in order
    city: frozenset[str]  # the template's words that the OPD's name says ("kota", "jambi")
    common: frozenset[str]  # the template's words (shared by every Home)
    brand: bool  # the name has words the OPD's name does not explain ("sijempol")
    generic: bool  # the name is one word of the dictionary ("sigap", "baru", "sehat")
    # index tokens the titles of many of the site's other pages share (a branded site's):
    # what the site is about ("adu" of SIMPEL PUPR's "Pengaduan Jalan ...", "Pengaduan
    # Parit ...")
    subjects: frozenset[str] = frozenset()
    # the title tokens of each of the site's other pages (a branded site's): a query whose
    # words a page's title says asks for that page ("sibansos dtsen": the DTSEN service)
    pages: tuple[frozenset[str], ...] = ()


def is_front(url: str, fragment: bool = False) -> bool:
    """The site's front page: its root, no query string, no fragment (an SPA's "/#/x" is a
    page of it) unless ``fragment`` allows one."""
    parts = urlsplit(url)
    return (not parts.query and (fragment or not parts.fragment)
            and parts.path.strip("/").lower() in ("", "index.html", "index.php"))


def site_homes(analyzer: Analyzer, metas: Iterable[DocMeta]) -> tuple[Home, ...]:
    """Each site's home page (kind "page", at its root) and the name words it says."""
    first: dict[str, DocMeta] = {}
    pages: dict[str, list[str]] = {}  # each host's other pages' titles
    for meta in metas:
        host = urlsplit(meta.url).netloc
        if meta.kind == "page" and is_front(meta.url) and host not in first:
            first[host] = meta
        else:
            pages.setdefault(host, []).append(meta.title)
    titles = {host: analyzer.words(meta.title) for host, meta in first.items()}
    spread = Counter(w for w, _ in {(w, meta.opd) for host, meta in first.items()
                                    for w in titles[host]})
    common = frozenset(w for w, n in spread.items() if n >= COMMON_HOME_WORD)
    lexicon = getattr(analyzer, "lexicon", None)
    homes = []
    for host, meta in sorted(first.items()):
        # a brand word that is also a cue ("Portal") names nothing
        own = [w for w in titles[host] if w not in common and w not in CUES]
        agency = _agency_words(analyzer, meta.opd)
        brand = [w for w in own if not agency(w)]
        branded = sum(len(w) for w in brand) >= MIN_BRAND_LETTERS
        name = tuple(dict.fromkeys(brand if branded else own))
        if not name:
            continue
        generic = len(name) == 1 and lexicon is not None and (
            name[0] in lexicon.root_words
            or any(t in lexicon.root_words for t in analyzer.index_tokens(name[0])))
        forms = tuple(tuple(_spelled_out(analyzer, w)) for w in name)
        opd_words = set(analyzer.words(meta.opd))
        # only a branded site's other pages are read (home_asked asks no other site's)
        inner = pages.get(host, []) if branded else []
        homes.append(Home(meta.id, meta.opd, name, forms,
                          frozenset(analyzer.title_tokens(meta.title)), tuple(titles[host]),
                          frozenset(w for w in common if w in opd_words), common,
                          branded, generic, _subjects(analyzer, inner),
                          tuple(dict.fromkeys(frozenset(analyzer.title_tokens(t))
                                              for t in inner))))
    return tuple(homes)


def _subjects(analyzer: Analyzer, titles: list[str]) -> frozenset[str]:
    """The index tokens at least ``SUBJECT_SHARE`` of ``titles`` and two of them say."""
    counts = Counter(t for title in titles for t in set(analyzer.index_tokens(title)))
    least = max(2, SUBJECT_SHARE * len(titles))
    return frozenset(t for t, n in counts.items() if n >= least)


def _spelled_out(analyzer: Analyzer, word: str) -> list[str]:
    """The written words of each expansion of an abbreviation ("damkar" -> "pemadam
    kebakaran"), one string of words per expansion; none for a word that is no acronym."""
    lexicon = getattr(analyzer, "lexicon", None)
    if lexicon is None:
        return []
    return [" ".join(analyzer.words(r)) for r in lexicon.abbreviations.get((word,), ())]


def _agency_words(analyzer: Analyzer, opd: str) -> Callable[[str], bool]:
    """Whether a title word names the OPD: one of its name's words, an abbreviation whose
    expansion its name says ("dinkes" of "Dinas Kesehatan"), or the initials of words its
    name says in a row ("PKB" of "Pengujian Kendaraan Bermotor", an acronym no lexicon
    lists). A word is compared as written: "Sehat" of "Sehat Bahagia" is the brand's, though
    it stems like "Kesehatan"."""
    words = analyzer.words(opd)
    written = set(words)
    tokens = set(analyzer.index_tokens(opd))
    initials = "".join(w[0] for w in words)
    acronyms = {initials[i:j] for i in range(len(initials))
                for j in range(i + 2, len(initials) + 1)}

    def agency(word: str) -> bool:
        if word in written or word in acronyms:
            return True
        terms = analyzer.analyze_query(word).terms
        return any(t.tokens and set(t.tokens) <= tokens for t in terms
                   if t.origin == "abbreviation")
    return agency


def home_asked(homes: Iterable[Home], analyzer: Analyzer, analysis: QueryAnalysis,
               readings: Readings, opd_names: Mapping[str, frozenset[str]]) -> str | None:
    """The id of the one home the query asks for alone (module docstring), or None;
    ``readings(word)`` gives a query word's tokens and readings, ``opd_names`` each OPD's
    name tokens."""
    words = analyzer.words(analysis.normalized)
    typed = [w for w in words if w not in CUES]
    if not typed:
        return None
    site_cue = any(w in SITE_CUES for w in words)
    cued = len(typed) < len(words)
    # the words the query says as written, with its acronyms spelled out ("dinkes" says
    # "kesehatan"); a name is matched on these, not on stems ("kesehatan" does not say
    # "Sehat" of "Jambi Sehat", nor "terbaru" "Baru" of "Kota Baru")
    written = set(words).union(*(w.split() for word in words
                                 for w in _spelled_out(analyzer, word)))
    said = {t for term in analysis.terms if term.origin == "query" for t in term.tokens}
    found: list[tuple[int, str]] = []
    for home in homes:
        if not all(w in written or any(set(f.split()) <= written for f in forms)
                   for w, forms in zip(home.name, home.forms, strict=True)):
            continue
        # a site named by its agency's name alone is the agency's website: asked for by a
        # word asking for a website, not by "aplikasi" (the agency's apps are the catalog's)
        if not home.brand and not site_cue:
            continue
        more = False
        described = []  # words only the site's subject or the template explains
        for word in typed:
            if word in home.name:
                continue
            tokens, alternatives = readings(word)
            by_title = not tokens or tokens <= home.title or any(
                r <= home.title for r in alternatives)
            more = more or (by_title and word not in home.common)
            # the site's subject, or a template word asking for a service ("layanan"),
            # describes the site: "simpel pupr kota jambi layanan dan pengaduan"
            if by_title or word in home.city:
                continue
            if (tokens and tokens <= home.subjects) or (
                    word in home.common and word in FRAME_WORDS):
                described.append((tokens, alternatives))
                continue
            # the OPD's name is a service's ("Pengujian Kendaraan Bermotor"): its words
            # ask for the site only beside a word that asks for one
            name = opd_names.get(home.opd, frozenset())
            if not (cued and (tokens <= name or any(r <= name for r in alternatives))):
                break
        else:
            if home.generic and not (more or _says_in_title(home, words)):
                continue
            # a page of the site whose title says what the subject explained asks for that
            # page, not the home ("sipanda pbb": "Pembayaran PBB-P2"), unless the query
            # asks for the app itself ("aplikasi simpel pupr pengaduan")
            if described and not cued and any(_page_says(page, described)
                                              for page in home.pages):
                continue
            found.append((len(home.title & said), home.id))
    found.sort(reverse=True)
    if not found or (len(found) > 1 and found[0][0] == found[1][0]):
        return None
    return found[0][1]


def _page_says(page: frozenset[str],
               described: list[tuple[set[str], list[set[str]]]]) -> bool:
    """Whether a page's title tokens say each of the words (their tokens and readings)."""
    return all(tokens <= page or any(r and r <= page for r in alternatives)
               for tokens, alternatives in described)


def _says_in_title(home: Home, words: list[str]) -> bool:
    """Whether the query says the name beside a word it has next to it in the title, in
    the title's order ("jambi sehat", "kota baru")."""
    pairs = set(zip(words, words[1:], strict=False))
    return any(pair in pairs and home.name[0] in pair
               for pair in zip(home.words, home.words[1:], strict=False))
