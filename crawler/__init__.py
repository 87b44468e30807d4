"""The crawler: OPD websites and app catalogs into the document store.

Entry points (what the CLI and the API use; nothing else here is public):

- ``crawler.run.crawl(sources, settings, data_dir, progress=None) -> CrawlSummary``
  crawls every source into ``DocumentStore.open(data_dir)`` in a child process, calls
  ``progress`` with a line about once a second, and returns per-source counts
  (new/changed/unchanged/gone/errors/skipped, elapsed, state). ``summary.ok`` is true when
  at least one page was stored or revalidated; ``str(summary)`` is the table to print.
  ``crawler.run.CrawlJob`` is the same as a start/wait pair, for a server that triggers
  crawls in the background (one crawl per data dir at a time: a second raises SikojaError).
- ``crawler.reports.sites_report(store)`` / ``format_sites(...)``: health per source.
- ``crawler.reports.overlap_report(store)`` / ``format_overlap(...)``: the same service or
  app published by several OPDs (near-duplicate groups, stored as ``group_id``).
- Stored URLs are ``sikoja.urls.canonicalize_url`` forms; ``sikoja.urls.url_key`` says
  when two URLs are the same page (document identity is the shared core's, not the crawler's).

Layout, one stage per module (as Scrapy itself is laid out): ``spiders/`` (one per source
kind), ``downloadermiddlewares/``, ``pipelines/``, ``extensions/``, ``dupefilters.py``,
``settings.py`` (every Scrapy setting, alphabetised), and ``extract/`` (pure functions from
bytes to document parts, testable without Scrapy). ``dedup.py`` groups near-duplicates
after each crawl; ``boilerplate.py`` learns the lines a site repeats on most pages.
``extract/jsonlist.py`` reads sites that draw their lists with JavaScript from JSON.
Crawl bookkeeping private to the crawler lives in ``data_dir/crawl-state``.
"""
