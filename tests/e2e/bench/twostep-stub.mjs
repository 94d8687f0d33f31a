// Instant answers to twostep's HTTP contract (docs/protocol.md), for the bench: a session whose
// default method is a texted code. Under `/mfa/` the send answer has the 30 s resend cool-down a
// real server gives; under `/mfa/quick/` it has none, so the resend button opens at once (the
// bench's 50 resends in one session).

/** A made-up secret handle of the contract's shape (`sh_` and 43 characters); never logged. */
const HANDLE = `sh_${'b'.repeat(43)}`;
const METHOD = { id: 'sms-1', kind: 'sms', target: '••••••12', label: 'Mobile' };

const challenge = () => ({
  session_handle: HANDLE,
  session_ref: 'TS-BNCH-0000-0001',
  user: 'bench@example.com',
  methods: [METHOD],
  default_method: METHOD.id,
  expires_in_secs: 600,
});

const sent = (cooldown) => () => ({
  method_id: METHOD.id,
  delivery: { type: 'code', target: METHOD.target, code_length: 6, resend_after_secs: cooldown },
});

/** The stubs by `METHOD /path`, for server.mjs, under `base` (such as `/mfa/`). */
function stubsAt(base, cooldown) {
  return {
    [`POST ${base}v1/start`]: challenge,
    [`POST ${base}v1/send`]: sent(cooldown),
    [`POST ${base}v1/verify`]: () => ({ $status: 422, $body: { code: 'invalid_code', message: 'That code is not right.', attempts_left: 4 } }),
    [`POST ${base}v1/poll`]: () => ({ status: 'pending' }),
  };
}

/** Every stub of twostep's contract the bench serves. */
export const twostepStubs = { ...stubsAt('/mfa/', 30), ...stubsAt('/mfa/quick/', 0) };
