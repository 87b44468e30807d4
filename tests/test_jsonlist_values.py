"""A JSON record that describes a service is stored as a service with its fields whatever
its keys are called and however it is nested: where a key says nothing (``col1``,
``info``, ``deskripsi2``), its value says what it is, and the records of one endpoint are
compared with each other (issue #11). Lists that are not services stay what they are."""

from __future__ import annotations

import json

import pytest

from crawler.extract.jsonlist import (
    endpoints,
    json_records,
    record_document,
    settle_kinds,
    value_columns,
)
from crawler.extract.jsroutes import detail_prefixes, route_templates

PAGE = "http://127.0.0.1:9000/"
API = "http://127.0.0.1:9000/api/data"

TITLE = "Izin Penyelenggaraan Reklame"
SUMMARY = "Izin bagi pemasang papan reklame, baliho dan spanduk di Kota Jambi."
REQS = ["Fotokopi KTP pemohon", "Pas foto 3x4 dua lembar", "Surat permohonan bermeterai"]
STEPS = ["Isi formulir permohonan", "Serahkan berkas ke loket", "Ambil izin yang sudah terbit"]
COST = "Rp 150.000 per titik"
DURATION = "3 hari kerja"
PLACE = "Loket DPMPTSP, Mal Pelayanan Publik Kota Jambi"
# two more services of the same list, so that its columns can be compared
OTHERS = [
    ("Izin Praktik Bidan", ["Fotokopi STR bidan", "Surat rekomendasi IBI", "Pas foto 4x6"],
     ["Daftar akun di aplikasi perizinan", "Unggah dokumen", "Terima izin lewat email"],
     "Gratis", "5 hari kerja", "Loket DPMPTSP, Mal Pelayanan Publik Kota Jambi"),
    ("Nomor Induk Berusaha", ["KTP-el pemilik usaha", "NPWP pribadi"],
     ["Buka oss.go.id", "Isi data usaha", "Cetak NIB"],
     "Tidak dipungut biaya", "Seketika", "Kantor DPMPTSP, Jl. Basuki Rahmat Kota Jambi"),
]
EXPECTED = {"requirements": REQS, "procedure": STEPS, "cost": COST, "duration": DURATION,
            "location": PLACE}


def numbered(items: list[str]) -> str:
    return " ".join(f"{n}. {item}" for n, item in enumerate(items, 1))


def html_list(items: list[str]) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


# one record per naming: (title, requirements, steps, cost, duration, place) -> record
NAMINGS = {
    "indonesian": lambda t, r, s, c, d, p: {
        "nama": t, "deskripsi": SUMMARY, "syarat": r, "alur": s, "tarif": c,
        "lama_proses": d, "lokasi": p},
    "camel-case": lambda t, r, s, c, d, p: {
        "namaLayanan": t, "persyaratanLayanan": [{"nama": x, "keterangan": "wajib"} for x in r],
        "mekanisme": html_list(s), "retribusi": c, "estimasi": d, "tempatPelayanan": p},
    "english": lambda t, r, s, c, d, p: {
        "service_name": t, "summary": SUMMARY, "requirements": "\n".join(r),
        "steps": s, "fee": c, "sla": d, "location": p},
    "snake-case-documents": lambda t, r, s, c, d, p: {
        "judul": t, "dokumen_dibutuhkan": "; ".join(r), "sop": numbered(s),
        "pungutan": c, "lama": d, "unit_pelaksana": p},
    "opaque": lambda t, r, s, c, d, p: {
        "id": 7, "name": t, "summary": SUMMARY, "field_1": r, "col3": numbered(s),
        "info": c, "col4": d, "deskripsi2": p, "updated_at": "2025-06-12T04:10:33Z"},
    "joined-columns": lambda t, r, s, c, d, p: {
        "idlayanan": "12", "namalayanan": t, "persyaratanlayanan": "\n".join(r),
        "alurpelayanan": "<br>".join(s), "biayalayanan": c, "waktupenyelesaian": d,
        "lokasipelayanan": p},
    "graphql-components": lambda t, r, s, c, d, p: {
        "__typename": "Layanan", "namaLayanan": t,
        "dokumen": [{"__typename": "ComponentDokumen", "id": str(n), "teks": x}
                    for n, x in enumerate(r, 1)],
        "field2": html_list(s), "field3": c, "field4": d, "field5": p},
}
# one list per nesting: records -> payload
NESTINGS = {
    "array": lambda rows: rows,
    "strapi-v4": lambda rows: {"data": [{"id": n, "attributes": r} for n, r in enumerate(rows)],
                               "meta": {"pagination": {"page": 1, "pageCount": 1}}},
    "graphql": lambda rows: {"data": {"layanans": {"data": [
        {"__typename": "LayananEntity", "id": str(n), "attributes": r}
        for n, r in enumerate(rows)]}}},
    "result-items": lambda rows: {"status": "success", "result": {"items": rows, "count": 3}},
    "paginated": lambda rows: {"data": rows, "links": {"next": "/api/data?page=2"},
                               "meta": {"current_page": 1, "last_page": 2}},
}


