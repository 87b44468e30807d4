"""Checksums of an index version, and setting a damaged version aside.

A version is written once and never changed, so its files can be described at commit by a
manifest (``checksums.json``: size and SHA-256 of every file) and checked against it:

- when a version is opened, every file is hashed once (the cost is reading the files, which
  opening warms the page cache for anyway; BENCHMARKS.md, "Reliability", has the figures);
- while it is open, a refresh compares only sizes and modification times with what was seen at
  open (a few dozen ``stat`` calls), and re-hashes a file only when those moved.

A version that fails is renamed ``damaged-vNNNNNN`` (never deleted: the files are evidence)
with a ``DAMAGE.txt`` saying why, so the next newest intact version can serve and
``sikoja index`` rebuilds on top of it. Lock files that readers may touch are not covered.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from pathlib import Path

CHECKSUMS = "checksums.json"
DAMAGE_NOTE = "DAMAGE.txt"
DAMAGED_PREFIX = "damaged-"
VERSION_NAME = re.compile(r"^v(\d{6,})$")
_DAMAGED_NAME = re.compile(r"^damaged-v(\d{6,})(?:-\d+)?$")


class DamagedVersion(Exception):
    """An index version whose files do not match its checksums (or cannot be read)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"index version {name} is damaged: {reason}")
        self.name = name
        self.reason = reason


def _covered(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*")
                  if p.is_file() and not p.name.endswith(".lock") and p.name != CHECKSUMS)


def _digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def write_checksums(path: Path) -> None:
    """Describe every file of the version at ``path`` (called last, before the swap)."""
    files = {p.relative_to(path).as_posix(): [p.stat().st_size, _digest(p)]
             for p in _covered(path)}
    tmp = path / (CHECKSUMS + ".tmp")
    tmp.write_text(json.dumps({"algorithm": "sha256", "files": files}, indent=0),
                   encoding="utf-8")
    os.replace(tmp, path / CHECKSUMS)


def read_checksums(path: Path) -> dict[str, tuple[int, str]]:
    """The manifest of a version; :class:`DamagedVersion` if it is missing or unreadable."""
    try:
        raw = json.loads((path / CHECKSUMS).read_text(encoding="utf-8"))
        files = raw["files"]
        return {str(name): (int(size), str(digest)) for name, (size, digest) in files.items()}
    except FileNotFoundError:
        raise DamagedVersion(path.name, f"{CHECKSUMS} is missing") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DamagedVersion(path.name, f"{CHECKSUMS} is unreadable ({exc})") from None


Snapshot = dict[str, tuple[int, int]]  # file -> (size, mtime_ns) as seen when verified


def verify(path: Path, expected: dict[str, tuple[int, str]],
           only: set[str] | None = None) -> Snapshot:
    """Hash the files (or ``only`` these) against ``expected``; the stat snapshot if intact."""
    seen: Snapshot = {}
    for name, (size, digest) in expected.items():
        if only is not None and name not in only:
            continue
        file = path / name
        try:
            stat = file.stat()
        except OSError:
            raise DamagedVersion(path.name, f"{name} is missing") from None
        if stat.st_size != size:
            raise DamagedVersion(path.name, f"{name} has {stat.st_size} bytes, {size} expected")
        try:
            actual = _digest(file)
        except OSError as exc:
            raise DamagedVersion(path.name, f"{name} cannot be read ({exc})") from None
        if actual != digest:
            raise DamagedVersion(path.name, f"{name} does not match its checksum")
        seen[name] = (stat.st_size, stat.st_mtime_ns)
    return seen


def moved(path: Path, snapshot: Snapshot) -> set[str]:
    """Files whose size or modification time changed since ``snapshot`` (cheap: stat only)."""
    out = set()
    for name, (size, mtime) in snapshot.items():
        try:
            stat = (path / name).stat()
        except OSError:
            out.add(name)
            continue
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            out.add(name)
    return out


def version_number(name: str) -> int | None:
    """The number of ``v000007`` or ``damaged-v000007``; None for anything else."""
    found = VERSION_NAME.match(name) or _DAMAGED_NAME.match(name)
    return int(found.group(1)) if found else None


def set_aside(path: Path, reason: str) -> Path | None:
    """Rename a damaged version out of the way, noting why; None if the dir is read-only."""
    for attempt in range(100):
        target = path.with_name(f"{DAMAGED_PREFIX}{path.name}" + (f"-{attempt}" if attempt else ""))
        if target.exists():
            continue
        try:
            os.rename(path, target)
        except FileNotFoundError:
            return None  # another process set it aside first
        except OSError:
            return None  # read-only: the caller skips it in memory instead
        try:
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            (target / DAMAGE_NOTE).write_text(f"{stamp} {reason}\n", encoding="utf-8")
        except OSError:
            pass
        return target
    return None


def damaged_versions(root: Path) -> list[tuple[int, str, str]]:
    """(number, folder name, reason) of every version set aside under ``root``."""
    out = []
    for p in root.glob(f"{DAMAGED_PREFIX}v*"):
        number = version_number(p.name)
        if number is None or not p.is_dir():
            continue
        try:
            reason = (p / DAMAGE_NOTE).read_text(encoding="utf-8").strip()
        except OSError:
            reason = "damaged"
        out.append((number, p.name, reason))
    return sorted(out)
