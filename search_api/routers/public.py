"""The public API: search, autocomplete, one service, click logging, health, popular.

Everything here is open to anyone and rate limited per client (``search_api.ratelimit``).
Answers from the cache are served straight from the event loop; a search that has to hit
the index runs on the service's search threads so one slow query never blocks the others.
Routes only translate HTTP to the service (``search_api.service``) and back; what they use
comes through the typed dependencies of ``search_api.deps``.

The query-length limit is a setting (``api.max_query_length``): the service checks it, and
``create_app`` writes it into the OpenAPI schema as the ``maxLength`` of ``q``.
"""

from __future__ import annotations

import shutil
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from search_api.deps import (
    AnalyticsDep,
    ClientAddressDep,
    JobsDep,
    LifeEventsDep,
    SearchDep,
    SettingsDep,
    SitesDep,
)
from search_api.life_events import LifeEventsResponse
from search_api.schema import BODY_RESPONSES, whole_number
from search_api.service import IndexUnavailable, SearchRequest
from sikoja.documents import KINDS
from sikoja.results import Result, SearchResponse

Kind = Literal[KINDS]  # type: ignore[valid-type]
DOC_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
# Something besides ASCII whitespace: the same in the schema's regex dialect and the
# server's, so a query the schema calls valid is never answered 422 as empty.
NOT_BLANK = r"[^ \t\n\r\f\v]"
# Less free space than this on the data dir's disk and writes are about to fail.
LOW_DISK_BYTES = 8 * 1024 * 1024


class SuggestResponse(BaseModel):
    query: str
    suggestions: list[str] = Field(description="service and app names, then popular queries")


class ClickIn(BaseModel):
    query: str = Field(description="the query whose results were shown", min_length=1)
    id: str = Field(description="id of the result opened", pattern=DOC_ID_PATTERN)
    url: str | None = Field(None, max_length=2048, description="URL of the result opened")
    position: whole_number(1, 1000) | None = Field(  # type: ignore[valid-type]
        None, description="1-based rank on the page (an integer)")


class IndexHealth(BaseModel):
    version: str | None = None
    built_at: str | None = None
    age_seconds: float | None = None
    documents: int = 0
    embedder: str | None = None


class HealthResponse(BaseModel):
    status: Literal["ok", "degraded", "no_index"] = Field(
        description="degraded: searches are answered but something cannot be saved or read; "
                    "problems says what")
    problems: list[str] = Field(default_factory=list,
                                description="why the service is degraded, e.g. a full disk")
    reason: str | None = Field(
        None, description="the problems in one line (e.g. the index version that was found "
                          "damaged and set aside, while an older intact one serves)")
    index: IndexHealth | None = None
    sources: list[dict[str, Any]] = Field(
        default_factory=list,
        description="per crawl source: pages fetched, errors by kind, response times, last "
                    "successful crawl")
    job: dict[str, Any] | None = Field(None, description="the crawl or reindex running now")


class PopularService(BaseModel):
    id: str
    title: str
    url: str
    opd: str
    kind: str


class PopularResponse(BaseModel):
    queries: list[str]
    services: list[PopularService]


too_long = {422: {"description": "invalid parameters, e.g. a query over the length limit "
                                 "(api.max_query_length)"}}
limited = {429: {"description": "too many requests from this client; see Retry-After"}}
no_index = {503: {"description": "no index has been built yet"}}

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchResponse,
            responses={**too_long, **limited, **no_index},
            summary="Search public services, apps and pages")
async def search(
    service: SearchDep,
    address: ClientAddressDep,
    q: Annotated[str, Query(min_length=1, pattern=NOT_BLANK,
                            description="what the citizen typed, e.g. 'urus KTP'")],
    limit: Annotated[int, Query(ge=1, le=50, description="results per page")] = 10,
    page: Annotated[int, Query(ge=1, le=100, description="1-based result page")] = 1,
    opd: Annotated[list[str], Query(description="only these OPDs (repeatable)")] = [],  # noqa: B006
    kind: Annotated[list[Kind], Query(description="only these kinds (repeatable)")] = [],  # noqa: B006
    explain: Annotated[bool, Query(description="add per-result score details")] = False,
    record: Annotated[bool, Query(description="count this search in the query analytics "
                                  "(false for a page's own helper lookups)")] = True,
) -> Response:
    """Best match first. The answer card spells out the top service (requirements, cost,
    duration, where, online link); ``did_you_mean`` offers a corrected query; ``facets``
    count results per OPD and kind for filtering. Snippets are HTML-escaped text whose
    only markup is ``<mark>`` around matched words."""
    outcome = await service.answer(SearchRequest(
        q=q, limit=limit, page=page, opd=list(opd), kind=list(kind), explain=explain,
        record=record, client_address=address))
    return Response(content=outcome.body, media_type="application/json",
                    headers={"X-Sikoja-Cache": "hit" if outcome.cached else "miss"})


@router.get("/suggest", response_model=SuggestResponse, responses={**too_long, **limited},
            summary="Autocomplete while typing")
