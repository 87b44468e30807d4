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
