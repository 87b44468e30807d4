"""The page's own title, which on OPD sites is rarely the first thing that looks like one.

Templates put the site's name wherever a title could be: ``<h1 class="logo">`` in the
header (so "the first h1" is "Dinas Perhubungan Kota Jambi" on every page), either end of
``<title>`` ("BPPRD Kota Jambi :: Pembayaran PBB-P2", "Uji KIR | Dinas Perhubungan"), an
og:title copied from the site settings. And the page's real name may sit in an h2 or h3
("panel-title", "judul"), or in a ``<font size="3"><b>`` of an old table layout. So the
candidates are gathered first: og:title, ``<title>``, the content's headings; everything
equal to the site's name is rejected; and the strongest evidence is a name the page states
twice, a content heading that is also ``<title>`` or one of its segments.

What the site's name is comes from two places: the page itself (og:site_name, the
logo/brand text, the rel=home link) and, when the site has been crawled before, the
segments its titles repeat (``SiteTitles``, learned by ``crawler.sitetitles``). Position
never decides: a segment is cut off a title only when one of those says it is the site's
(or a section's), so "Layanan Kesehatan Ibu dan Anak - KIA" on a one-page site, "Pindah -
Datang" and "KTP-el" keep every word.

A name the page states twice is found whole however it is split: a heading (or the
breadcrumb's last, unlinked item) that equals any run of consecutive ``<title>`` segments
("KTP-el: Pencetakan Ulang" in "Disdukcapil :: KTP-el: Pencetakan Ulang"), and it is
written as ``<title>`` writes it when the heading shouts it. Words that name a kind of page
("Detail Layanan", "Layanan", "Index") are a page's name only when it has no other: they
yield to the breadcrumb and to a heading alone at its level that links nowhere.
``tests/test_title_matrix.py`` renders these shapes against each other on sites of 1, 2
and 30 pages.

A home page is the one page whose name *is* the site's: its ``<title>`` holds the site's
name beside a tagline ("Puskesmas Putri Ayu – Sehat Bersama Warga", "Kemenag Kota Jambi |
Ikhlas Beramal") or a word for "home" ("Beranda | PPID Kota Jambi"), and its headings are
the latest posts. So on a home page the site's name, as its ``<title>`` spells it (the
shouted "UPTD PKB DISHUB KOTA JAMBI" only when no other spelling is there), is the title,
unless a heading and ``<title>`` agree on another name, or ``<title>`` names the home page
in words that hold the site's name ("Beranda Dinas Sosial Kota Jambi | Dinas Sosial Kota
Jambi"); a bare "Beranda" is no name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit


def squash(text: str) -> str:
    """Whitespace runs (and no-break spaces) to one space (``crawler.extract.html`` uses this
    one too)."""
    return " ".join(text.replace("\xa0", " ").split())


# "Page | Site", "Site :: Page", "Page – Site" (WordPress's &#8211;), "Site » Section »
# Page", "Page « Site" (old Joomla templates), "Site › Page", "Site: Page"; a dash or colon
# inside a word ("KTP-el", "0-6", "10:00") is no separator
TITLE_SEPARATORS = re.compile(
    r"(\s+(?:-|~)\s+|\s*(?:\||::|»|«|›|‹|·)\s*|\s*[–—]\s+|\s+[–—]\s*|(?<=\S):\s+)")
_MAX_TITLE = 250
_MAX_EVIDENCE_HEADINGS = 60
_MAX_SEGMENTS = 8
# Paths a site's home page is served at (after canonicalisation dropped index.php & co.)
_HOME_PATHS = {"/", "/home", "/beranda", "/index", "/main", "/id"}
# What a home page calls itself besides the site's name: never its title
_HOME_WORDS = {"beranda", "home", "homepage", "halaman utama", "halaman depan", "selamat datang"}
# What the script serving every page of a site is called ("index.php?p=layanan&id=3")
_SCRIPTS = {"index", "default", "main", "home", "page"}
# Kinds of page, not pages: what a template writes in <title> or a heading of every page of
# a kind (see ``generic``)
_GENERIC = _HOME_WORDS | {
    "detail", "detail layanan", "detail berita", "layanan", "informasi", "halaman", "index",
    "default", "page", "post", "artikel", "berita", "untitled", "read more", "selengkapnya"}


def url_title(url: str) -> str:
    """A title read from a URL's last path part: "/layanan/pajak-reklame" is "Pajak
    Reklame"; "" for a root, a number or a file name without words."""
    part = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    words = re.sub(r"\.(html?|php|aspx?|jsp)$", "", part, flags=re.IGNORECASE)
    words = squash(re.sub(r"[-_+]+", " ", words))
    return words.title() if re.search(r"[A-Za-z]{3}", words) else ""


