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

async function call(method, path, query, body, token) {
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
  return data;
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
