"""App catalogs: the city's list of apps (SIAK, e-Retribusi, Lapor!...) as JSON, CSV or an
HTML table, each row one app a citizen can be sent to.

Catalogs are maintained by hand in spreadsheets, so column names vary ("nama_aplikasi",
"Nama Aplikasi", "name") and status is written "Aktif", "Non-Aktif", "tidak aktif". The
aliases below map them onto APP_FIELDS; unknown columns are ignored.

One bad row does not sink a catalog: a row whose URL is not a web address a citizen can
open (``tel:0741-112``, ``javascript:void(0)``, ``file:///C:/...``, a list) is left out
and reported as a ``RejectedRow`` with its reason; the other rows are read. Only http and
https URLs are accepted (``sikoja.schemes``), whatever the format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.extract.encoding import decode_html
from crawler.extract.html import parse_html, squash
from sikoja.schemes import WEB_SCHEMES, is_web_url, refusal, scheme_of

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


class RowError(ValueError):
    """One catalog row cannot become an app (its reason is shown to the admin)."""


@dataclass
class RejectedRow:
    row: int  # 1-based position among the catalog's data rows
    name: str
    reason: str


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


def app_url(value: Any, base_url: str) -> str | None:
    """The app's http(s) URL from a catalog cell: absolute, site-relative ("/x") or bare
    host ("x.jambikota.go.id"); None when empty. Raises RowError for anything else."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise RowError(f"url is a {type(value).__name__}, not one address: {value!r}"[:200])
    url = squash(value)
    if not url:
        return None
    scheme = scheme_of(url)  # "" for a bare "sikesal.jambikota.go.id:8080"
    if url.startswith("//"):
        url = f"https:{url}"
    elif scheme and scheme not in WEB_SCHEMES:
        raise RowError(f"url {refusal(url)}")
    elif url.startswith("/"):
        url = urljoin(base_url, url)
    elif not scheme:
        url = f"https://{url}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise RowError(f"url {url[:80]!r} is malformed: {exc}") from None
    if not parts.hostname or " " in parts.netloc:
        raise RowError(f"url {url[:80]!r} has no valid host")
    return url


def _entry(row: dict[str, Any], base_url: str) -> AppEntry | None:
    """The app in one row; None for a row without a name (a blank or a subtotal line)."""
    mapped: dict[str, Any] = {}
    for raw_key, value in row.items():
        field = _key(str(raw_key))
        if field and field not in mapped and value not in (None, ""):
            mapped[field] = value
    name = squash(str(mapped.get("name") or ""))
    if not name:
        return None
    url = app_url(mapped.get("url"), base_url)
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


def _entries(rows: list[dict[str, Any]], base_url: str,
             rejected: list[RejectedRow] | None) -> list[AppEntry]:
    entries: list[AppEntry] = []
    for number, row in enumerate(rows, 1):
        try:
            entry = _entry(row, base_url)
        except RowError as exc:
            if rejected is not None:
                name = next((squash(str(v)) for k, v in row.items()
                             if _key(str(k)) == "name" and v), "")
                rejected.append(RejectedRow(number, name, str(exc)))
            continue
        if entry:
            entries.append(entry)
    return entries


def parse_json_catalog(text: str, base_url: str = "",
                       rejected: list[RejectedRow] | None = None) -> list[AppEntry]:
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
    return _entries([r for r in data if isinstance(r, dict)], base_url, rejected)


def parse_csv_catalog(text: str, base_url: str = "",
                      rejected: list[RejectedRow] | None = None) -> list[AppEntry]:
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or not any(_key(f) == "name" for f in reader.fieldnames if f):
        raise CatalogError("CSV catalog needs a header row with a name column")
    return _entries(list(reader), base_url, rejected)


def parse_html_catalog(text: str, base_url: str = "",
                       rejected: list[RejectedRow] | None = None) -> list[AppEntry]:
    soup = parse_html(text)
    records: list[dict[str, Any]] = []
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
                href = urljoin(base_url, str(anchor["href"])) if anchor else ""
                # a "javascript:" or "#" link on a name is page UI, not the app's address
                if _key(name) in ("name", "url") and is_web_url(href):
                    row.setdefault("url", href)
            records.append(row)
    entries = _entries(records, base_url, rejected)
    if not entries and not rejected:
        raise CatalogError("no table with an app-name column found")
    return entries


def parse_catalog(body: bytes, content_type: str | None, url: str,
                  rejected: list[RejectedRow] | None = None) -> list[AppEntry]:
    """Pick the format from the content type, the URL suffix, then the body itself. Rows
    that cannot be apps are left out and, when ``rejected`` is given, listed there."""
    text, _ = decode_html(body, content_type)
    text = text.lstrip("\ufeff")
    ctype = (content_type or "").lower()
    stripped = text.lstrip()
    path = url.split("?", 1)[0].lower()
    if "json" in ctype or path.endswith(".json") or stripped[:1] in ("[", "{"):
        return parse_json_catalog(text, url, rejected)
    if "html" in ctype or path.endswith((".html", ".htm", ".php")) or stripped[:1] == "<":
        return parse_html_catalog(text, url, rejected)
    if "csv" in ctype or path.endswith(".csv") or "text/plain" in ctype or "," in text[:500]:
        return parse_csv_catalog(text, url, rejected)
    raise CatalogError(f"unrecognised catalog format (content type {content_type!r})")
