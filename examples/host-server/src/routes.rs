//! The host's HTTP surface: its login page, its password step, the two calls
//! the page makes around the widget, the widget's calls forwarded to twostep,
//! and a signed-in page.

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, LOCATION, RETRY_AFTER,
    SET_COOKIE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use twostep_protocol::{API_PREFIX, CORRELATION_ID_HEADER, Operation};

use crate::HostConfig;
use crate::assertion::{Expected, Refusal, check_assertion};
use crate::logins::{Logins, Pending};
use crate::pages;
use crate::twostep::Twostep;

/// The cookie of a sign-in waiting for its second step.
pub const LOGIN_COOKIE: &str = "host_login";
/// The cookie of a signed-in session.
pub const SESSION_COOKIE: &str = "host_session";
/// The header twostep's correlation IDs travel in.
const CORRELATION: HeaderName = HeaderName::from_static(CORRELATION_ID_HEADER);

/// What every handler shares.
pub struct App {
    config: HostConfig,
    twostep: Twostep,
    logins: Logins,
}

type Shared = State<Arc<App>>;

/// The host's whole application.
pub fn router(config: HostConfig) -> Router {
    let twostep = Twostep::new(&config.twostep_url, config.api_key.clone());
    let bundle = ServeDir::new(&config.bundle_dir);
    let app = Arc::new(App {
        config,
        twostep,
        logins: Logins::default(),
    });
    Router::new()
        .route("/", get(|| async { Html(pages::INDEX) }))
        .route(
            "/login.js",
            get(|| async { ([(CONTENT_TYPE, "text/javascript")], pages::LOGIN_JS) }),
        )
        .route(
            "/host.css",
            get(|| async { ([(CONTENT_TYPE, "text/css")], pages::HOST_CSS) }),
        )
        .route(
            "/favicon.svg",
            get(|| async { ([(CONTENT_TYPE, "image/svg+xml")], pages::FAVICON) }),
        )
        .route("/login/state", get(state))
        .route("/login/password", post(password))
        .route("/login/mfa-session", post(mfa_session))
        .route("/login/assertion", post(assertion))
        .route("/account", get(account))
        .route("/logout", post(logout))
        .route(&format!("/mfa{API_PREFIX}/{{call}}"), post(forward))
        .nest_service("/assets/twostep", bundle)
        .layer(DefaultBodyLimit::max(16 * 1024))
        .layer(SetResponseHeaderLayer::overriding(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(twostep_protocol::CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(app)
}

/// The value of cookie `name`.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(k, v)| (k == name).then_some(v))
}

impl App {
    fn set_cookie(&self, name: &str, value: &str, max_age: u32) -> (HeaderName, String) {
        let secure = if self.config.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        (
            SET_COOKIE,
            format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"),
        )
    }
}

fn refuse(status: StatusCode, error: &str) -> Response {
    (status, Json(json!({ "error": error }))).into_response()
}

/// Whether a sign-in is waiting for its second step (after a reload, the page
/// shows the widget again and the widget resumes).
async fn state(State(app): Shared, headers: HeaderMap) -> Response {
    let pending = cookie(&headers, LOGIN_COOKIE).and_then(|id| app.logins.pending(id));
    Json(json!({ "pending": pending.is_some(), "user": pending.map(|p| p.user) })).into_response()
}

#[derive(Deserialize)]
struct PasswordForm {
    email: String,
    password: String,
}

/// The host's own first step.
async fn password(State(app): Shared, Json(form): Json<PasswordForm>) -> Response {
    let users = app.config.users.clone();
    let checked = tokio::task::spawn_blocking(move || {
        users.check(&form.email, &form.password).map(str::to_string)
    })
    .await
    .ok()
    .flatten();
    let Some(user) = checked else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "That email and password don't match.",
        );
    };
    let id = app.logins.begin(&user);
    tracing::info!(user, "password accepted; second step next");
    (
        [app.set_cookie(LOGIN_COOKIE, &id, 900)],
        Json(json!({ "user": user })),
    )
        .into_response()
}

#[derive(Deserialize)]
struct SessionAsk {
    #[serde(default)]
    fresh: bool,
}

/// The widget's `session` function: the twostep session of this sign-in,
/// started server to server the first time and whenever the widget asks for a
/// fresh one (Start over).
async fn mfa_session(
    State(app): Shared,
    headers: HeaderMap,
    Json(ask): Json<SessionAsk>,
) -> Response {
    let Some(id) = cookie(&headers, LOGIN_COOKIE) else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Sign in with your password first.",
        );
    };
    let Some(pending) = app.logins.pending(id) else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "This sign-in has ended. Start again.",
        );
    };
    if let (false, Some((handle, _))) = (ask.fresh, &pending.session) {
        return Json(json!({ "session": handle })).into_response();
    }
    match app.twostep.create_session(&pending.user).await {
        Ok(created) => {
            tracing::info!(session_ref = created.session_ref, "twostep session started");
            app.logins
                .set_session(id, created.session_handle.clone(), created.session_ref);
            Json(json!({ "session": created.session_handle })).into_response()
        }
        Err(e) => {
            tracing::error!(error = e, "twostep refused to start a session");
            refuse(
                StatusCode::BAD_GATEWAY,
                "The second step cannot start right now.",
            )
        }
    }
}

