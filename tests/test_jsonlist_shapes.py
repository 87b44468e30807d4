"""JSON that script-drawn OPD sites load comes in many shapes; the services in it must be
read whatever the API's author named and nested things."""

from __future__ import annotations

import json

import pytest

from crawler.extract.jsonlist import NotRecords, json_records, record_document

PAGE = "http://127.0.0.1:9000/layanan"
API = "http://127.0.0.1:9000/api/v1/services?limit=100"


def read(payload: object) -> list:
    records = json_records(json.dumps(payload).encode())
    docs = [record_document(r, page_url=PAGE, endpoint_url=API, source="pdam",
                            opd="Perumda Air Minum", fetched_at="2026-01-01T00:00:00+00:00")
            for r in records]
    return [d for d in docs if d is not None]


def test_records_nested_two_levels_down_are_found():
    payload = {"status": "ok", "meta": {"total": 2, "tags": ["air", "pdam"]},
               "data": {"page": 1, "items": [
                   {"id": 1, "judulLayanan": "Pemasangan Sambungan Baru",
                    "syaratLayanan": ["Fotokopi KTP", "Fotokopi KK"],
                    "biayaLayanan": "Rp 1.500.000", "estimasiWaktu": "7 hari kerja"},
                   {"id": 2, "judulLayanan": "Pengaduan Gangguan Air",
                    "uraian": "Lapor air tidak mengalir."}]}}
    docs = read(payload)
    assert [d.title for d in docs] == ["Pemasangan Sambungan Baru", "Pengaduan Gangguan Air"]
    first = docs[0]
    assert first.kind == "service"
    assert first.fields["requirements"] == ["Fotokopi KTP", "Fotokopi KK"]
    assert first.fields["cost"] == "Rp 1.500.000"
    assert first.fields["duration"] == "7 hari kerja"
    assert "Lapor air tidak mengalir." in docs[1].text


def test_attributes_wrappers_and_item_objects_are_unwrapped():
    payload = {"data": [{"type": "layanan", "id": "9", "attributes": {
        "nama_pelayanan": "Balik Nama Pelanggan",
        "persyaratan": [{"nama": "Surat jual beli rumah"}, {"nama": "KTP pemilik baru"}],
        "tarif": "Rp 100.000", "link_aplikasi": "https://pdam.example.go.id/daftar"}}]}
    (doc,) = read(payload)
    assert doc.title == "Balik Nama Pelanggan"
    assert doc.fields["requirements"] == ["Surat jual beli rumah", "KTP pemilik baru"]
    assert doc.fields["online_url"] == "https://pdam.example.go.id/daftar"
    assert doc.url.startswith(PAGE + "#")  # the app link is not the record's own page


def test_ids_icons_and_codes_are_not_taken_for_names():
    (doc,) = read([{"kode_layanan": "L-01", "icon_name": "water", "nama": "Cek Tagihan"}])
    assert doc.title == "Cek Tagihan"


@pytest.mark.parametrize("payload", [{"status": "ok"}, [1, 2, 3], {"data": {"n": 1}}])
def test_json_without_records_says_so(payload):
    with pytest.raises(NotRecords):
        json_records(json.dumps(payload).encode())


def test_a_record_without_service_fields_is_judged_as_a_page_would_be():
    """A name and a summary only: a service when the app shows it under a service route and
    its name names one (with the confidence such a page gets), a page otherwise."""
    record = {"slug": "legalisir-dokumen", "nama_layanan": "Legalisir Dokumen Kependudukan",
              "ringkasan": "Dokumen ber-TTE tidak perlu dilegalisir."}

    def shown(route: str):
        return record_document(record, page_url="http://127.0.0.1:9000/",
                               endpoint_url="http://127.0.0.1:9000/api/v1/data",
                               source="s", opd="o", fetched_at="", routes=[(route, "slug")])

    service = shown("#/layanan/")
    assert service.url == "http://127.0.0.1:9000/#/layanan/legalisir-dokumen"
    assert service.kind == "service" and service.fields == {"kind_confidence": 0.6}
    news = shown("#/berita/")
    assert news.kind == "page" and news.fields == {}
    assert news.text == "Dokumen ber-TTE tidak perlu dilegalisir."


