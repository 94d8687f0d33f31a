//! What the server remembers about one verification.

use std::fmt;
use std::time::SystemTime;

/// One verification, from `start` until it is verified or its window ends.
///
/// It never holds its secret handle: only the handle's SHA-256 (`key`), so a
/// copy of the store cannot act on a session.
#[derive(Clone, Debug)]
pub struct Session {
    /// The SHA-256 of the session's secret handle, in hex
    /// ([`crate::digest::sha256_hex`]): the store's key.
    pub key: String,
    /// The public reference (`TS-XXXX-XXXX-XXXX`): what logs, error
    /// envelopes, the dev outbox and the assertion's `sid` carry.
    pub reference: String,
    /// The user's email as the directory writes it.
    pub user: String,
    /// The host the assertion is for (its `aud`): the audience of the API key
    /// that started the session, or [`crate::DEV_AUDIENCE`].
    pub audience: String,
    /// When the verification window ends.
    pub expires_at: SystemTime,
    /// Set once an assertion has been handed out: the session is used up.
    pub finished: bool,
    /// The successful call that finished the session, for its retries.
    pub finished_by: Option<Finish>,
    /// The last refused code, so that a retry of it is answered the same
    /// way without counting again.
    pub last_refusal: Option<Refusal>,
    /// The one texted code that works now; every newer code replaces it.
    pub code: Option<IssuedCode>,
    /// The notification or call waiting for an answer; a new one replaces it.
    pub approval: Option<Approval>,
    /// Until when this device may skip two-step verification: set only when
    /// the user asked (`remember_device: true`), the server offered it, and
    /// the verification succeeded.
    pub device_remembered_until: Option<SystemTime>,
}

/// The call that finished a session: a retry of it within the retry window
/// gets the same assertion, without the code or time step being used again.
#[derive(Clone)]
pub struct Finish {
    /// The method it was made with.
    pub method_id: String,
    /// The SHA-256 of the method and the accepted code
    /// ([`crate::verification`]'s `attempt_digest`); `None` for an approval.
    pub attempt: Option<String>,
    /// The assertion it was answered with.
    pub assertion: String,
    /// When.
    pub at: SystemTime,
}

impl fmt::Debug for Finish {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Finish")
            .field("method_id", &self.method_id)
            .field("assertion", &"<redacted>")
            .field("at", &self.at)
            .finish()
    }
}

/// A refused code and the refusal, for its retries.
#[derive(Clone, Debug)]
pub struct Refusal {
    /// The SHA-256 of the method and the refused code.
    pub attempt: String,
    /// The answer it got.
    pub failure: crate::failure::Failure,
    /// When.
    pub at: SystemTime,
}

/// A texted code. Its `Debug` output never shows the digits.
#[derive(Clone)]
pub struct IssuedCode {
    /// The method it was texted by.
    pub method_id: String,
    /// The digits.
    pub code: String,
    /// When it stops working.
    pub expires_at: SystemTime,
}

impl fmt::Debug for IssuedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuedCode")
            .field("method_id", &self.method_id)
            .field("code", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// An app notification or phone call waiting for the user.
#[derive(Clone, Debug)]
pub struct Approval {
    /// The method it went by.
    pub method_id: String,
    /// The number the user must pick, with number matching.
    pub number: Option<String>,
    /// When it stops waiting.
    pub expires_at: SystemTime,
    /// The user's answer, once given.
    pub answer: Option<Answer>,
}

/// How the user answered an approval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Approved (with the right number, where one is asked).
    Approved,
    /// Denied, or approved with the wrong number.
    Denied,
}

impl Answer {
    /// The answer as the dev outbox writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Approved => "approved",
            Answer::Denied => "denied",
        }
    }
}

/// Who a new session is for, and for which host.
#[derive(Clone, Debug)]
pub struct Owner {
    /// The user's email as the directory writes it.
    pub user: String,
    /// The host's audience.
    pub audience: String,
}

impl Session {
    /// A fresh session stored under `key` (the handle's digest) with
    /// reference `reference`, for `owner`.
    pub fn new(key: String, reference: String, owner: Owner, expires_at: SystemTime) -> Self {
        Session {
            key,
            reference,
            user: owner.user,
            audience: owner.audience,
            expires_at,
            finished: false,
            finished_by: None,
            last_refusal: None,
            code: None,
            approval: None,
            device_remembered_until: None,
        }
    }

    /// Whether calls may still use the session at `now`.
    pub fn is_live(&self, now: SystemTime) -> bool {
        !self.finished && now < self.expires_at
    }
}
