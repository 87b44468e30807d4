"""The search page's answer card names the other offices serving its service (issue #12).

``answer.also_at`` (indexer/search.py ``Searcher._copies``) lists the same service at other
offices among the results; the page's card (render.js ``renderCard``, full look) says
"Juga dilayani di:" (English: "Also served at:") and links each office's name to its own
page of the service. Checked without a browser: the strings in app.js, and render.js run
under node against a small stand-in for the DOM (skipped where node is not installed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from search_api.assets import STATIC_DIR

APP_JS = (STATIC_DIR / "app.js").read_text(encoding="utf-8")
RENDER_JS = (STATIC_DIR / "render.js").read_text(encoding="utf-8")


def _strings(lang: str) -> dict[str, str]:
    """The page's strings of one language (app.js ``STRINGS``), the simple ones."""
    start = APP_JS.index(f"\n    {lang}: {{")
    end = APP_JS.index("\n    }", start)
    return dict(re.findall(r"(\w+): '([^']*)'", APP_JS[start:end]))


def test_the_page_says_served_at_in_indonesian_first_and_in_english():
    ids, en = _strings("id"), _strings("en")
    assert ids["servedAt"] == "Juga dilayani di: "
    assert en["servedAt"] == "Also served at: "
    assert APP_JS.index("servedAt: 'Juga") < APP_JS.index("servedAt: 'Also")
    assert "t('servedAt')" in RENDER_JS and "card.also_at" in RENDER_JS


# a stand-in for the few DOM calls render.js makes, and the card rendered as plain data
NODE = r"""
const fs = require('fs');
function node(tag) {
  return { tag, attrs: {}, children: [], text: '',
    setAttribute(k, v) { this.attrs[k] = String(v); },
    appendChild(c) { this.children.push(c); return c; },
    removeChild(c) { this.children.splice(this.children.indexOf(c), 1); },
    get firstChild() { return this.children[0] || null; },
    get childNodes() { return this.children; },
    set textContent(v) { this.text = v; }, get textContent() {
      return this.text + this.children.map(c => c.textContent).join(''); },
    set className(v) { this.attrs['class'] = v; } };
}
global.document = { createElement: node,
  createTextNode: v => ({ tag: '#text', text: v, children: [], get textContent() { return v; } }) };
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
eval(input.render + '\nglobal.sikojaRender = sikojaRender;');
const R = sikojaRender({ t: k => input.strings[k] || k, base: 'http://localhost/' });
const into = node('section');
R.renderCard(input.card, into, { full: true, heading: 'h2', subheading: 'h3',
  listClass: 'checklist', idPrefix: 'req-', factsClass: 'facts' });
const served = into.children.filter(c => c.attrs['class'] === 'served');
console.log(JSON.stringify(served.map(p => ({ text: p.textContent,
  links: p.children.filter(c => c.tag === 'a').map(a => [a.textContent, a.attrs.href]) }))));
"""

CARD = {
    "id": "x", "url": "http://127.0.0.1:8791/layanan/akta-kematian.html",
    "title": "Akta Kematian", "opd": "Disdukcapil", "kind": "service",
    "requirements": ["Surat keterangan kematian"], "cost": "Gratis",
    "also_at": [
        {"title": "Layanan Disdukcapil: Akta Kematian", "opd": "Mal Pelayanan Publik",
         "url": "http://127.0.0.1:8796/layanan/akta-kematian"},
        {"title": "Akta Kematian", "opd": "Kecamatan Jambi Selatan <script>",
         "url": "javascript:alert(1)"},
    ],
}


def _render(card: dict, strings: dict[str, str]) -> list[dict]:
    out = subprocess.run(["node", "-e", NODE], input=json.dumps(
        {"render": RENDER_JS, "strings": strings, "card": card}), capture_output=True,
        text=True, timeout=30, check=True)
    return json.loads(out.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_card_links_each_office_serving_it():
    served = _render(CARD, _strings("id"))
    assert served == [{
        "text": "Juga dilayani di: Mal Pelayanan Publik, Kecamatan Jambi Selatan <script>",
        # only an http(s) page is a link; the other office is still named, as text
        "links": [["Mal Pelayanan Publik", "http://127.0.0.1:8796/layanan/akta-kematian"]],
    }]
    assert _render(CARD, _strings("en"))[0]["text"].startswith("Also served at: Mal ")
    assert _render({**CARD, "also_at": []}, _strings("id")) == []  # nothing to say
