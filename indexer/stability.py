"""Whether the answer card's top depends on how the query is read (issue #12, session 12).

A right top usually stays on top when the query is read a little differently; a wrong top is
often the artefact of one reading: a synonym that happens to match another service's title,
or one word of a wordy query that a page says and the right page does not. The card's other
signals score the top (how much of the query it says, how far it leads); these ask whether
it would still lead:

- **typed**: keyword retrieval on the words as typed (normalised and stemmed, a corrected
  typo counted as typed, no synonym, old name, gloss or abbreviation expansion);
- **drop one**: keyword retrieval on the query with one content word left out, for each
  content word up to MAX_DROPS, the rarest (highest IDF) first (a query of one content word
  has nothing to drop).

Only the keyword side is read again (no new embedding), and only for the query whose card is
being decided. "Leads" means: the top's near-duplicate group is the first service or app of
the reading's keyword hits (ranked by BM25, as retrieved, before coverage and fusion). The
share of the top's keyword score a reading keeps is measured beside it.

On the tuning web (session 12, BENCHMARKS.md "Stable tops") the share of drops after which
the top still leads separates right from wrong dev tops best (AUC 0.71; the margin 0.78, the
typed reading 0.54, and a right top owes more of its keyword score to expansions than a
wrong one): the card's gate reads it (``card_min_stable``, with ``drops_said``). Since
session 16 the firm lead (indexer/answer.py firm, ``card_firm_lead``) reads two: every drop
led, and ``typed_leads``, the typed reading, which the gate runs (:func:`measure_typed`) only
where it can change the card. The others are shown by explain for the bench.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from indexer.analysis import Analyzer, QueryAnalysis, QueryTerm, Vocabulary
from indexer.answer import CARD_KINDS
from indexer.backend import DocMeta, Hit
from indexer.places import phrase_starts

TYPED_ORIGINS = ("query", "correction", "slang")  # the words as typed, normalised
# content words dropped in turn, the highest IDF first: a 29-word query cost 30 keyword
# searches (54 ms of CPU against 9-23 without; session 12's review); the dev queries have
# at most 8 content words but for a handful
MAX_DROPS = 8


@dataclass
class Reading:
    """How one reading of the query ranks the top: whether it leads the services and apps
    of the reading's keyword hits, and the share of its keyword score kept."""

    leads: bool
    share: float
    leader: str | None = None  # the first service or app's id, when it is not the top


@dataclass
class Stability:
    full: Reading  # the query as analysed (every expansion)
    typed: Reading
    drops: list[tuple[str, float, Reading]]  # (word dropped, its IDF weight, reading)

    def drop_least(self) -> Reading:
        """The reading without the query's least informative content word (lowest IDF)."""
        if not self.drops:
            return self.full
        return min(self.drops, key=lambda d: d[1])[2]

    def drops_led(self) -> float:
        """The share of single-word drops after which the top still leads (1.0: no word to
        drop)."""
        if not self.drops:
            return 1.0
        return sum(r.leads for _, _, r in self.drops) / len(self.drops)

    def drops_kept(self) -> float:
        """The IDF-weighted share of the content words whose drop leaves the top leading."""
        total = sum(w for _, w, _ in self.drops)
        if not total:
            return 1.0
        return sum(w for _, w, r in self.drops if r.leads) / total


def typed_terms(terms: Sequence[QueryTerm]) -> list[QueryTerm]:
    """The terms of the words as typed: no expansion."""
    return [t for t in terms if t.origin in TYPED_ORIGINS]


