//! The HTTP backend: twostep's JSON contract (`docs/protocol.md`) over fetch.
//!
//! Every call is a `POST` of the contract's JSON with an `X-Correlation-ID`
//! header, aborted after `timeout_ms`. Every failure (offline, CORS refusal,
//! timeout, a body that is not JSON or not the right shape, any 4xx or 5xx)
//! becomes an [`ApiError`] the widget shows with its details. Only polls are
//! retried, with backoff; a code is never submitted twice by the backend.

mod answer;
mod options;

use std::rc::Rc;

use twostep_protocol::json::{ReadJson, WriteJson};
use twostep_protocol::{
    ApiError, CORRELATION_ID_HEADER, Challenge, ErrorCode, PollRequest, PollResponse, SendRequest,
    SendResponse, StartRequest, VerifyRequest, VerifyResponse,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, RequestCredentials};

pub use answer::{Answer, HttpResponse, interpret, is_transient};
pub use options::{Credentials, HttpOptions, Paths};

use super::early::{EarlySlot, EarlyStart};
use super::{Backend, BackendFuture};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (of a window or a worker alike).
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_request(request: &web_sys::Request) -> js_sys::Promise;
    /// JavaScript's `String(value)`: an error's `name: message`, and never a throw.
    #[wasm_bindgen(js_name = String)]
    fn js_text(value: &JsValue) -> String;
}

/// A backend speaking twostep's HTTP JSON contract.
#[derive(Clone)]
pub struct HttpBackend {
    options: Rc<HttpOptions>,
    early: EarlySlot,
}

/// A request on its way: the fetch already started, and its abort timer.
struct InFlight {
    fetch: js_sys::Promise,
    signal: AbortSignal,
    abort: gloo_timers::callback::Timeout,
}

impl HttpBackend {
    /// A backend with these options.
    pub fn new(options: HttpOptions) -> Self {
        HttpBackend {
            options: Rc::new(options),
            early: EarlySlot::default(),
        }
    }

    /// This backend, taking `early`'s answer for its first `start` when it
    /// is the same request (see [`super::early`]).
    pub fn with_early_start(mut self, early: Option<EarlyStart>) -> Self {
        self.early = EarlySlot::new(early);
        self
    }

    /// Starts one call now, while the caller is still busy (the widget
    /// renders its next screen meanwhile), and returns its answer read as
    /// `Res` when it comes. The body is already JSON.
    fn post<Res: ReadJson + 'static>(
        &self,
        path: &str,
        json: String,
        correlation_id: String,
    ) -> BackendFuture<Res> {
        let sent = self.begin(path, &json, &correlation_id);
        let timeout_ms = self.options.timeout_ms;
        Box::pin(async move {
            answer(sent?, timeout_ms, &correlation_id)
                .await?
                .read(&correlation_id)
        })
    }

    /// Builds the request and starts the fetch, with its abort timer.
    fn begin(&self, path: &str, json: &str, correlation_id: &str) -> Result<InFlight, ApiError> {
        let o = &self.options;
        let fail = |code, message: String| failure(code, message, correlation_id);
        let controller = AbortController::new().map_err(|_| {
            fail(
                ErrorCode::Network,
                "This browser cannot make requests.".into(),
            )
        })?;
        let signal = controller.signal();
        let abort = gloo_timers::callback::Timeout::new(o.timeout_ms, move || controller.abort());
        let request = request(o, path, json, correlation_id, &signal)
            .map_err(|e| fail(ErrorCode::Network, js_text(&e)))?;
        Ok(InFlight {
            fetch: fetch_with_request(&request),
            signal,
            abort,
        })
    }
}

/// Waits for the answer to a started request: the status, `Retry-After` and
/// body, or the network or timeout failure. Not generic, so the bundle holds
/// it once.
async fn answer(
    sent: InFlight,
    timeout_ms: u32,
    correlation_id: &str,
) -> Result<HttpResponse, ApiError> {
    let InFlight {
        fetch,
        signal,
        abort,
    } = sent;
    let fail = |code, message: String| failure(code, message, correlation_id);
    let timed_out = |what: &str| {
        fail(
            ErrorCode::Timeout,
            format!("{what} within {timeout_ms} ms."),
        )
    };
    let response: web_sys::Response = match JsFuture::from(fetch).await {
        Ok(r) => r.unchecked_into(),
        Err(_) if signal.aborted() => return Err(timed_out("No answer")),
        // Browsers report offline, DNS and CORS refusals the same way.
        Err(e) => {
            return Err(fail(
                ErrorCode::Network,
                format!(
                    "The request failed (offline, unreachable or refused by CORS): {}",
                    js_text(&e)
                ),
            ));
        }
    };
    let status = response.status();
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    drop(abort);
    match text {
        Ok(body) => Ok(HttpResponse {
            status,
            retry_after,
            body: body.as_string().unwrap_or_default(),
        }),
        Err(_) if signal.aborted() => Err(timed_out("The answer did not finish")),
        Err(e) => Err(fail(ErrorCode::Network, js_text(&e))),
    }
}

/// The fetch `Request` for one call: a JSON `POST` with the correlation ID and
/// the configured headers and cookie mode, aborted by `signal`.
fn request(
    o: &HttpOptions,
    path: &str,
    json: &str,
    correlation_id: &str,
    signal: &AbortSignal,
) -> Result<web_sys::Request, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    headers.set("Accept", "application/json")?;
    headers.set(CORRELATION_ID_HEADER, correlation_id)?;
    for (name, value) in &o.headers {
        headers.set(name, value)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(json));
    init.set_credentials(match o.credentials {
        Credentials::Omit => RequestCredentials::Omit,
        Credentials::SameOrigin => RequestCredentials::SameOrigin,
        Credentials::Include => RequestCredentials::Include,
    });
    init.set_signal(Some(signal));
    web_sys::Request::new_with_str_and_init(&o.url(path), &init)
}

fn failure(code: ErrorCode, message: String, correlation_id: &str) -> ApiError {
    let mut e = ApiError::new(code, message);
    e.correlation_id = Some(correlation_id.to_string());
    e
}

impl Backend for HttpBackend {
    fn start(&self, req: StartRequest, cid: String) -> BackendFuture<Challenge> {
        let this = self.clone();
        let own = move |json| this.post(&this.options.paths.start, json, cid);
        let json = req.to_json();
        match self.early.take(json.clone(), Box::new(own.clone())) {
            Some(answer) => answer,
            None => own(json),
        }
    }

    fn send(&self, req: SendRequest, cid: String) -> BackendFuture<SendResponse> {
        self.post(&self.options.paths.send, req.to_json(), cid)
    }

    fn verify(&self, req: VerifyRequest, cid: String) -> BackendFuture<VerifyResponse> {
        self.post(&self.options.paths.verify, req.to_json(), cid)
    }

    fn poll(&self, req: PollRequest, cid: String) -> BackendFuture<PollResponse> {
        let json = req.to_json();
        let first = self.post(&self.options.paths.poll, json.clone(), cid.clone());
        let this = self.clone();
        Box::pin(async move {
            let mut wait = this.options.retry_backoff_ms;
            let mut tries_left = this.options.poll_retries;
            let mut attempt = first;
            loop {
                match attempt.await {
                    Err(e) if tries_left > 0 && is_transient(&e) => {
                        tries_left -= 1;
                        gloo_timers::future::TimeoutFuture::new(wait).await;
                        wait = wait.saturating_mul(2);
                        attempt = this.post(&this.options.paths.poll, json.clone(), cid.clone());
                    }
                    other => return other,
                }
            }
        })
    }
}
