"""Pages an old site reaches by script, not by ``<a href>`` (issue #11).

Each form of script navigation an old ASP/PHP site uses must give the crawler the page it
opens (``crawler.extract.scriptnav`` through ``crawler.extract.html.extract_links``): a
clickable row, a button, a ``javascript:`` link, a call of the page's own navigating
function, a jump menu, a GET form of selects. What goes nowhere a crawler should
(``history.back()``, ``window.print()``, ``location.reload()``, a ``mailto:``, a text search
form) gives nothing, and another host's URL is left to the crawl's scope. The end-to-end
test crawls the sample site ``jsnav20-damkar`` (``tools/make_jsnav20_sites.py``), whose
services are reached only by script.
"""

from __future__ import annotations

import pytest

from crawler.extract.html import extract_links, parse_html, tags_in
from crawler.extract.scriptnav import MAX_OPTIONS, MAX_SCRIPT_LINKS
from sikoja.demo.server import SITES_ROOT
from tests.samplecrawl import crawl_sites, indexed

PAGE = "http://opd.example/lama/index.php"


def links(body: str) -> list[tuple[str, str]]:
    html = f"<html><head></head><body>{body}</body></html>"
    return [(link.url, link.text) for link in extract_links(PAGE, tags_in(parse_html(html)))]


def urls(body: str) -> list[str]:
    return [url for url, _ in links(body)]


@pytest.mark.parametrize("handler", [
    "location.href='layanan.php?id=3'",
    "document.location='layanan.php?id=3'",
    "window.location.href = &quot;layanan.php?id=3&quot;;",
    "self.location='layanan.php?id=3'",
    "top.location.replace('layanan.php?id=3')",
    "window.open('layanan.php?id=3','_blank','width=600')",
    "javascript:window.location='layanan.php?id=3'",
])
def test_a_location_assignment_or_window_open_is_followed(handler):
    assert urls(f'<table><tr onclick="{handler}"><td>1</td><td>Rekam KTP-el</td></tr></table>'
                ) == ["http://opd.example/lama/layanan.php?id=3"]
    assert urls(f'<input type="button" value="Buka" onclick="{handler}">') == [
        "http://opd.example/lama/layanan.php?id=3"]


def test_a_row_is_named_by_its_longest_cell_and_a_button_by_its_value():
    assert links('<table><tr onclick="location.href=\'layanan.php?id=3\'"><td>3</td>'
                 '<td>Akta Kelahiran</td><td>Gratis</td></tr></table>') == [
        ("http://opd.example/lama/layanan.php?id=3", "Akta Kelahiran")]
    assert links('<button onclick="window.open(\'files/sp-ktp.pdf\')">Standar Pelayanan KTP'
                 '</button><input type="button" value="Unduh SP KK" '
                 'onclick="window.open(\'files/sp-kk.pdf\')">') == [
        ("http://opd.example/lama/files/sp-ktp.pdf", "Standar Pelayanan KTP"),
        ("http://opd.example/lama/files/sp-kk.pdf", "Unduh SP KK")]


def test_a_function_of_the_page_that_navigates_is_read_from_its_body():
    script = """<script>
    function bukaHalaman(alamat) { document.location.href = alamat; }
    function lihat(id) { window.location = 'detail.php?id=' + id + '&menu=layanan'; }
    var popup = function (url, w, h) { window.open(url, 'sp', 'width=' + w); };
    function tandai(id) { document.getElementById(id).className = 'aktif'; }
    </script>"""
    found = urls(script + """
        <a href="javascript:void(0)" onclick="bukaHalaman('layanan.php')">Layanan</a>
        <a href="#" ondblclick="lihat('7')">Akta Kematian</a>
        <a href="javascript:popup('files/sp/SP-KIA.pdf',600,400)">SP KIA</a>
        <a href="javascript:void(0)" onclick="tandai('menu3')">Menu</a>
        <a href="javascript:void(0)" onclick="tidakAda('halaman.php')">?</a>""")
    assert found == ["http://opd.example/lama/layanan.php",
                     "http://opd.example/lama/detail.php?id=7&menu=layanan",
                     "http://opd.example/lama/files/sp/SP-KIA.pdf"]


