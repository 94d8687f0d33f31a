//! English.

use std::borrow::Cow;

use super::Msg;

fn owned(s: String) -> Cow<'static, str> {
    Cow::Owned(s)
}

/// The English text of `msg`.
pub(super) fn text(msg: &Msg) -> Cow<'static, str> {
    use Msg::*;
    Cow::Borrowed(match msg {
        Brand => "Contoso",
        SignInTitle => "Sign in",
        Email => "Email",
        Password => "Password",
        PasswordHint => "Demo: any password works.",
        PasswordMissing => "Enter your password.",
        SignIn => "Sign in",
        ScenarioPicker => "Demo scenario",
        ScenarioName(id) => match *id {
            "text" => "Text message arrives",
            "text-lost" => "Text never arrives",
            "call" => "Phone call",
            "call-unanswered" => "Phone call, never answered",
            "push" => "App notification, approved",
            "push-denied" => "App notification, denied",
            "number-match" => "App notification with number matching",
            "lockout" => "Wrong codes, then lockout",
            "server-error" => "Server error",
            "single-method" => "Only one method",
            "quick-expiry" => "Window expires quickly",
            _ => "Scenario",
        },
        SignedInTitle => "You're signed in",
        SignedInBody => "The widget handed this proof to the page:",
        SignOut => "Sign out",
        PhoneTitle => "Simulated phone",
        PhoneEmpty => "No messages yet.",
        PhoneText(to) => return owned(format!("Text to {to}")),
        SmsBody(code) => {
            return owned(format!(
                "{code} is your Contoso verification code. Never share it."
            ));
        }
        PhoneCall(to) => return owned(format!("Incoming call to {to}")),
        PhonePush => "Contoso: are you trying to sign in?",
        PhonePickNumber => "Tap the number shown on the sign-in screen:",
        Approve => "Approve",
        Deny => "Deny",
        Answered(true) => "Approved",
        Answered(false) => "Denied",
        AppCode => "Authenticator app code",
        Sender => "Contoso",
        About => {
            "This page shows the twostep widget with an in-browser demo backend. Nothing leaves your browser."
        }
        AboutServer => {
            "This page shows the twostep widget talking to twostep's reference server over HTTP. The simulated phone reads the server's development outbox."
        }
        UserPicker => "Demo user",
        UserName(email) => match *email {
            "alex@contoso.example" => "Alex: phones and app",
            "sam@contoso.example" => "Sam: one phone",
            "kim@contoso.example" => "Kim: app only",
            _ => "User",
        },
        SessionFailed(why) => {
            return owned(format!("The demo could not start a verification: {why}."));
        }
    })
}
