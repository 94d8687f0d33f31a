//! The first `start`, sent by the page before the widget runs.
//!
//! The bundle's `mount()` (`js/early.js`) sends the verification's first
//! `start` at once, while the wasm downloads and compiles, instead of after
//! the widget has rendered its loading screen: on a loaded phone that is
//! most of the time to the first code field. The backend takes that answer
//! for its own first `start` when the request is byte for byte the one the
//! widget would send, and otherwise sends its own as usual.

use std::cell::RefCell;
use std::rc::Rc;

use twostep_protocol::json::ReadJson;
use twostep_protocol::{ApiError, ErrorCode};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::BackendFuture;
use super::http::HttpResponse;

/// A `start` already on its way.
#[derive(Clone, Debug)]
pub struct EarlyStart {
    /// The correlation ID it was sent with.
    pub correlation_id: String,
    /// Resolves to `[request, answer]` once the answer is in: the request's
    /// JSON as sent, and `[status, body, retryAfter, failure]`, the HTTP
    /// status, the body text and the `Retry-After` header (or null), or
    /// status 0 with a message as the body and `failure` `"network"` or
    /// `"timeout"`. It rejects when there was no request to send (the host's
    /// session function failed).
    pub sent: js_sys::Promise,
}

/// Where a backend keeps the early start until its first `start` takes it.
/// Shared by the backend's clones; taken once, whether it matches or not.
#[derive(Clone, Debug, Default)]
pub struct EarlySlot(Rc<RefCell<Option<EarlyStart>>>);

impl EarlySlot {
    /// A slot holding `early`.
    pub fn new(early: Option<EarlyStart>) -> Self {
        EarlySlot(Rc::new(RefCell::new(early)))
    }

    /// The answer to a `start` with the body `request`: the early one if it
    /// was that very request, or else what `own` (the backend sending its
    /// own) answers. Later starts (*Try again*, *Start over*) get `None`.
    /// `own` is boxed so that the HTTP and adapter backends share one copy of
    /// this in the bundle.
    pub fn take<T: ReadJson + 'static>(
        &self,
        request: String,
        own: Box<dyn FnOnce(String) -> BackendFuture<T>>,
    ) -> Option<BackendFuture<T>> {
        let early = self.0.borrow_mut().take()?;
        Some(Box::pin(async move {
            let sent = array(JsFuture::from(early.sent).await.unwrap_or_default());
            if sent.get(0).as_string().as_deref() == Some(request.as_str()) {
                reply(&sent.get(1), &early.correlation_id)?.read(&early.correlation_id)
            } else {
                own(request).await
            }
        }))
    }
}

/// `value` if it is an array, else an empty one (`Array.from` would throw on
/// `undefined`, the value of a rejected promise here).
fn array(value: JsValue) -> js_sys::Array {
    value.dyn_into().unwrap_or_default()
}

/// A bridge's or an early start's `[status, body, retryAfter, failure]` as
/// the response it holds, or the network or timeout failure it reports.
/// Anything else (the bridge itself broken) reads as an empty 500, which
/// [`HttpResponse::read`] reports as `internal`. Not generic, so the bundle
/// holds it once.
pub(crate) fn reply(answer: &JsValue, correlation_id: &str) -> Result<HttpResponse, ApiError> {
    let parts = array(answer.clone());
    let body = parts.get(1).as_string().unwrap_or_default();
    let failed = |code, message: String| {
        let mut e = ApiError::new(code, message);
        e.correlation_id = Some(correlation_id.to_owned());
        Err(e)
    };
    match parts.get(3).as_string().as_deref() {
        Some("timeout") => failed(ErrorCode::Timeout, "No answer in time.".into()),
        Some(_) => failed(
            ErrorCode::Network,
            format!("The request failed (offline, unreachable or refused by CORS): {body}"),
        ),
        None => Ok(HttpResponse {
            status: parts.get(0).as_f64().unwrap_or(500.0) as u16,
            retry_after: parts.get(2).as_string(),
            body,
        }),
    }
}
