//! Where the widget gets its answers: one trait, several backends.
//!
//! - [`HttpBackend`]: twostep's JSON contract over fetch, for real servers.
//! - [`AdapterBackend`]: async functions the host page supplies in JavaScript.
//!
//! Any other implementation of [`Backend`] works too, such as an in-browser
//! simulation or a test double.

pub mod adapter;
pub mod http;

use std::future::Future;
use std::pin::Pin;

use twostep_protocol::{
    ApiError, Challenge, PollRequest, PollResponse, SendRequest, SendResponse, StartRequest,
    VerifyRequest, VerifyResponse,
};

pub use adapter::AdapterBackend;
pub use http::{HttpBackend, HttpOptions};

/// A backend call in progress. Backends run on the browser's single thread, so
/// the future need not be `Send`.
pub type BackendFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, ApiError>> + 'a>>;

/// The four calls of twostep's contract. Every failure is an [`ApiError`]:
/// backends map their transport failures to its client-side codes (`network`,
/// `timeout`, `bad_response`) so that the flow shows them with details.
///
/// Each call comes with the widget's correlation ID for it; a backend sends it
/// along (the HTTP backend as a header) and returns it in its errors.
pub trait Backend {
    /// Starts a verification, or resumes the one named in the request.
    fn start(&self, req: StartRequest, correlation_id: String) -> BackendFuture<'_, Challenge>;
    /// Sends a code, places a call or pushes to the app.
    fn send(&self, req: SendRequest, correlation_id: String) -> BackendFuture<'_, SendResponse>;
    /// Checks a code. Callers never repeat this by themselves.
    fn verify(
        &self,
        req: VerifyRequest,
        correlation_id: String,
    ) -> BackendFuture<'_, VerifyResponse>;
    /// Asks whether an approval was answered.
    fn poll(&self, req: PollRequest, correlation_id: String) -> BackendFuture<'_, PollResponse>;
}
