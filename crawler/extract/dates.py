"""Dates as OPD pages write them: ISO in meta tags, RFC 1123 in HTTP headers, and
"12 Maret 2024" / "Senin, 5 Agu 2023" in the visible text.

Everything is normalised to an ISO date (``YYYY-MM-DD``): the index only needs the day to
prefer fresher pages, and a date is comparable across all three sources.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
# a regex alternation of the month names, longest first ("agustus" before "agu")
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# A date may touch the words around it where a theme puts it in an element of its own after
# an icon ("<a>Administrator</a><span><i class=fa-calendar></i>4 Maret 2024</span>" reads
# "Administrator4 Maret 2024Berita"): only digits around it make it something else.
_VISIBLE_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({MONTH_NAMES})\.?,?\s+(\d{{4}})(?!\d)",
                           re.IGNORECASE)
# how long something takes, by number and unit: "3 hari", "1x24 jam", "3-5 hari kerja",
# "14 s.d. 30 hari", "3 working days"
DURATION = (r"\b\d+\s*(?:x\s*24\s*)?(?:(?:-|s\.?d\.?|sampai|hingga|to)\s*\d+\s*)?"
            r"(?:hari|jam|menit|minggu|bulan|working days?|business days?|days?|hours?|"
            r"minutes?|weeks?)\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-](\d{4})\b")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# A visible date next to one of these words is the page's update date, not an event date.
_UPDATE_WORDS = re.compile(
    r"(diperbarui|pembaruan|update|diupdate|dimutakhirkan|terakhir|diposting|dipublikasikan|"
    r"ditulis|posted|published|tanggal)", re.IGNORECASE
)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not 1990 <= year <= date.today().year + 1:
        return None
    return found.isoformat()


def parse_iso(value: str | None) -> str | None:
    if not value:
        return None
    match = _ISO_DATE.search(value)
    if not match:
        return None
    return _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def parse_http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed: datetime = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


def parse_indonesian_date(text: str) -> str | None:
    """First valid ``12 Maret 2024``-style (or ``12/03/2024``) date in ``text``."""
    for match in _VISIBLE_DATE.finditer(text):
        found = _valid(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        if found:
            return found
    for match in _NUMERIC_DATE.finditer(text):
        found = _valid(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if found:
            return found
    return None


def visible_date(text: str, title: str = "") -> str | None:
    """A date the page shows as its own: near an "updated/posted" word, else on the line
    right before or after its ``title`` (a post's byline, where a box beside it, an agenda
    or the latest posts, shows other dates first), else the first."""
    lines = text.splitlines()[:400]
    for line in lines:
        word = _UPDATE_WORDS.search(line)
        if word:
            found = parse_indonesian_date(line[word.end():]) or parse_indonesian_date(line)
            if found:
                return found
    name = " ".join(title.split()).casefold()
    if name:
        for index, line in enumerate(lines):
            if " ".join(line.split()).casefold() == name:
                for near in (lines[index - 1] if index else "", *lines[index + 1:index + 2]):
                    if found := parse_indonesian_date(near):
                        return found
                break
    return parse_indonesian_date(text[:3000])
