//! Checking a code and polling an approval.

use serde::{Deserialize, Serialize};

/// Submits a code the user typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyRequest {
    /// The secret handle of the verification this belongs to.
    pub session_handle: String,
    /// The method the code came from.
    pub method_id: String,
    /// The digits, with spaces and dashes already removed.
    pub code: String,
    /// True when the user asked not to be asked again on this device (only
    /// ever sent when the challenge had `remember_device_days`). The backend
    /// remembers the device only if this verification succeeds. Omitted
    /// when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub remember_device: bool,
}

/// A successful verification. Failures come back as an [`crate::ApiError`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyResponse {
    /// An opaque proof for the host page to hand to its server.
    pub assertion: String,
}

/// Asks whether an approval has been answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollRequest {
    /// The secret handle of the verification this belongs to.
    pub session_handle: String,
    /// The method that was sent.
    pub method_id: String,
    /// True when the user asked not to be asked again on this device (only
    /// ever sent when the challenge had `remember_device_days`). The backend
    /// remembers the device only when it answers `approved`. Omitted when
    /// false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub remember_device: bool,
}

/// Lets `false` be left out of a request, so its bytes stay as they were
/// before the field existed.
fn is_false(b: &bool) -> bool {
    !*b
}

/// The state of an approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollResponse {
    /// Where the approval stands.
    pub status: PollStatus,
    /// Set when `status` is `approved`: the proof for the host page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assertion: Option<String>,
}

/// Where an approval stands. An unknown status is an error.
///
/// `Deserialize` is written out below (see `crate::name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PollStatus {
    /// Not answered yet; poll again.
    Pending,
    /// The user approved.
    Approved,
    /// The user denied.
    Denied,
    /// The request went unanswered for too long.
    Expired,
}

crate::name::deserialize_by_name!(PollStatus, "a poll status", false, [
    PollStatus::Pending => "pending",
    PollStatus::Approved => "approved",
    PollStatus::Denied => "denied",
    PollStatus::Expired => "expired",
]);