def test_jump_menus_give_their_options():
    dreamweaver = """<script>function MM_jumpMenu(targ,selObj,restore){
      eval(targ+".location='"+selObj.options[selObj.selectedIndex].value+"'");
      if (restore) selObj.selectedIndex=0; }</script>
    <form name="form1"><select name="menu1" onchange="MM_jumpMenu('parent',this,0)">
      <option value="#" selected>-- Pilih --</option>
      <option value="layanan.asp?id=1">Pemadaman</option>
      <option value="/layanan.asp?id=2">Evakuasi</option></select></form>"""
    assert links(dreamweaver) == [("http://opd.example/lama/layanan.asp?id=1", "Pemadaman"),
                                  ("http://opd.example/layanan.asp?id=2", "Evakuasi")]
    plain = """<select onchange="location=this.value"><option value="">Pilih</option>
      <option value="detail.php?id=4">Bank Sampah</option></select>"""
    assert links(plain) == [("http://opd.example/lama/detail.php?id=4", "Bank Sampah")]
    # a select that only filters the page, or whose values are no URLs, goes nowhere
    assert urls('<select onchange="saring(this.value)"><option value="a.php">A</option>'
                '</select><select onchange="location=this.value"><option value="3">3</option>'
                '</select>') == []


def test_a_get_form_of_selects_is_submitted_once_per_option():
    form = """<form method="get" action="layanan.php">
      <input type="hidden" name="hal" value="detail"><select name="id">
      <option value="">-- Pilih --</option><option value="1">KTP</option>
      <option value="2">KK</option></select><input type="submit" value="Lihat"></form>"""
    assert links(form) == [("http://opd.example/lama/layanan.php?hal=detail&id=1", "KTP"),
                           ("http://opd.example/lama/layanan.php?hal=detail&id=2", "KK")]
    # a search box, a POST form or a form nobody can submit is never enumerated
    assert urls("""<form method="get" action="cari.php"><input type="text" name="q">
      <select name="kat"><option value="1">A</option></select><input type="submit"></form>
      <form method="post" action="layanan.php"><select name="id"><option value="1">A</option>
      </select><input type="submit"></form>
      <form action="layanan.php"><select name="id"><option value="1">A</option></select></form>
      """) == []


def test_what_goes_nowhere_or_elsewhere_is_not_followed():
    assert urls("""<a href="javascript:history.back()">Kembali</a>
      <input type="button" value="Cetak" onclick="window.print()">
      <input type="button" value="Muat ulang" onclick="location.reload()">
      <a href="javascript:void(0)" onclick="location.href='mailto:opd@jambikota.go.id'">@</a>
      <button onclick="location.href='javascript:alert(1)'">x</button>
      <button onclick="location.href='#atas'">Ke atas</button>
      <button onclick="if (location.href == 'x.php') return false">?</button>
      <button onclick="$('#modal').open('detail.php')">Modal</button>""") == []
    # another host's URL is a link like any other: the crawl's scope drops it
    assert urls('<button onclick="window.open(\'https://wa.me/6274141171\')">WA</button>') == [
        "https://wa.me/6274141171"]


def test_script_links_are_bounded_per_page():
    rows = "".join(f'<tr onclick="location.href=\'l.php?id={n}\'"><td>L {n}</td></tr>'
                   for n in range(MAX_SCRIPT_LINKS + 50))
    assert len(urls(f"<table>{rows}</table>")) == MAX_SCRIPT_LINKS
    options = "".join(f'<option value="l.php?id={n}">L {n}</option>'
                      for n in range(MAX_OPTIONS + 50))
    assert len(urls(f'<select onchange="location=this.value">{options}</select>')) == MAX_OPTIONS


def test_a_list_row_that_opens_its_page_by_a_click_names_that_page_as_its_own():
    from crawler.extract.document import html_document
    from crawler.extract.servicetable import OWN_PAGE

    body = (SITES_ROOT / "jsnav20-damkar" / "layanan-asp.html").read_bytes()
    page = html_document(body, url="http://damkar.example/layanan.asp",
                         content_type="text/html; charset=iso-8859-1", http_last_modified=None,
                         source="s", opd="Damkar")
    # the rows are read as services of the list until their own pages stand in for them
    # (crawler.ownpages): each row's own page is the one its click opens
    assert {p.fields.get(OWN_PAGE) for p in page.parts} == {
        f"http://damkar.example/layanan.asp?id={n}" for n in range(1, 6)}


