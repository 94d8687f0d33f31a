//! Server to server: the host's server starts a verification after its own
//! password step, and hands the browser the secret handle it gets back.

use serde::{Deserialize, Serialize};

/// The path of the server-to-server call that starts a verification
/// (`POST`, with `Authorization: Bearer <API key>`).
pub const SESSIONS_PATH: &str = "/v1/sessions";

/// Starts a verification for a user whose password the host's server has
/// just checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSessionRequest {
    /// The user, as the backend's directory knows them (for example their
    /// email). It becomes the assertion's `sub`.
    pub user: String,
}

/// A verification the host's server started: the handle goes to the page,
/// the reference stays with the host to check the assertion against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedSession {
    /// The secret the browser acts on the session with: the widget's
    /// `session` option. Hand it only to the user's own page; never log it.
    pub session_handle: String,
    /// The public reference: the assertion's `sid`, and the session ID the
    /// user and support see.
    pub session_ref: String,
    /// Seconds left before the verification expires.
    pub expires_in_secs: u32,
}
