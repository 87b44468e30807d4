"""Services a list page keeps in the data attributes of its "Detail" buttons.

CodeIgniter and Laravel admin templates (AdminLTE, Stisla, SB Admin) often show a service's
details in one Bootstrap modal that a script fills from the button that opened it::

    <button data-toggle="modal" data-target="#modalDetail" data-nama="Surat Keterangan
        Domisili" data-syarat="1. Fotokopi KTP&#10;2. Pengantar RT" data-biaya="Gratis">

    $('#modalDetail').on('show.bs.modal', function (e) {
        var b = $(e.relatedTarget); $(this).find('#d-syarat').html(b.data('syarat')); ... })

The page's text holds the names only; the details are nowhere else. Each such button is a
record: its ``data-*`` attributes (Bootstrap's own ``toggle``/``target`` and 5's ``data-bs-*``
aside) named as a JSON record's keys are (``data-nama``, ``data-dasar-hukum``), read by the
JSON reader's key mapping (``jsonlist.record_document``: one alias list for both). A record
is a service only by its fields (a name and requirements, cost, ...): an "Edit" or "Hapus"
button carrying a name and an id is not one. It is stored where the JSON reader stores a
record without a page: ``<page>#<slug of its name>``, its parent the page.

Hidden modals written into the page for each row are read as tab panels are
(``crawler.extract.tabs``).

A button may instead carry only the row's id, and a handler loads the details:
``onclick="detail(12)"`` with ``function detail(id) { $.get(base_url + 'layanan/detail/' +
id, ...) }``, or ``data-id="12"`` with ``$(document).on('click', '.btn-detail', ...)``.
``button_details`` completes the URLs those handlers load (``jsroutes.handler_templates``)
with the ids the page's buttons pass them; the spider follows them as the page's links, and
the service is stored at that URL (an HTML fragment read as a page's body, a JSON answer as
a record).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote, urljoin

from crawler.extract.jsonlist import record_document
from crawler.extract.jsroutes import MAX_DETAILS
from crawler.extract.pagecode import PageCode, Passed
from sikoja.documents import Document

_MARK = (b'toggle="modal"', b"toggle='modal'", b"toggle=modal")
_LOADS = (b"$.get", b"$.ajax", b"fetch(", b".load(", b"axios.get", b"getjson")


def may_hold_buttons(body: bytes) -> bool:
    """Cheap test on a page's bytes: has it a button that opens a modal at all?"""
    lowered = body.lower()
    return any(mark in lowered for mark in _MARK)


def may_load_details(body: bytes) -> bool:
    """Cheap test on a page's bytes: may a button's handler load details by id?"""
    lowered = body.lower()
    return (b"onclick" in lowered or b"data-id" in lowered) and any(
        mark in lowered for mark in _LOADS)


class ButtonDetails(NamedTuple):
    urls: list[str]
    listing: bool  # the buttons are a list's: in its rows, or more than one


def _selects(selector: str, passed: Passed) -> bool:
    """Whether a click handler's selector names the element (by a class or its id of the
    selector's last step); one naming neither (``button``, ``[data-id]``) takes them all."""
    names = [n for part in selector.split(",") if part.split()
             for n in re.findall(r"[.#][\w-]+", re.split(r"[\s>+~]+", part.strip())[-1])]
    return not names or any(passed.classes.__contains__(n[1:]) if n[0] == "." else
                            n[1:] == passed.ident for n in names)


def button_details(page: PageCode, page_url: str) -> ButtonDetails:
    """The detail URLs the page's inline handlers load and show for the ids its buttons
    pass them (``onclick="detail(12)"`` to ``detail``, ``data-id`` to a click handler whose
    selector names the button), absolute, at most MAX_DETAILS. A value with a "/" or ".."
    names no row: it would walk the site's paths."""
    handlers = page.handlers
    if not handlers:
        return ButtonDetails([], listing=False)
    urls: dict[str, Passed] = {}
    for passed in page.passed:
        if "/" in passed.value or ".." in passed.value:
            continue
        for name, templates in handlers.items():
            if passed.function:
                chosen = name == passed.function
            else:
                chosen = name.startswith("click:") and _selects(name[6:], passed)
            for prefix, _key in templates if chosen else ():
                urls.setdefault(urljoin(page_url, prefix) + quote(passed.value, safe=""), passed)
    found = list(urls.items())[:MAX_DETAILS]
    return ButtonDetails([u for u, _ in found], listing=len(found) > 1 or any(
        p.in_row for _, p in found))


def button_services(page: PageCode, page_url: str, *, source: str, opd: str,
                    fetched_at: str) -> list[Document]:
    """The services the page's modal buttons carry, one per URL (the first button's)."""
    found: dict[str, Document] = {}
    for record in page.button_records:
        doc = record_document(record, page_url=page_url, endpoint_url=page_url, source=source,
                              opd=opd, fetched_at=fetched_at)
        if doc is not None and doc.kind == "service" and "kind_confidence" not in doc.fields:
            found.setdefault(doc.url, doc)
    return list(found.values())