def read_list(payload: object) -> list:
    """The documents of one endpoint, as the spider stores them."""
    records = json_records(json.dumps(payload).encode())
    read_as = value_columns(records)
    pairs = []
    for record in records:
        doc = record_document(record, page_url=PAGE, endpoint_url=API, source="sicantik",
                              opd="DPMPTSP Kota Jambi", fetched_at="2026-01-01T00:00:00+00:00",
                              read_as=read_as)
        if doc is not None:
            pairs.append((record, doc))
    return settle_kinds(pairs, read_as)


def service_fields(doc) -> dict:
    return {k: v for k, v in doc.fields.items() if k in EXPECTED}


@pytest.mark.parametrize("nesting", sorted(NESTINGS))
@pytest.mark.parametrize("naming", sorted(NAMINGS))
def test_one_service_is_read_the_same_whatever_its_keys_and_nesting(naming, nesting):
    make = NAMINGS[naming]
    rows = [make(TITLE, REQS, STEPS, COST, DURATION, PLACE)] + [make(*o) for o in OTHERS]
    docs = read_list(NESTINGS[nesting](rows))
    assert [d.title for d in docs] == [TITLE] + [o[0] for o in OTHERS]
    assert all(d.kind == "service" for d in docs)
    assert service_fields(docs[0]) == EXPECTED
    # what the answer card shows is in the text a citizen's words are matched against
    assert "Rp 150.000" in docs[0].text and "Pas foto 3x4" in docs[0].text


@pytest.mark.parametrize("naming", sorted(NAMINGS))
def test_a_detail_endpoints_lone_record_is_read_by_its_values(naming):
    record = NAMINGS[naming](TITLE, REQS, STEPS, COST, DURATION, PLACE)
    (doc,) = read_list({"status": True, "data": record})
    assert doc.kind == "service"
    assert service_fields(doc) == EXPECTED


def test_a_column_says_its_field_in_records_whose_value_alone_says_nothing():
    rows = [{"name": title, "col1": "; ".join(reqs), "col2": cost, "col3": duration}
            for title, reqs, _steps, cost, duration, _place in OTHERS]
    rows.append({"name": "Cek Tagihan PBB", "col1": "NOP", "col2": "Gratis", "col3": "Bulanan"})
    rows.append({"name": "Pajak Hotel", "col1": "NPWPD; Laporan omzet", "col2": "Rp 0",
                 "col3": "1 hari"})
    docs = read_list(rows)
    cek = next(d for d in docs if d.title == "Cek Tagihan PBB")
    assert cek.kind == "service"
    assert cek.fields["requirements"] == ["NOP"]
    assert cek.fields["duration"] == "Bulanan"


def test_an_opening_hours_note_in_one_record_is_no_duration_column():
    rows = [{"nama": title, "syarat": reqs, "catatan": note}
            for (title, reqs, *_rest), note in zip(OTHERS, ("Loket buka 24 jam", "-"), strict=True)]
    rows.append({"nama": TITLE, "syarat": REQS, "catatan": "Bawa berkas asli saat datang"})
    docs = read_list(rows)
    assert all("duration" not in d.fields for d in docs)


NOT_SERVICES = {
    "news": [{"id": n, "judul": title, "tanggal": date, "isi": body, "info": "Berita"}
             for n, (title, date, body) in enumerate([
                 ("Pemutihan Denda PBB Sampai November", "2025-08-25",
                  "Denda PBB dihapus bagi wajib pajak yang melunasi pokok sampai 30 November. "
                  "Biaya administrasi Rp 0."),
                 ("Loket MPP Buka Hari Sabtu", "2025-10-04",
                  "Mulai Oktober loket buka Sabtu pukul 08.00-12.00 WIB, selesai 1 hari."),
                 ("Job Fair Kota Jambi 2025", "2025-08-12",
                  "Pencari kerja membawa fotokopi KTP dan ijazah ke lokasi job fair."),
             ])],
    "officials": [{"id": n, "nama": name, "jabatan": role, "nip": nip, "col2": rank}
                  for n, (name, role, nip, rank) in enumerate([
                      ("Drs. H. Nirwana, M.Si", "Kepala Dinas", "19700312 199503 1 001",
                       "Pembina Utama Muda (IV/c)"),
                      ("Rahmat Hidayat, S.STP", "Sekretaris", "19810305 200312 1 002",
                       "Pembina (IV/a)"),
                      ("Yuliana, S.Kom", "Kepala Bidang Pelayanan", "19850101 201001 2 003",
                       "Penata Tk. I (III/d)"),
                  ])],
    "downloads": [{"id": n, "title": title, "file_url": f"/files/{n}.pdf", "size": size,
                   "col3": "Formulir"}
                  for n, (title, size) in enumerate([
                      ("Formulir SPOP dan LSPOP", "212 KB"),
                      ("Formulir Permohonan Keberatan PBB", "96 KB"),
                      ("Formulir SSPD BPHTB", "118 KB"),
                  ])],
}


