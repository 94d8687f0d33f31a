// axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every state of the widget: in the demo
// page, where the Leptos component renders in the page's DOM, in the light and dark schemes and
// right to left (Arabic); and in the element's shadow root (the bundle's mount()) on the
// plain-html example. Each audit covers the whole page, so the demo page's own controls count
// too. The test prints the violation count of each state and fails on any.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, beforeEach, test } from 'node:test';

import { openPage, sharedBrowser } from './support/browser.mjs';
import {
  SCREEN_TIMEOUT, clickButton, newestTextedCode, serverUrl, signInAt, typeCode, waitOutCoolDown,
} from './support/demo.mjs';

const browser = sharedBrowser();

beforeEach(waitOutCoolDown);

const AXE = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Every audit's count, printed at the end: "state | scheme | count". */
const counts = [];
after(() => {
  console.log('axe-core violations by state and scheme:');
  for (const [state, scheme, n] of counts) console.log(`  ${state.padEnd(36)} ${scheme.padEnd(12)} ${n}`);
});

/**
 * Runs axe on the whole page (shadow roots included) and records its violations. axe is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so the page
 * keeps its strict policy.
 */
async function audit(page, state, scheme) {
  await page.evaluate(AXE);
  const result = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  counts.push([state, scheme, result.violations.length]);
  return result.violations.map((v) => `${state} (${scheme}): ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.nodes[0].failureSummary}`);
}

/** The demo schemes: light, dark, and Arabic (right to left) in light. */
const SCHEMES = [
  { name: 'light', query: '', colorScheme: 'light', lang: 'en' },
  { name: 'dark', query: '', colorScheme: 'dark', lang: 'en' },
  { name: 'rtl (ar)', query: '&locale=ar', colorScheme: 'light', lang: 'ar' },
];

/** The texts of the language `tag`, by key (crates/widget/locales/). */
const texts = (tag) => JSON.parse(
  readFileSync(new URL(`../../crates/widget/locales/${tag}.json`, import.meta.url), 'utf8'),
);

for (const scheme of SCHEMES) {
  test(`every state of the Leptos component passes axe: ${scheme.name}`, { timeout: 120_000 }, async () => {
    const found = [];
    const open = async (scenario) => {
      await waitOutCoolDown();
      const page = await signInAt(browser(), `/?scenario=${scenario}${scheme.query}`, { colorScheme: scheme.colorScheme });
      assert.equal(await page.locator('.ts').getAttribute('lang'), scheme.lang);
      return page;
    };
    const check = async (page, state) => found.push(...await audit(page, state, scheme.name));
    const say = texts(scheme.lang);

    // Code entry, a notice, the help section, the picker and recovery.
    let page = await open('text');
    await page.locator('input.ts-code:not([disabled])').waitFor({ timeout: SCREEN_TIMEOUT });
    await check(page, 'code entry');
    await typeCode(page, '000000');
    await page.locator('.ts [role=alert]').first().waitFor({ timeout: SCREEN_TIMEOUT });
    await check(page, 'code entry with a notice');
    await page.locator('.ts details.ts-help > summary').click();
    await check(page, 'help section');
    await page.locator('.ts details.ts-help > summary').click();
    await clickButton(page, say.use_different_option);
    await page.locator('.ts .ts-options').waitFor({ timeout: SCREEN_TIMEOUT });
    await check(page, 'option picker');
    await clickButton(page, say.cant_use_any);
    await page.locator('.ts h2.ts-title', { hasText: say.recovery_title }).waitFor({ timeout: SCREEN_TIMEOUT });
    await check(page, 'recovery');
    await page.context().close();

    // Waiting for an approval, with a number to match.
    page = await open('number-match');
    await page.locator('.ts .ts-number, .ts [data-number]').first().waitFor({ timeout: SCREEN_TIMEOUT });
    await check(page, 'approval with number matching');
    await page.context().close();

    // Failed, with the details open.
    page = await open('server-error');
    await page.locator('.ts-details summary').waitFor({ timeout: SCREEN_TIMEOUT });
    await page.locator('.ts-details summary').click();
    await check(page, 'failed, details open');
    await page.context().close();

    // Timed out, with the details open.
    page = await open('quick-expiry');
    await page.locator('.ts-details summary').waitFor({ timeout: 30_000 });
    await page.locator('.ts-details summary').click();
    await check(page, 'timed out, details open');
    await page.context().close();

    // Locked out after wrong codes.
    page = await open('lockout');
    for (let i = 0; i < 3; i += 1) {
      await page.locator('input.ts-code:not([disabled])').waitFor({ timeout: SCREEN_TIMEOUT });
      await typeCode(page, String(100000 + i));
      await page.waitForTimeout(600);
    }
    const locked = say.locked_for.split('{time}')[0].trim();
    await page.locator('.ts [role=alert]', { hasText: locked }).waitFor({ timeout: SCREEN_TIMEOUT });
    await check(page, 'lockout');
    await page.context().close();

    // Signed in: the demo page replaces the widget at once (the shadow-root test below audits
    // the widget's own verified screen).
    page = await open('text');
    await page.locator('input.ts-code:not([disabled])').waitFor({ timeout: SCREEN_TIMEOUT });
    await typeCode(page, await newestTextedCode(page));
    await page.locator('.demo-done').waitFor({ timeout: SCREEN_TIMEOUT });
    await check(page, 'demo page, signed in');
    await page.context().close();

    assert.deepEqual(found, []);
  });
}

