"""Trouble no office's own desk takes: the desk the trouble names leads, wherever it ranked.

The desk rule (indexer/desks.py) hands a trouble to the desk of the office whose page came
first. Two kinds of trouble have no such office among the first results, because the words
a citizen tells them with belong to another service:

- *conduct*: an officer asking money for a free service ("urus ktp di kelurahan dimintai
  uang padahal gratis", "petugas capil minta uang pelicin"), an officer's manner ("petugas
  judes", "dipersulit"), a neighbour's nuisance ("anjing tetangga menggonggong tiap malam",
  "bengkel sebelah rumah bising"). The nouns (ktp, akta, surat pindah, kandang) reach the
  service they name; the trouble is for the city's general complaint channel, a page that
  says of itself that it relays every complaint to the office concerned
  (:func:`is_channel`: SiKesal, SP4N-LAPOR!);
- *a worker's right withheld* ("perusahaan tidak bayar thr", "dirumahkan tanpa gaji",
  "disuruh tanda tangan surat pengunduran diri"): the words reach the labour office's
  other services, a festive-season bus post or, stemmed, the house-repair aid
  ("merumahkan"); the trouble is an industrial-relations dispute, for the desk whose page
  names it (:data:`LABOUR_DISPUTE`: "perselisihan").

Both are read from the query's words (:func:`tells_conduct`, :func:`withholds_right`) and
the desk is looked up in the index by what its page says, not by office or URL. The desk
leads any first result but a desk sharing a topic with the query (an office's own desk
already took the trouble).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from indexer.desks import NEGATIONS, REPORT_WORDS, _lead, _words, is_desk
from indexer.fusion import Fused

if TYPE_CHECKING:
    from indexer.backend import DocMeta

# a general channel says it relays a complaint to the office concerned
RELAY = re.compile(
    r"\b(?:teruskan|diteruskan|meneruskan|disalurkan|menyalurkan)\b[^.\n]{0,60}?"
    r"\b(?:opd|instansi|perangkat daerah|dinas|unit kerja|pihak)(?: yang)? "
    r"(?:terkait|berwenang)\b",
    re.IGNORECASE,
)
# the dispute of a worker's right withheld, as a desk's page names it
LABOUR_DISPUTE = "perselisihan"

# who serves at an office
STAFF_WORDS = frozenset(
    "petugas tugas pegawai oknum staf staff aparat lurah camat pelayanan pelayanannya".split()
)
# an officer's manner
CONDUCT_WORDS = frozenset(
    "judes jutek galak kasar lelet lambat sulit dipersulit berbelit belit bentak dibentak "
    "cuek".split()
)
# an officer away from the desk: "tidak ada di tempat", "tak di tempat"
ABSENT = frozenset("tidak tak dak idak gak ada".split())
# money asked: an asking word, then within three words money
ASK_WORDS = frozenset(
    "minta meminta mintak diminta dimintai dimintak suruh disuruh pungut dipungut ditarik "
    "palak dipalak".split()
)
MONEY_WORDS = frozenset("uang duit bayar biaya imbalan pelicin licin rokok ongkos tip".split())
# a bribe or a levy said outright
BRIBE_WORDS = frozenset("pungli pelicin sogok suap disuap disogok calo palak dipalak".split())
# money asked is trouble when the service is said to be free ("padahal gratis")
FREE_WORDS = frozenset({"padahal", "gratis", "katanya"})
# a complaint said outright ("adu" is what "ngadu" normalises to), and any wish to complain,
# a report too
OUTRIGHT = frozenset("adu ngadu mengadu komplain komplen protes keluh keluhan mengeluh".split())
COMPLAINT_WORDS = OUTRIGHT | REPORT_WORDS
# a service not delivered: "belum jadi", "tak kunjung", after a complaint said outright (not
# a report: "berapa lama lapor kematian" asks how long it takes)
UNDONE = frozenset("jadi selesai terbit kelar kunjung".split())
SLOW_WORDS = frozenset({"berbulan", "lambat", "lelet", "kunjung"})
# a neighbour and the nuisance it makes
NEIGHBOUR_WORDS = frozenset({"tetangga", "sebelah", "samping"})
NUISANCE_WORDS = frozenset(
    "berisik bising ribut karaoke musik gonggong menggonggong asap bau lalat".split()
)
# smoke or a smell of something burning is a fire, for the fire brigade
BURNING_WORDS = frozenset("terbakar kebakaran api meledak ledakan korsleting konslet".split())

# what a worker is owed, and what withholds it
WAGE_WORDS = frozenset("gaji upah thr pesangon sangon lembur".split())
WITHHELD_WORDS = frozenset("potong dipotong tahan ditahan cicil dicicil nunggak".split())
DENIALS = NEGATIONS | {"dak", "idak", "tanpa"}
PAY_WORDS = frozenset("bayar dibayar membayar kasih dikasih diberi beri cair keluar".split())
# a job ended against the worker's will
LAID_OFF = frozenset({"dirumahkan", "merumahkan", "pecat", "dipecat"})
ENDED = frozenset("putus diputus undur pengunduran resign".split())
FORCED = frozenset("sepihak paksa dipaksa suruh disuruh".split())
# a job said: a dismissal or a cut contract is a worker's only in its context ("dipecat
# dari sekolah" is a pupil's)
WORK_WORDS = WAGE_WORDS | frozenset(
    "kerja bekerja karyawan pekerja buruh perusahaan bos pabrik majikan kontrak undur "
    "pengunduran resign".split()
)
# public servants' pay is no industrial dispute; asking how a right is paid is no trouble
PUBLIC_PAY = frozenset("asn pns pppk honorer pensiun pensiunan".split())
ASKS_RULE = frozenset(
    "syarat persyaratan cara prosedur klaim pencairan mencairkan hitung menghitung besaran "
    "rumus".split()
)


def _said(normalized: str, read: Callable[[str], Sequence[str]]) -> list[set[str]]:
    """Each word of ``normalized`` with its index tokens (``read``): "asapnya" is "asap"
    too, "dipersulit" "sulit"; stopwords ("minta", "tanpa") keep only themselves."""
    return [{w, *read(w)} for w in _words(normalized)]


def _near(
    said: list[set[str]], first: frozenset[str], then: frozenset[str], reach: int = 3
) -> bool:
    """Whether a word of ``first`` is followed within ``reach`` words by one of ``then``."""
    return any(
        w & first and any(v & then for v in said[i + 1 : i + 1 + reach]) for i, w in enumerate(said)
    )


def tells_conduct(normalized: str, read: Callable[[str], Sequence[str]]) -> bool:
    """Whether a query complains of conduct: a bribe or a levy, money asked of a free
    service or by an officer, an officer's manner or absence, a service not delivered
    complained of ("ngurus kia belum jadi jadi mau komplain"), or a neighbour's nuisance."""
    said = _said(normalized, read)
    every = set().union(*said) if said else set()
    if every & BRIBE_WORDS:
        return True
    staff = bool(every & STAFF_WORDS)
    if _near(said, ASK_WORDS, MONEY_WORDS) and (
        staff or every & FREE_WORDS or every & COMPLAINT_WORDS
    ):
        return True
    if staff and (every & CONDUCT_WORDS or _near(said, ABSENT, frozenset({"tempat"}), 2)):
        return True
    if every & OUTRIGHT and (every & SLOW_WORDS or _near(said, DENIALS, UNDONE, 1)):
        return True
    return bool(
        every & NUISANCE_WORDS
        and every & (NEIGHBOUR_WORDS | COMPLAINT_WORDS)
        and not every & BURNING_WORDS
    )


