"""Server-rendered app pages whose HTML leaves out what their data holds (issue #11).

A Next.js page is rendered on the server, header, menu and footer included, so it is no empty
shell; but its tabs and accordions render only the open panel, or none: a service's procedure,
time and cost are then only in the page's data, ``__NEXT_DATA__``'s ``pageProps`` (pages
router) or the RSC payload's client props in ``self.__next_f.push`` scripts (app router). Such
pages were stored as plain pages with their requirements at most, the services only their
data linked were never reached, and a page whose data only named it (``{"judul": "Kontak"}``)
lost its own text to that name."""

from __future__ import annotations

import json

from crawler.extract.document import html_document
from crawler.extract.payload import page_data, with_payload

SITE = "https://perizinan.jambikota.go.id"
MENU = ('<header><a href="/">Portal Perizinan</a><nav><a href="/">Beranda</a> '
        '<a href="/layanan">Layanan</a> <a href="/kontak">Kontak</a></nav></header>')
FOOTER = ("<footer><p>Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Jambi, "
          "Jl. Jend. Basuki Rahmat No. 1, Kotabaru. Jam layanan Senin sampai Kamis pukul "
          "08.00 sampai 16.00, Jumat pukul 08.00 sampai 16.30.</p></footer>")
SIPB = {"id": 5, "nama": "Surat Izin Praktik Bidan (SIPB)", "slug": "sip-bidan",
        "ringkasan": "Izin bagi bidan yang berpraktik di klinik atau praktik mandiri.",
        "persyaratan": ["Permohonan bermaterai", "STR masih berlaku", "Rekomendasi IBI"],
        "alurPelayanan": ["Ajukan berkas", "Verifikasi tim teknis", "SIPB terbit"],
        "waktuPenyelesaian": "5 hari kerja", "biaya": "Gratis",
        "dasarHukum": "Permenkes 28/2017"}
OTHERS = [("Surat Izin Praktik Dokter", "sip-dokter",
           "Izin bagi dokter dan dokter gigi untuk berpraktik di rumah sakit, klinik, "
           "puskesmas atau tempat praktik mandiri di wilayah Kota Jambi."),
          ("Surat Izin Praktik Perawat", "sip-perawat",
           "Izin bagi perawat yang menjalankan praktik keperawatan di fasilitas pelayanan "
           "kesehatan atau praktik mandiri perawat."),
          ("Izin Penyelenggaraan Reklame", "izin-reklame",
           "Izin bagi pemasang papan nama, baliho, billboard dan videotron di jalan dan "
           "bangunan di wilayah Kota Jambi.")]


def next_page(main: str, props: dict, route: str, title: str) -> bytes:
    data = {"props": {"pageProps": props, "__N_SSG": True}, "page": route, "query": {},
            "buildId": "kQ3vYx9TbN2mLr7sWd1Fz", "isFallback": False, "gsp": True}
    return (f'<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/><title>{title} | '
            f'Portal Perizinan</title><script src="/_next/static/chunks/main-0e8c4b2d.js" '
            f'defer=""></script></head><body><div id="__next">{MENU}<main>{main}</main>'
            f'{FOOTER}</div><script id="__NEXT_DATA__" type="application/json">'
            f'{json.dumps(data)}</script></body></html>').encode()


def read(body: bytes, url: str):
    page = html_document(body, url=url, content_type="text/html; charset=utf-8",
                         http_last_modified=None, source="perizinan", opd="DPMPTSP")
    return with_payload(page, body.decode(), source="perizinan", opd="DPMPTSP")


def test_a_server_rendered_page_gets_the_sections_only_its_data_holds():
    # the "Persyaratan" tab is open; the others are buttons whose panels React has not drawn
    tabs = "".join(f'<button role="tab" aria-selected="{str(n == 0).lower()}">{label}</button>'
                   for n, label in enumerate(["Persyaratan", "Alur", "Waktu &amp; Biaya"]))
    others = "".join(f'<li><a href="/layanan/{slug}">{name}</a><p>{text}</p></li>'
                     for name, slug, text in OTHERS)
    main = (f'<h1>{SIPB["nama"]}</h1><p>{SIPB["ringkasan"]}</p><div role="tablist">{tabs}</div>'
            '<div role="tabpanel"><ol>' + "".join(f"<li>{r}</li>" for r in SIPB["persyaratan"])
            + f'</ol></div><section><h2>Layanan Lainnya</h2><ul>{others}</ul></section>')
    url = SITE + "/layanan/sip-bidan"
    got = read(next_page(main, {"layanan": SIPB}, "/layanan/[slug]", SIPB["nama"]), url)
    doc = got.document
    assert doc.kind == "service"
    assert doc.fields["procedure"] == SIPB["alurPelayanan"]
    assert doc.fields["duration"] == "5 hari kerja"
    assert doc.fields["cost"] == "Gratis"
    assert doc.fields["legal_basis"] == "Permenkes 28/2017"
    # the page's own text stays: the other services' summaries are still on it
    assert "videotron" in doc.text and "Verifikasi tim teknis" in doc.text
    assert doc.text.count("STR masih berlaku") == 1


def test_data_naming_another_record_adds_nothing_to_a_page():
    # a home page whose props hold a featured service is not that service
    main = ("<h1>Portal Perizinan</h1><p>Selamat datang di portal perizinan Kota Jambi. "
            "Cari layanan perizinan berusaha dan perizinan tenaga kesehatan, lihat "
            "persyaratan, alur dan biayanya sebelum datang ke Mal Pelayanan Publik.</p>"
            + "".join(f'<a href="/layanan/{slug}">{name}</a><p>{text}</p>'
                      for name, slug, text in OTHERS))
    got = read(next_page(main, {"unggulan": SIPB}, "/", "Beranda"), SITE + "/")
    assert got.document.kind != "service"
    assert "procedure" not in got.document.fields


