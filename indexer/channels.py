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
leads any first result but a desk or a report page sharing a topic with the query (an
office's own desk already took the trouble: "Pelaporan Truk Angkutan Batu Bara") and an
emergency service (a fire, a rescue, an emergency room: "bau gas bocor" is the fire
brigade's, never a complaint's). It leads at the first's score
(:func:`indexer.desks.lead_desk`): the API shows the two at equal scores and the answer
card may drop.

The word lists are vocabulary classes (money asked, an officer, a delay, a nuisance, a
wage withheld), not the phrasings of the devset's rows; a query reads as the analyzer
normalised it ("katanya" is "saya dengar" by then). A city whose complaint page says it
differently than :data:`RELAY` ("ditindaklanjuti oleh perangkat daerah terkait" is read;
"kami akan memprosesnya" is not) has no channel: conduct then keeps the ranking's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from indexer.desks import (
    DESK_WORDS,
    EVENT_WORDS,
    ISSUE_WORDS,
    NEGATIONS,
    REPORT_WORDS,
    is_desk,
    lead_desk,
    words,
)

if TYPE_CHECKING:
    from indexer.backend import DocMeta

# a general channel says it relays a complaint to the offices concerned: forwarded,
# conveyed, followed up or dispositioned to or by the OPD / regional apparatus / agency
# concerned
RELAY = re.compile(
    r"\b(?:teruskan|diteruskan|meneruskan|disalurkan|menyalurkan|disampaikan|menyampaikan"
    r"|ditindaklanjuti|menindaklanjuti|didisposisikan|mendisposisikan|didisposisi)\b"
    r"[^.\n]{0,60}?\b(?:opd|instansi|perangkat daerah|dinas|unit kerja|pihak)(?: yang)? "
    r"(?:terkait|berwenang)\b",
    re.IGNORECASE,
)
# ... and takes any complaint, not one topic's (a street-light app forwarding reports of
# lamps is no channel): it says every office or the public service, or takes citizens'
# complaints as such
GENERAL = re.compile(
    r"\b(?:semua|seluruh|segala|berbagai|setiap)\b"
    r"|\b(?:pengaduan|aduan|keluhan|laporan)(?: atas)? "
    r"(?:warga|masyarakat|publik|pelayanan publik)\b"
    r"|\bpelayanan publik\b",
    re.IGNORECASE,
)
# the dispute of a worker's right withheld, as a desk's page names it
LABOUR_DISPUTE = "perselisihan"

