"""Text of scanned PDF pages, read by OCR (Debian's ``tesseract``).

Many OPDs publish their Standar Pelayanan as a scan: the signed, stamped paper put through
the office scanner, one image a page and no text layer. A page with almost no text of its
own and an image on it is read by tesseract (``ind+eng`` when both are installed) after the
scan is made plain: grey turned to ink and paper, its slight turn straightened (the angle at
which its rows of ink are sharpest), and the table's rules found and taken out. The words
tesseract finds, with their boxes, are put in the cells those rules enclose and each row is
written as a ruled table of a text PDF is (``pdflayout.row_lines``): "Persyaratan" and its
items, "Biaya/Tarif: Gratis", so the standard's fields are read alike.

Bounded: at most ``MAX_PAGES`` scanned pages of a file; of a page only its largest image is
decoded (chosen by the sizes its dictionary declares, nothing decoded to choose), none when
that image declares over ``MAX_PIXELS`` or the page's images together over ``PAGE_PIXELS``,
and a file's decoded images declare at most ``FILE_PIXELS``; ``PAGE_SECONDS`` a page (its
decoding and tesseract), ``FILE_SECONDS`` a file and ``CRAWL_SECONDS`` a crawl's process, each
checked before a page is decoded. One page is read at a time in a process (``_turn``), so these
seconds are the OCR's serial time, not threads' time summed. What is past a bound stays unread
and is counted. A page whose tesseract timed out is read once more when the file's and the
crawl's time still allow a whole page. What is read still depends on the machine's load: a
page that needs longer than ``PAGE_SECONDS`` twice, or a file or crawl whose time runs out,
is read on an idle machine and not on a loaded one. Each page's lines are cached, as soon as
it is read, under the file's content hash in the crawl's data dir (``ocr-cache/``), so a crawl
that meets the same file again, or the next crawl after one stopped midway, reads it from
there; the cache grows with the distinct scans met and can be deleted at any time. A stopping
crawl (``read``'s ``stop``) ends the running tesseract and reads no further page. Without tesseract
nothing is read: the scanned files are counted, and the crawl says once that OCR is not
installed.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crawler.extract.html import squash
from crawler.extract.pdflayout import row_lines

log = logging.getLogger(__name__)

MIN_LETTERS = 40  # a page with fewer letters of its own has no usable text layer
MIN_IMAGE_SIDE = 300  # a smaller image is a logo or a stamp, not the page's scan
MAX_PAGES = 20  # scanned pages of a file
MAX_PIXELS = 40_000_000  # an image; A4 at 600 dpi is 35 million
PAGE_PIXELS = 80_000_000  # a page's images together (declared)
FILE_PIXELS = 300_000_000  # the images a file decodes (declared)
MAX_SIDE = 2600  # an image is scaled down to this longest side first (A4 at ~220 dpi)
PAGE_SECONDS = 60.0
FILE_SECONDS = 180.0
CRAWL_SECONDS = 900.0
LAYOUT = 1  # the version of the lines a cache holds: a new one reads the files again
CACHE_DIR = "ocr-cache"
COUNTS_FILE = "ocr.json"  # in the data dir's crawl-state/, read for the crawl's summary
NOT_INSTALLED = (
    "scanned PDF not read: OCR is not installed (apt-get install tesseract-ocr tesseract-ocr-ind)"
)
_SKEW_STEPS = [n / 5 for n in range(-15, 16)]  # -3 to 3 degrees, a fifth of one apart


@dataclass
class OcrCounts:
    pages: int = 0  # pages tesseract read
    cached: int = 0  # pages whose lines came from the cache
    seconds: float = 0.0  # spent reading them
    not_installed: int = 0  # scanned PDFs not read: no tesseract
    unread: int = 0  # scanned pages left unread: past a bound, too large, or failing
    files: list[str] = field(default_factory=list)  # the first scanned PDFs not read


@dataclass
class _Rules:
    rows: list[tuple[int, int]]  # the rows of ink of each horizontal rule, top to bottom
    columns: list[tuple[int, int]]  # the columns of ink of each vertical rule, left to right
    cells: set[int] = field(default_factory=set)  # the gaps between rows the columns cross

    def row(self, y: float) -> int | None:
        """The table's row ``y`` is in: a gap between two rules the columns cross."""
        at = _cell(y, [top for top, _ in self.rows])
        return at if at in self.cells else None

    def column(self, x: float) -> int | None:
        return _cell(x, [left for left, _ in self.columns])


