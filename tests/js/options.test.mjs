// The JS API's option checks (js/options.js), run in Node: no browser needed.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OptionError, restarts, validate, wasmConfig } from '../../js/options.js';

const BASE = 'https://login.example.com/signin/';

/** Asserts that `options` are refused with an error naming `option`. */
function refused(options, option, pattern) {
  assert.throws(() => validate(options, BASE), (e) => {
    assert.ok(e instanceof OptionError, `${e}`);
    assert.ok(e instanceof TypeError);
    assert.equal(e.option, option);
    assert.match(e.message, new RegExp(`^twostep: option \`${option.replace(/[.[\]]/g, '\\$&')}\``));
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

test('a minimal and a full set of options pass, normalised', () => {
  assert.deepEqual(validate({ backend: '/' }, BASE), { backend: 'https://login.example.com/' });
  const onReady = () => {};
  const full = validate({
    backend: 'mfa/',
    userHint: ' alex@example.com ',
    locale: 'en-GB',
    theme: { accent: '#0a7', accentText: 'white', 'error-bg': '#fee' },
    links: { admin: 'mailto:it@example.com', support: '/support', help: undefined, settings: '/account/2sv' },
    helpTopics: ['lost-phone', 'contact', 'contact'],
    autoSubmit: false,
    rememberDevice: false,
    headers: { 'X-CSRF-Token': 'abc' },
    credentials: 'include',
    onReady,
  }, BASE);
  assert.equal(full.backend, 'https://login.example.com/signin/mfa/');
  assert.equal(full.userHint, 'alex@example.com');
  assert.deepEqual(full.theme, { accent: '#0a7', 'accent-text': 'white', 'error-bg': '#fee' });
  assert.deepEqual(full.links, {
    admin: 'mailto:it@example.com',
    support: 'https://login.example.com/support',
    settings: 'https://login.example.com/account/2sv',
  });
  assert.deepEqual(full.helpTopics, ['lost-phone', 'contact']);
  assert.equal(full.onReady, onReady);
});

test('an unknown key is refused and named, with the known ones listed', () => {
  refused({ backend: '/', userhint: 'x' }, 'userhint', /is not an option; known: backend, userHint/);
  refused({ backend: '/', links: { admin: 'mailto:a@b.c', faq: 'https://x/' } }, 'links.faq');
  refused({ backend: '/', theme: { colour: 'red' } }, 'theme.colour');
});

test('a wrong type is refused and named', () => {
  refused('/', 'options');
  refused({}, 'backend', /is required/);
  refused({ backend: 42 }, 'backend', /got 42/);
  refused({ backend: '/', autoSubmit: 'no' }, 'autoSubmit', /true or false, got "no"/);
  refused({ backend: '/', helpTopics: 'contact' }, 'helpTopics', /array/);
  refused({ backend: '/', helpTopics: ['contact', 'faq'] }, 'helpTopics[1]');
  refused({ backend: '/', onVerified: 'go()' }, 'onVerified', /function/);
  refused({ backend: '/', userHint: '  ' }, 'userHint', /non-empty/);
  refused({ backend: '/', locale: 'en_GB!' }, 'locale', /BCP 47/);
  refused({ backend: '/', credentials: 'cors' }, 'credentials');
  refused({ backend: '/', headers: { 'X-A': 'one\r\nX-B: two' } }, 'headers.X-A', /one-line/);
  refused({ backend: '/', theme: { accent: 'red; background: url(x)' } }, 'theme.accent', /CSS value/);
});

test('a javascript: or data: URL never becomes a link or a backend', () => {
  refused({ backend: '/', links: { admin: 'javascript:alert(1)' } }, 'links.admin', /https:, http:, mailto:/);
  refused({ backend: '/', links: { support: ' JavaScript:alert(1)' } }, 'links.support');
  refused({ backend: '/', links: { help: 'data:text/html,<b>x</b>' } }, 'links.help');
  refused({ backend: '/', links: { support: 'mailto:a@b.c' } }, 'links.support', /https:, http: URL/);
  refused({ backend: '/', links: { settings: 'javascript:alert(1)' } }, 'links.settings', /https:, http: URL/);
  refused({ backend: 'javascript:alert(1)' }, 'backend');
  refused({ backend: 'http://[::1' }, 'backend', /must be a URL/);
});

test('an adapter needs all four functions', () => {
  const adapter = { start: async () => ({}), send: async () => ({}), verify: async () => ({}), poll: async () => ({}) };
  assert.equal(validate({ backend: adapter }, BASE).backend, adapter);
  refused({ backend: { ...adapter, poll: undefined } }, 'backend.poll', /must be a function, got undefined/);
  refused({ backend: { ...adapter, login: () => {} } }, 'backend.login');
  const config = wasmConfig(validate({ backend: adapter, locale: 'fr' }, BASE), () => 'bridge');
  assert.equal(config.adapter, 'bridge');
  assert.equal(config.baseUrl, undefined);
  assert.equal(config.locale, 'fr');
});

test('only options that change the verification restart it', () => {
  const a = validate({ backend: '/', links: { support: '/a' } }, BASE);
  assert.equal(restarts(a, validate({ ...a, links: { support: '/b' }, locale: 'de' }, BASE)), false);
  assert.equal(restarts(a, validate({ ...a, theme: { accent: 'red' } }, BASE)), false);
  assert.equal(restarts(a, validate({ ...a, userHint: 'sam' }, BASE)), true);
  assert.equal(restarts(a, validate({ ...a, backend: '/other/' }, BASE)), true);
  assert.equal(restarts(a, validate({ ...a, autoSubmit: false }, BASE)), true);
  assert.equal(restarts(a, validate({ ...a, session: 'sh_a' }, BASE)), true);
});

test('a session is a handle or a function; sessionId is gone', async () => {
  assert.equal(validate({ backend: '/', session: ' sh_abc ' }, BASE).session, 'sh_abc');
  const get = async ({ fresh }) => (fresh ? 'sh_new' : 'sh_kept');
  const options = validate({ backend: '/', session: get }, BASE);
  assert.equal(options.session, get);
  refused({ backend: '/', session: '   ' }, 'session', /non-empty/);
  refused({ backend: '/', session: 42 }, 'session', /a session handle \(a string\) or a function, got 42/);
  refused({ backend: '/', session: { session_handle: 'sh_x' } }, 'session', /got an object$/);
  refused({ backend: '/', sessionId: 'sh_x' }, 'sessionId', /is not an option/);

  // The wasm side gets a handle as it is, and a function through the bridge.
  assert.equal(wasmConfig(validate({ backend: '/', session: 'sh_abc' }, BASE)).session, 'sh_abc');
  const bridged = wasmConfig(options).session;
  assert.notEqual(bridged, get);
  assert.equal(await bridged(true), 'sh_new');
  assert.equal(await bridged(false), 'sh_kept');

  // The same function keeps the verification; another starts it again.
  assert.equal(restarts(options, validate({ ...options, locale: 'de' }, BASE)), false);
  assert.equal(restarts(options, validate({ ...options, session: async () => 'sh_kept' }, BASE)), true);
  assert.equal(restarts(options, validate({ ...options, session: undefined }, BASE)), true);
});
