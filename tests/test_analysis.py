"""The Indonesian analysis pipeline, told through what citizens type and what OPD pages say."""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer, QueryAnalysis, QueryTerm, Vocabulary
from synonyms import StaticSynonyms


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(synonyms=StaticSynonyms.from_text("# no synonyms\n"))


@pytest.fixture(scope="module")
def vocabulary(analyzer: Analyzer) -> Vocabulary:
    """Built like the index builds it: document frequencies of ``words()``."""
    pages = [
        "Penerbitan Kutipan Akta Kelahiran di Disdukcapil Kota Jambi",
        "Pencatatan kelahiran: persyaratan akta kelahiran anak",
        "Persetujuan Bangunan Gedung (PBG) dan perizinan bangunan di DPMPTSP",
        "Pembayaran Pajak Bumi dan Bangunan Perdesaan dan Perkotaan (PBB-P2)",
        "Penerbitan KTP-el karena hilang atau rusak",
        "Kartu Tanda Penduduk elektronik (KTP-el) untuk penduduk pemula",
        "Kartu Keluarga (KK) baru, perubahan KK dan pecah KK",
        "Dinas Kependudukan dan Pencatatan Sipil melayani kependudukan warga",
        "Kartu Identitas Anak (KIA) untuk anak di bawah 17 tahun",
        "Surat Keterangan Tidak Mampu (SKTM) dari kelurahan",
        "Uji berkala kendaraan bermotor (uji KIR) di Dinas Perhubungan",
    ]
    counts: dict[str, int] = {}
    for page in pages:
        for word in set(analyzer.words(page)):
            counts[word] = counts.get(word, 0) + 1
    return Vocabulary.build(counts)


def tokens(analysis: QueryAnalysis, origin: str | None = None) -> set[tuple[str, ...]]:
    return {t.tokens for t in analysis.terms if origin is None or t.origin == origin}


# -- documents and queries meet ---------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["e-ktp", "E-KTP", "eKTP", "ktp el", "KTP-el", "KTP", "ktp elektronik"]
)
def test_every_way_of_writing_ktp_el_meets_the_page(analyzer: Analyzer, query: str) -> None:
    page = set(analyzer.index_tokens("Kartu Tanda Penduduk elektronik (KTP-el)"))
    assert set(analyzer.index_tokens(query)) <= page
    assert ("ktp",) in tokens(analyzer.analyze_query(query))


def test_plain_ktp_query_also_finds_pages_that_only_spell_it_out(analyzer: Analyzer) -> None:
    page = analyzer.index_tokens("Syarat membuat Kartu Tanda Penduduk bagi pemula")
    phrases = tokens(analyzer.analyze_query("KTP"), "abbreviation")
    assert ("kartu", "tanda", "penduduk") in phrases
    assert "kartu tanda penduduk" in " ".join(page)


def test_akte_and_akta_are_one_word(analyzer: Analyzer) -> None:
    assert analyzer.index_tokens("akte kelahiran") == analyzer.index_tokens("Akta Kelahiran")
    assert analyzer.index_tokens("Akta Kelahiran") == ["akta", "lahir"]


def test_kependudukan_stems_to_penduduk_not_to_sitting(analyzer: Analyzer) -> None:
    assert analyzer.index_tokens("Dinas Kependudukan dan Pencatatan Sipil") == [
        "dinas",
        "penduduk",
        "catat",
        "sipil",
    ]
    assert analyzer.index_tokens("penduduk") == ["penduduk"]


def test_formal_derivations_stem_to_their_root(analyzer: Analyzer) -> None:
    text = "perizinan kelahiran kematian perkawinan pendaftaran persyaratan"
    assert analyzer.index_tokens(text) == [
        "izin", "lahir", "mati", "kawin", "daftar", "syarat",
    ]  # fmt: skip


