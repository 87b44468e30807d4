"""When to show the answer card, and which of two near-tied services should lead.

The card ("Layanan yang paling sesuai") tells a citizen what to bring and where to go, so a
wrong card does more harm than none: "bikin sim" once showed the nurse's licence with its
requirements. The card is shown only when the top result clearly wins, judged by a small
logistic score (:func:`card_score`) over signals measured on the ranked results, its weights
fitted by cross-validation on eval/devset.tsv and eval/out_of_scope.tsv (BENCHMARKS.md, "The
answer card"):

- **title coverage**: how much of the query the top result's title says, each content word
  weighted by its rarity in the index (IDF), so "kk" in "kk hilang" counts more than
  "hilang". A word is covered by itself or by one of its own readings (``KK`` <-> "kartu
  keluarga", an English word's Indonesian gloss, a synonym), and the title is read with its
  acronyms expanded. A title is a short name on every site, whatever its template or size,
  so this is the signal that means the same on a site the calibration never saw;
- **page coverage**: the same share said anywhere on the top page (title, text, fields). A
  long page says more words of any query, so alone it rewards size: on the tuning web's
  harder queries (eval/oov.tsv, eval/situations.tsv) the wrong cards it let through were
  long pages saying the words in passing ("periksa diabetes hipertensi tanpa biaya" -> the
  KIA page). Weighed beside the title's share, not instead of it. A word that names an
  office or a place and no service ("bakung jaya", "disdukcapil") is not held against the
  page: the query says *where*, the service's page need not (session 10, with the cards
  of services stored without fields: 61.8% -> 68.1% of dev queries carded, 97.3% -> 97.6%
  right, the bias at -0.65), when the query names that office or place: a word of an
  office's name in a query naming none says no place ("berat badan", body weight, is no
  "Badan ..." office). A word of a phrase the vocabulary reads as one ("berat badan" ->
  gizi) counts, in the title as on the page, only with its whole phrase: the tax office's
  "Keberatan" stems to "berat" and says nothing of body weight (session 16, BENCHMARKS.md
  "Words said by accident");
- **known**: the same weighted share of the query's content words that the index knows at all
  (its vocabulary, a typo correction or an expansion of the word, or a phrase of the query a
  lexicon reads: "terbelah" of "ktp terbelah"); gibberish knows nothing.
  Not scored but a gate: below ``card_min_known`` no card, whatever the score;
- **keyword lead**: keyword retrieval ranks the top result first and its title says the whole
  query ("urus KTP" -> "Perekaman dan Penerbitan KTP-el"): a card whatever the score. Without
  vectors every fused margin is the same rank gap, and this is what still tells a winner;
- **margin**: how far the top result's fused score is ahead of its **rival**, the next result
  that could carry a card itself (a service or an app), relative to the top's score (fusion
  reads ranks, so this is a ratio of rank-based scores, not a raw BM25 gap). A news post or a
  plain page close behind leaves no doubt about which *service* answers; a service close
  behind that says as much of the query does.

The weights were fitted with whole template families held out (bench/answer_card.py,
BENCHMARKS.md "The answer card on sites it was not fitted on"). The rival's own shares of the
query (how much more the top's title and page say than the rival's), scored until session 9,
added nothing held out once the title's share is scored, and were dropped: three signals,
each with its reason, where there were four. They are still measured (``Signals``, shown by
``--explain``).

A top matched through words the citizen did not type (a synonym, an old name, an English
gloss) is no less often right than one matched on the typed words: after session 11's ~1,000
one-way synonyms, 92.7% of such dev tops are right against 94.0%, and their cards 97.3%
against 97.2%. What the top says as typed, whether it says the rarest word as typed, whether
the rival is the same service at another office or is matched by the same expansion are
measured (``Signals``) and separate right from wrong tops less than the margin does (AUC
0.45-0.63 against 0.78); none held out with families held out, so none is scored
(BENCHMARKS.md, "The card after session 11's vocabulary").

A top that one word alone puts first is no clear winner, whatever its score: keyword
retrieval is run again with each content word of the query left out in turn, and unless the
top still leads its services and apps after ``card_min_stable`` of those drops there is no
card (indexer/stability.py; session 12, on the tuning web: with the bias loosened to -0.2,
as many dev cards as before at 97.3% right, and 4 wrong cards on the harder queries where
there were 6; BENCHMARKS.md, "Stable tops"). A precise query is exempt (:func:`stable`): the
top's title says every word, or each reading it lost is led by a page without the word left
out, which the top says (session 13, tuning web: 13 of the 41 right dev tops the drop-one
share alone held back, "ektp hilang", and none of its 3 wrong; on the harder queries 2 of 4
right and none of 5 wrong; BENCHMARKS.md, "Precise queries").

A top the query's own words pick in every reading has a **firm lead** (:func:`firm`): it still
leads keyword retrieval's services and apps whichever content word is left out (of the
MAX_DROPS rarest, indexer/stability.py) and on the words as typed, and its title says more
of the query than the rival's. It gets its card
whatever the score (``card_firm_lead``): its margin is small where a kelurahan's other
letters or a service on its agency's site and on its app's rank close behind ("nak buat
sktm di sungai putri bawak apo bae"). Session 16, tuning web: of 155 right dev tops without a
card the score alone held back 67 (and 15 wrong tops); the firm lead shows 13 of them and
none of the wrong ones, 77.1% -> 78.5% of dev queries carded at 97.4% right, the harder
queries' 4 wrong cards as before, and with families held out 79.0% at 97.0% right where
the same refit showed 76.9% (BENCHMARKS.md, "Firm leads"). Every drop led alone let 4
more wrong dev cards through, the title ahead alone 6; without the typed reading, one wrong
harder card ("flood evacuation shelter", every word an English gloss).

A top at another site or place than the one the query names is no answer to it, however
clear its lead (``Signals.elsewhere``, ``CardWeights.named_office``): "izin reklame sijempol
dpmptsp" asks for the SIJEMPOL portal's page, and DPMPTSP's own page of the same service is
judged acceptable, not the answer; "syarat surat ahliwaris kelurahan legok" asks for Legok's
letter, not another kelurahan's. Named are a site (an app's, by its name) and a kelurahan or
kecamatan (by its place); an office the query's words name through a reading ("izin" ->
"dpmptsp") is not asked for this way (indexer/search.py ``_elsewhere``). Session 23, tuning
web, gate open: 39 dev tops elsewhere, 3 of them right, against 1,566 of the other 1,702;
the rule shows 57.8% of the 1,858 dev queries at 96.8% right (34 wrong cards) where the
gate showed 58.5% at 95.8% (46), one right card lost ("nkv rph"), the harder queries and
out of scope unchanged (BENCHMARKS.md, "The card only when sikoja is sure").

Input that is code rather than words (markup, an SQL statement, only digits) is junk: it is
not searched at all (:func:`is_junk`), so "<script>alert(1)</script>" cannot match the "1"
of some page.

On a near-tie of the first two results, the one whose title covers more of the query (by the
same IDF weighting, so the rarest word decides) leads: "kk hilang" puts "KK Hilang" ahead of
"KTP-el Hilang" even when the vector side prefers the latter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis
    from indexer.analysis.vocabulary import Vocabulary
    from sikoja.config import RankingConfig

# -- junk ---------------------------------------------------------------------------------

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
_SCRIPTY = re.compile(r"\b(?:javascript|vbscript)\s*:|\bon[a-z]+\s*=|\balert\s*\(", re.I)
# An SQL statement: a verb at the start, its clause word later, or an injection's tail.
_SQL_STATEMENT = re.compile(
    r"^\s*(?:select\b.+\bfrom|insert\s+into|update\b.+\bset|delete\s+from|drop\s+(?:table|database)"
    r"|union\s+(?:all\s+)?select|create\s+table|alter\s+table|truncate\s+table)\b",
    re.I | re.S)
_SQL_TAIL = re.compile(r"(?:;\s*--|'\s*or\s*'?\d*'?\s*=\s*'?\d|\bor\s+1\s*=\s*1\b|/\*.*\*/)", re.I)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def is_junk(text: str) -> bool:
    """True for input that is code or has no word in it: markup, scripts, an SQL statement,
    only digits or symbols. A real query with a number ("pbb 2024") is not junk."""
    if _TAG.search(text) or _SCRIPTY.search(text):
        return True
    if _SQL_STATEMENT.search(text) or _SQL_TAIL.search(text):
        return True
    words = _WORD.findall(text)
    return not any(not w.isdigit() for w in words)


# Words that frame a question ("how", "what do I need", "get/make/apply") rather than name a
# service: the question frames and obtain-verbs of ../shared phrasing.md, section 1, after
# normalisation. They take no part in coverage, so "urus KTP" is judged by "KTP".
FRAME_WORDS = frozenset("""
    urus mengurus pengurusan buat membuat pembuatan bikin cetak ajukan mengajukan pengajuan
    mohon permohonan daftar mendaftar pendaftaran syarat persyaratan prosedur cara caranya
    biaya berapa lama kapan mana dimana kemana gimana bagaimana cakmano mau ingin nak perlu
    butuh bisa online daring layanan pelayanan info informasi tanya tolong min kak pak bro gan
    how where what need apply get make
