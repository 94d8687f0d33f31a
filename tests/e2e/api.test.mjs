// The bundle's JavaScript API (js/): mount() with callbacks and DOM events, option errors,
// update(), several widgets on one page, and unmounting that leaves nothing running. Each test
// loads /bundle/twostep.js into the plain-html example page, under the strict CSP.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { assertNoProblems, openPage, sharedBrowser } from './support/browser.mjs';
import {
  SCREEN_TIMEOUT, SESSION_REF, TIMESTAMP, UUID, serverUrl, textedCode, typeCode, waitForHeading,
  waitOutCoolDown,
} from './support/demo.mjs';

const browser = sharedBrowser();

// The tests text demo users over HTTP, one after the other.
beforeEach(waitOutCoolDown);

/**
 * Counts the page's live timeouts and intervals: wraps the timer functions before any page
 * script runs, so the wasm's timers go through it too.
 */
function timerProbe() {
  const live = { timeouts: new Set(), intervals: new Set() };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window;
  window.setTimeout = (fn, ms, ...args) => {
    const id = st((...a) => {
      live.timeouts.delete(id);
      fn(...a);
    }, ms, ...args);
    live.timeouts.add(id);
    return id;
  };
  window.clearTimeout = (id) => {
    live.timeouts.delete(id);
    ct(id);
  };
  window.setInterval = (...args) => {
    const id = si(...args);
    live.intervals.add(id);
    return id;
  };
  window.clearInterval = (id) => {
    live.intervals.delete(id);
    ci(id);
  };
  window.liveTimers = () => ({ timeouts: live.timeouts.size, intervals: live.intervals.size });
}

/** Opens the plain-html example page and imports the API as `window.twostep`. */
async function apiPage(options = {}) {
  const page = await openPage(browser(), '/examples/plain-html/', {
    base: serverUrl(),
    expectedStatuses: [422],
    ...options,
  });
  await page.evaluate(async () => {
    window.twostep = await import('/bundle/twostep.js');
    window.seen = [];
  });
  return page;
}

