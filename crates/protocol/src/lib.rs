//! twostep's wire contract, version 1.
//!
//! These are the JSON shapes a twostep backend and the widget exchange, the
//! server-to-server call that starts a verification, and the claims of the
//! signed assertion that ends one. Servers and hosts depend on this crate too,
//! so it carries no browser or UI code: only `serde`.
//!
//! Times are relative (`*_secs`, `*_ms`) wherever the widget acts on them, so a
//! skewed client clock cannot shorten or stretch a window. Targets such as phone
//! numbers are masked by the server before they are sent.

mod assertion;
mod challenge;
mod error;
mod method;
mod name;
mod send;
mod session;
mod verify;

pub use assertion::{ASSERTION_TYPE, AssertionClaims, JWKS_PATH, MAX_ASSERTION_LIFETIME_SECS, amr};
pub use challenge::{Challenge, StartRequest};
pub use error::{ApiError, ErrorCode};
pub use method::{Method, MethodKind};
pub use send::{Delivery, SendRequest, SendResponse};
pub use session::{CreateSessionRequest, CreatedSession, SESSIONS_PATH};
pub use verify::{PollRequest, PollResponse, PollStatus, VerifyRequest, VerifyResponse};

/// The contract version this crate describes.
pub const PROTOCOL_VERSION: u32 = 1;
