"""What a search returns, shared by the index backends, the CLI and the API.

The JSON contract ``{"query": ..., "results": [{"url", "title", "opd", "kind", "snippet",
"score", ...}]}`` is these models serialised; fields are only ever added.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Explain(BaseModel):
    """How a result got its score. Unless ``pinned``, ``score`` is ``fused_score`` times
    every multiplier in ``boosts``: the part of each prior applied after fusion (none for a
    page the query names whole), ``tie_break`` when a near tie was decided by the title,
    ``office`` when the office the query names took a near tie, and ``desk`` when a query
    telling trouble put the office's complaint desk first (indexer/desks.py).
    ``priors`` are the whole kind and listing priors, of which
    ``ranking.prior_signal_share`` acted on the retrievers' scores before fusion. A result
    standing for near-duplicates that ranks by a copy's score names that copy in
    ``score_from``; its fused score and boosts are the copy's, with ``copy_weight``."""

    keyword_score: float | None = None
    keyword_rank: int | None = None
    # the page's cosine to the query vector; to the query's vector moved towards its first
    # results' vectors when the query was searched again by it (``analysis.vector_fed``)
    vector_score: float | None = None
    vector_rank: int | None = None
    # a page the keywords found that the vector side did not return: its rank after those
    # it did, which counted in the fusion (vector_score is then its cosine)
    vector_rank_past: int | None = None
    fused_score: float
    boosts: dict[str, float] = Field(default_factory=dict)
    priors: dict[str, float] = Field(default_factory=dict)
    score_from: str | None = None  # URL of the near-duplicate whose score this carries
    # "best_bet", "place", "home", "listing" or "file": first, whatever its score
    pinned: str | None = None


class Result(BaseModel):
    url: str
    title: str
    opd: str
    kind: str
    snippet: str  # HTML-escaped text, matches wrapped in <mark>
    score: float
    id: str  # stable id of the document (for /api/services/{id})
    source: str = ""
    also_at: list[str] = Field(default_factory=list)  # near-duplicates collapsed into this one
    best_bet: bool = False
    fields: dict[str, Any] = Field(default_factory=dict)
    explain: Explain | None = None


class ServiceCopy(BaseModel):
    """The card's service as another office publishes it: where else a citizen can get it."""

    title: str
    opd: str
    url: str


class AnswerCard(BaseModel):
    """The top result, spelled out: what a citizen needs to act.

    ``kind`` says which fields it carries: "service" (requirements, procedure, cost, ...;
    a service stored without them, a post its site lists as a service, says the page's lead
    sentence in ``description`` instead: indexer/cards.py), "app" (``opd`` provides it;
    platform, description, ``url`` opens it) or "contact" (an OPD's address, phone, opening
    hours and email, for "where/when/what number" questions).
    """

    id: str
    url: str
    title: str
    opd: str
    kind: str = "service"
    requirements: list[str] = Field(default_factory=list)
    procedure: list[str] = Field(default_factory=list)
    cost: str | None = None
    duration: str | None = None
    location: str | None = None
    online_url: str | None = None
    legal_basis: str | None = None
    platform: str | None = None  # app
    description: str | None = None  # app; service without fields: its lead sentence
    address: str | None = None  # contact
    phone: str | None = None  # contact
    hours: str | None = None  # contact
    email: str | None = None  # contact
    # the same service at other offices among the results (a Mal Pelayanan Publik counter,
    # a kecamatan's page of the dinas's service), best first: the card would answer alike
    also_at: list[ServiceCopy] = Field(default_factory=list)


class ExternalNote(BaseModel):
    """A service the city does not provide (SIM, paspor, BPJS, ...): who does, and where."""

    id: str
    name: str
    provider: str
    url: str
    note: str  # Indonesian
    note_en: str | None = None


class QueryInfo(BaseModel):
    normalized: str = ""
    lang: str = "id"
    expansions: list[str] = Field(default_factory=list)
    card: dict[str, Any] | None = None  # with explain: the answer card's signals
    vector_weight: float | None = None  # with explain: the fusion's vector weight used
    # with explain: True when the query was searched by vectors again, its vector moved
    # towards its first results' vectors (semantic.vector_feedback); the vector scores
    # and ranks are then the second search's
    vector_fed: bool | None = None
    unfamiliar: list[str] | None = None  # with explain, adaptive weight: words new to sikoja


class SearchResponse(BaseModel):
    query: str
    results: list[Result]
    total: int = 0
    page: int = 1
    limit: int = 10
    did_you_mean: str | None = None
    answer: AnswerCard | None = None
    external: ExternalNote | None = None  # the query names a service the city does not provide
    facets: dict[str, dict[str, int]] = Field(default_factory=dict)
    analysis: QueryInfo = Field(default_factory=QueryInfo)
    took_ms: float = 0.0
