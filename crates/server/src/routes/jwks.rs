//! `GET /.well-known/jwks.json`: the public keys that assertions verify
//! with, the current one first and then the previous one.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use jsonwebtoken::jwk::JwkSet;
use twostep_protocol::JWKS_PATH;

use crate::signing;
use crate::state::AppState;

/// `GET /.well-known/jwks.json`.
pub fn routes() -> Router<AppState> {
    Router::new().route(JWKS_PATH, get(jwks))
}

async fn jwks(State(state): State<AppState>) -> Json<JwkSet> {
    Json(signing::jwks(
        state.signing_key(),
        state.config().previous_key.as_ref(),
    ))
}
