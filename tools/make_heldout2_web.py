"""Write the second held-out web (``eval/heldout2``): Kota Jambi OPD sites in template families
the tuning web does not have, and the judged queries that measure sikoja on them.

Written once, before anyone tuned on it (issue #11), by a helper who had not read sikoja's
crawler, extractors, synonym lists or dev queries: the sites are laid out the way such sites
are in the wild and the queries are typed the way citizens type. The facts (requirements,
cost, duration, procedure) come from ``../shared/data/services.jsonl``; the prose, markup and
queries are this file's own. Families:

- ``wp-newsmag``: WordPress on a news-magazine theme (JNews-like markup: mega menu, breaking
  ticker, share buttons, related posts, comment form, tag cloud), services as pages under
  "Layanan" in accordions, the service standard as an attachment page with a PDF;
- ``drupal10``: Drupal 10 (Olivero), path aliases over ``/node/NN``, views with ``?page=N``,
  taxonomy term pages, ``field--name-field-*`` service fields;
- ``ci4-datatables``: CodeIgniter 4, the service list a DataTables grid filled from
  ``/layanan/data?draw=1&start=0&length=5`` JSON, one server-rendered ``/layanan/detail/<slug>``
  per service, linked only from that JSON and a few news posts;
- ``hugo-kelurahan``: a kelurahan on a free Hugo theme (Ananke-like), short pages, much local
  news, services told in prose;
- ``google-sites-uptd``: UPTDs on Google Sites: a few long extensionless pages with anchors
  and tables of services, costs and hours.

It must never be tuned on: count its score, never list its queries or pages in a tuning
discussion. ``python tools/make_heldout2_web.py`` rewrites ``eval/heldout2`` (the
``queries.tsv`` included) from the fact files.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BASE_PORT = 8901
OUT = ROOT / "eval" / "heldout2"


def default_data_dir() -> Path:
    """``../shared/data`` beside the checkout; from a git worktree, beside its main checkout
    (``.git`` is then a file naming ``<main>/.git/worktrees/<name>``)."""
    here = ROOT.parent / "shared" / "data"
    dot_git = ROOT / ".git"
    if not here.is_dir() and dot_git.is_file():
        gitdir = dot_git.read_text(encoding="utf-8").partition("gitdir:")[2].strip()
        if gitdir:
            main_checkout = Path(gitdir).resolve().parents[2]
            return main_checkout.parent / "shared" / "data"
    return here


def route_key(path: str, query: str) -> str:
    """The key ``sikoja.demo.server`` looks a query-string URL up by (sorted pairs)."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return path + ("?" + urlencode(pairs) if pairs else "")


# ---------------------------------------------------------------------------------- facts

_NOTE = re.compile(r"\s*\((?:[^()]*?(?:contoh|general|FAQ|asumsi|terverifikasi|cek|Pasal|"
                   r"Kota Jambi:|Way Kanan|Bontang|praktik umum|beberapa daerah|pernyataan|tidak disebut|"
                   r"daftar aplikasi)[^()]*)\)", re.IGNORECASE)
_OTHER_REGIONS = re.compile(r"^(?:Beberapa|Banyak|Sebagian) daerah\b[^;]*;?\s*")


def clean(text: str) -> str:
    """A fact as a site would print it: without the collector's source notes."""
    text = _NOTE.sub("", text)
    text = re.sub(r"\s*;?\s*\b(?:contoh|general-knowledge|standar daerah lain)\b.*$", "", text).strip(" ;")
    text = _OTHER_REGIONS.sub("", text).strip(" ;")
    if text.lower().startswith("tidak disebut"):
        return "-"
    return text or "-"


@dataclass
class Fact:
    name: str
    requirements: list[str]
    procedure: list[str]
    duration: str
    cost: str
    legal: str
    online: str


def load_facts(data: Path) -> list[Fact]:
    path = data / "services.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"no services.jsonl in {data}")
    facts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        online = clean(raw.get("online", "") or "")
        facts.append(Fact(raw["service"], [r for r in map(clean, raw.get("requirements", [])) if r != "-"],
                          [p for p in map(clean, raw.get("procedure", [])) if p != "-"],
                          clean(raw.get("duration", "") or "-"), clean(raw.get("cost", "") or "-"),
                          clean(raw.get("legal_basis", "") or "-"),
                          "" if online == "-" else online))
    return facts


# ------------------------------------------------------------------------------- the web

