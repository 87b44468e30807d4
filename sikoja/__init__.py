"""Shared core of sikoja, and the layer on top that drives it.

The core (configuration, the document model and its identity in ``urls.py``, storage,
errors) is below every package and imports none of them. The four working packages build
on it and never on each other's internals: ``crawler`` fetches and extracts, ``indexer``
analyses and indexes, ``synonyms`` owns the word lists, ``search_api`` serves. On top,
``pipeline.py`` knows the order of the work (used by the API's jobs, the CLI and the demo),
and ``cli.py`` and ``demo/`` are the entry points. Data flows one way: sources -> documents
-> index -> answers; ``tests/test_architecture.py`` holds every import to it.
"""

__version__ = "0.1.0"
