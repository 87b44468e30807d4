"""Services citizens ask the city about that someone else provides (SIM, paspor, BPJS, ...).

A search for "bikin sim" used to show the nurse's licence, the closest-sounding city service.
The right answer is to say plainly who issues a SIM. The list of such services is data: a
sourced default ships in ``indexer/data/external_services.yaml``; an admin's copy at
``DATA_DIR/external_services.yaml`` replaces it. The admin copy is re-read when it changes
(no restart); an invalid copy is reported with the entry and key at fault and the default
keeps serving, so a bad edit loses nothing.

Matching is on analysed tokens (case, stemming, colloquial and Jambi Malay forms do not
matter): a phrase matches when its tokens appear in a row in the query, or equal one of the
query's English-gloss or typo-correction readings ("driving license" -> SIM). The longest
matching phrase wins, so "bpjs ketenagakerjaan" is not BPJS Kesehatan's "bpjs".
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from sikoja.errors import SikojaError
from sikoja.results import ExternalNote

if TYPE_CHECKING:
    from indexer.analysis import Analyzer, QueryAnalysis

log = logging.getLogger(__name__)

FILE_NAME = "external_services.yaml"
DEFAULT_PATH = Path(__file__).resolve().parent / "data" / FILE_NAME
REQUIRED = ("id", "name", "provider", "url", "note", "phrases", "source")
OPTIONAL = ("note_en",)


@dataclass(frozen=True)
class ExternalService:
    id: str
    name: str
    provider: str
    url: str
    note: str
    phrases: tuple[str, ...]
    source: str
    note_en: str | None = None

    def as_note(self) -> ExternalNote:
        return ExternalNote(id=self.id, name=self.name, provider=self.provider, url=self.url,
                            note=self.note, note_en=self.note_en)


def parse(text: str, where: str) -> list[ExternalService]:
    """The services of a YAML text; the first problem raises SikojaError naming the entry."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SikojaError(f"{where}: invalid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("services"), list):
        raise SikojaError(f"{where}: expected a mapping with a 'services' list")
    out: list[ExternalService] = []
    seen: set[str] = set()
    for n, entry in enumerate(data["services"], 1):
        out.append(_entry(entry, f"{where}: service {n}", seen))
    if not out:
        raise SikojaError(f"{where}: the 'services' list is empty")
    return out


def _entry(entry: Any, where: str, seen: set[str]) -> ExternalService:
    if not isinstance(entry, dict):
        raise SikojaError(f"{where}: expected a mapping of {', '.join(REQUIRED)}")
    if isinstance(entry.get("id"), str):
        where = f"{where} ({entry['id']})"
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise SikojaError(f"{where}: unknown key {unknown[0]!r}")
    for key in REQUIRED:
        if key not in entry or entry[key] in (None, "", []):
            raise SikojaError(f"{where}: {key!r} is missing or empty")
    for key in ("id", "name", "provider", "url", "note", "source"):
        if not isinstance(entry[key], str):
            raise SikojaError(f"{where}: {key!r} must be text")
    note_en = entry.get("note_en")
    if note_en is not None and not isinstance(note_en, str):
        raise SikojaError(f"{where}: 'note_en' must be text")
    if not entry["url"].startswith(("https://", "http://")):
        raise SikojaError(f"{where}: 'url' must be an http(s) link, got {entry['url']!r}")
    phrases = entry["phrases"]
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip()
                                                for p in phrases):
        raise SikojaError(f"{where}: 'phrases' must be a list of words or phrases")
    if entry["id"] in seen:
        raise SikojaError(f"{where}: id {entry['id']!r} is used twice")
    seen.add(entry["id"])
    return ExternalService(
        id=entry["id"].strip(), name=entry["name"].strip(), provider=entry["provider"].strip(),
        url=entry["url"].strip(), note=" ".join(entry["note"].split()),
        phrases=tuple(p.strip() for p in phrases), source=" ".join(entry["source"].split()),
        note_en=" ".join(note_en.split()) if note_en else None)


class ExternalServices:
    """The services in force for a data dir, with their phrases analysed."""

    def __init__(self, data_dir: Path | str | None, analyzer: Analyzer) -> None:
        self.admin_path = Path(data_dir) / FILE_NAME if data_dir is not None else None
        self.analyzer = analyzer
        self.error: str | None = None  # why the admin copy is not in force, if it is not
        self._lock = threading.Lock()
        self._stamp: object = object()
        self._phrases: list[tuple[tuple[str, ...], ExternalService]] = []
        self.services: list[ExternalService] = []

    def _current_stamp(self) -> object:
        if self.admin_path is None:
            return None
        try:
            stat = self.admin_path.stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def _load(self) -> None:
        stamp = self._current_stamp()
        if stamp == self._stamp:
            return
        with self._lock:
            if stamp == self._stamp:
                return
            services, error = None, None
            if stamp is not None and self.admin_path is not None:
                try:
                    services = parse(self.admin_path.read_text(encoding="utf-8"),
                                     str(self.admin_path))
                except (OSError, UnicodeDecodeError) as exc:
                    error = f"{self.admin_path}: cannot read: {exc}"
                except SikojaError as exc:
                    error = str(exc)
                if error:
                    log.warning("%s; the default list of external services is used", error)
            if services is None:
                services = parse(DEFAULT_PATH.read_text(encoding="utf-8"), str(DEFAULT_PATH))
            phrases = []
            for service in services:
                for phrase in service.phrases:
                    tokens = tuple(self.analyzer.index_tokens(phrase))
                    if tokens:
                        phrases.append((tokens, service))
            phrases.sort(key=lambda p: -len(p[0]))
            self.services, self._phrases, self.error = services, phrases, error
            self._stamp = stamp

    def match(self, analysis: QueryAnalysis) -> tuple[ExternalService, tuple[str, ...]] | None:
        """The service a query names, with the phrase tokens that named it, or None."""
        self._load()
        tokens = self.analyzer.index_tokens(analysis.text)
        readings = [t.tokens for t in analysis.terms if t.origin in ("glossary", "correction")]
        for phrase, service in self._phrases:
            if _contains(tokens, phrase) or any(_contains(r, phrase) for r in readings):
                return service, phrase
        return None


def _contains(tokens: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == tuple(phrase) for i in range(len(tokens) - n + 1))
