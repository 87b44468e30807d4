"""What a service's card says when extraction stored none of its fields (indexer/cards.py).

A post promoted to a service because its site lists it under "Informasi Layanan" keeps no
fields; its card reads the labelled sections its text says, or else its first sentences,
and never a field the page does not say.
"""

from __future__ import annotations

from indexer.cards import card_fields, lead

LABELLED = """Surat Keterangan Usaha (SKU)
Administrator | 4 Maret 2024 | Informasi Layanan | Dibaca 99 Kali
Pelaku usaha kecil di Talang Banjar dapat meminta surat keterangan usaha untuk mengajukan pinjaman.
Persyaratan:
Surat pengantar RT dan RW
Fotokopi KTP-el dan Kartu Keluarga
Prosedur:
Serahkan berkas ke loket pelayanan kelurahan
Waktu Penyelesaian:
1 hari kerja
Biaya/Tarif:
Gratis"""

# the same kind of page, its table flattened into lines: "Biaya Gratis" looks like a bare
# label, and the line after it (the office's address) would be read as the cost
FLATTENED = """Administrator | 12 Februari 2024 | Informasi Layanan | Dibaca 369 Kali
SKTM diberikan bagi keluarga kurang mampu untuk keringanan biaya sekolah atau syarat bantuan.
Persyaratan Pengantar RT/RW
KTP/KK
Alur 1. Ajukan ke kelurahan
2. Verifikasi
Biaya Gratis
Tempat Pelayanan Kantor Lurah Talang Banjar, Jl. Sentot Alibasa No. 21"""

PROMOTED = {"kind_confidence": 0.7, "kind_from": {"kind": "page"}}


def test_a_promoted_service_gets_the_sections_its_text_labels():
    fields = card_fields("service", PROMOTED, LABELLED)
    assert fields["requirements"] == ["Surat pengantar RT dan RW",
                                      "Fotokopi KTP-el dan Kartu Keluarga"]
    assert fields["cost"] == "Gratis" and fields["duration"] == "1 hari kerja"
    assert fields["kind_confidence"] == 0.7  # what was stored stays


def test_a_flattened_table_gives_no_fields_rather_than_wrong_ones():
    assert card_fields("service", PROMOTED, FLATTENED) == PROMOTED


def test_stored_fields_and_other_kinds_are_left_as_they_are():
    stored = {"requirements": ["KTP"], "cost": "Gratis"}
    assert card_fields("service", stored, LABELLED) is stored
    assert card_fields("page", {}, LABELLED) == {}


def test_the_lead_is_the_first_sentence_after_title_and_byline():
    assert lead(FLATTENED, "Surat Keterangan Tidak Mampu (SKTM)") == (
        "SKTM diberikan bagi keluarga kurang mampu untuk keringanan biaya sekolah atau "
        "syarat bantuan.")
    assert lead(LABELLED, "Surat Keterangan Usaha (SKU)").startswith("Pelaku usaha kecil")
    long = "Warga dapat mengurus surat ini di kantor kelurahan. " * 10
    cut = lead(long, "x")
    assert cut.endswith("kelurahan.") and len(cut) <= 300
    assert lead("Beranda\nProfil\nKontak", "x") is None
