// Whether twostep's memory stays flat: JS heap after GC and wasm memory before and after many
// mount/unmount cycles, and before and after many resends in one session. Each first runs a few
// warm-up rounds and reads the figures again: V8 keeps what the first rounds compile and learn
// (optimised code, inline caches), a one-time cost that is not a leak; the main rounds then show
// what each round adds for good.

import { SETTLE_MS, firstInput, inPage, memory, openPage, until } from './measure.mjs';

/**
 * The figures on a page opened at `url` once its first input shows (`before`), after `run(cdp,
 * warmup)` (`warm`) and after `run(cdp, count)` (`after`).
 */
async function beforeAfter(browser, url, warmup, count, run) {
  const { context, page, cdp, errors } = await openPage(browser);
  try {
    await page.goto(url);
    await firstInput(page, cdp, errors);
    await page.waitForTimeout(SETTLE_MS);
    const before = await memory(cdp);
    await run(cdp, warmup);
    await page.waitForTimeout(SETTLE_MS);
    const warm = await memory(cdp);
    const done = await run(cdp, count);
    await page.waitForTimeout(SETTLE_MS);
    const after = await memory(cdp);
    return { before, warm, after, warmup, ...done };
  } finally {
    await context.close();
  }
}

/**
 * `warmup`, then `cycles` times: unmount the widget and mount a new one, which calls `start` and
 * `send` again, and wait until its code input is on screen.
 */
export function mountCycles(browser, base, warmup, cycles) {
  return beforeAfter(browser, `${base}/pages/twostep.html`, warmup, cycles, async (cdp, count) => {
    await inPage(cdp, `(async () => {
      const shown = () => new Promise((resolve) => {
        const look = () => {
          const input = document.getElementById('twostep').shadowRoot?.querySelector('input.ts-code');
          if (input?.checkVisibility()) resolve();
          else requestAnimationFrame(look);
        };
        look();
      });
      for (let i = 0; i < ${Number(count)}; i += 1) {
        await window.twostepBench.remount();
        await shown();
      }
    })()`);
    return { cycles: count };
  });
}

/**
 * `warmup`, then `resendCount` clicks on "Send a new code" in one session, against the stub whose
 * sends allow a resend at once, each waiting for the stub to have answered it and the button to
 * open again.
 */
export function resends(browser, server, warmup, resendCount) {
  const key = 'POST /mfa/quick/v1/send';
  // The open "Send a new code" button, clicked; false while there is none.
  const click = `(() => {
    const buttons = document.getElementById('twostep').shadowRoot?.querySelectorAll('button.ts-link') ?? [];
    const open = [...buttons].find((b) => b.textContent.trim() === 'Send a new code' && !b.disabled);
    open?.click();
    return Boolean(open);
  })()`;
  return beforeAfter(browser, `${server.url}/pages/twostep.html?quick-resend`, warmup, resendCount, async (cdp, count) => {
    const first = server.counts.get(key) ?? 0;
    for (let i = 1; i <= count; i += 1) {
      await until(cdp, click, `the open resend button (resend ${i})`, 10_000);
      const deadline = Date.now() + 10_000;
      while ((server.counts.get(key) ?? 0) < first + i) {
        if (Date.now() > deadline) throw new Error(`resend ${i} never reached the stub`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    // The last answer on screen: the button open again.
    await until(cdp, click.replace('open?.click();', ''), 'the resend button open after the last resend', 10_000);
    return { resends: (server.counts.get(key) ?? 0) - first };
  });
}
