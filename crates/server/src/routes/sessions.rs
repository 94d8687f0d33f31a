//! `POST /v1/sessions`: the host's server starts a verification, server to
//! server, with its API key as a bearer token.

use axum::Router;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use twostep_protocol::{CreateSessionRequest, ErrorCode, SESSIONS_PATH};

use crate::failure::Failure;
use crate::hosts::Host;
use crate::json_body::JsonBody;
use crate::state::AppState;

/// The `WWW-Authenticate` challenge of a 401 (RFC 6750).
const CHALLENGE: &str = r#"Bearer realm="twostep""#;

/// `POST /v1/sessions`.
pub fn routes() -> Router<AppState> {
    Router::new().route(SESSIONS_PATH, post(create))
}

/// Checks the API key before the body, so that a caller without a valid key
/// learns nothing, not even whether its body would do.
async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<JsonBody<CreateSessionRequest>, Failure>,
) -> Response {
    let host = match authenticate(&state, &headers) {
        Ok(host) => host,
        Err(why) => return refused(why),
    };
    let req = match body {
        Ok(JsonBody(req)) => req,
        Err(failure) => return failure.into_response(),
    };
    tracing::info!(host = %host.name, "session requested by a host");
    super::created(&state, &req.user, &host.audience).into_response()
}

/// The host whose API key the `Authorization: Bearer` header carries, or
/// why there is none.
fn authenticate<'a>(state: &'a AppState, headers: &HeaderMap) -> Result<&'a Host, &'static str> {
    let key = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key.trim())
        .filter(|key| !key.is_empty())
        .ok_or("An API key is needed: send Authorization: Bearer <API key>.")?;
    state
        .config()
        .hosts
        .authenticate(key)
        .ok_or("The API key is not valid.")
}

/// A 401 `unauthorized` envelope with a `WWW-Authenticate` challenge.
fn refused(message: &'static str) -> Response {
    tracing::warn!("{message}");
    (
        [(WWW_AUTHENTICATE, HeaderValue::from_static(CHALLENGE))],
        Failure::new(ErrorCode::Unauthorized, message),
    )
        .into_response()
}
