// Evidence as every view shows it: the source, the quote, and a link to the
// reader at the quote's span.

import { h } from './dom.js';
import { sourceLink, entityLink } from './state.js';
import { words, nameIds } from './format.js';

/**
 * quote makes one piece of evidence: the quote, with its source id linking
 * to the reader at the span (start and end are code points in the source).
 * what, when given, says what the quote supports.
 */
export function quote(ev, what) {
  const start = Number(ev.start);
  const end = Number(ev.end);
  return h('li', { class: 'evidence' },
    h('q', null, ev.quote || ''),
    ' ',
    h('a', { class: 'source-ref', href: sourceLink(ev.source, start, end),
      title: 'Open ' + ev.source + ' at this quote' }, ev.source,
    Number.isFinite(start) ? h('span', { class: 'span-pos' }, ' ', String(start), '–', String(end)) : null),
    what ? h('span', { class: 'what' }, ' ', what) : null);
}

/**
 * basisLabel says what a basis item is: a lifecycle event or a provision,
 * named by labels (names, a Map from id to label) rather than ids.
 */
export function basisLabel(b, names) {
  if (b.provision) return h('a', { href: entityLink(treatyOfProvision(b.provision)) }, nameIds(b.provision, names));
  if (b.event) return nameIds(words(b.event), names);
  return null;
}

/** treatyOfProvision gives the treaty a provision id belongs to. */
export function treatyOfProvision(id) {
  const m = /^provision\/([^/]+)\//.exec(id);
  return m ? 'treaty/' + m[1] : id;
}

/** basisList shows an answer's basis: each event or provision with its quote. */
export function basisList(basis, names) {
  if (!basis || !basis.length) return h('p', { class: 'muted' }, 'No evidence on record.');
  return h('ul', { class: 'evidence-list' }, basis.map((b) => quote(b, basisLabel(b, names) ? ['(', basisLabel(b, names), ')'] : null)));
}

/** evidenceList shows a claim's evidence. */
export function evidenceList(evidence) {
  if (!evidence || !evidence.length) return h('p', { class: 'muted' }, 'No evidence.');
  return h('ul', { class: 'evidence-list' }, evidence.map((e) => quote(e)));
}
