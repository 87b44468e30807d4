"""Session 23's script-drawn apps (issue #11): a page with text of its own whose Vue 2 app
(from a CDN, over an in-DOM template) draws its services from a Laravel resource and shows
each in a modal filled from its detail by id, with no route per record
(``spa23-disparbud``), and a Create React App whose records keep their standard's
components as ``{komponen, uraian}`` pairs (``spa23-kesbangpol``). Each service record is
stored as a service with its facts; the news, agenda and contact records of the same APIs
are not services."""

from __future__ import annotations

import re

import pytest

from crawler.extract.jsonlist import record_document, shell_scripts
from tests.samplecrawl import crawl_sites, indexed

PAGE = "https://disparbud.jambikota.go.id/"
WELCOME = ("<header><h1>Sistem Informasi Pelayanan Pariwisata dan Kebudayaan</h1><p>Selamat "
           "datang di portal layanan Dinas Pariwisata dan Kebudayaan Kota Jambi. Temukan "
           "persyaratan, alur, tarif dan waktu penyelesaian setiap layanan kami, ikuti berita "
           "dan agenda kebudayaan, dan sampaikan pengaduan bila pelayanan di destinasi wisata "
           "tidak sesuai standar yang kami umumkan kepada masyarakat.</p></header>")
APP = """<script>
new Vue({el: '#app', data: {layanan: [], detail: null},
  mounted: function () { var vm = this;
    axios.get('api/layanan', {params: {page: 1}})
      .then(function (r) { vm.layanan = r.data.data; }); },
  methods: {lihat: function (item) { var vm = this;
    axios.get('api/layanan/' + item.id).then(function (r) { vm.detail = r.data.data; }); }}});
</script>"""
TEMPLATE = """<div id="app"><div class="card" v-for="item in layanan" :key="item.id">
<h5>{{ item.judul }}</h5><p>{{ item.ringkasan }}</p>
<button @click="lihat(item)">Detail</button></div>
<div class="modal" v-if="detail"><h5>{{ detail.judul }}</h5>
<p><b>Tarif:</b> {{ detail.tarif }}</p>
<p><b>Waktu Proses:</b> {{ detail.waktu_proses }}</p></div></div>"""


def _text(markup: str) -> str:
    """The page's text as the crawler reads it: an in-DOM template's interpolations
    unrendered."""
    return re.sub(r"<[^>]+>", " ", markup)


def test_a_page_whose_text_is_its_apps_template_is_read_from_the_data_it_loads():
    html = f"<html><body>{WELCOME}{TEMPLATE}{APP}</body></html>"
    text = _text(WELCOME + TEMPLATE)
    assert len(text.split()) > 60  # not a shell: the page says something of its own
    scripts = shell_scripts(html, PAGE, text)
    assert not scripts.shell and scripts.templated
    assert scripts.endpoints == [PAGE + "api/layanan"]
    # the modal's detail URL, built in the page's own inline code, completes each record
    assert ("api/layanan/", "id", "") in scripts.details


def test_a_server_rendered_list_with_a_script_is_no_template():
    rendered = ('<div id="app"><div class="card"><h5>Izin Pengambilan Gambar</h5>'
                "<p>Izin bagi rumah produksi, biro foto dan pembuat iklan.</p></div>"
                '<div class="card"><h5>Pemakaian Gedung Kesenian</h5>'
                "<p>Peminjaman gedung untuk latihan sanggar dan pentas seni.</p></div></div>")
    html = f"<html><body>{WELCOME}{rendered}{APP}</body></html>"
    text = _text(WELCOME + rendered)
    assert len(text.split()) > 60
    scripts = shell_scripts(html, PAGE, text)
    assert not scripts.templated and scripts.endpoints == []


def test_a_requirements_note_on_a_many_to_many_join_is_kept_with_it():
    record = {"id": 5, "judul": "Kartu Tanda Pengenal Pramuwisata",
              "persyaratan": [
                  {"id": 100, "nama": "Fotokopi KTP-el",
                   "pivot": {"layanan_id": 5, "persyaratan_id": 100,
                             "keterangan": "domisili Kota Jambi"}},
                  {"id": 101, "nama": "Pas foto berwarna 3x4",
                   "pivot": {"layanan_id": 5, "persyaratan_id": 101, "keterangan": None}}],
              "alur": "<ol><li>Isi formulir</li><li>Serahkan berkas</li></ol>",
              "tarif": 0, "waktu_proses": "3 hari kerja"}
    doc = record_document(record, page_url=PAGE, endpoint_url=PAGE + "api/layanan/5",
                          source="s", opd="o", fetched_at="2025-01-01T00:00:00Z")
    assert doc is not None and doc.kind == "service"
    assert doc.fields["requirements"] == ["Fotokopi KTP-el (domisili Kota Jambi)",
                                          "Pas foto berwarna 3x4"]
    assert doc.fields["cost"] == "Gratis" and doc.fields["duration"] == "3 hari kerja"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("spa23")
    return (*crawl_sites(out, ("spa23-disparbud", "spa23-kesbangpol")), out)


