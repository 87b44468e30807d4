"""Main content, title, headings, breadcrumbs and links of an OPD web page.

OPD pages are mostly template: a mega-menu listing every service, a sidebar of news, a
footer with the address. Left in, the menu would make every page match every query, so
boilerplate is dropped first (semantic tags and class/id names), then the densest block
that remains is the page's content.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag

from crawler.extract.accordion import head_section_items
from crawler.extract.dates import MONTH_NAMES, parse_indonesian_date, parse_iso
from crawler.extract.embeds import MAX_EMBEDDED, embedded_documents, frame_shows_document
from crawler.extract.headings import LINE_TAGS, layout_headings, link_box_labels
from crawler.extract.onepage import repeated_services
from crawler.extract.scriptnav import script_links
from crawler.extract.shortcodes import unwrap_shortcodes
from crawler.extract.tabs import Panel, unfold_tabs
from crawler.extract.title import (
    NO_SITE,
    SiteTitles,
    TitleEvidence,
    cap_headings,
    choose_title,
    is_home,
    normalise,
    squash,
)
from sikoja.schemes import is_followable
from sikoja.urls import base_url as resolve_base

# <marquee> is the running welcome ticker of old templates ("Selamat datang di website resmi
# ..."), on every page and never the page's content
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed",
              "canvas", "select", "button", "input", "textarea", "link", "meta", "marquee")
_BOILERPLATE_TAGS = ("nav", "header", "footer", "aside")
# class/id tokens that mark template furniture rather than content. "widget" only starts a
# name (WordPress's sidebar "widget", "widget-area", "widget_text"): page builders call every
# block of a page's own content a widget ("elementor-widget-container", "elementor-widget-
# text-editor"), and their furniture is named by its other words (nav-menu, footer, social).
# "aside" as a whole name is the <aside> of templates older than the tag: Joomla 3's
# Protostar puts its right-hand modules in <div id="aside" class="span3">. A "pager"
# (Blogger's "blog-pager", a theme's "post-pager", Joomla's "pager pagenav") links the
# newer and older post, often by their titles: a procedure read on past a post's last list
# took the next post's title as its last step
_BOILERPLATE_NAME = re.compile(
    r"menu|sidebar|side-bar|(?:^|\s)widget|footer|breadcrumb|navbar|navigation|\bnav\b|topbar|"
    r"cookie|share|social|skip-link|search-form|pagination|related|(?:^|\s)aside(?=\s|$)",
    re.IGNORECASE,
)
# "pager" only as a word of the name: "pager", "blog-pager", "blog-pager-older-link",
# "post_pager", camelCase "blogPager"/"pagerNav". As a substring it took "pageRight",
# "pageRegion", "pageRow", "pageResults" and "pagerank", the wrappers of a page's whole
# content on table-layout templates, so the name is matched with its case.
_PAGER = re.compile(r"(?:(?:^|[\s_-])[Pp]ager|(?<=[a-z])Pager)(?=$|[\s_-]|[A-Z])")
_NEVER_DROP = {"html", "body", "main", "article"}
_RELATED = re.compile(r"related", re.IGNORECASE)
_SIDEBAR = re.compile(r"sidebar|side-bar", re.IGNORECASE)
# A class token that says the furniture is absent ("no-share", "no-sidebar", "without-
# sidebar"), not that this is it: JNews writes the post's own text as <div class="entry-
# content no-share"> when its share bar floats elsewhere, and "share" dropped the service
# pages' whole text on the tuning web's news-magazine site.
_ABSENT = re.compile(r"(?:^|\s)(?:no|without|hide|has-no)[-_][\w-]*", re.IGNORECASE)
# The site's masthead: its logo, name and tagline repeat on every page, and the logo is
# often an <h1>. Class/id names are matched as whole tokens, not substrings, because
# "section-header" or "entry-header" may hold the content's own headings. The name: a logo
# or brand element, the WordPress site title, the old CMS's "judul-situs"; its motto below.
_BRAND_WORDS = (r"logo|[\w-]*-logo|logo-[\w-]*|brand|navbar-brand|[\w-]*-brand|"
                r"site-?(?:title|name|branding)|judul-situs|nama-(?:situs|instansi|opd|dinas)|"
                r"header-title")
_TAGLINE_WORDS = r"site-description|tagline|site-tagline|slogan|moto-situs"
_BRAND = re.compile(rf"(?:^|\s)(?:{_BRAND_WORDS})(?=\s|$)", re.IGNORECASE)
_MASTHEAD = re.compile(
    rf"(?:^|\s)(?:site-header|masthead|running-text|marquee|ticker|{_TAGLINE_WORDS}|"
    rf"{_BRAND_WORDS})(?=\s|$)", re.IGNORECASE)
# Generic names that are the masthead only when they hold no section heading: a
# <div class="header"><h3>Persyaratan</h3></div> is a service's own section.
_HEADER_LIKE = re.compile(r"(?:^|\s)(?:header|topbar|top-bar|header-top|top-header)(?=\s|$)",
                          re.IGNORECASE)
_SECTION_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_MAX_ENTRIES = 60  # linked headings kept as title evidence
_BREADCRUMB_NAME = re.compile(r"breadcrumb", re.IGNORECASE)
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:»|›|>|/|\||→|«)\s*")

# the tags that end a line, and table cells (a block for the content search, not a line)
BLOCK_TAGS = LINE_TAGS | {"td", "th"}
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


# Deeper than this, a page's tags are flattened into their text. Real OPD pages nest under
# 30 levels (nested table layouts included); the extractors walk the tree recursively, and
# a page nested 1,000 levels deep (a broken template repeating an unclosed <div>) would
# otherwise raise RecursionError and be lost. Its text is kept; only its deep structure goes.
MAX_DEPTH = 128


def parse_html(text: str) -> BeautifulSoup:
    """Lenient parse: lxml repairs unclosed tags and truncated documents; nesting is capped
    at ``MAX_DEPTH`` (``cap_depth``)."""
    soup = BeautifulSoup(text, "lxml")
    cap_depth(soup)
    return soup


def cap_depth(root: Tag, limit: int = MAX_DEPTH) -> int:
    """Replace each tag deeper than ``limit`` by its text (words kept apart); iterative, so
    any depth is safe. Returns how many subtrees were flattened."""
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.contents:
            if isinstance(child, Tag):
                if depth >= limit:
                    deep.append(child)
                else:
                    stack.append((child, depth + 1))
    for tag in deep:
        tag.replace_with(NavigableString(" " + tag.get_text(" ") + " "))
    return len(deep)


def tags_in(root: Tag, names: tuple[str, ...] | set[str] | None = None) -> list[Tag]:
    """Descendant tags (of ``names``), in document order.

    A plain walk: bs4's ``find_all`` builds a filter per call and costs several times more,
    which at thousands of pages is most of the crawl's CPU time.
    """
    return [t for t in root.descendants if isinstance(t, Tag)
            and (names is None or t.name in names)]


def _gone(tag: Tag) -> bool:
    """``tag.decomposed``, without bs4's attribute fallback (a missing attribute is looked up
    as a child tag named ``_decomposed``, a full search per call)."""
    return bool(tag.__dict__.get("_decomposed"))


def first_tag(root: Tag, names: tuple[str, ...] | set[str]) -> Tag | None:
    for node in root.descendants:
        if isinstance(node, Tag) and node.name in names:
            return node
    return None


@dataclass
class Link:
    url: str
    text: str
    # a file only an attribute or a script names (a flipbook's ``source``), not a frame's
    # or an object's own address: the page's standard only if about the page's service
    loose: bool = False


def extract_links(base_url: str, tags: list[Tag],
                  embedded: list[tuple[str, str, Tag | None, bool]] | None = None,
                  base: str | None = None) -> list[Link]:
    """Every followable link on the page (menus included: they are how a site is reached),
    those its script opens after its anchors and frames; ``tags`` is every tag of the page
    in document order (from ``tags_in``); ``embedded``: its viewers' files, when read
    already (``embedded_documents``), of which the first ``MAX_EMBEDDED`` are followed
    here (``extract_page`` adds those its content shows); ``base``: what relative URLs
    resolve against, when known already (``page_base``)."""
    base = base or page_base(base_url, tags)
    links: list[Link] = []
    site = _origin_of(base)
    for tag in tags:
        if tag.name not in ("a", "area") or not tag.get("href"):
            continue
        href = str(tag["href"]).strip()
        if not is_followable(href):  # mailto:, javascript:, #top ... (sikoja.schemes)
            continue
        if href.startswith(("http://", "https://")) and "/." not in href:
            absolute = href  # most links: no resolving needed (urljoin is the costly part)
        elif href.startswith("/") and not href.startswith("//") and "/." not in href:
            absolute = site + href
        else:
            try:
                absolute = urljoin(base, href)
            except ValueError:
                continue
        if "?" in absolute and frame_shows_document(absolute, base):
            continue  # a viewer of a file: the file is followed (below), not its viewer
        links.append(Link(absolute.split("#", 1)[0], squash(tag.get_text(" "))))
    for tag in tags:
        if tag.name not in ("frame", "iframe") or not tag.get("src"):
            continue
        src = str(tag["src"]).strip()
        if is_followable(src) and not frame_shows_document(src, base):
            links.append(Link(urljoin(base, src).split("#", 1)[0], ""))
    # the files its viewers show (a flipbook's PDF, an <object>, a viewer's ?file=): read
    # where they are, the viewers' scripts never (crawler.extract.embeds)
    if embedded is None:
        embedded = embedded_documents(tags, base)
    links += [Link(url, name) for url, name, _, _ in embedded[:MAX_EMBEDDED]]
    # what a clickable row, a button, a javascript: link, a jump menu or a GET form of
    # selects opens (crawler.extract.scriptnav): an old site's services may be reached
    # no other way
    links += [Link(url, text) for url, text in script_links(base, tags, base_url)]
    return links


def page_base(page_url: str, tags: list[Tag]) -> str:
    """What the page's relative links resolve against: its ``<base href>``, unless that
    names a developer's host the page was not served from (``sikoja.urls.base_url``)."""
    tag = next((t for t in tags if t.name == "base" and t.get("href")), None)
    return resolve_base(page_url, str(tag["href"]) if tag is not None else None)


