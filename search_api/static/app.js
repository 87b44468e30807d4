/* sikoja search page. No framework: small, fast on a cheap phone.
 *
 * Safety rule for this file: text from the index (titles, snippets, OPD names, fields) and
 * from the query only ever reaches the page through textContent / createTextNode, by way of
 * the renderer it shares with the widget (render.js, loaded first): snippets, links and the
 * answer card are built there.
 */
(function () {
  'use strict';

  var R = sikojaRender({ t: t, base: location.href });
  var el = R.el, clear = R.clear, safeUrl = R.safeUrl, link = R.link;
  var appendSnippet = R.appendSnippet, hostOf = R.hostOf;

  var STRINGS = {
    id: {
      skip: 'Langsung ke hasil', tagline: 'Layanan Publik Kota Jambi',
      heading: 'Cari layanan publik Kota Jambi', label: 'Apa yang ingin Anda urus?',
      placeholder: 'contoh: urus KTP', search: 'Cari', suggestions: 'Saran',
      hint: 'Misalnya: urus KTP, akta kelahiran anak, izin usaha',
      opd: 'Instansi (OPD)', kind: 'Jenis', allOpd: 'Semua instansi', allKind: 'Semua jenis',
      results: 'Hasil pencarian', prev: '‹ Sebelumnya', next: 'Berikutnya ›', pages: 'Halaman hasil',
      pageInfo: 'Halaman {page} dari {pages}', searching: 'Mencari…',
      found: '{total} hasil untuk “{q}”', foundOne: '1 hasil untuk “{q}”',
      none: 'Tidak ada hasil untuk “{q}”', didYouMean: 'Mungkin maksud Anda: ',
      bestMatch: 'Layanan yang paling sesuai', requirements: 'Persyaratan',
      procedure: 'Langkah-langkah', cost: 'Biaya', duration: 'Waktu', location: 'Tempat',
      legal: 'Dasar hukum', apply: 'Ajukan online', source: 'Sumber: ', alsoAt: 'Juga di: ',
      servedAt: 'Juga dilayani di: ',
      bestApp: 'Aplikasi yang paling sesuai', contactCard: 'Alamat dan kontak instansi',
      platform: 'Platform', openApp: 'Buka aplikasi', address: 'Alamat', phone: 'Telepon',
      hours: 'Jam pelayanan', email: 'Email',
      notCity: 'Bukan layanan Pemerintah Kota Jambi', provider: 'Penyelenggara: ', official: 'Situs resmi',
      tip1: 'Periksa ejaan, atau pakai kata yang lebih umum (misalnya "KTP", "akta", "izin").',
      tip2: 'Sebutkan apa yang ingin diurus, bukan nama kantornya.',
      popular: 'Layanan yang sering dicari', complain: 'Tidak menemukan yang Anda cari?',
      complainText: 'Sampaikan pertanyaan atau keluhan Anda kepada Pemerintah Kota Jambi lewat aplikasi pengaduan SiKesal, atau hubungi Call Center 112.',
      complainLink: 'Buka SiKesal', footer: 'Informasi dikumpulkan dari situs resmi OPD Kota Jambi. Selalu periksa sumbernya.',
      api: 'API', tooMany: 'Terlalu banyak pencarian. Coba lagi dalam {s} detik.',
      noIndex: 'Layanan pencarian sedang disiapkan. Coba lagi sebentar lagi.',
      offline: 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
      failed: 'Pencarian gagal. Coba lagi.', tooLong: 'Kata kunci terlalu panjang (maksimal {n} karakter).',
      kinds: { service: 'Layanan', app: 'Aplikasi', document: 'Dokumen', news: 'Berita', page: 'Halaman' },
      toggle: 'English', toggleLang: 'en',
      eventsHeading: 'Sedang mengurus apa?', eventsHint: 'Tidak tahu nama layanannya? Pilih peristiwa yang Anda alami.',
      allResults: 'Lihat semua hasil untuk “{q}”', mostUsed: 'Layanan yang paling sering dibuka',
      needed: 'Layanan yang banyak dibutuhkan'
    },
    en: {
      skip: 'Skip to results', tagline: 'Kota Jambi public services',
      heading: 'Search Kota Jambi public services', label: 'What do you need to do?',
      placeholder: 'e.g. apply for an ID card (KTP)', search: 'Search', suggestions: 'Suggestions',
      hint: 'For example: urus KTP, birth certificate, business permit',
      opd: 'Agency (OPD)', kind: 'Type', allOpd: 'All agencies', allKind: 'All types',
      results: 'Search results', prev: '‹ Previous', next: 'Next ›', pages: 'Result pages',
      pageInfo: 'Page {page} of {pages}', searching: 'Searching…',
      found: '{total} results for “{q}”', foundOne: '1 result for “{q}”',
      none: 'No results for “{q}”', didYouMean: 'Did you mean: ',
      bestMatch: 'Best matching service', requirements: 'Requirements',
      procedure: 'Steps', cost: 'Cost', duration: 'Duration', location: 'Where',
      legal: 'Legal basis', apply: 'Apply online', source: 'Source: ', alsoAt: 'Also at: ',
      servedAt: 'Also served at: ',
      bestApp: 'Best matching app', contactCard: 'Agency address and contact',
      platform: 'Platform', openApp: 'Open the app', address: 'Address', phone: 'Phone',
      hours: 'Opening hours', email: 'Email',
      notCity: 'Not a Kota Jambi government service', provider: 'Provided by: ', official: 'Official site',
      tip1: 'Check the spelling, or use a more general word (e.g. "KTP", "akta", "izin").',
      tip2: 'Say what you want to get done, not the name of the office.',
      popular: 'Frequently searched services', complain: 'Did not find what you need?',
      complainText: 'Send your question or complaint to the Kota Jambi government through the SiKesal complaints app, or call the 112 call centre.',
      complainLink: 'Open SiKesal', footer: 'Information collected from the official Kota Jambi agency websites. Always check the source.',
      api: 'API', tooMany: 'Too many searches. Try again in {s} seconds.',
      noIndex: 'The search is being prepared. Please try again shortly.',
      offline: 'Cannot connect. Check your internet connection.',
      failed: 'The search failed. Please try again.', tooLong: 'The query is too long (at most {n} characters).',
      kinds: { service: 'Service', app: 'App', document: 'Document', news: 'News', page: 'Page' },
      toggle: 'Bahasa Indonesia', toggleLang: 'id',
      eventsHeading: 'What is going on in your life?', eventsHint: 'Not sure what the service is called? Pick what is happening.',
      allResults: 'See all results for “{q}”', mostUsed: 'Most used services',
      needed: 'Services many people need'
    }
  };
  var EXAMPLES = ['urus KTP', 'akta kelahiran', 'kartu keluarga', 'izin usaha', 'pindah domisili'];
  var LIMIT = 10;

  var $ = function (id) { return document.getElementById(id); };
  var form = $('search-form'), input = $('q'), list = $('suggestions');
  var statusEl = $('status'), dymEl = $('did-you-mean'), answerEl = $('answer');
  var resultsEl = $('results'), pagerEl = $('pager'), emptyEl = $('empty');
  var filtersEl = $('filters'), opdSel = $('filter-opd'), kindSel = $('filter-kind');
  var maxLength = parseInt(form.getAttribute('data-max-length'), 10) || 200;
  // The note on services the city does not provide sits just above the answer card.
  var externalEl = el('section', { id: 'external', 'class': 'external', role: 'note', hidden: '' });
  answerEl.parentNode.insertBefore(externalEl, answerEl);

  var lang = 'id';
  try { lang = localStorage.getItem('sikoja-lang') === 'en' ? 'en' : 'id'; } catch (e) { /* private mode */ }
  var state = { q: '', page: 1, opd: '', kind: '' };
  var lastResponse = null;
  var facetCache = {};
  var requestSeq = 0;

  function t(key, vars) {
    var s = STRINGS[lang][key];
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    }
    return s;
  }

  /* -- language ------------------------------------------------------------------ */

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (node) {
      node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder')));
    });
    document.querySelectorAll('[data-i18n-aria]').forEach(function (node) {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-aria')));
    });
    var toggle = $('lang-toggle');
    toggle.textContent = t('toggle');
    toggle.setAttribute('lang', t('toggleLang'));
    toggle.setAttribute('aria-pressed', lang === 'en' ? 'true' : 'false');
    if (lastResponse) render(lastResponse);
    if (homeData) renderHome();
  }

  $('lang-toggle').addEventListener('click', function () {
    lang = lang === 'id' ? 'en' : 'id';
    try { localStorage.setItem('sikoja-lang', lang); } catch (e) { /* private mode */ }
    applyLanguage();
  });

  /* -- URL state ----------------------------------------------------------------- */

  function readUrl() {
    var p = new URLSearchParams(location.search);
    state.q = (p.get('q') || '').trim();
    state.page = Math.max(1, parseInt(p.get('page'), 10) || 1);
    state.opd = p.get('opd') || '';
    state.kind = p.get('kind') || '';
  }

  function writeUrl(push) {
    var p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    if (state.opd) p.set('opd', state.opd);
    if (state.kind) p.set('kind', state.kind);
    if (state.page > 1) p.set('page', String(state.page));
    var url = location.pathname + (p.toString() ? '?' + p.toString() : '');
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }

  /* -- API --------------------------------------------------------------------- */

  function apiUrl(path, params) {
    var p = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k] !== '' && params[k] !== null) p.set(k, params[k]); });
    return path + '?' + p.toString();
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var err = new Error('HTTP ' + r.status);
          err.status = r.status; err.body = body; err.retryAfter = r.headers.get('Retry-After');
          throw err;
        }
        return body;
      });
    });
  }

  function showError(err) {
    var msg;
    if (err.status === 429) msg = t('tooMany', { s: err.retryAfter || 60 });
    else if (err.status === 422) msg = (err.body && err.body.message) || t('tooLong', { n: maxLength });
    else if (err.status === 503) msg = t('noIndex');
    else if (!err.status) msg = t('offline');
    else msg = t('failed');
    statusEl.textContent = msg;
    statusEl.className = 'status error';
  }

  function search(push) {
    closeSuggestions();
    if (!state.q) { resetView(); writeUrl(push); document.title = baseTitle; return; }
    if (state.q.length > maxLength) { showError({ status: 422 }); return; }
    writeUrl(push);
    document.title = state.q + ' — sikoja';
    statusEl.className = 'status';
    statusEl.textContent = t('searching');
    var seq = ++requestSeq;
    var params = { q: state.q, limit: LIMIT, page: state.page, opd: state.opd, kind: state.kind };
    getJson(apiUrl('/api/search', params)).then(function (body) {
      if (seq !== requestSeq) return;
      if (!state.opd && !state.kind) facetCache[state.q] = body.facets || {};
      lastResponse = body;
      render(body);
      if ((state.opd || state.kind) && !facetCache[state.q]) loadFacets(state.q, seq);
    }).catch(function (err) {
      if (seq !== requestSeq) return;
      lastResponse = null;
      resetView();
      showError(err);
    });
  }

  /* Facets of the unfiltered query, so a chosen filter can be changed to another value. */
  function loadFacets(q, seq) {
    getJson(apiUrl('/api/search', { q: q, limit: 1, record: 'false' })).then(function (body) {
      facetCache[q] = body.facets || {};
      if (seq === requestSeq && lastResponse) renderFilters(lastResponse);
    }).catch(function () { /* filters keep what they have */ });
  }

  function logClick(result, position) {
    var body = JSON.stringify({ query: state.q, id: result.id, url: result.url, position: position });
    try {
      fetch('/api/click', { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' }, body: body })
        .catch(function () { /* analytics only */ });
    } catch (e) { /* analytics only */ }
  }

  /* -- home: life events and the most used services ---------------------------- */

  // Shown while nothing is searched: a way in for citizens who do not know the words.
  // The events and their services come from /api/life-events (what the index answers for
  // each event's searches); the most used services from /api/popular, or, on a fresh
  // install without enough visitors yet, the first service of each event.
  var homeEl = $('home'), homeData = null, homeLoading = false, openEvent = null;

  function loadHome() {
    if (homeData) { renderHome(); return; }
    if (homeLoading) return;
    homeLoading = true;
    Promise.all([
      getJson('/api/life-events').catch(function () { return { events: [] }; }),
      getJson('/api/popular').catch(function () { return { services: [] }; })
    ]).then(function (res) {
      homeData = { events: res[0].events || [], popular: res[1].services || [] };
      renderHome();
    });
  }

  function eventLabel(e) { return (e.label && (e.label[lang] || e.label.id)) || e.key; }

  function searchFor(text) {
    input.value = text;
    state.q = text; state.page = 1; state.opd = ''; state.kind = '';
    search(true);
    window.scrollTo(0, 0);
  }

  function searchLink(text, label) {
    var a = el('a', { href: '/?q=' + encodeURIComponent(text) }, label || text);
    a.addEventListener('click', function (ev) { ev.preventDefault(); searchFor(text); });
    return a;
  }

  function serviceItem(s) {
    var li = el('li');
    li.appendChild(searchLink(s.title));
    if (s.opd) li.appendChild(el('span', { 'class': 'meta' }, s.opd));
    return li;
  }

  function renderHome() {
    var grid = $('events');
    clear(grid);
    homeData.events.forEach(function (e) {
      var b = el('button', { type: 'button', 'class': 'event', 'data-event': e.key, 'aria-controls': 'event-panel',
        'aria-expanded': openEvent === e.key ? 'true' : 'false' }, eventLabel(e));
      b.addEventListener('click', function () {
        openEvent = openEvent === e.key ? null : e.key;
        renderHome();
        if (openEvent) $('event-panel').focus();
      });
      grid.appendChild(b);
    });
    $('events-section').hidden = !homeData.events.length;
    var ev = homeData.events.filter(function (e) { return e.key === openEvent; })[0];
    $('event-panel').hidden = !ev;
    if (ev) {
      $('event-title').textContent = eventLabel(ev);
      var ul = $('event-services');
      clear(ul);
      ev.services.forEach(function (s) { ul.appendChild(serviceItem(s)); });
      var all = $('event-all'), fresh = searchLink(ev.query, t('allResults', { q: ev.query }));
      fresh.id = 'event-all';
      all.parentNode.replaceChild(fresh, all);
    }
    var used = homeData.popular, seen = {};
    if (!used.length) {
      used = [];
      homeData.events.forEach(function (e) {
        var first = e.services[0];
        if (first && !seen[first.id]) { seen[first.id] = true; used.push(first); }
      });
    }
    $('most-used-h').textContent = t(homeData.popular.length ? 'mostUsed' : 'needed');
    var mu = $('most-used');
    clear(mu);
    used.slice(0, 8).forEach(function (s) { mu.appendChild(serviceItem(s)); });
    $('most-used-section').hidden = !used.length;
  }

  /* -- rendering --------------------------------------------------------------- */

  var baseTitle = document.title;

  function resetView() {
    statusEl.textContent = '';
    statusEl.className = 'status';
    dymEl.hidden = true;
    answerEl.hidden = true;
    clear(answerEl);
    externalEl.hidden = true;
    clear(externalEl);
    clear(resultsEl);
    pagerEl.hidden = true;
    emptyEl.hidden = true;
    filtersEl.hidden = true;
    homeEl.hidden = !!state.q;
    if (!state.q) loadHome();
  }

  function render(body) {
    resetView();
    var total = body.total || 0;
    var results = body.results || [];
    statusEl.textContent = total === 0 ? '' : total === 1 ? t('foundOne', { q: body.query }) : t('found', { total: total, q: body.query });
    renderDidYouMean(body.did_you_mean);
    renderFilters(body);
    if (body.external) renderExternal(body.external);
    if (body.answer) renderAnswer(body.answer);
    results.forEach(function (r, i) { resultsEl.appendChild(renderResult(r, (body.page - 1) * body.limit + i + 1)); });
    renderPager(body);
    if (total === 0) renderEmpty(body.query);
  }

  function renderDidYouMean(text) {
    if (!text) return;
    clear(dymEl);
    dymEl.appendChild(document.createTextNode(t('didYouMean')));
    var b = el('button', { type: 'button', 'class': 'linkish' }, text);
    b.addEventListener('click', function () { input.value = text; state.q = text; state.page = 1; search(true); });
    dymEl.appendChild(b);
    dymEl.hidden = false;
  }

  function fillSelect(select, allLabel, counts, current, labelOf) {
    clear(select);
    select.appendChild(el('option', { value: '' }, allLabel));
    var keys = Object.keys(counts || {});
    if (current && keys.indexOf(current) < 0) keys.unshift(current);
    keys.forEach(function (k) {
      var label = labelOf ? labelOf(k) : k;
      var opt = el('option', { value: k }, counts && counts[k] !== undefined ? label + ' (' + counts[k] + ')' : label);
      if (k === current) opt.selected = true;
      select.appendChild(opt);
    });
  }

  function renderFilters(body) {
    var facets = (state.opd || state.kind) ? (facetCache[state.q] || body.facets || {}) : (body.facets || {});
    var opds = facets.opd || {}, kinds = facets.kind || {};
    if (Object.keys(opds).length < 2 && Object.keys(kinds).length < 2 && !state.opd && !state.kind) {
      filtersEl.hidden = true;
      return;
    }
    fillSelect(opdSel, t('allOpd'), opds, state.opd);
    fillSelect(kindSel, t('allKind'), kinds, state.kind, function (k) { return STRINGS[lang].kinds[k] || k; });
    filtersEl.hidden = false;
  }

  var CARD_LOOK = { full: true, heading: 'h2', headingId: 'answer-title', subheading: 'h3',
    listClass: 'checklist', idPrefix: 'req-', factsClass: 'facts' };

  function renderAnswer(card) {
    clear(answerEl);
    R.renderCard(card, answerEl, CARD_LOOK);
    answerEl.hidden = false;
  }

  /* A service the city does not provide (SIM, paspor, BPJS...): who does, and where. */
  function renderExternal(ext) {
    externalEl.appendChild(el('p', { 'class': 'eyebrow' }, t('notCity')));
    externalEl.appendChild(el('h2', null, ext.name));
    externalEl.appendChild(el('p', { 'class': 'opd' }, t('provider') + ext.provider));
    externalEl.appendChild(el('p', { 'class': 'note' }, (lang === 'en' && ext.note_en) ? ext.note_en : ext.note));
    var url = safeUrl(ext.url);
    if (url) {
      var p = el('p', { 'class': 'source' });
      p.appendChild(link(url, t('official') + ': ' + hostOf(url)));
      externalEl.appendChild(p);
    }
    externalEl.hidden = false;
  }

  function renderResult(r, position) {
    var li = el('li', { 'class': 'result' });
    var h = el('h3');
    var a = link(r.url, r.title || r.url);
    if (a.tagName === 'A') a.addEventListener('click', function () { logClick(r, position); });
    h.appendChild(a);
    li.appendChild(h);
    var meta = el('p', { 'class': 'meta' });
    meta.appendChild(el('span', { 'class': 'kind' }, STRINGS[lang].kinds[r.kind] || r.kind));
    meta.appendChild(document.createTextNode(r.opd || ''));
    li.appendChild(meta);
    if (r.snippet) {
      var p = el('p', { 'class': 'snippet' });
      appendSnippet(p, r.snippet);
      li.appendChild(p);
    }
    li.appendChild(el('p', { 'class': 'url' }, hostOf(r.url)));
    if (r.also_at && r.also_at.length) {
      li.appendChild(R.linkList(el('p', { 'class': 'url' }, t('alsoAt')),
        r.also_at.map(function (u) { return [u, hostOf(u) || u]; })));
    }
    return li;
  }

  function renderPager(body) {
    var pages = Math.ceil((body.total || 0) / (body.limit || LIMIT));
    if (pages <= 1) return;
    $('prev').disabled = body.page <= 1;
    $('next').disabled = body.page >= pages;
    $('page-info').textContent = t('pageInfo', { page: body.page, pages: pages });
    pagerEl.hidden = false;
  }

  function renderEmpty(q) {
    $('empty-title').textContent = t('none', { q: q });
    var pop = $('popular');
    clear(pop);
    emptyEl.hidden = false;
    getJson('/api/popular').then(function (body) {
      var services = body.services || [];
      var queries = (body.queries || []).length ? body.queries : EXAMPLES;
      clear(pop);
      if (services.length) {
        services.forEach(function (s) { var li = el('li'); li.appendChild(link(s.url, s.title)); pop.appendChild(li); });
      } else {
        queries.slice(0, 6).forEach(function (q2) {
          var li = el('li');
          var b = el('button', { type: 'button', 'class': 'linkish' }, q2);
          b.addEventListener('click', function () { input.value = q2; state.q = q2; state.page = 1; state.opd = ''; state.kind = ''; search(true); });
          li.appendChild(b);
          pop.appendChild(li);
        });
      }
    }).catch(function () { /* help without the list */ });
    // The complaints app is itself in the index (an app of Diskominfo): link to it if found.
    getJson(apiUrl('/api/search', { q: 'SiKesal pengaduan', kind: 'app', limit: 1, record: 'false' })).then(function (body) {
      var top = body.results && body.results[0];
      var holder = $('complain-link');
      clear(holder);
      if (top && /sikesal/i.test(top.title || '') && safeUrl(top.url)) {
        holder.appendChild(link(top.url, t('complainLink')));
        holder.hidden = false;
      }
    }).catch(function () { /* text stays */ });
  }

  /* -- autocomplete (ARIA combobox) ------------------------------------------- */

  var suggestTimer = null, suggestSeq = 0, active = -1;

  function closeSuggestions() {
    list.hidden = true;
    clear(list);
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function showSuggestions(items) {
    clear(list);
    active = -1;
    if (!items.length) { closeSuggestions(); return; }
    items.forEach(function (text, i) {
      var li = el('li', { role: 'option', id: 'sugg-' + i, 'aria-selected': 'false' }, text);
      li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(text); });
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function highlight(index) {
    var items = list.querySelectorAll('[role="option"]');
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
    input.setAttribute('aria-activedescendant', items[active].id);
  }

  function choose(text) {
    input.value = text;
    state.q = text.trim(); state.page = 1; state.opd = ''; state.kind = '';
    search(true);
  }

  input.addEventListener('input', function () {
    clearTimeout(suggestTimer);
    var typed = input.value.trim();
    if (typed.length < 2 || typed.length > maxLength) { closeSuggestions(); return; }
    suggestTimer = setTimeout(function () {
      var seq = ++suggestSeq;
      getJson(apiUrl('/api/suggest', { q: typed, limit: 6 })).then(function (body) {
        if (seq === suggestSeq && input.value.trim() === typed) showSuggestions(body.suggestions || []);
      }).catch(function () { closeSuggestions(); });
    }, 150);
  });

  input.addEventListener('keydown', function (e) {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
    else if (e.key === 'Escape') { closeSuggestions(); }
    else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      choose(list.querySelectorAll('[role="option"]')[active].textContent);
    }
  });
  input.addEventListener('blur', function () { setTimeout(closeSuggestions, 100); });

  /* -- events ------------------------------------------------------------------ */

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(suggestTimer);
    suggestSeq++;
    state.q = input.value.trim(); state.page = 1; state.opd = ''; state.kind = '';
    search(true);
  });
  opdSel.addEventListener('change', function () { state.opd = opdSel.value; state.page = 1; search(true); });
  kindSel.addEventListener('change', function () { state.kind = kindSel.value; state.page = 1; search(true); });
  $('prev').addEventListener('click', function () { state.page = Math.max(1, state.page - 1); search(true); window.scrollTo(0, 0); });
  $('next').addEventListener('click', function () { state.page += 1; search(true); window.scrollTo(0, 0); });
  window.addEventListener('popstate', function () { readUrl(); input.value = state.q; search(false); });

  applyLanguage();
  readUrl();
  input.value = state.q;
  if (state.q) search(false); else { resetView(); input.focus(); }
})();
