// The page's shell: the header with navigation, the date and perspective
// controls, and the router that draws one view at a time from the hash
// (#/map?date=1859-01-01&perspective=consensus).

import { h, clear } from './dom.js';
import { state, link, go } from './state.js';
import { get } from './api.js';
import { day } from './format.js';
import { mapView } from './views/map.js';
import { timelineView } from './views/timeline.js';
import { entityView, treatiesView } from './views/entity.js';
import { readerView, sourcesView } from './views/reader.js';
import { conflictsView } from './views/conflicts.js';
import { reviewView } from './views/review.js';
import { searchView } from './views/search.js';

// The slider's years: those of the bundled knowledge base until the
// timeline says which years the project's own documents speak of.
let FIRST_YEAR = 1680;
let LAST_YEAR = 1900;

const NAV = [
  ['map', 'Map'],
  ['timeline', 'Timeline'],
  ['treaties', 'Treaties'],
  ['sources', 'Documents'],
  ['conflicts', 'Disagreements'],
  ['review', 'Review'],
];

const views = {
  map: mapView,
  timeline: timelineView,
  treaties: treatiesView,
  treaty: entityView,
  entity: entityView,
  sources: sourcesView,
  source: readerView,
  conflicts: conflictsView,
  review: reviewView,
  search: searchView,
};

let renderCount = 0;
const controls = {};

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/').map((x) => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x; // a stray % is taken as written
    }
  });
  const name = parts[0] || 'map';
  return { name, rest: parts.slice(1).join('/'), params, path: path || 'map' };
}

async function render() {
  const route = parseHash();
  if (route.params.has('date')) state.date = route.params.get('date');
  if (route.params.has('perspective')) state.perspective = route.params.get('perspective') || 'consensus';
  state.sources = route.params.get('sources') || '';
  syncControls();
  syncNav(route);

  const view = views[route.name];
  const main = document.getElementById('view');
  clear(main);
  const root = h('section', { class: 'view', 'data-view': route.name, 'data-date': state.date,
    'data-perspective': state.perspective });
  main.appendChild(root);
  const n = ++renderCount;
  const ctx = {
    root,
    state: Object.assign({}, state),
    id: route.rest,
    params: route.params,
    current: () => n === renderCount,
  };
  if (!view) {
    root.appendChild(h('p', { class: 'error' }, 'No such page: ', route.path));
    root.setAttribute('data-ready', 'true');
    return;
  }
  try {
    await view(ctx);
  } catch (e) {
    if (!ctx.current()) return;
    root.appendChild(h('p', { class: 'error', role: 'alert' }, e.message || String(e)));
  }
  if (ctx.current()) root.setAttribute('data-ready', 'true');
}

