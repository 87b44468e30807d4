"""A site's own words: the title words most of its pages carry, which say whose site it
is, not what a page is about.

A kelurahan site titles its pages "Cara Mengurus Surat Keterangan Domisili di Kelurahan
Pakuan Baru", "Profil Kelurahan Pakuan Baru", "Arsip Website Resmi Kelurahan Pakuan Baru":
the crawler drops a title segment that repeats across a site (split at separators), but a
name inside the title phrase stays. Title matches weigh most (query_model.FIELD_BOOSTS), so
a query that names the place ("surat kematin pakuan baru") put any page whose title holds
the name above the page about the service (dev set, OpenSID family: 5 of 25 queries).

Found by comparing a site's pages with each other, not from a list of names: a title token
as written (``Analyzer.index_tokens``) in more than SITE_SHARE of a source's page titles, on
a source of at least SITE_MIN_PAGES pages, is a site word. In that source's pages it is
indexed as body text (``indexer.build.analyse_document``); other sites keep it in their
titles, and the stored title (answer card, snippets) is unchanged. A query naming the place
still matches those pages (as text), so the place still narrows the results to the site.
Both backends index the same analysed document, so they rank alike.

A kelurahan or kecamatan office's site (its OPD's name starts with the level) has its own
place as a site word however few titles say it
(``own_place_words``, through ``indexer.places.own_place``): a real kelurahan blog names
the place in one post's title ("Syarat SKTM di Kelurahan Kebun Handil") and not in the
others ("Pelaporan Kematian Warga"), and that one title match is the site's name, not the
post's topic. It does not settle every such query: "surat kematian kebun handil" on the
tuning web still leads with the SKTM post, before the blog's "Lapor Kematian Warga ke
Kelurahan" (found in session 21's review, not solved). The masthead says the place on every page and
the crawler strips it; the search lends the place to a page's words only for a query that
names it, and only to a page whose title says the rest of the query
(``indexer.search._PlaceLent``).

Measured on the tuning web (bench/eval_webs.py, dev set, hybrid MRR@10 / Success@1; main
0.953 / 0.929, opensid family 0.940): as built here 0.955 / 0.933, opensid 0.957 (q224, q585
fixed, nothing lost). Counting the title with its acronyms spelled out
(``Analyzer.title_tokens``) made "bakar" a site word of the fire brigade ("Damkar" in most
titles) and "pajak" of the tax office (PBB): their service pages lost their title match
to other sites' pages ("report a fire", "ado kebakaran nak lapor kemano"): 0.947 / 0.924.
SITE_SHARE 0.45 takes in the topic words again (damkar "bakar" 6 of 12, disnaker "kerja",
the MPP's "loket"): 0.948 / 0.926.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from indexer.places import own_place
from indexer.query_model import PAIR_SEPARATOR

SITE_SHARE = 0.5  # of a source's page titles; on the tuning web only the kelurahan sites'
# names pass it (kel-pakuanbaru: lurah 20, baru 17, pakuan 16 of 30; kel-talangbanjar: lurah
# 18 of 33), no topic word; the MPP portal's own name is in 2 of its 22 titles
SITE_MIN_PAGES = 10  # fewer pages are no evidence: a 6-page tax site says "pajak" in 4
# holds a site word's place in a title: analysed tokens never contain the pair separator, so
# no query term looks it up (nor a pair made with it)
PLACEHOLDER = PAIR_SEPARATOR


def site_words(titles: Iterable[tuple[str, str]],
               tokens: Callable[[str], Iterable[str]],
               opds: dict[str, str] | None = None) -> dict[str, frozenset[str]]:
    """source -> its site words, from (source, title) of every live page; ``tokens``
    analyses a title, ``opds`` names each source's OPD (its own place's words are site
    words however few titles say them). Sources without any are left out."""
    pages: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = {}
    for source, title in titles:
        pages[source] += 1
        counts.setdefault(source, Counter()).update(set(tokens(title)))
    out = {}
    for source, n in pages.items():
        words = set(own_place_words((opds or {}).get(source, ""), tokens)) & set(counts[source])
        if n >= SITE_MIN_PAGES:
            words.update(w for w, c in counts[source].items() if c > SITE_SHARE * n)
        if words:
            out[source] = frozenset(words)
    return out


@lru_cache(maxsize=1024)
def own_place_words(opd: str, tokens: Callable[[str], Iterable[str]]) -> frozenset[str]:
    """The words of the kelurahan or kecamatan the OPD ``opd`` is the office of
    (``indexer.places.own_place``), analysed by ``tokens``: a site's name for itself,
    whichever of its titles say it ("Syarat SKTM di Kelurahan Kebun Handil" beside
    "Pelaporan Kematian"). Memoised per OPD and analyser.

    Not its level ("Kelurahan"): alone, that is where a service is had, the topic a citizen
    asks by ("syarat skck di kelurahan": the blog's "Surat Pengantar SKCK dari Kelurahan"),
    not the site's name; taken out of a few titles of every kelurahan site it let Polresta's
    SKCK page lead there, and it moved keyword near-ties on the tuning web: dev q267, q993
    and q1738 lost their lead to it (q1208 loses its own without it, the same wobble; dev
    Success@1 0.941 -> 0.942, oov and situations unchanged). A site most of whose titles
    say it still has it as a site word (SITE_SHARE)."""
    place = own_place(opd)
    if not place:
        return frozenset()
    return frozenset(tokens(" ".join(place)))


def split_title(title: list[str], words: frozenset[str]) -> tuple[list[str], list[str]]:
    """(the title's tokens with each site word held by PLACEHOLDER, its site words), each
    in title order. The placeholder keeps the title as long as it was: dropping the words
    made a page's title shorter, so BM25 scored its other title words higher than the same
    words in a longer title (dev set: "urus surat" on the kelurahan's own domisili page
    came first for "orang tua meninggal dunia urus surat apa")."""
    if not words:
        return title, []
    return ([PLACEHOLDER if t in words else t for t in title],
            [t for t in title if t in words])


def site_mark(title: list[str], words: frozenset[str]) -> str:
    """What a page's index key gains from its site words: the ones its title holds, so a
    page is re-analysed when they change (a site's words come and go with its pages), and
    only then; "" for a page whose title holds none."""
    held = sorted(set(title) & words)
    if not held:
        return ""
    return "|site:" + hashlib.blake2b(" ".join(held).encode(), digest_size=6).hexdigest()
