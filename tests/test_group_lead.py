"""Which page a near-duplicate group shows: the canonical one, unless the query names the
office of another member. Kecamatan publish one standard text, so two kecamatan's SKTM pages
are one group; a citizen who names Jambi Timur needs Jambi Timur's office, not the one the
group happens to be keyed on."""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher

TELANAI = "http://127.0.0.1:8701/layanan/sktm.html"
TIMUR = "http://127.0.0.1:8702/layanan/sktm"
TEXT = ("Surat Keterangan Tidak Mampu (SKTM) untuk keringanan biaya sekolah dan berobat. "
        "Persyaratan: surat pengantar RT/RW, fotokopi KTP dan KK. Biaya: gratis. "
        "Waktu: 1 hari kerja.")


def sktm(url: str, source: str, opd: str, group: str | None) -> Document:
    return Document(url=url, source=source, opd=opd, kind="service", group_id=group,
                    title="Surat Keterangan Tidak Mampu (SKTM)", text=TEXT)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    docs = [
        sktm(TELANAI, "kec-telanaipura", "Kecamatan Telanaipura", TELANAI),
        sktm(TIMUR, "kec-jambitimur", "Kecamatan Jambi Timur", TELANAI),
        Document(url="http://127.0.0.1:8703/berita/1", source="dinsos", opd="Dinas Sosial",
                 kind="news", title="Penyaluran bantuan sosial",
                 text="Dinas Sosial menyalurkan bantuan bagi keluarga tidak mampu."),
    ]
    s = keyword_searcher(tmp_path_factory.mktemp("groups"), docs)
    yield s
    s.close()


def test_the_group_shows_its_canonical_page_when_no_office_is_named(searcher):
    first = searcher.search("syarat sktm").results[0]
    assert first.url == TELANAI and TIMUR in first.also_at


@pytest.mark.parametrize("query", ["sktm kecamatan jambi timur", "syarat sktm di jambi timur"])
def test_the_office_the_query_names_leads_its_group(searcher, query):
    results = searcher.search(query).results
    assert results[0].url == TIMUR and TELANAI in results[0].also_at
    assert TIMUR not in [r.url for r in results[1:]] and TELANAI not in [r.url for r in results]


def test_naming_the_canonical_office_keeps_it(searcher):
    first = searcher.search("sktm kecamatan telanaipura").results[0]
    assert first.url == TELANAI and TIMUR in first.also_at
