// docs/performance.md from the bench's figures: the part between the markers is written anew on
// each full run, and the rest of the file (the hand-written "What each change saved") is kept.

import { readFile, writeFile } from 'node:fs/promises';

const BEGIN = '<!-- bench:begin: `cargo xtask bench` writes from here to bench:end; edits in between are lost -->';
const END = '<!-- bench:end -->';

/** The file as it is first written: the generated part, then the hand-written section. */
const SKELETON = (generated) => `# Performance

What a login page pays for twostep, beside the Okta Sign-In Widget, two wasm reference pages and a plain \`<input>\`, measured by
\`cargo xtask bench\` (\`--runs N\`, default 15). The figures are printed, never judged: no run fails on them.

${BEGIN}
${generated}
${END}

## What each change saved

Hand-written, kept by \`cargo xtask bench\`. One line per change, with the figures before → after and how they were
measured:

- \`mount()\` requests the stylesheet beside the wasm: median first visible code field 227/235 → 201/214 ms (earlier
  script, 15 cold loads ×2)
`;

const group = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n) => `${group(n)} ms`;
const kb = (n) => `${group(n / 1000, 1)} KB`;
const spread = (figure, unit) => `${unit(figure.median)} (${unit(figure.min)}–${unit(figure.max)})`;
const ratio = (a, b) => (b > 0 ? `${group(a / b, 2)}×` : '–');

