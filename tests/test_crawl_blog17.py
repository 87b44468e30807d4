"""Blogger sites as their admins write them, read as a citizen needs them (issue #11).

Blogger's own newer themes (Contempo, Soho, Emporio) write the masthead as a bare
``<h1><a href="/">Blog</a></h1>`` and each post's title as an ``<h3>``; a post's labels sit in
its footer, outside the post body; and Blogger's robots.txt disallows ``/search``, so a polite
crawler never sees a ``/search/label/Pelayanan`` page. Admins write services as posts in
prose ("Bunda cukup membawa buku KIA ... gratis"), say how long it takes as they would say
it ("kurang lebih 10 menit"), and file them under "Pelayanan" beside news under "Berita" and
announcements under "Pengumuman". A crawl must store those posts under their own titles and,
where the site files them as services, as services.
"""

from __future__ import annotations

import pytest

from crawler.extract.document import html_document, service_evidence
from crawler.run import crawl
from sikoja.config import Settings
from sikoja.sources import Source
from sikoja.store import DocumentStore
from tests.faultserver import Page, PageSite

BLOG = "http://kel-contoh.blogspot.com"
SPAN = '<span style="font-family: arial;">'


def contempo(title: str, body: str, labels: list[str], date: str = "2024-02-14",
             blog: str = "") -> bytes:
    """A post page of Blogger's Contempo theme (the shape ``kel-legok`` of the sample web
    has): bare h1 masthead, h3 post title, labels with rel=tag in the post footer, a
    sidebar label cloud without rel=tag."""
    tags = "".join(f"<a href='{blog}/search/label/{label}' rel='tag'>{label}</a>"
                   for label in labels)
    cloud = "".join(f"<li><a dir='ltr' href='{blog}/search/label/{label}'>{label}</a></li>"
                    for label in ("Berita", "Pelayanan", "Pengumuman"))
    return f"""<!DOCTYPE html><html dir='ltr' lang='id'><head>
<meta content='blogger' name='generator'/><title>{title}</title>
<meta content='{title}' property='og:title'/></head>
<body class='version-1-3-3 variant-indie_light'><div class='page'><div class='page_body'>
<header class='centered-top-container' role='banner'><div class='centered-top'>
<div class='blog-name container'><div class='container section' id='header'>
<div class='widget Header' data-version='2' id='Header1'><div class='header-widget'><div>
<h1><a href='{blog}/'>Kelurahan Contoh</a></h1></div><p>Blog resmi Kelurahan Contoh</p>
</div></div></div></div></div></header>
<main class='centered-bottom' id='main' role='main'><div class='main section' id='page_body'>
<div class='widget Blog' data-version='2' id='Blog1'><div class='blog-posts hfeed container'>
<article class='post-outer-container'><div class='post-outer'><div class='post'>
<h3 class='post-title entry-title'>{title}</h3>
<div class='post-header'><div class='post-header-line-1'><span class='byline post-timestamp'>
<a class='timestamp-link' href='#' rel='bookmark'><time class='published'
datetime='{date}T09:00:00+07:00'>Februari 14, 2024</time></a></span></div></div>
<div class='post-body-container'><div class='post-body entry-content float-container'>{body}
</div></div><div class='post-footer'><div class='post-footer-line post-footer-line-2'>
<span class='byline post-labels'><span class='byline-label'>Label:</span>{tags}</span>
</div></div></div></div></article></div></div></div></main></div></div>
<aside class='sidebar-container container sidebar-invisible' role='complementary'>
<div class='widget Label' data-version='2' id='Label1'><h3 class='title'>Label</h3>
<div class='widget-content list-label-widget-content'><ul>{cloud}</ul></div></div></aside>
<footer class='footer section' id='footer'>Diberdayakan oleh Blogger</footer></body></html>
""".encode()