def test_a_street_lamp_out_does_not_reach_the_fire_brigade(tmp_path) -> None:
    """ "pemadam" (the fire brigade, Dinas Pemadam Kebakaran) is not "padam" (out, of a lamp
    or the power): "pju padam" found the fire brigade's pages before the PJU complaint."""
    from sikoja.documents import Document
    from tests.corpus import keyword_searcher

    fire = Document(url="http://127.0.0.1:8701/layanan/pemadaman", source="damkar",
                    opd="Dinas Pemadam Kebakaran dan Penyelamatan", kind="service",
                    title="Pemadaman Kebakaran",
                    text="Mobil pemadam dan petugas pemadam kebakaran siaga 24 jam.")
    lamp = Document(url="http://127.0.0.1:8702/layanan/pju", source="diskominfo",
                    opd="Dinas Komunikasi dan Informatika", kind="service",
                    title="Pengaduan Lampu Jalan (PJU) Mati",
                    text="Laporkan lampu penerangan jalan umum yang mati atau padam.")
    searcher = keyword_searcher(tmp_path, [fire, lamp])
    try:
        for query in ("pju padam", "lampu jalan padam", "listrik padam"):
            urls = [r.url for r in searcher.search(query).results]
            assert fire.url not in urls and urls[:1] == [lamp.url], query
        assert searcher.search("pemadam").results[0].url == fire.url
        assert searcher.search("damkar").results[0].url == fire.url
    finally:
        searcher.close()


def test_reduplication_collapses_to_the_base_word(analyzer: Analyzer) -> None:
    assert analyzer.index_tokens("anak-anak") == ["anak"]
    assert analyzer.index_tokens("ibu2 hamil") == ["ibu", "hamil"]
    assert analyzer.index_tokens("KTP anak-anak") == ["ktp", "anak"]


def test_codes_numbers_and_amounts_stay_whole(analyzer: Analyzer) -> None:
    assert analyzer.index_tokens("PBB-P2") == ["pbb", "p2"]
    assert analyzer.index_tokens("AK-1") == analyzer.index_tokens("AK1") == ["ak1"]
    assert analyzer.index_tokens("Call Center 112") == ["call", "center", "112"]
    assert analyzer.index_tokens("biaya Rp50.000") == ["biaya", "rupiah", "50000"]
    assert "2013" in analyzer.index_tokens("UU 24/2013")


def test_pbb_query_meets_a_pbb_p2_page(analyzer: Analyzer) -> None:
    page = set(analyzer.index_tokens("Pembayaran PBB-P2 Kota Jambi"))
    assert ("pbb",) in tokens(analyzer.analyze_query("bayar pbb"))
    assert "pbb" in page


def test_app_names_in_any_spelling_are_one_token(analyzer: Analyzer) -> None:
    for spelling in ("SiKesal", "Si-Kesal", "si kesal", "SIKESAL"):
        assert analyzer.index_tokens(spelling) == ["sikesal"]


def test_unicode_look_alikes_fold(analyzer: Analyzer) -> None:
    # non-breaking hyphen, full-width letters, zero-width space, accented letter
    assert analyzer.index_tokens("KTP\u2011el") == ["ktp"]
    assert analyzer.index_tokens("\uff2b\uff34\uff30") == ["ktp"]
    assert analyzer.index_tokens("kar\u200btu \u202eKK\u202c") == ["kartu", "kk"]
    assert analyzer.index_tokens("pelayanan café") == analyzer.index_tokens("pelayanan cafe")


def test_stopwords_go_but_public_service_words_stay(analyzer: Analyzer) -> None:
    assert analyzer.words("bagaimana cara membuat KK baru yang hilang") == [
        "kk", "baru", "hilang",
    ]  # fmt: skip
    assert analyzer.words("surat keterangan tidak mampu") == ["surat", "keterangan", "mampu"]


# -- colloquial, Jambi Malay and protected acronyms -------------------------------------------


