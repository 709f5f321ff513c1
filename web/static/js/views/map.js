// The map: the territories as of the shared date and perspective, coloured
// by holder, over Natural Earth land, with rivers and places; a legend, the
// list of holdings, and a territory's history when one is chosen.
//
// d3-geo and topojson-client are the vendored UMD builds, loaded by
// index.html before this module: they are the globals d3 and topojson.

import { h, s, clear } from '../dom.js';
import { get } from '../api.js';
import { day, words, labels, colour, rememberLabel, idsIn, nameIds, fallbackLabel } from '../format.js';
import { entityLink, perspectiveQuery } from '../state.js';
import { basisList } from '../evidence.js';

const W = 960;
const H = 620;
// The frame the map fits: from the Ili valley in the west to Sakhalin and
// the Okhotsk coast in the east.
const FRAME = { type: 'MultiPoint', coordinates: [[77, 39], [146, 39], [77, 57], [146, 57], [111, 59], [111, 36]] };

let landPromise = null;
let geoPromise = null;

function land() {
  if (!landPromise) {
    landPromise = fetch('vendor/land-50m.json')
      .then((r) => {
        if (!r.ok) throw new Error('land-50m.json: ' + r.status);
        return r.json();
      })
      .then((topo) => topojson.feature(topo, topo.objects.land))
      .catch((e) => {
        landPromise = null;
        throw e;
      });
  }
  return landPromise;
}

// geoFeatures reads GET /api/v1/geo into GeoJSON features with properties
// id, kind and label, whether it answers a FeatureCollection or a list of
// entities with geometries.
function geoFeatures() {
  if (!geoPromise) {
    geoPromise = get('geo').then((g) => {
      const list = Array.isArray(g) ? g : (g && (g.features || g.entities)) || [];
      return list.map((f) => {
        if (f.type === 'Feature') {
          const p = f.properties || {};
          const id = p.id || f.id;
          return { type: 'Feature', id, geometry: f.geometry,
            properties: { id, kind: p.kind || String(id).split('/')[0], label: p.label || pickLabelOf(p) || id,
              approximate: Boolean(p.approximate), placedBy: p.placed_by || '' } };
        }
        const geom = f.geometry && (f.geometry.geojson || f.geometry);
        return { type: 'Feature', id: f.id, geometry: geom,
          properties: { id: f.id, kind: f.kind || String(f.id).split('/')[0], label: f.label || pickLabelOf(f) || f.id,
            approximate: Boolean(f.geometry && f.geometry.approximate) } };
      }).filter((f) => f.geometry && f.geometry.type).map(rewind);
    }).catch((e) => {
      geoPromise = null;
      throw e;
    });
  }
  return geoPromise;
}

// rewind turns the rings of a polygon so that d3-geo reads them as the
// small area they enclose. GeoJSON (RFC 7946) winds exterior rings
// counter-clockwise; d3-geo, working on the sphere, takes a ring's inside
// to be on its right, so a counter-clockwise ring would be the whole globe
// less the territory.
function rewind(f) {
  const g = f.geometry;
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return f;
  if (d3.geoArea(f) <= 2 * Math.PI) return f;
  const flip = (rings) => rings.map((r) => r.slice().reverse());
  const coordinates = g.type === 'Polygon' ? flip(g.coordinates) : g.coordinates.map(flip);
  return Object.assign({}, f, { geometry: { type: g.type, coordinates } });
}

function pickLabelOf(o) {
  const ls = o.labels || {};
  return ls.en || Object.values(ls)[0] || '';
}