@pytest.mark.parametrize("name", sorted(NOT_SERVICES))
def test_a_list_that_is_not_services_is_not_turned_into_services(name):
    docs = read_list({"data": NOT_SERVICES[name]})
    assert len(docs) == 3
    assert [d.kind for d in docs if d.kind == "service"] == []
    assert all(not d.fields.get("requirements") and not d.fields.get("cost") for d in docs)


def test_json_api_relationships_are_read_from_the_included_resources():
    payload = {"data": [{"type": "services", "id": "4", "attributes": {
        "title": TITLE, "fee": COST, "turnaround": DURATION},
        "relationships": {
            "documents": {"data": [{"type": "documents", "id": str(n)} for n in (1, 2, 3)]},
            "office": {"data": {"type": "offices", "id": "9"}}}}],
        "included": [{"type": "documents", "id": str(n), "attributes": {"label": r}}
                     for n, r in enumerate(REQS, 1)]
        + [{"type": "offices", "id": "9", "attributes": {"address": PLACE}}]}
    (doc,) = read_list(payload)
    assert doc.kind == "service"
    assert doc.fields["requirements"] == REQS
    assert doc.fields["cost"] == COST and doc.fields["location"] == PLACE


def test_fields_kept_as_label_and_value_pairs_are_read_by_their_labels():
    payload = {"data": {"id": 3, "title": TITLE, "info": [
        {"id": 1, "label": "Persyaratan", "value": REQS},
        {"id": 2, "label": "Alur Pelayanan", "value": "\n".join(STEPS)},
        {"id": 3, "label": "Biaya/Tarif", "value": COST},
        {"id": 4, "value": DURATION, "label": "Waktu Penyelesaian"}],
        "extra": [["Lokasi", PLACE], ["Kontak", "0741-123456"]]}}
    (doc,) = read_list(payload)
    assert doc.kind == "service"
    assert service_fields(doc) == EXPECTED


def test_a_price_and_a_place_alone_do_not_make_a_service():
    spots = [{"nama": name, "tiket": price, "info": place} for name, price, place in [
        ("Danau Sipin", "Rp 5.000", "Kelurahan Legok, Kecamatan Danau Sipin"),
        ("Taman Anggrek", "Gratis", "Jl. Slamet Riyadi, Kota Jambi"),
        ("Museum Perjuangan", "Rp 3.000", "Jl. Sultan Agung, Kota Jambi")]]
    docs = read_list({"data": spots})
    assert [d.kind for d in docs] == ["page", "page", "page"]


ANGULAR = """const API="/api/v1/services",ANN="/api/v1/announcements";
let S=(()=>{class t{constructor(e){this.http=e}
services(e){return this.http.get(API,{params:{page:e}})}
service(e){return this.http.get(API+"/"+e)}announcements(){return this.http.get(ANN)}
share(e){return location.origin+"/#/services/"+e.id}}return t})();
r.Bz.forRoot(routes,{useHash:!0})"""


def test_an_angular_services_list_its_detail_and_its_share_links_are_read():
    # the collection's constant, also completed with an id for the detail, is loaded as is
    assert endpoints(ANGULAR, PAGE)[:2] == [PAGE + "api/v1/services",
                                            PAGE + "api/v1/announcements"]
    assert detail_prefixes(ANGULAR) == ["/api/v1/services/"]
    # a share link's origin + "/#/services/" + id is where the app shows a record
    assert route_templates(ANGULAR) == [("#/services/", "id")]


def test_a_service_whose_name_is_under_an_opaque_key_is_named_by_its_values():
    rows = [{"field_1": title, "field_2": "; ".join(reqs), "field_3": cost, "field_4": duration}
            for title, reqs, _steps, cost, duration, _place in [
                (TITLE, REQS, STEPS, COST, DURATION, PLACE), *OTHERS]]
    docs = read_list({"result": {"items": rows}})
    assert [d.title for d in docs] == [TITLE] + [o[0] for o in OTHERS]
    assert docs[0].kind == "service" and docs[0].fields["requirements"] == REQS
    # a row of figures under keys that say nothing is no document at all
    assert read_list([{"col1": "Kecamatan Telanaipura", "col2": 1234, "col3": "2024"}]) == []
