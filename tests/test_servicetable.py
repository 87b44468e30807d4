"""A table whose rows are services (crawler/extract/servicetable.py): each row a service of
its own, read from the page as the crawler reads it; a table of one service's parts is not
one."""

from __future__ import annotations

import pytest

from crawler.extract.document import html_document

URL = "http://kel.example.go.id/artikel/2023/9/4/persyaratan-surat"


def page(body: str) -> bytes:
    return (f"<html><head><title>Persyaratan Surat</title></head><body><main><article>"
            f"<h1>Persyaratan Surat</h1>{body}</article></main></body></html>").encode()


def read(body: str):
    return html_document(page(body), url=URL, content_type="text/html",
                         http_last_modified=None, source="kel", opd="Kelurahan Uji")


LETTERS = ("<p>Persyaratan surat yang dilayani Kantor Lurah:</p><table><tbody>"
           "<tr><td><b>No</b></td><td><b>Jenis Surat</b></td><td><b>Persyaratan</b></td></tr>"
           "<tr><td>1</td><td>Surat Keterangan Kematian</td><td>- Surat kematian dari dokter"
           "<br>- Fotokopi KK/KTP yang meninggal</td></tr>"
           "<tr><td>2</td><td>Keterangan Domisili Penduduk</td><td>- Surat pengantar RT/RW"
           "<br>- Fotokopi KTP/KK</td></tr>"
           "<tr><td>3</td><td>Syarat Pengurusan SKTM</td><td>- Pengantar RT/RW<br>- KTP/KK</td>"
           "</tr></tbody></table>")


def test_each_letter_of_a_requirements_table_is_a_service_with_its_own_requirements():
    got = read(LETTERS)
    assert got.document.kind == "page" and got.document.fields == {"listing": True}
    rows = {d.title: d for d in got.parts}
    assert list(rows) == ["Surat Keterangan Kematian", "Keterangan Domisili Penduduk",
                          "Syarat Pengurusan SKTM"]
    sktm = rows["Syarat Pengurusan SKTM"]
    assert sktm.url == f"{URL}#syarat-pengurusan-sktm" and sktm.parent_url == URL
    # a service by the table's header, its row holding one section only
    assert sktm.kind == "service" and sktm.fields["kind_confidence"] < 1.0
    assert sktm.fields["requirements"] == ["Pengantar RT/RW", "KTP/KK"]
    assert rows["Keterangan Domisili Penduduk"].fields["requirements"] == [
        "Surat pengantar RT/RW", "Fotokopi KTP/KK"]


def test_a_price_list_of_permits_gives_each_its_cost_and_time():
    got = read("<table><tr><th>Nama Izin</th><th>Biaya</th><th>Lama Proses</th></tr>"
               "<tr><td>Izin Reklame</td><td>Sesuai Perda</td><td>5 hari kerja</td></tr>"
               "<tr><td>Izin Usaha Mikro</td><td>Gratis</td><td>1 hari kerja</td></tr>"
               "<tr><td>Izin Trayek</td><td>Rp100.000</td><td>7 hari kerja</td></tr></table>")
    rows = {d.title: d.fields for d in got.parts}
    assert rows["Izin Usaha Mikro"]["cost"] == "Gratis"
    assert rows["Izin Trayek"]["duration"] == "7 hari kerja"
    assert rows["Izin Trayek"]["kind_confidence"] == 1.0  # cost and time: a service's sections
    assert got.document.fields.get("listing")


# rows that are one service's parts: its requirements (no column names a letter or a
# service), or a standard's components (Komponen | Uraian)
ONE_SERVICE = {
    "requirements": ("<h2>Persyaratan</h2><table><tr><th>No</th><th>Persyaratan</th>"
                     "<th>Keterangan</th></tr><tr><td>1</td><td>Fotokopi KTP</td><td>2 lembar"
                     "</td></tr><tr><td>2</td><td>Fotokopi KK</td><td>1 lembar</td></tr><tr>"
                     "<td>3</td><td>Pengantar RT</td><td>asli</td></tr></table>"
                     "<h2>Biaya</h2><p>Gratis</p>"),
    "components": ("<table><tr><th>Komponen</th><th>Uraian</th></tr>"
                   "<tr><td>Persyaratan</td><td>- Fotokopi KTP<br>- Fotokopi KK</td></tr>"
                   "<tr><td>Biaya</td><td>Gratis</td></tr>"
                   "<tr><td>Waktu Penyelesaian</td><td>1 hari kerja</td></tr></table>"),
}


@pytest.mark.parametrize("body", ONE_SERVICE.values(), ids=ONE_SERVICE.keys())
def test_a_table_of_one_service_s_parts_stays_one_service(body):
    got = read(body)
    assert got.parts == []
    assert got.document.kind == "service"
    assert got.document.fields["cost"] == "Gratis"
    assert got.document.fields["requirements"][:2] == ["Fotokopi KTP", "Fotokopi KK"]


def test_a_word_table_s_merged_rows_give_each_letter_all_its_requirements():
    """Word merges a letter's name over the rows of its requirements: each continuation row
    is one more requirement of the letter above, not a row to skip."""
    got = read("<table><tr><th>No</th><th>Jenis Surat</th><th>Persyaratan</th></tr>"
               '<tr><td rowspan="3">1</td><td rowspan="3">Surat Keterangan Tidak Mampu</td>'
               "<td>Fotokopi KTP</td></tr><tr><td>Fotokopi KK</td></tr>"
               "<tr><td>Pengantar RT</td></tr>"
               '<tr><td rowspan="2">2</td><td rowspan="2">Surat Keterangan Domisili</td>'
               "<td>Fotokopi KTP</td></tr><tr><td>Pengantar RT/RW</td></tr>"
               "<tr><td>3</td><td>Surat Keterangan Usaha</td><td>KTP, foto usaha</td></tr>"
               "</table>")
    rows = {d.title: d.fields for d in got.parts}
    assert rows["Surat Keterangan Tidak Mampu"]["requirements"] == [
        "Fotokopi KTP", "Fotokopi KK", "Pengantar RT"]
    assert rows["Surat Keterangan Domisili"]["requirements"] == ["Fotokopi KTP",
                                                                 "Pengantar RT/RW"]
    assert rows["Surat Keterangan Usaha"]["requirements"] == ["KTP, foto usaha"]


def test_a_cost_merged_over_several_letters_is_each_one_s():
    got = read("<table><tr><th>Jenis Surat</th><th>Persyaratan</th><th>Biaya</th></tr>"
               '<tr><td>Surat Keterangan Usaha</td><td>KTP</td><td rowspan="2">Gratis</td></tr>'
               "<tr><td>Surat Keterangan Domisili</td><td>Pengantar RT</td></tr>"
               '<tr><td>Surat Pindah</td><td colspan="2">Datang langsung ke Disdukcapil</td>'
               "</tr></table>")
    rows = {d.title: d.fields for d in got.parts}
    assert rows["Surat Keterangan Usaha"]["cost"] == "Gratis"
    assert rows["Surat Keterangan Domisili"] == {"requirements": ["Pengantar RT"],
                                                 "cost": "Gratis", "kind_confidence": 1.0}
    # a cell across two columns is read once, under the first
    assert "cost" not in rows["Surat Pindah"]
