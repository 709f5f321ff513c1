// The review queue: candidate claims that ingest proposed, each with its
// evidence, to accept or reject. Decisions need the server's token, kept in
// sessionStorage for this tab only; a refusal shows the server's message.

import { h, clear } from '../dom.js';
import { all, get, post } from '../api.js';
import { words, labels } from '../format.js';
import { entityLink } from '../state.js';
import { evidenceList } from '../evidence.js';

const TOKEN_KEY = 'treatyline.token';

function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

function setToken(t) {
  try {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused (private mode): the token lasts until the page is left.
  }
}

/** reviewView draws the review queue. */
export async function reviewView(ctx) {
  const { root } = ctx;
  root.appendChild(h('header', { class: 'view-head' },
    h('h1', null, 'Review'),
    h('p', { class: 'lede' }, 'Candidate entities and claims proposed by ingest. Accepting one lets it count in every answer; ',
      'rejecting keeps it on record but out of them. Every decision is a new version: nothing is overwritten.')));

  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off', value: token(),
    placeholder: 'API token', 'aria-label': 'API token' });
  const saved = h('span', { class: 'muted small', 'aria-live': 'polite' });
  const form = h('form', { class: 'token-form' },
    h('label', { for: 'token' }, 'Token'), input, h('button', { type: 'submit' }, 'Keep for this tab'),
    h('button', { type: 'button', class: 'linkish', id: 'token-clear' }, 'Forget'), saved);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    saved.textContent = input.value.trim() ? 'Kept in this tab’s session storage.' : 'No token.';
  });
  form.querySelector('#token-clear').addEventListener('click', () => {
    input.value = '';
    setToken('');
    saved.textContent = 'Forgotten.';
  });
  root.appendChild(h('section', { class: 'panel' }, form));

  const [raw, ents] = await Promise.all([all('candidates'), get('review/entities')]);
  if (!ctx.current()) return;
  const cands = Array.isArray(raw) ? raw : (raw && (raw.candidates || raw.claims)) || [];
  const ids = cands.flatMap((c) => [c.subject, c.value && c.value.entity]);
  const names = await labels(ids);
  if (!ctx.current()) return;

  root.appendChild(bulkPanel());

  const entCol = h('section', { class: 'review-col review-entities', 'aria-labelledby': 'entities-head' },
    h('h2', { id: 'entities-head' }, 'Candidate entities'),
    h('p', { class: 'count-line' }, ents.length
      ? [String(ents.length), ents.length === 1 ? ' new name' : ' new names', ' read as entities']
      : 'No candidate entity.'));
  const entList = h('ol', { class: 'queue' });
  for (const e of ents) entList.appendChild(entityCard(e));
  entCol.appendChild(entList);

  const claimCol = h('section', { class: 'review-col review-claims', 'aria-labelledby': 'claims-head' },
    h('h2', { id: 'claims-head' }, 'Candidate claims'),
    h('p', { class: 'count-line' }, cands.length
      ? [String(cands.length), cands.length === 1 ? ' candidate' : ' candidates']
      : 'No candidate to review: ingest proposes them (treatyline ingest).'));
  const list = h('ol', { class: 'queue' });
  for (const c of cands) list.appendChild(card(c, names));
  claimCol.appendChild(list);
  root.appendChild(h('div', { class: 'review-columns' }, entCol, claimCol));
}

// bulkPanel accepts in one transaction every candidate at or above a
// confidence.
function bulkPanel() {
  const min = h('input', { type: 'number', id: 'min-confidence', min: '0', max: '1', step: '0.05', value: '0.5',
    'aria-label': 'Least confidence accepted' });
  const msg = h('span', { class: 'decision', role: 'status' });
  const btn = h('button', { type: 'button', id: 'accept-all', class: 'action action-accept' }, 'Accept all at or above');
  btn.addEventListener('click', async () => {
    clear(msg);
    msg.className = 'decision';
    btn.disabled = true;
    try {
      const n = await post('review/accept-all', { min_confidence: Number(min.value) }, token());
      msg.classList.add('ok');
      msg.textContent = `Accepted ${n.entities} entities, ${n.claims} claims, ${n.provisions} provisions; ${n.held_back} held back. Reload to see what is left.`;
    } catch (e) {
      msg.classList.add('error');
      msg.setAttribute('role', 'alert');
      msg.textContent = 'Refused: ' + e.message;
    }
    btn.disabled = false;
  });
  return h('section', { class: 'panel bulk' }, btn, ' confidence ', min, ' ', msg);
}

