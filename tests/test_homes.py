"""The name a site gives itself, read from its home page's title against the other homes and
its OPD's name (indexer/homes.py), and the queries that ask for that site alone."""
from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.backend import DocMeta
from indexer.homes import home_asked, site_homes

DPMPTSP = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi"
DINKES = "Dinas Kesehatan Kota Jambi"
DAMKAR = "Dinas Pemadam Kebakaran dan Penyelamatan Kota Jambi"
PUPR = "Dinas Pekerjaan Umum dan Penataan Ruang Kota Jambi"
BPPRD = "Badan Pengelola Pajak dan Retribusi Daerah Kota Jambi"
PAGES = [
    ("http://a.test/", "SIJEMPOL - DPMPTSP Kota Jambi", DPMPTSP),
    ("http://a.test/#/layanan/1", "Nomor Induk Berusaha", DPMPTSP),
    ("http://b.test/", "Beranda DPMPTSP Kota Jambi", DPMPTSP),
    ("http://c.test/", "Beranda Damkar Kota Jambi", DAMKAR),
    ("http://d.test/", "Beranda Dinas Sosial Kota Jambi", "Dinas Sosial Kota Jambi"),
    ("http://e.test/", "SIAP NAKES Dinkes Kota Jambi", DINKES),
    ("http://f.test/", "Puskesmas Rawasari", "UPTD Puskesmas Rawasari Kota Jambi"),
    ("http://g.test/", "UPTD PKB Dishub Kota Jambi",
     "UPTD Pengujian Kendaraan Bermotor Dinas Perhubungan Kota Jambi"),
    ("http://h.test/", "BALIKAT Kota Jambi", "Balai Latihan Kerja Tematik (BALIKAT) Kota Jambi"),
    ("http://i.test/", "Jambi Sehat - Dinas Kesehatan Kota Jambi", DINKES),
    ("http://j.test/", "Kecamatan Kota Baru", "Kecamatan Kota Baru"),
    ("http://k.test/", "Kecamatan Pasar Jambi", "Kecamatan Pasar Jambi"),
    ("http://l.test/", "Kecamatan Jelutung", "Kecamatan Jelutung"),
    ("http://m.test/", "Portal Layanan MPP Kota Jambi", "Mal Pelayanan Publik Kota Jambi"),
    ("http://n.test/", "SIMPATIK DPMPTSP", DPMPTSP),
    # a site whose pages are mostly complaints: "Pengaduan" is what it is about
    ("http://o.test/", "SIMPEL PUPR Kota Jambi", PUPR),
    ("http://o.test/#/layanan/12", "Pengaduan Jalan Kota Rusak atau Berlubang", PUPR),
    ("http://o.test/#/layanan/15", "Pengaduan Parit Tersumbat dan Genangan Air", PUPR),
    ("http://o.test/#/layanan/7", "Persetujuan Bangunan Gedung (PBG)", PUPR),
    # "Layanan" on the homes of three OPDs: the template's
    ("http://p.test/", "Layanan Kelurahan Kenali Asam", "Kelurahan Kenali Asam"),
    ("http://q.test/", "Layanan Ketenagakerjaan Disnaker Kota Jambi",
     "Dinas Tenaga Kerja Kota Jambi"),
    # sites whose pages are services of one subject: a query saying the subject asks for
    # the service page its title says, not for the home
    ("http://e.test/layanan/sip-dokter", "Rekomendasi Surat Izin Praktik Dokter", DINKES),
    ("http://e.test/layanan/sip-perawat", "Rekomendasi Surat Izin Praktik Perawat", DINKES),
    ("http://e.test/layanan/sip-bidan", "Rekomendasi Surat Izin Praktik Bidan", DINKES),
    ("http://r.test/", "SIBANSOS Dinas Sosial", "Dinas Sosial Kota Jambi"),
    ("http://r.test/#/layanan/12", "Usulan dan Perbaikan Data DTSEN (eks DTKS)",
     "Dinas Sosial Kota Jambi"),
    ("http://r.test/#jadwal-1", "Jadwal verifikasi lapangan DTSEN Kelurahan Kenali Besar",
     "Dinas Sosial Kota Jambi"),
    ("http://r.test/#jadwal-2", "Jadwal verifikasi lapangan DTSEN Kelurahan Jelutung",
     "Dinas Sosial Kota Jambi"),
    ("http://s.test/", "SIPANDA BPPRD Kota Jambi", BPPRD),
    ("http://s.test/#/services/101", "Pembayaran PBB-P2", BPPRD),
    ("http://s.test/#/services/103", "Pembetulan Data SPPT PBB", BPPRD),
    ("http://s.test/#/services/104", "Pengajuan Keberatan PBB", BPPRD),
]


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer()


@pytest.fixture(scope="module")
def homes(analyzer):
    metas = [DocMeta(id=url, url=url, title=title, opd=opd, kind="page")
             for url, title, opd in PAGES]
    return {h.id: h for h in site_homes(analyzer, metas)}


