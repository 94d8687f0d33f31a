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

use gloo_net::http::Request;
use serde::Serialize;
use serde::de::DeserializeOwned;
use twostep_protocol::{
    ApiError, Challenge, ErrorCode, PollRequest, PollResponse, SendRequest, SendResponse,
    StartRequest, VerifyRequest, VerifyResponse,
};
use web_sys::{AbortController, RequestCredentials};

pub use answer::{Answer, interpret, is_transient};
pub use options::{Credentials, HttpOptions, Paths};

use super::{Backend, BackendFuture};

/// The header that carries the correlation ID.
pub const CORRELATION_HEADER: &str = "X-Correlation-ID";

/// A backend speaking twostep's HTTP JSON contract.
#[derive(Clone)]
pub struct HttpBackend {
    options: Rc<HttpOptions>,
}

impl HttpBackend {
    /// A backend with these options.
    pub fn new(options: HttpOptions) -> Self {
        HttpBackend {
            options: Rc::new(options),
        }
    }

    /// Sends one call and reads its answer as `Res`. Generic only in the
    /// (de)serialization; the request itself is [`HttpBackend::exchange`], which
    /// exists once in the bundle.
    async fn post<Req: Serialize, Res: DeserializeOwned>(
        &self,
        path: &str,
        body: &Req,
        correlation_id: &str,
    ) -> Result<Res, ApiError> {
        let json = serde_json::to_string(body)
            .map_err(|e| failure(ErrorCode::BadRequest, e.to_string(), correlation_id))?;
        let (status, retry_after, body) = self.exchange(path, json, correlation_id).await?;
        interpret(
            &Answer {
                status,
                retry_after: retry_after.as_deref(),
                body: &body,
            },
            correlation_id,
        )
    }

    /// POSTs `json` and returns the status, `Retry-After` and body, or the
    /// network or timeout failure.
    async fn exchange(
        &self,
        path: &str,
        json: String,
        correlation_id: &str,
    ) -> Result<(u16, Option<String>, String), ApiError> {
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
        let mut builder = Request::post(&o.url(path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(CORRELATION_HEADER, correlation_id)
            .credentials(match o.credentials {
                Credentials::Omit => RequestCredentials::Omit,
                Credentials::SameOrigin => RequestCredentials::SameOrigin,
                Credentials::Include => RequestCredentials::Include,
            })
            .abort_signal(Some(&signal));
        for (name, value) in &o.headers {
            builder = builder.header(name, value);
        }
        let request = builder
            .body(json)
            .map_err(|e| fail(ErrorCode::Network, e.to_string()))?;
        let timed_out = |what: &str| {
            fail(
                ErrorCode::Timeout,
                format!("{what} within {} ms.", o.timeout_ms),
            )
        };
        let response = match request.send().await {
            Ok(r) => r,
            Err(_) if signal.aborted() => return Err(timed_out("No answer")),
            // Browsers report offline, DNS and CORS refusals the same way.
            Err(e) => {
                return Err(fail(
                    ErrorCode::Network,
                    format!("The request failed (offline, unreachable or refused by CORS): {e}"),
                ));
            }
        };
        let status = response.status();
        let retry_after = response.headers().get("Retry-After");
        let text = response.text().await;
        drop(abort);
        match text {
            Ok(body) => Ok((status, retry_after, body)),
            Err(_) if signal.aborted() => Err(timed_out("The answer did not finish")),
            Err(e) => Err(fail(ErrorCode::Network, e.to_string())),
        }
    }
}

fn failure(code: ErrorCode, message: String, correlation_id: &str) -> ApiError {
    let mut e = ApiError::new(code, message);
    e.correlation_id = Some(correlation_id.to_string());
    e
}

impl Backend for HttpBackend {
    fn start(&self, req: StartRequest, cid: String) -> BackendFuture<'_, Challenge> {
        Box::pin(async move { self.post(&self.options.paths.start, &req, &cid).await })
    }

    fn send(&self, req: SendRequest, cid: String) -> BackendFuture<'_, SendResponse> {
        Box::pin(async move { self.post(&self.options.paths.send, &req, &cid).await })
    }

    fn verify(&self, req: VerifyRequest, cid: String) -> BackendFuture<'_, VerifyResponse> {
        Box::pin(async move { self.post(&self.options.paths.verify, &req, &cid).await })
    }

    fn poll(&self, req: PollRequest, cid: String) -> BackendFuture<'_, PollResponse> {
        Box::pin(async move {
            let mut wait = self.options.retry_backoff_ms;
            let mut tries_left = self.options.poll_retries;
            loop {
                match self.post(&self.options.paths.poll, &req, &cid).await {
                    Err(e) if tries_left > 0 && is_transient(&e) => {
                        tries_left -= 1;
                        gloo_timers::future::TimeoutFuture::new(wait).await;
                        wait = wait.saturating_mul(2);
                    }
                    other => return other,
                }
            }
        })
    }
}