async def suggest(
    service: SearchDep,
    q: Annotated[str, Query(description="what has been typed so far")],
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> SuggestResponse:
    """Service and app names whose words start with the typed words, then queries many
    citizens searched for. Cached; answers in well under 20 ms."""
    try:
        # cached, else a scan of names: quicker than a thread hop
        hit = service.suggest(q, limit)
    except IndexUnavailable:
        hit = []
    return SuggestResponse(query=q, suggestions=hit)


@router.get("/services/{doc_id}", response_model=Result,
            responses={404: {"description": "no such service"}, **limited, **no_index},
            summary="One service, app or page with its fields and source")
async def service_detail(
    service: SearchDep,
    doc_id: Annotated[str, Path(pattern=DOC_ID_PATTERN, description="the result's id")],
) -> Result:
    """The stored record of one result: ``fields`` holds the service's requirements,
    procedure, cost, duration, location and online link as crawled; ``url`` is the page
    it came from."""
    result = await run_in_threadpool(service.get_document, doc_id)
    if result is None:
        raise HTTPException(404, detail="no service with this id")
    return result


@router.post("/click", status_code=204, responses={**too_long, **limited, **BODY_RESPONSES},
             summary="Record which result a citizen opened")
async def click(service: SearchDep, address: ClientAddressDep, body: ClickIn) -> Response:
    """For analytics only (click-through per query); nothing personal is stored."""
    service.record_click(body.query, doc_id=body.id, url=body.url, position=body.position,
                         client_address=address)
    return Response(status_code=204)


@router.get("/health", response_model=HealthResponse,
            responses={503: {"model": HealthResponse, "description": "no index yet"}},
            summary="Index age, document count and crawl health per source")
async def health(service: SearchDep, sites: SitesDep, jobs: JobsDep, analytics: AnalyticsDep,
                 settings: SettingsDep, response: Response) -> HealthResponse:
    await service.refresh_if_due()
    info = await run_in_threadpool(service.info)
    per_source = await run_in_threadpool(sites.sites)
    running = await run_in_threadpool(jobs.running)
    problems = await run_in_threadpool(_problems, analytics, sites, jobs, settings)
    if info is None or info.get("version") is None:
        response.status_code = 503
        index = None
    else:
        index = IndexHealth(
            version=str(info.get("version")), built_at=_str(info.get("built_at")),
            age_seconds=info.get("age_seconds"), documents=int(info.get("documents") or 0),
            embedder=_str(info.get("embedder")))
    damaged = (info or {}).get("damaged") or []
    if damaged:
        problems.insert(0, "index damaged, set aside until 'sikoja index' rebuilds it: "
                        + "; ".join(damaged))
    return HealthResponse(
        status=("degraded" if problems else "ok") if index else "no_index",
        problems=problems, reason="; ".join(problems) or None, index=index,
        sources=[{k: v for k, v in s.items() if k != "last_success_ts"} for s in per_source],
        job=running.model_dump(include={"id", "kind", "state", "started_at"})
        if running else None)


@router.get("/life-events", response_model=LifeEventsResponse, responses=limited,
            summary="Life events and their services, for citizens who do not know the words")
async def life_events_route(service: SearchDep, life_events: LifeEventsDep
                            ) -> LifeEventsResponse:
    """Kelahiran, pindah, menikah, kematian, usaha, sekolah, kesehatan, pengaduan: each
    with the services the index finds for it (``life_events.yaml``; an admin may put
    their own in the data dir). Empty before an index exists."""
    await service.refresh_if_due()
    events = await run_in_threadpool(life_events.events, service)
    return LifeEventsResponse(events=events)


@router.get("/popular", response_model=PopularResponse, responses=limited,
            summary="What citizens search for and open most")
async def popular(service: SearchDep) -> PopularResponse:
    """Shown when a search finds nothing. Only queries and services that several
    different visitors searched for or opened are listed."""
    try:
        services = await run_in_threadpool(service.popular_services)
    except IndexUnavailable:
        services = []
    queries = await run_in_threadpool(service.popular_queries)
    return PopularResponse(queries=queries[:10],
                           services=[PopularService(**s) for s in services])


def _problems(analytics: AnalyticsDep, sites: SitesDep, jobs: JobsDep,
              settings: SettingsDep) -> list[str]:
    """What keeps a serving instance from saving or reading its data: a (nearly) full disk,
    failed analytics writes, an unreadable crawl store or job list. Called after
    ``jobs.running()`` and ``sites.sites()``, whose last attempt it reports."""
    found = [p for p in (analytics.write_problem(), sites.problem, jobs.problem) if p]
    try:
        free = shutil.disk_usage(settings.data_dir).free
    except OSError:
        free = None
    if free is not None and free < LOW_DISK_BYTES:
        found.insert(0, f"the data dir's disk is full ({free // 1024} KiB free): analytics, "
                        "crawls and reindexing cannot be saved")
    return found


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
