// Where the widget's session comes from, over HTTP against the reference server, in each
// embedding: mount() (examples/plain-html), <twostep-verify> (examples/custom-element) and the
// Leptos component (examples/leptos-host). Each example gets its session the way a real host
// does, from a session function (backed by the server's development stand-in for a host's
// server, POST /dev/sessions), and keeps the handle in sessionStorage across a reload. The
// handle must never show: not on screen, not in events, not in a URL.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { assertNoProblems, openPage, sharedBrowser } from './support/browser.mjs';
import {
  SESSION_REF,
  clickButton,
  passwordStep,
  sessionCode,
  typeCode,
  waitForHeading,
  waitOutCoolDown,
} from './support/demo.mjs';

const browser = sharedBrowser();

// Every test texts a demo user whom the test before may have.
beforeEach(waitOutCoolDown);

const EMBEDDINGS = [
  { name: 'mount()', path: '/examples/plain-html/', events: true },
  { name: '<twostep-verify>', path: '/examples/custom-element/', events: true },
  { name: 'the Leptos component', path: '/examples/leptos-host/', events: false },
];

function serverUrl(name) {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run these tests with \`cargo xtask test e2e\``);
  return url;
}

/** Starts a verification for `user` as a host's server would (the server's dev-only stand-in). */
async function createSession(base, user) {
  const response = await fetch(new URL('/dev/sessions', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

/** Records the page's twostep:* events (they bubble out of the host element to the document). */
function recordEvents() {
  window.twostepEvents = [];
  for (const name of ['ready', 'verified', 'error', 'timeout']) {
    document.addEventListener(`twostep:${name}`, (e) => window.twostepEvents.push([name, e.detail]));
  }
}

/**
 * Watches the page's traffic: every session the stand-in created (its answer), every start
 * (request and answer), and every URL requested.
 */
function watch(page) {
  const seen = { created: [], starts: [], urls: [] };
  page.on('request', (request) => seen.urls.push(request.url()));
  page.on('response', async (response) => {
    const request = response.request();
    const { pathname } = new URL(response.url());
    if (request.method() !== 'POST') return;
    if (pathname === '/dev/sessions' && response.status() === 201) {
      seen.created.push(await response.json());
    } else if (pathname === '/v1/start') {
      seen.starts.push({ request: request.postDataJSON(), status: response.status(), answer: await response.json() });
    }
  });
  return seen;
}

/** Waits until `check()` holds, polling. */
async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The events the page recorded, by name. */
async function events(page, name) {
  const all = await page.evaluate(() => window.twostepEvents);
  return all.filter(([n]) => n === name).map(([, detail]) => detail);
}

/** Fails if any session handle shows in the page (light and shadow DOM), its events or a URL. */
async function assertHandlesHidden(page, seen) {
  const handles = seen.created.map((c) => c.session_handle);
  assert.ok(handles.length > 0);
  const shown = await page.evaluate(() => {
    const parts = [document.documentElement.outerHTML, JSON.stringify(window.twostepEvents ?? [])];
    for (const element of document.querySelectorAll('*')) {
      if (element.shadowRoot) parts.push(element.shadowRoot.innerHTML);
    }
    return parts.join('\n');
  });
  for (const handle of handles) {
    assert.ok(!shown.includes(handle), `the handle ${handle} shows on the page`);
    assert.ok(!seen.urls.some((url) => url.includes(handle)), `the handle ${handle} is in a URL`);
  }
}

/** Types the newest code of the session `sessionRef` and waits for the signed-in page. */
async function signIn(page, base, sessionRef) {
  await typeCode(page, await sessionCode(base, sessionRef));
  await page.locator('#signed-in').waitFor({ timeout: 10_000 });
}

for (const embedding of EMBEDDINGS) {
  test(`${embedding.name}: Start over after a time-out gets a fresh session from the host`, { timeout: 60_000 }, async () => {
    const base = serverUrl('TWOSTEP_SHORT_URL');
    const page = await openPage(browser(), embedding.path, { base, expectedStatuses: [410], initScript: recordEvents });
    const seen = watch(page);
    try {
      await passwordStep(page);
      await waitForHeading(page, 'Enter the code we texted you');
      await until(() => seen.starts.length === 1, 'the first start');
      const [start] = seen.starts;
      assert.deepEqual(start.request, { session_handle: seen.created[0].session_handle }, 'the handle, no hint');
      const first = start.answer.session_ref;
      assert.match(first, SESSION_REF);

      await waitForHeading(page, "You didn't verify in time", 20_000);
      await page.locator('.ts-details summary').click();
      assert.match(await page.locator('.ts-fields').innerText(), new RegExp(`Session ID\\s+${first}`));
      await clickButton(page, 'Start over');
      await waitForHeading(page, 'Enter the code we texted you');
      await until(() => seen.starts.length === 2, 'the second start');
      assert.equal(seen.created.length, 2, 'Start over asks the host for a fresh session');
      assert.equal(seen.starts[1].request.session_handle, seen.created[1].session_handle);
      const second = seen.starts[1].answer.session_ref;
      assert.notEqual(second, first);

      await signIn(page, base, second);
      if (embedding.events) {
        assert.deepEqual((await events(page, 'ready')).map((d) => d.sessionRef), [first, second]);
        assert.equal((await events(page, 'timeout'))[0].sessionRef, first);
        assert.equal((await events(page, 'verified'))[0].sessionRef, second);
      }
      await assertHandlesHidden(page, seen);
      assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test(`${embedding.name}: Try again after a failed start asks the host again`, { timeout: 40_000 }, async () => {
    const base = serverUrl('TWOSTEP_SERVER_URL');
    const page = await openPage(browser(), embedding.path, { base, expectedStatuses: [503], initScript: recordEvents });
    const seen = watch(page);
    try {
      // The host's server is down for the first request.
      let down = 1;
      await page.route('**/dev/sessions', (route) => (down-- > 0
        ? route.fulfill({ status: 503, contentType: 'text/plain', body: 'down for maintenance' })
        : route.continue()));
      await passwordStep(page);
      await waitForHeading(page, 'Something went wrong');
      assert.equal(await page.locator('.ts-server-message').count(), 0, 'the reason is for support');
      await page.locator('.ts-details summary').click();
      assert.match(
        await page.locator('.ts-field', { hasText: 'Error description' }).locator('dd').innerText(),
        /could not start a verification \(HTTP 503\)/,
      );
      assert.equal(seen.starts.length, 0, 'no start without a session');
      if (embedding.events) {
        const [error] = await events(page, 'error');
        assert.equal(error.code, 'internal');
        assert.equal(error.sessionRef, null);
      }

      await clickButton(page, 'Try again');
      await waitForHeading(page, 'Enter the code we texted you');
      await until(() => seen.starts.length === 1, 'the start');
      assert.equal(seen.starts[0].request.session_handle, seen.created[0].session_handle);
      await signIn(page, base, seen.starts[0].answer.session_ref);
      await assertHandlesHidden(page, seen);
      assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test(`${embedding.name}: a reload resumes the same session`, { timeout: 40_000 }, async () => {
    const base = serverUrl('TWOSTEP_SERVER_URL');
    const page = await openPage(browser(), embedding.path, { base, initScript: recordEvents });
    const seen = watch(page);
    try {
      await passwordStep(page);
      await waitForHeading(page, 'Enter the code we texted you');
      await until(() => seen.starts.length === 1, 'the first start');
      const first = seen.starts[0].answer.session_ref;

      await page.reload();
      await waitForHeading(page, 'Enter the code we texted you');
      await until(() => seen.starts.length === 2, 'the start after the reload');
      assert.equal(seen.created.length, 1, 'no new session after a reload');
      assert.equal(seen.starts[1].request.session_handle, seen.created[0].session_handle);
      assert.equal(seen.starts[1].answer.session_ref, first);
      if (embedding.events) {
        assert.deepEqual((await events(page, 'ready')).map((d) => d.sessionRef), [first]);
      }

      await signIn(page, base, first);
      await assertHandlesHidden(page, seen);
      // Verified: the page forgot the session, and a reload starts from the password again.
      await page.reload();
      await page.locator('#password').waitFor({ timeout: 20_000 });
      assert.equal(seen.starts.length, 2);
      assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
}

test('mount() with a fixed handle: Start over reloads the page for a new one', { timeout: 40_000 }, async () => {
  const base = serverUrl('TWOSTEP_SHORT_URL');
  const created = await createSession(base, 'sam@contoso.example');
  const page = await openPage(browser(), '/examples/plain-html/', { base, expectedStatuses: [410] });
  try {
    await page.evaluate(async (handle) => {
      const { mount } = await import('/bundle/twostep.js');
      window.beforeReload = true;
      await mount('#twostep', { backend: '/', session: handle }).ready;
    }, created.session_handle);
    await waitForHeading(page, 'Enter the code we texted you');
    await waitForHeading(page, "You didn't verify in time", 20_000);
    const reloaded = page.waitForEvent('load');
    await clickButton(page, 'Start over');
    await reloaded;
    assert.equal(await page.evaluate(() => window.beforeReload), undefined);
    await page.locator('#password').waitFor();
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('mount() with only a user hint (development backends): Start over starts again from the hint', { timeout: 40_000 }, async () => {
  // Issue 8's bug: Start over sent `start` without the hint, and the server refused it.
  const base = serverUrl('TWOSTEP_SHORT_URL');
  const page = await openPage(browser(), '/examples/plain-html/', { base, expectedStatuses: [410] });
  const seen = watch(page);
  try {
    await page.evaluate(async () => {
      const { mount } = await import('/bundle/twostep.js');
      await mount('#twostep', { backend: '/', userHint: 'sam@contoso.example' }).ready;
    });
    await waitForHeading(page, 'Enter the code we texted you');
    await waitForHeading(page, "You didn't verify in time", 20_000);
    await clickButton(page, 'Start over');
    await waitForHeading(page, 'Enter the code we texted you');
    await until(() => seen.starts.length === 2, 'the second start');
    for (const start of seen.starts) {
      assert.deepEqual(start.request, { user_hint: 'sam@contoso.example' });
      assert.equal(start.status, 200);
    }
    assert.notEqual(seen.starts[1].answer.session_ref, seen.starts[0].answer.session_ref);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('<twostep-verify session="…"> starts with the handle in its attribute', { timeout: 30_000 }, async () => {
  const base = serverUrl('TWOSTEP_SERVER_URL');
  const created = await createSession(base, 'kim@contoso.example');
  const page = await openPage(browser(), '/examples/plain-html/', { base, initScript: recordEvents });
  const seen = watch(page);
  try {
    await page.evaluate(async (handle) => {
      await import('/bundle/twostep.js');
      const element = document.createElement('twostep-verify');
      element.setAttribute('backend', '/');
      element.setAttribute('session', handle);
      document.body.append(element);
    }, created.session_handle);
    await waitForHeading(page, 'Approve the sign-in on your app');
    assert.deepEqual(seen.starts.map((s) => s.request), [{ session_handle: created.session_handle }]);
    const [ready] = await events(page, 'ready');
    assert.equal(ready.sessionRef, created.session_ref);
    assert.equal(ready.user, 'kim@contoso.example');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