@dataclass
class Site:
    name: str
    opd: str
    offset: int
    family: str
    files: dict[str, bytes] = field(default_factory=dict)
    routes: dict[str, str] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # judged key -> absolute URL

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{BASE_PORT + self.offset}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: str | bytes, key: str | None = None) -> str:
        """Write the page served at ``path`` (``/a/b/`` -> folder index, ``/x?y=1`` or an
        extensionless path -> a route to a hidden file); ``key`` names it for judgments."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        parts = urlsplit(path)
        if parts.query or (not parts.path.endswith("/") and "." not in parts.path.rsplit("/", 1)[-1]):
            stem = re.sub(r"[^A-Za-z0-9]+", "-", path.strip("/")).strip("-") or "home"
            suffix = ".json" if path.startswith("/layanan/data") or path.endswith(".json") else ".html"
            file = f"_pages/{stem}{suffix}"
            self.routes[route_key(parts.path, parts.query)] = file
        elif parts.path.endswith("/"):
            file = parts.path.lstrip("/") + "index.html"
        else:
            file = parts.path.lstrip("/")
        self.files[file] = data
        if key:
            if key in self.urls:
                raise ValueError(f"judged key {key} written twice")
            self.urls[key] = self.url(path)
        return path


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def ul(items: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def ol(items: list[str]) -> str:
    return "<ol>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ol>"


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with these lines of text (Helvetica), as an office printer would save
    a service standard: enough for a PDF reader to get the text back."""
    def pdf_text(s: str) -> str:
        s = s.encode("latin-1", "replace").decode("latin-1")
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = ["BT", "/F1 8 Tf", "40 810 Td", "10 TL"]
    for line in lines:
        ops.append(f"({pdf_text(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R"
        b" >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ------------------------------------------------------------------ family: wp-newsmag

@dataclass
class Service:
    key: str
    slug: str
    title: str
    fact: int
    intro: str
    extra: str = ""  # one more paragraph of the site's own


@dataclass
class News:
    slug: str
    date: str  # YYYY-MM-DD
    title: str
    body: list[str]
    tags: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (path, text) in the body


@dataclass
class Contact:
    address: str
    phone: str
    email: str
    hours: list[tuple[str, str]]


def hours_table(contact: Contact, cls: str = "") -> str:
    rows = "".join(f"<tr><td>{esc(d)}</td><td>{esc(h)}</td></tr>" for d, h in contact.hours)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><tbody>{rows}</tbody></table>"


class WordPressNewsmag:
    """A WordPress site on a JNews-like news-magazine theme."""

    def __init__(self, site: Site, facts: list[Fact], brand: str, tagline: str,
                 services: list[Service], news: list[News], contact: Contact,
                 profile: list[str], apps: list[tuple[str, str]], standard_slug: str):
        self.s, self.facts, self.brand, self.tagline = site, facts, brand, tagline
        self.services, self.news, self.contact = services, news, contact
        self.profile, self.apps, self.standard_slug = profile, apps, standard_slug
        self.page_id = 40

    def news_path(self, n: News) -> str:
        y, m, d = n.date.split("-")
        return f"/{y}/{m}/{d}/{n.slug}/"

    def menu(self) -> str:
        sub = "".join(f'<li class="menu-item menu-item-type-post_type menu-item-object-page">'
                      f'<a href="{self.s.url("/layanan/" + sv.slug + "/")}">{esc(sv.title)}</a></li>'
                      for sv in self.services)
        latest = "".join(
            f'<div class="jeg_post jeg_pl_sm"><h3 class="jeg_post_title"><a href="{self.s.url(self.news_path(n))}">'
            f'{esc(n.title)}</a></h3></div>' for n in self.news[:3])
        return (
            '<ul class="jeg_menu jeg_main_menu jeg_menu_style_1" data-animation="animate">'
            f'<li class="menu-item"><a href="{self.s.url("/")}">Beranda</a></li>'
            f'<li class="menu-item menu-item-has-children"><a href="{self.s.url("/profil/")}">Profil</a>'
            f'<ul class="sub-menu"><li class="menu-item"><a href="{self.s.url("/profil/")}">Visi &amp; Misi</a></li>'
            f'<li class="menu-item"><a href="{self.s.url("/kontak/")}">Kontak</a></li></ul></li>'
            '<li class="menu-item menu-item-has-children jeg_megamenu"><a href="#">Layanan</a>'
            f'<div class="sub-menu"><div class="jeg_newsfeed clearfix"><ul class="jeg_subcat_list">{sub}</ul>'
            f'<div class="jeg_newsfeed_list">{latest}</div></div></div></li>'
            f'<li class="menu-item"><a href="{self.s.url("/category/berita/")}">Berita</a></li>'
            f'<li class="menu-item"><a href="{self.s.url("/" + self.standard_slug + "/")}">Standar Pelayanan</a></li>'
            f'<li class="menu-item"><a href="{self.s.url("/kontak/")}">Kontak</a></li></ul>')

    def ticker(self) -> str:
        items = "".join(f'<div class="jeg_news_ticker_item jeg_news_ticker_animated">'
                        f'<a href="{self.s.url(self.news_path(n))}">{esc(n.title)}</a></div>'
                        for n in self.news)
        return ('<div class="jeg_breakingnews clearfix"><div class="jeg_breakingnews_title">'
                '<i class="fa fa-bolt"></i> <span>Breaking News</span></div>'
                f'<div class="jeg_news_ticker"><div class="jeg_news_ticker_items">{items}</div></div></div>')

    def sidebar(self) -> str:
        tags = listed_tags(self.news)
        cloud = "".join(f'<a href="{self.s.url("/tag/" + slug(t) + "/")}" class="tag-cloud-link">{esc(t)}</a> '
                        for t in tags)
        popular = "".join(f'<li><a href="{self.s.url(self.news_path(n))}">{esc(n.title)}</a></li>'
                          for n in self.news[:4])
        apps = "".join(f'<li><a href="{esc(u)}" target="_blank" rel="noopener">{esc(t)}</a></li>'
                       for t, u in self.apps)
        return ('<div class="jeg_sidebar jeg_sticky_sidebar col-md-4">'
                '<div class="widget widget_search"><form action="/" method="get" class="jeg_search_form">'
                '<input name="s" class="jeg_search_input" placeholder="Cari..." type="text"></form></div>'
                f'<div class="widget widget_jnews_popular"><div class="jeg_block_heading"><h3>Terpopuler</h3></div><ul>{popular}</ul></div>'
                f'<div class="widget widget_links"><div class="jeg_block_heading"><h3>Aplikasi &amp; Tautan</h3></div><ul>{apps}</ul></div>'
                f'<div class="widget widget_tag_cloud"><div class="jeg_block_heading"><h3>Tag</h3></div><div class="tagcloud">{cloud}</div></div></div>')

    def page(self, path: str, title: str, body: str, kind: str = "page", with_sidebar: bool = True) -> str:
        self.page_id += 7
        s, c = self.s, self.contact
        body_cls = f"{kind}-template-default {kind} {kind}-id-{self.page_id} jeg_toggle_light jnews jsc_normal"
        sidebar = self.sidebar() if with_sidebar else ""
        return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} &#8211; {esc(self.brand)}</title>
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="{s.url(path)}">
<meta property="og:locale" content="id_ID">
<meta property="og:type" content="{'article' if kind == 'post' else 'website'}">
<meta property="og:title" content="{esc(title)}">
<meta property="og:site_name" content="{esc(self.brand)}">
<meta name="generator" content="WordPress 6.4.3">
<link rel='stylesheet' id='jnews-frontend-css' href='{s.url("/wp-content/themes/jnews/assets/dist/frontend.min.css")}?ver=11.0.7' media='all'>
<script src="{s.url("/wp-includes/js/jquery/jquery.min.js")}?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="{body_cls}">
<div class="jeg_ad jeg_ad_top jnews_header_top_ads"></div>
<div class="jeg_viewport">
<div class="jeg_header_wrapper"><div class="jeg_header normal">
<div class="jeg_topbar jeg_container dark"><div class="container"><div class="jeg_nav_row">
<div class="jeg_top_date">Kota Jambi</div>
<div class="jeg_nav_item socials_widget"><a href="https://facebook.com/" class="jeg_facebook">Facebook</a> <a href="https://instagram.com/" class="jeg_instagram">Instagram</a> <a href="https://youtube.com/" class="jeg_youtube">YouTube</a></div>
</div></div></div>
<div class="jeg_midbar jeg_container normal"><div class="container"><div class="jeg_nav_row">
<div class="jeg_logo jeg_desktop_logo"><a href="{s.url("/")}" rel="home"><img src="{s.url("/wp-content/uploads/2023/01/logo.png")}" alt="{esc(self.brand)}"></a>
<p class="site-description">{esc(self.tagline)}</p></div>
</div></div></div>
<div class="jeg_bottombar jeg_navbar jeg_container jeg_navbar_wrapper"><div class="container"><div class="jeg_nav_row">
<div class="jeg_main_menu_wrapper">{self.menu()}</div>
</div></div></div>
</div></div>
<div class="jeg_header_sticky"><div class="sticky_blankspace"></div><div class="jeg_header full"><div class="jeg_container"><div data-mode="scroll" class="jeg_stickybar jeg_navbar jeg_navbar_wrapper"><div class="jeg_nav_row"><div class="jeg_main_menu_wrapper">{self.menu()}</div></div></div></div></div></div>
<div class="jeg_navbar_mobile_wrapper"><div class="jeg_navbar_mobile" data-mode="scroll"><div class="jeg_mobile_bottombar jeg_mobile_midbar"><div class="jeg_nav_item jeg_mobile_logo"><a href="{s.url("/")}">{esc(self.brand)}</a></div></div></div></div>
{self.ticker()}
<div class="jeg_main"><div class="jeg_container"><div class="jeg_content jeg_singlepage"><div class="container"><div class="row">
<div class="jeg_main_content col-md-8">
<div class="jeg_breadcrumbs jeg_breadcrumb_container"><div id="breadcrumbs"><span><a href="{s.url("/")}">Beranda</a></span> <i class="fa fa-angle-right"></i> <span class="breadcrumb_last_link">{esc(title)}</span></div></div>
{body}
</div>
{sidebar}
</div></div></div></div></div>
<div class="footer-holder" id="footer"><footer class="jeg_footer jeg_footer_1 dark"><div class="jeg_footer_container jeg_container"><div class="jeg_footer_content"><div class="container"><div class="row">
<div class="col-md-4 footer_column"><div class="widget widget_text"><h3 class="jeg_footer_heading">{esc(s.opd)}</h3><div class="textwidget"><p>{esc(c.address)}<br>Telp. {esc(c.phone)}<br>Email: {esc(c.email)}</p></div></div></div>
<div class="col-md-4 footer_column"><div class="widget"><h3 class="jeg_footer_heading">Jam Pelayanan</h3>{hours_table(c)}</div></div>
<div class="col-md-4 footer_column"><div class="widget"><h3 class="jeg_footer_heading">Tautan</h3><ul><li><a href="https://jambikota.go.id/">Pemerintah Kota Jambi</a></li><li><a href="https://ppid.jambikota.go.id/">PPID Kota Jambi</a></li></ul></div></div>
</div></div></div>
<div class="jeg_footer_bottom"><div class="container"><p class="copyright">&copy; 2025 {esc(self.brand)}. Dibuat dengan <a href="https://jnews.io/">JNews</a> &#8211; WordPress News Magazine Theme.</p></div></div>
</div></footer></div>
</div>
<div id="jeg_off_canvas" class="normal"><div class="jeg_bg_overlay"></div><div class="jeg_mobile_wrapper"><div class="nav_wrap"><div class="item_main"><div class="jeg_aside_item"><ul class="jeg_mobile_menu">{self.menu().split('>', 1)[1].rsplit('</ul>', 1)[0]}</ul></div></div></div></div></div>
<div id="cookie-law-info-bar" data-nosnippet="true" class="cli-bar-container"><span>Situs ini menggunakan cookie untuk meningkatkan pengalaman Anda. <a role="button" class="cli_action_button cli-accept-button">Terima</a> <a href="{s.url("/kebijakan-privasi/")}" class="cli-plugin-main-link">Baca Selengkapnya</a></span></div>
<script src="{s.url("/wp-content/themes/jnews/assets/dist/frontend.min.js")}?ver=11.0.7" id="jnews-frontend-js"></script>
</body>
</html>
"""

    def share(self, path: str) -> str:
        u = self.s.url(path)
        return ('<div class="jeg_share_button clearfix"><div class="jeg_sharelist">'
                f'<a href="https://www.facebook.com/sharer.php?u={u}" class="jeg_btn-facebook expanded"><span>Share</span></a>'
                f'<a href="https://twitter.com/intent/tweet?url={u}" class="jeg_btn-twitter expanded"><span>Tweet</span></a>'
                f'<a href="https://api.whatsapp.com/send?text={u}" class="jeg_btn-whatsapp"></a></div></div>')

    def comments(self) -> str:
        return ('<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Tinggalkan Balasan</h3>'
                '<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">'
                '<p class="comment-notes">Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *</p>'
                '<p class="comment-form-comment"><label for="comment">Komentar</label><textarea id="comment" name="comment"></textarea></p>'
                '<p class="comment-form-author"><label for="author">Nama *</label><input id="author" name="author" type="text"></p>'
                '<p class="comment-form-email"><label for="email">Email *</label><input id="email" name="email" type="email"></p>'
                '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Kirim Komentar"></p></form></div>')

    def accordion(self, items: list[tuple[str, str]]) -> str:
        return '<div class="su-accordion su-u-trim">' + "".join(
            f'<div class="su-spoiler su-spoiler-style-fancy su-spoiler-icon-plus su-spoiler-closed" data-scroll-offset="0">'
            f'<div class="su-spoiler-title" tabindex="0" role="button"><span class="su-spoiler-icon"></span>{esc(t)}</div>'
            f'<div class="su-spoiler-content su-u-clearfix su-u-trim">{c}</div></div>' for t, c in items) + "</div>"

    def build(self) -> None:
        s = self.s
        for sv in self.services:
            f = self.facts[sv.fact]
            path = f"/layanan/{sv.slug}/"
            parts = [("Persyaratan", ul(f.requirements)), ("Alur / Prosedur", ol(f.procedure)),
                     ("Waktu Penyelesaian", f"<p>{esc(f.duration)}</p>"),
                     ("Biaya / Tarif", f"<p>{esc(f.cost)}</p>"),
                     ("Dasar Hukum", f"<p>{esc(f.legal)}</p>")]
            if f.online:
                parts.append(("Layanan Online", f"<p>{esc(f.online)}</p>"))
            body = (f'<div class="entry-header"><h1 class="jeg_post_title">{esc(sv.title)}</h1></div>'
                    f'<div class="entry-content no-share"><div class="content-inner">'
                    f'<p>{esc(sv.intro)}</p>{f"<p>{esc(sv.extra)}</p>" if sv.extra else ""}'
                    f'{self.accordion(parts)}'
                    f'<p>Standar pelayanan lengkap dapat diunduh pada halaman <a href="{s.url("/" + self.standard_slug + "/")}">Standar Pelayanan</a>.</p>'
                    f'</div></div>{self.share(path)}')
            s.put(path, self.page(path, sv.title, body), sv.key)
        for n in self.news:
            path = self.news_path(n)
            paras = "".join(f"<p>{esc(p)}</p>" for p in n.body)
            links = "".join(f'<p>Baca juga: <a href="{s.url(p)}">{esc(t)}</a></p>' for p, t in n.links)
            tags = "".join(f'<a href="{s.url("/tag/" + slug(t) + "/")}" rel="tag">{esc(t)}</a>' for t in n.tags if t in listed_tags(self.news))
            related = "".join([f'<div class="jeg_post"><h3 class="jeg_post_title"><a href="{s.url(self.news_path(o))}">{esc(o.title)}</a></h3></div>'
                               for o in self.news if o is not n][:3])
            body = (f'<div class="entry-header"><div class="jeg_meta_category"><a href="{s.url("/category/berita/")}" rel="category tag">Berita</a></div>'
                    f'<h1 class="jeg_post_title">{esc(n.title)}</h1><div class="jeg_meta_container"><div class="jeg_post_meta">'
                    f'<div class="jeg_meta_author">Oleh <a href="{s.url("/author/admin/")}">Admin</a></div><div class="jeg_meta_date">{indo_date(n.date)}</div></div></div></div>'
                    f'{self.share(path)}<div class="entry-content"><div class="content-inner">{paras}{links}</div></div>'
                    f'<div class="jeg_post_tags"><span>Tags:</span> {tags}</div>'
                    f'<div class="jnews_related_post_container"><div class="jeg_block_heading"><h3>Berita Terkait</h3></div>{related}</div>'
                    f'{self.comments()}')
            s.put(path, self.page(path, n.title, body, "post"), "news:" + n.slug)
        cards = "".join(self.card(n) for n in self.news)
        s.put("/category/berita/", self.page("/category/berita/", "Berita",
              f'<div class="jeg_cat_header"><h1 class="jeg_cat_title">Berita</h1></div><div class="jeg_posts jeg_load_more_flag">{cards}</div>'))
        for t in listed_tags(self.news):
            tagged = "".join(self.card(n) for n in self.news if t in n.tags)
            s.put(f"/tag/{slug(t)}/", self.page(f"/tag/{slug(t)}/", t,
                  f'<div class="jeg_cat_header"><h1 class="jeg_cat_title">Tag: {esc(t)}</h1></div><div class="jeg_posts">{tagged}</div>'))
        # the standard as an attachment page with its PDF
        std_pdf = f"/wp-content/uploads/2025/02/{self.standard_slug}.pdf"
        lines = [f"STANDAR PELAYANAN {s.opd.upper()}", ""]
        for sv in self.services:
            f = self.facts[sv.fact]
            lines += [sv.title.upper(), "Persyaratan: " + "; ".join(f.requirements),
                      "Waktu: " + f.duration, "Biaya: " + f.cost, ""]
        s.put(std_pdf, pdf_bytes([line[:110] for line in lines]), "std-pdf")
        body = (f'<div class="entry-header"><h1 class="jeg_post_title">Standar Pelayanan</h1></div>'
                f'<div class="entry-content"><div class="content-inner"><p>Standar pelayanan {esc(s.opd)} ditetapkan dengan Keputusan Kepala Dinas dan ditinjau setiap tahun.</p>'
                f'<p class="attachment"><a href="{s.url(std_pdf)}"><img src="{s.url("/wp-includes/images/media/document.png")}" alt=""> {esc(self.standard_slug)}</a></p>'
                f'<div class="wp-block-file"><a href="{s.url(std_pdf)}">Unduh Standar Pelayanan (PDF)</a></div></div></div>')
        s.put(f"/{self.standard_slug}/", self.page(f"/{self.standard_slug}/", "Standar Pelayanan", body, "attachment"), "std")
        c = self.contact
        s.put("/kontak/", self.page("/kontak/", "Kontak", (
            f'<div class="entry-header"><h1 class="jeg_post_title">Kontak</h1></div><div class="entry-content"><div class="content-inner">'
            f'<p><strong>{esc(s.opd)}</strong></p><p>Alamat: {esc(c.address)}</p><p>Telepon: {esc(c.phone)}</p><p>Email: {esc(c.email)}</p>'
            f'<h3>Jam Pelayanan</h3>{hours_table(c, "table")}'
            f'<div class="wpcf7"><form class="wpcf7-form" method="post"><p><label>Nama<input name="your-name"></label></p><p><label>Pesan<textarea name="your-message"></textarea></label></p><p><input type="submit" value="Kirim"></p></form></div>'
            f'</div></div>')), "contact")
        s.put("/profil/", self.page("/profil/", "Profil", (
            '<div class="entry-header"><h1 class="jeg_post_title">Profil</h1></div><div class="entry-content"><div class="content-inner">'
            + "".join(f"<p>{esc(p)}</p>" for p in self.profile) + '</div></div>')))
        s.put("/kebijakan-privasi/", self.page("/kebijakan-privasi/", "Kebijakan Privasi",
              '<div class="entry-content"><p>Kami menggunakan cookie untuk statistik kunjungan. Data komentar disimpan sesuai kebijakan WordPress.</p></div>', with_sidebar=False))
        blocks = "".join(self.card(n) for n in self.news[:4])
        svc = "".join(f'<div class="jeg_postblock_item"><a href="{s.url("/layanan/" + sv.slug + "/")}">{esc(sv.title)}</a></div>'
                      for sv in self.services)
        s.put("/", self.page("/", self.tagline, (
            f'<div class="jeg_postblock_22 jeg_postblock"><div class="jeg_block_heading"><h3>Berita Terbaru</h3></div>{blocks}'
            f'<div class="jeg_block_navigation"><a href="{s.url("/category/berita/")}" class="jeg_block_loadmore">Lihat semua</a></div></div>'
            f'<div class="jeg_postblock"><div class="jeg_block_heading"><h3>Layanan Kami</h3></div>{svc}</div>'), "home"))

    def card(self, n: News) -> str:
        return (f'<article class="jeg_post jeg_pl_md_2 format-standard"><div class="jeg_postblock_content">'
                f'<h3 class="jeg_post_title"><a href="{self.s.url(self.news_path(n))}">{esc(n.title)}</a></h3>'
                f'<div class="jeg_post_meta"><div class="jeg_meta_date">{indo_date(n.date)}</div></div>'
                f'<div class="jeg_post_excerpt"><p>{esc(n.body[0][:160])}&#8230;</p></div></div></article>')


MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]


def indo_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)} {MONTHS[int(m) - 1]} {y}"


def prose_list(items: list[str]) -> str:
    """Requirements inside a sentence: "a, b dan c", first letters lowered unless an acronym."""
    words = [i if i[:2].isupper() else i[:1].lower() + i[1:] for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1]


def listed_tags(news: list["News"]) -> list[str]:
    """The tags that get a page of their own: those on two posts or more (a tag cloud's)."""
    counts: dict[str, int] = {}
    for n in news:
        for tag in n.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(t for t, c in counts.items() if c >= 2)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------- family: drupal10

class Drupal10:
    """A Drupal 10 site on Olivero: aliases over /node/NN, views paged with ?page=N."""

    PER_PAGE = 5

    def __init__(self, site: Site, facts: list[Fact], brand: str, services: list[Service],
                 terms: dict[str, list[str]], news: list[News], contact: Contact,
                 profile: list[str], apps: list[tuple[str, str]]):
        self.s, self.facts, self.brand, self.services = site, facts, brand, services
        self.terms, self.news, self.contact, self.profile, self.apps = terms, news, contact, profile, apps
        self.nid = 10

    def term_of(self, key: str) -> str:
        return next(t for t, keys in self.terms.items() if key in keys)

    def page(self, path: str, title: str, content: str, crumbs: list[tuple[str, str]],
             node: int | None = None, bundle: str = "page") -> str:
        s, c = self.s, self.contact
        shortlink = f'<link rel="shortlink" href="{s.url(f"/node/{node}")}" />' if node else ""
        crumb = "".join(f'<li class="breadcrumb__item"><a href="{s.url(p)}" class="breadcrumb__link">{esc(t)}</a></li>'
                        for p, t in [("/", "Beranda")] + crumbs)
        nav = "".join(f'<li class="primary-nav__menu-item primary-nav__menu-item--level-1"><a href="{s.url(p)}" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1">'
                      f'<span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">{esc(t)}</span></a></li>'
                      for p, t in [("/", "Beranda"), ("/layanan", "Layanan"), ("/berita", "Berita"),
                                   ("/profil", "Profil"), ("/kontak", "Kontak")])
        apps = "".join(f'<li><a href="{esc(u)}">{esc(t)}</a></li>' for t, u in self.apps)
        body_cls = f"path-{'frontpage' if path == '/' else 'node'} page-node-type-{bundle}"
        return f"""<!DOCTYPE html>
<html lang="id" dir="ltr" style="--color--primary-hue:202;--color--primary-saturation:79%;--color--primary-lightness:50">
  <head>
    <meta charset="utf-8" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<meta name="MobileOptimized" content="width" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="canonical" href="{s.url(path)}" />
{shortlink}
    <title>{esc(title)} | {esc(self.brand)}</title>
    <link rel="stylesheet" media="all" href="{s.url("/sites/default/files/css/css_Xq1Hb3olivero.css")}?delta=0&amp;language=id&amp;theme=olivero" />
  </head>
  <body class="{body_cls}">
        <a href="#main-content" class="visually-hidden focusable skip-link">Langsung ke konten utama</a>
    <div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
  <div id="page-wrapper" class="page-wrapper"><div id="page">
    <header id="header" class="site-header" data-drupal-selector="site-header" role="banner">
      <div class="site-header__fixable" data-drupal-selector="site-header-fixable"><div class="site-header__initial"><button class="sticky-header-toggle" aria-expanded="false"><span class="visually-hidden">Menu sticky</span></button></div>
        <div id="site-header__inner" class="site-header__inner"><div class="container site-header__inner__container">
<div id="block-olivero-site-branding" class="site-branding--bg-white site-branding block block-system block-system-branding-block">
  <div class="site-branding__inner"><a href="{s.url("/")}" rel="home" class="site-branding__logo"><img src="{s.url("/sites/default/files/logo.png")}" alt="Beranda" /></a>
        <div class="site-branding__text"><div class="site-branding__name"><a href="{s.url("/")}" title="Beranda" rel="home">{esc(self.brand)}</a></div></div></div></div>
<div class="header-nav-overlay" data-drupal-selector="header-nav-overlay"></div>
<div class="mobile-buttons" data-drupal-selector="mobile-buttons"><button class="mobile-nav-button" aria-label="Menu Utama" aria-controls="header-nav" aria-expanded="false"><span class="mobile-nav-button__label">Menu</span></button></div>
<div id="header-nav" class="header-nav" data-drupal-selector="header-nav">
<nav  id="block-olivero-main-menu" class="primary-nav block block-menu navigation menu--main" aria-labelledby="block-olivero-main-menu-menu" role="navigation">
  <h2 class="visually-hidden block__title" id="block-olivero-main-menu-menu">Navigasi utama</h2>
  <ul  class="menu primary-nav__menu primary-nav__menu--level-1" data-drupal-selector="primary-nav-menu--level-1">{nav}</ul>
</nav>
<div class="search-block-form block block-search-narrow" data-drupal-selector="search-block-form" id="block-olivero-search-form-narrow" role="search">
  <form action="{s.url("/search/node")}" method="get" id="search-block-form" accept-charset="UTF-8"><input title="Masukkan istilah yang ingin Anda cari." type="search" name="keys" maxlength="128" class="form-search" /><input type="submit" value="Cari" class="button js-form-submit form-submit" /></form></div>
</div></div></div></div>
    </header>
    <div id="main-wrapper" class="layout-main-wrapper layout-container">
      <div id="main" class="layout-main">
        <div class="main-content">
          <a id="main-content" tabindex="-1"></a>
            <div class="region region--breadcrumb grid-full layout--pass--content-medium"><div id="block-olivero-breadcrumbs" class="block block-system block-system-breadcrumb-block">
  <nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2><div class="breadcrumb__content"><ol class="breadcrumb__list">{crumb}</ol></div></nav></div></div>
          <div class="region region--highlighted grid-full layout--pass--content-medium"><div data-drupal-messages-fallback class="hidden messages-list"></div></div>
          <div class="region region--content-above grid-full layout--pass--content-medium"><div id="block-olivero-page-title" class="block block-core block-page-title-block">
  <h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">{esc(title)}</span></h1></div></div>
          <main role="main">
            <div class="region region--content grid-full layout--pass--content-medium" id="content"><div id="block-olivero-content" class="block block-system block-system-main-block">
{content}
</div></div>
          </main>
          <div class="region region--sidebar"><div class="block block-block-content"><h2 class="block__title">Tautan Aplikasi</h2><div class="block__content"><ul>{apps}</ul></div></div></div>
        </div>
      </div>
    </div>
    <footer class="site-footer"><div class="site-footer__inner container"><div class="region region--footer-top grid-full"><div class="region--footer_top__inner">
<div id="block-kontakfooter" class="block block-block-content"><h2 class="block__title">{esc(s.opd)}</h2><div class="block__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item"><p>{esc(c.address)}<br />Telp. {esc(c.phone)} &middot; {esc(c.email)}</p><p>Senin&ndash;Kamis 07.30&ndash;16.00, Jumat 07.30&ndash;16.30 WIB</p></div></div></div></div></div>
<div class="region region--footer-bottom grid-full"><div class="region--footer_bottom__inner"><div id="block-olivero-powered" class="block block-system block-system-powered-by-block"><span>Didukung oleh <a href="https://www.drupal.org">Drupal</a></span></div></div></div></div></footer>
    <div class="overlay" data-drupal-selector="overlay"></div>
  </div></div>
    </div>
    <div id="sliding-popup" class="sliding-popup-bottom eu-cookie-compliance-banner"><div class="popup-content info eu-cookie-compliance-content"><div id="popup-text" class="eu-cookie-compliance-message"><p>Kami menggunakan cookie di situs ini untuk meningkatkan pengalaman pengguna.</p></div><div id="popup-buttons" class="eu-cookie-compliance-buttons"><button type="button" class="agree-button eu-cookie-compliance-default-button">Setuju</button></div></div></div>
    <script type="application/json" data-drupal-selector="drupal-settings-json">{{"path":{{"baseUrl":"\\/","currentPath":"{'node' if node else ''}{('/' + str(node)) if node else ''}","currentPathIsAdmin":false,"isFront":{str(path == '/').lower()},"currentLanguage":"id"}},"eu_cookie_compliance":{{"cookie_lifetime":100}}}}</script>
<script src="{s.url("/sites/default/files/js/js_3a8Kolivero.js")}?scope=footer&amp;delta=0&amp;language=id&amp;theme=olivero"></script>
  </body>
</html>
"""

    def field(self, name: str, label: str, inner: str, ftype: str = "text-long") -> str:
        return (f'<div class="clearfix text-formatted field field--name-field-{name} field--type-{ftype} field--label-above">'
                f'<div class="field__label">{esc(label)}</div><div class="field__item">{inner}</div></div>')

    def teaser(self, path: str, title: str, summary: str, nid: int, bundle: str) -> str:
        return (f'<div class="views-row"><article data-history-node-id="{nid}" class="node node--type-{bundle} node--view-mode-teaser">'
                f'<header><h2 class="node__title"><a href="{self.s.url(path)}" rel="bookmark"><span class="field field--name-title field--type-string field--label-hidden">{esc(title)}</span></a></h2></header>'
                f'<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item"><p>{esc(summary)}</p></div></div></article></div>')

    def listing(self, base: str, title: str, rows: list[str], view: str) -> None:
        pages = [rows[i:i + self.PER_PAGE] for i in range(0, len(rows), self.PER_PAGE)] or [[]]
        for n, chunk in enumerate(pages):
            path = base if n == 0 else f"{base}?page={n}"
            pager = ""
            if len(pages) > 1:
                items = "".join(
                    f'<li class="pager__item{" is-active" if i == n else ""}"><a href="{self.s.url(base if i == 0 else f"{base}?page={i}")}">{i + 1}</a></li>'
                    for i in range(len(pages)))
                if n + 1 < len(pages):
                    items += f'<li class="pager__item pager__item--next"><a href="{self.s.url(f"{base}?page={n + 1}")}" rel="next">Berikutnya &rsaquo;</a></li>'
                pager = f'<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><ul class="pager__items js-pager__items">{items}</ul></nav>'
            content = (f'<div class="views-element-container"><div class="view view-{view} view-id-{view} view-display-id-page_1 js-view-dom-id-{view}{n}">'
                       f'<div class="view-content">{"".join(chunk)}</div>{pager}</div></div>')
            self.s.put(path, self.page(path, title, content, [(base, title)] if n else []))

    def build(self) -> None:
        s = self.s
        svc_rows, news_rows = [], []
        term_rows: dict[str, list[str]] = {t: [] for t in self.terms}
        for sv in self.services:
            f = self.facts[sv.fact]
            self.nid += 3
            alias = f"/layanan/{sv.slug}"
            term = self.term_of(sv.key)
            fields = (self.field("persyaratan", "Persyaratan", ul(f.requirements))
                      + self.field("prosedur", "Prosedur", ol(f.procedure))
                      + self.field("waktu-penyelesaian", "Waktu Penyelesaian", esc(f.duration), "string")
                      + self.field("biaya-tarif", "Biaya / Tarif", esc(f.cost), "string")
                      + self.field("dasar-hukum", "Dasar Hukum", esc(f.legal))
                      + (self.field("layanan-daring", "Layanan Daring", esc(f.online)) if f.online else "")
                      + '<div class="field field--name-field-kategori-layanan field--type-entity-reference field--label-inline clearfix"><div class="field__label">Kategori</div>'
                      f'<div class="field__item"><a href="{s.url("/kategori/" + slug(term))}" hreflang="id">{esc(term)}</a></div></div>')
            content = (f'<article data-history-node-id="{self.nid}" class="node node--type-layanan node--promoted node--view-mode-full">'
                       f'<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">'
                       f'<p>{esc(sv.intro)}</p>{f"<p>{esc(sv.extra)}</p>" if sv.extra else ""}</div>{fields}</div></article>')
            html_page = self.page(alias, sv.title, content, [("/layanan", "Layanan")], self.nid, "layanan")
            s.put(alias, html_page, sv.key)
            s.put(f"/node/{self.nid}", html_page)  # Drupal answers the system path too
            row = self.teaser(alias, sv.title, sv.intro, self.nid, "layanan")
            svc_rows.append(row)
            term_rows[term].append(row)
        for n in self.news:
            self.nid += 2
            alias = f"/berita/{n.slug}"
            links = "".join(f'<p>Informasi lengkap: <a href="{s.url(p)}">{esc(t)}</a></p>' for p, t in n.links)
            content = (f'<article data-history-node-id="{self.nid}" class="node node--type-article node--view-mode-full">'
                       f'<footer class="node__meta"><div class="node__author-container"><span class="node__author">Oleh Humas</span> <span class="node__date">{indo_date(n.date)}</span></div></footer>'
                       f'<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">'
                       + "".join(f"<p>{esc(p)}</p>" for p in n.body) + links + '</div>'
                       '<div class="field field--name-field-tags field--type-entity-reference field--label-above clearfix field--tags"><h3 class="field__label field--tags__label">Tags</h3><ul class="links field__items field--tags__items">'
                       + "".join(f'<li class="field--tags__item"><a href="{s.url("/tags/" + slug(t))}" hreflang="id">{esc(t)}</a></li>' for t in n.tags if t in listed_tags(self.news))
                       + '</ul></div></div>'
                       '<section class="comments"><h2 class="comments__title">Komentar</h2><p>Login untuk mengirim komentar.</p></section></article>')
            html_page = self.page(alias, n.title, content, [("/berita", "Berita")], self.nid, "article")
            s.put(alias, html_page, "news:" + n.slug)
            s.put(f"/node/{self.nid}", html_page)
            news_rows.append(self.teaser(alias, n.title, n.body[0][:180], self.nid, "article"))
        self.listing("/layanan", "Layanan", svc_rows, "layanan")
        self.listing("/berita", "Berita", news_rows, "berita")
        for term, rows in term_rows.items():
            path = "/kategori/" + slug(term)
            content = (f'<div class="views-element-container"><div class="view view-taxonomy-term view-id-taxonomy_term view-display-id-page_1">'
                       f'<div class="view-header"><div class="taxonomy-term vocabulary-kategori-layanan"></div></div><div class="view-content">{"".join(rows)}</div></div></div>')
            s.put(path, self.page(path, term, content, [("/layanan", "Layanan")]))
        for tag in listed_tags(self.news):
            rows = [r for n, r in zip(self.news, news_rows) if tag in n.tags]
            path = "/tags/" + slug(tag)
            s.put(path, self.page(path, tag, f'<div class="view view-taxonomy-term"><div class="view-content">{"".join(rows)}</div></div>', [("/berita", "Berita")]))
        c = self.contact
        self.nid += 1
        s.put("/kontak", self.page("/kontak", "Kontak", (
            f'<article class="node node--type-page node--view-mode-full"><div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">'
            f'<p><strong>{esc(s.opd)}</strong><br />{esc(c.address)}</p><p>Telepon: {esc(c.phone)}<br />Surel: {esc(c.email)}</p>'
            f'<h2>Jam Pelayanan</h2>{hours_table(c)}</div></div></article>'), [], self.nid), "contact")
        self.nid += 1
        s.put("/profil", self.page("/profil", "Profil", (
            '<article class="node node--type-page node--view-mode-full"><div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">'
            + "".join(f"<p>{esc(p)}</p>" for p in self.profile) + '</div></div></article>'), [], self.nid))
        front = ("<h2>Layanan</h2>" + "".join(svc_rows[:4]) + "<h2>Berita Terkini</h2>" + "".join(news_rows[:3])
                 + f'<p><a href="{s.url("/layanan")}">Semua layanan</a> &middot; <a href="{s.url("/berita")}">Semua berita</a></p>')
        s.put("/", self.page("/", "Beranda", f'<div class="views-element-container">{front}</div>', []))


# --------------------------------------------------------------- family: ci4-datatables

class CodeIgniterDataTables:
    """A CodeIgniter 4 site: the service list is a DataTables grid drawn from JSON."""

    LENGTH = 5

    def __init__(self, site: Site, facts: list[Fact], brand: str, services: list[tuple[Service, str]],
                 news: list[News], contact: Contact, profile: list[str], apps: list[tuple[str, str]]):
        self.s, self.facts, self.brand, self.services = site, facts, brand, services
        self.news, self.contact, self.profile, self.apps = news, contact, profile, apps

    def page(self, title: str, content: str, scripts: str = "") -> str:
        s, c = self.s, self.contact
        nav = "".join(f'<li class="nav-item"><a class="nav-link" href="{s.url(p)}">{esc(t)}</a></li>'
                      for p, t in [("/", "Beranda"), ("/profil", "Profil"), ("/layanan", "Layanan"),
                                   ("/alur-perizinan", "Alur Perizinan"), ("/berita", "Berita"), ("/kontak", "Kontak")])
        apps = " ".join(f'<a class="btn btn-outline-light btn-sm" href="{esc(u)}" target="_blank">{esc(t)}</a>' for t, u in self.apps)
        return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<meta name="csrf-token" content="9f2c61a0e3b54f0d8e1a7c3b2d4e5f60">
<title>{esc(title)} - {esc(self.brand)}</title>
<link rel="stylesheet" href="{s.url("/assets/vendor/bootstrap/css/bootstrap.min.css")}">
<link rel="stylesheet" href="{s.url("/assets/vendor/datatables/dataTables.bootstrap4.min.css")}">
<link rel="stylesheet" href="{s.url("/assets/css/style.css")}">
</head>
<body>
<div class="topbar bg-success text-white small py-1"><div class="container d-flex justify-content-between"><span><i class="fa fa-phone"></i> {esc(c.phone)}</span><span><i class="fa fa-envelope"></i> {esc(c.email)}</span></div></div>
<nav class="navbar navbar-expand-lg navbar-light bg-white shadow-sm sticky-top"><div class="container">
<a class="navbar-brand" href="{s.url("/")}"><img src="{s.url("/assets/img/logo-kota-jambi.png")}" height="40" alt=""> {esc(self.brand)}</a>
<button class="navbar-toggler" type="button" data-toggle="collapse" data-target="#navbarMain"><span class="navbar-toggler-icon"></span></button>
<div class="collapse navbar-collapse" id="navbarMain"><ul class="navbar-nav ml-auto">{nav}</ul></div></div></nav>
<main class="py-4"><div class="container">
{content}
</div></main>
<footer class="bg-dark text-white pt-4 pb-2"><div class="container"><div class="row">
<div class="col-md-6"><h5>{esc(s.opd)}</h5><p>{esc(c.address)}</p></div>
<div class="col-md-6"><h5>Aplikasi</h5><p>{apps}</p></div></div>
<p class="small text-center mt-3 mb-0">&copy; 2025 {esc(self.brand)} &middot; Page rendered in <strong>0.0412</strong> seconds. Environment: production</p></div></footer>
<div class="cookie-consent alert alert-dark fixed-bottom mb-0 rounded-0 small" role="alert" id="cookieConsent">Website ini menggunakan cookie agar layanan berjalan baik. <button type="button" class="btn btn-sm btn-success ml-2" onclick="document.getElementById('cookieConsent').remove()">Saya mengerti</button></div>
<script src="{s.url("/assets/vendor/jquery/jquery.min.js")}"></script>
<script src="{s.url("/assets/vendor/bootstrap/js/bootstrap.bundle.min.js")}"></script>
{scripts}
</body>
</html>
"""

    def detail_path(self, sv: Service) -> str:
        return f"/layanan/detail/{sv.slug}"

    def build(self) -> None:
        s = self.s
        rows = []
        for i, (sv, bidang) in enumerate(self.services, 1):
            f = self.facts[sv.fact]
            path = self.detail_path(sv)
            table = ('<table class="table table-bordered"><tbody>'
                     f'<tr><th style="width:30%">Nama Layanan</th><td>{esc(sv.title)}</td></tr>'
                     f'<tr><th>Bidang</th><td>{esc(bidang)}</td></tr>'
                     f'<tr><th>Persyaratan</th><td>{ol(f.requirements)}</td></tr>'
                     f'<tr><th>Sistem, Mekanisme dan Prosedur</th><td>{ol(f.procedure)}</td></tr>'
                     f'<tr><th>Jangka Waktu Pelayanan</th><td>{esc(f.duration)}</td></tr>'
                     f'<tr><th>Biaya/Tarif</th><td>{esc(f.cost)}</td></tr>'
                     f'<tr><th>Dasar Hukum</th><td>{esc(f.legal)}</td></tr>'
                     + (f'<tr><th>Pelayanan Daring</th><td>{esc(f.online)}</td></tr>' if f.online else "")
                     + '</tbody></table>')
            content = (f'<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="{s.url("/")}">Beranda</a></li>'
                       f'<li class="breadcrumb-item"><a href="{s.url("/layanan")}">Layanan</a></li><li class="breadcrumb-item active">Detail</li></ol></nav>'
                       f'<div class="card"><div class="card-header bg-success text-white"><h4 class="mb-0">{esc(sv.title)}</h4></div>'
                       f'<div class="card-body"><p>{esc(sv.intro)}</p>{f"<p>{esc(sv.extra)}</p>" if sv.extra else ""}{table}'
                       f'<a href="{s.url("/layanan")}" class="btn btn-secondary btn-sm">&laquo; Kembali</a></div></div>')
            s.put(path, self.page(sv.title, content), sv.key)
            rows.append([i, esc(sv.title), esc(bidang), esc(f.duration),
                         f'<a href="{s.url(path)}" class="btn btn-sm btn-info">Detail</a>'])
        total = len(rows)
        for start in range(0, total, self.LENGTH):
            payload = {"draw": 1, "recordsTotal": total, "recordsFiltered": total,
                       "data": rows[start:start + self.LENGTH]}
            s.put(f"/layanan/data?draw=1&start={start}&length={self.LENGTH}",
                  json.dumps(payload, ensure_ascii=False))
        script = (f'<script src="{s.url("/assets/vendor/datatables/jquery.dataTables.min.js")}"></script>'
                  f'<script src="{s.url("/assets/vendor/datatables/dataTables.bootstrap4.min.js")}"></script>'
                  '<script>\n$(document).ready(function () {\n  $("#tabel-layanan").DataTable({\n'
                  '    processing: true,\n    serverSide: true,\n    searching: false,\n    ordering: false,\n'
                  f'    pageLength: {self.LENGTH},\n    lengthChange: false,\n'
                  '    ajax: { url: "' + s.url("/layanan/data") + '", type: "GET",\n'
                  '      data: function (d) { return { draw: d.draw, start: d.start, length: d.length }; } },\n'
                  '    language: { url: "' + s.url("/assets/vendor/datatables/id.json") + '" }\n  });\n});\n</script>')
        content = ('<h2 class="mb-3">Daftar Layanan Perizinan</h2>'
                   '<p>Klik tombol <em>Detail</em> untuk melihat persyaratan, prosedur, waktu dan biaya setiap layanan.</p>'
                   '<div class="table-responsive"><table id="tabel-layanan" class="table table-striped table-bordered" style="width:100%">'
                   '<thead><tr><th>No</th><th>Nama Layanan</th><th>Bidang</th><th>Lama Proses</th><th>Aksi</th></tr></thead><tbody></tbody></table></div>')
        s.put("/layanan", self.page("Layanan", content, script))
        cards = []
        for n in self.news:
            path = f"/berita/baca/{n.slug}"
            links = "".join(f'<p>Lihat: <a href="{s.url(p)}">{esc(t)}</a></p>' for p, t in n.links)
            body = (f'<article><h2>{esc(n.title)}</h2><p class="text-muted small">{indo_date(n.date)} &middot; Admin</p>'
                    + "".join(f"<p>{esc(p)}</p>" for p in n.body) + links + '</article>')
            s.put(path, self.page(n.title, body), "news:" + n.slug)
            cards.append(f'<div class="col-md-6 mb-3"><div class="card h-100"><div class="card-body"><h5 class="card-title"><a href="{s.url(path)}">{esc(n.title)}</a></h5>'
                         f'<p class="card-text">{esc(n.body[0][:140])}&hellip;</p><small class="text-muted">{indo_date(n.date)}</small></div></div></div>')
        s.put("/berita", self.page("Berita", f'<h2>Berita</h2><div class="row">{"".join(cards)}</div>'))
        c = self.contact
        s.put("/kontak", self.page("Kontak", (
            f'<h2>Kontak Kami</h2><p><strong>{esc(s.opd)}</strong><br>{esc(c.address)}</p><p>Telp: {esc(c.phone)}<br>Email: {esc(c.email)}</p>'
            f'<h4>Jam Layanan</h4>{hours_table(c, "table table-sm")}'
            '<div class="embed-responsive embed-responsive-16by9"><iframe class="embed-responsive-item" src="https://maps.google.com/maps?q=Jambi&amp;output=embed"></iframe></div>')), "contact")
        s.put("/profil", self.page("Profil", '<h2>Profil</h2>' + "".join(f"<p>{esc(p)}</p>" for p in self.profile)))
        steps = ["Daftar akun dan ajukan permohonan secara daring atau di loket Mal Pelayanan Publik",
                 "Verifikasi berkas oleh petugas front office", "Peninjauan lapangan oleh tim teknis bila diperlukan",
                 "Penerbitan izin dan pengambilan dokumen"]
        s.put("/alur-perizinan", self.page("Alur Perizinan", '<h2>Alur Perizinan</h2>' + ol(steps)))
        featured = "".join(f'<li><a href="{s.url(self.detail_path(sv))}">{esc(sv.title)}</a></li>' for sv, _ in self.services[:3])
        s.put("/", self.page("Beranda", (
            f'<div class="jumbotron bg-success text-white"><h1 class="display-5">{esc(self.brand)}</h1><p class="lead">Mudah, cepat, transparan, tanpa pungutan liar.</p>'
            f'<a class="btn btn-light" href="{s.url("/layanan")}">Lihat Layanan</a></div>'
            f'<div class="row"><div class="col-md-6"><h4>Layanan Unggulan</h4><ul>{featured}</ul></div>'
            f'<div class="col-md-6"><h4>Berita</h4><div class="row">{"".join(cards[:2])}</div></div></div>')))


# --------------------------------------------------------------- family: hugo-kelurahan

class HugoKelurahan:
    """A kelurahan on a free Hugo theme (Ananke-like): posts, a small layanan section."""

    PER_PAGE = 5

    def __init__(self, site: Site, brand: str, services: list[tuple[Service, list[str]]],
                 news: list[News], contact: Contact, about: list[str]):
        self.s, self.brand, self.services, self.news = site, brand, services, news
        self.contact, self.about = contact, about

    def page(self, title: str, content: str, cover: bool = False) -> str:
        s = self.s
        nav = "".join(f'<li class="list f5 f4-ns fw4 dib pr3"><a class="hover-white no-underline white-90" href="{s.url(p)}" title="{esc(t)}">{esc(t)}</a></li>'
                      for p, t in [("/posts/", "Kabar"), ("/layanan/", "Layanan"), ("/tentang/", "Tentang"), ("/kontak/", "Kontak")])
        head = (f'<header class="cover bg-top" style="background-image: url(\'{s.url("/images/kantor-lurah.jpg")}\');"><div class="bg-black-60">'
                if cover else '<header><div class="bg-black">')
        return f"""<!DOCTYPE html>
<html lang="id-id">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
    <title>{esc(title)} | {esc(self.brand)}</title>
    <meta name="viewport" content="width=device-width,minimum-scale=1">
    <meta name="description" content="Situs resmi {esc(self.s.opd)}, Kota Jambi">
    <meta name="generator" content="Hugo 0.121.1">
    <meta name="robots" content="index, follow">
    <link rel="stylesheet" href="{s.url("/ananke/css/main.min.css")}" >
    <link rel="alternate" type="application/rss+xml" href="{s.url("/index.xml")}" title="{esc(self.brand)}" />
  </head>
  <body class="ma0 avenir bg-near-white">
  {head}
    <nav class="pv3 ph3 ph4-ns" role="navigation"><div class="flex-l justify-between items-center center">
      <a href="{s.url("/")}" class="f3 fw2 hover-white no-underline white-90 dib">{esc(self.brand)}</a>
      <div class="flex-l items-center"><ul class="pl0 mr3">{nav}</ul></div></div></nav>
  </div></header>
    <main class="pb7" role="main">
{content}
    </main>
    <footer class="bg-black bottom-0 w-100 pa3" role="contentinfo"><div class="flex justify-between">
  <a class="f4 fw4 hover-white no-underline white-70 dn dib-ns pv2 ph3" href="{s.url("/")}" >&copy; 2025 {esc(self.brand)}</a>
  <div><span class="white-70 f6">{esc(self.contact.address)} &middot; {esc(self.contact.phone)}</span></div></div></footer>
  </body>
</html>
"""

    def article(self, title: str, date: str | None, paras: str, tags: list[str]) -> str:
        s = self.s
        tag_html = "".join(f'<li class="list di"><a href="{s.url("/tags/" + slug(t) + "/")}" class="link f5 grow no-underline br-pill ba ph3 pv2 mb2 dib black sans-serif">{esc(t)}</a></li>' for t in tags)
        when = f'<time class="f6 mv4 dib tracked" datetime="{date}T08:00:00+07:00">{indo_date(date)}</time>' if date else ""
        return (f'<article class="flex-l flex-wrap justify-between mw8 center ph3"><header class="mt4 w-100">'
                f'<h1 class="f1 athelas mt3 mb1">{esc(title)}</h1>{when}</header>'
                f'<div class="nested-copy-line-height lh-copy serif f4 nested-links mid-gray pr4-l w-two-thirds-l">{paras}</div>'
                f'<aside class="w-30-l mt6-l"><div class="bg-light-gray pa3 nested-list-reset nested-copy-line-height nested-links">'
                f'<ul class="pa0">{tag_html}</ul></div></aside></article>')

    def summary(self, path: str, title: str, text: str) -> str:
        return (f'<div class="relative w-100 mb4 bg-white nested-copy-line-height"><div class="bg-white mb3 pa4 gray overflow-hidden">'
                f'<h1 class="f3 near-black"><a href="{self.s.url(path)}" class="link black dim">{esc(title)}</a></h1>'
                f'<div class="nested-links f5 lh-copy nested-copy-line-height">{esc(text[:200])}</div>'
                f'<a href="{self.s.url(path)}" class="ba b--moon-gray bg-light-gray br2 color-inherit dib f7 hover-bg-moon-gray link mt2 ph2 pv1">selengkapnya</a></div></div>')

    def build(self) -> None:
        s = self.s
        summaries = []
        for n in sorted(self.news, key=lambda x: x.date, reverse=True):
            path = f"/posts/{n.slug}/"
            links = "".join(f'<p>Baca juga: <a href="{s.url(p)}">{esc(t)}</a></p>' for p, t in n.links)
            s.put(path, self.page(n.title, self.article(n.title, n.date, "".join(f"<p>{esc(p)}</p>" for p in n.body) + links,
                                                     [t for t in n.tags if t in listed_tags(self.news)])), "news:" + n.slug)
            summaries.append((n, self.summary(path, n.title, n.body[0])))
        pages = [summaries[i:i + self.PER_PAGE] for i in range(0, len(summaries), self.PER_PAGE)]
        for i, chunk in enumerate(pages):
            path = "/posts/" if i == 0 else f"/posts/page/{i + 1}/"
            nav = ""
            if i + 1 < len(pages):
                nav += f'<a class="link f6 ba br2 ph3 pv2 dib" href="{s.url(f"/posts/page/{i + 2}/")}">Berikutnya &rarr;</a>'
            if i:
                nav += f' <a class="link f6 ba br2 ph3 pv2 dib" href="{s.url("/posts/" if i == 1 else f"/posts/page/{i}/")}">&larr; Sebelumnya</a>'
            s.put(path, self.page("Kabar Kelurahan", f'<article class="pa3 pa4-ns nested-copy-line-height"><section class="flex-ns flex-wrap justify-around mt5">{"".join(x for _, x in chunk)}</section><nav class="pagination tc mv4">{nav}</nav></article>'))
        for tag in listed_tags(self.news):
            items = "".join(x for n, x in summaries if tag in n.tags)
            s.put(f"/tags/{slug(tag)}/", self.page(tag, f'<article class="cf pa3 pa4-m pa4-l"><h1>{esc(tag)}</h1>{items}</article>'))
        rows = []
        for sv, paras in self.services:
            path = f"/layanan/{sv.slug}/"
            s.put(path, self.page(sv.title, self.article(sv.title, None, "".join(f"<p>{esc(p)}</p>" for p in [sv.intro] + paras), [])), sv.key)
            rows.append(self.summary(path, sv.title, sv.intro))
        s.put("/layanan/", self.page("Layanan", f'<article class="cf pa3 pa4-m pa4-l"><h1>Layanan Kelurahan</h1><p>Pelayanan di kantor lurah tidak dipungut biaya. Jangan lupa bawa surat pengantar RT.</p>{"".join(rows)}</article>'))
        c = self.contact
        s.put("/kontak/", self.page("Kontak", self.article("Kontak", None, (
            f'<p>{esc(s.opd)}<br>{esc(c.address)}</p><p>Telepon/WA: {esc(c.phone)}<br>Email: {esc(c.email)}</p><h2>Jam buka kantor</h2>{hours_table(c)}'), [])), "contact")
        s.put("/tentang/", self.page("Tentang", self.article("Tentang Kelurahan", None, "".join(f"<p>{esc(p)}</p>" for p in self.about), [])))
        recent = "".join(x for _, x in summaries[:3])
        s.put("/", self.page(self.brand, (
            f'<article class="cf ph3 ph5-l pv3 pv4-l f4 tc-l center measure-wide lh-copy mid-gray"><p>Selamat datang di laman {esc(s.opd)}. Kabar kegiatan warga, info layanan, dan pengumuman.</p></article>'
            f'<div class="pa3 pa4-ns w-100 w-70-ns center"><h1 class="flex-none">Kabar terbaru</h1><section class="w-100 mw8">{recent}</section>'
            f'<a href="{s.url("/posts/")}" class="link db f6 pa2 br3 bg-mid-gray white dim w4 tc">Semua kabar</a></div>'), cover=True))
        s.put("/index.xml", "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><rss version=\"2.0\"><channel><title>"
              + esc(self.brand) + "</title>" + "".join(
                  f"<item><title>{esc(n.title)}</title><link>{s.url('/posts/' + n.slug + '/')}</link></item>" for n in self.news)
              + "</channel></rss>")


# ------------------------------------------------------------ family: google-sites-uptd

class GoogleSitesUptd:
    """An UPTD on (new) Google Sites: a few long extensionless pages with anchors and tables."""

    def __init__(self, site: Site, brand: str, pages: list[tuple[str, str, str, str | None]],
                 contact: Contact):
        # pages: (path, nav title, inner html, judged key)
        self.s, self.brand, self.pages, self.contact = site, brand, pages, contact

    def page(self, title: str, inner: str) -> str:
        s = self.s
        nav = "".join(f'<li class="VsJjtf" jsname="ibnC6b"><div class="PsKE7e r8s4j-R6PoUb IKA38e baH5ib oNsfjf"><a class="aJHbb dk90Ob hDrhEe HlqNPb" href="{s.url(p)}" data-url="{p}">{esc(t)}</a></div></li>'
                      for p, t, _, _ in self.pages)
        return f"""<!DOCTYPE html><html lang="id" itemscope itemtype="http://schema.org/WebPage"><head><script nonce="x1">window.WIZ_global_data = {{"qwAQke":"SitesPublishedUi"}};</script><meta charset="utf-8"><meta property="og:title" content="{esc(self.brand)} - {esc(title)}"><meta property="og:type" content="website"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(self.brand)} - {esc(title)}</title><link href="https://fonts.googleapis.com/css?family=Lato%3A300%2C400%2C700&display=swap" rel="stylesheet"></head><body class="Ii1Dmc" jscontroller="pc62j" jsaction="rcuQ6b:WYd;"><div class="Xpil1b xgQ6eb"></div><div jscontroller="RGrRJf" jsaction="rcuQ6b:rcuQ6b;MxH79b:JdcaS;FaOgy:XuHpsb;" class="zDUgLc"><div class="LqzjUe" jsname="bWrMpe"><div class="BbxBP HP6J1d K5Zlne" jsname="bHZhb" jsaction="LgRQyb:rcuQ6b;"><div class="VLoccc K5Zlne QDWEj U8eYrb" jsname="rtFGi"><div class="Pvc6xe"><div jsname="I8J07e" class="TlfmSc YSH9J"><a class="GAuSPc" jsname="jIujaf" href="{s.url("/home")}"><span class="QTKDff">{esc(self.brand)}</span></a></div><nav class="plFg0c" jscontroller="HXO1uc" jsaction="rcuQ6b:rcuQ6b;" id="yuynLe" data-is-top-nav="true"><ul jsname="waIgnc" class="K1Ci7d oXBWEc jYxBte">{nav}</ul></nav></div></div></div>
