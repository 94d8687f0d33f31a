// A stand-in for a team's identity provider: it keeps sessions in memory and
// "delivers" texts and pushes to the simulated phone on this page. A real
// adapter would call the provider's SDK or API here instead.

const CODE_LENGTH = 6;

const randomCode = () => String(crypto.getRandomValues(new Uint32Array(1))[0] % 10 ** CODE_LENGTH)
  .padStart(CODE_LENGTH, '0');

/**
 * Creates the provider. `phone` shows what the user's phone would receive:
 * `phone.text(to, code)` and `phone.push(onAnswer)`.
 * `broken` makes one call misbehave, to show how twostep reports it:
 * "shape" (start answers the wrong shape) or "throw" (send throws).
 */
export function createIdp(phone, broken) {
  const sessions = new Map();
  const session = (handle) => {
    const s = sessions.get(handle);
    if (!s) throw { code: 'bad_request', message: 'No such session.' };
    return s;
  };
  return {
    async start({ user_hint: user = 'someone@example.com' }) {
      if (broken === 'shape') return { sessionId: 'wrong-case', methods: 'sms' };
      // A secret for the browser to act on the session with, and a public
      // reference for support.
      const handle = `idp-${crypto.randomUUID()}`;
      const reference = `IDP-${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
      sessions.set(handle, { user, code: null, push: 'none' });
      return {
        session_handle: handle,
        session_ref: reference,
        user,
        methods: [
          { id: 'text', kind: 'sms', target: '+1 555 0100 12' },
          { id: 'app', kind: 'push', label: 'Contoso Authenticator' },
        ],
        default_method: 'text',
        expires_in_secs: 600,
      };
    },
    async send({ session_handle: handle, method_id: method }) {
      if (broken === 'throw') throw new TypeError('idp.sendSms is not a function');
      const s = session(handle);
      if (method === 'app') {
        s.push = 'pending';
        phone.push((approved) => { s.push = approved ? 'approved' : 'denied'; });
        return { method_id: method, delivery: { type: 'approval', poll_interval_ms: 1000 } };
      }
      s.code = randomCode();
      phone.text('••12', s.code);
      return {
        method_id: method,
        delivery: { type: 'code', target: '••12', code_length: CODE_LENGTH, resend_after_secs: 20 },
      };
    },
    async verify({ session_handle: handle, code }) {
      const s = session(handle);
      if (code !== s.code) throw { code: 'invalid_code', message: 'That code is not right.' };
      sessions.delete(handle);
      return { assertion: `idp-assertion-for-${s.user}` };
    },
    async poll({ session_handle: handle }) {
      const s = session(handle);
      if (s.push !== 'approved') return { status: s.push === 'denied' ? 'denied' : 'pending' };
      sessions.delete(handle);
      return { status: 'approved', assertion: `idp-assertion-for-${s.user}` };
    },
  };
}
