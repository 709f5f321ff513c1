// The treaty page, which also serves any other entity: names, parties and
// signatories, dates in their original calendar and in the Gregorian one,
// the status on the shared date, provisions, relations, and every claim
// with its evidence. And the list of treaties.

import { h } from '../dom.js';
import { get, list, entityPath } from '../api.js';
import { day, words, labels, dateReadings, pickLabel, rememberLabel, idsIn, nameIds } from '../format.js';
import { link, entityLink, perspectiveQuery } from '../state.js';
import { evidenceList, basisList } from '../evidence.js';

const DATE_PROPS = ['negotiated', 'signed', 'ratified', 'ratifications_exchanged', 'in_force', 'point_in_time',
  'start_time', 'end_time', 'founded', 'born', 'died', 'appointed'];

/** treatiesView lists the treaties with their status on the shared date. */
export async function treatiesView(ctx) {
  const { root, state } = ctx;
  root.appendChild(h('header', { class: 'view-head' },
    h('h1', null, 'Treaties'),
    h('p', { class: 'lede' }, 'Their status on ', day(state.date), '. Open one for its parties, dates, terms and sources.')));
  const asof = await list('treaties', Object.assign({ date: state.date }, perspectiveQuery(state)));
  if (!ctx.current()) return;
  const list = h('ul', { class: 'cards' });
  const treaties = [...(asof.treaties || [])].sort((a, b) => String(a.signed || '9999').localeCompare(String(b.signed || '9999')));
  for (const t of treaties) {
    rememberLabel(t.id, t.label);
    list.appendChild(h('li', { class: 'card', 'data-treaty': t.id },
      h('h2', null, h('a', { href: entityLink(t.id) }, t.label || t.id)),
      h('p', null, h('span', { class: ['status', 'status-' + t.status] }, words(t.status)),
        t.signed ? h('span', { class: 'muted signed' }, ' · signed ', day(t.signed)) : null)));
  }
  root.appendChild(list);
}

