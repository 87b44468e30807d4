"""A small kelurahan blog whose posts are mostly services keeps their shared requirements.

Every letter a kelurahan writes asks for the same papers ("Fotokopi KTP", "Fotokopi KK",
"Surat pengantar RT/RW"), and a Blogger or WordPress home page and its label pages show
the posts' bodies: the lines are then on most of the site's pages, its non-service pages
included, like a widget. Taken for template they left every post's text and requirements,
and the posts lost what makes them services (``crawler.boilerplate``). What a citizen must
get: each service post keeps its requirements, the hours box the theme puts beside every
post still goes, and a second crawl of the unchanged blog rewrites nothing.
"""

from __future__ import annotations

import pytest

from crawler.boilerplate import fingerprint, learn_template
from tests.faultserver import Page
from tests.recrawl import crawled_twice

SHARED = ["Fotokopi KTP", "Fotokopi KK", "Surat pengantar RT/RW"]
HOURS = "Jam pelayanan: Senin-Jumat 08.00-15.00 WIB"
# path -> (title, the requirement of its own)
SERVICES = {
    "/2024/03/surat-domisili.html": ("Surat Keterangan Domisili", "Bukti sewa rumah"),
    "/2024/03/surat-usaha.html": ("Surat Keterangan Usaha", "Foto tempat usaha"),
    "/2024/04/sktm.html": ("Surat Keterangan Tidak Mampu", "Surat pernyataan tidak mampu"),
    "/2024/04/pengantar-nikah.html": ("Surat Pengantar Nikah", "Pas foto 3x4 latar biru"),
    "/2024/05/ahli-waris.html": ("Surat Keterangan Ahli Waris", "Akta kematian pewaris"),
}
NEWS = {
    "/2024/05/gotong-royong.html": ("Gotong Royong Bersihkan Parit",
                                    "Warga RT 09 membersihkan parit menjelang musim hujan."),
    "/2024/06/posyandu.html": ("Posyandu Balita Timbang 64 Anak",
                               "Kader posyandu menimbang 64 balita dan memberi vitamin A."),
}

SERVICE_PATHS = list(SERVICES)
LABELS = {"Surat Keterangan": [p for p in SERVICE_PATHS if "surat-" in p or "sktm" in p
                               or "waris" in p],
          "Kependudukan": SERVICE_PATHS[:2] + SERVICE_PATHS[3:],
          "Pelayanan": SERVICE_PATHS[1:]}


def service_body(title: str, own: str) -> str:
    items = "".join(f"<li>{item}</li>" for item in [*SHARED, own])
    return (f"<p>Untuk mengurus {title} di Kantor Lurah Uji, warga membawa berkas berikut."
            f"</p><p><b>Persyaratan:</b></p><ul>{items}</ul><p><b>Biaya:</b> Gratis</p>")


def post(path: str) -> str:
    if path in SERVICES:
        title, own = SERVICES[path]
        body = service_body(title, own)
    else:
        title, text = NEWS[path]
        body = f"<p>{text}</p>"
    return f"<div class='post'><h3><a href='{path}'>{title}</a></h3>{body}</div>"


def page(title: str, posts: str) -> bytes:
    """Blogger's classic layout: the hours line inside the content column, under the
    posts."""
    return (f"<html><head><title>{title} - Kelurahan Uji</title></head><body>"
            "<div id='menu'><a href='/'>Beranda</a> <a href='/search/label/Layanan'>Layanan"
            "</a> <a href='/search/label/Berita'>Berita</a>" + "".join(
                f" <a href='/search/label/{label}'>{label}</a>" for label in LABELS)
            + "</div><div class='content'>"
            f"{posts}<p>{HOURS}</p>"
            "</div></body></html>").encode()


def blog() -> dict[str, Page]:
    pages = {}
    for path in {**SERVICES, **NEWS}:
        title = {**SERVICES, **NEWS}[path][0]
        pages[path] = Page(page(title, f"<h1>{title}</h1>" + post(path)[len("<div class='post'>"
                                                                             ):-len("</div>")]))
    # the home and label pages show the posts' bodies
    pages["/"] = Page(page("Kelurahan Uji", "".join(post(p) for p in [*SERVICES, *NEWS])))
    pages["/search/label/Layanan"] = Page(page("Layanan", "".join(post(p) for p in SERVICES)))
    pages["/search/label/Berita"] = Page(page("Berita", "".join(post(p) for p in NEWS)))
    # ...and so do the other labels a post is filed under
    for label, posts in LABELS.items():
        pages[f"/search/label/{label}"] = Page(page(label, "".join(post(p) for p in posts)))
    return pages


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("sharedrequirements")
    with crawled_twice(blog(), "kel-uji-blog", data_dir) as run:
        yield run


def test_a_line_the_digest_pages_repeat_is_not_template():
    """Unit form: the shared requirement is on every service post and on the home and
    label pages that show them; the hours line is on every page."""
    req, hours = fingerprint("Fotokopi KTP"), fingerprint(HOURS)
    posts = [[req, hours, 100 + n, 200 + n] for n in range(5)]  # title, own requirement
    news = [[hours, 300 + n, 400 + n] for n in range(2)]
    pages = [("service", lines) for lines in posts] + [("page", lines) for lines in news]
    pages += [("page", sorted({line for lines in shown for line in lines}))
              for shown in (posts, posts[:3], posts[2:], posts[1:4], news)]  # home, labels
    assert learn_template(pages) == frozenset({hours})
    # the same lines on pages that show nothing of the others are template
    pages[-5:] = [("page", [req, hours, 500 + n]) for n in range(5)]
    assert learn_template(pages) == frozenset({req, hours})


@pytest.mark.slow  # two crawls of a served blog
def test_service_posts_keep_the_requirements_every_letter_asks_for(crawled):
    site, first, _, _ = crawled
    got = {path: first[site.url(path)] for path in SERVICES}
    assert {p: d.kind for p, d in got.items()} == dict.fromkeys(SERVICES, "service")
    for path, doc in got.items():
        assert doc.fields["requirements"] == [*SHARED, SERVICES[path][1]], (path, doc.fields)
        assert doc.fields["cost"] == "Gratis", (path, doc.fields)
        assert all(line in doc.text for line in SHARED), (path, doc.text)
        # the theme's hours box beside every post is still template
        assert HOURS not in doc.text, (path, doc.text)
    for path in NEWS:
        assert HOURS not in first[site.url(path)].text


@pytest.mark.slow
def test_a_second_crawl_of_the_unchanged_blog_rewrites_nothing(crawled):
    _, _, before, after = crawled
    assert after == before
