"""What a page's embedded data may cost and what it must not lose (session 14's review of
``crawler.extract.payload``): a hostile or merely large payload is read in bounded work and
gives a bounded result, and a page whose HTML already says what it is keeps it.

Hostile inputs assert a bound on the result or on memory, never on wall time."""

from __future__ import annotations

import json
import tracemalloc

from crawler.extract.payload import MAX_LINKS, RESOLVED_PER_CHAR, _rsc, page_data
from tests.test_extract_payload_ssr import SIPB, SITE, next_page, read, rsc_page


def _chars(value: object) -> int:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return sum(_chars(v) for v in value)
    return len(value) if isinstance(value, str) else 0


def _pushes(stream: str) -> str:
    return "<script>self.__next_f.push([1," + json.dumps(stream) + "])</script>"


def test_reading_a_text_row_does_not_copy_the_stream_after_it():
    # a short text row, then a megabyte of rows the reader skips (module hints): each
    # text row used to copy the whole rest of the stream, twice (str, then bytes), which
    # with 8,000 rows was 6.8 s for one page; and finding the push kept 150 bytes of
    # backtracking state per character
    tail = "".join(f'{n:x}:HL["/_next/static/css/{n:060x}.css","style"]\n'
                   for n in range(10_000))
    stream = '7:T5,hello9:I[1,[],"X"]\n0:["$","$L9",null,{"a":"$7"}]\n' + tail
    page = _pushes(stream)
    tracemalloc.start()
    try:
        got = _rsc(page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got == {"0.0": {"a": "hello"}}
    # the push's JSON string and its decoded text are twice the stream (2.07 times here); a
    # copy of the rest of the stream, as text and as UTF-8, made it 3.0 times
    assert peak < 2.5 * len(stream)


def test_a_long_text_named_many_times_resolves_to_a_bounded_size():
    big = "kata " * 4000  # a 20 KB text row
    refs = ",".join(['"$7"'] * 500)
    stream = (f"7:T{len(big):x},{big}" + '9:I[1,[],"X"]\n'
              '0:["$","$L9",null,{"layanan":{"nama":"Layanan X","persyaratan":[' + refs
              + '],"biaya":"Gratis"}}]\n')
    body = ("<html><head><title>Layanan X</title></head><body><h1>Layanan X</h1>"
            + _pushes(stream) + "</body></html>")
    data = page_data(body)
    assert data["0.0"]["layanan"]["nama"] == "Layanan X"
    assert _chars(data) <= RESOLVED_PER_CHAR * len(body)  # was 10 MB for a 22 KB page
    got = read(body.encode(), "https://a.jambikota.go.id/layanan/x")
    assert len(got.document.text) <= RESOLVED_PER_CHAR * len(body)


def test_a_nuxt_payload_naming_one_item_many_times_resolves_to_a_bounded_size():
    big = "kata " * 4000
    flat = [{"layanan": 1}, {"nama": 2, "persyaratan": 3, "biaya": 4}, "Layanan X",
            [5] * 500, "Gratis", big]
    body = ('<html><body><div id="__nuxt"></div><script type="application/json" '
            f'id="__NUXT_DATA__">{json.dumps(flat)}</script></body></html>')
    data = page_data(body)
    assert data["layanan"]["nama"] == "Layanan X"
    assert _chars(data) <= RESOLVED_PER_CHAR * len(body)
    # nor does nesting multiply it: each level names the next one 500 times
    nested = [[1] * 500, [2] * 500, [3] * 500, [4] * 500, "kata"]
    body = ('<html><body><script type="application/json" id="__NUXT_DATA__">'
            f'{json.dumps(nested)}</script></body></html>')
    assert _chars(page_data(body)) <= RESOLVED_PER_CHAR * len(body)


ITEMS = [{"id": n, "nama": f"Layanan {n}", "slug": f"layanan-{n}",
          "ringkasan": f"Ringkasan layanan nomor {n} yang cukup panjang untuk dibaca"}
         for n in range(1, 501)]


def test_guessed_sibling_pages_are_capped_and_the_rest_are_kept_as_parts():
    cards = "".join(f'<a class="card" href="/layanan/{r["slug"]}">{r["nama"]}</a>'
                    for r in ITEMS[:2])
    got = read(next_page(f"<h1>Daftar Layanan</h1>{cards}", {"daftarLayanan": ITEMS},
                         "/layanan", "Daftar Layanan"), SITE + "/layanan")
    guessed = {link.url for link in got.links} & {SITE + "/layanan/" + r["slug"]
                                                  for r in ITEMS[2:]}
    assert 0 < len(guessed) <= MAX_LINKS
    parts = {d.url for d in got.parts}
    # every record not linked is either a guessed page or a part, none lost
    assert len(guessed) + len(parts) == len(ITEMS) - 2
    assert SITE + "/layanan#layanan-500" in parts


def test_a_guessed_page_that_is_not_there_loses_no_text():
    cards = "".join(f'<a class="card" href="/layanan/{r["slug"]}">{r["nama"]}</a>'
                    for r in ITEMS[:2])
    got = read(next_page(f"<h1>Daftar Layanan</h1>{cards}", {"daftarLayanan": ITEMS[:3]},
                         "/layanan", "Daftar Layanan"), SITE + "/layanan")
    assert SITE + "/layanan/layanan-3" in {link.url for link in got.links}
    # the guess may 404: the record's summary is on the listing that holds it
    assert "Layanan 3\nRingkasan layanan nomor 3" in got.document.text


def test_categories_beside_a_list_are_not_guessed_into_its_folder():
    cats = [{"nama": "Kesehatan", "slug": "kesehatan"},
            {"nama": "Pendidikan", "slug": "pendidikan"}]
    cards = "".join(f'<a class="card" href="/layanan/{r["slug"]}">{r["nama"]}</a>'
                    for r in ITEMS[:3])
    got = read(next_page(f"<h1>Daftar Layanan</h1>{cards}",
                         {"kategori": cats, "daftarLayanan": ITEMS[:3]},
                         "/layanan", "Daftar Layanan"), SITE + "/layanan")
    urls = {link.url for link in got.links}
    assert SITE + "/layanan/kesehatan" not in urls
    assert SITE + "/layanan/pendidikan" not in urls


AKTA = {"nama": "Akta Kelahiran", "slug": "akta-kelahiran",
        "persyaratan": ["Surat keterangan lahir"], "biaya": "Gratis"}
KK = {"nama": "Kartu Keluarga", "slug": "kartu-keluarga", "persyaratan": ["KK lama"],
      "alur": ["Daftar", "Verifikasi"], "biaya": "Gratis", "waktu": "1 hari"}
SIDEBAR_ROWS = ['9:I[1,[],"LayananDetail"]', 'a:I[2,[],"Unggulan"]',
                '0:["$","main",null,{"children":[["$","$L9",null,{"layanan":'
                + json.dumps(AKTA) + '}],["$","aside",null,{"children":["$","$La",null,'
                '{"unggulan":' + json.dumps(KK) + '}]}]]}]']


def test_a_sidebars_featured_service_is_not_the_pages_record():
    # every client component's props are in one payload: the sidebar's service has more
    # sections than the page's own
    url = "https://dukcapil.jambikota.go.id/layanan/akta-kelahiran"
    shell = read(rsc_page(f"<h1>{AKTA['nama']}</h1>", SIDEBAR_ROWS), url).document
    assert shell.title == "Akta Kelahiran"
    assert shell.fields["requirements"] == ["Surat keterangan lahir"]
    prose = "<p>" + "Informasi pelayanan administrasi kependudukan Kota Jambi. " * 12 + "</p>"
    long = read(rsc_page(f"<h1>{AKTA['nama']}</h1>{prose}", SIDEBAR_ROWS), url).document
    assert long.title == "Akta Kelahiran"
    assert long.fields["requirements"] == ["Surat keterangan lahir"]
    assert "KK lama" not in long.text


def test_a_client_navbar_does_not_make_a_contact_page_a_listing():
    menu = [{"id": i, "title": t, "href": h} for i, (t, h) in enumerate(
        [("Beranda", "/"), ("Layanan", "/layanan"), ("Berita", "/berita"),
         ("Kontak", "/kontak")], 1)]
    rows = ['9:I[1,[],"Navbar"]', '0:["$","body",null,{"children":[["$","$L9",null,'
            '{"menu":' + json.dumps(menu) + '}],["$","main",null,{"children":"..."}]]}]']
    main = ("<h1>Kontak</h1><p>Alamat: Jl. Dr. Sumantri Brojonegoro No. 2, Telanaipura. "
            "Telepon (0741) 123456. Email dinkes@jambikota.go.id</p>")
    doc = read(rsc_page(main, rows), "https://sehat.jambikota.go.id/kontak").document
    assert not doc.fields.get("listing")
    assert doc.fields["contact"]["phone"] == "Telepon (0741) 123456"
    assert doc.fields["contact"]["email"] == "dinkes@jambikota.go.id"


def test_requirements_under_a_differently_named_tab_are_not_said_twice():
    tabs = "".join(f'<button role="tab">{label}</button>'
                   for label in ["Syarat", "Alur", "Waktu &amp; Biaya"])
    main = (f'<h1>{SIPB["nama"]}</h1><p>{SIPB["ringkasan"]}</p><div role="tablist">{tabs}'
            '</div><div role="tabpanel"><ol>'
            + "".join(f"<li>{r}</li>" for r in SIPB["persyaratan"]) + "</ol></div><p>"
            + "Layanan perizinan tenaga kesehatan di Mal Pelayanan Publik Kota Jambi. " * 5
            + "</p>")
    doc = read(next_page(main, {"layanan": SIPB}, "/layanan/[slug]", SIPB["nama"]),
               SITE + "/layanan/sip-bidan").document
    assert doc.fields["procedure"] == SIPB["alurPelayanan"]
    assert doc.text.count("STR masih berlaku") == 1
    assert "Verifikasi tim teknis" in doc.text


def test_a_push_that_does_not_decode_or_a_row_not_understood_loses_only_itself():
    rows = ['9:I[1,[],"X"]', "this line is no row", '0:["$","$L9",null,{"a":"kept"}]']
    body = rsc_page("", rows).decode()
    bad = '<script>self.__next_f.push([1,"\\x41 no JSON escape"])</script>'
    body = body.replace("</body>", bad + "</body>")
    assert page_data(body) == {"0.0": {"a": "kept"}}


def test_a_list_of_many_unlinked_records_gives_at_most_max_records_documents():
    # a listing page whose data holds far more records than any OPD publishes, none linked:
    # each would be a document at <page>#<slug>; a JSON list is cut at MAX_RECORDS, and so
    # is a page's embedded list (before, every record became a part)
    from crawler.extract.jsonlist import MAX_RECORDS

    records = [{"nama": f"Layanan Nomor {n}", "slug": f"layanan-{n}",
                "persyaratan": ["Fotokopi KTP"], "biaya": "Gratis"}
               for n in range(MAX_RECORDS + 500)]
    body = next_page("<h1>Daftar Layanan</h1>", {"items": records}, "/layanan", "Daftar Layanan")
    got = read(body, SITE + "/layanan")
    assert got.document.fields.get("listing")
    assert 0 < len(got.parts) <= MAX_RECORDS
