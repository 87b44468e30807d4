"""Assemble a ``Document`` from a fetched body: the one place that decides a page's kind.

Kinds matter to ranking (a citizen asking "syarat KTP" wants the service page, not the
news item about the KTP drive), so the rule is explicit, in this order:

1. a page with service sections is a "service", whatever else it has (links, a date);
2. a home page is a listing (see 4);
3. an article with a date line under its headline, or dated by its meta tags, is "news",
   unless it says it is a service: it states a service's sections (every post of a blog is
   dated), or, outside the news section, it is a short service page that links its Standar
   Pelayanan (see 6 and ``dated_service``: CMSs such as Joomla date every article);
4. a list of links to other pages (news index, service index, downloads) is a "page"
   flagged ``fields["listing"]``: it repeats the words of everything it lists, and the
   ranker demotes it below the pages themselves. A short page that names a service and
   links its Standar Pelayanan document is not a listing for that one link (see 6);
5. a dated page under a news path (/berita/..., ?p=berita&id=12, a blog's /2025/09/slug) is
   "news", unless it says it is a service as in 6 with one of the service sections among
   its signals: every post of a blog is dated, so a date is weak evidence of news there
   ("Syarat dan Cara Mengurus SKTM" with its sections is a service; "Disdukcapil Gelar
   Jemput Bola Rekam KTP", a report about one, even one linking the service's standard,
   stays news);
6. a page that says it is a service without the sections is a "service" too: many OPDs
   write one paragraph and attach the Standar Pelayanan PDF. The signals are what the page
   says, not its template: a service path (/layanan/..., layanan.asp?id=), a headline that
   names a service ("Penerbitan ...", "Uji ...", "Izin ...", as a blog titles it "Syarat ...",
   "Cara Mengurus ...", "Tata Cara ..."), one or two of the sections,
   a linked standard document ("Standar Pelayanan ... (PDF)", sop-*.pdf), a text that
   speaks of requirements and cost, and one that states what to bring, what it costs and
   how long it takes ("Berikut persyaratan ... yaitu: ...", "tidak dipungut biaya",
   "langsung jadi"). Two signals, one of them about the content, make a service (see
   ``ServiceEvidence``); a post that states all three is a service whatever its date and
   category (an admin files a service in "Berita" as often as in "Layanan"), while a report
   states one or two ("warga cukup membawa KTP, vaksin gratis"). An undated page outside
   the news section whose headline names a service and that states two of the three is a
   service too (``named_service``: "Pengaduan Saluran Air Limbah", what to send, free,
   within 2 working days): a report states as much, but a report is dated;
7. anything else is a "page".

How sure the rule is goes into ``fields["kind_confidence"]`` (0..1; the ranker weighs the
kind prior by it): 1.0 for a page with full service sections, less for a service
recognised from weaker signals, a news item known only by its path, a dated page outside
any news path. A kind the rule is sure of carries no confidence field (read it as 1.0).

PDFs are "document"s and catalog rows "app"s.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit

from crawler.boilerplate import (
    fingerprints,
    strip_template,
    strip_template_fields,
    value_lines,
)
from crawler.extract.catalog import AppEntry, slugify
from crawler.extract.contact import contact_fields, is_contact_page
from crawler.extract.counters import drop_counters
from crawler.extract.dates import parse_http_date, parse_iso, visible_date
from crawler.extract.encoding import decode_html
from crawler.extract.html import (
    HtmlPage,
    Link,
    block_text,
    extract_page,
    link_items,
    own_post_body,
    own_text,
    reads_more,
    shows_posts,
    squash,
    tags_in,
)
from crawler.extract.lang import detect_language
from crawler.extract.pdf import PdfText
from crawler.extract.service import (
    CORE_FIELDS,
    SECTION_FIELDS,
    extract_service_fields,
    is_service,
)
from crawler.extract.servicetable import OWN_PAGE, own_page, table_services
from crawler.extract.tabs import Panel, is_question
from crawler.extract.title import NO_SITE, SiteTitles, is_home, split_title
from sikoja.documents import Document
from sikoja.schemes import is_followable
from sikoja.urls import canonicalize_url

if TYPE_CHECKING:
    from bs4 import Tag

# what a news section is called, and a service section (also in ``crawler.siblings``: how a
# site names the listing that files its pages)
NEWS_WORDS = r"berita|news|post|posts|artikel|article|kabar|warta|pengumuman"
SERVICE_WORDS = r"layanan|pelayanan|standar-pelayanan|perizinan|izin"
_NEWS_PATH = re.compile(rf"/({NEWS_WORDS})(/|-|_|\.|$)", re.IGNORECASE)
# the query parameter old PHP sites choose a section by (index.php?p=berita&id=12)
_SECTION_PARAM = r"(^|&)(p|page|hal|halaman|menu|mod|module|act)="
# ...the news section chosen by it
_NEWS_QUERY = re.compile(rf"{_SECTION_PARAM}({NEWS_WORDS})(&|$)", re.IGNORECASE)
# a post's month in its path, as blogs write it: /2025/09/slug.html, /2025/05/12/slug/
_DATED_PATH = re.compile(r"/(19|20)\d\d/(0[1-9]|1[0-2])/(\d\d/)?[^/]*[a-z][^/]*",
                         re.IGNORECASE)
# A listing's text between its entries is an intro or a one-item summary; an article or a
# profile has paragraphs longer than this of its own
MAX_LISTING_GAP = 400
MIN_PANEL_SERVICES = 2  # services in tabs or an accordion that make their page a list
MAX_TEXT = 100_000


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class ExtractedPage:
    document: Document
    links: list[Link]
    lines: list[int] = field(default_factory=list)  # fingerprints of the main text's lines
    title_evidence: dict[str, Any] = field(default_factory=dict)  # see crawler.sitetitles
    # links of the main block: where a page's own standard document is (crawler.standards)
    content_links: list[Link] = field(default_factory=list)
    # services a one-page list holds in its tabs or accordion, at <page>#<panel id>
    parts: list[Document] = field(default_factory=list)
    payload: bool = False  # read from the JSON it embeds for a script app (extract.payload)
    # the lines each value of its service fields was read from (crawler.boilerplate)
    field_lines: dict[str, list[int]] = field(default_factory=dict)
    # the service sections of a page its rule did not make a service (crawler.siblings)
    sections: dict[str, Any] = field(default_factory=dict)
    # the frames its content shows: a published document is the page's own (crawler.standards)
    embeds: list[Link] = field(default_factory=list)


def _same_host(a: str, b: str) -> bool:
    """Same host (``www.`` aside) and, beyond the default ports, the same port."""
    pa, pb = urlsplit(a), urlsplit(b)
    host_a = (pa.hostname or "").removeprefix("www.")
    host_b = (pb.hostname or "").removeprefix("www.")
    ports = {p for p in (pa.port, pb.port) if p not in (None, 80, 443)}
    return bool(host_a) and host_a == host_b and (not ports or pa.port == pb.port)


def document_url(served_url: str, canonical: str | None) -> str:
    """The served URL, or the page's rel=canonical when it names the same host (a CMS
    pointing at another site's copy must not move the page there).

    A canonical naming the site's root from a page deeper in the site is the template's,
    not the page's: OpenSID's Esensi theme prints ``site_url()`` as every page's canonical,
    and trusting it folded all 35 pages of a kelurahan site into its home page (one stored,
    30 skipped as duplicates). The root's own spellings (``/index.php``, ``/?m=1``) still
    take it.

    The canonical chooses the page, not where it answers: its path and query are taken on
    the scheme and host the page was served at. Themes print ``http://`` on a site moved
    to https, or the host with or without ``www.``, on every page; the stored URL must be
    one the crawler fetches (its next conditional GET, its duplicate check) and a citizen's
    click reaches without a redirect that may not exist. A canonical on another host (the
    dev server's ``localhost``, another site's copy) is ignored. A canonical other pages of
    the site share while saying something else is found at the end of the line
    (``crawler.canonicals``)."""
    served = canonicalize_url(served_url)
    if canonical and canonical.startswith(("http://", "https://")) and _same_host(
        canonical, served_url
    ):
        wanted, here = urlsplit(canonical), urlsplit(served)
        declared = canonicalize_url(wanted._replace(scheme=here.scheme,
                                                    netloc=here.netloc).geturl())
        root = urlsplit(declared)
        deeper = urlsplit(served).path not in ("", "/") and not is_home(served)
        if root.path in ("", "/") and not root.query and deeper:
            return served
        return declared
    return served


# Service paths: /layanan/ktp, /pelayanan/, /standar-pelayanan/, layanan.asp?id=3,
# ?p=layanan&id=3, /perizinan/imb
_SERVICE_PATH = re.compile(rf"(^|/)({SERVICE_WORDS})(/.|[-_.])", re.IGNORECASE)
_SERVICE_QUERY = re.compile(rf"{_SECTION_PARAM}(layanan|pelayanan|standar)", re.IGNORECASE)
# A headline that names a service: a verb of public administration and what it is about
_SERVICE_HEADLINE = re.compile(
    r"^(pembuatan|penerbitan|pelayanan|layanan|pendaftaran|permohonan|izin|perizinan|"
    r"pengurusan|legalisir|legalisasi|uji|pengujian|rekomendasi|surat keterangan|"
    r"surat izin|perpanjangan|penggantian|pengajuan|pencatatan|pemasangan|penyambungan|"
    r"pengesahan|sertifikasi|klaim|pengaduan|permintaan|"
    # ...or what a blog post about one is called: "Syarat dan Cara Mengurus SKTM", "Cara
    # Membuat KIA", "Tata Cara Pendaftaran ...", "Prosedur Pasang Baru ..."
    r"syarat|persyaratan|prosedur|tata ?cara|alur (pelayanan|pendaftaran|pengurusan)|"
    r"(begini )?cara (mengurus|membuat|bikin|urus|mendaftar|daftar|mengajukan|mendapatkan|"
    r"memperoleh|mengaktifkan|memperpanjang|mencetak|cetak|melaporkan|mengganti))"
    r"\s+(?P<rest>\S.*)$", re.IGNORECASE)
# ...unless the rest is generic: "Layanan Publik", "Pelayanan Terpadu Satu Pintu", "Syarat dan
# Ketentuan"
_GENERIC_REST = re.compile(r"^(publik|kami|online|daring|informasi|unggulan|terpadu|prima|"
                           r"masyarakat|lainnya|dinas|opd|(dan )?ketentuan|penggunaan)\b",
                           re.IGNORECASE)
# A standard document by its link text or file name: "Standar Pelayanan Uji KIR (PDF)",
# SP-Uji-KIR.pdf, sop_kk.pdf, SP-Reklame.docx or .xlsx, "Persyaratan ...", "Maklumat Pelayanan"
_STANDARD_HINT = re.compile(r"standar[\s_-]*pelayanan|(^|[^a-z])(sp|sop)([^a-z]|$)|"
                            r"persyaratan|syarat|maklumat", re.IGNORECASE)
_DOCUMENT_LINK = re.compile(r"\.(pdf|docx?|xlsx?|od[ts])$|\bpdf\b|unduh|download", re.IGNORECASE)
# What a service page speaks of, in words (one topic each)
_SERVICE_TOPICS = (
    # ...requirements by name, or as what to bring: "cukup membawa KTP-el", "Bawa : kartu
    # BPJS", "yang harus dibawa"
    re.compile(r"\b((per)?syarat|(cukup|harus|wajib|perlu|diminta|silakan|silahkan) "
               r"(membawa|bawa|dibawa)\b|(yang|apa) (harus |perlu |wajib )?dibawa\b|"
               r"(^|\n)\s*bawa\s*:)", re.IGNORECASE),
    re.compile(r"\b(prosedur|alur|mekanisme|tata ?cara)\b", re.IGNORECASE),
    re.compile(r"\b(waktu penyelesaian|jangka waktu|hari kerja)\b", re.IGNORECASE),
    re.compile(r"\b(biaya|tarif|retribusi|gratis)\b", re.IGNORECASE),
)
# What a post tells a citizen about getting a service, in sentences and without labels
# ("Berikut persyaratan untuk mengurus SKTM yaitu: ...", "Syaratnya cukup membawa ...",
# "tidak dipungut biaya", "langsung jadi"): what to bring, what it costs, how long it
# takes. A report says one or two of them ("warga cukup membawa KTP, vaksin gratis"); a
# service post says all three.
_STATEMENTS = (
    re.compile(r"\b((per)?syarat(an|nya)?\b[^.]{0,80}?(yaitu|adalah|antara lain|meliputi|"
               r"berikut|:)|(cukup|harus|wajib|perlu) (membawa|dibawa|disiapkan|melampirkan|"
               r"dilampirkan))", re.IGNORECASE),
    re.compile(r"\b(gratis|tidak dipungut biaya|tanpa (dipungut )?biaya|tidak dikenakan biaya|"
               r"bebas biaya|(biaya|tarif|retribusi)(nya)?\s*(:|sebesar|rp))", re.IGNORECASE),
    re.compile(r"\b(langsung jadi|hari itu juga|selesai dalam|diproses (dalam|selama)|"
               r"paling lama \d|\d+ hari kerja|waktu (penyelesaian|proses|pengurusan)|"
               r"jangka waktu|lama (proses|pengurusan|penyelesaian)|bisa (langsung )?ditunggu)",
               re.IGNORECASE),
)
# How long it takes as a post says it loosely ("prosesnya kurang lebih 10 menit", "Waktu :
# ± 15 menit", "selesai di hari yang sama"): words a report uses of anything ("berlangsung
# sekitar 3 jam", "pada hari yang sama, Lurah juga ..."), a statement of the service's time
# only beside a word of processing in the same sentence. "Pelayanan"/"layanan" is no such
# word: a report names its event so ("mengadakan pelayanan rekam KTP-el keliling ...
# Pelayanan berlangsung sekitar 3 jam")
_LOOSE_TIME = re.compile(r"(\u00b1|\b(kurang lebih|lebih kurang|sekitar|kira-kira|maksimal))"
                         r"\s*\d+\s*(menit|jam|hari)\b|\b(di|pada) hari yang sama\b",
                         re.IGNORECASE)
_PROCESSING = re.compile(r"\b(proses\w*|diproses|selesai\w*|ditunggu|menunggu|pengurusan|"
                         r"mengurus|diurus|penerbitan|diterbitkan|"
                         r"terbit|pembuatan|dibuat|pencetakan|dicetak|lamanya|"
                         r"waktu(nya)?\s*[:\uff1a])", re.IGNORECASE)
_NEAR = 50  # characters either side of a loose time where its processing word may stand
# ...and a sentence that counts who took part reports what happened once ("Buku nikah
# langsung diterbitkan pada hari yang sama bagi 40 pasangan", "diikuti 85 warga")
_HEADCOUNT = re.compile(r"\b\d+\s*(warga|pasangan|peserta|orang|pemohon|anak|balita|lansia|"
                        r"keluarga|siswa|pelajar|jiwa)\b", re.IGNORECASE)
# Weights of the signals: a linked standard document says most, a text that speaks of
# requirements least. A service needs SERVICE_SCORE with one content signal. A text that
# states what to bring, the cost and the time ("statements") is as strong as a standard.
SIGNAL_WEIGHTS = {"path": 1.0, "headline": 1.0, "sections": 1.0, "standard": 1.5,
                  "topics": 0.5, "statements": 1.5}
CONTENT_SIGNALS = ("headline", "sections", "standard", "statements")
SERVICE_SCORE = 2.0
MAX_STANDARD_ITEMS = 2  # link items a short service page may have and not be a listing
# Confidence when the rule is unsure (a kind the rule is sure of has none: 1.0)
NEWS_BY_META = 0.9  # dated by meta tags only, outside a news path
NEWS_BY_PATH = 0.8  # a dated page under /berita/ without a date line
DATED_PAGE = 0.6  # a dated page outside any news path: news or page?
HINTED_PAGE = 0.8  # some service signals, not enough for a service
STATED_SERVICE = 0.6  # an undated page naming a service and stating two of its facts


@dataclass
class ServiceEvidence:
    """What a page says about being a service, short of service sections."""

    signals: list[str] = field(default_factory=list)
    standard_items: int = 0  # link items of the main block that are standard documents
    stated: int = 0  # of what to bring, what it costs and how long it takes: how many it says
    # its headline names one service as its own page does: not an office's services, a
    # contact page, an announcement about a service or a rumour's denial (``named_service``)
    named: bool = False

    @property
    def score(self) -> float:
        return sum(SIGNAL_WEIGHTS[s] for s in self.signals)

    @property
    def is_service(self) -> bool:
        return self.score >= SERVICE_SCORE and any(s in CONTENT_SIGNALS for s in self.signals)

    @property
    def confidence(self) -> float:
        """0.6 for two signals, up to 0.85 with all of them; full sections make 1.0."""
        return round(min(0.85, 0.2 + 0.2 * self.score), 2)


def is_news_path(url: str) -> bool:
    """A URL in a news section: /berita/..., ?p=berita&id=..., or a blog post's dated path."""
    parts = urlsplit(url)
    return bool(_NEWS_PATH.search(parts.path) or _NEWS_QUERY.search(parts.query)
                or _DATED_PATH.search(parts.path))