def withholds_right(normalized: str, read: Callable[[str], Sequence[str]]) -> bool:
    """Whether a query tells a worker's right withheld (wages, THR, severance unpaid, cut
    or held back) or a job ended against the worker's will (sent home, fired, a contract
    cut short, a resignation forced); not a public servant's pay, nor how a right is paid
    ("cara hitung pesangon")."""
    said = _said(normalized, read)
    every = set().union(*said) if said else set()
    if every & (PUBLIC_PAY | ASKS_RULE):
        return False
    if every & WAGE_WORDS and (
        every & WITHHELD_WORDS
        or _near(said, DENIALS, PAY_WORDS)
        or _near(said, frozenset({"tanpa"}), WAGE_WORDS, 1)
    ):
        return True
    return bool(every & WORK_WORDS and (every & LAID_OFF or every & ENDED and every & FORCED))


def is_channel(title: str, kind: str, url: str, text: str) -> bool:
    """Whether a page is a general complaint channel: a desk or an app whose text says it
    relays a complaint to the office concerned ("diteruskan ke OPD terkait")."""
    return (kind == "app" or is_desk(title, kind, url)) and RELAY.search(text) is not None


def lead_by_channel(
    items: list,
    metas: dict[str, DocMeta],
    desks: Sequence[DocMeta],
    serves: Callable[[DocMeta], bool] = lambda desk: True,
) -> list:
    """``items`` ((Fused, also_at) pairs, best first) with the best ranked of ``desks``
    first, at the first's score, unless the first is one of them or a desk that ``serves``
    this trouble (shares a topic with the query: the rubbish desk keeps "tetangga bakar
    sampah", not "petugas kantor camat tidak ada di tempat"); the first of ``desks`` when
    none was retrieved."""
    if not items or not desks:
        return items
    top = items[0][0]
    first = metas[top.id]
    ids = {d.id for d in desks}
    if top.id in ids or (is_desk(first.title, first.kind, first.url) and serves(first)):
        return items
    place = next((i for i, (f, _) in enumerate(items) if f.id in ids), None)
    if place is None:
        metas[desks[0].id] = desks[0]
        return [(Fused(desks[0].id, top.score, pinned="desk"), []), *items]
    return _lead(items, place, top)
