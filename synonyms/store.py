"""The synonym store: every change a new version in ``<data dir>/synonyms.db`` (SQLite).

Each version keeps the whole synonym text with who changed it, when, why and how (add, remove,
import, rollback), so any version can be inspected, exported or rolled back to, and a rollback
is itself a new version (history is never rewritten). A fresh store starts from the packaged
default set as version 1; a store made by an earlier sikoja takes in a changed default set as a
new ``default`` version on opening, keeping an admin's own changes (:func:`merge_default`).

The Analyzer asks :meth:`SynonymStore.version` on every query: one indexed ``max(id)`` on an
open connection, microseconds. :meth:`rules` parses only when the version moved, so a change
made by ``sikoja synonyms add`` in another process applies to the API's next query.

Every change is validated against the deployment's expansion cap (``synonyms.max_expansions``
in sikoja.yaml, read once per store); saved versions load without that check, so lowering the
cap never makes the current rules unreadable (the query-time cap still applies).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sikoja.config import load_settings
from sikoja.errors import SikojaError
from sikoja.sqlite import connect
from synonyms.default import DEFAULT_PATH, default_text
from synonyms.rules import (
    DEFAULT_MAX_EXPANSIONS,
    Problem,
    Rule,
    SynonymFileError,
    SynonymSet,
    append_rule,
    parse,
    parse_rule,
)

log = logging.getLogger(__name__)

DB_NAME = "synonyms.db"
MAX_TEXT_BYTES = 5 * 1024 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    who TEXT NOT NULL,
    why TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    rule_count INTEGER NOT NULL,
    text TEXT NOT NULL
);
"""


class _Parsed:
    """Valid texts this process has parsed, shared by its stores: every fresh data dir is
    seeded with the same default text, and each store parsed it twice (to seed, then to
    read version 1), 50-60 ms each; the fast tests open about 70 stores (4.3 s of CPU in
    seeding alone, one process's cProfile, suite12). A parse depends only on the text and
    the cap it was checked against; a bad text is never kept, so its error names its own
    source each time."""

    SIZE = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._valid: dict[str, tuple[SynonymSet, frozenset[int | None]]] = {}

    def __call__(self, text: str, source: str, max_expansions: int | None) -> SynonymSet:
        with self._lock:
            rules, caps = self._valid.get(text, (None, frozenset()))
        if rules is not None and (max_expansions is None or max_expansions in caps):
            return rules  # a text valid under any cap is valid unchecked
        rules = parse(text, source, max_expansions)
        with self._lock:
            if text not in self._valid and len(self._valid) >= self.SIZE:
                self._valid.pop(next(iter(self._valid)))
            self._valid[text] = (rules, caps | {max_expansions})
        return rules


_parsed = _Parsed()


@dataclass(frozen=True)
class Version:
    id: int
    created_at: str
    who: str
    why: str
    action: str  # "default" | "add" | "remove" | "import" | "rollback"
    detail: str
    rule_count: int