/** mapView draws the map page. */
export async function mapView(ctx) {
  const { root, state } = ctx;
  root.appendChild(h('header', { class: 'view-head' },
    h('h1', null, 'Territories on ', h('span', { class: 'date-words' }, day(state.date))),
    h('p', { class: 'lede' }, perspectiveWords(state),
      '. Who held each territory, the rights in force and each treaty’s status — each with the quotes behind it.')));

  const [landGeo, feats, asof] = await Promise.all([
    land(),
    geoFeatures(),
    // The map shows every territory, right and treaty: the whole state,
    // asked for as such.
    get('asof', Object.assign({ date: state.date, all: 1 }, perspectiveQuery(state))),
  ]);
  if (!ctx.current()) return;

  const territories = asof.territories || [];
  const byId = new Map(territories.map((t) => [t.id, t]));
  for (const t of territories) rememberLabel(t.id, t.label);
  for (const tr of asof.treaties || []) rememberLabel(tr.id, tr.label);
  const holderIds = [...new Set(territories.flatMap((t) => t.holders || []))];
  const rightIds = (asof.rights || []).flatMap((r) => [...(r.holders || []), ...(r.grantor || []), ...(r.object || [])]);
  const textIds = [...territories.flatMap((t) => [...idsIn(t.note), ...(t.jurisdiction || []), ...(t.disowned_by || []),
    ...(t.basis || []).flatMap((b) => [...idsIn(b.provision), ...idsIn(b.event)])]),
    ...(asof.treaties || []).flatMap((t) => (t.details || []).flatMap(idsIn))];
  const names = await labels([...holderIds, ...rightIds, ...textIds]);
  if (!ctx.current()) return;

  const layout = h('div', { class: 'map-layout' });
  const figure = h('figure', { class: 'map-figure' });
  const side = h('aside', { class: 'map-side' });
  layout.append(figure, side);
  root.appendChild(layout);

  const detail = h('section', { class: 'territory-detail', id: 'territory-detail', 'aria-live': 'polite' });
  const select = (id) => showTerritory(ctx, detail, byId.get(id), names, figure);

  // A territory is drawn when it has a shape or a point (its own, or one
  // the gazetteer found by its name); the others are listed beside the map.
  const isTerritory = (f) => f.properties.kind === 'territory' || byId.has(f.properties.id);
  const drawnIds = new Set(feats.filter(isTerritory).map((f) => f.properties.id));
  const empty = territories.length === 0 && feats.length === 0;
  if (empty) {
    figure.appendChild(h('div', { class: 'map-empty panel', id: 'map-empty' },
      h('p', null, h('strong', null, 'Nothing on the map yet.'), ' This project holds no territories. Bring your documents: ',
        h('code', null, 'treatyline ingest DIR'), ' (or POST /api/v1/sources with "ingest": true), then review what it ',
        'proposes on the ', h('a', { href: '#/review' }, 'review page'), '.')));
  }
  figure.appendChild(drawMap(landGeo, feats, byId, names, select, isTerritory, empty));
  figure.appendChild(h('figcaption', { class: 'muted' },
    'Territory outlines are approximate: drawn by hand through the rivers, ranges and coasts that bound them, ',
    'or found by name in the gazetteer that ships with treatyline (GeoNames places, Natural Earth countries). ',
    'Land: Natural Earth 1:50m.'));

  side.appendChild(legend(territories.filter((t) => drawnIds.has(t.id)), names));
  side.appendChild(unplacedList(territories.filter((t) => !drawnIds.has(t.id)), names, select, drawnIds.size > 0));
  side.appendChild(holdingsList(territories, names, select));
  side.appendChild(detail);

  root.appendChild(rightsTable(asof.rights || [], names));
  root.appendChild(treatiesTable(asof.treaties || [], names));

  const wanted = ctx.params.get('territory');
  if (wanted && byId.has(wanted)) await select(wanted);
}

function perspectiveWords(st) {
  const parts = [];
  if (!st.perspective || st.perspective === 'consensus') parts.push('Consensus view');
  else parts.push('In the view of ' + st.perspective);
  if (st.sources) parts.push('counting only ' + st.sources.split(',').join(', '));
  return parts.join(', ');
}

// fillFor gives a territory's fill: a colour, or a pattern for joint,
// disputed, occupied and uncertain holdings, made once per combination.
function fillFor(t, defs, patterns) {
  const holders = (t && t.holders) || [];
  const mode = (t && t.mode) || 'unknown';
  if (mode === 'sole' && holders.length === 1) return colour(holders[0]);
  if (mode === 'unknown' || holders.length === 0) {
    return mode === 'uncertain' ? patternFill(defs, patterns, 'uncertain', ['#8a8f98']) : 'url(#pat-unknown)';
  }
  return patternFill(defs, patterns, mode, [...holders, ...(mode === 'split' ? (t.jurisdiction || []) : [])].map(colour));
}