def is_service_path(url: str) -> bool:
    parts = urlsplit(url)
    return bool(_SERVICE_PATH.search(parts.path) or _SERVICE_QUERY.search(parts.query))


def names_service(headline: str) -> bool:
    return _service_headline(headline) is not None


def _service_headline(headline: str) -> re.Match[str] | None:
    """``_SERVICE_HEADLINE``'s match of ``headline`` when it names a service, None when it
    names none or what follows its first word is generic (``_GENERIC_REST``)."""
    found = _SERVICE_HEADLINE.match(squash(headline))
    return found if found and not _GENERIC_REST.match(found.group("rest")) else None


# what follows "Layanan"/"Pelayanan" in the name of an office's list of its services:
# "Layanan Kelurahan Payo Selincah", "Pelayanan Puskesmas Olak Kemang"
# A headline telling news about a service, not the service's own page: a closure or a
# holiday's hours ("Pelayanan Adminduk Selama Libur Lebaran"), a notice, a rumour's denial
# ("Layanan KTP-el Berbayar? Ini Faktanya"): a question followed by more words
_TOLD_ABOUT = re.compile(
    r"\b(selama|libur|lebaran|natal|cuti bersama|ditutup|tutup sementara|pengumuman|"
    r"pemberitahuan|imbauan|himbauan|faktanya|hoaks|hoax|klarifikasi)\b|\?\s*\w",
    re.IGNORECASE)