#[derive(Deserialize)]
struct AssertionPost {
    assertion: String,
}

/// Finishes the sign-in with twostep's assertion, checked as
/// docs/protocol.md says.
async fn assertion(
    State(app): Shared,
    headers: HeaderMap,
    Json(post): Json<AssertionPost>,
) -> Response {
    let Some(id) = cookie(&headers, LOGIN_COOKIE).map(str::to_string) else {
        return refuse(StatusCode::UNAUTHORIZED, "no_sign_in");
    };
    let Some(Pending {
        user,
        session: Some((_, session_ref)),
        ..
    }) = app.logins.pending(&id)
    else {
        return refuse(StatusCode::UNAUTHORIZED, "no_sign_in");
    };
    let expected = Expected {
        issuer: &app.config.issuer,
        audience: &app.config.audience,
        user: &user,
        session_ref: &session_ref,
    };
    let mut outcome = Err(Refusal::UnknownKey);
    // A key the cached set lacks may be a new one: fetch the set again once.
    for refresh in [false, true] {
        let keys = match app.twostep.keys(refresh).await {
            Ok(keys) => keys,
            Err(e) => {
                tracing::error!(error = e, "the twostep key set cannot be fetched");
                return refuse(StatusCode::BAD_GATEWAY, "keys_unavailable");
            }
        };
        let mut used = app.logins.used();
        used.forget_expired(pages::unix_now());
        outcome = check_assertion(&post.assertion, &keys, &expected, &mut used);
        if outcome != Err(Refusal::UnknownKey) {
            break;
        }
    }
    match outcome {
        Ok(claims) => {
            app.logins.forget_pending(&id);
            let session = app
                .logins
                .sign_in(claims.sub, claims.amr, claims.remember_device_days);
            tracing::info!(session_ref, "assertion accepted; signed in");
            (
                // Two Set-Cookie headers: appended, since an array of headers replaces.
                AppendHeaders([
                    app.set_cookie(SESSION_COOKIE, &session, 8 * 3600),
                    app.set_cookie(LOGIN_COOKIE, "", 0),
                ]),
                Json(json!({ "user": user, "redirect": "/account" })),
            )
                .into_response()
        }
        Err(why) => {
            tracing::warn!(session_ref, refusal = why.as_str(), "assertion refused");
            refuse(StatusCode::UNAUTHORIZED, why.as_str())
        }
    }
}

/// The signed-in page.
async fn account(State(app): Shared, headers: HeaderMap) -> Response {
    match cookie(&headers, SESSION_COOKIE).and_then(|id| app.logins.session(id)) {
        Some(s) => Html(pages::account(&s)).into_response(),
        None => (StatusCode::SEE_OTHER, [(LOCATION, "/")]).into_response(),
    }
}

async fn logout(State(app): Shared, headers: HeaderMap) -> Response {
    if let Some(id) = cookie(&headers, SESSION_COOKIE) {
        app.logins.sign_out(id);
    }
    (
        StatusCode::SEE_OTHER,
        [
            app.set_cookie(SESSION_COOKIE, "", 0),
            (LOCATION, "/".to_string()),
        ],
    )
        .into_response()
}

/// The widget's four calls, forwarded to twostep as they are (the page then
/// needs no CORS and its policy stays `connect-src 'self'`).
async fn forward(
    State(app): Shared,
    Path(call): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(operation) = Operation::from_name(&call) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let url = format!("{}{}", app.twostep.base(), operation.path());
    let mut request = app
        .twostep
        .http()
        .post(&url)
        .header(CONTENT_TYPE, "application/json")
        .body(body);
    if let Some(id) = headers.get(&CORRELATION) {
        request = request.header(&CORRELATION, id);
    }
    let answer = match request.send().await {
        Ok(answer) => answer,
        Err(e) => {
            tracing::error!(error = %e, "twostep cannot be reached");
            let body =
                json!({"code": "internal", "message": "The sign-in service cannot be reached."});
            return (StatusCode::BAD_GATEWAY, Json(body)).into_response();
        }
    };
    let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut out = HeaderMap::new();
    for name in [CONTENT_TYPE, RETRY_AFTER, CORRELATION] {
        if let Some(v) = answer.headers().get(&name) {
            out.insert(name, v.clone());
        }
    }
    match answer.bytes().await {
        Ok(bytes) => (status, out, bytes).into_response(),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}
