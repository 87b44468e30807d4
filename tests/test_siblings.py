"""The sibling rule (indexer/siblings.py) on small inputs, with the real analyzer: which
titles are siblings, which query word tells one apart, and the move it makes."""

from __future__ import annotations

import pytest

from indexer.analysis import Analyzer
from indexer.answer import QueryWords, spelled_title_tokens
from indexer.fusion import Fused
from indexer.siblings import common_tokens, lead_by_sibling, siblings, tells
from synonyms import StaticSynonyms


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(synonyms=StaticSynonyms.from_text("# no synonyms\n"))


def words(analyzer: Analyzer, query: str) -> QueryWords:
    return QueryWords(analyzer, analyzer.analyze_query(query), None, 10)


def title(analyzer: Analyzer, text: str) -> frozenset[str]:
    return spelled_title_tokens(analyzer, text)


def test_a_word_common_in_another_form_is_a_common_token(analyzer):
    # most pages say "pelayanan", titles say "layanan": both are the token "layan"; "lurah"
    # is on no more pages than its most frequent word says ("kelurahan", 3 of 10)
    counts = {"pelayanan": 6, "layanan": 2, "kota": 7, "jambi": 7, "kelurahan": 3,
              "lurah": 3, "sktm": 2}
    assert common_tokens(counts, 10, analyzer.index_tokens) == {"layan", "kota", "jambi"}


def test_a_common_word_in_another_form_tells_no_sibling_apart(analyzer):
    # a web of kelurahan pages: most say "kelurahan", so the token "lurah" names the web, not
    # the one service titled with it, whichever form the query writes it in
    counts = {"kelurahan": 6, "kota": 7, "jambi": 7, "sktm": 2, "sekolah": 1}
    common = common_tokens(counts, 10, analyzer.index_tokens)
    office = title(analyzer, "Surat Keterangan Tidak Mampu di Kelurahan")
    school = title(analyzer, "Surat Keterangan Tidak Mampu untuk Sekolah")
    assert not tells(words(analyzer, "sktm lurah"), office, office - school, common)
    # a word on few pages still tells its sibling
    assert tells(words(analyzer, "sktm sekolah"), school, school - office, common)


def item(doc: str, score: float) -> tuple[Fused, list[str]]:
    return Fused(doc, score, fused_score=score), []


def test_a_sibling_further_down_swaps_places_with_the_first_only(analyzer):
    # a news page between the two services: it keeps its place and its score, and the
    # demoted first result goes to the sibling's place, behind it, scores in order
    items = [item("sma", 1.0), item("news", 0.99), item("smp", 0.98), item("faq", 0.5)]
    titles = [title(analyzer, "Informasi SPMB SMA/SMK Negeri"), None,
              title(analyzer, "SPMB SMP Negeri"), None]
    moved = lead_by_sibling(items, titles, [0.5, 0.0, 0.5, 0.0],
                            words(analyzer, "daftar smp negeri"), 0.5, 0.05, frozenset())
    assert [f.id for f, _ in moved] == ["smp", "news", "sma", "faq"]
    assert [f.score for f, _ in moved] == [1.0, 0.99, 0.98, 0.5]
    assert moved[0][0].boosts["sibling"] == pytest.approx(1.0 / 0.98)
    assert moved[2][0].boosts["sibling"] == pytest.approx(0.98)
    assert "sibling" not in moved[1][0].boosts


def test_services_of_one_family_are_siblings(analyzer):
    smp = title(analyzer, "SPMB SMP Negeri")
    assert siblings(smp, title(analyzer, "Informasi SPMB SMA/SMK Negeri"), 0.5)
    assert siblings(title(analyzer, "KK Hilang"), title(analyzer, "KTP-el Hilang"), 0.5)
    # a title inside another is the same service said at more length
    waris = title(analyzer, "Surat Keterangan Ahli Waris")
    assert not siblings(waris, title(analyzer, "Syarat Surat Keterangan Ahli Waris di Kelurahan"),
                        0.5)
    assert not siblings(smp, title(analyzer, "Pajak Reklame"), 0.5)


def test_the_query_word_a_title_has_of_its_own_tells_it(analyzer):
    smp, sma = title(analyzer, "SPMB SMP Negeri"), title(analyzer, "Informasi SPMB SMA/SMK Negeri")
    query = words(analyzer, "cara daftar smp negeri")
    assert tells(query, smp, smp - sma, frozenset())
    assert not tells(query, sma, sma - smp, frozenset())  # "negeri" is on both


