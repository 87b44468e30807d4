"""What a route needs, as typed FastAPI dependencies: ``SearchDep``, ``SettingsDep`` ...

``create_app`` builds each part of the server once and keeps it on ``app.state``; this is
the only module that reads it there. A route names what it uses in its signature
(``search: SearchDep``), so its needs are visible and a test can replace any part with
``app.dependency_overrides[get_search] = lambda: other_service``.

``AdminDep`` is the admin's API key: none or an unknown key is 401, a revoked key 403 (see
``search_api.security`` for how the key is read from the request).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials

from indexer.bestbets import BestBetStore
from search_api.analytics import Analytics
from search_api.assets import Pages
from search_api.jobs import JobRunner
from search_api.keys import ApiKey, KeyCheck, check_key
from search_api.life_events import LifeEvents
from search_api.metrics import Metrics
from search_api.ratelimit import client_address
from search_api.security import api_key_header, bearer_token
from search_api.service import SearchService
from search_api.sites import SiteHealthReader
from search_api.synonym_admin import SynonymAdmin
from search_api.vocabulary import VocabularyCandidates
from sikoja.config import Settings

T = TypeVar("T")


def _part(name: str, kind: type[T]) -> Callable[[Request], T]:
    """The dependency giving the app's ``name`` part (a ``kind``), as ``create_app`` made it."""

    def get(request: Request) -> T:
        return getattr(request.app.state, name)

    get.__name__ = get.__qualname__ = f"get_{name}"
    return get


get_settings = _part("settings", Settings)
get_search = _part("search", SearchService)
get_analytics = _part("analytics", Analytics)
get_metrics = _part("metrics", Metrics)
get_sites = _part("sites", SiteHealthReader)
get_jobs = _part("jobs", JobRunner)
get_bestbets = _part("bestbets", BestBetStore)
get_synonyms = _part("synonyms", SynonymAdmin)
get_vocabulary = _part("vocabulary", VocabularyCandidates)
get_life_events = _part("life_events", LifeEvents)
get_pages = _part("pages", Pages)

SettingsDep = Annotated[Settings, Depends(get_settings)]
SearchDep = Annotated[SearchService, Depends(get_search)]
AnalyticsDep = Annotated[Analytics, Depends(get_analytics)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
SitesDep = Annotated[SiteHealthReader, Depends(get_sites)]
JobsDep = Annotated[JobRunner, Depends(get_jobs)]
BestBetsDep = Annotated[BestBetStore, Depends(get_bestbets)]
SynonymsDep = Annotated[SynonymAdmin, Depends(get_synonyms)]
VocabularyDep = Annotated[VocabularyCandidates, Depends(get_vocabulary)]
LifeEventsDep = Annotated[LifeEvents, Depends(get_life_events)]
PagesDep = Annotated[Pages, Depends(get_pages)]


def get_client_address(request: Request, settings: SettingsDep) -> str:
    """The client's address (behind a trusted proxy, the hop it added): analytics turn it
    into a day's visitor token and never store it."""
    return client_address(request.scope, trust_proxy_headers=settings.api.trust_proxy_headers)


ClientAddressDep = Annotated[str, Depends(get_client_address)]


def require_admin(
    settings: SettingsDep,
    api_key: Annotated[str | None, Security(api_key_header)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_token)],
) -> ApiKey:
    """The admin's key, or 401 (missing or unknown) / 403 (revoked)."""
    plain = (api_key or (bearer.credentials if bearer else None) or "").strip()
    if not plain:
        raise HTTPException(
            status_code=401,
            detail="an admin API key is required: send it in X-API-Key or "
                   "Authorization: Bearer",
            headers={"WWW-Authenticate": "Bearer"})
    if any(c.isspace() for c in plain):
        raise HTTPException(status_code=401, detail="unknown API key",
                            headers={"WWW-Authenticate": "Bearer"})
    status, key = check_key(settings.data_dir, plain)
    if status is KeyCheck.REVOKED:
        raise HTTPException(status_code=403, detail="this API key has been revoked")
    if status is not KeyCheck.VALID or key is None:
        raise HTTPException(status_code=401, detail="unknown API key",
                            headers={"WWW-Authenticate": "Bearer"})
    return key


AdminDep = Annotated[ApiKey, Depends(require_admin)]
