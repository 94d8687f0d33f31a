// How fast the embeddable bundle gets a code field on screen, cold, over loopback: "first
// visible input", the usual way to compare sign-in widgets. It loads the plain-html
// example page in a fresh browser context (empty cache) and mounts the widget at once, with an
// in-page adapter that answers immediately, so that the figure is the bundle's own cost.
//
//   node tests/e2e/bench/first-input.mjs http://127.0.0.1:8460/   (a server of dist/, e.g. `cargo xtask demo`)
//
// Prints each run and the median, in ms from navigation start, plus the bytes transferred.

import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:8460/';
const runs = Number(process.argv[3] ?? 10);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new'],
});

const times = [];
let bytes = 0;
for (let i = 0; i < runs; i += 1) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL('/examples/plain-html/', base).href);
  const ms = await page.evaluate(async () => {
    const { mount } = await import('/bundle/twostep.js');
    mount('#twostep', {
      backend: {
        start: async () => ({
          session_handle: 'sh_bench', session_ref: 'TS-0000-0000-0000', user: 'bench@example.com', methods: [{ id: 'sms', kind: 'sms', target: '••12' }],
          default_method: 'sms', expires_in_secs: 600,
        }),
        send: async () => ({ method_id: 'sms', delivery: { type: 'code', target: '••12', code_length: 6 } }),
        verify: async () => ({ assertion: 'x' }),
        poll: async () => ({ status: 'pending' }),
      },
    });
    const host = document.getElementById('twostep');
    await new Promise((resolve) => {
      const look = () => {
        const input = host.shadowRoot?.querySelector('input.ts-code');
        if (input && input.offsetParent !== null) resolve();
        else requestAnimationFrame(look);
      };
      look();
    });
    return performance.now();
  });
  bytes = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/bundle\//.test(e.name))
    .reduce((sum, e) => sum + e.transferSize, 0));
  times.push(ms);
  console.log(`run ${i + 1}: ${ms.toFixed(0)} ms`);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`median first visible code field: ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${runs} cold loads`);
console.log(`bundle bytes transferred (uncompressed by this server): ${bytes}`);
