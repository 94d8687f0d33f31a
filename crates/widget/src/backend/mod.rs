//! Where the widget gets its answers: one trait, several backends.
//!
//! - [`HttpBackend`]: twostep's JSON contract over fetch, for real servers.
//! - [`AdapterBackend`]: async functions the host page supplies in JavaScript.
//!
//! Any other implementation of [`Backend`] works too, such as an in-browser
//! simulation or a test double.

pub mod adapter;
pub mod early;
pub mod http;

use std::future::Future;
use std::pin::Pin;

use twostep_protocol::{
    ApiError, Challenge, PollRequest, PollResponse, SendRequest, SendResponse, StartRequest,
    VerifyRequest, VerifyResponse,
};

pub use adapter::AdapterBackend;
pub use early::EarlyStart;
pub use http::{HttpBackend, HttpOptions};

/// A backend call in progress. Backends run on the browser's single thread, so
/// the future need not be `Send`; it borrows nothing from the backend, so the
/// driver can start a call before it renders the screen the call belongs to.
pub type BackendFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// The four calls of twostep's contract. Every failure is an [`ApiError`]:
/// backends map their transport failures to its client-side codes (`network`,
/// `timeout`, `bad_response`) so that the flow shows them with details.
///
/// Each call comes with the widget's correlation ID for it; a backend sends it
/// along (the HTTP backend as a header) and returns it in its errors. A
/// backend should start its request when the method is called, not when the
/// future is first polled: the driver calls it before rendering.
pub trait Backend {
    /// Starts a verification, or resumes the one named in the request.
    fn start(&self, req: StartRequest, correlation_id: String) -> BackendFuture<Challenge>;
    /// Sends a code, places a call or pushes to the app.
    fn send(&self, req: SendRequest, correlation_id: String) -> BackendFuture<SendResponse>;
    /// Checks a code. Callers never repeat this by themselves.
    fn verify(&self, req: VerifyRequest, correlation_id: String) -> BackendFuture<VerifyResponse>;
    /// Asks whether an approval was answered.
    fn poll(&self, req: PollRequest, correlation_id: String) -> BackendFuture<PollResponse>;
}
