"""Checksums of an index version, and setting a damaged version aside.

A version is written once and never changed, so its files can be described at commit by a
manifest (``checksums.json``: size and SHA-256 of every file) and checked against it:

- when a version is opened, every file is hashed once (the cost is reading the files, which
  opening warms the page cache for anyway; BENCHMARKS.md, "Reliability", has the figures),
  except files over ``SAMPLE_ABOVE`` bytes: those are checked by size and a digest of
  ``SAMPLE_BLOCKS`` blocks spread over them (a million documents make 2 GB of vectors and
  more of tantivy, which hashing at every open would read whole; a damaged byte between
  the samples shows when a read fails, and that re-hashes every file in full);
- while it is open, a refresh compares only sizes and modification times with what was seen at
  open (a few dozen ``stat`` calls), and re-hashes a file only when those moved.

A version that fails is renamed ``damaged-vNNNNNN`` (never deleted: the files are evidence)
with a ``DAMAGE.txt`` saying why, so the next newest intact version can serve and
``sikoja index`` rebuilds on top of it. Lock files that readers may touch are not covered.
"""

from __future__ import annotations

import contextlib
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


SAMPLE_ABOVE = 64 * 2**20  # bytes: larger files are verified at open by samples
SAMPLE_BLOCKS = 256
SAMPLE_SIZE = 4096


def _digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _sample_digest(path: Path, size: int) -> str:
    """SHA-256 of SAMPLE_BLOCKS blocks evenly spread over the file, first and last included."""
    h = hashlib.sha256()
    step = max((size - SAMPLE_SIZE) // (SAMPLE_BLOCKS - 1), 1)
    with path.open("rb") as f:
        for n in range(SAMPLE_BLOCKS):
            f.seek(min(n * step, max(size - SAMPLE_SIZE, 0)))
            h.update(f.read(SAMPLE_SIZE))
    return h.hexdigest()


def _describe(file: Path, size: int, digest: str | None = None) -> list:
    out: list = [size, digest or _digest(file)]
    if size > SAMPLE_ABOVE:
        out.append(_sample_digest(file, size))
    return out


def write_checksums(path: Path, base: Path | None = None) -> None:
    """Describe every file of the version at ``path`` (called last, before the swap).

    A file hard-linked from the version ``base`` (the same inode) keeps its digest from
    ``base``'s manifest instead of being read again."""
    known: dict[tuple[int, int], str] = {}
    if base is not None:
        with contextlib.suppress(DamagedVersion):
            for name, (size, digest, *_) in _read_raw(base).items():
                with contextlib.suppress(OSError):
                    stat = (base / name).stat()
                    if stat.st_size == size:
                        known[(stat.st_dev, stat.st_ino)] = digest
    files = {}
    for p in _covered(path):
        stat = p.stat()
        files[p.relative_to(path).as_posix()] = _describe(
            p, stat.st_size, known.get((stat.st_dev, stat.st_ino)))
    tmp = path / (CHECKSUMS + ".tmp")
    tmp.write_text(json.dumps({"algorithm": "sha256", "files": files}, indent=0),
                   encoding="utf-8")
    os.replace(tmp, path / CHECKSUMS)


def _read_raw(path: Path) -> dict[str, list]:
    try:
        return json.loads((path / CHECKSUMS).read_text(encoding="utf-8"))["files"]
    except FileNotFoundError:
        raise DamagedVersion(path.name, f"{CHECKSUMS} is missing") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DamagedVersion(path.name, f"{CHECKSUMS} is unreadable ({exc})") from None


Expected = dict[str, tuple[int, str, str | None]]  # file -> (size, sha256, sample digest)


def read_checksums(path: Path) -> Expected:
    """The manifest of a version; :class:`DamagedVersion` if it is missing or unreadable."""
    try:
        files = _read_raw(path)
        return {str(name): (int(entry[0]), str(entry[1]),
                            str(entry[2]) if len(entry) > 2 else None)
                for name, entry in files.items()}
    except FileNotFoundError:
        raise DamagedVersion(path.name, f"{CHECKSUMS} is missing") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DamagedVersion(path.name, f"{CHECKSUMS} is unreadable ({exc})") from None


Snapshot = dict[str, tuple[int, int]]  # file -> (size, mtime_ns) as seen when verified


def verify(path: Path, expected: Expected, only: set[str] | None = None,
           sampled: bool = False) -> Snapshot:
    """Hash the files (or ``only`` these) against ``expected``; the stat snapshot if intact.
    ``sampled``: files with a sample digest are checked by it instead of read whole."""
    seen: Snapshot = {}
    for name, (size, digest, sample) in expected.items():
        if only is not None and name not in only:
            continue
        file = path / name
        try:
            stat = file.stat()
        except OSError:
            raise DamagedVersion(path.name, f"{name} is missing") from None
        if stat.st_size != size:
            raise DamagedVersion(path.name, f"{name} has {stat.st_size} bytes, {size} expected")
        quick = sampled and sample is not None
        try:
            actual = _sample_digest(file, size) if quick else _digest(file)
        except OSError as exc:
            raise DamagedVersion(path.name, f"{name} cannot be read ({exc})") from None
        if actual != (sample if quick else digest):
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
