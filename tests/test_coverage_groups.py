"""The coverage after fusion reads the first ``coverage_candidates`` near-duplicate groups.

One standard kecamatan text published on a dozen sites is one result, but a dozen
candidates: counted by candidate, its copies filled the window, and the page of the next
group, shown right after it, was scored as saying none of the query (x0.7), whatever its
page said.
"""

from __future__ import annotations

import pytest

from sikoja.documents import Document
from tests.corpus import keyword_searcher

COPIES = [f"http://127.0.0.1:88{n:02d}/retribusi" for n in range(5)]
TOWER = "http://127.0.0.1:8860/izin-tower"
WINDOW = 2  # coverage_candidates: the five copies fill it counted by candidate


def web() -> list[Document]:
    copies = [
        Document(url=url, source=f"kec{n}", opd=f"Kecamatan {name}", kind="service",
                 title="Retribusi Daerah", group_id=None if n == 0 else COPIES[0],
                 text="Retribusi daerah: retribusi pasar, retribusi parkir, retribusi "
                 "sampah, retribusi terminal, retribusi kebersihan.")
        for n, (url, name) in enumerate(zip(COPIES, ("Telanaipura", "Jelutung", "Kota Baru",
                                                     "Pasar Jambi", "Danau Teluk"), strict=True))
    ]
    # pages saying "menara" in passing: the word is no rarer than "retribusi"
    others = [
        Document(url=f"http://127.0.0.1:887{n}/berita/{n}", source=f"news{n}",
                 opd="Dinas Komunikasi dan Informatika Kota Jambi", kind="service",
                 title=title, text=f"{title} dibuka untuk warga setiap hari kerja, dari pagi "
                 "sampai sore, dekat menara dan taman kota, gratis bagi pelajar dan lansia.")
        for n, title in enumerate(("Perpustakaan Keliling", "Taman Bacaan", "Ruang Laktasi",
                                   "Pojok Baca"))
    ]
    tower = Document(url=TOWER, source="dpmptsp", opd="Dinas Penanaman Modal Kota Jambi",
                     kind="service", title="Izin Tower",
                     text="Retribusi menara telekomunikasi.")
    return [*copies, *others, tower]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("coverage-groups")
    (data_dir / "sikoja.yaml").write_text(
        f"ranking:\n  coverage_candidates: {WINDOW}\n", encoding="utf-8")
    searcher = keyword_searcher(data_dir, web())
    yield searcher
    searcher.close()


def test_the_page_of_the_group_after_the_copies_is_scored_on_what_it_says(searcher):
    results = searcher.search("retribusi menara", explain=True).results
    urls = [r.url for r in results]
    # the copies are one result, first after fusion; the tower's page is the second group
    assert urls.index(TOWER) <= 1
    tower = results[urls.index(TOWER)]
    # it says both words: no coverage multiplier (1), not the 0.7 of a page unread
    assert tower.explain.boosts.get("coverage", 1.0) == pytest.approx(1.0)
    assert urls[0] == TOWER
