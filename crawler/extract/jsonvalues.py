"""What a JSON record's values say they are, where its keys do not (issue #11).

Apps that draw their services from JSON name the fields as their developer pleased: an
import keeps a spreadsheet's columns (``col1``, ``field_2``, ``info``, ``deskripsi2``), a
CMS field is called ``pungutan`` or ``unitPelaksana``. ``crawler.extract.jsonlist`` reads a
key by its name first; a key no name places is read here by its value, as a citizen reads
it: "Rp50.000", "Gratis" or "Tidak dipungut biaya" is a cost, "3 hari kerja" or "1x24 jam"
a duration, a list of "Fotokopi KTP" and "Pas foto" the requirements, a list of "Isi
formulir", "Serahkan berkas" the procedure, "Kantor ..., Jl. ..." where to apply, "UU
24/2013; Perpres 96/2018" the legal basis.

One value can mislead ("24 jam" in an opening-hours note), so the records of one endpoint
are compared with each other (``columns``): a key whose values say the same field in most
records is that field's column, and then it is that field in every record, "NOP" and
"Bulanan" too, which alone say nothing. A lone record (a detail endpoint) is read value by
value (``value_field``).

Only short values and lists are read: a paragraph that mentions a fee is a description.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from crawler.extract.dates import DURATION
from crawler.extract.labels import match_label

# a scalar value this long or longer is prose, not a field's value
MAX_VALUE_WORDS = 30
# where in a value its cue must be: "Rp", "gratis", "3 hari" open what a field says
CUE_WORDS = 8
# records of one endpoint a key must say the same field in to be that field's column
COLUMN_SHARE = 0.5

_COST = re.compile(
    r"\brp\.?\s?\d|\brupiah\b|\bidr\s?\d|\bgratis\b|\bfree\b|\bno (fee|charge|cost)\b|"
    r"\btidak (di)?pungut|\btidak ada biaya|\btanpa (biaya|dipungut|pungutan)\b|"
    r"\bbebas biaya\b|\bbiaya\b|\btarif\b|\bretribusi\b|\bpnbp\b|\bfee\b|"
    r"\b\d+(?:[.,]\d+)?\s?%", re.IGNORECASE)
_DURATION = re.compile(
    DURATION + r"|\bseketika\b|\blangsung (?:jadi|selesai|terbit)\b|\bsaat itu juga\b|"
    r"\bsame day\b|\binstant(?:ly)?\b|\bselesai di tempat\b", re.IGNORECASE)
_LEGAL = re.compile(
    r"\b(?:uu|undang[- ]undang|perda|perwal|perwako|perbup|perpres|permen\w*|pp|"
    r"peraturan (?:daerah|wali ?kota|menteri|pemerintah|presiden)|keputusan|kepmen\w*|"
    r"instruksi|surat edaran|act|law|regulation)\b\.?\s*(?:no\.?|nomor)?\s*\d",
    re.IGNORECASE)
_PLACE = re.compile(
    r"^(?:di\s+)?(?:kantor|loket|mal pelayanan|mpp\b|gedung|jl\.|jalan|komplek|kompleks|"
    r"puskesmas|kelurahan|kecamatan|uptd|balai|ruang|unit|counter|office|building|"
    r"ground floor|lantai|secara daring|online melalui)\b"
    r"|\b(?:jl\.|jalan)\s+\w", re.IGNORECASE)
# a list item that names a document to bring
_DOCUMENT = re.compile(
    r"\b(?:fotokopi|fotocopy|foto ?copy|photocopy|copy|salinan|scan|asli|original|ktp|ktp-el|"
    r"e-ktp|kk|kartu|akta|akte|surat|formulir|form|blanko|pas ?foto|foto|photo|buku nikah|"
    r"ijazah|sertifikat|certificate|npwp|nib|sppt|sspd|spop|lspop|nop|paspor|passport|"
    r"materai|meterai|rekomendasi|pengantar|bukti|dokumen|document|identitas|identity|"
    r"id card|berkas|izin|permit|data|keterangan|kwitansi|nota|denah|gambar)\b",
    re.IGNORECASE)
# a list item that says what to do: it opens with a step's verb (or numbers a stage)
_STEP = re.compile(
    r"^(?:\d+\.\s*)?(?:tahap|langkah|step)\b|^(?:\d+\.\s*)?(?:pemohon|petugas|warga|applicant|"
    r"officer|staff)?\s*(?:datang|serahkan|menyerahkan|isi|mengisi|ajukan|mengajukan|"
    r"lengkapi|melengkapi|verifikasi|validasi|bayar|membayar|pembayaran|ambil|mengambil|"
    r"pengambilan|terima|menerima|penerimaan|cetak|pencetakan|entri|input|penelitian|"
    r"pendataan|penetapan|terbit|penerbitan|unduh|mengunduh|login|masuk|daftar|mendaftar|"
    r"pendaftaran|upload|unggah|tunggu|menunggu|bawa|membawa|siapkan|menyiapkan|tanyakan|"
    r"lapor|melapor|pelaporan|cek|pengecekan|periksa|pemeriksaan|survei|survey|peninjauan|"
    r"tanda ?tangan|penandatanganan|proses|pemrosesan|konsultasi|kunjungi|buka|klik|pilih|"
    r"fill|submit|visit|pay|collect|receive|wait|bring|register|apply|verify|upload|"
    r"download|open|choose|select|sign|check)\b|→|->", re.IGNORECASE)

# markup of a rich-text body (paragraphs, headings, tables): read as a page's body is, by its
# sections (``crawler.extract.richtext``), not as one value; a bare list is one value
_BODY_MARKUP = re.compile(r"<(p|div|h[1-6]|table|section|article|figure|dl|blockquote)\b",
                          re.IGNORECASE)

LIST_FIELDS = ("requirements", "procedure")
SCALAR_FIELDS = ("cost", "duration", "legal_basis", "location")


def _cue_at(pattern: re.Pattern[str], text: str) -> int | None:
    """The word number where ``pattern`` first matches in ``text``, or None."""
    found = pattern.search(text)
    return len(text[:found.start()].split()) if found else None


def scalar_field(text: str) -> str | None:
    """The field a short value says it is (cost, duration, legal basis, location), or None:
    the one whose cue comes first in its opening words ("Gratis (Pasal 79A UU 24/2013)" is
    a cost, "UU 1/2022; Perda 2/2024" a legal basis)."""
    words = text.split()
    if not words or len(words) >= MAX_VALUE_WORDS:
        return None
    cues = [(at, name) for name, pattern in (("cost", _COST), ("duration", _DURATION),
                                             ("legal_basis", _LEGAL), ("location", _PLACE))
            if (at := _cue_at(pattern, text)) is not None and at < CUE_WORDS]
    return min(cues)[1] if cues else None


def list_field(items: Sequence[str]) -> str | None:
    """Whether a list of two or more items is requirements (most name a document) or a
    procedure (most open with a step's verb: "Isi formulir" is a step, not a form), or
    None."""
    if len(items) < 2:
        return None
    opening = [bool(_STEP.search(i.strip())) for i in items]
    steps = sum(opening)
    documents = sum(bool(_DOCUMENT.search(i))
                    for i, step in zip(items, opening, strict=True) if not step)
    half = len(items) / 2
    if steps >= half and steps > documents:
        return "procedure"
    if documents >= half and documents >= steps:
        return "requirements"
    return None


def value_field(value: Any, items: Callable[[Any], list[str]],
                text: Callable[[Any], str]) -> str | None:
    """The field ``value`` says it is, or None. ``items`` and ``text`` read a value as
    ``crawler.extract.jsonlist`` does: a list (an array, an HTML list, lines, ";" or
    numbered items in one string) and one line of text."""
    if isinstance(value, (bool, int, float)) or value is None or (
            isinstance(value, str) and _BODY_MARKUP.search(value)):
        return None
    if isinstance(value, dict):
        return scalar_field(text(value))
    listed = items(value)
    # a list of neither kind may be one value in parts ("Kantor ...; loket ... di MPP")
    return (len(listed) >= 2 and list_field(listed)) or scalar_field(text(value))


def columns(records: Sequence[dict[str, Any]], candidates: Callable[[dict[str, Any]], list[str]],
            items: Callable[[Any], list[str]], text: Callable[[Any], str]
            ) -> dict[str, str | None]:
    """Key -> field of the keys that say one field in most records of one endpoint (at
    least two, and at least half of those that have a value under the key); of two keys
    saying one field, the one that says it in more records; None for a key compared and
    found to say no one field. ``candidates``: the keys of a record its key names leave
    unread."""
    said: dict[str, dict[str, int]] = {}
    filled: dict[str, int] = {}
    for record in records:
        for key in candidates(record):
            value = record.get(key)
            if value in (None, "", [], {}):
                continue
            filled[key] = filled.get(key, 0) + 1
            name = value_field(value, items, text)
            if name:
                said.setdefault(key, {}).setdefault(name, 0)
                said[key][name] += 1
    best: dict[str, tuple[int, str]] = {}
    for key, counts in said.items():
        name, count = max(counts.items(), key=lambda kv: kv[1])
        if count >= 2 and count >= COLUMN_SHARE * filled[key] and (
                name not in best or count > best[name][0]):
            best[name] = (count, key)
    return dict.fromkeys(filled) | {key: name for name, (_count, key) in best.items()}


def meta_key(key: Any) -> bool:
    """A key the API adds about its data, not of it: GraphQL's ``__typename``
    ("ComponentLayananPersyaratan" beside each requirement), JSON-LD's ``@type``,
    ``_links``."""
    return str(key).startswith(("_", "@"))


def _entries(item: Any) -> list[Any]:
    """The texts and lists of one item of a list of pairs (ids, numbers and the API's own
    ``__typename`` aside)."""
    values = item.values() if isinstance(item, dict) else item if isinstance(item, list) else []
    keys = item.keys() if isinstance(item, dict) else [""] * len(values)
    return [v for k, v in zip(keys, values, strict=True)
            if not meta_key(k) and isinstance(v, (str, list, dict))
            and v not in ("", [], {}) and not (isinstance(v, str) and v.strip().isdigit())]


def labelled_pairs(record: dict[str, Any]) -> dict[str, Any]:
    """Fields a record lists as label and value pairs, as page builders and spreadsheet
    exports keep them: ``"info": [{"label": "Biaya", "value": "Gratis"}, ...]`` or
    ``[["Persyaratan", [...]], ...]``; the label is read as a page's section label is."""
    found: dict[str, Any] = {}
    for value in record.values():
        if not isinstance(value, list):
            continue
        for item in value:
            entries = _entries(item)
            if len(entries) != 2:
                continue
            for label, content in (entries, entries[::-1]):
                name = match_label(label) if isinstance(label, str) else None
                if name and not (isinstance(content, str) and match_label(content)):
                    found.setdefault(name, content)
                    break
    return found