_OFFICE_REST = re.compile(r"^(kelurahan|kecamatan|desa|puskesmas|pustu|upt|uptd|dinas|badan|"
                          r"kantor|rsud|rumah sakit|kota|kabupaten|mal pelayanan|mpp|bagian|"
                          r"sekretariat|kua)\b", re.IGNORECASE)


def told_about(headline: str) -> bool:
    """``headline`` tells news about a service (``_TOLD_ABOUT``): a closure, a notice, a
    rumour's denial."""
    return bool(_TOLD_ABOUT.search(headline))


def names_one_service(headline: str) -> bool:
    """``headline`` names one service (:func:`names_service`), not an office's services
    ("Layanan Kelurahan Payo Selincah" names the kelurahan: a list of its letters)."""
    found = _service_headline(headline)
    return found is not None and not (found.group(1).lower() in ("layanan", "pelayanan")
                                      and _OFFICE_REST.match(found.group("rest")))


def _file_name(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1])


def is_document_link(url: str, text: str) -> bool:
    """A link to a document (PDF, Word, Excel, "Unduh ..."), by its text or file name."""
    return bool(_DOCUMENT_LINK.search(_file_name(url)) or _DOCUMENT_LINK.search(text))


def is_standard_link(url: str, text: str) -> bool:
    """A link to a document that is a service's standard, by its text or file name."""
    return is_document_link(url, text) and bool(
        _STANDARD_HINT.search(text) or _STANDARD_HINT.search(_file_name(url)))