def test_the_brand_is_what_neither_the_template_nor_the_agency_says(homes):
    assert "http://a.test/#/layanan/1" not in homes  # an SPA's route is no home
    assert homes["http://a.test/"].name == ("sijempol",)
    assert homes["http://a.test/"].brand
    assert homes["http://e.test/"].name == ("nakes",)  # "Dinkes" is the agency's
    # "Beranda" is on the homes of three OPDs: the template's; the rest names the agency
    assert not homes["http://c.test/"].brand
    assert not homes["http://f.test/"].brand
    assert homes["http://f.test/"].name == ("puskesmas", "rawasari")
    # the name as written: "Sehat", not the stem "Kesehatan" shares
    assert homes["http://i.test/"].name == ("sehat",)
    # "PKB" is the initials of "Pengujian Kendaraan Bermotor": the agency's, no brand
    assert not homes["http://g.test/"].brand
    # a brand word that asks for a site names nothing
    assert "portal" not in homes["http://m.test/"].name


@pytest.mark.parametrize("query,home", [
    ("aplikasi sijempol dpmptsp kota jambi", "http://a.test/"),
    ("sijempol login", "http://a.test/"),
    ("download aplikasi siap nakes", "http://e.test/"),
    ("website puskesmas rawasari", "http://f.test/"),
    # a service besides the name, or an agency's name without a word asking for a site
    ("sijempol cara daftar nib", None),
    ("pemadam kebakaran damkar jambi", None),
    ("puskesmas rawasari poli gigi", None),
])
def test_a_query_asks_for_a_site_by_its_name_and_nothing_else(analyzer, homes, query, home):
    assert asked(analyzer, homes, query) == home


def asked(analyzer, homes, query):
    def readings(word):
        terms = analyzer.analyze_query(word).terms
        return set(analyzer.index_tokens(word)), [set(t.tokens) for t in terms if t.tokens]
    names = {opd: frozenset(analyzer.index_tokens(opd)) for _, _, opd in PAGES}
    return home_asked(homes.values(), analyzer, analyzer.analyze_query(query), readings, names)


@pytest.mark.parametrize("query", [
    # the OPD's name is a service's name: its words ask for the service, and "online" is
    # said of services, no cue for a site
    "uji kendaraan bermotor pkb",
    "pengujian kendaraan bermotor pkb",
    "aplikasi uji kendaraan bermotor pkb",
    "pelatihan kerja balikat online",
    "pemadam kebakaran damkar online",
    # a name is said as written: "kesehatan" and "terbaru" do not say "Sehat" and "Baru"
    "kesehatan",
    "dinas kesehatan kota jambi",
    "download aplikasi terbaru",
    # a name that is one word of the dictionary needs more than that word
    "sehat",
    "aplikasi baru",
    "aplikasi pasar",
    # an agency named beside "aplikasi" asks for its apps, not for its website
    "aplikasi kecamatan pasar jambi",
    # "portal" asks for a site and names none; nor does a query of cue words alone
    "aplikasi portal",
    "portal kota jambi",
])
def test_a_service_or_a_generic_word_asks_for_no_site(analyzer, homes, query):
    assert asked(analyzer, homes, query) is None


@pytest.mark.parametrize("query,home", [
    ("aplikasi jambi sehat", "http://i.test/"),  # the name beside its title's neighbour
    ("website kecamatan kota baru", "http://j.test/"),
    ("website kecamatan pasar jambi", "http://k.test/"),
    ("website uptd pkb dishub", "http://g.test/"),
    ("simpatik perizinan kota jambi", "http://n.test/"),  # "perizinan" reads "DPMPTSP"
])
def test_a_generic_name_with_more_of_its_title_asks_for_the_site(analyzer, homes, query, home):
    assert asked(analyzer, homes, query) == home


@pytest.mark.parametrize("query,home", [
    # "pengaduan" is said by most of the site's page titles, "layanan" by the template
    ("simpel pupr kota jambi layanan dan pengaduan", "http://o.test/"),
    ("aplikasi simpel pupr pengaduan", "http://o.test/"),
    # one complaint of the site: its page, not the home
    ("simpel pupr pengaduan jalan rusak", None),
    ("simpel pupr pbg", None),
])
def test_what_the_sites_pages_are_about_describes_the_site(analyzer, homes, query, home):
    assert asked(analyzer, homes, query) == home


@pytest.mark.parametrize("query", [
    "sibansos dtsen",
    "sipanda pbb",
    "siap nakes surat izin praktik",
    "rekomendasi izin praktik siap nakes",
    "simpel pupr pengaduan",
])
def test_a_brand_with_a_service_its_pages_title_asks_for_the_service(analyzer, homes, query):
    """A subject word is a service's title word on the site: the service page keeps its
    place, the home is not asked for (the subject describes the site only when no page's
    title says the query's other words)."""
    assert asked(analyzer, homes, query) is None


@pytest.mark.parametrize("query,home", [
    ("sibansos", "http://r.test/"),
    ("aplikasi sipanda pbb", "http://s.test/"),  # a word asking for the app itself
    ("download aplikasi siap nakes", "http://e.test/"),
])
def test_a_brand_alone_or_asked_for_as_an_app_still_gets_its_home(analyzer, homes, query,
                                                                   home):
    assert asked(analyzer, homes, query) == home
