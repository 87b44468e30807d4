"""The sikoja web service: citizens search, portals embed, admins tune.

- ``app.create_app(settings)``: the FastAPI app (``sikoja serve`` runs it with uvicorn;
  ``app.create_app_from_environment`` is the factory for ``uvicorn --workers N``).
- ``routers/public.py``: ``/api/search``, ``/api/suggest``, ``/api/services/{id}``,
  ``/api/click``, ``/api/health``, ``/api/popular``; ``/metrics`` is in ``app``.
- ``routers/admin.py``: ``/admin/api/...`` (synonyms, best bets, crawl/reindex jobs, site
  health, query analytics), every route behind an API key (``deps.AdminDep``).
- ``routers/pages.py`` and ``static/``: the search page ``/``, the widget ``/widget.js``,
  the admin page ``/admin`` and the API docs ``/docs`` (no framework, no CDN).
- ``deps.py``: the typed dependencies routes take (``SearchDep``, ``SettingsDep``,
  ``AnalyticsDep``, ``AdminDep`` ...); the only reader of ``app.state``.
- ``service.py`` (a search as the API serves it: checks, cache, single flight, counting),
  ``live_index.py`` (the shared searcher and its refresh), ``answer_cache.py``,
  ``popular.py``, ``assets.py`` (pages read once), ``analytics.py`` (no personal data),
  ``keys.py`` (hashed API keys), ``jobs.py`` (one background job at a time),
  ``ratelimit.py``, ``security.py`` (headers, key headers, CORS, redirects), ``errors.py``,
  ``metrics.py``, ``limits.py`` (request body caps and deadline), ``schema.py`` (types and
  answers that keep the OpenAPI schema true), ``server.py`` (uvicorn options).

State of its own lives in the data dir: ``admin.db`` (keys, jobs) and ``analytics.db``.
"""
