"""Bounded kind priors (``ranking.prior_margin``): priors that reorder near-ties only.

The story: the Dinas Lingkungan Hidup publishes "Izin Pembuangan Limbah Cair" on a template
the crawler does not know, and stores it as a plain page, sure of it. A citizen typing
"pembuangan limbah cair" wants it; BM25 scores it more than twice the office's other permit,
a service whose title mentions wastewater in passing. Whole priors (page 0.81 against
service 1.0) put that service first; bounded at a margin m, no prior is below 1 - m, and
the page that clearly leads stays first. Where the two match nearly alike, the service
still wins: the priors are a tie-break, not gone.

Keyword retrieval only (no embedder): rank fusion scores rank 1 about 3% above rank 2
(1/31 against 1/32), so the margin here is 0.03, under that step.
"""

from __future__ import annotations

import pytest

from indexer.build import build_index
from indexer.search import RankingConfig, Searcher, bounded_prior
from sikoja.config import load_settings
from sikoja.documents import Document
from tests.corpus import write_corpus

DLH = "Dinas Lingkungan Hidup Kota Jambi"
PAGE_URL = "http://127.0.0.1:8730/index.php?p=izin&id=4"
SERVICE_URL = "http://127.0.0.1:8730/index.php?p=izin&id=7"
MARGIN = 0.03
REQUIREMENTS = ["Dokumen lingkungan", "Hasil uji laboratorium", "Denah saluran"]


def misread_page() -> Document:
    return Document(
        url=PAGE_URL, source="dlh", opd=DLH, kind="page", title="Izin Pembuangan Limbah Cair",
        text="Izin pembuangan limbah cair (IPLC) bagi usaha yang membuang air limbah ke sungai. "
             "Persyaratan izin pembuangan limbah cair: dokumen lingkungan, hasil uji "
             "laboratorium limbah cair, denah saluran pembuangan limbah cair. Biaya gratis. "
             "Waktu 14 hari kerja.")


def weaker_service() -> Document:
    return Document(
        url=SERVICE_URL, source="dlh", opd=DLH, kind="service",
        title="Izin Penyimpanan Limbah B3 dan Pembuangan Limbah Cair",
        headings=["Persyaratan", "Biaya"],
        text="Izin penyimpanan sementara limbah bahan berbahaya dan beracun (B3) bagi rumah "
             "sakit, bengkel dan industri. Persyaratan: formulir permohonan, KTP pemohon, denah "
             "tempat penyimpanan B3, kontrak dengan pengangkut berizin. Biaya gratis. Waktu 10 "
             "hari kerja.",
        fields={"requirements": ["Formulir permohonan", "KTP pemohon",
                                 "Denah tempat penyimpanan B3"], "cost": "Gratis"})


def ranked(data_dir, docs: list[Document], query: str, yaml_text: str = "",
           ranking: RankingConfig | None = None) -> list:
    write_corpus(data_dir, docs).close()
    if yaml_text:
        (data_dir / "sikoja.yaml").write_text(yaml_text, encoding="utf-8")
    settings = load_settings(data_dir, embedder="none")
    build_index(settings)
    searcher = Searcher(settings, ranking=ranking)
    try:
        return searcher.search(query, explain=True).results
    finally:
        searcher.close()


def test_a_clear_keyword_winner_read_as_a_page_stays_first(tmp_path):
    """Whole priors put the weaker service above the page BM25 scores more than twice as
    high; with ``prior_margin`` set in sikoja.yaml the page leads, its prior 1 - m."""
    docs = [misread_page(), weaker_service()]
    whole = ranked(tmp_path / "whole", docs, "pembuangan limbah cair")
    assert [r.url for r in whole] == [SERVICE_URL, PAGE_URL]
    page = whole[1].explain
    assert page.keyword_score > 2 * whole[0].explain.keyword_score  # a clear keyword winner
    bounded = ranked(tmp_path / "bounded", docs, "pembuangan limbah cair",
                     f"ranking:\n  prior_margin: {MARGIN}\n")
    assert [r.url for r in bounded] == [PAGE_URL, SERVICE_URL]
    assert bounded[0].explain.priors == {"kind_prior": pytest.approx(1.0 - MARGIN)}


def test_a_service_still_wins_a_near_tie_under_bounded_priors(tmp_path):
    """The same permit as a page and as a service of the office, the service's text one word
    longer: without priors the page leads by a hair (BM25 within half a percent); bounded
    priors still put the service first."""
    text = ("Izin pembuangan limbah cair bagi usaha yang membuang air limbah ke sungai. "
            "Persyaratan: dokumen lingkungan, hasil uji laboratorium, denah saluran. Biaya "
            "gratis.")
    page = Document(url=PAGE_URL, source="dlh", opd=DLH, kind="page",
                    title="Izin Pembuangan Limbah Cair", headings=["Persyaratan"], text=text,
                    fields={"requirements": REQUIREMENTS})
    service = Document(url=SERVICE_URL, source="dlh", opd=DLH, kind="service",
                       title="Izin Pembuangan Limbah Cair", headings=["Persyaratan"],
                       text=text + " Loket.", fields={"requirements": REQUIREMENTS})
    plain = ranked(tmp_path / "plain", [page, service], "pembuangan limbah cair",
                   ranking=RankingConfig(use_priors=False))
    assert [r.url for r in plain] == [PAGE_URL, SERVICE_URL]
    assert plain[1].explain.keyword_score > 0.99 * plain[0].explain.keyword_score
    bounded = ranked(tmp_path / "bounded", [page, service], "pembuangan limbah cair",
                     ranking=RankingConfig(prior_margin=MARGIN))
    assert [r.url for r in bounded] == [SERVICE_URL, PAGE_URL]


def test_the_bound_lifts_only_priors_below_it():
    assert bounded_prior(0.81, None) == pytest.approx(0.81)
    assert bounded_prior(0.81, 0.1) == pytest.approx(0.9)
    assert bounded_prior(0.94, 0.1) == pytest.approx(0.94)
    assert bounded_prior(1.0, 0.0) == pytest.approx(1.0)
