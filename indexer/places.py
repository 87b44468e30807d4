"""Places are not services: "jam buka kantor disdukcapil" wants the office, not a KTP page.

A citizen asking where an agency is, when it opens or how to call it ("alamat dinas
sosial", "dimano kantor dishub", "nomor telepon damkar", "opening hours of the population
office") is answered by that agency's contact page, or, when none was crawled, by the
contact fields its home page says in the footer. Ranked as usual, such a question loses to
a service page that shares a word ("kantor", "buka", "jam") and carries the service prior.

A query is such a question when it has a place cue (alamat, lokasi, jam, buka, telepon,
kontak, di mana, address, hours, phone, ...), names exactly one OPD of the index, and says
nothing else: "ktp disdukcapil" (no cue) and "ganti alamat ktp" (names a service, no OPD)
stay service searches.

An OPD is named by its name without the words most OPD names share ("Dinas Sosial" for
"Dinas Sosial Kota Jambi"), by the part in brackets ("BALIKAT"), or by its source name
in the sources file ("disdukcapil", "kec-telanaipura"), read through the same analysis as
the query, so abbreviations and synonyms ("dukcapil", "damkar" -> pemadam kebakaran) and
English phrases ("population office") find it too.

An office of a kelurahan or kecamatan is also named by the place alone, as citizens say it
("surat kematian tanjung pinang", "sktm paal merah"): the kecamatan and kelurahan names of
Kota Jambi (BPS, the analysis' own copy) that its name says, when the query says them as a
phrase ("kota baru" names Kecamatan Kota Baru, "ktp baru kota jambi" does not). And an
office is named by the name of an app it runs, a word of its source names that is no word
of the lexicons and names no other office ("sipanda" of "sipanda-bpprd", "siapduk"; not
"kartu" of "kartu-bahagia"): "cara cek tagihan pbb pakai nop sipanda" asks for BPPRD's
service, not the app catalog's entry (tuning crawl, dev MRR@10 0.965 -> 0.966, one query
better, none worse; the Directory read one page per OPD before, so an OPD's second source
was never known).

A one-word place name that is also a word of the language (10 of the 14: Tengah, Selamat,
Murni, Beringin, Legok, Beliung, Jelutung, Kasang, Rajawali, Budiman are in Sastrawi's
dictionary of root words) names its office only after a word that marks it as a place
(PLACE_MARKERS: "kelurahan tengah", "kec. jelutung", "kantor lurah murni", "sktm di
legok"): "truk lewat tengah kota", "selamat pagi" and "pohon beringin tumbang" name no
kelurahan. "di" is a weak mark ("di tengah jalan" still names Kelurahan Tengah), kept
because "di" + place is how citizens say where they ask ("ktp di mpp"). Names of two words
and more ("Tanjung Pinang") stay named as a phrase. No query of eval/devset.tsv, oov.tsv or
situations.tsv says such a name without a mark (q264 "kantor camat jelutung", q276 "kec
jelutung"); the tuning web has none of those kelurahan, the sample web has Tengah, Legok
and Beringin.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from indexer.analysis.lexicon import DATA_DIR
from indexer.analysis.text import words_of
from indexer.answer import FRAME_WORDS
from indexer.backend import Filters
from indexer.homes import home_asked, is_front, site_homes

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis, Vocabulary
    from indexer.backend import DocMeta, IndexBackend, IndexedDoc

# Words that ask where, when or how to reach (normalised forms: "dimano" reads "di mana").
PLACE_CUES = frozenset("""
    alamat lokasi letak mana dimana dimano telepon telpon telp tlp notelp kontak hubungi
    email surel whatsapp wa hp jam buka tutup address located location where phone
    telephone contact hours open opening
""".split())
# Words that frame such a question without naming anything ("nomor", "kantor", "berapa").
PLACE_FILLER = frozenset("""
    kantor kantornya gedung markas office station building headquarters nomor nomer no number
    berapa apa kapan hari jadwal ya dong
    sekarang besok today is the of at for what when time times is are does do
    senin selasa rabu kamis jumat sabtu minggu
