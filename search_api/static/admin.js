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
      r.top.forEach(function (q) { top.appendChild(row([q.query, q.searches, q.visitors, q.clicks, Math.round(q.ctr * 100) + '%'])); });
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
        zero.appendChild(row([q.query, q.searches, hints.join('; '), actions]));
      });
      var low = $('lowctr'); clear(low);
      r.low_ctr.forEach(function (q) { low.appendChild(row([q.query, q.searches, q.clicks, Math.round(q.ctr * 100) + '%'])); });
    });
  }
  $('analytics-form').addEventListener('submit', function (e) { e.preventDefault(); loadAnalytics().catch(failed); });

  /* -- synonyms --------------------------------------------------------------- */

  function askWhy(what) {
    var why = window.prompt('Alasan ' + what + ' (disimpan di riwayat):', '');
    return why && why.trim() ? why.trim() : null;
  }

  function loadSynonyms() {
    return Promise.all([api('GET', '/synonyms'), api('GET', '/synonyms/history?limit=20')]).then(function (res) {
      var list = $('syn-list'); clear(list);
      res[0].forEach(function (item, i) {
        list.appendChild(row([i + 1, item.rule + (item.one_way ? '  (satu arah)' : ''), button('Hapus', function () {
          var why = askWhy('menghapus "' + item.rule + '"');
          if (!why) return;
          api('DELETE', '/synonyms/' + encodeURIComponent(item.rule) + '?why=' + encodeURIComponent(why))
            .then(function () { say('Sinonim dihapus.'); return loadSynonyms(); }).catch(failed);
        }, 'danger')]));
      });
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
  $('syn-add').addEventListener('submit', function (e) {
    e.preventDefault();
    var terms = $('syn-terms').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    api('POST', '/synonyms', { terms: terms, why: $('syn-why').value.trim() }).then(function () {
      $('syn-terms').value = ''; $('syn-why').value = ''; say('Sinonim ditambahkan.'); return loadSynonyms();
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

  function loadSites() {
    return api('GET', '/sites').then(function (sites) {
      var head = $('sites-head'), body = $('sites-list');
      clear(head); clear(body);
      if (!sites.length) { body.appendChild(row(['Belum ada data crawl.'])); return; }
      var cols = Object.keys(sites[0]);
      var tr = el('tr');
      cols.forEach(function (c) { tr.appendChild(el('th', null, c)); });
      head.appendChild(tr);
      sites.forEach(function (s) {
        body.appendChild(row(cols.map(function (c) {
          var v = s[c];
          return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
        })));
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
