"""Pure extraction functions: bytes and headers in, document parts out.

Nothing here imports Scrapy, so every rule can be tested on a literal HTML string, and the
spider stays a thin shell that fetches and hands bodies over.
"""