SKCK = "".join(f'<div style="text-align: justify;">{SPAN}{line}</span></div>' for line in (
    "Untuk membuat SKCK di Polsek atau Polresta Jambi, warga terlebih dahulu meminta surat "
    "pengantar dari kelurahan.", "<br />", "<b>Persyaratan surat pengantar :</b>",
    "1.&nbsp;Surat pengantar RT/RW", "2.&nbsp;Fotokopi KTP-el dan KK",
    "3.&nbsp;Pas foto 4x6 latar merah 2 lembar", "<br />",
    "Surat pengantar dari kelurahan tidak dipungut biaya."))
SKTM = "".join(f"<div>{SPAN}{line}</span></div>" for line in (
    "<b>SURAT KETERANGAN TIDAK MAMPU (SKTM)</b>", "<br />",
    "SKTM diberikan untuk warga yang kurang mampu, biasanya dipakai utk keringanan biaya "
    "sekolah, berobat, atau melengkapi berkas pengajuan bantuan.", "<b>Yang harus dibawa :</b>",
    "1.&nbsp;Surat pengantar dari Ketua RT dan diketahui RW",
    "2.&nbsp;Fotocopy KTP dan Kartu Keluarga", "<b>Caranya :</b>",
    "- Bawa berkas ke meja pelayanan kantor lurah", "- SKTM ditandatangani Lurah",
    '<span style="color: red;"><b>TIDAK DIPUNGUT BIAYA</b></span>&nbsp;'))


def read(body: bytes, path: str):
    return html_document(body, url=BLOG + path, content_type="text/html; charset=UTF-8",
                         http_last_modified=None, source="kel", opd="Kelurahan Contoh")


def test_a_contempo_post_is_titled_by_its_post_not_by_the_blogs_masthead():
    """Every page of a Contempo blog was stored as "Kelurahan Contoh" (its bare masthead h1
    was taken for the page's heading): a citizen saw twenty results of one name."""
    path = "/2024/01/syarat-surat-pengantar-skck.html"
    doc = read(contempo("Syarat Surat Pengantar SKCK dari Kelurahan", SKCK, ["Pelayanan"]),
               path).document
    assert doc.title == "Syarat Surat Pengantar SKCK dari Kelurahan"
    page = read(contempo("Layanan SKTM", SKTM, []), "/p/layanan-sktm.html").document
    assert page.title == "Layanan SKTM"
    assert read(contempo("Kelurahan Contoh", SKTM, []), "/").document.title == (
        "Kelurahan Contoh")  # the home page is the blog's


def test_a_posts_footer_labels_are_kept_with_its_content_links_and_the_sidebar_cloud_is_not():
    path = "/2024/02/jadwal-imunisasi-bayi.html"
    found = read(contempo("Jadwal Imunisasi Bayi", "<div>Imunisasi tiap Rabu.</div>",
                          ["Pelayanan", "Info"]), path)
    labels = [link for link in found.content_links if "/search/label/" in link.url]
    assert [(link.url, link.text) for link in labels] == [
        (BLOG + "/search/label/Pelayanan", "Pelayanan"), (BLOG + "/search/label/Info", "Info")]


@pytest.mark.parametrize("said", [
    "Prosesnya cepat, kurang lebih 10 menit kalau berkas lengkap.",
    "Waktu : ± 10 menit apabila berkas lengkap.",
    "Surat bisa ditunggu.",
])
def test_how_long_it_takes_said_in_a_posts_words_completes_a_service(said):
    body = (f"<div>{SPAN}Berikut syaratnya ya bapak ibu :</span></div>"
            f"<div>{SPAN}- Surat pengantar RT/RW</span></div><div>{SPAN}- Fotocopy KTP / KK"
            f"</span></div><div>{SPAN}{said} Tidak ada biaya alias gratis.</span></div>")
    path = "/2023/11/mau-urus-surat-domisili-ini-syaratnya.html"
    doc = read(contempo("Mau Urus Surat Domisili? Ini Syaratnya", body, ["Pelayanan"]),
               path).document
    assert doc.kind == "service"


