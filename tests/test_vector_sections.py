"""Several vectors per document (``semantic.text: sections``): the vector layer returns each
document once, at its best section's score, through exact search and the IVF index alike,
and an update replaces all of a document's sections."""

from __future__ import annotations

import numpy as np

from indexer import vectors
from indexer.build import section_windows
from sikoja.config import IndexSettings
from tests.test_vectors_large import CFG, ids, unit


def write(path, base, adds, removes=(), cfg=CFG):
    path.mkdir()
    writer = vectors.VectorWriter(base)
    for doc_id in removes:
        writer.remove(doc_id)
    for doc_id, rows in adds.items():
        writer.add(doc_id, rows, "opd", "service")
    writer.commit(path, cfg)
    return vectors.VectorIndex(path, cfg)


def sectioned(n_docs: int, dim: int = 32, seed: int = 3) -> dict[str, np.ndarray]:
    """Documents of 1 to 4 sections each, random directions."""
    rng = np.random.default_rng(seed)
    return {doc_id: unit(rng.normal(size=(int(rng.integers(1, 5)), dim)))
            for doc_id in ids(n_docs)}


def test_a_document_is_found_by_any_of_its_sections_once_at_its_best_score(tmp_path):
    docs = sectioned(50)
    index = write(tmp_path / "v1", None, docs, cfg=IndexSettings())  # exact search
    assert index.sections and len(index) == sum(len(r) for r in docs.values())
    for doc_id, rows in list(docs.items())[:10]:
        for row in rows:  # a query equal to any section finds its document first
            found = index.search(row, 10)
            assert found[0][0] == doc_id and abs(found[0][1] - 1.0) < 1e-5
            assert len({i for i, _ in found}) == len(found) == 10  # no document twice
    query = unit(np.random.default_rng(9).normal(size=(1, 32)))[0]
    best = {doc_id: float(np.max(rows @ query)) for doc_id, rows in docs.items()}
    expected = sorted(best, key=lambda i: -best[i])[:5]
    assert [i for i, _ in index.search(query, 5)] == expected
    assert [round(s, 5) for _, s in index.search(query, 5)] == [
        round(best[i], 5) for i in expected]


def test_the_ivf_index_maps_sections_back_to_documents_and_updates_replace_them(tmp_path):
    docs = sectioned(800, seed=4)
    v1 = write(tmp_path / "v1", None, docs)  # ann_threshold 100: IVF with re-scoring
    assert v1.ann is not None and v1.ann.ntotal == len(v1)
    for doc_id, rows in list(docs.items())[:20]:
        found = v1.search(rows[-1], 10)
        assert found[0][0] == doc_id
        assert len({i for i, _ in found}) == len(found)
    # a document re-indexed with one new section: none of its old sections answer any more
    changed = ids(1)[0]
    fresh = unit(np.random.default_rng(5).normal(size=(1, 32)))
    v2 = write(tmp_path / "v2", tmp_path / "v1", {changed: fresh})
    assert len(v2) == len(v1) - len(docs[changed]) + 1
    assert v2.ann.ntotal == len(v2)
    assert v2.search(fresh[0], 1)[0][0] == changed
    for old in docs[changed]:
        hit = dict(v2.search(old, 50))
        assert hit.get(changed, -1.0) < 0.99  # the old section is gone


def test_an_index_of_one_vector_per_document_searches_as_before(tmp_path):
    rng = np.random.default_rng(6)
    rows = unit(rng.normal(size=(300, 32)))
    index = write(tmp_path / "v1", None, dict(zip(ids(300), rows, strict=True)))
    assert not index.sections
    for n in range(0, 300, 37):
        assert index.search(rows[n], 1)[0][0] == ids(300)[n]


def test_section_windows_cover_the_text_and_share_words_across_cuts():
    text = " ".join(f"w{n}" for n in range(130))
    windows = section_windows(text, 60)
    assert [w.split()[0] for w in windows] == ["w0", "w45", "w90"]
    assert all(len(w.split()) <= 60 for w in windows)
    assert windows[-1].split()[-1] == "w129"  # nothing at the end is left out
    assert set(" ".join(windows).split()) == set(text.split())
    assert section_windows("kartu keluarga hilang", 60) == ["kartu keluarga hilang"]
    assert section_windows("", 60) == []


def test_a_backend_of_one_vector_per_document_indexes_the_whole_text():
    from indexer.build import backend_semantic
    from indexer.embedded import EmbeddedBackend
    from indexer.opensearch.backend import OpenSearchBackend
    from sikoja.config import SemanticSettings

    default = SemanticSettings()
    assert default.text == "sections"
    assert backend_semantic(default, EmbeddedBackend).text == "sections"
    assert backend_semantic(default, OpenSearchBackend).text == "whole"
    passage = SemanticSettings(text="passage")
    assert backend_semantic(passage, OpenSearchBackend) is passage


def test_the_memory_check_counts_every_section_of_a_document(tmp_path):
    from indexer.capacity import estimate_mb, vectors_per_document
    from sikoja.config import load_settings

    sections = load_settings(tmp_path, embedder="use")
    whole = load_settings(tmp_path, embedder="use", semantic={"text": "whole"})
    assert 1.5 < vectors_per_document(sections) < 3 and vectors_per_document(whole) == 1
    # a million documents: the sections' extra rows cost hundreds of MB more, not nothing
    assert estimate_mb(sections, 1_000_000) > estimate_mb(whole, 1_000_000) + 500


def test_a_million_documents_build_with_one_vector_each_within_the_memory_target(tmp_path):
    """Sections cost about 2.3 vectors per document; past ``sections_max_documents`` the build
    embeds the whole text, so 1M documents stay within issue #15's 6 GB build target."""
    from indexer.build import backend_semantic
    from indexer.capacity import estimate_mb
    from indexer.embedded import EmbeddedBackend
    from sikoja.config import load_settings

    settings = load_settings(tmp_path, embedder="use")
    city = backend_semantic(settings.semantic, EmbeddedBackend, 50_000)
    country = backend_semantic(settings.semantic, EmbeddedBackend, 1_000_000)
    assert city.text == "sections" and country.text == "whole"
    effective = settings.model_copy(update={"semantic": country})
    assert estimate_mb(effective, 1_000_000) <= 6000 < estimate_mb(settings, 1_000_000)
    unlimited = settings.semantic.model_copy(update={"sections_max_documents": 0})
    assert backend_semantic(unlimited, EmbeddedBackend, 1_000_000).text == "sections"