""".split())

# -- signals ------------------------------------------------------------------------------


# The kinds of result that carry an answer card: a service's, an app's
CARD_KINDS = ("service", "app")
# Signals' stability fields (indexer/stability.py)
STABILITY = ("full_leads", "typed_leads", "typed_share", "drop_least_leads", "drop_least_share",
             "drops_led", "drops_kept", "drops_said")
MARGIN_FLOOR = 0.001  # the margin's logarithm is taken from here: closer is a tie all the same
# The scored signals, in the order features() returns them (CardWeights' attribute names).
FEATURES = ("title", "page", "margin")


@dataclass
class CardWeights:
    """The card score's weights (RankingConfig carries the fitted values): the card shows
    when ``bias + title * title coverage + page * page coverage + margin * ln(margin)`` is
    >= 0, the bias holding the calibrated threshold, or the top has the keyword lead; and in
    either case the index knows ``min_known`` of the query."""

    bias: float
    title: float
    page: float
    margin: float  # per unit of ln(margin), the margin floored at MARGIN_FLOOR
    # and the index knows at least this share of the query, whatever the score: a query of
    # words the index does not know ("cara main gitar") has no card, however alone its top
    min_known: float = 0.0
    # keyword retrieval's first whose title covers this share of the query: a card whatever
    # the score (2.0: never)
    min_lead_coverage: float = 2.0
    tie_margin: float = 0.0  # relative gap below which the better-covering result leads
    # and the top still leads keyword retrieval's services and apps after this share of the
    # single content-word drops (indexer/stability.py), whatever the score: a top that one
    # word alone put first is an artefact of that word (0.0: not asked)
    min_stable: float = 0.0
    # a card whatever the score for the firm lead (:func:`firm`): the top leads keyword
    # retrieval's services and apps on the words as typed and after each single drop (of
    # the MAX_DROPS rarest words), and its title says more of the query than the rival's;
    # off under a filter narrowing the readings (indexer/search.py _card_weights)
    firm_lead: bool = False
    # no card for a top elsewhere than the kelurahan or kecamatan the query names by its
    # place, or than the site of an app it names as typed (``elsewhere``)
    named_office: bool = False

    @classmethod
    def of(cls, ranking: RankingConfig) -> CardWeights:
        """The fitted weights a deployment's ranking settings carry."""
        return cls(ranking.card_bias, ranking.card_w_title, ranking.card_w_page,
                   ranking.card_w_margin, ranking.card_min_known,
                   ranking.card_min_lead_coverage, ranking.tie_margin,
                   ranking.card_min_stable, ranking.card_firm_lead,
                   ranking.card_named_office)


