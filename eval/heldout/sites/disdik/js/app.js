/* app.js - built bundle (rendering part) */
(function () {
  var root = document.getElementById('app');
  function el(tag, text, cls) { var n = document.createElement(tag); if (text) n.textContent = text; if (cls) n.className = cls; return n; }
  function list(items) { var u = el('ul'); (items || []).forEach(function (t) { u.appendChild(el('li', t)); }); return u; }
  function go(path) { history.pushState({}, '', path); route(); }
  function home() {
    fetch('/api/v1/services?limit=100').then(function (r) { return r.json(); }).then(function (res) {
      root.innerHTML = '';
      res.data.kategori.forEach(function (kat) {
        root.appendChild(el('h2', kat.nama));
        kat.layanan.forEach(function (l) {
          var a = el('a', l.judul); a.href = '/layanan/' + l.slug;
          a.onclick = function (ev) { ev.preventDefault(); go(a.getAttribute('href')); };
          var card = el('div', null, 'card'); card.appendChild(a); card.appendChild(el('p', l.ringkasan));
          root.appendChild(card);
        });
      });
    });
  }
  function detail(slug) {
    fetch('/api/v1/services?limit=100').then(function (r) { return r.json(); }).then(function (res) {
      var found = null;
      res.data.kategori.forEach(function (k) { k.layanan.forEach(function (l) { if (l.slug === slug) found = l; }); });
      if (!found) { root.textContent = 'Halaman tidak ditemukan'; return; }
      return fetch('/api/v1/services/' + found.id).then(function (r) { return r.json(); });
    }).then(function (res) {
      if (!res) return;
      var l = res.data, d = l.detail;
      root.innerHTML = '';
      document.title = l.judul + ' | Disdik Kota Jambi';
      root.appendChild(el('h1', l.judul)); root.appendChild(el('p', l.ringkasan));
      root.appendChild(el('h3', 'Persyaratan')); root.appendChild(list(d.persyaratan));
      root.appendChild(el('h3', 'Alur')); root.appendChild(list(d.alur));
      root.appendChild(el('p', 'Waktu: ' + (d.waktu || '-'))); root.appendChild(el('p', 'Biaya: ' + (d.biaya || '-')));
    });
  }
  function page(name) {
    fetch('/api/v1/pages/' + name).then(function (r) { return r.json(); }).then(function (res) {
      root.innerHTML = ''; root.appendChild(el('h1', res.data.judul)); root.appendChild(el('div', res.data.isi));
    });
  }
  function route() {
    var p = location.pathname;
    if (p.indexOf('/layanan/') === 0) return detail(p.slice(9));
    if (p === '/kontak') return page('kontak');
    if (p.indexOf('/berita/') === 0) return page('berita-' + p.slice(8));
    return home();
  }
  window.addEventListener('popstate', route);
  route();
})();
