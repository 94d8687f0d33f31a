// Helpers for the end-to-end tests: Debian's Chromium driven by playwright-core.
//
// `cargo xtask test e2e` serves dist/ on a free loopback port and runs these tests with
// TWOSTEP_URL (the server's base URL) and CHROMIUM_PATH set. To run them by hand against
// `cargo xtask demo`: TWOSTEP_URL=http://127.0.0.1:8460/ node --test --test-concurrency=1 *.test.mjs

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

/** Flags for a headless Chromium as root on a machine without a general network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The name under which the page reports CSP violations to the test. */
const REPORT_BINDING = '__twostepReportProblem';

/**
 * The base URL of the served demo (dist/), from TWOSTEP_URL.
 * @returns {URL}
 */
export function baseUrl() {
  const url = process.env.TWOSTEP_URL;
  if (!url) {
    throw new Error(
      'TWOSTEP_URL is not set: run the e2e tests with `cargo xtask test e2e`, or start ' +
        '`cargo xtask demo` and set TWOSTEP_URL=http://127.0.0.1:8460/',
    );
  }
  return new URL(url);
}

/**
 * Launches headless Chromium (CHROMIUM_PATH, else /usr/bin/chromium). Never downloads a browser.
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Launches one browser for the calling test file (node:test `before`/`after` hooks) and
 * returns a function that gives it to the tests.
 * @returns {() => import('playwright-core').Browser}
 */
export function sharedBrowser() {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * Opens `pathAndQuery` (relative to TWOSTEP_URL) in a fresh browser context.
 *
 * The returned page has `page.problems`: an array of strings that collects every console
 * error, every uncaught page error, every failed request and every Content-Security-Policy
 * violation. Close the page's context (`await page.context().close()`) when done.
 *
 * `initScript` runs in the page before any of its own scripts (a probe, for example).
 *
 * `base` replaces TWOSTEP_URL (another server). `expectedStatuses` lists HTTP error statuses
 * that are answers of the contract rather than problems: Chromium logs every 4xx/5xx fetch
 * answer as a console error, and those are not counted.
 *
 * @param {import('playwright-core').Browser} browser
 * @param {string} pathAndQuery e.g. '/' or '/?method=sms'
 * @param {{ grantClipboard?: boolean, viewport?: { width: number, height: number },
 *           base?: string, expectedStatuses?: number[], initScript?: Function,
 *           locale?: string, colorScheme?: 'light' | 'dark', reducedMotion?: 'reduce',
 *           forcedColors?: 'active', deviceScaleFactor?: number, timezoneId?: string,
 *           clock?: boolean }} [options] `locale` sets the browser's languages, the next three the
 *           media features the page sees, `deviceScaleFactor` its zoom, `timezoneId` its time zone;
 *           `clock` installs Playwright's clock, so a test can move the page's time forward
 * @returns {Promise<import('playwright-core').Page & { problems: string[] }>}
 */
export async function openPage(
  browser,
  pathAndQuery,
  {
    grantClipboard = true, viewport, base: baseOverride, expectedStatuses = [], initScript, locale, colorScheme,
    reducedMotion, forcedColors, deviceScaleFactor, timezoneId, clock,
  } = {},
) {
  const base = baseOverride ? new URL(baseOverride) : baseUrl();
  const context = await browser.newContext({
    viewport: viewport ?? { width: 900, height: 700 },
    ...(locale ? { locale } : {}),
    ...(colorScheme ? { colorScheme } : {}),
    ...(reducedMotion ? { reducedMotion } : {}),
    ...(forcedColors ? { forcedColors } : {}),
    ...(deviceScaleFactor ? { deviceScaleFactor } : {}),
    ...(timezoneId ? { timezoneId } : {}),
  });
  if (grantClipboard) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.origin });
  }
  const page = await context.newPage();
  const problems = [];
  page.problems = problems;

  const statusLine = /^Failed to load resource: the server responded with a status of (\d{3})\b/;
  page.on('console', (message) => {
    const status = statusLine.exec(message.text())?.[1];
    if (status && expectedStatuses.includes(Number(status))) return;
    if (message.type() === 'error') {
      const { url, lineNumber } = message.location();
      const where = url ? ` (${url}:${lineNumber})` : '';
      problems.push(`console error: ${message.text()}${where}`);
    }
  });
  page.on('pageerror', (error) => {
    problems.push(`page error: ${error.stack || error.message}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // A navigation away aborts what the old page was still loading: not a problem.
    if (failure !== 'net::ERR_ABORTED') {
      problems.push(`request failed: ${request.method()} ${request.url()}: ${failure}`);
    }
  });

  // CSP violations, reported by the page itself (Chromium also logs most as console errors).
  // Bindings and init scripts run outside the page's CSP, so this probe cannot cause one.
  await page.exposeBinding(REPORT_BINDING, (_source, text) => {
    problems.push(String(text));
  });
  await page.addInitScript((binding) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
      window[binding](
        `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}${where}`,
      );
    });
  }, REPORT_BINDING);

  if (initScript) await page.addInitScript(initScript);
  if (clock) await page.clock.install();
  await page.goto(new URL(pathAndQuery, base).href);
  return page;
}

/**
 * Fails the test, listing them, if the page recorded any problem.
 * @param {{ problems: string[] }} page a page from `openPage`
 */
export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], `problems on the page:\n  ${page.problems.join('\n  ')}`);
}

/**
 * The text on the clipboard, as the page sees it (needs `grantClipboard`, the default).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string>}
 */
export async function readClipboard(page) {
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}
