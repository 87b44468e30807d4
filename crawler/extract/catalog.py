"""App catalogs: the city's list of apps (SIAK, e-Retribusi, Lapor!...) as JSON, CSV or an
HTML table, each row one app a citizen can be sent to.

Catalogs are maintained by hand in spreadsheets, so column names vary ("nama_aplikasi",
"Nama Aplikasi", "name") and status is written "Aktif", "Non-Aktif", "tidak aktif". The
aliases below map them onto APP_FIELDS; unknown columns are ignored.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from crawler.extract.encoding import decode_html
from crawler.extract.html import parse_html, squash

_ALIASES = {
    "name": ("name", "nama", "nama aplikasi", "nama_aplikasi", "aplikasi", "app", "title",
             "judul", "nama layanan"),
    "url": ("url", "link", "tautan", "alamat", "website", "situs", "homepage", "alamat url",
            "url aplikasi", "link aplikasi"),
    "opd": ("opd", "instansi", "dinas", "perangkat daerah", "pengelola", "owner", "unit",
            "organisasi", "skpd"),
    "description": ("description", "deskripsi", "keterangan", "uraian", "fungsi", "desc",
                    "penjelasan"),
    "platform": ("platform", "jenis", "tipe", "type", "media"),
    "status": ("status", "keadaan", "state", "aktif"),
}
_INACTIVE = re.compile(
    r"^(non[\s-]?aktif|nonaktif|tidak[\s-]?aktif|inactive|off|mati|dinonaktifkan|"
    r"discontinued|deprecated|ditutup|tutup|false|0|no|tidak)$", re.IGNORECASE
)
_ACTIVE = re.compile(r"^(aktif|active|on|berjalan|online|live|true|1|yes|ya|beroperasi)$",
                     re.IGNORECASE)


class CatalogError(Exception):
    """The catalog cannot be read at all (not JSON/CSV/table, or no app names)."""


@dataclass
class AppEntry:
    name: str
    url: str | None
    opd: str | None
    description: str
    platform: str
    status: str


def normalise_status(value: Any) -> str:
    """"Aktif" -> "active", "Non-Aktif"/"tidak aktif" -> "inactive", unknown -> "active"."""
    if isinstance(value, bool):
        return "active" if value else "inactive"
    text = squash(str(value or "")).strip(" .")
    if _INACTIVE.match(text):
        return "inactive"
    if _ACTIVE.match(text) or not text:
        return "active"
    return "inactive" if re.search(r"\b(non|tidak|in)[\s-]?a[ck]ti", text, re.I) else "active"


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "app"


def _key(raw: str) -> str | None:
    norm = squash(str(raw)).lower().replace("_", " ").strip(" :")
    for field, aliases in _ALIASES.items():
        if norm in aliases:
            return field
    for field, aliases in _ALIASES.items():
        if any(norm.startswith(a) for a in aliases if len(a) > 3):
            return field
    return None


def _entry(row: dict[str, Any], base_url: str) -> AppEntry | None:
    mapped: dict[str, Any] = {}
    for raw_key, value in row.items():
        field = _key(str(raw_key))
        if field and field not in mapped and value not in (None, ""):
            mapped[field] = value
    name = squash(str(mapped.get("name") or ""))
    if not name:
        return None
    url = squash(str(mapped.get("url") or "")) or None
    if url and not re.match(r"https?://", url):
        url = urljoin(base_url, url) if url.startswith("/") else f"https://{url}"
    platform = mapped.get("platform") or ""
    if isinstance(platform, list):
        platform = ", ".join(str(p) for p in platform)
    return AppEntry(
        name=name,
        url=url,
        opd=squash(str(mapped["opd"])) if mapped.get("opd") else None,
        description=squash(str(mapped.get("description") or "")),
        platform=squash(str(platform)),
        status=normalise_status(mapped.get("status")),
    )


def parse_json_catalog(text: str, base_url: str = "") -> list[AppEntry]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"invalid JSON: {exc}") from None
    if isinstance(data, dict):
        for key in ("apps", "aplikasi", "data", "items", "results"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if not isinstance(data, list):
        raise CatalogError("JSON catalog must be a list of apps or {\"apps\": [...]}")
    return [e for e in (_entry(r, base_url) for r in data if isinstance(r, dict)) if e]


def parse_csv_catalog(text: str, base_url: str = "") -> list[AppEntry]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or not any(_key(f) == "name" for f in reader.fieldnames if f):
        raise CatalogError("CSV catalog needs a header row with a name column")
    return [e for e in (_entry(r, base_url) for r in reader) if e]


def parse_html_catalog(text: str, base_url: str = "") -> list[AppEntry]:
    soup = parse_html(text)
    entries: list[AppEntry] = []
    for table in soup.find_all("table"):
        rows = table.find_all("tr")
        if not rows:
            continue
        header = [squash(c.get_text(" ")) for c in rows[0].find_all(["th", "td"])]
        if not any(_key(h) == "name" for h in header):
            continue
        for tr in rows[1:]:
            cells = tr.find_all(["td", "th"])
            row: dict[str, Any] = {}
            for name, cell in zip(header, cells, strict=False):
                row[name] = squash(cell.get_text(" "))
                anchor = cell.find("a", href=True)
                if anchor and _key(name) in ("name", "url"):
                    row.setdefault("url", urljoin(base_url, str(anchor["href"])))
            entry = _entry(row, base_url)
            if entry:
                entries.append(entry)
    if not entries:
        raise CatalogError("no table with an app-name column found")
    return entries


def parse_catalog(body: bytes, content_type: str | None, url: str) -> list[AppEntry]:
    """Pick the format from the content type, the URL suffix, then the body itself."""
    text, _ = decode_html(body, content_type)
    text = text.lstrip("\ufeff")
    ctype = (content_type or "").lower()
    stripped = text.lstrip()
    path = url.split("?", 1)[0].lower()
    if "json" in ctype or path.endswith(".json") or stripped[:1] in ("[", "{"):
        return parse_json_catalog(text, url)
    if "html" in ctype or path.endswith((".html", ".htm", ".php")) or stripped[:1] == "<":
        return parse_html_catalog(text, url)
    if "csv" in ctype or path.endswith(".csv") or "text/plain" in ctype or "," in text[:500]:
        return parse_csv_catalog(text, url)
    raise CatalogError(f"unrecognised catalog format (content type {content_type!r})")