def _slug_of(url: str, headlines: list[str]) -> bool:
    """Whether the service word of ``url`` is only in its last path part, made from one of
    the page's ``headlines`` (a blog post's ``/2025/04/pelayanan-rekam-ktp-el.html``, cut
    short as Blogger and WordPress cut it): the headline again, not a second signal."""
    parts = urlsplit(url)
    if _SERVICE_QUERY.search(parts.query):
        return False
    folders, _, last = parts.path.rpartition("/")
    if _SERVICE_PATH.search(folders + "/-"):  # a service folder: /layanan/<slug>
        return False
    slug = slugify(re.sub(r"\.[a-z]{2,5}$", "", unquote(last), flags=re.IGNORECASE))
    return len(slug) >= 8 and any(slugify(h).startswith(slug) for h in headlines if h)


def _states_time_loosely(text: str) -> bool:
    """``text`` says how long the service takes in loose words (``_LOOSE_TIME``) beside a
    word of processing, within its sentence."""
    for found in _LOOSE_TIME.finditer(text):
        before = re.split(r"[.!?\n]", text[max(0, found.start() - _NEAR):found.start()])[-1]
        after = re.split(r"[.!?\n]", text[found.end():found.end() + _NEAR])[0]
        if _HEADCOUNT.search(before) or _HEADCOUNT.search(after):
            continue
        if _PROCESSING.search(before) or _PROCESSING.search(after):
            return True
    return False


