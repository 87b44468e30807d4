"""The sources file: which OPD websites and app catalogs to crawl.

```yaml
sources:
  - name: disdukcapil
    opd: Dinas Kependudukan dan Pencatatan Sipil
    kind: website            # or app-catalog (with url: pointing to JSON, CSV or an HTML table)
    start_urls: ["https://disdukcapil.jambikota.go.id/"]
```

Optional per-source keys (website): ``allowed_hosts``, ``obey_robots`` (default true),
``max_depth``, ``max_pages``, ``delay`` (seconds between requests to one host),
``concurrency`` (requests at once per host), ``use_sitemap`` (default true), ``prefixes``.

Several sources on one host (a WordPress multisite's ``https://jambikota.go.id/dinkes/`` and
``/disdik/``, a portal's ``/opd/dinsos/``) split it by path: ``share_hosts`` gives each the
folder of its start URLs there as its ``prefixes`` (or keeps the ones written for it) and the
other sources' as its ``foreign_prefixes``; ``crawler.downloadermiddlewares.offsite`` keeps
each crawl to its part. A source alone on its host keeps the whole host; alone in a crawl it is
not (``select_sources``: the split is the whole file's). One site is one host with or without
``www.``, on http or https (``site_path``), as the crawl's scope reads it.

A file that says something twice (a key repeated in one mapping, where YAML would silently
keep the last) or nothing at all (``sources: []``) is refused with its line, like any other
mistake: a crawl that quietly skips half the city is worse than no crawl.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from sikoja.errors import SikojaError, validation_message
from sikoja.schemes import refusal
from sikoja.urls import DEFAULT_PORTS, origin


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    opd: str
    kind: Literal["website", "app-catalog"] = "website"
    start_urls: list[str] = Field(default_factory=list)
    url: str | None = None  # app-catalog: JSON, CSV or HTML table
    allowed_hosts: list[str] = Field(default_factory=list)
    obey_robots: bool = True
    use_sitemap: bool = True
    max_depth: int = Field(default=8, ge=0)
    max_pages: int = Field(default=5000, ge=1)
    delay: float | None = Field(default=None, ge=0)
    concurrency: int | None = Field(default=None, ge=1)
    # where it shares its host with other sources: the URL prefixes (or paths, on its start
    # URLs' hosts) of its own pages there, and those of the others (``share_hosts``)
    prefixes: list[str] = Field(default_factory=list)
    foreign_prefixes: list[str] = Field(default_factory=list)
    # the sites of the sources file's other sources when it is crawled without them
    # (``select_sources``): another office's site is never this one's API
    foreign_sites: list[str] = Field(default_factory=list)

    @field_validator("start_urls")
    @classmethod
    def _http_urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if problem := refusal(url):
                raise ValueError(f"start URL {problem}")
        return urls

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None and (problem := refusal(url)):
            raise ValueError(f"catalog url {problem}")
        return url

    @model_validator(mode="after")
    def _kind_needs(self) -> Source:
        if self.kind == "website" and not self.start_urls:
            raise ValueError("a website source needs start_urls")
        if self.kind == "app-catalog" and not (self.url or self.start_urls):
            raise ValueError("an app-catalog source needs url")
        return self

    @property
    def hosts(self) -> list[str]:
        """Hosts the crawl may follow links to: the explicit list or the start URLs' hosts."""
        if self.allowed_hosts:
            return [h.lower() for h in self.allowed_hosts]
        return sorted({(urlsplit(u).hostname or "").lower() for u in self.start_urls})

    @property
    def sites(self) -> list[str]:
        """The sites it covers, as the crawl's scope reads them (the port is part of a
        site): the origin of each start URL on one of its ``hosts``, a host with none
        alone (any port)."""
        out = set()
        for host in self.hosts:
            on = {origin(u) for u in [*self.start_urls, *([self.url] if self.url else [])]
                  if (urlsplit(u).hostname or "").lower() == host}
            out |= on or {host}
        return sorted(h for h in out if h)

    @property
    def catalog_url(self) -> str:
        return self.url or self.start_urls[0]


def site_path(url: str) -> tuple[str, str]:
    """(site, path) of ``url``: the site is the host without ``www.``, with its port unless a
    default one (a site answers on http and https alike, with or without ``www.``); what
    "one site" means when sources share a host (here and ``crawler.downloadermiddlewares
    .offsite``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".").removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    site = host if port is None or port in DEFAULT_PORTS.values() else f"{host}:{port}"
    return site, parts.path or "/"


def _folder(url: str) -> str:
    """The folder a start URL (or a prefix written as a URL) stands in: ``https://h/dinkes/``
    for ``https://h/dinkes/``, ``https://h/dinkes`` and ``https://h/dinkes/index.php`` (a
    last segment without a dot is a folder, one with a dot a file in it), ``https://h/`` for
    ``https://h``."""
    path = urlsplit(url).path or "/"
    last = path.rsplit("/", 1)[-1]
    folder = path[:path.rfind("/") + 1] if "." in last else path.rstrip("/") + "/"
    return origin(url) + folder