class SynonymStore:
    """Versioned synonym rules for one data dir; a :class:`synonyms.SynonymSource`."""

    def __init__(self, data_dir: str | Path, max_expansions: int | None = None):
        self.data_dir = Path(data_dir)
        self._max_expansions = max_expansions
        self.path = self.data_dir / DB_NAME
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._cached: tuple[int, SynonymSet] | None = None
        self._read_only = False
        self._unsaved: str | None = None  # why the store answers from memory (_seed_in_memory)

    # -- connection ---------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            try:
                if not self.data_dir.is_dir():
                    self.data_dir.mkdir(parents=True, exist_ok=True)
                conn, self._read_only = connect(self.path, schema=_SCHEMA)
                conn.isolation_level = None
            except (OSError, sqlite3.Error) as exc:
                reason = f"{self.path}: cannot open synonym store: {exc}"
                if self.path.is_file() and self.path.stat().st_size:
                    raise SikojaError(reason) from None  # a store with rules: never mask it
                self._seed_in_memory(None, reason)  # none yet, and no room to make one
                return self._conn
            self._conn = conn
            if conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 0:
                # a fresh store (or a read-only data dir without one: in memory only)
                try:
                    self._seed()
                except SikojaError as exc:
                    self._seed_in_memory(conn, str(exc))
            elif not self._read_only:
                self._follow_default(conn)
        return self._conn

    def _seed(self) -> None:
        text = default_text()
        self._write(text, _parsed(text, str(DEFAULT_PATH), DEFAULT_MAX_EXPANSIONS), who="sikoja",
                    why="default Indonesian public-service synonym set", action="default",
                    detail=DEFAULT_PATH.name, only_if_empty=True)

    def _seed_in_memory(self, conn: sqlite3.Connection | None, reason: str) -> None:
        """A fresh store whose first version cannot be saved (a full disk): the shipped
        default answers from memory, so searches and the admin's list keep working; a
        change tries the file again (:meth:`_write`) and says why when it still cannot."""
        log.warning("%s; the default synonym set answers from memory until it can be saved",
                    reason)
        if conn is not None:
            conn.close()
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        memory.isolation_level = None
        memory.executescript(_SCHEMA)
        self._conn, self._unsaved = memory, reason
        self._seed()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> SynonymStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def max_expansions(self) -> int:
        """The cap on one query's synonym expansions (sikoja.yaml ``synonyms.max_expansions``)."""
        if self._max_expansions is None:
            try:
                self._max_expansions = load_settings(self.data_dir).synonyms.max_expansions
            except SikojaError:
                self._max_expansions = DEFAULT_MAX_EXPANSIONS  # the CLI reports a bad file
        return self._max_expansions

    # -- reading ------------------------------------------------------------------------------

    def version(self) -> int:
        """The current version number (cheap: called on every query)."""
        with self._lock:
            row = self._db().execute("SELECT max(id) FROM versions").fetchone()
        return int(row[0])

    def rules(self) -> SynonymSet:
        """The current rules, parsed once per version.

        A large text is parsed outside the lock, so queries asking :meth:`version` meanwhile
        are not held up by it.
        """
        with self._lock:
            current = self.version()
            if self._cached is not None and self._cached[0] == current:
                return self._cached[1]
            text = self._text_of(current)
        rules = _parsed(text, f"{self.path}#v{current}", None)
        with self._lock:
            if self._cached is None or self._cached[0] < current:
                self._cached = (current, rules)
        return rules

    def text_size(self) -> int:
        """Characters in the current version's text: tells a reader how long a reload takes."""
        with self._lock:
            row = self._db().execute(
                "SELECT length(text) FROM versions ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return int(row[0] or 0) if row else 0

    def list(self) -> list[Rule]:
        return list(self.rules().rules)

    def export_text(self, version: int | None = None) -> str:
        with self._lock:
            return self._text_of(version if version is not None else self.version())

    def history(self) -> list[Version]:
        """Every version, newest first."""
        with self._lock:
            rows = self._db().execute(
                "SELECT id, created_at, who, why, action, detail, rule_count FROM versions "
                "ORDER BY id DESC"
            )
            return [Version(*row) for row in rows]

    # -- changes ------------------------------------------------------------------------------

    def add(self, rule: str, *, who: str, why: str) -> Version:
        """Append one rule (validated alone and together with the rules already there)."""
        parsed = parse_rule(rule)
        with self._lock:
            rules = self.rules()  # its .text is the current version's saved text
            if any(r.key() == parsed.key() for r in rules):
                raise SikojaError(f"rule already present: {parsed.text()}")
            text = append_rule(rules.text, parsed)
            return self._commit(text, who=who, why=why, action="add", detail=parsed.text())

    def remove(self, rule: str, *, who: str, why: str) -> Version:
        """Remove the rule with this text (case and spacing ignored); comments stay."""
        target = parse_rule(rule).key()
        with self._lock:
            rules = self.rules()  # its .text is the current version's saved text
            removed = [r for r in rules if r.key() == target]
            if not removed:
                raise SikojaError(f"no such rule: {rule.strip()} (see 'sikoja synonyms list')")
            lines = rules.text.split("\n")
            drop = {r.line for r in removed}
            text = "\n".join(line for n, line in enumerate(lines, 1) if n not in drop)
            return self._commit(text, who=who, why=why, action="remove", detail=removed[0].text())

    def import_text(
        self, data: str | bytes, *, who: str, why: str, source: str = "<import>"
    ) -> Version:
        """Replace all rules by a whole synonym file; a bad file changes nothing."""
        if len(data) > MAX_TEXT_BYTES:
            raise SynonymFileError(
                [
                    Problem(
                        source, 1, f"file too large ({len(data)} bytes, at most {MAX_TEXT_BYTES})"
                    )
                ]
            )
        rules = parse(data, source, self.max_expansions)
        with self._lock:
            return self._write(rules.text, rules, who=who, why=why, action="import", detail=source)

    def rollback(self, version: int, *, who: str, why: str) -> Version:
        """Make the rules of ``version`` current again, as a new version."""
        with self._lock:
            text = self._text_of(version)
            return self._commit(
                text, who=who, why=why, action="rollback", detail=f"to version {version}"
            )

    # -- internals ----------------------------------------------------------------------------

    def _follow_default(self, conn: sqlite3.Connection) -> None:
        """Bring a store made by an earlier sikoja up to the shipped default set.

        A store is seeded once, so without this a data dir made before a release keeps the
        old default rules for ever. The last ``default`` version records the default text
        the store last took in; when the shipped file differs, its rules that set lacked are
        added and those it dropped are removed, in the current text, as a new ``default``
        version. An admin's own additions and removals stay: a store nobody changed simply
        becomes the new file; a rule an admin removed is not brought back unless the new
        default adds it anew. A merge that does not validate against the admin's rules (a
        cycle) changes nothing and says so in the log, as does a write the store refuses.
        """
        shipped = default_text()
        try:
            conn.execute("BEGIN")  # one snapshot for both reads; no write lock to read
            row = conn.execute(
                "SELECT text FROM versions WHERE action = 'default' ORDER BY id DESC LIMIT 1"
            ).fetchone()
            last, current = conn.execute(
                "SELECT id, text FROM versions ORDER BY id DESC LIMIT 1"
            ).fetchone()
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            log.warning("%s: could not read the synonym history", self.path, exc_info=True)
            return
        taken = row[0] if row else ""
        if taken == shipped:
            return
        try:
            text, added, removed = merge_default(current, taken, shipped)
            rules = parse(text, f"{self.path} with the updated default set", None)
        except SynonymFileError as exc:
            log.warning("%s: the updated default synonym set was not applied: %s", self.path, exc)
            return
        try:
            self._write(
                text,
                rules,
                who="sikoja",
                why="sikoja's default synonym set was updated",
                action="default",
                detail=f"{DEFAULT_PATH.name}: {added} rules added, {removed} removed",
                only_after=last,
            )
        except SikojaError as exc:
            # a locked store or a full disk: searches and the CLI go on with the current
            # rules (before, the error failed the first query); the next opening retries
            log.warning("%s: the updated default synonym set could not be saved: %s",
                        self.path, exc)

    def _text_of(self, version: int) -> str:
        row = self._db().execute("SELECT text FROM versions WHERE id = ?", (version,)).fetchone()
        if row is None:
            raise SikojaError(f"no synonym version {version} (see 'sikoja synonyms history')")
        return row[0]

    def _commit(self, text: str, *, who: str, why: str, action: str, detail: str) -> Version:
        return self._write(
            text,
            parse(text, f"synonyms after {action}", self.max_expansions),
            who=who,
            why=why,
            action=action,
            detail=detail,
        )

    def _write(
        self,
        text: str,
        rules: SynonymSet,
        *,
        who: str,
        why: str,
        action: str,
        detail: str,
        only_if_empty: bool = False,
        only_after: int | None = None,
    ) -> Version | None:
        """``only_after``: write only if the last version is still that one (a merge built
        on the text read from it); else skip and return None."""
        who, why = (who or "").strip(), (why or "").strip()
        if self._unsaved and not only_if_empty:  # answering from memory: try the file again
            with self._lock:
                if self._conn is not None:
                    self._conn.close()
                self._conn, self._unsaved, self._cached = None, None, None
        self._db()
        if self._unsaved and not only_if_empty:
            raise SikojaError(self._unsaved)
        if self._read_only and not only_if_empty:
            raise SikojaError(f"{self.data_dir} is read-only: synonyms cannot be changed here")
        if not who:
            raise SikojaError("say who makes the change (--who)")
        if not why:
            raise SikojaError("say why the change is made (--why)")
        created = datetime.now(UTC).isoformat(timespec="seconds")
        conn = self._db()
        with self._lock:
            try:
                conn.execute("BEGIN IMMEDIATE")
                if only_if_empty and conn.execute("SELECT count(*) FROM versions").fetchone()[0]:
                    conn.execute("ROLLBACK")
                    row = conn.execute(
                        "SELECT id, created_at, who, why, action, detail, rule_count "
                        "FROM versions ORDER BY id LIMIT 1"
                    ).fetchone()
                    return Version(*row)
                if only_after is not None and conn.execute(
                    "SELECT max(id) FROM versions"
                ).fetchone()[0] != only_after:
                    # another process saved a version since the text was read (an admin's
                    # change, or the new default): the next opening merges again
                    conn.execute("ROLLBACK")
                    return None
                cur = conn.execute(
                    "INSERT INTO versions (created_at, who, why, action, detail, rule_count, text)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (created, who, why, action, detail, len(rules), text),
                )
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise SikojaError(f"{self.path}: cannot save synonyms: {exc}") from None
            version_id = int(cur.lastrowid or 0)
            self._cached = (version_id, rules)
            return Version(version_id, created, who, why, action, detail, len(rules))


def merge_default(current: str, old_default: str, new_default: str) -> tuple[str, int, int]:
    """``current`` with the rules ``new_default`` adds to ``old_default`` appended and those
    it drops removed: (text, rules added, rules removed). Rules are compared by
    :meth:`Rule.key` (case and spacing ignored); comments of ``current`` stay. When
    ``current`` is ``old_default`` unchanged, the result is ``new_default`` itself."""
    old_keys = {r.key() for r in parse(old_default, "old default", None)}
    new_set = parse(new_default, "new default", None)
    new_keys = {r.key() for r in new_set}
    if current == old_default:
        return new_default, len(new_keys - old_keys), len(old_keys - new_keys)
    present = parse(current, "current", None)
    drop_lines = {r.line for r in present if r.key() in old_keys - new_keys}
    kept = [line for n, line in enumerate(current.split("\n"), 1) if n not in drop_lines]
    have = {r.key() for r in present if r.line not in drop_lines}
    fresh = [r for r in new_set if r.key() not in old_keys and r.key() not in have]
    text = "\n".join(kept)
    if fresh:
        text = text.rstrip("\n") + "\n\n# added by an update of sikoja's default set\n"
        text += "".join(r.text() + "\n" for r in fresh)
    return text, len(fresh), len(drop_lines)