<div role="main" tabindex="-1" class="UtePc RCETm" dir="ltr"><section id="h.2f1a3b_0" class="yaqOZd LB7kq nyKByd" style=""><div class="IFuOkc" style="background-size: cover;"></div><div class="mYVXT"><div class="LS81yb VICjCf j5pSsc db35Fc" tabindex="-1"><div class="hJDwNd-AhqUyc-uQSCkd Ft7HRd-AhqUyc-uQSCkd jXK9ad D2fZ2 zu5uec OjCsFc dmUFtb wHaque g5GTcb"><div class="jXK9ad-SmKAyb"><div class="tyJCtd mGzaTb Depvyb baZpAe"><h1 id="h.p_title" dir="ltr" class="zfr3Q duRjpb CDt4Ke" style=""><span class="C9DxTc">{esc(title)}</span></h1></div></div></div></div></div></section>
<section id="h.2f1a3b_1" class="yaqOZd"><div class="mYVXT"><div class="LS81yb VICjCf j5pSsc db35Fc" tabindex="-1"><div class="hJDwNd-AhqUyc-uQSCkd Ft7HRd-AhqUyc-uQSCkd purZT-AhqUyc-II5mzb ZcASvf-AhqUyc-II5mzb pSzOP-AhqUyc-qWD73c Ktthjf-AhqUyc-qWD73c JNdkSc SQVYQc"><div class="JNdkSc-SmKAyb LkDMRd"><div class="tyJCtd mGzaTb Depvyb baZpAe">{inner}</div></div></div></div></div></section>
</div>
<div class="dZA9kd ynRLnc" data-last-updated-at-time="1733200000000" data-is-preview="false"><div role="button" class="iWs3gf Wt0Cle" tabindex="0" aria-label="Info Situs">Laporkan penyalahgunaan</div><div class="Ww3MJb"><span class="i2Zh2b">Halaman diperbarui</span></div><div class="mwmXvb">Google Sites</div></div>
</div></div><script nonce="x1">_F_installCss(".jgG6ef{{bottom:0;left:0}}");</script></body></html>
"""

    def build(self) -> None:
        for path, title, inner, key in self.pages:
            self.s.put(path, self.page(title, inner), key)
        self.s.put("/", self.page("Beranda", f'<p class="zfr3Q CDt4Ke">Situs ini telah dipindahkan ke halaman <a class="XqQF9c" href="{self.s.url("/home")}">Beranda</a>.</p>'))


def gs_p(text: str) -> str:
    return f'<p dir="ltr" class="zfr3Q CDt4Ke"><span class="C9DxTc">{esc(text)}</span></p>'


def gs_h(anchor: str, text: str) -> str:
    return (f'<h2 id="h.{anchor}" dir="ltr" class="zfr3Q OmQG5e CDt4Ke"><div jscontroller="Ae65rd" class="CjVfdc"><div class="PPhIP rviiZ">'
            f'<a href="#h.{anchor}" class="OUGEr" aria-label="Salin tautan heading"></a></div><span class="C9DxTc">{esc(text)}</span></div></h2>')


def gs_table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f'<td style="border:1px solid #000;padding:5pt"><p class="zfr3Q CDt4Ke"><span class="C9DxTc" style="font-weight:700">{esc(h)}</span></p></td>' for h in head)
    trs = "".join("<tr>" + "".join(f'<td style="border:1px solid #000;padding:5pt"><p class="zfr3Q CDt4Ke"><span class="C9DxTc">{esc(c)}</span></p></td>' for c in r) + "</tr>" for r in rows)
    return f'<div class="Ojk1ge"><table class="ncFHed"><tbody><tr>{th}</tr>{trs}</tbody></table></div>'


# ------------------------------------------------------------------------ the sites

OFFICE_HOURS = [("Senin - Kamis", "08.00 - 15.00 WIB"), ("Jumat", "08.00 - 11.30 WIB"),
                ("Sabtu, Minggu & hari libur", "Tutup")]


def site_disdukcapil(facts: list[Fact]) -> Site:
    s = Site("dukcapil-jnews", "Dinas Kependudukan dan Pencatatan Sipil Kota Jambi", 0, "wp-newsmag")
    services = [
        Service("ktp-baru", "perekaman-ktp-el", "Perekaman KTP Elektronik Pemula", 0,
                "Warga yang sudah berumur 17 tahun atau sudah menikah wajib merekam data biometrik untuk KTP-el. Perekaman tidak bisa diwakilkan.",
                "Pelajar SMA bisa menunggu jadwal perekaman di sekolah atau datang sendiri ke kantor dinas dan gerai di MPP."),
        Service("ktp-hilang", "ktp-el-hilang-rusak", "Cetak Ulang KTP-el Hilang atau Rusak", 1,
                "Bila KTP-el hilang, dicuri atau rusak (patah, chip tidak terbaca), KTP-el dapat dicetak ulang tanpa perekaman ulang."),
        Service("ktp-ubah", "ktp-el-perubahan-data", "KTP-el Perubahan Data", 2,
                "Perubahan status perkawinan, pekerjaan atau alamat di KTP-el dilakukan setelah Kartu Keluarga diperbarui."),
        Service("kk-baru", "kartu-keluarga-baru", "Penerbitan Kartu Keluarga Baru", 3,
                "Kartu Keluarga baru diterbitkan untuk pasangan yang baru menikah atau keluarga yang membentuk rumah tangga sendiri."),
        Service("kk-ubah", "perubahan-kartu-keluarga", "Perubahan Data Kartu Keluarga", 4,
                "Menambah anggota keluarga karena kelahiran, mengurangi anggota yang meninggal atau pindah, memisahkan KK, atau membetulkan data yang keliru."),
        Service("kk-hilang", "kk-hilang-rusak", "Kartu Keluarga Hilang atau Rusak", 5,
                "Kartu Keluarga yang hilang atau rusak dapat dicetak kembali dengan data terakhir di database kependudukan."),
        Service("akta-lahir", "akta-kelahiran", "Akta Kelahiran", 6,
                "Setiap kelahiran wajib dilaporkan paling lambat 60 hari sejak kelahiran. Kutipan akta kelahiran diterbitkan tanpa biaya.",
                "Bayi yang lahir di rumah sakit mitra dapat langsung diurus akta kelahirannya melalui petugas rumah sakit."),
        Service("akta-mati", "akta-kematian", "Akta Kematian", 7,
                "Kematian penduduk dilaporkan oleh keluarga untuk diterbitkan akta kematian dan diperbarui Kartu Keluarganya."),
        Service("kia", "kartu-identitas-anak", "Kartu Identitas Anak (KIA)", 8,
                "KIA adalah kartu identitas bagi anak di bawah 17 tahun yang belum menikah, berguna untuk keperluan sekolah dan layanan publik."),
        Service("pindah", "surat-pindah-keluar", "Surat Pindah ke Luar Kota Jambi (SKPWNI)", 9,
                "Warga yang akan pindah domisili ke kabupaten/kota lain mengurus Surat Keterangan Pindah sebelum berangkat."),
        Service("datang", "pindah-datang", "Pindah Datang ke Kota Jambi", 10,
                "Pendatang yang membawa surat pindah dari daerah asal akan diterbitkan KK dan KTP-el dengan alamat Kota Jambi."),
        Service("ikd", "aktivasi-ikd", "Aktivasi Identitas Kependudukan Digital (IKD)", 14,
                "IKD adalah KTP dalam bentuk aplikasi di ponsel. Aktivasi dilakukan di kantor dinas dengan memindai QR code oleh petugas."),
    ]
    news = [
        News("perekaman-ktp-el-pelajar-sman", "2025-10-14", "Ribuan Pelajar Belum Rekam KTP-el, Dukcapil Jemput Bola ke Sekolah",
             ["Masih ada sekitar delapan ribu warga Kota Jambi yang belum merekam KTP elektronik, sebagian besar pelajar yang baru berusia 17 tahun.",
              "Petugas mendatangi SMA dan SMK untuk perekaman massal. Orang tua diminta menyiapkan fotokopi KK anak."],
             ["KTP-el", "jemput bola"], [("/layanan/perekaman-ktp-el/", "Syarat perekaman KTP-el")]),
        News("warga-wajib-aktivasi-ikd", "2025-09-02", "Urus Dokumen di Dukcapil, Warga Diminta Aktifkan KTP Digital",
             ["Setiap warga yang mengurus dokumen kependudukan dan memiliki ponsel Android diminta mengunduh aplikasi IKD.",
              "Aktivasi cukup beberapa menit dan dibantu petugas di loket."],
             ["IKD", "KTP digital"], [("/layanan/aktivasi-ikd/", "Aktivasi IKD")]),
        News("pelayanan-di-mpp", "2025-07-21", "Layanan Adminduk Kini Juga Dibuka di Mal Pelayanan Publik",
             ["Gerai Disdukcapil di Mal Pelayanan Publik melayani cetak KTP-el, KK dan akta kelahiran pada hari kerja.",
              "Seluruh layanan administrasi kependudukan gratis. Laporkan bila ada pungutan."],
             ["MPP", "KTP-el"]),
        News("akta-kelahiran-rumah-sakit", "2025-05-12", "Bayi Lahir di Rumah Sakit Langsung Dapat Akta dan KK Baru",
             ["Kerja sama dengan rumah sakit membuat orang tua tidak perlu lagi datang ke kantor untuk akta kelahiran bayi.",
              "Akta, KK yang sudah memuat nama bayi, dan KIA dikirim dalam bentuk PDF ke email orang tua."],
             ["akta kelahiran", "KIA"], [("/layanan/akta-kelahiran/", "Persyaratan akta kelahiran")]),
        News("blangko-ktp-tersedia", "2025-03-03", "Stok Blangko KTP-el Aman Hingga Akhir Tahun",
             ["Warga yang sudah merekam data namun belum menerima fisik KTP-el dapat datang untuk pencetakan.",
              "Bawa bukti perekaman atau surat keterangan yang pernah diberikan petugas."],
             ["KTP-el"]),
    ]
    contact = Contact("Komplek Perkantoran Wali Kota Jambi, Jl. Jenderal Basuki Rahmat, Kotabaru, Kota Jambi",
                      "(0741) 40285", "dukcapil@jambikota.go.id", OFFICE_HOURS)
    profile = ["Dinas Kependudukan dan Pencatatan Sipil Kota Jambi menyelenggarakan pendaftaran penduduk dan pencatatan sipil.",
               "Visi: terwujudnya pelayanan administrasi kependudukan yang cepat, tepat, dan bahagia.",
               "Seluruh layanan tidak dipungut biaya."]
    apps = [("IKD - Identitas Kependudukan Digital", "https://play.google.com/store/apps/details?id=gov.dukcapil.mobile_id"),
            ("SiKesal - Pengaduan Masyarakat", "https://play.google.com/store/apps/details?id=id.go.jambikota.sikesal")]
    WordPressNewsmag(s, facts, "Disdukcapil Kota Jambi", "Melayani dengan Bahagia", services, news,
                     contact, profile, apps, "standar-pelayanan").build()
    return s


def site_damkar(facts: list[Fact]) -> Site:
    s = Site("damkar-jnews", "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi", 1, "wp-newsmag")
    services = [
        Service("pemadaman", "pemadaman-kebakaran", "Layanan Pemadaman Kebakaran", 53,
                "Hubungi 112 atau nomor pengaduan Damkar bila terjadi kebakaran rumah, toko, lahan, atau kendaraan. Layanan 24 jam tanpa biaya.",
                "Sebutkan alamat lengkap, patokan terdekat dan jenis bangunan yang terbakar. Jangan menunggu api membesar."),
        Service("rescue", "penyelamatan-non-kebakaran", "Penyelamatan dan Evakuasi (Rescue)", 54,
                "Selain kebakaran, regu penyelamat menangani evakuasi ular dan biawak, sarang tawon, orang terjebak, pohon tumbang dan cincin yang tersangkut di jari.",
                "Petugas datang dengan peralatan khusus. Warga tidak perlu membayar apa pun."),
        Service("redkar", "relawan-redkar", "Relawan Pemadam Kebakaran (REDKAR) Tingkat RT", 55,
                "REDKAR adalah relawan kebakaran di tiap RT yang dilatih menangani api kecil sebelum armada datang."),
    ]
    news = [
        News("evakuasi-ular-sanca-talang-banjar", "2025-11-03", "Ular Sanca 3 Meter Masuk Dapur Warga, Tim Rescue Bergerak",
             ["Tim penyelamat mengevakuasi ular sanca dari dapur rumah warga di Talang Banjar dalam waktu kurang dari satu jam.",
              "Warga diimbau tidak menangkap sendiri ular atau biawak, cukup hubungi 112."],
             ["rescue", "ular"], [("/layanan/penyelamatan-non-kebakaran/", "Layanan penyelamatan")]),
        News("kebakaran-ruko-pasar", "2025-10-19", "Lima Unit Armada Padamkan Kebakaran Ruko di Kawasan Pasar",
             ["Api diduga berasal dari korsleting listrik. Tidak ada korban jiwa.",
              "Petugas mengingatkan pemilik toko memeriksa instalasi listrik secara berkala."],
             ["kebakaran"]),
        News("pelatihan-redkar-jelutung", "2025-08-30", "Ratusan Ketua RT Ikuti Pelatihan REDKAR",
             ["Relawan dilatih memakai APAR dan karung basah untuk memadamkan api kecil.",
              "Setiap RT diharapkan memiliki minimal dua relawan."],
             ["REDKAR"], [("/layanan/relawan-redkar/", "Tentang REDKAR")]),
        News("sarang-tawon-sekolah", "2025-06-11", "Sarang Tawon Vespa di Atap Sekolah Dievakuasi Malam Hari",
             ["Evakuasi dilakukan malam hari agar tawon tidak agresif.", "Layanan ini gratis dan dapat diminta melalui 112."],
             ["rescue", "tawon"]),
        News("si-merah-koja-diluncurkan", "2025-04-05", "Lapor Kebakaran Kini Bisa Lewat Si Merah Koja",
             ["Aplikasi Si Merah Koja mencatat laporan kebakaran dan penyelamatan, terhubung dengan 112 dan WhatsApp.",
              "Data aset terbakar dan korban terekam untuk evaluasi."],
             ["Si Merah Koja", "kebakaran"], [("/si-merah-koja/", "Tentang Si Merah Koja")]),
    ]
    contact = Contact("Jl. Sultan Agung No. 3, Murni, Kec. Danau Sipin, Kota Jambi", "112 / (0741) 7553113",
                      "damkar@jambikota.go.id", [("Piket pemadaman & rescue", "24 jam setiap hari"),
                                                 ("Administrasi: Senin - Jumat", "08.00 - 16.00 WIB")])
    profile = ["Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi menangani kebakaran dan penyelamatan non-kebakaran di seluruh kecamatan.",
               "Pos pemadam tersebar di beberapa kecamatan agar waktu tanggap di bawah 15 menit."]
    apps = [("Si Merah Koja", "http://127.0.0.1:8902/si-merah-koja/"), ("Call Center 112", "tel:112")]
    wp = WordPressNewsmag(s, facts, "Damkar Kota Jambi", "Pantang Pulang Sebelum Padam", services, news,
                          contact, profile, apps, "standar-pelayanan-damkar")
    wp.build()
    body = ('<div class="entry-header"><h1 class="jeg_post_title">Si Merah Koja</h1></div><div class="entry-content"><div class="content-inner">'
            '<p>Si Merah Koja (Sistem Informasi Penanggulangan Kebakaran dan Penyelamatan Daerah Kota Jambi) adalah aplikasi untuk melaporkan kebakaran dan kejadian yang butuh penyelamatan.</p>'
            '<p>Laporan masuk langsung ke ruang piket, terhubung dengan Call Center 112 dan WhatsApp. Sertakan lokasi dan foto kejadian.</p>'
            '<p>Cara memakai: buka aplikasi, pilih jenis kejadian (kebakaran atau penyelamatan), bagikan lokasi, kirim.</p></div></div>')
    s.put("/si-merah-koja/", wp.page("/si-merah-koja/", "Si Merah Koja", body), "smk")
    return s


def site_bpprd(facts: list[Fact]) -> Site:
    s = Site("bpprd-drupal", "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi", 2, "drupal10")
    services = [
        Service("pbb-bayar", "pembayaran-pbb-p2", "Pembayaran PBB-P2", 26,
                "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan dibayar sesuai SPPT yang dibagikan setiap awal tahun melalui kelurahan.",
                "Pembayaran dapat dilakukan di bank yang ditunjuk, QRIS, atau mobil pajak keliling yang berkeliling ke kelurahan."),
        Service("pbb-cek", "info-tagihan-pbb", "Info Tagihan PBB Online", 27,
                "Wajib pajak dapat melihat tagihan dan riwayat pembayaran PBB dengan memasukkan Nomor Objek Pajak (NOP)."),
        Service("pbb-mutasi", "mutasi-balik-nama-sppt", "Mutasi / Balik Nama SPPT PBB-P2", 28,
                "Bila tanah dan bangunan berpindah tangan karena jual beli, hibah atau waris, nama wajib pajak di SPPT perlu dimutasikan."),
        Service("pbb-betul", "pembetulan-sppt", "Pembetulan SPPT PBB-P2", 29,
                "Pembetulan dilakukan bila ada kesalahan tulis, luas tanah atau bangunan, atau alamat objek pada SPPT."),
        Service("pbb-keberatan", "keberatan-pbb", "Keberatan atas Ketetapan PBB-P2", 30,
                "Wajib pajak yang merasa ketetapan PBB terlalu tinggi dapat mengajukan keberatan secara tertulis."),
        Service("pbb-daftar", "pendaftaran-objek-pbb-baru", "Pendaftaran Objek PBB Baru", 31,
                "Tanah atau bangunan yang belum pernah terdaftar, misalnya rumah baru dibangun, didaftarkan agar memperoleh NOP dan SPPT."),
        Service("bphtb", "validasi-bphtb", "Validasi BPHTB", 32,
                "Bea Perolehan Hak atas Tanah dan Bangunan dibayar pembeli saat jual beli, hibah atau waris, lalu divalidasi sebelum akta diproses di BPN."),
        Service("pajak-resto", "pajak-restoran-pbjt", "Pajak Restoran (PBJT Makanan dan Minuman)", 33,
                "Rumah makan, kafe dan katering dengan omzet tertentu wajib mendaftar sebagai wajib pajak dan melapor setiap bulan."),
        Service("pajak-hiburan", "pajak-hiburan", "Pajak Hiburan (PBJT Jasa Kesenian dan Hiburan)", 34,
                "Penyelenggara hiburan seperti bioskop, karaoke, permainan ketangkasan dan pusat kebugaran wajib memungut dan menyetor pajak hiburan."),
        Service("pajak-reklame", "pajak-reklame", "Pajak Reklame", 35,
                "Setiap pemasangan reklame, baik papan, baliho, spanduk maupun videotron, dikenai pajak reklame."),
    ]
    terms = {"PBB-P2": ["pbb-bayar", "pbb-cek", "pbb-mutasi", "pbb-betul", "pbb-keberatan", "pbb-daftar"],
             "BPHTB": ["bphtb"], "Pajak Daerah Lainnya": ["pajak-resto", "pajak-hiburan", "pajak-reklame"]}
    news = [
        News("jatuh-tempo-pbb-diperpanjang", "2025-09-25", "Jatuh Tempo PBB 2025 Diperpanjang Hingga 30 November",
             ["Wajib pajak yang belum melunasi PBB tahun ini diberi waktu tambahan tanpa denda hingga akhir November.",
              "Setelah itu denda dua persen per bulan berlaku."], ["PBB", "denda"], [("/layanan/pembayaran-pbb-p2", "Cara bayar PBB")]),
        News("mobil-pajak-keliling-kelurahan", "2025-08-14", "Mobil Pajak Keliling Sambangi Kelurahan Setiap Pekan",
             ["Warga cukup membawa SPPT atau menyebutkan NOP untuk membayar PBB di mobil keliling.",
              "Jadwal diumumkan melalui kelurahan dan media sosial."], ["PBB"]),
        News("validasi-bphtb-lebih-cepat", "2025-04-15", "Validasi BPHTB Kini Lebih Cepat",
             ["Mulai pertengahan April proses validasi BPHTB dipercepat dengan verifikasi berkas secara daring.",
              "Notaris dan PPAT diminta mengunggah dokumen lengkap."], ["BPHTB"], [("/layanan/validasi-bphtb", "Validasi BPHTB")]),
        News("sosialisasi-pajak-restoran", "2025-03-10", "Sosialisasi Pajak Restoran kepada Pelaku Usaha Kuliner",
             ["Pelaku usaha kuliner diajak memakai alat rekam transaksi agar pelaporan pajak restoran tertib."], ["pajak restoran"]),
    ]
    contact = Contact("Kompleks Perkantoran Wali Kota Jambi, Jl. Jenderal Basuki Rahmat No. 1, Kotabaru, Kota Jambi",
                      "(0741) 669012", "bpprd@jambikota.go.id", OFFICE_HOURS)
    profile = ["BPPRD Kota Jambi mengelola pendataan, penetapan, penagihan dan pelayanan pajak daerah serta retribusi.",
               "Pajak daerah yang dikelola: PBB-P2, BPHTB, PBJT (restoran, hotel, hiburan, parkir), reklame, air tanah."]
    apps = [("Info Tagihan PBB", "http://127.0.0.1:8903/layanan/info-tagihan-pbb"), ("Bayar PBB via QRIS", "http://127.0.0.1:8903/layanan/pembayaran-pbb-p2")]
    Drupal10(s, facts, "BPPRD Kota Jambi", services, terms, news, contact, profile, apps).build()
    return s


def site_dinsos(facts: list[Fact]) -> Site:
    s = Site("dinsos-drupal", "Dinas Sosial Kota Jambi", 3, "drupal10")
    services = [
        Service("dtks", "usulan-dan-perbaikan-dtks", "Usulan dan Perbaikan Data DTKS / DTSEN", 40,
                "Keluarga yang belum terdaftar sebagai penerima bantuan sosial (PKH, BPNT, PBI JK) dapat diusulkan masuk data terpadu melalui kelurahan.",
                "Operator kelurahan menginput usulan di SIKS-NG, lalu diverifikasi Dinas Sosial dan ditetapkan Kementerian Sosial."),
        Service("uhc", "jaminan-kesehatan-jambi-bugar", "Jaminan Kesehatan Gratis UHC Jambi Bugar (Kartu Bahagia)", 41,
                "Warga Kota Jambi yang belum punya BPJS Kesehatan dapat didaftarkan sebagai peserta yang iurannya dibayar Pemerintah Kota.",
                "Pendaftaran terhubung dengan Kartu Bahagia; peserta aktif dapat langsung berobat ke puskesmas."),
        Service("santunan", "santunan-kematian-bpjs-tk", "Santunan Kematian dan BPJS Ketenagakerjaan Pekerja Rentan", 42,
                "Ketua RT, petugas syara, PHL dan pekerja rentan didaftarkan BPJS Ketenagakerjaan; ahli waris menerima santunan kematian."),
    ]
    terms = {"Jaminan Sosial": ["uhc", "santunan"], "Bantuan Sosial": ["dtks"]}
    news = [
        News("kapan-bansos-pkh-cair", "2025-10-01", "Penyaluran PKH dan BPNT Tahap IV Dimulai",
             ["Keluarga penerima manfaat diminta mengecek status di kantor pos atau bank penyalur.",
              "Yang belum terdaftar dapat mengajukan usulan DTKS melalui kelurahan."], ["bansos", "PKH"], [("/layanan/usulan-dan-perbaikan-dtks", "Usulan DTKS")]),
        News("uhc-tambah-peserta", "2025-07-17", "Pemkot Tambah 49 Ribu Peserta Jaminan Kesehatan Gratis",
             ["Anggaran Rp5,9 miliar disiapkan untuk membayar iuran BPJS Kesehatan warga yang belum tercakup.",
              "Cukup tunjukkan KTP Kota Jambi untuk berobat di puskesmas."], ["UHC", "Kartu Bahagia"], [("/layanan/jaminan-kesehatan-jambi-bugar", "UHC Jambi Bugar")]),
        News("ketua-rt-bpjs-tk", "2025-05-20", "Seluruh Ketua RT Kini Terlindungi BPJS Ketenagakerjaan",
             ["Perlindungan mencakup kecelakaan kerja dan kematian.", "Ahli waris mengajukan klaim santunan dengan membawa akta kematian."],
             ["Kartu Bahagia"]),
        News("verifikasi-dtsen-lapangan", "2025-03-08", "Petugas Verifikasi Lapangan Data DTSEN Mulai Turun ke Rumah Warga",
             ["Warga diminta menunjukkan KK dan KTP saat petugas datang.", "Data yang tidak sesuai akan diperbaiki."], ["bansos", "DTSEN"]),
    ]
    contact = Contact("Jl. Prof. Dr. Sri Soedewi M. Sofwan, Telanaipura, Kota Jambi", "(0741) 63517",
                      "dinsos@jambikota.go.id", OFFICE_HOURS)
    profile = ["Dinas Sosial Kota Jambi menangani perlindungan dan jaminan sosial, rehabilitasi sosial, serta pemberdayaan fakir miskin.",
               "Program unggulan: Kartu Bahagia, UHC Jambi Bugar, dan pemutakhiran data terpadu kesejahteraan sosial."]
    apps = [("Kartu Bahagia", "http://127.0.0.1:8904/layanan/jaminan-kesehatan-jambi-bugar"), ("Cek Bansos Kemensos", "https://cekbansos.kemensos.go.id/")]
    Drupal10(s, facts, "Dinas Sosial Kota Jambi", services, terms, news, contact, profile, apps).build()
    return s


def site_dpmptsp(facts: list[Fact]) -> Site:
    s = Site("perizinan-ci4", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi", 4, "ci4-datatables")
    services = [
        (Service("nib", "nib-oss", "Nomor Induk Berusaha (NIB) melalui OSS", 17,
                 "NIB adalah identitas pelaku usaha sekaligus izin untuk usaha risiko rendah, diterbitkan lewat sistem OSS berbasis risiko.",
                 "Petugas helpdesk OSS di Mal Pelayanan Publik membantu pelaku UMKM yang belum bisa mendaftar sendiri."), "Perizinan Berusaha"),
        (Service("pbg", "persetujuan-bangunan-gedung", "Persetujuan Bangunan Gedung (PBG)", 18,
                 "PBG menggantikan Izin Mendirikan Bangunan (IMB). Permohonan diajukan melalui SIMBG sebelum membangun, merenovasi atau mengubah fungsi bangunan."), "Perizinan Non Berusaha"),
        (Service("slf", "sertifikat-laik-fungsi", "Sertifikat Laik Fungsi (SLF) dan SBKBG", 19,
                 "SLF menyatakan bangunan layak dipakai sesuai fungsinya; SBKBG adalah bukti kepemilikan bangunan gedung."), "Perizinan Non Berusaha"),
        (Service("sip-dokter", "sip-dokter", "Surat Izin Praktik Dokter dan Dokter Gigi", 20,
                 "Dokter dan dokter gigi yang berpraktik di fasilitas kesehatan atau praktik mandiri di Kota Jambi wajib memiliki SIP."), "Kesehatan"),
        (Service("sip-bidan", "sip-bidan", "Surat Izin Praktik Bidan (SIPB)", 21,
                 "Bidan yang membuka praktik mandiri atau bekerja di fasilitas kesehatan wajib memiliki SIPB."), "Kesehatan"),
        (Service("sip-perawat", "sip-perawat", "Surat Izin Praktik Perawat (SIPP)", 22,
                 "Perawat yang menjalankan praktik keperawatan wajib memiliki SIPP dari DPMPTSP."), "Kesehatan"),
        (Service("izin-reklame", "izin-reklame", "Izin Penyelenggaraan Reklame", 23,
                 "Pemasangan papan nama usaha, baliho dan billboard memerlukan izin penyelenggaraan reklame; pajaknya dibayar ke BPPRD."), "Perizinan Non Berusaha"),
    ]
    news = [
        News("pbg-dua-jam", "2026-02-12", "Wali Kota Targetkan PBG Rumah Tinggal Terbit Dua Jam",
             ["Pemohon PBG rumah tinggal sederhana dijanjikan proses kilat bila berkas lengkap.",
              "Pengajuan tetap melalui SIMBG dan didampingi petugas di Mal Pelayanan Publik."], ["PBG"], [("/layanan/detail/persetujuan-bangunan-gedung", "Syarat PBG")]),
        News("klinik-oss-umkm", "2025-11-20", "Klinik OSS Bantu 300 UMKM Dapatkan NIB",
             ["Pelaku usaha kecil dibantu membuat akun OSS dan mencetak NIB di tempat.",
              "Cukup membawa KTP, NPWP bila ada, dan email aktif."], ["NIB", "UMKM"], [("/layanan/detail/nib-oss", "NIB melalui OSS")]),
        News("imb-lama-masih-berlaku", "2025-08-04", "IMB Lama Masih Berlaku, Bangunan Baru Wajib PBG",
             ["Bangunan yang sudah memiliki IMB tidak perlu mengurus PBG kecuali ada perubahan fungsi atau renovasi besar."], ["PBG", "IMB"]),
        News("izin-praktik-tenaga-kesehatan", "2025-06-16", "Pengurusan SIP Tenaga Kesehatan Kini Tanpa Tatap Muka",
             ["Dokter, bidan dan perawat dapat mengunggah berkas secara daring; SIP dikirim dalam bentuk elektronik."], ["SIP"]),
    ]
    contact = Contact("Mal Pelayanan Publik Kota Jambi, Jl. H. Agus Salim, Kebun Kopi, Kota Jambi", "(0741) 7554321",
                      "dpmptsp@jambikota.go.id", [("Senin - Kamis", "08.00 - 15.30 WIB"), ("Jumat", "08.00 - 16.00 WIB"),
                                                  ("Sabtu", "08.00 - 12.00 WIB (loket MPP)")])
    profile = ["DPMPTSP Kota Jambi menyelenggarakan pelayanan perizinan dan non perizinan secara terpadu satu pintu.",
               "Seluruh loket perizinan berada di Mal Pelayanan Publik Kota Jambi."]
    apps = [("OSS RBA", "https://oss.go.id"), ("SIMBG", "https://simbg.pu.go.id")]
    CodeIgniterDataTables(s, facts, "DPMPTSP Kota Jambi", services, news, contact, profile, apps).build()
    return s


def site_kelurahan(facts: list[Fact]) -> Site:
    s = Site("kel-kenaliasambawah", "Kelurahan Kenali Asam Bawah", 5, "hugo-kelurahan")
    dom, sktm = facts[66], facts[67]
    services = [
        (Service("domisili", "surat-keterangan-domisili", "Surat Keterangan Domisili", 66,
                 "Surat keterangan domisili dibuat untuk warga yang tinggal di wilayah kelurahan, misalnya untuk melamar kerja, membuka rekening atau mendaftar sekolah."),
         [f"Yang perlu dibawa: {prose_list(dom.requirements)}. Mintalah dulu surat pengantar dari Ketua RT.",
          f"Surat bisa ditunggu, kira-kira {dom.duration}. Biayanya: {dom.cost.lower()}.",
          "Untuk badan usaha, domisili usaha diurus dengan membawa akta pendirian dan bukti sewa tempat."]),
        (Service("sktm", "surat-keterangan-tidak-mampu", "Surat Keterangan Tidak Mampu (SKTM)", 67,
                 "SKTM diberikan kepada keluarga kurang mampu sebagai syarat keringanan biaya sekolah, berobat, atau pendaftaran bantuan."),
         [f"Bawa {prose_list(sktm.requirements)}.",
          "Petugas kelurahan dapat meninjau rumah bila perlu. Pelayanan gratis, tidak ada pungutan.",
          "Untuk bantuan sosial tetap, keluarga juga sebaiknya diusulkan masuk data DTKS/DTSEN lewat operator kelurahan."]),
        (Service("kampung-bahagia", "kampung-bahagia", "Program Kampung Bahagia (Dana Rp100 Juta per RT)", 68,
                 "Setiap RT mendapat dana pembangunan lingkungan Rp100 juta per tahun dari APBD Kota Jambi."),
         ["Usulan kegiatan dibahas dalam musyawarah RT, misalnya semenisasi gang, drainase kecil, atau lampu jalan lingkungan.",
          "Ketua RT menyerahkan proposal ke kelurahan; pencairan dan laporan diawasi kecamatan."]),
        (Service("pengaduan", "pengaduan-warga", "Pengaduan Warga dan SiKesal", 63,
                 "Ada jalan rusak, lampu jalan mati, sampah menumpuk atau drainase tersumbat di lingkungan Anda? Sampaikan ke kelurahan atau langsung lewat aplikasi SiKesal."),
         ["SiKesal adalah aplikasi pengaduan Pemerintah Kota Jambi. Foto masalahnya, tandai lokasi, lalu kirim; laporan diteruskan ke dinas terkait dan ditargetkan ditanggapi dalam 24 sampai 72 jam.",
          "Untuk keadaan darurat seperti kebakaran atau pohon tumbang menimpa rumah, hubungi 112."]),
    ]
    news = [
        News("gotong-royong-parit-rt07", "2025-11-09", "Gotong Royong Bersihkan Parit RT 07 Jelang Musim Hujan",
             ["Warga RT 07 bersama lurah membersihkan parit yang tersumbat sampah plastik agar tidak terjadi genangan."], ["gotong royong", "drainase"]),
        News("posyandu-balita-november", "2025-11-04", "Jadwal Posyandu Balita Bulan November",
             ["Posyandu Mawar dan Melati buka pekan kedua. Bawa buku KIA untuk penimbangan dan imunisasi."], ["posyandu"]),
        News("musrenbang-kelurahan-2026", "2025-10-28", "Musrenbang Kelurahan Bahas Usulan Kampung Bahagia 2026",
             ["Usulan semenisasi gang dan lampu jalan mendominasi musyawarah."], ["Kampung Bahagia"], [("/layanan/kampung-bahagia/", "Program Kampung Bahagia")]),
        News("lampu-jalan-gang-mati-dilaporkan", "2025-10-15", "Lampu Jalan Gang Mawar Mati, Warga Lapor Lewat SiKesal",
             ["Dua hari setelah dilaporkan melalui SiKesal, petugas memperbaiki lampu penerangan jalan di Gang Mawar."], ["SiKesal", "lampu jalan"], [("/layanan/pengaduan-warga/", "Cara mengadu")]),
        News("jemput-bola-ktp-kelurahan", "2025-09-22", "Dukcapil Jemput Bola Rekam KTP di Aula Kelurahan",
             ["Warga yang belum rekam KTP-el dan anak yang belum punya KIA dilayani di aula kelurahan."], ["adminduk"]),
        News("lomba-kebersihan-rt", "2025-08-17", "RT 03 Juara Lomba Kebersihan Lingkungan",
             ["Lomba digelar dalam rangka HUT RI. Hadiah berupa tong sampah terpilah dan bibit tanaman."], ["gotong royong"]),
        News("penyaluran-beras-bansos", "2025-07-30", "Penyaluran Beras Bantuan Pangan di Kantor Lurah",
             ["Penerima membawa KTP dan KK. Warga yang belum terdata dapat meminta SKTM dan diusulkan masuk DTKS."], ["bansos"], [("/layanan/surat-keterangan-tidak-mampu/", "SKTM")]),
        News("pelayanan-malam-ramadan", "2025-03-10", "Jam Pelayanan Kantor Lurah Selama Ramadan",
             ["Selama Ramadan kantor lurah buka pukul 08.00 sampai 14.00 WIB, Jumat sampai 11.00 WIB."], ["pengumuman"]),
    ]
    contact = Contact("Jl. Kapten Pattimura, Kenali Asam Bawah, Kec. Kota Baru, Kota Jambi", "0812-7400-1571",
                      "kel.kenaliasambawah@gmail.com", [("Senin - Kamis", "07.30 - 16.00 WIB"), ("Jumat", "07.30 - 11.30 WIB")])
    about = ["Kelurahan Kenali Asam Bawah berada di Kecamatan Kota Baru, Kota Jambi.",
             "Wilayah kelurahan terdiri dari puluhan RT dengan penduduk yang sebagian besar bekerja di sektor perdagangan dan jasa."]
    HugoKelurahan(s, "Kel. Kenali Asam Bawah", services, news, contact, about).build()
    return s


def site_puskesmas(facts: list[Fact]) -> Site:
    s = Site("pkm-kenalibesar", "UPTD Puskesmas Kenali Besar Kota Jambi", 6, "google-sites-uptd")
    dasar, ckg = facts[44], facts[43]
    contact = Contact("Jl. Lingkar Barat, Kenali Besar, Kec. Alam Barajo, Kota Jambi", "0741-570210",
                      "pkm.kenalibesar@gmail.com", [("Senin - Kamis", "07.30 - 14.00 WIB (pendaftaran s.d. 12.00)"),
                                                    ("Jumat", "07.30 - 11.00 WIB"), ("Sabtu", "07.30 - 12.00 WIB"),
                                                    ("UGD / persalinan", "24 jam")])
    layanan = (
        gs_p("Semua layanan di bawah ini ada di satu halaman. Klik judul untuk melompat ke bagian yang dicari.")
        + '<p dir="ltr" class="zfr3Q CDt4Ke">' + " | ".join(
            f'<a class="XqQF9c" href="#h.{a}"><span class="C9DxTc">{esc(n)}</span></a>'
            for a, n in [("poli-umum", "Poli Umum"), ("kia-kb", "KIA & KB"), ("imunisasi", "Imunisasi"),
                         ("gizi", "Gizi"), ("ckg", "Cek Kesehatan Gratis"), ("rujukan", "Rujukan BPJS"),
                         ("lab", "Laboratorium")]) + "</p>"
        + gs_h("poli-umum", "Poli Umum (rawat jalan)")
        + gs_p("Pemeriksaan dan pengobatan penyakit umum untuk semua usia. Peserta BPJS Kesehatan/KIS yang terdaftar di puskesmas ini tidak dipungut biaya.")
        + gs_p("Persyaratan: " + "; ".join(dasar.requirements) if dasar.requirements else "Persyaratan: KTP atau KK, kartu BPJS Kesehatan/KIS bila ada.")
        + gs_h("kia-kb", "KIA dan KB")
        + gs_p("Pemeriksaan ibu hamil (ANC), nifas, pelayanan keluarga berencana (suntik, pil, implan, IUD), dan konseling.")
        + gs_h("imunisasi", "Imunisasi")
        + gs_p("Imunisasi dasar lengkap bayi dan baduta setiap Selasa dan Kamis. Bawa buku KIA. Gratis.")
        + gs_h("gizi", "Gizi")
        + gs_p("Konsultasi gizi, penimbangan balita, pemantauan stunting, pemberian makanan tambahan.")
        + gs_h("ckg", "Cek Kesehatan Gratis (CKG)")
        + gs_p("Pemeriksaan kesehatan gratis untuk semua umur, dapat dilakukan pada hari ulang tahun. Daftar dengan KTP; cukup datang ke loket pendaftaran.")
        + gs_p("Biaya: " + ckg.cost + ". " + ("Prosedur: " + "; ".join(ckg.procedure) if ckg.procedure else ""))
        + gs_h("rujukan", "Rujukan BPJS")
        + gs_p("Pasien BPJS yang perlu penanganan dokter spesialis dirujuk ke rumah sakit (antara lain RSUD H. Abdul Manap) melalui sistem rujukan online.")
        + gs_p("Prosedur: " + "; ".join(dasar.procedure) if dasar.procedure else "")
        + gs_h("lab", "Laboratorium")
        + gs_p("Cek darah rutin, gula darah, kolesterol, asam urat, tes kehamilan, HIV dan TB.")
        + gs_table(["Layanan", "Hari", "Biaya"], [
            ["Poli Umum", "Senin - Sabtu", "Gratis peserta JKN; umum sesuai Perda retribusi"],
            ["KIA & KB", "Senin - Sabtu", "Gratis peserta JKN"],
            ["Imunisasi", "Selasa & Kamis", "Gratis"],
            ["Cek Kesehatan Gratis", "Senin - Jumat", "Gratis"],
            ["Laboratorium", "Senin - Jumat", "Gratis peserta JKN; umum sesuai Perda"]]))
    jadwal = (
        gs_h("jam-buka", "Jam Buka Pelayanan")
        + gs_table(["Hari", "Jam"], [[d, h] for d, h in contact.hours])
        + gs_h("tarif", "Tarif Retribusi Pasien Umum (non BPJS)")
        + gs_p("Tarif mengikuti Peraturan Daerah tentang retribusi pelayanan kesehatan. Peserta BPJS Kesehatan, KIS dan UHC Jambi Bugar tidak membayar.")
        + gs_table(["Jenis", "Tarif"], [["Karcis rawat jalan", "Rp10.000"], ["Cabut gigi", "Rp25.000"],
                                        ["Pemeriksaan gula darah", "Rp15.000"], ["Surat keterangan sehat", "Rp15.000"]]))
    kontak = (gs_p(s.opd) + gs_p("Alamat: " + contact.address) + gs_p("Telepon/WhatsApp: " + contact.phone)
              + gs_p("Email: " + contact.email) + gs_h("lokasi", "Lokasi")
              + gs_p("Di samping kantor Lurah Kenali Besar, dekat Simpang Rimbo."))
    home = (gs_p("Selamat datang di situs UPTD Puskesmas Kenali Besar. Melayani warga Alam Barajo dengan ramah dan profesional.")
            + gs_h("pengumuman", "Pengumuman")
            + gs_p("Pekan Imunisasi: bawa bayi dan balita ke posyandu terdekat atau ke puskesmas.")
            + gs_p("Cek Kesehatan Gratis dibuka setiap hari kerja. Lihat halaman Layanan."))
    pengumuman = (gs_h("ckg-2025", "Cek Kesehatan Gratis di Hari Ulang Tahun")
                  + gs_p("Warga yang berulang tahun bulan ini dapat memeriksakan tekanan darah, gula darah, mata dan gigi tanpa biaya.")
                  + gs_h("posyandu", "Jadwal Posyandu Bulan Ini")
                  + gs_table(["Posyandu", "RT", "Tanggal"], [["Anggrek", "05", "Minggu ke-2"], ["Kenanga", "11", "Minggu ke-3"], ["Dahlia", "19", "Minggu ke-4"]])
                  + gs_h("libur", "Pelayanan Saat Libur Nasional")
                  + gs_p("Pada hari libur nasional poli tutup, UGD dan persalinan tetap buka 24 jam."))
    profil = (gs_p("UPTD Puskesmas Kenali Besar adalah unit pelaksana teknis Dinas Kesehatan Kota Jambi di Kecamatan Alam Barajo.")
              + gs_h("visi", "Visi") + gs_p("Masyarakat Kenali Besar sehat, mandiri dan bahagia.")
              + gs_h("wilayah", "Wilayah Kerja") + gs_p("Kelurahan Kenali Besar, Bagan Pete, dan sebagian Mayang Mangurai."))
    faq = (gs_h("faq-bpjs", "Apakah harus punya BPJS?")
           + gs_p("Tidak. Pasien umum tetap dilayani dengan tarif retribusi. Warga ber-KTP Kota Jambi yang belum punya BPJS dapat didaftarkan UHC Jambi Bugar.")
           + gs_h("faq-rujukan", "Bagaimana minta rujukan ke rumah sakit?")
           + gs_p("Rujukan diberikan dokter setelah pemeriksaan bila perlu penanganan spesialis; tidak bisa diminta tanpa diperiksa."))
    galeri = gs_p("Foto kegiatan: senam lansia, posyandu, imunisasi sekolah (BIAS), dan pemeriksaan jentik nyamuk.")
    GoogleSitesUptd(s, "UPTD Puskesmas Kenali Besar", [
        ("/home", "Beranda", home, None), ("/layanan", "Layanan", layanan, "layanan"),
        ("/jadwal-dan-tarif", "Jadwal dan Tarif", jadwal, "jadwal"),
        ("/pengumuman", "Pengumuman", pengumuman, None), ("/profil", "Profil", profil, None),
        ("/tanya-jawab", "Tanya Jawab", faq, None), ("/galeri", "Galeri", galeri, None),
        ("/kontak", "Kontak", kontak, "contact"),
    ], contact).build()
    return s


def site_uptd_ppa(facts: list[Fact]) -> Site:
    s = Site("uptd-ppa", "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Jambi", 7, "google-sites-uptd")
    ppa = facts[61]
    contact = Contact("Jl. Sumantri Brojonegoro, Solok Sipin, Kec. Danau Sipin, Kota Jambi", "0811-7474-129 (WhatsApp, 24 jam)",
                      "uptdppa.kotajambi@gmail.com", [("Senin - Jumat", "08.00 - 16.00 WIB"), ("Pengaduan darurat", "24 jam via WhatsApp / 112")])
    layanan = (
        gs_p("UPTD Perlindungan Perempuan dan Anak (UPTD PPA) Kota Jambi melayani perempuan dan anak korban kekerasan. Layanan gratis dan kerahasiaan korban dijaga.")
        + gs_h("pengaduan", "Pengaduan Kekerasan")
        + gs_p("Kekerasan dalam rumah tangga, kekerasan seksual, perundungan, penelantaran anak, perdagangan orang. Korban, keluarga, tetangga atau guru boleh melapor.")
        + gs_p("Persyaratan: " + "; ".join(ppa.requirements) if ppa.requirements else "Tidak ada syarat khusus; bawa identitas bila ada.")
        + gs_p("Alur: " + "; ".join(ppa.procedure) if ppa.procedure else "")
        + gs_h("pendampingan", "Pendampingan Korban")
        + gs_p("Pendampingan hukum ke kepolisian dan pengadilan, pendampingan psikologis oleh psikolog, rujukan ke rumah sakit untuk visum, dan rumah aman sementara.")
        + gs_h("pita-molin", "PITA MOLIN (Mobil Perlindungan)")
        + gs_p("Pelayanan, Informasi dan Konsultasi melalui Mobil Perlindungan datang ke sekolah dan kelurahan untuk konsultasi dan menerima pengaduan.")
        + gs_table(["Layanan", "Biaya", "Waktu"], [["Pengaduan", ppa.cost, "24 jam"], ["Pendampingan psikologis", "Gratis", "Sesuai jadwal psikolog"],
                                                    ["Pendampingan hukum", "Gratis", "Sampai perkara selesai"], ["PITA MOLIN", "Gratis", "Jadwal keliling"]]))
    kontak = (gs_p(s.opd + " - UPTD PPA") + gs_p("Alamat: " + contact.address) + gs_p("Hotline: " + contact.phone)
              + gs_p("Email: " + contact.email) + gs_table(["Hari", "Jam"], [[d, h] for d, h in contact.hours]))
    home = (gs_p("Berani bicara, selamatkan perempuan dan anak. Laporkan kekerasan yang Anda alami atau lihat.")
            + gs_p("Hotline 24 jam: " + contact.phone))
    alur = gs_table(["Tahap", "Keterangan"], [
        ["1. Pengaduan", "Datang langsung, telepon/WhatsApp hotline, atau melalui 112"],
        ["2. Penjangkauan", "Petugas mendatangi korban bila tidak dapat datang"],
        ["3. Asesmen", "Pemeriksaan kebutuhan korban oleh konselor"],
        ["4. Pendampingan", "Hukum, psikologis, kesehatan, rumah aman"],
        ["5. Reintegrasi", "Pemulihan dan pemantauan korban kembali ke keluarga/sekolah"]])
    hak = (gs_p("Korban berhak atas kerahasiaan identitas, pendampingan sejak pelaporan sampai persidangan, layanan kesehatan, dan rumah aman.")
           + gs_p("Semua layanan UPTD PPA gratis."))
    profil = gs_p("UPTD PPA Kota Jambi dibentuk dengan Peraturan Wali Kota Nomor 09 Tahun 2019 di bawah DPMPPA Kota Jambi.")
    kegiatan = (gs_h("sosialisasi", "Sosialisasi ke Sekolah")
                + gs_p("Mobil PITA MOLIN mengunjungi SMP dan SMA untuk edukasi anti perundungan dan kekerasan seksual."))
    faq = (gs_h("faq-saksi", "Saya tetangga korban, bolehkah melapor?")
           + gs_p("Boleh. Identitas pelapor dirahasiakan.")
           + gs_h("faq-biaya", "Apakah visum dan pengacara dibayar?")
           + gs_p("Pendampingan dan rujukan visum difasilitasi tanpa biaya bagi korban."))
    GoogleSitesUptd(s, "UPTD PPA Kota Jambi", [
        ("/home", "Beranda", home, None), ("/layanan", "Layanan", layanan, "layanan"),
        ("/alur-pengaduan", "Alur Pengaduan", alur, None), ("/hak-korban", "Hak Korban", hak, None),
        ("/profil", "Profil", profil, None), ("/kegiatan", "Kegiatan", kegiatan, None),
        ("/tanya-jawab", "Tanya Jawab", faq, None), ("/kontak", "Kontak", kontak, "contact"),
    ], contact).build()
    return s


BUILDERS = [site_disdukcapil, site_damkar, site_bpprd, site_dinsos, site_dpmptsp, site_kelurahan,
            site_puskesmas, site_uptd_ppa]


# ---------------------------------------------------------------------- the judgments

# (category, query as a citizen types it, {"site:key": grade}); 2 = the exact service page,
# 1 = acceptable. Written from how people in Kota Jambi talk, not from the page titles.
D, F, B, S = "dukcapil-jnews", "damkar-jnews", "bpprd-drupal", "dinsos-drupal"
P, K, M, A = "perizinan-ci4", "kel-kenaliasambawah", "pkm-kenalibesar", "uptd-ppa"

QUERIES: list[tuple[str, str, dict[str, int]]] = [
    # formal
    ("formal", "persyaratan perekaman KTP elektronik bagi pemula", {f"{D}:ktp-baru": 2}),
    ("formal", "prosedur penerbitan kartu keluarga baru setelah menikah", {f"{D}:kk-baru": 2}),
    ("formal", "syarat pengurusan akta kematian", {f"{D}:akta-mati": 2}),
    ("formal", "tata cara pembayaran pajak bumi dan bangunan", {f"{B}:pbb-bayar": 2, f"{B}:pbb-cek": 1}),
    ("formal", "persyaratan permohonan persetujuan bangunan gedung", {f"{P}:pbg": 2}),
    ("formal", "pengajuan keberatan ketetapan pajak bumi dan bangunan", {f"{B}:pbb-keberatan": 2, f"{B}:pbb-betul": 1}),
    ("formal", "persyaratan surat izin praktik bidan", {f"{P}:sip-bidan": 2}),
    ("formal", "pendaftaran jaminan kesehatan daerah bagi warga tidak mampu", {f"{S}:uhc": 2}),
    ("formal", "permohonan surat keterangan domisili di kelurahan", {f"{K}:domisili": 2}),
    ("formal", "layanan pendampingan perempuan korban kekerasan", {f"{A}:layanan": 2}),
    ("formal", "jadwal pelayanan imunisasi dasar di puskesmas", {f"{M}:layanan": 2, f"{M}:jadwal": 1}),
    ("formal", "persyaratan penerbitan kartu identitas anak", {f"{D}:kia": 2}),
    ("formal", "tata cara validasi bea perolehan hak atas tanah dan bangunan", {f"{B}:bphtb": 2}),
    ("formal", "pendaftaran wajib pajak restoran", {f"{B}:pajak-resto": 2}),
    ("formal", "permohonan sertifikat laik fungsi bangunan", {f"{P}:slf": 2}),
    ("formal", "prosedur surat keterangan pindah antar kabupaten kota", {f"{D}:pindah": 2}),
    # colloquial
    ("colloquial", "cara bikin ktp pertama kali umur 17", {f"{D}:ktp-baru": 2}),
    ("colloquial", "gimana ngurus kk baru abis nikah", {f"{D}:kk-baru": 2}),
    ("colloquial", "mau bikin akte lahir anak perlu bawa apa aja", {f"{D}:akta-lahir": 2}),
    ("colloquial", "bayar pbb bisa dimana aja sih", {f"{B}:pbb-bayar": 2}),
    ("colloquial", "ngurus izin praktek dokter gigi syaratnya apa", {f"{P}:sip-dokter": 2}),
    ("colloquial", "surat domisili buat ngelamar kerja bisa di kelurahan gak", {f"{K}:domisili": 2}),
    ("colloquial", "mau nambahin nama anak ke kk gimana", {f"{D}:kk-ubah": 2, f"{D}:akta-lahir": 1}),
    ("colloquial", "bikin kia lama gak", {f"{D}:kia": 2}),
    ("colloquial", "cek kesehatan gratis daftarnya gimana", {f"{M}:layanan": 2}),
    ("colloquial", "puskesmas kenali besar sabtu buka gak", {f"{M}:jadwal": 2, f"{M}:contact": 1}),
    ("colloquial", "bikin nib buat jualan online", {f"{P}:nib": 2}),
    ("colloquial", "telat bayar pbb kena denda berapa", {f"{B}:pbb-bayar": 2}),
    ("colloquial", "mau jadi relawan damkar di rt", {f"{F}:redkar": 2}),
    ("colloquial", "minta sktm buat keringanan biaya sekolah anak", {f"{K}:sktm": 2}),
    ("colloquial", "ganti status kawin di ktp caranya", {f"{D}:ktp-ubah": 2, f"{D}:kk-ubah": 1}),
    # abbreviation
    ("abbreviation", "skpwni", {f"{D}:pindah": 2}),
    ("abbreviation", "sipb bidan", {f"{P}:sip-bidan": 2}),
    ("abbreviation", "sipp perawat syarat", {f"{P}:sip-perawat": 2}),
    ("abbreviation", "syarat pbg rumah tinggal", {f"{P}:pbg": 2}),
    ("abbreviation", "slf sbkbg", {f"{P}:slf": 2}),
    ("abbreviation", "bphtb jual beli rumah", {f"{B}:bphtb": 2}),
    ("abbreviation", "mutasi sppt pbb", {f"{B}:pbb-mutasi": 2}),
    ("abbreviation", "pbjt makan minum", {f"{B}:pajak-resto": 2}),
    ("abbreviation", "daftar dtks", {f"{S}:dtks": 2}),
    ("abbreviation", "uhc kota jambi", {f"{S}:uhc": 2}),
    ("abbreviation", "kia anak sd", {f"{D}:kia": 2}),
    ("abbreviation", "aktivasi ikd dukcapil", {f"{D}:ikd": 2}),
    ("abbreviation", "uptd ppa kdrt", {f"{A}:layanan": 2}),
    ("abbreviation", "ckg pkm", {f"{M}:layanan": 2}),
    ("abbreviation", "bpjs tk ketua rt", {f"{S}:santunan": 2}),
    ("abbreviation", "pecah kk", {f"{D}:kk-ubah": 2}),
    # typo
    ("typo", "perekamn ktp el", {f"{D}:ktp-baru": 2}),
    ("typo", "akte kelahran", {f"{D}:akta-lahir": 2}),
    ("typo", "kartu kluarga hilang", {f"{D}:kk-hilang": 2}),
    ("typo", "persyaratn pbg", {f"{P}:pbg": 2}),
    ("typo", "pembayran pbb", {f"{B}:pbb-bayar": 2}),
    ("typo", "surat keterangn domisili", {f"{K}:domisili": 2}),
    ("typo", "imunsasi bayi puskesmas", {f"{M}:layanan": 2}),
    ("typo", "aktifasi ikd", {f"{D}:ikd": 2}),
    ("typo", "keberatn pbb", {f"{B}:pbb-keberatan": 2}),
    ("typo", "izin rekalme", {f"{P}:izin-reklame": 2, f"{B}:pajak-reklame": 1}),
    ("typo", "evakusi ular", {f"{F}:rescue": 2}),
    ("typo", "pindah datng ke kota jambi", {f"{D}:datang": 2}),
    ("typo", "akta kematin", {f"{D}:akta-mati": 2}),
    ("typo", "surat ijin praktik doktr", {f"{P}:sip-dokter": 2}),
    ("typo", "lapor kekerasn anak", {f"{A}:layanan": 2}),
    ("typo", "jaminan kesehtan gratis", {f"{S}:uhc": 2}),
    # old-term
    ("old-term", "imb rumah", {f"{P}:pbg": 2}),
    ("old-term", "izin mendirikan bangunan", {f"{P}:pbg": 2}),
    ("old-term", "siup", {f"{P}:nib": 2}),
    ("old-term", "tdp perusahaan", {f"{P}:nib": 2}),
    ("old-term", "situ izin tempat usaha", {f"{P}:nib": 2}),
    ("old-term", "izin ho gangguan", {f"{P}:nib": 2}),
    ("old-term", "jamkesda", {f"{S}:uhc": 2}),
    ("old-term", "jamkesmas berobat", {f"{S}:uhc": 2}),
    ("old-term", "askeskin", {f"{S}:uhc": 2}),
    ("old-term", "raskin daftar", {f"{S}:dtks": 2}),
    ("old-term", "pajak pb1 restoran", {f"{B}:pajak-resto": 2}),
    ("old-term", "pajak tontonan", {f"{B}:pajak-hiburan": 2}),
    ("old-term", "ipeda tanah", {f"{B}:pbb-bayar": 2}),
    ("old-term", "dispenda bayar pbb", {f"{B}:pbb-bayar": 2}),
    ("old-term", "surat keterangan miskin", {f"{K}:sktm": 2}),
    ("old-term", "pmk kebakaran lapor", {f"{F}:pemadaman": 2}),
    ("old-term", "surat kenal lahir", {f"{D}:akta-lahir": 2}),
    # english
    ("english", "how to get resident id card jambi", {f"{D}:ktp-baru": 2, f"{D}:ktp-hilang": 1}),
    ("english", "lost my family card", {f"{D}:kk-hilang": 2}),
    ("english", "birth certificate for my newborn baby", {f"{D}:akta-lahir": 2}),
    ("english", "death certificate for my father", {f"{D}:akta-mati": 2}),
    ("english", "property tax payment jambi city", {f"{B}:pbb-bayar": 2, f"{B}:pbb-cek": 1}),
    ("english", "building permit requirements", {f"{P}:pbg": 2}),
    ("english", "business registration number", {f"{P}:nib": 2}),
    ("english", "medical practice license for doctors", {f"{P}:sip-dokter": 2}),
    ("english", "fire department emergency", {f"{F}:pemadaman": 2}),
    ("english", "snake in my house who to call", {f"{F}:rescue": 2}),
    ("english", "free health checkup clinic", {f"{M}:layanan": 2}),
    ("english", "domestic violence help for women", {f"{A}:layanan": 2}),
    ("english", "moving out of jambi residence letter", {f"{D}:pindah": 2}),
    ("english", "land transfer tax when buying a house", {f"{B}:bphtb": 2}),
    ("english", "billboard advertising permit", {f"{P}:izin-reklame": 2, f"{B}:pajak-reklame": 1}),
    ("english", "clinic opening hours kenali besar", {f"{M}:jadwal": 2, f"{M}:contact": 1}),
    # jambi-malay
    ("jambi-malay", "cakmano nak buat ktp baru", {f"{D}:ktp-baru": 2}),
    ("jambi-malay", "kemano ngurus akte lahir budak", {f"{D}:akta-lahir": 2}),
    ("jambi-malay", "kk ilang apo syaratnyo", {f"{D}:kk-hilang": 2}),
    ("jambi-malay", "nak bayar pbb kemano", {f"{B}:pbb-bayar": 2}),
    ("jambi-malay", "ado ular masuk rumah nelpon siapo", {f"{F}:rescue": 2}),
    ("jambi-malay", "rumah tebakar nelpon kemano", {f"{F}:pemadaman": 2}),
    ("jambi-malay", "cakmano nak pindah ke luar kota suratnyo", {f"{D}:pindah": 2}),
    ("jambi-malay", "nak buat surat domisili di kelurahan biso dak", {f"{K}:domisili": 2}),
    ("jambi-malay", "berobat gratis dak punyo bpjs cakmano", {f"{S}:uhc": 2}),
    ("jambi-malay", "nak minta sktm apo bae yang dibawak", {f"{K}:sktm": 2}),
    ("jambi-malay", "jam berapo puskesmas bukak", {f"{M}:jadwal": 2, f"{M}:contact": 1}),
    ("jambi-malay", "nak daftar bansos cakmano", {f"{S}:dtks": 2}),
    ("jambi-malay", "nak bukak praktek bidan apo syaratnyo", {f"{P}:sip-bidan": 2}),
    ("jambi-malay", "bini dipukul laki nak ngadu kemano", {f"{A}:layanan": 2}),
    ("jambi-malay", "nak bangun rumah izinnyo apo", {f"{P}:pbg": 2}),
    ("jambi-malay", "uwong tuo meninggal nak urus surat kematian cakmano", {f"{D}:akta-mati": 2}),
    # problem
    ("problem", "ktp saya hilang waktu di pasar", {f"{D}:ktp-hilang": 2}),
    ("problem", "kk sobek kena banjir", {f"{D}:kk-hilang": 2}),
    ("problem", "anak sudah 3 bulan belum punya akte", {f"{D}:akta-lahir": 2}),
    ("problem", "lampu jalan mati depan rumah", {f"{K}:pengaduan": 2}),
    ("problem", "ada sarang tawon di plafon rumah", {f"{F}:rescue": 2}),
    ("problem", "cincin nyangkut di jari gak bisa lepas", {f"{F}:rescue": 2}),
    ("problem", "tagihan pbb naik padahal luas tanah salah", {f"{B}:pbb-betul": 2, f"{B}:pbb-keberatan": 1}),
    ("problem", "beli rumah bekas sppt masih nama pemilik lama", {f"{B}:pbb-mutasi": 2, f"{B}:bphtb": 1}),
    ("problem", "rumah baru selesai dibangun belum ada sppt", {f"{B}:pbb-daftar": 2}),
    ("problem", "keluarga miskin tidak pernah dapat bansos", {f"{S}:dtks": 2, f"{K}:sktm": 1}),
    ("problem", "suami suka main tangan sama istri", {f"{A}:layanan": 2}),
    ("problem", "anak dibully teman di sekolah sampai trauma", {f"{A}:layanan": 2}),
    ("problem", "nama di kartu keluarga salah ketik", {f"{D}:kk-ubah": 2}),
    ("problem", "pindahan dari palembang belum ganti ktp", {f"{D}:datang": 2}),
    ("problem", "jalan gang berlubang mau lapor kemana", {f"{K}:pengaduan": 2}),
    ("problem", "ayah ketua rt meninggal klaim santunan", {f"{S}:santunan": 2, f"{D}:akta-mati": 1}),
    # app
    ("app", "download aplikasi ikd", {f"{D}:ikd": 2}),
    ("app", "si merah koja", {f"{F}:smk": 2, f"{F}:pemadaman": 1}),
    ("app", "lapor lewat sikesal", {f"{K}:pengaduan": 2}),
    ("app", "oss rba", {f"{P}:nib": 2}),
    ("app", "simbg", {f"{P}:pbg": 2, f"{P}:slf": 1}),
    ("app", "cek tagihan pbb online pakai nop", {f"{B}:pbb-cek": 2}),
    ("app", "bayar pbb pakai qris", {f"{B}:pbb-bayar": 2}),
    ("app", "siks-ng usulan bansos", {f"{S}:dtks": 2}),
    ("app", "kartu bahagia buat berobat", {f"{S}:uhc": 2}),
    ("app", "pita molin", {f"{A}:layanan": 2}),
    ("app", "ktp digital di hp", {f"{D}:ikd": 2}),
    ("app", "call center 112 kebakaran", {f"{F}:pemadaman": 2, f"{F}:smk": 1}),
    ("app", "aplikasi lapor kebakaran", {f"{F}:smk": 2, f"{F}:pemadaman": 1}),
    ("app", "daftar nib online lewat hp", {f"{P}:nib": 2}),
    ("app", "aplikasi pengaduan lampu jalan kota jambi", {f"{K}:pengaduan": 2}),
]

QID_PREFIX = {"formal": "fo", "colloquial": "co", "abbreviation": "ab", "typo": "ty", "old-term": "ot",
              "english": "en", "jambi-malay": "jm", "problem": "pr", "app": "ap"}


def judgment_rows(sites: list[Site]) -> list[str]:
    urls = {f"{s.name}:{k}": u for s in sites for k, u in s.urls.items()}
    seen: dict[str, int] = {}
    rows = ["qid\tcategory\tquery\trelevant"]
    queries = set()
    for category, query, grades in QUERIES:
        if query in queries:
            raise ValueError(f"query written twice: {query}")
        queries.add(query)
        seen[category] = seen.get(category, 0) + 1
        missing = [k for k in grades if k not in urls]
        if missing:
            raise ValueError(f"{query!r} judges pages no site wrote: {missing}")
        rel = " ".join(f"{urls[k]}={g}" for k, g in grades.items())
        rows.append(f"h2{QID_PREFIX[category]}{seen[category]:02d}\t{category}\t{query}\t{rel}")
    return rows


# ------------------------------------------------------------------------------ main

def write(out: Path, sites: list[Site]) -> None:
    site_root = out / "sites"
    if site_root.exists():
        shutil.rmtree(site_root)
    for s in sites:
        for rel, data in s.files.items():
            path = site_root / s.name / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if s.routes:
            (site_root / s.name / "_routes.json").write_text(
                json.dumps(dict(sorted(s.routes.items())), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (site_root / s.name / "robots.txt").write_text("User-agent: *\nDisallow: /wp-admin/\nDisallow: /admin/\n", encoding="utf-8")
    manifest = {"base_port": BASE_PORT,
                "sites": [{"name": s.name, "opd": s.opd, "port_offset": s.offset, "family": s.family} for s in sites]}
    (site_root / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "queries.tsv").write_text("\n".join(judgment_rows(sites)) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the second held-out Kota Jambi web.")
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="folder with services.jsonl")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write (default eval/heldout2)")
    args = parser.parse_args(argv)
    try:
        facts = load_facts(args.data)
    except (OSError, ValueError) as exc:
        print(f"cannot read the facts: {exc}", file=sys.stderr)
        return 2
    sites = [build(facts) for build in BUILDERS]
    write(args.out, sites)
    pages = sum(len(s.files) for s in sites)
    print(f"{len(sites)} sites, {pages} files, {len(QUERIES)} judged queries -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