function patternFill(defs, patterns, mode, colours) {
  const key = mode + ':' + colours.join(',');
  if (!patterns.has(key)) {
    const id = 'pat-' + patterns.size;
    defs.appendChild(makePattern(id, mode, colours));
    patterns.set(key, id);
  }
  return 'url(#' + patterns.get(key) + ')';
}

// makePattern draws the hatchings: joint holdings in diagonal stripes of
// each holder's colour; disputed in wide stripes with a dark rule between;
// occupied in a cross-hatch of the occupier's colour; uncertain in dots.
function makePattern(id, mode, colours) {
  const size = 12;
  const p = s('pattern', { id, patternUnits: 'userSpaceOnUse', width: size, height: size,
    patternTransform: mode === 'occupied' ? null : 'rotate(45)' });
  if (mode === 'split') {
    // Sovereignty in a wide band, jurisdiction in a narrow one.
    const wide = size * 0.75;
    p.appendChild(s('rect', { x: 0, y: 0, width: wide, height: size, fill: colours[0] }));
    colours.slice(1).forEach((c, i, rest) => p.appendChild(s('rect', { x: wide + i * (size - wide) / rest.length, y: 0,
      width: (size - wide) / rest.length, height: size, fill: c })));
  } else if (mode === 'joint' || mode === 'disputed') {
    const band = size / colours.length;
    colours.forEach((c, i) => p.appendChild(s('rect', { x: i * band, y: 0, width: band, height: size, fill: c })));
    if (mode === 'disputed') {
      p.appendChild(s('rect', { x: 0, y: 0, width: 1.6, height: size, fill: '#1d1f24' }));
    }
  } else if (mode === 'occupied') {
    p.appendChild(s('rect', { width: size, height: size, fill: '#f4f1ea' }));
    p.appendChild(s('path', { d: `M0 0L${size} ${size}M${size} 0L0 ${size}`, stroke: colours[0], 'stroke-width': 2.2 }));
  } else {
    p.appendChild(s('rect', { width: size, height: size, fill: '#eceae4' }));
    colours.forEach((c, i) => p.appendChild(s('circle', { cx: 3 + i * 6, cy: 3 + i * 6, r: 2, fill: c })));
  }
  return p;
}

// frameOf gives the projection for what is drawn: the north-east Asian
// frame when every territory drawn lies in it, else a conic projection
// fitted to the territories (or, with none, to every place), and a world
// map for an empty project.
function frameOf(feats, isTerritory, empty) {
  if (empty) {
    return d3.geoEqualEarth().fitExtent([[12, 12], [W - 12, H - 12]], { type: 'Sphere' });
  }
  let shown = feats.filter(isTerritory);
  if (!shown.length) shown = feats;
  const fc = { type: 'FeatureCollection', features: shown };
  const [[x0, y0], [x1, y1]] = shown.length ? d3.geoBounds(fc) : [[77, 36], [146, 59]];
  const inFrame = x0 >= 70 && x1 <= 150 && y0 >= 30 && y1 <= 62 && x0 <= x1;
  if (inFrame) {
    return d3.geoConicConformal().parallels([40, 56]).rotate([-111, 0])
      .fitExtent([[12, 12], [W - 12, H - 12]], FRAME);
  }
  // Pad the bounds, so that a lone point or a small island has land around it.
  const pad = Math.max(4, 0.15 * Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)));
  const lon = x0 <= x1 ? (x0 + x1) / 2 : (x0 + x1 + 360) / 2;
  const south = Math.max(-80, y0 - pad);
  const north = Math.min(84, y1 + pad);
  const box = { type: 'MultiPoint', coordinates: [[lon - (Math.abs(x1 - x0) / 2 + pad), south], [lon + (Math.abs(x1 - x0) / 2 + pad), north],
    [lon - (Math.abs(x1 - x0) / 2 + pad), north], [lon + (Math.abs(x1 - x0) / 2 + pad), south], [lon, (south + north) / 2]] };
  const mid = (south + north) / 2;
  const parallels = Math.abs(mid) < 8 ? null : [mid - 8, mid + 8];
  const proj = parallels ? d3.geoConicConformal().parallels(parallels) : d3.geoMercator();
  return proj.rotate([-lon, 0]).fitExtent([[12, 12], [W - 12, H - 12]], box);
}

