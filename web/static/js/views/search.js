// Search: entities by any of their names, in any spelling or script.

import { h } from '../dom.js';
import { get } from '../api.js';
import { words } from '../format.js';
import { entityLink } from '../state.js';

/** searchView lists the entities whose names match the query. */
export async function searchView(ctx) {
  const { root, params } = ctx;
  const q = params.get('q') || '';
  root.appendChild(h('header', { class: 'view-head' }, h('h1', null, 'Search'),
    h('p', { class: 'lede' }, 'Names matching ', h('q', null, q), '.')));
  if (!q) return;
  const raw = await get('search', { q });
  if (!ctx.current()) return;
  const hits = Array.isArray(raw) ? raw : (raw && raw.results) || [];
  if (!hits.length) {
    root.appendChild(h('p', { class: 'muted' }, 'Nothing found.'));
    return;
  }
  root.appendChild(h('ul', { class: 'cards' }, hits.map((x) => h('li', { class: 'card' },
    h('h2', null, h('a', { href: entityLink(x.id) }, x.label || x.id)),
    h('p', { class: 'muted small' }, words(x.kind), ' · ', h('code', null, x.id),
      x.matched ? [' · matched ', h('q', null, x.matched)] : null)))));
}
