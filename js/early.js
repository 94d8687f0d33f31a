// The verification's first `start`, sent by mount() at once: while the wasm
// downloads and compiles, rather than after the widget has started and
// rendered its loading screen. The widget takes this answer for its own first
// `start` when the request is the same, byte for byte, and otherwise sends
// its own (crates/widget/src/backend/early.rs). Nothing here is shown or
// logged: the request holds the secret session handle.

/** HttpOptions' default timeout (crates/widget/src/backend/http/options.rs). */
const TIMEOUT_MS = 10_000;

/** The contract's start path (twostep_protocol::Operation::Start). */
const START_PATH = 'v1/start';

/** `base` and `path` joined with one slash, as HttpOptions::url joins them. */
export const joinUrl = (base, path) => `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

/**
 * POSTs `json` to `url` the way the HTTP backend does, and resolves (never
 * rejects) with `[status, body, retryAfter]`, or `[0, message, null, failure]`
 * with `failure` 'network' or 'timeout'.
 */
async function post(url, json, correlationId, options) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'X-Correlation-ID': correlationId,
        ...options.headers,
      },
      body: json,
      credentials: options.credentials ?? 'same-origin',
      signal: controller.signal,
    });
    const body = await response.text();
    return [response.status, body, response.headers.get('Retry-After')];
  } catch (e) {
    return [0, String(e), null, controller.signal.aborted ? 'timeout' : 'network'];
  } finally {
    clearTimeout(timer);
  }
}

/** The widget's first start request for `options`, as the flow writes it (serde's JSON). */
const firstRequest = (options, handle) => JSON.stringify(
  handle !== undefined ? { session_handle: handle }
    : options.userHint !== undefined ? { user_hint: options.userHint } : {},
);

/**
 * Sends the first `start` for the validated `options` now. `session` is the
 * host's session function, bridged (or undefined): it is asked once for its
 * first answer, which the widget then gets too. Returns `{early, session}`
 * for the widget's config: `early` is `{correlationId, sent}`, `sent`
 * resolving with `[request, answer]` once the answer is in.
 */
export function sendEarlyStart(options, bridge, session) {
  const correlationId = crypto.randomUUID();
  const shared = session && sharedSession(session);
  const handle = shared ? shared.first
    : Promise.resolve(typeof options.session === 'string' ? options.session : undefined);
  const sent = handle.then(async (value) => {
    const request = firstRequest(options, value);
    const answer = typeof options.backend === 'string'
      ? await post(joinUrl(options.backend, START_PATH), request, correlationId, options)
      : await bridge(options.backend)('start', request, correlationId);
    return [request, answer];
  });
  // A failed session function fails the widget's own first ask the same way.
  sent.catch(() => {});
  return { early: { correlationId, sent }, session: shared?.ask };
}

/**
 * `session` (fresh => Promise<handle>), asked at once for its first answer,
 * which goes to the widget's first ask; every later ask (Try again, Start
 * over) asks the host again.
 */
function sharedSession(session) {
  let first = session(false);
  const ask = (fresh) => {
    if (fresh || !first) return session(fresh);
    const answer = first;
    first = undefined;
    return answer;
  };
  return { ask, first };
}
