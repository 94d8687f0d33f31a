// Display conditions, in the demo page: reduced motion stops the spinner, forced colors keep
// every control's outline, a 320 px wide viewport at 200 % zoom needs no horizontal scrolling
// (in English and in German, the longest words), and every control is at least 24×24 px.

import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';

import { SCREEN_TIMEOUT, signInAt, waitOutCoolDown } from './support/demo.mjs';
import { sharedBrowser } from './support/browser.mjs';

const browser = sharedBrowser();

beforeEach(waitOutCoolDown);

/** The spinner's animation once an approval is awaited. */
async function spinnerAnimation(options) {
  const page = await signInAt(browser(), '/?scenario=push', options);
  try {
    const spinner = page.locator('.ts .ts-spinner').first();
    await spinner.waitFor({ timeout: SCREEN_TIMEOUT });
    return await spinner.evaluate((e) => getComputedStyle(e).animationName);
  } finally {
    await page.context().close();
  }
}

test('prefers-reduced-motion stops the spinner', { timeout: 30_000 }, async () => {
  assert.equal(await spinnerAnimation({}), 'ts-spin');
  await waitOutCoolDown();
  assert.equal(await spinnerAnimation({ reducedMotion: 'reduce' }), 'none');
});

test('in forced-colors mode every control keeps a visible outline or underline', { timeout: 30_000 }, async () => {
  const page = await signInAt(browser(), '/?scenario=text', { forcedColors: 'active' });
  try {
    await page.locator('.ts input.ts-code').waitFor({ timeout: SCREEN_TIMEOUT });
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    const invisible = await page.locator('.ts').evaluate((root) => [...root.querySelectorAll('button, input, summary, a')]
      .filter((e) => e.getClientRects().length > 0)
      .filter((e) => {
        const s = getComputedStyle(e);
        const border = s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) >= 1;
        const underline = s.textDecorationLine.includes('underline');
        // A summary and a checkbox are drawn by the system in forced colors.
        return !(border || underline || e.tagName === 'SUMMARY' || e.type === 'checkbox');
      })
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(invisible, []);
  } finally {
    await page.context().close();
  }
});

/** Controls smaller than 24×24 CSS px in the widget, and whether the page scrolls sideways. */
function measure(page) {
  return page.evaluate(() => {
    const root = document.querySelector('.ts');
    const small = [...root.querySelectorAll('button, input, summary, a, select')]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([, r]) => r.width < 24 || r.height < 24)
      .map(([e, r]) => `${e.outerHTML.slice(0, 60)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    const { scrollWidth, clientWidth } = document.documentElement;
    return { small, sideways: scrollWidth > clientWidth ? `${scrollWidth} > ${clientWidth}` : '' };
  });
}

for (const locale of ['en', 'de']) {
  test(`320 px at 200 % zoom: no sideways scrolling, targets of 24×24 px or more (${locale})`, { timeout: 60_000 }, async () => {
    const found = [];
    const options = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2 };
    const look = async (page, state) => {
      const { small, sideways } = await measure(page);
      if (sideways) found.push(`${state}: scrolls sideways (${sideways})`);
      for (const s of small) found.push(`${state}: small target ${s}`);
    };
    let page = await signInAt(browser(), `/?scenario=text&locale=${locale}`, options);
    await page.locator('.ts input.ts-code:not([disabled])').waitFor({ timeout: SCREEN_TIMEOUT });
    await look(page, 'code entry');
    await page.locator('.ts details.ts-help > summary').click();
    await page.locator('.ts .ts-details summary').click();
    await look(page, 'help and its details open');
    await page.locator('.ts details.ts-help > summary').click();
    await page.locator('.ts .ts-secondary button').last().click();
    await page.locator('.ts .ts-options').waitFor({ timeout: SCREEN_TIMEOUT });
    await look(page, 'option picker');
    await page.context().close();
    await waitOutCoolDown();
    page = await signInAt(browser(), `/?scenario=server-error&locale=${locale}`, options);
    await page.locator('.ts .ts-details summary').waitFor({ timeout: SCREEN_TIMEOUT });
    await page.locator('.ts .ts-details summary').click();
    await look(page, 'failure, details open');
    await page.context().close();
    assert.deepEqual(found, []);
  });
}