def test_a_literal_joined_to_a_value_is_followed_only_where_the_value_is_known():
    # the page's variable is not known without running it: the literal alone is a cut-off
    # URL ("cetak.php?id="), not a page
    assert urls("""<button onclick="window.open('cetak.php?id=' + x)">Cetak</button>
      <button onclick="location.assign('a.php?x=' + document.getElementById('y').value)">
      </button>""") == []
    # a jump menu's chosen value is: each option's page, named by the option's text
    assert links("""<select name="kec" onchange="location.href='kelurahan.php?kec='+this.value">
      <option value="">-- Kecamatan --</option><option value="1">Kota Baru</option>
      <option value="2">Telanaipura</option></select>""") == [
        ("http://opd.example/lama/kelurahan.php?kec=1", "Kota Baru"),
        ("http://opd.example/lama/kelurahan.php?kec=2", "Telanaipura")]
    # and a jump menu handing its value to the page's function puts that function's prefix
    # before every option's value, a number too, as a call with a number does
    assert links("""<script>function pilih(v) { location.href = "detail.php?id=" + v; }</script>
      <select onchange="pilih(this.value)"><option value="3">KTP</option>
      <option value="7">KK</option></select><a onclick="pilih(12)">KIA</a>""") == [
        ("http://opd.example/lama/detail.php?id=3", "KTP"),
        ("http://opd.example/lama/detail.php?id=7", "KK"),
        ("http://opd.example/lama/detail.php?id=12", "KIA")]


def test_a_get_form_is_submitted_as_a_browser_submits_it():
    base = '<base href="http://opd.example/">'
    html = f"""<html><head>{base}</head><body>
      <form><select name="id"><option value="1">KTP</option></select>
      <select name="tahun"><option value="" selected>Semua tahun</option>
      <option value="2023">2023</option></select>
      <input type="submit" name="tampil" value="Tampilkan"><input type="submit" name="x"></form>
      <form action="detail.php"><select name="id"><option value="2">KK</option></select>
      <button type="submit" name="aksi" value="lihat">Lihat</button></form></body></html>"""
    found = [(link.url, link.text) for link in extract_links(PAGE, tags_in(parse_html(html)))]
    # no action: the page's own URL, not the base; the pressed button's name and value in
    # the query; a chosen "all years" stays empty; a written action resolves against the base
    assert found == [("http://opd.example/lama/index.php?id=1&tahun=&tampil=Tampilkan", "KTP"),
                     ("http://opd.example/detail.php?id=2&aksi=lihat", "KK")]


@pytest.mark.parametrize("body", [
    # a location chain read from every "window." of it (80 KB: 16 s before)
    '<button onclick="{}">x</button>'.format("window. " * 10_000),
    '<select onchange="{}"><option value="a.php">a</option></select>'.format("window. " * 10_000),
    # an unclosed "function f(" read to the end from each one (21 s before)
    '<script>{}</script><button onclick="g(1)">x</button>'.format("function f(" * 20_000),
    # functions of 2,000 parameters, each looked for in the body (41-80 s before)
    '<script>{}</script><button onclick="g(1)">x</button>'.format(
        ("function f({}){{".format(",".join(f"a{i}" for i in range(2000)))) * 20),
])
def test_a_hostile_handler_or_script_gives_nothing_in_one_pass(body):
    assert urls(body) == []


def test_one_handler_opening_many_pages_gives_at_most_the_page_bound():
    # one handler's 20,000 calls under 200 KB of text, the text read again per URL before
    # (24 s): a handler is read to MAX_HANDLER characters, the page to MAX_SCRIPT_LINKS
    handler = "window.open('a.php');" * 20_000
    found = urls(f'<div onclick="{handler}">{"kata " * 40_000}</div>')
    assert 0 < len(found) <= MAX_SCRIPT_LINKS and set(found) == {"http://opd.example/lama/a.php"}


def test_a_clicked_row_under_a_base_href_names_the_page_the_crawler_follows():
    from crawler.extract.document import html_document
    from crawler.extract.servicetable import OWN_PAGE

    rows = "".join(f"<tr onclick=\"location.href='layanan.php?id={n}'\"><td>{n}</td>"
                   f"<td>{name}</td><td>Gratis</td></tr>"
                   for n, name in enumerate(("Akta Kelahiran", "Kartu Keluarga", "Surat Pindah"),
                                            1))
    linked = "".join(f"<tr><td>{n}</td><td><a href='layanan.php?id={n}'>{name}</a></td>"
                     f"<td>Gratis</td></tr>" for n, name in enumerate(["Akta Kematian", "KIA"], 4))
    for body in (rows, linked):
        html = (f'<html><head><base href="http://opd.example/"><title>Layanan</title></head>'
                f"<body><h1>Daftar Layanan</h1><table><tr><th>No</th><th>Nama Layanan</th>"
                f"<th>Biaya</th></tr>{body}</table></body></html>")
        page = html_document(html.encode(), url=PAGE, content_type="text/html",
                             http_last_modified=None, source="s", opd="O")
        followed = [link.url for link in extract_links(PAGE, tags_in(parse_html(html)))
                    if "layanan.php" in link.url]
        # the row leaves once the page it names is stored: the URL the crawl stores it at
        assert [p.fields.get(OWN_PAGE) for p in page.parts] == followed
        assert followed[0].startswith("http://opd.example/layanan.php?id=")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    out = tmp_path_factory.mktemp("jsnav20")
    docs, log = crawl_sites(out, ("jsnav20-damkar", "jsnav20-dlh"))
    with indexed(out) as searcher:
        yield docs, searcher


