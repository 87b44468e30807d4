"""A page's kind learned from its site's other pages: the ones it is filed with.

The page-level rule (``crawler.extract.document``) decides each page alone, and on a blog
it is unsure by nature: every post is dated, services too, so a service post told in prose
("Syaratnya cukup bawa ...") or one that only links its Standar Pelayanan PDF reads as news.
The site knows better, and says so in two ways this step reads once a site's crawl is done
(``crawler.site.settle_source``, also after a fleet merge):

- it files its pages: a label, category or listing page named like a service section
  ("Layanan", "Pelayanan Publik", "Perizinan", by its title, its URL or the links to it)
  lists services; one named like news ("Berita", "Artikel") lists news;
- it builds sibling pages alike: pages listed by one listing page, or at one URL pattern
  (the path with its id or slug generalised, or the same query parameters), share a kind
  distribution.

A page is a *candidate* when its own rule made it news or a plain page although it shows
some service evidence (a service headline, words of requirements and cost, a linked
standard). A candidate becomes a service when a listing named like a service section lists
it (unless the confident pages of that listing are mostly news), or, short of a name, when
the sibling groups that have a verdict all say service: at least ``MIN_VOTES`` confident
siblings, ``SERVICE_SHARE`` of them services. Listed under a news name, it stays as it is.
A post the author files under a label by linking it from its own footer (Blogger's labels,
whose pages robots.txt often keeps out of the crawl) is a service when every other page
filed there is a service, at least ``MIN_FILED`` of them, or a candidate like it
(``filed_with_services``): the filing is the author's, a list that shows a post beside
services is not. Only a label's own URL files (``is_label``: /search/label/, /category/,
?cat=; a month's archive or an author's page files nothing), a label named like news
files no service, a post a news section lists is never lifted by a label, and a candidate
that reads as a report ("menggelar", "sebanyak 230 warga") neither is lifted nor lets the
others be. The label holds what the crawl fetched: a report filed there that the crawl
budget left out cannot keep a post out, so the verdict may change as the crawl grows.
A page the rule was sure of (a service, or news without any service evidence) is never
changed; the confident pages are the ones that vote.

A pager files nothing: a link whose text is a page number, "Berikutnya" or an arrow, or
that leads to the same list in another page or order (``?hal=2``, ``?sort=asc``), makes
no page a sibling of the services, and the pages a list pages through are lists (never a
candidate), as the list's first page is: an old PHP site's ``layanan.php?hal=2`` links its
first page "1" and its services, and is neither.

Links the site repeats in the main block of most of its pages (``crawler.boilerplate.
template_links``: a widget column the extractor kept, as OpenSID's classic theme has beside
every post) file nothing: they are left out of every group, and a page that the extractor
took for a listing only because of them (the widget's linked titles and link lists) is read
as the post it is, a member like the others. A label link some posts showing labels lack
is the posts' own filing however many pages link it (``own_filings``: a blog that is mostly
services); the home and the listings do not count there, as they show no sidebar.

The step is undone and redone on every run: ``fields["kind_from"]`` keeps what the page was
and why it changed (the reason a user or a test can read), so a recrawl or a merge of
workers' stores gives the same kinds as one crawl.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from crawler.asked import Asked, announces_registration, asked_items, requirement_items
from crawler.boilerplate import strip_template_fields, template_links
from crawler.extract.dates import visible_date
from crawler.extract.document import (
    NEWS_BY_PATH,
    NEWS_WORDS,
    SERVICE_WORDS,
    ServiceEvidence,
    is_news_path,
    service_evidence,
    told_about,
)
from crawler.extract.html import Link, squash
from crawler.extract.title import is_home
from crawler.standards import restore as restore_standard
from sikoja.urls import canonicalize_url

if TYPE_CHECKING:
    from crawler.linkstore import LinkStore
    from sikoja.documents import Document
    from sikoja.store import DocumentStore

FROM_LISTING = 0.7  # kind confidence of a service known by the section that lists it
FROM_SIBLINGS = 0.65  # ...by the sibling pages it is built like
MIN_VOTES = 3  # confident siblings a group needs to have a verdict
MIN_FILED = 2  # services a label must file, besides a candidate, to make it one
MAX_LABEL_WORDS = 3  # words of a label's name, as a post's footer links it
MIN_LISTED = 1  # links of its own a listing needs beside the site's template links
SERVICE_SHARE = 0.75  # share of them that must be services
NEWS_SHARE = 0.5  # a service-named listing whose confident pages are this much news is not one

# A section name: the section word with at most a qualifier around it ("Layanan", "Jenis
# Layanan", "Prosedur Layanan", "Pelayanan Publik", "Berita Terkini"), not a page's own title
# ("Pelayanan KTP-el")
_NAME = (r"^(daftar |jenis |info |informasi |kategori |label |prosedur |tata cara |"
         r"persyaratan )?({words})"
         r"( (publik|masyarakat|kami|terpadu|online|daring|umum|terkini|terbaru|lainnya|"
         r"daerah|kecamatan|kelurahan|desa|kota))?$")
_SERVICE_NAME = re.compile(_NAME.format(words=SERVICE_WORDS.replace("-", " ")), re.IGNORECASE)
_NEWS_NAME = re.compile(_NAME.format(words=NEWS_WORDS), re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# A label's or a category's own URL, where a post links the section it is filed in:
# Blogger's /search/label/Info, WordPress's /category/layanan/ and /tag/x/, ?cat=3,
# OpenSID's /first/kategori/2 and /artikel/kategori/layanan, Joomla's
# ?view=category&id=8 or /component/content/category/...
_LABEL_URL = re.compile(
    r"/search/label/|/(category|categories|kategori|tag|tags|label|labels|topik|topic)/"
    r"|[?&](cat|category|kategori|tag|label|catid)=|[?&]view=category\b", re.IGNORECASE)
# What a report says and a service's own page does not: an event held, a count of those
# who came ("Puskesmas menggelar vaksinasi massal ... Sebanyak 230 warga divaksin"): a
# candidate that says so is news by its own words, and its label vouches for no service
_REPORTED = re.compile(
    r"\b(menggelar|digelar|mengadakan|diadakan|berlangsung|dihadiri|diikuti|meresmikan|"
    r"diresmikan|sebanyak \d+|\d+ (warga|orang|peserta|lansia|balita|pengunjung|pasien)"
    r" (hadir|datang|mengikuti|divaksin|dilayani))\b", re.IGNORECASE)
# A list's later pages: /kategori/3/2, /category/layanan/page/2/, ?page=2, ?start=6
_PAGE_PATH = re.compile(r"/(page/)?\d+/?$")
_PAGE_PARAMS = {"page", "paged", "hal", "halaman", "start", "offset"}
# ...and the same list in another order: ?sort=asc, ?order=desc
_VIEW_PARAMS = {"sort", "order", "orderby", "urut", "urutan", "urutkan", "dir"}
# A pager link's text: a page number, "next"/"Berikutnya", arrows, "hal. 2", "Halaman 3"
_PAGER_TEXT = re.compile(
    r"^((hal(aman)?|page)\.? ?)?\d{1,4}$|^(next|prev|previous|older|newer|first|last|"
    r"berikut(nya)?|selanjutnya|sebelumnya|lanjut|awal|akhir|terakhir|pertama)"
    r"( (page|posts|entries|halaman|hal))?$", re.IGNORECASE)


@dataclass
class Member:
    """A stored page as its own rule read it (before this step)."""

    doc: Document
    evidence: ServiceEvidence
    # the items it lists that the services filed under one of its labels ask for
    # (``asked_of_label``): evidence the site gives where the page gave none
    asked: list[str] = field(default_factory=list)

    @property
    def vote(self) -> str | None:
        """"service" or "other" for a page its rule was sure of, None for a candidate."""
        if self.doc.kind == "service":
            return "service"
        return None if self.evidence.signals or self.asked else "other"


class Decision(NamedTuple):
    """What the groups of a candidate say (``decide``)."""

    confidence: float  # a service's kind confidence, 0 when it stays as it is
    reason: str
    kept: bool = False  # a section named like news said "keep": no label makes it a service


@dataclass
class Group:
    label: str  # what groups them: a listing's URL or a URL pattern
    name: str | None = None  # "service" or "news" when a listing is named like a section
    urls: set[str] = field(default_factory=set)
    votes: int = 0  # members its rule was sure of (a candidate never votes)
    services: int = 0  # ...that are services


def restore(doc: Document) -> Document:
    """``doc`` as its own rule read it: the standard it absorbed and this step undone."""
    doc = restore_standard(doc)
    before = doc.fields.get("kind_from")
    if not isinstance(before, dict):
        return doc
    fields = {k: v for k, v in doc.fields.items()
              if k not in ("kind_from", "kind_confidence", *before.get("fields", ()))}
    if before.get("kind_confidence") is not None:
        fields["kind_confidence"] = before["kind_confidence"]
    if before.get("listing"):
        fields["listing"] = True
    return replace(doc, kind=before.get("kind") or doc.kind, fields=fields)


def unlist(doc: Document) -> Document:
    """``doc``, a listing by its own rule, read as a post: the listing flag goes (a dated
    page in a news path is news, as the page rule reads one), and ``kind_from`` says how to
    undo it."""
    fields = {k: v for k, v in doc.fields.items() if k != "listing"}
    fields["kind_from"] = {"kind": doc.kind, "kind_confidence": None, "listing": True,
                           "reason": "a listing only by the links the site repeats on most "
                                     "pages"}
    kind = doc.kind
    if is_news_path(doc.url) and visible_date(doc.text):
        kind, fields["kind_confidence"] = "news", NEWS_BY_PATH
    return replace(doc, kind=kind, fields=fields)


def url_pattern(url: str) -> str:
    """The URL with its id or slug generalised: ``/2025/03/*.html``, ``/layanan/*/``,
    ``/index.php?id&page``: pages built alike share it."""
    parts = urlsplit(url)
    segments = parts.path.split("/")
    last = next((i for i in range(len(segments) - 1, -1, -1) if segments[i]), None)
    out = []
    for i, seg in enumerate(segments):
        if i == last and not parts.query:
            stem, dot, ext = seg.rpartition(".")
            seg = f"*.{ext}" if dot and stem and not _DIGIT.search(ext) else "*"
        elif _DIGIT.search(seg):
            seg = "#"
        out.append(seg)
    params = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return "/".join(out) + ("?" + "&".join(params) if params else "")


def section_name(names: list[str]) -> str | None:
    """"service" or "news" when the names a listing goes by name a section of that kind
    (and not both), else None."""
    found = set()
    for name in names:
        words = " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())
        if _SERVICE_NAME.match(words):
            found.add("service")
        elif _NEWS_NAME.match(words):
            found.add("news")
    return found.pop() if len(found) == 1 else None


def first_page(url: str) -> str:
    """The first page of the list ``url`` may be a later page of: its page number taken
    off (``/artikel/kategori/layanan/2`` -> ``/artikel/kategori/layanan``)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in _PAGE_PARAMS]
    path = parts.path
    if not parts.query:
        path = _PAGE_PATH.sub("/" if path.endswith("/") else "", path)
    return canonicalize_url(parts._replace(path=path or "/", query=urlencode(query)).geturl())


