//! Starting or resuming a verification.

use serde::{Deserialize, Serialize};

use crate::Method;

/// Asks the backend to resume the verification the host's server started
/// (see [`crate::CreateSessionRequest`]); a backend in development mode may
/// also start one from a `user_hint`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartRequest {
    /// The secret handle of the session to resume, as the host's server got
    /// it from [`crate::CreatedSession`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_handle: Option<String>,
    /// What the login page knows about the user (for example the email
    /// typed). Only a backend in development mode starts a verification from
    /// it; every other backend refuses a `start` without a `session_handle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_hint: Option<String>,
}

/// A verification in progress: who, with which methods, and for how long.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// The secret handle that the browser sends in every later request. It
    /// acts on the session, so it is never shown, logged or passed to the
    /// host page's events.
    pub session_handle: String,
    /// The public reference of this verification: what the user, support and
    /// logs call its session ID, and the `sid` claim of the assertion.
    pub session_ref: String,
    /// The user ID as the user knows it, masked as the server sees fit.
    pub user: String,
    /// The methods this user has registered, in the order to offer them.
    pub methods: Vec<Method>,
    /// The `id` of the method to prompt with first.
    pub default_method: String,
    /// Seconds left before the whole verification expires.
    pub expires_in_secs: u32,
    /// Present when the backend lets the user skip two-step verification on
    /// this device for this many days after they verify. The widget then
    /// offers a "don't ask again on this device" choice and reports it as
    /// `remember_device` on verify and poll. Absent: no such offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remember_device_days: Option<u32>,
}

impl Challenge {
    /// The method with this `id`, if the challenge lists it.
    pub fn method(&self, id: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.id == id)
    }
}