def _origin_of(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0].split('?', 1)[0].split('#', 1)[0]}"


def meta_tags(tags: list[Tag]) -> dict[str, str]:
    """``<meta property|name|itemprop=... content=...>`` as one dict, read in one pass."""
    found: dict[str, str] = {}
    for tag in tags:
        if tag.name != "meta":
            continue
        content = tag.get("content")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if key:
                found.setdefault(str(key).lower(), squash(str(content)))
    return found


def meta_content(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = metas.get(name.lower())
        if value:
            return value
    return None


def canonical_link(base_url: str, tags: list[Tag]) -> str | None:
    for tag in tags:
        if tag.name != "link" or not tag.get("href"):
            continue
        rel = tag.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in [r.lower() for r in rels]:
            return urljoin(base_url, str(tag["href"]).strip())
    return None


def html_lang(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    if isinstance(html, Tag):
        lang = html.get("lang") or html.get("xml:lang")
        if lang:
            return str(lang).split("-")[0].split("_")[0].strip().lower() or None
    return None


def breadcrumb_trail(tags: list[Tag]) -> Tag | None:
    """The element that says it is the breadcrumb (by its class, id, role or aria-label).

    Found once per page (the trail and the current crumb both read it, each walking every
    tag before), and only tags that carry one of those attributes are named:
    ``html_document`` over the sample web's 827 pages, alternating, 4.50-4.66 s of CPU
    before, 4.47-4.56 s after (session 11)."""
    for tag in tags:
        attrs = tag.attrs
        if not attrs or not _NAMING_ATTRS.intersection(attrs):
            continue
        if _BREADCRUMB_NAME.search(_names(tag)) or "breadcrumb" in str(
                attrs.get("aria-label", "")).lower():
            return tag
    return None


_NAMING_ATTRS = frozenset(("class", "id", "role", "aria-label"))


def extract_breadcrumbs(trail: Tag | None) -> list[str]:
    """Trail like ``Beranda » Layanan » KTP-el``, from the element that says breadcrumb
    (``breadcrumb_trail``)."""
    if trail is None:
        return []
    items = [squash(li.get_text(" ")) for li in tags_in(trail, ("li",))]
    if not items:
        items = [squash(a.get_text(" ")) for a in tags_in(trail, ("a",))]
        last = squash(trail.get_text(" | "))
        tail = _BREADCRUMB_SPLIT.split(last)[-1] if last else ""
        if tail and (not items or tail != items[-1]):
            items.append(tail)
    parts: list[str] = []
    for item in items:
        parts.extend(p for p in _BREADCRUMB_SPLIT.split(item) if p)
    return [p for p in parts if len(p) <= 120][:12]


def current_crumb(trail: Tag | None, url: str) -> str | None:
    """The breadcrumb's last item when it is this page (at ``url``): text after the last
    link, or in an item that links nowhere or to the page itself ("Beranda » Layanan »
    <span>Akta Kelahiran</span>"). A trail that ends in a link to another page ends at a
    section, and names no page."""
    if trail is None:
        return None
    texts = [node for node in trail.descendants
             if isinstance(node, NavigableString) and not isinstance(node, Comment)
             and squash(str(node)).strip(" »›>/|→«")]
    if not texts:
        return None
    node = texts[-1].parent
    while node is not None and node is not trail.parent:
        if node.name == "a" and _elsewhere(node, url):
            return None
        node = node.parent
    tail = _BREADCRUMB_SPLIT.split(squash(str(texts[-1])))[-1]
    return tail if 2 < len(tail) <= 120 and any(c.isalpha() for c in tail) else None


def _names(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    return " ".join([*classes, str(tag.get("id") or ""), str(tag.get("role") or "")])


def is_brand(tag: Tag) -> bool:
    """A logo, brand or site-title element: the site's name, not the page's."""
    attrs = tag.attrs
    return bool(attrs) and ("class" in attrs or "id" in attrs) and bool(
        _BRAND.search(_names(tag)))


def site_names(tags: list[Tag], metas: dict[str, str]) -> set[str]:
    """Every spelling of the site's own name this page shows, normalised: og:site_name,
    application-name, the text (or image alt) of logo/brand elements, the rel=home link, an
    ``<h1>`` that is one link to the site's root (Blogger's masthead).

    Read before boilerplate removal: the masthead that holds them is dropped as template.
    """
    names: set[str] = set()
    for key in ("og:site_name", "application-name", "apple-mobile-web-app-title"):
        if metas.get(key):
            names.add(normalise(metas[key]))
    for tag in tags:
        attrs = tag.attrs
        # Blogger's Contempo, Soho and Emporio themes write the masthead as a bare
        # ``<h1><a href="/">Blog</a></h1>``: an h1 names the site without attributes
        if (not attrs and tag.name != "h1") or _gone(tag):
            continue
        rel = attrs.get("rel")
        is_home = tag.name == "a" and rel and "home" in (rel if isinstance(rel, list) else [rel])
        if is_home or is_brand(tag) or (tag.name == "h1" and links_home(tag)):
            text = squash(tag.get_text(" "))
            if not text:
                image = first_tag(tag, ("img",))
                text = squash(str(image.get("alt") or "")) if image is not None else ""
            if 2 < len(text) <= 120:
                names.add(normalise(text))
    return names


def strip_boilerplate(soup: BeautifulSoup, tags: list[Tag]) -> Tag:
    """Remove scripts, menus, sidebars and footers in place; return the body.

    ``tags`` is every tag of the page in document order (from ``tags_in``).
    """
    for comment in [n for n in soup.descendants if isinstance(n, Comment)]:
        comment.extract()
    for tag in tags:
        if tag.name in _DROP_TAGS and not _gone(tag):
            tag.decompose()
    body = soup.body or soup
    for tag in tags:
        if _gone(tag) or tag.name in _NEVER_DROP:
            continue
        if tag.name in _BOILERPLATE_TAGS:
            # an <article>'s own <header> with its title (WordPress's "entry-header") is
            # the article's: an archive's entries keep their linked titles
            furniture = not (tag.name == "header" and tag.find_parent("article") is not None
                             and first_tag(tag, HEADING_TAGS) is not None)
        elif tag.attrs:
            names = _ABSENT.sub(" ", _names(tag))
            furniture = bool(_BOILERPLATE_NAME.search(names) or _PAGER.search(names)
                             or _MASTHEAD.search(names)) or (
                bool(_HEADER_LIKE.search(names)) and first_tag(tag, _SECTION_HEADINGS) is None)
        else:
            furniture = False
        if furniture and not _holds_content(tag):
            tag.decompose()
        elif furniture:
            _keep_only_site_name(tag)
    return body


_CONTENT_MARKERS = {"h1", "main", "article"}
# The standard marks of a post's own content, whatever the template calls its wrappers:
# hAtom microformat classes and schema.org properties. Blogger puts every post inside
# <div class="widget Blog">, with an h3 title and <div class="post-body entry-content">.
_CONTENT_CLASS = re.compile(r"(?:^|\s)(?:hentry|entry-content|post-body|h-entry|e-content)"
                            r"(?=\s|$)", re.IGNORECASE)
_CONTENT_ITEMPROP = {"articlebody", "blogpost", "text", "mainentityofpage"}


def _marks_content(node: Tag) -> bool:
    if node.name in _CONTENT_MARKERS:
        return not (node.name == "h1" and is_brand(node))
    if not node.attrs:
        return False
    if _CONTENT_CLASS.search(" ".join(node.get("class") or [])):
        return True
    return str(node.get("itemprop") or "").casefold() in _CONTENT_ITEMPROP


def _is_teaser(article: Tag) -> bool:
    """An ``<article>`` whose title is one link (to its own page) and that holds no post body:
    another post's card (Median UI's "Postingan Populer" and related posts), not this page's
    text. A post's own ``<article>`` may link its title to itself (Blogger's stock themes
    do) but holds its ``post-body``."""
    headings = tags_in(article, HEADING_TAGS)
    if not headings:
        return False
    anchors = tags_in(headings[0], ("a",))
    return (len(anchors) == 1 and squash(anchors[0].get_text(" ")) == squash(
        headings[0].get_text(" ")) and not any(
            isinstance(n, Tag) and n.attrs and _CONTENT_CLASS.search(" ".join(n.get("class") or []))
            for n in article.descendants))


def _holds_content(tag: Tag) -> bool:
    """A wrapper named like furniture (``content-sidebar-wrap``, Blogger's ``widget Blog``)
    that holds the page itself.

    An ``<h1 class="logo">`` is the site's name, so it does not make its header content;
    nor do the ``<article>`` cards of a related-posts block (JNews writes each related post
    as one): they are other pages' teasers, never this page's text.
    """
    names = _names(tag)
    if _RELATED.search(names):
        return False
    # a sidebar's <article> cards are other posts' teasers (Median UI's popular posts); a
    # wrapper named "widget" may be the page's own list of them (Blogger's "widget Blog")
    sidebar = tag.name == "aside" or bool(_SIDEBAR.search(names))
    return any(isinstance(node, Tag) and _marks_content(node)
               and not (sidebar and node.name == "article" and _is_teaser(node))
               for node in tag.descendants)


def _keep_only_site_name(tag: Tag) -> None:
    """A masthead whose one content marker is an ``<h1>`` that only links home (Blogger's
    ``<div class="Header"><h1 class="title"><a href="/">Blog</a></h1><p class="description">
    tagline``): the h1 stays, as it names the site for the title rules, the rest goes."""
    markers = tags_in(tag, _CONTENT_MARKERS)
    if len(markers) != 1 or markers[0].name != "h1" or not links_home(markers[0]):
        return
    node = markers[0]
    while node is not tag and isinstance(node.parent, Tag):
        for sibling in list(node.parent.children):
            if sibling is not node:
                sibling.extract()
        node = node.parent


def links_home(heading: Tag) -> bool:
    """A heading whose whole text is one link to the site's root: the site's name."""
    anchors = tags_in(heading, ("a",))
    if len(anchors) != 1 or squash(anchors[0].get_text(" ")) != squash(heading.get_text(" ")):
        return False
    parts = urlsplit(str(anchors[0].get("href") or "").strip())
    return not parts.query and parts.path.lower() in ("", "/", "/index.php", "/index.html") and (
        bool(parts.netloc) or parts.path != "")


def _text_len(tag: Tag) -> int:
    return len(squash(tag.get_text(" ")))


def _link_text_len(tag: Tag) -> int:
    return sum(len(squash(a.get_text(" "))) for a in tags_in(tag, ("a",)))


def _own_text_len(tag: Tag, cache: dict[int, int] | None = None) -> int:
    """Length of the text of ``tag`` outside links (memoised in ``cache`` by tag id: the
    block search and the title's region measure the same tags)."""
    if cache is not None and id(tag) in cache:
        return cache[id(tag)]
    own = _text_len(tag) - _link_text_len(tag)
    if cache is not None:
        cache[id(tag)] = own
    return own


def _only_headings(tag: Tag) -> bool:
    """A heading, or a wrapper of headings only (Joomla's ``<div class="page-header"><h2>``):
    never the page. Above a list of links (a tag's or a category's articles) it holds all
    the text outside links, so the search for the densest block would stop there."""
    if tag.name in HEADING_TAGS:
        return True
    heads = tags_in(tag, HEADING_TAGS)
    return bool(heads) and _text_len(tag) == sum(_text_len(h) for h in heads)


def main_block(body: Tag, cache: dict[int, int] | None = None) -> Tag:
    """The densest block: descend while one child holds most of the non-link text."""
    all_tags = tags_in(body)
    for test in (lambda t: t.name == "main", lambda t: t.name == "article",
                 lambda t: t.get("role") == "main"):
        found = [t for t in all_tags if test(t)]
        if len(found) == 1 and _text_len(found[0]) > 0.3 * max(_text_len(body), 1):
            body = found[0]
            break
    current = body
    while True:
        total = max(_own_text_len(current, cache), 1)
        children = [c for c in current.children if isinstance(c, Tag) and c.name in BLOCK_TAGS]
        best, best_score = None, 0
        for child in children:
            score = _own_text_len(child, cache)
            if score > best_score:
                best, best_score = child, score
        if best is None or best_score < 0.8 * total or best.name in ("p", "li") or (
                _only_headings(best)):
            return current
        current = best


def title_block(block: Tag, title_heading: Tag | None,
                cache: dict[int, int] | None = None) -> Tag:
    """Narrow ``block`` to the region that holds the page's title heading and most of the text.

    On a short page the densest-block descent stops high: the content is too short to
    outweigh the "Berita Terbaru" box beside it (the old CMS's right column, the table
    layout's left one). The title heading says which side is the page: the lowest ancestor
    of it that still holds most (60%) of the block's own text is the content.
    """
    if title_heading is None:
        return block
    total = _own_text_len(block, cache)
    heading_len = _text_len(title_heading)
    chain: list[Tag] = []
    node = title_heading.parent
    while isinstance(node, Tag) and node is not block:
        chain.append(node)
        node = node.parent
    if node is not block:
        return block
    for ancestor in chain:
        own = _own_text_len(ancestor, cache)
        if own >= 0.6 * total and own > heading_len:
            return ancestor
    # a listing is mostly links, so its own text may not outweigh the box beside it; its
    # branch is still the page if it is the biggest of the block's parts
    branch = chain[-1] if chain else None
    if branch is not None and _text_len(branch) > 2 * heading_len:
        size = _text_len(branch)
        if all(_text_len(other) < size for other in block.children
               if isinstance(other, Tag) and other is not branch):
            return branch
    return block


def find_title_heading(title: str, *scopes: list[Tag]) -> Tag | None:
    """The heading that states ``title``, from the first scope that has one."""
    for headings in scopes:
        for tag in headings:
            if squash(tag.get_text(" ")) == title:
                return tag
    return None


_DATELINE_MAX = 100
# a line that is one date and nothing more: "Senin, 15 Januari 2024 08:00", "16/04/2024"
_ONLY_DATE = re.compile(
    rf"^(?:[^\W\d]+,?\s+)?(?:\d{{1,2}}\s+(?:{MONTH_NAMES})\.?,?\s+\d{{4}}|\d{{1,2}}[/-]\d{{1,2}}[/-]"
    rf"\d{{4}})(?:,?\s*(?:pukul\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*WIB)?)?$", re.IGNORECASE)
TITLE_WORDS = 4  # words of a linked title after a list entry's date


def dateline(title_heading: Tag | None) -> str | None:
    """The date printed right under a headline ("Diposting pada 13 Oktober 2025", a
    ``<time datetime>``), as ISO: what makes a page a dated article; failing that, the date
    standing alone just above it in the headline's own header block (``_date_above``).

    Only the first short line after the heading counts: a service's intro that mentions
    "pendaftaran 23-28 Juni 2025" is prose, not a dateline.
    """
    if title_heading is None:
        return None
    return _date_below(title_heading) or _date_above(title_heading)


def _date_below(title_heading: Tag) -> str | None:
    """The date on the first short line after the heading (see ``dateline``)."""
    last = _last_descendant(title_heading)
    node = (last or title_heading).next_element
    line = ""
    seen = 0
    while node is not None and seen < 40:
        seen += 1
        if isinstance(node, Tag):
            if node.name == "time":
                found = parse_iso(str(node.get("datetime") or "")) or parse_indonesian_date(
                    squash(node.get_text(" ")))
                if found:
                    return found
            elif node.name in HEADING_TAGS or (node.name in BLOCK_TAGS and line.strip()):
                break  # the first line ended, or the next section began
        elif isinstance(node, NavigableString) and not isinstance(node, Comment):
            line += str(node)
            if len(squash(line)) > _DATELINE_MAX:
                return None
        node = node.next_element
    line = squash(line)
    if not line or len(line) > _DATELINE_MAX or _leads_to_link(node):
        # a date followed by a linked title is the first entry's of a list under the
        # heading ("Semua Berita", then each post's date and title), not the page's
        return None
    return parse_indonesian_date(line)


def _date_above(title_heading: Tag) -> str | None:
    """The date a template prints on its own just above the headline, in the headline's
    header block (K2's ``itemDateCreated`` before ``itemTitle``): the element right before
    the heading, if all it says is a date (a time of day may follow) and it links nowhere,
    and the smallest block holding both says little more than the two (a byline): a
    "today" widget above the content, whose block holds the whole page, dates no page.
    The line above a list's heading is the menu or the breadcrumbs, never one date alone."""
    node = title_heading.previous_sibling
    while isinstance(node, NavigableString) and not str(node).strip():
        node = node.previous_sibling
    if not isinstance(node, Tag) or node.name in HEADING_TAGS or node.find("a") is not None:
        return None
    line = squash(node.get_text(" "))
    if not line or len(line) > _DATELINE_MAX or not _ONLY_DATE.match(line):
        return None
    header = title_heading.parent
    if header is None or _text_len(header) > (
            len(line) + _text_len(title_heading) + _DATELINE_MAX):
        return None
    return parse_indonesian_date(line)


def _leads_to_link(node: PageElement | None) -> bool:
    """The next words from ``node`` on are a list entry's linked title: a link of
    ``TITLE_WORDS`` words or more that is the whole text of its line (of its block, or
    between ``<br>``s: a Lokomedia post's date, title and excerpt share a ``<div>``), or
    that another date follows (the next entry's). A link among other words is none: an
    article whose
    first sentence opens with a linked agency's name, a byline "oleh <a>Humas Pemkot Kota
    Jambi</a>" (four words, as long as a short title), a tag or share link beside others."""
    seen = 0
    while node is not None and seen < 20:
        seen += 1
        if isinstance(node, NavigableString) and not isinstance(node, Comment) and node.strip():
            link = next((parent for parent in node.parents
                         if isinstance(parent, Tag) and parent.name == "a"), None)
            if (link is None or not link.get("href")
                    or len(link.get_text(" ").split()) < TITLE_WORDS):
                return False
            return _alone_on_line(link) or _date_follows(link)
        node = node.next_element
    return False


def _alone_on_line(link: Tag) -> bool:
    """No words beside ``link`` (or the inline tags holding it alone) up to a line break:
    a ``<br>``, a block's edge."""
    own = squash(link.get_text(" "))
    node: Tag = link
    while (node.parent is not None and node.parent.name not in BLOCK_TAGS
           and squash(node.parent.get_text(" ")) == own):
        node = node.parent
    for siblings in (node.previous_siblings, node.next_siblings):
        for sibling in siblings:
            if isinstance(sibling, Tag) and (sibling.name == "br" or sibling.name in BLOCK_TAGS):
                break
            if isinstance(sibling, Comment):
                continue
            text = sibling.get_text(" ") if isinstance(sibling, Tag) else str(sibling)
            if text.strip():
                return False
    return True


def _date_follows(link: Tag) -> bool:
    """A line alone that is a date comes within the next few lines after ``link``."""
    lines = 0
    for text in link.find_all_next(string=True, limit=40):
        line = squash(str(text))
        if not line or isinstance(text, Comment):
            continue
        if _DATELINE.match(line):
            return True
        lines += 1
        if lines > 4:
            break
    return False


# where a listing puts its entries; a paragraph that is only a link ("Lihat: syarat KTP")
# is an article's pointer, not an entry
_ITEM_TAGS = {"li", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th"}
# An entry with an excerpt: a headline (or a link) leads it, the excerpt is short
_LEAD_TAGS = {"a", "h2", "h3", "h4", "h5", "h6", "b", "strong", "dt"}
# a date alone on its line, as a news index prints it before each entry's title: "Senin,
# 19 Februari 2024 - 09:41 WIB", "19/02/2024"
_DATELINE = re.compile(
    r"^\W*(?:(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\W+)?"
    r"(?:\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{4})"
    r"(?:\W+(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*(?:wib|wita|wit))?)?\W*$",
    re.IGNORECASE)
MIN_EXCERPT = 20
_INLINE_TAGS = {"em", "i", "u", "s", "sup", "sub", "small", "span", "abbr", "code", "mark",
                "q", "cite", "time"}
MAX_ENTRY = 400


@dataclass
class LinkItems:
    """How much a block is a list of links to other pages.

    An item is a list entry, headline or table cell that is (almost) only a link:
    "Penerbitan KTP-el" in a service index, a news headline over its date and summary, an
    app's name in a catalog row, a PDF in a download list. It is also an entry with its
    excerpt (see ``excerpt_entries``): a card, a paragraph or list entry led by a linked
    headline. ``longest_gap`` is the most text before the first item, between two items or
    after the last: a listing's own text is an intro and per-item summaries, an article has
    paragraphs of its own.
    """

    count: int = 0
    longest_gap: int = 0


def _elsewhere(anchor: Tag, own: str) -> bool:
    """A link to another page (not an in-page anchor, mail or script link, nor this page)."""
    href = str(anchor.get("href") or "").strip()
    if not is_followable(href):
        return False
    return not (own and urljoin(own, href).split("#", 1)[0] == own)


# Where a CMS files a post: WordPress's /category/berita/, /tag/dtks/ and ?cat=3, Blogger's
# /search/label/Berita, OpenSID's /kategori/4
_TAXONOMY_PATH = re.compile(r"/(category|categories|kategori|tag|tags|label|topik|topic)/",
                            re.IGNORECASE)
_TAXONOMY_QUERY = re.compile(r"(^|&)(cat|tag|category|kategori|label)=", re.IGNORECASE)


def is_taxonomy_link(anchor: Tag) -> bool:
    """A link to the category, tag or label a post is filed under (``rel="tag"``, or by its
    path): the post's own labels, not entries of a list. A short post on tagDiv's
    Newspaper theme, its category above the title and its tags below the text, read as a
    list of three links."""
    rel = anchor.get("rel") or []
    rels = rel.split() if isinstance(rel, str) else rel
    if {"tag", "category"} & {r.lower() for r in rels}:
        return True
    parts = urlsplit(str(anchor.get("href") or "").strip())
    return bool(_TAXONOMY_PATH.search(parts.path + "/") or _TAXONOMY_QUERY.search(parts.query))


def post_labels(base_url: str, tags: list[Tag]) -> list[Link]:
    """The labels or categories a page files itself under: its ``rel="tag"`` links outside
    menus and sidebars (a label cloud there files nothing), as the page shows them, read
    before the furniture goes. A Blogger post writes its labels in the post footer, outside
    the post body and often in a ``<footer>`` that is dropped as template, and Blogger's
    robots.txt keeps every ``/search/label/...`` page out of a polite crawl: these links
    are all a crawler learns of how the site files the post (``crawler.siblings``).

    A label's ``href`` resolves as a browser resolves it: against the page's ``<base
    href>`` when it has one (``page_base``), else the page's URL; it is the site's when it
    is on the page's origin or the base's (where the site sends its relative links)."""
    base = ""  # what the labels resolve against, found at the first: most pages have none
    sites: set[str] = set()
    out: dict[str, Link] = {}
    for tag in tags:
        if tag.name != "a" or not tag.get("href") or _gone(tag):
            continue
        rel = tag.get("rel") or []
        if "tag" not in {r.lower() for r in (rel.split() if isinstance(rel, str) else rel)}:
            continue
        if any(parent.name in ("aside", "nav") or _SIDEBAR.search(_names(parent))
               for parent in tag.parents if isinstance(parent, Tag)):
            continue
        href = str(tag["href"]).strip()
        if not is_followable(href):
            continue
        if not base:
            base = page_base(base_url, tags)
            sites = {_origin_of(base), _origin_of(base_url)}
        try:
            url = urljoin(base, href).split("#", 1)[0]
        except ValueError:
            continue
        if _origin_of(url) in sites:
            out.setdefault(url, Link(url, squash(tag.get_text(" ")).lstrip("#")))
    return list(out.values())


def _led_by_headline(entry: Tag) -> bool:
    """The entry's first words are a link or a heading: "<b><a>Judul</a></b> ringkasan",
    "<h5>Judul</h5> ringkasan <a>Selengkapnya</a>", after its date where a news index
    prints the date first ("Senin, 19 Februari 2024 <a>Judul</a> ringkasan")."""
    for node in entry.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, Comment) and node.strip():
            if _DATELINE.match(node):
                continue
            parent = node.parent
            while isinstance(parent, Tag) and parent is not entry:
                if parent.name in _LEAD_TAGS:
                    return True
                parent = parent.parent
            return False
    return False


def excerpt_entries(block: Tag, page_url: str = "") -> list[Tag]:
    """Entries of a listing that carry an excerpt each: sibling elements of one kind (same
    tag and class) that each lead with a headline, link to another page and add a short
    excerpt. News indexes and card grids look like this on every template (WordPress
    ``<li><a>..</a> – ringkasan</li>``, Bootstrap cards, an old PHP table's ``<p><b><a>``
    entries). It takes two alike, built of the same tags, to make entries: one linked
    paragraph in an article is not one, nor are a table layout's sidebar and content
    columns; the excerpt keeps a menu or a list of bare links out."""
    own = page_url.split("#", 1)[0]
    found: list[Tag] = []
    for parent in [block, *tags_in(block)]:
        groups: dict[tuple[str, str], list[Tag]] = {}
        for child in parent.children:
            if isinstance(child, Tag) and child.name != "a":
                groups.setdefault((child.name, _names(child)), []).append(child)
        for siblings in groups.values():
            if len(siblings) < 2:
                continue
            alike: dict[tuple[str, ...], list[Tag]] = {}
            for entry in siblings:
                if _is_entry(entry, own):
                    alike.setdefault(_skeleton(entry), []).append(entry)
            found.extend(e for entries in alike.values() if len(entries) >= 2 for e in entries)
    return found


def drop_teasers(body: Tag, page_url: str) -> Tag | None:
    """On a page that leads with its own post (``own_post_body``), remove the teasers of
    other posts outside it (related and popular posts not named so, Median UI's cards): their
    titles are not this page's words. The Median blog's KIA post answered "cakmano ngurus
    ktp" first for the KTP post's title in its related posts. Returns the post (None for a
    page that leads with none): dropping teasers outside it leaves it the page's post."""
    post = own_post_body(body, page_url)
    if post is None:
        return None
    own = page_url.split("#", 1)[0]
    # entries titled by a link to their page (a comment is an entry, not a teaser)
    teasers = [*(t for t in excerpt_entries(body, own)
                 if any(_title_link(h, own) for h in tags_in(t, HEADING_TAGS))),
               *(t for t in tags_in(body, ("article",)) if _is_teaser(t))]
    for teaser in teasers:
        if _gone(teaser) or teaser is post or post in teaser.parents or teaser in post.parents:
            continue
        teaser.decompose()
    return post


# A "see also" line an editor puts inside a post: "Baca juga: <a>another post</a>"
_SEE_ALSO = re.compile(r"^\W*(?:baca|lihat|simak) (?:juga|pula)\b|"
                       r"^\W*(?:artikel|postingan|berita) terkait\b|^\W*(?:read|see) also\b",
                       re.IGNORECASE)
# ...but not one that links a file ("Lihat juga: Standar Pelayanan (PDF)"): the page's own
_FILE_HREF = re.compile(r"\.(?:pdf|docx?|xlsx?|od[ts]|pptx?|zip|rar)(?:[?#]|$)|"
                        r"//(?:drive|docs)\.google\.", re.IGNORECASE)


def drop_see_also(body: Tag, page_url: str) -> None:
    """Remove the "Baca juga: <link>" lines inside a post: another post's title, not this
    page's words (Indonesian blogs put one or two in every post, by hand or by a theme's
    script). A line goes when links to other pages are most of what follows its lead words,
    so a paragraph that only starts so ("Baca juga syarat di bawah ini ...") stays, and a
    line that links a file stays: a standard or form is the page's own. On the tuning web's
    Plus UI blog the domisili post answered "sku kel the hok" first, for the business-letter
    post it linked that way."""
    own = page_url.split("#", 1)[0]
    for tag in tags_in(body, ("p", "div", "span", "blockquote", "li", "b", "strong")):
        if _gone(tag):
            continue
        text = squash(tag.get_text(" "))
        lead = _SEE_ALSO.match(text)
        if lead is None:
            continue
        links = [a for a in tags_in(tag, ("a",)) if _elsewhere(a, own)]
        rest = len(text) - lead.end()
        if any(_FILE_HREF.search(str(a.get("href") or "")) for a in links):
            continue
        if links and sum(_text_len(a) for a in links) >= 0.8 * max(rest, 1):
            tag.decompose()


def own_text(block: Tag, page_url: str = "") -> str:
    """The text of ``block`` outside other pages' teasers (the entries of a related or
    popular posts block, a teaser ``<article>``): what the page itself says."""
    own = page_url.split("#", 1)[0]
    teasers = {id(t) for t in excerpt_entries(block, own)}
    teasers |= {id(t) for t in tags_in(block, ("article",)) if _is_teaser(t)}
    parts = [str(node) for node in block.find_all(string=True)
             if not isinstance(node, Comment)
             and not any(id(parent) in teasers for parent in node.parents)]
    return squash(" ".join(parts))


def _skeleton(tag: Tag) -> tuple[str, ...]:
    """The tags of an entry in order, inline emphasis left out: entries a template writes in
    a loop share it; a layout's columns (a sidebar beside the content) do not."""
    return tuple(t.name for t in tags_in(tag) if t.name not in _INLINE_TAGS)


def _links_make(parent: Tag, own: str) -> bool:
    """Whether ``parent`` is a list of links: two or more links to other pages as its
    children, which hold most of its text."""
    links = [c for c in parent.children if isinstance(c, Tag) and c.name == "a"
             and _elsewhere(c, own)]
    return len(links) >= 2 and sum(_text_len(a) for a in links) >= 0.8 * _text_len(parent)


def _is_entry(tag: Tag, own: str) -> bool:
    links = [a for a in tags_in(tag, ("a",)) if _elsewhere(a, own)]
    if not links:
        return False
    text = _text_len(tag)
    excerpt = text - _link_text_len(tag)
    return MIN_EXCERPT <= excerpt and text <= MAX_ENTRY and _led_by_headline(tag)


_READ_MORE = re.compile(r"^\W*(?:(lihat )?(detail|selengkapnya|rincian)|(baca|lihat) "
                        r"(selengkapnya|lebih lanjut)|read more)\W*$", re.IGNORECASE)


def reads_more(text: str) -> bool:
    """Whether a link's text only says "read more" ("Selengkapnya", "Lihat detail")."""
    return bool(_READ_MORE.match(text))


def _card_entries(block: Tag, own: str) -> list[Tag]:
    """Cards of one entry each, however few: a heading, an excerpt and a "Lihat Detail"
    link to the entry's own page (an agency's page at a service portal listing its one
    service)."""
    found = []
    for anchor in tags_in(block, ("a",)):
        if not _elsewhere(anchor, own) or not _READ_MORE.match(squash(anchor.get_text(" "))):
            continue
        card = anchor.parent
        while (isinstance(card, Tag) and card is not block
               and first_tag(card, HEADING_TAGS) is None):
            card = card.parent
        if isinstance(card, Tag) and card is not block and _is_entry(card, own):
            found.append(card)
    return found


def _title_link(heading: Tag, own: str) -> str | None:
    """The address a heading links to when its whole text is one link to another page."""
    anchors = tags_in(heading, ("a",))
    if len(anchors) == 1 and _elsewhere(anchors[0], own) and squash(
            anchors[0].get_text(" ")) == squash(heading.get_text(" ")):
        return urljoin(own, str(anchors[0].get("href")).strip())
    return None


def own_post_body(block: Tag, page_url: str = "") -> Tag | None:
    """The body of the post a page shows as its own: an unlinked ``<h1>`` and, after it, an
    element marked as a post body (hAtom's ``post-body``/``entry-content``), both before any
    heading that links to another page. Teasers after it (related and popular posts) are
    other pages'; ``None`` where the block does not lead with such a post (a blog's home or
    label page links each post's title before its body). A body holding such a heading is
    an entry of a list, not the page's post: a WordPress archive's ``post hentry`` wrappers
    each hold their post's linked title."""
    own = page_url.split("#", 1)[0]
    headline = False
    for node in block.descendants:
        if not isinstance(node, Tag):
            continue
        if node.name in HEADING_TAGS and _title_link(node, own):
            return None
        if node.name == "h1" and not tags_in(node, ("a",)):
            headline = True
        elif (headline and node.attrs
              and _CONTENT_CLASS.search(" ".join(node.get("class") or []))
              and not any(_title_link(h, own) for h in tags_in(node, HEADING_TAGS))):
            return node
    return None


def shows_posts(block: Tag, page_url: str, post: Tag | None) -> bool:
    """Whether ``block`` shows posts under titles linking to each post's own page: the
    entries of a blog's home, archive or search page. Two such titles make a list; one
    does when its post also ends in a "Baca selengkapnya" link to the same page (an
    excerpt: a post's own page does not link itself to be read in full). A block that
    leads with its own post (``own_post_body``) is that post, whatever teasers follow it
    (Median UI's related and popular posts are not named "related": every post of the
    tuning web's Median blog was a listing). ``post``: ``own_post_body(block, page_url)``,
    which the parse found (``HtmlPage.post``)."""
    own = page_url.split("#", 1)[0]
    if post is not None:
        return False
    targets = [link for heading in tags_in(block, HEADING_TAGS)
               if (link := _title_link(heading, own))]
    if len(targets) != 1:
        return len(targets) >= 2
    more = {urljoin(own, str(a.get("href")).strip()) for a in tags_in(block, ("a",))
            if _elsewhere(a, own) and _READ_MORE.match(squash(a.get_text(" ")))}
    return targets[0] in more


_LINE_ITEMS = ("p", "div")


def _is_link_line(line: Tag, own: str) -> bool:
    """A paragraph or <div> that is (almost) only one link to another page."""
    anchors = [a for a in tags_in(line, ("a",)) if _elsewhere(a, own)]
    return len(anchors) == 1 and _text_len(anchors[0]) >= 0.6 * _text_len(line) and not any(
        isinstance(c, Tag) and c.name in BLOCK_TAGS for c in line.descendants)


def _link_line(anchor: Tag, block: Tag, own: str) -> Tag | None:
    """The line ``anchor`` makes when it is one of two or more such lines in a row: one
    paragraph that is only a link ("Lihat: syarat KTP") is an article's pointer, not an
    entry; lines of them are a list."""
    line = anchor.parent
    while isinstance(line, Tag) and line is not block and line.name not in _LINE_ITEMS:
        line = line.parent
    if not isinstance(line, Tag) or line is block or not _is_link_line(line, own):
        return None
    for direction in ("previous_sibling", "next_sibling"):
        sibling = getattr(line, direction)
        while isinstance(sibling, NavigableString) and not str(sibling).strip():
            sibling = getattr(sibling, direction)
        if isinstance(sibling, Tag) and sibling.name == line.name and _is_link_line(sibling, own):
            return line
    return None


# a view of the page, not another page: its print view, its e-mail-a-friend form, a reply to
# a comment (Joomla's ``tmpl=component&print=1`` and ``com_mailto``, WordPress's
# ``?replytocom=``, a print plugin's ``?print=1``, a ``mailto:`` share)
_PAGE_VIEW = re.compile(r"[?&](?:tmpl=component|print=1|replytocom=)|[?&]option=com_mailto\b|"
                        r"^mailto:", re.IGNORECASE)
# the block of an article's icons (K2's ``itemToolbar``, Joomla's ``icons``/``actions``)
_TOOLBAR = re.compile(r"toolbar|^(?:icons|actions|print-icon|email-icon)$", re.IGNORECASE)
_TOOLBAR_REACH = 3  # the icon's own item, its list, the toolbar


def _page_view(anchor: Tag) -> bool:
    """A print, e-mail or comment link: a view of the page or a commenter's site
    (``rel="ugc"``), never an entry of a list the page shows. A ``rel="nofollow"`` link
    counts only in the article's icon toolbar: a list of outside services may carry it on
    every link and is a list all the same."""
    if _PAGE_VIEW.search(str(anchor.get("href") or "")):
        return True
    rel = anchor.get("rel") or []
    rel = rel if isinstance(rel, list) else str(rel).split()
    if "ugc" in rel:
        return True
    if "nofollow" not in rel:
        return False
    near = list(itertools.islice(anchor.parents, _TOOLBAR_REACH))
    return any(_TOOLBAR.search(c) for parent in near for c in parent.get("class") or [])


def link_items(block: Tag, page_url: str = "") -> LinkItems:
    own = page_url.split("#", 1)[0]
    items: dict[int, Tag] = {id(entry): entry for entry in excerpt_entries(block, own)}
    items.update((id(card), card) for card in _card_entries(block, own) if id(card) not in items)
    for anchor in tags_in(block, ("a",)):
        if not _elsewhere(anchor, own) or is_taxonomy_link(anchor) or _page_view(anchor):
            continue
        text_len = len(squash(anchor.get_text(" ")))
        if text_len < 3:
            continue
        container = anchor.parent
        while (isinstance(container, Tag) and container is not block
               and container.name not in _ITEM_TAGS):
            container = container.parent
        if not isinstance(container, Tag) or container is block:
            # no item around it: in a list of bare links (Bootstrap's list-group) each link
            # is an item, and so is each line of a list typed as lines (a Blogger editor's
            # <div> per file to download)
            if anchor.parent is not block and _links_make(anchor.parent, own):
                items[id(anchor)] = anchor
            elif (line := _link_line(anchor, block, own)) is not None:
                items[id(line)] = line
            continue
        if id(container) in items:
            continue
        container_len = len(squash(container.get_text(" ")))
        if text_len >= 0.6 * container_len:
            items[id(container)] = container
    found = LinkItems()
    if not items:
        return found
    # one walk in document order: text before, between and after the items (an item inside
    # another, a link entry inside a card, is part of it)
    gap, skip_until = 0, None
    for node in block.descendants:
        if skip_until is not None:
            if node is skip_until:
                skip_until = None
            continue
        if isinstance(node, Tag) and id(node) in items:
            found.count += 1
            found.longest_gap = max(found.longest_gap, gap)
            gap = 0
            skip_until = _last_descendant(node)
            continue
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            length = len(" ".join(node.split()))
            if length:
                gap += length + 1
    found.longest_gap = max(found.longest_gap, gap)
    return found


def _last_descendant(tag: Tag) -> Tag | NavigableString | None:
    last = None
    for last in tag.descendants:  # noqa: B007 - the loop finds the last one
        pass
    return last


def block_text(tag: Tag) -> str:
    """Readable text with one line per block element and list item."""
    out: list[str] = []
    _walk_text(tag, out)
    lines = [squash(line) for line in "".join(out).split("\n")]
    return "\n".join(line for line in lines if line)


def _walk_text(node: Tag, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, Comment):
                out.append(str(child))
        elif isinstance(child, Tag):
            if child.name in _DROP_TAGS:
                continue  # scripts and styles (gone from the cleaned body anyway)
            if child.name in ("td", "th"):
                out.append(" ")
                _walk_text(child, out)
                out.append(" ")
            elif child.name in BLOCK_TAGS:
                out.append("\n")
                _walk_text(child, out)
                out.append("\n")
            else:
                _walk_text(child, out)


def page_headings(block: Tag, body_h1: Tag | None) -> list[tuple[Tag, int]]:
    """The block's headings as (tag, level), in document order: its ``<h1>``-``<h6>``, and
    where the page has no ``<h1>`` at all (``body_h1``, the cleaned page's first, is None),
    the lines its layout styles as headings (``crawler.extract.headings``)."""
    # a block that is one heading (a script-drawn list's page) is its own heading
    own = [block] if block.name in HEADING_TAGS else []
    tagged = [(t, int(t.name[1])) for t in own + tags_in(block, HEADING_TAGS)]
    if body_h1 is not None:
        return tagged
    found = layout_headings(block)
    if not found:
        return tagged
    order = {id(t): i for i, t in enumerate(tags_in(block))}
    merged = sorted([*tagged, *found], key=lambda pair: order.get(id(pair[0]), 0))
    # a real heading before the layout's main one outranks it (the main one is a label),
    # unless it labels a box of links (a left column's "Kategori", "Berita Populer" before
    # a portal's article) or is itself a link (that box's posts, each an <h4><a>)
    boxes = link_box_labels(block, [t for t, _ in merged])
    first_real = next((i for i, (t, _) in enumerate(merged)
                       if t.name in HEADING_TAGS and id(t) not in boxes and not _a_link(t)),
                      None)
    return [(t, 4 if level == 1 and t.name not in HEADING_TAGS and first_real is not None
             and first_real < i else level) for i, (t, level) in enumerate(merged)]


def not_panel_titles(headings: list[tuple[Tag, int]], titles: set[str]
                     ) -> list[tuple[Tag, int]]:
    """``headings`` with a main heading (level 1) that titles one of the page's panels made
    a section's (level 4): a page builder's accordion item titles draw as layout headings
    (a ``sppb-panel-title`` span), and the first of them would name a page that lists them
    all."""
    return [(t, 4 if level == 1 and squash(t.get_text(" ")) in titles else level)
            for t, level in headings]


def _a_link(heading: Tag) -> bool:
    """The heading's whole text is one link's."""
    link = heading.find_parent("a", href=True) or heading.find("a", href=True)
    return link is not None and (link in heading.parents
                                 or squash(link.get_text(" ")) == squash(heading.get_text(" ")))


def extract_headings(headings: list[tuple[Tag, int]]) -> list[str]:
    seen: list[str] = []
    for tag, _ in headings:
        text = squash(tag.get_text(" "))
        if text and text not in seen and len(text) <= 200:
            seen.append(text)
    return seen[:50]


def title_evidence(headings: list[tuple[Tag, int]], body_h1: Tag | None,
                   evidence: TitleEvidence, url: str) -> TitleEvidence:
    """``evidence`` (what only the unstripped page shows: <title>, og:title, the site's
    names) completed with the content block's ``headings``, those of them that link to
    another page (a list's entries, never the page's name) and the page's first h1."""
    evidence.headings = cap_headings([(level, squash(t.get_text(" "))) for t, level in headings])
    evidence.entries = sorted({squash(t.get_text(" ")) for t, _ in headings
                               if _title_link(t, url)})[:_MAX_ENTRIES]
    if not any(level == 1 for level, _ in evidence.headings) and body_h1 is not None:
        evidence.body_h1 = squash(body_h1.get_text(" "))[:250]
    return evidence


def entry_published(tags: list[Tag]) -> str | None:
    """The publication date of a page that is one hAtom entry (Blogger's posts, many blog
    themes): its only ``published`` element, ``<abbr class="published" title="2025-09-12T
    09:15:00+07:00">``. Read before boilerplate removal, as it sits in the post's footer; a
    page with several is a list of posts, dated by none of them."""
    found = [t for t in tags if t.attrs and "published" in (t.get("class") or [])]
    if len(found) != 1:
        return None
    tag = found[0]
    return parse_iso(str(tag.get("datetime") or tag.get("title") or "")) or (
        parse_indonesian_date(squash(tag.get_text(" "))))


@dataclass
class HtmlPage:
    """What the spider needs from one HTML page."""

    title: str
    text: str
    headings: list[str]
    breadcrumbs: list[str]
    lang_attr: str | None
    canonical: str | None
    links: list[Link]
    meta: dict[str, str | None] = field(default_factory=dict)
    content: Tag | None = None  # the cleaned body, for service-field extraction
    main: Tag | None = None
    # the post the cleaned body leads with (``own_post_body``) as seen from ``post_of``
    post: Tag | None = None
    post_of: str = ""
    title_evidence: TitleEvidence = field(default_factory=TitleEvidence)
    # a home page's whole text, footer included: where a site says its address and hours
    whole_text: str = ""
    panels: list[Panel] = field(default_factory=list)  # tabs' and accordions' panels
    # ...or the services it lists one after another (crawler.extract.onepage), told apart by
    # the sections they repeat rather than by markup
    repeated: bool = False
    # the frames the main block shows (a published document, a file viewer), titled by
    # their accessible name
    embeds: list[Link] = field(default_factory=list)
    # the labels the page files itself under (``post_labels``)
    labels: list[Link] = field(default_factory=list)


def site_text(root: Tag, url: str) -> str:
    """A home page's whole text, footer included (where a site says its address and
    hours), less its posts' teasers: a post's excerpt ("Mulai Mei, kantor lurah membuka
    loket Sabtu pukul 08.00-11.00 WIB ...") or headline ("Posyandu di RT 12") says no more
    where the office is than any other post."""
    teasers = {line for entry in excerpt_entries(root, url)
               for line in block_text(entry).splitlines()}
    return "\n".join(line for line in block_text(root).splitlines() if line not in teasers)


def extract_page(text: str, url: str, site: SiteTitles = NO_SITE) -> HtmlPage:
    """``site``: the title segments the page's site repeats (``crawler.sitetitles``); they
    decide the title only, never which part of the page is its content, so a page
    re-extracts to the same text whatever the site has learned."""
    soup = parse_html(text)
    unwrap_shortcodes(soup)  # a page builder's layout printed as text (plugin off)
    tags = tags_in(soup)
    base = page_base(url, tags)
    embedded = embedded_documents(tags, base)  # what its viewers show
    links = extract_links(url, tags, embedded, base)
    labels = post_labels(url, tags)
    canonical = canonical_link(url, tags)
    lang = html_lang(soup)
    trail = breadcrumb_trail(tags)
    breadcrumbs = extract_breadcrumbs(trail)
    metas = meta_tags(tags)
    meta = {
        "og_type": meta_content(metas, "og:type"),
        "published": meta_content(metas, "article:published_time", "datePublished",
                                  "pubdate", "publish-date", "date"),
        "modified": meta_content(metas, "article:modified_time", "og:updated_time",
                                 "dateModified", "last-modified"),
        "description": meta_content(metas, "description", "og:description"),
        "og_title": meta_content(metas, "og:title", "twitter:title"),
    }
    meta["published"] = meta["published"] or entry_published(tags)
    title_tag = next((t for t in tags if t.name == "title"), None)
    evidence = TitleEvidence(
        title_tag=squash(title_tag.get_text(" ")) if title_tag is not None else "",
        og_title=meta["og_title"],
        site_names=site_names(tags, metas),
        crumb=current_crumb(trail, url),
    )
    home = is_home(url)
    whole = site_text(soup.body or soup, url) if home else ""
    # the frames, with the element holding each: where it sits once the furniture is gone
    frames = [(str(t["src"]).strip(), squash(str(t.get("title") or t.get("aria-label") or "")),
               t.parent) for t in tags if t.name in ("frame", "iframe") and t.get("src")
              and not frame_shows_document(str(t["src"]), base)]
    panels = unfold_tabs(soup)  # before the tab bar goes with the menus
    head_section_items(soup)  # before an item's title goes as a page header
    body = strip_boilerplate(soup, tags)
    repeated = False
    if len(panels) < 2:  # services one after another, each repeating the same sections
        found = repeated_services(soup, body)
        panels, repeated = panels + found, bool(found)
    post = drop_teasers(body, url)
    drop_see_also(body, url)
    lengths: dict[int, int] = {}
    block = main_block(body, lengths)
    body_h1 = first_tag(body, ("h1",))  # the body is not changed from here on
    # a page of several panels (an accordion of services) is titled by none of them
    # (as the panel's own title element says it too: "1. Pengaduan ...")
    panel_titles = ({p.title for p in panels} | {squash(p.head.get_text(" ")) for p in panels
                                                 if p.head is not None}
                    if len(panels) > 1 else set())
    headings = not_panel_titles(page_headings(block, body_h1), panel_titles)
    title_evidence(headings, body_h1, evidence, url)
    page_title = choose_title(evidence, home=home, url=url)
    # the main heading before any other that states the title (a sidebar's link to the page)
    heading = find_title_heading(page_title, [t for t, level in headings if level == 1],
                                 [t for t, _ in headings], tags_in(body, HEADING_TAGS))
    narrowed = title_block(block, heading, lengths)
    if narrowed is not block:
        block = narrowed
        headings = not_panel_titles(page_headings(block, body_h1), panel_titles)
    meta["dateline"] = dateline(heading)
    embeds: dict[str, Link] = {}  # a frame's own file named again by the viewer: once
    for link in framed_in(body, frames, url) + shown_in(body, embedded):
        embeds.setdefault(link.url, link)
    # every file the content shows is followed, however many the sidebars named first
    followed = {link.url for link in links}
    links += [Link(link.url, link.text) for link in embeds.values() if link.url not in followed]
    return HtmlPage(
        title=choose_title(evidence, site, home=home, url=url) if site else page_title,
        text=block_text(block),
        headings=extract_headings(headings),
        breadcrumbs=breadcrumbs,
        lang_attr=lang,
        canonical=canonical,
        links=links,
        meta=meta,
        content=body,
        main=block,
        post=post,
        post_of=url.split("#", 1)[0],
        title_evidence=evidence,
        whole_text=whole,
        panels=[p for p in panels if not _gone(p.tag)],
        repeated=repeated,
        embeds=list(embeds.values()),
        labels=labels,
    )


def content_root(body: Tag) -> Tag:
    """The page's one ``<main>``, ``<article>`` or ``role=main`` element in ``body``, else
    ``body``."""
    found = tags_in(body)
    for test in (lambda t: t.name == "main", lambda t: t.name == "article",
                 lambda t: t.get("role") == "main"):
        only = [t for t in found if test(t)]
        if len(only) == 1:
            return only[0]
    return body


def shown_in(body: Tag, embedded: list[tuple[str, str, Tag | None, bool]]) -> list[Link]:
    """The files of ``embedded`` (``embedded_documents``) whose viewer the page's content
    holds: inside its ``<main>``/``<article>`` when it has one, and never an element right
    under ``<body>`` (a site-wide popup, a JSON-LD script: in every page, of none)."""
    root = content_root(body)
    out: dict[str, Link] = {}
    for target, name, holder, loose in embedded:
        if (holder is None or holder.name in ("body", "html", "[document]") or _gone(holder)
                or (holder is not root and root not in holder.parents)):
            continue
        out.setdefault(target, Link(target, name, loose))
    return list(out.values())


def framed_in(body: Tag, frames: list[tuple[str, str, Tag | None]],
              url: str) -> list[Link]:
    """The frames of ``frames`` (src, accessible name, the element that held it) left in
    ``body`` once the menus, header, footer and sidebars are gone: what the page shows of
    another document as its own content (the frames themselves are dropped with the
    scripts; their holders stay where the content is)."""
    out: dict[str, Link] = {}
    for src, name, holder in frames:
        if holder is None or _gone(holder) or (holder is not body
                                               and body not in holder.parents):
            continue
        if not is_followable(src):
            continue
        try:
            target = urljoin(url, src).split("#", 1)[0]
        except ValueError:
            continue
        out.setdefault(target, Link(target, name))
    return list(out.values())
