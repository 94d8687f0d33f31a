//! The backend calls the flow makes, and their answers.

use twostep_protocol::{
    Challenge, PollRequest, PollResponse, SendRequest, SendResponse, StartRequest, VerifyRequest,
    VerifyResponse,
};

/// Names one backend call, so that a late answer to an abandoned call is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u32);

/// A backend call to make; its answer comes back as `Event::Response` with the id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Call {
    /// Ask the host's function for a session handle, answered with
    /// `Answer::Session`. `fresh` is true when the user starts over: the host
    /// should start a new verification rather than hand back the last one.
    Session {
        /// True on starting over; false at the start and on a retry.
        fresh: bool,
    },
    /// Start or resume the verification.
    Start(StartRequest),
    /// Send a code or a push by method.
    Send(SendRequest),
    /// Check a code. Never repeated automatically.
    Verify(VerifyRequest),
    /// Ask whether an approval was answered.
    Poll(PollRequest),
}

/// A successful answer to a [`Call`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Answer to `Call::Session`: the secret handle the host's function gave.
    Session(String),
    /// Answer to `Call::Start`.
    Started(Challenge),
    /// Answer to `Call::Send`.
    Sent(SendResponse),
    /// Answer to `Call::Verify`.
    Verified(VerifyResponse),
    /// Answer to `Call::Poll`.
    Polled(PollResponse),
}
