"""The admin API under /admin/api/: every route needs an API key (``AdminDep``).

Synonyms and best bets change answers immediately: after an edit the response caches are
emptied, so the next search uses them. Crawl and reindex run as background jobs, one at a
time (``search_api.jobs``); a finished reindex is picked up by the running searcher.

The schema says what each route answers: 401/403 for keys, 400 for a request whose shape is
right but whose meaning is not (a synonym line that is not a rule, an unknown version, no
sources file), 404 for an unknown id. Bodies are typed strictly (``true`` is not 1, ``"yes"``
is not ``true``) so that what the schema calls invalid is refused.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field, StrictBool
from starlette.convertors import Convertor, register_url_convertor

from indexer.analysis import Analyzer
from indexer.bestbets import BestBet
from search_api.analytics import QueryReport
from search_api.deps import (
    AdminDep,
    AnalyticsDep,
    BestBetsDep,
    JobsDep,
    SearchDep,
    SettingsDep,
    SitesDep,
    SynonymsDep,
    VocabularyDep,
)
from search_api.jobs import Job, scrub_paths
from search_api.live_index import IndexUnavailable
from search_api.schema import BODY_RESPONSES, MAX_ID, whole_number


class _RuleConvertor(Convertor[str]):
    """A synonym rule in a URL path: it has two terms (``a, b`` or ``a => b``), so
    ``/synonyms/export`` and the other fixed paths are never taken for a rule to delete (and
    their ``Allow`` headers do not list DELETE)."""

    regex = r".*?(?:,|=>).*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("rule", _RuleConvertor())


class BestBetIn(BaseModel):
    query: str = Field(min_length=1, max_length=200)
    url: str = Field(min_length=1, max_length=2048)
    start: date | None = None
    end: date | None = None
    why: str = Field("", max_length=500)


class CrawlIn(BaseModel):
    sources: list[str] = Field(default_factory=list,
                               description="names from the sources file; empty for all")
    reindex: StrictBool = Field(True, description="rebuild the index when the crawl is done")


class ReindexIn(BaseModel):
    full: StrictBool = Field(False, description="re-analyse every document, not only changed ones")


class SynonymIn(BaseModel):
    rule: str | None = Field(None, max_length=2000,
                             description="a rule line: `kk, kartu keluarga` or `imb => pbg`")
    terms: list[str] | None = Field(None, max_length=50,
                                    description="or: words or phrases that mean the same")
    why: str = Field(min_length=1, max_length=500, description="why the change is made")


class SynonymImport(BaseModel):
    text: str = Field(max_length=5_000_000, description="synonym lines, as `export` writes them")
    replace: StrictBool = Field(False, description="replace every rule instead of adding to them")
    why: str = Field(min_length=1, max_length=500)


class Rollback(BaseModel):
    version: whole_number()  # type: ignore[valid-type]
    why: str = Field(min_length=1, max_length=500)


class StatusResponse(BaseModel):
    key: str = Field(description="name of the API key used")
    index: dict[str, Any] | None
    job: Job | None
    caches: dict[str, int]


ADMIN_RESPONSES: dict[int | str, dict[str, Any]] = {
    **BODY_RESPONSES,
    400: {"description": "the request cannot be carried out as asked (detail says why), or "
                         "its body is not valid JSON"},
    401: {"description": "no API key, or an unknown one"},
    403: {"description": "the API key has been revoked"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such id"}}


router = APIRouter(prefix="/admin/api", tags=["admin"], responses=ADMIN_RESPONSES)

@router.get("/status", response_model=StatusResponse, summary="Index, job and cache state")
def status(key: AdminDep, service: SearchDep, jobs: JobsDep, settings: SettingsDep
           ) -> StatusResponse:
    info = service.info()
    if info is not None:  # index metadata is for people: never a path of this machine
        info = {k: scrub_paths(v, settings.data_dir) if isinstance(v, str) else v
                for k, v in info.items()}
    return StatusResponse(
        key=key.name, index=info, job=jobs.running(),
        caches={"search": len(service.search_cache), "suggest": len(service.suggest_cache)})


# -- synonyms --------------------------------------------------------------------


@router.get("/synonyms", summary="The synonym rules in force")
def synonyms_list(key: AdminDep, synonyms: SynonymsDep) -> list[dict[str, Any]]:
    return synonyms.list()


@router.post("/synonyms", status_code=201, summary="Add a synonym rule")
def synonyms_add(body: SynonymIn, key: AdminDep, synonyms: SynonymsDep,
                 service: SearchDep) -> dict[str, Any]:
    """Either ``rule`` as a line (``kk, kartu keluarga`` or ``imb => pbg``) or ``terms``
    that all mean the same. Applies to the next search; returns the new version."""
    result = synonyms.add(rule=body.rule, terms=body.terms, who=key.name, why=body.why)
    service.answers_changed()
    return result


@router.post("/synonyms/import", summary="Import synonym lines (all or nothing)")
def synonyms_import(body: SynonymImport, key: AdminDep, synonyms: SynonymsDep,
                    service: SearchDep) -> dict[str, Any]:
    """A text with a bad line changes nothing and the answer lists every problem."""
    result = synonyms.import_text(body.text, replace=body.replace, who=key.name, why=body.why)
    service.answers_changed()
    return result


@router.get("/synonyms/export", response_class=PlainTextResponse,
            summary="The synonym rules as a text file")
def synonyms_export(
    key: AdminDep, synonyms: SynonymsDep,
    version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> PlainTextResponse:
    return PlainTextResponse(synonyms.export_text(version))


@router.get("/synonyms/history", summary="Versions of the synonym rules, newest first")
def synonyms_history(key: AdminDep, synonyms: SynonymsDep,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[dict[str, Any]]:
    return synonyms.history(limit=limit)


@router.post("/synonyms/rollback", summary="Make an earlier version current again")
def synonyms_rollback(body: Rollback, key: AdminDep, synonyms: SynonymsDep,
                      service: SearchDep) -> dict[str, Any]:
    result = synonyms.rollback(body.version, who=key.name, why=body.why)
    service.answers_changed()
    return result


@router.delete("/synonyms/{rule:rule}", responses=NOT_FOUND,
               summary="Remove a synonym rule by its text")
def synonyms_remove(rule: str, key: AdminDep, synonyms: SynonymsDep, service: SearchDep,
                    why: Annotated[str, Query(min_length=1, max_length=500)]
                    ) -> dict[str, Any]:
    result = synonyms.remove(rule, who=key.name, why=why)
    service.answers_changed()
    return result


@router.get("/synonyms/candidates", summary="Synonym candidates mined from the pages")
async def synonyms_candidates(
    key: AdminDep, service: SearchDep, synonyms: SynonymsDep, vocabulary: VocabularyDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    kind: Annotated[str | None, Query(
        pattern="^(page-name|same-service|app-name|one-slot)$")] = None,
) -> list[dict[str, Any]]:
    """Pairs of terms the crawled pages use for one thing, best first, each with the
    pages that show it: names pages define ("Surat Izin Tempat Usaha (SITU)"), one
    service named differently by its OPD and by Mal Pelayanan Publik, a catalog's app
    name against its page's title, titles of different sites differing in one word.
    Nothing applies until approved with ``POST /synonyms``; pairs the search already
    joins are left out."""
    try:
        analyzer = (await run_in_threadpool(service.searcher)).analyzer
    except IndexUnavailable:
        analyzer = Analyzer(synonyms=synonyms.store)
    return await run_in_threadpool(vocabulary.list, analyzer, limit=limit, kind=kind)


# -- best bets -------------------------------------------------------------------


@router.get("/bestbets", response_model=list[BestBet], summary="List best bets")
def bestbets_list(key: AdminDep, bestbets: BestBetsDep) -> list[BestBet]:
    return bestbets.list()


@router.post("/bestbets", status_code=201, response_model=BestBet,
             summary="Pin a URL to the top of a query")
def bestbets_add(body: BestBetIn, key: AdminDep, bestbets: BestBetsDep,
                 service: SearchDep) -> BestBet:
    bet_id = bestbets.add(body.query, body.url, start=body.start, end=body.end, who=key.name,
                          why=body.why)
    service.answers_changed()
    return next(b for b in bestbets.list() if b.id == bet_id)


@router.delete("/bestbets/{bet_id:int}", status_code=204, responses=NOT_FOUND,
               summary="Remove a best bet")
def bestbets_remove(bet_id: Annotated[int, Path(le=MAX_ID)], key: AdminDep,
                    bestbets: BestBetsDep, service: SearchDep) -> None:
    if not bestbets.remove(bet_id, who=key.name):
        raise HTTPException(404, detail=f"no best bet with id {bet_id}")
    service.answers_changed()


# -- crawl and reindex -------------------------------------------------------------


@router.post("/jobs/crawl", status_code=202, response_model=Job,
             responses={409: {"description": "a job is already running"}},
             summary="Start a crawl (then a reindex) in the background")
def jobs_crawl(body: CrawlIn, key: AdminDep, jobs: JobsDep) -> Job:
    return jobs.start("crawl", {"sources": body.sources, "reindex": body.reindex},
                      who=key.name)


@router.post("/jobs/reindex", status_code=202, response_model=Job,
             responses={409: {"description": "a job is already running"}},
             summary="Start a reindex in the background")
def jobs_reindex(body: ReindexIn, key: AdminDep, jobs: JobsDep) -> Job:
    return jobs.start("reindex", {"full": body.full}, who=key.name)


@router.get("/jobs", response_model=list[Job], summary="Recent jobs, newest first")
def jobs_list(key: AdminDep, jobs: JobsDep,
              limit: Annotated[int, Query(ge=1, le=100)] = 10) -> list[Job]:
    return jobs.recent(limit)


@router.get("/jobs/{job_id:int}", response_model=Job, responses=NOT_FOUND,
            summary="One job's status and progress")
def jobs_get(job_id: Annotated[int, Path(le=MAX_ID)], key: AdminDep, jobs: JobsDep) -> Job:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, detail=f"no job with id {job_id}")
    return job


# -- crawl health and analytics --------------------------------------------------


@router.get("/sites", summary="Crawl health per source")
def sites(key: AdminDep, sites: SitesDep) -> list[dict[str, Any]]:
    return [{k: v for k, v in s.items() if k != "last_success_ts"}
            for s in sites.sites(fresh=True)]


@router.get("/analytics/queries", response_model=QueryReport,
            summary="Top, zero-result and low click-through queries, with suggestions")
async def analytics_queries(
    key: AdminDep, service: SearchDep, analytics: AnalyticsDep,
    days: Annotated[int, Query(ge=1, le=365)] = 30,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> QueryReport:
    try:
        await run_in_threadpool(service.searcher)
        lookup = service
    except IndexUnavailable:
        lookup = None
    return await run_in_threadpool(analytics.report, days=days, limit=limit, lookup=lookup)