def test_colloquial_query_reads_as_standard_indonesian(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_query("bikin akte lahir")
    assert analysis.normalized == "buat akta lahir"
    assert tokens(analysis, "query") == {("akta",), ("lahir",)}


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("ngurus ktp", "urus ktp"),
        ("gmn urus kk", "bagaimana urus kk"),
        ("gimana cara bikin ktp", "bagaimana cara buat ktp"),
        ("ktp ilang", "ktp hilang"),
        ("mau ngurusin surat pindah", "mau urus surat pindah"),
        ("syarat bikin kk apa aja", "syarat buat kk apa saja"),
        ("perijinan usaha", "perizinan usaha"),
    ],
)
def test_colloquial_forms(analyzer: Analyzer, typed: str, standard: str) -> None:
    assert analyzer.analyze_query(typed).normalized == standard


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("cakmano bikin kk", "bagaimana buat kk"),
        ("kemano ngurus akte", "ke mana urus akta"),
        ("nak urus ktp", "mau urus ktp"),
        ("kalo ado sengketa lahan", "kalau ada sengketa lahan"),
        ("idak biso", "tidak bisa"),
        ("apo syaratnyo", "apa syaratnya"),
        ("cakmano daftarnyo", "bagaimana daftarnya"),
        # -nyo on a word the lists spell differently: the list's word takes the -nya
        ("ijinnyo", "izinnya"),
        ("sertipikatnyo", "sertifikatnya"),
    ],
)
def test_jambi_malay_forms(analyzer: Analyzer, typed: str, standard: str) -> None:
    assert analyzer.analyze_query(typed).normalized == standard


def test_jambi_malay_o_words_no_list_names_read_as_their_a_words(analyzer: Analyzer) -> None:
    # "koto" and "tigo" are in no word list: Jambi Malay's final -o is Indonesian's -a
    assert tokens(analyzer.analyze_query("pindah koto"), "query") == {("pindah",), ("kota",)}
    # read as the word itself, "tigo" is "tiga": the query "tiga hari", whose "tiga" is a
    # stopword on pages and in queries alike (it had been kept as a token no page indexes)
    tigo = analyzer.analyze_query("tigo hari")
    assert tigo.normalized == "tiga hari"
    assert tigo.terms == analyzer.analyze_query("tiga hari").terms
    # words that are Indonesian as they are keep their -o
    assert tokens(analyzer.analyze_query("foto toko"), "query") == {("foto",), ("toko",)}


@pytest.mark.parametrize(
    ("typed", "page"),
    [
        # Jambi Malay -ke is -kan: "surat domisili uruske di mano"
        ("uruske", "pengurusan"),
        ("daftarke", "pendaftaran"),
        ("bayarke", "pembayaran"),
        ("nyiapke", "persiapan"),
        # a colloquial nasal with the formal suffix: "cakmano ngusulkan kampung bahagia"
        ("ngusulkan", "usulan"),
        ("nerbitkan", "penerbitan"),
        ("ngurangi", "pengurangan"),
        # m- of b-, as "membetulkan" has it: "pbb salah luas tanah cakmano mbetulkan"
        ("mbetulkan", "pembetulan"),
    ],
)
def test_affixed_colloquial_words_meet_the_page_words_of_their_root(
    analyzer: Analyzer, typed: str, page: str
) -> None:
    assert analyzer.index_tokens(typed) == analyzer.index_tokens(page) != [typed]


@pytest.mark.parametrize(
    "word",
    [
        # roots and places that look affixed: ke- (kemang, kebun, ketua, kelas), ng-/ny-/m-
        # (nganga, ngarai, nyamuk, nyonya, mandi), -ke (karaoke), -i (nyanyi, ngeri, mandi)
        "kemang", "kebun", "ketua", "kelas", "nganga", "ngarai", "nyamuk", "nyonya", "mandi",
        "karaoke", "nyanyi", "ngeri", "keranjang",
        # app and unit names no root list holds
        "nakes", "naker",
    ],
)
def test_words_that_only_look_affixed_stay_as_they_are(analyzer: Analyzer, word: str) -> None:
    assert analyzer.index_tokens(word) == [word]


def test_kk_is_never_kakak(analyzer: Analyzer) -> None:
    for text in ("kk", "KK", "urus kk hilang"):
        assert "kakak" not in analyzer.words(text)
        assert "kk" in analyzer.words(text)
    assert ("kartu", "keluarga") in tokens(analyzer.analyze_query("kk"), "abbreviation")


