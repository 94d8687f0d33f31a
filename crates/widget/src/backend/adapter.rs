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
    Challenge, Operation, PollRequest, PollResponse, SendRequest, SendResponse, StartRequest,
    VerifyRequest, VerifyResponse,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::early::{EarlySlot, EarlyStart, reply};
use super::{Backend, BackendFuture};

/// A [`Backend`] over a host-supplied JavaScript bridge function (see the
/// module documentation for its shape).
#[derive(Clone, Debug)]
pub struct AdapterBackend {
    bridge: js_sys::Function,
    early: EarlySlot,
}

impl AdapterBackend {
    /// A backend that calls `bridge(operation, requestJson, correlationId)`,
    /// `operation` being an [`Operation::name`].
    pub fn new(bridge: js_sys::Function) -> Self {
        AdapterBackend {
            bridge,
            early: EarlySlot::default(),
        }
    }

    /// This backend, taking `early`'s answer for its first `start` when it
    /// is the same request (see [`super::early`]).
    pub fn with_early_start(mut self, early: Option<EarlyStart>) -> Self {
        self.early = EarlySlot::new(early);
        self
    }

    /// Calls the bridge now (the host's function starts its work at once)
    /// and reads its answer as `Res` when it comes.
    fn exchange<Res: ReadJson + 'static>(
        &self,
        operation: Operation,
        json: String,
        cid: String,
    ) -> BackendFuture<Res> {
        let called = self.bridge.call3(
            &JsValue::NULL,
            &JsValue::from_str(operation.name()),
            &JsValue::from_str(&json),
            &JsValue::from_str(&cid),
        );
        Box::pin(async move {
            let answer = match called {
                Ok(value) => JsFuture::from(js_sys::Promise::resolve(&value)).await,
                Err(e) => Err(e),
            };
            reply(&answer.unwrap_or_default(), &cid)?.read(&cid)
        })
    }
}

impl Backend for AdapterBackend {
    fn start(&self, req: StartRequest, cid: String) -> BackendFuture<Challenge> {
        let this = self.clone();
        let own = move |json| this.exchange(Operation::Start, json, cid);
        let json = req.to_json();
        match self.early.take(json.clone(), Box::new(own.clone())) {
            Some(answer) => answer,
            None => own(json),
        }
    }

    fn send(&self, req: SendRequest, cid: String) -> BackendFuture<SendResponse> {
        self.exchange(Operation::Send, req.to_json(), cid)
    }

    fn verify(&self, req: VerifyRequest, cid: String) -> BackendFuture<VerifyResponse> {
        self.exchange(Operation::Verify, req.to_json(), cid)
    }

    fn poll(&self, req: PollRequest, cid: String) -> BackendFuture<PollResponse> {
        self.exchange(Operation::Poll, req.to_json(), cid)
    }
}