@dataclass
class Signals:
    coverage: float  # of the query, by the top result's title
    text_coverage: float  # by its page
    known: float
    margin: float  # relative lead over the rival (1.0 when there is none)
    rival_coverage: float = 0.0  # by the rival's title
    rival_text_coverage: float = 0.0  # by the rival's page
    keyword_rank: int | None = None  # 1: keyword retrieval's first (the keyword lead)
    vector_rank: int | None = None
    # Measured, not scored (session 11, the card after ~1,000 one-way synonyms; BENCHMARKS.md
    # "The card after session 11's vocabulary"): what the top says of the query by the
    # words as typed (a correction's word counts as typed), not through their expansions
    typed_coverage: float = 0.0  # by its title
    typed_text_coverage: float = 0.0  # by its page
    rarest_said: float = 0.0  # 1.0: its page says the query's rarest word as typed
    # 1.0: the rival's title names the same service (another office's copy), its words
    # outside the common and office words within the top's, or the other way round
    rival_sibling: float = 0.0
    # 1.0: the rival says, through the same expansion, a word the top says only through one
    rival_same_expansion: float = 0.0
    # Measured (session 12, indexer/stability.py): whether the top still leads keyword
    # retrieval's services and apps when the query is read otherwise, and the share of its
    # keyword score kept (1.0 where nothing is left out)
    full_leads: float = 0.0  # the query as analysed
    typed_leads: float = 0.0  # the words as typed, no expansion
    typed_share: float = 0.0
    drop_least_leads: float = 0.0  # without the least informative content word
    drop_least_share: float = 0.0
    # share of single content-word drops it survives (1.0 until measured: not held against
    # the top; :func:`needs_stability` says when the card waits on it)
    drops_led: float = 1.0
    drops_kept: float = 0.0  # the same, each word weighted by its IDF
    # share of drops it survives or loses to a page not saying the word left out, which
    # the top's page says (indexer/stability.py drops_said; 1.0 until measured)
    drops_said: float = 1.0
    # 1.0: the query has one content word ("tes", "tes tes": a word repeated says it once),
    # so no drop can tell whether that one word alone put the top first (:func:`stable`)
    one_word: float = 0.0
    # 1.0: the query names a kelurahan or kecamatan by its place, or an app's site by the
    # app's name as typed (``hosts_said(typed=True)``), and the card's office or site is not
    # it: the citizen asked *where*, and the top is that service somewhere else (no card
    # with ``CardWeights.named_office``). An office named by another alias
    # (``Directory.said`` alone) does not (indexer/search.py ``_elsewhere``)
    elsewhere: float = 0.0

    def as_dict(self) -> dict[str, float | int | None]:
        return {"coverage": round(self.coverage, 3),
                "text_coverage": round(self.text_coverage, 3), "known": round(self.known, 3),
                "margin": round(self.margin, 4), "rival_coverage": round(self.rival_coverage, 3),
                "rival_text_coverage": round(self.rival_text_coverage, 3),
                "keyword_rank": self.keyword_rank, "vector_rank": self.vector_rank,
                "typed_coverage": round(self.typed_coverage, 3),
                "typed_text_coverage": round(self.typed_text_coverage, 3),
                "rarest_said": self.rarest_said, "rival_sibling": self.rival_sibling,
                "rival_same_expansion": self.rival_same_expansion,
                **{name: round(getattr(self, name), 3) for name in STABILITY},
                "one_word": self.one_word, "elsewhere": self.elsewhere}


