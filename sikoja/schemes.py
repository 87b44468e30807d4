"""The one list of URL schemes sikoja accepts, for every URL that comes from outside.

URLs reach sikoja from pages (links, "Daftar online" buttons, JSON records), from app
catalogs and from the sources file, and every one of them may end up fetched by the crawler
or shown to a citizen as a link. Only two schemes are safe for that: ``http`` and
``https``. ``javascript:alert(document.domain)`` as an answer card's online link runs in
the reader's browser, and ``file:///etc/...`` as an app's URL makes the crawler read a
local file into the index. ``mailto:`` and ``tel:`` are real ways to reach an office, but
only as contact fields, never as something to fetch or an online service's address.

Everything else (``javascript:``, ``data:``, ``file:``, ``ftp:``, ``whatsapp:``, ...) is
refused. The crawler, the catalog reader and the sources file all ask this module, so
there is one list to review.
"""

from __future__ import annotations

import re

WEB_SCHEMES = ("http", "https")
CONTACT_SCHEMES = ("mailto", "tel")

# "javascript:", "tel:", "file:" ... (RFC 3986 scheme syntax), but not a bare host and
# port ("sikesal.jambikota.go.id:8080/x", as catalogs write them)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))|^([a-z][a-z0-9+-]*):",
                     re.IGNORECASE)
# characters browsers drop from inside a scheme ("java\tscript:" runs as javascript:)
_IGNORED = re.compile(r"[\x00-\x20\x7f]")


def scheme_of(url: str) -> str:
    """The lower-cased scheme of ``url`` as a browser would read it ("" for a relative URL).

    >>> scheme_of(" JavaScript:alert(1)")
    'javascript'
    >>> scheme_of("java\\tscript:alert(1)")
    'javascript'
    >>> scheme_of("/layanan/ktp"), scheme_of("sikesal.jambikota.go.id:8080/x")
    ('', '')
    >>> scheme_of("tel:0741-112"), scheme_of("tel:112")
    ('tel', 'tel')
    """
    found = _SCHEME.match(_IGNORED.sub("", url))
    return (found.group(1) or found.group(2)).lower() if found else ""


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL: the only kind the crawler fetches and a reader is sent to.

    >>> is_web_url("https://oss.go.id/")
    True
    >>> is_web_url("file:///etc/passwd"), is_web_url("javascript:void(0)")
    (False, False)
    """
    return scheme_of(url) in WEB_SCHEMES


def is_contact_url(url: str) -> bool:
    """``mailto:`` or ``tel:``: a way to reach an office, shown, never fetched."""
    return scheme_of(url) in CONTACT_SCHEMES


def is_followable(href: str) -> bool:
    """A link on a page that may lead to a page: http(s), or relative (no scheme), which
    resolves against the page's own http(s) URL. ``#top`` and ``mailto:`` are not.

    >>> [is_followable(h) for h in ("/a", "b.html", "?p=2", "https://x.go.id", "#top")]
    [True, True, True, True, False]
    >>> [is_followable(h) for h in ("mailto:a@b.id", "javascript:;", "data:text/html,x")]
    [False, False, False]
    """
    href = href.strip()
    if not href or href.startswith("#"):
        return False
    scheme = scheme_of(href)
    return not scheme or scheme in WEB_SCHEMES


def refusal(url: str) -> str | None:
    """Why ``url`` may not be fetched or linked to, or None when it is an http(s) URL."""
    scheme = scheme_of(url)
    if scheme in WEB_SCHEMES:
        return None
    shown = url.strip()[:80]
    if not scheme:
        return f"{shown!r} is not an absolute web address (http or https)"
    if scheme in CONTACT_SCHEMES:
        return f"{shown!r} is a contact ({scheme}:), not a web address"
    return f"{shown!r} uses {scheme}:, not a web address (only http and https)"
