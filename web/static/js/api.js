// The HTTP JSON API the page reads (docs/api.md). Every call returns the
// decoded JSON or throws an APIError that carries the server's message.

const BASE = 'api/v1/';

/** APIError is a refused or failed call: its message is the server's. */
export class APIError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** get fetches path (relative to /api/v1/) with the query given. */
export function get(path, query) {
  return call('GET', path, query);
}

/** post sends a POST to path, with a bearer token when one is given. */
export function post(path, body, token) {
  return call('POST', path, null, body, token);
}

/**
 * all fetches every item of a paged list (conflicts, candidates, sources)
 * a page at a time, following the Link header, and returns them in one
 * array: a page of the server's (1,000 items unless asked) is not the
 * whole list.
 */
export async function all(path, query) {
  let res = await request('GET', path, query);
  const items = [...(Array.isArray(res.data) ? res.data : [])];
  for (let next = nextPage(res.headers); next; next = nextPage(res.headers)) {
    res = await request('GET', next.replace(/^.*\/api\/v1\//, ''));
    items.push(...(Array.isArray(res.data) ? res.data : []));
  }
  return items;
}

/**
 * list fetches every item of one list of an as-of answer (territories,
 * rights or treaties) a page at a time, following the Link header, and
 * returns the answer with that list whole.
 */
export async function list(name, query) {
  let res = await request('GET', 'asof', Object.assign({}, query, { list: name, limit: 10000 }));
  const answer = res.data;
  const items = [...(answer[name] || [])];
  for (let next = nextPage(res.headers); next; next = nextPage(res.headers)) {
    res = await request('GET', next.replace(/^.*\/api\/v1\//, ''));
    items.push(...(res.data[name] || []));
  }
  answer[name] = items;
  return answer;
}

// nextPage reads the rel="next" address of a Link header, or null.
function nextPage(headers) {
  const m = /<([^>]*)>;\s*rel="next"/.exec(headers.get('Link') || '');
  return m ? m[1] : null;
}

async function call(method, path, query, body, token) {
  return (await request(method, path, query, body, token)).data;
}

async function request(method, path, query, body, token) {
  let url = BASE + path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
    }
    const qs = q.toString();
    if (qs) url += '?' + qs;
  }
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const init = { method, headers };
  if (body !== undefined && body !== null) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new APIError(0, 'the server cannot be reached (' + e.message + ')');
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    throw new APIError(res.status, errorMessage(data, text, res));
  }
  return { data, headers: res.headers };
}

// errorMessage finds the human message in an error body, whatever its
// shape: {"error": "..."}, {"error": {"message": "..."}}, {"message": "..."}.
function errorMessage(data, text, res) {
  if (data && typeof data === 'object') {
    const e = data.error;
    if (typeof e === 'string' && e) return e;
    if (e && typeof e === 'object' && e.message) return e.message;
    if (data.message) return data.message;
  }
  if (text && text.length < 500) return text.trim();
  return res.status + ' ' + res.statusText;
}

/** entityPath makes the API path of an entity ("treaty/aigun-1858" keeps its slash). */
export function entityPath(id) {
  return 'entities/' + id.split('/').map(encodeURIComponent).join('/');
}
