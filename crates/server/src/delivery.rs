//! Sending texts, placing calls and pushing to the app: a trait, so a real
//! provider can be plugged in, and a stand-in that only logs.

use std::fmt;

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

/// A phone call the user answers to approve.
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

/// Gets messages to the user. Implementations must not block: hand the
/// message to a queue or a task and return.
pub trait Delivery: Send + Sync {
    /// Texts a code.
    fn send_text(&self, text: &Text<'_>) -> Result<(), DeliveryError>;
    /// Places a call the user answers to approve.
    fn place_call(&self, call: &Call<'_>) -> Result<(), DeliveryError>;
    /// Pushes a notification to the user's app.
    fn push(&self, push: &Push<'_>) -> Result<(), DeliveryError>;
}

/// Delivers nothing and logs what it would have sent (never a code): the
/// stand-in outside `--dev` until a real provider is plugged in.
#[derive(Clone, Copy, Debug, Default)]
pub struct LogDelivery;

impl Delivery for LogDelivery {
    fn send_text(&self, text: &Text<'_>) -> Result<(), DeliveryError> {
        tracing::warn!(
            to = text.masked_to,
            "no text provider: the code was not sent"
        );
        Ok(())
    }

    fn place_call(&self, call: &Call<'_>) -> Result<(), DeliveryError> {
        tracing::warn!(
            to = call.masked_to,
            "no call provider: the call was not placed"
        );
        Ok(())
    }

    fn push(&self, push: &Push<'_>) -> Result<(), DeliveryError> {
        tracing::warn!(
            user = push.user,
            "no push provider: the notification was not sent"
        );
        Ok(())
    }
}