@pytest.mark.slow  # crawls two served sites and indexes them
def test_services_reached_only_by_script_are_crawled_and_answered(crawled):
    docs, searcher = crawled
    damkar, dlh = docs["jsnav20-damkar"], docs["jsnav20-dlh"]
    # every service: by a clickable row, the jump menu, a banner's div; a page's function
    # with a prefix, a GET form's select (the laboratory is in no other place)
    assert {f"/layanan.asp?id={n}" for n in range(1, 7)} <= set(damkar)
    assert {f"/detail.php?id={n}" for n in range(1, 6)} <= set(dlh)
    # the standards the buttons and javascript: links open
    assert {"/files/SP-Pemeriksaan-Proteksi-Kebakaran.pdf",
            "/files/SP-Pelatihan-Simulasi-APAR.pdf"} <= set(damkar)
    assert "/files/sp/SP-Uji-Laboratorium-Lingkungan.pdf" in dlh
    # nothing more: no page of a jump menu's form, no other host
    pages = ("/", "/layanan.asp", "/berita.asp", "/profil.asp", "/kontak.asp")
    assert all(path.split("?")[0].split("#")[0] in pages or path.startswith("/files/")
               for path in damkar), sorted(damkar)
    # the list's rows are no services of their own once the pages they open are stored
    assert not [path for path in damkar if "#" in path]
    # the standard its button opens is shown under the service's page
    assert damkar["/files/SP-Pemeriksaan-Proteksi-Kebakaran.pdf"].parent_url.endswith(
        "/layanan.asp?id=3")
    # the service only a clickable row reaches, answered with its card (the facts its
    # button's PDF states too)
    found = searcher.search("pemeriksaan sarana proteksi kebakaran gedung")
    assert found.results[0].url.endswith("/layanan.asp?id=3")
    assert found.answer is not None
    assert found.answer.requirements[0] == "Surat permohonan pemilik atau pengelola gedung"
    assert found.answer.cost == "Tidak dipungut biaya"


def test_a_jump_menu_reads_an_option_as_a_browser_does():
    """An option with no ``value`` is chosen by its text, written into the URL as a
    browser writes it (a space percent-encoded); an option asking to choose ("-- Pilih --",
    "Pilih ...": its value missing, empty or "0") opens nothing (review of session 20)."""
    assert links("""<select onchange="location.href='kel.php?kec='+this.value">
      <option>-- Pilih Kecamatan --</option><option value="0">-- Pilih --</option>
      <option value="">Pilih kecamatan</option><option>Kota Baru</option>
      <option>Jelutung</option><option value="7">Telanaipura</option></select>""") == [
        ("http://opd.example/lama/kel.php?kec=Kota%20Baru", "Kota Baru"),
        ("http://opd.example/lama/kel.php?kec=Jelutung", "Jelutung"),
        ("http://opd.example/lama/kel.php?kec=7", "Telanaipura")]
    # in a GET form too: the first select's placeholder is no page of its own
    assert urls("""<form action="cari.php"><select name="kec"><option value="0">-- Pilih --
      </option><option>Pasar Jambi</option></select><input type="submit"></form>""") == [
        "http://opd.example/lama/cari.php?kec=Pasar+Jambi"]


def test_a_jump_menu_joined_to_a_variable_after_its_value_gives_nothing():
    """``'x.php?kec=' + this.value + '&t=' + tahun``: the URL ends in a value the page
    computes, cut off ("x.php?kec=3&t=") it is no page, like every literal joined to a
    variable; a written suffix is kept."""
    menu = """<select onchange="location.href='x.php?kec='+this.value{}">
      <option value="3">A</option></select>"""
    assert urls(menu.format("+'&amp;t='+tahun")) == []
    assert urls(menu.format("+tahun")) == []
    assert urls(menu.format("+'&amp;t=1'")) == ["http://opd.example/lama/x.php?kec=3&t=1"]