def list_of(url: str) -> str:
    """The list ``url`` shows a page or an ordering of: its page number and sort parameters
    taken off (``/layanan.php?hal=2&sort=asc`` -> ``/layanan.php``, ``/berita/page/2/`` ->
    ``/berita/``). A parameter named like a page that is not a number selects content
    (``index.php?hal=profil``), and a bare number ending a path may be a post's
    (``/artikel/12``, whose "Berikutnya" leads to the next post): both stay."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not (k.lower() in _PAGE_PARAMS and v.isdigit()) and k.lower() not in _VIEW_PARAMS]
    path = re.sub(r"/page/\d+(/?)$", r"\1", parts.path)
    return canonicalize_url(parts._replace(path=path or "/", query=urlencode(query)).geturl())


def pager_link(page: str, target: str, text: str) -> bool:
    """Whether the link from ``page`` to ``target`` is a pager's: its text a page number,
    "next", an arrow or "hal. 2", or ``target`` the same list as ``page`` in another page
    or order (``?hal=2``, ``?sort=asc``). It files nothing: a list's later page is a list,
    not a sibling of the services it lists."""
    if target == page:
        return False
    words = re.sub(r"[«»‹›<>|]+", " ", text.replace("&raquo;", " ").replace("&laquo;", " "))
    words = " ".join(words.split())
    if not words and text.strip() or _PAGER_TEXT.match(words):
        return True
    a, b = urlsplit(page), urlsplit(target)
    return bool(a.query or b.query) and a.path == b.path and list_of(page) == list_of(target)


def list_pages(every: dict[str, list[tuple[str, str]]]) -> set[str]:
    """The pages of the site's lists told by their pagers (``every``: each page's links,
    its template's too: a pager is often outside the main block): a page that pages or
    reorders to another page of its own list (``list_of``), and those it leads to."""
    out: set[str] = set()
    for url, links in every.items():
        own = list_of(url)
        for target, text in links:
            if list_of(target) == own and pager_link(url, target, text):
                out.update((url, target))
    return out


def listing_names(url: str, title: str, anchors: list[str]) -> list[str]:
    """What a listing is called: its title, its URL's last path part and query values
    (``/search/label/Layanan``, ``/category/layanan/``, ``?cat=layanan``), the links to it."""
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rpartition("/")[2])
    values = [unquote(v) for _, v in parse_qsl(parts.query)]
    return [title, re.sub(r"\.[a-z]{2,5}$", "", last), *values, *anchors]


def only_template_listing(url: str, doc: Document, docs: dict[str, Document],
                          content: dict[str, list[tuple[str, str]]],
                          anchors: dict[str, list[str]]) -> bool:
    """Whether ``doc`` was taken for a listing only because of the links the site repeats
    (``content`` holds each page's other links): a post beside a widget column. A page
    named like a section ("Berita", "Daftar Layanan") or a later page of a list is a list
    whatever its links: a site may show its news list again beside every page."""
    if not doc.fields.get("listing") or is_home(url):
        return False
    if len({u for u, _ in content.get(url, []) if u != url}) >= MIN_LISTED:
        return False
    first = docs.get(first_page(url))
    if first is not None and first is not doc and first.fields.get("listing"):
        return False
    return section_name(listing_names(url, doc.title, anchors[url])) is None


def sibling_groups(docs: dict[str, Document], members: set[str],
                   content: dict[str, list[tuple[str, str]]],
                   anchors: dict[str, list[str]],
                   filed: dict[str, set[str]] | None = None) -> list[Group]:
    """The site's groups of pages: those each listing page lists, those that link one
    label or category from their main block (a post's "Kategori: Layanan", whether or not
    the label's page was crawled), and those of each URL pattern. ``members``: the URLs of
    the site's content pages (not listings). ``filed``, when given, gets the labels the
    members file themselves under (``filings``): label -> its members."""
    groups: dict[str, Group] = {}
    for url, doc in docs.items():
        if doc.fields.get("listing"):
            listed = {canonicalize_url(u) for u, t in content.get(url, [])
                      if not pager_link(url, u, t)} & members
            name = None if is_home(url) else section_name(
                listing_names(url, doc.title, anchors[url]))
            groups[url] = Group(url, name, listed)
    for url, group in groups.items():
        first = groups.get(first_page(url))
        if group.name is None and first is not None and first is not group:
            # a later page of a named list is in its section: "Halaman 2" names nothing
            group.name = first.name
    for url in sorted(members):
        host = urlsplit(url).netloc
        targets = {canonicalize_url(u): t for u, t in content.get(url, [])
                   if urlsplit(u).netloc == host and not pager_link(url, u, t)}
        for target in targets.keys() - members:
            if filed is not None and is_label(target, targets[target]):
                filed[target].add(url)
            if target not in groups:
                groups[target] = Group(target, section_name(
                    listing_names(target, "", anchors[target])))
            if target in docs or groups[target].name:
                groups[target].urls.add(url)
        pattern = url_pattern(url)
        groups.setdefault(pattern, Group(pattern)).urls.add(url)
    return [g for g in groups.values() if len(g.urls) >= (1 if g.name else 2)]


def verdict(group: Group) -> tuple[str | None, str]:
    """What ``group`` says of a candidate in it: ("service" | "keep" | None, reason)."""
    if group.name == "news":
        return "keep", f"listed under a news section ({group.label})"
    others = group.votes - group.services
    if group.name == "service":
        if group.votes >= 2 and others / group.votes >= NEWS_SHARE:
            return None, ""
        return "service", f"listed under a service section ({group.label})"
    if group.votes < MIN_VOTES:
        return None, ""
    if group.services / group.votes >= SERVICE_SHARE:
        return "service", (f"built like its siblings at {group.label}: {group.services} of "
                           f"{group.votes} are services")
    return "keep", ""


def decide(mine: list[Group], news_post: bool = False) -> Decision:
    """(confidence, reason) when a candidate in the groups ``mine`` is a service, else
    (0, "", kept): a section name decides first, then the unnamed groups, unanimous;
    ``kept`` when a section named like news listed it (no label the post links makes it a
    service then: "Vaksinasi Massal ..." under "Berita" stays news whatever else is
    filed there). A
    ``news_post`` (a dated post in a news path without service sections of its own) is
    decided by a section name only: a home or an unnamed list that shows it beside services
    ("Layanan Adminduk Malam Hari di MPP" among seven services) says it is about them, not
    that it is one."""
    # a named group may say nothing (None): sorted with the others, not compared to them
    named = sorted((verdict(g) for g in mine if g.name), key=lambda v: (v[0] or "", v[1]))
    kept = [reason for v, reason in named if v == "keep"]
    if kept:
        return Decision(0.0, kept[0], True)
    listed = [reason for v, reason in named if v == "service"]
    if listed:
        return Decision(FROM_LISTING, listed[0])
    if news_post:
        return Decision(0.0, "")
    said = sorted((v, reason) for v, reason in map(verdict, (g for g in mine if not g.name))
                  if v is not None)
    if said and all(v == "service" for v, _ in said):
        return Decision(FROM_SIBLINGS, said[0][1])
    return Decision(0.0, "")


def is_label(url: str, text: str) -> bool:
    """Whether a post's link to ``url`` with ``text`` files it under a label: a label's or
    a category's URL (``_LABEL_URL``) named in a few words, not named like news ("Berita",
    "Artikel", "Pengumuman": a label of news files no service), nor the home. A month's
    archive ("Bulan 06" at /2024/06/), an author's page or a shared PDF is no label."""
    return label_link(url, text) and section_name([text, *listing_names(url, "", [])]) != "news"


def label_link(url: str, text: str) -> bool:
    """A link to a label's or a category's own URL (``_LABEL_URL``) named in a few words,
    news labels too."""
    return (bool(_LABEL_URL.search(url)) and not is_home(url)
            and 0 < len(text.split()) <= MAX_LABEL_WORDS)


def filed_with_services(url: str, filed: dict[str, set[str]], services: set[str],
                        eligible: set[str]) -> Decision:
    """(confidence, reason) when the candidate at ``url`` files itself under a label
    (``is_label``) whose other pages are services, at least ``MIN_FILED`` of them (counting
    those the section names made services), and candidates that show service evidence and
    no report's words (``eligible``, ``url`` among them); else (0, ""). The author put it
    with services: a post "Berobat Gratis Cukup Bawa KTP" told in prose under "Info", beside
    the two service posts filed there, is the site's third, and two such posts there do not
    keep each other out. A list that only shows a post beside services (a home, "Layanan
    Unggulan") files nothing: the post does not link it. What the label holds is what the
    crawl fetched of it: a report filed there but not crawled cannot keep a post out."""
    if url not in eligible:
        return Decision(0.0, "")
    for label in sorted(label for label, pages in filed.items() if url in pages):
        others = filed[label] - {url}
        served = others & services
        if len(served) >= MIN_FILED and others <= services | eligible:
            return Decision(FROM_SIBLINGS,
                            f"filed with services ({label}: {len(served)} of them)")
    return Decision(0.0, "")


def own_filings(repeated: frozenset[tuple[str, str]],
                pages: list[list[tuple[str, str]]],
                lists: list[bool] | None = None) -> frozenset[tuple[str, str]]:
    """The ``repeated`` links that are labels a post files itself under, not a widget's:
    a blog whose posts are mostly services links "Layanan" from more than half of its
    pages' footers, as a widget column would, but a widget shows its labels on every post
    that shows labels, and a footer only on the posts filed there (another post's footer
    names another label). Only posts count: ``lists`` flags the home and the listings,
    which show their posts' footers and often no sidebar (a sidebar's "Layanan" missing
    from the home and the "Berita" label page is still the sidebar's)."""
    posts = [links for i, links in enumerate(pages) if not (lists and lists[i])]
    labelled = [{link for link in links if label_link(*link)} for links in posts]
    labelled = [links for links in labelled if links]
    return frozenset(link for link in repeated if is_label(*link)
                     and any(link not in links for links in labelled))


def asked_of_label(members: dict[str, Member], filed: dict[str, set[str]]) -> None:
    """Give ``Member.asked`` to each post, not a service by its own rule, that lists what
    the services filed under one of its labels ask for (``crawler.asked``): at
    least ``MIN_FILED`` services there, and no report's words in the post ("menggelar",
    "sebanyak 230 warga") or its headline (a closure, a notice: ``told_about``), and no
    registration's announcement (a job, a scholarship: ``announces_registration``, whose
    list asks for the same identity papers every list asks for). The post
    becomes a candidate, and the label's name or its other pages decide it, as they decide
    any candidate: a report filed under "Layanan" beside a list of documents is no service
    because it lists them. A candidate already keeps the items as its requirements when
    it becomes a service."""
    for label in sorted(filed):
        services = [members[u] for u in filed[label] if members[u].vote == "service"]
        if len(services) < MIN_FILED:
            continue
        asked = Asked(words for service in services
                      for words in requirement_items(service.doc.fields.get("requirements")))
        for url in sorted(filed[label]):
            member = members[url]
            if (member.vote == "service" or member.asked or _REPORTED.search(member.doc.text)
                    or told_about(member.doc.title)
                    or announces_registration(member.doc.title, member.doc.text)):
                continue
            member.asked = asked_items(member.doc.text, asked, member.doc.headings)


def own_sections(links: LinkStore, url: str, fields: dict[str, object],
                 template: frozenset[int]) -> dict[str, object]:
    """The service sections the extractor read on the page at ``url`` and left out because
    its own rule did not make it a service (``LinkStore.sections``), less what the site's
    template put in them and what ``fields`` already hold: a post filed under "Layanan"
    shows its own "Persyaratan" on its card, never words it does not write."""
    sections = strip_template_fields(links.sections(url), links.field_lines(url), template)
    return {k: v for k, v in sections.items() if v and not fields.get(k)}


def settle_kinds(store: DocumentStore, links: LinkStore, source: str) -> int:
    """Redo the step for ``source``; returns how many pages it rewrote (none when the
    site is unchanged)."""
    rows = store.query("SELECT url FROM documents WHERE source = ? AND status = 'live' "
                       "AND kind IN ('service', 'news', 'page') AND parent_url IS NULL",
                       (source,))
    stored = {r["url"]: store.get(r["url"]) for r in rows}
    docs = {url: restore(doc) for url, doc in stored.items() if doc is not None}
    content: dict[str, list[tuple[str, str]]] = {}
    anchors: dict[str, list[str]] = defaultdict(list)
    every: dict[str, list[tuple[str, str]]] = {}
    for key, all_links, main in links.source_links(source):
        content[key] = [(canonicalize_url(u), squash(t)) for u, t in main]
        every[key] = [(canonicalize_url(u), squash(t)) for u, t in all_links]
        for target, text in all_links:
            if text:
                anchors[canonicalize_url(target)].append(text)
    template = links.template(source)
    repeated = template_links(content[url] for url in docs if url in content)
    shown = [url for url in docs if url in content]
    repeated -= own_filings(repeated, [content[url] for url in shown],
                            [bool(docs[url].fields.get("listing")) or is_home(url)
                             for url in shown])
    content = {url: [link for link in main if link not in repeated]
               for url, main in content.items()}
    for url, doc in list(docs.items()):
        if repeated and only_template_listing(url, doc, docs, content, anchors) and not (
                store.query("SELECT 1 FROM documents WHERE parent_url = ? AND status = "
                            "'live' LIMIT 1", (url,))):  # a one-page list's panels are its own
            docs[url] = unlist(doc)
    members = {}
    lists = list_pages(every)  # a list's pages are lists, whatever their own rule saw
    for url, doc in docs.items():
        if (doc.fields.get("listing") or doc.kind not in ("service", "news", "page")
                or url in lists):
            continue
        headlines = [doc.title, *doc.headings[:1]]
        page_links = [Link(canonicalize_url(u), t) for u, t in content.get(url, [])]
        # the sections the extractor read are evidence here as on the page (a post with a
        # "Persyaratan" list is a candidate, not a news vote); those the template put there
        # are not: a sidebar's "Persyaratan" would give every post "sections" and switch
        # off the news_post guard of ``decide``
        members[url] = Member(doc, service_evidence(
            url, headlines, own_sections(links, url, {}, template), doc.text, page_links))
    groups_of: dict[str, list[Group]] = defaultdict(list)
    filed: dict[str, set[str]] = defaultdict(set)
    groups = sibling_groups(docs, set(members), content, anchors, filed)
    asked_of_label(members, filed)
    for group in groups:
        for url in group.urls:
            groups_of[url].append(group)
            vote = members[url].vote
            group.votes += vote is not None
            group.services += vote == "service"
    decided: dict[str, Decision] = {}
    for url, member in members.items():
        if member.vote is None:
            news_post = (member.doc.kind == "news" and is_news_path(url)
                         and "sections" not in member.evidence.signals)
            decided[url] = decide(groups_of[url], news_post)
    services = {url for url, member in members.items()
                if member.vote == "service" or decided.get(url, (0.0,))[0]}
    # candidates a label may vouch for: not kept by a news section, not a report by its
    # own words
    eligible = {url for url, said in decided.items() if not said.confidence and not said.kept
                and not _REPORTED.search(members[url].doc.text)}
    for url in eligible:
        decided[url] = filed_with_services(url, filed, services, eligible)
    changed = 0
    for url, doc in sorted(docs.items()):
        new = doc
        if url in decided:
            confidence, reason, _ = decided[url]
            if confidence:
                fields = {k: v for k, v in doc.fields.items() if k != "kind_confidence"}
                fields["kind_confidence"] = confidence
                fields["kind_from"] = {"kind": doc.kind,
                                       "kind_confidence": doc.fields.get("kind_confidence"),
                                       "reason": reason}
                unlisted = doc.fields.get("kind_from")
                if isinstance(unlisted, dict) and unlisted.get("listing"):
                    # unlisted above: undone, it is the listing its rule read
                    fields["kind_from"] = {**unlisted, "reason": reason}
                own = own_sections(links, url, fields, template)
                if members[url].asked and not fields.get("requirements") and not own.get(
                        "requirements"):
                    own["requirements"] = members[url].asked
                if own:
                    fields.update(own)
                    fields["kind_from"]["fields"] = sorted(own)
                new = replace(doc, kind="service", fields=fields)
        if new.content_hash() != restore_standard(stored[url]).content_hash():
            validators = store.validators(url) or {}
            store.upsert(new, etag=validators.get("etag"),
                         http_last_modified=validators.get("http_last_modified"))
            changed += 1
    return changed