@pytest.mark.parametrize("said", [
    "Rapat koordinasi RT berlangsung 30 menit. Warga diminta membawa KK untuk pendataan, "
    "dan kegiatan ini gratis.",
    "Rapat koordinasi RT berlangsung sekitar 30 menit. Warga wajib membawa KK untuk "
    "pendataan, dan kegiatan ini gratis.",
    "Sebanyak 120 warga mengikuti vaksinasi massal yang berlangsung sekitar 3 jam di aula "
    "kelurahan. Warga cukup membawa KTP, vaksin diberikan gratis.",
    "Lurah meninjau posyandu. Warga perlu membawa buku KIA, pemeriksaan gratis. Pada hari "
    "yang sama, Lurah juga meninjau lokasi banjir.",
    # an event named "pelayanan" says how long the event lasted, not the service
    "Pada hari Sabtu, 10 Februari 2024, Kelurahan Contoh mengadakan pelayanan rekam KTP-el "
    "keliling di balai RW 05. Warga cukup membawa Kartu Keluarga. Kegiatan ini gratis tanpa "
    "dipungut biaya. Pelayanan berlangsung sekitar 3 jam dan diikuti 85 warga.",
    # what was issued that day, to so many, is what happened once
    "Sidang isbat nikah terpadu digelar di aula kecamatan, Rabu (14/2). Peserta wajib membawa "
    "KTP dan KK. Seluruh biaya ditanggung pemerintah daerah, gratis bagi peserta. Buku nikah "
    "langsung diterbitkan pada hari yang sama bagi 40 pasangan.",
])
@pytest.mark.parametrize("labels", [["Berita"], []])
def test_a_meeting_that_lasted_minutes_is_no_service_time(said, labels):
    """A report says what to bring, that it was free and how long it lasted ("sekitar 3
    jam"): loose words of time say how long a service takes only beside a word of
    processing ("prosesnya kurang lebih 10 menit"), so the dated report stays news."""
    doc = read(contempo("Rapat Koordinasi RT", f"<div>{SPAN}{said}</span></div>", labels),
               "/2024/05/rapat.html")
    assert doc.document.kind == "news"


def test_what_to_bring_is_a_word_of_requirements():
    """'Bunda cukup membawa buku KIA' speaks of requirements as 'Persyaratan' does: with
    the cost, the post is one the site's labels may file as a service."""
    evidence = service_evidence(BLOG + "/2024/02/jadwal-imunisasi.html",
                                ["Jadwal Imunisasi Bayi dan Balita"], {},
                                "Bunda cukup membawa :\nBuku KIA\nImunisasi dasar GRATIS.", [])
    assert evidence.signals == ["topics"]
    assert not evidence.is_service  # alone, still not a service


# A puskesmas blog: path -> (title, labels, body)
POSTS = {
    "/2024/02/jadwal-imunisasi-bayi-dan-balita.html": (
        "Jadwal Imunisasi Bayi dan Balita", ["Pelayanan"],
        f"<div>{SPAN}Imunisasi bayi dan balita setiap hari Rabu pukul 08.00-11.00.</span></div>"
        f"<div>{SPAN}Bunda cukup membawa :</span></div><div>{SPAN}- Buku KIA</span></div>"
        f"<div>{SPAN}- Fotocopy KK</span></div><div>{SPAN}Imunisasi dasar diberikan GRATIS."
        "</span></div>"),
    "/2024/01/cek-kesehatan-gratis-kini-bisa-di.html": (
        "Cek Kesehatan Gratis Kini Bisa di Puskesmas", ["Pelayanan", "Info"],
        "<p>Warga kini bisa mengikuti Cek Kesehatan Gratis. Caranya mudah, cukup membawa "
        "KTP-el dan datang ke loket pendaftaran. Pemeriksaan tidak dipungut biaya.</p>"),
    "/2024/04/syarat-membuat-surat-keterangan-sehat.html": (
        "Syarat Membuat Surat Keterangan Sehat", ["Pelayanan"],
        "<p><b>Persyaratan</b></p><ol><li>Fotocopy KTP-el</li><li>Pas foto 3x4</li></ol>"
        "<p><b>Prosedur</b></p><ol><li>Daftar di loket</li><li>Diperiksa dokter</li></ol>"
        "<p>Biaya : retribusi sesuai Perda. Selesai di hari yang sama.</p>"),
    "/2025/02/pelayanan-poli-gigi.html": (
        "Pelayanan Poli Gigi", ["Pelayanan"],
        "<p><b>Persyaratan</b></p><ul><li>Kartu BPJS atau KTP-el</li></ul>"
        "<p><b>Biaya</b></p><p>Gratis bagi peserta JKN</p>"
        "<p><b>Waktu Pelayanan</b></p><p>Senin - Kamis 08.00 - 12.00</p>"),
    "/2024/07/vaksinasi-massal-di-aula-kelurahan.html": (
        "Vaksinasi Massal di Aula Kelurahan", ["Berita"],
        "<p>Sebanyak 120 warga mengikuti vaksinasi di aula kelurahan. Warga cukup membawa "
        "KTP, vaksin diberikan gratis.</p>"),
    "/2024/12/pengumuman-pemeriksaan-gratis-lansia.html": (
        "Pemeriksaan Gratis Lansia Hari Sabtu", ["Pengumuman"],
        "<p>Lansia diminta membawa KTP dan kartu BPJS; pemeriksaan gratis.</p>"),
    "/2025/01/lomba-balita-sehat.html": (
        "Lomba Balita Sehat", ["Berita"],
        "<p>Puskesmas menggelar lomba balita sehat tingkat kecamatan.</p>"),
}
PROSE_SERVICES = ("/2024/02/jadwal-imunisasi-bayi-dan-balita.html",
                  "/2024/01/cek-kesehatan-gratis-kini-bisa-di.html")
