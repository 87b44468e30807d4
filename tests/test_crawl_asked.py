"""Blog posts that list what the site's own services ask for are services (crawler.asked).

A kelurahan blog files its letters under "Layanan": two posts head their lists
"Persyaratan", the others list the same documents bare below one sentence, or in an image's
caption. The bare posts are services with their requirements; a report or a post filed
elsewhere that lists the same documents stays news.
"""

from __future__ import annotations

from crawler.asked import (
    MAX_ASKED,
    Asked,
    announces_registration,
    asked_items,
    item_runs,
    item_words,
    requirement_items,
    same_item,
)
from crawler.siblings import own_filings
from tests.faultserver import PageSite
from tests.test_crawl_siblings import kinds, labelled_blog, run


def service_body(intro: str, items: list[str]) -> str:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return (
        f"<p>{intro}</p><h3>Persyaratan</h3><ol>{listed}</ol><h3>Waktu Penyelesaian</h3>"
        "<p>1 hari kerja</p><h3>Biaya</h3><p>Gratis</p>"
    )


def bare_list(intro: str, items: list[str]) -> str:
    return f"<div>{intro}</div><ol>{''.join(f'<li>{item}</li>' for item in items)}</ol>"


# each post words its list its own way, as a blog's posts do: a line on more than half of a
# site's pages is its template's (crawler.boilerplate) and no post's
SKCK = ["Surat pengantar RT/RW", "Fotokopi KTP-el dan KK", "Pas foto 4x6 latar merah"]
SERVICES = {
    "/2024/01/syarat-sktm.html": (
        ("Layanan",),
        "Syarat Membuat SKTM",
        service_body(
            "SKTM untuk keringanan biaya sekolah dan berobat.",
            ["Surat pengantar RT/RW", "Fotokopi KTP-el pemohon", "Fotokopi Kartu Keluarga"],
        ),
    ),
    "/2024/02/surat-domisili.html": (
        ("Layanan",),
        "Surat Keterangan Domisili",
        service_body(
            "Bagi warga yang tinggal di kelurahan.", ["Pengantar RT dan RW", "Fotokopi KTP/KK"]
        ),
    ),
}
SKCK_POST = "/2024/08/pengantar-skck.html"
NIKAH_POST = "/2024/03/pengantar-nikah.html"
REPORT = "/2024/09/jemput-bola-skck.html"
ELSEWHERE = "/2024/10/arsip-kegiatan.html"
POSTS = {
    **SERVICES,
    SKCK_POST: (
        ("Layanan",),
        "Pengantar SKCK dari Kelurahan",
        bare_list("Surat pengantar dari kelurahan diperlukan untuk membuat SKCK di Polsek.", SKCK),
    ),
    NIKAH_POST: (
        ("Layanan",),
        "Pengantar Nikah (N1-N4) di Kelurahan",
        "<div>Calon pengantin mengurus surat pengantar nikah di kelurahan sebelum "
        "mendaftar ke KUA.</div><div><i>Keterangan gambar: pengantar RT/RW, fotokopi "
        "KTP dan KK, akta kelahiran, pas foto 2x3 latar biru.</i></div>",
    ),
    # a report filed with the services: it lists the same documents, and is news
    REPORT: (
        ("Layanan",),
        "Jemput Bola Pengantar SKCK di SMA",
        bare_list(
            "Kelurahan menggelar jemput bola pengantar SKCK di SMA Negeri 5. Sebanyak 60 siswa "
            "dilayani hari itu.",
            ["Surat pengantar dari RT/RW", "Fotokopi KTP dan KK", "Pas foto 4x6"],
        ),
    ),
    # the same list under a label that files no service
    ELSEWHERE: (
        ("Kegiatan",),
        "Catatan Kegiatan Oktober",
        bare_list(
            "Catatan kegiatan kantor kelurahan bulan Oktober.",
            ["Pengantar RT/RW", "Fotokopi KTP-el dan KK", "Pas foto 3x4"],
        ),
    ),
    "/2024/06/gotong-royong.html": (
        ("Berita",),
        "Gotong Royong Bersihkan Parit RT 07",
        "<p>Warga RT 07 membersihkan parit menjelang musim hujan.</p>",
    ),
    "/2024/07/lomba-kebersihan.html": (
        ("Berita",),
        "Lomba Kebersihan Antar RT",
        "<p>Penilaian meliputi drainase dan bank sampah.</p>",
    ),
    "/2024/11/musrenbang.html": (
        ("Berita",),
        "Musrenbang Kelurahan 2025",
        "<p>Warga mengusulkan perbaikan jalan lingkungan.</p>",
    ),
    "/2024/12/posyandu-balita.html": (
        ("Berita",),
        "Jadwal Posyandu Balita Desember",
        "<p>Posyandu buka setiap Selasa di balai RT 12.</p>",
    ),
}


