"""Trouble no office's own desk takes (indexer/channels.py): a complaint of conduct reaches
the city's general complaint channel, a worker's withheld right the desk naming the
dispute; the same nouns told without the complaint keep their service.

On main before session 22 "urus ktp di kelurahan dimintai uang padahal katanya gratis mau
lapor" found a KTP page, "pegawai kelurahan minta uang rokok waktu urus surat pindah" the
moving-out letter, "perusahaan tidak bayar thr karyawan mau mengadu kemana" the labour
office's company-report page and "pabrik merumahkan karyawan tanpa upah" (stemmed to
"rumah") the house-repair aid.
"""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.backend import DocMeta
from indexer.channels import is_channel, lead_by_channel, tells_conduct, withholds_right
from indexer.fusion import Fused

CHANNEL_TEXT = (
    "SiKesal adalah kanal pengaduan warga Kota Jambi. Laporan diteruskan admin "
    "Diskominfo ke OPD terkait untuk ditindaklanjuti."
)


@pytest.fixture(scope="module")
def read():
    analyzer = Analyzer()
    return lambda word: tuple(analyzer.index_tokens(word))


def normal(query: str) -> str:
    return Analyzer().analyze_query(query).normalized


@pytest.mark.parametrize(
    "query",
    [
        "urus ktp di kelurahan dimintai uang padahal katanya gratis mau lapor",
        "pegawai kelurahan minta uang rokok waktu urus surat pindah",
        "petugas capil minta uang pelicin biar akta cepat jadi",
        "bikin kk di kelurahan disuruh bayar padahal gratis",
        "petugas kelurahan judes dan lambat melayani",
        "petugas kantor camat tidak ada di tempat waktu jam kerja kemana mengadu",
        "tetangga karaoke sampai tengah malam berisik mau lapor",
        "anjing tetangga dilepas menggonggong tiap malam dak biso tidur",
        "warung sebelah buka sampai subuh suaranyo bising nian",
        # session 22's review: paraphrases written for the vocabulary classes, no devset row
        "urus kk di kelurahan diminta 50 ribu padahal gratis",
        "pegawai capil minta amplop",
        "pelayanan ktp lama sekali sudah dua bulan",
        "oknum minta thr ke pedagang",
        "staf kecamatan memungut duit buat tanda tangan surat domisili",
        "operator samsat minta setoran biar cepat",
        "akta anak sudah tiga bulan belum jadi di capil",
        "lurah tidak pernah ada di kantor",
        "urus sertifikat dipingpong terus",
        "calo sim di satpas",
        "camat membentak warga",
        "ayam tetangga bau kotoran sampai ke dapur",
        "sound system tetangga keras tiap malam",
        # "katanya" is "saya dengar" once normalised: the free service is still said
        "katanya tidak bayar tapi dimintai uang",
        # Jambi Malay, read once normalised ("lamo nian" is "lama sangat", "katonyo" stays
        # "katanya": the final read of session 22)
        "ngurus kk lamo nian",
        "pelayanan ktp di capil lamo nian",
        "katonyo gratis tapi pegawe mintak duit",
    ],
)
def test_conduct_is_read_from_the_query(read, query):
    assert tells_conduct(normal(query), read)


@pytest.mark.parametrize(
    "query",
    [
        "urus ktp di kelurahan",
        "biaya bikin akta kelahiran berapa",
        "biaya retribusi sampah disuruh bayar berapa",  # a fee asked about, no complaint
        "pajak hiburan karaoke",
        "izin karaoke keluarga",
        "rumah tetangga kebakaran",
        # smoke and a smell of burning next door is a fire, not a nuisance
        "asap tebal keluar dari gudang sebelah bau kabel terbakar",
        # an emergency is the fire brigade's
        "bau gas bocor tetangga",
        "elpiji tetangga bocor bau menyengat",
        # "ada" alone is no officer away
        "apakah ada tempat pelayanan paspor di jambi",
        "apakah ada tempat pelayanan pajak di kecamatan",
        "pelayanan adminduk ada tempat antrian",
        "tidak ada tempat parkir di kantor pelayanan",
        # "tugas" and bare "pelayanan" are no officer; a broker of no public paper
        "tugas sekolah sulit",
        "pelayanan internet lambat",
        "pelayanan kesehatan puskesmas lambat",
        "calo tiket pesawat",
        "calo tanah",
        "syarat jadi calo tiket",
        # a permit asked for, violence (its own desk)
        "karaoke tetangga izin keramaian",
        "musik keras acara nikahan tetangga izin keramaian",
        "tetangga ribut tiap malam suami pukul istri",
        # a question of how long, an old card, an age
        "berapa lama bikin ktp",
        "ktp lama hilang",
        "anak sudah 15 tahun belum pernah punya akte lahir",
        # an office's stem is no officer ("kelurahan" reads "lurah")
        "kemana lapor jalan rusak parah di kelurahan kami sudah bertahun tahun dibiarkan",
    ],
)
def test_a_service_asked_for_or_a_fire_is_no_conduct(read, query):
    assert not tells_conduct(normal(query), read)


