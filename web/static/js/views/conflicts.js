// Disagreements: claims on one subject and property grouped across
// sources and classed — agree, agree after normalisation (another calendar
// or unit), compatible (one less precise), or conflict — with why, and each
// claim's source and quote.

import { h } from '../dom.js';
import { all } from '../api.js';
import { words, labels, idsIn, nameIds } from '../format.js';
import { entityLink, sourceLink } from '../state.js';

const CLASSES = [
  ['conflict', 'Conflict', 'the sources cannot both be right'],
  ['compatible', 'Compatible', 'one is less precise than the other'],
  ['agree_after_normalisation', 'Agree after normalisation', 'the same once calendars or units are converted'],
  ['agree', 'Agree', 'the sources say the same'],
];

/** conflictsView draws the disagreements page. */
export async function conflictsView(ctx) {
  const { root, params } = ctx;
  root.appendChild(h('header', { class: 'view-head' },
    h('h1', null, 'Disagreements'),
    h('p', { class: 'lede' }, 'Where sources speak of the same thing, what each says — shown, not hidden.')));
  const raw = await all('conflicts');
  if (!ctx.current()) return;
  const groups = Array.isArray(raw) ? raw : (raw && raw.groups) || [];
  const names = await labels(groups.flatMap((g) => [g.subject, ...idsIn(g.qualifiers), ...idsIn(g.why),
    ...(g.claims || []).flatMap((c) => [...idsIn(c.value), ...idsIn(c.normalised)])]));
  if (!ctx.current()) return;

  const counts = new Map();
  for (const g of groups) counts.set(g.class, (counts.get(g.class) || 0) + 1);
  let shown = params.get('class') || 'all';
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Class' });
  const sections = [];
  const draw = () => {
    for (const sec of sections) sec.hidden = shown !== 'all' && sec.getAttribute('data-class') !== shown;
    for (const b of chips.children) b.setAttribute('aria-pressed', String(b.value === shown));
  };
  const chip = (value, text, n) => {
    const b = h('button', { type: 'button', class: ['chip', 'chip-' + value], value }, text,
      n !== undefined ? h('span', { class: 'count' }, String(n)) : null);
    b.addEventListener('click', () => {
      shown = value;
      draw();
    });
    chips.appendChild(b);
  };
  chip('all', 'All', groups.length);
  for (const [c, text] of CLASSES) chip(c, text, counts.get(c) || 0);
  root.appendChild(chips);

  const known = new Set(CLASSES.map(([c]) => c));
  const order = [...CLASSES, ...[...counts.keys()].filter((c) => !known.has(c)).map((c) => [c, words(c), ''])];
  for (const [cls, text, about] of order) {
    const gs = groups.filter((g) => g.class === cls);
    if (!gs.length) continue;
    const sec = h('section', { class: 'conflict-class', 'data-class': cls },
      h('h2', null, h('span', { class: ['class-badge', 'class-' + cls] }, text), ' ',
        h('span', { class: 'muted small' }, about)));
    for (const g of gs) sec.appendChild(groupCard(g, names));
    sections.push(sec);
    root.appendChild(sec);
  }
  if (!groups.length) root.appendChild(h('p', { class: 'muted' }, 'No group of claims to compare.'));
  draw();
}

function groupCard(g, names) {
  return h('article', { class: ['group', 'class-' + g.class], 'data-class': g.class, 'data-subject': g.subject },
    h('h3', null, h('a', { href: entityLink(g.subject) }, names.get(g.subject) || g.subject), ' · ', words(g.property),
      g.qualifiers ? h('span', { class: 'muted small' }, ' (', nameIds(g.qualifiers, names), ')') : null),
    h('p', { class: 'why' }, nameIds(g.why, names), g.difference ? h('span', { class: 'muted' }, ' · difference ', g.difference) : null),
    h('table', { class: 'grid' },
      h('thead', null, h('tr', null, ['Value', 'Normalised', 'Source', 'Quote'].map((x) => h('th', null, x)))),
      h('tbody', null, (g.claims || []).map((c) => h('tr', { 'data-claim': c.id },
        h('td', null, nameIds(c.value, names), c.status === 'candidate' ? [' ', h('span', { class: 'badge badge-candidate' }, 'candidate: not reviewed')] : null,
          c.subsumed_by ? h('div', { class: 'muted small' }, 'subsumed by ', c.subsumed_by) : null),
        h('td', null, nameIds(c.normalised || '', names)),
        h('td', { class: 'nowrap' }, h('a', { href: sourceLink(c.source, Number(c.start), Number(c.end)) }, c.source)),
        h('td', null, h('q', null, c.quote)))))));
}
