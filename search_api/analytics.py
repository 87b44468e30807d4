"""Search analytics without personal data: what citizens look for and do not find.

What is stored, in ``analytics.db`` in the data dir:

- each search (first page only counts in reports): the query, normalised and scrubbed of
  anything that looks like a personal number (NIK, KK, phone) or an e-mail address; how many
  results it had, the did-you-mean offered, the top result's id, the filters, and when;
- each click on a result: the query, which result (id, URL, position), and when;
- a *visitor* token: an HMAC of the client's *network* (IPv4 /24, IPv6 /64) under a random
  salt that is replaced every day (the old one is deleted), so that within one day we can
  count distinct searchers and see a zero-result query followed by a successful one (a
  synonym waiting to be written), but never link days together or recover an address. The
  network, not the user agent, makes a visitor: one person changing browsers or scripting
  user agents from one connection stays one visitor, so cannot push a query into the
  suggestions alone.

Raw IP addresses and user agents are never written anywhere. A query is only ever offered
back to other citizens (autocomplete, popular searches) once several distinct visitors have
typed it, so one person's unusual query stays private; the admin's one-click fixes
(synonym, best bet) are offered only for such queries, and only when the words are ones a
person would type (``plausible_query``): no emoji, markup, repeated phrases, one-letter
terms or essay-length text.

The same holds for what clicks teach: a query whose searchers, from at least three
networks, opened the same page from below the top three (``LOW_CLICK_POSITION``) is
offered as a synonym (the query and that page's title) or a best bet, with its evidence.

Writes go through a queue to one writer thread in batches, so a burst of searches costs
the request an append to a list, not a disk write. A write that fails (a full disk:
"database or disk is full") loses those events but never a search; ``write_problem`` says
why until a write succeeds again, for /api/health. If even today's salt cannot be stored,
the process keeps one in memory for the day.
"""

from __future__ import annotations

import contextlib
import difflib
import hmac
import ipaddress
import json
import logging
import queue
import re
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from sikoja.sqlite import connect

log = logging.getLogger(__name__)

