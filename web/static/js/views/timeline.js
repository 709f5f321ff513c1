// The timeline: every dated event of the knowledge base in order, each
// with the readings its sources give — a Julian date beside the Gregorian
// day it means, a year beside a day — and lifecycle marks for treaties.

import { h, s } from '../dom.js';
import { get } from '../api.js';
import { day, words, labels, julianOf, yearFraction } from '../format.js';
import { entityLink } from '../state.js';
import { evidenceList } from '../evidence.js';

// Treaty lifecycle properties, in the order a treaty lives them.
const LIFECYCLE = ['negotiated', 'signed', 'ratified', 'ratification_refused', 'ratifications_exchanged',
  'in_force', 'implemented', 'never_implemented', 'confirmed_by', 'superseded_by', 'supersedes',
  'reversed_by', 'disowned_by'];

/** timelineView draws the timeline page. */
export async function timelineView(ctx) {
  const { root, state } = ctx;
  root.appendChild(h('header', { class: 'view-head' },
    h('h1', null, 'Timeline'),
    h('p', { class: 'lede' }, 'Treaties and events in order. Where sources give a date differently — in another ',
      'calendar or to another precision — each reading is shown with its source.')));
  const raw = await get('timeline');
  if (!ctx.current()) return;
  const entries = Array.isArray(raw) ? raw : (raw && (raw.entries || raw.events)) || [];
  const names = await labels(entries.map((e) => e.subject));
  if (!ctx.current()) return;

  // One row per subject and property: the readings of one event.
  const groups = new Map();
  for (const e of entries) {
    const key = e.subject + ' ' + e.property;
    if (!groups.has(key)) groups.set(key, { subject: e.subject, property: e.property, entries: [] });
    groups.get(key).entries.push(e);
  }
  const rows = [...groups.values()].map((g) => {
    g.at = Math.min(...g.entries.map((e) => yearFraction(e.date)).filter(Number.isFinite));
    g.best = bestReading(g.entries);
    return g;
  }).filter((g) => Number.isFinite(g.at)).sort((a, b) => a.at - b.at || a.subject.localeCompare(b.subject));

  const filter = h('div', { class: 'chips', role: 'group', 'aria-label': 'Show' });
  const list = h('ol', { class: 'timeline' });
  const kinds = [['all', 'All'], ['treaty', 'Treaties'], ['other', 'Events, people, places']];
  let shown = ctx.params.get('show') || 'all';
  const draw = () => {
    for (const li of list.children) {
      const isTreaty = li.getAttribute('data-kind') === 'treaty';
      li.hidden = shown === 'treaty' ? !isTreaty : shown === 'other' ? isTreaty : false;
    }
    for (const b of filter.children) b.setAttribute('aria-pressed', String(b.value === shown));
  };
  for (const [v, text] of kinds) {
    const b = h('button', { type: 'button', value: v, class: 'chip' }, text);
    b.addEventListener('click', () => {
      shown = v;
      draw();
    });
    filter.appendChild(b);
  }

  root.appendChild(overview(rows, names, state.date));
  root.appendChild(filter);
  for (const g of rows) list.appendChild(row(g, names));
  root.appendChild(list);
  draw();
}

// bestReading picks the reading a row is dated by: the most precise.
function bestReading(entries) {
  const rank = { day: 0, month: 1, year: 2, decade: 3, century: 4 };
  return [...entries].sort((a, b) => (rank[a.precision] ?? 5) - (rank[b.precision] ?? 5))[0];
}

function row(g, names) {
  const kind = String(g.subject).split('/')[0];
  const isLifecycle = LIFECYCLE.includes(g.property);
  const dates = new Set(g.entries.map((e) => e.date));
  const calendars = new Set(g.entries.map((e) => e.calendar));
  const differ = dates.size > 1 || calendars.size > 1;
  const id = 'ev-' + slugOf(g.subject + '-' + g.property);
  return h('li', { class: ['tl-row', 'kind-' + kind], id, 'data-kind': kind === 'treaty' ? 'treaty' : 'other',
    'data-subject': g.subject, 'data-property': g.property },
  h('div', { class: 'tl-date' }, readingDate(g.best)),
  h('div', { class: 'tl-body' },
    h('div', { class: 'tl-title' },
      h('a', { href: entityLink(g.subject) }, names.get(g.subject) || g.subject), ' ',
      h('span', { class: ['mark', isLifecycle ? 'mark-' + g.property : 'mark-event'] }, words(g.property)),
      differ ? h('span', { class: 'badge badge-warn', title: 'The sources give this date differently' },
        'sources differ') : null),
    h('ul', { class: 'readings' }, g.entries.map(reading))));
}

