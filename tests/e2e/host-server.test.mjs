// The whole chain through a real host: examples/host-server (its own password step, the
// server-to-server start, the assertion check, its own cookie) in front of a twostep
// reference server, as `cargo xtask test e2e` starts them:
//   TWOSTEP_HOST_URL         the host
//   TWOSTEP_HOST_BACKEND     the twostep server behind it (dev mode, for its outbox)
//   TWOSTEP_HOST_API_KEY     the host's API key
//   TWOSTEP_HOST_SIGNING_KEY the twostep server's signing key (PKCS#8 PEM), to make
//                            assertions that are well signed but expired
//   TWOSTEP_HOST_ISSUER, TWOSTEP_HOST_AUDIENCE  what the host expects

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { SignJWT, decodeProtectedHeader, generateKeyPair, importPKCS8 } from 'jose';

import { assertNoProblems, openPage, sharedBrowser } from './support/browser.mjs';
import { assertionChecker } from './support/check-assertion.mjs';
import { SCREEN_TIMEOUT, typeCode, waitForHeading, waitOutCoolDown } from './support/demo.mjs';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`cargo xtask test e2e\``);
  return value;
}

const host = () => env('TWOSTEP_HOST_URL');
const backend = () => env('TWOSTEP_HOST_BACKEND');
const PASSWORD = 'correct-horse-battery';

const browser = sharedBrowser();

async function postJson(url, body, headers = {}) {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = await answer.json().catch(() => ({}));
  assert.ok(answer.ok, `POST ${url}: ${answer.status} ${JSON.stringify(json)}`);
  return json;
}