def states_service(text: str) -> bool:
    """Whether ``text`` says what to bring, what it costs and how long it takes."""
    return facts_stated(text) == len(_STATEMENTS)


def facts_stated(text: str) -> int:
    """How many of what to bring, what it costs and how long it takes ``text`` says."""
    *others, time = _STATEMENTS
    return sum(1 for statement in others if statement.search(text)) + bool(
        time.search(text) or _states_time_loosely(text))


def service_evidence(url: str, headlines: list[str], partial: dict[str, object], text: str,
                     links: list[Link], own: str | None = None) -> ServiceEvidence:
    """``headlines``: what the page calls itself (its title, the segments of its
    ``<title>``, its main heading), so the signal does not depend on which segment the site's
    learned title rule keeps; ``partial``: the service sections found, fewer than a service
    page has; ``links``: the links of the page's main block; ``own``: the page's text
    outside other posts' teasers (``text`` when not given), where its statements are read."""
    evidence = ServiceEvidence()
    if is_service_path(url) and not _slug_of(url, headlines):
        evidence.signals.append("path")
    if any(names_service(h) for h in headlines if h):
        evidence.signals.append("headline")
        evidence.named = (any(names_one_service(h) for h in headlines if h)
                          and not is_contact_page(url, headlines)
                          and not any(told_about(h) for h in headlines if h))
    if any(partial.get(k) for k in CORE_FIELDS):
        evidence.signals.append("sections")
    standards = {link.url for link in links if is_standard_link(link.url, link.text)}
    documents = {link.url for link in links if is_document_link(link.url, link.text)}
    # a page links its own standard, not a list of forms to download of which one is
    # "Formulir Persyaratan ...": its standards are most of its documents
    if standards and 2 * len(standards) >= len(documents):
        evidence.signals.append("standard")
        evidence.standard_items = len(standards)
    if sum(1 for topic in _SERVICE_TOPICS if topic.search(text)) >= 2:
        evidence.signals.append("topics")
    evidence.stated = facts_stated(text if own is None else own)
    if evidence.stated == len(_STATEMENTS):
        evidence.signals.append("statements")
    return evidence


def dated_service(evidence: ServiceEvidence, news_path: bool) -> bool:
    """A service page with a date under its headline. Joomla prints the publication date in
    every article's info block, services included (and many WordPress themes under every
    post), so the date alone does not make news of a page outside the news section that
    links its Standar Pelayanan and says more of being a service (its path, its headline,
    a section, or its words: requirements and cost). The decision rests on the page's
    content, so the article reads the same at every URL that reaches it."""
    return not news_path and evidence.is_service and "standard" in evidence.signals


