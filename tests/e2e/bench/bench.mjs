// `cargo xtask bench` runs this: cold loads of pages from one local static server,
// alternating, in one Chromium: twostep's release bundle on its code-entry screen, the Okta
// Sign-In Widget on its code-entry screen, two reference pages that show a code input from wasm
// (no framework, and the smallest Leptos app: what any wasm or Leptos widget pays), and a static
// <input> (the floor). Then twostep's
// memory over mount/unmount cycles and resends. It prints the figures and writes them as JSON;
// with --doc it also writes them into docs/performance.md (report.mjs). It judges nothing: it
// fails only when a figure cannot be had (a page never shows an input).
//
//   node tests/e2e/bench/bench.mjs --bundle DIR [--okta DIR] [--floors DIR] [--runs N] [--smoke] [--out FILE] [--doc FILE]
//
// --bundle: dist/bundle; --okta: the Okta package's dist/ folder (without it, Okta is left
// out); --floors: the reference pages' built wasm, target/bench/floors (without it, they are
// left out); --smoke: one load of twostep and one of the floor, and a few cycles and resends.

import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { coldLoad } from './measure.mjs';
import { mountCycles, resends } from './memory-flat.mjs';
import { oktaStubs } from './okta-stub.mjs';
import { printed, writeDoc } from './report.mjs';
import { serve } from './server.mjs';
import { twostepStubs } from './twostep-stub.mjs';

function parseArgs(argv) {
  const args = { runs: 15, smoke: false, okta: null, floors: null, out: null, doc: null, bundle: null };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      i += 1;
      if (i >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[i];
    };
    if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--smoke') args.smoke = true;
    else if (flag === '--okta') args.okta = value();
    else if (flag === '--floors') args.floors = value();
    else if (flag === '--out') args.out = value();
    else if (flag === '--doc') args.doc = value();
    else if (flag === '--bundle') args.bundle = value();
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!args.bundle) throw new Error('--bundle DIR is required');
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs takes a whole number of 1 or more');
  if (args.smoke) args.runs = 1;
  return args;
}

/** Where the twostep page gets the bundle's wasm. */
const WASM_PATH = '/twostep/twostep_bg.wasm';

/** The pages, in the order each round loads them. */
function pagesOf(args) {
  const pages = [{ id: 'twostep', name: 'twostep (release bundle)', path: '/pages/twostep.html' }];
  if (args.okta) pages.push({ id: 'okta', name: 'Okta Sign-In Widget 7.49.0', path: '/pages/okta.html' });
  if (args.floors) {
    pages.push({ id: 'leptos-floor', name: 'wasm reference: smallest Leptos app', path: '/pages/floor-leptos.html' });
    pages.push({ id: 'wasm-floor', name: 'wasm reference: no framework', path: '/pages/floor-wasm.html' });
  }
  pages.push({ id: 'floor', name: 'static input (floor)', path: '/pages/floor.html' });
  return pages;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median, min and max of each figure over a page's loads. */
function summary(loads) {
  const figures = ['firstInputMs', 'scriptMs', 'heapBytes', 'wasmBytes', 'brotliBytes', 'decodedBytes', 'responses'];
  return Object.fromEntries(figures.map((name) => {
    const values = loads.map((load) => load[name]);
    return [name, { median: median(values), min: Math.min(...values), max: Math.max(...values) }];
  }));
}

function git(...args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** What `nproc` says (the CPUs this process may use), else Node's own count. */
function nproc() {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return availableParallelism();
  }
}

const args = parseArgs(process.argv.slice(2));
const here = fileURLToPath(new URL('.', import.meta.url));
const mounts = { '/pages/': `${here}pages`, '/twostep/': args.bundle };
if (args.okta) mounts['/okta/'] = args.okta;
if (args.floors) mounts['/floors/'] = args.floors;
// The bundle's SRI hashes, which the twostep page's preload hints carry (README's "Start fast").
const integrity = JSON.parse(await readFile(`${args.bundle}/integrity.json`, 'utf8'));
const server = await serve({ mounts, integrity, stubs: { ...twostepStubs, ...(args.okta ? oktaStubs : {}) } });
const loadBefore = loadavg()[0];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new'],
});
try {
  const pages = pagesOf(args);
  // One load of each page first, not counted: the server compresses and caches each file on
  // its first request, and the machine's file cache warms up.
  for (const page of pages) await coldLoad(browser, server.url + page.path);
  const loads = Object.fromEntries(pages.map((page) => [page.id, []]));
  for (let run = 1; run <= args.runs; run += 1) {
    const line = [];
    // Each round starts one page further on, so that no page always follows the same one.
    const order = pages.map((_, i) => pages[(i + run - 1) % pages.length]);
    for (const page of order) {
      const wasmGets = server.gets.get(WASM_PATH) ?? 0;
      const load = await coldLoad(browser, server.url + page.path);
      if (load.notBrotli.length) {
        throw new Error(`${page.id}: text or wasm not received as brotli: ${load.notBrotli.join(', ')}`);
      }
      // The page's wasm preload hint and the widget's own fetch (which carries the hash) must
      // share one download, as README's "Start fast" says; two would mean the hint was not used.
      const wasmFetches = (server.gets.get(WASM_PATH) ?? 0) - wasmGets;
      if (page.id === 'twostep' && wasmFetches !== 1) {
        throw new Error(`twostep: the wasm was downloaded ${wasmFetches} times in one load, not once`);
      }
      loads[page.id].push(load);
      line.push(`${page.id} ${load.firstInputMs.toFixed(0)} ms`);
    }
    console.log(`run ${run}/${args.runs}: ${line.join(', ')}`);
  }
  const cycles = await mountCycles(browser, server.url, args.smoke ? 1 : 20, args.smoke ? 3 : 100);
  console.log(`mount/unmount: ${cycles.warmup} warm-up cycles, then ${cycles.cycles}`);
  const resent = await resends(browser, server, args.smoke ? 1 : 10, args.smoke ? 3 : 50);
  console.log(`resends: ${resent.warmup} warm-up resends, then ${resent.resends} in one session`);
  const result = {
    date: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD'),
    // Changes to the file the bench writes itself do not count.
    dirty: Boolean(git('status', '--porcelain', '--untracked-files=no', '--', ':/', ':(top,exclude)docs/performance.md')),
    machine: {
      nproc: nproc(),
      cpu: cpus()[0]?.model ?? null,
      chromium: browser.version(),
      node: process.version,
      // The 1-minute load average before and after: other work on the machine shows in the spread.
      load: [loadBefore, loadavg()[0]],
    },
    runs: args.runs,
    smoke: args.smoke,
    pages: pages.map((page) => ({ ...page, summary: summary(loads[page.id]), loads: loads[page.id] })),
    memoryFlat: { cycles, resends: resent },
    unknownRequests: [...server.unknown],
    acceptEncodings: [...server.acceptEncodings],
  };
  if (args.out) await writeFile(args.out, `${JSON.stringify(result, null, 2)}\n`);
  await writeDoc(result, args.doc);
  console.log(`\n${printed(result)}`);
  if (args.doc) console.log(`\nwrote ${args.doc}`);
  if (server.unknown.size) console.log(`requests the server did not know (404): ${[...server.unknown].join(', ')}`);
} finally {
  await browser.close();
  await server.close();
}
