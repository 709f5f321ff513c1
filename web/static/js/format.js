// Words and dates as the page shows them, and the labels of entities.

import { get, entityPath } from './api.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
  'August', 'September', 'October', 'November', 'December'];

/**
 * day formats an ISO day ("1858-05-28", "1858-05", "1858") to the
 * precision it has, or the precision given: "28 May 1858", "May 1858", "1858".
 */
export function day(iso, precision) {
  if (!iso) return '';
  iso = String(iso);
  // A date with its original calendar beside it: "1858-05-28 (1858-05-16 julian)".
  const orig = /^(\S+) \((\S+) ([a-z]+)\)$/.exec(iso);
  if (orig) return day(orig[1], precision) + ' (' + day(orig[2], precision) + ', ' + orig[3].charAt(0).toUpperCase() + orig[3].slice(1) + ')';
  // An interval, "1733~/1766~", and approximate dates, "1858~".
  if (iso.includes('/') && !precision) {
    const [a, b] = iso.split('/');
    return (a === '..' ? 'before' : day(a)) + ' – ' + (b === '..' ? 'later' : day(b));
  }
  if (/[~?%]$/.test(iso)) return 'about ' + day(iso.replace(/[~?%]$/, ''), precision);
  const m = /^(-?\d{1,6})(?:-(\d\d))?(?:-(\d\d))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const year = String(Number(y));
  if (precision === 'year' || precision === 'decade' || precision === 'century' || !mo) return year;
  const month = MONTHS[Number(mo) - 1] || mo;
  if (precision === 'month' || !d) return month + ' ' + year;
  return Number(d) + ' ' + month + ' ' + year;
}

/**
 * dateReadings gives how a date value reads: the original calendar (when it
 * is not Gregorian) and the Gregorian day it means. value is the "date"
 * object of a claim value or of GET /api/v1/date.
 */
export function dateReadings(d) {
  if (!d) return { original: '', gregorian: '' };
  const g = d.gregorian || {};
  const gs = g.start && g.end && g.start !== g.end && d.precision === 'day'
    ? day(g.start, 'day') + ' – ' + day(g.end, 'day')
    : day(g.start || d.edtf, d.precision);
  let original = '';
  if (d.calendar === 'julian' && d.julian) {
    original = day(d.julian.start, d.precision) + ' (Julian)';
  } else if (d.calendar === 'chinese' && d.chinese) {
    original = d.chinese + (d.chinese_pinyin ? ' (' + d.chinese_pinyin + ')' : '');
  }
  return { original, gregorian: gs };
}

/** words turns an identifier of the vocabulary into words: "ratification_refused" → "ratification refused". */
export function words(s) {
  return String(s || '').replace(/_/g, ' ');
}

/** slug gives the readable part of an entity id: "polity/qing" → "qing". */
export function slug(id) {
  const i = String(id).indexOf('/');
  return i < 0 ? String(id) : String(id).slice(i + 1);
}

/**
 * idsIn lists the entity ids a text of the engine names ("disowned by
 * polity/qing (provision/aigun-1858/condominium)"), provisions as their
 * treaties.
 */
export function idsIn(text) {
  const out = [];
  for (const m of String(text || '').matchAll(ID_RE)) {
    out.push(m[1] === 'provision' ? 'treaty/' + m[2] : m[0]);
  }
  return out;
}

const ID_RE = /\b(polity|treaty|person|territory|city|river|region|event|range|sea|port|provision)\/([a-z0-9-]+)(?:\/([a-z0-9-]+))?/g;

/**
 * nameIds puts labels in place of the ids a text names: an entity's label
 * (from names, a Map), a provision as "the condominium clause of the
 * Treaty of Aigun". A page shows names, not ids.
 */
export function nameIds(text, names) {
  const n = (id) => (names && names.get(id)) || fallbackLabel(id);
  return String(text || '').replace(ID_RE, (id, kind, a, b) => {
    if (kind === 'provision') return 'the ' + (b || '').replace(/-/g, ' ') + ' clause of ' + n('treaty/' + a);
    return n(id);
  });
}