def test_strapi_objects_under_a_field_name_are_that_fields_text():
    """Strapi-style records wrap each value in an object: {"biaya": {"nominal": null,
    "keterangan": "..."}}, steps as [{"id": 1, "langkah": "..."}]."""
    docs = read({"data": {"items": [{"id": 4, "attributes": {
        "nama_layanan": "Pajak Reklame", "slug": "pajak-reklame",
        "persyaratan": [{"id": 1, "uraian": "Data reklame"}],
        "alur": [{"id": 1, "langkah": "Ajukan penetapan"}, {"id": 2, "langkah": "Bayar SKPD"}],
        "biaya": {"nominal": None, "keterangan": "Sesuai Perda 2/2024"},
        "waktu_penyelesaian": {"keterangan": "Bulanan"},
        "lokasi": {"nama": "Loket BPPRD"},
        "kategori": {"data": {"id": 3, "attributes": {"nama": "e-Pajak"}}}}}]}})
    assert len(docs) == 1 and docs[0].title == "Pajak Reklame"
    fields = docs[0].fields
    assert fields["procedure"] == ["Ajukan penetapan", "Bayar SKPD"]
    assert (fields["cost"], fields["duration"], fields["location"]) == (
        "Sesuai Perda 2/2024", "Bulanan", "Loket BPPRD")


def test_a_detail_endpoint_is_one_record_not_the_list_of_its_requirements():
    """``/api/layanan/12`` wraps one record in an envelope; its arrays are the record's
    requirements and steps, not records of their own."""
    envelope = {"status": True, "message": "Detail layanan", "data": {
        "id": 12, "nama_layanan": "Usulan Data DTSEN", "tarif": "Gratis",
        "syarat": "<ol><li>Fotokopi KTP</li><li>Fotokopi KK</li></ol>",
        "alur": ["Daftar ke kelurahan", "Verifikasi lapangan"], "lama_proses": "± 3 bulan"}}
    jsonapi = {"data": {"type": "services", "id": "3", "attributes": {
        "title": "Izin Reklame", "requirements": [{"name": "Permohonan", "mandatory": True},
                                                  {"name": "Fotokopi e-KTP", "mandatory": True}],
        "fee": {"amount": 0, "currency": "IDR", "note": "Bebas biaya izin"},
        "processing_time": "3 jam", "steps": ["Ajukan", "Verifikasi"],
        "legal_basis": "UU 1/2022"}}, "links": {"self": "/api/v1/services/izin-reklame"}}
    first, second = read(envelope), read(jsonapi)
    assert [d.title for d in first] == ["Usulan Data DTSEN"]
    assert first[0].kind == "service"
    assert first[0].fields["requirements"] == ["Fotokopi KTP", "Fotokopi KK"]
    assert first[0].fields["procedure"] == ["Daftar ke kelurahan", "Verifikasi lapangan"]
    assert first[0].fields["duration"] == "± 3 bulan"
    assert [d.title for d in second] == ["Izin Reklame"]
    fields = second[0].fields
    assert fields["requirements"] == ["Permohonan", "Fotokopi e-KTP"]
    assert fields["cost"] == "Bebas biaya izin"  # the note, not the currency code beside it
    assert fields["duration"] == "3 jam"
    assert fields["procedure"] == ["Ajukan", "Verifikasi"]
    assert fields["legal_basis"] == "UU 1/2022"
    assert "Waktu Penyelesaian: 3 jam" in second[0].text