def test_a_page_its_data_only_names_keeps_its_own_text():
    main = ("<h1>Kontak</h1><p>Alamat: Gedung Mal Pelayanan Publik lantai 1, Jl. Jend. "
            "Sudirman, Thehok.</p><p>Telepon (0741) 7551234, WhatsApp 0812 7400 1234.</p>")
    got = read(next_page(main, {"halaman": {"judul": "Kontak", "slug": "kontak"}},
                         "/[halaman]", "Kontak"), SITE + "/kontak")
    assert "0812 7400 1234" in got.document.text
    assert "Sudirman" in got.document.text


def test_records_a_list_does_not_link_are_in_the_folder_their_siblings_are_linked_in():
    # five services are cards, a "show all" button would draw the rest from the props
    items = [{"id": n, "nama": f"Layanan {n}", "slug": f"layanan-{n}"} for n in range(1, 8)]
    cards = "".join(f'<a class="card" href="/layanan/{r["slug"]}">{r["nama"]}</a>'
                    for r in items[:5])
    got = read(next_page(f"<h1>Daftar Layanan</h1>{cards}<button>Tampilkan semua</button>",
                         {"daftarLayanan": items}, "/layanan", "Daftar Layanan"),
               SITE + "/layanan")
    urls = {link.url for link in got.links}
    assert {SITE + "/layanan/layanan-6", SITE + "/layanan/layanan-7"} <= urls
    assert got.parts == []  # not documents at /layanan#layanan-6


def rsc_page(main: str, rows: list[str]) -> bytes:
    """An app-router page: its RSC rows as Next streams them, cut every 90 characters."""
    stream = "".join(row + "\n" for row in rows)
    pushes = "".join("<script>self.__next_f.push([1," + json.dumps(stream[i:i + 90])
                     .replace("</", "<\\/") + "])</script>" for i in range(0, len(stream), 90))
    return (f'<!DOCTYPE html><html lang="id"><head><meta charSet="utf-8"/><title>Jambi Sehat'
            f'</title></head><body>{MENU}<main>{main}</main>{FOOTER}<script>'
            f'(self.__next_f=self.__next_f||[]).push([0])</script>{pushes}</body></html>'
            ).encode()


CKG = {"nama": "Cek Kesehatan Gratis (CKG)", "slug": "cek-kesehatan-gratis",
       "persyaratan": ["KTP-el atau KIA"], "alur": ["Daftar di loket", "Pemeriksaan"],
       "biaya": "Gratis", "waktu": "± 1 jam", "dasarHukum": "$undefined", "keterangan": "$7"}
NOTE = "Bawa buku KIA bagi anak balita. </script> tidak memutus payload."


def test_an_app_router_page_is_the_service_its_client_props_hold():
    # a closed accordion: the section names are on the page, nothing under them
    heads = "".join(f'<h3><button aria-expanded="false" data-state="closed">{n}</button></h3>'
                    f'<div data-state="closed" hidden="" role="region"></div>'
                    for n in ("Persyaratan", "Alur Pelayanan", "Biaya"))
    rows = ['1:HL["/_next/static/css/4a8e.css","style"]',
            '9:I[4821,["117","static/chunks/117-6c4e.js"],"LayananAccordion"]',
            # a text row ends where its length says, the next row follows at once
            f"7:T{len(NOTE.encode()):x},{NOTE}"
            '0:["p4Zc",[[["",{"children":["layanan",{}]},"$undefined"],["$","main",null,'
            '{"children":[["$","h1",null,{"children":"Cek Kesehatan Gratis (CKG)"}],'
            '["$","$L9",null,{"layanan":' + json.dumps(CKG) + '}]]}]]]]']
    body = rsc_page(f"<h1>{CKG['nama']}</h1>{heads}", rows)
    assert page_data(body.decode())  # the payload was joined across the cuts
    got = read(body, "https://sehat.jambikota.go.id/layanan/cek-kesehatan-gratis")
    doc = got.document
    assert doc.kind == "service"
    assert doc.fields["requirements"] == ["KTP-el atau KIA"]
    assert doc.fields["procedure"] == ["Daftar di loket", "Pemeriksaan"]
    assert doc.fields["cost"] == "Gratis"
    assert "legal_basis" not in doc.fields  # "$undefined" is no value
    assert "buku KIA" in doc.text  # a text row, named by "$7"


def test_an_app_router_list_links_the_services_of_its_closed_tab():
    cards = [{"judul": "Surat Keterangan Sehat", "href": "/layanan/surat-keterangan-sehat"},
             {"judul": "Rekomendasi Izin Praktik", "href": "/layanan/rekomendasi-izin-praktik"}]
    rows = ['a:I[4822,[],"LayananTabs"]',
            '0:["p4Zc",[["$","main",null,{"children":["$","$La",null,{"tabs":[{"value":'
            '"surat","layanan":' + json.dumps(cards) + '}]}]}]]]']
    got = read(rsc_page("<h1>Layanan Kesehatan</h1>", rows),
               "https://sehat.jambikota.go.id/layanan")
    urls = {link.url for link in got.links}
    assert {"https://sehat.jambikota.go.id/layanan/surat-keterangan-sehat",
            "https://sehat.jambikota.go.id/layanan/rekomendasi-izin-praktik"} <= urls
