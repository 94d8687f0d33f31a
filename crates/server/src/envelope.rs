//! Writes every error answer as the contract's `ApiError` envelope, whatever
//! produced it: a [`Failure`] from a handler, or a bare error status from the
//! router, a rejection or the static files.

use std::time::SystemTime;

use axum::body::{Body, to_bytes};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;
use twostep_protocol::{ApiError, ErrorCode};

use crate::clock::rfc3339;
use crate::failure::Failure;

/// The most of a bare error's plain-text body kept as its message.
const MESSAGE_LIMIT: usize = 1024;

/// `response` with an envelope body if it is an error, and the error's code.
/// Headers the response already had (CORS, `Allow`) are kept.
pub async fn render(
    response: Response,
    correlation_id: &str,
    now: SystemTime,
) -> (Response, Option<ErrorCode>) {
    let (mut parts, body) = response.into_parts();
    let failure = match parts.extensions.remove::<Failure>() {
        Some(f) => f,
        None if parts.status.is_client_error() || parts.status.is_server_error() => {
            let text = plain_text(&parts.headers, body).await;
            Failure::for_status(parts.status, text)
        }
        None => return (Response::from_parts(parts, body), None),
    };
    let envelope = ApiError {
        code: failure.code,
        message: failure.message,
        correlation_id: Some(correlation_id.to_string()),
        session_ref: failure.session_ref,
        timestamp: Some(rfc3339(now)),
        retry_after_secs: failure.retry_after_secs,
        attempts_left: failure.attempts_left,
    };
    let json = serde_json::to_vec(&envelope).expect("an envelope always serializes");
    parts.status = failure.status;
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(secs) = envelope.retry_after_secs {
        parts.headers.insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    (
        Response::from_parts(parts, Body::from(json)),
        Some(envelope.code),
    )
}

/// A short plain-text body (axum's rejections explain themselves in one).
async fn plain_text(headers: &HeaderMap, body: Body) -> Option<String> {
    let is_text = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !is_text {
        return None;
    }
    let bytes = to_bytes(body, MESSAGE_LIMIT).await.ok()?;
    let text = String::from_utf8_lossy(&bytes).trim().to_string();
    (!text.is_empty()).then_some(text)
}
