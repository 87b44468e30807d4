"""When to show the answer card, and which of two near-tied services should lead.

The card ("Layanan yang paling sesuai") tells a citizen what to bring and where to go, so a
wrong card does more harm than none: "bikin sim" once showed the nurse's licence with its
requirements. The card is shown only when the top result clearly wins, judged from signals
measured on the ranked results (calibrated on eval/devset.tsv and eval/out_of_scope.tsv,
see BENCHMARKS.md):

- **coverage**: how much of the query the top result's title says, each content word weighted
  by its rarity in the index (IDF), so "kk" in "kk hilang" counts more than "hilang". A word
  is covered by itself or by one of its own readings (``KK`` <-> "kartu keluarga", an English
  word's Indonesian gloss, a synonym), and the title is read with its acronyms expanded;
- **known**: the same weighted share of the query's content words that the index knows at all
  (its vocabulary, a typo correction or an expansion of the word); gibberish knows nothing;
- **margin**: how far the top result's fused score is ahead of the next one;
- **agreement**: keyword and vector retrieval both rank the top result near the top;
- **keyword lead**: keyword retrieval ranks it first and its title says all of the query
  ("kk hilang gimana" -> "KK Hilang"), however close the fused scores are.

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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis
    from indexer.analysis.vocabulary import Vocabulary
    from indexer.fusion import Fused
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


@dataclass
class CardRules:
    """Thresholds of the card decision (RankingConfig carries the calibrated values)."""

    min_coverage: float
    min_text_coverage: float  # the same share said anywhere on the page, with a clear lead
    min_known: float
    min_margin: float
    agree_rank: int  # both retrievals rank the top result at most this: clear enough
    tie_margin: float  # relative gap below which the better-covering result leads
    # keyword retrieval's first, its title covering this much of the query: clear enough
    min_lead_coverage: float = 2.0

    @classmethod
    def of(cls, ranking: RankingConfig) -> CardRules:
        """The calibrated thresholds a deployment's ranking settings carry."""
        return cls(ranking.card_min_coverage, ranking.card_min_text_coverage,
                   ranking.card_min_known, ranking.card_min_margin, ranking.card_agree_rank,
                   ranking.tie_margin, ranking.card_min_lead_coverage)


@dataclass
class Signals:
    coverage: float
    text_coverage: float
    known: float
    margin: float
    agree: bool
    keyword_rank: int | None = None
    vector_rank: int | None = None

    def as_dict(self) -> dict[str, float | int | bool | None]:
        return {"coverage": round(self.coverage, 3),
                "text_coverage": round(self.text_coverage, 3), "known": round(self.known, 3),
                "margin": round(self.margin, 4), "agree": self.agree,
                "keyword_rank": self.keyword_rank, "vector_rank": self.vector_rank}


def decide(signals: Signals, rules: CardRules) -> Any:
    """Show the card: the index knows the query, the top result stands out (ahead by a
    margin, near the top for both keyword and vector retrieval, or keyword retrieval's first
    with a title that says the query), and its title says the query, or its page says all
    of it. A bool for one query's signals; with numpy arrays as the signals, an array of
    the decisions for many queries at once (how bench/answer_card.py calibrates)."""
    keyword_lead = (signals.keyword_rank == 1) & (signals.coverage >= rules.min_lead_coverage)
    clear_lead = (signals.margin >= rules.min_margin) | signals.agree | keyword_lead
    says = ((signals.coverage >= rules.min_coverage)
            | (signals.text_coverage >= rules.min_text_coverage))
    return (signals.known >= rules.min_known) & clear_lead & says


def margin(scores: Sequence[float]) -> float:
    """Relative lead of the first score over the second (1.0 when there is no second)."""
    if not scores or scores[0] <= 0:
        return 0.0
    if len(scores) < 2:
        return 1.0
    return max(0.0, (scores[0] - scores[1]) / scores[0])


def agrees(item: Fused, agree_rank: int) -> bool:
    ranks = (item.keyword_rank, item.vector_rank)
    return all(r is not None and r <= agree_rank for r in ranks)


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
        self.weights = {w: math.log(1 + n / (1 + counts.get(w, 0))) for w in self.words}
        self.readings: dict[str, list[tuple[str, ...]]] = {}
        known = 0.0
        for w in self.words:
            reading = analyzer.analyze_query(w, vocabulary)
            self.readings[w] = [t.tokens for t in reading.terms if t.origin != "slang"]
            expanded = any(t.origin != "query" for t in reading.terms)
            if w in counts or expanded:
                known += self.weights[w]
        total = sum(self.weights.values())
        self.known = known / total if total else 0.0

    def coverage(self, title: str) -> float:
        """IDF-weighted share of the content words that ``title`` says, by any reading of
        each word."""
        return self.covered(self.title_tokens(title))

    def covered(self, said: set[str] | frozenset[str]) -> float:
        """IDF-weighted share of the content words that the tokens ``said`` say, by any
        reading of each word."""
        total = sum(self.weights.values())
        if not total:
            return 0.0
        covered = sum(self.weights[w] for w in self.words
                      if any(set(r) <= said for r in self.readings[w]))
        return covered / total

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
        analysis = self.analyzer.analyze_query(title)
        return {tok for t in analysis.terms if t.origin in ("query", "abbreviation")
                for tok in t.tokens}


def lead_by_coverage(items: list, titles: Sequence[str], words: QueryWords,
                     tie_margin: float) -> list:
    """On a near-tie of the first two (fused score within ``tie_margin``), the one whose title
    covers more of the query leads. ``items`` are (Fused, also_at) pairs; a new list is
    returned only when the order changes."""
    if len(items) < 2 or len(titles) < 2:
        return items
    first, second = items[0][0], items[1][0]
    if margin([first.score, second.score]) >= tie_margin:
        return items
    if words.coverage(titles[1]) > words.coverage(titles[0]):
        # scores stay in order; explain reports the swap as a "tie_break" multiplier
        high, low = first.score, second.score
        first.rescore("tie_break", low)
        second.rescore("tie_break", high)
        return [items[1], items[0], *items[2:]]
    return items
