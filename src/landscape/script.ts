// The landscape page's script, run by the browser: it reads the embedded JSON and builds the
// cards, the filter and the detail dialog. Every string from the knowledge base goes into the
// page as a text node or an attribute value, never as markup, so a name holding `<script>`
// shows as those characters. Plain JavaScript in a string: it runs in the browser, not Node.
import { FOLD_SOURCE } from '../text/normalize.js';

export const SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('landscape-data').textContent);
  var PALETTE = ['#2f6fde', '#7a4bd1', '#d0457a', '#d9822b', '#16967a', '#0f7fb3', '#a7497a', '#5b6b82'];

  function el(tag, attrs) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // The CLI's own name folding (src/text/normalize.ts): case, width and accents do not matter.
  function fold(s) { return ${FOLD_SOURCE}; }
  var haystack = {};
  Object.keys(data.cards).forEach(function (id) {
    var c = data.cards[id];
    // The editor's Chinese names (zh) find a card as its aliases do.
    haystack[id] = fold([c.name].concat(c.aliases, c.zh, c.description || '').join(' \n '));
  });
  function matches(id, terms) {
    for (var i = 0; i < terms.length; i++) if (haystack[id].indexOf(terms[i]) < 0) return false;
    return true;
  }

  // Where no font on the machine has Chinese characters they draw as boxes: a Han glyph is
  // exactly one em wide in every CJK font, and a box is not. Then the avatars take the Latin
  // initial, and the page says which font to install.
  var hanFont = (function () {
    var ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) return true;
    ctx.font = '40px ' + getComputedStyle(document.body).fontFamily;
    return ['\u4e2d', '\u6587', '\u767e'].every(function (ch) { return Math.abs(ctx.measureText(ch).width - 40) < 0.5; });
  })();
  var HAN = /\p{Script=Han}/u;
  if (!hanFont && Object.keys(data.cards).some(function (id) { return data.cards[id].zh.length; })) document.getElementById('fontnote').hidden = false;

  function mark(c) {
    var initial = (c.name.match(/[\p{L}\p{N}]/u) || ['?'])[0].toUpperCase();
    var first = hanFont && c.zh.length ? Array.from(c.zh[0])[0] : initial;
    if (!hanFont && HAN.test(first)) first = '?';
    return el('span', { class: 'mark', 'aria-hidden': 'true', lang: HAN.test(first) ? 'zh' : null }, first);
  }
  function meta(c) {
    if (c.type === 'product') return c.makers.length ? 'product · ' + names(c.makers) : 'product';
    return c.products.length ? c.type + ' · ' + plural(c.products.length, 'product', 'products') : c.type;
  }
  // A link the editor supplied, not the source, is marked so.
  function names(list) { return list.map(function (x) { return x.name + (x.byEditor ? ' (editor)' : ''); }).join(', '); }
  // Own keys only: a card id may be "constructor", which every object answers to.
  function viaOf(g, id) { return Object.prototype.hasOwnProperty.call(g.via, id) ? g.via[id] : null; }
  function cardButton(c, g) {
    var via = viaOf(g, c.id);
    var badges = el('span', { class: 'badges' },
      c.quotes.length ? el('span', { class: 'badge' }, plural(c.quotes.length, 'quote', 'quotes')) : null,
      c.figures.length ? el('span', { class: 'badge fig' }, plural(c.figures.length, 'figure', 'figures')) : null);
    var b = el('button', { type: 'button', class: 'card', 'data-testid': 'card', 'data-id': c.id, 'aria-haspopup': 'dialog' },
      mark(c),
      el('span', { class: 'card-name', 'data-testid': 'card-name' }, c.name),
      c.zh.length ? el('span', { class: 'card-zh', lang: 'zh' }, c.zh.join(' · ')) : null,
      el('span', { class: 'card-meta' }, meta(c)),
      via ? el('span', { class: 'card-via', 'data-testid': 'card-via', title: 'Shown here through ' + names(via) + (g.kind === 'segment' ? ', which the knowledge base lists in this segment' : '') }, 'via ' + names(via)) : null,
      badges.childNodes.length ? badges : null);
    b.addEventListener('click', function () { open(c.id, b); });
    return b;
  }

  var main = document.getElementById('groups');
  var nav = document.getElementById('nav');
  var sections = [];
  var nth = 0;
  data.groups.forEach(function (g) {
    var colour = g.kind === 'segment' ? PALETTE[nth++ % PALETTE.length] : g.kind === 'platforms' ? '#b8432f' : '#5b6b82';
    var n = g.organisations.length + g.products.length;
    var head = el('span', { class: 'n', 'data-testid': 'segment-count' });
    var section = el('section', { class: 'group', id: 'group-' + g.id, 'data-testid': 'segment', 'data-id': g.id, 'aria-label': g.name },
      el('div', { class: 'group-head' }, el('h2', { 'data-testid': 'segment-name' }, g.name), head),
      g.description ? el('p', { class: 'group-desc' }, g.description) : null);
    g.cites.forEach(function (q) {
      section.appendChild(el('figure', { class: 'group-cite', 'data-testid': 'group-cite' },
        el('blockquote', { class: 'quote-text' }, q.text), el('figcaption', { class: 'cite' }, cite(q.source, q.paragraphs))));
    });
    section.style.setProperty('--accent', colour);
    var subs = [];
    [['Organisations', g.organisations], ['Products', g.products]].forEach(function (part) {
      if (!part[1].length) return;
      var grid = el('div', { class: 'grid' });
      part[1].forEach(function (id) { grid.appendChild(cardButton(data.cards[id], g)); });
      var sub = el('div', { class: 'sub' }, el('h3', { class: 'sub-head' }, part[0]), grid);
      section.appendChild(sub);
      subs.push(sub);
    });
    main.appendChild(section);
    var chipCount = el('span', { class: 'n', 'data-testid': 'chip-count' });
    var chip = el('a', { class: 'chip', href: '#group-' + g.id, 'data-testid': 'chip', 'data-id': g.id }, g.name, chipCount);
    chip.style.setProperty('--accent', colour);
    nav.appendChild(chip);
    sections.push({ section: section, subs: subs, chip: chip, chipCount: chipCount, head: head, total: n });
  });

  var total = Object.keys(data.cards).length;
  var search = document.getElementById('search');
  var count = document.getElementById('count');
  var empty = document.getElementById('empty');
  // Every count on the page follows the filter: the chips, the section heads and the counter.
  function filter() {
    var terms = fold(search.value).split(' ').filter(Boolean);
    var shown = {};
    sections.forEach(function (s) {
      var here = 0;
      s.subs.forEach(function (sub) {
        var subAny = false;
        sub.querySelectorAll('.card').forEach(function (card) {
          var ok = matches(card.getAttribute('data-id'), terms);
          card.hidden = !ok;
          if (ok) { subAny = true; here++; shown[card.getAttribute('data-id')] = true; }
        });
        sub.hidden = !subAny;
      });
      s.section.hidden = !here;
      s.chip.hidden = !here;
      s.chipCount.textContent = String(here);
      s.head.textContent = terms.length ? here + ' of ' + plural(s.total, 'card', 'cards') : plural(s.total, 'card', 'cards');
    });
    var n = Object.keys(shown).length;
    count.textContent = terms.length ? n + ' of ' + total + ' shown' : plural(total, 'organisation or product', 'organisations and products');
    empty.hidden = n > 0;
    if (!n) empty.textContent = 'Nothing matches \u201c' + search.value.trim() + '\u201d.';
  }
  search.addEventListener('input', filter);
  search.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && search.value) { search.value = ''; filter(); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === '/' && document.activeElement !== search && !dialog.open) { e.preventDefault(); search.focus(); }
  });

  function cite(sourceId, paragraphs) {
    var s = data.sources[sourceId];
    var title = s ? s.title : sourceId;
    var titleNode = s && s.url ? el('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, el('cite', null, title)) : el('cite', null, title);
    return el('span', { 'data-testid': 'source' }, titleNode, ', \u00b6' + paragraphs.join(', \u00b6'));
  }

  var dialog = document.getElementById('panel');
  var body = document.getElementById('panel-body');
  var opener = null;
  function fact(dl, term, value) {
    if (!value) return;
    dl.appendChild(el('dt', null, term));
    dl.appendChild(el('dd', null, value));
  }
  function open(id, from) {
    var c = data.cards[id];
    opener = from || null;
    body.textContent = '';
    body.setAttribute('data-id', id);
    var others = c.aliases.filter(function (a) { return c.zh.indexOf(a) < 0; });
    var facts = el('dl', { class: 'facts' });
    fact(facts, 'Also called', others.join(', '));
    fact(facts, 'Made by', names(c.makers));
    fact(facts, 'Products', names(c.products));
    fact(facts, 'People', c.people.map(function (p) { return p.role ? p.name + ' (' + p.role + ')' : p.name; }).join(', '));
    fact(facts, 'Segments', c.segments.map(function (g) {
      var grp = data.groups.filter(function (x) { return x.id === g; })[0];
      return grp ? grp.name : g;
    }).join(', '));
    // Where else the page shows it, and through what: Platforms, or a segment through a product.
    fact(facts, 'Also shown in', data.groups.filter(function (g) {
      return g.kind === 'platforms' ? g.organisations.concat(g.products).indexOf(c.id) >= 0 : !!viaOf(g, c.id);
    }).map(function (g) { return viaOf(g, c.id) ? g.name + ' (via ' + names(viaOf(g, c.id)) + ')' : g.name; }).join('; '));
    body.appendChild(el('header', { class: 'panel-head' },
      el('div', null,
        el('h2', { id: 'panel-name', 'data-testid': 'panel-name' }, c.name),
        c.zh.length ? el('p', { class: 'panel-zh', lang: 'zh', 'data-testid': 'panel-zh' }, c.zh.join(' · ')) : null,
        el('p', { class: 'panel-type' }, c.type)),
      closeButton()));
    if (c.description) body.appendChild(el('p', { class: 'panel-desc', 'data-testid': 'panel-description' }, c.description));
    if (facts.childNodes.length) body.appendChild(facts);
    if (c.quotes.length) {
      body.appendChild(el('h3', null, 'Quotes (' + c.quotes.length + ')'));
      body.appendChild(el('ul', { class: 'claims', 'data-testid': 'quotes' }, ...c.quotes.map(function (q) {
        return el('li', { class: 'quote', 'data-testid': 'quote', 'data-id': q.id },
          el('blockquote', { class: 'quote-text', 'data-testid': 'quote-text' }, q.text),
          el('p', { class: 'cite' }, q.by ? '\u2014 ' + q.by + (q.role ? ' (' + q.role + ')' : '') + ' \u00b7 ' : '', cite(q.source, q.paragraphs)));
      })));
    }
    if (c.figures.length) {
      body.appendChild(el('h3', null, 'Figures (' + c.figures.length + ')'));
      body.appendChild(el('ul', { class: 'claims', 'data-testid': 'figures' }, ...c.figures.map(function (f) {
        return el('li', { class: 'figure', 'data-testid': 'figure', 'data-id': f.id },
          el('div', { class: 'fig-head' }, el('span', { class: 'fig-value', 'data-testid': 'figure-value' }, f.value), f.measures ? el('span', { class: 'fig-measures' }, f.measures) : null),
          el('p', { class: 'fig-text', 'data-testid': 'figure-text' }, f.text),
          el('p', { class: 'cite' }, [f.when, f.by].filter(Boolean).join(' \u00b7 ') + (f.when || f.by ? ' \u00b7 ' : ''), cite(f.source, f.paragraphs)));
      })));
    }
    if (!c.quotes.length && !c.figures.length) body.appendChild(el('p', { class: 'none' }, 'No quotes or figures about ' + c.name + ' in the knowledge base yet.'));
    body.appendChild(el('p', { class: 'foot' }, 'Every claim about it, statements and events too: ', el('code', null, 'aigc show ' + c.id)));
    dialog.showModal();
    dialog.scrollTop = 0;
  }
  function closeButton() {
    var b = el('button', { type: 'button', class: 'close', 'data-testid': 'close', 'aria-label': 'Close' }, '\u00d7');
    b.addEventListener('click', function () { dialog.close(); });
    return b;
  }
  dialog.addEventListener('close', function () { if (opener) opener.focus(); });
  // A click on the dimmed backdrop lands on the dialog itself, outside its content.
  dialog.addEventListener('click', function (e) { if (e.target === dialog) dialog.close(); });

  filter();
})();
`;