/** entityView draws an entity's page; for a treaty, the treaty page. */
export async function entityView(ctx) {
  const { root, state, id } = ctx;
  if (!id) throw new Error('No entity named in the address.');
  const e = await get(entityPath(id));
  if (!ctx.current()) return;
  const isTreaty = e.kind === 'treaty';
  let status = null;
  let statusError = null;
  if (isTreaty) {
    try {
      status = await get('status', Object.assign({ treaty: e.id, on: state.date }, perspectiveQuery(state)));
    } catch (err) {
      statusError = err;
    }
  }
  // A rejected claim or provision is not a fact: it is left out of the
  // page (and counted); a candidate is shown, marked as not reviewed.
  const allClaims = e.claims || [];
  const claims = allClaims.filter((c) => c.status !== 'rejected');
  const provisions = (e.provisions || []).filter((p) => p.status !== 'rejected');
  const rejected = (allClaims.length - claims.length) + ((e.provisions || []).length - provisions.length);
  const findings = e.findings || [];
  const ids = [];
  if (status) ids.push(...(status.details || []).flatMap(idsIn), ...(status.basis || []).flatMap((b) => [...idsIn(b.provision), ...idsIn(b.event)]));
  for (const f of findings) ids.push(...idsIn(f.message));
  for (const c of claims) {
    if (c.value && c.value.entity) ids.push(c.value.entity);
    for (const q of Object.values(c.qualifiers || {})) if (q && q.entity) ids.push(q.entity);
  }
  for (const p of provisions) ids.push(...(p.grantors || []), ...(p.grantees || []), ...(p.objects || []));
  const names = await labels(ids);
  if (!ctx.current()) return;
  const n = (x) => names.get(x) || x;

  const title = pickLabel(e) || e.id;
  const others = Object.entries(e.labels || {}).filter(([lang, l]) => lang !== 'en' && l !== title);
  root.appendChild(h('header', { class: 'view-head' },
    h('p', { class: 'kicker' }, words(e.kind), ' · ', h('code', null, e.id)),
    h('h1', null, title),
    others.length ? h('p', { class: 'other-labels' }, others.map(([lang, l], i) =>
      [i ? ' · ' : '', h('span', { lang }, l), h('span', { class: 'muted' }, ' ', lang)])) : null,
    e.description ? h('p', { class: 'lede' }, e.description) : null,
    e.aliases && e.aliases.length ? h('p', { class: 'aliases small muted' }, 'Also: ', e.aliases.join(' · ')) : null));

  // The treaty's facts and its status on the day, side by side.
  const top = h('div', { class: isTreaty ? 'entity-top' : null });
  root.appendChild(top);

  const facts = h('dl', { class: 'facts' });
  const byProp = groupBy(claims, (c) => c.property);
  const entityFact = (prop, heading) => {
    const cs = byProp.get(prop);
    if (!cs) return;
    facts.append(h('dt', null, heading), h('dd', null, h('ul', { class: 'plain' }, uniqueBy(cs, (c) =>
      c.value_text + JSON.stringify(c.qualifiers || {})).map((c) => h('li', null,
      valueOf(c, n), qualifierWords(c, n), ' ', sourceChips(c, cs), statusBadge(c))))));
  };
  entityFact('party', 'Parties');
  entityFact('signatory', 'Signatories');
  entityFact('negotiator', 'Negotiators');
  entityFact('place_signed', 'Signed at');
  for (const prop of DATE_PROPS) {
    const cs = (byProp.get(prop) || []).filter((c) => c.value && c.value.date);
    if (!cs.length) continue;
    facts.append(h('dt', null, words(prop).replace(/^./, (c) => c.toUpperCase())),
      h('dd', null, h('ul', { class: 'plain dates' }, cs.map((c) => dateFact(c, n)))));
  }
  for (const prop of ['ratified', 'ratification_refused', 'disowned_by']) {
    const cs = (byProp.get(prop) || []).filter((c) => !(c.value && c.value.date));
    if (!cs.length) continue;
    facts.append(h('dt', null, words(prop).replace(/^./, (c) => c.toUpperCase())),
      h('dd', null, h('ul', { class: 'plain' }, cs.map((c) => h('li', null, valueOf(c, n), qualifierWords(c, n), ' ',
        sourceChips(c, [c]), statusBadge(c))))));
  }
  if (facts.children.length) {
    top.appendChild(h('section', { class: 'panel facts-panel' }, h('h2', null, isTreaty ? 'The treaty' : 'Facts'), facts));
  }
  if (isTreaty) top.appendChild(statusCard(status, statusError, state, names));

  const relations = claims.filter((c) => c.value && c.value.entity && String(c.value.entity).startsWith('treaty/'));
  if (relations.length) {
    root.appendChild(h('section', { class: 'panel relations' }, h('h2', null, 'Relations'),
      h('ul', { class: 'plain' }, uniqueBy(relations, (c) => c.property + c.value.entity).map((c) =>
        h('li', null, words(c.property), ' ', h('a', { href: entityLink(c.value.entity) }, n(c.value.entity)),
          ' ', sourceChips(c, relations.filter((o) => o.property === c.property && o.value.entity === c.value.entity)),
          statusBadge(c))))));
  }

  if (findings.length) {
    root.appendChild(h('section', { class: 'panel findings', 'data-findings': String(findings.length) },
      h('h2', null, 'Integrity findings (', String(findings.length), ')'),
      h('p', { class: 'small muted' }, 'Where the sources break a rule a careful reader expects (often a source’s own mistake, kept as written):'),
      h('ul', { class: 'plain' }, findings.map((f) => h('li', { class: 'finding' },
        h('strong', null, f.rule), ': ', nameIds(f.message, names), ' ',
        h('span', { class: 'muted small' }, '(', (f.sources || []).map((s) => s.slice(0, 3)).join(', '), ')'))))));
  }

  if (provisions.length) {
    const list = h('ol', { class: 'provisions' });
    for (const p of provisions) {
      list.appendChild(h('li', { class: 'provision', id: 'p-' + String(p.id).replace(/[^a-z0-9]+/gi, '-'), 'data-provision': p.id },
        h('h3', null, words(p.type), p.article ? h('span', { class: 'muted' }, ' · article ', p.article) : null,
          statusBadge(p)),
        h('p', null, list2(p.grantors, n), ' → ', list2(p.grantees, n),
          p.objects && p.objects.length ? [' · ', h('span', { class: 'muted' }, 'over '), links(p.objects, n)] : null),
        p.limits ? h('p', { class: 'limits' }, p.limits) : null,
        p.note ? h('p', { class: 'note small' }, p.note) : null,
        evidenceList(p.evidence)));
    }
    root.appendChild(h('section', { class: 'panel' }, h('h2', null, 'Provisions (', String(provisions.length), ')'), list));
  }

  if (!isTreaty && e.kind === 'territory') {
    root.appendChild(h('p', null, h('a', { href: link('map', { territory: e.id }) }, 'See it on the map, with its history of holders')));
  }

  root.appendChild(claimsTable(claims, n));
  if (rejected) {
    root.appendChild(h('p', { class: 'rejected-note small muted' }, String(rejected),
      rejected === 1 ? ' rejected claim or provision is' : ' rejected claims or provisions are',
      ' not shown: a reviewer rejected them, so they are not facts. The review page lists them.'));
  }
}