function slugOf(t) {
  return String(t).replace(/[^a-z0-9]+/gi, '-');
}

// readingDate gives a reading's Gregorian day in words.
function readingDate(e) {
  if (/\//.test(e.date)) {
    // An interval: each end to the precision it is written with.
    const [a, b] = e.date.split('/').map((x) => day(x));
    return a === b ? a : a + ' – ' + b;
  }
  if (/s$/.test(e.date)) return e.date;
  return day(e.date, e.precision);
}

// reading shows one source's date as written, in its calendar, and the
// Gregorian day it means: "16 mei 1858 — 16 May 1858 (Julian) = 28 May 1858".
function reading(e) {
  const parts = [h('span', { class: 'written' }, '“', e.written, '”')];
  if (e.calendar === 'julian') {
    const jul = e.precision === 'day' ? julianOf(e.date) : '';
    parts.push(' ', h('span', { class: 'original' }, jul ? day(jul, 'day') + ' (Julian)' : 'Julian calendar'),
      ' = ', h('span', { class: 'gregorian' }, readingDate(e), ' (Gregorian)'));
  } else if (e.calendar && e.calendar !== 'gregorian') {
    parts.push(' ', h('span', { class: 'original' }, words(e.calendar), ' calendar'),
      ' = ', h('span', { class: 'gregorian' }, readingDate(e), ' (Gregorian)'));
  } else {
    parts.push(' ', h('span', { class: 'gregorian' }, readingDate(e)));
  }
  if (e.precision && e.precision !== 'day') parts.push(h('span', { class: 'muted' }, ' · to the ', e.precision));
  return h('li', { class: 'reading', 'data-calendar': e.calendar }, h('div', null, parts),
    evidenceList(e.evidence));
}

// overview draws the rows on an axis of years, with the shared date marked.
function overview(rows, names, date) {
  const W = 1000;
  const H = 92;
  const from = 1620;
  const to = 1900;
  const x = (y) => 20 + ((y - from) / (to - from)) * (W - 40);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'tl-overview', role: 'img',
    'aria-label': 'Events from ' + from + ' to ' + to });
  svg.appendChild(s('line', { x1: x(from), x2: x(to), y1: 60, y2: 60, class: 'axis' }));
  for (let y = from; y <= to; y += 20) {
    svg.appendChild(s('line', { x1: x(y), x2: x(y), y1: 56, y2: 64, class: 'tick' }));
    svg.appendChild(s('text', { x: x(y), y: 80, class: 'tick-label', 'text-anchor': 'middle' }, String(y)));
  }
  const d = yearFraction(date);
  if (Number.isFinite(d) && d >= from && d <= to) {
    svg.appendChild(s('line', { x1: x(d), x2: x(d), y1: 6, y2: 66, class: 'now' }));
    svg.appendChild(s('text', { x: x(d) + 4, y: 14, class: 'now-label' }, day(date)));
  }
  const lanes = [];
  for (const g of rows) {
    if (g.at < from || g.at > to) continue;
    const cx = x(g.at);
    const isTreaty = String(g.subject).startsWith('treaty/');
    let lane = 0;
    while (lanes[lane] !== undefined && cx - lanes[lane] < 7) lane++;
    lanes[lane] = cx;
    const a = s('a', { href: entityLink(g.subject), class: 'tl-dot-link' },
      s('circle', { cx, cy: 52 - lane * 8, r: isTreaty ? 4 : 3, class: isTreaty ? 'dot treaty' : 'dot' }),
      s('title', null, day(g.best.date, g.best.precision) + ' — ' + (names.get(g.subject) || g.subject) + ' ' +
        words(g.property)));
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      const target = document.getElementById('ev-' + slugOf(g.subject + '-' + g.property));
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.classList.add('flash');
        setTimeout(() => target.classList.remove('flash'), 1600);
      }
    });
    svg.appendChild(a);
  }
  return h('figure', { class: 'tl-figure' }, svg);
}
