//! Verification methods.

use serde::{Deserialize, Serialize};

/// What kind of method this is; the widget picks wording and icons from it.
///
/// `Deserialize` is written out below (see `crate::name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    /// A code sent by text message.
    Sms,
    /// A phone call the user answers to approve.
    Voice,
    /// A notification in the authenticator app the user approves.
    Push,
    /// A code shown by the authenticator app (TOTP), which works offline.
    Totp,
    /// A code sent by email.
    Email,
    /// Anything else the backend offers; the widget shows its `label`.
    Other,
}

crate::name::deserialize_by_name!(MethodKind, "a method kind", true, [
    MethodKind::Sms => "sms",
    MethodKind::Voice => "voice",
    MethodKind::Push => "push",
    MethodKind::Totp => "totp",
    MethodKind::Email => "email",
    MethodKind::Other => "other",
]);

/// One registered way to verify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    /// Opaque, stable identifier used in requests.
    pub id: String,
    /// The kind of method.
    pub kind: MethodKind,
    /// Where it goes, already masked by the server (for example `••••••12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// A name for methods the widget has no wording for (`kind: other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}