def test_a_form_submitted_by_script_is_enumerated_like_one_with_a_submit_button():
    select = '<select name="kec"><option value="1">A</option><option value="2">B</option></select>'
    expected = ["http://opd.example/lama/cari.php?kec=1", "http://opd.example/lama/cari.php?kec=2"]
    assert urls(f"""<form name="f1" action="cari.php">{select}<input type="button" value="Tampil"
      onclick="document.forms[0].submit()"></form>""") == expected
    assert urls(f"""<form name="f1" action="cari.php">{select}</form>
      <a href="javascript:document.f1.submit()">Tampil</a>""") == expected
    assert urls(f"""<form action="a.php"></form><form id="f2" action="cari.php">{select}</form>
      <a href="#" onclick="document.forms['f2'].submit()">Tampil</a>""") == expected
    assert urls(f"""<form action="cari.php">{select}<input type="button" value="Tampil"
      onclick="this.form.submit()"></form>""") == expected
    # a script submitting another form, or a button that submits nothing, does not count
    assert urls(f"""<form action="cari.php">{select}<input type="button" value="Cetak"
      onclick="window.print()"></form><a href="javascript:document.forms[1].submit()">x</a>
      """) == []


@pytest.mark.parametrize("submit", [
    "document.getElementById('cari').submit()",
    "document.querySelector('#cari').submit()",
    "$('form#cari').submit()",
    "document.forms.cari.submit()",
    "var f = document.getElementById('cari'); f.submit();",
    "form = document.forms['cari']; form.submit()",
])
def test_a_form_submitted_by_its_id_or_a_name_given_it_is_enumerated(submit):
    """The ways a script names the form it submits, in a handler or in a function of the
    page's inline script that a handler calls: each submits the form with that id."""
    form = """<form action="a.php"><select name="q"><option value="9">Z</option></select></form>
      <form id="cari" action="cari.php"><select name="kec"><option value="1">A</option>
      <option value="2">B</option></select></form>"""
    expected = ["http://opd.example/lama/cari.php?kec=1", "http://opd.example/lama/cari.php?kec=2"]
    assert urls(f"""{form}<a href="#" onclick="{submit}">Tampil</a>""") == expected
    assert urls(f"""{form}<script>function tampil() {{ {submit} }}</script>
      <button type="button" onclick="tampil()">Tampil</button>""") == expected
    # a form the script submits by another id, or names without submitting, is no target
    other = submit.replace("cari", "lain")
    assert urls(f"""{form}<a href="#" onclick="{other}">Tampil</a>""") == []
    reset = submit.replace("submit", "reset")
    assert urls(f"""{form}<a href="#" onclick="{reset}">Kosongkan</a>""") == []


def test_a_field_of_the_form_submitting_it_from_its_handler_submits_it():
    """A field's handler runs with its form in scope: ``form.submit()`` and ``submit()``
    submit the form around it."""
    expected = ["http://opd.example/lama/cari.php?kec=1"]
    for handler in ("form.submit()", "submit()", "this.form.submit(); return false;"):
        assert urls(f"""<form action="cari.php"><select name="kec" onchange="{handler}">
          <option value="1">A</option></select></form>""") == expected
        assert urls(f"""<form action="cari.php"><select name="kec"><option value="1">A</option>
          </select><input type="button" value="Lihat" onclick="{handler}"></form>""") == expected
    assert urls("""<form action="cari.php"><select name="kec"><option value="1">A</option>
      </select><input type="button" value="Cetak" onclick="window.print()"></form>""") == []


def test_a_broken_form_action_or_row_link_loses_only_itself():
    """``urljoin`` raises on "http://[bad/x" (an unclosed IPv6 host): the page's other links
    are still read, as a browser still shows a page whose one form is broken."""
    body = """<form method="get" action="http://[bad/x"><select name="id">
      <option value="1">KTP</option></select><input type="submit"></form>
      <a href="profil.php">Profil</a>"""
    assert urls(body) == ["http://opd.example/lama/profil.php"]


# -- functions of the site's own script files ------------------------------------------------

INTRO = ("Dinas melayani surat keterangan dan perizinan bagi warga Kota Jambi setiap hari "
         "kerja di kantor kelurahan dan kecamatan. ") * 8
