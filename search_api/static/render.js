/* sikoja rendering shared by the search page (app.js) and the widget (widget.js): the code
 * that puts text from the index on a page, written once because it is what keeps a crawled
 * <script> from running.
 *
 * The page loads this file before app.js; the server puts it inside widget.js when it
 * serves /widget.js, so a portal still adds one script tag and nothing leaks into its
 * global scope (search_api/assets.py).
 *
 * Safety rules: text from the index (titles, snippets, OPD names, fields) and from the query
 * only ever reaches the page through textContent / createTextNode. Snippets carry <mark> as
 * their only markup; they are split on it and rebuilt as elements, never assigned as HTML,
 * and their entities decoded as text. Links are used only when they are http(s).
 *
 * options: t(key) -> a string of the reader's language; base: the URL relative links are
 * read against (the page's own; none for the widget, which lives on another site); newTab:
 * open links in a new tab (the widget, to keep the portal open).
 */
function sikojaRender(options) {
  'use strict';
  var t = options.t;
  var base = options.base || null;
  var newTab = !!options.newTab;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function safeUrl(value) {
    if (!value) return null;
    try {
      var u = base ? new URL(String(value), base) : new URL(String(value));
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (e) { return null; }
  }

  function link(href, text, cls) {
    var url = safeUrl(href);
    if (!url) return el('span', cls ? { 'class': cls } : null, text);
    var attrs = { href: url };
    if (newTab) { attrs.target = '_blank'; attrs.rel = 'noopener noreferrer'; }
    var a = el('a', attrs, text);
    if (cls) a.className = cls;
    return a;
  }

  /* ``pairs`` ([href, text]) as links at the end of ``into``, a comma between; ``into``. */
  function linkList(into, pairs) {
    pairs.forEach(function (pair, i) {
      if (i) into.appendChild(document.createTextNode(', '));
      into.appendChild(link(pair[0], pair[1]));
    });
    return into;
  }

  var ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  function decodeEntities(s) {
    return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, function (m, e) {
      if (e.charAt(0) === '#') {
        var code = e.charAt(1) === 'x' || e.charAt(1) === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, e) ? ENTITIES[e] : m;
    });
  }

  /* A snippet is escaped text whose only markup is <mark>…</mark>: rebuild it as nodes. */
  function appendSnippet(node, snippet) {
    var parts = String(snippet || '').split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === '<mark>') { marked = true; return; }
      if (part === '</mark>') { marked = false; return; }
      if (!part) return;
      var text = document.createTextNode(decodeEntities(part));
      if (marked) { var m = el('mark'); m.appendChild(text); node.appendChild(m); } else { node.appendChild(text); }
    });
  }

  function hostOf(url) {
    try { var u = new URL(url); return u.host + (u.pathname === '/' ? '' : u.pathname); } catch (e) { return ''; }
  }

  /* A fact of the card; a value that is a web address becomes a link. */
  function factRow(dl, label, value) {
    if (!value) return;
    dl.appendChild(el('dt', null, label));
    var dd = el('dd');
    var url = safeUrl(value);
    if (url && /^https?:\/\//i.test(String(value))) dd.appendChild(link(url, value)); else dd.textContent = String(value);
    dl.appendChild(dd);
  }

  /* The card's kind: a service (requirements...), an app (who provides it, where it runs,
     a link to open it) or an agency's contact (address, phone, opening hours). */
  var CARD_EYEBROW = { service: 'bestMatch', app: 'bestApp', contact: 'contactCard' };
  function cardKind(card) { return CARD_EYEBROW[card.kind] ? card.kind : 'service'; }

  /* The answer card into ``into``. ``look``: heading / subheading tags, headingId,
     listClass, idPrefix (checkbox ids), factsClass, and full: the page's whole card
     (eyebrow, legal basis, procedure, source) rather than the widget's compact one. */
  function renderCard(card, into, look) {
    var kind = cardKind(card);
    if (look.full) into.appendChild(el('p', { 'class': 'eyebrow' }, t(CARD_EYEBROW[kind])));
    var h = el(look.heading, look.headingId ? { id: look.headingId } : null);
    h.appendChild(link(card.url, kind === 'contact' && card.opd ? card.opd : card.title));
    into.appendChild(h);
    if (card.opd && kind !== 'contact') into.appendChild(el('p', { 'class': 'opd' }, (kind === 'app' ? t('provider') : '') + card.opd));
    if (card.description) into.appendChild(el('p', null, card.description));
    if (card.requirements && card.requirements.length) {
      into.appendChild(el(look.subheading, null, t('requirements')));
      var ul = el('ul', { 'class': look.listClass });
      card.requirements.forEach(function (req, i) {
        var li = el('li');
        var id = look.idPrefix + i;
        li.appendChild(el('input', { type: 'checkbox', id: id }));
        li.appendChild(el('label', { 'for': id }, req));
        ul.appendChild(li);
      });
      into.appendChild(ul);
    }
    var dl = el('dl', look.factsClass ? { 'class': look.factsClass } : null);
    factRow(dl, t('cost'), card.cost);
    factRow(dl, t('duration'), card.duration);
    factRow(dl, t('location'), card.location);
    if (look.full) factRow(dl, t('legal'), card.legal_basis);
    factRow(dl, t('platform'), card.platform);
    factRow(dl, t('address'), card.address);
    factRow(dl, t('hours'), card.hours);
    factRow(dl, t('phone'), card.phone);
    factRow(dl, t('email'), card.email);
    if (dl.childNodes.length) into.appendChild(dl);
    if (look.full && card.procedure && card.procedure.length) {
      into.appendChild(el(look.subheading, null, t('procedure')));
      var ol = el('ol');
      card.procedure.forEach(function (step) { ol.appendChild(el('li', null, step)); });
      into.appendChild(ol);
    }
    var online = kind === 'app' ? card.url : card.online_url;
    if (safeUrl(online)) into.appendChild(link(online, t(kind === 'app' ? 'openApp' : 'apply'), 'apply'));
    if (look.full) {
      /* the same service at other offices among the results (answer.also_at): each office
         named, linked to its own page of the service */
      if (card.also_at && card.also_at.length) {
        into.appendChild(linkList(el('p', { 'class': 'served' }, t('servedAt')),
          card.also_at.map(function (copy) { return [copy.url, copy.opd || copy.title]; })));
      }
      var src = el('p', { 'class': 'source' }, t('source'));
      src.appendChild(link(card.url, hostOf(card.url) || card.url));
      into.appendChild(src);
    }
  }

  return { el: el, clear: clear, safeUrl: safeUrl, link: link, linkList: linkList,
    decodeEntities: decodeEntities, appendSnippet: appendSnippet, hostOf: hostOf,
    factRow: factRow, cardKind: cardKind, renderCard: renderCard };
}
