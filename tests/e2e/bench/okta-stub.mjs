// Instant answers to what the Okta Sign-In Widget (Identity Engine, interaction code flow) asks
// of an Okta org, written for the bench from Okta's public description of the OAuth 2.0 / OIDC
// and IDX (Identity Engine) APIs, not copied from any fixture: OIDC discovery, `interact` (an
// interaction handle), then `introspect`, answered with the `challenge-authenticator`
// remediation for an enrolled phone whose method is SMS, so that the widget's first screen is
// the one where the user types the texted code. `resend` answers with the same state.

const ION = 'application/ion+json; okta-version=1.0.0';
const ACCEPTS = 'application/json; okta-version=1.0.0';
const STATE = '02.bench.state-handle';
const ISSUER_PATH = '/oauth2/default';

/** The hidden `stateHandle` field every IDX form carries. */
const stateField = { name: 'stateHandle', required: true, value: STATE, visible: false, mutable: false };

/** An IDX form: a `create-form` the widget posts with `value`'s fields. */
const form = (origin, name, path, value = []) => ({
  rel: ['create-form'],
  name,
  href: `${origin}/idp/idx/${path}`,
  method: 'POST',
  produces: ION,
  value: [...value, stateField],
  accepts: ACCEPTS,
});

/** The phone enrolment the code went to (masked, as Okta masks it). */
const phone = (origin) => ({
  profile: { phoneNumber: '+1 XXX-XXX-0012' },
  resend: form(origin, 'resend', 'challenge/resend'),
  type: 'phone',
  key: 'phone_number',
  id: 'paebenchphone0000001',
  displayName: 'Phone',
  methods: [{ type: 'sms' }],
});

/** The IDX state: the user passed the first factor and must type the texted code. */
function challenge(origin) {
  const enrolled = phone(origin);
  return {
    version: '1.0.0',
    stateHandle: STATE,
    expiresAt: new Date(Date.now() + 10 * 60 * 1000).toISOString(),
    intent: 'LOGIN',
    remediation: {
      type: 'array',
      value: [
        {
          ...form(origin, 'challenge-authenticator', 'challenge/answer', [
            {
              name: 'credentials',
              type: 'object',
              form: { value: [{ name: 'passcode', label: 'Enter code' }] },
              required: true,
            },
          ]),
          relatesTo: ['$.currentAuthenticatorEnrollment'],
        },
      ],
    },
    currentAuthenticatorEnrollment: { type: 'object', value: enrolled },
    authenticatorEnrollments: {
      type: 'array',
      value: [{ type: 'phone', key: 'phone_number', id: enrolled.id, displayName: 'Phone', methods: [{ type: 'sms' }] }],
    },
    user: { type: 'object', value: { id: '00ubenchuser00000001', identifier: 'bench@example.com' } },
    cancel: form(origin, 'cancel', 'cancel'),
    app: { type: 'object', value: { name: 'oidc_client', label: 'Bench', id: '0oabenchclient000001' } },
  };
}

/** OIDC discovery for the org's default authorization server. */
function discovery(origin) {
  const issuer = `${origin}${ISSUER_PATH}`;
  return {
    issuer,
    authorization_endpoint: `${issuer}/v1/authorize`,
    token_endpoint: `${issuer}/v1/token`,
    userinfo_endpoint: `${issuer}/v1/userinfo`,
    jwks_uri: `${issuer}/v1/keys`,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
    grant_types_supported: ['authorization_code', 'interaction_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'email'],
    code_challenge_methods_supported: ['S256'],
  };
}

/** Every stub of the Okta org the bench serves, by `METHOD /path`. */
export const oktaStubs = {
  [`GET ${ISSUER_PATH}/.well-known/openid-configuration`]: (_, { origin }) => discovery(origin),
  [`POST ${ISSUER_PATH}/v1/interact`]: () => ({ interaction_handle: 'bench-interaction-handle' }),
  'POST /idp/idx/introspect': (_, { origin }) => challenge(origin),
  'POST /idp/idx/challenge/resend': (_, { origin }) => challenge(origin),
};