# who serves at an office (not "pelayanan": "pelayanan internet lambat" is a provider's)
STAFF_WORDS = frozenset(
    "petugas pegawai oknum staf staff aparat aparatur pejabat lurah camat operator loket "
    "satpam".split()
)
# an office that serves citizens, and the papers it issues
OFFICE_WORDS = frozenset(
    "kelurahan kecamatan kantor capil dukcapil disdukcapil samsat mpp dinas".split()
)
DOCUMENT_WORDS = frozenset(
    "ktp kk akta akte sim skck izin sertifikat paspor surat domisili npwp bpjs kia "
    "imb pbg".split()
)
# an officer's manner
MANNER_WORDS = frozenset(
    "judes jutek galak kasar ketus sombong lelet lambat sulit dipersulit persulit berbelit "
    "belit bentak dibentak membentak cuek marah dimarahi memarahi".split()
)
# an officer away from the desk: a denial, "ada", then at the place ("tidak ada di tempat",
# "idak ado di kantor" once normalised), or a denial and the place ("tak di tempat"). The
# query is read normalised: "dak", "idak", "gak", "ndak" are "tidak" by then, and a "dak"
# left is the acronym (DAK, the special allocation fund), no denial
ABSENT = re.compile(
    r"\b(?:tidak|tak|belum)(?: pernah| lagi| sedang)?"
    r"(?: ada)? di (?:tempat|kantor|meja|ruangan|loket)\b"
)
# money asked: an asking word, then within three words money
ASK_WORDS = frozenset(
    "minta meminta mintak diminta dimintai dimintak suruh disuruh pungut dipungut memungut "
    "tarik ditarik menarik palak dipalak malak".split()
)
MONEY_WORDS = frozenset(
    "uang duit bayar biaya imbalan pelicin rokok ongkos tip amplop ribu rb rp juta thr "
    "jatah setoran upeti".split()
)
# a bribe or a levy said outright; a broker only of a public paper or with a complaint
# ("calo tiket pesawat" is no officer's)
BRIBE_WORDS = frozenset(
    "pungli pelicin sogok suap disuap disogok menyogok gratifikasi palak dipalak "
    "pemerasan diperas memeras".split()
)
BROKER_WORDS = frozenset({"calo", "makelar"})
# money asked is trouble when the service is said to be free: "padahal", "gratis", and
# "katanya" as the analyzer normalises it ("saya dengar")
FREE_WORDS = frozenset({"padahal", "gratis", "dengar", "katanya"})  # "katonyo" stays "katanya"
# a complaint said outright ("adu" is what "ngadu" normalises to), and any wish to complain,
# a report too
OUTRIGHT = frozenset("adu ngadu mengadu komplain komplen protes keluh keluhan mengeluh".split())
COMPLAINT_WORDS = OUTRIGHT | REPORT_WORDS
# a service not delivered: "belum jadi", "tak kunjung", after a complaint said outright (not
# a report: "berapa lama lapor kematian" asks how long it takes)
UNDONE = frozenset("jadi selesai terbit kelar kunjung keluar".split())
SLOW_WORDS = frozenset("berbulan berminggu bertahun lambat lelet kunjung molor tertunda".split())
# a delay said of a paper or an officer: "lama sekali", "berbulan-bulan", "dipingpong",
# "tidak dilayani"; or a paper not done for weeks ("sudah dua bulan belum jadi": not "sudah
# 15 tahun", an age)
DELAY = re.compile(
    r"\b(?:berbulan|berminggu|bertahun|molor|tertunda|dipingpong|pingpong|dioper|"
    r"diabaikan|dicuekin|ditelantarkan)\b"
    r"|\blama (?:sekali|banget|sangat|benar|betul)\b|\b(?:sudah|kok|terlalu) lama\b"
    r"|\b(?:tidak|tak|belum) (?:juga )?(?:dilayani|diproses|ditanggapi)\b"
)
WAITED_WORDS = frozenset({"minggu", "bulan", "lama"})
# a neighbour and the nuisance it makes: noise, a smell, pests, a barking dog
NEIGHBOUR_WORDS = frozenset({"tetangga", "sebelah", "samping"})
NUISANCE_WORDS = frozenset(
    "berisik bising ribut gaduh karaoke musik sound gonggong menggonggong bau busuk lalat "
    "nyamuk tikus kotoran".split()
)
# an emergency: a fire, gas, a blast is the fire brigade's, never a complaint's; smoke is
# one too, unless someone is said to burn something ("tetangga bakar sampah", the active
# verb: a nuisance) rather than something to be burning ("terbakar", "kebakaran")
EMERGENCY_WORDS = frozenset(
    "terbakar kebakaran api meledak ledakan korsleting konslet gas elpiji lpg bocor "
    "menyengat".split()
)
SMOKE_WORDS = frozenset({"asap", "berasap"})
BURNS_WORDS = frozenset({"bakar", "membakar", "dibakar"})
# an emergency service's title: it keeps first place whatever the query's trouble
EMERGENCY_TITLES = frozenset(
    "kebakaran pemadam pemadaman damkar penyelamatan evakuasi rescue igd darurat gawat "
    "ambulans 112 sar".split()
)
# violence has its own desk (the women's and children's protection desk)
VIOLENCE_WORDS = frozenset(
    "pukul dipukul memukul dipukuli kdrt kekerasan aniaya dianiaya penganiayaan cabul "
    "dicabuli pelecehan dilecehkan perkosa diperkosa".split()
)
# a permit asked for ("izin keramaian") is the permit's service, as in the desk rule
PERMIT_WORDS = ISSUE_WORDS | {"rekomendasi"}
# a question of how much or how: asked, not complained of
QUESTION_WORDS = frozenset("berapa bagaimana gimana caranya".split())

