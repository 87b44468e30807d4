/* sikoja admin page: a thin client of the /admin/api endpoints.
 *
 * The API key is kept in sessionStorage (gone when the tab closes) and sent as X-API-Key.
 * As on the search page, every string from the server is inserted with textContent.
 */
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var key = '';
  try { key = sessionStorage.getItem('sikoja-admin-key') || ''; } catch (e) { /* private mode */ }
  var jobTimer = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function row(cells) {
    var tr = el('tr');
    cells.forEach(function (c) {
      var td = el('td');
      if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? '' : String(c);
      tr.appendChild(td);
    });
    return tr;
  }
  // Count columns (every cell but the first and any holding buttons) align right, unwrapped.
  function numbered(tr) {
    Array.prototype.forEach.call(tr.children, function (td, i) {
      if (i > 0 && /^[\d%.,\s-]+$/.test(td.textContent)) td.className = 'num';
    });
    return tr;
  }
  function button(text, onClick, cls) {
    var b = el('button', { type: 'button' }, text);
    if (cls) b.className = cls;
    b.addEventListener('click', onClick);
    return b;
  }
  function safeLink(url, text) {
    try {
      var u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') {
        return el('a', { href: u.href, target: '_blank', rel: 'noopener noreferrer' }, text || url);
      }
    } catch (e) { /* not a URL */ }
    return el('span', null, text || url);
  }
  function when(ts) {
    if (!ts) return '';
    var d = typeof ts === 'number' ? new Date(ts * 1000) : new Date(ts);
    return isNaN(d.getTime()) ? String(ts) : d.toLocaleString('id-ID');
  }
  function say(text) { $('message').textContent = text || ''; }

  function api(method, path, body) {
    var opts = { method: method, headers: { 'X-API-Key': key, Accept: 'application/json' } };
    if (body !== undefined) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    return fetch('/admin/api' + path, opts).then(function (r) {
      var type = r.headers.get('Content-Type') || '';
      var parse = r.status === 204 ? Promise.resolve(null) : (type.indexOf('json') >= 0 ? r.json() : r.text());
      return parse.then(function (data) {
        if (!r.ok) {
          var detail = data && (data.message || data.detail);
          if (Array.isArray(detail)) detail = detail.map(function (d) { return d.msg; }).join('; ');
          var err = new Error(detail || ('HTTP ' + r.status));
          err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }
  function failed(err) {
    if (err.status === 401 || err.status === 403) {
      $('key-status').textContent = err.status === 403 ? 'Kunci ini sudah dicabut.' : 'Kunci tidak dikenal.';
    }
    say('Gagal: ' + err.message);
  }

  /* -- status and jobs -------------------------------------------------------- */

  function loadStatus() {
    return api('GET', '/status').then(function (s) {
      $('key-status').textContent = 'Masuk sebagai ' + s.key + '.';
      var dl = $('index-info');
      clear(dl);
      var info = s.index || {};
      [['Versi indeks', info.version || '(belum ada)'], ['Dibangun', info.built_at ? when(info.built_at) : ''],
       ['Dokumen', info.documents], ['Embedder', info.embedder],
       ['Cache', 'pencarian ' + s.caches.search + ', saran ' + s.caches.suggest]].forEach(function (f) {
        dl.appendChild(el('dt', null, f[0]));
        dl.appendChild(el('dd', null, f[1] === undefined || f[1] === null ? '' : f[1]));
      });
      return loadJobs();
    });
  }

  function loadJobs() {
    return api('GET', '/jobs?limit=10').then(function (jobs) {
      var tbody = $('jobs');
      clear(tbody);
      var running = null;
      jobs.forEach(function (j) {
        if (j.state === 'running') running = j;
        var result = j.error || j.summary || (j.progress.length ? j.progress[j.progress.length - 1] : '');
        tbody.appendChild(row([j.id, j.kind, j.state, when(j.started_at), j.who, result]));
      });
      $('job-status').textContent = running ? ('Berjalan: ' + running.kind + ' #' + running.id) : '';
      clearTimeout(jobTimer);
      if (running) jobTimer = setTimeout(function () { loadJobs().catch(failed); }, 3000);
    });
  }

  $('crawl-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var names = $('crawl-sources').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    api('POST', '/jobs/crawl', { sources: names, reindex: true }).then(function (j) {
      say('Crawl #' + j.id + ' dimulai.'); return loadJobs();
    }).catch(failed);
  });
  $('reindex').addEventListener('click', function () {
    api('POST', '/jobs/reindex', { full: false }).then(function (j) {
      say('Indeks ulang #' + j.id + ' dimulai.'); return loadJobs();
    }).catch(failed);
  });

  /* -- analytics ------------------------------------------------------------ */

  function loadAnalytics() {
    return api('GET', '/analytics/queries?days=' + $('days').value + '&limit=30').then(function (r) {
      $('analytics-summary').textContent = r.searches + ' pencarian oleh ' + r.visitors + ' pengunjung sejak ' + r.since +
        '; ' + Math.round(r.zero_result_rate * 100) + '% tanpa hasil; ' + r.clicks + ' klik.';
      var top = $('top'); clear(top);
      r.top.forEach(function (q) { top.appendChild(numbered(row([q.query, q.searches, q.visitors, q.clicks, Math.round(q.ctr * 100) + '%']))); });
      var zero = $('zero'); clear(zero);
      r.zero_results.forEach(function (q) {
        var s = q.suggestion || {};
        var hints = [];
        if (s.correction) hints.push('koreksi: ' + s.correction);
        if (s.reformulation) hints.push('lalu dicari: ' + s.reformulation);
        if (s.nearest_service) hints.push('layanan terdekat: ' + s.nearest_service.title);
        var actions = el('span');
        if (s.synonym) {
          actions.appendChild(button('Sinonim: ' + s.synonym.join(' = '), function () {
            api('POST', '/synonyms', { terms: s.synonym, why: 'kueri tanpa hasil: ' + q.query })
              .then(function () { say('Sinonim ditambahkan.'); return loadSynonyms(); }).catch(failed);
          }, 'secondary'));
        }
        if (s.best_bet) {
          actions.appendChild(button('Best bet', function () {
            api('POST', '/bestbets', { query: s.best_bet.query, url: s.best_bet.url, why: 'kueri tanpa hasil: ' + q.query })
              .then(function () { say('Best bet ditambahkan.'); return loadBestBets(); }).catch(failed);
          }, 'secondary'));
        }
        zero.appendChild(numbered(row([q.query, q.searches, q.visitors, hints.join('; ') || '—', actions])));
      });
      var low = $('lowctr'); clear(low);
      r.low_ctr.forEach(function (q) { low.appendChild(numbered(row([q.query, q.searches, q.clicks, Math.round(q.ctr * 100) + '%']))); });
      var below = $('clicked-low'); clear(below);
      (r.clicked_low || []).forEach(function (q) {
        var actions = el('span');
        if (q.synonym) {
          actions.appendChild(button('Sinonim: ' + q.synonym.join(' = '), function () {
            api('POST', '/synonyms', { terms: q.synonym, why: 'dibuka dari peringkat ' + q.avg_position + ': ' + q.query })
              .then(function () { say('Sinonim ditambahkan.'); return loadSynonyms(); }).catch(failed);
          }, 'secondary'));
        }
        if (q.best_bet) {
          actions.appendChild(button('Best bet', function () {
            api('POST', '/bestbets', { query: q.best_bet.query, url: q.best_bet.url, why: 'dibuka dari peringkat ' + q.avg_position + ': ' + q.query })
              .then(function () { say('Best bet ditambahkan.'); return loadBestBets(); }).catch(failed);
          }, 'secondary'));
        }
        below.appendChild(numbered(row([q.query, q.url ? safeLink(q.url, q.title || q.url) : (q.title || q.id), q.visitors, q.avg_position, actions])));
      });
    });
  }
  $('analytics-form').addEventListener('submit', function (e) { e.preventDefault(); loadAnalytics().catch(failed); });

  /* -- synonyms --------------------------------------------------------------- */

  function askWhy(what) {
    var why = window.prompt('Alasan ' + what + ' (disimpan di riwayat):', '');
    return why && why.trim() ? why.trim() : null;
  }

  // The rule list is long (300+ rules): filtered by what is typed and shown a page at a time.
  var SYN_PAGE = 25;
  var synRules = [], synPage = 0;

  function synMatches() {
    var q = $('syn-filter').value.trim().toLowerCase();
    if (!q) return synRules;
    return synRules.filter(function (item) { return item.rule.toLowerCase().indexOf(q) >= 0; });
  }

  function showSynonyms() {
    var list = $('syn-list'); clear(list);
    var matches = synMatches();
    var pages = Math.max(1, Math.ceil(matches.length / SYN_PAGE));
    synPage = Math.min(Math.max(0, synPage), pages - 1);
    matches.slice(synPage * SYN_PAGE, (synPage + 1) * SYN_PAGE).forEach(function (item) {
      list.appendChild(row([synRules.indexOf(item) + 1, item.rule + (item.one_way ? '  (satu arah)' : ''), button('Hapus', function () {
        var why = askWhy('menghapus "' + item.rule + '"');
        if (!why) return;
        api('DELETE', '/synonyms/' + encodeURIComponent(item.rule) + '?why=' + encodeURIComponent(why))
          .then(function () { say('Sinonim dihapus.'); return loadSynonyms(); }).catch(failed);
      }, 'danger')]));
    });
    if (!matches.length) list.appendChild(row(['', 'Tidak ada aturan yang cocok.', '']));
    $('syn-count').textContent = matches.length + ' dari ' + synRules.length + ' aturan; halaman ' +
      (synPage + 1) + ' dari ' + pages;
    $('syn-prev').disabled = synPage === 0;
    $('syn-next').disabled = synPage >= pages - 1;
  }

  function loadCandidates() {
    return api('GET', '/synonyms/candidates?limit=50').then(function (list) {
      var body = $('cand-list'); clear(body);
      list.forEach(function (c) {
        var proof = el('span');
        proof.appendChild(el('span', null, c.how + ' (' + c.pages + ' halaman, ' + c.sites + ' situs): '));
        c.evidence.forEach(function (e, i) {
          if (i) proof.appendChild(document.createTextNode(', '));
          proof.appendChild(safeLink(e.url, e.title || e.url));
        });
        body.appendChild(numbered(row([c.terms.join(' = '), proof, c.score, button('Setujui', function () {
          api('POST', '/synonyms', { terms: c.terms, why: 'kandidat dari halaman: ' + c.how })
            .then(function () { say('Sinonim ditambahkan.'); return Promise.all([loadSynonyms(), loadCandidates()]); }).catch(failed);
        }, 'secondary')])));
      });
      if (!list.length) body.appendChild(row(['Tidak ada kandidat baru.', '', '', '']));
    });
  }
  $('cand-load').addEventListener('click', function () { loadCandidates().catch(failed); });

  function loadSynonyms() {
    return Promise.all([api('GET', '/synonyms'), api('GET', '/synonyms/history?limit=20')]).then(function (res) {
      synRules = res[0];
      showSynonyms();
      var hist = $('syn-history'); clear(hist);
      res[1].forEach(function (v) {
        hist.appendChild(row([v.id, when(v.created_at), v.who, v.action + (v.detail ? ': ' + v.detail : '') + ' — ' + v.why,
          button('Kembalikan', function () {
            var why = askWhy('kembali ke versi ' + v.id);
            if (!why) return;
            api('POST', '/synonyms/rollback', { version: v.id, why: why })
              .then(function () { say('Dikembalikan ke versi ' + v.id + '.'); return loadSynonyms(); }).catch(failed);
          }, 'secondary')]));
      });
    });
  }
  $('syn-filter').addEventListener('input', function () { synPage = 0; showSynonyms(); });
  $('syn-prev').addEventListener('click', function () { synPage -= 1; showSynonyms(); });
  $('syn-next').addEventListener('click', function () { synPage += 1; showSynonyms(); });
  $('syn-add').addEventListener('submit', function (e) {
    e.preventDefault();
    var terms = $('syn-terms').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    api('POST', '/synonyms', { terms: terms, why: $('syn-why').value.trim() }).then(function (v) {
      var warnings = (v && v.warnings) || [];  // a phrase that reads as one common word
      $('syn-terms').value = ''; $('syn-why').value = '';
      say('Sinonim ditambahkan.' + (warnings.length ? ' Perhatian: ' + warnings.join(' ') : ''));
      $('syn-filter').value = terms[0] || ''; synPage = 0;  // show the new rule, wherever it is
      return loadSynonyms();
    }).catch(failed);
  });
  $('syn-import').addEventListener('submit', function (e) {
    e.preventDefault();
    api('POST', '/synonyms/import', { text: $('syn-text').value, replace: $('syn-replace').checked, why: $('syn-import-why').value.trim() })
      .then(function (v) { say('Impor selesai: versi ' + v.id + ', ' + v.rule_count + ' aturan.'); return loadSynonyms(); }).catch(failed);
  });
  $('syn-export').addEventListener('click', function () {
    api('GET', '/synonyms/export').then(function (text) { $('syn-text').value = text; }).catch(failed);
  });

  /* -- best bets ------------------------------------------------------------- */

  function loadBestBets() {
    return api('GET', '/bestbets').then(function (bets) {
      var list = $('bb-list'); clear(list);
      bets.forEach(function (b) {
        var span = (b.start || '…') + ' – ' + (b.end || '…');
        list.appendChild(row([b.id, b.query, safeLink(b.url), span, b.who, button('Hapus', function () {
          api('DELETE', '/bestbets/' + b.id).then(function () { say('Best bet dihapus.'); return loadBestBets(); }).catch(failed);
        }, 'danger')]));
      });
    });
  }
  $('bb-add').addEventListener('submit', function (e) {
    e.preventDefault();
    api('POST', '/bestbets', { query: $('bb-query').value, url: $('bb-url').value, start: $('bb-start').value || null,
      end: $('bb-end').value || null, why: $('bb-why').value }).then(function () {
      say('Best bet ditambahkan.'); $('bb-add').reset(); return loadBestBets();
    }).catch(failed);
  });

  /* -- site health ------------------------------------------------------------ */

  // "3 jam lalu": the same words as `sikoja report sites` (crawler/reports.py relative_time).
  function ago(iso) {
    if (!iso) return 'belum pernah';
    var t = new Date(iso).getTime();
    if (isNaN(t)) return String(iso);
    var s = (Date.now() - t) / 1000;
    if (s < 60) return 'baru saja';
    if (s < 3600) return Math.floor(s / 60) + ' menit lalu';
    if (s < 86400) return Math.floor(s / 3600) + ' jam lalu';
    if (s < 2 * 86400) return 'kemarin';
    if (s < 60 * 86400) return Math.floor(s / 86400) + ' hari lalu';
    if (s < 730 * 86400) return Math.floor(s / (30 * 86400)) + ' bulan lalu';
    return Math.floor(s / (365 * 86400)) + ' tahun lalu';
  }
  function timeCell(iso) {
    var span = el('span', { title: iso ? when(iso) : '' }, ago(iso));
    return span;
  }

  function loadSites() {
    return api('GET', '/sites').then(function (sites) {
      var head = $('sites-head'), body = $('sites-list');
      clear(head); clear(body);
      if (!sites.length) { body.appendChild(row(['Belum ada data crawl.'])); return; }
      var tr = el('tr');
      ['Situs', 'Crawl terakhir', 'Berhasil terakhir', 'Halaman', 'Galat', 'Waktu jawab', 'Yang gagal dan sebabnya']
        .forEach(function (c, i) { tr.appendChild(el('th', i >= 3 && i <= 5 ? { 'class': 'num' } : null, c)); });
      head.appendChild(tr);
      sites.slice().sort(function (a, b) { return b.errors - a.errors || (a.source < b.source ? -1 : 1); })
        .forEach(function (s) {
          var name = el('div');
          name.appendChild(el('strong', null, s.source));
          if (s.opd) name.appendChild(el('div', { 'class': 'small' }, s.opd));
          var state = el('div');
          state.appendChild(el('span', { 'class': s.last_crawl_state === 'done' ? 'ok' : (s.last_crawl_state === 'partial' ? 'warn' : 'bad') },
            s.state_label || s.last_crawl_state || '-'));
          state.appendChild(document.createTextNode(', '));
          state.appendChild(timeCell(s.last_crawl_at));
          // read (or to be read) again in full because the crawler changed: the words of
          // `sikoja report sites` (crawler/identity.py)
          if (s.reread_label) state.appendChild(el('div', { 'class': 'small' }, s.reread_label));
          var fails = el('div');
          var labels = s.errors_by_label || {};
          Object.keys(labels).forEach(function (l) { fails.appendChild(el('div', null, labels[l] + ' × ' + l)); });
          if ((s.failures || []).length) {
            var ul = el('ul', { 'class': 'failures' });
            s.failures.forEach(function (f) {
              var li = el('li');
              var a = safeLink(f.url); a.className = 'url';
              li.appendChild(a);
              li.appendChild(document.createTextNode(' — ' + f.label));
              ul.appendChild(li);
            });
            fails.appendChild(ul);
          }
          if (!s.errors) fails.appendChild(el('span', { 'class': 'ok' }, 'tidak ada galat'));
          // read but not stored (an archive, a document viewer): not errors, said apart
          var skipped = s.skipped_by_label || {};
          var skips = Object.keys(skipped).map(function (l) { return skipped[l] + ' × ' + l; });
          if (skips.length) fails.appendChild(el('div', { 'class': 'small' }, 'dilewati: ' + skips.join('; ')));
          var tr = row([name, state, timeCell(s.last_success_at), s.pages_fetched, s.errors,
            s.response_ms_median === null ? '-' : Math.round(s.response_ms_median) + ' ms', fails]);
          [3, 4, 5].forEach(function (i) { tr.children[i].className = 'num'; });
          tr.children[6].className = 'wide';
          body.appendChild(tr);
        });
    });
  }

  /* -- start ------------------------------------------------------------------ */

  function loadAll() {
    if (!key) { $('key-status').textContent = 'Masukkan kunci API.'; return; }
    say('');
    loadStatus().then(function () {
      return Promise.all([loadAnalytics(), loadSynonyms().catch(failed), loadBestBets(), loadSites()]);
    }).catch(failed);
  }

  $('key-form').addEventListener('submit', function (e) {
    e.preventDefault();
    key = $('api-key').value.trim();
    try { sessionStorage.setItem('sikoja-admin-key', key); } catch (err) { /* private mode */ }
    $('api-key').value = '';
    loadAll();
  });
  $('logout').addEventListener('click', function () {
    key = '';
    try { sessionStorage.removeItem('sikoja-admin-key'); } catch (err) { /* private mode */ }
    location.reload();
  });

  loadAll();
})();
