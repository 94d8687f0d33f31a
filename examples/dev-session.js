// Where a login page gets the session for its second step. In production the page's own
// server starts the verification right after it has checked the password (server to
// server: POST /v1/sessions with its API key, see docs/protocol.md and
// examples/host-server/) and hands the page the session's secret handle. These examples
// have no server of their own, so the reference server's development stand-in for one,
// POST /dev/sessions (twostep-server --dev only), plays that part.
//
// The handle stays in sessionStorage, so that a reload resumes the same verification
// instead of starting another, and is forgotten once the user is verified.

const KEPT = 'twostep-example-session';
const KEPT_USER = 'twostep-example-user';

/** The user whose verification is under way in this tab (it survives a reload), if any. */
export function pendingUser() {
  return sessionStorage.getItem(KEPT) ? sessionStorage.getItem(KEPT_USER) : null;
}

/**
 * The widget's `session` option for `user`: the handle kept for this tab, or a new
 * verification when there is none or the user starts over (`fresh`).
 */
export function sessionFor(user) {
  return async ({ fresh }) => {
    const kept = sessionStorage.getItem(KEPT);
    if (kept && !fresh) return kept;
    const response = await fetch('/dev/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user }),
    });
    if (!response.ok) throw new Error(`the server could not start a verification (HTTP ${response.status})`);
    const { session_handle: handle } = await response.json();
    sessionStorage.setItem(KEPT, handle);
    sessionStorage.setItem(KEPT_USER, user);
    return handle;
  };
}

/** Forgets the verification: it is done. */
export function forgetSession() {
  sessionStorage.removeItem(KEPT);
  sessionStorage.removeItem(KEPT_USER);
}