FUNGSI_JS = """// fungsi.js: the site's helpers
function lihat(id) { window.location.href = 'detail.php?id=' + id; }
function cetakSP(f) { window.open('files/' + f); }
"""


@pytest.mark.slow  # a real crawl
def _detail_site():
    """A served site whose ``/detail.php?id=`` shows the service of that id."""
    from urllib.parse import parse_qsl, urlsplit

    from tests.faultserver import Page, PageSite, html

    class Site(PageSite):
        def handle(self, request):
            parts = urlsplit(request.path)
            if parts.path == "/detail.php":
                name = SERVICES.get(dict(parse_qsl(parts.query)).get("id", ""), "")
                self.pages["/detail.php"] = Page(html(name or "Tidak ada", (
                    f"<h1>{name}</h1><p>Persyaratan: KTP-el dan KK. Biaya: gratis.</p>")))
            super().handle(request)

    return Site


SERVICES = {"3": "Surat Keterangan Usaha", "5": "Surat Pindah"}


def _crawl_details(site, tmp_path) -> dict[str, str]:
    """One crawl of ``site``'s home: the detail pages stored live, by URL, with titles."""
    from crawler.run import crawl
    from sikoja.config import Settings
    from sikoja.sources import Source
    from sikoja.store import DocumentStore

    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    source = Source(name="lama", opd="Dinas Lama", start_urls=[site.url("/")],
                    use_sitemap=False)
    crawl([source], settings, tmp_path, timeout=60)
    store = DocumentStore.open(tmp_path)
    try:
        return {r["url"]: r["title"] for r in store.query(
            "SELECT url, title FROM documents WHERE status = 'live' AND url LIKE ?",
            ("%detail.php%",))}
    finally:
        store.close()


@pytest.mark.slow  # three real crawls
def test_a_page_whose_script_file_failed_once_finds_its_services_when_the_file_is_back(
        tmp_path):
    """The list's ``lihat(3)`` lives in ``js/fungsi.js``, missing on the first crawl. The
    list itself is unchanged on the next crawls: it must not answer 304 and keep the
    first crawl's loss for good; once the file is back its services are stored."""
    from tests.faultserver import Page, html

    rows = "".join(f"""<tr onclick="lihat({i})"><td>{i}</td><td>{name}</td></tr>"""
                   for i, name in SERVICES.items())
    pages = {"/": Page(html("Layanan", f"<h1>Daftar Layanan</h1><p>{INTRO}</p><table>{rows}"
                                       "</table>",
                            head='<script src="/js/fungsi.js"></script>'))}
    with _detail_site()(pages) as site:
        found = [_crawl_details(site, tmp_path)]
        site.pages["/js/fungsi.js"] = Page(FUNGSI_JS.encode(),
                                           content_type="application/javascript")
        found += [_crawl_details(site, tmp_path), _crawl_details(site, tmp_path)]
    expected = {site.url(f"/detail.php?id={i}"): name for i, name in SERVICES.items()}
    assert found == [{}, expected, expected]


@pytest.mark.slow  # two real crawls
def test_a_function_of_the_sites_script_file_is_followed_where_it_sends(tmp_path):
    """A row's ``lihat(3)`` whose ``lihat`` lives in ``js/fungsi.js``: the crawler reads the
    file (once a crawl, though two rows call into it; never a library's or another host's)
    and stores the services the rows open; a recrawl that finds the list unchanged keeps
    them."""
    from tests.faultserver import Page, html

    rows = "".join(f"""<tr onclick="lihat({i})"><td>{i}</td><td>{name}</td></tr>"""
                   for i, name in SERVICES.items())
    pages = {
        "/": Page(html("Layanan", f"""<h1>Daftar Layanan</h1><p>{INTRO}</p>
            <table>{rows}</table><a href="javascript:void(0)" onclick="tampil('9')">Lain</a>""",
            head='<script src="/js/jquery.min.js"></script><script src="/js/fungsi.js">'
                 '</script><script src="http://other.example/js/x.js"></script>')),
        "/js/fungsi.js": Page(FUNGSI_JS.encode(), content_type="application/javascript"),
        "/js/jquery.min.js": Page(b"function tampil(x){location='jq.php?'+x}",
                                  content_type="application/javascript"),
    }
    with _detail_site()(pages) as site:
        found = [_crawl_details(site, tmp_path) for _crawl in range(2)]
        asked = [hit.path for hit in site.hits]
    expected = {site.url(f"/detail.php?id={i}"): name for i, name in SERVICES.items()}
    assert found == [expected, expected]
    # read once a crawl for both rows: the list is fetched in full each crawl (no 304), its
    # links waiting on the file
    assert asked.count("/js/fungsi.js") == 2, asked
    assert "/js/jquery.min.js" not in asked and not any("jq.php" in p for p in asked)


