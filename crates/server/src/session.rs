//! What the server remembers about one verification.

use std::collections::HashMap;
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
    /// Wrong codes still allowed before a lockout.
    pub attempts_left: u32,
    /// The end of the current lockout, if any.
    pub locked_until: Option<SystemTime>,
    /// The one texted code that works now; every newer code replaces it.
    pub code: Option<IssuedCode>,
    /// When a text last went out per method, for the resend cool-down.
    pub last_text: HashMap<String, SystemTime>,
    /// The notification or call waiting for an answer; a new one replaces it.
    pub approval: Option<Approval>,
    /// Until when this device may skip two-step verification: set only when
    /// the user asked (`remember_device: true`), the server offered it, and
    /// the verification succeeded.
    pub device_remembered_until: Option<SystemTime>,
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
    /// reference `reference`, for `owner`, with `attempts` wrong codes allowed.
    pub fn new(
        key: String,
        reference: String,
        owner: Owner,
        expires_at: SystemTime,
        attempts: u32,
    ) -> Self {
        Session {
            key,
            reference,
            user: owner.user,
            audience: owner.audience,
            expires_at,
            finished: false,
            attempts_left: attempts,
            locked_until: None,
            code: None,
            last_text: HashMap::new(),
            approval: None,
            device_remembered_until: None,
        }
    }

    /// Whether calls may still use the session at `now`.
    pub fn is_live(&self, now: SystemTime) -> bool {
        !self.finished && now < self.expires_at
    }
}
