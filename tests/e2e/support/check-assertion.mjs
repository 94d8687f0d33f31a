// Checking twostep's assertion on a Node server with `jose`: the code that
// docs/protocol.md shows under "Checking the assertion on your server"
// (tests/e2e/host-server.test.mjs runs it, and keeps the two the same).

// docs:check-assertion-node:start
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** Checks assertions of the twostep backend at `twostepUrl` for this host. */
export function assertionChecker({ twostepUrl, issuer, audience }) {
  // Cached; fetched again when a token names a key it does not have.
  const keys = createRemoteJWKSet(new URL('/.well-known/jwks.json', twostepUrl));
  const used = new Map(); // jti → exp; keep it in your database in production

  /** Resolves to the claims, or rejects with the reason. */
  return async function checkAssertion(token, { user, sessionRef }) {
    const { payload } = await jwtVerify(token, keys, {
      algorithms: ['EdDSA'], // never "none" or HMAC
      typ: 'twostep+jwt',
      issuer,
      audience,
      requiredClaims: ['sub', 'sid', 'jti', 'iat', 'exp'],
      maxTokenAge: 300,
      clockTolerance: 30,
    });
    const now = Math.floor(Date.now() / 1000);
    for (const [jti, exp] of used) if (exp + 30 < now) used.delete(jti);
    if (used.has(payload.jti)) throw new Error('replayed');
    if (payload.sub !== user) throw new Error('wrong user');
    if (payload.sid !== sessionRef) throw new Error('wrong session');
    used.set(payload.jti, payload.exp);
    return payload;
  };
}
// docs:check-assertion-node:end