@pytest.mark.slow  # a real crawl
def test_a_function_two_script_files_define_is_the_later_files(tmp_path):
    """``lama.js``, loaded first, keeps an old ``lihat`` that opened ``lama.php``; the site's
    ``fungsi.js``, loaded after it, defines ``lihat`` again: a browser runs the later one, so
    the crawler follows ``detail.php`` and never asks for ``lama.php``."""
    from tests.faultserver import Page, html

    rows = "".join(f"""<tr onclick="lihat({i})"><td>{i}</td><td>{name}</td></tr>"""
                   for i, name in SERVICES.items())
    pages = {
        "/": Page(html("Layanan", f"<h1>Daftar Layanan</h1><p>{INTRO}</p><table>{rows}"
                                  "</table>",
                       head='<script src="/js/lama.js"></script>'
                            '<script src="/js/fungsi.js"></script>')),
        "/js/lama.js": Page(b"function lihat(id) { window.location.href = 'lama.php?id=' + id; }",
                            content_type="application/javascript"),
        "/js/fungsi.js": Page(FUNGSI_JS.encode(), content_type="application/javascript"),
    }
    with _detail_site()(pages) as site:
        found = _crawl_details(site, tmp_path)
        asked = [hit.path for hit in site.hits]
    assert found == {site.url(f"/detail.php?id={i}"): name for i, name in SERVICES.items()}
    assert not any(p.startswith("/lama.php") for p in asked), asked


# -- which script files a page's handlers may call into -----------------------------------

SITE = "http://opd.example/lama/index.php"
CALLS = '<a href="#" onclick="lihat(3)">Lihat</a>'


def files(head: str, body: str = CALLS, url: str = SITE) -> list[str]:
    from crawler.extract.scriptnav import outside_files

    return outside_files(f"<html><head>{head}</head><body>{body}</body></html>", url)


@pytest.mark.parametrize("tail", [
    "<script " * 20_000,  # a tag never closed: 180 s when regexes read the raw HTML
    "<script>var a=1;" * 5_000,  # scripts never closed: 4.9 s
    "<a " * 50_000,  # html.parser's close() walks an unfinished tag from every "<" after it
])
def test_a_hostile_page_still_names_its_script_file(tail):
    assert files('<script src="/js/fungsi.js"></script>', CALLS + tail) == [
        "http://opd.example/js/fungsi.js"]


def test_script_files_are_read_as_a_browser_loads_them():
    # against the <base href>, as the browser resolves the src
    assert files('<base href="http://opd.example/app/"><script src="js/a.js"></script>') == [
        "http://opd.example/app/js/a.js"]
    # a script in an HTML comment loads nothing
    assert files('<!-- <script src="/js/lama.js"></script> -->') == []
    # the same site by either scheme and with or without www., as the crawl's scope
    assert files('<script src="https://www.opd.example/js/a.js"></script>') == [
        "https://www.opd.example/js/a.js"]
    assert files('<script src="http://lain.example/js/a.js"></script>') == []
    # an unquoted handler calls as a quoted one does
    assert files('<script src="/js/a.js"></script>', "<a href=# onclick=lihat(3)>x</a>") == [
        "http://opd.example/js/a.js"]
    # a function the page's own inline script defines needs no file
    assert files('<script src="/js/a.js"></script><script>function lihat(i){}</script>') == []


def test_a_library_is_known_by_its_file_name_not_its_folder():
    head = "".join(f'<script src="{src}"></script>' for src in (
        "/js/jquery-3.6.0.min.js", "/js/jquery.dataTables.min.js", "/js/bootstrap.bundle.min.js",
        "/js/moment-with-locales.min.js", "/js/sweetalert2.all.min.js",
        "/js/moment-kegiatan.js", "/assets/chart/fungsi.js"))
    assert files(head) == ["http://opd.example/js/moment-kegiatan.js",
                           "http://opd.example/assets/chart/fungsi.js"]


# -- which forms a script submits, and how ------------------------------------------------

CARI = """<form id="f" action="cari.php"><select name="kec"><option value="1">A</option>
  <option value="2">B</option></select></form>"""
CARI_URLS = ["http://opd.example/lama/cari.php?kec=1", "http://opd.example/lama/cari.php?kec=2"]
HAPUS = """<form id="hapus" method="post" action="hapus.php"><input type="hidden" name="id"
  value="3"></form>"""


