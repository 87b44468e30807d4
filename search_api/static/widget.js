/* sikoja search widget for other portals.
 *
 *   <div data-sikoja-search></div>
 *   <script src="https://SIKOJA-HOST/widget.js" defer></script>
 *
 * Options on the element: data-lang="id|en", data-limit="5", data-opd="<OPD name>" (only
 * that agency's services), data-api="https://SIKOJA-HOST" (default: where this script came
 * from). The widget lives in a Shadow DOM: the host page's CSS does not reach in (`all:
 * initial` on the host) and the widget's CSS does not leak out. It needs no inline script or
 * style, so it works under a strict host CSP that allows this origin in script-src and
 * connect-src. Text from the index is only ever inserted with textContent, by the renderer
 * shared with the search page (render.js, put into this file when the server sends it):
 * snippets are rebuilt from their <mark> tags; links are used only when they are http(s).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var scriptOrigin = '';
  try { scriptOrigin = script ? new URL(script.src, location.href).origin : ''; } catch (e) { /* inline */ }

  var CSS = [
    // The portal's own rules on the host element win over :host (outer styles take
    // precedence), so inherited properties are reset again on the wrapper inside.
    ':host{all:initial;display:block;contain:content;}',
    '*{box-sizing:border-box;}',
    '.box{all:initial;display:block;box-sizing:border-box;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f1d;text-align:left;border:1px solid #c9d3ce;border-radius:8px;padding:12px;background:#fff;}',
    'label{display:block;font-weight:600;margin:0 0 4px;}',
    '.row{display:flex;gap:6px;}',
    'input{flex:1;min-width:0;font:inherit;padding:8px 10px;min-height:44px;border:2px solid #4a524e;border-radius:6px;color:#1b1f1d;background:#fff;}',
    'button{font:inherit;min-height:44px;padding:0 14px;border:0;border-radius:6px;background:#0b5d3b;color:#fff;font-weight:600;cursor:pointer;}',
    'input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #0b5d3b;outline-offset:2px;}',
    '.status{color:#4a524e;margin:8px 0 0;min-height:1.2em;font-size:14px;}',
    '.status.error{color:#8a1c1c;font-weight:600;}',
    '.card{border:2px solid #0b5d3b;border-radius:8px;padding:10px;margin:10px 0;background:#f3f6f4;}',
    '.card h3{margin:0 0 2px;font-size:16px;}',
    '.card h4{margin:10px 0 4px;font-size:14px;}',
    '.card .opd,.meta,.url{color:#4a524e;font-size:13px;margin:0;}',
    '.external{border:2px solid #8a5a00;border-radius:8px;padding:10px;margin:10px 0;background:#fff8e6;}',
    '.external h3{margin:0 0 4px;font-size:15px;}.external p{margin:4px 0;}',
    'ul.check{list-style:none;margin:0;padding:0;}',
    'ul.check li{display:flex;gap:6px;align-items:flex-start;padding:2px 0;}',
    'ul.check input{flex:none;width:18px;height:18px;min-height:0;margin:2px 0 0;}',
    'ul.check label{font-weight:400;margin:0;}',
    'dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:8px 0 0;}',
    'dt{font-weight:600;}dd{margin:0;}',
    'a{color:#0a4fa6;}',
    '.apply{display:inline-block;margin-top:8px;padding:8px 12px;border-radius:6px;background:#0b5d3b;color:#fff;text-decoration:none;font-weight:600;}',
    'ol.results{list-style:none;margin:8px 0 0;padding:0;}',
    'ol.results li{padding:8px 0;border-top:1px solid #e1e7e4;}',
    'ol.results h3{margin:0;font-size:15px;overflow-wrap:anywhere;}',
    '.kind{display:inline-block;padding:0 5px;border:1px solid #c9d3ce;border-radius:4px;font-size:12px;margin-right:5px;color:#1b1f1d;}',
    '.snippet{margin:3px 0;overflow-wrap:anywhere;}',
    'mark{background:#ffe58a;color:inherit;}',
    '.more{margin:8px 0 0;font-size:14px;}',
    '.linkish{background:none;color:#0a4fa6;padding:0;min-height:0;text-decoration:underline;font-weight:400;}'
  ].join('\n');

  var STRINGS = {
    id: { label: 'Cari layanan publik Kota Jambi', placeholder: 'contoh: urus KTP', search: 'Cari',
      searching: 'Mencari…', found: '{n} hasil', none: 'Tidak ada hasil untuk “{q}”.', dym: 'Mungkin maksud Anda: ',
      requirements: 'Persyaratan', cost: 'Biaya', duration: 'Waktu', location: 'Tempat', apply: 'Ajukan online',
      platform: 'Platform', openApp: 'Buka aplikasi', address: 'Alamat', hours: 'Jam pelayanan',
      phone: 'Telepon', email: 'Email',
      notCity: 'Bukan layanan Pemerintah Kota Jambi', provider: 'Penyelenggara: ', official: 'Situs resmi',
      more: 'Lihat semua hasil di sikoja', tooMany: 'Terlalu banyak pencarian. Coba lagi dalam {s} detik.',
      failed: 'Pencarian gagal. Coba lagi.', tooLong: 'Kata kunci terlalu panjang.',
      kinds: { service: 'Layanan', app: 'Aplikasi', document: 'Dokumen', news: 'Berita', page: 'Halaman' } },
    en: { label: 'Search Kota Jambi public services', placeholder: 'e.g. urus KTP', search: 'Search',
      searching: 'Searching…', found: '{n} results', none: 'No results for “{q}”.', dym: 'Did you mean: ',
      requirements: 'Requirements', cost: 'Cost', duration: 'Duration', location: 'Where', apply: 'Apply online',
      platform: 'Platform', openApp: 'Open the app', address: 'Address', hours: 'Opening hours',
      phone: 'Phone', email: 'Email',
      notCity: 'Not a Kota Jambi government service', provider: 'Provided by: ', official: 'Official site',
      more: 'See all results on sikoja', tooMany: 'Too many searches. Try again in {s} seconds.',
      failed: 'The search failed. Please try again.', tooLong: 'The query is too long.',
      kinds: { service: 'Service', app: 'App', document: 'Document', news: 'News', page: 'Page' } }
  };

  var sheet = null;
  function styleInto(root) {
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === 'function') {
      try {
        if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
        root.adoptedStyleSheets = [sheet];
        return;
      } catch (e) { /* fall back to a <style> element */ }
    }
    var style = document.createElement('style');
    style.textContent = CSS;
    root.appendChild(style);
  }

  /* sikoja:render.js: the renderer shared with the search page (search_api/static/render.js)
     goes here when the server sends /widget.js, inside this function: nothing global. */

  var counter = 0;

  function mount(host) {
    if (host.shadowRoot || host.getAttribute('data-sikoja-mounted')) return;
    host.setAttribute('data-sikoja-mounted', '1');
    var n = ++counter;
    var lang = host.getAttribute('data-lang') === 'en' ? 'en' : 'id';
    var S = STRINGS[lang];
    var R = sikojaRender({ t: function (key) { return S[key]; }, newTab: true });
    var el = R.el, clear = R.clear, safeUrl = R.safeUrl, link = R.link;
    var limit = Math.min(20, Math.max(1, parseInt(host.getAttribute('data-limit'), 10) || 5));
    var opd = host.getAttribute('data-opd') || '';
    var api = (host.getAttribute('data-api') || scriptOrigin || '').replace(/\/+$/, '');
    var root = host.attachShadow({ mode: 'open' });
    styleInto(root);

    var box = el('div', { 'class': 'box', part: 'box' });
    var form = el('form', { role: 'search' });
    var inputId = 'sikoja-q-' + n;
    form.appendChild(el('label', { 'for': inputId }, S.label));
    var row = el('div', { 'class': 'row' });
    var input = el('input', { id: inputId, type: 'search', name: 'q', autocomplete: 'off', enterkeyhint: 'search', placeholder: S.placeholder, maxlength: '{{MAX_QUERY_LENGTH}}' });
    row.appendChild(input);
    row.appendChild(el('button', { type: 'submit' }, S.search));
    form.appendChild(row);
    box.appendChild(form);
    var status = el('p', { 'class': 'status', role: 'status', 'aria-live': 'polite' });
    box.appendChild(status);
    var out = el('div', { 'class': 'out' });
    box.appendChild(out);
    root.appendChild(box);

    var seq = 0;
    var currentQuery = '';

    function fail(r, body) {
      status.className = 'status error';
      if (r && r.status === 429) status.textContent = S.tooMany.replace('{s}', r.headers.get('Retry-After') || '60');
      else if (r && r.status === 422) status.textContent = (body && body.message) || S.tooLong;
      else status.textContent = S.failed;
    }

    function logClick(result, position) {
      try {
        fetch(api + '/api/click', { method: 'POST', mode: 'cors', keepalive: true,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ query: currentQuery, id: result.id, url: result.url, position: position }) })
          .catch(function () { /* analytics only */ });
      } catch (e) { /* analytics only */ }
    }

    /* A service's card, an app's (provider, platform, a link to open it) or an agency's
       contact card (address, opening hours, phone) for "where/when" questions. */
    var CARD_LOOK = { full: false, heading: 'h3', subheading: 'h4', listClass: 'check',
      idPrefix: 'sikoja-req-' + n + '-', factsClass: null };
    function cardFor(card) {
      var div = el('div', { 'class': 'card card-' + R.cardKind(card) });
      R.renderCard(card, div, CARD_LOOK);
      return div;
    }

    /* A service the city does not provide: say plainly who does (Indonesian note first). */
    function renderExternal(ext) {
      var div = el('div', { 'class': 'external', role: 'note' });
      div.appendChild(el('h3', null, S.notCity + ': ' + ext.name));
      div.appendChild(el('p', null, S.provider + ext.provider));
      div.appendChild(el('p', null, (lang === 'en' && ext.note_en) ? ext.note_en : ext.note));
      if (safeUrl(ext.url)) { var p = el('p'); p.appendChild(link(ext.url, S.official)); div.appendChild(p); }
      return div;
    }

    function render(body) {
      clear(out);
      status.className = 'status';
      var results = body.results || [];
      status.textContent = body.total ? S.found.replace('{n}', body.total) : S.none.replace('{q}', body.query);
      if (body.did_you_mean) {
        var p = el('p', { 'class': 'more' }, S.dym);
        var b = el('button', { type: 'button', 'class': 'linkish' }, body.did_you_mean);
        b.addEventListener('click', function () { input.value = body.did_you_mean; run(); });
        p.appendChild(b);
        out.appendChild(p);
      }
      if (body.external) out.appendChild(renderExternal(body.external));
      if (body.answer) out.appendChild(cardFor(body.answer));
      var ol = el('ol', { 'class': 'results' });
      results.forEach(function (r, i) {
        var li = el('li');
        var h = el('h3');
        var a = link(r.url, r.title || r.url);
        if (a.tagName === 'A') a.addEventListener('click', function () { logClick(r, i + 1); });
        h.appendChild(a);
        li.appendChild(h);
        var meta = el('p', { 'class': 'meta' });
        meta.appendChild(el('span', { 'class': 'kind' }, S.kinds[r.kind] || r.kind));
        meta.appendChild(document.createTextNode(r.opd || ''));
        li.appendChild(meta);
        if (r.snippet) { var s = el('p', { 'class': 'snippet' }); R.appendSnippet(s, r.snippet); li.appendChild(s); }
        ol.appendChild(li);
      });
      if (results.length) out.appendChild(ol);
      var more = el('p', { 'class': 'more' });
      more.appendChild(link(api + '/?q=' + encodeURIComponent(body.query) + (opd ? '&opd=' + encodeURIComponent(opd) : ''), S.more));
      out.appendChild(more);
    }

    function run() {
      var q = input.value.trim();
      if (!q) return;
      currentQuery = q;
      var mine = ++seq;
      status.className = 'status';
      status.textContent = S.searching;
      var params = new URLSearchParams({ q: q, limit: String(limit) });
      if (opd) params.set('opd', opd);
      var response = null;
      fetch(api + '/api/search?' + params.toString(), { mode: 'cors', credentials: 'omit', headers: { Accept: 'application/json' } })
        .then(function (r) { response = r; return r.json().catch(function () { return {}; }); })
        .then(function (body) {
          if (mine !== seq) return;
          if (!response.ok) { clear(out); fail(response, body); return; }
          render(body);
        })
        .catch(function () { if (mine === seq) { clear(out); fail(null); } });
    }

    form.addEventListener('submit', function (e) { e.preventDefault(); run(); });
  }

  function init() {
    var nodes = document.querySelectorAll('[data-sikoja-search]');
    for (var i = 0; i < nodes.length; i++) mount(nodes[i]);
  }
  // For portals that add the element later (single-page apps): SikojaSearch.mount(element).
  window.SikojaSearch = window.SikojaSearch || { mount: mount, init: init };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
