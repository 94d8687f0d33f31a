// The bridges between a host's functions and the wasm side. The adapter's
// (for AdapterBackend, crates/widget/src/backend/adapter.rs) never rejects:
// the wasm side reads every outcome as an HTTP-like [status, body] pair and
// validates the body exactly as it validates a server's answer. The session
// function's (for SessionSource::from_js, crates/widget/src/options.rs)
// resolves with a handle or rejects with a plain message.

const isEnvelope = (value) => typeof value === 'object' && value !== null
  && typeof value.code === 'string' && typeof value.message === 'string';

/** What a host function threw, in words. */
const why = (thrown) => (thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown));

/**
 * Wraps the host's `session` function, `({fresh}) => string | Promise<string>`,
 * as `(fresh) => Promise<string>`: the handle, trimmed, or a rejection with a
 * plain message. The message never repeats what the function returned, which
 * may be a secret.
 */
export function sessionBridge(session) {
  return async (fresh) => {
    let value;
    try {
      value = await session({ fresh });
    } catch (thrown) {
      throw `The session function failed: ${why(thrown)}`;
    }
    if (typeof value !== 'string' || !value.trim()) {
      const kind = typeof value === 'string' ? 'an empty string' : value === null ? 'null' : typeof value;
      throw `The session function returned ${kind}, not a session handle`;
    }
    return value.trim();
  };
}

/** The contract's error envelope for a failure of the adapter itself. */
function internal(call, problem) {
  return [500, JSON.stringify({ code: 'internal', message: `The adapter's ${call}() ${problem}` })];
}

/**
 * Wraps `adapter` ({start, send, verify, poll}, each async, taking the
 * contract's request object and `{correlationId}`) in the bridge function.
 * An adapter reports a contract error by throwing (or rejecting with) an
 * error envelope: `{code, message, ...}`.
 */
export function bridge(adapter) {
  return async (call, requestJson, correlationId) => {
    let value;
    try {
      value = await adapter[call](JSON.parse(requestJson), { correlationId });
    } catch (thrown) {
      if (isEnvelope(thrown)) return [400, JSON.stringify(thrown)];
      return internal(call, `failed: ${why(thrown)}`);
    }
    let body;
    try {
      body = JSON.stringify(value);
    } catch (e) {
      return internal(call, `returned a value that is not JSON (${e.message})`);
    }
    return [200, body ?? ''];
  };
}
