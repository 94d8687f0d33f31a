// The bridges between a host's functions and the wasm side (js/adapter.js): for an adapter,
// every outcome becomes a [status, body] pair, and it never rejects; for a session function,
// a handle or a rejection with a plain message.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bridge, sessionBridge } from '../../js/adapter.js';

test('a resolved answer is passed on as JSON with the request and correlation ID', async () => {
  const seen = [];
  const call = bridge({
    async start(request, context) {
      seen.push([request, context]);
      return { session_handle: 'sh_1', session_ref: 'TS-1', user: 'alex', methods: [], default_method: 'm', expires_in_secs: 600 };
    },
  });
  const [status, body] = await call('start', '{"user_hint":"alex"}', 'cid-1');
  assert.equal(status, 200);
  assert.equal(JSON.parse(body).session_ref, 'TS-1');
  assert.deepEqual(seen, [[{ user_hint: 'alex' }, { correlationId: 'cid-1' }]]);
});

test('a thrown error envelope is a contract error', async () => {
  const call = bridge({ verify: async () => { throw { code: 'invalid_code', message: 'Wrong code.', attempts_left: 2 }; } });
  const [status, body] = await call('verify', '{}', 'c');
  assert.equal(status, 400);
  assert.deepEqual(JSON.parse(body), { code: 'invalid_code', message: 'Wrong code.', attempts_left: 2 });
});

test('anything else thrown is an internal error naming the call', async () => {
  const call = bridge({ send: () => { throw new TypeError('idp.send is not a function'); } });
  const [status, body] = await call('send', '{}', 'c');
  assert.equal(status, 500);
  assert.deepEqual(JSON.parse(body), {
    code: 'internal',
    message: "The adapter's send() failed: TypeError: idp.send is not a function",
  });
  const [, rejected] = await bridge({ poll: () => Promise.reject('offline') })('poll', '{}', 'c');
  assert.match(JSON.parse(rejected).message, /poll\(\) failed: offline/);
});

test('an answer that cannot be JSON is reported, not thrown', async () => {
  const cyclic = {};
  cyclic.self = cyclic;
  const [status, body] = await bridge({ start: async () => cyclic })('start', '{}', 'c');
  assert.equal(status, 500);
  assert.match(JSON.parse(body).message, /start\(\) returned a value that is not JSON/);
  // undefined has no JSON: an empty body, which the wasm side reports as not JSON.
  assert.deepEqual(await bridge({ start: async () => undefined })('start', '{}', 'c'), [200, '']);
});

test('a session function gets {fresh} and its handle comes back trimmed', async () => {
  const seen = [];
  const call = sessionBridge((context) => {
    seen.push(context);
    return context.fresh ? Promise.resolve(' sh_new\n') : 'sh_kept';
  });
  assert.equal(await call(false), 'sh_kept');
  assert.equal(await call(true), 'sh_new');
  assert.deepEqual(seen, [{ fresh: false }, { fresh: true }]);
});

test('a failing session function rejects with a plain message', async () => {
  await assert.rejects(
    sessionBridge(() => { throw new TypeError('fetch failed'); })(false),
    (e) => e === 'The session function failed: TypeError: fetch failed',
  );
  await assert.rejects(
    sessionBridge(async () => Promise.reject('host down'))(false),
    (e) => e === 'The session function failed: host down',
  );
});

test('a session function that gives no handle is refused without repeating what it gave', async () => {
  for (const [value, kind] of [
    [undefined, 'undefined'],
    [null, 'null'],
    ['  ', 'an empty string'],
    [{ session_handle: 'sh_secret' }, 'object'],
    [42, 'number'],
  ]) {
    await assert.rejects(sessionBridge(async () => value)(false), (e) => {
      assert.equal(e, `The session function returned ${kind}, not a session handle`);
      assert.ok(!e.includes('sh_secret'));
      return true;
    });
  }
});
