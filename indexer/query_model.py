"""The keyword query model every backend runs: which fields, how boosted, which clauses.

Both backends score a query as the same sum of boosted BM25 term lookups, built here from
the analysed query terms (``keyword_clauses``), so the embedded index and an OpenSearch
cluster give the same keyword ranking (tests/test_opensearch_parity.py). The field names and
weights also shape both indexes (the embedded tantivy schema, the OpenSearch layout), which
is why they are the query model's constants and not per-deployment settings: changing one
means rebuilding the index, not editing sikoja.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from indexer.backend import Hit

if TYPE_CHECKING:
    from indexer.analysis import QueryTerm

# Keyword field weights: service name and title above headings above body.
FIELD_BOOSTS = {"title": 3.0, "headings": 1.6, "body": 1.0}

# Phrases ("kartu tanda penduduk") are matched through adjacent-token pairs indexed in their
# own fields ("kartu_tanda", "tanda_penduduk"), so every clause of the keyword query is a
# plain term lookup. A union of term queries lets the engine skip documents that cannot reach
# the top k (block-max WAND); a single phrase query makes it score every document that has
# any query word, 3-4x slower at 100k documents (BENCHMARKS.md, "Keyword query shape").
PAIR_FIELDS = {name: f"{name}_pairs" for name in FIELD_BOOSTS}
PAIR_SEPARATOR = "_"  # analysed tokens never contain it (indexer.analysis.text)
PAIR_WEIGHT = 0.75  # a matched two-word phrase, relative to one word of the same field

# A word in more than this share of a field's documents ("alur", "syarat", "online" on
# service pages) scores almost nothing (BM25 idf below log 2) yet has the longest posting
# list, which every query that names it must walk: at 100k documents such words made up
# half of the keyword search time. Such a lookup is left out when another word of the query
# is rarer, as long as the rarer words still find enough documents (:func:`without_common`).
COMMON_SHARE = 0.5


def token_pairs(tokens: Sequence[str]) -> list[str]:
    """Adjacent-token pairs of an analysed stream, as indexed in the PAIR_FIELDS."""
    return [f"{a}{PAIR_SEPARATOR}{b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def field_tokens(title: Sequence[str], headings: Sequence[str], body: Sequence[str],
                 aliases: Sequence[str] = ()) -> dict[str, list[str]]:
    """Every keyword field of a document, FIELD_BOOSTS and PAIR_FIELDS, as token lists.

    ``aliases``, the other names a page gives its own subject ("Surat Izin Tempat Usaha
    (SITU)" -> situ; synonyms.page_names), are names of the page and join its title. A
    field of their own was measured worse: few pages have one, so BM25's average length
    of that field is a fraction of a token and every page that has a name is scored as
    overlong in it (a page's own abbreviation then lost to a page with it in the title).
    """
    fields = {"title": [*title, *aliases], "headings": list(headings), "body": list(body)}
    fields.update({PAIR_FIELDS[name]: token_pairs(tokens) for name, tokens in list(fields.items())})
    return fields


@dataclass(frozen=True)
class Clause:
    """One term lookup of the keyword query: BM25 of ``token`` in ``field`` x ``boost``."""

    field: str
    token: str
    boost: float


def group_mass(terms: Sequence[QueryTerm]) -> float:
    """What terms weigh together in the keyword query, as :func:`keyword_clauses` spends
    them: one-word terms add up; a pair two phrases share ("kartu tanda penduduk" and
    "kartu tanda penduduk elektronik") is looked up once, at the larger of their shares,
    so it counts once."""
    singles = 0.0
    pairs: dict[str, float] = {}
    for term in terms:
        tokens = [t for t in term.tokens if t]
        if not tokens or term.weight <= 0:
            continue
        if len(tokens) == 1:
            singles += term.weight
            continue
        share = _pair_share(term.weight, len(tokens))
        for pair in token_pairs(tokens):
            pairs[pair] = max(pairs.get(pair, 0.0), share)
    return singles + sum(pairs.values())


def _pair_share(weight: float, n: int) -> float:
    """Each pair's share of a phrase of n words at ``weight``: the phrase weighs n/2 words
    (x PAIR_WEIGHT), shared by its n - 1 pairs."""
    return weight * PAIR_WEIGHT * n / (2 * (n - 1))


def shared_weights(terms: Sequence[QueryTerm]) -> list[QueryTerm]:
    """The terms with the synonyms of each typed word scaled down, when together they weigh
    more than the word itself, to weigh as much as it does (issue #11).

    A synonym set is one word's alternatives, not more evidence. Session 11's ~1,000 one-way
    synonym terms let "disdukcapil" read as six synonyms (4.3 words' worth) and an app's
    name as its service's phrases: summed, a page that says only those (or several of them)
    outvoted the page titled with what the citizen typed, which plain BM25, expanding
    nothing, never does.
    Synonyms whose ``QueryTerm.source`` (the typed words they read, set only when the index
    says every word of the query: indexer.analysis.analyzer) share a typed word share one
    budget, what those words weigh as typed: 1 each, less for a word the query says the
    citizen lacks (analyzer ``LACKED_WEIGHT``), whose synonyms must not weigh more than it
    does. Typed terms, acronyms, current names, English glossary terms, corrections and
    neighbours keep their weight. On the tuning web it scales
    the synonyms of 60 of 83 abbreviation, 58 of 109 formal and 27 of 46 app queries and
    moves no category's MRR@10 by more than 0.002 (BENCHMARKS.md, "Typed words before
    expansions").
    """
    typed = {term.source[0]: term.weight for term in terms
             if term.origin == "query" and len(term.source) == 1}
    read = [term for term in terms if term.source and term.origin != "query"]
    parent: dict[str, str] = {}

    def root(word: str) -> str:
        while parent.setdefault(word, word) != word:
            word = parent[word]
        return word

    for term in read:
        for word in term.source[1:]:
            parent[root(word)] = root(term.source[0])
    groups: dict[str, list[QueryTerm]] = {}
    for term in read:
        groups.setdefault(root(term.source[0]), []).append(term)
    mass = {key: group_mass(group) for key, group in groups.items()}
    budget: dict[str, float] = {}
    for word in parent:
        budget[root(word)] = budget.get(root(word), 0.0) + typed.get(word, 1.0)
    out = []
    for term in terms:
        if term.source and term.origin != "query":
            key = root(term.source[0])
            if mass[key] > budget[key]:
                term = replace(term, weight=term.weight * budget[key] / mass[key])
        out.append(term)
    return out


def keyword_clauses(terms: Sequence[QueryTerm]) -> list[Clause]:
    """The keyword query every backend runs, as a sum of boosted term lookups.

    A one-token term is looked up in each field with the field's boost x the term's weight;
    a token reached twice (typed, and again as an expansion) becomes one clause with the
    boosts added, which scores the same (BM25 is linear in the boost) for one lookup.

    A phrase is looked up through its adjacent pairs in the pair fields. Its weight grows
    with its length, as a phrase's BM25 (the sum of its words' idf) does, and is shared among
    its pairs, so a document with part of a long phrase gets part of it. A pair that two phrases
    share ("kartu tanda penduduk" and "kartu tanda penduduk elektronik", both expansions of
    KTP) counts once, at the larger weight: summing would let a page that merely repeats the
    shared words outrank the service (dev set, BENCHMARKS.md). The synonyms of one typed
    word first share that word's weight (:func:`shared_weights`).
    """
    boosts: dict[tuple[str, str], float] = {}
    for term in shared_weights(terms):
        tokens = [t for t in term.tokens if t]
        if not tokens or term.weight <= 0:
            continue
        if len(tokens) == 1:
            for name, boost in FIELD_BOOSTS.items():
                key = (name, tokens[0])
                boosts[key] = boosts.get(key, 0.0) + boost * term.weight
            continue
        share = _pair_share(term.weight, len(tokens))
        for name, boost in FIELD_BOOSTS.items():
            for pair in token_pairs(tokens):
                key = (PAIR_FIELDS[name], pair)
                boosts[key] = max(boosts.get(key, 0.0), boost * share)
    return [Clause(f, t, b) for (f, t), b in boosts.items()]


def without_common(clauses: Sequence[Clause], doc_freq: Callable[[str, str], int],
                   docs: int, k: int) -> list[Clause]:
    """The clauses less the lookups of words found in more than COMMON_SHARE of the field's
    documents, when the query has another word that is not that common.

    A backend runs these first, and the full clauses when they find fewer than the k
    documents asked for: a common word then still finds what only it matches. Otherwise the
    common word would only have added a sliver to documents the rarer words already rank.
    When the rarer lookups cannot find k documents (their document frequencies add up to
    fewer), the clauses come back whole, sparing that first search.
    """
    limit = COMMON_SHARE * docs
    common = {c for c in clauses if doc_freq(c.field, c.token) > limit}
    rare_tokens = {c.token for c in clauses if c not in common}
    fewer = [c for c in clauses if c not in common or not rare_tokens - {c.token}]
    if len(fewer) < len(clauses) and sum(doc_freq(c.field, c.token) for c in fewer) < k:
        return list(clauses)
    return fewer


def search_in_two_steps(clauses: Sequence[Clause], doc_freq: Callable[[str, str], int],
                        docs: int, k: int,
                        run: Callable[[Sequence[Clause]], list[Hit]]) -> list[Hit]:
    """``run`` the clauses :func:`without_common` first, and all of them when that finds
    fewer than k documents: how every backend runs its keyword query."""
    fewer = without_common(clauses, doc_freq, docs, k)
    if len(fewer) < len(clauses):
        hits = run(fewer)
        if len(hits) >= k:
            return hits
    return run(clauses)