function drawMap(landGeo, feats, byId, names, select, isTerritory, empty) {
  const projection = frameOf(feats, isTerritory, empty).clipExtent([[0, 0], [W, H]]);
  const path = d3.geoPath(projection);

  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', id: 'map',
    'aria-label': empty ? 'An empty map of the world' : 'Map of the territories' });
  const defs = s('defs');
  svg.appendChild(defs);
  const unknown = s('pattern', { id: 'pat-unknown', patternUnits: 'userSpaceOnUse', width: 8, height: 8 },
    s('rect', { width: 8, height: 8, fill: '#e9e7e1' }),
    s('path', { d: 'M0 8L8 0', stroke: '#c5c2ba', 'stroke-width': 1 }));
  defs.appendChild(unknown);
  const patterns = new Map();

  svg.appendChild(s('rect', { width: W, height: H, class: 'sea' }));
  svg.appendChild(s('path', { class: 'graticule', d: path(d3.geoGraticule10()) }));
  svg.appendChild(s('path', { class: 'land', d: path(landGeo) }));

  const terrFeats = feats.filter(isTerritory)
    // Larger first, so that a territory inside another stays visible.
    .sort((a, b) => d3.geoArea(b) - d3.geoArea(a));
  const gTerr = s('g', { class: 'territories' });
  const gLabels = s('g', { class: 'territory-labels' });
  const seenCentroids = [];
  for (const f of terrFeats) {
    const id = f.properties.id;
    const t = byId.get(id);
    if (!t) continue;
    const point = f.geometry.type === 'Point';
    if (point) path.pointRadius(7);
    const d = path(f);
    if (point) path.pointRadius(4.5);
    if (!d) continue;
    const holders = t.holders || [];
    const disputed = (t.disowned_by || []).length > 0 || t.mode === 'disputed';
    const el = s('path', {
      d, class: ['territory', 'mode-' + t.mode, disputed ? 'contested' : null, t.mode === 'uncertain' ? 'uncertain' : null],
      fill: fillFor(t, defs, patterns),
      'data-id': id,
      'data-territory': id,
      'data-holder': holders.join(' '),
      'data-mode': t.mode,
      'data-contested': disputed ? 'true' : null,
      'data-placed-by': f.properties.placedBy || null,
      tabindex: 0,
      role: 'button',
      'aria-label': t.label + ': ' + holdingWords(t, names),
    }, s('title', null, t.label + ' — ' + holdingWords(t, names)));
    el.addEventListener('click', () => select(id));
    el.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        select(id);
      }
    });
    gTerr.appendChild(el);

    let [x, y] = path.centroid(f);
    if (!Number.isFinite(x)) continue;
    if (path.area(f) < 600) {
      // Too small to hold its name: the name goes beside it, with a leader.
      const [lx, ly] = [x < W / 2 ? x + 80 : x - 70, y + 34];
      gLabels.appendChild(s('line', { x1: x, y1: y, x2: lx + 4, y2: ly - 10, class: 'leader' }));
      gLabels.appendChild(s('text', { x: lx, y: ly, class: 'territory-label small', 'text-anchor': 'middle', 'data-territory': id },
        shortLabel(t.label)));
      continue;
    }
    // Territories drawn on the same outline share a centroid: stack their labels.
    while (seenCentroids.some(([cx, cy]) => Math.abs(cx - x) < 60 && Math.abs(cy - y) < 14)) y += 15;
    seenCentroids.push([x, y]);
    gLabels.appendChild(s('text', { x, y, class: 'territory-label', 'text-anchor': 'middle', 'data-territory': id },
      shortLabel(t.label)));
  }
  svg.appendChild(gTerr);

  const gRivers = s('g', { class: 'rivers' });
  const gPlaces = s('g', { class: 'places' });
  for (const f of feats) {
    const k = f.properties.kind;
    const type = f.geometry.type;
    if (isTerritory(f)) continue;
    // A state's outline found by name is drawn only where the state is a
    // land held by another (a territory of the day).
    if (f.properties.placedBy === 'gazetteer' && k === 'polity') continue;
    if (type === 'LineString' || type === 'MultiLineString') {
      const d = path(f);
      if (!d) continue;
      gRivers.appendChild(s('path', { d, class: k === 'river' ? 'river' : 'line', 'data-id': f.properties.id },
        s('title', null, f.properties.label)));
      const coords = type === 'LineString' ? f.geometry.coordinates : f.geometry.coordinates[0];
      const mid = projection(coords[Math.floor(coords.length / 2)]);
      if (mid && inside(mid)) {
        gRivers.appendChild(s('text', { x: mid[0] + 4, y: mid[1] - 4, class: 'river-label' }, f.properties.label));
      }
    } else if (type === 'Point') {
      const p = projection(f.geometry.coordinates);
      if (!p || !inside(p)) continue;
      const cls = k === 'city' || k === 'port' ? 'place' : 'feature';
      gPlaces.appendChild(s('g', { class: cls, 'data-id': f.properties.id },
        s('circle', { cx: p[0], cy: p[1], r: cls === 'place' ? 2.6 : 0 }),
        s('text', { x: p[0] + 5, y: p[1] + 3.5 }, f.properties.label),
        s('title', null, f.properties.label)));
    } else if (type === 'Polygon' || type === 'MultiPolygon') {
      const d = path(f);
      if (d) gRivers.appendChild(s('path', { d, class: 'area-outline', 'data-id': f.properties.id }));
    }
  }
  svg.appendChild(gRivers);
  svg.appendChild(gLabels);
  svg.appendChild(gPlaces);
  return svg;
}