def test_school_acronyms_are_not_slang(analyzer: Analyzer) -> None:
    # the slang list maps smp -> sampai and sma -> sama
    assert analyzer.words("daftar SMP negeri") == ["daftar", "smp", "negeri"]
    assert analyzer.words("sma") == ["sma"]


def test_lowercase_dak_is_jambi_malay_but_capital_dak_is_the_fund(analyzer: Analyzer) -> None:
    assert analyzer.analyze_query("dak biso online").normalized == "tidak bisa online"
    assert "dak" not in analyzer.words("dak biso")
    assert analyzer.words("DAK fisik pendidikan") == ["dak", "fisik", "pendidikan"]
    expansions = tokens(analyzer.analyze_query("DAK"), "abbreviation")
    assert ("dana", "alokasi", "khusus") in expansions


# -- abbreviations, renamed services, glossary ------------------------------------------------


@pytest.mark.parametrize(
    ("acronym", "phrase"),
    [
        ("KTP", ("kartu", "tanda", "penduduk")),
        ("KK", ("kartu", "keluarga")),
        ("KIA", ("kartu", "identitas", "anak")),
        ("SKTM", ("surat", "terang", "mampu")),
        ("PBG", ("setuju", "bangun", "gedung")),
        ("NIB", ("nomor", "induk", "usaha")),
        ("AK1", ("kartu", "tanda", "cari", "kerja")),
        ("KIR", ("uji", "kala", "kendara", "motor")),
        ("PBB", ("pajak", "bumi", "bangun")),
        ("BPHTB", ("bea", "oleh", "hak", "tanah", "bangun")),
    ],
)
def test_acronyms_expand_to_their_long_form(
    analyzer: Analyzer, acronym: str, phrase: tuple[str, ...]
) -> None:
    assert phrase in tokens(analyzer.analyze_query(acronym), "abbreviation")


def test_long_form_in_query_adds_the_acronym(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_query("surat keterangan tidak mampu")
    assert ("sktm",) in tokens(analysis, "abbreviation")
    assert ("kk",) in tokens(analyzer.analyze_query("kartu keluarga hilang"), "abbreviation")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("IMB", ("pbg",)),
        ("SIUP", ("nib",)),
        ("TDP", ("nib",)),
        ("zonasi", ("jalur", "domisili")),
        ("kartu kuning", ("ak1",)),
        ("ppdb smp", ("spmb",)),
    ],
)
def test_old_names_find_the_current_service(
    analyzer: Analyzer, old: str, new: tuple[str, ...]
) -> None:
    analysis = analyzer.analyze_query(old)
    assert new in tokens(analysis, "synonym")
    assert all(t.weight < 1 for t in analysis.terms if t.tokens == new)


def test_e_ktp_is_the_same_token_as_ktp_el(analyzer: Analyzer) -> None:
    assert analyzer.index_tokens("e-KTP") == analyzer.index_tokens("KTP-el")


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("id card", ("ktp",)),
        ("family card", ("kartu", "keluarga")),
        ("birth certificate", ("akta", "lahir")),
        ("death certificate", ("akta", "mati")),
        ("building permit", ("setuju", "bangun", "gedung")),
        ("business license", ("nomor", "induk", "usaha")),
        ("land tax", ("pajak", "bumi", "bangun")),
        ("complaint", ("adu",)),
        ("driving license", ("surat", "izin", "kemudi")),
        ("health insurance", ("bpjs", "sehat")),
        ("job seeker card", ("kartu", "cari", "kerja")),
        ("office of religious affairs", ("kantor", "urus", "agama")),
        ("landfill fees", ("tempat", "pemrosesan", "akhir")),
        ("restaurant tax", ("pajak", "restoran")),
    ],
)
def test_english_queries_get_indonesian_terms(
    analyzer: Analyzer, english: str, indonesian: tuple[str, ...]
) -> None:
    analysis = analyzer.analyze_query(english)
    assert analysis.lang == "en"
    assert indonesian in tokens(analysis, "glossary")


