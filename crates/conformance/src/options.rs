//! What the checks are told about the backend.

/// The backend under test and what the checker knows about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The part of the URL before `/v1/...`.
    pub base_url: String,
    /// A test user the backend knows.
    pub user: String,
    /// An API key of a host, to start sessions server to server
    /// (`POST /v1/sessions`).
    pub api_key: Option<String>,
    /// The backend runs in development mode: a browser `start` from a
    /// `user_hint` must then work, and without it must be refused.
    pub dev: bool,
    /// The test user's authenticator-app secret (base32), to complete a
    /// verification and check the assertion. Without it the checks try the
    /// reference server's `GET /dev/totp?user=`.
    pub totp_secret: Option<String>,
    /// The `iss` the assertion must carry.
    pub issuer: Option<String>,
    /// The `aud` the assertion must carry.
    pub audience: Option<String>,
}

impl Options {
    /// Checks of the backend at `base_url` for `user`, with nothing else known.
    pub fn new(base_url: &str, user: &str) -> Self {
        Options {
            base_url: base_url.to_string(),
            user: user.to_string(),
            api_key: None,
            dev: false,
            totp_secret: None,
            issuer: None,
            audience: None,
        }
    }
}