def own_prefixes(source: Source) -> list[str]:
    """The URL prefixes ``source`` claims: the ones written for it (a bare path stands for
    that path on each of its start URLs' sites), else the folder of each start URL."""
    if not source.prefixes:
        return sorted({_folder(u) for u in source.start_urls})
    sites = sorted({origin(u) for u in source.start_urls})
    out = set()
    for prefix in source.prefixes:
        if "://" in prefix:
            out.add(_folder(prefix))
            continue
        path = prefix.strip("/")
        out.update(f"{site}/{path}/" if path else f"{site}/" for site in sites)
    return sorted(out)


def share_hosts(sources: list[Source], among: list[Source] | None = None) -> list[Source]:
    """``sources`` with ``prefixes``/``foreign_prefixes`` filled in where two or more websites
    start on one site (``site_path``): each keeps to its own folders there, and a URL under a
    longer prefix of another source is that source's. Sources alone on their site are
    unchanged.

    ``among`` is every source of the sources file when only some are crawled (the admin's
    crawl of one source): the split is the whole file's, so a subsite crawled alone keeps to
    its folder. A source split before keeps its ``foreign_prefixes`` (the others' folders,
    from a file it is crawled without)."""
    pool = {s.name: s for s in among or ()}
    pool.update({s.name: s for s in sources})
    claims: dict[str, list[tuple[str, str]]] = {}
    for src in pool.values():
        if src.kind == "website":
            for prefix in own_prefixes(src):
                claims.setdefault(site_path(prefix)[0], []).append((src.name, prefix))
    owned = {prefix for owners in claims.values() for _, prefix in owners}
    for src in sources:  # the others' folders it was split from before: "" is no source here
        for prefix in set(src.foreign_prefixes) - owned:
            claims.setdefault(site_path(prefix)[0], []).append(("", prefix))
    shared = {site for site, owners in claims.items() if len({n for n, _ in owners}) > 1}
    out = []
    for src in sources:
        if src.kind != "website":
            mine = []
        elif src.prefixes:  # written for it (or filled in before): kept as they are
            mine = own_prefixes(src)
        else:
            mine = [p for p in own_prefixes(src) if site_path(p)[0] in shared]
        if not mine:
            out.append(src)
            continue
        theirs = sorted({p for site in {site_path(m)[0] for m in mine}
                         for name, p in claims[site] if name != src.name})
        out.append(src.model_copy(update={"prefixes": mine, "foreign_prefixes": theirs}))
    return out


def select_sources(sources: list[Source], names: set[str] | list[str]) -> list[Source]:
    """The sources named ``names`` (all of them when none is named) to crawl, split from the
    others as the whole file splits its shared hosts (``share_hosts``): a subsite crawled
    alone keeps to its folder, not to the whole host as a source alone on it would. Each
    keeps the others' sites (``foreign_sites``): a sibling office's site is no app's API in
    a crawl of one source either."""
    wanted = set(names)
    if not wanted:
        return list(sources)
    theirs = sorted({site for s in sources if s.name not in wanted for site in s.sites})
    return [s.model_copy(update={"foreign_sites": sorted({*s.foreign_sites, *theirs})})
            for s in share_hosts([s for s in sources if s.name in wanted], among=sources)]


class SourcesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_names(self) -> SourcesFile:
        seen: set[str] = set()
        for src in self.sources:
            if src.name in seen:
                raise ValueError(f"source name {src.name!r} is used twice")
            seen.add(src.name)
        return self


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; any problem is one clear SikojaError."""
    path = Path(path)
    if not path.is_file():
        raise SikojaError(f"sources file not found: {path}")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506
    except UnicodeDecodeError:
        raise SikojaError(f"{path}: not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}:" if mark else ""
        raise SikojaError(f"{path}:{where} invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(raw, dict) or "sources" not in raw:
        raise SikojaError(f"{path}: expected a mapping with a 'sources:' list")
    if raw["sources"] in (None, []):
        raise SikojaError(f"{path}: 'sources:' is empty: list at least one website or "
                          "app catalog to crawl")
    try:
        return SourcesFile.model_validate(raw).sources
    except ValidationError as exc:
        raise SikojaError(f"{path}: {validation_message(exc, _names(raw))}") from None


def _names(raw: dict[str, Any]) -> dict[int, str]:
    """Source position -> its name, so an error says "sources.2 (dinkes)"."""
    items = raw.get("sources")
    if not isinstance(items, list):
        return {}
    return {i: str(s["name"]) for i, s in enumerate(items) if isinstance(s, dict)
            and s.get("name")}


class _StrictLoader(yaml.SafeLoader):
    """``yaml.safe_load`` that refuses a key repeated in one mapping (YAML keeps the last
    silently: a second ``start_urls:`` would drop the first list)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str | int | float | bool | None):
                continue  # SafeLoader itself refuses an unhashable key
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice (lines {seen[key]} and {line})",
                    key_node.start_mark)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)