# A query must be typed by this many distinct visitors before it is shown to anyone else.
MIN_VISITORS_TO_SHARE = 3
# A zero-result search followed within this many seconds by a successful one is a rewording.
REFORMULATION_WINDOW_S = 600
# ... by at least this many of the visitors who found nothing, before it is suggested.
MIN_REFORMULATIONS = 2
RETENTION_DAYS = 365
# A suggested synonym term or query: what people type into a search box, not an essay.
MAX_SUGGESTION_CHARS = 60
MAX_SUGGESTION_WORDS = 6
# A click on a result at this position or lower (1-based) means the search ranked the
# wanted page too low: when visitors of this many networks do it for one query and one
# page, the admin is offered a synonym or a best bet for it.
LOW_CLICK_POSITION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    day TEXT NOT NULL,
    query TEXT NOT NULL,
    results INTEGER NOT NULL,
    page INTEGER NOT NULL DEFAULT 1,
    filters TEXT,
    did_you_mean TEXT,
    top_id TEXT,
    visitor TEXT,
    took_ms REAL
);
CREATE INDEX IF NOT EXISTS searches_day ON searches(day);
CREATE INDEX IF NOT EXISTS searches_query ON searches(query);
CREATE INDEX IF NOT EXISTS searches_visitor ON searches(visitor, id);
CREATE TABLE IF NOT EXISTS clicks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    day TEXT NOT NULL,
    query TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    url TEXT,
    position INTEGER,
    visitor TEXT
);
CREATE INDEX IF NOT EXISTS clicks_query ON clicks(query);
CREATE INDEX IF NOT EXISTS clicks_day ON clicks(day);
CREATE TABLE IF NOT EXISTS salts (
    day TEXT PRIMARY KEY,
    salt TEXT NOT NULL
);
"""

_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# NIK and KK numbers (16 digits), phone numbers (08.., +62 ..), account numbers.
_LONG_NUMBER = re.compile(r"\+?\d[\d .\-]{6,}\d")


def normalise_query(text: str) -> str:
    """Case, width and spacing folded: 'Urus  KTP' and 'urus ktp' are one query."""
    text = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub(" ", text.casefold()).strip()


def scrub_query(text: str) -> str:
    """The normalised query with personal numbers and e-mail addresses replaced."""
    text = normalise_query(text)
    text = _EMAIL.sub("<email>", text)
    return _LONG_NUMBER.sub("<nomor>", text)


# Letters (any script), digits and the punctuation service names use; anything else
# (emoji, markup, SQL, synonym syntax such as "," or "=>") makes a text unfit to suggest.
_PLAIN_TEXT = re.compile(r"^[^\W_]+(?:[ \-/.'()&]+[^\W_]+)*[.)]?$")
_WORD = re.compile(r"[^\W_]+")


def network(client_addr: str) -> str:
    """The network a client address belongs to: IPv4 /24, IPv6 /64 (one household or
    phone operator's pool); anything that is not an address is kept as it is."""
    try:
        ip = ipaddress.ip_address(client_addr.strip().strip("[]"))
    except ValueError:
        return client_addr
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def plausible_query(text: str | None) -> bool:
    """Whether ``text`` looks like words a person typed, fit to offer back as a suggestion
    or a synonym term: 2-60 characters, at most 6 words, letters and digits with ordinary
    punctuation only (no emoji, no markup), at least one letter, and no phrase or word
    said again ("urus ktp urus ktp", "ktp ktp")."""
    if not text:
        return False
    text = text.strip()
    if not 2 <= len(text) <= MAX_SUGGESTION_CHARS or not _PLAIN_TEXT.match(text):
        return False
    words = _WORD.findall(text.casefold())
    if not words or len(words) > MAX_SUGGESTION_WORDS:
        return False
    if not any(c.isalpha() for c in text):
        return False
    return len(set(words)) == len(words)


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d")


class QueryStat(BaseModel):
    query: str
    searches: int
    visitors: int
    avg_results: float
    clicks: int
    ctr: float = Field(description="clicks per search (first result page)")
    last_seen: str


class ServiceHint(BaseModel):
    title: str
    url: str | None = None
    id: str | None = None
    similarity: float = 0.0


class ZeroResultSuggestion(BaseModel):
    """What an admin could do about a query that found nothing."""

    correction: str | None = Field(None, description="the did-you-mean the search offered")
    reformulation: str | None = Field(
        None, description="what searchers typed next and found something with")
    nearest_service: ServiceHint | None = None
    synonym: list[str] | None = Field(
        None, description="terms to add as one synonym group (query first)")
    best_bet: dict[str, str] | None = Field(None, description="{query, url} to pin")


class ZeroResultStat(QueryStat):
    suggestion: ZeroResultSuggestion = Field(default_factory=ZeroResultSuggestion)


class LowClickStat(BaseModel):
    """A query whose searchers found the page they wanted below the top three."""

    query: str
    url: str | None = None
    id: str
    title: str | None = Field(None, description="the clicked page's title, when indexed")
    visitors: int
    clicks: int
    avg_position: float
    synonym: list[str] | None = Field(
        None, description="the query and the clicked page's title, as one synonym group")
    best_bet: dict[str, str] | None = Field(None, description="{query, url} to pin")


class QueryReport(BaseModel):
    days: int
    since: str
    searches: int
    visitors: int
    zero_result_rate: float
    clicks: int
    top: list[QueryStat]
    zero_results: list[ZeroResultStat]
    low_ctr: list[QueryStat]
    clicked_low: list[LowClickStat] = Field(
        default_factory=list,
        description=f"queries whose searchers, from at least {MIN_VISITORS_TO_SHARE} "
                    f"networks, clicked a result at position {LOW_CLICK_POSITION} or lower")


class Lookup(Protocol):
    """What the report needs from the search to suggest fixes (the live SearchService)."""

    def service_names(self, prefix: str, limit: int = 8) -> list[str]:
        """Service and app names whose words start with the words of ``prefix``."""
        ...

    def top_result(self, query: str) -> tuple[str, str, str] | None:
        """(title, url, id) of the best result for ``query``, or None."""
        ...


class Analytics:
    def __init__(self, data_dir: str | Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(data_dir) / "analytics.db"
        with contextlib.suppress(OSError):  # a read-only data dir is searched all the same
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        # read-only data dir: past analytics are read, new events are dropped (sikoja.sqlite)
        self._db, self.read_only = connect(self.path, schema=_SCHEMA)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._read_lock = threading.Lock()
        self._salt: tuple[str, bytes] | None = None
        self._salt_lock = threading.Lock()
        self._queue: queue.Queue[tuple[str, tuple[Any, ...]] | None] = queue.Queue(maxsize=50_000)
        self._write_error: tuple[float, str] | None = None
        if not self.read_only:
            self._prune()
        self._writer = threading.Thread(target=self._write_loop, name="analytics-writer",
                                        daemon=True)
        self._writer.start()

    # -- recording (called per request: cheap) ---------------------------------------

    def visitor(self, client_addr: str | None, user_agent: str | None = None) -> str | None:
        """Today's pseudonym for a client's network; the salt behind it is forgotten
        tomorrow. ``user_agent`` is accepted for old callers and ignored: it is the
        client's to choose, so it must not make one person several visitors."""
        if not client_addr:
            return None
        day, salt = self._today_salt()
        message = f"{day}|{network(client_addr)}".encode()
        return hmac.new(salt, message, "sha256").hexdigest()[:16]

    def record_search(
        self,
        query: str,
        *,
        results: int,
        page: int = 1,
        filters: dict[str, list[str]] | None = None,
        did_you_mean: str | None = None,
        top_id: str | None = None,
        visitor: str | None = None,
        took_ms: float | None = None,
    ) -> None:
        text = scrub_query(query)
        if not text:
            return
        now = self._clock()
        active = {k: v for k, v in (filters or {}).items() if v}
        row = (round(now), _day(now), text, int(results), int(page),
               json.dumps(active, ensure_ascii=False) if active else None,
               scrub_query(did_you_mean) if did_you_mean else None, top_id, visitor, took_ms)
        self._put(("search", row))

    def record_click(self, query: str, *, doc_id: str, url: str | None, position: int | None,
                     visitor: str | None = None) -> None:
        now = self._clock()
        self._put(("click", (round(now), _day(now), scrub_query(query), doc_id, url, position,
                             visitor)))

    def write_problem(self) -> str | None:
        """Why analytics are not being saved (the last write failed), or None."""
        failed = self._write_error
        if failed is None:
            return None
        since = datetime.fromtimestamp(failed[0], UTC).strftime("%Y-%m-%d %H:%M UTC")
        return f"search analytics cannot be saved since {since}: {failed[1]}"

    def _failed(self, what: str, exc: Exception) -> None:
        log.error("could not write %s: %s", what, exc)
        if self._write_error is None:
            self._write_error = (self._clock(), str(exc))

    def flush(self) -> None:
        """Wait until every recorded event is on disk (tests, reports, shutdown)."""
        self._queue.join()

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._writer.join(timeout=5)
        self._db.close()

    # -- reading ----------------------------------------------------------------------

    def popular_queries(self, *, days: int = 30, limit: int = 200) -> list[tuple[str, int]]:
        """Queries that found something, typed by several visitors: safe to show to others."""
        rows = self._read(
            "SELECT query, COUNT(DISTINCT visitor) AS v, COUNT(*) AS n FROM searches "
            "WHERE at >= ? AND results > 0 AND page = 1 AND query NOT LIKE '%<%' "
            "GROUP BY query HAVING v >= ? ORDER BY v DESC, n DESC LIMIT ?",
            (self._since(days), MIN_VISITORS_TO_SHARE, limit))
        return [(r["query"], r["v"]) for r in rows if plausible_query(r["query"])]

    def popular_documents(self, *, days: int = 30, limit: int = 10) -> list[tuple[str, int]]:
        """Most opened results (doc id, distinct visitors) over the last ``days``."""
        rows = self._read(
            "SELECT doc_id, COUNT(DISTINCT visitor) AS v FROM clicks WHERE at >= ? "
            "GROUP BY doc_id HAVING v >= ? ORDER BY v DESC, COUNT(*) DESC LIMIT ?",
            (self._since(days), MIN_VISITORS_TO_SHARE, limit))
        return [(r["doc_id"], r["v"]) for r in rows]

    def report(self, *, days: int = 30, limit: int = 20, lookup: Lookup | None = None,
               min_searches: int = 3, max_ctr: float = 0.2) -> QueryReport:
        """Top queries, zero-result queries (with suggested fixes) and low click-through."""
        self.flush()
        since = self._since(days)
        totals = self._read(
            "SELECT COUNT(*) AS n, COUNT(DISTINCT visitor) AS v, "
            "SUM(results = 0) AS z FROM searches WHERE at >= ? AND page = 1", (since,))[0]
        clicks = self._read("SELECT COUNT(*) AS n FROM clicks WHERE at >= ?", (since,))[0]["n"]
        searches = totals["n"] or 0
        top = self._stats(since, "1=1", "n DESC, v DESC", limit)
        zero = [ZeroResultStat(**s.model_dump())
                for s in self._stats(since, "max_results = 0", "n DESC, v DESC", limit)]
        for stat in zero:
            if stat.visitors >= MIN_VISITORS_TO_SHARE and plausible_query(stat.query):
                stat.suggestion = self._suggest(stat.query, since, lookup)
        low = self._stats(
            since, f"max_results > 0 AND n >= {int(min_searches)} AND "
                   f"CAST(c AS REAL) / n < {float(max_ctr)}", "n DESC", limit)
        return QueryReport(
            days=days, since=_day(since), searches=searches, visitors=totals["v"] or 0,
            zero_result_rate=round((totals["z"] or 0) / searches, 4) if searches else 0.0,
            clicks=clicks, top=top, zero_results=zero, low_ctr=low,
            clicked_low=self._clicked_low(since, lookup, limit))

    # -- internals ---------------------------------------------------------------------

    def _stats(self, since: float, having: str, order: str, limit: int) -> list[QueryStat]:
        rows = self._read(
            f"""
            SELECT * FROM (
                SELECT s.query, s.n, s.v, s.avg_results, s.max_results, s.last_at,
                       COALESCE(k.clicks, 0) AS c
                FROM (SELECT query, COUNT(*) AS n, COUNT(DISTINCT visitor) AS v,
                             AVG(results) AS avg_results, MAX(results) AS max_results,
                             MAX(at) AS last_at
                      FROM searches WHERE at >= ? AND page = 1 GROUP BY query) AS s
                LEFT JOIN (SELECT query, COUNT(*) AS clicks FROM clicks WHERE at >= ?
                           GROUP BY query) AS k ON k.query = s.query
            ) WHERE {having}
            ORDER BY {order} LIMIT ?
            """,
            (since, since, limit))
        return [QueryStat(query=r["query"], searches=r["n"], visitors=r["v"],
                          avg_results=round(r["avg_results"] or 0.0, 2), clicks=r["c"],
                          ctr=round(r["c"] / r["n"], 4) if r["n"] else 0.0,
                          last_seen=_day(r["last_at"])) for r in rows]

    def _suggest(self, query: str, since: float, lookup: Lookup | None) -> ZeroResultSuggestion:
        hint = ZeroResultSuggestion()
        row = self._read(
            "SELECT did_you_mean FROM searches WHERE query = ? AND at >= ? AND "
            "did_you_mean IS NOT NULL ORDER BY id DESC LIMIT 1", (query, since))
        if row:
            hint.correction = row[0]["did_you_mean"]
        rows = self._read(
            """
            SELECT s2.query AS next, COUNT(DISTINCT s1.visitor) AS v FROM searches AS s1
            JOIN searches AS s2 ON s2.visitor = s1.visitor AND s2.id > s1.id
                 AND s2.at - s1.at <= ? AND s2.results > 0 AND s2.query != s1.query
                 AND s2.page = 1
            WHERE s1.query = ? AND s1.results = 0 AND s1.visitor IS NOT NULL AND s1.at >= ?
            GROUP BY s2.query HAVING v >= ? ORDER BY v DESC
            """,
            (REFORMULATION_WINDOW_S, query, since, MIN_REFORMULATIONS))
        hint.reformulation = next(
            (r["next"] for r in rows if plausible_query(r["next"])), None)
        if lookup is not None:
            try:
                hint.nearest_service = nearest_service(query, lookup)
            except Exception:  # a report must not fail because the index is being swapped
                log.exception("nearest service lookup failed for a zero-result query")
        target = hint.reformulation or (
            hint.nearest_service.title.casefold() if hint.nearest_service else None
        ) or hint.correction
        if target and not plausible_query(target):
            target = None
        if target and target != query and _words_differ(query, target):
            hint.synonym = [query, target]
            if lookup is not None:
                try:
                    top = lookup.top_result(target)
                except Exception:
                    log.exception("top result lookup failed for a suggested best bet")
                    top = None
                if top:
                    hint.best_bet = {"query": query, "url": top[1]}
        return hint

    def _clicked_low(self, since: float, lookup: Lookup | None,
                     limit: int) -> list[LowClickStat]:
        """Query and page pairs clicked below the top three by several networks."""
        rows = self._read(
            "SELECT query, doc_id, MAX(url) AS url, COUNT(DISTINCT visitor) AS v, "
            "COUNT(*) AS n, AVG(position) AS p FROM clicks WHERE at >= ? AND position >= ? "
            "AND visitor IS NOT NULL GROUP BY query, doc_id HAVING v >= ? "
            "ORDER BY v DESC, n DESC LIMIT ?",
            (since, LOW_CLICK_POSITION, MIN_VISITORS_TO_SHARE, limit * 4))
        out: list[LowClickStat] = []
        for r in rows:
            if not plausible_query(r["query"]) or len(out) >= limit:
                continue
            stat = LowClickStat(query=r["query"], url=r["url"], id=r["doc_id"],
                                visitors=r["v"], clicks=r["n"],
                                avg_position=round(r["p"] or 0.0, 1))
            stat.title = _title_of(lookup, r["doc_id"])
            target = stat.title.casefold() if stat.title else None
            if target and plausible_query(target) and _words_differ(stat.query, target):
                stat.synonym = [stat.query, target]
            if stat.url and stat.url.startswith(("http://", "https://")):
                stat.best_bet = {"query": stat.query, "url": stat.url}
            out.append(stat)
        return out

    def _since(self, days: int) -> float:
        return self._clock() - max(1, int(days)) * 86400

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._read_lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def _today_salt(self) -> tuple[str, bytes]:
        day = _day(self._clock())
        with self._salt_lock:
            if self._salt and self._salt[0] == day:
                return self._salt
            try:
                with self._read_lock, self._db:
                    self._db.execute("INSERT OR IGNORE INTO salts (day, salt) VALUES (?, ?)",
                                     (day, secrets.token_hex(32)))
                    self._db.execute("DELETE FROM salts WHERE day != ?", (day,))
                    salt = self._db.execute("SELECT salt FROM salts WHERE day = ?",
                                            (day,)).fetchone()["salt"]
            except sqlite3.Error as exc:  # read-only or full disk: this process's own salt
                self._failed("today's visitor salt", exc)
                salt = secrets.token_hex(32)
            self._salt = (day, bytes.fromhex(salt))
            return self._salt

    def _put(self, item: tuple[str, tuple[Any, ...]]) -> None:
        try:
            self._queue.put_nowait(item)
        except queue.Full:  # the disk cannot keep up: drop analytics, never slow a search
            log.warning("analytics queue full; dropping an event")

    def _write_loop(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                self._queue.task_done()
                return
            batch = [item]
            while len(batch) < 1000:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)  # handled on the next turn, after this batch
                    self._queue.task_done()
                    break
                batch.append(nxt)
            try:
                if self.read_only:
                    continue  # nowhere to write: searching goes on without analytics
                searches = [row for kind, row in batch if kind == "search"]
                clicks = [row for kind, row in batch if kind == "click"]
                with self._read_lock, self._db:
                    if searches:
                        self._db.executemany(
                            "INSERT INTO searches (at, day, query, results, page, filters, "
                            "did_you_mean, top_id, visitor, took_ms) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", searches)
                    if clicks:
                        self._db.executemany(
                            "INSERT INTO clicks (at, day, query, doc_id, url, position, "
                            "visitor) VALUES (?, ?, ?, ?, ?, ?, ?)", clicks)
            except sqlite3.Error as exc:
                self._failed(f"{len(batch)} analytics events", exc)
            else:
                self._write_error = None
            finally:
                for _ in batch:
                    self._queue.task_done()

    def _prune(self) -> None:
        cutoff = self._clock() - RETENTION_DAYS * 86400
        try:
            with self._db:
                self._db.execute("DELETE FROM searches WHERE at < ?", (cutoff,))
                self._db.execute("DELETE FROM clicks WHERE at < ?", (cutoff,))
        except sqlite3.Error as exc:  # start anyway: old rows wait for the next start
            self._failed("the pruning of old analytics", exc)


def _title_of(lookup: Lookup | None, doc_id: str) -> str | None:
    """The indexed title of a document, when the lookup can tell (the live SearchService)."""
    get = getattr(lookup, "get_document", None)
    if get is None:
        return None
    try:
        found = get(doc_id)
    except Exception:  # a report must not fail because the index is being swapped
        log.exception("document lookup failed for a clicked result")
        return None
    return getattr(found, "title", None) if found is not None else None


def _words_differ(query: str, target: str) -> bool:
    """A synonym is worth offering when the two sides are not the same words reordered."""
    return sorted(_WORD.findall(query.casefold())) != sorted(_WORD.findall(target.casefold()))


def nearest_service(query: str, lookup: Lookup) -> ServiceHint | None:
    """The known service or app name closest to a query that found nothing.

    Candidates come from the service and app names, looked up with each query word
    and with its first letters (so 'akte' still reaches 'Akta ...'); the closest by
    character similarity of the whole text and of the words wins.
    """
    words = [w for w in re.findall(r"\w+", query.casefold()) if len(w) >= 3 and not w.isdigit()]
    candidates: dict[str, None] = {}
    for word in words:
        for probe in {word, word[:3]}:
            for name in lookup.service_names(probe, limit=20):
                candidates.setdefault(name, None)
    best: tuple[float, str] | None = None
    for name in candidates:
        folded = name.casefold()
        whole = difflib.SequenceMatcher(None, query.casefold(), folded).ratio()
        name_words = re.findall(r"\w+", folded)
        per_word = [
            max((difflib.SequenceMatcher(None, w, nw).ratio() for nw in name_words), default=0.0)
            for w in words
        ]
        score = 0.5 * whole + 0.5 * (sum(per_word) / len(per_word) if per_word else 0.0)
        if best is None or score > best[0]:
            best = (score, name)
    if best is None or best[0] < 0.35:
        return None
    hint = ServiceHint(title=best[1], similarity=round(best[0], 3))
    top = lookup.top_result(best[1])
    if top:
        hint.url, hint.id = top[1], top[2]
    return hint


def render_report(report: QueryReport) -> str:
    lines = [
        f"Query analytics, last {report.days} days (since {report.since}): "
        f"{report.searches} searches by {report.visitors} visitors, "
        f"{report.zero_result_rate:.1%} without results, {report.clicks} clicks",
        "",
        "Top queries",
        f"  {'searches':>8} {'visitors':>8} {'clicks':>6} {'CTR':>5}  query",
    ]
    lines += [f"  {q.searches:>8} {q.visitors:>8} {q.clicks:>6} {q.ctr:>5.0%}  {q.query}"
              for q in report.top] or ["  (none)"]
    lines += ["", "Zero-result queries, with suggested fixes",
              f"  {'searches':>8} {'visitors':>8}  query  ->  suggestion"]
    for q in report.zero_results:
        s = q.suggestion
        hints = []
        if s.correction:
            hints.append(f"did-you-mean '{s.correction}'")
        if s.reformulation:
            hints.append(f"searchers then typed '{s.reformulation}'")
        if s.nearest_service:
            hints.append(f"nearest service '{s.nearest_service.title}'")
        if s.synonym:
            hints.append(f"synonym: {', '.join(s.synonym)}")
        if s.best_bet:
            hints.append(f"best bet: {s.best_bet['url']}")
        lines.append(f"  {q.searches:>8} {q.visitors:>8}  {q.query}  ->  "
                     + ("; ".join(hints) or "no suggestion"))
    if not report.zero_results:
        lines.append("  (none)")
    lines += ["", "Queries with low click-through",
              f"  {'searches':>8} {'clicks':>6} {'CTR':>5}  query"]
    lines += [f"  {q.searches:>8} {q.clicks:>6} {q.ctr:>5.0%}  {q.query}"
              for q in report.low_ctr] or ["  (none)"]
    lines += ["", f"Found below the top three (clicked at position {LOW_CLICK_POSITION}+)",
              f"  {'visitors':>8} {'clicks':>6} {'pos':>5}  query  ->  clicked page"]
    lines += [f"  {q.visitors:>8} {q.clicks:>6} {q.avg_position:>5.1f}  {q.query}  ->  "
              f"{q.title or q.url or q.id}" for q in report.clicked_low] or ["  (none)"]
    return "\n".join(lines)