// entityCard shows a candidate entity: its kind, names, evidence and
// confidence, the known entities it may duplicate (to merge into), and
// accept / reject.
function entityCard(e) {
  const msg = h('p', { class: 'decision', role: 'status' });
  const li = h('li', { class: 'card candidate-entity', 'data-entity': e.id, 'data-status': e.status || 'candidate' },
    h('h3', null, h('a', { href: entityLink(e.id) }, e.label || e.id), ' ', h('span', { class: 'badge' }, words(e.kind))),
    (e.aliases || []).length ? h('p', { class: 'small' }, 'Also: ',
      e.aliases.map((a) => a.text + (a.lang ? ' (' + a.lang + ')' : '')).join('; ')) : null,
    e.note ? h('p', { class: 'note small' }, e.note) : null,
    evidenceList(e.evidence || []),
    h('p', { class: 'muted small' }, h('code', null, e.id), ' · confidence ', String(e.confidence),
      ' · ', String(e.claims), e.claims === 1 ? ' claim' : ' claims'));
  const buttons = h('div', { class: 'actions' });
  const act = (verb, body, text) => {
    const b = h('button', { type: 'button', class: ['action', 'action-' + verb], 'data-action': verb }, text);
    b.addEventListener('click', () => decideEntity(e, verb, body, li, msg, buttons));
    buttons.appendChild(b);
  };
  act('accept', null, 'Accept');
  act('reject', null, 'Reject');
  for (const d of e.duplicates || []) {
    const b = h('button', { type: 'button', class: 'action action-merge', 'data-action': 'merge', 'data-into': d.id,
      title: d.why }, 'Merge into ' + (d.label || d.id));
    b.addEventListener('click', () => decideEntity(e, 'merge', { into: d.id }, li, msg, buttons));
    buttons.appendChild(b);
  }
  li.append(buttons, msg);
  return li;
}

async function decideEntity(e, verb, body, li, msg, buttons) {
  clear(msg);
  msg.className = 'decision';
  for (const b of buttons.children) b.disabled = true;
  try {
    const path = 'entities/' + String(e.id).split('/').map(encodeURIComponent).join('/') + '/' + verb;
    const res = await post(path, body || {}, token());
    li.setAttribute('data-status', verb === 'merge' ? 'merged' : res.status);
    msg.classList.add('ok');
    msg.textContent = verb === 'merge' ? 'Merged into ' + (res.label || res.id) + '.' : (verb === 'accept' ? 'Accepted.' : 'Rejected.');
  } catch (err) {
    msg.classList.add('error');
    msg.setAttribute('role', 'alert');
    msg.textContent = 'Refused: ' + err.message;
    for (const b of buttons.children) b.disabled = false;
  }
}

function card(c, names) {
  const msg = h('p', { class: 'decision', role: 'status' });
  const li = h('li', { class: 'card candidate', 'data-claim': c.id, 'data-status': c.status || 'candidate' },
    h('h2', null, h('a', { href: entityLink(c.subject) }, names.get(c.subject) || c.subject), ' · ', words(c.property)),
    h('p', { class: 'value' }, c.value && c.value.entity
      ? h('a', { href: entityLink(c.value.entity) }, names.get(c.value.entity) || c.value.entity)
      : c.value_text || ''),
    c.note ? h('p', { class: 'note small' }, c.note) : null,
    evidenceList(c.evidence),
    h('p', { class: 'muted small' }, h('code', null, c.id),
      c.confidence !== undefined ? [' · confidence ', String(c.confidence)] : null));
  const buttons = h('div', { class: 'actions' });
  for (const [verb, text] of [['accept', 'Accept'], ['reject', 'Reject']]) {
    const b = h('button', { type: 'button', class: ['action', 'action-' + verb], 'data-action': verb }, text);
    b.addEventListener('click', () => decide(c, verb, li, msg, buttons));
    buttons.appendChild(b);
  }
  li.append(buttons, msg);
  return li;
}

async function decide(c, verb, li, msg, buttons) {
  clear(msg);
  msg.className = 'decision';
  for (const b of buttons.children) b.disabled = true;
  try {
    // The version shown is the one decided on: a decision someone else
    // made since is a conflict (409), not overwritten.
    await post('candidates/' + String(c.id).split('/').map(encodeURIComponent).join('/') + '/' + verb,
      c.version ? { expect: c.version } : {}, token());
    const status = verb === 'accept' ? 'accepted' : 'rejected';
    li.setAttribute('data-status', status);
    msg.classList.add('ok');
    msg.textContent = verb === 'accept' ? 'Accepted.' : 'Rejected.';
  } catch (e) {
    msg.classList.add('error');
    msg.setAttribute('role', 'alert');
    msg.textContent = 'Refused: ' + e.message;
    for (const b of buttons.children) b.disabled = false;
  }
}
