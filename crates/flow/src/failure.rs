//! What support needs to know about a failure.

use twostep_protocol::{ErrorCode, Method, MethodKind};

use crate::timer::Millis;

/// Everything support needs about a failure (the details panel).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailureDetails {
    /// The stable reason.
    pub code: ErrorCode,
    /// The server's message, if any (plain text).
    pub message: String,
    /// The failing request's correlation ID.
    pub correlation_id: Option<String>,
    /// The public reference of the verification, when known (never its
    /// secret handle).
    pub session_ref: Option<String>,
    /// The server's timestamp, if it sent one.
    pub server_timestamp: Option<String>,
    /// When the widget saw the failure.
    pub at: Millis,
    /// The method being attempted, if any.
    pub method: Option<Method>,
    /// The user, as the backend named them, or else as the host's hint did
    /// (see [`crate::Flow::user`]).
    pub user: Option<String>,
}

impl FailureDetails {
    /// The kind of the method the failure is about; [`MethodKind::Other`]
    /// when it is about none.
    pub fn method_kind(&self) -> MethodKind {
        kind_of(self.method.as_ref())
    }
}

/// The kind of `method`, [`MethodKind::Other`] for none: what the screens
/// name when there is no method to name.
pub(crate) fn kind_of(method: Option<&Method>) -> MethodKind {
    method.map_or(MethodKind::Other, |m| m.kind)
}
