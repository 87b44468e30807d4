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
  (:data:`ISSUE_WORDS`: "Izin Gangguan" is a permit), and it is a service or a site's own
  page: listings, news, apps (the catalog's publisher is not the office complained to) and
  files (an empty PDF form stored as a page) never are;
- a query *tells trouble* (:func:`tells_trouble`) when it says a dispute or a complaint
  (:data:`DISPUTE_WORDS`, or a reading the synonym tables give it of a desk's word:
  "protes" reads as "pengaduan", "dipecat" as "perselisihan hubungan industrial"), or a
  symptom (:data:`SYMPTOM_WORDS`: bocor, mampet, padam, curang) or a state denied ("tidak
  keluar", "belum diangkut") while it names no application act (:data:`ACT_WORDS`:
  daftar, pasang baru, buat, ajukan, perpanjang, syarat ...): "pasang air pdam baru" asks
  for the connection, "air pdam tidak keluar" for the desk. A report ("lapor", "laporan")
  is no dispute, and a permit named ("izin gangguan") no trouble.

Then :func:`lead_by_desk`: when a query tells trouble and the first result is an office's
page that is not a desk, that office's desk among the first results leads instead, if its
score is within ``within`` (relative) of the first's and it handles this trouble (it names
a topic the query or the first's title says, or takes any trouble of its office): a near
tie, decided by the words that tell neither, is decided by the query's trouble. A desk of
another office, of another trouble, or one far behind, never moves, with two readings
of "first" and "near" (session 21):

- an app first (a catalog's entry, no office's desk) is read past, unless the query names
  it ("aplikasi pbb error tidak bisa cek tagihan": the trouble is the app's): the office is
  that of the first page after it, and its desk, near that page and not far behind the app
  (:data:`indexer.search.DESK_APP_MARGIN`), leads the app too;
- a desk whose own page names the dispute the query names (:data:`NAMED_DISPUTES`: PHK,
  dipecat, curang, pungli, sengketa, read as index tokens: "pemecatan", "kecurangan",
  "diphk") while the first page does not is looked up among its office's pages and leads
  wherever it ranked: the labour office's mediation desk, 55% behind its company-report
  page for "di-phk sepihak sama perusahaan mau lapor disnaker" and 24th for "kena phk
  sepihak ...", is the only page of the office that says PHK. A query asking for a service
  beside the dispute ("syarat pencairan jht setelah phk") names none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from indexer.answer import margin
from indexer.files import file_ending
from indexer.fusion import Fused

if TYPE_CHECKING:
    from indexer.backend import DocMeta

# what a desk's title says it does: receive a complaint, a fault, an objection, a dispute
DESK_WORDS = frozenset({
    "pengaduan", "aduan", "keluhan", "gangguan", "keberatan", "mediasi", "perselisihan",
    "sengketa", "komplain",
})
# a title naming a permit or a registration is an application whatever else it says
# ("Izin Gangguan", the old nuisance permit)
ISSUE_WORDS = frozenset({"izin", "perizinan", "pendaftaran", "penerbitan", "pembuatan"})
# the kinds of page a desk is: a service or a site's own page (not news, files or apps)
DESK_KINDS = frozenset({"service", "page"})
# a desk says what it serves in this many words at least
DESK_TEXT_WORDS = 20

# the index tokens of the desks' words as readings reach them ("pengaduan" -> "adu")
DESK_READINGS = frozenset({"adu", "keluh", "ganggu", "mediasi", "selisih", "komplain"})
# a dispute or a complaint said outright: the query tells trouble whatever else it asks
DISPUTE_WORDS = frozenset({
    "protes", "komplain", "komplen", "ngadu", "mengadu", "mengeluh", "keluhan", "aduan",
    "pengaduan", "keberatan", "dipecat",
    "phk", "diphk", "curang", "pungli", "sengketa", "padahal",
})
# a report: to a desk ("lapor jalan rusak") or of an event or a duty ("lapor kelahiran",
# "lapor spt pajak", "laporan keuangan"); alone it tells no trouble, and the synonym
# tables' readings of it (adu, keluh, komplain) do not either
REPORT_WORDS = frozenset({"lapor", "laporan", "melapor", "laporkan", "melaporkan",
                          "pelaporan", "dilaporkan"})
# what a report is of when it is no trouble: an event, a duty, a reading
EVENT_WORDS = frozenset({
    "kelahiran", "lahir", "kematian", "meninggal", "pindah", "datang", "spt", "diri",
    "meter", "angka", "tahunan", "kinerja", "keuangan", "pajak", "wajib", "bulanan",
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

# a dispute a desk names in its own words (a dismissal, cheating, an illegal levy): not a
# complaint verb, which every desk's page and many others say. Compared as index tokens
# ("pemecatan", "dipecat" -> "pecat"; "kecurangan", "dicurangi" -> "curang"), with the
# forms no stemmer reads: "diphk" is "phk", "pungutan liar" "pungli"
NAMED_DISPUTES = frozenset({"dipecat", "phk", "curang", "pungli", "sengketa"})
DISPUTE_FORMS = {"diphk": "phk", "terphk": "phk", "pungutan liar": "pungli"}
# what a citizen needs of an office beside its application acts: "syarat pencairan jht
# setelah phk" asks for the payout, "surat keterangan phk" for a letter, not for mediation
NEED_WORDS = frozenset({"pencairan", "cair", "cairkan", "mencairkan", "klaim", "kartu",
                        "surat", "keterangan"})
# a query telling its trouble with an app ("aplikasi pbb error tidak bisa cek tagihan"):
# the app it names is what troubles it, no office's desk is read past it
APP_WORDS = frozenset({"aplikasi", "app", "apk", "apps", "web", "website", "situs", "online",
                       "login", "akun", "error", "eror", "server", "loading", "unduh",
                       "download", "install", "instal"})

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """``text``'s words, case-folded (split at every non-word character, unlike
    indexer.analysis.text.words_of)."""
    return _WORD.findall(text.casefold())


def is_desk(title: str, kind: str, url: str = "") -> bool:
    """Whether a page of ``kind`` titled ``title`` at ``url`` is a desk for trouble: a
    service or a site's own page (not an app: the catalog's publisher is not the office a
    citizen complains to; never a file, whatever kind it was stored with) whose title says
    a desk's word and names no permit or registration."""
    said = set(words(title))
    return (kind in DESK_KINDS and file_ending(url) is None and bool(said & DESK_WORDS)
            and not said & ISSUE_WORDS)


def reads_as_service(text: str) -> bool:
    """Whether a desk's ``text`` says what it serves: an empty form ("Formulir Permohonan
    Keberatan PBB", a PDF of blanks stored as a page) does not."""
    return len(words(text)) >= DESK_TEXT_WORDS


def tells_trouble(normalized: str, readings: Iterable[Sequence[str]]) -> bool:
    """Whether a query tells trouble: its ``normalized`` text (Jambi Malay and slang read
    as Indonesian) says a dispute, or one of its ``readings`` (each term's index tokens,
    the typed words and what the tables expand them to) is a desk's word; or it says a
    symptom or a denied state and no application act.

    A report ("lapor", "laporan") is no dispute: its readings count for nothing, and a
    report of an event or a duty ("lapor kelahiran", "laporan keuangan") is no trouble
    whatever else it says. A permit named ("izin gangguan") is asked for, not a desk."""
    ordered = words(normalized)
    said = set(ordered)
    if said & DISPUTE_WORDS:
        return True
    if said & ISSUE_WORDS:
        return False
    reported = bool(said & REPORT_WORDS)
    if reported and said & EVENT_WORDS:
        return False
    if not reported and any(set(tokens) & DESK_READINGS for tokens in readings):
        return True
    if said & ACT_WORDS:
        return False
    denied = any(w in NEGATIONS and i + 1 < len(ordered) and ordered[i + 1] not in UNTROUBLED
                 for i, w in enumerate(ordered))
    return denied or bool(said & SYMPTOM_WORDS)


def disputes_named(normalized: str,
                   tokens: Callable[[str], Sequence[str]] | None = None) -> frozenset[str]:
    """The disputes a query names in a desk's own words (:data:`NAMED_DISPUTES`), as the
    index ``tokens`` of both read them (as typed without), none when it asks for a service
    (an application act or a need: "syarat pencairan jht setelah phk")."""
    text = " ".join(words(normalized))
    for form, dispute in DISPUTE_FORMS.items():
        text = re.sub(rf"\b{form}\b", dispute, text)
    said = text.split()
    if set(said) & (ACT_WORDS | NEED_WORDS):
        return frozenset()
    read = tokens or (lambda word: [word])
    named = {t: d for d in NAMED_DISPUTES for t in read(d)}
    return frozenset(named[t] for w in said for t in read(w) if t in named)


def names_app(normalized: str, typed: Iterable[str], app_title: Iterable[str],
              page_title: Iterable[str]) -> bool:
    """Whether a query names an app: it says an app's word (:data:`APP_WORDS`), or one of
    its index tokens (``typed``) is a token of the app's title (``app_title``) that no
    page's title of the first results (``page_title``) is: "cek tagihan pbb online",
    "sikesal"."""
    return bool(set(words(normalized)) & APP_WORDS
                or set(typed) & (set(app_title) - set(page_title)))


def lead_by_desk(items: list, metas: dict[str, DocMeta],
                 offices: Callable[[Fused], frozenset[str]],
                 serves: Callable[[DocMeta, DocMeta], bool], window: int,
                 within: float,
                 naming: Callable[[frozenset[str], DocMeta], Sequence[DocMeta]] | None = None,
                 app_named: Callable[[DocMeta, DocMeta], bool] | None = None,
                 past_app: float | None = None) -> list:
    """``items`` ((Fused, also_at) pairs, best first) with the first one's office's desk
    moved ahead of it, when the first is not a desk and the desk is among the first
    ``window`` results within ``within`` (relative) of the first's score.

    ``offices(first)`` are the OPDs whose desks may lead it: the first page's own (an
    app's, the catalog publisher's, none). ``serves(desk, first)`` tells whether a desk
    handles this trouble: it shares a topic with the query or the first's title, or takes
    any trouble of its office. The caller asks only for a query that tells trouble.

    An app first (a catalog's entry: no office's desk) is read past unless the query names
    it (``app_named(app, page)``: "aplikasi pbb error"): the office is that of the first
    page after it that is not an app, and the desk that leads that page, or is that page,
    leads the app too when within ``past_app`` (relative, ``within`` unless given) of the
    app's score ("tagihan pbb naik dua kali lipat tidak masuk akal": the PBB bill app, the
    tax office's bill page, its objection desk 22% behind the page and 26% behind the app).

    ``naming(office, first)``: the office's desks whose page names a dispute the query
    names and the first page does not ("di-phk sepihak": the mediation desk says PHK, the
    company-report page first does not), looked up in the office, not by rank: such a
    desk leads wherever it ranked, or unretrieved.

    A new list only when the order changes: the desk leads at the first's score and the
    first follows it, second, at the same score (explain reports a "desk" multiplier): a
    tie-break gives the desk no margin over the page it passed, so the card shows for it
    no more than it would have where it stood."""
    if not items:
        return items
    top = items[0][0]
    start = next((i for i in range(min(window, len(items)))
                  if metas[items[i][0].id].kind != "app"), None)
    if start is None:
        return items
    lead = items[start][0]
    first = metas[lead.id]
    if start and app_named is not None and app_named(metas[top.id], first):
        return items
    bound = within if past_app is None else past_app

    def near(item: Fused, to: Fused) -> bool:
        return margin([to.score, item.score]) < within and not (
            start and margin([top.score, item.score]) >= bound)

    if is_desk(first.title, first.kind, first.url):
        # an app, then the office's desk: it leads the app as it would past the app's page
        if start and near(lead, lead) and serves(first, metas[top.id]):
            return _lead(items, start, top)
        return items
    office = offices(lead)
    if not office:
        return items
    for place in range(start + 1, min(window, len(items))):
        item = items[place][0]
        meta = metas[item.id]
        if (meta.opd not in office or not is_desk(meta.title, meta.kind, meta.url)
                or not serves(meta, first)):
            continue
        if near(item, lead):
            return _lead(items, place, top)
        break  # the office's first desk is too far behind: no other passes it by score
    # the dispute named is the topic the desk shares with the query: no other is asked
    for meta in naming(office, first) if naming is not None else ():
        if not is_desk(meta.title, meta.kind, meta.url):
            continue
        return lead_desk(items, metas, meta)
    return items


def lead_desk(items: list, metas: dict[str, DocMeta], meta: DocMeta) -> list:
    """``items`` with the desk ``meta`` first at the first's score, wherever it ranked, or
    inserted there when it was not retrieved (``metas`` learns it). Shared by the desk rule
    and the channel rule (indexer/channels.py).

    The desk takes the first's score, not more: the API shows the two at equal scores, and
    the answer card, which reads the lead's margin, may drop for it (a tie-break is no
    margin)."""
    place = next((i for i, (f, _) in enumerate(items) if f.id == meta.id), None)
    if place is None:
        metas[meta.id] = meta
        return [(Fused(meta.id, items[0][0].score, pinned="desk"), []), *items]
    return _lead(items, place, items[0][0])


def _lead(items: list, place: int, top: Fused) -> list:
    """``items`` with the one at ``place`` first, at ``top``'s score."""
    items[place][0].rescore("desk", top.score)
    return [items[place], *items[:place], *items[place + 1:]]
