"""Shared core of sikoja: configuration, the document model, storage and the CLI.

The four working packages build on this one and never on each other's internals:
``crawler`` fetches and extracts, ``indexer`` analyses and indexes, ``synonyms`` owns
the word lists, ``search_api`` serves. Data flows one way: sources -> documents ->
index -> answers.
"""

__version__ = "0.1.0"