def features(signals: Signals) -> list[Any]:
    """The scored signals in the order of :data:`FEATURES`: floats for one query, numpy
    arrays when the signals are arrays of many queries."""
    return [signals.coverage, signals.text_coverage,
            np.log(np.maximum(signals.margin, MARGIN_FLOOR))]


def card_score(signals: Signals, weights: CardWeights) -> Any:
    """The card's log-odds of being right less the calibrated threshold: >= 0 shows it."""
    return weights.bias + sum(getattr(weights, name) * value
                              for name, value in zip(FEATURES, features(signals), strict=True))


def decide(signals: Signals, weights: CardWeights) -> Any:
    """Show the card: a bool for one query's signals; with numpy arrays as the signals, an
    array of the decisions for many queries at once (how bench/answer_card.py calibrates)."""
    show = (((card_score(signals, weights) >= 0) | leads(signals, weights)
             | firm(signals, weights))
            & (np.asarray(signals.known) >= weights.min_known) & stable(signals, weights)
            & ~(np.asarray(weights.named_office) & (np.asarray(signals.elsewhere) >= 1.0)))
    return bool(show) if np.ndim(show) == 0 else show


def stable(signals: Signals, weights: CardWeights) -> Any:
    """The top is no artefact of one word: it still leads after ``min_stable`` of the
    single content-word drops; or the query is precise, each word it asks essential to it:

    - the top's title says every content word (``coverage`` 1.0): no one word put it first,
      all of them name it, and a reading without one asks for less, which another service
      may answer as well ("mau ngurus kk baru butuh apa aja": without "baru" the KK-change
      page leads, without "kk" a page about Pakuan Baru);
    - or after each drop it lost, the reading's leader does not say the word left out and
      the top does (``drops_said`` 1.0, indexer/stability.py): that word is the evidence
      that tells them apart, and the citizen typed it.

    A top that one incidental word put first has neither: its title says part of the query,
    and without the word a page saying that word too leads. Both compare the site's own
    pages with each other on the query's words, so they mean the same on any site
    (BENCHMARKS.md, "Precise queries").

    A query of one content word (``one_word``; a word typed twice is said once, "tes tes")
    has no drop to read: its one word always put the top first, so only its title saying
    that word makes it no artefact of it. A page saying it in passing ("tes" of "tes buta
    warna bila diminta" on a health-certificate page, the only page writing "tes") is not
    carded for a citizen testing the search box."""
    drops = ((np.asarray(signals.drops_led) >= weights.min_stable)
             | (np.asarray(signals.drops_said) >= 1.0)) & (np.asarray(signals.one_word) < 1.0)
    return drops | (np.asarray(signals.coverage) >= 1.0)


