// The Okta bench page: the Sign-In Widget (its Identity Engine bundle, loaded by okta.html) in
// the interaction code flow against the bench's stub of an Okta org on this same server
// (okta-stub.mjs), which answers with the code-entry step of a texted code.

const origin = window.location.origin;
const widget = new window.OktaSignIn({
  baseUrl: origin,
  clientId: '0oabenchclient000001',
  redirectUri: `${origin}/pages/okta.html`,
  useInteractionCodeFlow: true,
  // The Identity Engine bundle refuses to start unless told, in so many words, not to use the Classic Engine.
  useClassicEngine: false,
  authParams: { issuer: `${origin}/oauth2/default` },
  // Fonts and images from this server, not Okta's CDN.
  assets: { baseUrl: '/okta/' },
});
widget.showSignIn({ el: '#okta-sign-in' }).catch((error) => console.error('okta:', error));