def test_english_query_is_embedded_in_indonesian(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_query("how to get a birth certificate")
    assert "akta kelahiran" in analysis.embedding_text
    lost = analyzer.analyze_query("id card lost")
    assert lost.embedding_text.startswith("ktp hilang")


def test_indonesian_embedding_text_carries_key_expansions(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_query("bikin KTP")
    assert analysis.embedding_text.startswith("buat ktp")
    assert "kartu tanda penduduk" in analysis.embedding_text


# -- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["urus KTP", "izin usaha", "cakmano bikin kk", "ktp ilang", "PBB", "kartu bahagia",
     "lapor jalan rusak", "akte kelahran", "sikesal"],
)  # fmt: skip
def test_short_indonesian_queries_are_indonesian(analyzer: Analyzer, query: str) -> None:
    assert analyzer.analyze_query(query).lang == "id"


@pytest.mark.parametrize(
    "query",
    ["id card", "how to get a birth certificate", "where to pay land tax", "street lights broken",
     "family card lost"],
)  # fmt: skip
def test_english_queries_are_english(analyzer: Analyzer, query: str) -> None:
    assert analyzer.analyze_query(query).lang == "en"


# -- typo correction --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("akte kelahran", "akta kelahiran"),
        ("perizinan bangunn", "perizinan bangunan"),
        ("pajak bumi bangnan", "pajak bumi bangunan"),
        ("kependudukn", "kependudukan"),
    ],
)
def test_typos_are_corrected_against_the_index(
    analyzer: Analyzer, vocabulary: Vocabulary, typed: str, meant: str
) -> None:
    analysis = analyzer.analyze_query(typed, vocabulary)
    assert analysis.did_you_mean == meant
    corrected = [t for t in analysis.terms if t.origin == "correction"]
    assert corrected and all(t.weight < 1 for t in corrected)


def test_colloquial_word_is_normalised_not_corrected(
    analyzer: Analyzer, vocabulary: Vocabulary
) -> None:
    analysis = analyzer.analyze_query("ktp ilang", vocabulary)
    assert analysis.did_you_mean is None
    assert ("hilang",) in tokens(analysis, "query")


@pytest.mark.parametrize("acronym", ["kk", "kia", "kir", "pbb", "pbg", "nib", "sktm", "ak1", "kis"])
def test_short_acronyms_are_never_corrected(
    analyzer: Analyzer, vocabulary: Vocabulary, acronym: str
) -> None:
    assert analyzer.analyze_query(acronym, vocabulary).did_you_mean is None
    assert vocabulary.correct(acronym) in (None,)


def test_unknown_acronym_of_three_letters_is_left_alone(vocabulary: Vocabulary) -> None:
    assert vocabulary.correct("kiz") is None  # one edit from kia/kir, but three letters
    assert vocabulary.correct("ktq") is None


def test_real_words_missing_from_the_index_are_not_corrected(
    analyzer: Analyzer, vocabulary: Vocabulary
) -> None:
    # "banjir" is not in this small index; it is a real word, so no "did you mean"
    assert analyzer.analyze_query("banjir", vocabulary).did_you_mean is None


def test_vocabulary_round_trips_through_a_file(tmp_path, vocabulary: Vocabulary) -> None:
    path = tmp_path / "vocabulary.json"
    vocabulary.save(path)
    loaded = Vocabulary.load(path)
    assert loaded.counts == vocabulary.counts
    assert loaded.correct("kelahran") == "kelahiran"


def test_ambiguous_correction_is_not_offered() -> None:
    vocab = Vocabulary.build({"pajak": 5, "pajar": 5})
    assert vocab.correct("pajat") is None  # two equally likely fixes
    vocab = Vocabulary.build({"pajak": 50, "pajar": 1})
    assert vocab.correct("pajat") == "pajak"


# -- the interface the index relies on --------------------------------------------------------