test('callbacks and DOM events report ready, method change and verified', { timeout: 30_000 }, async () => {
  const base = serverUrl();
  const page = await apiPage();
  try {
    await page.evaluate(async () => {
      const host = document.getElementById('twostep');
      for (const name of ['ready', 'verified', 'error', 'timeout', 'methodchange']) {
        // Listened for on the document: the events bubble out of the host.
        document.addEventListener(`twostep:${name}`, (e) => window.seen.push(['event', name, e.detail, e.target.id]));
      }
      const record = (name) => (detail) => window.seen.push(['callback', name, detail]);
      const handle = twostep.mount('#twostep', {
        backend: '/',
        userHint: 'alex@contoso.example',
        links: { settings: 'https://account.contoso.example/security' },
        onReady: record('ready'),
        onMethodChange: record('methodchange'),
        onVerified: record('verified'),
      });
      if (handle.element !== host) throw new Error('handle.element is not the host');
      await handle.ready;
    });
    await waitForHeading(page, 'Enter the code we texted you');
    const ready = await page.evaluate(() => window.seen.filter((s) => s[1] === 'ready'));
    assert.equal(ready.length, 2, JSON.stringify(ready));
    const [[, , cbDetail], [, , evDetail, target]] = [ready.find((s) => s[0] === 'callback'), ready.find((s) => s[0] === 'event')];
    assert.deepEqual(cbDetail, evDetail);
    assert.equal(target, 'twostep');
    assert.match(evDetail.sessionRef, SESSION_REF);
    assert.equal(evDetail.method.kind, 'sms');
    assert.equal(evDetail.method.target, '••••••12');

    await page.locator('.ts').getByRole('button', { name: /different verification option/i }).first().click();
    await page.locator('.ts').getByRole('option', { name: /78/ }).first().click();
    await waitForHeading(page, 'Enter the code we texted you');
    await page.waitForFunction(() => window.seen.some((s) => s[1] === 'methodchange' && s[0] === 'event'));
    const changed = await page.evaluate(() => window.seen.filter((s) => s[1] === 'methodchange'));
    assert.equal(changed.length, 2);
    assert.equal(changed[1][2].method.target, '••••••78');

    await typeCode(page, await textedCode(base, '••••••78'));
    await page.waitForFunction(() => window.seen.filter((s) => s[1] === 'verified').length === 2, null, { timeout: SCREEN_TIMEOUT });
    const verified = await page.evaluate(() => window.seen.filter((s) => s[1] === 'verified').map((s) => s[2]));
    assert.deepEqual(verified[0], verified[1]);
    assert.match(verified[0].assertion, /\S{16,}/);
    assert.equal(verified[0].sessionRef, evDetail.sessionRef);
    // Verified with another phone than the usual one: the screen (and the event, for a page that
    // moves on at once) reminds the user to check their settings, linking to the host's page.
    assert.equal(verified[0].reminder, 'other-option');
    await waitForHeading(page, "You're verified");
    assert.match(await page.locator('.ts .ts-reminder').innerText(), /isn't your usual one.*update your verification settings/);
    const settings = page.locator('.ts').getByRole('link', { name: 'Update verification settings' });
    assert.equal(await settings.getAttribute('href'), 'https://account.contoso.example/security');
    assert.equal(await settings.getAttribute('target'), '_blank');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a failure event carries the details panel fields', { timeout: 40_000 }, async () => {
  const page = await openPage(browser(), '/examples/plain-html/', { base: process.env.TWOSTEP_SHORT_URL });
  try {
    await page.evaluate(async () => {
      const { mount } = await import('/bundle/twostep.js');
      window.seen = [];
      document.addEventListener('twostep:timeout', (e) => window.seen.push(e.detail));
      await mount('#twostep', { backend: '/', userHint: 'sam@contoso.example' }).ready;
    });
    await page.waitForFunction(() => window.seen.length === 1, null, { timeout: 20_000 });
    const detail = await page.evaluate(() => window.seen[0]);
    assert.equal(detail.code, 'session_expired');
    assert.equal(detail.userId, 'sam@contoso.example');
    assert.match(detail.pageUrl, /\/examples\/plain-html\/$/);
    assert.match(detail.sessionRef, SESSION_REF);
    assert.match(detail.text, new RegExp(`^Session ID: ${detail.sessionRef}$`, 'm'));
    assert.match(detail.correlationId, UUID);
    assert.match(detail.timestamp, TIMESTAMP);
    assert.match(detail.text, /^User ID: sam@contoso\.example$/m);
    assert.match(detail.text, new RegExp(`^Correlation ID: ${detail.correlationId}$`, 'm'));
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('bad options throw an OptionError naming the option, logged once', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  try {
    const errors = await page.evaluate(() => {
      const attempts = [
        { backend: '/', links: { admin: 'javascript:alert(1)' } },
        { backend: '/', autoSubmit: 'yes' },
        { backend: '/', colour: 'red' },
        { backend: { start() {}, send() {}, verify() {} } },
      ];
      return attempts.map((options) => {
        try {
          twostep.mount('#twostep', options);
          return 'mounted';
        } catch (e) {
          return [e.name, e.option, e instanceof twostep.OptionError, e.message];
        }
      });
    });
    assert.deepEqual(errors.map((e) => e[1]), ['links.admin', 'autoSubmit', 'colour', 'backend.poll']);
    for (const [name, , isOptionError, message] of errors) {
      assert.equal(name, 'OptionError');
      assert.equal(isOptionError, true);
      assert.match(message, /^twostep: option `/);
    }
    // Each was logged exactly once, and nothing was mounted.
    assert.equal(page.problems.length, 4, page.problems.join('\n'));
    page.problems.forEach((p, i) => assert.ok(p.includes(errors[i][3].split('\n')[0]), p));
    assert.equal(await page.evaluate(() => document.getElementById('twostep').shadowRoot), null);
    page.problems.length = 0;
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('update() applies links and theme live, and restarts for a new user', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  try {
    await page.evaluate(async () => {
      document.addEventListener('twostep:ready', (e) => window.seen.push(e.detail.sessionRef));
      window.handle = twostep.mount('#twostep', {
        backend: '/',
        userHint: 'alex@contoso.example',
        links: { support: 'https://one.example/' },
      });
      await window.handle.ready;
    });
    await waitForHeading(page, 'Enter the code we texted you');
    const hrefs = () => page.locator('.ts-contact-link').evaluateAll((links) => links.map((a) => a.href));
    assert.deepEqual(await hrefs(), ['https://one.example/']);
    await page.evaluate(() => window.handle.update({
      links: { support: 'https://two.example/', admin: 'mailto:it@example.com' },
      theme: { accent: '#123456' },
    }));
    await page.waitForFunction(() => document.getElementById('twostep').shadowRoot
      .querySelector('.ts-contact-link[href="https://two.example/"]'));
    assert.deepEqual(await hrefs(), ['mailto:it@example.com', 'https://two.example/']);
    const accent = await page.evaluate(() => getComputedStyle(
      document.getElementById('twostep').shadowRoot.querySelector('.ts'),
    ).getPropertyValue('--ts-accent').trim());
    assert.equal(accent, '#123456');
    assert.equal((await page.evaluate(() => window.seen)).length, 1, 'live changes must not restart');

    await page.evaluate(() => window.handle.update({ userHint: 'sam@contoso.example' }));
    await page.waitForFunction(() => window.seen.length === 2, null, { timeout: SCREEN_TIMEOUT });
    const [first, second] = await page.evaluate(() => window.seen);
    assert.notEqual(first, second);
    await page.locator('.ts', { hasText: '••••••45' }).waitFor({ timeout: SCREEN_TIMEOUT });
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('two widgets on one page do not interfere', { timeout: 30_000 }, async () => {
  const base = serverUrl();
  const page = await apiPage();
  try {
    await page.evaluate(async () => {
      const hosts = ['first', 'second'].map((id) => {
        const host = document.createElement('div');
        host.id = id;
        document.body.append(host);
        host.addEventListener('twostep:verified', () => window.seen.push(id));
        return host;
      });
      await Promise.all([
        twostep.mount(hosts[0], { backend: '/', userHint: 'alex@contoso.example' }).ready,
        twostep.mount(hosts[1], { backend: '/', userHint: 'sam@contoso.example' }).ready,
      ]);
    });
    const first = page.locator('#first .ts');
    const second = page.locator('#second .ts');
    await first.locator('input.ts-code').waitFor({ timeout: SCREEN_TIMEOUT });
    await second.locator('input.ts-code').waitFor({ timeout: SCREEN_TIMEOUT });
    await second.locator('input.ts-code').pressSequentially(await textedCode(base, '••••••45'));
    await page.waitForFunction(() => window.seen.length > 0, null, { timeout: SCREEN_TIMEOUT });
    await page.waitForTimeout(500);
    assert.deepEqual(await page.evaluate(() => window.seen), ['second']);
    assert.equal(await first.locator('input.ts-code').inputValue(), '');
    assert.equal(await first.locator('h2.ts-title').innerText(), 'Enter the code we texted you');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('100 mount/unmount cycles leave no timer, interval or poll running', { timeout: 120_000 }, async () => {
  const page = await apiPage({ initScript: timerProbe });
  try {
    const result = await page.evaluate(async () => {
      const before = window.liveTimers();
      const host = document.getElementById('twostep');
      let polls = 0;
      // An approval that never completes: the widget polls until it is unmounted.
      const adapter = {
        start: async () => ({
          session_handle: 'cycle',
          session_ref: 'TS-CYCLE',
          user: 'cycle@example.com',
          methods: [{ id: 'app', kind: 'push' }],
          default_method: 'app',
          expires_in_secs: 600,
        }),
        send: async () => ({ method_id: 'app', delivery: { type: 'approval', poll_interval_ms: 1000 } }),
        verify: async () => ({ assertion: 'never' }),
        poll: async () => {
          polls += 1;
          return { status: 'pending' };
        },
      };
      const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let i = 0; i < 100; i += 1) {
        const handle = twostep.mount(host, { backend: adapter });
        await handle.ready;
        // Until the approval screen is up: its window, request and poll timers are armed.
        while (!host.shadowRoot.querySelector('.ts-wait')) await pause(5);
        handle.unmount();
      }
      const atEnd = polls;
      await pause(2500);
      return {
        before,
        after: window.liveTimers(),
        pollsAfterUnmount: polls - atEnd,
        shadowChildren: host.shadowRoot.childNodes.length,
        hostStyle: host.getAttribute('style'),
      };
    });
    assert.deepEqual(result.before, { timeouts: 0, intervals: 0 });
    assert.deepEqual(result.after, { timeouts: 0, intervals: 0 });
    assert.equal(result.pollsAfterUnmount, 0);
    assert.equal(result.shadowChildren, 0);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('the stylesheet downloads while the wasm is still on its way', { timeout: 30_000 }, async () => {
  // No user: the server answers start with 400, and the widget shows that failure, styled.
  const page = await apiPage({ expectedStatuses: [400, 422] });
  try {
    let cssRequested;
    const css = new Promise((resolve) => { cssRequested = resolve; });
    page.on('request', (request) => {
      if (request.url().endsWith('/bundle/twostep.css')) cssRequested(true);
    });
    // The wasm is held back until the stylesheet is asked for, or 5 s have passed.
    let cssFirst;
    await page.route('**/bundle/twostep_bg.wasm', async (route) => {
      cssFirst = await Promise.race([css, new Promise((r) => setTimeout(() => r(false), 5_000))]);
      await route.continue();
    });
    await page.evaluate(() => twostep.mount('#twostep', { backend: '/' }).ready);
    assert.equal(cssFirst, true, 'the stylesheet was requested only after the wasm arrived');
    await page.locator('#twostep .ts').waitFor({ timeout: SCREEN_TIMEOUT });
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('the first start goes out while the wasm is still on its way, and the widget takes its answer', { timeout: 30_000 }, async () => {
  // No user: the server answers start with 400, and the widget shows that failure.
  const page = await apiPage({ expectedStatuses: [400, 422] });
  try {
    const starts = [];
    let startSent;
    const started = new Promise((resolve) => { startSent = resolve; });
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/start')) {
        starts.push(request.headers()['x-correlation-id']);
        startSent(true);
      }
    });
    // The wasm is held back until the start is asked for, or 5 s have passed.
    let startFirst;
    await page.route('**/bundle/twostep_bg.wasm', async (route) => {
      startFirst = await Promise.race([started, new Promise((r) => setTimeout(() => r(false), 5_000))]);
      await route.continue();
    });
    await page.evaluate(() => twostep.mount('#twostep', { backend: '/' }).ready);
    assert.equal(startFirst, true, 'the start was sent only after the wasm arrived');
    await page.locator('#twostep .ts-details summary').click({ timeout: SCREEN_TIMEOUT });
    // One start in all: the widget took the early answer rather than asking again, and its
    // details name that request's correlation ID.
    assert.equal(starts.length, 1);
    assert.match(await page.locator('#twostep .ts-fields').innerText(), new RegExp(starts[0]));
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a tampered wasm is refused by the hash built into twostep.js, with a message and an event', { timeout: 30_000 }, async () => {
  // The first start goes out beside the wasm, and with no user the server answers it with 400.
  const page = await apiPage({ expectedStatuses: [400] });
  try {
    await page.route('**/bundle/twostep_bg.wasm', async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      body[body.length - 1] ^= 0x01;
      await route.fulfill({ response, body });
    });
    const outcome = await page.evaluate(async () => {
      document.addEventListener('twostep:error', (e) => window.seen.push(e.detail));
      const handle = twostep.mount('#twostep', { backend: '/' });
      try {
        await handle.ready;
        return 'loaded';
      } catch (e) {
        return String(e);
      }
    });
    assert.notEqual(outcome, 'loaded');
    const [detail] = await page.evaluate(() => window.seen);
    assert.equal(detail.code, 'load_failed');
    const shown = page.locator('#twostep [role=alert]');
    assert.match(await shown.innerText(), /could not load/);
    // Chromium reports the digest mismatch (twice), and the widget logs why it stopped: nothing else.
    const [mismatch, blocked, logged] = page.problems;
    assert.match(mismatch, /Failed to find a valid digest in the 'integrity' attribute.*twostep_bg\.wasm/);
    assert.match(blocked, /SRI's integrity checks failed/);
    assert.match(logged, /twostep: the widget could not load/);
    assert.equal(page.problems.length, 3, page.problems.join('\n'));
  } finally {
    await page.context().close();
  }
});

test('<twostep-verify> follows its attributes and unmounts when removed', { timeout: 30_000 }, async () => {
  const page = await apiPage({ initScript: timerProbe });
  try {
    await page.evaluate(async () => {
      const element = document.createElement('twostep-verify');
      element.id = 'element';
      element.setAttribute('backend', '/');
      element.setAttribute('user-hint', 'alex@contoso.example');
      element.setAttribute('support-url', 'https://one.example/');
      element.setAttribute('help-topics', 'no-text contact');
      element.addEventListener('twostep:ready', (e) => window.seen.push(e.detail.sessionRef));
      document.body.append(element);
    });
    await page.waitForFunction(() => window.seen.length === 1, null, { timeout: SCREEN_TIMEOUT });
    const topics = () => page.locator('#element .ts-help-topic h3').allInnerTexts();
    assert.equal((await topics()).length, 2);
    await page.evaluate(() => document.getElementById('element').setAttribute('support-url', 'https://two.example/'));
    await page.waitForFunction(() => document.getElementById('element').shadowRoot
      .querySelector('.ts-contact-link[href="https://two.example/"]'));
    assert.equal((await page.evaluate(() => window.seen)).length, 1, 'a link change must not restart');

    const after = await page.evaluate(async () => {
      const element = document.getElementById('element');
      element.remove();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return { timers: window.liveTimers(), children: element.shadowRoot.childNodes.length, handle: element.handle };
    });
    assert.deepEqual(after, { timers: { timeouts: 0, intervals: 0 }, children: 0, handle: undefined });
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
