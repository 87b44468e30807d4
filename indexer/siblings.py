"""Sibling services: the one whose own title says the word that tells them apart leads.

A city names the services of one family alike: "SPMB SMP Negeri" and "Informasi SPMB
SMA/SMK Negeri", "KK Hilang" and "KTP-el Hilang", "Akta Kelahiran" and "Akta Kematian". Their
pages share most of their words too, so BM25, the embedder and the coverage weight all score
them close, and which one leads is decided by words that do not tell them apart ("cara daftar
smp negeri": "daftar" and "negeri" are on both). What tells them apart is the part of their
titles they do not share: "SMP" against "SMA/SMK", "KK" against "KTP".

No list of families or words: two of the first results are *siblings* when their titles
(acronyms spelled out, as the card reads them) share at least ``sibling_overlap`` of the
shorter one's tokens and each has tokens of its own (a title inside another, "Surat
Keterangan Ahli Waris" in "Syarat Surat Keterangan Ahli Waris di Kelurahan", is the same
thing said at more length, not a sibling). A query word *tells* a sibling when one of its
readings is in that title and takes a token of the title's own, one on fewer than half the
index's pages (a word on most pages names the city or the web, "kota", "jambi", not one
service). A sibling close behind the first result (within ``sibling_margin`` of its score)
leads instead when the query tells it and not the first, unless the first's page says more
of the query than the sibling's ("sppt pbb salah nama": "Mutasi / Balik Nama SPPT" says
"nama" in its title, but the correction's page, "Pembetulan SPPT", says "salah nama"); a
query that tells neither leaves the order alone.

Keyword retrieval's first result that the vector leg does not find at all is behind only on
the vector leg's word, so it may lead from any fused distance (indexer/search.py looks for
it twice the window down; issue #12, "Agreement"): when the legs disagree outright, the
title the query tells decides. On the tuning web this fixed "cara daftar smp negeri" and
"anak nak masuk smp negeri cakmano daftarnyo" (dev set Success@1 0.950 -> 0.953, MRR@10
0.966 -> 0.969) and moved no result of eval/oov.tsv or eval/situations.tsv.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from indexer.answer import margin, swap_lead

if TYPE_CHECKING:
    from indexer.answer import QueryWords
    from indexer.fusion import Fused


Tokens = frozenset[str]


def siblings(a: Tokens, b: Tokens, overlap: float) -> bool:
    """Whether two titles' tokens share at least ``overlap`` of the shorter title's and each
    has tokens the other lacks."""
    if not (a - b) or not (b - a):
        return False
    return len(a & b) / min(len(a), len(b)) >= overlap


def common_tokens(counts: Mapping[str, int], documents: int,
                  tokens_of: Callable[[str], Sequence[str]]) -> Tokens:
    """The index tokens on half the ``documents`` or more, from the vocabulary's document
    ``counts`` of surface words.

    The vocabulary counts surface words ("pelayanan", "layanan") while titles are compared
    as index tokens ("layan"), so each word on half the pages lends its tokens
    (``tokens_of``, the analyzer's): a token is on at least as many pages as its most
    frequent word. That lower bound, not the sum (which counts a page saying "kelurahan" and
    "lurah" twice), finds exactly the tokens on half the tuning crawl's 730 pages or more:
    "layan" (on 521 pages; its most frequent word "pelayanan" on 412), "kota", "jambi";
    summed counts would add "lurah" and "syarat" (408 each, on 309 and 348 pages)."""
    half = documents / 2
    return frozenset(t for word, n in counts.items() if n >= half for t in tokens_of(word))


def tells(words: QueryWords, title: Tokens, own: Tokens, common: Tokens) -> bool:
    """Whether a query word is read in ``title`` by a reading that takes one of the title's
    ``own`` tokens that is not ``common``."""
    rare = own - common
    return any(set(r) <= title and rare.intersection(r)
               for w in words.words for r in words.readings[w])


def keyword_alone(item: Fused) -> bool:
    """Whether keyword retrieval ranks ``item`` first and the vector leg does not find it:
    the two legs disagree outright, and the fused gap to the first result is the vector
    leg's share alone, which says nothing about which sibling the query names. "cara daftar
    smp negeri": keyword search ranks "SPMB SMP Negeri" first, the vector leg ranks it 105th
    (cosine 0.22) and out of its list, and "Informasi SPMB SMA/SMK Negeri" (keyword 3rd,
    vector 9th) led it by 12% of its score, past any margin a tie could mean."""
    return item.keyword_rank == 1 and item.vector_rank is None


def lead_by_sibling(items: list, titles: Sequence[Tokens | None], pages: Sequence[float],
                    words: QueryWords, overlap: float, within: float, common: Tokens) -> list:
    """``items`` ((Fused, also_at) pairs, best first) with the first one's sibling that the
    query tells apart, when the query does not tell the first one, moved ahead of it; only
    a sibling whose score is within ``within`` (relative) of the first's (a sibling far
    behind lost on more than its title), or keyword retrieval's first that the vector leg
    missed (:func:`keyword_alone`: it is behind on the vector leg's word only). ``titles``
    are the first items' title tokens (None for a result that is not a service or an app,
    which never moves nor is passed), ``pages`` the share of the query their pages say (a
    sibling whose page says less than the first's does not pass it on its title alone),
    ``common`` the tokens on half the index's pages or more. A new list only when the order
    changes; the two swap places and scores, as the tie-break does, so the results between
    them stay between them and every score stays in order, and explain reports it as a
    "sibling" multiplier."""
    first = titles[0] if titles else None
    if first is None:
        return items
    top = items[0][0]
    for place in range(1, len(titles)):
        other, rival = titles[place], items[place][0]
        if other is None or not siblings(first, other, overlap):
            continue
        if margin([top.score, rival.score]) >= within and not keyword_alone(rival):
            continue  # lost on more than its title
        if (pages[place] >= pages[0] and tells(words, other, other - first, common)
                and not tells(words, first, first - other, common)):
            return swap_lead(items, place, "sibling")
    return items