test('the element\'s shadow root passes axe: loading, code entry, help, picker, verified, failure', { timeout: 60_000 }, async () => {
  const found = [];
  const page = await openPage(browser(), '/examples/plain-html/', { base: serverUrl(), expectedStatuses: [500] });
  try {
    // The audit can fail: a field with no label, added for the purpose, is one violation.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { id: 'probe' })));
    const probe = await audit(page, 'probe: an unlabelled field', 'light');
    assert.equal(probe.length, 1, probe.join('\n'));
    assert.match(probe[0], /label.*#probe/);
    counts.pop();
    await page.evaluate(() => document.getElementById('probe').remove());

    // Hold the first start, to audit the loading screen.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/v1/start', async (route) => { await held; await route.continue(); });
    await page.evaluate(async () => {
      const { mount } = await import('/bundle/twostep.js');
      window.handle = mount('#twostep', { backend: '/', userHint: 'alex@contoso.example' });
    });
    const root = page.locator('#twostep .ts');
    await root.locator('h2.ts-title').waitFor({ timeout: SCREEN_TIMEOUT });
    found.push(...await audit(page, 'loading (shadow root)', 'light'));
    release();
    await root.locator('input.ts-code:not([disabled])').waitFor({ timeout: SCREEN_TIMEOUT });
    found.push(...await audit(page, 'code entry (shadow root)', 'light'));
    await root.locator('details.ts-help > summary').click();
    found.push(...await audit(page, 'help section (shadow root)', 'light'));
    await root.locator('details.ts-help > summary').click();
    await root.getByRole('button', { name: 'Use a different verification option' }).first().click();
    await root.locator('.ts-options').waitFor({ timeout: SCREEN_TIMEOUT });
    found.push(...await audit(page, 'option picker (shadow root)', 'light'));
    await root.getByRole('button', { name: 'Back' }).click();
    await root.locator('input.ts-code:not([disabled])').waitFor({ timeout: SCREEN_TIMEOUT });
    const outbox = await (await fetch(new URL('/dev/outbox', serverUrl()))).json();
    await root.locator('input.ts-code').pressSequentially(outbox.filter((d) => d.kind === 'text').at(-1).code);
    await root.locator('h2.ts-title', { hasText: "You're verified" }).waitFor({ timeout: SCREEN_TIMEOUT });
    found.push(...await audit(page, 'verified (shadow root)', 'light'));
    // A failed start: the server answers 500.
    await page.unroute('**/v1/start');
    await page.route('**/v1/start', (route) => route.fulfill({ status: 500, body: '' }));
    await page.evaluate(() => window.handle.update({ userHint: 'sam@contoso.example' }));
    await root.locator('.ts-details summary').waitFor({ timeout: SCREEN_TIMEOUT });
    await root.locator('.ts-details summary').click();
    found.push(...await audit(page, 'failed, details open (shadow root)', 'light'));
  } finally {
    await page.context().close();
  }
  assert.deepEqual(found, []);
});
