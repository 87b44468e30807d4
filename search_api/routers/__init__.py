"""The API's routes: ``public`` (citizens and embedding portals), ``admin`` (API key
required), ``pages`` (the search page, widget, admin page and docs)."""
