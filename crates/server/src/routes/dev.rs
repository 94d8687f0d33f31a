//! The dev endpoints (mounted with `--dev` only): what was "sent", answering
//! calls and notifications, and the current app code.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use twostep_protocol::{CreateSessionRequest, CreatedSession};

use crate::DEV_AUDIENCE;
use crate::clock::unix_secs;
use crate::failure::Failure;
use crate::json_body::JsonBody;
use crate::outbox::OutboxEntry;
use crate::state::AppState;
use crate::verification;

/// The issuer named in `otpauth://` URIs.
pub const TOTP_ISSUER: &str = "twostep";

/// `POST /dev/sessions`, `GET /dev/outbox`, `POST /dev/answer`,
/// `GET /dev/totp`, `POST /dev/panic`, and the demo page's `GET /demo-config.json`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dev/sessions", post(sessions))
        .route("/dev/outbox", get(outbox))
        .route("/dev/answer", post(answer))
        .route("/dev/totp", get(totp))
        .route("/dev/panic", post(panic))
        .route("/demo-config.json", get(demo_config))
}

/// Tells the demo page (whose static `demo-config.json` says `in_browser`)
/// that a server with these dev endpoints is behind it.
async fn demo_config() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "backend": "server" }))
}

/// A stand-in for a host's server (the demo page, tests): starts a
/// verification for `user` without an API key, for [`DEV_AUDIENCE`].
async fn sessions(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<CreateSessionRequest>,
) -> Result<(StatusCode, Json<CreatedSession>), Failure> {
    super::created(&state, &req.user, DEV_AUDIENCE)
}

#[derive(Deserialize)]
struct OutboxQuery {
    session_ref: Option<String>,
}

async fn outbox(
    State(state): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> Json<Vec<OutboxEntry>> {
    let session = q.session_ref.as_deref().filter(|s| !s.is_empty());
    Json(state.outbox().list(session))
}

#[derive(Deserialize)]
struct AnswerRequest {
    session_ref: String,
    approve: bool,
    #[serde(default)]
    number: Option<String>,
}

async fn answer(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<AnswerRequest>,
) -> Result<StatusCode, Failure> {
    verification::answer(&state, &req.session_ref, req.approve, req.number.as_deref())?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct TotpQuery {
    user: String,
}

#[derive(Serialize)]
struct TotpAnswer {
    code: String,
    otpauth: String,
}

async fn totp(
    State(state): State<AppState>,
    Query(q): Query<TotpQuery>,
) -> Result<Json<TotpAnswer>, Failure> {
    let user = state
        .config()
        .directory
        .user(&q.user)
        .ok_or_else(|| Failure::bad_request("There is no account with that name."))?;
    let app = user
        .authenticator()
        .ok_or_else(|| Failure::bad_request("This account has no authenticator app code."))?;
    Ok(Json(TotpAnswer {
        code: app.code_at(unix_secs(state.now())),
        otpauth: app.otpauth_uri(TOTP_ISSUER, &user.email),
    }))
}

/// A handler that panics, to show that a panic answers 500 `internal` and
/// leaves the server and every other session alive (the server binary is
/// built with unwinding; see the `server` profile in Cargo.toml).
async fn panic() -> StatusCode {
    panic!("POST /dev/panic: a handler panicked on purpose");
}