function statusCard(st, err, state, names) {
  const box = h('section', { class: 'panel status-card', 'data-status': st ? st.status : '' });
  box.appendChild(h('h2', null, 'Status on ', day(state.date)));
  if (err) {
    box.appendChild(h('p', { class: 'error', role: 'alert' }, err.message));
    return box;
  }
  if (!st) return box;
  box.appendChild(h('p', { class: 'status-line' },
    h('span', { class: ['status', 'status-' + st.status, 'big'] }, words(st.status)),
    st.since ? h('span', null, ' since ', day(st.since)) : null,
    st.window ? h('span', null, ' · between ', day(st.window.earliest), ' and ', day(st.window.latest)) : null,
    h('span', { class: 'muted' }, ' · ', st.perspective || (state.perspective === 'consensus' ? 'consensus view' : state.perspective))));
  if (st.signed) box.appendChild(h('p', { class: 'small muted signed' }, 'Signed: ', day(st.signed)));
  if (st.chosen) {
    box.appendChild(h('p', { class: 'small muted chosen' }, 'Of ', String(st.chosen.of), ' date claims, the page takes ',
      day(st.chosen.date), ' (', words(st.chosen.property), '): ', st.chosen.why, '.'));
  }
  if (st.details && st.details.length) {
    box.appendChild(h('ul', { class: 'details' }, st.details.map((d) => h('li', null, nameIds(d, names)))));
  }
  box.appendChild(h('details', null, h('summary', null, 'Basis (', String((st.basis || []).length), ')'), basisList(st.basis, names)));
  return box;
}

// dateFact shows a dated claim: as written, in its original calendar, and
// the Gregorian day it means.
function dateFact(c, n) {
  const d = c.value && c.value.date;
  const r = dateReadings(d);
  const written = (c.value && c.value.written) || (d && d.input) || c.value_text;
  return h('li', { class: 'date-fact', 'data-calendar': d ? d.calendar : '' },
    r.original ? [h('span', { class: 'original' }, r.original), ' = '] : null,
    h('span', { class: 'gregorian' }, r.gregorian || c.value_text, r.original ? ' (Gregorian)' : ''),
    d && d.precision && d.precision !== 'day' ? h('span', { class: 'muted' }, ' · to the ', d.precision) : null,
    qualifierWords(c, n),
    ' ', h('span', { class: 'written' }, '“', written, '”'),
    ' ', sourceChips(c, [c]));
}

function valueOf(c, n) {
  const v = c.value || {};
  if (v.entity) return h('a', { href: entityLink(v.entity) }, n(v.entity));
  if (v.date) {
    const r = dateReadings(v.date);
    return r.original ? r.original + ' = ' + r.gregorian : r.gregorian || c.value_text;
  }
  if (v.type === 'bool') return v.bool ? 'yes' : 'no';
  return c.value_text || v.text || v.written || '';
}

function qualifierWords(c, n) {
  const q = Object.entries(c.qualifiers || {});
  if (!q.length) return null;
  return h('span', { class: 'qualifiers' }, ' (', q.map(([k, v], i) => [i ? ', ' : '', words(k), ': ',
    v && v.entity ? h('a', { href: entityLink(v.entity) }, n(v.entity)) : (v && (v.text || v.written || v.value_text)) || JSON.stringify(v)]), ')');
}

// sourceChips lists the sources of claims that say the same thing.
function sourceChips(c, same) {
  const ev = same.flatMap((x) => x.evidence || []);
  const seen = new Set();
  return h('span', { class: 'chips-inline' }, ev.filter((e) => !seen.has(e.source) && seen.add(e.source)).map((e) =>
    h('a', { class: 'source-chip', href: link('source/' + e.source, { start: e.start, end: e.end }), title: e.quote }, e.source.slice(0, 3))));
}

function statusBadge(x) {
  if (!x.status || x.status === 'accepted') return null;
  const text = x.status === 'candidate' ? 'candidate: not reviewed' : x.status;
  return [' ', h('span', { class: ['badge', 'badge-' + x.status], title: 'review status' }, text)];
}

function list2(ids, n) {
  return links(ids || [], n);
}

function links(ids, n) {
  return ids.map((id, i) => [i ? ', ' : '', h('a', { href: entityLink(id) }, n(id))]);
}

function claimsTable(claims, n) {
  const box = h('section', { class: 'panel claims' }, h('h2', null, 'All claims (', String(claims.length), ')'));
  const table = h('table', { class: 'grid claims-table' },
    h('thead', null, h('tr', null, ['Property', 'Value', 'Status', 'Evidence'].map((x) => h('th', null, x)))));
  const body = h('tbody');
  for (const c of claims) {
    body.appendChild(h('tr', { id: 'c-' + String(c.id).replace(/[^a-z0-9]+/gi, '-'), 'data-claim': c.id },
      h('td', { class: 'nowrap' }, words(c.property)),
      h('td', null, valueOf(c, n), qualifierWords(c, n), c.note ? h('div', { class: 'note small' }, c.note) : null),
      h('td', null, h('span', { class: ['badge', 'badge-' + c.status] }, c.status === 'candidate' ? 'candidate: not reviewed' : c.status),
        c.rank && c.rank !== 'normal' ? h('span', { class: 'badge' }, c.rank) : null),
      h('td', null, evidenceList(c.evidence))));
  }
  table.appendChild(body);
  box.appendChild(table);
  return box;
}

function groupBy(xs, key) {
  const m = new Map();
  for (const x of xs) {
    const k = key(x);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(x);
  }
  return m;
}

function uniqueBy(xs, key) {
  const seen = new Set();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
