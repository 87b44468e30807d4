"""Script apps over a CMS keep a service in one rich-text field (WordPress's
``content.rendered``, a headless CMS's ``konten``): its sections must be read as a served
page's are, so the record is a service with its requirements, cost and headings."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from crawler.extract.jsonlist import (
    endpoints,
    json_records,
    next_page,
    record_document,
    settle_kinds,
    value_columns,
)
from crawler.extract.jsroutes import route_templates

SITE = "http://127.0.0.1:9000"


def read(payload: object, endpoint: str, routes=()) -> list:
    records = json_records(json.dumps(payload).encode())
    read_as = value_columns(records)
    pairs = [(r, record_document(r, page_url=SITE + "/", endpoint_url=SITE + endpoint,
                                 source="damkar", opd="Dinas Pemadam Kebakaran",
                                 fetched_at="2026-01-01T00:00:00+00:00", routes=routes,
                                 read_as=read_as))
             for r in records]
    return settle_kinds([(r, d) for r, d in pairs if d is not None], read_as)


def wp_page(n: int, slug: str, link: str, title: str, content: str) -> dict:
    """A record of ``/wp-json/wp/v2/pages`` as WordPress answers it."""
    return {"id": n, "date": "2024-02-05T08:30:00", "modified": "2024-02-05T09:02:11",
            "slug": slug, "status": "publish", "type": "page", "link": link,
            "title": {"rendered": title}, "content": {"rendered": content, "protected": False},
            "excerpt": {"rendered": "<p>Ringkasan [&hellip;]</p>", "protected": False},
            "guid": {"rendered": f"{SITE}/?page_id={n}"}, "parent": 12, "menu_order": n}


BLOCKS = ('<p>Petugas berangkat begitu laporan kebakaran diterima.</p>\n'
          '<h2 class="wp-block-heading">Persyaratan</h2>\n'
          '<ol class="wp-block-list"><li>Lokasi kejadian</li></ol>\n'
          '<h2 class="wp-block-heading">Prosedur</h2>\n<ol class="wp-block-list">'
          '<li>Lapor ke Call Center 112</li><li>Petugas diberangkatkan</li></ol>\n'
          '<h2 class="wp-block-heading">Biaya</h2>\n<p>Gratis</p>\n')
CLASSIC = ('<p>Regu penyelamat menangkap ular yang masuk rumah.</p>\n'
           '<p><strong>Persyaratan:</strong><br />\n1. Lokasi &amp; jenis kejadian</p>\n'
           '<p><strong>Prosedur:</strong><br />\n1. Hubungi 112<br />\n2. Regu datang</p>\n'
           '<p><strong>Biaya:</strong> Gratis</p>\n')
TABLE = ('<p>Warga dilatih menjadi relawan pemadam di RT-nya.</p><figure class="wp-block-table">'
         '<table><tbody><tr><td><strong>Persyaratan</strong></td><td>Warga RT setempat</td>'
         '</tr><tr><td><strong>Prosedur</strong></td><td>Rekrutmen<br />Pelatihan</td></tr>'
         '<tr><td><strong>Biaya</strong></td><td>Gratis</td></tr></tbody></table></figure>')


def test_wordpress_rest_pages_read_their_rendered_body_as_a_page():
    pages = [wp_page(20, "pemadaman", f"{SITE}/layanan/pemadaman/",
                     "Pemadaman Kebakaran &#8211; Damkar", BLOCKS),
             wp_page(21, "evakuasi", f"{SITE}/layanan/evakuasi/", "Evakuasi Ular", CLASSIC),
             wp_page(22, "redkar", f"{SITE}/layanan/redkar/", "Relawan REDKAR", TABLE),
             wp_page(30, "profil", f"{SITE}/profil/", "Profil",
                     "<p>Damkar melindungi warga.</p><h2>Visi</h2><p>Kota aman.</p>"
                     "<h2>Sejarah</h2><p>Berdiri sejak masa Kotapraja.</p>")]
    fire, snake, volunteer, profile = read(pages, "/wp-json/wp/v2/pages")
    assert fire.title == "Pemadaman Kebakaran – Damkar"  # the entity WordPress rendered
    assert fire.url == f"{SITE}/layanan/pemadaman/"  # its permalink on the site
    for doc in (fire, snake, volunteer):
        assert doc.kind == "service", doc.title
        assert doc.fields["cost"] == "Gratis"
        assert "kind_confidence" not in doc.fields  # by its sections, not by a guess
    assert fire.fields["procedure"] == ["Lapor ke Call Center 112", "Petugas diberangkatkan"]
    assert fire.headings == ["Persyaratan", "Prosedur", "Biaya"]
    assert snake.fields["requirements"] == ["Lokasi & jenis kejadian"]
    assert snake.fields["procedure"] == ["Hubungi 112", "Regu datang"]
    assert volunteer.fields["procedure"] == ["Rekrutmen", "Pelatihan"]
    # the body's text, one line per block, with no tags; said once, not again as fields
    assert "Regu penyelamat menangkap ular" in snake.text and "<" not in snake.text
    assert snake.text.count("Lokasi & jenis kejadian") == 1
    assert profile.kind == "page" and profile.headings == ["Visi", "Sejarah"]


def test_a_headless_cms_collection_of_services_and_news_in_one_rich_field():
    def row(n, slug, kategori, konten, date):
        return {"id": n, "attributes": {"judul": slug.replace("-", " ").title(), "slug": slug,
                                        "kategori": kategori, "ringkasan": "Ringkas.",
                                        "konten": konten, "publishedAt": f"{date}T01:00:00Z",
                                        "createdAt": "2024-01-01T00:00:00Z"}}
    standard = ("<p>Kartu untuk melamar kerja.</p><h3>Persyaratan</h3><ol><li>KTP-el</li>"
                "<li>Pas foto</li></ol><h3>Jangka Waktu Penyelesaian</h3><p>1 hari kerja</p>"
                "<h3>Biaya/Tarif</h3><p>Gratis</p>")
    bold = ("<p><b>Syarat:</b></p><ul><li>Warga Kota Jambi</li></ul><p><b>Alur:</b></p>"
            "<ul><li>Daftar</li><li>Ikut pelatihan</li></ul>")
    payload = {"data": [row(1, "job-fair-dibuka", "berita",
                            "<p>Pencari kerja membawa kartu AK/I.</p>", "2025-08-12"),
                        row(2, "kartu-pencari-kerja", "layanan", standard, "2024-03-04"),
                        row(3, "pelatihan-kerja", "layanan", bold, "2024-03-04")],
               "meta": {"pagination": {"page": 1, "pageSize": 25, "pageCount": 1, "total": 3}}}
    code = ('to:"berita"===e.attributes.kategori?"/berita/".concat(e.attributes.slug):'
            '"/layanan/".concat(e.attributes.slug)')
    news, card, training = read(payload, "/api/kontens", route_templates(code))
    assert (news.kind, news.url) == ("news", f"{SITE}/berita/job-fair-dibuka")
    assert news.last_modified == "2025-08-12"  # its publication date inside "attributes"
    assert (card.kind, card.url) == ("service", f"{SITE}/layanan/kartu-pencari-kerja")
    assert card.fields["requirements"] == ["KTP-el", "Pas foto"]
    assert card.fields["duration"] == "1 hari kerja"
    assert "Persyaratan" in card.headings
    assert training.kind == "service"
    assert training.fields["procedure"] == ["Daftar", "Ikut pelatihan"]


def test_a_field_the_record_has_a_key_of_is_the_keys():
    record = {"judul": "Izin Reklame", "biaya": "Sesuai Perda 5/2024",
              "isi": "<h3>Persyaratan</h3><ul><li>KTP</li><li>Desain reklame</li></ul>"
                     "<h3>Biaya</h3><p>Lihat tabel</p>"}
    (doc,) = read([record], "/api/layanan")
    assert doc.fields["cost"] == "Sesuai Perda 5/2024"
    assert doc.fields["requirements"] == ["KTP", "Desain reklame"]
    assert doc.text.count("Sesuai Perda 5/2024") == 1


def test_a_link_on_another_host_is_not_the_records_page():
    record = wp_page(20, "pemadaman", "https://cms.damkar.example.go.id/layanan/pemadaman/",
                     "Pemadaman Kebakaran", BLOCKS)
    (doc,) = read([record], "/wp-json/wp/v2/pages", [("/layanan/", "slug")])
    assert doc.url == f"{SITE}/layanan/pemadaman"  # where the front end shows it


def test_the_wordpress_rest_api_a_bundle_calls_is_an_endpoint():
    code = ('const wp=et.create({baseURL:"/wp-json/wp/v2"}),api={halaman:()=>wp.get("/pages",'
            '{params:{per_page:50}}),berita:()=>wp.get("/posts",{params:{per_page:6}})};')
    assert endpoints(code, SITE + "/") == [f"{SITE}/wp-json/wp/v2/pages",
                                          f"{SITE}/wp-json/wp/v2/posts"]


def test_a_markdown_or_textarea_body_is_read_by_its_lines():
    markdown = ("Pencari kerja menerima kartu AK/I.\n\n## Persyaratan\n\n1. Fotokopi KTP\n"
                "2. Pas foto 3x4\n\n## Jangka Waktu Penyelesaian\n\n1 hari kerja\n\n"
                "**Biaya:** Gratis\n")
    textarea = ("Warga dilatih keterampilan kerja.\r\nSyarat:\r\n- Warga Kota Jambi\r\n"
                "- Usia 18-45 tahun\r\nBiaya: Gratis")
    card, training = read([{"title": "Kartu Pencari Kerja", "body": markdown},
                           {"judul": "Pelatihan Kerja", "keterangan": textarea}], "/api/konten")
    assert card.kind == "service"
    assert card.fields["requirements"] == ["Fotokopi KTP", "Pas foto 3x4"]
    assert card.fields["duration"] == "1 hari kerja"
    assert card.fields["cost"] == "Gratis"
    assert "Persyaratan" in card.headings and "#" not in card.text and "**" not in card.text
    assert training.kind == "service"
    assert training.fields["requirements"] == ["Warga Kota Jambi", "Usia 18-45 tahun"]


def test_the_next_page_of_a_wordpress_or_strapi_list():
    wp = f"{SITE}/wp-json/wp/v2/pages"
    link = (f'<{SITE}/wp-json/wp/v2/pages?page=1>; rel="prev", '
            f'<{SITE}/wp-json/wp/v2/pages?page=3>; rel="next"')
    assert next_page(b"[]", wp + "?page=2", link) == f"{SITE}/wp-json/wp/v2/pages?page=3"
    assert next_page(b"[]", wp, '<https://other.example/x?page=2>; rel="next"') is None

    def strapi(page: int) -> bytes:
        return json.dumps({"data": [{"id": page, "attributes": {"judul": "x"}}], "meta": {
            "pagination": {"page": page, "pageSize": 4, "pageCount": 2, "total": 5}}}).encode()
    api = f"{SITE}/api/kontens?populate=*"
    following = next_page(strapi(1), api)
    assert following is not None and parse_qs(urlsplit(following).query) == {
        "populate": ["*"], "pagination[page]": ["2"]}
    assert next_page(strapi(2), following) is None  # the last page
    # a flag named "page" is no page number: JSON's true is not page 1
    flagged = json.dumps({"data": [{"judul": "x"}], "page": True, "last_page": 3}).encode()
    assert next_page(flagged, f"{SITE}/api/layanan") is None


def test_a_block_editors_tree_is_read_as_the_html_it_renders():
    def text(t):
        return {"type": "text", "text": t}
    strapi = [{"type": "paragraph", "children": [text("Izin praktik bidan.")]},
              {"type": "heading", "level": 3, "children": [text("Persyaratan")]},
              {"type": "list", "format": "ordered", "children": [
                  {"type": "list-item", "children": [text("STR bidan")]},
                  {"type": "list-item", "children": [text("Rekomendasi IBI")]}]},
              {"type": "heading", "level": 3, "children": [text("Biaya")]},
              {"type": "paragraph", "children": [text("Gratis")]}]
    contentful = {"nodeType": "document", "content": [
        {"nodeType": "heading-2", "content": [{"nodeType": "text", "value": "Syarat"}]},
        {"nodeType": "unordered-list", "content": [
            {"nodeType": "list-item", "content": [{"nodeType": "paragraph", "content": [
                {"nodeType": "text", "value": "KTP-el"}]}]}]},
        {"nodeType": "heading-2", "content": [{"nodeType": "text", "value": "Lama Proses"}]},
        {"nodeType": "paragraph", "content": [{"nodeType": "text", "value": "3 hari"}]}]}
    editorjs = json.dumps({"time": 1718000000000, "version": "2.29.1", "blocks": [
        {"id": "a1", "type": "header", "data": {"text": "Persyaratan", "level": 3}},
        {"id": "a2", "type": "list", "data": {"style": "unordered",
                                             "items": ["Pengantar RT", "Fotokopi KK"]}},
        {"id": "a3", "type": "paragraph", "data": {"text": "<b>Biaya:</b> Gratis"}}]})
    bidan, sip, letter = read([{"title": "Izin Bidan", "konten": strapi},
                               {"judul": "Izin Praktik", "body": contentful},
                               {"nama": "Surat Pengantar", "isi": editorjs}], "/api/konten")
    assert bidan.fields["requirements"] == ["STR bidan", "Rekomendasi IBI"]
    assert bidan.fields["cost"] == "Gratis" and "Persyaratan" in bidan.headings
    assert sip.fields["requirements"] == ["KTP-el"] and sip.fields["duration"] == "3 hari"
    assert letter.fields["requirements"] == ["Pengantar RT", "Fotokopi KK"]
    assert letter.fields["cost"] == "Gratis"
    for doc in (bidan, sip, letter):
        assert doc.kind == "service" and "{" not in doc.text and "nodeType" not in doc.text


def test_a_short_description_beside_the_body_is_kept():
    (doc,) = read([{"judul": "Izin Reklame", "deskripsi": "<p>Izin memasang baliho.</p>",
                    "konten": "<h3>Persyaratan</h3><ul><li>KTP</li></ul><h3>Biaya</h3>"
                              "<p>Sesuai Perda</p>"}], "/api/layanan")
    assert doc.text.splitlines()[0] == "Izin memasang baliho."
    assert doc.fields["requirements"] == ["KTP"]


def test_ghost_and_drupal_bodies_are_read_under_their_own_names():
    body = "<h2>Persyaratan</h2><ol><li>KTP-el</li><li>KK</li></ol><h2>Biaya</h2><p>Gratis</p>"
    ghost = {"posts": [{"id": "65f0", "title": "Surat Domisili", "slug": "surat-domisili",
                        "html": body, "url": f"{SITE}/surat-domisili/",
                        "excerpt": "Surat keterangan tempat tinggal."}]}
    drupal = {"data": [{"type": "node--layanan", "id": "7c1e", "attributes": {
        "title": "Surat Pindah", "body": {"value": body, "format": "full_html",
                                          "processed": body, "summary": ""}}}]}
    (post,) = read(ghost, "/ghost/api/content/posts")
    (node,) = read(drupal, "/jsonapi/node/layanan")
    assert post.url == f"{SITE}/surat-domisili/"
    for doc in (post, node):
        assert doc.kind == "service" and doc.fields["requirements"] == ["KTP-el", "KK"]