@pytest.mark.parametrize(
    "query",
    [
        "perusahaan tidak bayar thr karyawan mau mengadu kemana",
        "thr karyawan dipotong perusahaan tinggal setengah",
        "karyawan dirumahkan tanpa gaji mau mengadu",
        "pabrik merumahkan karyawan tanpa upah sudah dua bulan",
        "bos tidak mau bayar pesangon padahal sudah kerja sepuluh tahun",
        "kontrak kerja diputus sepihak sebelum habis masanya",
        "disuruh tanda tangan surat pengunduran diri kalau tidak mau dipecat",
        # paraphrases, no devset row
        "gaji dibayar di bawah ump",
        "upah karyawan di bawah umk",
        "gaji pekerja ditahan tiga bulan",
        "pabrik phk massal tanpa pesangon",
    ],
)
def test_a_withheld_right_is_read_from_the_query(read, query):
    assert withholds_right(normal(query), read)


@pytest.mark.parametrize(
    "query",
    [
        "kapan thr asn cair",
        "cara hitung pesangon phk",
        "thr karyawan kapan dibayar",
        "gaji guru honorer belum dibayar",  # a public servant's pay
        "anak saya dipecat dari sekolah",  # a pupil's, no job said
        "kontrak kerja habis tidak diperpanjang",
        "potongan gaji bpjs ketenagakerjaan berapa persen",
        "gaji karyawan dipotong untuk bpjs berapa persen",
        "thr karyawan dipotong pajak",
        "gaji ojol dipotong aplikasi",
        # "DAK" is the special allocation fund, no denial once lower-cased
        "DAK dibayar gaji guru",
    ],
)
def test_a_question_or_no_workers_dispute_withholds_no_right(read, query):
    assert not withholds_right(normal(query), read)


def test_a_channel_is_a_desk_or_app_that_says_it_relays_complaints():
    assert is_channel(
        "Pengaduan Layanan Publik melalui SiKesal", "service", "http://x/a", CHANNEL_TEXT
    )
    assert is_channel("SiKesal", "app", "http://x/b", CHANNEL_TEXT)
    # the catalog listing the app repeats its text but is no desk or app
    assert not is_channel("Katalog Aplikasi Kota Jambi", "page", "http://x/c", CHANNEL_TEXT)
    assert not is_channel(
        "Pengaduan Sampah Belum Terangkut",
        "service",
        "http://x/d",
        "Petugas DLH mengangkut sampah dalam 2x24 jam.",
    )


def _meta(doc_id: str, title: str, kind: str = "service") -> DocMeta:
    return DocMeta(id=doc_id, url=f"http://x/{doc_id}", title=title, opd="o", kind=kind)


def test_the_named_desk_leads_wherever_it_ranked_or_unretrieved():
    metas = {
        "a": _meta("a", "Penerbitan KTP-el"),
        "b": _meta("b", "Kartu Keluarga"),
        "c": _meta("c", "Pengaduan Layanan Publik melalui SiKesal"),
    }
    items = [(Fused("a", 0.5), []), (Fused("b", 0.4), []), (Fused("c", 0.1), [])]
    led = lead_by_channel(list(items), metas, [metas["c"]])
    assert [f.id for f, _ in led] == ["c", "a", "b"]
    assert led[0][0].score == led[1][0].score == 0.5
    far = _meta("z", "Pengaduan melalui SP4N-LAPOR!")
    led = lead_by_channel(list(items[:2]), dict(metas), [far])
    assert [f.id for f, _ in led] == ["z", "a", "b"]


def test_a_desk_first_keeps_its_place():
    metas = {
        "a": _meta("a", "Pengaduan Sampah Belum Terangkut"),
        "c": _meta("c", "Pengaduan Layanan Publik melalui SiKesal"),
    }
    items = [(Fused("a", 0.5), []), (Fused("c", 0.4), [])]
    assert [f.id for f, _ in lead_by_channel(list(items), metas, [metas["c"]])] == ["a", "c"]


def test_a_desk_first_of_another_trouble_gives_way():
    metas = {
        "a": _meta("a", "Pengaduan Sampah Belum Terangkut"),
        "c": _meta("c", "Pengaduan Layanan Publik melalui SiKesal"),
    }
    items = [(Fused("a", 0.5), []), (Fused("c", 0.4), [])]
    led = lead_by_channel(list(items), metas, [metas["c"]], lambda desk: False)
    assert [f.id for f, _ in led] == ["c", "a"]


def _first_title(searcher, query: str) -> str:
    return searcher.search(query).results[0].title


