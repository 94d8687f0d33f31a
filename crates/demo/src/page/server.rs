//! The reference server's dev-only endpoints, as the demo page uses them.
//! Only `twostep-server --dev` has them; the widget never calls them.

use gloo_net::http::Request;
use serde::Deserialize;
use twostep_protocol::CreatedSession;
use twostep_widget::browser::clock_time;

use super::delivery::{Item, ItemKind};
use crate::messages::{Msg, t};

/// The demo page's settings, from `demo-config.json` beside it. The static
/// file says `in_browser`; the reference server answers `server` instead.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct DemoConfig {
    /// `in_browser` or `server`.
    pub backend: String,
}

/// Reads `demo-config.json`; the in-browser demo when it cannot.
pub async fn config() -> DemoConfig {
    let fetched = async {
        Request::get("demo-config.json")
            .send()
            .await
            .ok()?
            .json::<DemoConfig>()
            .await
            .ok()
    };
    fetched.await.unwrap_or_default()
}

#[derive(Deserialize)]
struct Delivery {
    id: u64,
    at: String,
    kind: String,
    to: Option<String>,
    code: Option<String>,
    number: Option<String>,
    answer: Option<String>,
}

/// Unix ms of an RFC 3339 UTC time ("2026-11-28T19:42:05Z"), via the browser.
fn parse_time(at: &str) -> u64 {
    js_sys::Date::parse(at) as u64
}

/// Starts a verification for `user` the way a host's server does after its
/// password step, through the server's dev-only stand-in for one
/// (`POST /dev/sessions`), and returns the session's secret handle.
pub async fn create_session(user: &str) -> Result<String, String> {
    let body = serde_json::json!({ "user": user });
    let failed = |why: String| t(Msg::SessionFailed(why));
    let resp = Request::post("dev/sessions")
        .json(&body)
        .map_err(|e| failed(e.to_string()))?
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    if !resp.ok() {
        return Err(failed(format!("HTTP {}", resp.status())));
    }
    let created: CreatedSession = resp.json().await.map_err(|e| failed(e.to_string()))?;
    Ok(created.session_handle)
}

/// The deliveries of the session with this public reference, oldest first.
pub async fn outbox(session_ref: &str) -> Vec<Item> {
    let url = format!(
        "dev/outbox?session_ref={}",
        js_sys::encode_uri_component(session_ref)
    );
    let Ok(resp) = Request::get(&url).send().await else {
        return Vec::new();
    };
    let list: Vec<Delivery> = resp.json().await.unwrap_or_default();
    list.into_iter()
        .filter_map(|d| {
            let kind = match d.kind.as_str() {
                "text" => ItemKind::Text,
                "call" => ItemKind::Call,
                "push" => ItemKind::Push,
                _ => return None,
            };
            let at = parse_time(&d.at);
            Some(Item {
                key: d.id.to_string(),
                time: clock_time(at, "en"),
                kind,
                to: d.to.unwrap_or_default(),
                code: d.code,
                number: d.number,
                answer: d.answer.map(|a| a == "approved"),
            })
        })
        .collect()
}

#[derive(Deserialize)]
struct Totp {
    code: String,
}

/// The authenticator app's current code for `user`, if the user has one.
pub async fn totp(user: &str) -> Option<String> {
    let url = format!("dev/totp?user={}", js_sys::encode_uri_component(user));
    let resp = Request::get(&url).send().await.ok()?;
    if !resp.ok() {
        return None;
    }
    resp.json::<Totp>().await.ok().map(|t| t.code)
}

/// Answers the pending call or push of the session with this public
/// reference on the simulated phone.
pub async fn answer(session_ref: &str, approve: bool, number: Option<String>) {
    let body =
        serde_json::json!({ "session_ref": session_ref, "approve": approve, "number": number });
    if let Ok(req) = Request::post("dev/answer").json(&body) {
        let _ = req.send().await;
    }
}
