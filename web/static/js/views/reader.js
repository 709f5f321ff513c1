// The document reader: a source's text with the spans that evidence claims
// and provisions highlighted, each linked to what it supports. Offsets are
// Unicode code points, so the text is cut as Array.from(text), never by
// JavaScript's UTF-16 indexes.

import { h, clear } from '../dom.js';
import { get } from '../api.js';
import { words, labels } from '../format.js';
import { link, entityLink } from '../state.js';
import { treatyOfProvision } from '../evidence.js';

/** sourcesView lists the documents. */
export async function sourcesView(ctx) {
  const { root } = ctx;
  root.appendChild(h('header', { class: 'view-head' }, h('h1', null, 'Documents'),
    h('p', { class: 'lede' }, 'The sources every claim is anchored to. Open one to read it with its evidence highlighted.')));
  const raw = await get('sources');
  if (!ctx.current()) return;
  const list = Array.isArray(raw) ? raw : (raw && raw.sources) || [];
  const ul = h('ul', { class: 'cards' });
  for (const src of list) {
    ul.appendChild(h('li', { class: 'card', 'data-source': src.id },
      h('h2', null, h('a', { href: link('source/' + src.id) }, src.title || src.id)),
      h('p', { class: 'muted small' }, h('code', null, src.id),
        src.lang || src.language ? [' · ', src.lang || src.language] : null,
        src.origin || src.url ? [' · ', src.origin || src.url] : null)));
  }
  root.appendChild(ul);
}

/** readerView shows one document with its evidence spans. */
export async function readerView(ctx) {
  const { root, id, params } = ctx;
  const doc = await get('sources/' + encodeURIComponent(id));
  if (!ctx.current()) return;
  const text = doc.text || '';
  const spans = (doc.spans || doc.evidence || []).map((sp) => Object.assign({}, sp, {
    start: Number(sp.start), end: Number(sp.end) })).filter((sp) => sp.end > sp.start);
  const subjects = spans.map(subjectOf).filter(Boolean);
  const names = await labels(subjects);
  if (!ctx.current()) return;

  const meta = doc.source || doc;
  root.appendChild(h('header', { class: 'view-head' },
    h('p', { class: 'kicker' }, 'Document · ', h('code', null, meta.id || id)),
    h('h1', null, meta.title || meta.id || id),
    h('p', { class: 'muted small' },
      meta.lang || meta.language ? ['Language: ', meta.lang || meta.language] : null,
      meta.origin || meta.url ? [' · ', meta.origin || meta.url] : null,
      meta.sha256 ? [' · sha256 ', h('code', null, String(meta.sha256).slice(0, 12), '…')] : null,
      ' · ', String(countSpans(spans)), ' evidence spans')));

  const layout = h('div', { class: 'reader-layout' });
  const body = h('article', { class: 'doc-text', id: 'doc-text', lang: meta.lang || meta.language || null });
  const side = h('aside', { class: 'reader-side' },
    h('h2', null, 'Evidence'),
    h('p', { class: 'muted small' }, 'Choose a highlighted passage to see what it supports.'));
  const info = h('div', { class: 'span-info', 'aria-live': 'polite' });
  side.appendChild(info);
  layout.append(body, side);
  root.appendChild(layout);

  const chars = Array.from(text);
  renderSpans(body, chars, spans, (group, mark) => showSpan(info, group, names, mark, body));

  const want = [Number(params.get('start')), Number(params.get('end'))];
  if (Number.isFinite(want[0]) && Number.isFinite(want[1])) {
    const target = findMark(body, want[0], want[1]);
    if (target) {
      target.classList.add('target');
      target.scrollIntoView({ block: 'center' });
      target.click();
    }
  }
}

// subjectOf gives the entity a span supports: its claim's subject, or the
// treaty of its provision.
function subjectOf(sp) {
  if (sp.subject) return sp.subject;
  if (sp.treaty) return sp.treaty;
  if (sp.provision) return treatyOfProvision(sp.provision);
  return '';
}

function countSpans(spans) {
  return new Set(spans.map((sp) => sp.start + ':' + sp.end)).size;
}