@pytest.mark.parametrize(
    ("query", "plain"),
    [
        (
            "urus ktp di kelurahan dimintai uang padahal katanya gratis mau lapor",
            "urus ktp di kelurahan",
        ),
        (
            "pegawai kelurahan minta uang rokok waktu urus surat pindah",
            "urus surat pindah di kelurahan",
        ),
        ("tetangga karaoke sampai tengah malam berisik mau lapor", "pajak hiburan karaoke"),
    ],
)
def test_a_complaint_reaches_the_channel_and_the_nouns_alone_keep_their_service(
    sample_searcher, query, plain
):
    first = sample_searcher.search(query).results[0]
    assert "SiKesal" in first.title or "Si-Kesal" in first.title or "LAPOR" in first.title
    title = _first_title(sample_searcher, plain)
    assert "SiKesal" not in title and "Si-Kesal" not in title and "LAPOR" not in title


@pytest.mark.parametrize(
    "query",
    [
        "perusahaan tidak bayar thr karyawan mau mengadu kemana",
        "pabrik merumahkan karyawan tanpa upah sudah dua bulan",
    ],
)
def test_a_withheld_right_reaches_mediation(sample_searcher, query):
    assert _first_title(sample_searcher, query).startswith("Mediasi Perselisihan")


# --- session 22's review: the lists as vocabulary classes, checked on paraphrases that are
# not devset rows (written after the review, not tuned on the web)

CHANNEL_TITLES = ("SiKesal", "Si-Kesal", "LAPOR")


def _is_channel_title(title: str) -> bool:
    return any(name in title for name in CHANNEL_TITLES)


def test_katanya_is_read_as_the_analyzer_normalises_it():
    assert "dengar" in normal("katanya gratis").split()


def test_a_channel_says_it_relays_in_the_general_forms_and_takes_any_complaint():
    assert is_channel(
        "Pengaduan Masyarakat",
        "service",
        "http://x/e",
        "Pengaduan masyarakat ditindaklanjuti oleh perangkat daerah terkait.",
    )
    # a street-light app relaying reports of lamps only is no general channel
    assert not is_channel(
        "Lapor Lampu",
        "app",
        "http://x/f",
        "Laporan lampu jalan mati diteruskan ke dinas terkait untuk diperbaiki.",
    )


@pytest.mark.parametrize(
    "title",
    ["Pemadaman Kebakaran", "Pelaporan Truk Angkutan Batu Bara"],
)
def test_an_emergency_or_a_report_page_of_the_topic_keeps_first_place(title):
    metas = {
        "a": _meta("a", title),
        "c": _meta("c", "Pengaduan Layanan Publik melalui SiKesal"),
    }
    items = [(Fused("a", 0.5), []), (Fused("c", 0.4), [])]
    led = lead_by_channel(list(items), metas, [metas["c"]], lambda desk: True)
    assert [f.id for f, _ in led] == ["a", "c"]


def test_a_duty_report_page_gives_way():
    metas = {
        "a": _meta("a", "Wajib Lapor Ketenagakerjaan di Perusahaan (WLKP)"),
        "c": _meta("c", "Mediasi Perselisihan Hubungan Industrial"),
    }
    items = [(Fused("a", 0.5), []), (Fused("c", 0.4), [])]
    led = lead_by_channel(list(items), metas, [metas["c"]], lambda desk: True)
    assert [f.id for f, _ in led] == ["c", "a"]


@pytest.mark.parametrize(
    "query",
    [
        "bau gas bocor tetangga",
        "apakah ada tempat pelayanan paspor di jambi",
        "tidak ada tempat parkir di kantor pelayanan",
        "truk batu bara lewat bising dan berdebu mau lapor",
        "tugas sekolah sulit",
        "pelayanan internet lambat",
        "calo tiket pesawat",
        "karaoke tetangga izin keramaian",
        "tetangga ribut tiap malam suami pukul istri",
    ],
)
def test_the_reviews_queries_do_not_reach_the_channel(sample_searcher, query):
    assert not _is_channel_title(_first_title(sample_searcher, query))


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("bau gas bocor tetangga", "Pemadaman Kebakaran"),
        ("truk batu bara lewat bising dan berdebu mau lapor", "Pelaporan Truk"),
    ],
)
def test_the_reviews_queries_keep_their_service(sample_searcher, query, first):
    assert _first_title(sample_searcher, query).startswith(first)


@pytest.mark.parametrize(
    "query",
    [
        "potongan gaji bpjs ketenagakerjaan berapa persen",
        "thr karyawan dipotong pajak",
        "gaji ojol dipotong aplikasi",
    ],
)
def test_a_lawful_deduction_does_not_reach_mediation(sample_searcher, query):
    assert not _first_title(sample_searcher, query).startswith("Mediasi Perselisihan")


@pytest.mark.parametrize(
    "query",
    [
        "pegawai capil minta amplop",
        "pelayanan ktp lama sekali sudah dua bulan",
        "oknum minta thr ke pedagang",
    ],
)
def test_conduct_paraphrases_reach_the_channel(sample_searcher, query):
    assert _is_channel_title(_first_title(sample_searcher, query))