/** fallbackLabel makes a label from an id when the entity has none. */
export function fallbackLabel(id) {
  const w = slug(id).replace(/-/g, ' ');
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const labelCache = new Map();

/** rememberLabel records an entity's label seen in an API answer. */
export function rememberLabel(id, label) {
  if (id && label && !labelCache.has(id)) labelCache.set(id, Promise.resolve(label));
}

/** label gives an entity's English label (or any label), fetched once. */
export function label(id) {
  if (!id || !id.includes('/')) return Promise.resolve(String(id || ''));
  // A provision or a claim is not an entity: its id is its name.
  if (/^(provision|claim)\//.test(id)) return Promise.resolve(id);
  if (!labelCache.has(id)) {
    labelCache.set(id, get(entityPath(id)).then(
      (e) => pickLabel(e) || fallbackLabel(id),
      () => fallbackLabel(id)));
  }
  return labelCache.get(id);
}

/** labels resolves many ids at once into a Map from id to label. */
export async function labels(ids) {
  const uniq = [...new Set(ids.filter(Boolean))];
  const got = await Promise.all(uniq.map(label));
  return new Map(uniq.map((id, i) => [id, got[i]]));
}

/** pickLabel chooses an entity's English label, or its first. */
export function pickLabel(e) {
  if (!e) return '';
  if (e.label) return e.label;
  const ls = e.labels || {};
  return ls.en || Object.values(ls)[0] || '';
}

// Colours of the polities, chosen to read apart on the map and in print;
// others take the palette in turn.
const KNOWN_COLOURS = {
  'polity/russia': '#b8473d',
  'polity/qing': '#d9a21b',
  'polity/britain': '#3b6ea5',
  'polity/usa': '#4b8b5a',
  'polity/france': '#7a5ea8',
  'polity/japan': '#c2577f',
};
const PALETTE = ['#2f8f8f', '#8c6d3f', '#5d6fb0', '#9a4f9a', '#6b8e23', '#a0522d'];
const assigned = new Map();

/** colour gives a polity's colour on the map. */
export function colour(id) {
  if (KNOWN_COLOURS[id]) return KNOWN_COLOURS[id];
  if (!assigned.has(id)) assigned.set(id, PALETTE[assigned.size % PALETTE.length]);
  return assigned.get(id);
}

/** jdnOfGregorian gives the Julian Day Number of a proleptic Gregorian day. */
export function jdnOfGregorian(y, m, d) {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) +
    Math.floor(yy / 400) - 32045;
}

/** julianOfJDN gives the Julian-calendar day of a Julian Day Number as [y, m, d]. */
export function julianOfJDN(j) {
  const c = j + 32082;
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = d - 4800 + Math.floor(m / 10);
  return [year, month, day];
}

/**
 * julianOf gives the Julian-calendar reading ("1858-05-16") of a Gregorian
 * ISO day ("1858-05-28"), or "" when iso is not a whole day.
 */
export function julianOf(iso) {
  const m = /^(\d{3,4})-(\d\d)-(\d\d)$/.exec(iso || '');
  if (!m) return '';
  const [y, mo, d] = julianOfJDN(jdnOfGregorian(Number(m[1]), Number(m[2]), Number(m[3])));
  const pad = (n) => String(n).padStart(2, '0');
  return String(y).padStart(4, '0') + '-' + pad(mo) + '-' + pad(d);
}

/**
 * yearFraction places a date of the timeline ("1858-05-28", "1685-06",
 * "1680s", "1686/1687") on a continuous axis of years, at its first day.
 */
export function yearFraction(date) {
  const m = /^(-?\d{1,4})(?:s)?(?:-(\d\d))?(?:-(\d\d))?/.exec(String(date || ''));
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : 1;
  const d = m[3] ? Number(m[3]) : 1;
  return y + (mo - 1) / 12 + (d - 1) / 365;
}