def admissions(analyzer, query: str, scores=(1.0, 0.97), pages=(0.5, 0.5)):
    items = [item("sma", scores[0]), item("smp", scores[1])]
    titles = [title(analyzer, "Informasi SPMB SMA/SMK Negeri"), title(analyzer, "SPMB SMP Negeri")]
    return lead_by_sibling(items, titles, list(pages), words(analyzer, query), 0.5, 0.05,
                           frozenset())


def test_the_sibling_the_query_tells_leads(analyzer):
    moved = admissions(analyzer, "cara daftar smp negeri")
    assert [f.id for f, _ in moved] == ["smp", "sma"]
    assert [f.score for f, _ in moved] == [1.0, 0.97]
    assert moved[0][0].boosts["sibling"] == pytest.approx(1.0 / 0.97)


@pytest.mark.parametrize("query,scores,pages", [
    ("spmb negeri", (1.0, 0.97), (0.5, 0.5)),  # tells neither
    ("spmb smp sma", (1.0, 0.97), (0.5, 0.5)),  # tells both
    ("cara daftar smp negeri", (1.0, 0.9), (0.5, 0.5)),  # lost on more than its title
    ("cara daftar smp negeri", (1.0, 0.97), (0.6, 0.5)),  # its page says less of the query
])
def test_the_order_stays_when_the_rule_does_not_apply(analyzer, query, scores, pages):
    moved = admissions(analyzer, query, scores, pages)
    assert [f.id for f, _ in moved] == ["sma", "smp"]
    assert not any("sibling" in f.boosts for f, _ in moved)


def test_keyword_first_that_the_vector_leg_misses_leads_from_further_behind(analyzer):
    # "cara daftar smp negeri" on the sample web: keyword search ranks the SMP page first, the
    # vector leg not at all (cosine 0.22), and the SMA/SMK page leads on its vector share by
    # 12%: the legs disagree, and the title the query tells decides
    def ranked(smp_vector_rank, query="cara daftar smp negeri"):
        sma = Fused("sma", 1.0, keyword_rank=3, vector_rank=9, fused_score=1.0)
        smp = Fused("smp", 0.88, keyword_rank=1, vector_rank=smp_vector_rank, fused_score=0.88)
        titles = [title(analyzer, "Informasi SPMB SMA/SMK Negeri"),
                  title(analyzer, "SPMB SMP Negeri")]
        moved = lead_by_sibling([(sma, []), (smp, [])], titles, [1.0, 1.0],
                                words(analyzer, query), 0.5, 0.05, frozenset())
        return [f.id for f, _ in moved]

    assert ranked(None) == ["smp", "sma"]
    # found by both legs, 12% behind is a loss on more than its title
    assert ranked(40) == ["sma", "smp"]
    # a query that tells neither keeps the order, whatever the legs say
    assert ranked(None, "spmb negeri") == ["sma", "smp"]


def test_on_a_near_tie_the_result_both_retrievers_found_leads(analyzer):
    # "syarat kk" on the tuning web: a short kelurahan copy of "Perubahan Data Kartu Keluarga"
    # ranked first on the keywords alone, the new-KK page third there and tenth by vector;
    # both titles say "kk" (one as "kartu keluarga"), so the title cannot decide
    from indexer.answer import lead_by_coverage

    query = words(analyzer, "syarat kk")
    titles = ["Perubahan Data Kartu Keluarga", "Penerbitan Kartu Keluarga (KK) Baru"]
    change = Fused("change", 0.03668, keyword_rank=1)
    new = Fused("new", 0.03655, keyword_rank=3, vector_rank=10)
    led = lead_by_coverage([(change, []), (new, [])], titles, query, 0.05)
    assert [f.id for f, _ in led] == ["new", "change"]
    assert "tie_break" in new.boosts and new.score > change.score
    # a clear lead stays, and so does a first result both found
    far = Fused("change", 0.0400, keyword_rank=1)
    assert lead_by_coverage([(far, []), (Fused("new", 0.0366, keyword_rank=3, vector_rank=10),
                                         [])], titles, query, 0.05)[0][0].id == "change"
    both = Fused("change", 0.03668, keyword_rank=1, vector_rank=40)
    assert lead_by_coverage([(both, []), (Fused("new", 0.03655, keyword_rank=3,
                                                 vector_rank=10), [])],
                            titles, query, 0.05)[0][0].id == "change"