@pytest.mark.slow  # crawls two served sites
def test_every_service_record_is_a_service_with_its_facts_and_nothing_else_is(sample):
    docs = sample[0]
    wisata = docs["spa23-disparbud"]
    services = {p for p, d in wisata.items() if d.kind == "service"}
    assert len(services) == 10 and all(p.startswith("/#") for p in services)
    photo = wisata["/#izin-pengambilan-foto-video-komersial-destinasi-wisata"]
    assert photo.fields["cost"] == "Rp. 250.000,- / hari"
    assert photo.fields["procedure"][2] == "Bayar retribusi di Bank Jambi"
    guide = wisata["/#kartu-tanda-pengenal-pramuwisata"]
    assert guide.fields["cost"] == "Gratis"  # "tarif": 0
    assert "Pas foto berwarna 3x4 (2 lembar)" in guide.fields["requirements"]
    # the page is the list of its records, not a service read from its template's labels
    assert wisata["/"].kind == "page" and wisata["/"].fields.get("listing")
    # ...still giving the office's contact its footer says
    assert wisata["/"].fields["contact"]["address"].startswith("Jl. Jenderal Basuki Rahmat")
    for path in ("/#festival-danau-sipin-2025-dibuka-wali-kota", "/#kalender-event-pariwisata-2025",
                 "/#pekan-budaya-melayu-jambi"):
        assert wisata[path].kind != "service"
    politik = docs["spa23-kesbangpol"]
    services = {p for p, d in politik.items() if d.kind == "service"}
    assert len(services) == 10 and all(p.startswith("/layanan/") for p in services)
    skt = politik["/layanan/surat-keterangan-terdaftar-ormas"]
    assert "AD/ART organisasi" in skt.fields["requirements"]
    assert skt.fields["duration"] == "15 hari kerja sejak berkas lengkap"
    assert politik["/layanan/kontak-dan-jam-pelayanan"].kind != "service"


@pytest.mark.slow  # crawls and indexes two served sites
def test_a_citizen_finds_the_modal_record_first(sample):
    with indexed(sample[2]) as searcher:
        top = searcher.search("izin foto prewedding komersial di danau sipin").results[0]
        assert top.url.endswith("/#izin-pengambilan-foto-video-komersial-destinasi-wisata")
        assert top.kind == "service"
        top = searcher.search("syarat skt ormas").results[0]
        assert top.url.endswith("/layanan/surat-keterangan-terdaftar-ormas")


def _document(record: dict) -> object:
    return record_document(record, page_url=PAGE, endpoint_url=PAGE + "api/v1/services",
                           source="s", opd="o", fetched_at="2025-01-01T00:00:00Z")


def test_english_plural_keys_state_a_service_and_a_post_of_the_same_api_does_not():
    service = _document({"id": 7, "service_name": "Research Permit Recommendation",
                         "procedures": ["Submit the letter from your university",
                                        "Collect the recommendation"],
                         "fees": 0, "processing_time": "3 working days"})
    assert service.kind == "service"
    assert service.fields["procedure"][0] == "Submit the letter from your university"
    assert service.fields["cost"] == "Gratis"
    assert service.fields["duration"] == "3 working days"
    post = _document({"id": 8, "title": "Festival Danau Sipin 2025 opens",
                      "content": "<p>The mayor opened the festival on Saturday.</p>",
                      "published_at": "2025-06-14"})
    assert post.kind != "service" and not post.fields.get("cost")


def test_opening_hours_are_no_name_of_a_service():
    doc = _document({"jam_layanan": "Senin-Jumat 08.00-15.00 WIB",
                     "judul_layanan": "Pemakaian Gedung Kesenian",
                     "syarat": ["Surat permohonan", "Fotokopi KTP"], "tarif": 500000})
    assert doc.title == "Pemakaian Gedung Kesenian" and doc.kind == "service"


@pytest.mark.parametrize("typed", ["Rp. 0,-", "Rp 0", "IDR 0.00"])
def test_zero_rupiah_typed_as_text_is_free(typed):
    doc = _document({"nama_layanan": "Rekomendasi KKN", "biaya": typed,
                     "syarat": ["Surat pengantar kampus", "Daftar peserta"]})
    assert doc.fields["cost"] == "Gratis"
    priced = _document({"nama_layanan": "Sewa Gedung", "biaya": "Rp. 500.000,-",
                        "syarat": ["Surat permohonan", "Fotokopi KTP"]})
    assert priced.fields["cost"] == "Rp. 500.000,-"


