//! Sending a code or a push by method.

use serde::{Deserialize, Serialize};

/// Asks the backend to use a method: send a text, place a call, push to the app,
/// or just get ready to check an app code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendRequest {
    /// The verification this belongs to.
    pub session_id: String,
    /// The method to use.
    pub method_id: String,
    /// True when the user asked for another code; older codes then stop working.
    #[serde(default)]
    pub resend: bool,
}

/// What the backend did, and how the widget should wait for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendResponse {
    /// The method used.
    pub method_id: String,
    /// How the user completes this method.
    pub delivery: Delivery,
}

/// How a method is completed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Delivery {
    /// The user types a code (texted, emailed, or shown by the app).
    Code {
        /// Where the code went, masked; absent for app codes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<String>,
        /// Number of digits in the code.
        code_length: u8,
        /// Seconds until another code may be requested; absent when resending
        /// makes no sense (app codes).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resend_after_secs: Option<u32>,
        /// Seconds after which to suggest another option if nothing arrived.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        suggest_other_after_secs: Option<u32>,
    },
    /// The user approves on another device (app notification, phone call);
    /// the widget polls until the backend has an answer.
    Approval {
        /// Where the request went, masked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<String>,
        /// How often to poll, in milliseconds.
        poll_interval_ms: u32,
        /// A number the user must enter in the app to approve (number matching).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number_to_match: Option<String>,
    },
}
