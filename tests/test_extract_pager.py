"""A "pager" (the newer/older post links) is furniture only when "pager" is a word of the
element's name: table-layout templates wrap a page's whole content in ``pageRight``,
``pageRegion`` or ``pageRow``, and those must keep the service's text."""

import pytest

from crawler.extract.html import extract_page

PAGE = """<html><head><title>Syarat Pembuatan SKTM</title></head><body>
<div id="header"><a href="/">Kelurahan Contoh</a></div>
<div {attr}>
<h2>Syarat Pembuatan SKTM</h2>
<p>Warga yang memerlukan Surat Keterangan Tidak Mampu membawa berkas berikut ke kantor
kelurahan pada jam kerja.</p>
<h3>Persyaratan</h3>
<ol><li>Surat pengantar RT/RW</li><li>Fotokopi KTP-el pemohon</li>
<li>Fotokopi Kartu Keluarga</li></ol>
</div>
<div {pager}><a href="/2025/01/lama.html">Pendaftaran Posyandu Balita</a></div>
</body></html>"""


@pytest.mark.parametrize("wrapper", ['id="pageRight"', 'id="pageRegion"', 'class="pageRow"',
                                     'id="pageResults"', 'class="content pagerank"',
                                     'id="content"'])
def test_a_content_wrapper_whose_name_starts_with_page_keeps_the_service(wrapper):
    page = extract_page(PAGE.format(attr=wrapper, pager='class="blog-pager"'),
                        "http://x.test/sktm")
    assert "Fotokopi KTP-el pemohon" in page.text
    assert "Tidak Mampu" in page.text


@pytest.mark.parametrize("pager", ['class="blog-pager"', 'id="blog-pager"', 'class="pager pagenav"',
                                   'class="post-pager"', 'class="post_pager"',
                                   'id="blogPager"', 'class="pagerNav"'])
def test_a_pager_named_as_a_word_is_furniture(pager):
    page = extract_page(PAGE.format(attr='id="pageRight"', pager=pager), "http://x.test/sktm")
    assert "Fotokopi KTP-el pemohon" in page.text
    assert "Posyandu" not in page.text
