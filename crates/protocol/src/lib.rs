//! twostep's wire contract, version 1.
//!
//! These are the JSON shapes a twostep backend and the widget exchange, the
//! server-to-server call that starts a verification, and the claims of the
//! signed assertion that ends one. Servers and hosts depend on this crate too,
//! so it carries no browser or UI code: only `serde`, and [`json`], the
//! serde-free JSON the browser bundle reads and writes the contract with.
//!
//! Times are relative (`*_secs`, `*_ms`) wherever the widget acts on them, so a
//! skewed client clock cannot shorten or stretch a window. Targets such as phone
//! numbers are masked by the server before they are sent ([`mask_phone`]).
//!
//! It also holds the facts both ends must agree on beyond the JSON: the paths
//! ([`Operation`], [`SESSIONS_PATH`], [`JWKS_PATH`]), the correlation header,
//! the Content-Security-Policy the widget runs under, what makes a challenge
//! usable, masking, and the RFC 3339 timestamps of error envelopes.

mod assertion;
mod challenge;
mod challenge_check;
mod error;
mod http;
pub mod json;
mod mask;
mod method;
mod name;
mod send;
mod session;
mod time;
mod verify;

pub use assertion::{ASSERTION_TYPE, AssertionClaims, JWKS_PATH, MAX_ASSERTION_LIFETIME_SECS, amr};
pub use challenge::{Challenge, StartRequest};
pub use challenge_check::{ChallengeProblem, MAX_WINDOW_SECS};
pub use error::{ApiError, ErrorCode};
pub use http::{API_PREFIX, CONTENT_SECURITY_POLICY, CORRELATION_ID_HEADER, Operation};
pub use mask::{MAX_VISIBLE_DIGITS, is_masked, mask_phone, mask_target};
pub use method::{Method, MethodKind};
pub use send::{Delivery, SendRequest, SendResponse};
pub use session::{CreateSessionRequest, CreatedSession, SESSIONS_PATH};
pub use time::{CivilTime, looks_like_rfc3339, rfc3339};
pub use verify::{PollRequest, PollResponse, PollStatus, VerifyRequest, VerifyResponse};

/// The contract version this crate describes.
pub const PROTOCOL_VERSION: u32 = 1;