def named_service(evidence: ServiceEvidence) -> bool:
    """An undated page outside the news section whose headline names a service and that
    states two of what to bring, what it costs and how long it takes: a complaint desk's
    page "Pengaduan Saluran Air Limbah" says what to send, that it is free and that an
    officer comes within 2 working days, with no labelled sections. A report states as much
    ("Pelayanan Adminduk Keliling ...: warga cukup membawa KK, seluruh layanan gratis"),
    but a report is dated: rule 3 and 5 decide those. The headline must name one service
    (``ServiceEvidence.named``): an office's list of its letters ("Layanan Kelurahan Payo
    Selincah", each free and done in a day), a contact page ("Layanan Pengaduan
    Masyarakat" at /kontak, which keeps its kind and its contact fields) and an undated
    announcement or denial about a service ("Pelayanan Adminduk Selama Libur Lebaran",
    "Layanan KTP-el Berbayar? Ini Faktanya") state the same facts and are none."""
    return evidence.named and evidence.stated >= len(_STATEMENTS) - 1


def page_kind(url: str, fields: dict[str, object], meta: dict[str, str | None],
              dated: bool, listing: bool = False,
              evidence: ServiceEvidence | None = None) -> tuple[str, float, bool]:
    """(kind, confidence, listing) by the rule of the module docstring."""
    if is_service(fields):
        return "service", 1.0, False
    if is_home(url):
        return "page", 1.0, True
    news_path = is_news_path(url)
    evidence = evidence or ServiceEvidence()
    short_service = evidence.is_service and 0 < evidence.standard_items <= MAX_STANDARD_ITEMS
    article = bool(meta.get("dateline") or meta.get("published") or (news_path and dated))
    if evidence.is_service and (short_service or not listing) and (
            not article or {"sections", "statements"} & set(evidence.signals)
            or dated_service(evidence, news_path)):
        # a date says little where the page states a service's sections or what to bring,
        # pay and wait (every post of a blog is dated, and an admin files a service post in
        # "Berita" as often as in "Layanan") or links its standard outside the news section
        # (Joomla dates every article); a report about a service names it and links its
        # standard, at most
        return "service", evidence.confidence, False
    if meta.get("dateline"):
        return "news", 1.0, False
    if meta.get("published") and (meta.get("og_type") in (None, "article")):
        return "news", 1.0 if news_path else NEWS_BY_META, False
    if listing and not short_service:
        return "page", 1.0, True
    if not (dated or news_path) and named_service(evidence):
        return "service", STATED_SERVICE, False
    if news_path and dated:
        return "news", NEWS_BY_PATH, False
    if dated:
        return "page", DATED_PAGE, False
    return "page", HINTED_PAGE if evidence.signals else 1.0, False


def content_links(main: Tag | None, base_url: str) -> list[Link]:
    """Links of the main block (not menus or sidebars), absolute, in order, once each."""
    if main is None:
        return []
    out: dict[str, Link] = {}
    for anchor in tags_in(main, ("a",)):
        href = str(anchor.get("href") or "").strip()
        if not is_followable(href):
            continue
        url = canonicalize_url(urljoin(base_url, href))
        out.setdefault(url, Link(url, squash(anchor.get_text(" "))))
    return list(out.values())


def own_labels(page: HtmlPage, main_links: list[Link], listing: bool) -> list[Link]:
    """The labels a post files itself under (``crawler.extract.html.post_labels``), kept
    with the links of its main block where the post's footer left them out: how the site's
    step learns the post is filed under "Pelayanan" when robots.txt keeps the label's page
    out of the crawl (``crawler.siblings``). A listing's posts' labels are theirs, not its."""
    if listing:
        return []
    held = {link.url for link in main_links}
    return [Link(canonicalize_url(link.url), link.text) for link in page.labels
            if canonicalize_url(link.url) not in held]


def documents_beside(content: Tag | None, main: Tag | None, base_url: str,
                     main_links: list[Link]) -> list[Link]:
    """The documents the page's content links outside its main block: a site builder lays a
    page out in boxes, the text in one and the "Unduh persyaratan (PDF)" button in the next,
    and only the text's box is the main block."""
    if content is None or content is main:
        return []
    held = {link.url for link in main_links}
    return [link for link in content_links(content, base_url)
            if link.url not in held and is_document_link(link.url, link.text)]


def _post(page: HtmlPage, url: str) -> Tag | None:
    """The post the page's cleaned body leads with, seen from ``url``: found once by the
    parse, walked again only where the document's URL is not the one it was parsed at (a
    title linking to either one is that page's own, not another's)."""
    if url.split("#", 1)[0] == page.post_of:
        return page.post
    return own_post_body(page.content, url) if page.content is not None else None


def is_listing(url: str, main: Tag | None) -> bool:
    """A home page, or a block that is entries linking elsewhere with little text between
    (within its own post where it leads with one: ``own_post_body``)."""
    if is_home(url):
        return True
    if main is None:
        return False
    # a post's own page is judged on its post, not on the teasers of other posts after it
    body = own_post_body(main, url)
    items = link_items(main if body is None else body, url)
    return items.count >= 1 and items.longest_gap <= MAX_LISTING_GAP


