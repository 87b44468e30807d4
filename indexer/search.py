"""The search: from what a citizen typed to the one service they need, best first.

Steps, each small and backend-independent so the embedded and OpenSearch backends give the
same answers: analyse the query (normalise, expand synonyms and abbreviations, correct
typos); retrieve keyword and vector candidates; fuse them; prefer services and apps over
news that merely mention a service; collapse near-duplicates (an OPD's page and Mal
Pelayanan Publik's re-listing) into one result; pin best bets; count facets; paginate; make
highlighted snippets and the answer card for a top service.
"""

from __future__ import annotations

import copy
import functools
import itertools
import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from indexer import stability
from indexer.analysis import Analyzer, QueryAnalysis, QueryTerm, Vocabulary
from indexer.analysis.text import words_of
from indexer.answer import (
    CARD_KINDS,
    CardWeights,
    QueryWords,
    Signals,
    decide,
    is_junk,
    lead_by_coverage,
    margin,
    needs_stability,
    needs_typed,
    spelled_title_tokens,
    swap_lead,
)
from indexer.backend import (
    DocMeta,
    Filters,
    Hit,
    IndexBackend,
    IndexedDoc,
)
from indexer.bestbets import BestBetStore
from indexer.cards import lead
from indexer.channels import (
    GENERAL,
    LABOUR_DISPUTE,
    is_channel,
    lead_by_channel,
    tells_conduct,
    withholds_right,
)
from indexer.coverage import coverage_factor, keyword_coverage, said_tokens, weakness
from indexer.desks import (
    DESK_WORDS,
    disputes_named,
    is_desk,
    lead_by_desk,
    names_app,
    reads_as_service,
    tells_trouble,
)
from indexer.embedding import Embedder, load_embedder
from indexer.external import ExternalServices
from indexer.familiarity import (
    Familiarity,
    adaptive_weight,
    familiarity,
    function_words,
    sentence_weight,
)
from indexer.feedback import feedback_terms
from indexer.files import (
    DOCUMENTS_PAGE,
    download_pages,
    download_tokens,
    file_cues,
    file_lead,
)
from indexer.fusion import Fused, fuse_linear, fuse_rrf
from indexer.neighbours import FILE_NAME as NEIGHBOURS_FILE
from indexer.neighbours import NeighbourTable, add_neighbours
from indexer.places import Directory, Place, contact_page, place_words
from indexer.registry import open_backend
from indexer.siblings import common_tokens, keyword_alone, lead_by_sibling
from indexer.snippets import make_snippet
from sikoja.config import RankingConfig, Settings
from sikoja.results import (
    AnswerCard,
    Explain,
    QueryInfo,
    Result,
    SearchResponse,
    ServiceCopy,
)
from sikoja.schemes import is_web_url
from sikoja.urls import doc_id, portless

_NAMED_KINDS = ("page", "app")  # kinds whose title is a name (see Searcher._boosts)
# Words asking for an office's services as a list, and the words a listing's title says
LISTING_CUES = frozenset({"layanan", "pelayanan", "services"})
LISTING_TITLE = frozenset({"layanan", "pelayanan", "daftar", "jenis", "publik", "kami"})
# A level typed before a place, and the level of the office it names (Searcher._listing_asked)
LISTING_LEVELS = {"kelurahan": "kelurahan", "kel": "kelurahan", "lurah": "kelurahan",
                  "kecamatan": "kecamatan", "kec": "kecamatan", "camat": "kecamatan"}
ALSO_AT = 5  # the card names at most this many other offices publishing its service
COPY_WINDOW = 20  # ... found among this many first results (and the top's own group)
DOWNLOAD_CANDIDATES = 50  # pages saying a download word read for indexer/files.py
GENERIC_TITLES = 5  # a title left with one word this many services' titles write: no copy

# Words that say which kind the citizen wants ("download sikesal", "berita banjir"): the
# named kind then gets the service's prior and services step back a little.
KIND_INTENT = {
    "app": {"aplikasi", "app", "apps", "apk", "download", "unduh", "install", "instal",
            "playstore", "android", "ios", "application"},
    "news": {"berita", "kabar", "news", "pengumuman"},
    "document": {"pdf", "dokumen", "formulir", "form", "perda", "perwal", "regulasi"},
}


def _intent(analysis: QueryAnalysis) -> str | None:
    """The kind a query asks for by name, if any (see KIND_INTENT)."""
    words = set(f"{analysis.text} {analysis.normalized}".casefold().split())
    for kind, cues in KIND_INTENT.items():
        if words & cues:
            return kind
    return None


