"""Where an OPD is, when it is open and how to reach it: a contact page and its fields.

Citizens ask places questions ("jam buka kantor disdukcapil", "alamat dinas sosial",
"nomor telepon damkar") whose answer is the agency's contact page, not a service that
shares a word. Every kind of OPD site has one ("Kontak", "Hubungi Kami", "Kontak Kami",
"Contact Us", "Alamat Kantor"), reached by a path (/kontak/, ?p=kontak, kontak.asp) or only
by its heading (WordPress ?page_id=189, Drupal /node/3). The page is recognised by what it
calls itself and what it says (an address or opening hours), never by one template.

The fields are read from labelled lines, as every template writes them ("Alamat: ...",
"Jam Pelayanan: ...", "Telp. 0741-41171", "Email: ..."), plus unlabelled forms that speak
for themselves (a street line "Jl. ...", a phone number, a day range with hours). The
home page gets them too, from its footer, so an OPD whose contact page was not crawled
still has its address and hours.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

CONTACT_FIELDS = ("address", "phone", "hours", "email")

# what a contact page calls itself (its path, its title or heading)
_CONTACT_NAME = re.compile(
    r"(?:^|[^a-z])(kontak|contact|hubungi[\s_-]*kami|alamat(?:[\s_-]*kantor)?|"
    r"lokasi[\s_-]*kantor|peta[\s_-]*lokasi)(?:[^a-z]|$)", re.IGNORECASE)
_MAX_NAME_WORDS = 4  # "Kontak Kami", "Hubungi Kami", not "Kontak Darurat Banjir Musim Ini"

_LABELS: dict[str, re.Pattern[str]] = {
    "address": re.compile(r"^(alamat(\s+kantor)?|lokasi(\s+kantor)?|kantor|address)\b", re.I),
    "phone": re.compile(
        r"^(telp|tel|telepon|telpon|phone|no\.?\s*(telp|telepon|hp|wa)|nomor\s+telepon|hp|"
        r"whatsapp|wa|hotline|fax|faks|call\s*center|kontak)\b", re.I),
    "hours": re.compile(
        r"^(jam\s+(pelayanan|layanan|kerja|buka|operasional|kantor)|waktu\s+(pelayanan|layanan)|"
        r"hari\s+(dan\s+jam\s+)?(kerja|pelayanan)|opening\s+hours|office\s+hours)\b", re.I),
    "email": re.compile(r"^(e-?mail|surel|surat\s+elektronik)\b", re.I),
}
_SEPARATOR = re.compile(r"\s+[·|•]\s+")
_LABEL_SPLIT = re.compile(r"\s*[:：]\s*|\s+[-–]\s+")
# an unlabelled address: a street ("Jl. Slamet Riyadi"), or a short line naming a district,
# a complex or a building ("Kenali Asam Bawah, Kec. Kota Baru, Kota Jambi")
_STREET = re.compile(r"\b(?:[Jj]l|[Jj]ln|[Jj]alan)\.?\s+[A-Z]")
_PLACE = re.compile(r"\b(?:Kec\.|Kel\.|Kecamatan|Kelurahan|Komplek|Kompleks|Gedung|RT\.? ?\d)")
_MAX_ADDRESS_WORDS = 20
_MAX_LINE_WORDS = 20  # an unlabelled contact line is short, not prose
_ADDRESS_REACH = 3  # lines from the hours or phone line
_NUMBER = r"(?:\+62|\(0\d{2,3}\)|\b0\d{2,3})[\s.-]?\d{3,4}[\s.-]?\d{2,5}\b|\b1\d{2}\b"
# an unlabelled phone: a number after the word that says it is one
_PHONE = re.compile(rf"\b(?:telp|tel|telepon|telpon|phone|hp|wa|whatsapp|hotline|fax|"
                    rf"call\s*center)\b\.?[\s:/a-z]{{0,12}}(?:{_NUMBER})", re.IGNORECASE)
_DAYS = r"(senin|selasa|rabu|kamis|jum'?at|jum’at|sabtu|minggu|monday|friday|saturday)"
_HOURS = re.compile(rf"\b{_DAYS}\b.*\b\d{{1,2}}[.:]\d{{2}}\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MAX_VALUE = 200


def is_contact_page(url: str, headlines: list[str]) -> bool:
    """True for a page whose path or heading names it a contact page."""
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    if _CONTACT_NAME.search(re.sub(r"\.\w+$", "", last)) or _CONTACT_NAME.search(parts.query):
        return True
    return any(_CONTACT_NAME.search(h) and len(h.split()) <= _MAX_NAME_WORDS
               for h in headlines if h)


def contact_fields(text: str, headlines: frozenset[str] = frozenset()) -> dict[str, str]:
    """Address, phone, hours and email said in ``text`` (one line per block), labelled lines
    first; {} when it says none of them. ``headlines``: the texts of the page's links (a
    news headline in the footer, "Penutupan Jl. Kapten Pattimura"), an address only when
    nothing else near the contact lines is one."""
    found: dict[str, str] = {}
    # a footer often says several things on one line: "Telp. ... · Jam layanan: ..."
    lines = [part.strip() for line in text.splitlines() for part in _SEPARATOR.split(line)
             if part.strip()]
    anchors = []  # lines that said a field: the contact block an unlabelled address is in
    for n, line in enumerate(lines):
        parts = _LABEL_SPLIT.split(line, maxsplit=1)
        if len(parts) < 2 or not parts[1]:
            continue
        for name, label in _LABELS.items():
            if name not in found and label.match(parts[0]) and len(parts[0].split()) <= 4:
                value = parts[1][:_MAX_VALUE]
                if name == "phone" and not re.search(r"\d", value):
                    continue
                found[name] = value
                anchors.append(n)
                break
    for n, line in enumerate(lines):
        if len(line.split()) > _MAX_LINE_WORDS:
            continue  # a sentence of an article that mentions "Call Center 112"
        if "hours" not in found and _HOURS.search(line):
            found["hours"] = _after_label(line)
            anchors.append(n)
        if "phone" not in found and (m := _PHONE.search(line)):
            found["phone"] = m.group(0)
            anchors.append(n)
        if "email" not in found and (m := _EMAIL.search(line)):
            found["email"] = m.group(0)
            anchors.append(n)
    if "address" not in found:
        line = _unlabelled_address(lines, anchors, headlines)
        if line is not None:
            found["address"] = line
    return {k: found[k] for k in CONTACT_FIELDS if k in found}


def _unlabelled_address(lines: list[str], anchors: list[int],
                        headlines: frozenset[str]) -> str | None:
    """The address line of the block that says the rest (a footer), nearest first; a news
    headline naming a street elsewhere on the page, or a link's, is not one. A street line
    is taken before a nearer line that only names a place ("Kelurahan Payo Lebar": the
    header's site name, not where the office is), never before one that says where the
    office is ("Kantor Kelurahan Sungai Putri, Kecamatan Telanaipura"): a street in a line
    after that is a ticker's or a headline's."""
    reach = {n: d for n in range(len(lines))
             if (d := min((abs(n - a) for a in anchors), default=0)) <= _ADDRESS_REACH}
    near = [lines[n] for n in sorted(reach, key=reach.__getitem__) if _is_address(lines[n])]
    plain = [line for line in near if line not in headlines]
    street = next((line for line in plain if _STREET.search(line) or not _names_only(line)),
                  None)
    # a link's line last: a map link may hold the address when no other line does
    return street or next(iter(plain + near), None)


def _names_only(line: str) -> bool:
    """A line naming a place and nothing more: a site's name, not its address."""
    return len(line.split()) <= _MAX_NAME_WORDS + 1 and not re.search(r"[,\d]", line)


def _after_label(line: str) -> str:
    parts = _LABEL_SPLIT.split(line, maxsplit=1)
    return parts[1] if len(parts) == 2 and len(parts[0].split()) <= 4 else line


def _is_address(line: str) -> bool:
    return (len(line.split()) <= _MAX_ADDRESS_WORDS and not line.endswith(".")
            and bool(_STREET.search(line) or _PLACE.search(line)))
