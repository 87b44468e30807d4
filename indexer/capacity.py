"""Will this corpus fit the embedded backend on this machine? Asked before a build starts.

The embedded backend keeps per-document state in one process: while building, each
document's float vector and its keys; while serving, the ranking metadata, the manifest and
the quantised vectors (the float vectors and tantivy are memory-mapped files, read as needed).
Past the memory the machine has, a build would swap or be killed hours in; the answer is
then the OpenSearch backend, which spreads the index over nodes. So the estimate is made from
the settings and the document count, and compared with ``index.memory_limit_mb`` or, when that
is 0, what the kernel says is available (``MemAvailable`` in /proc/meminfo).

The per-document figures were measured on the generated corpus of ``bench/bench_search.py``
(BENCHMARKS.md, "1,000,000 documents"): peak RSS over documents, minus the fixed part.
"""

from __future__ import annotations

from pathlib import Path

from sikoja.config import Settings
from sikoja.errors import SikojaError

VECTOR_DIM = 512  # the widest bundled embedder (USE); e5 and most st: models are narrower
BASE_MB = 600  # the process before any document: Python, tantivy, the embedder model
# a composite embedder ("use+e5-numpy") holds a second model (e5-numpy's unpacked float32
# weights are 85 MB, with its work buffers) and a vector as wide as both parts'
PART_MB = 200
BUILD_BYTES_PER_DOC = 3000  # keys, manifest, word counts, the IVF index, beside the vectors
SERVE_BYTES_PER_DOC = 1200  # ranking metadata, keys, tantivy pages, beside the quantised vectors


CHARS_PER_WORD = 7  # Indonesian words with their space, to count windows of a text


def vectors_per_document(settings: Settings) -> float:
    """Rows of vectors per document: one, or for ``semantic.text: sections`` the passage and
    the windows over ``section_chars`` (about 2.3 at the defaults; 1.9 measured on the
    tuning web, whose shorter pages have fewer windows)."""
    semantic = settings.semantic
    if semantic.text != "sections":
        return 1.0
    step = semantic.section_words - semantic.section_words // 4
    return 1.0 + max(1.0, semantic.section_chars / (CHARS_PER_WORD * step))


def embedder_parts(settings: Settings) -> int:
    """How many models the embedder runs: 0 (none), 1, or 2 for a composite ("A+B")."""
    spec = (settings.embedder or "none").strip()
    if spec == "none":
        return 0
    return 1 if spec.startswith("st:") else 1 + spec.count("+")


def vector_bytes(settings: Settings) -> tuple[int, int]:
    """(bytes per document while building, while serving) for the vectors."""
    parts = embedder_parts(settings)
    if not parts:
        return 0, 0
    rows = vectors_per_document(settings)
    dim = parts * VECTOR_DIM
    served = dim if settings.index.vector_quantization == "sq8" else 4 * dim
    return int(rows * 4 * dim), int(rows * (served + 16))


def estimate_mb(settings: Settings, documents: int) -> int:
    """Peak memory (MB) of building or serving ``documents`` with the embedded backend."""
    build, serve = vector_bytes(settings)
    per_doc = max(BUILD_BYTES_PER_DOC + build, SERVE_BYTES_PER_DOC + serve)
    extra = PART_MB * max(embedder_parts(settings) - 1, 0)
    return BASE_MB + extra + documents * per_doc // 2**20


def available_mb(settings: Settings, meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """The limit: ``index.memory_limit_mb``, else MemAvailable; None when neither is known."""
    if settings.index.memory_limit_mb:
        return settings.index.memory_limit_mb
    try:
        for line in meminfo.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def check_capacity(settings: Settings, documents: int,
                   meminfo: Path = Path("/proc/meminfo")) -> None:
    """Raise :class:`SikojaError` before any work when ``documents`` will not fit.

    ``index.memory_limit_mb`` is the whole process's budget; against MemAvailable only the
    documents' part must still fit: the process asking is already running (its base is in
    memory, not in MemAvailable), so a city's index on a small machine is never refused for
    the interpreter and the model it has loaded already."""
    if settings.backend != "embedded":
        return
    limit = available_mb(settings, meminfo)
    need = estimate_mb(settings, documents)
    still_needed = need if settings.index.memory_limit_mb else need - BASE_MB
    if limit is not None and still_needed > limit:
        source = ("index.memory_limit_mb" if settings.index.memory_limit_mb
                  else "MemAvailable")
        raise SikojaError(
            f"{documents:,} documents need about {need:,} MB in the embedded backend, "
            f"{limit:,} MB available ({source}): use the OpenSearch backend "
            f"(backend: opensearch in sikoja.yaml, docs/opensearch.md) or a larger machine")