def needs_stability(signals: Signals, weights: CardWeights) -> bool:
    """Whether the card's decision waits on the stability signals: the gate or the firm
    lead asks for them, and the card shows when they say the top leads every reading but
    not when it leads none (they cost a keyword search per content word, so only such a
    query pays for them)."""
    return ((weights.min_stable > 0 or weights.firm_lead)
            and decide(replace(signals, drops_led=1.0, drops_said=1.0, typed_leads=1.0),
                       weights)
            and not decide(replace(signals, drops_led=0.0, drops_said=0.0, typed_leads=0.0),
                           weights))


def needs_typed(signals: Signals, weights: CardWeights) -> bool:
    """Whether the card's decision, the single-word drops read, waits on the reading as
    typed: only the firm lead reads it, so only where every drop was led, the top's title
    says more than the rival's, and nothing else shows the card or holds it back (one
    keyword search more, for a query whose expansions differ from its words)."""
    return (weights.firm_lead and decide(replace(signals, typed_leads=1.0), weights)
            and not decide(replace(signals, typed_leads=0.0), weights))


def firm(signals: Signals, weights: CardWeights) -> Any:
    """The firm lead (``firm_lead``): no single content word put the top first (it still
    leads keyword retrieval's services and apps whichever one is left out, ``drops_led``
    1.0; of a query of more than MAX_DROPS content words only the rarest are left out,
    indexer/stability.py), nor a reading the index put in the citizen's mouth (it leads on
    the words as typed, ``typed_leads``), and its title says more of the query than its
    rival's. The fused margin between the two may be small (fusion reads ranks; the same
    letter at several offices, a service on its agency's site and its app's, draw close),
    yet the query's own words pick the top in every reading and name it more than the
    rival.

    All three compare the site's own pages with each other on the query's words, so they
    mean the same on any site, but not under a filter that leaves few of its pages in the
    readings (an OPD's, apps only): the searcher turns ``firm_lead`` off there
    (indexer/search.py ``_card_weights``). A query of one content word has no drop: its
    firm lead is the title lead :func:`leads` already shows."""
    return (np.asarray(weights.firm_lead) & (np.asarray(signals.drops_led) >= 1.0)
            & (np.asarray(signals.typed_leads) >= 1.0)
            & (np.asarray(signals.coverage) > np.asarray(signals.rival_coverage)))


def leads(signals: Signals, weights: CardWeights) -> Any:
    """The top's title says ``min_lead_coverage`` of the query, and either keyword retrieval
    ranks it first (the keyword lead) or the rival's title says none of the query (the title
    lead: a rival the vector leg alone brought close, as the IKD page to "urus KTP", is no
    rival by the query's words). Either shows the card whatever the score."""
    rank = signals.keyword_rank
    covers = np.asarray(signals.coverage) >= weights.min_lead_coverage
    keyword = np.asarray(rank if rank is not None else 0) == 1
    alone = np.asarray(signals.rival_coverage) <= 0.0
    return covers & (keyword | alone)


def margin(scores: Sequence[float]) -> float:
    """Relative lead of the first score over the second (1.0 when there is no second)."""
    if not scores or scores[0] <= 0:
        return 0.0
    if len(scores) < 2:
        return 1.0
    return max(0.0, (scores[0] - scores[1]) / scores[0])


