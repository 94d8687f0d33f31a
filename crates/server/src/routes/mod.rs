//! The HTTP surface: the contract's calls under `/v1`, the dev endpoints
//! under `/dev` (with `--dev` only), static files elsewhere, and the layers
//! every response goes through.

mod dev;
mod jwks;
mod sessions;
mod v1;

use std::any::Any;

use axum::extract::DefaultBodyLimit;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, RETRY_AFTER, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use twostep_protocol::{API_PREFIX, CONTENT_SECURITY_POLICY as POLICY, CreatedSession};

use crate::clock::secs_until;
use crate::correlation::{self, CORRELATION_HEADER};
use crate::failure::Failure;
use crate::limits;
use crate::state::AppState;
use crate::verification;

/// The whole application for `state`.
pub fn router(state: AppState) -> Router {
    let config = state.config();
    let mut app = Router::new()
        .merge(v1::routes())
        .merge(sessions::routes())
        .merge(jwks::routes());
    if config.dev {
        app = app.merge(dev::routes());
    }
    // Unknown paths under the API prefixes are 404 envelopes, never files.
    for prefix in [API_PREFIX, "/dev"] {
        app = app
            .route(prefix, any(not_found))
            .route(&format!("{prefix}/{{*rest}}"), any(not_found));
    }
    app = match &config.static_dir {
        Some(dir) => app.fallback_service(ServeDir::new(dir)),
        None => app.fallback(not_found),
    };
    app = app
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.limits.request_timeout,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            limits::client_address_middleware,
        ));
    if !config.cors_origins.is_empty() {
        app = app.layer(cors(&config.cors_origins));
    }
    app.layer(from_fn_with_state(state.clone(), correlation::middleware))
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}

/// CORS for the allowed origins: the widget's headers in, the correlation ID
/// and `Retry-After` out, with credentials. Never `Authorization`: a browser
/// page can then not send an API key cross-origin (`POST /v1/sessions` is
/// for the host's server only).
fn cors(origins: &[HeaderValue]) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins.iter().cloned()))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([CONTENT_TYPE, CORRELATION_HEADER])
        .expose_headers([CORRELATION_HEADER, RETRY_AFTER])
        .allow_credentials(true)
}

/// `201 Created` with the new session's handle and reference, for `user` and
/// the host with `audience` (`POST /v1/sessions`, `POST /dev/sessions`).
fn created(
    state: &AppState,
    user: &str,
    audience: &str,
) -> Result<(StatusCode, Json<CreatedSession>), Failure> {
    state.rate_limits().check_user(user)?;
    let created = verification::create(state, user, audience)?;
    let expires_in_secs = secs_until(state.now(), created.session.expires_at);
    Ok((
        StatusCode::CREATED,
        Json(CreatedSession {
            session_handle: created.handle,
            session_ref: created.session.reference,
            expires_in_secs,
        }),
    ))
}

async fn not_found() -> Failure {
    Failure::for_status(StatusCode::NOT_FOUND, None)
}

fn panicked(_: Box<dyn Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    Failure::internal("Something went wrong on the server.").into_response()
}