function inside([x, y]) {
  return x >= 0 && x <= W && y >= 0 && y <= H;
}

function shortLabel(label) {
  return String(label).replace(/\s*\(.*\)\s*$/, '');
}

// holdingWords says who holds a territory and how: "Russia, sole",
// "Qing and Russia, joint", "no holder on record".
export function holdingWords(t, names) {
  const n = (id) => names.get(id) || fallbackLabel(id);
  const hs = (t.holders || []).map(n);
  if (!hs.length) return t.mode === 'uncertain' ? 'uncertain' : 'no holder on record';
  const who = hs.length === 1 ? hs[0] : hs.slice(0, -1).join(', ') + ' and ' + hs[hs.length - 1];
  if (t.mode === 'split') return who + ' — sovereignty; jurisdiction kept by ' + (t.jurisdiction || []).map(n).join(', ');
  return who + ' — ' + words(t.mode);
}

function legend(territories, names) {
  const holders = [...new Set(territories.filter((t) => t.mode !== 'unknown').flatMap((t) => t.holders || []))];
  const box = h('section', { class: 'legend', 'aria-label': 'Legend' }, h('h2', null, 'Legend'));
  const list = h('ul', { class: 'legend-list' });
  for (const id of holders) {
    list.appendChild(h('li', { 'data-holder': id }, swatch({ background: colour(id) }), names.get(id) || id));
  }
  const modes = [
    ['joint', 'held jointly (condominium): stripes of each holder'],
    ['disputed', 'disputed between the parties’ views'],
    ['occupied', 'occupied without a treaty'],
    ['split', 'sovereignty with one party (wide band), jurisdiction with another (narrow band)'],
    ['uncertain', 'uncertain: a change of unknown exact day'],
    ['contested', 'dashed edge: a party disowns the treaty that gave it'],
    ['unknown', 'no holder on record'],
  ];
  for (const [mode, text] of modes) {
    list.appendChild(h('li', { 'data-mode': mode }, swatch(null, mode), text));
  }
  box.appendChild(list);
  return box;
}

