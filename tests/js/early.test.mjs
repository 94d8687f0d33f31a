// The first `start` that mount() sends before the wasm runs (js/early.js), against a real HTTP
// server on loopback: the request is the one the widget's HTTP backend would send, the answer
// comes back as the wasm side reads it, and a host's session function is asked only once.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';

import { bridge, sessionBridge } from '../../js/adapter.js';
import { joinUrl, sendEarlyStart } from '../../js/early.js';

/** A loopback server that records each request and answers with `reply(request)`. */
async function server(reply) {
  const seen = [];
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const { status = 200, headers = {}, text = '{}' } = reply(req) ?? {};
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(text);
    });
  });
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${srv.address().port}`;
  return { url, seen, close: () => new Promise((resolve) => srv.close(resolve)) };
}

test('URLs join with one slash, as the HTTP backend joins them', () => {
  assert.equal(joinUrl('https://a.example/mfa/', '/v1/start'), 'https://a.example/mfa/v1/start');
  assert.equal(joinUrl('https://a.example', 'v1/send'), 'https://a.example/v1/send');
  assert.equal(joinUrl('', '/v1/poll'), '/v1/poll');
});

test('the first start goes to the backend with the handle, the headers and a correlation ID', async () => {
  const api = await server(() => ({ status: 429, headers: { 'Retry-After': '7' }, text: '{"code":"rate_limited"}' }));
  try {
    const { early, session } = sendEarlyStart(
      { backend: `${api.url}/mfa/`, session: 'sh_secret', userHint: 'alex', headers: { 'X-Tenant': 't1' } },
      bridge,
    );
    assert.equal(session, undefined);
    const [request, answer] = await early.sent;
    // Byte for byte what the flow writes: the handle wins over the hint.
    assert.equal(request, '{"session_handle":"sh_secret"}');
    assert.deepEqual(answer, [429, '{"code":"rate_limited"}', '7']);
    const [sent] = api.seen;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.url, '/mfa/v1/start');
    assert.equal(sent.body, request);
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers.accept, 'application/json');
    assert.equal(sent.headers['x-tenant'], 't1');
    assert.equal(sent.headers['x-correlation-id'], early.correlationId);
    assert.match(early.correlationId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  } finally {
    await api.close();
  }
});

test('without a session the hint goes, and without either an empty request', async () => {
  const api = await server(() => ({}));
  try {
    const hinted = await sendEarlyStart({ backend: api.url, userHint: 'alex@contoso.com' }, bridge).early.sent;
    assert.equal(hinted[0], '{"user_hint":"alex@contoso.com"}');
    const bare = await sendEarlyStart({ backend: api.url }, bridge).early.sent;
    assert.equal(bare[0], '{}');
    assert.deepEqual(api.seen.map((r) => r.body), [hinted[0], bare[0]]);
  } finally {
    await api.close();
  }
});

test('an unreachable backend is a network failure, never a rejection', async () => {
  const api = await server(() => ({}));
  await api.close();
  const [, answer] = await sendEarlyStart({ backend: api.url, session: 'sh_1' }, bridge).early.sent;
  assert.equal(answer[0], 0);
  assert.equal(answer[3], 'network');
});

test("an adapter's start is called through the bridge with the same request", async () => {
  const calls = [];
  const adapter = {
    start: async (request, context) => { calls.push([request, context]); return { ok: true }; },
    send: async () => ({}),
    verify: async () => ({}),
    poll: async () => ({}),
  };
  const { early } = sendEarlyStart({ backend: adapter, session: 'sh_2' }, bridge);
  const [request, answer] = await early.sent;
  assert.equal(request, '{"session_handle":"sh_2"}');
  assert.deepEqual(answer, [200, '{"ok":true}']);
  assert.deepEqual(calls, [[{ session_handle: 'sh_2' }, { correlationId: early.correlationId }]]);
});

test("a host's session function is asked once for the first session; later asks ask the host", async () => {
  const api = await server(() => ({}));
  try {
    const asked = [];
    const host = async ({ fresh }) => { asked.push(fresh); return fresh ? 'sh_new' : 'sh_first'; };
    const { early, session } = sendEarlyStart({ backend: api.url, session: host }, bridge, sessionBridge(host));
    const [request] = await early.sent;
    assert.equal(request, '{"session_handle":"sh_first"}');
    // The widget's own first ask gets that answer without asking the host again; a later one
    // (Try again after a failure) and a fresh one (Start over) ask the host.
    assert.equal(await session(false), 'sh_first');
    assert.deepEqual(asked, [false]);
    assert.equal(await session(false), 'sh_first');
    assert.equal(await session(true), 'sh_new');
    assert.deepEqual(asked, [false, false, true]);
  } finally {
    await api.close();
  }
});

test('a failing session function sends nothing', async () => {
  const api = await server(() => ({}));
  try {
    const host = () => { throw new Error('no session'); };
    const { early, session } = sendEarlyStart({ backend: api.url, session: host }, bridge, sessionBridge(host));
    await assert.rejects(early.sent);
    await assert.rejects(session(false), /The session function failed: Error: no session/);
    assert.equal(api.seen.length, 0);
    // Try again asks the host again rather than repeating the first failure.
    let up = false;
    const flaky = ({ fresh }) => { if (!up) { up = true; throw new Error('down'); } return `sh_${fresh}`; };
    const retried = sendEarlyStart({ backend: api.url, session: flaky }, bridge, sessionBridge(flaky));
    await assert.rejects(retried.session(false), /down/);
    assert.equal(await retried.session(false), 'sh_false');
  } finally {
    await api.close();
  }
});
