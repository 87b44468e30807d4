"""The section labels of a service page: "Persyaratan", "Biaya/Tarif", "Berapa lama?".

Apart from ``crawler.extract.service`` (which reads a page's sections) so that the HTML
rules can ask whether a short text is a label (``crawler.extract.accordion``: an accordion
item titled "Persyaratan" is that section) without importing the section reader, which
imports them.
"""

from __future__ import annotations

import re

from crawler.extract.title import squash

# Label heads, matched at the start of a label (numbering and a trailing colon removed),
# with how many further words a label may have ("Persyaratan Pembuatan KTP-el Pemula" is a
# label; "Loket Disdukcapil, Mal Pelayanan Publik" is a value, not a location label).
OTHER = "_other"  # a known label that is not one of our fields
# "Waktu" alone: how long a service takes ("Waktu: 1 hari kerja"), or when an event is
# ("Waktu: Selasa, 11 Maret 2025 pukul 08.00 WIB"); its value decides (``service._finish``)
WHEN = "_when"
FIELD_LABELS: dict[str, tuple[re.Pattern[str], int]] = {
    "requirements": (re.compile(
        r"^(persyaratan|syarat|syarat-syarat|syarat syarat|kelengkapan berkas|"
        # "Berkas:" alone, or of the application ("Berkas Permohonan"); "Berkas ini dapat
        # diunduh" is a sentence
        r"berkas(?= *$| +(permohonan|persyaratan|pendukung|pengajuan)\b)|"
        r"kelengkapan dokumen|dokumen (yang )?(diperlukan|dibutuhkan|persyaratan)|"
        r"berkas (yang )?(diperlukan|dibutuhkan)|requirements?|"
        # as blog posts say it: "Berkas yang harus dibawa", "Yang perlu disiapkan", "Yang
        # dibawa saat berobat", "Bawa: kartu BPJS"
        r"(berkas|dokumen|bahan|syarat) yang (harus |perlu |wajib )?(dibawa|disiapkan|"
        r"dilampirkan)|yang (harus |perlu |wajib )?(dibawa|disiapkan|dilampirkan)|"
        r"bawa(?= *$)|apa saja syaratnya)"
        # ...not where to send them or whom to ask: "Berkas persyaratan dapat dikirim melalui"
        r"\b(?!.*\b(prosedur|alur|biaya|(meng)?hubungi|kontak|(di)?kirim(kan)?)\b|.*\bmelalui *$)"
    ), 6),
    "procedure": (re.compile(
        r"^(prosedur|alur|mekanisme|tata cara|tatacara|langkah-langkah|langkah|"
        r"cara (mengurus|pengurusan|pengajuan|mendaftar|pendaftaran|permohonan|membuat)|"
        r"sistem,? mekanisme|tahapan|procedure|caranya|begini caranya|langkahnya|alurnya|"
        r"steps|how to apply|bagaimana caranya|bagaimana cara (mengurus|mendaftar|membuat))"
        r"\b(?!.*\bbiaya\b)"
    ), 6),
    "duration": (re.compile(
        r"^(waktu penyelesaian|jangka waktu|lama (proses|penyelesaian|pelayanan|pengurusan)|"
        r"waktu proses|estimasi waktu|durasi|standar waktu|waktu pengerjaan|"
        r"waktu (layanan|pelayanan|pengurusan)|berapa lama|lamanya|"
        r"(processing|completion|service|turnaround) (time|duration))\b"
    ), 3),
    WHEN: (re.compile(r"^(waktu|time)$"), 0),
    "cost": (re.compile(
        r"^(biaya|biayanya|berapa biayanya|tarif|retribusi|produk,? biaya|fee|cost)\b"
    ), 3),
    "legal_basis": (re.compile(
        r"^(dasar hukum|landasan hukum|regulasi|peraturan terkait|legal basis)\b"), 3),
    "location": (re.compile(
        r"^(lokasi|tempat pelayanan|tempat pengurusan|tempat pengajuan|tempat mengurus|"
        r"alamat pelayanan|"
        r"alamat kantor|alamat|unit pelayanan|location|where to apply|"
        r"tempat(?= *$))\b"
    ), 2),
    "online_url": (re.compile(
        r"^(layanan online|layanan daring|pendaftaran online|pendaftaran daring|daftar online|"
        r"link pendaftaran|link layanan|tautan (layanan|pendaftaran|aplikasi)|permohonan online|"
        r"akses (online|daring)|link aplikasi|pengajuan (online|daring)|aplikasi (online|daring))\b"
    ), 2),
    # Components of the national service standard (Permenpan-RB 15/2014) and other headings
    # that are not fields here: recognised only so that their values end the section before
    # them instead of being read as more of it ("Produk Pelayanan: KTP-el" is not a cost).
    OTHER: (re.compile(
        r"^(produk (layanan|pelayanan)|penanganan pengaduan|pengaduan,? saran|"
        r"sarana,? (dan )?prasarana|sarana|kompetensi pelaksana|pengawasan internal|"
        r"jumlah pelaksana|jaminan (pelayanan|keamanan|keselamatan)|evaluasi kinerja|"
        r"jam (pelayanan|layanan|buka|operasional|kerja)|hari (dan jam )?(pelayanan|layanan)|"
        r"kontak|hubungi|keterangan|catatan|informasi lebih lanjut)\b"
    ), 4),
}
MAX_LABEL = 60
# Pictographs an editor puts before a label or an item ("📌 Persyaratan:", "✅ Fotokopi KK",
# "💰 Biaya: GRATIS"): arrows, dingbats, symbols and emoji, with their joiners
EMOJI = ("[\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2b00-\u2bff"
         "\U0001f000-\U0001faff][\ufe0f\u200d]*")
NUMBERING = re.compile(r"^\s*(?:[\(\[]?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[\.\)\]]\s+|"
                       rf"[-•*–·▪●○✓]\s+|(?:{EMOJI})+\s*)")


def _strip_label(text: str) -> str:
    text = NUMBERING.sub("", squash(text))
    return text.strip().rstrip(":：?-–— ").strip().lower()


def match_label(text: str) -> str | None:
    """Field name for a label such as "Persyaratan Pelayanan:" or "Biaya / Tarif"."""
    name = label_name(text)
    return None if name in (OTHER, WHEN) else name


def label_name(text: str) -> str | None:
    """Like ``match_label``, but a known non-field label ("Produk Pelayanan") is ``OTHER``."""
    label = _strip_label(text)
    if not label or len(label) > MAX_LABEL:
        return None
    for name, (pattern, extra_words) in FIELD_LABELS.items():
        found = pattern.match(label)
        if found and len(label[found.end():].replace("/", " / ").split()) <= extra_words:
            return name
    return None