def test_an_alpine_list_loaded_when_its_template_is_set_up_is_read():
    alpine = """<div x-data="{ layanan: [] }"
      x-init="fetch('/api/layanan?per_page=50')
        .then(r => r.json()).then(d => layanan = d.data)">
    <template x-for="l in layanan" :key="l.id"><div class="card">
      <h5 x-text="l.nama_layanan"></h5><p x-text="l.ringkasan"></p></div></template></div>"""
    html = f"<html><body>{WELCOME}{alpine}<p>Alamat kantor dan jam layanan tertera di bawah, " \
           "Senin sampai Jumat pukul delapan pagi hingga tiga sore.</p></body></html>"
    text = _text(WELCOME + "<p>Alamat kantor dan jam layanan tertera di bawah, Senin sampai "
                 "Jumat pukul delapan pagi hingga tiga sore.</p>")
    assert len(text.split()) > 60
    scripts = shell_scripts(html, PAGE, text)
    assert scripts.templated
    assert scripts.endpoints == [PAGE + "api/layanan?per_page=50"]


def test_a_complaints_processing_status_is_no_duration():
    doc = _document({"id": 9, "title": "Pengaduan jalan rusak di Jl. Sumantri Brojonegoro",
                     "content": "<p>Warga melaporkan jalan berlubang di depan pasar.</p>",
                     "processing": "Sedang ditindaklanjuti oleh dinas terkait",
                     "created_at": "2025-01-02"})
    assert doc.kind != "service" and "duration" not in doc.fields
    timed = _document({"id": 3, "service_name": "Crowd Event Permit",
                       "processingTime": "3 working days",
                       "requirements": ["ID card", "Application letter"]})
    assert timed.fields["duration"] == "3 working days"


def test_a_long_inline_script_of_comparisons_is_judged_at_once():
    import time

    loop = "for(i=0;i<n;i++){if(a[i]<b&&c<d){x+=a[i]}}" * 8000  # 340 kB without a ">"
    html = (f"<html><body>{WELCOME}{TEMPLATE}<script>{loop}\naxios.get('api/layanan')"
            "</script></body></html>")
    started = time.monotonic()
    scripts = shell_scripts(html, PAGE, _text(WELCOME + TEMPLATE))
    assert time.monotonic() - started < 5  # one pattern from every "<" took minutes
    assert scripts.templated and scripts.endpoints == [PAGE + "api/layanan"]


# a WordPress page of a service, rendered by its server, whose Vue widget lists the news
# (its template in the article's text); and a template page whose API answers nothing
SERVICE_PAGE = """<!DOCTYPE html><html><head><title>Izin Usaha Pariwisata</title></head><body>
<article><h1>Izin Usaha Pariwisata</h1>
<p>Tanda Daftar Usaha Pariwisata diberikan kepada pengusaha hotel, restoran dan biro perjalanan
wisata yang beroperasi di Kota Jambi.</p>
<h2>Persyaratan</h2><ul><li>Fotokopi KTP pemilik usaha</li><li>Akta pendirian badan usaha</li>
<li>Surat keterangan domisili usaha</li></ul>
<h2>Prosedur</h2><ol><li>Ajukan permohonan melalui loket DPMPTSP</li>
<li>Verifikasi berkas oleh petugas</li><li>Penerbitan tanda daftar usaha</li></ol>
<h2>Biaya</h2><p>Gratis, tidak dipungut biaya</p>
<h2>Waktu Penyelesaian</h2><p>5 hari kerja sejak berkas lengkap</p>
<div id="berita"><h3>Berita Terbaru</h3><ul><li v-for="b in berita" :key="b.id">
<a :href="'#' + b.slug">{{ b.judul }}</a> <small>{{ b.tanggal }}</small></li></ul></div>
</article>
<script src="https://cdn.jsdelivr.net/npm/vue@2/dist/vue.min.js"></script>
<script>new Vue({el: '#berita', data: {berita: []}, mounted: function () { var vm = this;
  axios.get('api/berita').then(function (r) { vm.berita = r.data.data; }); }});</script>
</body></html>"""
NEWS = {"data": [
    {"id": 1, "judul": "Festival Danau Sipin 2025 dibuka Wali Kota", "slug": "festival-danau-sipin",
     "isi": "<p>Wali Kota membuka festival pada hari Sabtu di tepi danau.</p>",
     "tanggal": "2025-06-14"},
    {"id": 2, "judul": "Pekan Budaya Melayu Jambi digelar", "slug": "pekan-budaya",
     "isi": "<p>Pekan budaya digelar selama seminggu di taman budaya.</p>",
     "tanggal": "2025-07-01"}]}


