//! The demo page's message catalogue: every string the page shows around the
//! widget, the same way as the widget's own catalogue
//! (`twostep_widget::messages`), which carries none of these.
//!
//! A [`Msg`] names a message and carries the values it needs; [`Msg::text`]
//! renders it. The page is in English only.

mod en;

use std::borrow::Cow;

/// Every message of the demo page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// Brand name.
    Brand,
    /// Sign-in title.
    SignInTitle,
    /// Email label.
    Email,
    /// Password label.
    Password,
    /// Password hint.
    PasswordHint,
    /// Empty password.
    PasswordMissing,
    /// Sign-in button.
    SignIn,
    /// Scenario picker label.
    ScenarioPicker,
    /// Scenario name, by id.
    ScenarioName(&'static str),
    /// Signed in title.
    SignedInTitle,
    /// Signed in body, with the assertion.
    SignedInBody,
    /// Sign out.
    SignOut,
    /// Phone panel title.
    PhoneTitle,
    /// Phone panel, nothing yet.
    PhoneEmpty,
    /// A text message.
    PhoneText(String),
    /// The body of a texted code.
    SmsBody(String),
    /// An incoming call.
    PhoneCall(String),
    /// A push notification.
    PhonePush,
    /// Pick the number shown on the sign-in screen.
    PhonePickNumber,
    /// Approve.
    Approve,
    /// Deny.
    Deny,
    /// Answered.
    Answered(bool),
    /// The authenticator app's current code.
    AppCode,
    /// From whom texts come.
    Sender,
    /// The about note.
    About,
    /// The about note, over the reference server.
    AboutServer,
    /// User picker label.
    UserPicker,
    /// A reference-server user, by email.
    UserName(&'static str),
    /// The stand-in for a host's server could not start a
    /// verification, with what went wrong.
    SessionFailed(String),
}

impl Msg {
    /// The message in English.
    pub fn text(&self) -> Cow<'static, str> {
        en::text(self)
    }
}

/// Shorthand for `msg.text().into_owned()`.
pub fn t(msg: Msg) -> String {
    msg.text().into_owned()
}
