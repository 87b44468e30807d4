"""Joomla as kelurahan and puskesmas sites really run it (issue #11, session 16).

Two sample sites of CMS variants the tuning web lacked:

* Kelurahan Payo Lebar, Joomla 3 with K2 and SEF URLs off: every item is reachable at
  ``index.php?option=com_k2&view=item&id=N:slug`` with the Layanan menu's ``Itemid``, the
  home list's, none (related items) and as its print view, each copy drawn under its own
  menu item; the facts are K2 extra fields; no canonical link.
* Puskesmas Olak Kemang, Joomla 4 with Helix Ultimate and SP Page Builder: the Layanan page
  is one accordion of services (``sppb-panel-heading``/``sppb-panel-body``), reachable at
  ``/layanan`` and at ``index.php?option=com_sppagebuilder&view=page&id=3&Itemid=103``; three
  services also have an article with their Standar Pelayanan as a PDF.

What went wrong before: the K2 site kept each service at whichever spelling had the fewest
parameters (no ``Itemid``, or the home list's), not the one its Layanan menu lists; its news
items were read as lists (the print and e-mail icons counted as entries) and never dated
(the date stands above the headline); the accordion's services were stored twice (the page's
copy at the non-SEF URL left the index, its panels did not); the Layanan page was titled
"Persyaratan", its first bold label.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from crawler.extract.html import extract_page, link_items
from crawler.run import crawl
from crawler.twins import query_twins
from sikoja.config import load_settings
from sikoja.demo.server import SITES_ROOT, load_manifest, render_sources, serve_sample_sites
from sikoja.sources import load_sources
from sikoja.store import DocumentStore
from tests.samplecrawl import crawl_sites

SITES = ("kel-payolebar", "pkm-olakkemang")
K2_ITEM = "/index.php?option=com_k2&view=item&id={id}:{slug}"
K2_SERVICES = {12: "surat-keterangan-domisili", 13: "surat-keterangan-tidak-mampu",
               14: "surat-keterangan-usaha", 15: "pengantar-perubahan-kartu-keluarga",
               16: "surat-keterangan-kematian", 17: "usulan-dtks-bansos",
               18: "surat-pengantar-skck", 19: "surat-pengantar-nikah"}
BUILDER = "/index.php?option=com_sppagebuilder&view=page&id=3&Itemid=103"


def page(site: str, file: str, url: str):
    return extract_page((SITES_ROOT / site / file).read_text(encoding="utf-8"), url)


def test_the_copy_drawn_under_its_section_is_kept_and_a_pages_panels_go_with_it():
    base = "http://a.go.id/index.php?option=com_k2&view=item&id=12:sktm"
    pages = {base: "sktm", base + "&Itemid=101": "sktm", base + "&Itemid=115": "sktm",
             "http://a.go.id/layanan": "list", "http://a.go.id/layanan#p1": "p1",
             "http://a.go.id/index.php?id=3": "list", "http://a.go.id/index.php?id=3#p1": "p1b",
             "http://a.go.id/index.php?id=3#p2": "p2"}
    trails = {base: 2, base + "&Itemid=101": 2, base + "&Itemid=115": 3}
    # the home list's copy is linked from every page's module: the section's copy still wins
    inlinks = Counter({base + "&Itemid=101": 30})
    assert query_twins(pages, inlinks, trails=trails) == {
        base: base + "&Itemid=115", base + "&Itemid=101": base + "&Itemid=115",
        "http://a.go.id/index.php?id=3": "http://a.go.id/layanan",
        "http://a.go.id/index.php?id=3#p1": "http://a.go.id/layanan#p1",
        # a panel the kept page lacks goes for the kept page, which holds it
        "http://a.go.id/index.php?id=3#p2": "http://a.go.id/layanan"}
    # without trails, fewest parameters as before
    assert query_twins(pages)[base + "&Itemid=115"] == base
    # the copy of the page left as it came (not live any more): its panel still goes
    alone = {"http://a.go.id/layanan": "list", "http://a.go.id/layanan#p1": "p1",
             "http://a.go.id/index.php?id=3#p1": "p1", "http://a.go.id/index.php?id=3#p2": "p2"}
    assert query_twins(alone) == {
        "http://a.go.id/index.php?id=3#p1": "http://a.go.id/layanan#p1"}


def test_an_accordion_of_services_is_titled_by_the_page_not_its_first_item_or_label():
    layanan = page("pkm-olakkemang", "layanan.html", "http://127.0.0.1:8813/layanan")
    assert layanan.title == "Layanan"
    assert len(layanan.panels) == 6
    assert [p.title for p in layanan.panels][:2] == [
        "Pemeriksaan Umum dan Rujukan Peserta BPJS", "Pemeriksaan Ibu Hamil dan Pelayanan KB"]


def test_a_k2_item_is_dated_above_its_headline_and_its_icons_are_no_list():
    url = "http://127.0.0.1:8812" + K2_ITEM.format(id=31, slug="posyandu-balita-rt-12") \
        + "&Itemid=116"
    item = page("kel-payolebar", "item/31.html", url)
    assert item.title == "Posyandu Balita di RT 12 Dipadati Ibu dan Anak"
    assert item.meta["dateline"] == "2024-04-16"
    # the print and e-mail icons (rel=nofollow) are not entries; the author and category
    # links alone make no list either
    assert link_items(item.main, url).count == 0


TODAY = ("<html><head><title>{title} - Kel X</title></head><body><div id=\"menu\">"
         "<a href=\"/\">Beranda</a> <a href=\"/profil\">Profil</a></div><div id=\"content\">"
         "<div class=\"tanggal\">Senin, 7 Desember 2026</div><h1>{title}</h1>{body}</div>"
         "</body></html>")
PROSE = ("<p>Kader PKK dan petugas puskesmas melayani warga lanjut usia dengan pemeriksaan "
         "tekanan darah dan gula darah sejak pagi hingga siang hari.</p>")


def test_a_date_above_the_headline_is_only_the_header_blocks_and_after_the_one_below():
    # a "today" widget above the content block dates neither a profile nor a post
    profile = extract_page(TODAY.format(title="Visi dan Misi", body=PROSE), "http://x.go.id/visi")
    assert profile.meta.get("dateline") is None
    post = extract_page(TODAY.format(title="Posyandu Lansia RT 05",
                                     body="<p>Diposting 3 Maret 2024</p>" + PROSE),
                        "http://x.go.id/posyandu-lansia")
    assert post.meta["dateline"] == "2024-03-03"


def test_a_list_of_outside_services_marked_nofollow_is_still_a_list():
    links = [("https://lapor.go.id/", "SP4N LAPOR Layanan Aspirasi dan Pengaduan"),
             ("https://oss.go.id/", "OSS Perizinan Berusaha Berbasis Risiko"),
             ("https://sippn.menpan.go.id/", "SIPPN Sistem Informasi Pelayanan Publik"),
             ("/layanan/ktp-el", "Persyaratan Perekaman KTP Elektronik"),
             ("/layanan/kk", "Persyaratan Penerbitan Kartu Keluarga")]
    items = "".join(f'<li><a href="{u}" rel="nofollow noopener">{t}</a></li>' for u, t in links)
    url = "http://x.go.id/layanan-online"
    online = extract_page(f"<html><head><title>Layanan Online</title></head><body><nav>"
                          f'<a href="/">Beranda</a></nav><div class="content"><h1>Layanan '
                          f"Online</h1><p>Layanan yang dapat diakses secara daring:</p><ul>"
                          f"{items}</ul></div></body></html>", url)
    assert link_items(online.main, url).count == len(links)
    # the icons of an article's toolbar are no entries, whatever their URLs
    icons = "".join(f'<li><a href="/{u}/31" rel="nofollow">{t}</a></li>' for u, t in [
        ("cetak", "Cetak artikel ini sekarang juga"), ("kirim", "Kirim artikel ini lewat surel")])
    article = extract_page(f"<html><head><title>Rapat RT</title></head><body><div><h1>Rapat "
                           f'RT</h1><div class="itemToolbar"><ul>{icons}</ul></div>'
                           f"{PROSE}</div></body></html>", "http://x.go.id/berita/31")
    assert link_items(article.main, "http://x.go.id/berita/31").count == 0


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return crawl_sites(tmp_path_factory.mktemp("jml16"), SITES)


@pytest.mark.slow  # crawls served sites
def test_each_k2_service_is_stored_once_under_its_menu_with_its_extra_fields(sample):
    docs = sample[0]["kel-payolebar"]
    services = {p: d for p, d in docs.items() if d.kind == "service"}
    assert set(services) == {K2_ITEM.format(id=n, slug=s) + "&Itemid=115"
                             for n, s in K2_SERVICES.items()}
    sku = services[K2_ITEM.format(id=14, slug="surat-keterangan-usaha") + "&Itemid=115"]
    assert sku.title == "Surat Keterangan Usaha (SKU)"
    assert sku.fields["requirements"][0] == "Surat pengantar RT dan RW"
    assert sku.fields["cost"] == "Tidak dipungut biaya"
    assert sku.fields["duration"] == "2 hari kerja"
    assert all(d.fields.get("requirements") and d.fields.get("cost")
               for d in services.values())
    # no print view, e-mail form or other menu's copy is left beside them
    assert not [p for p in docs if "print=1" in p or "com_mailto" in p]
    titles = Counter(d.title for d in docs.values() if d.kind in ("service", "news"))
    assert max(titles.values()) == 1, titles
    # the label and its value are two lines of the text, not "Biaya:Tidak dipungut biaya"
    assert "Biaya:\nTidak dipungut biaya" in sku.text
    news = [d for d in docs.values() if d.kind == "news"]
    assert len(news) == 4 and all(d.last_modified for d in news)


@pytest.mark.slow  # crawls served sites
def test_each_accordion_service_is_stored_once_and_the_page_is_titled_layanan(sample):
    docs = sample[0]["pkm-olakkemang"]
    assert not [p for p in docs if p.startswith(BUILDER)]
    layanan = docs["/layanan"]
    assert (layanan.title, layanan.fields.get("listing")) == ("Layanan", True)
    panels = {p: d for p, d in docs.items() if p.startswith("/layanan#")}
    assert len(panels) == 6 and all(d.kind == "service" for d in panels.values())
    imunisasi = next(d for d in panels.values()
                     if d.title == "Imunisasi Dasar Lengkap Bayi dan Balita")
    assert imunisasi.fields["requirements"][0] == "Buku KIA (buku pink) anak"
    assert imunisasi.fields["cost"] == "Gratis"
    # a service's own article takes its facts from the Standar Pelayanan PDF it links
    sks = docs["/standar-pelayanan/36-surat-keterangan-sehat"]
    assert sks.kind == "service"
    assert sks.fields["requirements"][0] == "KTP-el atau KIA"
    assert sks.fields["cost"] == "Rp15.000 sesuai Perda retribusi jasa umum"
    # and nothing the site links is missing
    assert not [r for r in sample[1] if r["source"] in SITES and r["outcome"] == "error"]


@pytest.mark.slow  # crawls a served site twice
def test_the_section_copy_is_kept_whatever_link_is_followed_first(tmp_path):
    """The home page links two items without an ``Itemid`` (fewest parameters, shallowest
    trail) before any menu does: that copy arrives first. The Layanan menu's copy is kept
    all the same, in both crawls, and the retired copies are not written back on the
    second."""
    root = tmp_path / "web"
    shutil.copytree(SITES_ROOT / "kel-payolebar", root / "kel-payolebar")
    entry = next(s for s in load_manifest() if s.name == "kel-payolebar")
    (root / "manifest.json").write_text(json.dumps([{
        "name": entry.name, "opd": entry.opd, "port_offset": 0, "family": entry.family}]))
    index = root / "kel-payolebar" / "index.html"
    first = "".join(f'<li><a href="{K2_ITEM.format(id=n, slug=K2_SERVICES[n])}">{n}</a></li>'
                    for n in (12, 13)).replace("&", "&amp;")
    html = index.read_text(encoding="utf-8")
    body = html.index(">", html.index("<body")) + 1
    index.write_text(html[:body] + f'<div class="moduletable"><h3>Tautan</h3><ul>{first}</ul>'
                     "</div>" + html[body:], encoding="utf-8")
    out = tmp_path / "data"
    out.mkdir()
    wanted = {K2_ITEM.format(id=n, slug=s) + "&Itemid=115" for n, s in K2_SERVICES.items()}
    with serve_sample_sites(0, root=root) as web:
        (out / "sources.yaml").write_text(render_sources(web.urls, web.sites, catalog_site=None),
                                          encoding="utf-8")
        for crawl_id in (1, 2):
            settings = load_settings(out)
            settings.crawl.delay = 0
            assert crawl(load_sources(out / "sources.yaml"), settings, out, timeout=120).ok
            store = DocumentStore.open(out)
            try:
                services = {"/" + r["url"].split("/", 3)[3] for r in store.query(
                    "SELECT url FROM documents WHERE status = 'live' AND kind = 'service'")}
                written = [r["url"] for r in store.query(
                    "SELECT url FROM fetch_log WHERE crawl_id = ? AND outcome = 'ok' "
                    "AND url LIKE '%view=item&%'", (crawl_id,))]
            finally:
                store.close()
            assert services == wanted, crawl_id
            if crawl_id == 2:
                assert written == []  # nothing stored again only to be retired again