# what a worker is owed, and what withholds it
WAGE_WORDS = frozenset("gaji upah thr pesangon sangon lembur honor".split())
WITHHELD_WORDS = frozenset(
    "potong dipotong tahan ditahan cicil dicicil nunggak menunggak tunggak terlambat "
    "tertunda".split()
)
# a deduction the law allows: tax, social security, dues
LAWFUL_CUTS = frozenset("pajak pph bpjs iuran persen zakat koperasi jamsostek komisi".split())
# a wage under the minimum
MINIMUM_WORDS = frozenset({"ump", "umk", "umr", "minimum"})
UNDER_WORDS = frozenset({"bawah", "kurang", "rendah"})
DENIALS = NEGATIONS | {"tanpa"}
PAY_WORDS = frozenset("bayar dibayar membayar kasih dikasih diberi beri cair keluar".split())
# a job ended against the worker's will
LAID_OFF = frozenset("dirumahkan merumahkan pecat dipecat pemecatan phk diphk".split())
ENDED = frozenset("putus diputus undur pengunduran resign berhenti diberhentikan".split())
FORCED = frozenset("sepihak paksa dipaksa suruh disuruh".split())
# a job said: a dismissal or a cut contract is a worker's only in its context ("dipecat
# dari sekolah" is a pupil's)
WORK_WORDS = WAGE_WORDS | frozenset(
    "kerja bekerja karyawan pekerja buruh perusahaan bos pabrik majikan kontrak undur "
    "pengunduran resign".split()
)
# public servants' pay is no industrial dispute; asking how a right is paid, or how much,
# is no trouble; a social-security benefit is BPJS's
# a platform's partner (an online driver) is no employee either
PUBLIC_PAY = frozenset("asn pns pppk honorer pensiun pensiunan ojek ojol mitra".split())
ASKS_RULE = QUESTION_WORDS | frozenset(
    "syarat persyaratan cara prosedur klaim pencairan mencairkan hitung menghitung besaran "
    "rumus jht".split()
)


def _said(normalized: str, read: Callable[[str], Sequence[str]]) -> list[set[str]]:
    """Each word of ``normalized`` with its index tokens (``read``): "asapnya" is "asap"
    too, "dipersulit" "sulit"; stopwords ("minta", "tanpa") keep only themselves."""
    return [{w, *read(w)} for w in words(normalized)]


def _near(
    said: list[set[str]], first: frozenset[str], then: frozenset[str], reach: int = 3
) -> bool:
    """Whether a word of ``first`` is followed within ``reach`` words by one of ``then``."""
    return any(
        w & first and any(v & then for v in said[i + 1 : i + 1 + reach]) for i, w in enumerate(said)
    )


def tells_conduct(normalized: str, read: Callable[[str], Sequence[str]]) -> bool:
    """Whether a query complains of conduct: a bribe or a levy, money asked of a free
    service or by an officer, an officer's manner or absence, a paper or an officer's
    service delayed or refused, a service not delivered complained of ("ngurus kia belum
    jadi jadi mau komplain"), or a neighbour's nuisance. Never violence (its own desk), an
    emergency (the fire brigade's) or a permit asked for ("izin keramaian")."""
    said = _said(normalized, read)
    every = set().union(*said) if said else set()
    text = " ".join(words(normalized))
    typed = set(words(normalized))
    if every & (VIOLENCE_WORDS | EMERGENCY_WORDS) or (
        every & SMOKE_WORDS and not typed & BURNS_WORDS
    ):
        return False
    # an officer typed or inflected ("petugasnya"), not an office read as one ("kelurahan"
    # stems to "lurah")
    staff = any(w & STAFF_WORDS and not w & OFFICE_WORDS for w in said)
    office = staff or bool(every & (OFFICE_WORDS | DOCUMENT_WORDS))
    complained = bool(every & COMPLAINT_WORDS)
    if every & BRIBE_WORDS or every & BROKER_WORDS and (office or complained):
        return True
    if _near(said, ASK_WORDS, MONEY_WORDS) and (office or every & FREE_WORDS or complained):
        return True
    if every & PERMIT_WORDS:
        return False
    if staff and (every & MANNER_WORDS or ABSENT.search(text)):
        return True
    paper = staff or bool(every & DOCUMENT_WORDS)
    if paper and not every & QUESTION_WORDS and (
        DELAY.search(text) or _near(said, DENIALS, UNDONE, 1) and every & WAITED_WORDS
    ):
        return True
    if every & OUTRIGHT and (every & SLOW_WORDS or _near(said, DENIALS, UNDONE, 1)):
        return True
    return bool(
        every & (NUISANCE_WORDS | SMOKE_WORDS) and every & (NEIGHBOUR_WORDS | COMPLAINT_WORDS)
    )


