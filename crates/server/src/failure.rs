//! The server's errors: a code, an HTTP status and a plain message. They
//! become the contract's `ApiError` envelope on the way out (see
//! [`crate::envelope`]), where the correlation ID and timestamp are added.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use twostep_protocol::ErrorCode;

/// A refused or failed request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The contract's code.
    pub code: ErrorCode,
    /// The HTTP status (normally the code's, see [`Failure::status_for`]).
    pub status: StatusCode,
    /// A plain message for people.
    pub message: String,
    /// The session's public reference, when known (never its handle).
    pub session_ref: Option<String>,
    /// Seconds to wait before trying again.
    pub retry_after_secs: Option<u32>,
    /// Wrong codes left before a lockout.
    pub attempts_left: Option<u32>,
}

impl Failure {
    /// A failure with the status that goes with `code`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Failure {
            code,
            status: Failure::status_for(code),
            message: message.into(),
            session_ref: None,
            retry_after_secs: None,
            attempts_left: None,
        }
    }

    /// The HTTP status of each code.
    pub fn status_for(code: ErrorCode) -> StatusCode {
        match code {
            ErrorCode::InvalidCode => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::Expired | ErrorCode::SessionExpired => StatusCode::GONE,
            ErrorCode::TooManyAttempts | ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::MethodUnavailable => StatusCode::CONFLICT,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            _ => StatusCode::BAD_REQUEST,
        }
    }

    /// A `bad_request` (400).
    pub fn bad_request(message: impl Into<String>) -> Self {
        Failure::new(ErrorCode::BadRequest, message)
    }

    /// An `internal` failure (500).
    pub fn internal(message: impl Into<String>) -> Self {
        Failure::new(ErrorCode::Internal, message)
    }

    /// `session_expired` (410) for the session with this reference.
    pub fn session_expired(reference: &str) -> Self {
        Failure::new(
            ErrorCode::SessionExpired,
            "This verification has ended. Start again.",
        )
        .session(reference)
    }

    /// `bad_request` for a session handle the server does not know. It names
    /// no session: the handle is a secret and is never echoed.
    pub fn unknown_session() -> Self {
        Failure::bad_request("There is no such verification. Start again.")
    }

    /// A failure for an error status that came without one (an unknown route,
    /// a refused method, a body over the limit), with `message` if there was one.
    pub fn for_status(status: StatusCode, message: Option<String>) -> Self {
        let code = if status.is_server_error() {
            ErrorCode::Internal
        } else {
            ErrorCode::BadRequest
        };
        let message = message.unwrap_or_else(|| {
            match status {
                StatusCode::NOT_FOUND => "There is nothing at this address.",
                StatusCode::METHOD_NOT_ALLOWED => "This address does not take that HTTP method.",
                StatusCode::PAYLOAD_TOO_LARGE => "The request body is too large.",
                s if s.is_server_error() => "Something went wrong on the server.",
                _ => "The request was not understood.",
            }
            .to_string()
        });
        Failure::new(code, message).with_status(status)
    }

    /// The same failure with another HTTP status.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The same failure naming a session by its public reference.
    pub fn session(mut self, reference: &str) -> Self {
        self.session_ref = Some(reference.to_string());
        self
    }

    /// The same failure with a wait before trying again.
    pub fn retry_after(mut self, secs: u32) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    /// The same failure with the attempts left.
    pub fn attempts_left(mut self, n: u32) -> Self {
        self.attempts_left = Some(n);
        self
    }
}

/// An empty response with the failure's status; the failure travels in the
/// response's extensions until [`crate::envelope::render`] writes the body.
impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_has_the_contract_status() {
        for (code, status) in [
            (ErrorCode::BadRequest, 400),
            (ErrorCode::InvalidCode, 422),
            (ErrorCode::Expired, 410),
            (ErrorCode::SessionExpired, 410),
            (ErrorCode::TooManyAttempts, 429),
            (ErrorCode::RateLimited, 429),
            (ErrorCode::MethodUnavailable, 409),
            (ErrorCode::Internal, 500),
            (ErrorCode::Unauthorized, 401),
        ] {
            assert_eq!(Failure::new(code, "x").status.as_u16(), status, "{code:?}");
        }
    }

    #[test]
    fn bare_error_statuses_map_to_bad_request_or_internal() {
        let f = Failure::for_status(StatusCode::NOT_FOUND, None);
        assert_eq!((f.code, f.status.as_u16()), (ErrorCode::BadRequest, 404));
        let f = Failure::for_status(StatusCode::BAD_GATEWAY, Some("upstream".into()));
        assert_eq!(
            (f.code, f.message.as_str()),
            (ErrorCode::Internal, "upstream")
        );
    }
}
