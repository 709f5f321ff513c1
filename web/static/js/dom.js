// DOM building. Every element the page shows is made here or with these
// helpers, and every piece of data enters the page as a text node or an
// attribute value: never as HTML. That is what keeps a document that says
// "<script>" showing those characters instead of running them.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h makes an HTML element. attrs maps attribute names to values (null and
 * false are left out, true is an empty attribute; "class" may be an array;
 * keys starting with "on" add event listeners); children are nodes, strings
 * (as text), numbers, arrays of those, or null (skipped).
 */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** s makes an SVG element, as h does an HTML one. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') {
        el.addEventListener(k.slice(2), v);
      } else if (k === 'class' && Array.isArray(v)) {
        el.setAttribute('class', v.filter(Boolean).join(' '));
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

/** append adds children to el: nodes, text, or (nested) arrays of them. */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

/** clear removes every child of el. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** href makes an in-page link target from a route and query parameters. */
export function href(route, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  return '#/' + route + (qs ? '?' + qs : '');
}
