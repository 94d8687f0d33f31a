//! An example host for twostep: a small login server with its own password
//! step that hands over to twostep the way a real site should.
//!
//! 1. `POST /login/password` checks the password against an Argon2id hash
//!    and sets a sign-in cookie.
//! 2. The page mounts the widget with a `session` function; its server starts
//!    the verification server to server (`POST /v1/sessions` with the API key)
//!    and gives the page only the session handle.
//! 3. The widget's calls go through `/mfa/v1/*` to twostep.
//! 4. `POST /login/assertion` checks the signed assertion (signature through
//!    the JWKS, `iss`, `aud`, `exp`, `sub`, `sid`, `jti` once) and sets the
//!    host's own session cookie.

pub mod assertion;
pub mod logins;
pub mod pages;
pub mod password;
pub mod routes;
pub mod twostep;

use std::path::PathBuf;

use tokio::net::TcpListener;

pub use password::Users;
pub use routes::router;

/// The host's settings.
#[derive(Clone, Debug)]
pub struct HostConfig {
    /// The twostep backend's base URL, for server-to-server calls and for
    /// forwarding the widget's calls.
    pub twostep_url: String,
    /// This host's API key for `POST /v1/sessions`.
    pub api_key: String,
    /// The issuer the assertions must name (twostep's `--issuer`).
    pub issuer: String,
    /// This host's audience, as configured with its API key.
    pub audience: String,
    /// Who may sign in.
    pub users: Users,
    /// The folder of twostep's bundle (`dist/bundle`), served at
    /// `/assets/twostep/`.
    pub bundle_dir: PathBuf,
    /// Marks cookies `Secure` (behind https).
    pub secure_cookies: bool,
}

/// Serves the host on `listener` until the future is dropped.
pub async fn serve(listener: TcpListener, config: HostConfig) -> std::io::Result<()> {
    axum::serve(listener, router(config)).await
}