class QueryWords:
    """The content words of one analysed query, with their rarity and their readings."""

    def __init__(self, analyzer: Analyzer, analysis: QueryAnalysis,
                 vocabulary: Vocabulary | None, documents: int) -> None:
        self.analyzer = analyzer
        base = analysis.did_you_mean or analysis.normalized
        words = analyzer.words(base)
        if analysis.lang == "en":
            stop = analyzer.lexicon.english_stopwords
            words = [w for w in words if w not in stop]
        self.words = [w for w in dict.fromkeys(words) if w not in FRAME_WORDS]
        counts = vocabulary.counts if vocabulary is not None else {}
        n = max(documents, 1)
        typed = {w: analyzer.analyze_query(w, vocabulary) for w in self.words}
        self.weights = {w: math.log(1 + n / (1 + _pages_writing(w, typed[w], counts)))
                        for w in self.words}
        self.readings: dict[str, list[tuple[str, ...]]] = {}
        self.typed: dict[str, list[tuple[str, ...]]] = {}  # the word's own reading(s)
        known: set[str] = set()
        for w in self.words:
            reading = typed[w]
            self.readings[w] = [t.tokens for t in reading.terms if t.origin != "slang"]
            self.typed[w] = [t.tokens for t in reading.terms if t.origin == "query"]
            expanded = any(t.origin != "query" for t in reading.terms)
            if w in counts or expanded:
                known.add(w)
        # a phrase's reading covers each of its words ("pajak penerangan jalan" -> PBJT)
        # and each of its words is said only with the whole phrase (:meth:`says`)
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        if analysis.lang == "en":
            # a word of an English compound reads as the compound only: "card" of "id
            # card" is the KTP, and a title saying "Kartu" (a library's member card) does
            # not say it; the word as typed still counts
            for phrase, _ in analyzer.glossary_phrases(base):
                for w in phrase:
                    if w in self.readings:
                        self.readings[w] = list(self.typed[w])
        for phrase, expansions in analyzer.phrase_readings(base):
            for w in phrase:
                if w in self.readings:
                    self.readings[w].extend(e for e in expansions if e)
                    self.phrases.setdefault(w, []).append(
                        tuple(p for p in phrase if p in self.readings))
                    # a word a lexicon reads only within the phrase the query says
                    # ("terbelah" of "ktp terbelah" -> ktp rusak) is known as the phrase is
                    if any(expansions):
                        known.add(w)
        total = sum(self.weights.values())
        # exactly, whatever the order of the set (the process's hash seed)
        self.known = math.fsum(self.weights[w] for w in known) / total if total else 0.0

    def coverage(self, title: str) -> float:
        """IDF-weighted share of the content words that ``title`` says, by any reading of
        each word."""
        return self.covered(self.title_tokens(title))

    def covered(self, said: set[str] | frozenset[str], whole: bool = False,
                where: frozenset[str] = frozenset()) -> float:
        """IDF-weighted share of the content words that the tokens ``said`` say, by any
        reading of each word; with ``whole``, a word of a phrase only with its phrase
        (:meth:`says`)."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        covered = sum(self.weights[w] for w in self.words if self.says(w, said, whole, where))
        return covered / total

    def says(self, word: str, said: set[str] | frozenset[str], whole: bool = False,
             where: frozenset[str] = frozenset()) -> bool:
        """Whether the tokens ``said`` say the content word ``word``, by any reading of it.

        With ``whole`` (the answer card's coverage), a word of a phrase the vocabulary reads
        as one ("berat badan", body weight, -> gizi; "kartu keluarga" -> KK) is said only
        where the whole phrase is, by its words or one of its readings: the phrase names one
        thing, and a page saying one of its words alone says something else. "cara
        menurunkan berat badan" (how to lose weight) carded the tax office's "Keberatan atas
        Ketetapan PBB-P2", whose "keberatan" (objection) stems to "berat" (issue #12). A
        word of the phrase that says *where* (``where``: "sipil" of "catatan sipil" in a
        query naming Disdukcapil) need not be said for the others to be."""
        if not self._says(word, said):
            return False
        phrases = self.phrases.get(word) if whole else None
        return not phrases or any(all(self._says(w, said | where) for w in phrase)
                                  for phrase in phrases)

    def _says(self, word: str, said: set[str] | frozenset[str]) -> bool:
        return any(set(r) <= said for r in self.readings[word])

    def covered_as_typed(self, said: set[str] | frozenset[str]) -> float:
        """The same share as :meth:`covered`, each word counted only when ``said`` says it
        as typed, not through a synonym, an old name, a gloss or a neighbour."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        return sum(self.weights[w] for w in self.words
                   if any(set(r) <= said for r in self.typed[w])) / total

    def rarest_said(self, said: set[str] | frozenset[str]) -> bool:
        """Whether ``said`` says the query's rarest content word as typed."""
        if not self.words:
            return False
        rarest = max(self.words, key=lambda w: self.weights[w])
        return any(set(r) <= said for r in self.typed[rarest])

    def by_expansion(self, said: set[str] | frozenset[str]) -> set[tuple[str, ...]]:
        """The expansions through which ``said`` says a word it does not say as typed."""
        return {r for w in self.words if not any(set(t) <= said for t in self.typed[w])
                for r in self.readings[w] if r not in self.typed[w] and set(r) <= said}

    def names(self, title: str) -> bool:
        """Whether the query spells ``title``, a page's whole name ("e pajak kota jambi" for
        "e-Pajak Kota Jambi"): the same content words, none added, none left out (a query
        that only expands to the name, "uji kir" for "Pengujian Berkala ... (Uji KIR)",
        does not name it)."""
        if not self.words or len(title.split()) > 2 * len(self.words) + 2:
            return False
        said = {w for w in self.analyzer.words(title) if w not in FRAME_WORDS}
        return said == set(self.words)

    def title_tokens(self, title: str) -> set[str]:
        """Tokens of a title with its acronyms and old names spelled out."""
        return set(spelled_title_tokens(self.analyzer, title))


