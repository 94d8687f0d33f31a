// The bridge between a host's adapter object and the wasm AdapterBackend
// (crates/widget/src/backend/adapter.rs). The bridge never rejects: the wasm
// side reads every outcome as an HTTP-like [status, body] pair and validates
// the body exactly as it validates a server's answer.

const isEnvelope = (value) => typeof value === 'object' && value !== null
  && typeof value.code === 'string' && typeof value.message === 'string';

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
      const why = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
      return internal(call, `failed: ${why}`);
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
