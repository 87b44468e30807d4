"""The steps that look at a whole site at once, run when its crawl ends.

A page is extracted as it arrives, but some of what it becomes depends on the site's other
pages, fetched before or after it: the template lines the site repeats
(``crawler.boilerplate``) and the title segments it repeats (``crawler.sitetitles``), the
query twins of a page (``crawler.twins``), the kind its sibling pages say it has
(``crawler.siblings``), and the Standar Pelayanan PDFs its service
pages link (``crawler.standards``). ``settle_source`` runs them over everything the store
holds of a source: at the end of a crawl (``crawler.pipelines.store``), or, for a crawl
shared by several workers, once their stores are merged (``crawler.merge``): a worker holds
part of each site, and a step that compares a site's pages decides differently from a part
(a template line learned from it, stripped from one copy of a page and not the other, can
never be restored), so workers leave these steps to the merge.
"""

from __future__ import annotations

from crawler.boilerplate import (
    learn_template,
    strip_template,
    strip_template_fields,
    value_lines,
)
from crawler.items import SKIPPED
from crawler.linkstore import LinkStore
from crawler.ownpages import settle_own_pages
from crawler.siblings import settle_kinds
from crawler.sitetitles import learn_titles, retitle, saved_site_titles
from crawler.standards import absorbed, is_pdf, restore, settle_site
from crawler.twins import inlink_counts, page_copies, query_twins, twin_identity
from sikoja.store import DocumentStore


def settle_source(store: DocumentStore, links: LinkStore, source: str,
                  crawl_id: int | None, *, log: bool = True) -> None:
    """Every site-level step for ``source``; ``crawl_id``: the crawl whose fetch log notes
    the twins retired (``log=False`` after a merge: the workers logged the fetches)."""
    refresh_site(store, links, source)
    # A page the site files under "Layanan", or builds like its service pages, is a service
    # (``crawler.siblings``): decided before the standards, which only a service or a plain
    # page absorbs.
    settle_kinds(store, links, source)
    # One page at several URLs, or a print copy of it, leaves before the standards are
    # placed: a standard taken by one copy and not the other (a copy's URL read as news,
    # which takes no standard) would keep two copies apart for good (``crawler.twins``).
    if retire_twins(store, links, source, crawl_id, log=log):
        # The template is learned again over the pages that stay. A twin stored before its
        # plain spelling arrived counted once more, one met after it not at all, and every
        # print copy (no columns) counted against the sidebar: a sidebar on about half of a
        # site's pages was template in one crawl and content in the next, by fetch order.
        refresh_site(store, links, source)
        # The kinds are judged again over the pages that stay: the twins left and their
        # template lines with them, and the next settling of the unchanged site, which
        # meets no twin, would judge from these pages alone and flip a page's kind.
        settle_kinds(store, links, source)
    # Service pages take the fields of the Standar Pelayanan PDFs they link, and each PDF
    # is shown under its service page: a PDF may arrive before or after its page. Twins
    # are compared after it (two copies of a page linking one PDF are equal only once both
    # took its fields), and a PDF whose page left as a twin is placed again.
    settle_site(store, links, source)
    if retire_twins(store, links, source, crawl_id, log=log):
        settle_site(store, links, source)
    # A listing's row or panel leaves once the page it links to is stored as a service: only
    # now is every page's kind settled (``crawler.ownpages``).
    settle_own_pages(store, links, source)


def refresh_site(store: DocumentStore, links: LinkStore, source: str) -> None:
    """Learn the site's template lines (``crawler.boilerplate``) and the title segments it
    repeats (``crawler.sitetitles``) from all its live pages (this crawl's and those
    revalidated by 304), and rewrite, in one pass, the stored pages whose text or service
    fields lose template lines or whose title changes."""
    live = store.urls_for_source(source)
    template = learn_template(links.page_lines(source, live))
    links.save_template(source, template)
    site, evidence = learn_titles(links, source, live)
    for doc in store.iter_documents_at(live if template else evidence):
        url = doc.url
        if doc.kind in ("app", "document") or doc.parent_url or is_pdf(doc):
            # a record drawn from JSON (parent_url: its endpoint) has no template, and
            # the title evidence at its URL is that of the script shell it replaced; a PDF
            # stored as its one service is no page of the site's template
            continue
        text = strip_template(doc.text, template)
        # the fields read before the template was known lose what it put in them, judged
        # by the lines each value was read from (from the text before it loses them, for a
        # page saved without); the fields a standard PDF gave stay
        read_from = links.field_lines(url) or value_lines(doc.fields, doc.text)
        fields = strip_template_fields(doc.fields, read_from, template, keep=absorbed(doc))
        title = retitle(doc.title, url, evidence.get(url, []), site)
        if text != doc.text or title != doc.title or fields != doc.fields:
            validators = store.validators(url) or {}
            doc.text, doc.title, doc.fields = text, title, fields
            store.upsert(doc, etag=validators.get("etag"),
                         http_last_modified=validators.get("http_last_modified"))


def retire_twins(store: DocumentStore, links: LinkStore, source: str,
                 crawl_id: int | None, *, log: bool = True) -> int:
    """One page stored at several URLs (another query, another Joomla menu item) is kept
    once, and a page's print copy not at all (``crawler.twins``); the twin's fetch is logged
    as a duplicate of the page kept. Returns how many twins left the index."""
    rows = store.query("SELECT url FROM documents WHERE source = ? "
                       "AND status = 'live' AND kind != 'app'", (source,))
    docs = {doc.url: doc for doc in store.iter_documents_at(r["url"] for r in rows)}
    pages = {url: twin_identity(doc) for url, doc in docs.items()}
    site_links = list(links.source_links(source))  # read once: both rules walk them
    twins = query_twins(pages, inlink_counts(site_links),
                        {url: doc.kind for url, doc in docs.items()},
                        {url: len(doc.breadcrumbs) for url, doc in docs.items()})
    # compared as they read before any took a standard's fields (a copy may have taken them
    # as it arrived, its page not)
    left = {url: restore(doc) for url, doc in docs.items() if url not in twins}
    names = saved_site_titles(links, source).names
    for copy, page in page_copies(left, site_links, names).items():
        twins.setdefault(copy, page)
    retired = 0
    for twin, kept in sorted(twins.items()):
        if not store.mark_gone(twin):
            continue
        retired += 1
        if not log:
            continue
        reason = f"duplicate: the page at {kept}"
        # this crawl's fetch of it stored nothing after all (one page, counted once)
        if not store.relog_fetch(crawl_id=crawl_id, url=twin, outcome=SKIPPED, reason=reason):
            store.log_fetch(crawl_id=crawl_id, source=source, url=twin, status=None,
                            outcome=SKIPPED, reason=reason)
    return retired
