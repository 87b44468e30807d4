"""Admin reports over crawl data: site health per source, and cross-OPD overlap.

``sikoja report sites`` answers "which OPD site is broken and how": the latest crawl of
each source, its fetches, its errors grouped by kind (the prefix of ``fetch_log.reason``),
response times and when it last crawled successfully, and the failing URLs with their
reasons in words an admin can act on ("halaman tidak ditemukan (HTTP 404)"), with times
relative to now ("3 jam lalu"); what was read but not stored (a WordPress archive, a
document viewer whose document is read at its own URL) is counted apart, as skipped, in
words too. A site read again in full because the crawler changed, or that the next crawl
will read so (a source the sources file still lists), says it in words too
(``reread_label``). "Berhasil terakhir" is the store's
rule for a successful crawl (``DocumentStore.last_successful_crawl``), the one the re-read
is decided by. ``sikoja report overlap`` lists
the near-duplicate groups found after the crawl: the same service published by MPP and by
its OPD, the same app under two names. A site that draws its pages with JavaScript and
serves no readable JSON lists those pages as ``unreadable``, with their URLs. Both return
plain dataclasses so the API can serve them as JSON (``dataclasses.asdict``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.dedup import canonical_member, similarity
from crawler.failures import UNREADABLE_KIND, reason_kind
from crawler.identity import REREAD_NEXT_NOTE, REREAD_NOTE, crawler_identity
from sikoja.errors import SikojaError
from sikoja.store import DocumentStore
from sikoja.wording import count

if TYPE_CHECKING:
    from sikoja.sources import Source


@dataclass
class SiteHealth:
    source: str
    opd: str | None
    last_crawl_state: str | None
    last_crawl_at: str | None
    last_success_at: str | None  # latest successful crawl (DocumentStore.last_successful_crawl)
    pages_fetched: int  # in the latest crawl: ok + unchanged
    unchanged: int
    gone: int
    errors: int
    skipped: int
    # errors by reason kind (crawler.failures): they add up to ``errors``
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    response_ms_median: float | None = None
    response_ms_p95: float | None = None
    documents: int = 0  # live documents of this source in the store (apps merged in pages too)
    # pages sikoja cannot read, with why: [{"url", "reason"}] (e.g. drawn by JavaScript)
    unreadable: list[dict[str, str]] = field(default_factory=list)
    # the latest crawl's failing URLs (at most MAX_FAILURES): {url, kind, reason, label}
    failures: list[dict[str, Any]] = field(default_factory=list)
    state_label: str | None = None  # last_crawl_state in Indonesian
    # the errors by kind in words: they add up to ``errors``
    errors_by_label: dict[str, int] = field(default_factory=dict)
    # the skips (read, not stored: robots, listings, viewers), by kind and in words
    skipped_by_kind: dict[str, int] = field(default_factory=dict)
    skipped_by_label: dict[str, int] = field(default_factory=dict)
    # the latest crawl read the site again in full, unconditionally: the crawler changed
    reread: bool = False
    # the next crawl will read it again in full: the sources file still lists it and its
    # last successful crawl was another crawler's (a re-read that failed or was
    # interrupted, or a crawler upgraded since); False when the report has no sources file
    reread_next: bool = False
    # either in words (REREAD_NEXT_NOTE first: it is what happens next), or None
    reread_label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


MAX_FAILURES = 20

# What each kind of error or skip (crawler.failures.ERROR_KINDS, SKIP_KINDS) means for an
# admin. A kind without a label here is shown as it is, so a new kind never breaks the
# report (tests/test_site_health.py checks every kind has one).
KIND_LABELS = {
    "http 4xx": "halaman tidak ada atau ditolak (HTTP 4xx)",
    "http 5xx": "server situs bermasalah (HTTP 5xx)",
    "timeout": "situs terlalu lama menjawab",
    "connection": "situs tidak bisa dihubungi",
    "too large": "berkas terlalu besar",
    "content type": "jenis berkas tidak didukung",
    "robots": "dilarang oleh robots.txt",
    "parse": "isi halaman tidak bisa dibaca",
    "redirect": "pengalihan (redirect) bermasalah",
    "offsite": "tautan ke luar situs",
    "javascript": "isi digambar JavaScript, tidak terbaca tanpa peramban",
    "other": "masalah lain",
    # skips: read, not stored
    "listing": "daftar atau arsip, tautannya diikuti",
    "noindex": "halaman meminta tidak diindeks (noindex)",
    "soft 404": "alamat yang dijawab dengan halaman beranda",
    "duplicate": "salinan halaman lain",
    "sitemap": "peta situs (sitemap), tautannya diikuti",
    "sitemap index": "indeks peta situs (sitemap), tautannya diikuti",
    "viewer": "penampil dokumen; dokumennya dibaca di alamatnya sendiri",
    "gone": "sudah tidak ada di situs",
}
STATUS_LABELS = {
    400: "permintaan ditolak", 401: "perlu login", 403: "akses ditolak",
    404: "halaman tidak ditemukan", 410: "halaman sudah dihapus", 429: "terlalu banyak permintaan",
    500: "galat di server situs", 502: "gateway situs bermasalah",
    503: "server situs sedang tidak tersedia", 504: "server situs terlalu lama menjawab",
}
STATE_LABELS = {
    # partial: the crawl stopped at the source's max_pages (crawler.extensions.jobstate),
    # with nothing failing: the admin raises the cap, the site is not broken
    "done": "berhasil", "partial": "sebagian (batas halaman tercapai)", "failed": "gagal",
    "interrupted": "terhenti", "running": "sedang berjalan",
}


def failure_label(reason: str | None, status: int | None = None) -> str:
    """A fetch_log reason in words: 'halaman tidak ditemukan (HTTP 404)'."""
    kind = reason_kind(reason)
    if status and status in STATUS_LABELS:
        return f"{STATUS_LABELS[status]} (HTTP {status})"
    if status and status >= 400:
        return f"{KIND_LABELS.get(kind, kind)}: HTTP {status}"
    return KIND_LABELS.get(kind, kind)


def _in_words(kinds: Counter[str]) -> dict[str, int]:
    """Counts by reason kind as counts by label, most first."""
    words: Counter[str] = Counter()
    for kind, n in kinds.items():
        words[KIND_LABELS.get(kind, kind)] += n
    return dict(words.most_common())


def relative_time(iso: str | None, now: datetime | None = None) -> str:
    """'baru saja', '5 menit lalu', '3 jam lalu', 'kemarin', '12 hari lalu'; 'belum pernah'
    for no time at all."""
    if not iso:
        return "belum pernah"
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = ((now or datetime.now(UTC)) - when).total_seconds()
    if seconds < 0:
        return "baru saja"
    for limit, size, unit in ((60, 0, ""), (3600, 60, "menit"), (86400, 3600, "jam"),
                              (2 * 86400, 0, "kemarin"), (60 * 86400, 86400, "hari"),
                              (730 * 86400, 30 * 86400, "bulan")):
        if seconds < limit:
            if not size:
                return unit or "baru saja"
            return f"{int(seconds // size)} {unit} lalu"
    return f"{int(seconds // (365 * 86400))} tahun lalu"


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).replace(microsecond=0).isoformat()


def _percentile(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return round(sorted_values[index], 1)


def configured_sources(path: Path) -> list[Source] | None:
    """The sources a sources file lists (the next crawl's), or None when there is no file
    or it cannot be read (then the report cannot tell what the next crawl reads)."""
    from sikoja.sources import load_sources

    if not Path(path).is_file():
        return None
    try:
        return load_sources(path)
    except SikojaError:
        return None


def sites_report(store: DocumentStore, crawler: str | None = None, *,
                 sources: list[Source] | None = None) -> list[SiteHealth]:
    """Health of every source that was ever crawled, from its latest finished crawl.
    ``crawler``: the identity of the crawler that will crawl next (this one's by default),
    and ``sources``: the sources it will crawl (``configured_sources``), to tell which sites
    it will read again in full; without them the report says nothing of the next crawl
    (a site removed from the sources file is never crawled again)."""
    crawler = crawler or crawler_identity()
    upcoming = {s.name: s for s in sources or []}
    # a store from before catalog_entries, opened read-only, never got the table: no rows
    catalogs = bool(store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                "AND name = 'catalog_entries'"))
    crawled = [r["source"] for r in store.query(
        "SELECT DISTINCT source FROM crawls ORDER BY source")]
    report: list[SiteHealth] = []
    for source in crawled:
        crawls = store.query(
            "SELECT * FROM crawls WHERE source = ? ORDER BY id DESC", (source,))
        latest = next((c for c in crawls if c["state"] != "running"), crawls[0])
        success = store.last_successful_crawl(source)
        outcomes = Counter({r["outcome"]: r["n"] for r in store.query(
            "SELECT outcome, COUNT(*) AS n FROM fetch_log WHERE crawl_id = ? GROUP BY outcome",
            (latest["id"],))})
        kinds: dict[str, Counter[str]] = {"error": Counter(), "skipped": Counter()}
        for row in store.query(
            "SELECT outcome, reason, COUNT(*) AS n FROM fetch_log WHERE crawl_id = ? "
            "AND outcome IN ('error', 'skipped') GROUP BY outcome, reason", (latest["id"],)):
            kinds[row["outcome"]][reason_kind(row["reason"])] += row["n"]
        failures = [
            {"url": r["url"], "kind": reason_kind(r["reason"]), "reason": r["reason"],
             "status": r["status"], "label": failure_label(r["reason"], r["status"])}
            for r in store.query(
                "SELECT url, status, reason FROM fetch_log WHERE crawl_id = ? "
                "AND outcome = 'error' ORDER BY id LIMIT ?", (latest["id"], MAX_FAILURES))]
        times = sorted(r[0] for r in store.query(
            "SELECT elapsed_ms FROM fetch_log WHERE crawl_id = ? AND elapsed_ms IS NOT NULL",
            (latest["id"],)))
        opd = store.query("SELECT opd FROM documents WHERE source = ? LIMIT 1", (source,))
        documents = store.query(
            "SELECT COUNT(*) FROM documents WHERE source = ? AND status = 'live'", (source,))
        merged = store.query(  # a catalog's apps that live on as part of a site's page
            "SELECT COUNT(*) FROM catalog_entries c JOIN documents d ON d.url = c.url "
            "WHERE c.source = ? AND d.source != ? AND d.status = 'live'",
            (source, source))[0][0] if catalogs else 0
        unreadable = [{"url": r["url"], "reason": r["reason"]} for r in store.query(
            "SELECT url, reason FROM fetch_log WHERE crawl_id = ? AND outcome = 'error' "
            "AND reason LIKE ? ORDER BY url", (latest["id"], f"{UNREADABLE_KIND}:%"))]
        # a store a read-only report opens may predate the column
        reread = bool("reread" in latest.keys() and latest["reread"])
        # as crawler.run decides it, for a source the next crawl reads: an app catalog is
        # never re-read
        upcoming_source = upcoming.get(source)
        reread_next = (upcoming_source is not None and upcoming_source.kind != "app-catalog"
                       and store.needs_reread(source, crawler))
        report.append(SiteHealth(
            source=source,
            opd=opd[0]["opd"] if opd else None,
            last_crawl_state=latest["state"],
            last_crawl_at=_iso(latest["finished_at"] or latest["started_at"]),
            last_success_at=_iso(success["finished_at"]) if success else None,
            pages_fetched=outcomes["ok"] + outcomes["unchanged"],
            unchanged=outcomes["unchanged"],
            gone=outcomes["gone"],
            errors=outcomes["error"],
            skipped=outcomes["skipped"],
            errors_by_kind=dict(kinds["error"].most_common()),
            response_ms_median=_percentile(times, 0.5),
            response_ms_p95=_percentile(times, 0.95),
            documents=documents[0][0] + merged,
            unreadable=unreadable,
            failures=failures,
            state_label=STATE_LABELS.get(latest["state"], latest["state"]),
            errors_by_label=_in_words(kinds["error"]),
            skipped_by_kind=dict(kinds["skipped"].most_common()),
            skipped_by_label=_in_words(kinds["skipped"]),
            reread=reread,
            reread_next=reread_next,
            reread_label=(REREAD_NEXT_NOTE if reread_next else REREAD_NOTE if reread
                          else None),
        ))
    return report


def format_sites(report: list[SiteHealth], *, now: datetime | None = None,
                 failures: int = 5) -> str:
    """The report for a person: sites with problems first, each with its failing URLs and
    why they failed (at most ``failures`` per site); then one line per healthy site."""
    if not report:
        return "Belum ada crawl yang tercatat: jalankan 'sikoja crawl' dulu."
    lines: list[str] = []
    healthy: list[str] = []
    for site in sorted(report, key=lambda s: (-s.errors, s.source)):
        state = site.state_label or site.last_crawl_state or "-"
        when = relative_time(site.last_crawl_at, now)
        if not site.errors and not site.unreadable and site.last_crawl_state == "done":
            healthy.append(f"  {site.source:<22} {state}, {when}: {site.pages_fetched} halaman, "
                           f"{site.documents} dokumen" + (f"; {site.reread_label}"
                                                         if site.reread_label else ""))
            continue
        med = f"{site.response_ms_median:.0f} ms" if site.response_ms_median is not None else "-"
        lines.append(f"{site.source}" + (f" — {site.opd}" if site.opd else ""))
        lines.append(f"  crawl terakhir: {state}, {when}; berhasil terakhir: "
                     f"{relative_time(site.last_success_at, now)}")
        lines.append(f"  {site.pages_fetched} halaman diambil, {site.documents} dokumen, "
                     f"{site.errors} galat, {site.skipped} dilewati; median {med}")
        if site.reread_label:
            lines.append(f"  {site.reread_label}")
        for label, n in site.errors_by_label.items():
            lines.append(f"  {n:>4} × {label}")
        # each failing URL once, with its reason (an unreadable page is one of them)
        shown = site.failures[:failures]
        for failure in shown:
            lines.append(f"         {failure['url']} — {failure['label']}")
        if site.errors > len(shown):
            lines.append(f"         … dan {site.errors - len(shown)} lagi")
        if site.skipped_by_label:
            lines.append("  dilewati: " + "; ".join(
                f"{n} × {label}" for label, n in site.skipped_by_label.items()))
        lines.append("")
    if healthy:
        lines.append("Situs tanpa galat:")
        lines += healthy
    return "\n".join(lines).rstrip()


@dataclass
class OverlapMember:
    url: str
    title: str
    opd: str
    source: str
    kind: str
    similarity: float  # to the group's canonical member (1.0 for the canonical itself)
    canonical: bool = False


@dataclass
class OverlapGroup:
    group_id: str  # URL of the canonical member
    kind: str
    title: str
    opds: list[str]
    members: list[OverlapMember]

    @property
    def similarity(self) -> float:
        """The weakest link to the canonical member."""
        return min((m.similarity for m in self.members if not m.canonical), default=1.0)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["similarity"] = self.similarity
        return data


def overlap_report(store: DocumentStore) -> list[OverlapGroup]:
    """Near-duplicate groups stored by the last crawl, services and apps first."""
    groups: dict[str, list[Any]] = {}
    aliased: list[Any] = []  # ungrouped apps listed under several names: added after groups
    for doc in store.iter_documents():
        if doc.group_id:
            groups.setdefault(doc.group_id, []).append(doc)
        elif doc.kind == "app" and doc.fields.get("aliases"):
            aliased.append(doc)
    for doc in aliased:
        groups[doc.url] = [doc]
    report: list[OverlapGroup] = []
    for group_id, docs in groups.items():
        if len(docs) < 2 and not docs[0].fields.get("aliases"):
            continue
        head = next((d for d in docs if d.url == group_id), None) or canonical_member(docs)
        members = [
            OverlapMember(url=d.url, title=d.title, opd=d.opd, source=d.source, kind=d.kind,
                          similarity=1.0 if d is head else round(similarity(head, d), 3),
                          canonical=d is head)
            for d in sorted(docs, key=lambda d: (d is not head, d.url))
        ]
        # one catalog entry listed under several names: each name is a copy at the same URL
        members.extend(
            OverlapMember(url=d.url, title=str(alias), opd=d.opd, source=d.source, kind=d.kind,
                          similarity=1.0)
            for d in docs for alias in d.fields.get("aliases") or []
        )
        report.append(OverlapGroup(
            group_id=group_id, kind=head.kind, title=head.title,
            opds=sorted({d.opd for d in docs}), members=members,
        ))
    order = {"service": 0, "app": 1, "document": 2, "page": 3, "news": 4}
    report.sort(key=lambda g: (order.get(g.kind, 9), -len(g.opds), g.title.lower()))
    return report


def format_overlap(report: list[OverlapGroup]) -> str:
    if not report:
        return "no overlapping services or apps found"
    lines: list[str] = []
    for group in report:
        copies = count(len(group.members), "copy", "copies")
        lines.append(f"[{group.kind}] {group.title}  ({copies}, "
                     f"{count(len(group.opds), 'OPD')}, similarity >= {group.similarity:.2f})")
        for member in group.members:
            mark = "*" if member.canonical else " "
            lines.append(f"  {mark} {member.similarity:4.2f}  {member.opd[:34]:<34} "
                         f"{member.title[:40]:<40} {member.url}")
    lines.append(f"{count(len(report), 'group')}; * marks the copy search shows first")
    return "\n".join(lines)
