// The bench's one static server, on 127.0.0.1: every page, asset and API answer of the three
// pages comes from here, the same way. Text and wasm files go out brotli-compressed (quality 11,
// compressed once and kept in memory), with `Content-Encoding: br`, whether or not the request
// advertised br: the bench checks that Chromium decoded them (see bench.mjs). API answers come
// from the stubs at once, compressed the same way.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/** Content types by extension; the `true` ones are compressed. */
const TYPES = {
  '.html': ['text/html; charset=utf-8', true],
  '.js': ['text/javascript; charset=utf-8', true],
  '.mjs': ['text/javascript; charset=utf-8', true],
  '.css': ['text/css; charset=utf-8', true],
  '.json': ['application/json', true],
  '.svg': ['image/svg+xml', true],
  '.wasm': ['application/wasm', true],
  '.ttf': ['font/ttf', true],
  '.eot': ['application/vnd.ms-fontobject', true],
  '.woff': ['font/woff', false],
  '.woff2': ['font/woff2', false],
  '.png': ['image/png', false],
  '.gif': ['image/gif', false],
  '.jpg': ['image/jpeg', false],
};

/** The errors of a file that is not there. */
const MISSING = ['ENOENT', 'ENOTDIR', 'EISDIR'];

/** Brotli at quality 11, what a careful site precompresses its assets with. */
function brotli(bytes) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/**
 * Starts the server. `mounts` maps a URL prefix (such as `/twostep/`) to a folder;
 * `stubs` maps a `METHOD /path` to a function of the parsed request body (and
 * `{origin}`, the server's own) returning the
 * JSON answer (an object) or `{$status, $body}` for another status than 200. Resolves with `{url, close, counts, gets, unknown}`:
 * `counts` holds how often each stub answered, `gets` how often each file was asked for, `unknown` the paths that got a 404,
 * `acceptEncodings` every Accept-Encoding the browser sent. `integrity`, when given, maps a
 * file name to its SRI hash: each `{{integrity:NAME}}` in a served HTML page becomes that hash,
 * so that a page's preload hints carry the bundle's hashes as a host's page would.
 */
export async function serve({ mounts, stubs, integrity = {} }) {
  const cache = new Map();
  const counts = new Map();
  const gets = new Map();
  const unknown = new Set();
  const acceptEncodings = new Set();

  /** `text` with each `{{integrity:NAME}}` replaced by NAME's hash; an unknown NAME stops the bench. */
  function withIntegrity(text, path) {
    return text.replace(/\{\{integrity:([^}]+)\}\}/g, (_, name) => {
      if (!integrity[name]) throw new Error(`${path}: no integrity hash for ${name}`);
      return integrity[name];
    });
  }

  /** A file's compressed (or raw) bytes, read and compressed on first use. */
  async function file(path) {
    let entry = cache.get(path);
    if (!entry) {
      const [type, compress] = TYPES[extname(path)] ?? ['application/octet-stream', false];
      let raw = await readFile(path);
      if (extname(path) === '.html') raw = Buffer.from(withIntegrity(raw.toString('utf8'), path));
      entry = { type, body: compress ? brotli(raw) : raw, br: compress };
      cache.set(path, entry);
    }
    return entry;
  }

  function send(res, status, { type, body, br }) {
    const headers = {
      'Content-Type': type,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
    };
    if (br) headers['Content-Encoding'] = 'br';
    res.writeHead(status, headers);
    res.end(body);
  }

  /** The answer's type: IDX answers speak `application/ion+json`, the rest plain JSON. */
  function stubType(req) {
    const accept = req.headers.accept ?? '';
    return accept.includes('ion+json') ? 'application/ion+json; okta-version=1.0.0' : 'application/json';
  }

  function lookup(pathname) {
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!pathname.startsWith(prefix)) continue;
      const rel = normalize(decodeURIComponent(pathname.slice(prefix.length)));
      if (rel.startsWith('..') || rel.includes(`${sep}..`)) return null;
      return join(dir, rel);
    }
    return null;
  }

  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    acceptEncodings.add(req.headers['accept-encoding'] ?? '(none)');
    const key = `${req.method} ${pathname}`;
    const stub = stubs[key];
    if (stub) {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      let body;
      try {
        body = text && text.trim().startsWith('{') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
      } catch {
        body = {};
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const answer = stub(body, { origin: `http://${req.headers.host}` });
      const status = answer.$status ?? 200;
      const json = Buffer.from(JSON.stringify(answer.$status ? answer.$body : answer));
      send(res, status, { type: stubType(req), body: brotli(json), br: true });
      return;
    }
    const path = req.method === 'GET' ? lookup(pathname) : null;
    if (path) {
      gets.set(pathname, (gets.get(pathname) ?? 0) + 1);
      try {
        send(res, 200, await file(path));
        return;
      } catch (e) {
        // A missing file falls through to the 404; anything else (a page naming a hash the
        // bundle lacks) stops the bench with its message rather than passing for a 404.
        if (!MISSING.includes(e.code)) throw e;
      }
    }
    unknown.add(key);
    send(res, 404, { type: 'text/plain', body: Buffer.from('not found'), br: false });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    gets,
    unknown,
    acceptEncodings,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
