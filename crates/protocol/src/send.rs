//! Sending a code or a push by method.

use serde::{Deserialize, Serialize};

/// Asks the backend to use a method: send a text, place a call, push to the app,
/// or just get ready to check an app code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendRequest {
    /// The secret handle of the verification this belongs to.
    pub session_handle: String,
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

/// How a method is completed. On the wire it is one object tagged by
/// `"type": "code"` or `"type": "approval"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DeliveryWire", into = "DeliveryWire")]
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
        /// A number the user must enter in the app, or key in during the
        /// call, to approve (number matching).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number_to_match: Option<String>,
    },
}

/// The flat wire form of [`Delivery`]. Reading it through a flat struct rather
/// than serde's internally tagged enum keeps the browser bundle small (serde
/// buffers tagged enums through a generic `Content` tree).
#[derive(Serialize, Deserialize)]
struct DeliveryWire {
    #[serde(rename = "type")]
    kind: DeliveryKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code_length: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resend_after_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suggest_other_after_secs: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    poll_interval_ms: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number_to_match: Option<String>,
}

/// `Deserialize` is written out below (see `crate::name`).
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
enum DeliveryKind {
    Code,
    Approval,
}

crate::name::deserialize_by_name!(DeliveryKind, "a delivery type", false, [
    DeliveryKind::Code => "code",
    DeliveryKind::Approval => "approval",
]);

impl TryFrom<DeliveryWire> for Delivery {
    type Error = &'static str;

    fn try_from(w: DeliveryWire) -> Result<Self, Self::Error> {
        Ok(match w.kind {
            DeliveryKind::Code => Delivery::Code {
                target: w.target,
                code_length: w.code_length.ok_or("missing field `code_length`")?,
                resend_after_secs: w.resend_after_secs,
                suggest_other_after_secs: w.suggest_other_after_secs,
            },
            DeliveryKind::Approval => Delivery::Approval {
                target: w.target,
                poll_interval_ms: w
                    .poll_interval_ms
                    .ok_or("missing field `poll_interval_ms`")?,
                number_to_match: w.number_to_match,
            },
        })
    }
}

impl From<Delivery> for DeliveryWire {
    fn from(d: Delivery) -> Self {
        match d {
            Delivery::Code {
                target,
                code_length,
                resend_after_secs,
                suggest_other_after_secs,
            } => DeliveryWire {
                kind: DeliveryKind::Code,
                target,
                code_length: Some(code_length),
                resend_after_secs,
                suggest_other_after_secs,
                poll_interval_ms: None,
                number_to_match: None,
            },
            Delivery::Approval {
                target,
                poll_interval_ms,
                number_to_match,
            } => DeliveryWire {
                kind: DeliveryKind::Approval,
                target,
                code_length: None,
                resend_after_secs: None,
                suggest_other_after_secs: None,
                poll_interval_ms: Some(poll_interval_ms),
                number_to_match,
            },
        }
    }
}