def test_terms_are_deduplicated_and_typed_terms_weigh_most(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_query("KTP ktp KTP-el e-ktp")
    assert [t.tokens for t in analysis.terms].count(("ktp",)) == 1
    assert analysis.terms[0] == QueryTerm(("ktp",), 1.0, "query")
    assert all(t.weight <= 1.0 for t in analysis.terms)


def test_analysis_keeps_the_text_as_typed(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_query("  Bikin AKTE  lahir?? ")
    assert analysis.text == "  Bikin AKTE  lahir?? "
    assert analysis.normalized == "buat akta lahir"


# -- details found on the sample web's dev set ------------------------------------------------


def test_english_words_are_matched_by_their_stem(analyzer: Analyzer) -> None:
    licenses = tokens(analyzer.analyze_query("business licenses"), "glossary")
    assert ("nomor", "induk", "usaha") in licenses
    moving = analyzer.analyze_query("moving out of jambi city letter")
    assert ("pindah", "keluar") in tokens(moving, "glossary")
    assert "dari" not in moving.normalized  # the slang list's "of" -> "dari" is not applied


def test_english_translation_gets_acronyms_and_synonyms(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_query("job seeker card")
    assert ("ak1",) in tokens(analysis)
    assert ("kartu",) in tokens(analysis, "glossary")  # single words count for partial pages


def test_english_stopwords_only_leave_english_queries(analyzer: Analyzer) -> None:
    assert ("a",) not in tokens(analyzer.analyze_query("report a fire"))
    assert analyzer.words("perpanjang SIM A") == ["perpanjang", "sim", "a"]


def test_death_is_not_residence(analyzer: Analyzer) -> None:
    assert analyzer.index_tokens("meninggal dunia") != analyzer.index_tokens("tinggal")
    assert "tinggal" in analyzer.index_tokens("tempat tinggal")
    assert analyzer.index_tokens("menikah") == analyzer.index_tokens("nikah") == ["nikah"]


def test_an_affixed_loanword_meets_its_root(analyzer: Analyzer) -> None:
    """"Fotokopi ijazah dilegalisir" on a requirements list is about "Legalisir Dokumen"."""
    assert analyzer.index_tokens("dilegalisir") == analyzer.index_tokens("Legalisir") == [
        "legalisir"]
    assert analyzer.index_tokens("melegalisir") == ["legalisir"]


def test_kota_jambi_place_names_are_not_stemmed(analyzer: Analyzer) -> None:
    assert analyzer.index_tokens("Kelurahan Penyengat Rendah, Pelayangan") == [
        "lurah", "penyengat", "rendah", "pelayangan",
    ]  # fmt: skip


def test_colloquial_words_that_are_real_words_get_a_low_weight_reading(
    analyzer: Analyzer,
) -> None:
    analysis = analyzer.analyze_query("liat tagihan pbb")
    slang = [t for t in analysis.terms if t.origin == "slang"]
    assert [t.tokens for t in slang] == [("lihat",)]
    assert slang[0].weight < 0.8
    assert ("liat",) in tokens(analysis, "query")  # never rewritten: "liat" is also a word


def test_stemmers_of_one_lexicon_share_one_bounded_cache(monkeypatch) -> None:
    # a full shared cache is emptied in place: a stemmer that moved to a private one left
    # the full one pinned for every later stemmer, memory up to (stemmers + 1) x the limit
    from indexer.analysis import lexicon, stemming

    monkeypatch.setattr(stemming, "_CACHE_LIMIT", 5)
    monkeypatch.setattr(stemming, "_SHARED", {})  # not the cache the other tests filled
    first = stemming.Stemmer(lexicon.load())
    words = ["pelayanan", "kelahiran", "perizinan", "pendaftaran", "kematian", "perekaman",
             "penerbitan", "pengaduan", "pembayaran", "perubahan", "pengantar", "keterangan"]
    stems = [first.stem(w) for w in words]
    second = stemming.Stemmer(lexicon.load())
    assert [second.stem(w) for w in reversed(words)] == stems[::-1]
    assert first._cache is second._cache and len(first._cache) <= 5
    # protected words and overrides hold after a reset ("perkim" would lose "per-")
    assert first.stem("perkim") == second.stem("perkim") == "perkim"
    assert stems[:3] == ["layan", "lahir", "izin"]