REPORTS = ("/2024/07/vaksinasi-massal-di-aula-kelurahan.html",
           "/2024/12/pengumuman-pemeriksaan-gratis-lansia.html", "/2025/01/lomba-balita-sehat.html")


def blog_site() -> dict[str, Page]:
    pages = {path: Page(contempo(title, body, labels)) for path, (title, labels, body)
             in POSTS.items()}
    for label in ("Pelayanan", "Berita", "Pengumuman", "Info"):
        items = "".join(f"<li><a href='{p}'>{t}</a></li>" for p, (t, labels, _) in
                        POSTS.items() if label in labels)
        pages[f"/search/label/{label}"] = Page(contempo(label, f"<ul>{items}</ul>", []))
    home = "".join(f"<h3><a href='{p}'>{t}</a></h3>" for p, (t, _, _) in POSTS.items())
    pages["/"] = Page(contempo("Puskesmas Contoh", home, []))
    # Blogger's own robots.txt: the label and search pages are out of a polite crawl
    pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /search\nAllow: /\n",
                                content_type="text/plain")
    return pages


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("blog17")
    settings = Settings()
    settings.crawl.delay, settings.crawl.retries = 0, 0
    with PageSite(blog_site()) as site:
        source = Source(name="pkm-contoh", opd="UPTD Puskesmas Contoh", use_sitemap=False,
                        start_urls=[site.url("/")])
        summary = crawl([source], settings, data_dir, timeout=120)
        assert summary.ok, summary
        store = DocumentStore.open(data_dir)
        try:
            yield site, {d.url: d for d in store.iter_documents()}
        finally:
            store.close()


@pytest.mark.slow  # a crawl of the blog
def test_prose_service_posts_are_services_by_the_label_in_their_footer(crawled):
    """The label pages were never fetched (robots.txt); the posts' own footers say
    "Pelayanan", and the posts the rule was sure of under that label are services."""
    site, docs = crawled
    assert not any(url.startswith(site.url("/search")) for url in docs)
    for path in PROSE_SERVICES:
        doc = docs[site.url(path)]
        assert doc.kind == "service", path
        assert doc.fields["kind_from"]["kind"] == "news"
        assert site.url("/search/label/Pelayanan") in doc.fields["kind_from"]["reason"]
        assert doc.title == POSTS[path][0]


@pytest.mark.slow  # a crawl of the blog
def test_reports_and_announcements_with_the_same_words_stay_news(crawled):
    site, docs = crawled
    for path in REPORTS:
        assert docs[site.url(path)].kind == "news", path
        assert "kind_from" not in docs[site.url(path)].fields


