//! The server's settings and their defaults.

use std::path::PathBuf;
use std::time::Duration;

use axum::http::{HeaderName, HeaderValue};

use crate::directory::Directory;
use crate::hook::HookConfig;
use crate::hosts::Hosts;
use crate::limits::Limits;
use crate::signing::{PublicKey, SigningKey};

/// The assertion lifetime when `--assertion-ttl-secs` is not given.
pub const DEFAULT_ASSERTION_TTL: Duration = Duration::from_secs(120);

/// Everything the server can be told. [`Config::default`] gives the documented
/// defaults, with the built-in demo directory and the dev endpoints off.
#[derive(Clone, Debug)]
pub struct Config {
    /// How long a verification lasts from `start` (default 600 s); after it
    /// every call with the session gets `session_expired`.
    pub window: Duration,
    /// How long a texted code stays valid (default 300 s).
    pub code_ttl: Duration,
    /// When the widget should suggest another option if a text never came
    /// (default 30 s).
    pub suggest_other_after: Duration,
    /// How long an app notification or call waits for an answer (default 60 s).
    pub approval_ttl: Duration,
    /// How often the widget should poll an approval (default 1 s).
    pub poll_interval: Duration,
    /// Days a user may skip two-step verification on a device after
    /// verifying there with `remember_device: true` (default 30). The
    /// challenge offers it as `remember_device_days`; 0 offers nothing.
    pub remember_device_days: u32,
    /// How long a session is kept after its window ends, to answer
    /// `session_expired` rather than "unknown session" (default 10 min).
    pub retain_expired: Duration,
    /// Every limit against abuse: attempts, lockouts, cool-downs, caps,
    /// rates, session counts, timeouts ([`Limits::default`] unless set).
    pub limits: Limits,
    /// The header the operator's proxy puts the client's address in (the
    /// last address in it counts); `None` (the default): the peer address.
    pub client_ip_header: Option<HeaderName>,
    /// The largest request body accepted (default 16 KiB).
    pub body_limit: usize,
    /// Mounts the `/dev` endpoints (outbox, answering, TOTP codes); default off.
    pub dev: bool,
    /// A directory of static files to serve outside `/v1` and `/dev`.
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call the API from a browser (CORS); none by default.
    pub cors_origins: Vec<HeaderValue>,
    /// The known users (default: the built-in demo directory).
    pub directory: Directory,
    /// The hosts whose servers may start verifications with an API key
    /// (`POST /v1/sessions`); none by default.
    pub hosts: Hosts,
    /// The assertion's `iss`. `None` (the default, `--dev` only from the
    /// command line): `http://` and the address the server is bound to.
    pub issuer: Option<String>,
    /// How long an assertion is valid, `exp - iat` (default 120 s; the
    /// command line refuses 0 and more than 300).
    pub assertion_ttl: Duration,
    /// The key assertions are signed with. `None` (the default, `--dev` only
    /// from the command line): a key generated when the state is built.
    pub signing_key: Option<SigningKey>,
    /// Where texts, calls and notifications go outside `--dev`: a signed
    /// webhook ([`crate::hook`]); none by default.
    pub delivery_hook: Option<HookConfig>,
    /// The previous signing key's public half, still published in the JWKS
    /// so that assertions signed before a rotation verify; none by default.
    pub previous_key: Option<PublicKey>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            window: Duration::from_secs(600),
            code_ttl: Duration::from_secs(300),
            suggest_other_after: Duration::from_secs(30),
            approval_ttl: Duration::from_secs(60),
            poll_interval: Duration::from_millis(1000),
            remember_device_days: 30,
            retain_expired: Duration::from_secs(600),
            limits: Limits::default(),
            client_ip_header: None,
            body_limit: 16 * 1024,
            dev: false,
            static_dir: None,
            cors_origins: Vec::new(),
            directory: Directory::demo(),
            hosts: Hosts::default(),
            issuer: None,
            assertion_ttl: DEFAULT_ASSERTION_TTL,
            signing_key: None,
            previous_key: None,
            delivery_hook: None,
        }
    }
}