function swatch(style, mode) {
  const el = h('span', { class: ['swatch', mode ? 'swatch-' + mode : null], 'aria-hidden': 'true' });
  if (style && style.background) el.style.background = style.background;
  return el;
}

// unplacedList lists the territories treatyline cannot draw (no shape or
// point of their own, none found by name) with their holders; a point or a
// shape can be given with treatyline entities place or the API.
function unplacedList(territories, names, select, drawnAny) {
  const box = h('section', { class: 'unplaced', id: 'unplaced', 'aria-label': 'Not on the map' },
    h('h2', null, 'Not on the map'));
  if (!territories.length) {
    box.appendChild(h('p', { class: 'muted small' }, drawnAny ? 'Every territory is drawn.' : 'No territory on record on this day.'));
    return box;
  }
  box.appendChild(h('p', { class: 'muted small' }, 'No shape or point known for these: give one with ',
    h('code', null, 'treatyline entities place ID --point LON,LAT'), ' or a GeoJSON shape.'));
  const list = h('ul');
  for (const t of territories) {
    const btn = h('button', { type: 'button', class: 'linkish territory-name' }, t.label);
    btn.addEventListener('click', () => select(t.id));
    list.appendChild(h('li', { 'data-unplaced': t.id, 'data-holder': (t.holders || []).join(' '), 'data-mode': t.mode },
      h('span', { class: 'holding-swatches' }, (t.holders || []).map((id) => swatch({ background: colour(id) }))),
      btn, h('div', { class: 'holders' }, holdingWords(t, names))));
  }
  box.appendChild(list);
  return box;
}

function holdingsList(territories, names, select) {
  const box = h('section', { class: 'holdings' }, h('h2', null, 'Holdings'));
  const list = h('ul', { class: 'holding-list' });
  for (const t of territories) {
    const btn = h('button', { type: 'button', class: 'linkish territory-name' }, t.label);
    btn.addEventListener('click', () => select(t.id));
    list.appendChild(h('li', { 'data-territory': t.id, 'data-holder': (t.holders || []).join(' '), 'data-mode': t.mode },
      h('span', { class: 'holding-swatches' }, (t.holders || []).map((id) => swatch({ background: colour(id) }))),
      btn,
      h('div', { class: 'holders' }, holdingWords(t, names)),
      t.since ? h('div', { class: 'since muted' }, 'since ', day(t.since)) : null,
      t.window ? h('div', { class: 'window' }, 'between ', day(t.window.earliest), ' and ', day(t.window.latest)) : null,
      t.note ? h('div', { class: 'note' }, noteWords(t.note, names)) : null));
  }
  box.appendChild(list);
  return box;
}

// noteWords puts labels in place of the ids a note names.
function noteWords(note, names) {
  return nameIds(note, names);
}