function syncNav(route) {
  for (const [name, a] of controls.nav) {
    a.setAttribute('href', link(name));
    const here = route.name === name || (name === 'treaties' && (route.name === 'treaty' || route.name === 'entity')) ||
      (name === 'sources' && route.name === 'source');
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function syncControls() {
  const year = Number((/^(-?\d+)/.exec(state.date) || [])[1]);
  if (!Number.isNaN(year)) {
    controls.slider.value = String(Math.min(LAST_YEAR, Math.max(FIRST_YEAR, year)));
  }
  controls.dateShown.textContent = day(state.date);
  if (document.activeElement !== controls.dateInput) controls.dateInput.value = state.date;
  ensureOption(controls.perspective, state.perspective);
  controls.perspective.value = state.perspective;
  controls.sourcesBox.hidden = !state.sources && controls.perspective.dataset.sourcesOpen !== 'true';
  const chosen = new Set(state.sources ? state.sources.split(',') : []);
  for (const box of controls.sourcesBox.querySelectorAll('input[type=checkbox]')) {
    box.checked = chosen.has(box.value);
  }
  controls.sourcesToggle.setAttribute('aria-pressed', String(Boolean(state.sources)));
}

function ensureOption(select, value) {
  if (![...select.options].some((o) => o.value === value)) {
    select.appendChild(h('option', { value }, value));
  }
}

// setDate changes the shared date and redraws the current view.
function setDate(iso) {
  const route = parseHash();
  route.params.set('date', iso);
  route.params.set('perspective', state.perspective);
  location.hash = '#/' + route.path + '?' + route.params.toString();
}

function setPerspective(perspective, sources) {
  const route = parseHash();
  route.params.set('date', state.date);
  route.params.set('perspective', perspective);
  if (sources) route.params.set('sources', sources);
  else route.params.delete('sources');
  location.hash = '#/' + route.path + '?' + route.params.toString();
}

function buildHeader() {
  const header = document.getElementById('top');
  clear(header);
  controls.nav = NAV.map(([name, text]) => [name, h('a', { href: link(name) }, text)]);

  controls.slider = h('input', {
    type: 'range', min: FIRST_YEAR, max: LAST_YEAR, step: 1, id: 'year',
    'aria-label': 'Year',
  });
  // While the slider moves, the header shows the year it would choose.
  controls.slider.addEventListener('input', () => {
    controls.dateShown.textContent = controls.slider.value;
  });
  controls.slider.addEventListener('change', () => setDate(controls.slider.value + '-01-01'));

  controls.dateInput = h('input', {
    type: 'text', id: 'date-text', name: 'q', autocomplete: 'off', spellcheck: 'false',
    placeholder: '16 mei 1858, 咸豐九年, 1860-11-14…', 'aria-label': 'Date, in any form treatyline reads',
  });
  controls.dateShown = h('span', { class: 'date-shown' });
  controls.dateError = h('span', { class: 'date-error', role: 'alert', id: 'date-error' });
  const form = h('form', { class: 'date-form', id: 'date-form' }, controls.dateInput,
    h('button', { type: 'submit' }, 'Go'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = controls.dateInput.value.trim();
    controls.dateError.textContent = '';
    if (!q) return;
    try {
      const d = await get('date', { q });
      const start = d && (d.day || (d.gregorian && d.gregorian.start));
      if (!start) throw new Error('the date "' + q + '" has no first day');
      controls.dateInput.blur();
      setDate(start);
    } catch (e) {
      controls.dateError.textContent = e.message;
    }
  });

  controls.perspective = h('select', { id: 'perspective', 'aria-label': 'Perspective' },
    h('option', { value: 'consensus' }, 'Consensus'));
  controls.perspective.addEventListener('change', () => {
    setPerspective(controls.perspective.value, state.sources);
  });
  controls.sourcesToggle = h('button', { type: 'button', class: 'linkish', 'aria-pressed': 'false' }, 'Sources…');
  controls.sourcesBox = h('fieldset', { class: 'sources-box', hidden: true },
    h('legend', null, 'Count only these sources'));
  controls.sourcesToggle.addEventListener('click', () => {
    const open = controls.sourcesBox.hidden;
    controls.perspective.dataset.sourcesOpen = String(open);
    controls.sourcesBox.hidden = !open;
  });

  const search = h('form', { class: 'search', role: 'search' },
    h('input', { type: 'search', name: 'q', placeholder: 'Search names…', 'aria-label': 'Search entities' }));
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = search.elements.q.value.trim();
    if (q) go('search', { q });
  });

  header.appendChild(h('div', { class: 'bar' },
    h('a', { class: 'brand', href: link('map') }, 'treatyline'),
    h('nav', { 'aria-label': 'Views' }, controls.nav.map(([, a]) => a)),
    search));
  header.appendChild(h('div', { class: 'controls' },
    h('div', { class: 'control date-control' },
      h('label', { for: 'year' }, 'As of'),
      h('span', { class: 'range' }, controls.firstYear = h('span', { class: 'muted' }, String(FIRST_YEAR)), controls.slider,
        controls.lastYear = h('span', { class: 'muted' }, String(LAST_YEAR))),
      controls.dateShown),
    h('div', { class: 'control' }, form, controls.dateError),
    h('div', { class: 'control' }, h('label', { for: 'perspective' }, 'Perspective'), controls.perspective,
      controls.sourcesToggle),
    controls.sourcesBox));
}

// loadChoices fills the perspective selector with the polities and the
// sources box with the stored sources.
async function loadChoices() {
  let polities = [];
  try {
    const list = await get('entities', { kind: 'polity' });
    polities = (Array.isArray(list) ? list : (list && (list.entities || list.results)) || [])
      .filter((e) => !e.kind || e.kind === 'polity');
  } catch {
    polities = [];
  }
  if (!polities.length) {
    polities = [{ id: 'polity/qing', label: 'Qing' }, { id: 'polity/russia', label: 'Russia' }];
  }
  const sel = controls.perspective;
  for (const p of polities) {
    const name = p.label || (p.labels && (p.labels.en || Object.values(p.labels)[0])) || p.id;
    const have = [...sel.options].find((o) => o.value === p.id);
    if (have) have.textContent = 'View of ' + name;
    else sel.appendChild(h('option', { value: p.id }, 'View of ' + name));
  }
  try {
    const srcs = await get('sources');
    const list = Array.isArray(srcs) ? srcs : (srcs && srcs.sources) || [];
    for (const s of list) {
      const box = h('input', { type: 'checkbox', value: s.id });
      box.addEventListener('change', () => {
        const ids = [...controls.sourcesBox.querySelectorAll('input:checked')].map((b) => b.value);
        setPerspective(state.perspective, ids.join(','));
      });
      controls.sourcesBox.appendChild(h('label', { class: 'check', title: s.title || s.id }, box, ' ', s.id));
    }
  } catch {
    // The page works without the list; the sources box stays empty.
  }
  await fitYears();
  syncControls();
}

// fitYears sets the slider's range to the decades around the dated events
// of the project (a project of other documents than the bundled ones may
// speak of other centuries).
async function fitYears() {
  let years = [];
  try {
    const items = await get('timeline');
    years = (Array.isArray(items) ? items : []).map((it) => Number((/^(-?\d{1,4})/.exec(it.date || '') || [])[1]))
      .filter((y) => Number.isFinite(y));
  } catch {
    return;
  }
  if (!years.length) return;
  const first = Math.floor((Math.min(...years) - 20) / 10) * 10;
  const last = Math.ceil((Math.max(...years) + 20) / 10) * 10;
  FIRST_YEAR = first;
  LAST_YEAR = last;
  controls.slider.min = String(first);
  controls.slider.max = String(last);
  controls.firstYear.textContent = String(first);
  controls.lastYear.textContent = String(last);
}

function start() {
  buildHeader();
  window.addEventListener('hashchange', render);
  if (!location.hash) {
    history.replaceState(null, '', link('map'));
  }
  render();
  loadChoices();
}

start();