def test_a_list_numbered_by_hand_in_compose_mode_ends_at_the_paragraph_after_it():
    """Blogger's compose mode writes a list as one ``<div>`` per line, numbered by hand
    ("1.&nbsp;Surat pengantar RT/RW"): the sentence after the list ("Surat pengantar dari
    kelurahan tidak dipungut biaya. Setelah itu ...") is no fourth requirement, nor is "TIDAK
    DIPUNGUT BIAYA" after the steps a step."""
    skck = read(contempo("Syarat Surat Pengantar SKCK dari Kelurahan", SKCK, ["Pelayanan"]),
                "/2024/01/syarat-surat-pengantar-skck.html").document
    assert skck.fields["requirements"] == ["Surat pengantar RT/RW", "Fotokopi KTP-el dan KK",
                                           "Pas foto 4x6 latar merah 2 lembar"]
    sktm = read(contempo("Layanan SKTM", SKTM, []), "/p/layanan-sktm.html").document
    assert sktm.fields["procedure"] == ["Bawa berkas ke meja pelayanan kantor lurah",
                                        "SKTM ditandatangani Lurah"]
    # a bold numbered line heads the next service of a post of several: not an item
    several = "".join(f"<div>{line}</div>" for line in (
        "<b><u>1. Surat Keterangan Usaha (SKU)</u></b>", "Syarat : pengantar RT/RW, foto usaha.",
        "<br />", "<b><u>2. Surat Keterangan Belum Menikah</u></b>",
        "Syarat : pengantar RT/RW, pas foto 3x4.", "Selesai hari itu juga, gratis."))
    doc = read(contempo("Pelayanan Surat Keterangan di Kelurahan", several, ["Pelayanan"]),
               "/2024/02/pelayanan-surat-keterangan.html").document
    assert not any(r.startswith("Surat Keterangan") for r in doc.fields["requirements"])


@pytest.mark.parametrize("letters", [("A.", "B.", "C."), ("a.", "b.", "c."), ("A)", "B)", "C)")])
def test_a_list_lettered_by_hand_ends_at_the_paragraph_after_it(letters):
    """A list lettered with capitals ("A. KTP asli", "B. Kartu Keluarga") is a list as one
    numbered is: the paragraph after it is no fourth requirement, and the closing thanks
    no step (a capital's initial is a name's only before a name and its degree)."""
    lines = ["Persyaratan :", *(f"{letter}&nbsp;{item}" for letter, item in zip(
        letters, ("KTP asli", "Kartu Keluarga", "Surat Pengantar RT"), strict=True)),
        "Surat pengantar dari kelurahan tidak dipungut biaya. Setelah itu datang ke kantor.",
        "Prosedur :", f"{letters[0]}&nbsp;Pemohon datang ke loket",
        f"{letters[1]}&nbsp;Petugas memeriksa berkas",
        "Terima kasih atas kunjungan Anda di website kami.", "<br />", "Lurah Contoh,",
        "H. AHMAD SYAHRIAL, S.Sos., M.Si"]
    body = "".join(f"<div>{SPAN}{line}</span></div>" for line in lines)
    doc = read(contempo("Layanan Surat Domisili", body, ["Pelayanan"]),
               "/p/layanan-domisili.html").document
    assert doc.fields["requirements"] == ["KTP asli", "Kartu Keluarga", "Surat Pengantar RT"]
    assert doc.fields["procedure"] == ["Pemohon datang ke loket", "Petugas memeriksa berkas"]