def test_a_bare_list_of_what_the_site_s_services_ask_for_is_a_service_s(tmp_path):
    """The SKCK post lists three documents under one sentence and the nikah post names
    them in a poster's caption, both filed under "Layanan" with the two services whose
    requirements they share: services, their lists kept as their requirements, the same
    after a second crawl. The report of a school visit filed there too and a post filed
    under "Kegiatan" list the same documents and stay news."""
    with PageSite(labelled_blog(POSTS)) as site:
        run(site, tmp_path, "/")
        first = kinds(tmp_path)
        run(site, tmp_path, "/")
        again = kinds(tmp_path)
    assert first == again
    kind, fields = first[site.url(SKCK_POST)]
    assert kind == "service" and fields["kind_from"]["kind"] == "news", fields
    assert fields["requirements"] == SKCK
    kind, fields = first[site.url(NIKAH_POST)]
    assert kind == "service", fields
    assert fields["requirements"] == [
        "pengantar RT/RW",
        "fotokopi KTP dan KK",
        "akta kelahiran",
        "pas foto 2x3 latar biru",
    ]
    for path in (REPORT, ELSEWHERE):
        kind, fields = first[site.url(path)]
        assert kind == "news" and "requirements" not in fields, (path, fields)


def test_items_are_short_lines_or_a_caption_s_parts_not_sentences():
    text = (
        "Warga cukup membawa fotokopi KTP dan KK ke kantor lurah.\n"
        "Surat pengantar RT/RW\nFotokopi KTP-el dan KK\n"
        "Persyaratan Umum\n"
        "Keterangan gambar: pengantar RT/RW, fotokopi KK, akta kelahiran."
    )
    assert item_runs(text, frozenset({"Persyaratan Umum"})) == [
        ["Surat pengantar RT/RW", "Fotokopi KTP-el dan KK"],
        ["pengantar RT/RW", "fotokopi KK", "akta kelahiran"],
    ]


def test_two_items_name_one_requirement_by_most_of_the_shorter_one_s_words():
    assert same_item(item_words("Fotokopi KTP dan KK"), item_words("Fotokopi KTP-el pemohon"))
    assert not same_item(
        item_words("Surat pengantar RT/RW"), item_words("Surat pernyataan tidak mampu bermaterai")
    )
    asked = requirement_items(["Surat pengantar RT/RW", "Fotokopi KTP/KK"])
    # one shared item is not a list of what the services ask for
    assert asked_items("Surat pengantar RT/RW\nBuku KIA", asked) == []
    assert asked_items("Surat pengantar RT/RW\nFotokopi KK dan KTP\nBuku KIA", asked) == [
        "Surat pengantar RT/RW",
        "Fotokopi KK dan KTP",
        "Buku KIA",
    ]


def test_a_label_most_posts_are_filed_under_still_files_them(tmp_path):
    """A blog that is mostly services links "Layanan" from the footer of more than half of
    its pages, as a widget column would link it (``crawler.boilerplate.template_links``);
    the posts filed under "Berita" do not link it, so it is the posts' own label, and the
    SKCK post filed there is a service."""
    posts = {path: spec for path, spec in POSTS.items() if spec[0] != ("Berita",)}
    with PageSite(labelled_blog(posts)) as site:
        run(site, tmp_path, "/")
        got = kinds(tmp_path)
    kind, fields = got[site.url(SKCK_POST)]
    assert kind == "service" and fields["requirements"] == SKCK, fields
    assert got[site.url(REPORT)][0] == "news"


def test_a_widget_s_labels_on_every_page_stay_its_template_s():
    """A label every page that shows labels links is a widget's, however the site files
    its posts; one some posts link and others do not is the posts' own filing."""
    layanan = ("http://kel.go.id/search/label/Layanan", "Layanan")
    berita = ("http://kel.go.id/search/label/Berita", "Berita")
    post = ("http://kel.go.id/2024/01/post.html", "Syarat SKTM")
    widget = [[layanan, berita, post], [layanan, berita], [layanan, berita], []]
    assert own_filings(frozenset({layanan, berita}), widget) == frozenset()
    footers = [[layanan], [layanan], [layanan], [berita], []]
    assert own_filings(frozenset({layanan}), footers) == frozenset({layanan})