@pytest.mark.slow  # crawls two served sites
def test_a_server_rendered_page_keeps_its_own_text_beside_an_apps_template(tmp_path):
    import json

    web = tmp_path / "web"
    site = web / "wpvue"
    (site / "_data").mkdir(parents=True)
    (site / "index.html").write_text(SERVICE_PAGE, encoding="utf-8")
    (site / "_data" / "berita.json").write_text(json.dumps(NEWS), encoding="utf-8")
    (site / "_routes.json").write_text(json.dumps(
        {"/": "index.html", "/api/berita": "_data/berita.json"}), encoding="utf-8")
    lost = web / "tplnone"  # its app's API answers 404: nothing of its own is lost
    lost.mkdir()
    (lost / "index.html").write_text(
        f"<html><head><title>Layanan Pariwisata</title></head><body>{WELCOME}{TEMPLATE}{APP}"
        "</body></html>", encoding="utf-8")
    (lost / "_routes.json").write_text(json.dumps({"/": "index.html"}), encoding="utf-8")
    (web / "manifest.json").write_text(json.dumps([
        {"name": "wpvue", "opd": "Dinas Pariwisata", "port_offset": 0, "family": "a"},
        {"name": "tplnone", "opd": "Dinas Kebudayaan", "port_offset": 1, "family": "b"}]),
        encoding="utf-8")
    (tmp_path / "out").mkdir()
    docs, _log = crawl_sites(tmp_path / "out", ("wpvue", "tplnone"), root=web)
    page = docs["wpvue"]["/"]
    assert page.kind == "service" and not page.fields.get("listing")
    assert page.fields["requirements"][0] == "Fotokopi KTP pemilik usaha"
    assert page.fields["cost"].startswith("Gratis")
    assert {"/#festival-danau-sipin", "/#pekan-budaya"} <= set(docs["wpvue"])  # read too
    assert "Selamat datang" in docs["tplnone"]["/"].text


def test_a_post_quoting_template_code_is_no_template():
    # a tutorial quoting Vue and Blade code (escaped, as WordPress prints a code block), its
    # comments loaded by an inline script: its own text, not an app's list
    post = ("<article><h1>Belajar Vue untuk Website Dinas</h1><p>Contoh daftar layanan:</p>"
            "<pre><code>&lt;li v-for=\"item in layanan\"&gt;{{ item.judul }}&lt;/li&gt;\n"
            "&lt;p&gt;{{ item.ringkasan }}&lt;/p&gt;</code></pre>"
            "<p>Di Blade tulis @{{ item.judul }} agar Vue yang mengisinya.</p></article>")
    html = (f"<html><body>{WELCOME}{post}<script>fetch('/wp-json/wp/v2/comments?post=12')"
            ".then(r => r.json()).then(show)</script></body></html>")
    text = _text(WELCOME + post)
    assert len(re.findall(r"\{\{", text)) >= 2
    assert not shell_scripts(html, PAGE, text).templated


def test_a_template_page_is_stored_when_its_own_scripts_end_not_the_sites():
    # a shell waits until no script job is left on its site (a record placed at its URL
    # comes first); a template page with text of its own is stored when its own job ends,
    # so another page's job that never settles (or a stopped crawl) does not lose it
    from scrapy.settings import Settings

    from crawler.items import FetchedDocument
    from crawler.spiders.website import WebsiteSpider, _ScriptJob
    from sikoja.documents import Document

    spider = WebsiteSpider({"name": "x", "opd": "y", "kind": "website", "start_urls": [PAGE]})
    spider.settings = Settings({"URLLENGTH_LIMIT": 2083})

    def held(url: str) -> FetchedDocument:
        doc = Document(url=url, source="x", opd="y", kind="page", title="Layanan",
                       text="Selamat datang di portal layanan")
        return FetchedDocument(document=doc, fetched_url=url, status=200, elapsed_ms=None)

    spider.js_jobs[PAGE + "lain"] = _ScriptJob(empty=True, pending=1)  # never settles
    template, shell = held(PAGE), held(PAGE + "shell")
    spider.js_jobs[PAGE] = _ScriptJob(empty=False, held=template, shell=False)
    spider.js_jobs[PAGE + "shell"] = _ScriptJob(empty=False, held=shell)
    assert template in list(spider._settle_js(PAGE))
    assert shell not in list(spider._settle_js(PAGE + "shell"))
    assert spider.judged_shells == [shell]
