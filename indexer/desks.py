"""Trouble told to a desk: an office's complaint desk leads its near-tied siblings.

An office that serves citizens has application services and, beside them, a desk for
trouble: PDAM's "Pemasangan Sambungan Baru" and "Pengaduan Gangguan Air dan Mobil Tangki",
the tax office's "Informasi Tagihan PBB-P2" and "Keberatan atas Ketetapan PBB-P2", the
labour office's "Wajib Lapor Ketenagakerjaan" and "Mediasi Perselisihan Hubungan
Industrial". Their pages share the office's words (air, pdam, pbb, perusahaan), so a
citizen telling trouble ("air pdam dak keluar dari subuh") scores both alike, and which
leads is decided by words that tell neither: on the tuning web 17 of 45 problem failures
got the sibling application.

Two readers, no list of offices or services:

- a page is a *desk* when its title says what a desk does (:data:`DESK_WORDS`: pengaduan,
  keluhan, gangguan, keberatan, mediasi, perselisihan ...) and no permit or registration
  (:data:`ISSUE_WORDS`: "Izin Gangguan" is a permit); listings and news are never desks;
- a query *tells trouble* (:func:`tells_trouble`) when it says a dispute or a complaint
  (:data:`DISPUTE_WORDS`, or a reading the synonym tables give it of a desk's word:
  "protes" reads as "pengaduan", "dipecat" as "perselisihan hubungan industrial"), or a
  symptom (:data:`SYMPTOM_WORDS`: bocor, mampet, padam, curang) or a state denied ("tidak
  keluar", "belum diangkut") while it names no application act (:data:`ACT_WORDS`:
  daftar, pasang baru, buat, ajukan, perpanjang, syarat ...): "pasang air pdam baru" asks
  for the connection, "air pdam tidak keluar" for the desk.

Then :func:`lead_by_desk`: when a query tells trouble and the first result is an office's
page that is not a desk, that office's desk among the first results leads instead, if its
score is within ``within`` (relative) of the first's: a near tie, decided by the words that
tell neither, is decided by the query's trouble. A desk of another office, or one far
behind, never moves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from indexer.answer import margin, swap_lead

if TYPE_CHECKING:
    from indexer.backend import DocMeta
    from indexer.fusion import Fused

# what a desk's title says it does: receive a complaint, a fault, an objection, a dispute
DESK_WORDS = frozenset({
    "pengaduan", "aduan", "keluhan", "gangguan", "keberatan", "mediasi", "perselisihan",
    "sengketa", "komplain",
})
# a title naming a permit or a registration is an application whatever else it says
# ("Izin Gangguan", the old nuisance permit)
ISSUE_WORDS = frozenset({"izin", "perizinan", "pendaftaran", "penerbitan", "pembuatan"})
# the kinds of page a desk is: a service, an app, a site's own page (not news, not files)
DESK_KINDS = frozenset({"service", "app", "page"})

# the index tokens of the desks' words as readings reach them ("pengaduan" -> "adu")
DESK_READINGS = frozenset({"adu", "keluh", "ganggu", "mediasi", "selisih", "komplain"})
# a dispute or a complaint said outright: the query tells trouble whatever else it asks
DISPUTE_WORDS = frozenset({
    "protes", "komplain", "komplen", "ngadu", "mengadu", "mengeluh", "keluhan", "aduan",
    "pengaduan", "keberatan", "lapor", "melapor", "laporkan", "melaporkan", "dipecat",
    "phk", "diphk", "curang", "pungli", "sengketa", "padahal",
})
# a symptom: what is broken, absent, excess or wrong
SYMPTOM_WORDS = frozenset({
    "bocor", "rembes", "pecah", "mati", "padam", "rusak", "keruh", "bau", "berbau",
    "mampet", "tersumbat", "buntu", "macet", "kering", "berlubang", "lubang", "amblas",
    "ambles", "longsor", "retak", "tergenang", "menggenang", "genangan", "meluap", "banjir",
    "menumpuk", "numpuk", "berserakan", "penuh", "bising", "berisik", "kotor", "berkarat",
    "netes", "kecil", "dipotong", "kurang", "gelap", "kedip",
    "lambat", "judes",
})
# a state denied: "tidak keluar", "belum diangkut", "dak ngalir" (normalised to "tidak")
NEGATIONS = frozenset({"tidak", "belum", "tak", "gak", "nggak", "enggak", "ndak"})
# what a citizen may not know, need or have without trouble at an office's desk: "tidak
# tahu tagihan pbb berapa" asks for the bill, "belum punya akta" for the certificate
UNTROUBLED = frozenset({"tahu", "paham", "mengerti", "ngerti", "yakin", "usah", "perlu",
                        "punya", "memiliki", "mempunyai"})
# an application act: the query asks for the service, not the desk
ACT_WORDS = frozenset({
    "daftar", "mendaftar", "pendaftaran", "buat", "bikin", "membuat", "pembuatan", "ajukan",
    "mengajukan", "pengajuan", "perpanjang", "perpanjangan", "syarat", "persyaratan",
    "prosedur", "cara", "izin", "permohonan", "urus", "mengurus", "cetak", "bayar",
    "membayar", "pembayaran", "pasang", "memasang", "pemasangan", "baru",
})

_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text: str) -> list[str]:
    """``text``'s words, case-folded."""
    return _WORD.findall(text.casefold())


def is_desk(title: str, kind: str) -> bool:
    """Whether a page of ``kind`` titled ``title`` is a desk for trouble: its title says a
    desk's word and names no permit or registration."""
    said = set(words_of(title))
    return kind in DESK_KINDS and bool(said & DESK_WORDS) and not said & ISSUE_WORDS


def tells_trouble(normalized: str, readings: Iterable[Sequence[str]]) -> bool:
    """Whether a query tells trouble: its ``normalized`` text (Jambi Malay and slang read
    as Indonesian) says a dispute, or one of its ``readings`` (each term's index tokens,
    the typed words and what the tables expand them to) is a desk's word; or it says a
    symptom or a denied state and no application act."""
    said = words_of(normalized)
    if set(said) & DISPUTE_WORDS:
        return True
    if any(set(tokens) & DESK_READINGS for tokens in readings):
        return True
    if set(said) & ACT_WORDS:
        return False
    denied = any(w in NEGATIONS and i + 1 < len(said) and said[i + 1] not in UNTROUBLED
                 for i, w in enumerate(said))
    return denied or bool(set(said) & SYMPTOM_WORDS)


def lead_by_desk(items: list, metas: dict[str, DocMeta],
                 offices: Callable[[Fused], frozenset[str]], window: int,
                 within: float) -> list:
    """``items`` ((Fused, also_at) pairs, best first) with the first one's office's desk
    moved ahead of it, when the first is not a desk and the desk is among the first
    ``window`` results within ``within`` (relative) of the first's score. ``offices`` are
    the OPDs of a result's near-duplicate group (a kecamatan's copy of PDAM's connection
    page stands for PDAM's own). The caller asks only for a query that tells trouble. A new
    list only when the order changes; the two swap places and scores (explain reports a
    "desk" multiplier)."""
    if len(items) < 2:
        return items
    top = items[0][0]
    if is_desk(metas[top.id].title, metas[top.id].kind):
        return items
    office = offices(top)
    for place in range(1, min(window, len(items))):
        item = items[place][0]
        meta = metas[item.id]
        if not is_desk(meta.title, meta.kind) or not offices(item) & office:
            continue
        if margin([top.score, item.score]) < within:
            return swap_lead(items, place, "desk")
        return items  # the office's first desk is too far behind: no other passes it
    return items