# a registration of something else, filed with the services: its list asks for the same
# identity papers every list asks for ("Fotokopi KTP dan KK", "Surat pengantar RT/RW"), and
# it is an announcement, not a letter the kelurahan issues
SCHOLARSHIP = "/2024/05/beasiswa-prestasi.html"
JOB = "/2024/04/lowongan-petugas-kebersihan.html"
REGISTRATIONS = {
    SCHOLARSHIP: (
        ("Layanan",),
        "Pendaftaran Beasiswa Prestasi Pelajar 2024",
        bare_list(
            "Pemerintah Kota Jambi membuka pendaftaran beasiswa prestasi bagi pelajar SMA. "
            "Pendaftaran dibuka hingga 15 Juli 2024 di kantor kelurahan.",
            ["Fotokopi KTP dan KK orang tua", "Surat pengantar RT/RW",
             "Fotokopi rapor semester terakhir", "Pas foto 3x4"],
        ),
    ),
    JOB: (
        ("Layanan",),
        "Kelurahan Butuh Petugas Kebersihan",
        bare_list(
            "Kelurahan mencari dua petugas kebersihan kantor. Lamaran diantar ke kantor "
            "kelurahan paling lambat 30 April.",
            ["Surat lamaran", "Fotokopi KTP dan KK", "Surat pengantar RT/RW", "Ijazah terakhir"],
        ),
    ),
}


def test_a_registration_listing_the_same_papers_under_the_label_stays_news(tmp_path):
    """A scholarship's and a job's registration, filed under "Layanan" beside the letters,
    list two of the letters' requirements (the KTP and KK, the RT/RW letter): they announce
    a registration, are no letter of the kelurahan's, and stay news."""
    with PageSite(labelled_blog({**POSTS, **REGISTRATIONS})) as site:
        run(site, tmp_path, "/")
        got = kinds(tmp_path)
    for path in (SCHOLARSHIP, JOB):
        kind, fields = got[site.url(path)]
        assert kind == "news" and "requirements" not in fields, (path, fields)



def test_a_sidebar_s_labels_missing_only_from_the_home_stay_template():
    """A sidebar of labels the extractor kept beside every post, and not on the home, whose
    list shows the posts' own footer labels: the sidebar's "Layanan" is no post's filing."""
    layanan = ("http://kel.go.id/search/label/Layanan", "Layanan")
    berita = ("http://kel.go.id/search/label/Berita", "Berita")
    sidebar = [layanan, berita]
    posts = [sidebar + [berita], sidebar + [layanan], sidebar + [berita], sidebar]
    home = [berita, layanan]  # the home lists posts with their footers, and no sidebar
    search = [berita]  # the label page of "Berita": its posts' footers
    pages = [*posts, home, search]
    listings = [False] * len(posts) + [True, True]
    assert own_filings(frozenset(sidebar), pages, listings) == frozenset()


def test_a_label_of_many_services_is_matched_by_its_most_asked_wordings():
    """A blog of a thousand letters asks for thousands of wordings: a post's items are
    matched against the ``MAX_ASKED`` most asked, each item once, so the step costs a post
    its items, not its items times every service's requirements."""
    common = frozenset({"fotokopi", "ktp"})
    rare = [frozenset({"dokumen", f"khusus{i}"}) for i in range(MAX_ASKED + 100)]
    asked = Asked([common] * 5 + rare)
    assert len(asked.items) == MAX_ASKED and asked.items[0] == common
    assert item_words("Fotokopi KTP-el") in asked
    assert item_words("Warga nomor 12 hadir pagi") not in asked
    text = "Fotokopi KTP-el\nFotokopi KTP suami dan istri\nBuku nikah"
    assert asked_items(text, asked) == asked_items(text, [common]) != []


def test_a_registration_is_told_by_its_intake_not_by_what_a_letter_is_for():
    assert announces_registration("Kelurahan Butuh Petugas", "Lamaran diantar ke kantor.")
    assert announces_registration("Info", "Pemkot membuka pendaftaran beasiswa prestasi.")
    assert announces_registration("Lowongan Petugas Kebersihan", "")
    # letters whose posts say what they are for stay eligible
    assert not announces_registration(
        "Pengantar SKCK", "SKCK diperlukan untuk lamaran kerja dan bagi pelamar CPNS."
    )
    assert not announces_registration("SKTM untuk Beasiswa KIP", "Untuk beasiswa kuliah.")
    assert not announces_registration("Kartu Kuning (AK/1)", "Untuk melamar lowongan kerja.")
