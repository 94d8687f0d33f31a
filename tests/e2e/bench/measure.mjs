// One cold load of a bench page in a fresh browser context (empty cache), and what it cost:
// time to the first visible input, script time, JS heap after GC, wasm memory and bytes.

import { fileURLToPath } from 'node:url';

/** The init scripts every page gets, before any of its own script runs. */
const PROBES = ['first-input.js', 'wasm-memory.js']
  .map((name) => fileURLToPath(new URL(`probes/${name}`, import.meta.url)));

/** The content types the server compresses: text, JSON, scripts and wasm (not fonts or images, compressed already). */
const COMPRESSIBLE = /^text\/|json|javascript|wasm|svg/;

/** How long a page may take to show an input before the load counts as failed. */
const SHOW_TIMEOUT_MS = 20_000;

/** How long after the first input the other figures are read, so that they cover the screen's setup. */
export const SETTLE_MS = 1000;

/** A fresh context and page with the probes and a CDP session with the domains the figures need. */
export async function openPage(browser) {
  const context = await browser.newContext();
  for (const path of PROBES) await context.addInitScript({ path });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  const encodings = [];
  cdp.on('Network.responseReceived', ({ response }) => {
    const header = Object.entries(response.headers)
      .find(([name]) => name.toLowerCase() === 'content-encoding');
    encodings.push({ url: response.url, type: response.mimeType, encoding: header?.[1] ?? null });
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return { context, page, cdp, encodings, errors };
}

/**
 * The value of `expression` in the page's main world, through CDP's Runtime.evaluate: unlike
 * playwright's waiting and locator helpers, it puts no script of its own into the page, whose
 * heap the bench measures.
 */
export async function inPage(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails) {
    throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  }
  return result.value;
}

/** Polls `expression` every 50 ms until it is truthy, and returns it; throws after `timeout` ms. */
export async function until(cdp, expression, what, timeout = SHOW_TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await inPage(cdp, expression);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the probe to see a visible input; returns `{ms, name}` from navigation start. */
export async function firstInput(page, cdp, errors = []) {
  try {
    return await until(cdp, 'window.__benchFirstInput', `a visible input on ${page.url()}`);
  } catch (error) {
    const said = errors.length ? `; page errors: ${errors.join(' | ')}` : '';
    throw new Error(`${error.message}${said}`, { cause: error });
  }
}

/** JS heap after a full GC (CDP usedSize) and the wasm memories' size, in bytes. */
export async function memory(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await inPage(cdp, 'window.__benchWasmBytes()');
  return { heap: usedSize, wasm };
}

/** Bytes of every response body the page received, as sent (brotli), and as decoded. */
function bodyBytes(cdp) {
  return inPage(cdp, `(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ];
    return {
      encoded: entries.reduce((sum, e) => sum + e.encodedBodySize, 0),
      decoded: entries.reduce((sum, e) => sum + e.decodedBodySize, 0),
      responses: entries.length,
    };
  })()`);
}

/** Loads `url` cold and returns its figures (see the module's comment). */
export async function coldLoad(browser, url) {
  const { context, page, cdp, encodings, errors } = await openPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const shown = await firstInput(page, cdp, errors);
    await page.waitForTimeout(SETTLE_MS);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const script = metrics.find((m) => m.name === 'ScriptDuration').value * 1000;
    const bytes = await bodyBytes(cdp);
    const { heap, wasm } = await memory(cdp);
    return {
      firstInputMs: shown.ms,
      input: shown.name,
      scriptMs: script,
      heapBytes: heap,
      wasmBytes: wasm,
      brotliBytes: bytes.encoded,
      decodedBytes: bytes.decoded,
      responses: encodings.length,
      notBrotli: encodings.filter((e) => e.encoding !== 'br' && COMPRESSIBLE.test(e.type)).map((e) => e.url),
    };
  } finally {
    await context.close();
  }
}