def measure(analyzer: Analyzer, analysis: QueryAnalysis, words: Sequence[str],
            weights: dict[str, float], keyword: Callable[[Sequence[QueryTerm]], list[Hit]],
            metas: Callable[[list[str]], dict[str, DocMeta]], top_group: str,
            vocabulary: Vocabulary | None = None, typed: bool = True,
            same_service: Callable[[DocMeta], bool] | None = None,
            places: Sequence[tuple[str, ...]] = ()) -> Stability:
    """How the top (its near-duplicate group ``top_group``) fares under each reading.
    ``words`` are the query's content words with their IDF ``weights`` (QueryWords),
    ``keyword`` runs keyword retrieval on terms and ``metas`` reads the hits' metadata;
    the typed reading is skipped (the full one stands for it) unless ``typed``; it can be
    read later on its own (:func:`measure_typed`).
    The top still leads when the first service or app is ``same_service`` as it: the same
    service at another office (its copy on an app's site), which would answer alike.
    Every content word is dropped in turn, a place or an office too: skipping those (the
    same service at another office may lead without them) showed fewer right cards at the
    same precision on the tuning web (BENCHMARKS.md, "Stable tops"); only the MAX_DROPS
    most informative (highest IDF) are, of a longer query. The words of a place the query
    names (``places``, ``Directory.places_said``) are read in each drop as the place's name,
    a phrase (:func:`as_places`), not as words any page may say apart."""
    reading = _reader(keyword, metas, top_group, same_service)
    full = reading(analysis.terms)
    typed_reading = _typed(analysis, reading, full) if typed else _share(full, full)
    drops = []
    names = [tuple(analyzer.index_tokens(" ".join(p))) for p in places]
    # the normalised words, space-joined by the analysis (any analyzer's, the plain
    # baseline's too)
    text = (analysis.did_you_mean or analysis.normalized).split()
    said = [tok for w in text for tok in analyzer.index_tokens(w)]
    if len(words) > 1:
        # the most informative words only: each drop is one more analysis and keyword search
        for word in sorted(words, key=lambda w: -weights.get(w, 0.0))[:MAX_DROPS]:
            rest = " ".join(w for w in text if w != word)
            terms = analyzer.analyze_query(rest, vocabulary).terms if rest else []
            terms = as_places(terms, names, said) if names else terms
            drops.append((word, weights.get(word, 0.0), _share(reading(terms), full)))
    return Stability(_share(full, full), typed_reading, drops)


def as_places(terms: Sequence[QueryTerm], places: Sequence[tuple[str, ...]],
              said: Sequence[str] | None = None) -> list[QueryTerm]:
    """``terms`` with the typed one-word terms that spell a place's name (``places``: index
    tokens of names of two words or more) read as that name, one phrase: "sungai putri"
    names Kelurahan Sungai Putri, and the river a laboratory's page writes of ("Air
    Sungai") is no part of it. ``said`` are the index tokens of the whole query's words as
    typed, in order (by default the typed one-word terms'): a place is one whose words run
    in that order there, and only the words of its runs are merged; a word typed outside
    every place's run stays a word ("kk baru kota baru": the "baru" of "kk baru"). A place
    whose words do not run together, or are not all among ``terms`` (a reading that left
    one out), stays as it is."""
    if said is None:
        said = [t.tokens[0] for t in terms if len(t.tokens) == 1 and t.origin in TYPED_ORIGINS]
    said = list(said)
    runs = {place: at for place in places
            if len(place) > 1 and (at := list(phrase_starts(said, place)))}
    inside = {i + k for place, at in runs.items() for i in at for k in range(len(place))}
    outside = {tok for i, tok in enumerate(said) if i not in inside}
    out = list(terms)
    for place in runs:
        parts = [t for t in terms if len(t.tokens) == 1 and t.tokens[0] in place
                 and t.origin in TYPED_ORIGINS]
        if {t.tokens[0] for t in parts} != set(place):
            continue
        out = [t for t in out if t not in parts or t.tokens[0] in outside]
        out.append(replace(parts[0], tokens=place, weight=max(t.weight for t in parts)))
    return out