/** The newest code texted in the session `sessionRef`, from the backend's dev outbox. */
async function textedCode(sessionRef) {
  const url = new URL('/dev/outbox', backend());
  url.searchParams.set('session_ref', sessionRef);
  const deadline = Date.now() + SCREEN_TIMEOUT;
  for (;;) {
    const texts = (await (await fetch(url)).json()).filter((d) => d.kind === 'text');
    if (texts.length > 0) return texts.at(-1).code;
    assert.ok(Date.now() < deadline, `no text in session ${sessionRef}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A real assertion, got the way a host would: start a session server to server with the API
 * key, then verify it as the widget does (a texted code for alex, the app code for kim).
 */
async function realAssertion(user) {
  // The page's sign-in may have texted the same user a moment ago.
  await waitOutCoolDown();
  const auth = { Authorization: `Bearer ${env('TWOSTEP_HOST_API_KEY')}` };
  const created = await postJson(new URL('/v1/sessions', backend()), { user }, auth);
  const session = { session_handle: created.session_handle };
  const challenge = await postJson(new URL('/v1/start', backend()), session);
  const kind = user.startsWith('alex') ? 'sms' : 'totp';
  const method = challenge.methods.find((m) => m.kind === kind);
  await postJson(new URL('/v1/send', backend()), { ...session, method_id: method.id });
  const code =
    kind === 'sms'
      ? await textedCode(created.session_ref)
      : (await (await fetch(new URL(`/dev/totp?user=${user}`, backend()))).json()).code;
  const { assertion } = await postJson(new URL('/v1/verify', backend()), {
    ...session,
    method_id: method.id,
    code,
  });
  return { assertion, sessionRef: created.session_ref };
}

/** Opens the host's login page and passes its password step as `email`. */
async function passwordStep(email = 'alex@contoso.example') {
  await waitOutCoolDown();
  // 401s are the host's refusals under test, not problems.
  const page = await openPage(browser(), '/', { base: host(), expectedStatuses: [401] });
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await page.click('#password-step button[type=submit]');
  return page;
}

/** Starts a sign-in on a fresh page and gets its twostep session, as the widget would. */
async function pendingSignIn() {
  const page = await passwordStep();
  await page.locator('.ts h2.ts-title').waitFor({ timeout: SCREEN_TIMEOUT });
  return page;
}

/** What the host answers when this page posts `assertion`: the refusal's name, or 'ok'. */
async function hostVerdict(page, assertion) {
  return page.evaluate(async (token) => {
    const answer = await fetch('/login/assertion', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ assertion: token }),
    });
    return answer.ok ? 'ok' : (await answer.json()).error;
  }, assertion);
}

/** The `kid` of the backend's current signing key, from its published key set. */
async function currentKid() {
  const { keys } = await (await fetch(new URL('/.well-known/jwks.json', backend()))).json();
  return keys[0].kid;
}

/** A token with `claims`, signed by `key` under the real key's `kid`. */
async function signed(claims, key, kid) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'twostep+jwt', kid })
    .sign(key);
}

/** Claims that would pass every check but the one a test breaks. */
function claimsFor(sub, sid, { iat = Math.floor(Date.now() / 1000), ttl = 120 } = {}) {
  return {
    iss: env('TWOSTEP_HOST_ISSUER'),
    aud: env('TWOSTEP_HOST_AUDIENCE'),
    sub,
    sid,
    amr: ['otp'],
    auth_time: iat,
    iat,
    exp: iat + ttl,
    jti: `test-${Math.random().toString(36).slice(2)}`,
  };
}

let accepted; // the assertion of the whole sign-in, replayed later

test('a whole sign-in through the host: password, texted code, signed assertion, own cookie', async () => {
  const page = await passwordStep();
  await page.locator('#password-step').waitFor({ state: 'hidden' });
  const posted = page.waitForRequest((r) => r.url().endsWith('/login/assertion'));
  await waitForHeading(page, 'Enter the code we texted you');
  const ready = await page.evaluate(() => document.querySelector('#twostep').shadowRoot !== null);
  assert.ok(ready, 'the widget renders in the host element');
  // The host never gives the page the session reference; the outbox knows the newest text.
  const outbox = await (await fetch(new URL('/dev/outbox', backend()))).json();
  const text = outbox.filter((d) => d.kind === 'text').at(-1);
  await typeCode(page, text.code);
  accepted = JSON.parse((await posted).postData()).assertion;
  await page.locator('#signed-in').waitFor({ timeout: SCREEN_TIMEOUT });
  assert.equal(new URL(page.url()).pathname, '/account');
  assert.equal(await page.locator('#signed-in').getAttribute('data-user'), 'alex@contoso.example');
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'host_session');
  assert.ok(session?.httpOnly, 'the host sets its own HttpOnly session cookie');
  assert.ok(!cookies.some((c) => c.name === 'host_login' && c.value), 'the sign-in cookie is spent');
  assert.equal(decodeProtectedHeader(accepted).typ, 'twostep+jwt');
  assertNoProblems(page);
  await page.context().close();
});

test('the host refuses an assertion signed by another key', async () => {
  const page = await pendingSignIn();
  const { privateKey } = await generateKeyPair('EdDSA');
  const forged = await signed(claimsFor('alex@contoso.example', 'TS-FAKE'), privateKey, await currentKid());
  assert.equal(await hostVerdict(page, forged), 'bad_signature');
  assertNoProblems(page);
  await page.context().close();
});

test("the host refuses another user's genuine assertion", async () => {
  const page = await pendingSignIn();
  const { assertion } = await realAssertion('kim@contoso.example');
  assert.equal(await hostVerdict(page, assertion), 'wrong_user');
  assertNoProblems(page);
  await page.context().close();
});

test("the host refuses the user's own assertion from another sign-in", async () => {
  const page = await pendingSignIn();
  const { assertion } = await realAssertion('alex@contoso.example');
  assert.equal(await hostVerdict(page, assertion), 'wrong_session');
  assertNoProblems(page);
  await page.context().close();
});

test('the host refuses an expired assertion, though the backend signed it', async () => {
  const page = await pendingSignIn();
  const key = await importPKCS8(readFileSync(env('TWOSTEP_HOST_SIGNING_KEY'), 'utf8'), 'EdDSA');
  const old = claimsFor('alex@contoso.example', 'TS-OLD', {
    iat: Math.floor(Date.now() / 1000) - 600,
  });
  assert.equal(await hostVerdict(page, await signed(old, key, await currentKid())), 'expired');
  assertNoProblems(page);
  await page.context().close();
});

test('the host refuses an assertion it already accepted', async () => {
  assert.ok(accepted, 'the whole sign-in ran first');
  const page = await pendingSignIn();
  assert.equal(await hostVerdict(page, accepted), 'replayed');
  assertNoProblems(page);
  await page.context().close();
});

test('a reload during the second step resumes the same verification', async () => {
  const page = await pendingSignIn();
  await waitForHeading(page, 'Enter the code we texted you');
  const sends = (await (await fetch(new URL('/dev/outbox', backend()))).json()).length;
  await page.reload();
  await waitForHeading(page, 'Enter the code we texted you');
  assert.ok(await page.locator('#password-step').isHidden(), 'no second password step');
  const outbox = await (await fetch(new URL('/dev/outbox', backend()))).json();
  // Resumed inside the cool-down: the code already sent still works, nothing is texted again.
  assert.equal(outbox.length, sends);
  await typeCode(page, outbox.filter((d) => d.kind === 'text').at(-1).code);
  await page.locator('#signed-in').waitFor({ timeout: SCREEN_TIMEOUT });
  assertNoProblems(page);
  await page.context().close();
});

test('the documented Node check accepts a real assertion once, for its user and session only', async () => {
  const check = assertionChecker({
    twostepUrl: backend(),
    issuer: env('TWOSTEP_HOST_ISSUER'),
    audience: env('TWOSTEP_HOST_AUDIENCE'),
  });
  const user = 'alex@contoso.example';
  const { assertion, sessionRef } = await realAssertion(user);
  await assert.rejects(check(assertion, { user: 'kim@contoso.example', sessionRef }), /wrong user/);
  await assert.rejects(check(assertion, { user, sessionRef: 'TS-X' }), /wrong session/);
  const claims = await check(assertion, { user, sessionRef });
  assert.equal(claims.sid, sessionRef);
  assert.deepEqual(claims.amr, ['sms']);
  assert.ok(claims.exp - claims.iat <= 300);
  await assert.rejects(check(assertion, { user, sessionRef }), /replayed/);
  const { privateKey } = await generateKeyPair('EdDSA');
  const forged = await signed(claimsFor(user, sessionRef), privateKey, await currentKid());
  await assert.rejects(check(forged, { user, sessionRef }), /signature/);
});