def _pages_writing(word: str, reading: QueryAnalysis, counts: dict[str, int]) -> int:
    """How many pages write ``word``; for a form no page writes ("urusnya", "dokumennya"),
    how many write the word it stems to ("urus"): a clitic does not make a common word the
    rarest of the query (it outweighed "hilang" in "ktp ilang gimana urusnya", and the page
    that said "urus" led the one about a lost KTP)."""
    if counts.get(word):
        return counts[word]
    own = next((t.tokens for t in reading.terms if t.origin == "query"), ())
    return counts.get(own[0], 0) if len(own) == 1 else 0


def spelled_title_tokens(analyzer: Analyzer, title: str) -> frozenset[str]:
    """Tokens of a title with its acronyms and old names spelled out (the same for every
    query, so a searcher may keep them)."""
    analysis = analyzer.analyze_query(title)
    return frozenset(tok for t in analysis.terms if t.origin in ("query", "abbreviation")
                     for tok in t.tokens)


def lead_by_coverage(items: list, titles: Sequence[str], words: QueryWords,
                     tie_margin: float) -> list:
    """On a near-tie of the first two (fused score within ``tie_margin``), the one whose title
    covers more of the query leads; where their titles say as much of it, the one both
    retrievers found leads one only keyword or only vector search found ("syarat kk": a short
    copy of "Perubahan Data KK" ranks first on the keywords alone, the new-KK page is found by
    both). ``items`` are (Fused, also_at) pairs; a new list is returned only when the order
    changes."""
    if len(items) < 2 or len(titles) < 2:
        return items
    first, second = items[0][0], items[1][0]
    if margin([first.score, second.score]) >= tie_margin:
        return items
    said_first, said_second = words.coverage(titles[0]), words.coverage(titles[1])
    if said_second > said_first:
        return swap_lead(items, 1, "tie_break")
    if said_second == said_first and _found_by_both(second) and not _found_by_both(first):
        return swap_lead(items, 1, "tie_break")
    return items


def _found_by_both(item: Any) -> bool:
    """Keyword and vector retrieval both ranked ``item`` (a Fused)."""
    return item.keyword_rank is not None and item.vector_rank is not None


def swap_lead(items: list, place: int, reason: str) -> list:
    """``items`` (Fused, also_at) with the one at ``place`` first and the first in its place.
    The two exchange scores, so scores stay in order, and explain reports the swap as a
    ``reason`` multiplier on each."""
    top, other = items[0][0], items[place][0]
    high, low = top.score, other.score
    top.rescore(reason, low)
    other.rescore(reason, high)
    return [items[place], *items[1:place], items[0], *items[place + 1:]]