def test_what_to_bring_heads_the_requirements_as_an_admin_writes_it():
    """'Yang dibawa saat berobat' and 'Bawa :' head the requirements; before, the list of
    what to bring was read as the first steps of the procedure above it."""
    body = ("<h2>Alur Pendaftaran Pasien Rawat Jalan</h2><h3>Yang dibawa saat berobat</h3>"
            "<ul><li>KTP-el / KIS / kartu BPJS Kesehatan</li><li>Buku KIA bagi ibu hamil</li>"
            "</ul><h3>Alurnya</h3><ol><li>Ambil nomor antrean di loket</li><li>Pemeriksaan "
            "oleh dokter</li></ol><p><b>Biaya</b>: gratis bagi peserta JKN.</p>")
    doc = read(contempo("Alur Pendaftaran Pasien", body, []),
               "/p/alur-pendaftaran-pasien.html").document
    assert doc.fields["requirements"] == ["KTP-el / KIS / kartu BPJS Kesehatan",
                                          "Buku KIA bagi ibu hamil"]
    assert doc.fields["procedure"] == ["Ambil nomor antrean di loket", "Pemeriksaan oleh dokter"]
    gigi = "".join(f"<div>{SPAN}{line}</span></div>" for line in (
        "Poli Gigi melayani cabut gigi, tambal gigi dan pembersihan karang gigi.", "<br />",
        "Jadwal : Senin - Kamis, 08.00 - 12.00 WIB", "Bawa : kartu BPJS/KIS atau KTP-el",
        "Biaya : gratis bagi peserta JKN"))
    doc = read(contempo("Pelayanan Poli Gigi: Cabut dan Tambal Gigi", gigi, ["Pelayanan"]),
               "/2025/02/pelayanan-poli-gigi.html").document
    assert doc.fields["requirements"] == ["kartu BPJS/KIS atau KTP-el"]


def test_a_sentence_introducing_what_to_bring_heads_the_list_after_it():
    """An admin introduces the list in a sentence, not a label: "... daftar sekolah anak.
    Berikut syaratnya ya bapak ibu :", "Bunda cukup membawa :"."""
    body = (f"<div>{SPAN}Banyak warga bertanya soal surat domisili untuk melamar kerja. Berikut "
            f"syaratnya ya bapak ibu :</span></div><div>{SPAN}- Surat pengantar RT/RW</span>"
            f"</div><div>{SPAN}- Fotocopy KTP / KK</span></div><div>{SPAN}Prosesnya kurang "
            "lebih 10 menit, gratis.</span></div>")
    doc = read(contempo("Mau Urus Surat Domisili? Ini Syaratnya", body, ["Pelayanan"]),
               "/2023/11/mau-urus-surat-domisili.html").document
    assert doc.fields["requirements"] == ["Surat pengantar RT/RW", "Fotocopy KTP / KK"]
    # ...but a sentence about the procedure or the cost is no such introduction
    body = (f"<div>{SPAN}Berikut syarat dan cara pengurusannya :</span></div>"
            f"<div>{SPAN}- Datang ke kantor lurah</span></div>")
    assert read(contempo("Info", body, []), "/2024/01/info.html").sections.get(
        "requirements") is None


def test_a_line_numbered_by_hand_after_a_blank_line_is_no_cost_or_time():
    """A hand-numbered or bulleted line is an item of a list field only: under a cost or a
    time a new paragraph still ends the value, so the contact lines and the Lurah's
    signature after a blank line are not how long the letter takes, and "H. Ahmad Yani"
    is a name, not a list's letter."""
    lines = ["<b>Persyaratan :</b>", "1.&nbsp;Surat pengantar RT/RW",
             "2.&nbsp;Fotokopi KTP dan KK", "<b>Biaya :</b> Gratis",
             "<b>Waktu penyelesaian :</b> 1 hari kerja", "<br />",
             "Info lebih lanjut hubungi kami", "- WA 0812 3456 7890", "- Telp (0741) 123456",
             "<br />", "Lurah Legok,", "H. Ahmad Yani, S.Sos"]
    body = "".join(f"<div>{SPAN}{line}</span></div>" for line in lines)
    doc = read(contempo("Layanan Surat Domisili", body, ["Pelayanan"]),
               "/p/layanan-domisili.html").document
    assert doc.fields["requirements"] == ["Surat pengantar RT/RW", "Fotokopi KTP dan KK"]
    assert doc.fields["cost"] == "Gratis"
    assert doc.fields["duration"] == "1 hari kerja"
    # signed below the cost, and below the requirements
    for tag, lines, field, value in (
            ("p", ("Persyaratan:", "1. KTP", "2. KK", "Biaya: Gratis", "Kepala Dinas"),
             "cost", "Gratis"),
            ("div", ("Biaya: Gratis", "Persyaratan:", "1. KTP", "2. KK", "Hormat kami,"),
             "requirements", ["KTP", "KK"])):
        signed = "".join(f"<{tag}>{line}</{tag}>" for line in (*lines, "H. Ahmad Yani, S.Sos"))
        doc = read(contempo("Layanan Surat Domisili", signed, ["Pelayanan"]),
                   "/p/layanan-domisili.html").document
        assert doc.fields[field] == value


