// The state every view shares — the day asked and whose view is taken —
// and the links that carry it. The hash's query holds it, so that a link
// reproduces the page it was copied from.

import { href } from './dom.js';

/** state is the shared date (ISO, Gregorian), perspective and source set. */
export const state = { date: '1859-01-01', perspective: 'consensus', sources: '' };

/** stateParams gives the query parameters that carry the shared state. */
export function stateParams(extra) {
  const p = { date: state.date, perspective: state.perspective };
  if (state.sources) p.sources = state.sources;
  return Object.assign(p, extra || {});
}

/** link makes an in-page link to route, carrying the shared state. */
export function link(route, extra) {
  return href(route, stateParams(extra));
}

/** go changes the hash to route with the shared state and extra parameters. */
export function go(route, extra) {
  location.hash = link(route, extra);
}

/** entityLink makes the link to an entity's page: a treaty's or any other's. */
export function entityLink(id) {
  const kind = String(id).split('/')[0];
  return link((kind === 'treaty' ? 'treaty/' : 'entity/') + id);
}

/** sourceLink makes the link to a document in the reader, at a span when given. */
export function sourceLink(source, start, end) {
  const extra = {};
  if (Number.isFinite(start) && Number.isFinite(end)) {
    extra.start = start;
    extra.end = end;
  }
  return link('source/' + source, extra);
}

/** perspectiveQuery gives the API's query parameters for the perspective. */
export function perspectiveQuery(st) {
  const q = { perspective: st.perspective || 'consensus' };
  if (st.sources) q.sources = st.sources;
  return q;
}