def _one_blas_thread() -> None:
    """One BLAS thread per search: concurrency comes from parallel requests, and on a small
    machine a two-thread matrix-vector product is 5x slower than one (thread wake-ups)."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1, user_api="blas")
    except Exception:  # noqa: BLE001 - a missing optional tool only costs speed
        pass


class Searcher:
    def __init__(
        self,
        settings: Settings,
        synonyms: Any = None,
        *,
        backend: IndexBackend | None = None,
        embedder: Embedder | None | bool = True,
        ranking: RankingConfig | None = None,
        analyzer: Analyzer | None = None,
    ) -> None:
        self.settings = settings
        _one_blas_thread()
        self.backend = backend or open_backend(settings)
        if synonyms is None:
            from synonyms import SynonymStore

            synonyms = SynonymStore(settings.data_dir)
        self.analyzer = analyzer or Analyzer(synonyms=synonyms)
        self._embedder_spec = embedder
        self._embedder: Embedder | None = None
        self._embedder_loaded = False
        self._embed_lock = threading.Lock()
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.ranking = ranking or settings.ranking
        self.bestbets = BestBetStore(settings.data_dir)
        self.external = ExternalServices(settings.data_dir, self.analyzer)
        # snippets analyse every word of a result's text: memoise word -> index tokens
        self._word_tokens = functools.lru_cache(maxsize=200_000)(
            lambda word: tuple(self.analyzer.index_tokens(word)))
        # the sibling rule reads the first results' titles: memoise title -> tokens
        self._title_tokens = functools.lru_cache(maxsize=4096)(
            lambda title: spelled_title_tokens(self.analyzer, title))
        self._directory: tuple[Any, Directory | None] = (None, None)  # per index version
        self._site_titles: tuple[Any, dict[str, str]] = (None, {})  # home id -> title
        self._neighbours_read: tuple[int | None, NeighbourTable | None] = (None, None)
        self._common_tokens: tuple[Any, frozenset[str]] = (None, frozenset())
        # per index version: the desks, the channels, the labour desks (_per_version)
        self._versioned: dict[str, tuple[Any, Any]] = {}
        # _titled: (index version, _office_words, _title_counts, _plain), assigned at once so
        # a thread reading it never sees one version's words beside another's counts
        self._titled_cache: tuple[Any, frozenset[str], dict[str, int], frozenset[str]] = (
            None, frozenset(), {}, frozenset())
        self._titles: tuple[str | None, list[tuple[str, list[str], frozenset[str]]],
                            frozenset[str]] = (None, [], frozenset())

    # -- public -----------------------------------------------------------------------

    def search(
        self,
        q: str,
        limit: int = 10,
        page: int = 1,
        filters: Filters | None = None,
        explain: bool = False,
    ) -> SearchResponse:
        started = time.perf_counter()
        text = self._cut(q)
        limit = max(1, min(int(limit), 100))
        page = max(1, int(page))
        vocabulary = self.backend.vocabulary()
        analysis = self.analyzer.analyze_query(text, vocabulary)
        prior = self._kind_priors(_intent(analysis))
        junk = is_junk(text)  # markup, SQL, lone digits: nothing to find, nothing made up
        # the query's words new to the index and the lexicons: found once, when first asked
        unfamiliar = functools.cache(lambda: familiarity(self.analyzer, analysis, vocabulary))
        near = {} if junk else self._neighbours(analysis, unfamiliar)
        new_words = self._familiarity(unfamiliar)
        vector_weight = self._vector_weight(new_words, analysis)
        words = None if junk else self._query_words(analysis, vocabulary, near)
        read: dict[str, IndexedDoc] = {}  # pages read for keyword coverage, read once
        fed: list[QueryTerm] = []  # words the vector side's titles agree on (feedback.py)
        moved: list[bool] = []  # True: searched by vectors again (semantic.vector_feedback)
        # keyword retrieval by terms, run once per search: the card's stability reading of
        # the whole query (indexer/stability.py) is the retrieval's own
        searched = functools.cache(lambda terms: tuple(
            self.backend.keyword_search(list(terms), self.ranking.candidates, filters)))
        fused, metas, vector_weight = (
            ([], {}, vector_weight) if junk
            else self._retrieve(analysis, filters, prior, vector_weight, searched, words,
                                read, fed, moved))
        directory = None if junk else self._opds()
        said = directory.said(analysis) if directory else frozenset()  # the OPDs it names
        lent = (_PlaceLent(directory.own_places_said(analysis),
                           directory.beyond_where(analysis, words.words), words, self.analyzer)
                if directory is not None and words is not None else None)
        # the offices the query names by its own words: by their name or abbreviation
        # (office_words) or by their place
        offices = directory.office_words(said, analysis) if directory is not None and said else {}
        named = frozenset(offices) | frozenset(lent.places if lent is not None else ())
        ranked = self._rank(fused, metas, prior, words, lent, named)
        # every token the query's terms hold (typed and expanded): the desk rule's topic
        # words and the results' highlights read the same set
        query_tokens = {t for term in analysis.terms for t in term.tokens}
        if words is not None:
            ranked = self._by_coverage(ranked, words, read, offices, lent, metas)
        ranked, pinned = self._pin_best_bets(text, ranked, metas, filters)
        place = None if junk or pinned else self._place(analysis, vocabulary, filters)
        if place is not None:
            ranked = self._first(place.doc.id, ranked, metas)
        # a site named by its own name and nothing else: its home (indexer/homes.py)
        home = (directory.home_asked(analysis, vocabulary)
                if directory is not None and not pinned and place is None else None)
        if home is not None and filters is not None:
            meta = metas.get(home) or self.backend.doc_meta([home]).get(home)
            if meta is not None and filters.allows(meta.opd, meta.kind):
                metas[home] = meta  # read once: _first reads it from here
            else:
                home = None
        if home is not None:
            ranked = self._first(home, ranked, metas, "home")
        listing = (self._listing_asked(analysis, words, lent, named, ranked, metas)
                   if words is not None and self.ranking.use_priors and not pinned
                   and place is None and home is None else None)
        if listing is not None:
            ranked = self._first(listing, ranked, metas, "listing")
        hosts = directory.hosts_said(analysis) if directory else frozenset()  # its apps' sites
        collapsed = _collapse(ranked, metas, self.ranking.copy_weight, said)
        groups = _groups(ranked, metas)[0] if said or hosts else {}  # for the rules below
        if collapsed and words is None:  # junk answered by best bets alone
            words = self._query_words(analysis, vocabulary)
        if (words is not None and collapsed and collapsed[0][0].id not in pinned
                and place is None and home is None):
            titles = [metas[f.id].title for f, _ in collapsed[:2]]
            collapsed = lead_by_coverage(collapsed, titles,
                                         _beyond_place(words, lent, metas, collapsed[:2]),
                                         self.ranking.tie_margin)
            titles = self._sibling_titles(collapsed, metas)
            collapsed = lead_by_sibling(collapsed, titles, self._pages_say(collapsed, titles,
                                                                          words, read),
                                        words, self.ranking.sibling_overlap,
                                        self.ranking.sibling_margin, self._common())
            # a dispute named in any form ("kecurangan", "pemecatan") tells trouble too
            disputes = frozenset(
                t for w in disputes_named(analysis.normalized, self._word_tokens)
                for t in self._word_tokens(w))
            if disputes or tells_trouble(analysis.normalized,
                                         (t.tokens for t in analysis.terms)):
                members = groups or _groups(ranked, metas)[0]
                typed = self.analyzer.words(analysis.normalized)
                collapsed = lead_by_desk(
                    collapsed, metas,
                    lambda f: self._desk_offices(f, members, metas),
                    lambda desk, first: self._desk_serves(desk, first, query_tokens, read),
                    DESK_WINDOW, DESK_MARGIN,
                    lambda office, first: self._desks_naming(office, first, disputes, read,
                                                             filters),
                    # the app's own words: none any page of the first results says in its
                    # title ("tagihan" is the tax office's too), but a desk named after
                    # the app ("Pengaduan SiKesal" says the name of "si kesal")
                    lambda app, first: names_app(
                        analysis.normalized,
                        {t for w in typed for t in self._word_tokens(w)},
                        self._title_tokens(app.title) - self._common(),
                        {t for f, _ in collapsed[:DESK_WINDOW]
                         if (m := metas[f.id]).kind != "app"
                         and not is_desk(m.title, m.kind, m.url)
                         for t in self._title_tokens(m.title)}),
                    DESK_APP_MARGIN)
            collapsed = _office_lead(collapsed, groups, metas, said, OFFICE_MARGIN,
                                     OFFICE_WINDOW, lent)
            # trouble no office's desk took: the desk it names, wherever it ranked, even
            # past the office named ("petugas capil minta uang pelicin")
            collapsed = lead_by_channel(
                collapsed, metas,
                self._named_desks(analysis.normalized, query_tokens, read, filters),
                lambda desk: self._desk_serves(desk, None, query_tokens, read))
        collapsed = _named_leads(collapsed, groups, metas, said, hosts)
        if (words is not None and collapsed and collapsed[0][0].id not in pinned
                and place is None and home is None):
            # a file asked for by its format or a download word (indexer/files.py)
            typed = self.analyzer.words(analysis.normalized)
            collapsed = file_lead(collapsed, metas, words, typed, self._site_title,
                                  self._opd_tokens, self._title_tokens,
                                  self._download_pages(collapsed, metas, typed, filters))
        facets = {
            "opd": dict(Counter(metas[f.id].opd for f, _ in collapsed).most_common()),
            "kind": dict(Counter(metas[f.id].kind for f, _ in collapsed).most_common()),
        }
        window = collapsed[(page - 1) * limit : page * limit]
        docs = {f.id: read[f.id] for f, _ in window if f.id in read}
        docs.update(self.backend.get([f.id for f, _ in window if f.id not in read]))
        window = [(f, also) for f, also in window if f.id in docs]
        results = [self._result(f, docs[f.id], also, query_tokens, f.id in pinned,
                                self._explain(f, metas, prior) if explain else None)
                   for f, also in window]
        external = None if junk else self.external.match(analysis)
        answer, signals = None, None
        if page == 1 and results and place is not None and results[0].id == place.doc.id:
            answer = _contact_card(place)
        elif (page == 1 and results and words is not None and _card_kind(results[0])
              and window[0][0].pinned != "listing"):
            # (a page pinned as the office's list of services, stored as a service or not,
            # gets no card: the citizen asked for the list, and the pin's score is no lead)
            settled = self._card_settled(results[0], external, words, said)
            weights = self._card_weights(filters)
            # a best bet or an external note settles the card: its signals only for explain
            if settled is None or explain:
                signals = self._signals(window[0][0], collapsed, words, metas, docs, explain,
                                        said, hosts, frozenset(lent.places) if lent else None,
                                        directory.hosts_said(analysis, typed=True)
                                        if directory else frozenset())

            # the readings cost a keyword search each: read only where they change the card
            def drops() -> dict[str, float]:
                return self._stability(analysis, vocabulary, searched, docs[window[0][0].id],
                                       metas[window[0][0].id], words, explain,
                                       {**read, **docs})
            if explain:
                signals = replace(signals, **drops())
            elif settled is None and needs_stability(signals, weights):
                signals = self._readings(signals, weights, drops, lambda: self._typed_leads(
                    analysis, searched, metas[window[0][0].id]))
            # a query saying only where (a place: "sungai putri", "pasar jambi")
            # asks for no service: its results stand, without a card
            asks = lent is None or bool(lent.rest)  # (beyond_where, read once above)
            if settled if settled is not None else asks and decide(signals, weights):
                answer = _answer_card(docs[window[0][0].id])
                if answer is not None:
                    answer.also_at = self._copies(window[0][0], collapsed, metas, docs,
                                                  said, hosts, answer.opd)
        return SearchResponse(
            query=q,
            results=results,
            total=len(collapsed),
            page=page,
            limit=limit,
            did_you_mean=analysis.did_you_mean,
            answer=answer,
            external=external[0].as_note() if external else None,
            facets=facets,
            analysis=QueryInfo(
                normalized=analysis.normalized,
                lang=analysis.lang,
                expansions=[" ".join(t.tokens) for t in [*analysis.terms, *fed]
                            if t.origin != "query"],
                card=signals.as_dict() if explain and signals else None,
                vector_weight=vector_weight if explain else None,
                vector_fed=bool(moved) if explain else None,
                unfamiliar=new_words.unknown if explain and new_words is not None else None,
            ),
            took_ms=round((time.perf_counter() - started) * 1000, 2),
        )

    def analyze(self, q: str) -> QueryAnalysis:
        return self.analyzer.analyze_query(self._cut(q), self.backend.vocabulary())

    def _cut(self, q: str | None) -> str:
        """Text past ``api.max_query_length`` is cut here, never an error: the API and the
        CLI refuse such a query before it reaches the searcher, with one sentence."""
        return (q or "")[: self.settings.api.max_query_length]

    def get_document(self, id_: str) -> Result | None:
        doc = self.backend.get([id_]).get(id_)
        if doc is None:
            return None
        return Result(url=doc.url, title=doc.title, opd=doc.opd, kind=doc.kind,
                      snippet=make_snippet(doc.text, set(), self._word_tokens),
                      score=0.0, id=doc.id, source=doc.source, fields=doc.fields)

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Service and app names for what was typed so far, as search would read it.

        The last word is a prefix of any word of a name ("kelah" finds "Penerbitan Akta
        Kelahiran"), also in its normalised form ("akte" -> akta). Earlier words are
        complete: read through the analyser (colloquial forms, stemming, abbreviations: "kk"
        -> kartu keluarga) and each must be in the name, unless no name has it at all
        ("urus", "bikin", "cara" narrow nothing). One entry per near-duplicate group, as
        search shows one result for the group; names starting with the typed word first.
        """
        words = prefix.casefold().split()
        if not words:
            return []
        *complete, partial = words
        needs = [alts for alts in (self._word_alternatives(w) for w in complete) if alts]
        partials = {partial, *self.analyzer.normalizer.words(partial)}
        entries, known = self._title_data()
        needs = [alts for alts in needs if any(set(a) <= known for a in alts)]
        hits: list[tuple[int, int, str]] = []
        for order, (title, title_words, tokens) in enumerate(entries):
            if not all(any(set(a) <= tokens for a in alts) for alts in needs):
                continue
            starts = [i for i, w in enumerate(title_words)
                      if any(w.startswith(p) for p in partials)]
            if not starts and not any(t.startswith(p) for t in tokens for p in partials
                                      if len(p) >= 3):
                continue
            hits.append((min(starts, default=9), order, title))
        hits.sort()
        return [title for _, _, title in hits[:limit]]

    def _word_alternatives(self, word: str) -> list[tuple[str, ...]]:
        """The analysed forms a complete query word may take in a name: its own tokens, and
        the expansions of an abbreviation ("kk" -> kartu keluarga); [] for a stopword."""
        tokens = tuple(self.analyzer.index_tokens(word))
        if not tokens:
            return []
        alternatives = [tokens]
        for key in {tuple(self.analyzer.normalizer.words(word)), (word,)}:
            for _readable, expansion in self.analyzer._expansions.abbreviations.get(key, ()):
                alternatives.append(tuple(expansion))
        return alternatives

    def info(self) -> dict[str, Any]:
        return self.backend.info()

    def refresh(self) -> bool:
        return self.backend.refresh()

    def warm_up(self) -> None:
        """Load the embedder and the language detector before the first citizen waits."""
        warm = getattr(self.analyzer, "warm_up", None)
        if warm is not None:
            warm()
        self.search("urus ktp", limit=1)
        self.search("how to get id card", limit=1)

    def close(self) -> None:
        self.backend.close()
        self.bestbets.close()

    # -- steps ------------------------------------------------------------------------

    def embedder(self) -> Embedder | None:
        if not self._embedder_loaded:
            with self._embed_lock:
                if not self._embedder_loaded:
                    spec = self._embedder_spec
                    if spec is True:
                        meta_embedder = self.backend.info().get("embedder")
                        self._embedder = load_embedder(meta_embedder or self.settings.embedder)
                    elif spec is False or spec is None:
                        self._embedder = None
                    else:
                        self._embedder = spec
                    self._embedder_loaded = True
        return self._embedder

    def _analysis_vector(self, analysis: QueryAnalysis) -> np.ndarray | None:
        """The query's vector (``semantic.query``): of the analysed text with its expansions,
        or the normalised sum of that and the query as typed, whose own words the analysis
        may have replaced (a glossary translation) or could not read."""
        vector = self._query_vector(analysis.embedding_text)
        typed = analysis.text.strip()
        if (vector is None or self.settings.semantic.query != "typed+analysed"
                or typed == analysis.embedding_text):
            return vector
        other = self._query_vector(typed)
        if other is None:
            return vector
        both = vector + other
        norm = float(np.linalg.norm(both))
        return both / norm if norm > 0 else vector

    def _query_vector(self, text: str) -> np.ndarray | None:
        embedder = self.embedder()
        if embedder is None or not text.strip():
            return None
        with self._cache_lock:  # the API searches from several threads
            cached = self._query_vectors.get(text)
            if cached is not None:
                self._query_vectors.move_to_end(text)
                return cached
        vector = embedder.embed_query(text)
        with self._cache_lock:
            self._query_vectors[text] = vector
            if len(self._query_vectors) > 4096:
                self._query_vectors.popitem(last=False)
        return vector

    def _familiarity(self, unfamiliar: Callable[[], Familiarity]) -> Familiarity | None:
        """The query's words new to the index and the lexicons, when the weight adapts."""
        if self.settings.semantic.weight != "adaptive" or not self.ranking.use_vector:
            return None
        return unfamiliar()

    def _vector_weight(self, new_words: Familiarity | None, analysis: QueryAnalysis) -> float:
        """The fusion's vector weight for this query (``Settings.semantic``; see
        indexer/familiarity.py): the ranking's base, raised for a query that reads as a
        sentence and by the share of new words."""
        semantic = self.settings.semantic
        base = self.ranking.vector_weight
        if semantic.sentence_weight > 0 and self.ranking.use_vector:
            base = sentence_weight(base, semantic.max_vector_weight,
                                   function_words(self.analyzer, analysis),
                                   semantic.sentence_words, semantic.sentence_weight)
        if new_words is None:
            return base
        return adaptive_weight(base, semantic.max_vector_weight, new_words.share)

    def _reads_coverage(self) -> bool:
        """Whether the vector weight follows the keyword side's coverage of the query
        (``semantic.weight: coverage``; both retrievers fused here)."""
        cfg = self.ranking
        return (self.settings.semantic.weight == "coverage" and cfg.use_keyword
                and cfg.use_vector and cfg.fusion != "server")

    def _weakness(self, keyword: list[Hit], words: QueryWords,
                  read: dict[str, IndexedDoc]) -> float:
        """How weakly the keyword side's best pages match the query (indexer/coverage.py);
        the pages read go into ``read``, for the results to reuse."""
        semantic = self.settings.semantic
        top = [h.id for h in keyword[:semantic.coverage_results]]
        docs = self.backend.get(top)
        read.update(docs)
        said = [self._said(docs[i]) for i in top if i in docs]
        return weakness(keyword_coverage(words, said), semantic.full_coverage)

    def _said(self, doc: IndexedDoc) -> frozenset[str]:
        """Every index token of a page (:func:`indexer.coverage.said_tokens`: what the answer
        card and keyword coverage read), as the build stored it. A page of an index built
        before it was stored (embedded layout 7 opens it) is analysed here, unmemoised: the
        next ``sikoja index`` re-analyses every such page (its key lacks ``+said``) and
        stores it."""
        if doc.said is not None:
            return doc.said
        return said_tokens(self.analyzer, doc.title, doc.text, doc.fields)

    def _retrieve(self, analysis: QueryAnalysis, filters: Filters | None,
                  prior: dict[str, float], vector_weight: float,
                  searched: Callable[[tuple[QueryTerm, ...]], Sequence[Hit]],
                  words: QueryWords | None = None, read: dict[str, IndexedDoc] | None = None,
                  fed: list[QueryTerm] | None = None, moved: list[bool] | None = None,
                  ) -> tuple[list[Fused], dict[str, DocMeta], float]:
        """Fused candidates, their metadata and the vector weight fused at (raised for a
        weakly matched query, ``semantic.weight: coverage``). With ``words``, the keyword
        hits are first scaled by the share of the query each page says (the keyword side of
        ``ranking.coverage_weight``: fusion reads ranks, so a page that says the query's rare
        words moves up among the keyword hits, not just by a factor after fusion; the pages
        read go into ``read``). The signal share of the priors moves each
        retriever's own scores before fusion, so it reorders what that retriever found nearly
        equal and cannot overturn a clear keyword winner (rank fusion keeps no margins: BM25
        9.3 against 0.3 is rank 1 against rank 3, which a 0.8 prior on the fused score
        undoes). A weakly matched query is searched by keywords once more with the words
        the vector ranking's first titles agree on (indexer/feedback.py), which go into
        ``fed``, and by vectors once more from its first results' vectors
        (:meth:`_fed_vector`; True goes into ``moved`` when it was). ``searched`` runs
        keyword retrieval on a tuple of terms (the search's memo, which the card's stability
        readings share)."""
        if not analysis.terms:
            return [], {}, vector_weight
        fed = [] if fed is None else fed
        cfg = self.ranking
        if cfg.fusion == "server" and cfg.use_keyword and cfg.use_vector:
            hybrid = self._server_hybrid(analysis, filters, vector_weight)
            if hybrid is not None:
                return hybrid, self.backend.doc_meta([f.id for f in hybrid]), vector_weight
        read = {} if read is None else read
        keyword = list(searched(tuple(analysis.terms))) if cfg.use_keyword else []
        if words is not None:
            keyword = self._covered_hits(keyword, words, read)
        qv = self._analysis_vector(analysis) if cfg.use_vector else None
        vector = self.backend.vector_search(qv, cfg.candidates, filters) if qv is not None else []
        floor, weak = cfg.vector_only_min, 0.0
        if qv is not None and words is not None and self._reads_coverage():
            weak = self._weakness(keyword, words, read)
            vector_weight = adaptive_weight(
                vector_weight, self.settings.semantic.max_vector_weight, weak)
            floor *= 1.0 - weak
            added = self._feedback(analysis, vector, weak)
            if added:
                fed.extend(added)
                keyword = self._covered_hits(
                    list(searched((*analysis.terms, *added))), words, read)
        fused, metas = self._fuse(keyword, vector, qv, floor, prior, vector_weight)
        fed_qv = self._fed_vector(qv, weak, fused, keyword, vector, metas)
        if fed_qv is not None:  # searched by vectors once more, from what the first found
            vector = self.backend.vector_search(fed_qv, cfg.candidates, filters)
            fused, metas = self._fuse(keyword, vector, fed_qv, floor, prior, vector_weight)
            if moved is not None:
                moved.append(True)
        return fused, metas, vector_weight

    def _fuse(self, keyword: list[Hit], vector: list[Hit], qv: np.ndarray | None,
              floor: float, prior: dict[str, float], vector_weight: float,
              ) -> tuple[list[Fused], dict[str, DocMeta]]:
        """The keyword and vector hits fused (vector-only hits below ``floor`` left out,
        the keyword hits the vector side did not return ranked after it by their cosine to
        ``qv``), with the candidates' metadata."""
        cfg = self.ranking
        past: list[Hit] = []
        if qv is not None:
            keyword_ids = {h.id for h in keyword}
            vector = [h for h in vector
                      if h.id in keyword_ids or h.score >= floor or not cfg.use_keyword]
            past = self._vector_ranks_past(qv, keyword, vector)
        metas = self.backend.doc_meta(list({h.id: None for h in [*keyword, *vector]}))
        # equal scores by what the pages are (_tie), not by their ids: a rank decides RRF
        keyword, vector, past = (_by_score(hits, metas) for hits in (keyword, vector, past))
        share = cfg.prior_signal_share
        if cfg.use_priors and share > 0:
            keyword = self._prior_hits(keyword, metas, prior, lambda s, b: s * b ** share)
            vector, past = (self._prior_hits(
                hits, metas, prior,
                lambda s, b: s - cfg.vector_prior_scale * (1.0 - b ** share))
                for hits in (vector, past))
        if cfg.fusion in ("rrf", "server"):
            fused = fuse_rrf(keyword, vector, keyword_weight=cfg.keyword_weight,
                             vector_weight=vector_weight, k=cfg.rrf_k,
                             groups={i: _group_key(metas[i], metas) for i in metas},
                             past=past)
        else:
            fused = fuse_linear(keyword, vector, keyword_weight=cfg.keyword_weight,
                                vector_weight=vector_weight, vector_floor=cfg.vector_floor,
                                past=past)
        return _by_score(fused, metas), metas

    def _fed_vector(self, qv: np.ndarray | None, weak: float, fused: list[Fused],
                    keyword: list[Hit], vector: list[Hit], metas: dict[str, DocMeta],
                    ) -> np.ndarray | None:
        """Rocchio on the query vector (``semantic.vector_feedback``): for a query the
        keyword side matches weakly (``weak`` above ``vector_feedback_min_weakness``, as
        the coverage weight reads it), the
        query vector moved towards the mean vector of the first
        ``vector_feedback_results`` near-duplicate groups of the fused or keyword ranking,
        normalised; None for any other query (a query the keywords match costs nothing)."""
        semantic = self.settings.semantic
        beta = semantic.vector_feedback
        if qv is None or beta <= 0 or weak <= max(semantic.vector_feedback_min_weakness, 0.0):
            return None
        source = semantic.vector_feedback_from
        if source == "disagree":
            if not keyword or not vector or keyword[0].id == vector[0].id:
                return None
            ids = [h.id for h in keyword]
        else:
            ids = [h.id for h in {"fused": fused, "keyword": keyword, "vector": vector}[source]]
        top: dict[str, str] = {}  # group -> its first page in the ranking
        for i in ids:
            if i in metas:
                top.setdefault(_group_key(metas[i], metas), i)
                if len(top) == semantic.vector_feedback_results:
                    break
        found = self.backend.doc_vectors(list(top.values()), qv,
                                         best=semantic.vector_feedback_row == "best")
        pages = [i for i in top.values() if i in found]
        if not pages:
            return None
        weights = np.array([1.0 / n if semantic.vector_feedback_by_rank else 1.0
                            for n in range(1, len(pages) + 1)])
        centroid = (weights[:, None] * np.stack([found[i] for i in pages])).sum(0) / weights.sum()
        moved = qv + beta * centroid
        norm = float(np.linalg.norm(moved))
        return (moved / norm).astype(np.float32) if norm > 0 else None

    def _feedback(self, analysis: QueryAnalysis, vector: list[Hit], weak: float
                  ) -> list[QueryTerm]:
        """The words the vector ranking's first titles agree on, as keyword terms, for a
        query at least ``semantic.feedback_min_weakness`` weakly matched; none otherwise
        (a query the keywords match costs nothing)."""
        semantic = self.settings.semantic
        if semantic.feedback_weight <= 0 or weak < semantic.feedback_min_weakness or not vector:
            return []
        vocabulary = self.backend.vocabulary()
        if vocabulary is None:
            return []
        top = [h.id for h in vector[:semantic.feedback_results]]
        metas = self.backend.doc_meta(top)
        groups: dict[str, str] = {}  # one title per near-duplicate group, its first page's
        for i in top:
            if i in metas:
                groups.setdefault(metas[i].group_id or i, metas[i].title)
        titles = list(groups.values())
        documents = int(self.backend.info().get("documents") or 0)
        have = {t for term in analysis.terms for t in term.tokens}
        return feedback_terms(self.analyzer, titles, have, vocabulary.counts, documents,
                              agree=semantic.feedback_agree, min_idf=semantic.feedback_min_idf,
                              weight=semantic.feedback_weight, limit=semantic.feedback_words,
                              exclude=self._office_words())

    def _vector_ranks_past(self, qv: np.ndarray, keyword: list[Hit],
                           vector: list[Hit]) -> list[Hit]:
        """The keyword candidates the vector side did not return, by their cosine (best
        first), to rank after its own (``Fused.vector_past``): every candidate fused has a
        place in both rankings. ``vector_rank`` stays the vector side's own: the rules that
        ask whether both retrievers found a page read it (the tie-break, the sibling rule,
        the card's signals), and "syarat kk" stays on the new-KK page.

        Rank fusion scored "not among the vector side's first ``candidates``" as nothing
        at all, so a page the keywords put first but the vectors ranked 113th fell behind
        one ranked 4th and 1st: "pengurusan akta kelahiran disdukcapil kota jambi" led with
        Disdukcapil's whole standard-of-service PDF, not its birth certificate service.
        Ranked here, after the vector side's own (and, as they are, among the candidates
        only), such a page counts what the candidate pool says of it. Client-side fusion
        only: with ``fusion: server`` the node fuses its own lists. Tuning crawl, hybrid
        MRR@10: BENCHMARKS.md, "Vector ranks for every keyword candidate, session 13"."""
        seen = {h.id for h in vector}
        missing = [h.id for h in keyword if h.id not in seen]
        if not missing:
            return []
        scores = self.backend.vector_scores(qv, missing)
        return sorted((Hit(i, s) for i, s in scores.items()), key=lambda h: (-h.score, h.id))

    def _prior_hits(self, hits: list[Hit], metas: dict[str, DocMeta], prior: dict[str, float],
                    apply: Any) -> list[Hit]:
        """One retriever's hits with each score moved by the candidate's boosts, re-sorted."""
        out = []
        for hit in hits:
            doc = metas.get(hit.id)
            if doc is None:
                continue
            boost = 1.0
            for value in self._boosts(doc, prior).values():
                boost *= value
            out.append(Hit(hit.id, apply(hit.score, boost)))
        return _by_score(out, metas)

    def _server_hybrid(self, analysis: QueryAnalysis, filters: Filters | None,
                       vector_weight: float) -> list[Fused] | None:
        """Fusion on the cluster (OpenSearch hybrid query + search pipeline), when the
        backend can; None means fall back to fusing here."""
        supports = getattr(self.backend, "supports_hybrid", None)
        if supports is None or not supports():
            return None
        qv = self._analysis_vector(analysis)
        if qv is None:
            return None
        cfg = self.ranking
        hits = self.backend.hybrid_search(analysis.terms, qv, cfg.candidates, filters,
                                          weights=(cfg.keyword_weight, vector_weight))
        return [Fused(h.id, h.score) for h in hits]

    def _rank(self, fused: list[Fused], docs: dict[str, DocMeta], prior: dict[str, float],
              words: QueryWords | None = None, lent: _PlaceLent | None = None,
              named: frozenset[str] = frozenset()) -> list[Fused]:
        """The candidates by fused score times the part of each prior left for after fusion,
        each multiplier recorded on the candidate for explain (``lent``, ``named``: as
        :meth:`_boosts` reads them)."""
        ranked = []
        for item in fused:
            doc = docs.get(item.id)
            if doc is None:
                continue
            item.fused_score = item.score
            share = 1.0 - self.ranking.prior_signal_share
            if self.ranking.use_priors and share > 0:
                for name, boost in self._boosts(doc, prior, words, lent, named).items():
                    item.boosts[name] = boost ** share
                    item.score *= item.boosts[name]
            ranked.append(item)
        return _by_score(ranked, docs)

    def _coverage(self, ids: Sequence[str], words: QueryWords, read: dict[str, IndexedDoc],
                  offices: dict[str, frozenset[str]] | None = None,
                  places: _PlaceLent | None = None) -> dict[str, float] | None:
        """The IDF-weighted share of the query that each page of ``ids`` (the callers read
        the first ``ranking.coverage_candidates``) says (indexer/coverage.py), the pages
        read going into ``read``; None when the weight is off or the query has one content
        word (every keyword match says all of it)."""
        cfg = self.ranking
        if cfg.coverage_weight <= 0 or len(words.words) < 2 or not ids:
            return None
        return self._shares(list(ids), words, read, offices, places)

    def _shares(self, ids: Sequence[str], words: QueryWords, read: dict[str, IndexedDoc],
                offices: dict[str, frozenset[str]] | None = None,
                places: _PlaceLent | None = None) -> dict[str, float]:
        """The share of the query each page of ``ids`` says, the pages not yet read going
        into ``read`` (one ``backend.get`` for all of them). ``offices``: the words naming
        each OPD the query names, which every page of that OPD says (its sites' header).
        ``places``: a kelurahan's own place the query names, lent to its pages whose title
        says the rest of the query (:class:`_PlaceLent`)."""
        missing = [i for i in ids if i not in read]
        if missing:
            read.update(self.backend.get(missing))
        offices = offices or {}
        out = {}
        for i in ids:
            doc = read.get(i)
            if doc is None:
                continue
            said = self._said(doc)
            if _section(doc):
                said = said | offices.get(doc.opd, frozenset())
            if places is not None:
                said = said | places.lent(doc)
            out[i] = words.covered(said)
        return out

    def _covered_hits(self, hits: list[Hit], words: QueryWords,
                      read: dict[str, IndexedDoc]) -> list[Hit]:
        """Keyword hits with each score scaled by :func:`coverage_factor`, re-sorted (a hit
        past the first ``coverage_candidates`` as saying none of the query)."""
        said = self._coverage([h.id for h in hits[:self.ranking.coverage_candidates]],
                              words, read)
        if said is None:
            return hits
        weight = self.ranking.coverage_weight
        out = [Hit(h.id, h.score * coverage_factor(said.get(h.id, 0.0), weight)) for h in hits]
        out.sort(key=lambda h: (-h.score, h.id))
        return out

    def _by_coverage(self, ranked: list[Fused], words: QueryWords,
                     read: dict[str, IndexedDoc],
                     offices: dict[str, frozenset[str]] | None = None,
                     places: _PlaceLent | None = None,
                     metas: dict[str, DocMeta] | None = None) -> list[Fused]:
        """``ranked`` with each score scaled by how much of the query the page says, as
        the keyword hits were, recorded as the multiplier "coverage" for explain.

        The pages read are those of the first ``coverage_candidates`` near-duplicate groups
        (by ``metas``), as fusion ranks them and the results show them: counted by page, a
        group's copies (one standard kecamatan text on a dozen sites) filled the window,
        and a page of the seventh group, 31st candidate, was scored as saying none of the
        query, 30% off whatever its page said ("surat keterangan usaha kelurahan kebun
        handil": the kelurahan's own post, first after fusion, shown 7th).

        A page of an office the query names (``offices``: the words naming each) says the
        office's name, wherever its own text does not: its site prints it in the header of
        every page. A one-page site's section, stored as a service of its own, lost the
        header with the rest of the page ("sku kelurahan kenali besar": Kenali Besar's SKU
        section said "sku" and no "kenali besar", its separate SKTM page said "Kantor Lurah
        Kenali Besar" and led). Only such sections (``<page>#<anchor>`` split from one page),
        whose page's header it was: the office's pages of their own (an ODS page, a news
        post) keep their own words."""
        n = self.ranking.coverage_candidates
        ids = ([f.id for f in ranked[:n]] if metas is None
               else _first_groups(ranked, metas, n))
        said = self._coverage(ids, words, read, offices, places)
        if said is None:
            return ranked
        weight = self.ranking.coverage_weight
        for item in ranked:
            item.rescore("coverage", item.score * coverage_factor(said.get(item.id, 0.0), weight))
        ranked.sort(key=lambda f: -f.score)  # stable: equal scores in _rank's order (_tie)
        return ranked

    def _kind_priors(self, intent: str | None) -> dict[str, float]:
        prior = dict(self.ranking.kind_prior)
        if intent is not None:
            prior[intent] = max(prior.values())
            prior["service"] = prior["service"] * self.ranking.intent_service_factor
        return prior

    def _boosts(self, doc: DocMeta, prior: dict[str, float],
                words: QueryWords | None = None, lent: _PlaceLent | None = None,
                named: frozenset[str] = frozenset()) -> dict[str, float]:
        """The multipliers ranking applies to one candidate (and explain reports). A page
        the query names whole ("sipadu dukcapil" for the app's home "SIPADU Dukcapil") is
        what the citizen asked for: no prior holds it back after fusion (inside each
        retriever, where ``words`` is not known, they still act). Pages and apps have names;
        a news headline is a sentence a question may echo ("bayar pbb bisa pakai qris").

        A page of an office the query names by its own words (``named``: its name, its
        abbreviation or its place) whose title says every other word of the query
        (:meth:`_title_says`) is the office's page on what was typed, whatever kind
        extraction gave it: its priors reorder near-ties only (none below 1 -
        ``ranking.named_title_margin``). A kelurahan's blog posts its services as dated
        posts, read as news; "surat keterangan usaha kelurahan kebun handil" put the kelurahan's SKU
        post, first after fusion and in plain BM25, below its SKTM page and two other
        kelurahan's SKU pages (issue #11 item 4). A news headline echoing a question to no
        office named keeps its whole prior."""
        if words is not None and doc.kind in _NAMED_KINDS and words.names(doc.title):
            return {}
        cfg = self.ranking
        boosts = {"kind_prior": bounded_prior(
            kind_boost(prior.get(doc.kind, cfg.other_kind_prior), doc.confidence,
                       cfg.unsure_prior), cfg.prior_margin)}
        if doc.listing:
            boosts["listing_prior"] = self.ranking.listing_prior
        if words is not None and doc.opd in named and self._title_says(doc, words, lent):
            boosts = {k: max(v, 1.0 - cfg.named_title_margin) for k, v in boosts.items()}
        return boosts

    def _listing_asked(self, analysis: QueryAnalysis, words: QueryWords,
                       lent: _PlaceLent | None, named: frozenset[str],
                       ranked: list[Fused], metas: dict[str, DocMeta]) -> str | None:
        """The services listing of an office the query names, when the query asks for its
        services and nothing else ("daftar layanan dinas pemadam kebakaran", "layanan
        kelurahan kenali asam"): a listing cue (LISTING_CUES) and the office's name or place,
        no other content word. The first retrieved page of a named office whose title says
        only what a listing says ("Layanan", "Jenis Layanan", "Daftar Layanan"); None when
        none was retrieved. Its service pages, which say the office's words as often, led
        it; plain BM25 ranked it third. A rule of the ranking's priors: off with them (the
        listing prior is what it sets aside)."""
        typed = set(self.analyzer.words(analysis.normalized))
        # a level typed ("kecamatan telanaipura") names that level's office, not the
        # kelurahan of the same place; the pin is for one office named, never a choice
        levels = {LISTING_LEVELS[w] for w in words_of(analysis.normalized)
                  if w in LISTING_LEVELS}
        if levels:
            named = frozenset(n for n in named if words_of(n)[:1] and words_of(n)[0] in levels)
        if not typed & LISTING_CUES or len(named) != 1:
            return None
        # every other word typed is a word of a named office's name as its name writes it
        # ("dinas pemadam kebakaran", not the service "pemadaman kebakaran") or its
        # abbreviation ("dlh")
        directory = self._opds()
        written = {w for o in directory.opds if o.name in named for w in words_of(o.name)}
        short = frozenset().union(*(directory.abbreviations.get(n, frozenset()) for n in named))
        rest = lent.rest if lent is not None else words.words
        if any(w not in written and not set(self._word_tokens(w)) <= short for w in rest):
            return None
        listing = {t for w in LISTING_TITLE for t in self._word_tokens(w)}
        cues = {t for w in LISTING_CUES for t in self._word_tokens(w)}
        for item in ranked:
            meta = metas[item.id]
            # the title says a listing cue: "Daftar" (sign up), "Kami", "Publik" alone
            # are no services listing
            if meta.opd in named and _lists(set(self._word_tokens(meta.title)), listing, cues):
                return _first_of_listing(item.id, ranked, metas, named, listing, cues,
                                         self._word_tokens)
        return None

    def _title_says(self, doc: DocMeta, words: QueryWords, lent: _PlaceLent | None) -> bool:
        """Whether ``doc``'s title (its acronyms spelled out) says every content word of
        the query, by any reading and a phrase's words only with it, but those saying the
        place of ``doc``'s office the query names (``lent``): "Pengantar SKCK dari
        Kelurahan" says "pengantar skck kelurahan kebun handil" at Kebun Handil."""
        asked = lent.rest if lent is not None and doc.opd in lent.places else words.words
        title = self._title_tokens(doc.title)
        return bool(asked) and all(words.says(w, title, whole=True) for w in asked)

    def _place(self, analysis: QueryAnalysis, vocabulary: Vocabulary | None,
               filters: Filters | None) -> Place | None:
        """The OPD and contact page a "where/when/what number" question asks for
        (indexer/places.py), or None for any other query."""
        cue, rest = place_words(self.analyzer, analysis)
        if not cue:
            return None
        opd = self._opds().named(analysis, rest, vocabulary)
        return contact_page(self.backend, self.analyzer, opd, filters) if opd else None

    def _opds(self) -> Directory:
        """The OPDs of the current index version and the words that name them."""
        version = self.backend.info().get("version")
        if self._directory[0] != version or self._directory[1] is None:
            self._directory = (version, Directory(self.analyzer, self.backend))
        return self._directory[1]

    def _download_pages(self, collapsed: list[tuple[Fused, list[str]]],
                        metas: dict[str, DocMeta], typed: list[str],
                        filters: Filters | None) -> list[DocMeta]:
        """The download pages of the first results' sites, for a query saying a download
        word (indexer/files.py, download_pages), their metas added to ``metas``: pages
        titled with any download word, whichever the query says."""
        if not collapsed or not file_cues(typed)[1]:
            return []
        cues = download_tokens(self.analyzer)
        terms = [QueryTerm((t,), 1.0, "query") for t in sorted(cues)]
        terms.append(QueryTerm((DOCUMENTS_PAGE,), 1.0, "query"))
        ids = [h.id for h in self.backend.keyword_search(terms, DOWNLOAD_CANDIDATES, filters)]
        found = {**self.backend.doc_meta([i for i in ids if i not in metas]),
                 **{i: metas[i] for i in ids if i in metas}}
        pages = download_pages(collapsed, metas, [found[i] for i in ids if i in found],
                               self._title_tokens, cues)
        metas.update((m.id, m) for m in pages)
        return pages

    def _site_title(self, meta: DocMeta) -> str:
        """The title of the home page of ``meta``'s site (its host's root), "" if none."""
        parts = urlsplit(meta.url)
        home = doc_id(f"{parts.scheme}://{parts.netloc}/")
        version = self.backend.info().get("version")
        if self._site_titles[0] != version:
            self._site_titles = (version, {})  # a new index may have new homes
        known = self._site_titles[1]
        if home not in known:
            found = self.backend.doc_meta([home]).get(home)
            known[home] = found.title if found is not None else ""
        return known[home]

    def _opd_tokens(self, opd: str) -> set[str]:
        """The index tokens of an OPD's name."""
        return set(self._word_tokens(opd))

    def _first(self, id_: str, ranked: list[Fused], docs: dict[str, DocMeta],
               why: str = "place") -> list[Fused]:
        """``ranked`` with document ``id_`` first, retrieved or not (``why``: the rule that
        put it there, for explain)."""
        if id_ not in docs:
            docs.update(self.backend.doc_meta([id_]))
        top = max((f.score for f in ranked), default=1.0)
        found = next((f for f in ranked if f.id == id_), None)
        lead = Fused(id_, top + 1.0, pinned=why) if found is None else Fused(
            id_, top + 1.0, found.keyword_score, found.keyword_rank, found.vector_score,
            found.vector_rank, found.fused_score, dict(found.boosts), pinned=why,
            vector_past=found.vector_past)
        return [lead, *(f for f in ranked if f.id != id_)]

    def _pin_best_bets(self, text: str, ranked: list[Fused], docs: dict[str, DocMeta],
                       filters: Filters | None) -> tuple[list[Fused], set[str]]:
        urls = self.bestbets.match(text)
        if not urls:
            return ranked, set()
        pinned_ids = [doc_id(u) for u in urls]
        missing = [i for i in pinned_ids if i not in docs]
        docs.update(self.backend.doc_meta(missing))
        top = max((f.score for f in ranked), default=1.0)
        pinned = []
        for n, i in enumerate(pinned_ids):
            doc = docs.get(i)
            if doc is None or (filters and not filters.allows(doc.opd, doc.kind)):
                continue
            pinned.append(Fused(i, top + len(pinned_ids) - n, pinned="best_bet"))
        pinned_set = {f.id for f in pinned}
        return pinned + [f for f in ranked if f.id not in pinned_set], pinned_set

    def _explain(self, item: Fused, metas: dict[str, DocMeta],
                 prior: dict[str, float]) -> Explain:
        """How a result got its score, from what ranking recorded on it: ``score ==
        fused_score x the product of boosts`` unless it was pinned first. ``priors`` are the
        whole priors; ``prior_signal_share`` of each acted inside the retrievers, before
        fusion (in keyword_score and vector_score), and the rest is in ``boosts``."""
        source = metas.get(item.score_from) if item.score_from else None
        priors = (self._boosts(metas[item.id], prior)
                  if self.ranking.use_priors and item.id in metas else {})
        return Explain(
            keyword_score=item.keyword_score, keyword_rank=item.keyword_rank,
            vector_score=item.vector_score, vector_rank=item.vector_rank,
            vector_rank_past=item.vector_past,
            fused_score=item.fused_score if item.fused_score is not None else 0.0,
            boosts=dict(item.boosts), priors=priors,
            score_from=source.url if source is not None else None, pinned=item.pinned,
        )

    def _result(self, item: Fused, doc: IndexedDoc, also: list[str], query_tokens: set[str],
                best_bet: bool, explain: Explain | None = None) -> Result:
        return Result(
            url=doc.url,
            title=doc.title,
            opd=doc.opd,
            kind=doc.kind,
            snippet=make_snippet(doc.text, query_tokens, self._word_tokens),
            score=round(item.score, 6),
            id=doc.id,
            source=doc.source,
            also_at=also,
            best_bet=best_bet,
            fields=doc.fields,
            explain=explain,
        )

    def _query_words(self, analysis: QueryAnalysis, vocabulary: Vocabulary | None,
                     near: dict[str, list[tuple[str, ...]]] | None = None) -> QueryWords:
        """The query's content words; a word's embedder neighbours (``near``) are readings
        of it, so a page that says them says the word."""
        documents = int(self.backend.info().get("documents") or 0)
        words = QueryWords(self.analyzer, analysis, vocabulary, documents)
        for word, readings in (near or {}).items():
            if word in words.readings:
                words.readings[word].extend(readings)
        return words

    def _neighbours(self, analysis: QueryAnalysis, unfamiliar: Callable[[], Familiarity]
                    ) -> dict[str, list[tuple[str, ...]]]:
        """Add the index's title words near the query's unlisted English words to its terms
        (indexer/neighbours.py); each such word's readings added."""
        semantic = self.settings.semantic
        if (semantic.neighbours <= 0 or not analysis.terms or not self.ranking.use_vector
                or self.embedder() is None):
            return {}
        table = self._neighbour_table()
        if table is None:
            return {}
        return add_neighbours(self.analyzer, analysis, unfamiliar().unknown, table,
                              self._query_vector, k=semantic.neighbours,
                              floor=semantic.neighbour_min, weight=semantic.neighbour_weight)

    def _neighbour_table(self) -> NeighbourTable | None:
        """The table the last index build wrote, read again when a build replaced it; None
        without one or when another embedder made it."""
        path = self.settings.data_dir / NEIGHBOURS_FILE
        try:
            stamp = path.stat().st_mtime_ns
        except OSError:
            return None
        if self._neighbours_read[0] != stamp:
            table = NeighbourTable.load(path)
            embedder = self.embedder()
            if table is not None and (embedder is None or table.embedder != embedder.name):
                table = None
            self._neighbours_read = (stamp, table)
        return self._neighbours_read[1]

    def _signals(self, top: Fused, collapsed: list[tuple[Fused, list[str]]],
                 words: QueryWords, metas: dict[str, DocMeta],
                 docs: dict[str, IndexedDoc], measured: bool = False,
                 said: frozenset[str] = frozenset(),
                 hosts: frozenset[str] = frozenset(),
                 places: frozenset[str] | None = None,
                 typed_hosts: frozenset[str] = frozenset()) -> Signals:
        """The card's signals for ``top``, the first result shown, against its rival: the
        next result that could carry a card itself (a service or an app; a page the catalog
        lists as an app when it is on the page of results shown, ``docs``) and is not a copy
        of the top's service (:meth:`_copy`: the card would be right on either), read when
        it is not there. The first shown is not ``collapsed[0]`` when the index no longer
        had that page to read (a rebuild removed it mid-search). The signals measured but
        not scored (what is said as typed, siblings, shared expansions) only when
        ``measured`` (explain: ``bench/answer_card.py`` reads them there); the gate never
        does. The words of the query that say *where* (of the OPDs it names, ``said``,
        :meth:`_where`) count as said by the top's page; where the query names an office
        or a site (``said``, ``hosts``) the top is not at, every copy stays a rival. Where
        it names a site or the place of a kelurahan or kecamatan (``hosts``, ``places``: the
        offices it names by their place; ``typed_hosts``, the sites of the apps it names by
        a word as typed) the card's office or site is not, the top is ``elsewhere``
        (indexer/answer.py); a place only when a page of its own is among the first
        PLACE_WINDOW results, else the place says where the citizen is, not whose service
        is asked ("lapor jalan rusak di kota baru": the roads office's service)."""
        doc = docs[top.id]
        where = self._where(said)
        after = next(i for i, (f, _) in enumerate(collapsed) if f.id == top.id) + 1
        copy = self._copy(metas[top.id], said, hosts, _card_office(doc))
        # a place is asked for where a page of its own is among the first results: else it
        # says where the citizen is ("lapor jalan rusak di kota baru": the roads office's)
        offered = frozenset(places or ()) & {metas[f.id].opd for f, _ in collapsed[:PLACE_WINDOW]}
        away = _elsewhere(metas[top.id], _card_office(doc), offered, said, typed_hosts)
        rival = next((f for f, _ in collapsed[after:]
                      if _carries_card(metas[f.id], docs.get(f.id))
                      and not copy(metas[f.id], _card_office(docs[f.id])
                                   if f.id in docs else None)), None)
        rival_doc = None
        if rival is not None:
            rival_doc = self._stored(rival, docs)
        title, said = words.title_tokens(doc.title), self._said(doc) | where
        rival_title = words.title_tokens(rival_doc.title) if rival_doc is not None else set()
        rival_said = self._said(rival_doc) if rival_doc is not None else frozenset()
        scored = Signals(
            coverage=words.covered(title, whole=True, where=where),
            text_coverage=words.covered(said, whole=True),
            known=words.known,
            margin=margin([top.score, *([rival.score] if rival is not None else [])]),
            rival_coverage=words.covered(rival_title, whole=True, where=where),
            rival_text_coverage=words.covered(rival_said, whole=True),
            keyword_rank=top.keyword_rank, vector_rank=top.vector_rank,
            one_word=float(len(words.words) == 1), elsewhere=float(away))
        if not measured:
            return scored
        return replace(
            scored,
            typed_coverage=words.covered_as_typed(title),
            typed_text_coverage=words.covered_as_typed(said),
            rarest_said=float(words.rarest_said(said)),
            rival_sibling=float(self._siblings(title, rival_title)),
            rival_same_expansion=float(bool(words.by_expansion(said)
                                            & words.by_expansion(rival_said))))

    def _stability(self, analysis: QueryAnalysis, vocabulary: Vocabulary | None,
                   searched: Callable[[tuple[QueryTerm, ...]], Sequence[Hit]],
                   page: IndexedDoc, top: DocMeta,
                   words: QueryWords, measured: bool,
                   held: dict[str, IndexedDoc] | None = None) -> dict[str, float]:
        """Whether ``top`` still leads keyword retrieval when the query is read otherwise
        (indexer/stability.py), as ``Signals`` fields, each reading's keyword retrieval
        through the search's ``searched`` (the whole query's is the retrieval's own, not run
        again); the reading as typed only when ``measured`` (explain; the gate reads it
        apart, ``_readings``, where it decides the card). The same service at another
        office (only another: at one office a title within another's is another service,
        "Akta Kematian" and "Legalisir Akta Kematian") leading counts as ``top`` leading
        (``_siblings``: "Pembetulan SPPT" on the tax office's site and on its app's).
        ``drops_said`` reads the pages that led the readings ``top`` (its page ``page``)
        lost: those the search already ``held`` (read for coverage or the results; on the
        tuning web 247 of 265), the rest in one ``backend.get`` of at most MAX_DROPS pages.
        The readings are of the analysed query's terms; words fed back from the vector side
        (``semantic.feedback_weight``) are not in them."""
        measured_drops = stability.measure(
            self.analyzer, analysis, words.words, words.weights,
            lambda terms: list(searched(tuple(terms))),
            self.backend.doc_meta, top.group_id or top.id, vocabulary, measured,
            self._same_service(top), self._opds().places_said(analysis))
        held = {} if held is None else held
        leaders = sorted({r.leader for _, _, r in measured_drops.drops if r.leader})
        missing = [i for i in leaders if i not in held]
        pages = {i: held[i] for i in leaders if i in held}
        pages.update(self.backend.get(missing) if missing else {})
        said = {i: self._said(doc) for i, doc in pages.items()}
        top_said = self._said(page)
        return {**stability.fields(measured_drops), "drops_said": stability.drops_said(
            measured_drops, lambda w: words.says(w, top_said),
            lambda w, leader: leader not in said or words.says(w, said[leader]))}

    @staticmethod
    def _readings(signals: Signals, weights: CardWeights,
                  drops: Callable[[], dict[str, float]],
                  typed: Callable[[], float]) -> Signals:
        """``signals`` with the readings the card's decision waits on (``needs_stability``),
        each a keyword search: the single-word drops (``drops``), and the reading as typed
        (``typed``, at most one search) only where it changes the card (``needs_typed``).
        Where only the firm lead can show the card, the typed reading goes first: a top
        that does not lead it gets no card whatever the drops say, and they are not read."""
        led = {"drops_led": 1.0, "drops_said": 1.0}
        if needs_typed(replace(signals, **led), weights):
            signals = replace(signals, typed_leads=typed())
            if not decide(replace(signals, **led), weights):
                return signals
            return replace(signals, **{**drops(), "typed_leads": signals.typed_leads})
        signals = replace(signals, **drops())
        if needs_typed(signals, weights):
            signals = replace(signals, typed_leads=typed())
        return signals

    def _typed_leads(self, analysis: QueryAnalysis,
                     searched: Callable[[tuple[QueryTerm, ...]], Sequence[Hit]],
                     top: DocMeta) -> float:
        """1.0 when ``top`` leads keyword retrieval's services and apps on the words as
        typed (indexer/stability.py measure_typed)."""
        return float(stability.measure_typed(
            analysis, lambda terms: list(searched(tuple(terms))), self.backend.doc_meta,
            top.group_id or top.id, self._same_service(top)).leads)

    def _same_service(self, top: DocMeta) -> Callable[[DocMeta], bool]:
        """Whether another page is ``top``'s service at another office, for the readings."""
        title, plain = self._title_tokens(top.title), self._plain()  # once, not per page
        return lambda other: (other.opd != top.opd and self._siblings(
            title, self._title_tokens(other.title), plain))

    def _copy(self, top: DocMeta, said: frozenset[str], hosts: frozenset[str],
              office: str | None = None) -> Callable[..., bool]:
        """Whether another result is a copy of ``top``'s service, which the card's rival
        skips and ``also_at`` lists: the same service at another office than the card's
        (``office``, the provider an app card shows for a catalog entry; ``top``'s own by
        default), a Mal Pelayanan Publik counter or a kecamatan's post of the dinas's
        service, which a card would answer alike (:meth:`_copy_of`). Where the query names
        an office (``said``) or a site (``hosts``) and ``top`` is not there, nothing is a
        copy: the citizen asked *where*, and a copy there, however far down, is the page
        asked for. The same title on another site of the card's own office (a portal
        subsite) is not skipped: measured, it added cards at 90% right that did not hold
        with template families held out (BENCHMARKS.md, "The card's rival: the same service
        at another office")."""
        office = office or top.opd
        if (said and office not in said) or (hosts and _host(top) not in hosts):
            return lambda other, opd=None: False
        return self._copy_of(top, office)

    def _copy_of(self, top: DocMeta, office: str) -> Callable[..., bool]:
        """Whether another page is ``top``'s service published by another office than
        ``office``: a title with the same words once those on half the index and those
        naming an office or place are set aside (acronyms spelled out alike on both sides),
        a member of ``top``'s near-duplicate group or not: the groups are broad, and a
        kelurahan's "Surat Keterangan Kelahiran" in the group of Disdukcapil's "Penerbitan
        Kutipan Akta Kelahiran" is another service (review 19). One title's words within the
        other's is no evidence: "Legalisir Akta Kematian" at a kecamatan is not
        Disdukcapil's "Akta Kematian", nor "Pinjaman Modal Kelompok" "Pinjaman Modal". A
        title left with one word written on GENERIC_TITLES services' titles or more
        ("Layanan Kesehatan", "Daftar Layanan") names no one service, and has no copy."""
        plain = self._plain()  # read once, not per comparison
        own = self._title_tokens(top.title) - plain
        if len(own) == 1 and self._title_counts().get(next(iter(own)), 0) >= GENERIC_TITLES:
            own = frozenset()

        def copy(other: DocMeta, opd: str | None = None) -> bool:
            """``opd``: the office ``other``'s card shows (:func:`_card_office`), when read."""
            if (opd or other.opd) == office or other.id == top.id:
                return False
            return bool(own) and self._title_tokens(other.title) - plain == own
        return copy

    def _copies(self, top: Fused, collapsed: list[tuple[Fused, list[str]]],
                metas: dict[str, DocMeta], docs: dict[str, IndexedDoc],
                said: frozenset[str], hosts: frozenset[str],
                office: str) -> list[ServiceCopy]:
        """The card's ``also_at``: the copies of ``top``'s service at other offices than the
        card's (``office``; :meth:`_copy`, the ones its rival skips), one per office, at most
        ALSO_AT: first the members of ``top``'s own near-duplicate group (collapsed into it,
        an MPP's or a kelurahan's re-listing), then the results of the first COPY_WINDOW
        that could carry a card of their own (a service or an app), best first. Each is
        named by the office its own card shows (:func:`_card_office`: a catalog entry's
        provider, not the catalog's site), and the pages whose titles pass the rule are read
        when the shown window did not read them, so a page carrying a card through its app
        fields counts whatever ``limit`` was (review 19)."""
        copy = self._copy(metas[top.id], said, hosts, office)
        entry = next(also for f, also in collapsed if f.id == top.id)
        by_url = {m.url: m for m in metas.values()} if entry else {}
        members = [by_url[u] for u in entry if u in by_url]
        window = [metas[f.id] for f, _ in collapsed[:COPY_WINDOW] if f.id != top.id]
        titled = list({m.id: m for m in itertools.chain(members, window)
                       if copy(m)}.values())  # by its site's office: its card's read below
        unread = [m.id for m in titled if m.id not in docs]
        read = {**(self.backend.get(unread) if unread else {}), **docs}
        out: list[ServiceCopy] = []
        offices = {office}
        for m in titled:
            doc = read.get(m.id)
            opd = _card_office(doc) if doc is not None else m.opd
            if opd in offices or not _carries_card(m, doc) or not copy(m, opd):
                continue
            offices.add(opd)
            out.append(ServiceCopy(title=m.title, opd=opd, url=m.url))
            if len(out) == ALSO_AT:
                break
        return out

    def _siblings(self, title: Set[str], rival: Set[str],
                  plain: frozenset[str] | None = None) -> bool:
        """Whether two titles name one service at two offices: their words outside those on
        half the index and those naming an office or place (``plain``, :meth:`_plain`), the
        one's within the other's."""
        plain = self._plain() if plain is None else plain
        own, other = title - plain, rival - plain
        return bool(own and other) and (own <= other or other <= own)

    def _plain(self) -> frozenset[str]:
        """The words that tell no service from another across offices: those on half the
        index (:meth:`_common`) and those naming an office or place (:meth:`_office_words`),
        once per index version."""
        return self._titled()[3]

    def _where(self, named: frozenset[str]) -> frozenset[str]:
        """The office words (:meth:`_office_words`) of the OPDs the query names (``named``,
        ``Directory.said``: a whole alias, an app, a place): the words by which it says
        *where*, which the card's page coverage does not hold against the top. A word of an
        office's name in a query naming no office says no place: "berat badan" (body weight)
        names no "Badan ..." office, and the tax office's objection page, whose title says
        "berat" only through "keberatan", no longer gets "badan" for free (issue #12)."""
        if not named:
            return frozenset()
        tokens = frozenset(t for o in self._opds().opds if o.name in named for t in o.tokens)
        return self._office_words() & tokens

    def _office_words(self) -> frozenset[str]:
        """Tokens that name an office or a place (an OPD's name, alias or source name:
        "talangbanjar", "sipin", "disdukcapil", "puskesmas") and no service's or app's title.
        The card's page coverage does not hold those of an office the query names against
        the top page (:meth:`_where`): "surat domisli bakung jaya" asks for the domicile
        letter *at* Bakung Jaya, and the letter's page need not say where (on the tuning
        web 96 right tops with a clear lead were held back by page coverage, most for a
        place or an office named; BENCHMARKS.md, "The answer card, session 10")."""
        return self._titled()[1]

    def _title_counts(self) -> dict[str, int]:
        """How many services' and apps' titles (a near-duplicate group's own page's) write
        each token, once per index version (:meth:`_copy_of`'s generic titles)."""
        return self._titled()[2]

    def _titled(self) -> tuple[Any, frozenset[str], dict[str, int], frozenset[str]]:
        """:meth:`_title_counts`, and :meth:`_office_words` and :meth:`_plain` kept, once per
        index version."""
        version = self.backend.info().get("version")
        if self._titled_cache[0] != version:
            # the titles results show: a near-duplicate group's own page names it ("Surat
            # Keterangan Domisili", not a kelurahan copy's "... Kelurahan Solok Sipin")
            counts = Counter(t for m in self.backend.all_meta()
                             if m.kind in CARD_KINDS and (m.group_id or m.id) == m.id
                             for t in set(self.analyzer.index_tokens(m.title)))
            office = self._opds().tokens - counts.keys()
            self._titled_cache = (version, office, dict(counts), self._common() | office)
        return self._titled_cache

    def _sibling_titles(self, collapsed: list[tuple[Fused, list[str]]],
                        metas: dict[str, DocMeta]) -> list[frozenset[str] | None]:
        """The spelled title tokens of the first ``sibling_window`` results that are
        services or apps (None for the others), as indexer/siblings.py compares them; and of
        keyword retrieval's first that the vector leg missed, up to twice as far down: the
        pages the vector leg alone lifts ahead of it ("cara daftar smp negeri": a scholarship
        and the SD admission, keyword 7th and 10th) do not hide it from the rule. Same dev
        figures with the plain window (0.953 / 0.969); the sample web puts the SMP page 5th,
        one place inside it."""
        window = self.ranking.sibling_window
        return [self._title_tokens(metas[f.id].title)
                if metas[f.id].kind in CARD_KINDS
                and (place < window or keyword_alone(f)) else None
                for place, (f, _) in enumerate(collapsed[:2 * window])]

    def _pages_say(self, collapsed: list[tuple[Fused, list[str]]],
                   titles: Sequence[frozenset[str] | None], words: QueryWords,
                   read: dict[str, IndexedDoc]) -> list[float]:
        """The share of the query each page of the first results with a title to compare
        says (0.0 for the others), the pages read going into ``read``."""
        first = list(zip(collapsed[:len(titles)], titles, strict=True))
        ids = [f.id for (f, _), t in first if t is not None]
        said = self._shares(ids, words, read) if len(ids) > 1 else {}
        return [said.get(f.id, 0.0) for (f, _), _t in first]

    def _desk_offices(self, top: Fused, members: dict[str, list[Fused]],
                      metas: dict[str, DocMeta]) -> frozenset[str]:
        """The OPDs whose desks may lead ``top`` (indexer/desks.py): its own office; when
        that office has no desk in the index (a kecamatan's copy of PDAM's connection
        page), the offices of the other pages of its near-duplicate group. An app's office
        is the catalog's publisher: none."""
        meta = metas[top.id]
        if meta.kind == "app":
            return frozenset()
        if meta.opd in self._desk_opds():
            return frozenset({meta.opd})
        return frozenset({meta.opd} | {
            metas[m.id].opd for m in members.get(_group_key(meta, metas), [top])
            if metas[m.id].kind != "app"})

    def _desk_opds(self) -> frozenset[str]:
        """The OPDs with a desk among their pages."""
        return frozenset(self._desks())

    def _desks(self) -> dict[str, list[DocMeta]]:
        """Each OPD's desks, once per index version."""
        def build() -> dict[str, list[DocMeta]]:
            desks: dict[str, list[DocMeta]] = {}
            for m in self.backend.all_meta():
                if is_desk(m.title, m.kind, m.url):
                    desks.setdefault(m.opd, []).append(m)
            return desks
        return self._per_version("desks", build)

    def _stored(self, meta: DocMeta, read: dict[str, IndexedDoc]) -> IndexedDoc | None:
        """``meta``'s stored page: from ``read`` (the pages this search has fetched) when it
        is there, else from the backend (None for a page not stored)."""
        return read.get(meta.id) or self.backend.get([meta.id]).get(meta.id)

    def _says_service(self, desk: DocMeta, read: dict[str, IndexedDoc]) -> bool:
        """Whether ``desk``'s stored text says what it serves (no empty form)."""
        doc = self._stored(desk, read)
        return doc is not None and reads_as_service(doc.text)

    def _page_tokens(self, meta: DocMeta, read: dict[str, IndexedDoc]) -> frozenset[str]:
        """The index tokens of a page's title and text (none for a page not stored)."""
        doc = self._stored(meta, read)
        return frozenset(self._word_tokens(meta.title)) | (
            frozenset(self._word_tokens(doc.text)) if doc is not None else frozenset())

    def _desk_serves(self, desk: DocMeta, first: DocMeta | None, typed: set[str],
                     read: dict[str, IndexedDoc]) -> bool:
        """Whether ``desk`` handles the trouble a query tells of ``first``: its text says
        what it serves, and its title names no service (beyond its office's name and the
        words of every desk and many pages: "Pengaduan Layanan") or shares a topic with
        the query's words and their readings (``typed``: "phk" reads as "pemutusan hubungan
        kerja") or ``first``'s title (no ``first``: the query's alone): "Keberatan atas
        Ketetapan PBB-P2" takes a PBB bill's trouble, not a billboard tax's."""
        doc = self._stored(desk, read)
        if doc is None or not reads_as_service(doc.text):
            return False
        # the title's own words, its acronyms not spelled out: "PBB" is a topic, the
        # "pajak" of "pajak bumi dan bangunan" would be any tax's
        topic = set(self._word_tokens(desk.title)) - self._common() - self._desk_tokens()
        if topic <= self._opd_tokens(desk.opd):
            return True
        if first is None:  # the query's words alone
            return bool(topic & typed)
        return bool(topic & (typed | self._title_tokens(first.title)
                             | set(self._word_tokens(first.title))))

    def _desks_naming(self, office: frozenset[str], first: DocMeta, disputes: frozenset[str],
                      read: dict[str, IndexedDoc], filters: Filters | None) -> list[DocMeta]:
        """The desks of ``office`` whose page names a dispute the query names
        (``disputes``, index tokens) that ``first``'s page does not: "di-phk sepihak", the
        mediation desk says PHK. Looked up in the office's pages, wherever they ranked."""
        if not disputes:
            return []
        firsts = self._page_tokens(first, read)
        if not disputes - firsts:
            return []
        return [m for opd in sorted(office) for m in self._desks().get(opd, [])
                if (filters is None or filters.allows(m.opd, m.kind))
                and self._says_service(m, read)
                and disputes & self._page_tokens(m, read) - firsts]

    def _named_desks(self, normalized: str, query_tokens: set[str],
                     read: dict[str, IndexedDoc], filters: Filters | None) -> list[DocMeta]:
        """The desks a query's trouble names (indexer/channels.py), the one whose page
        says most of the query first: for a worker's right withheld, the desks whose page
        names the dispute; for conduct, the desk of an office the query names that takes
        the trouble, else the general complaint channels; else none. The first of them
        ranked leads (channels.lead_by_channel); this order decides only when none was
        retrieved."""
        if withholds_right(normalized, self._word_tokens):
            found = self._labour_desks()
        elif tells_conduct(normalized, self._word_tokens):
            # the desk of an office the query names, when it takes this trouble (any of its
            # office's, or one sharing a topic with the query), instead of the city's channels
            offices = sorted(o.name for o in self._opds().opds if o.unique & query_tokens)
            found = [m for opd in offices for m in self._desks().get(opd, [])
                     if self._desk_serves(m, None, query_tokens, read)
                     and (filters is None or filters.allows(m.opd, m.kind))]
            found = found or self._channels()
        else:
            return []
        found = [m for m in found if filters is None or filters.allows(m.opd, m.kind)]
        # a tie is broken by what the pages say, never by URL or port: the page taking any
        # complaint in so many words ("semua", "pelayanan publik"), then the app before
        # its service page, then the shorter title (fewer office words), then the title
        return sorted(found, key=lambda m: (-len(query_tokens & self._page_tokens(m, read)),
                                            -self._general_says(m, read), m.kind != "app",
                                            len(self._word_tokens(m.title)), m.title.casefold()))

    def _labour_desks(self) -> list[DocMeta]:
        """The desks whose page names the labour dispute and says what it serves, once per
        index version: which desks they are does not hang on the query (read per query, every
        desk's page was fetched and split again)."""
        def build() -> list[DocMeta]:
            named = set(self._word_tokens(LABOUR_DISPUTE))
            read: dict[str, IndexedDoc] = {}
            return [m for desks in self._desks().values() for m in desks
                    if named & self._page_tokens(m, read) and self._says_service(m, read)]
        return self._per_version("labour", build)

    def _general_says(self, desk: DocMeta, read: dict[str, IndexedDoc]) -> int:
        """How many times ``desk``'s text says it takes any complaint (channels.GENERAL)."""
        doc = self._stored(desk, read)
        return len(GENERAL.findall(doc.text)) if doc is not None else 0

    def _channels(self) -> list[DocMeta]:
        """The general complaint channels (indexer/channels.py), once per index version."""
        def build() -> list[DocMeta]:
            metas = [m for m in self.backend.all_meta()
                     if m.kind == "app" or is_desk(m.title, m.kind, m.url)]
            docs = self.backend.get([m.id for m in metas])
            return [m for m in metas if m.id in docs
                    and is_channel(m.title, m.kind, m.url, docs[m.id].text)]
        return self._per_version("channels", build)

    def _per_version(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()``'s value, built once per index version and kept under ``name`` (the
        desks, the channels); assigned at once so a thread never sees a stale pair."""
        version = self.backend.info().get("version")
        known = self._versioned.get(name)
        if known is None or known[0] != version:
            known = (version, build())
            self._versioned[name] = known
        return known[1]

    def _desk_tokens(self) -> frozenset[str]:
        """The index tokens of the words that say a desk, and of the words any office's
        service says of itself (:data:`DESK_GENERIC`)."""
        return frozenset(t for w in DESK_WORDS | DESK_GENERIC for t in self._word_tokens(w))

    def _common(self) -> frozenset[str]:
        """The index tokens on half the index's pages or more ("kota", "jambi", "layan"),
        once per index version: they tell no sibling apart (indexer/siblings.py)."""
        version = self.backend.info().get("version")
        if self._common_tokens[0] != version:
            vocabulary = self.backend.vocabulary()
            counts = vocabulary.counts if vocabulary is not None else {}
            self._common_tokens = (version, common_tokens(
                counts, int(self.backend.info().get("documents") or 0), self.analyzer.index_tokens))
        return self._common_tokens[1]

    def _card_settled(self, top: Result, external: tuple[Any, tuple[str, ...]] | None,
                      words: QueryWords, said: frozenset[str]) -> bool | None:
        """Whether the card is decided before its signals are read: False under an external
        note, True for a best bet, None when the signals decide (``decide``). A best bet is
        the admins' answer; any other top service must clearly win.

        For a service the city does not provide ("bikin skck", "paspor") the answer is the
        note saying who provides it, with its link; no city card, not even the provider's
        counter at the Mal Pelayanan Publik, which a card would present as the city's own
        service. Only a query that asks for that counter by naming the agency hosting it
        ("skck di mpp", "paspor di mal pelayanan publik") gets its card, and only when the
        card is that service itself, never a similar-sounding one."""
        if external is not None and not (set(external[1]) <= words.title_tokens(top.title)
                                          and top.opd in said):
            return False
        return True if top.best_bet else None

    def _card_weights(self, filters: Filters | None) -> CardWeights:
        """The card's weights for a search under ``filters``: no firm lead (indexer/answer.py
        firm) where they narrow its readings to a few agencies' pages (an OPD filter) or to
        no service (apps only). The firm lead is the top leading the site's services and
        apps in every reading of the query; among one small agency's pages any page leads
        trivially ("izin penyelenggaraan tempat parkir dinas perhubungan" within Kecamatan
        Pelayangan: its flood-evacuation post, a title saying a fifth of the query). Session
        16, tuning web, 890 dev queries each under 3 random OPD filters: the firm lead added
        94 cards, 4 right; apps only 16, none right; services only 41, 40 right, and
        services and apps 37, all right (BENCHMARKS.md, "Firm leads under a filter")."""
        weights = CardWeights.of(self.ranking)
        if filters is not None and (filters.opd or (filters.kind
                                                    and "service" not in filters.kind)):
            return replace(weights, firm_lead=False)
        return weights

    def _title_data(self) -> tuple[list[tuple[str, list[str], frozenset[str]]], frozenset[str]]:
        """(title, its normalised words, its analysed tokens) of every service and app, one
        per near-duplicate group (the group's own page names it), and every token in them,
        built together once per index version."""
        titles = self._titles
        version = self.backend.info().get("version")
        if titles[0] != version:
            metas = [m for m in self.backend.all_meta() if m.kind in CARD_KINDS]
            by_group: dict[str, DocMeta] = {}
            for meta in sorted(metas, key=lambda m: (m.id != (m.group_id or m.id), m.title)):
                by_group.setdefault(meta.group_id or meta.id, meta)
            seen: set[str] = set()
            entries = []
            for title in sorted(m.title for m in by_group.values()):
                if title.casefold() in seen:
                    continue
                seen.add(title.casefold())
                words = [*title.casefold().split(), *self.analyzer.normalizer.words(title)]
                entries.append((title, words, frozenset(self.analyzer.index_tokens(title))))
            titles = (version, entries, frozenset().union(*(e[2] for e in entries)))
            self._titles = titles
        return titles[1], titles[2]


def kind_boost(prior: float, confidence: float, unsure: float) -> float:
    """A kind prior weighted by how sure extraction is of the kind: the full prior when it
    is sure, ``unsure`` when it cannot tell. A hard prior would turn "maybe a service" into
    "certainly below a sibling service" (a short page whose details are in a PDF, a service
    on a template the extractor does not know)."""
    return confidence * prior + (1.0 - confidence) * unsure


def bounded_prior(boost: float, margin: float | None) -> float:
    """A kind prior bounded so that it reorders near-ties only (``ranking.prior_margin``):
    never below ``1 - margin``. Ranking multiplies by the priors, ``prior_signal_share`` of
    each inside the retrievers and the rest after fusion; bounded, each stage moves a
    result below another only where the other's score there is within a share ``margin``
    of its own (BM25 x boost ** share; after fusion, fused score x boost ** (1 - share);
    the cosine moves by at most ``vector_prior_scale`` x ``margin``). A result clearly ahead
    of any kind stays ahead; within the margin a service still leads a page (kinds whose
    priors the bound lifts to ``1 - margin``, a page and a news item at 0.1, weigh alike).
    Rank fusion keeps no margins: rank 1 of both retrievers is 3.2% above rank 2 of both,
    whatever BM25 said, so after fusion "clearly ahead" means by ranks.

    Why: extraction can misread a kind on a site it has never seen (a service stored as a
    plain page, sure of it); a whole prior of 0.81 puts such a page below any service
    scoring a fifth less. None (the default) leaves the prior whole: on the tuning crawl
    with whole families' services read as pages (bench/degraded_kinds.py) every margin tried
    lost to it, clean and misread alike (BENCHMARKS.md, "Kind priors", "When extraction
    misreads a kind")."""
    if margin is None:
        return boost
    return max(boost, 1.0 - margin)


def _group_key(doc: DocMeta, docs: dict[str, DocMeta]) -> str:
    """The near-duplicate group a candidate is shown in: its own (the canonical page's id),
    or, for a PDF, that of the page that links it, when that page is among ``docs``."""
    parent = docs.get(doc_id(doc.parent_url)) if doc.parent_url else None
    if doc.kind == "document" and parent is not None:
        return parent.group_id or parent.id  # a PDF is shown with the page that links it
    return doc.group_id or doc.id


def _tie(id_: str, docs: dict[str, DocMeta]) -> tuple[str, ...]:
    """What decides between candidates of equal score: the URL without its port, then
    title, OPD and the URL itself; never the id, a hash of the URL with its port, which
    put the same web served on other ports (the sample web's ports are free ones, new
    every run) in another order (session 21, issue #11)."""
    meta = docs.get(id_)
    if meta is None:
        return ("\uffff", id_)
    return (portless(meta.url), meta.title, meta.opd, meta.url)


def _by_score(items: Sequence[Any], docs: dict[str, DocMeta]) -> list[Any]:
    """``items`` (hits or fused candidates) best score first, equal scores by :func:`_tie`."""
    return sorted(items, key=lambda h: (-h.score, _tie(h.id, docs)))


def _groups(ranked: Sequence[Fused], docs: dict[str, DocMeta]
            ) -> tuple[dict[str, list[Fused]], list[str]]:
    """The candidates by near-duplicate group (best first within each), and the groups in
    the order of their best member."""
    groups: dict[str, list[Fused]] = {}
    order: list[str] = []
    for item in ranked:
        key = _group_key(docs[item.id], docs)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(item)
    return groups, order


def _beyond_place(words: QueryWords, lent: _PlaceLent | None, docs: dict[str, DocMeta],
                  first: Sequence[tuple[Fused, list[str]]]) -> QueryWords:
    """``words`` less those saying the place the query names (``lent.rest``) when each of
    ``first`` is a page of that place's office: where both are, the place tells neither
    apart, and a title repeating it ("Syarat Membuat SKTM di Kelurahan Kebun Handil") is
    no nearer the query than one saying its service ("Pengantar SKCK dari Kelurahan" for
    "surat pengantar skck kelurahan kebun handil")."""
    if (lent is None or not lent.rest or len(lent.rest) == len(words.words)
            or any(docs[f.id].opd not in lent.places for f, _ in first)):
        return words
    rest = copy.copy(words)
    rest.words = list(lent.rest)
    return rest


def _first_of_listing(id_: str, ranked: Sequence[Fused], docs: dict[str, DocMeta],
                      named: frozenset[str], listing: set[str], cues: set[str],
                      tokens: Callable[[str], tuple[str, ...]]) -> str:
    """``id_``, or its first page when another listing page retrieved is the same address
    with a shorter query ("/layanan" for "/layanan?page=2", "layanan.php" for
    "layanan.php?hal=2&sort=asc"): a listing's later pages and sorts are titled as it is,
    and whichever says the office's words more often must not be the one put first."""
    url = urlsplit(docs[id_].url)
    best = (len(url.query), id_)
    for item in ranked:
        meta = docs[item.id]
        other = urlsplit(meta.url)
        if (meta.opd in named and (other.netloc, other.path) == (url.netloc, url.path)
                and _lists(set(tokens(meta.title)), listing, cues)
                and len(other.query) < best[0]):
            best = (len(other.query), item.id)
    return best[1]


def _lists(title: set[str], listing: set[str], cues: set[str]) -> bool:
    """Whether a title's tokens say only what a services listing's title says, a cue among
    them ("Layanan", "Daftar Layanan", not "Daftar" alone)."""
    return bool(title & cues) and title <= listing


def _first_groups(ranked: Sequence[Fused], docs: dict[str, DocMeta], n: int) -> list[str]:
    """The ids of the candidates in the first ``n`` near-duplicate groups of ``ranked``
    (:func:`_group_key`), in their order."""
    seen: set[str] = set()
    out = []
    for item in ranked:
        key = _group_key(docs[item.id], docs)
        if key not in seen:
            if len(seen) == n:
                continue
            seen.add(key)
        out.append(item.id)
    return out


def _collapse(
    ranked: Sequence[Fused], docs: dict[str, DocMeta], copy_weight: float,
    named: frozenset[str] = frozenset(),
) -> list[tuple[Fused, list[str]]]:
    """One result per near-duplicate group, at its best member's score (a copy's times
    ``copy_weight``, see ``Settings.ranking``, unless the query names the copy's OPD, one of
    ``named``: then it is the page asked for, :func:`_named_leads`), never below the page
    shown. The group's canonical member (the OPD's own page, whose id is the group key)
    represents it when it was retrieved at all; the other members are listed in
    ``also_at``."""
    groups, order = _groups(ranked, docs)
    out: list[tuple[Fused, list[str]]] = []
    for key in order:
        members = groups[key]
        lead = next((m for m in members if m.id == key), members[0])
        if lead is not members[0]:
            best = members[0]
            weight = 1.0 if docs[best.id].opd in named else copy_weight
            carried = best.score * weight
            if carried > lead.score:  # the score is the copy's, and explain says so
                lead = _carrying(lead, best, carried, {**best.boosts, "copy_weight": weight})
        out.append((lead, [docs[m.id].url for m in members if m.id != lead.id]))
    out.sort(key=lambda pair: -pair[0].score)  # stable: equal scores keep their order
    return out


# A result of the office the query names leads a first result of another office from this
# far down and within this share of its score (_office_lead).
OFFICE_WINDOW = 3
# Trouble told to a desk (indexer/desks.py): the office's desk among the first DESK_WINDOW
# results leads its first page within DESK_MARGIN (relative) of its score. Tuning crawl,
# dev problem MRR@10 0.879 -> 0.885 at 0.08, 0.907 at 0.15, 0.908 at 0.20 and 0.25 (0.25
# also lifts "air pdam idak ngalir", PDAM's connection page 27% ahead in one of its
# readings); no query of the dev set, oov or situations lost at any of them.
DESK_WINDOW = 5
DESK_MARGIN = 0.25
# an app first is read past to its office's desk (indexer/desks.py) only when the desk is
# within this share of the app's score too: the PBB objection desk 26% behind the bill
# app leads it, a desk 65% behind an app does not
DESK_APP_MARGIN = 0.35
# words a desk's title may say of any office's service: they name no topic of its own
DESK_GENERIC = frozenset({"layanan", "pelayanan", "publik", "masyarakat", "umum", "online",
                          "warga", "kota", "jambi", "dan", "atau", "atas", "terhadap"})
OFFICE_MARGIN = 0.05


def _office_lead(collapsed: list[tuple[Fused, list[str]]], groups: dict[str, list[Fused]],
                 docs: dict[str, DocMeta], named: frozenset[str], within: float,
                 window: int, lent: _PlaceLent | None = None) -> list[tuple[Fused, list[str]]]:
    """The first of the first ``window`` results whose group (``groups``: :func:`_groups`
    of the ranked candidates) has a page of an OPD the query names (one of ``named``)
    leads, when the first result's group has none and it is within ``within`` (relative)
    of the first's score; the two swap places and scores, as the sibling rule does,
    reported as an "office" multiplier.

    A near tie between offices is decided by words that do not tell them apart; the office
    named says which one the citizen means. "ikd dukcapil simpel": the app catalog's "IKD"
    entry (Diskominfo) 0.0338, Disdukcapil's "Aktivasi IKD" 0.0333; "aplikasi sibansos
    dinas sosial": Diskominfo's "SIKS-NG" over Dinas Sosial's own SIBANSOS page. Tuning
    crawl, dev MRR@10 hybrid 0.964 -> 0.965, keyword 0.961 -> 0.963 (2 and 3 better, none
    worse), eval/oov.tsv and eval/situations.tsv unchanged; a 10% margin lost a dev query
    and a situation.

    A kelurahan or kecamatan named by its place (``lent``) is where the citizen lives, not
    always the office they ask for: its page leads only when its title says the rest of the
    query (:meth:`_PlaceLent.serves`). "akta kelahiran kelurahan pakuan baru" put the
    kelurahan's inheritance page (its list says "akta kelahiran") over Disdukcapil's
    "Penerbitan Kutipan Akta Kelahiran" within the margin."""
    if not named or len(collapsed) < 2:
        return collapsed

    def of_named(item: Fused) -> bool:
        members = groups.get(_group_key(docs[item.id], docs), [item])
        return any(docs[m.id].opd in named and (lent is None or lent.serves(docs[m.id]))
                   for m in members)

    top = collapsed[0][0]
    if of_named(top):
        return collapsed
    for place in range(1, min(window, len(collapsed))):
        other = collapsed[place][0]
        if margin([top.score, other.score]) >= within:
            break
        if of_named(other):
            return swap_lead(collapsed, place, "office")
    return collapsed


def _named_leads(collapsed: list[tuple[Fused, list[str]]], groups: dict[str, list[Fused]],
                 docs: dict[str, DocMeta], named: frozenset[str],
                 hosts: frozenset[str] = frozenset()) -> list[tuple[Fused, list[str]]]:
    """Each group (``groups``: :func:`_groups` of the ranked candidates) shown by its member
    from an OPD the query names (one of ``named``), when the page shown is not: kecamatan
    publish one standard text, so "sktm kec jambi timur" and Telanaipura's SKTM page are
    one group, and the citizen asking in Jambi Timur needs Jambi Timur's office (the same
    for "ktp di mpp": the MPP's counter, and for "surat kematian tanjung pinang": that
    kelurahan's page, indexer/places.py).

    The member takes the group's place and score, as the tie-break and the sibling rule
    left them (a named copy's own score counts undiscounted in the group's, :func:`_collapse`):
    the name picks which page shows a group after those rules compared the group's own
    title. Chosen before them, a kelurahan's copy whose title says the place hid the title
    they compare ("cakmano ngurus surat pindah di bakung jaya": Bakung Jaya's domicile letter
    led its moving letter). Tuning crawl, with kelurahan named by place (indexer/places.py):
    dev MRR@10 hybrid 0.960 -> 0.964 (5 queries better, none worse), keyword 0.961 -> 0.961;
    eval/oov.tsv and eval/situations.tsv unchanged.

    An app the query names by name (``hosts``: its sites, ``Directory.hosts_said``) picks
    its own page the same way where the page shown is its OPD's other site's: "akta
    perceraian siapduk" asks for the SIAPDUK app's page, not Disdukcapil's website's copy
    of the same text."""
    if not named and not hosts:
        return collapsed
    out = []
    for shown, also in collapsed:
        members = groups.get(_group_key(docs[shown.id], docs), [])
        asked = None
        if docs[shown.id].opd not in named:
            asked = next((m for m in members if m.id != shown.id and docs[m.id].opd in named),
                         None)
        if hosts and _host(docs[shown.id]) not in hosts:
            asked = next((m for m in members if m.id != shown.id
                          and _host(docs[m.id]) in hosts), asked)
        if asked is not None:
            # the group's score, earned by another member: explain says so
            shown = _carrying(asked, shown, shown.score, shown.boosts)
            also = [docs[m.id].url for m in members if m.id != asked.id]
        out.append((shown, also))
    return out


def _host(meta: DocMeta) -> str:
    return urlsplit(meta.url).netloc


PLACE_WINDOW = 10  # the first results in which the place named must have a page (_signals)


def _elsewhere(top: DocMeta, office: str, places: frozenset[str], said: frozenset[str],
               hosts: frozenset[str]) -> bool:
    """The query names a site (``hosts``, an app's by its name) or a kelurahan or kecamatan
    by its place (``places``, those offices) and ``top``, whose card shows ``office``, is
    not there: the citizen asked *where*, and the top is elsewhere. At the place is any
    office the query names (``said``), one whose name says the place too ("KUA Kecamatan
    Jambi Timur" for "... kua kecamatan jambi timur"). An office named by another alias
    and no place or site is not asked this way: the alias is often a reading of a topic word
    ("izin" read as "dpmptsp", "bansos" as "bantuan pemerintah"), and on the tuning web
    all 27 dev cards of such tops elsewhere were right (BENCHMARKS.md, "The card only when
    sikoja is sure"). The office named by its place is at its place whatever ``said``
    holds (the place is read from the spelling suggested, "kelurahan legk" -> "legok"; the
    OPDs said from the words typed). A site is named by an app's name as typed, not by a
    reading (``Directory.hosts_said``): "bayar pajak motor" is read as "pkb", a source name
    of the vehicle testing unit."""
    return bool((places and office not in said and office not in places)
                or (hosts and _host(top) not in hosts))


def _carrying(shown: Fused, source: Fused, score: float, boosts: dict[str, float]) -> Fused:
    """``shown`` at a score another member of its group earned (explain names ``source``)."""
    return replace(shown, score=score, fused_score=source.fused_score, boosts=boosts,
                   score_from=source.score_from or source.id, pinned=source.pinned)


def _card_kind(result: Result) -> str | None:
    """Which card the top result may have: a service's, an app's (a catalog app, or a page
    the catalog lists as an app), or none."""
    if result.kind == "service":
        return "service"
    if result.kind == "app" or (result.fields or {}).get("app"):
        return "app"
    return None


def _carries_card(meta: DocMeta, doc: IndexedDoc | None) -> bool:
    """Whether a result could have a card of its own (as :func:`_card_kind` says, from its
    metadata and, when read, its page)."""
    return meta.kind in CARD_KINDS or bool(doc is not None
                                                   and (doc.fields or {}).get("app"))


def _contact_card(place: Place) -> AnswerCard | None:
    """The OPD's address, phone, hours and email, when its page says any of them."""
    if not place.contact:
        return None
    doc = place.doc
    return AnswerCard(id=doc.id, url=doc.url, title=doc.title, opd=place.opd, kind="contact",
                      **{k: place.contact.get(k) for k in ("address", "phone", "hours", "email")})


def _card_office(doc: IndexedDoc) -> str:
    """The office the card of ``doc`` shows (:func:`_answer_card`): an app card's provider
    for a catalog entry (the catalog is Diskominfo's; the app, say, Dinas Sosial's), else
    the page's own office."""
    app = _card_app(doc)
    return str(app.get("opd") or doc.opd) if app else doc.opd


def _card_app(doc: IndexedDoc) -> dict[str, Any] | None:
    """The app fields the card of ``doc`` shows when it is an app card: a page with no
    service fields (requirements, cost, procedure) that is an app or a catalog's entry of
    one ({} when it has none); None otherwise."""
    f = doc.fields or {}
    if f.get("requirements") or f.get("cost") or f.get("procedure"):
        return None
    if doc.kind != "app" and not f.get("app"):
        return None
    return f["app"] if isinstance(f.get("app"), dict) else {}


def _app_card(doc: IndexedDoc, app: dict[str, Any]) -> AnswerCard:
    f = doc.fields or {}
    return AnswerCard(
        id=doc.id, url=doc.url, title=str(app.get("name") or doc.title),
        opd=str(app.get("opd") or doc.opd), kind="app",
        platform=str(app.get("platform") or f.get("platform") or "") or None,
        description=str(app.get("description") or f.get("description") or "") or None,
    )


def _answer_card(doc: IndexedDoc) -> AnswerCard | None:
    """The card of a service (its fields; its first sentences when none were stored:
    indexer/cards.py) or of an app. None for a service with neither: a card that says
    nothing but the title the result already shows is no answer."""
    app = _card_app(doc)
    if app is not None:
        return _app_card(doc, app)
    f = doc.fields or {}
    core = f.get("requirements") or f.get("cost") or f.get("procedure")
    if not core and doc.kind != "service":
        return None

    def as_list(value: Any) -> list[str]:
        if isinstance(value, list):
            return [str(v) for v in value if str(v).strip()]
        return [str(value)] if value else []

    def as_text(value: Any) -> str | None:
        if isinstance(value, list):
            return "; ".join(str(v) for v in value) or None
        return str(value) if value else None

    card = AnswerCard(
        id=doc.id, url=doc.url, title=doc.title, opd=doc.opd,
        requirements=as_list(f.get("requirements")), procedure=as_list(f.get("procedure")),
        cost=as_text(f.get("cost")), duration=as_text(f.get("duration")),
        location=as_text(f.get("location")), online_url=_web_url(as_text(f.get("online_url"))),
        legal_basis=as_text(f.get("legal_basis")),
        description=None if core else lead(doc.text or "", doc.title),
    )
    says = (card.requirements, card.procedure, card.cost, card.duration, card.location,
            card.online_url, card.legal_basis, card.description)
    return card if any(says) else None


def _web_url(url: str | None) -> str | None:
    """An online link only if it is http(s): an index built before the crawler refused
    ``javascript:`` links may still hold one, and API clients render what they get."""
    return url if url and is_web_url(url) else None


@dataclass(frozen=True)
class _PlaceLent:
    """A kelurahan or kecamatan site's own place, lent for keyword coverage to its pages.

    Its masthead names the place on every page and the crawler strips it, so a page of the
    site says the place, but only as whose page it is: the place is lent for a query that
    names it (``places``: office -> its place's words, ``Directory.own_places_said``) and
    only to a page whose own title says a word of the rest of the query (``rest``,
    ``Directory.beyond_where``). Lent to every page, "akta kelahiran kelurahan pakuan baru"
    led with Pakuan Baru's "Syarat Surat Keterangan Ahli Waris" (its list says "akta
    kelahiran") over Disdukcapil's "Penerbitan Kutipan Akta Kelahiran", the rule the
    office's name follows (``Searcher._by_coverage``) undone."""

    places: dict[str, frozenset[str]]
    rest: list[str]
    words: QueryWords
    analyzer: Analyzer

    def lent(self, doc: IndexedDoc) -> frozenset[str]:
        place = self.places.get(doc.opd, frozenset())
        return place if place and self.serves(doc) else frozenset()

    def serves(self, doc: IndexedDoc | DocMeta) -> bool:
        """Whether ``doc`` is not a page of an office named by its place, or its title says
        a word of the rest of the query, by itself or by a reading (any page, when the query
        is the place). Not only the rarest: "bapak meninggal di rumah lapor ke kelurahan
        wijaya pura" is served by "Pelaporan Kematian Warga", whose title says "lapor" and
        "meninggal" (as "kematian") but not "bapak"."""
        if doc.opd not in self.places or not self.rest:
            return True
        title = spelled_title_tokens(self.analyzer, doc.title)
        return any(set(r) <= title for w in self.rest for r in self.words.readings[w])


def _section(doc: IndexedDoc) -> bool:
    """Whether ``doc`` is a section split from one page (``<page>#<anchor>`` under it), not
    a page of a file (``<file>#page=6``: a standard's table says no office's header)."""
    page, hashed, anchor = doc.url.partition("#")
    return (bool(hashed) and not _FILE_PAGE.match(anchor) and doc.parent_url is not None
            and doc.parent_url.partition("#")[0] == page)


_FILE_PAGE = re.compile(r"page=\d+$")
