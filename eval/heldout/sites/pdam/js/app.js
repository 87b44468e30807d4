/* app.js - built bundle (rendering part) */
(function () {
  var root = document.getElementById('app');
  function h(tag, text) { var n = document.createElement(tag); if (text) n.textContent = text; return n; }
  function byId(included) { var m = {}; (included || []).forEach(function (x) { m[x.type + ':' + x.id] = x; }); return m; }
  function requirements(item, idx) {
    var u = h('ul');
    ((item.relationships.persyaratan || {}).data || []).forEach(function (ref) {
      var inc = idx[ref.type + ':' + ref.id]; if (inc) u.appendChild(h('li', inc.attributes.teks));
    });
    return u;
  }
  function render() {
    var p = location.pathname;
    var one = p.indexOf('/layanan/') === 0 ? p.slice(9) : null;
    fetch('/api/v1/layanan?include=persyaratan').then(function (r) { return r.json(); }).then(function (res) {
      var idx = byId(res.included);
      root.innerHTML = '';
      res.data.forEach(function (item) {
        var a = item.attributes;
        if (one && a.slug !== one) return;
        var box = h('section');
        var link = h('a', a.nama); link.href = '/layanan/' + a.slug; box.appendChild(link);
        box.appendChild(h('p', a.deskripsi));
        if (one) { box.appendChild(requirements(item, idx)); box.appendChild(h('p', a.waktu)); box.appendChild(h('p', a.biaya)); }
        root.appendChild(box);
      });
      if (p === '/kontak') { root.innerHTML = ''; root.appendChild(h('p', res.meta.kontak)); }
    });
  }
  render();
})();