def is_home(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and (parts.path.rstrip("/") or "/").lower() in _HOME_PATHS


def normalise(text: str) -> str:
    return squash(text).casefold().strip(" .:-|–—»·~")


def title_pieces(title: str) -> list[tuple[str, str]]:
    """``"Site :: Layanan » Uji KIR"`` -> ``[("", "Site"), (" :: ", "Layanan"), (" » ",
    "Uji KIR")]``: each segment with the separator before it, so kept segments can be joined
    back exactly as the page wrote them."""
    parts = TITLE_SEPARATORS.split(squash(title))
    pieces: list[tuple[str, str]] = []
    separator = ""
    for index, part in enumerate(parts):
        if index % 2:
            separator = part
            continue
        text = squash(part)
        if text and normalise(text):
            pieces.append((separator if pieces else "", text))
    return pieces


def split_title(title: str) -> list[str]:
    """``"Uji KIR | Dinas Perhubungan Kota Jambi"`` -> the two segments."""
    return [text for _, text in title_pieces(title)]


def join_pieces(pieces: list[tuple[str, str]]) -> str:
    if not pieces:
        return ""
    return pieces[0][1] + "".join(sep + text for sep, text in pieces[1:])


def title_runs(title: str, skip: Callable[[str], bool]) -> list[str]:
    """Every run of consecutive segments of ``title`` joined as the page wrote it, but runs
    that ``skip`` says are the site's or a section: "Site :: KTP-el: Pencetakan Ulang" holds
    "KTP-el: Pencetakan Ulang", so a heading that states a name with a separator inside it
    finds it whole, even where its first word is on several pages ("KTP-el: Perekaman")."""
    pieces = title_pieces(title)[:_MAX_SEGMENTS]
    runs = [join_pieces([("", pieces[start][1]), *pieces[start + 1:end]])
            for start in range(len(pieces)) for end in range(start + 1, len(pieces) + 1)]
    return [run for run in runs if not skip(run)]


@dataclass(frozen=True)
class SiteTitles:
    """Normalised title segments one site repeats (``crawler.sitetitles`` learns them):
    ``names`` are the site's own ("Dinas Perhubungan Kota Jambi", "DISHUB"), ``sections``
    the levels between it and the page ("Layanan", "Berita")."""

    names: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()
    # headings the template repeats on most pages, by level: a sidebar's (3, "agenda") box,
    # which leaves the agenda page's own (1, "agenda") heading its title
    headings: frozenset[tuple[int, str]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.names or self.sections or self.headings)


NO_SITE = SiteTitles()


@dataclass
class TitleEvidence:
    """What a page says about its own name, read before boilerplate removal where needed.

    Kept per page in the link store (``to_json``), so a title can be chosen again when the
    site's repeated segments are learned, without fetching the page again."""

    title_tag: str = ""
    og_title: str | None = None
    site_names: set[str] = field(default_factory=set)  # normalised
    headings: list[tuple[int, str]] = field(default_factory=list)  # main block, in order
    body_h1: str | None = None  # first h1 of the cleaned page, if outside the main block
    crumb: str | None = None  # the breadcrumb's last item, when it is this page
    entries: list[str] = field(default_factory=list)  # headings that link to another page

    def is_site_name(self, text: str) -> bool:
        return normalise(text) in self.site_names

    def own_segments(self, title: str) -> list[str]:
        """Segments of a title that are not the site's name."""
        return [s for s in split_title(title) if not self.is_site_name(s)]

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title_tag, "og": self.og_title, "names": sorted(self.site_names),
                "headings": [[level, text] for level, text in self.headings],
                "body_h1": self.body_h1, "crumb": self.crumb, "entries": self.entries}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TitleEvidence:
        return cls(title_tag=data.get("title") or "", og_title=data.get("og"),
                   site_names=set(data.get("names") or ()),
                   headings=[(int(level), str(text)) for level, text in data.get("headings", [])],
                   body_h1=data.get("body_h1"), crumb=data.get("crumb"),
                   entries=[str(text) for text in data.get("entries") or ()])