def measure_typed(analysis: QueryAnalysis,
                  keyword: Callable[[Sequence[QueryTerm]], list[Hit]],
                  metas: Callable[[list[str]], dict[str, DocMeta]], top_group: str,
                  same_service: Callable[[DocMeta], bool] | None = None) -> Reading:
    """The reading on the words as typed alone, as :func:`measure` reads it: the card's
    gate asks for it only where it can change the decision (indexer/answer.py
    needs_typed), one keyword search more, none when nothing was expanded."""
    reading = _reader(keyword, metas, top_group, same_service)
    return _typed(analysis, reading, reading(analysis.terms))


def _typed(analysis: QueryAnalysis, reading: Callable[[Sequence[QueryTerm]], Reading],
           full: Reading) -> Reading:
    """The typed reading, its share of the full reading's keyword score (``full.share``
    holds that score); the full reading itself when no term is an expansion."""
    as_typed = typed_terms(analysis.terms)
    if len(as_typed) == len(analysis.terms):
        return _share(full, full)
    return _share(reading(as_typed), full)


def _share(reading: Reading, full: Reading) -> Reading:
    """``reading`` with its keyword score made the share of the full reading's."""
    return Reading(reading.leads, reading.share / full.share if full.share > 0 else 0.0,
                   reading.leader)


def _reader(keyword: Callable[[Sequence[QueryTerm]], list[Hit]],
            metas: Callable[[list[str]], dict[str, DocMeta]], top_group: str,
            same_service: Callable[[DocMeta], bool] | None
            ) -> Callable[[Sequence[QueryTerm]], Reading]:
    """Reads one reading's keyword hits: whether the top leads them, its keyword score (in
    ``share``, made a share by the caller) and the leader when it does not lead."""
    def read(terms: Sequence[QueryTerm]) -> Reading:
        if not terms:
            return Reading(False, 0.0)
        hits = keyword(terms)
        known = metas([h.id for h in hits])
        found = [m for m in (known.get(h.id) for h in hits) if m is not None]
        groups = [((m.group_id or m.id), m.kind) for m in found]
        first = next((m for m in found if m.kind in CARD_KINDS), None)
        score = next((h.score for h, (g, _) in zip(
            (h for h in hits if h.id in known), groups, strict=True) if g == top_group), 0.0)
        leads = first is not None and ((first.group_id or first.id) == top_group or (
            same_service is not None and same_service(first)))
        return Reading(leads, score, None if leads or first is None else first.id)
    return read


def drops_said(stability: Stability, top_says: Callable[[str], bool],
               leader_says: Callable[[str, str], bool]) -> float:
    """The share of single-word drops after which the top still leads, or after which it
    lost the lead to a page that does not say the word left out while the top says it
    (``top_says(word)``, ``leader_says(word, leader id)``); 1.0 with no word to drop.

    Such a loss is the query being specific, not the top being fragile: the reading without
    the word asks less, a service sharing the remaining words leads it, and the word the
    citizen did type is the evidence that tells the two apart, on the top's side ("ektp
    hilang": without "hilang" the new-KTP page leads, which says nothing of losing one;
    without "ektp" the lost-KK page, which says nothing of a KTP). A top that one word alone
    put first loses instead to pages saying that word too, or loses without saying it.
    This holds on any site: it compares the site's own pages on the words of the query."""
    if not stability.drops:
        return 1.0
    kept = sum(r.leads or (r.leader is not None and top_says(w) and not leader_says(w, r.leader))
               for w, _, r in stability.drops)
    return kept / len(stability.drops)


def fields(stability: Stability) -> dict[str, float]:
    """The stability signals as ``indexer.answer.Signals`` names them."""
    least = stability.drop_least()
    return {"full_leads": float(stability.full.leads),
            "typed_leads": float(stability.typed.leads), "typed_share": stability.typed.share,
            "drop_least_leads": float(least.leads), "drop_least_share": least.share,
            "drops_led": stability.drops_led(), "drops_kept": stability.drops_kept()}