def html_document(
    body: bytes,
    *,
    url: str,
    content_type: str | None,
    http_last_modified: str | None,
    source: str,
    opd: str,
    template: frozenset[int] = frozenset(),
    site_titles: SiteTitles = NO_SITE,
    template_canonicals: frozenset[str] = frozenset(),
) -> ExtractedPage:
    """``template``: fingerprints of the lines this site repeats everywhere (learned by
    ``crawler.boilerplate`` from earlier crawls), left out of the text and the service
    fields; ``site_titles``: the
    title segments it repeats (``crawler.sitetitles``), left out of the title;
    ``template_canonicals``: the canonical URLs an earlier crawl found the site's template
    prints (``crawler.canonicals``): a page declaring one, and its panels, keep its URL."""
    text, _ = decode_html(body, content_type)
    page = extract_page(text, url, site_titles)
    titles = [page.title, *split_title(page.title_evidence.title_tag)]
    fields = (extract_service_fields(page.content, url, titles)
              if page.content is not None else {})
    shown_date = visible_date(page.text, page.title)
    last_modified = (
        parse_iso(page.meta.get("modified"))
        or parse_iso(page.meta.get("published"))
        or page.meta.get("dateline")
        or shown_date
        or parse_http_date(http_last_modified)
    )
    doc_url = document_url(url, page.canonical)
    if doc_url in template_canonicals:  # the site's pages share it (crawler.canonicals)
        doc_url = canonicalize_url(url)
    main = page.main if page.main is not None else page.content
    main_links = content_links(main, url)
    evidence = None
    listing = False
    # services told apart only by the sections they repeat, on a page whose own title names
    # one service ("Izin Usaha Mikro": "A. Perorangan" and "B. Badan Usaha" each with its
    # "Persyaratan"), are that service's sections (crawler.extract.onepage)
    parts = ([] if page.repeated and names_one_service(page.title)
             else panel_services(page, doc_url, source, opd))
    if page.content is not None and (any(is_question(p.title) for p in page.panels) or (
            len(parts) >= MIN_PANEL_SERVICES and names_one_service(page.title))) and is_service(
            beside := fields_beside(page.content, page.panels, url, titles)):
        # a service's page with panels beside its own sections (an FAQ, related letters):
        # one service, read from its own sections, not a list of its panels. Panels that are
        # services stay a list unless the page's own title names one service ("Pembuatan
        # KTP-el"): a list titled "Layanan" may state the cost and time once for all
        fields, parts = beside, []
    elif len(parts) < MIN_PANEL_SERVICES and page.content is not None:
        # or in the rows of one table: "Jenis Surat | Persyaratan" (crawler.extract.servicetable)
        parts = table_services(page.content, doc_url, source, opd, page.lang_attr,
                               now_iso()) or parts
    if len(parts) >= MIN_PANEL_SERVICES or (
            page.content is not None and shows_posts(page.content, doc_url, _post(page, doc_url))):
        # several services in one page's tabs, accordion or table rows, or a blog's home, archive or
        # search page showing posts in full under their linked titles: a listing of them,
        # whatever sections or dates they hold
        kind, confidence, listing = "page", 1.0, True
    else:
        if not is_service(fields):
            headlines = [page.title, *split_title(page.title_evidence.title_tag),
                         *page.headings[:1]]
            evidence = service_evidence(doc_url, headlines, fields, page.text, main_links,
                                        own_text(page.content, doc_url)
                                        if page.content is not None else None)
            listing = is_listing(doc_url, page.main)
        kind, confidence, listing = page_kind(
            doc_url, fields, page.meta, dated=bool(shown_date or page.meta.get("published")),
            listing=listing, evidence=evidence)
    sections: dict[str, object] = {}
    if kind != "service" or not fields.keys() & set(SECTION_FIELDS):
        # partial sections (a "Lokasi" paragraph on a news post) are noise, not a service;
        # kept aside for the site-level step, which may yet find the page a service
        # (crawler.siblings: a post filed under "Layanan" keeps its requirements)
        if kind != "service":  # a listing too: one only by the site's widget column
            sections = {k: v for k, v in fields.items() if k in SECTION_FIELDS}
        fields = {}
    # what the site's template put in the sections, judged on the lines each value was
    # read from, as the crawl's close judges a page fetched before the template was known
    # (crawler.boilerplate)
    read = fields or sections
    read_from = (value_lines(read, block_text(page.content))
                 if read and page.content is not None else {})
    fields = strip_template_fields(fields, read_from, template)
    sections = strip_template_fields(sections, read_from, template)
    # a row or panel linking to a page of its own is kept with the page's URL: the site-level
    # step retires it once that page is stored as a service (crawler.ownpages)
    parts = parts if listing else []
    if listing:
        fields = {"listing": True}
    elif kind == "service" or confidence < 1.0:
        fields["kind_confidence"] = confidence
    contact = _contact(doc_url, kind, page)
    if contact:
        fields["contact"] = contact
    body_text = drop_counters(strip_template(page.text, template))[:MAX_TEXT]
    document = Document(
        url=doc_url,
        source=source,
        opd=opd,
        kind=kind,
        title=page.title or (page.meta.get("description") or "")[:120] or doc_url,
        text=body_text,
        headings=page.headings,
        breadcrumbs=page.breadcrumbs,
        fields=fields,
        lang=detect_language(body_text, page.lang_attr),
        last_modified=last_modified,
        fetched_at=now_iso(),
    )
    return ExtractedPage(document, page.links, fingerprints(page.text),
                         page.title_evidence.to_json(), main_links + documents_beside(
                             page.content, main, url, main_links) + own_labels(
                             page, main_links, listing), parts,
                         field_lines=read_from, sections=sections,
                         embeds=[Link(canonicalize_url(link.url), link.text, link.loose)
                                 for link in page.embeds])