def own_title(title: str, is_site: Callable[[str], bool], site: SiteTitles = NO_SITE) -> str:
    """``title`` without the segments that name the site, then without the sections when
    something else is left; the rest joined as the page wrote it ("" if only the site's).

    A section is a level of the template's trail, joined to its neighbours by the separator
    that joins the site's name ("Site » Layanan » Uji KIR"): a segment that repeats on
    several pages but is joined otherwise is the first word of their names ("Site |
    KTP-el: Pencetakan Ulang", "KTP-el: Perekaman Baru | Site") and stays."""
    pieces = title_pieces(title)
    after = [sep for sep, _ in pieces[1:]] + [""] * bool(pieces)
    # the separators before and after each segment
    around = [{sep.strip() for sep in (piece[0], next_sep) if sep.strip()}
              for piece, next_sep in zip(pieces, after, strict=True)]
    trail = set().union(*(seps for seps, (_, text) in zip(around, pieces, strict=True)
                          if is_site(text)))
    kept = [(piece, seps) for piece, seps in zip(pieces, around, strict=True)
            if not is_site(piece[1])]
    if site.sections and trail:
        narrower = [(piece, seps) for piece, seps in kept
                    if normalise(piece[1]) not in site.sections or not seps <= trail]
        if narrower:
            kept = narrower
    own = [piece for piece, _ in kept]
    if own:
        own[0] = ("", own[0][1])
    return join_pieces(own)


def site_name_spelling(evidence: TitleEvidence, is_site: Callable[[str], bool]) -> str:
    """The site's name as the page writes it: the segments of ``<title>`` and og:title that
    name the site, then its headings that do; a spelling in mixed case before a shouted
    one; "" when the page never writes it."""
    spellings = [s for text in (evidence.title_tag, evidence.og_title) if text
                 for s in split_title(text) if is_site(s)]
    spellings += [text for _, text in evidence.headings if is_site(text)]
    if evidence.body_h1 and is_site(evidence.body_h1):
        spellings.append(evidence.body_h1)
    spellings = [squash(s) for s in spellings if 2 < len(squash(s)) <= _MAX_TITLE]
    return next((s for s in spellings if not s.isupper()), spellings[0] if spellings else "")


def spellings(names: list[str]) -> dict[str, str]:
    """Each name by its normalised form, as first written."""
    found: dict[str, str] = {}
    for name in names:
        if name:
            found.setdefault(normalise(name), name)
    return found


def generic(text: str) -> bool:
    """A word that names a kind of page, not one page ("Detail Layanan" on every service
    page of a CodeIgniter app, "Beranda", "Index"): a page's name only when it has no other."""
    return normalise(text) in _GENERIC


