"""Life events for the home page: a way in for citizens who do not know the words.

Someone whose child was just born does not know to type "akta kelahiran"; they know what
happened. Each event (``life_events.yaml``, or ``DIR/life_events.yaml`` when an admin
wrote one) lists searches, and the services shown are what the index answers for them
(services and apps only, one per near-duplicate group as search shows it), so the list
follows the crawled web and names no page itself. Worked out once per index version.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from indexer.backend import Filters
from search_api.live_index import IndexUnavailable
from search_api.service import SearchService

log = logging.getLogger(__name__)

DEFAULT_FILE = Path(__file__).with_name("life_events.yaml")
SERVICES_PER_QUERY = 1  # the best answer only: a second one is often off the event
SERVICES_PER_EVENT = 6


class EventService(BaseModel):
    id: str
    title: str
    opd: str
    kind: str
    url: str


class LifeEvent(BaseModel):
    key: str
    label: dict[str, str] = Field(description="the event's name by language: id, en")
    query: str = Field(description="a search that shows all of the event's services")
    services: list[EventService]


class LifeEventsResponse(BaseModel):
    events: list[LifeEvent]


def load_events(data_dir: Path) -> list[dict[str, Any]]:
    """The events of DIR/life_events.yaml, else the bundled ones; a broken file is logged
    and the bundled list used, so the home page never breaks on an admin's typo."""
    for path in (Path(data_dir) / "life_events.yaml", DEFAULT_FILE):
        if not path.is_file():
            continue
        try:
            events = yaml.safe_load(path.read_text(encoding="utf-8"))["events"]
            return [{"key": str(e["key"]), "label": {k: str(v) for k, v in e["label"].items()},
                     "queries": [str(q) for q in e["queries"]]} for e in events]
        except (yaml.YAMLError, KeyError, TypeError, AttributeError):
            log.exception("%s is not a valid life events file", path.name)
    return []


class LifeEvents:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._cached: tuple[int | None, list[LifeEvent]] = (None, [])
        self._lock = threading.Lock()

    def events(self, service: SearchService) -> list[LifeEvent]:
        with self._lock:
            generation = service.generation
            if self._cached[0] == generation:
                return self._cached[1]
            try:
                events = self._build(service)
            except IndexUnavailable:
                return []
            self._cached = (generation, events)
            return events

    def _build(self, service: SearchService) -> list[LifeEvent]:
        searcher = service.searcher()
        only = Filters(kind=["service", "app"])
        out = []
        for event in load_events(self.data_dir):
            services: dict[str, EventService] = {}
            for query in event["queries"]:
                wanted = set(searcher.analyzer.index_tokens(query))
                for r in searcher.search(query, limit=SERVICES_PER_QUERY, filters=only).results:
                    # a city without the service must not get a look-alike ("akta
                    # kematian" -> Akta Kelahiran): the name says most of the search's words
                    said = wanted & set(searcher.analyzer.index_tokens(r.title))
                    if 2 * len(said) > len(wanted):
                        services.setdefault(r.id, EventService(
                            id=r.id, title=r.title, opd=r.opd, kind=r.kind, url=r.url))
            if services:
                out.append(LifeEvent(key=event["key"], label=event["label"],
                                     query=event["queries"][0],
                                     services=list(services.values())[:SERVICES_PER_EVENT]))
        return out
