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
PAGES = [
    ("http://a.test/", "SIJEMPOL - DPMPTSP Kota Jambi", DPMPTSP),
    ("http://a.test/#/layanan/1", "Nomor Induk Berusaha", DPMPTSP),
    ("http://b.test/", "Beranda DPMPTSP Kota Jambi", DPMPTSP),
    ("http://c.test/", "Beranda Damkar Kota Jambi", DAMKAR),
    ("http://d.test/", "Beranda Dinas Sosial Kota Jambi", "Dinas Sosial Kota Jambi"),
    ("http://e.test/", "SIAP NAKES Dinkes Kota Jambi", DINKES),
    ("http://f.test/", "Puskesmas Rawasari", "UPTD Puskesmas Rawasari Kota Jambi"),
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
    assert homes["http://a.test/"].name == {"sijempol"}
    assert homes["http://a.test/"].brand
    assert homes["http://e.test/"].name == {"nakes"}  # "Dinkes" is the agency's
    # "Beranda" is on three homes: the template's; what is left names the agency only
    assert not homes["http://c.test/"].brand
    assert not homes["http://f.test/"].brand
    assert homes["http://f.test/"].name == {"puskesmas", "rawasari"}


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
    asked = home_asked(homes.values(), analyzer, analyzer.analyze_query(query),
                       lambda opd, word: False)
    assert asked == home
