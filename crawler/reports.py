"""Admin reports over crawl data: site health per source, and cross-OPD overlap.

``sikoja report sites`` answers "which OPD site is broken and how": the latest crawl of
each source, its fetches, its errors grouped by kind (the prefix of ``fetch_log.reason``),
response times and when it last crawled successfully. ``sikoja report overlap`` lists
the near-duplicate groups found after the crawl: the same service published by MPP and by
its OPD, the same app under two names. A site that draws its pages with JavaScript and
serves no readable JSON lists those pages as ``unreadable``, with their URLs. Both return
plain dataclasses so the API can serve them as JSON (``dataclasses.asdict``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from crawler.dedup import canonical_member, similarity
from crawler.failures import UNREADABLE_KIND, reason_kind
from sikoja.store import DocumentStore


@dataclass
class SiteHealth:
    source: str
    opd: str | None
    last_crawl_state: str | None
    last_crawl_at: str | None
    last_success_at: str | None  # latest crawl that stored or revalidated pages
    pages_fetched: int  # in the latest crawl: ok + unchanged
    unchanged: int
    gone: int
    errors: int
    skipped: int
    errors_by_kind: dict[str, int] = field(default_factory=dict)
    response_ms_median: float | None = None
    response_ms_p95: float | None = None
    documents: int = 0  # live documents of this source in the store (apps merged in pages too)
    # pages sikoja cannot read, with why: [{"url", "reason"}] (e.g. drawn by JavaScript)
    unreadable: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).replace(microsecond=0).isoformat()


def _percentile(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return round(sorted_values[index], 1)


def sites_report(store: DocumentStore) -> list[SiteHealth]:
    """Health of every source that was ever crawled, from its latest finished crawl."""
    sources = [r["source"] for r in store.query(
        "SELECT DISTINCT source FROM crawls ORDER BY source")]
    report: list[SiteHealth] = []
    for source in sources:
        crawls = store.query(
            "SELECT id, state, started_at, finished_at, pages FROM crawls WHERE source = ? "
            "ORDER BY id DESC", (source,))
        latest = next((c for c in crawls if c["state"] != "running"), crawls[0])
        success = next((c for c in crawls if c["state"] in ("done", "partial")
                        and c["pages"] > 0), None)
        outcomes = Counter({r["outcome"]: r["n"] for r in store.query(
            "SELECT outcome, COUNT(*) AS n FROM fetch_log WHERE crawl_id = ? GROUP BY outcome",
            (latest["id"],))})
        kinds: Counter[str] = Counter()
        for row in store.query(
            "SELECT reason, COUNT(*) AS n FROM fetch_log WHERE crawl_id = ? "
            "AND outcome IN ('error', 'skipped') GROUP BY reason", (latest["id"],)):
            kinds[reason_kind(row["reason"])] += row["n"]
        times = sorted(r[0] for r in store.query(
            "SELECT elapsed_ms FROM fetch_log WHERE crawl_id = ? AND elapsed_ms IS NOT NULL",
            (latest["id"],)))
        opd = store.query("SELECT opd FROM documents WHERE source = ? LIMIT 1", (source,))
        documents = store.query(
            "SELECT COUNT(*) FROM documents WHERE source = ? AND status = 'live'", (source,))
        merged = store.query(  # a catalog's apps that live on as part of a site's page
            "SELECT COUNT(*) FROM catalog_entries c JOIN documents d ON d.url = c.url "
            "WHERE c.source = ? AND d.source != ? AND d.status = 'live'", (source, source))
        unreadable = [{"url": r["url"], "reason": r["reason"]} for r in store.query(
            "SELECT url, reason FROM fetch_log WHERE crawl_id = ? AND reason LIKE ? "
            "ORDER BY url", (latest["id"], f"{UNREADABLE_KIND}:%"))]
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
            errors_by_kind=dict(kinds.most_common()),
            response_ms_median=_percentile(times, 0.5),
            response_ms_p95=_percentile(times, 0.95),
            documents=documents[0][0] + merged[0][0],
            unreadable=unreadable,
        ))
    return report


def format_sites(report: list[SiteHealth]) -> str:
    if not report:
        return "no crawls recorded yet"
    head = (f"{'source':<22} {'state':<11} {'pages':>6} {'errors':>6} {'skip':>5} "
            f"{'med ms':>7} {'p95 ms':>7} {'last success':<20} errors by kind")
    lines = [head, "-" * len(head)]
    for site in report:
        kinds = ", ".join(f"{k} {n}" for k, n in site.errors_by_kind.items()) or "-"
        med = f"{site.response_ms_median:.0f}" if site.response_ms_median is not None else "-"
        p95 = f"{site.response_ms_p95:.0f}" if site.response_ms_p95 is not None else "-"
        lines.append(
            f"{site.source[:22]:<22} {site.last_crawl_state or '-':<11} "
            f"{site.pages_fetched:>6} {site.errors:>6} {site.skipped:>5} {med:>7} {p95:>7} "
            f"{(site.last_success_at or 'never')[:19]:<20} {kinds}"
        )
        lines.extend(f"    unreadable {page['url']}: {page['reason'].split(': ', 1)[-1]}"
                     for page in site.unreadable)
    return "\n".join(lines)


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
        lines.append(f"[{group.kind}] {group.title}  ({len(group.members)} copies, "
                     f"{len(group.opds)} OPDs, similarity >= {group.similarity:.2f})")
        for member in group.members:
            mark = "*" if member.canonical else " "
            lines.append(f"  {mark} {member.similarity:4.2f}  {member.opd[:34]:<34} "
                         f"{member.title[:40]:<40} {member.url}")
    lines.append(f"{len(report)} groups; * marks the copy search shows first")
    return "\n".join(lines)