def fields_beside(content: Tag, panels: list[Panel], url: str,
                  titles: list[str]) -> dict[str, object]:
    """The service fields ``content`` says outside its panels and their titles."""
    marked = [t for p in panels for t in (p.tag, p.head) if t is not None]
    for tag in marked:
        tag["data-sikoja-panel"] = "1"
    try:
        rest = copy.copy(content)
    finally:
        for tag in marked:
            del tag["data-sikoja-panel"]
    for tag in rest.find_all(attrs={"data-sikoja-panel": True}):
        if not tag.decomposed:
            tag.decompose()
    return extract_service_fields(rest, url, titles)


def panel_services(page: HtmlPage, page_url: str, source: str, opd: str) -> list[Document]:
    """The services in the page's tab or accordion panels (with an id to link to), each a
    document at ``<page>#<panel id>`` titled by its tab, whose parent is the page."""
    out = []
    for panel in page.panels:
        if not panel.id or panel.tag.find_parent("body") is None or is_question(panel.title):
            continue
        fields = extract_service_fields(panel.tag, page_url, [panel.title])
        if not is_service(fields):
            continue
        text = block_text(panel.tag)
        # an item that links its title, or ends in "Selengkapnya", to the service's own page
        link = own_page([a for a in panel.tag.find_all("a") if reads_more(
            squash(a.get_text(" ")))] or (panel.head.find_all("a") if panel.head else []),
                        page_url)
        out.append(Document(
            url=f"{page_url}#{panel.id}", source=source, opd=opd, kind="service",
            title=panel.title, text=text[:MAX_TEXT], fields={
                **fields, "kind_confidence": 1.0, **({OWN_PAGE: link} if link else {})},
            lang=detect_language(text, page.lang_attr), fetched_at=now_iso(),
            parent_url=page_url))
    return out


def _contact(url: str, kind: str, page: HtmlPage) -> dict[str, object]:
    """A contact page's address, phone, hours and email (``page: True`` marks the page as
    the OPD's contact page), or those its home page says in the footer; {} elsewhere."""
    contact = kind == "page" and is_contact_page(url, [page.title, *page.headings[:1]])
    if not contact and not page.whole_text:
        return {}
    headlines = frozenset(link.text for link in page.links)
    if contact:
        found: dict[str, object] = dict(contact_fields(page.text, headlines))
        if found:
            return {**found, "page": True}
    if page.whole_text:
        return dict(contact_fields(page.whole_text, headlines))
    return {}


def pdf_document(
    pdf: PdfText,
    *,
    url: str,
    http_last_modified: str | None,
    source: str,
    opd: str,
    parent_url: str | None,
    link_text: str | None = None,
) -> Document:
    title = pdf.title
    if link_text and (not title or title.lower().startswith(("microsoft word", "untitled"))):
        title = link_text
    return Document(
        url=canonicalize_url(url),
        source=source,
        opd=opd,
        kind="document",
        title=title or urlsplit(url).path.rsplit("/", 1)[-1],
        text=pdf.text[:MAX_TEXT],
        lang=detect_language(pdf.text),
        last_modified=pdf.modified or parse_http_date(http_last_modified),
        fetched_at=now_iso(),
        parent_url=canonicalize_url(parent_url) if parent_url else None,
        # where each page starts, for the services a standard of many holds (``#page=N``)
        fields={"page_lines": pdf.pages} if len(pdf.pages) > 1 else {},
    )


def app_document(entry: AppEntry, *, catalog_url: str, source: str, opd: str) -> Document:
    """One catalog row; its URL is the app's own, or catalog#slug when it has none. Its
    ``parent_url`` is the catalog that lists it (the store keeps it as the entry's origin)."""
    url = canonicalize_url(entry.url) if entry.url else (
        f"{canonicalize_url(catalog_url)}#{slugify(entry.name)}"
    )
    return Document(
        url=url,
        source=source,
        opd=entry.opd or opd,
        kind="app",
        title=entry.name,
        text=entry.description or entry.name,
        fields={"platform": entry.platform, "status": entry.status,
                "description": entry.description},
        lang=detect_language(entry.description) if entry.description else "id",
        fetched_at=now_iso(),
        parent_url=canonicalize_url(catalog_url),
    )