/** The table of every page: median (min–max) of each figure, and the first input's ratios. */
function figures(result) {
  const floor = result.pages.find((p) => p.id === 'floor');
  const okta = result.pages.find((p) => p.id === 'okta');
  const rows = result.pages.map(({ name, summary: s }) => {
    const first = s.firstInputMs.median;
    return `| ${name} | ${spread(s.firstInputMs, ms)} | ${ratio(first, floor.summary.firstInputMs.median)} | ${okta ? ratio(first, okta.summary.firstInputMs.median) : '–'} | ${spread(s.scriptMs, ms)} | ${spread(s.heapBytes, kb)} | ${spread(s.wasmBytes, kb)} | ${spread(s.brotliBytes, kb)} |`;
  });
  return [
    '| page | first visible code input, median (min–max) | ratio to floor | ratio to Okta | script time | JS heap after GC | wasm memory | bytes brotli |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The ratios of every figure's median, to the floor and to Okta. */
function ratios(result) {
  const names = [['firstInputMs', 'first input'], ['scriptMs', 'script time'], ['heapBytes', 'JS heap'], ['wasmBytes', 'wasm memory'], ['brotliBytes', 'bytes brotli']];
  const refs = ['floor', 'okta'].map((id) => result.pages.find((p) => p.id === id)).filter(Boolean);
  const header = `| page | ${names.flatMap(([, label]) => refs.map((ref) => `${label} ÷ ${ref.id === 'okta' ? 'Okta' : 'floor'}`)).join(' | ')} |`;
  const rows = result.pages.map(({ name, summary: s }) => `| ${name} | ${names.flatMap(([key]) => refs.map((ref) => ratio(s[key].median, ref.summary[key].median))).join(' | ')} |`);
  return [header, `|---|${names.flatMap(() => refs.map(() => '---|')).join('')}`, ...rows].join('\n');
}

function memoryFlat({ cycles, resends }) {
  const signed = (n) => `${n >= 0 ? '+' : '−'}${kb(Math.abs(n))}`;
  const per = (n, count) => `${n >= 0 ? '+' : '−'}${group(Math.abs(n) / count / 1000, 2)} KB`;
  const rows = (what, count, warmup, { before, warm, after }) => [
    `| before | ${kb(before.heap)} | ${kb(before.wasm)} |`,
    `| after the warm-up (${warmup} ${what}) | ${kb(warm.heap)} | ${kb(warm.wasm)} |`,
    `| after ${count} more ${what} | ${kb(after.heap)} | ${kb(after.wasm)} |`,
    `| **change over the ${count}** | **${signed(after.heap - warm.heap)}** (${per(after.heap - warm.heap, count)} each) | **${signed(after.wasm - warm.wasm)}** |`,
    `| change in the warm-up | ${signed(warm.heap - before.heap)} | ${signed(warm.wasm - before.wasm)} |`,
  ];
  const table = (title, r) => [`| ${title} | JS heap after GC | wasm memory |`, '|---|---|---|', ...r].join('\n');
  return [
    table('twostep, mount/unmount cycles', rows('cycles', cycles.cycles, cycles.warmup, cycles)),
    table('twostep, resends in one session', rows('resends', resends.resends, resends.warmup, resends)),
  ].join('\n\n');
}

function method(result) {
  const { machine } = result;
  return `- **Machine.** \`nproc\` ${machine.nproc} (${machine.cpu ?? 'CPU unknown'}), Chromium ${machine.chromium} (Debian's, \`--headless=new\`), driven
  by playwright-core 1.64.1 from Node ${machine.node}; run ${result.date.slice(0, 16).replace('T', ' ')} UTC on commit ${result.commit ?? '?'}${result.dirty ? ' with uncommitted changes' : ''}.
  The machine was shared: its 1-minute load average was ${machine.load.map((l) => l.toFixed(1)).join(' before the run and ')} after
  it, which shows in the spread of the times.
- **Loads.** ${result.runs} cold loads per page in one run, alternating (each round loads every page once, starting one
  page further on than the round before), each in a fresh browser context (empty cache), after one uncounted load of
  each page. One Node server on 127.0.0.1 serves every page,
  asset and API answer the same way; pages load their scripts as external files (no inline script) and no CSP header
  is sent to any of them (the Okta widget's bundle is not built for twostep's strict one).
- **twostep**: \`dist/bundle/\` of \`cargo xtask build\`; the page's module imports \`twostep.js\` and calls \`mount()\` at once with
  \`backend: '/mfa/'\` (the HTTP backend) and a session handle, so the widget calls \`POST /mfa/v1/start\`, then
  \`POST /mfa/v1/send\` for the default method, a texted code (\`tests/e2e/bench/twostep-stub.mjs\`). The page's
  \`<head>\` has README's "Start fast" hints: \`modulepreload\` of \`twostep.js\` with its SRI hash and \`preload\` of the
  wasm; the bench checks that each load downloads the wasm once (the hint and the widget's checked fetch share it) and
  stops otherwise.
- **Okta**: \`@okta/okta-signin-widget@7.49.0\` from npm (installed by xtask into \`target/bench/okta/\`), its Identity Engine
  bundle \`js/okta-sign-in.oie.min.js\` (the smallest one for Identity Engine orgs) and \`css/okta-sign-in.min.css\`, with
  \`useInteractionCodeFlow\` and the issuer \`/oauth2/default\` on the same server. A stub written from Okta's public API
  description (\`tests/e2e/bench/okta-stub.mjs\`) answers what the widget asks, in order: \`GET
  /oauth2/default/.well-known/openid-configuration\` (OIDC discovery), \`POST /oauth2/default/v1/interact\` (an
  interaction handle), and \`POST /idp/idx/introspect\` with the \`challenge-authenticator\` remediation for an enrolled
  phone whose method is SMS (\`currentAuthenticatorEnrollment\`), so that the first screen is the texted code's entry
  (*Verify with your phone*, "A code was sent to +1 XXX-XXX-0012", the *Enter Code* field).
- **wasm references** (when the run has them): two pages that show a heading and a code input from a wasm module
  built like twostep's (the release profile, wasm-bindgen, the bundle's wasm-opt passes, esbuild for the glue) and
  loaded with the same hints, from \`tests/e2e/bench/floors/\`: *no framework* adds the input with web-sys calls; *smallest
  Leptos app* mounts a heading and a form whose input is bound to a signal. They call no API. They show what any
  widget that renders from wasm, or with Leptos, pays before its own code runs.
- **Floor**: a static page with one \`<input>\`.
- **First visible code input**: an init script, the same on every page, checks on each animation frame for an
  \`<input>\` in the document or any open shadow root that has a box and passes \`checkVisibility\` (opacity and
  visibility included), and keeps \`performance.now()\` of the first frame that has one: ms from navigation start.
- The other figures are read ${SETTLE_MS_TEXT} after that input showed. The bench reads the page through CDP's
  \`Runtime.evaluate\`, never playwright's waiting or locator helpers, whose injected script would add about 0.6 MB
  to the heap figure:
  **script time** is CDP \`Performance.getMetrics\` \`ScriptDuration\`, the main thread's time in script since the
  page's start (the wasm's calls included; the wasm compilation that V8 does on other threads, which
  \`instantiateStreaming\` allows, is not in it); **JS heap after GC** is CDP
  \`HeapProfiler.collectGarbage\`, then \`Runtime.getHeapUsage\` \`usedSize\`; **wasm memory** sums \`buffer.byteLength\` of
  every \`WebAssembly.Memory\` that the page's instances export or import (an init script wraps \`instantiate\`,
  \`instantiateStreaming\` and \`Instance\`; 0 without wasm); **bytes brotli** sums \`encodedBodySize\` of the navigation and
  every resource entry (the page, scripts, styles, wasm, fonts, images and API answers as sent). The server sends
  every text and wasm file brotli-compressed at quality 11 (compressed once, kept in memory) with
  \`Content-Encoding: br\`, and API answers the same way; fonts and images, compressed already, go as they are.
  Chromium's requests to http://127.0.0.1 said \`Accept-Encoding: ${result.acceptEncodings.join('\` or \`')}\`, and the
  bench checks, through CDP's \`Network.responseReceived\`, that every text or wasm response the page received came
  with \`Content-Encoding: br\` (the pages then work, so Chromium decoded it), and stops otherwise.
- **Memory flat**: on the twostep page, once its code input shows and ${SETTLE_MS_TEXT} later, JS heap after GC and wasm
  memory; then, as a warm-up, ${result.memoryFlat.cycles.warmup} rounds of \`handle.unmount()\` and a new \`mount()\` (each calls
  \`start\` and \`send\` again) waiting for its code input, the same figures ${SETTLE_MS_TEXT} later, then
  ${result.memoryFlat.cycles.cycles} rounds more and the figures again. The warm-up is reported apart because V8 keeps
  what the first rounds compile and learn (optimised code, inline caches, lazily compiled wasm functions): a one-time
  cost, where a leak grows with every round after it. For the resends, the page mounts against \`/mfa/quick/\`, a stub whose \`send\` answers \`resend_after_secs: 0\` (the contract allows any cool-down;
  the widget opens *Send a new code* once the time is reached), and the bench clicks *Send a new code*
  ${result.memoryFlat.resends.warmup} times, then ${result.memoryFlat.resends.resends} times more, each time waiting for the stub to have answered before the next click.`;
}

const SETTLE_MS_TEXT = '1 s';

/** The generated part of docs/performance.md. */
export function generated(result) {
  return `## Figures

${result.runs} cold loads per page (method below). KB are 1,000 bytes.

${figures(result)}

Each figure's median, as a ratio to the floor's and to Okta's:

${ratios(result)}

### Memory flat

${memoryFlat(result.memoryFlat)}

## Method

${method(result)}`;
}

/** What the bench prints: the figures and the memory-flat table, without the method. */
export function printed(result) {
  return `${figures(result)}\n\n${memoryFlat(result.memoryFlat)}`;
}

/** Writes the generated part into `path` (when given) and returns it. */
export async function writeDoc(result, path) {
  const part = generated(result);
  if (!path) return part;
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = null;
  }
  if (text === null) {
    text = SKELETON(part);
  } else {
    const begin = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (begin < 0 || end < begin) throw new Error(`${path} lacks the bench markers; restore them or delete the file`);
    text = `${text.slice(0, begin + BEGIN.length)}\n${part}\n${text.slice(end)}`;
  }
  await writeFile(path, text);
  return part;
}