def test_a_question_about_meeting_the_requirements_heads_no_requirements():
    """Only a colon introduces a list: "Bagaimana jika saya belum memenuhi syarat?" in a
    FAQ asks a question, and what follows (the answer, the next question) is no
    requirement; nor does "Warga yang belum memenuhi persyaratan silakan menghubungi :"
    introduce what to bring."""
    faq = ("<p>Bagaimana jika saya belum memenuhi syarat?</p><p>Silakan hubungi petugas di "
           "loket informasi untuk konsultasi.</p><p>Apakah ada biaya?</p><p>Tidak, semua "
           "layanan gratis.</p>")
    found = read(contempo("Tanya Jawab KTP-el", faq, ["Pelayanan"]), "/p/faq-ktp.html")
    assert not found.document.fields.get("requirements")
    assert found.sections.get("requirements") is None
    contact = (f"<div>{SPAN}Warga yang belum memenuhi persyaratan silakan menghubungi :"
               f"</span></div><div>{SPAN}- Telp. (0741) 123456</span></div>"
               f"<div>{SPAN}- WA 0812 3456 7890</span></div>")
    found = read(contempo("Tanya Jawab KTP-el", contact, ["Pelayanan"]), "/p/faq-ktp.html")
    assert found.sections.get("requirements") is None
    # ...while a sentence saying what to bring still heads the list after it
    ppdb = (f"<div>{SPAN}Calon siswa wajib membawa berkas asli saat verifikasi :</span></div>"
            f"<div>{SPAN}- Akta kelahiran</span></div><div>{SPAN}- KK</span></div>")
    found = read(contempo("Pendaftaran PPDB", ppdb, ["Pelayanan"]), "/p/ppdb.html")
    assert found.document.fields["requirements"] == ["Akta kelahiran", "KK"]


@pytest.mark.parametrize("intro", ["Informasi persyaratan lebih lanjut silakan hubungi :",
                                   "Berkas persyaratan dapat dikirim melalui :"])
def test_where_to_ask_or_send_the_requirements_heads_no_requirements(intro):
    """A sentence saying whom to ask or where to send the papers names the requirements but
    introduces contacts: the WhatsApp and e-mail lines after it are no requirements."""
    lines = ["Persyaratan :", "1.&nbsp;KTP", "2.&nbsp;KK", "Biaya : Gratis", "<br />", intro,
             "- WA 0812 3456 7890", "- Email kel@contoh.go.id"]
    body = "".join(f"<div>{SPAN}{line}</span></div>" for line in lines)
    doc = read(contempo("Layanan Surat Domisili", body, ["Pelayanan"]),
               "/p/layanan-domisili.html").document
    assert doc.fields["requirements"] == ["KTP", "KK"]


def _labels(head: str, labels: str, url: str) -> list[str]:
    from crawler.extract.html import parse_html, post_labels, tags_in

    page = f"<html><head>{head}</head><body><div class='post-footer'>{labels}</div></body></html>"
    return [link.url for link in post_labels(url, tags_in(parse_html(page)))]