""".split())
# The words a contact page is found by among an OPD's pages.
CONTACT_QUERY = "kontak hubungi kami alamat jam pelayanan telepon"
# A name word in at least this share of the OPD names ("kota", "jambi") names none of them.
COMMON_NAME_SHARE = 0.5
# Words before a one-word place name that is also a word ("tengah") that say it is the
# place: its level (the analysis reads "kel."/"kec." as the level), its head's title
# ("kantor camat jelutung", eval/devset.tsv q264), or "di".
PLACE_MARKERS = frozenset({"kelurahan", "kecamatan", "desa", "kel", "kec", "lurah", "camat",
                           "di"})
# Query terms that are readings of the words typed, not the words themselves.
READING_ORIGINS = frozenset({"synonym", "glossary", "dictionary", "abbreviation"})


@dataclass(frozen=True)
class Opd:
    name: str
    aliases: tuple[tuple[str, ...], ...]  # analysed token sequences that name it
    tokens: frozenset[str]  # every token of its name and aliases
    unique: frozenset[str] = frozenset()  # its tokens no other OPD has ("pustaka")
    places: tuple[tuple[str, ...], ...] = ()  # the kelurahan/kecamatan names its name says
    apps: frozenset[str] = frozenset()  # its source names' words that are names ("sipanda")


@dataclass
class Place:
    """The OPD a place question names, and the page that answers it."""

    opd: str
    doc: IndexedDoc  # its contact page, a page saying its contact fields, or its home page
    contact: dict[str, str]  # address, phone, hours, email (what the page says)


def place_words(analyzer: Analyzer, analysis: QueryAnalysis) -> tuple[bool, list[str]]:
    """(has a place cue, the query's other content words)."""
    surface = analysis.normalized.casefold().split()
    cue = any(w in PLACE_CUES for w in surface)
    rest = [w for w in analyzer.words(analysis.normalized)
            if w not in PLACE_CUES and w not in PLACE_FILLER and w not in FRAME_WORDS]
    if analysis.lang == "en":
        stop = analyzer.lexicon.english_stopwords
        rest = [w for w in rest if w not in stop]
    return cue, rest


class Directory:
    """The OPDs of one index version and the words that name them."""

    def __init__(self, analyzer: Analyzer, backend: IndexBackend) -> None:
        self.analyzer = analyzer
        metas = list(backend.all_meta())
        self.homes = site_homes(analyzer, metas)  # the name each site's home says
        by_site: dict[tuple[str, str], DocMeta] = {}
        for meta in metas:
            by_site.setdefault((meta.opd, urlsplit(meta.url).netloc), meta)
        sources: dict[str, set[str]] = {opd: set() for opd, _ in by_site}
        # one document per OPD and site says which sources (sources file names) crawl it:
        # an OPD may run several ("bpprd", "sipanda-bpprd", "e-pajak")
        site_of = {meta.id: site for site, meta in by_site.items()}
        site_source: dict[tuple[str, str], str] = {}
        for id_, doc in backend.get(list(site_of)).items():
            if doc.source:
                sources[doc.opd].add(doc.source)
                site_source[site_of[id_]] = doc.source
        source_tokens = {s: tuple(analyzer.index_tokens(s.replace("-", " ")))
                         for s in set(site_source.values())}
        names = {opd: analyzer.index_tokens(_unbracketed(opd)) for opd in sources}
        # what an OPD's own name says, without the names of the sites it runs
        self.name_tokens = {opd: frozenset(tokens).union(*(analyzer.index_tokens(b)
                                                            for b in _brackets(opd)))
                            for opd, tokens in names.items()}
        counts = Counter(t for tokens in names.values() for t in set(tokens))
        common = {t for t, n in counts.items() if n >= COMMON_NAME_SHARE * max(len(names), 1)}
        # the words of an OPD's own name no half of the others share ("kenali", "besar"), and
        # the abbreviation it gives in brackets: what names it in its sites' header
        self.own_words = {opd: frozenset(t for t in tokens if t not in common)
                          for opd, tokens in names.items()}
        self.abbreviations = {opd: frozenset(t for b in _brackets(opd)
                                             for t in analyzer.index_tokens(b))
                              for opd in names}
        self.opds: list[Opd] = []
        for opd, tokens in names.items():
            aliases = {tuple(t for t in tokens if t not in common)}
            aliases.update(tuple(analyzer.index_tokens(b)) for b in _brackets(opd))
            aliases.update(source_tokens[s] for s in sources[opd])
            aliases.discard(())
            if aliases:
                self.opds.append(Opd(opd, tuple(sorted(aliases)),
                                     frozenset(t for a in aliases for t in a) | set(tokens)))
        owners = Counter(t for o in self.opds for t in o.tokens)
        wilayah = _wilayah()
        named_by = set().union(*names.values()) if names else set()
        # without a lexicon (the plain baseline's analyzer) no word can be told from a name
        lexicon = getattr(analyzer, "lexicon", None)
        words = (lexicon.root_words | lexicon.indonesian_words | lexicon.english_words
                 if lexicon is not None else None)
        self.opds = [Opd(o.name, o.aliases, o.tokens,
                         frozenset(t for t in o.tokens if owners[t] == 1 and t not in common),
                         _places(words_of(o.name), wilayah),
                         frozenset(t for s in sources.get(o.name, ())
                                   for t in source_tokens[s]
                                   if words is not None and owners[t] == 1
                                   and t not in named_by and t not in words))
                     for o in self.opds]
        self.tokens = frozenset(owners)  # every token that names one of them
        # the sites an app name names: "siapduk" is Disdukcapil's, and so is its website, but
        # a citizen who names the app asks for the app's page of a service
        apps = {o.name: o.apps for o in self.opds}
        hosts: dict[str, set[str]] = {}
        for (opd, netloc), source in site_source.items():
            for t in source_tokens[source]:
                if t in apps.get(opd, ()):
                    hosts.setdefault(t, set()).add(netloc)
        self.app_hosts = {t: frozenset(h) for t, h in hosts.items()}
        # one-word place names that are also words: named only after a PLACE_MARKERS word
        self.word_places = frozenset(
            p for o in self.opds for p in o.places
            if len(p) == 1 and lexicon is not None
            and (p[0] in lexicon.root_words or p[0] in lexicon.english_words))

    def named(self, analysis: QueryAnalysis, rest: list[str],
              vocabulary: Vocabulary | None) -> str | None:
        """The one OPD the query names and every other content word of it belongs to: by a
        whole alias ("disdukcapil", "dinas sosial", the expansion of "damkar"), or by a word
        of its name no other OPD has ("perpustakaan"); None when none or several tie."""
        said = {t for term in analysis.terms for t in term.tokens}
        readings = {w: self._readings(w, vocabulary) for w in rest}
        rest_said = {t for tokens, alternatives in readings.values()
                     for t in tokens.union(*alternatives)}
        counts = vocabulary.counts if vocabulary is not None else {}
        # an English word the Indonesian index does not know ("population" of "population
        # office", whose gloss named the OPD) names nothing else
        unknown = {w for w, (tokens, _) in readings.items()
                   if analysis.lang == "en" and w not in counts
                   and not any(t in counts for t in tokens)}
        found: list[tuple[tuple[int, int], str]] = []
        for opd in self.opds:
            whole = max((len(a) for a in opd.aliases if set(a) <= said), default=0)
            unique = len(opd.unique & rest_said)
            # an unknown word is let through only beside a whole alias, which a gloss of
            # the phrase said; a unique word alone ("tax" -> pajak) may be part of a service
            if (whole or unique) and all((whole and w in unknown) or _explains(opd, *readings[w])
                                         for w in rest):
                found.append(((whole, unique), opd.name))
        found.sort(reverse=True)
        if not found or (len(found) > 1 and found[0][0] == found[1][0]):
            return None
        return found[0][1]

    def said(self, analysis: QueryAnalysis) -> frozenset[str]:
        """The OPDs the query says a whole alias of ("mpp", "mal pelayanan publik",
        "kecamatan jambi timur"), by its own words or one of their readings, an app of
        ("sipanda"), or a place of, as a phrase ("tanjung pinang"; a one-word name that is
        also a word after a place marker: "kelurahan tengah")."""
        said = {t for term in analysis.terms for t in term.tokens}
        typed = words_of(analysis.normalized)
        return frozenset(o.name for o in self.opds
                         if any(set(a) <= said for a in o.aliases) or o.apps & said
                         or any(self._says_place(typed, p) for p in o.places))

    def beyond_where(self, analysis: QueryAnalysis, words: Sequence[str]) -> list[str]:
        """``words`` (the query's content words) less those that only say *where*: the words
        of a place it names as a phrase (:meth:`said`), with the level or marker typed
        before it ("kelurahan sungai putri"). "sungai putri" alone asks for no service. An
        office's alias is not set aside: many say the service ("uptd pkb kenali asam", the
        vehicle testing unit; "pelatihan kerja balikat"), and a query saying one asks for it
        (set aside, on the tuning web's dev set two right cards were lost)."""
        typed = words_of(analysis.did_you_mean or analysis.normalized)
        where: set[int] = set()
        for place in {p for o in self.opds for p in o.places if self._says_place(typed, p)}:
            for i in phrase_starts(typed, place):
                where.update(range(i, i + len(place)))
                if i and typed[i - 1] in PLACE_MARKERS:
                    where.add(i - 1)
        named = {typed[i] for i in where}
        elsewhere = {w for i, w in enumerate(typed) if i not in where}
        return [w for w in words if w not in named or w in elsewhere]

    def office_words(self, names: frozenset[str],
                     analysis: QueryAnalysis) -> dict[str, frozenset[str]]:
        """The words of its own name (:attr:`own_words`, its abbreviation) of each OPD of
        ``names`` the query says by two of them or by the abbreviation: what every page of
        its sites says in a header it repeats. Not its sites' source names ("layan",
        "portal", "katalog") nor one plain word of its name ("perlindungan")."""
        # what the citizen typed (or abbreviated), not what a synonym guesses: "istri
        # dipukul suami" expanded to "kekerasan perempuan anak" names no office
        said = {t for term in analysis.terms
                if term.origin not in ("synonym", "glossary", "dictionary") for t in term.tokens}
        out = {}
        for name in names:
            own = self.own_words.get(name, frozenset()) | self.abbreviations.get(name, frozenset())
            told = own & said
            if len(told) >= 2 or told & self.abbreviations.get(name, frozenset()):
                out[name] = own
        return out

    def hosts_said(self, analysis: QueryAnalysis, typed: bool = False) -> frozenset[str]:
        """The sites (host:port) of the apps the query names by name ("siapduk"); with
        ``typed``, only by a word as typed (or its spelling corrected), not by a reading of
        another: "bayar pajak motor" is read as "pkb", the name of the vehicle testing unit's
        source, and does not ask for that site."""
        said = {t for term in analysis.terms
                if not typed or term.origin not in READING_ORIGINS for t in term.tokens}
        return frozenset(h for t in said & self.app_hosts.keys() for h in self.app_hosts[t])

    def own_places_said(self, analysis: QueryAnalysis) -> dict[str, frozenset[str]]:
        """The words of its own place, with its level ("kelurahan pakuan baru"), of each
        kelurahan or kecamatan office (:func:`own_place`) whose place the query says as a
        phrase: what every page of its site says in the masthead the crawler strips, and
        so says for the query only when the query names the place."""
        typed = words_of(analysis.did_you_mean or analysis.normalized)
        out = {}
        for o in self.opds:
            place = own_place(o.name)
            if place and self._says_place(typed, place):
                out[o.name] = frozenset(self.analyzer.index_tokens(
                    " ".join((*words_of(o.name)[:1], *place))))
        return out

    def places_said(self, analysis: QueryAnalysis) -> tuple[tuple[str, ...], ...]:
        """The place names of two words or more the query says as a phrase, of an office
        of the index ("sungai putri" of Kelurahan Sungai Putri), as written."""
        typed = words_of(analysis.normalized)
        return tuple(sorted({p for o in self.opds for p in o.places
                             if len(p) > 1 and _contains(typed, p)}))

    def home_asked(self, analysis: QueryAnalysis, vocabulary: Vocabulary | None) -> str | None:
        """The id of the site home the query asks for by the site's own name and nothing
        else (indexer/homes.py), or None."""
        return home_asked(self.homes, self.analyzer, analysis,
                          lambda word: self._readings(word, vocabulary), self.name_tokens)

    def _says_place(self, typed: list[str], place: tuple[str, ...]) -> bool:
        if place not in self.word_places:
            return _contains(typed, place)
        return any(word == place[0] and before in PLACE_MARKERS
                   for before, word in zip(typed, typed[1:], strict=False))

    def _readings(self, word: str, vocabulary: Vocabulary | None
                  ) -> tuple[set[str], list[set[str]]]:
        """A word's own tokens, and the token sets of its readings (abbreviation expansion,
        synonym, gloss)."""
        tokens = set(self.analyzer.index_tokens(word))
        terms = self.analyzer.analyze_query(word, vocabulary).terms
        return tokens, [set(t.tokens) for t in terms if t.tokens]


def _places(name: list[str], wilayah: tuple[tuple[str, ...], ...]
            ) -> tuple[tuple[str, ...], ...]:
    """The place names an OPD's name (its words) says: the kecamatan and kelurahan names
    in it, and the rest of a name that starts with a level ("Kelurahan Kenali Asam": a
    kelurahan the BPS list spells otherwise, or one added since)."""
    found = {p for p in wilayah if _contains(name, p)}
    if len(name) > 1 and name[0] in LEVELS:
        found.add(tuple(name[1:]))
    return tuple(sorted(found))


@cache
def own_place(opd: str) -> tuple[str, ...]:
    """The kelurahan or kecamatan (as words) whose office the OPD ``opd`` is, or ().

    Only an office of that level is one ("Kelurahan Payo Lebar", "Kecamatan Jelutung"):
    the name starts with the level. "KUA Kecamatan Jambi Timur" and "UPTD Puskesmas Olak
    Kemang" serve a place but are not its office, and their sites are not named by it. The
    place is the BPS name that follows the level ("Kelurahan Payo Lebar Kecamatan
    Jelutung": "payo lebar", not the rest of the name); a name the list spells otherwise,
    or one added since, is the words up to the next level word."""
    name = words_of(opd)
    if len(name) < 2 or name[0] not in LEVELS:
        return ()
    listed = [p for p in _wilayah() if tuple(name[1:1 + len(p)]) == p]
    if listed:
        return max(listed, key=len)
    rest = name[1:]
    cut = next((i for i, w in enumerate(rest) if w in LEVELS), len(rest))
    return tuple(rest[:cut])


LEVELS = frozenset({"kecamatan", "kelurahan", "desa"})  # the BPS list's levels below the city


@cache
def _wilayah() -> tuple[tuple[str, ...], ...]:
    """The words of each kecamatan and kelurahan name of Kota Jambi, as written: compared
    with the words of OPD names and queries unstemmed, or Kelurahan Selamat would be named
    by "Penyelamatan" (stem "selamat") and Talang Banjar by "Talang"."""
    with open(DATA_DIR / "kota_jambi_wilayah_bps.csv", encoding="utf-8", newline="") as fh:
        names = [row["name"] for row in csv.DictReader(fh)
                 if row["level"] in LEVELS]
    return tuple(sorted({words for words in (tuple(words_of(n)) for n in names) if words}))


def phrase_starts(tokens: Sequence[str], phrase: tuple[str, ...]) -> Iterator[int]:
    """Where in ``tokens`` each run of consecutive tokens that is ``phrase`` starts."""
    n = len(phrase)
    return (i for i in range(len(tokens) - n + 1) if tuple(tokens[i:i + n]) == phrase)


def _contains(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` is a run of consecutive ``tokens``."""
    return next(phrase_starts(tokens, phrase), None) is not None


def _explains(opd: Opd, tokens: set[str], readings: list[set[str]]) -> bool:
    """A content word belongs to the OPD's name, by itself or by one of its readings.
    (A word the index does not know at all, an English word of a glossary phrase such as
    "population office", is let through by the caller.)"""
    return not tokens or tokens <= opd.tokens or any(r <= opd.tokens for r in readings)


def contact_page(backend: IndexBackend, analyzer: Analyzer, opd: str,
                 filters: Filters | None) -> Place | None:
    """The OPD's page that answers a place question, and its contact fields: its contact
    page first, else a page that says the fields (the home page's footer), else its home
    page; None when it has none of them or the filters exclude the page."""
    terms = analyzer.analyze_query(CONTACT_QUERY).terms
    hits = backend.keyword_search(terms, 30, Filters(opd=[opd]))
    docs = backend.get([h.id for h in hits])
    ranked = [docs[h.id] for h in hits if h.id in docs]
    with_fields = [d for d in ranked if (d.fields or {}).get("contact")]
    pages = [d for d in with_fields if d.fields["contact"].get("page")]
    best = (pages or with_fields or [None])[0]
    contact: dict[str, str] = {}
    if best is not None:
        contact = {k: str(v) for k, v in best.fields["contact"].items() if k != "page" and v}
    else:
        home = [m.id for m in backend.all_meta()
                if m.opd == opd and is_front(m.url, fragment=True)]
        best = backend.get(home[:1]).get(home[0]) if home else None
    if best is None or (filters is not None and not filters.allows(best.opd, best.kind)):
        return None
    return Place(opd, best, contact)


_BRACKETS = re.compile(r"\(([^()]+)\)")


def _brackets(name: str) -> list[str]:
    return _BRACKETS.findall(name)


def _unbracketed(name: str) -> str:
    return _BRACKETS.sub(" ", name)