class OcrReader:
    """Reads the scanned pages of the PDFs of one crawl process."""

    def __init__(
        self, data_dir: Path | None, binary: str | None = None, budget: float = CRAWL_SECONDS
    ) -> None:
        self.binary = binary if binary is not None else shutil.which("tesseract") or ""
        self.cache = Path(data_dir) / CACHE_DIR if data_dir is not None else None
        self.data_dir = Path(data_dir) if data_dir is not None else None
        self.budget = budget
        self.counts = OcrCounts()
        self._lock = threading.Lock()  # counts are added to from the crawl's threads
        self._turn = threading.Lock()  # held while a page is read: one at a time
        self._languages: str | None = None

    @property
    def languages(self) -> str:
        if self._languages is None:
            try:
                listed = subprocess.run(
                    [self.binary, "--list-langs"],
                    capture_output=True,
                    text=True,
                    timeout=PAGE_SECONDS,
                ).stdout.split()
            except (OSError, subprocess.SubprocessError):
                listed = []
            self._languages = "+".join(lang for lang in ("ind", "eng") if lang in listed) or "eng"
        return self._languages

    def read(
        self,
        body: bytes,
        pages: dict[int, Any],
        name: str = "",
        stop: Callable[[], bool] | None = None,
    ) -> dict[int, list[str]]:
        """The lines of each scanned page of ``pages`` (pypdf pages by their index) of the
        PDF ``body``; a page left unread is missing from the answer. Once ``stop()`` is
        true (the crawl is stopping) the running tesseract is ended and no page read after.
        Safe in threads."""
        stopping = stop or _never
        if not self.binary:
            with self._lock:
                if not self.counts.not_installed:
                    log.warning("%s; every such PDF is reported as not read", NOT_INSTALLED)
                self.counts.not_installed += 1
                if len(self.counts.files) < 20:
                    self.counts.files.append(name)
            return {}
        key = hashlib.sha256(body).hexdigest()
        cached = self._cached(key)
        found: dict[int, list[str]] = {}
        spent = 0.0  # this file's OCR seconds
        pixels = 0  # declared by the images this file decoded
        for nth, index in enumerate(sorted(pages)):  # nth: the file's nth scanned page
            if str(index) in cached:
                found[index] = cached[str(index)]
                self._count(cached=1)
                continue
            declared = page_pixels(pages[index])
            with self._turn:  # one page at a time: the seconds below are serial time
                if (
                    stopping()
                    or nth >= MAX_PAGES
                    or spent >= FILE_SECONDS
                    or self.counts.seconds >= self.budget
                    or pixels + declared > FILE_PIXELS
                ):
                    self._count(unread=1)
                    continue
                pixels += declared
                lines, seconds = self._page(body, index, FILE_SECONDS - spent, stopping)
                spent += seconds
            if lines is None:
                self._count(unread=1)
                continue
            self._count(pages=1)
            found[index] = cached[str(index)] = lines
            self._store(key, cached)  # page by page: a crawl stopped midway keeps them
        return found

    def _count(self, **added: float) -> None:
        with self._lock:
            for name, value in added.items():
                total = getattr(self.counts, name) + value
                setattr(self.counts, name, round(total, 2) if name == "seconds" else total)

    def _page(
        self, body: bytes, index: int, left: float, stop: Callable[[], bool]
    ) -> tuple[list[str] | None, float]:
        """Page ``index``'s lines (None: unread) and the seconds spent; a page whose
        tesseract timed out is read once more when ``left`` and the budget allow it."""
        started = time.monotonic()
        lines, timed_out = self._read_page(body, index, min(PAGE_SECONDS, left), stop)
        spent = time.monotonic() - started
        if (
            timed_out
            and not stop()
            and left - spent >= PAGE_SECONDS
            and self.budget - self.counts.seconds - spent >= PAGE_SECONDS
        ):
            lines, _ = self._read_page(body, index, PAGE_SECONDS, stop)
            spent = time.monotonic() - started
        self._count(seconds=spent)
        return lines, spent

    def _read_page(
        self, body: bytes, index: int, seconds: float, stop: Callable[[], bool]
    ) -> tuple[list[str] | None, bool]:
        """The page's lines (None: unread) and whether tesseract ran out of ``seconds``."""
        started = time.monotonic()
        try:  # a reader of its own: pypdf keeps what it decoded as long as its reader lives
            page = fresh_page(body, index)
        except Exception as exc:  # noqa: BLE001  (read once already: any pypdf error)
            log.warning("a scanned page cannot be read again: %s", exc)
            return None, False
        image = page_scan(page)
        if image is None:
            return None, False
        gray = plain(image)
        dpi = resolution(page, gray.width)
        del image, page
        rules = find_rules(gray)
        erase_rules(gray, rules)
        left = seconds - (time.monotonic() - started)
        if left <= 0:
            return None, True
        words, timed_out = self._words(gray, left, dpi, stop)
        return (None if words is None else page_lines(words, rules)), timed_out

    def _words(
        self, gray: Any, seconds: float, dpi: int, stop: Callable[[], bool]
    ) -> tuple[list[dict[str, Any]] | None, bool]:
        """Tesseract's words of ``gray`` and whether it ran out of ``seconds``; ended (no
        words) as soon as ``stop()`` is true."""
        png = io.BytesIO()
        gray.save(png, format="PNG")
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # its threads only slow one page
        command = [self.binary, "stdin", "stdout", "-l", self.languages, "--psm", "6"]
        command += ["--dpi", str(dpi), "tsv"]
        deadline = time.monotonic() + seconds
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
            )
        except OSError as exc:
            log.warning("OCR failed: %s", exc)
            return None, False
        data: bytes | None = png.getvalue()
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0 or stop():
                    raise subprocess.TimeoutExpired(command, seconds)
                out, err = process.communicate(data, timeout=min(left, 1.0))
                break
            except subprocess.TimeoutExpired:
                data = None  # already being written: communicate goes on with it
                if time.monotonic() < deadline and not stop():
                    continue
                process.kill()
                process.communicate()
                if stop():
                    return None, False
                log.warning("OCR of a page took longer than %.0f s: left unread", seconds)
                return None, True
            except OSError as exc:
                process.kill()
                log.warning("OCR failed: %s", exc)
                return None, False
        if process.returncode != 0:
            log.warning("OCR failed: %s", err.decode(errors="replace")[-200:])
            return None, False
        return tsv_words(out.decode("utf-8", errors="replace")), False

    def _cached(self, key: str) -> dict[str, list[str]]:
        """The pages the cache holds of the file ``key``; a file of any other shape (an
        older layout, other languages, damaged) holds none, and is written over."""
        if self.cache is None:
            return {}
        try:
            data = json.loads((self.cache / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        if data.get("layout") != LAYOUT or data.get("languages") != self.languages:
            return {}
        pages = data.get("pages")
        if not isinstance(pages, dict):
            return {}
        return {
            index: lines
            for index, lines in pages.items()
            if isinstance(index, str)
            and index.isdigit()
            and isinstance(lines, list)
            and all(isinstance(line, str) for line in lines)
        }

    def _store(self, key: str, pages: dict[str, list[str]]) -> None:
        if self.cache is None:
            return
        target = self.cache / f"{key}.json"
        part = target.with_suffix(f".{os.getpid()}-{threading.get_ident()}.part")
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            part.write_text(
                json.dumps(
                    {"layout": LAYOUT, "languages": self.languages, "pages": pages},
                    ensure_ascii=False,
                ),
                encoding="utf-8",
            )
            part.replace(target)
        except OSError as exc:
            log.warning("OCR cache not written: %s", exc)
            part.unlink(missing_ok=True)

    def save_counts(self) -> None:
        """The process's counts, for the crawl's summary (``read_counts``)."""
        if self.data_dir is None or self.counts == OcrCounts():
            return
        with self._lock:
            counts = json.dumps(asdict(self.counts))
        state = self.data_dir / "crawl-state"
        try:
            state.mkdir(parents=True, exist_ok=True)
            (state / COUNTS_FILE).write_text(counts, encoding="utf-8")
        except OSError as exc:
            log.warning("OCR counts not written: %s", exc)


def _never() -> bool:
    return False


_READERS: dict[str, OcrReader] = {}


def reader_for(data_dir: str | Path) -> OcrReader:
    """The crawl process's reader of ``data_dir``: one budget and one count per crawl."""
    key = str(Path(data_dir).resolve())
    if key not in _READERS:
        _READERS[key] = OcrReader(Path(data_dir))
    return _READERS[key]


def read_counts(data_dir: Path) -> OcrCounts | None:
    """The counts the crawl process left (``OcrReader.save_counts``), None without any."""
    try:
        data = json.loads((data_dir / "crawl-state" / COUNTS_FILE).read_text(encoding="utf-8"))
        return OcrCounts(**data)
    except (OSError, ValueError, TypeError):
        return None


def ocr_lines(counts: OcrCounts | None) -> list[str]:
    """What the crawl's summary says of its scanned PDFs (in Indonesian, as the rest)."""
    if counts is None:
        return []
    out = []
    if counts.pages or counts.cached:
        out.append(
            f"OCR: {counts.pages} halaman hasil pindai dibaca ({counts.seconds:.1f} "
            f"detik), {counts.cached} dari cache"
        )
    if counts.unread:
        out.append(
            f"OCR: {counts.unread} halaman hasil pindai tidak dibaca (melewati batas "
            "halaman, ukuran atau waktu, atau gambarnya rusak)"
        )
    if counts.not_installed:
        out.append(
            f"{counts.not_installed} PDF hasil pindai tidak dibaca: OCR belum terpasang "
            "(apt-get install tesseract-ocr tesseract-ocr-ind)"
        )
    return out


def forget_counts(data_dir: Path) -> None:
    (data_dir / "crawl-state" / COUNTS_FILE).unlink(missing_ok=True)


def scanned(text: str) -> bool:
    """Whether a page's own text is too little to be its content (a scan's page)."""
    return sum(c.isalpha() for c in text) < MIN_LETTERS


# -- the page's image, made plain -----------------------------------------------------------


def page_images(page: Any) -> list[tuple[int, str]]:
    """The pixels and name of each image a page draws directly, as its dictionary says
    (nothing decoded); [] for a page without any."""
    try:
        objects = page["/Resources"]["/XObject"]
        out = []
        for image_name, reference in objects.items():
            image = reference.get_object()
            if image.get("/Subtype") == "/Image":
                pixels = int(image.get("/Width", 0)) * int(image.get("/Height", 0))
                out.append((max(pixels, 0), str(image_name)))
        return out
    except (KeyError, TypeError, ValueError, AttributeError):
        return []


def image_sizes(page: Any) -> list[int]:
    """The pixels of each image a page draws directly, as its dictionary says."""
    return [pixels for pixels, _ in page_images(page)]


def page_pixels(page: Any) -> int:
    """The pixels of the image of ``page`` OCR would decode, as declared."""
    return max(image_sizes(page), default=0)


def has_scan(page: Any) -> bool:
    """Whether ``page`` draws an image large enough to be its scan."""
    return max(image_sizes(page), default=0) >= MIN_IMAGE_SIDE**2


def fresh_page(body: bytes, index: int) -> Any:
    """Page ``index`` of the PDF ``body`` from a reader of its own."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    return reader.pages[index]


def page_scan(page: Any) -> Any | None:
    """The largest image on ``page`` as its dictionary declares it (a PIL image), the only
    one decoded; None without one worth reading, or when it or the page's images together
    are too large to decode."""
    images = page_images(page)
    if not images:
        return None
    pixels, image_name = max(images)
    if pixels > MAX_PIXELS or sum(p for p, _ in images) > PAGE_PIXELS:
        return None
    try:
        picture = page.images[image_name].image
    except Exception as exc:  # noqa: BLE001  (a broken image stream: any decoder's error)
        log.warning("a scanned page's image cannot be decoded: %s", exc)
        return None
    if picture is None or min(picture.size) < MIN_IMAGE_SIDE:
        return None
    if picture.width * picture.height > MAX_PIXELS:
        return None  # larger than its dictionary said
    return picture


def resolution(page: Any, width: int) -> int:
    """The dots per inch of a scan ``width`` pixels wide drawn across ``page`` (tesseract
    sizes its text by it), 150 when the page's size is unreadable."""
    try:
        inches = float(page.mediabox.width) / 72
    except (KeyError, TypeError, ValueError, AttributeError):
        return 150
    return min(max(round(width / inches), 70), 600) if inches > 0 else 150


def plain(image: Any) -> Any:
    """The scan in grey, no larger than ``MAX_SIDE``, ink black on white paper and
    straightened."""
    from PIL import Image, ImageOps

    gray = image.convert("L")
    if max(gray.size) > MAX_SIDE:
        gray.thumbnail((MAX_SIDE, MAX_SIDE), Image.LANCZOS)
    gray = ImageOps.autocontrast(gray, cutoff=1)
    level = otsu(gray.histogram())
    ink = gray.point(lambda v: 255 if v < level else 0)
    angle = skew(ink)
    if angle:
        gray = gray.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    return gray.point(lambda v: 0 if v < level else 255)


def otsu(histogram: list[int]) -> int:
    """The grey level that best parts ink from paper (Otsu's method)."""
    total = sum(histogram)
    weighted = sum(n * v for v, n in enumerate(histogram))
    best, level, below, below_sum = 0.0, 128, 0, 0
    for v, n in enumerate(histogram):
        below += n
        below_sum += n * v
        above = total - below
        if not below or not above:
            continue
        spread = below * above * (below_sum / below - (weighted - below_sum) / above) ** 2
        if spread > best:
            best, level = spread, v + 1
    return level


def skew(ink: Any) -> float:
    """The angle (degrees) that turns the page's rows of ink level: the one whose rows'
    profile changes most sharply from row to row."""
    from PIL import Image

    small = ink.resize((max(ink.width // 4, 1), max(ink.height // 4, 1)), Image.BOX)

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.BILINEAR, fillcolor=0)
        rows = list(turned.resize((1, turned.height), Image.BOX).tobytes())
        return sum((b - a) ** 2 for a, b in zip(rows, rows[1:], strict=False))

    rough = max(_SKEW_STEPS, key=lambda a: (sharpness(a), -abs(a)))
    return max((rough + n / 20 for n in range(-3, 4)), key=lambda a: (sharpness(a), -abs(a)))


def _runs(values: list[int], limit: float) -> list[tuple[int, int]]:
    """Each run of ``values`` above ``limit``: (first, last)."""
    out, start = [], None
    for at, value in enumerate([*values, 0]):
        if value > limit and start is None:
            start = at
        elif value <= limit and start is not None:
            out.append((start, at - 1))
            start = None
    return out


def find_rules(gray: Any) -> _Rules:
    """The table's rules: rows of ink across most of the page, the columns of ink between
    the first and the last of them, and the gaps between two rows the first and the last
    column both cross (a table's row; a kop surat's rule above it encloses nothing)."""
    from PIL import Image, ImageOps

    ink = ImageOps.invert(gray)
    rows = _runs(list(ink.resize((1, ink.height), Image.BOX).tobytes()), 255 * 0.45)
    if len(rows) < 2:
        return _Rules(rows, [])
    band = ink.crop((0, rows[0][0], ink.width, rows[-1][1] + 1))
    columns = _runs(list(band.resize((band.width, 1), Image.BOX).tobytes()), 255 * 0.5)
    rules = _Rules(rows, columns)
    if len(columns) < 2:
        return rules
    for n, ((_, above), (below, _)) in enumerate(zip(rows, rows[1:], strict=False)):
        if below - above < 3:
            continue
        sides = [
            ink.crop((left, above + 1, right + 1, below)).resize((1, 1), Image.BOX)
            for left, right in (columns[0], columns[-1])
        ]
        if all(side.getpixel((0, 0)) > 255 * 0.3 for side in sides):
            rules.cells.add(n)
    return rules


def erase_rules(gray: Any, rules: _Rules) -> None:
    """Paint the rules over with paper: tesseract reads a rule as "|" or "_"."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(gray)
    for top, bottom in rules.rows:
        draw.rectangle((0, top - 3, gray.width, bottom + 3), fill=255)
    if rules.cells:
        first, last = rules.rows[min(rules.cells)][0], rules.rows[max(rules.cells) + 1][1]
        for left, right in rules.columns:
            draw.rectangle((left - 3, first - 3, right + 3, last + 3), fill=255)


# -- tesseract's words as the page's lines ----------------------------------------------------


def tsv_words(tsv: str) -> list[dict[str, Any]]:
    """The words of tesseract's TSV: text, box and the line tesseract put them on."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip():
            continue
        try:
            conf = float(cells[10])
            left, top, width, height = map(int, cells[6:10])
        except ValueError:
            continue
        if conf < 10:
            continue  # a speck, the stamp's ring, the signature's stroke
        words.append(
            {
                "text": cells[11].strip(),
                "line": tuple(map(int, cells[2:5])),
                "x": left + width / 2,
                "y": top + height / 2,
                "top": top,
                "left": left,
                "bottom": top + height,
            }
        )
    return words


def _as_lines(
    words: list[dict[str, Any]], join_headings: bool = False, cell: bool = False
) -> list[tuple[int, str]]:
    """Words as text lines in reading order: (top, text). With ``join_headings``, a
    heading in capitals wrapped over lines of one size is one line again, as a text PDF's
    is read (``pdflayout``)."""
    lines: dict[tuple[int, ...], list[dict[str, Any]]] = {}
    for word in words:
        lines.setdefault(word["line"], []).append(word)
    read = []  # (top, bottom, text)
    for group in lines.values():
        group.sort(key=lambda w: w["left"])
        text = clean_line(" ".join(w["text"] for w in group))
        if not text and cell and all(w["text"] in _DASHES for w in group):
            text = "-"  # a table cell's dash: nothing (none, not applicable)
        if text:
            read.append((min(w["top"] for w in group), max(w["bottom"] for w in group), text))
    out: list[tuple[int, int, str]] = []
    for top, bottom, text in sorted(read):
        if join_headings and out and _continues_heading(out[-1], (top, bottom, text)):
            before_top, _, before = out[-1]
            out[-1] = (before_top, bottom, f"{before} {text}")
        else:
            out.append((top, bottom, text))
    return [(top, text) for top, _, text in out]


def _continues_heading(before: tuple[int, int, str], line: tuple[int, int, str]) -> bool:
    """Whether ``line`` goes on with the heading ``before``: both in capitals, of one
    height (within a fifth), the next line of it (a capital's height is about two thirds
    of the type's size, and a text PDF's heading goes on within 1.6 sizes)."""
    height = line[1] - line[0]
    last = before[1] - before[0]
    letters = [c for c in before[2] + line[2] if c.isalpha()]
    return (
        bool(letters)
        and all(c.isupper() for c in letters)
        and height > 0
        and abs(height - last) <= height / 5
        and line[0] - before[0] < height * 2.3
    )


def _cell(position: float, edges: list[int]) -> int | None:
    for n, (low, high) in enumerate(zip(edges, edges[1:], strict=False)):
        if low <= position < high:
            return n
    return None


def page_lines(words: list[dict[str, Any]], rules: _Rules) -> list[str]:
    """A scanned page's lines: the text outside its table line by line, and each row of
    the table as a text PDF's ruled table is written (``row_lines``), a blank line after
    the table (what follows it is not its last value)."""
    table: dict[int, dict[int, list[dict[str, Any]]]] = {}
    loose = []
    for word in words:
        row = rules.row(word["y"])
        column = rules.column(word["x"]) if row is not None else None
        if row is None or column is None:
            loose.append(word)
        else:
            table.setdefault(row, {}).setdefault(column, []).append(word)
    if sum(len(cells) >= 2 for cells in table.values()) < 2:
        return [text for _, text in _as_lines(words, join_headings=True)]  # no table
    parts: list[tuple[float, int, list[str]]] = [
        (top, 0, [text]) for top, text in _as_lines(loose, join_headings=True)
    ]
    for n, row in enumerate(sorted(table)):
        cells = [
            dehyphenate([text for _, text in _as_lines(table[row][column], cell=True)])
            for column in sorted(table[row])
        ]
        parts.append((rules.rows[row][0], 1, row_lines(cells, header=n == 0)))
    parts.append((rules.rows[max(table) + 1][0], 2, [""]))
    return [line for _, _, lines in sorted(parts, key=lambda p: (p[0], p[1])) for line in lines]


# -- what OCR gets wrong, mended where it is safe ----------------------------------------------

_DASHES = {"-", "–", "—"}
_CONFUSIONS = [
    (re.compile(r"^[|!\]\[]\s*"), ""),  # a rule's remnant before the text
    (re.compile(r"\s*[|]$"), ""),
    (re.compile(r"\s+\|\s+"), " "),
    (re.compile(r"^[lI](?=[.)]\s)"), "1"),  # "l. Fotokopi KTP": a list's first item
    (re.compile(r"^J[il1]\.(?=\s+[A-Z])"), "Jl."),  # "Ji. Jend. Sudirman": a street
    (re.compile(r"^(\d{1,2})\s*[,](?=\s)"), r"\1."),  # "2, Pas foto"
    # "± Rp3 miliar", "± 3 hari": tesseract reads the ± as "&" or "+" (after "(", ", " or
    # at the line's start, before an amount: no sum is written so)
    (re.compile(r"(^|\(|[(,;:]\s)[&+](?=\s?(?:Rp|\d))"), r"\1±"),
    (re.compile(r"[‘’]"), "'"),
    (re.compile(r"[“”]"), '"'),
    (re.compile(r"ﬁ"), "fi"),
    (re.compile(r"ﬂ"), "fl"),
]


def clean_line(text: str) -> str:
    """A line as read, its rule remnants and the list numbers OCR misreads mended."""
    text = squash(text)
    for pattern, replacement in _CONFUSIONS:
        text = pattern.sub(replacement, text)
    letters = sum(c.isalnum() for c in text)
    return text if letters >= 2 and letters >= len(text.replace(" ", "")) / 2 else ""


def dehyphenate(lines: list[str]) -> list[str]:
    """A word the cell's width broke at a hyphen ("penye-" / "lesaian") joined again."""
    out: list[str] = []
    for line in lines:
        if out and re.search(r"[a-z]-$", out[-1]) and line[:1].islower():
            out[-1] = out[-1][:-1] + line
        else:
            out.append(line)
    return out