def test_a_posts_labels_resolve_against_its_base_href_as_a_browser_resolves_them():
    """Links resolve against ``<base href>`` when the page has one (the HTML standard),
    else against the page's URL. The labels were resolved against the page's URL and then
    kept only on the base's origin: a post whose base names the blog's other host lost
    every label, and a base naming a folder put them at paths the site does not have."""
    post = BLOG + "/2024/02/jadwal-imunisasi-bayi.html"
    tags = ("<a href='search/label/Pelayanan' rel='tag'>Pelayanan</a>"
            "<a href='/search/label/Info' rel='tag'>Info</a>"
            f"<a href='{BLOG}/search/label/Berita' rel='tag'>Berita</a>"
            "<a href='http://technorati.com/tag/Info' rel='tag'>Info</a>")
    www = "http://www.kel-contoh.blogspot.com"
    assert _labels(f"<base href='{www}/'>", tags, post) == [
        www + "/search/label/Pelayanan", www + "/search/label/Info",
        BLOG + "/search/label/Berita"]
    assert _labels("<base href='/blog/'>", tags, post) == [
        BLOG + "/blog/search/label/Pelayanan", BLOG + "/search/label/Info",
        BLOG + "/search/label/Berita"]
    # no base: the page's URL decides
    assert _labels("", tags, post) == [
        BLOG + "/2024/02/search/label/Pelayanan", BLOG + "/search/label/Info",
        BLOG + "/search/label/Berita"]


FEED = "https://www.blogger.com/feeds/23014469394190"
DECLARED = (f"<link rel='service.post' type='application/atom+xml' href='{FEED}/posts/default'/>"
            "<link rel='EditURI' type='application/rsd+xml' "
            "href='https://www.blogger.com/rsd.g?blogID=23014469394190'/>")


def _toc(head: str, src: str) -> object:
    from crawler.extract.jsonlist import shell_scripts

    page = (f"<html><head>{head}</head><body><h3>Daftar Isi</h3><div id='toc'></div>"
            f"<script>function loadtoc(json){{}}</script><script src='{src}'></script>"
            "</body></html>")
    return shell_scripts(page, BLOG + "/p/daftar-isi.html", "Daftar Isi")


def test_a_blogs_own_feed_on_blogger_com_is_read_when_its_pages_declare_the_blog():
    """A table of contents loading the post feed from www.blogger.com by the blog's id was
    no endpoint (another site) and the scope refused it: the page was reported unreadable.
    The feed of the blog the page declares is the source's own; nothing else there is."""
    from crawler.downloadermiddlewares.offsite import SiteScope
    from crawler.extract.jsonlist import endpoints

    toc = f"{FEED}/posts/summary?alt=json-in-script&amp;max-results=150&amp;callback=loadtoc"
    read = _toc(DECLARED, toc)
    assert read.endpoints == [toc.replace("&amp;", "&")] and read.script_files == []
    assert read.blogs == {"23014469394190"}
    assert _toc("", toc).endpoints == []  # a page declaring no blog
    other = toc.replace("23014469394190", "99999")
    assert _toc(DECLARED, other).endpoints == []  # another blog's feed
    comments = f"{FEED}/comments/default?alt=json-in-script&amp;callback=c"
    assert _toc(DECLARED, comments).endpoints == []
    code = f"$.getJSON('{FEED}/posts/default?alt=json&callback=?')"
    assert endpoints(code, BLOG + "/", blogs=read.blogs) == [
        f"{FEED}/posts/default?alt=json&callback=jQueryCallback"]
    assert endpoints(code, BLOG + "/") == []

    scope = SiteScope(Source(name="s", opd="o", start_urls=[BLOG + "/"]))
    assert not scope.allows(f"{FEED}/posts/default?alt=json")
    scope.declare_blogs(read.blogs)
    assert scope.allows(f"{FEED}/posts/default?alt=json")
    assert scope.allows(f"{FEED}/pages/default")
    assert scope.allows("http://blogger.com/feeds/23014469394190/posts/summary/-/Layanan")
    for refused in (f"{FEED}/comments/default", f"{FEED}/8812/comments/default",
                    "https://www.blogger.com/feeds/99999/posts/default",
                    "https://www.blogger.com/rsd.g?blogID=23014469394190",
                    "https://www.blogger.com/profile/0123", "https://draft.blogger.com/feeds/"
                    "23014469394190/posts/default", "https://www.blogger.com:8443/feeds/"
                    "23014469394190/posts/default"):
        assert not scope.allows(refused), refused