def withholds_right(normalized: str, read: Callable[[str], Sequence[str]]) -> bool:
    """Whether a query tells a worker's right withheld (wages, THR, severance unpaid, cut,
    held back or under the minimum wage) or a job ended against the worker's will (sent
    home, fired, a contract cut short, a resignation forced); not a public servant's pay,
    a deduction the law allows ("thr dipotong pajak"), nor how or how much a right is paid
    ("cara hitung pesangon", "potongan bpjs berapa persen")."""
    said = _said(normalized, read)
    every = set().union(*said) if said else set()
    if every & (PUBLIC_PAY | ASKS_RULE):
        return False
    cut = bool(every & WITHHELD_WORDS) and not every & LAWFUL_CUTS
    if every & WAGE_WORDS and (
        cut
        or _near(said, DENIALS, PAY_WORDS)
        or _near(said, frozenset({"tanpa"}), WAGE_WORDS, 1)
        or _near(said, UNDER_WORDS, MINIMUM_WORDS, 2)
    ):
        return True
    return bool(every & WORK_WORDS and (every & LAID_OFF or every & ENDED and every & FORCED))


def is_channel(title: str, kind: str, url: str, text: str) -> bool:
    """Whether a page is a general complaint channel: a desk or an app whose text says it
    relays a complaint to the offices concerned ("diteruskan ke OPD terkait",
    "ditindaklanjuti oleh perangkat daerah terkait") and takes any complaint (it says the
    public service, citizens' complaints or every office: not a one-topic app's)."""
    return (
        (kind == "app" or is_desk(title, kind, url))
        and RELAY.search(text) is not None
        and GENERAL.search(text) is not None
    )


def is_emergency(title: str) -> bool:
    """Whether a title is an emergency service's (fire, rescue, an emergency room, 112)."""
    return bool(set(words(title)) & EMERGENCY_TITLES)


def is_report_page(title: str, kind: str, url: str) -> bool:
    """Whether a page takes reports or complaints by its title: a desk, or a report page
    ("Pelaporan Truk Angkutan Batu Bara"), not a duty's ("Wajib Lapor Ketenagakerjaan")."""
    said = set(words(title))
    return is_desk(title, kind, url) or bool(
        said & (REPORT_WORDS | DESK_WORDS)
        and not said & EVENT_WORDS
        and kind in {"service", "page"}
    )


def lead_by_channel(
    items: list,
    metas: dict[str, DocMeta],
    desks: Sequence[DocMeta],
    serves: Callable[[DocMeta], bool] = lambda desk: True,
) -> list:
    """``items`` ((Fused, also_at) pairs, best first) with the best ranked of ``desks``
    first, at the first's score (:func:`indexer.desks.lead_desk`), unless the first is one
    of them, an emergency service, or a desk or report page that ``serves`` this trouble
    (shares a topic with the query: the rubbish desk keeps "tetangga bakar sampah", not
    "petugas kantor camat tidak ada di tempat"); the first of ``desks`` when none was
    retrieved."""
    if not items or not desks:
        return items
    first = metas[items[0][0].id]
    if first.id in {d.id for d in desks} or is_emergency(first.title):
        return items
    if is_report_page(first.title, first.kind, first.url) and serves(first):
        return items
    ids = {d.id for d in desks}
    ranked = next((metas[f.id] for f, _ in items if f.id in ids), desks[0])
    return lead_desk(items, metas, ranked)
