//! Correlation IDs: taken from the request's `X-Correlation-ID` when it is
//! well-formed, made up otherwise, carried by the request's log span, echoed
//! in the response header and written into error envelopes.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::envelope;
use crate::random;
use crate::state::AppState;

/// The header that carries the correlation ID, both ways.
pub const CORRELATION_HEADER: HeaderName =
    HeaderName::from_static(twostep_protocol::CORRELATION_ID_HEADER);

/// The longest correlation ID taken from a request.
pub const MAX_LEN: usize = 64;

/// The request's correlation ID, in its extensions for handlers that want it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorrelationId(pub String);

/// Whether a client's ID can be used as it is: 1 to 64 of `A-Z a-z 0-9 -`.
pub fn is_acceptable(id: &str) -> bool {
    (1..=MAX_LEN).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The middleware: one span per request carrying the correlation ID, the
/// envelope for errors, the header on every response, and one log line per
/// answer (status, error code, time taken; never a body).
pub async fn middleware(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&CORRELATION_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_acceptable(v))
        .map_or_else(random::uuid_v4, str::to_string);
    req.extensions_mut().insert(CorrelationId(id.clone()));
    let span = tracing::info_span!(
        "request",
        correlation_id = %id,
        method = %req.method(),
        path = %req.uri().path(),
    );
    async move {
        let started = Instant::now();
        let response = next.run(req).await;
        let (mut response, code) = envelope::render(response, &id, state.now()).await;
        let value = HeaderValue::from_str(&id).expect("correlation IDs are header-safe");
        response.headers_mut().insert(CORRELATION_HEADER, value);
        let status = response.status().as_u16();
        let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        match code {
            Some(code) => tracing::info!(status, code = code.as_str(), ms, "answered"),
            None => tracing::info!(status, ms, "answered"),
        }
        response
    }
    .instrument(span)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_taken() {
        assert!(is_acceptable("3f2a8c1e-5b7d-4e0f-9a6b-1c2d3e4f5a6b"));
        assert!(is_acceptable("a"));
        assert!(is_acceptable(&"a".repeat(64)));
        assert!(!is_acceptable(&"a".repeat(65)));
        assert!(!is_acceptable(""));
        assert!(!is_acceptable("abc def"));
        assert!(!is_acceptable("abc_def"));
        assert!(!is_acceptable("<script>"));
    }
}