def test_a_list_envelope_keeps_its_records_however_they_are_named():
    payload = {"status": True, "data": {"layanan": [{"id": 1, "nama": "Santunan Kematian"},
                                                    {"id": 2, "nama": "Usulan DTSEN"}],
                                        "total": 2}}
    assert [d.title for d in read(payload)] == ["Santunan Kematian", "Usulan DTSEN"]


def mixed_rows() -> list[dict]:
    service = {"kategori": "layanan", "isi": "<p>Surat dari kelurahan.</p>",
               "persyaratan": [{"dokumen": "Pengantar RT/RW"}], "biaya": "Gratis",
               "waktu_penyelesaian": "1 hari"}
    return [
        {**service, "id": 1, "judul": "Surat Keterangan Domisili", "slug": "domisili"},
        {**service, "id": 2, "judul": "Surat Keterangan Tidak Mampu", "slug": "sktm"},
        {**service, "id": 3, "judul": "Dana Kampung Bahagia", "slug": "kampung"},
        {"id": 4, "judul": "Pengantar Pindah Keluar", "slug": "pindah", "kategori": "layanan",
         "isi": "<p>Bagi warga yang pindah ke luar kota.</p>"},
        {"id": 5, "judul": "Pelayanan Adminduk Keliling di Olak Kemang", "slug": "keliling",
         "kategori": "berita", "isi": "<p>Warga membawa fotokopi KK; layanan gratis.</p>",
         "tanggal": "2025-08-19"},
        {"id": 6, "judul": "Musyawarah Warga Tanjung Raden", "slug": "musyawarah",
         "kategori": "berita", "isi": "<p>Ketua RT bermusyawarah.</p>",
         "tanggal": "2025-10-02"},
    ]


def test_one_endpoint_of_services_and_news_is_told_apart_by_its_category():
    """News items and services in one endpoint: each shown at the route its category names,
    dated news as news, and a service typed with its name and a sentence only is a service, as
    the records of its category are."""
    from crawler.extract.jsonlist import settle_kinds, value_columns

    routes = [("/berita/", "slug"), ("/layanan/", "slug")]
    rows = mixed_rows()
    read_as = value_columns(rows)
    docs = [record_document(r, page_url="http://127.0.0.1:9000/", fetched_at="2026-01-01",
                            endpoint_url="http://127.0.0.1:9000/api/konten", source="kec",
                            opd="Kecamatan Danau Teluk", routes=routes, read_as=read_as)
            for r in rows]
    settled = {d.title: d for d in settle_kinds(list(zip(rows, docs, strict=True)), read_as)}
    pindah = settled["Pengantar Pindah Keluar"]
    assert pindah.url == "http://127.0.0.1:9000/layanan/pindah"
    assert pindah.kind == "service"
    assert pindah.fields["kind_confidence"] < 1.0
    news = settled["Pelayanan Adminduk Keliling di Olak Kemang"]
    assert news.url == "http://127.0.0.1:9000/berita/keliling"
    assert news.kind == "news"
    assert settled["Surat Keterangan Domisili"].fields["requirements"] == ["Pengantar RT/RW"]


def test_siblings_do_not_make_services_of_a_list_that_is_mostly_pages():
    from crawler.extract.jsonlist import settle_kinds, value_columns

    rows = [{"id": n, "judul": title, "isi": "<p>Informasi.</p>"} for n, title in
            enumerate(["Profil Kecamatan", "Visi dan Misi", "Struktur Organisasi"], 1)]
    rows.append({**mixed_rows()[0], "kategori": None})
    read_as = value_columns(rows)
    docs = [record_document(r, page_url="http://127.0.0.1:9000/", fetched_at="2026-01-01",
                            endpoint_url="http://127.0.0.1:9000/api/halaman", source="kec",
                            opd="Kecamatan", routes=[], read_as=read_as) for r in rows]
    kinds = [d.kind for d in settle_kinds(list(zip(rows, docs, strict=True)), read_as)]
    assert kinds == ["page", "page", "page", "service"]