// showTerritory fills the detail panel with a territory's history of holders.
async function showTerritory(ctx, detail, t, names, figure) {
  if (!t) return;
  for (const el of figure.querySelectorAll('.territory.selected')) el.classList.remove('selected');
  for (const el of figure.querySelectorAll('.territory')) {
    if (el.getAttribute('data-id') === t.id) el.classList.add('selected');
  }
  clear(detail);
  detail.removeAttribute('data-ready');
  detail.appendChild(h('h2', null, t.label));
  detail.appendChild(h('p', null, h('strong', null, holdingWords(t, names)),
    t.since ? [' since ', day(t.since)] : null, ' on ', day(ctx.state.date), '. ',
    h('a', { href: entityLink(t.id) }, 'All claims about it')));
  detail.appendChild(h('h3', null, 'Basis'));
  detail.appendChild(basisList(t.basis, names));
  detail.appendChild(h('h3', null, 'History of holders'));
  const wait = h('p', { class: 'muted' }, 'Loading…');
  detail.appendChild(wait);
  try {
    const res = await get('history', Object.assign({ territory: t.id }, perspectiveQuery(ctx.state)));
    if (!ctx.current()) return;
    const hist = Array.isArray(res) ? res : (res && (res.history || res.states)) || [];
    const more = await labels(hist.flatMap((x) => [...(x.holders || []), ...(x.jurisdiction || []), ...idsIn(x.note),
      ...(x.basis || []).flatMap((b) => [...idsIn(b.provision), ...idsIn(b.event)])]));
    for (const [k, v] of more) names.set(k, v);
    wait.remove();
    if (!hist.length) {
      detail.appendChild(h('p', { class: 'muted' }, 'No change of holder on record.'));
    }
    const ol = h('ol', { class: 'history' });
    for (const st of hist) {
      ol.appendChild(h('li', { 'data-mode': st.mode, 'data-holder': (st.holders || []).join(' ') },
        h('div', { class: 'history-head' },
          h('span', { class: 'history-date' }, st.since ? day(st.since) : 'undated'),
          h('span', { class: 'holding-swatches' }, (st.holders || []).map((id) => swatch({ background: colour(id) }))),
          h('strong', null, holdingWords(st, names))),
        st.window ? h('p', { class: 'window' }, 'The change falls between ', day(st.window.earliest), ' and ',
          day(st.window.latest), '.') : null,
        st.note ? h('p', { class: 'note' }, noteWords(st.note, names)) : null,
        h('details', null, h('summary', null, 'Evidence (', String((st.basis || []).length), ')'), basisList(st.basis, names))));
    }
    detail.appendChild(ol);
  } catch (e) {
    wait.remove();
    detail.appendChild(h('p', { class: 'error', role: 'alert' }, e.message));
  }
  detail.setAttribute('data-ready', 'true');
  detail.scrollIntoView({ block: 'nearest' });
}

function rightsTable(rights, names) {
  const box = h('section', { class: 'rights' }, h('h2', null, 'Rights in force'));
  if (!rights.length) {
    box.appendChild(h('p', { class: 'muted' }, 'No right in force on this day.'));
    return box;
  }
  const n = (id) => names.get(id) || id;
  const table = h('table', { class: 'grid' },
    h('thead', null, h('tr', null, ['Right', 'Holders', 'Granted by', 'Over', 'Since', 'Treaty'].map((x) => h('th', null, x)))));
  const body = h('tbody');
  for (const r of rights) {
    body.appendChild(h('tr', null,
      h('td', null, words(r.type), r.exclusive ? h('span', { class: 'badge' }, 'exclusive') : null,
        r.limits ? h('div', { class: 'muted small' }, r.limits) : null),
      h('td', null, (r.holders || []).map(n).join(', ')),
      h('td', null, (r.grantor || []).map(n).join(', ')),
      h('td', null, (r.object || []).map(n).join(', ')),
      h('td', { class: 'nowrap' }, day(r.since)),
      h('td', null, h('a', { href: entityLink(r.treaty) }, n(r.treaty)))));
  }
  table.appendChild(body);
  box.appendChild(table);
  return box;
}

function treatiesTable(treaties, names) {
  const box = h('section', { class: 'treaty-status' }, h('h2', null, 'Treaties on this day'));
  const table = h('table', { class: 'grid' },
    h('thead', null, h('tr', null, ['Treaty', 'Status', 'Signed', 'On record'].map((x) => h('th', null, x)))));
  const body = h('tbody');
  for (const t of treaties) {
    body.appendChild(h('tr', { 'data-treaty': t.id },
      h('td', null, h('a', { href: entityLink(t.id) }, t.label || t.id)),
      h('td', null, h('span', { class: ['status', 'status-' + t.status] }, words(t.status))),
      h('td', { class: 'nowrap' }, t.signed ? day(t.signed) : '',
        t.window ? h('div', { class: 'window small' }, 'between ', day(t.window.earliest), ' and ', day(t.window.latest)) : null),
      h('td', { class: 'small' }, (t.details || []).map((d) => nameIds(d, names)).join('; '))));
  }
  table.appendChild(body);
  box.appendChild(table);
  return box;
}

