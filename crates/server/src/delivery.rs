//! Sending texts, placing calls and pushing to the app: a trait, so a real
//! provider can be plugged in (the server's own is the signed webhook of
//! [`crate::hook`]), and a stand-in that only logs.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A text message carrying a code.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    /// The public reference of the session it belongs to.
    pub session_ref: &'a str,
    /// The method it goes by.
    pub method_id: &'a str,
    /// The full phone number (for the provider only).
    pub to: &'a str,
    /// The number masked, for anything a person or browser may see.
    pub masked_to: &'a str,
    /// The code.
    pub code: &'a str,
}

/// A phone call the user answers to approve, by keying in the number the
/// sign-in screen shows.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The public reference of the session it belongs to.
    pub session_ref: &'a str,
    /// The method it goes by.
    pub method_id: &'a str,
    /// The full phone number (for the provider only).
    pub to: &'a str,
    /// The number masked, for anything a person or browser may see.
    pub masked_to: &'a str,
    /// The number the call asks the user to key in (the reference server
    /// gives every call one).
    pub number_to_match: Option<&'a str>,
}

/// A notification to the user's authenticator app.
#[derive(Clone, Copy, Debug)]
pub struct Push<'a> {
    /// The public reference of the session it belongs to.
    pub session_ref: &'a str,
    /// The method it goes by.
    pub method_id: &'a str,
    /// The user it goes to.
    pub user: &'a str,
    /// The number the user must pick, with number matching.
    pub number_to_match: Option<&'a str>,
}

/// A delivery that could not be made; the message is for logs, not users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryError(pub String);

impl fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeliveryError {}

/// A delivery on its way: done once the provider has taken the message.
pub type Sending<'a> = Pin<Box<dyn Future<Output = Result<(), DeliveryError>> + Send + 'a>>;

/// A delivery already made (or refused), as a [`Sending`].
pub fn done(result: Result<(), DeliveryError>) -> Sending<'static> {
    Box::pin(std::future::ready(result))
}

/// Gets messages to the user. Each call resolves once the provider has
/// accepted the message, or with the reason it did not: the user is then
/// told the delivery failed, never that it went.
pub trait Delivery: Send + Sync {
    /// Texts a code.
    fn send_text<'a>(&'a self, text: &'a Text<'a>) -> Sending<'a>;
    /// Places a call the user answers to approve.
    fn place_call<'a>(&'a self, call: &'a Call<'a>) -> Sending<'a>;
    /// Pushes a notification to the user's app.
    fn push<'a>(&'a self, push: &'a Push<'a>) -> Sending<'a>;
}

/// Delivers nothing: every delivery fails, with a log line (never a code).
/// What a library user's state gets outside `--dev` when no delivery hook
/// is configured; the command line refuses to start that way.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoDelivery;

impl NoDelivery {
    fn refuse(what: &str) -> Sending<'static> {
        tracing::error!("no delivery hook: the {what} was not sent (see --delivery-url)");
        done(Err(DeliveryError(format!(
            "no delivery hook for the {what}"
        ))))
    }
}

impl Delivery for NoDelivery {
    fn send_text<'a>(&'a self, _: &'a Text<'a>) -> Sending<'a> {
        NoDelivery::refuse("text")
    }

    fn place_call<'a>(&'a self, _: &'a Call<'a>) -> Sending<'a> {
        NoDelivery::refuse("call")
    }

    fn push<'a>(&'a self, _: &'a Push<'a>) -> Sending<'a> {
        NoDelivery::refuse("notification")
    }
}
