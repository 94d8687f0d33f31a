//! A backend the host page supplies in JavaScript: an object of async
//! functions (`start`, `send`, `verify`, `poll`) that return the contract's
//! JSON shapes, so that twostep can sit in front of any identity provider
//! without a proxy.
//!
//! The bundle's JavaScript API wraps the host's object in one bridge function,
//! `(operation, requestJson, correlationId) => Promise<[status, bodyText]>`,
//! that never rejects: a resolved value becomes `[200, JSON]`, an error envelope
//! the adapter throws becomes `[400, JSON]`, and anything else it throws becomes
//! an `internal` envelope naming the operation. The answer then goes through
//! the same [`interpret`] as an HTTP answer, so an adapter's result is
//! validated exactly like a server's.

use twostep_protocol::json::{ReadJson, WriteJson};
use twostep_protocol::{
    ApiError, Challenge, Operation, PollRequest, PollResponse, SendRequest, SendResponse,
    StartRequest, VerifyRequest, VerifyResponse,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::http::{Answer, interpret};
use super::{Backend, BackendFuture};

/// A [`Backend`] over a host-supplied JavaScript bridge function (see the
/// module documentation for its shape).
#[derive(Clone, Debug)]
pub struct AdapterBackend {
    bridge: js_sys::Function,
}

impl AdapterBackend {
    /// A backend that calls `bridge(operation, requestJson, correlationId)`,
    /// `operation` being an [`Operation::name`].
    pub fn new(bridge: js_sys::Function) -> Self {
        AdapterBackend { bridge }
    }

    async fn exchange<Req: WriteJson, Res: ReadJson>(
        &self,
        operation: Operation,
        req: Req,
        cid: String,
    ) -> Result<Res, ApiError> {
        let body = req.to_json();
        let answer = match self.bridge.call3(
            &JsValue::NULL,
            &JsValue::from_str(operation.name()),
            &JsValue::from_str(&body),
            &JsValue::from_str(&cid),
        ) {
            Ok(value) => JsFuture::from(js_sys::Promise::resolve(&value)).await,
            Err(e) => Err(e),
        };
        // A broken bridge (not the host's adapter: the bridge catches those)
        // reads as an empty 500, which `interpret` reports as `internal`.
        let (status, text) = match answer.map(|v| js_sys::Array::from(&v)) {
            Ok(pair) => (
                pair.get(0).as_f64().unwrap_or(500.0) as u16,
                pair.get(1).as_string().unwrap_or_default(),
            ),
            Err(_) => (500, String::new()),
        };
        interpret(
            &Answer {
                status,
                retry_after: None,
                body: &text,
            },
            &cid,
        )
    }
}

impl Backend for AdapterBackend {
    fn start(&self, req: StartRequest, cid: String) -> BackendFuture<'_, Challenge> {
        Box::pin(self.exchange(Operation::Start, req, cid))
    }

    fn send(&self, req: SendRequest, cid: String) -> BackendFuture<'_, SendResponse> {
        Box::pin(self.exchange(Operation::Send, req, cid))
    }

    fn verify(&self, req: VerifyRequest, cid: String) -> BackendFuture<'_, VerifyResponse> {
        Box::pin(self.exchange(Operation::Verify, req, cid))
    }

    fn poll(&self, req: PollRequest, cid: String) -> BackendFuture<'_, PollResponse> {
        Box::pin(self.exchange(Operation::Poll, req, cid))
    }
}
