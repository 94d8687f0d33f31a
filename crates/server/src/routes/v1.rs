//! `POST /v1/start`, `/v1/send`, `/v1/verify` and `/v1/poll`.

use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::RETRY_AFTER;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use twostep_protocol::{
    Challenge, Operation, PollRequest, PollResponse, SendRequest, StartRequest, VerifyRequest,
    VerifyResponse,
};

use crate::failure::Failure;
use crate::json_body::JsonBody;
use crate::state::AppState;
use crate::verification;

/// The contract's four calls.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(Operation::Start.path(), post(start))
        .route(Operation::Send.path(), post(send))
        .route(Operation::Verify.path(), post(verify))
        .route(Operation::Poll.path(), post(poll))
}

async fn start(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<StartRequest>,
) -> Result<Json<Challenge>, Failure> {
    verification::start(&state, req).map(Json)
}

/// A send answered inside the cool-down, with nothing sent, carries the
/// time left in `Retry-After` as well.
async fn send(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<SendRequest>,
) -> Result<Response, Failure> {
    let sent = verification::send(&state, req).await?;
    let mut response = Json(sent.response).into_response();
    if let Some(secs) = sent.cooling_secs {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(secs));
    }
    Ok(response)
}

async fn verify(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<VerifyRequest>,
) -> Result<Json<VerifyResponse>, Failure> {
    verification::verify(&state, req).map(Json)
}

async fn poll(
    State(state): State<AppState>,
    JsonBody(req): JsonBody<PollRequest>,
) -> Result<Json<PollResponse>, Failure> {
    verification::poll(&state, req).map(Json)
}
