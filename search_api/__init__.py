"""The sikoja web service: citizens search, portals embed, admins tune.

- ``app.create_app(settings)``: the FastAPI app (``sikoja serve`` runs it with uvicorn;
  ``app.create_app_from_environment`` is the factory for ``uvicorn --workers N``).
- ``routers/public.py``: ``/api/search``, ``/api/suggest``, ``/api/services/{id}``,
  ``/api/click``, ``/api/health``, ``/api/popular``; ``/metrics`` is in ``app``.
- ``routers/admin.py``: ``/admin/api/...`` (synonyms, best bets, crawl/reindex jobs, site
  health, query analytics), every route behind an API key (``security.require_admin``).
- ``routers/pages.py`` and ``static/``: the search page ``/``, the widget ``/widget.js``,
  the admin page ``/admin`` and the API docs ``/docs`` (no framework, no CDN).
- ``service.py`` (searcher, caches, refresh), ``analytics.py`` (no personal data),
  ``keys.py`` (hashed API keys), ``jobs.py`` (one background job at a time),
  ``ratelimit.py``, ``security.py`` (headers, auth, CORS, redirects), ``errors.py``,
  ``metrics.py``, ``limits.py`` (request body caps and deadline), ``schema.py`` (types and
  answers that keep the OpenAPI schema true), ``server.py`` (uvicorn options).

State of its own lives in the data dir: ``admin.db`` (keys, jobs) and ``analytics.db``.
"""