// renderSpans writes chars[from, to) into el with a <mark> for each span.
// Spans with the same offsets share a mark; a span inside another nests in
// its mark; a span that crosses another's end is cut there, and the rest
// marked on its own.
export function renderSpans(el, chars, spans, onPick) {
  const byRange = new Map();
  for (const sp of spans) {
    if (sp.start < 0 || sp.end > chars.length) continue;
    const k = sp.start + ':' + sp.end;
    if (!byRange.has(k)) byRange.set(k, { start: sp.start, end: sp.end, spans: [] });
    byRange.get(k).spans.push(sp);
  }
  const groups = [...byRange.values()];
  fill(el, chars, 0, chars.length, groups, onPick);
}

function fill(el, chars, from, to, groups, onPick) {
  const pending = groups.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  let pos = from;
  while (pending.length) {
    const g = pending.shift();
    if (g.start < pos) {
      // Starts inside text already written (a piece cut off earlier): begin at pos.
      if (g.end <= pos) continue;
      insertSorted(pending, Object.assign({}, g, { start: pos, piece: true }));
      continue;
    }
    if (g.start > pos) el.appendChild(document.createTextNode(chars.slice(pos, g.start).join('')));
    const inner = [];
    const rest = [];
    for (const o of pending) {
      if (o.start >= g.end) rest.push(o);
      else if (o.end <= g.end) inner.push(o);
      else {
        inner.push(Object.assign({}, o, { end: g.end, piece: true }));
        rest.push(Object.assign({}, o, { start: g.end, piece: true }));
      }
    }
    pending.length = 0;
    pending.push(...rest.sort((a, b) => a.start - b.start || b.end - a.end));
    const mark = h('mark', {
      class: ['ev', g.piece ? 'ev-piece' : null, g.spans.length > 1 ? 'ev-many' : null],
      'data-start': g.start, 'data-end': g.end,
      'data-claims': g.spans.map((sp) => sp.claim || sp.provision || '').filter(Boolean).join(' ') || null,
      tabindex: 0,
    });
    fill(mark, chars, g.start, g.end, inner, onPick);
    mark.addEventListener('click', (ev) => {
      ev.stopPropagation();
      onPick(g, mark);
    });
    mark.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter') onPick(g, mark);
    });
    el.appendChild(mark);
    pos = g.end;
  }
  if (pos < to) el.appendChild(document.createTextNode(chars.slice(pos, to).join('')));
}

function insertSorted(list, g) {
  list.push(g);
  list.sort((a, b) => a.start - b.start || b.end - a.end);
}

function findMark(body, start, end) {
  let best = null;
  for (const m of body.querySelectorAll('mark.ev')) {
    const s = Number(m.getAttribute('data-start'));
    const e = Number(m.getAttribute('data-end'));
    if (s === start && e === end) return m;
    if (s <= start && e >= end && (!best || e - s < Number(best.getAttribute('data-end')) - Number(best.getAttribute('data-start')))) best = m;
  }
  return best;
}

// showSpan lists what a highlighted passage supports.
function showSpan(info, g, names, mark, body) {
  for (const m of body.querySelectorAll('mark.active')) m.classList.remove('active');
  mark.classList.add('active');
  clear(info);
  info.appendChild(h('blockquote', null, mark.textContent));
  info.appendChild(h('p', { class: 'muted small' }, 'Characters ', String(g.start), '–', String(g.end)));
  const ul = h('ul', { class: 'plain span-claims' });
  for (const sp of g.spans) {
    const subject = subjectOf(sp);
    const what = [];
    if (subject) what.push(h('a', { href: entityLink(subject) }, names.get(subject) || subject));
    if (sp.property) what.push(' ', words(sp.property));
    if (sp.value || sp.value_text) what.push(' = ', sp.value_text || (typeof sp.value === 'string' ? sp.value : ''));
    const ref = sp.claim || sp.provision;
    ul.appendChild(h('li', null, what,
      ref ? h('div', { class: 'small muted' }, sp.claim ? 'claim ' : 'provision ',
        h('a', { href: entityLink(subject || ref) }, ref)) : null,
      sp.status && sp.status !== 'accepted' ? h('span', { class: ['badge', 'badge-' + sp.status] }, sp.status) : null));
  }
  info.appendChild(ul);
}
