"""Every store opens through one helper that keeps a schema version and migrates in order.

A database written before versions were kept (``user_version`` 0) opens with its rows; a
migration runs once, in order, and one that fails leaves the file as it was, to be tried
again; a file from a newer sikoja is opened untouched; a read-only data dir is read, never
migrated.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys

import pytest

from crawler.linkstore import LinkStore
from sikoja.sqlite import Schema, connect, schema_version
from tests.test_readonly_data_dir import ROOT, read_only

TABLES = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT);"


def _old_file(path, rows=("kept",)):  # noqa: ANN001, ANN202 - a store as released before
    db = sqlite3.connect(path)
    db.executescript(TABLES)
    db.executemany("INSERT INTO notes (text) VALUES (?)", [(r,) for r in rows])
    db.commit()
    db.close()


def test_an_unversioned_database_is_migrated_in_order_and_keeps_its_rows(tmp_path):
    path = tmp_path / "notes.db"
    _old_file(path)
    schema = Schema(TABLES, migrations=(
        "ALTER TABLE notes ADD COLUMN who TEXT",
        "UPDATE notes SET who = 'admin' WHERE who IS NULL",
    ))
    db, read_only = connect(path, schema=schema)
    assert not read_only and schema_version(db) == 2
    assert db.execute("SELECT text, who FROM notes").fetchall() == [("kept", "admin")]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    again, _ = connect(path, schema=schema)  # nothing runs twice (a second ADD COLUMN fails)
    assert schema_version(again) == 2
    again.close()


def test_a_failing_migration_changes_nothing_and_is_tried_again(tmp_path):
    path = tmp_path / "notes.db"
    _old_file(path)
    broken = Schema(TABLES, migrations=("ALTER TABLE notes ADD COLUMN who TEXT",
                                        "INSERT INTO missing_table VALUES (1)"))
    with pytest.raises(sqlite3.OperationalError):
        connect(path, schema=broken)
    db = sqlite3.connect(path)
    assert schema_version(db) == 1  # the first step is done and recorded, the second not
    assert db.execute("SELECT text FROM notes").fetchall() == [("kept",)]
    db.close()
    fixed = Schema(TABLES, migrations=("ALTER TABLE notes ADD COLUMN who TEXT",
                                       "CREATE TABLE tags (name TEXT)"))
    db, _ = connect(path, schema=fixed)
    assert schema_version(db) == 2
    db.close()


def test_a_database_from_a_newer_sikoja_is_opened_untouched(tmp_path, caplog):
    path = tmp_path / "notes.db"
    _old_file(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 7")
    db.close()
    with caplog.at_level(logging.WARNING, logger="sikoja.sqlite"):
        db, _ = connect(path, schema=Schema(TABLES, migrations=("SELECT 1",)))
    assert schema_version(db) == 7
    assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
    assert "newer" in caplog.text
    db.close()


_READ = """
import json, sys
from sikoja.sqlite import Schema, connect, schema_version
tables = sys.argv[2] + "CREATE TABLE IF NOT EXISTS tags (name TEXT);"
db, read_only = connect(sys.argv[1], schema=Schema(tables, migrations=("SELECT 1",)))
print(json.dumps({"read_only": read_only, "version": schema_version(db),
                  "notes": db.execute("SELECT text FROM notes").fetchall(),
                  "tags": db.execute("SELECT count(*) FROM tags").fetchone()[0]}))
"""


@pytest.mark.slow  # starts a process
def test_a_read_only_data_dir_is_read_and_never_migrated(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "notes.db"
    _old_file(path)
    command = read_only(folder, [sys.executable, "-c", _READ, str(path), TABLES])
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"read_only": True, "version": 0,
                                       "notes": [["kept"]], "tags": 0}
    assert sorted(p.name for p in folder.iterdir()) == ["notes.db"]  # no -wal, no -shm


def test_the_link_store_of_an_older_crawl_gets_its_added_columns_once(tmp_path):
    path = tmp_path / "crawl-state" / "links.db"
    path.parent.mkdir()
    old = sqlite3.connect(path)
    old.execute("CREATE TABLE pages (key TEXT PRIMARY KEY, source TEXT NOT NULL, "
                "fetched_url TEXT NOT NULL, links TEXT NOT NULL DEFAULT '[]', kind TEXT)")
    old.execute("INSERT INTO pages (key, source, fetched_url) VALUES ('k', 's', 'http://a/')")
    old.commit()
    old.close()
    store = LinkStore.open(tmp_path)
    store.close()
    db = sqlite3.connect(path)
    columns = {row[1] for row in db.execute("PRAGMA table_info(pages)")}
    assert {"kind", "lines", "title", "content", "field_lines", "sections", "embeds"} <= columns
    assert db.execute("SELECT key, lines, field_lines, sections, embeds FROM pages"
                      ).fetchall() == [("k", "[]", "{}", "{}", "[]")]
    assert schema_version(db) == 4
    db.close()