def choose_title(evidence: TitleEvidence, site: SiteTitles = NO_SITE, *,
                 home: bool = False, url: str = "") -> str:
    """The page's own title; the site's name only when the page offers nothing else, or
    when it is the site's ``home`` page (see the module docstring). A page other than the
    home that names nothing but the site (a script app's routes all share one ``<title>``)
    is named by its ``url``'s last path part ("/layanan" is "Layanan")."""

    def is_site(text: str) -> bool:
        key = normalise(text)
        return key in evidence.site_names or key in site.names

    def usable(text: str | None) -> bool:
        return bool(text) and 2 < len(text) <= _MAX_TITLE and not is_site(text)

    def own_heading(text: str, level: int) -> bool:
        return usable(text) and (level, normalise(text)) not in site.headings

    def names_page(text: str | None) -> bool:
        return usable(text) and not generic(text)

    def skip(run: str) -> bool:
        return is_site(run) or normalise(run) in site.sections

    own = own_title(evidence.title_tag, is_site, site)
    og_own = own_title(evidence.og_title, is_site, site) if evidence.og_title else ""
    # how <title> and og:title spell the names they state, and the breadcrumb's
    spelled = spellings([own, og_own, *title_runs(evidence.title_tag, skip),
                         *title_runs(evidence.og_title or "", skip)])
    crumb = evidence.crumb if usable(evidence.crumb) else None
    stated = {**({normalise(crumb): crumb} if crumb else {}), **spelled}
    headings = [text for level, text in evidence.headings if own_heading(text, level)]
    if own_heading(evidence.body_h1, 1):
        headings.append(evidence.body_h1)
    # said twice: a heading that <title>, og:title or the breadcrumb also names (a
    # section's own page may be "Berita"), or a breadcrumb <title> names; written as the
    # page writes it where the heading shouts it ("KTP-EL: PENCETAKAN ULANG")
    for text, names in [*((text, stated) for text in headings), (crumb, spelled)]:
        key = normalise(text) if text else ""
        if key in names and not (home and key in _HOME_WORDS):
            return names[key] if text.isupper() and not names[key].isupper() else text
    if home:
        # "Beranda Dinas Sosial Kota Jambi" names the site in its own words; a motto not
        names = (evidence.site_names | site.names) - {""}
        for candidate in (og_own, own):
            if candidate and any(name in normalise(candidate) for name in names) and not any(
                    normalise(candidate).startswith(name) for name in names):
                # ...while "UPTD TPA Talang Gulo Dinas Lingkungan Hidup" is the site's name
                # followed by the office it belongs to
                return candidate[:_MAX_TITLE]
        if name := site_name_spelling(evidence, is_site):
            return name
    h1s = [text for level, text in evidence.headings
           if level == 1 and names_page(text) and own_heading(text, level)]
    if h1s:
        return h1s[0]
    if evidence.body_h1 and names_page(evidence.body_h1) and own_heading(evidence.body_h1, 1):
        return evidence.body_h1
    named = [candidate for candidate in (og_own, own) if candidate]
    for candidate in named:
        if not generic(candidate):
            return candidate[:_MAX_TITLE]
    if evidence.crumb and names_page(evidence.crumb):
        return evidence.crumb
    for level in (2, 3):
        found = [text for heading_level, text in evidence.headings
                 if heading_level == level and names_page(text) and own_heading(text, level)]
        # under a generic <title>, a heading alone at its level is the page's; one of
        # several is a section, and one that links to its page an entry of a list
        # ("Berita" over its posts' titles)
        if found and (not named or (len(found) == 1 and found[0] not in evidence.entries)):
            return found[0][:_MAX_TITLE]
    if named:
        return named[0][:_MAX_TITLE]
    # nothing but the site's name: the page's own path says more, else it is better than none
    # (not the name of a script: "index.php?p=layanan&id=3" is no "Index")
    if url and not home and (slug := url_title(url)) and normalise(slug) not in _SCRIPTS:
        return slug
    if evidence.title_tag:
        return squash(evidence.title_tag)[:_MAX_TITLE]
    return evidence.headings[0][1][:_MAX_TITLE] if evidence.headings else ""


def cap_headings(headings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The headings kept as evidence (and used, so a stored choice can be repeated)."""
    return [(level, text[:_MAX_TITLE]) for level, text in headings[:_MAX_EVIDENCE_HEADINGS]]