def test_a_script_binding_a_submit_handler_or_sending_by_post_enumerates_nothing():
    # $('#f').submit(fn) binds a handler (here one that sends by ajax): no submit
    assert urls(CARI + """<script>$('#f').submit(function (e) { e.preventDefault();
      $.ajax({url: 'api.php'}); });</script>""") == []
    # the script submits #f by POST: never enumerated by GET
    for sets in ("f.method = 'post';", "f.setAttribute('method', 'post');"):
        assert urls(CARI + f"""<a href="#" onclick="var f = document.getElementById('f');
          {sets} f.submit()">Hapus</a>""") == []
    assert urls(CARI + """<a onclick="document.forms.f.method='POST'; document.forms.f.submit()"
      >x</a>""") == []
    # its submit button sends it by POST
    assert urls("""<form action="a.php"><select name="kec"><option value="1">A</option>
      </select><button type="submit" formmethod="post">Kirim</button></form>""") == []
    # submitted with no argument, it is enumerated
    assert urls(CARI + "<a onclick=\"$('#f').submit()\">Tampil</a>") == CARI_URLS


def test_a_name_given_a_form_is_read_in_its_own_function():
    """``f`` is the form the same function gave it: another function's ``f`` is another
    variable."""
    a = "function a() { var f = document.getElementById('hapus'); f.submit(); }"
    b = "function b() { var f = document.getElementById('f'); f.%s(); }"
    button = '<button type="button" onclick="a(); b()">x</button>'
    # #hapus is submitted, #f only reset: nothing to enumerate
    assert urls(CARI + HAPUS + f"<script>{a}\n{b % 'reset'}</script>{button}") == []
    assert urls(CARI + HAPUS + f"<script>{b % 'reset'}\n{a}</script>{button}") == []
    # #f is submitted by b, whichever function comes last
    assert urls(CARI + HAPUS + f"<script>{b % 'submit'}\n{a}</script>{button}") == CARI_URLS
    assert urls(CARI + HAPUS + f"<script>{a}\n{b % 'submit'}</script>{button}") == CARI_URLS
    # two forms given one name in one function: which one is submitted is not written
    assert urls(CARI + HAPUS + """<script>function c(x) { var f = document.getElementById('f');
      if (x) f = document.getElementById('hapus'); f.submit(); }</script>""") == []


def test_a_field_submits_its_own_form_only_by_its_own_submit():
    select = '<select name="kec"><option value="1">A</option></select>'
    for handler in ("document.getElementById('hapus').submit()", "ajax_submit()",
                    "kirimSubmit(this)"):
        assert urls(f"""<form action="a.php">{select}<button type="button"
          onclick="{handler}">x</button></form>{HAPUS}""") == [], handler
    for handler in ("submit()", "form.submit()", "this.form.submit()",
                    "document.getElementById('a').submit()"):
        assert urls(f"""<form id="a" action="a.php">{select}<button type="button"
          onclick="{handler}">x</button></form>""") == [
            "http://opd.example/lama/a.php?kec=1"], handler


def test_a_script_file_whose_functions_no_handler_calls_leaves_the_page_unparsed(monkeypatch):
    """``js/main.js`` defines a navigating ``bukaLink`` but the page's button calls
    ``openNav()``: nothing to follow, and the page (147 KB lists) is not parsed again."""
    from crawler.extract.pagecode import PageCode
    from crawler.spiders import scriptfiles

    class Spider(scriptfiles.ScriptFunctions):
        def __init__(self):
            self.nav_files, self.nav_pages, self.linkstore = {}, {}, None
            self.scope = type("Scope", (), {"allows": lambda self, url, data=False: True})()
            self._follow_all = lambda links, meta, parent: iter(links)

    parsed = []
    monkeypatch.setattr(scriptfiles, "parse_html", lambda h: parsed.append(h) or [])
    page = PageCode('<script src="/js/main.js"></script><button onclick="openNav()">menu'
                    '</button>')
    spider = Spider()
    files = spider.nav_files_of(page.html.encode(), lambda: page, SITE)
    requests = list(spider.read_script_functions(files, lambda: page, SITE, "k", SITE, {}))
    assert [r.url for r in requests] == ["http://opd.example/js/main.js"]
    found = list(spider._file_read(scriptfiles.url_key(requests[0].url),
                                   "function bukaLink(u) { location.href = u; }"))
    assert found == [] and parsed == []
