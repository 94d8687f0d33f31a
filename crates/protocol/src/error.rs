//! The error envelope every failure comes back in.

use serde::{Deserialize, Serialize};

/// A stable, machine-readable reason. Servers send the first nine (the
/// browser never sees `unauthorized`: only the host's server calls with an
/// API key); the widget itself produces the next four for failures that never
/// reached a server.
///
/// `Deserialize` is written out below (see `crate::name`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The code, push or call has expired.
    Expired,
    /// The code is wrong.
    InvalidCode,
    /// Too many wrong codes; wait `retry_after_secs`.
    TooManyAttempts,
    /// Too many requests (for example resends); wait `retry_after_secs`.
    RateLimited,
    /// The whole verification has expired; start again.
    SessionExpired,
    /// The method cannot be used now.
    MethodUnavailable,
    /// Something failed on the server.
    Internal,
    /// The request was malformed (bad JSON, unknown user, body too large).
    BadRequest,
    /// Server to server: the API key is missing or not one the backend knows.
    Unauthorized,
    /// Client side: the request never got an answer (offline, refused, CORS).
    Network,
    /// Client side: no answer within the time allowed.
    Timeout,
    /// Client side: the answer was not what the contract describes.
    BadResponse,
    /// Client side: the user denied an approval on their device.
    Denied,
    /// A code this version of the widget does not know.
    Unknown,
}

crate::name::deserialize_by_name!(ErrorCode, "an error code", true, [
    ErrorCode::Expired => "expired",
    ErrorCode::InvalidCode => "invalid_code",
    ErrorCode::TooManyAttempts => "too_many_attempts",
    ErrorCode::RateLimited => "rate_limited",
    ErrorCode::SessionExpired => "session_expired",
    ErrorCode::MethodUnavailable => "method_unavailable",
    ErrorCode::Internal => "internal",
    ErrorCode::BadRequest => "bad_request",
    ErrorCode::Unauthorized => "unauthorized",
    ErrorCode::Network => "network",
    ErrorCode::Timeout => "timeout",
    ErrorCode::BadResponse => "bad_response",
    ErrorCode::Denied => "denied",
    ErrorCode::Unknown => "unknown",
]);

/// The body of every error answer, and the widget's own errors too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// The stable reason.
    pub code: ErrorCode,
    /// A human message from the server. Shown as plain text, never as HTML.
    pub message: String,
    /// The request's correlation ID, for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// The public reference of the verification, for support (never its
    /// secret handle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_ref: Option<String>,
    /// The server's time of the failure (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Seconds to wait before trying again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u32>,
    /// Code attempts left before a lockout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
}

impl ApiError {
    /// An error with just a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            correlation_id: None,
            session_ref: None,
            timestamp: None,
            retry_after_secs: None,
            attempts_left: None,
        }
    }
}

impl ErrorCode {
    /// Every code, in declaration order.
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::Expired,
        ErrorCode::InvalidCode,
        ErrorCode::TooManyAttempts,
        ErrorCode::RateLimited,
        ErrorCode::SessionExpired,
        ErrorCode::MethodUnavailable,
        ErrorCode::Internal,
        ErrorCode::BadRequest,
        ErrorCode::Unauthorized,
        ErrorCode::Network,
        ErrorCode::Timeout,
        ErrorCode::BadResponse,
        ErrorCode::Denied,
        ErrorCode::Unknown,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_their_wire_names() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn unknown_codes_from_newer_servers_still_parse() {
        let e: ApiError =
            serde_json::from_str(r#"{"code":"quantum_flux","message":"odd"}"#).unwrap();
        assert_eq!(e.code, ErrorCode::Unknown);
        assert_eq!(e.attempts_left, None);
    }
}
