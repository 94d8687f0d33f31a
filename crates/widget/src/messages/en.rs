//! English.

use std::borrow::Cow;

use twostep_protocol::{ErrorCode, MethodKind};

use super::Msg;

fn owned(s: String) -> Cow<'static, str> {
    Cow::Owned(s)
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The English text of `msg`.
pub(super) fn text(msg: &Msg) -> Cow<'static, str> {
    use Msg::*;
    Cow::Borrowed(match msg {
        WidgetLabel => "Two-step verification",
        WindowLeft(t) => return owned(format!("Time left to verify: {t}")),
        UseDifferentOption => "Use a different verification option",
        CantUseAny => "I can't use any of these options",
        LoadingTitle => "Getting your verification options",
        LoadingBody => "One moment…",
        SendingTitle(kind) => match kind {
            MethodKind::Voice => "Calling your phone…",
            MethodKind::Push => "Sending a notification to your app…",
            MethodKind::Totp => "Getting ready for your app code…",
            _ => "Sending your code…",
        },
        SendingTo(target) => return owned(format!("Sending to {target}")),
        CodeTitle(kind) => match kind {
            MethodKind::Sms => "Enter the code we texted you",
            MethodKind::Email => "Enter the code we emailed you",
            MethodKind::Totp => "Enter the code from your authenticator app",
            _ => "Enter your verification code",
        },
        SentTo { kind, target, time } => {
            let how = match kind {
                MethodKind::Sms => "texted",
                MethodKind::Email => "emailed",
                _ => "sent",
            };
            return owned(format!("We {how} a code to {target} at {time}."));
        }
        AppCodeHint => {
            "Open your authenticator app and type the code it shows for this account. The app needs no signal or internet connection."
        }
        CodeLabel(n) => return owned(format!("{n}-digit code")),
        Verify => "Verify",
        Verifying => "Checking…",
        Resend => "Send a new code",
        ResendIn(t) => return owned(format!("Send a new code in {t}")),
        NewestCodeOnly => {
            "We sent you a new code. If several codes arrive, only the newest one works."
        }
        NothingArrived(kind, can_resend) => {
            let wait = match kind {
                MethodKind::Sms => {
                    "Nothing yet? Texts can take a few minutes when the signal is weak."
                }
                MethodKind::Email => {
                    "Nothing yet? Emails can take a few minutes. Check your spam or junk folder too."
                }
                _ => "Nothing yet? It can take a few minutes.",
            };
            let next = if *can_resend {
                "You can send a new code or verify another way."
            } else {
                "You can verify another way now, or send a new code once the countdown ends."
            };
            return owned(format!("{wait} {next}"));
        }
        RememberDevice(days) => {
            return owned(format!(
                "Don't ask again on this device for {}",
                plural(*days, "day", "days")
            ));
        }
        WrongCode(None) => "That code didn't work. Check it and try again.",
        WrongCode(Some(n)) => {
            return owned(format!(
                "That code didn't work. You have {} left.",
                plural(*n, "try", "tries")
            ));
        }
        LockedFor(t) => {
            return owned(format!(
                "Too many wrong codes. You can try again in {t}, or verify another way."
            ));
        }
        LockoutOver => "You can try again now. Send yourself a new code first.",
        CodeExpired => "That code has expired. Send yourself a new one.",
        RateLimitedFor(t) => {
            return owned(format!(
                "You've asked for many codes. You can ask again in {t}."
            ));
        }
        DigitsOnly => "Codes are made of digits only; we left out the other characters.",
        Incomplete(n) => return owned(format!("Enter all {n} digits of the code.")),
        ApprovalTitle(kind) => match kind {
            MethodKind::Voice => "Answer the call to sign in",
            _ => "Approve the sign-in on your app",
        },
        ApprovalBody(kind, target) => {
            return owned(match (kind, target) {
                // The call says what to do: key in the number on screen, or
                // press a key where the backend matches no number.
                (MethodKind::Voice, Some(t)) => {
                    format!("We're calling {t}. Answer and follow the call's instructions.")
                }
                (MethodKind::Voice, None) => {
                    "We're calling your phone. Answer and follow the call's instructions.".into()
                }
                (_, Some(t)) => format!("We sent a sign-in request to {t}. Open it and approve."),
                (_, None) => {
                    "We sent a sign-in request to your authenticator app. Open it and approve."
                        .into()
                }
            });
        }
        NumberToMatchLabel(MethodKind::Voice) => "Key in this number when the call asks:",
        NumberToMatchLabel(_) => "Enter this number in the app:",
        NumberToMatchSpoken(MethodKind::Voice, n) => {
            return owned(format!("Number to key in on the call: {n}"));
        }
        NumberToMatchSpoken(_, n) => return owned(format!("Number to enter in the app: {n}")),
        WaitingForApproval => "Waiting for your approval…",
        NoApprovalYet(MethodKind::Voice) => {
            "No call yet? Check that your phone has signal and doesn't block calls from unknown numbers, or verify another way."
        }
        NoApprovalYet(_) => {
            "Nothing on your phone? Check that it's online and the app is up to date, or verify another way."
        }
        PickerTitle => "Choose another way to verify",
        MethodOption(kind, target, label) => {
            let t = target.as_deref().unwrap_or("");
            return owned(match kind {
                MethodKind::Sms if !t.is_empty() => format!("Text a code to {t}"),
                MethodKind::Sms => "Text me a code".into(),
                MethodKind::Voice if !t.is_empty() => format!("Call {t}"),
                MethodKind::Voice => "Call my phone".into(),
                MethodKind::Push => "Approve a request on my authenticator app".into(),
                MethodKind::Totp => "Use a code from my authenticator app".into(),
                MethodKind::Email if !t.is_empty() => format!("Email a code to {t}"),
                MethodKind::Email => "Email me a code".into(),
                MethodKind::Other => match (label, target) {
                    (Some(l), Some(t)) => format!("{l} ({t})"),
                    (Some(l), None) => l.clone(),
                    (None, Some(t)) => format!("Another method ({t})"),
                    (None, None) => "Another method".into(),
                },
            });
        }
        CurrentOption => "(in use)",
        NoOtherOptions => "This is the only verification option on your account.",
        Back => "Back",
        RecoveryTitle => "Can't use any of your options?",
        RecoveryOtherMethod => {
            "If you registered a second phone or the authenticator app on another device, go back and choose it."
        }
        RecoveryAskAdmin => {
            "Otherwise, ask your administrator to clear your verification settings. The next time you sign in, you'll set up two-step verification again."
        }
        RecoveryAskAdminOnly => {
            "Ask your administrator to clear your verification settings. The next time you sign in, you'll set up two-step verification again."
        }
        RecoveryLostPhone => {
            "If your phone was lost or stolen, also ask them to reset your app passwords and forget the devices you chose to remember."
        }
        ContactAdmin => "Contact your administrator",
        ContactSupport => "Contact support",
        MoreHelp => "More help",
        NoContactConfigured => "Contact your IT help desk or whoever set up your account.",
        HelpSummary => "Having trouble?",
        HelpNoTextTitle => "No text or call?",
        HelpNoTextBody => {
            "Texts and calls need mobile signal: check your phone has it, that your plan includes texts, and that it doesn't block unknown numbers. Either can take a few minutes; if you asked for several codes, use the newest. If texts used to arrive and then stopped, the cause is most likely your mobile provider, not your account: ask them. You can also verify another way."
        }
        HelpOfflineTitle => "Bad signal where you are?",
        HelpOfflineBody => {
            "The authenticator app makes codes on the phone itself, so it works with no signal and no internet connection."
        }
        HelpOfflineNoApp => {
            "An authenticator app makes codes on the phone itself, with no signal or internet connection. Your account has none yet: after you sign in, you can add one in your verification settings."
        }
        HelpAppPasswordsTitle => "App password rejected?",
        HelpAppPasswordsBody => {
            "Check you typed the app password exactly. If it still fails, create a new one after you sign in, or ask your administrator to remove the old ones."
        }
        HelpLostPhoneTitle => "Lost your phone?",
        HelpLostPhoneBody => {
            "Use another registered phone or the authenticator app on another device, or ask your administrator to clear your settings. If the phone was lost or stolen, also ask them to reset your app passwords and forget the devices you chose to remember."
        }
        HelpContactTitle => "Still stuck?",
        HelpContactBody => {
            "Your administrator or support team can help. When you write to them, say what happened and include the details: open View details below, then Copy details."
        }
        VerifiedTitle => "You're verified",
        VerifiedBody => "Signing you in…",
        FailureTitle(code) => match code {
            ErrorCode::SessionExpired => "You didn't verify in time",
            ErrorCode::Denied => "The sign-in request was denied",
            ErrorCode::Expired => "The request expired",
            ErrorCode::Network => "We couldn't reach the sign-in service",
            ErrorCode::Timeout => "The sign-in service is taking too long",
            ErrorCode::BadResponse => "The sign-in service sent an answer we can't read",
            ErrorCode::MethodUnavailable => "This option isn't available right now",
            ErrorCode::RateLimited | ErrorCode::TooManyAttempts => "Too many attempts",
            ErrorCode::InvalidCode => "That code didn't work",
            ErrorCode::Internal
            | ErrorCode::BadRequest
            | ErrorCode::Unauthorized
            | ErrorCode::Unknown => "Something went wrong",
        },
        FailureBody(code) => match code {
            ErrorCode::SessionExpired => {
                "For your security, a sign-in has to be verified within a few minutes. Start over to get a new request."
            }
            ErrorCode::Denied => {
                "The request was turned down on your device. If that wasn't you, someone may know your password: change it, and tell your administrator."
            }
            ErrorCode::Expired => {
                "Nobody answered the request in time. Send a new one or verify another way."
            }
            ErrorCode::Network => "Check your internet connection, then try again.",
            ErrorCode::Timeout => "No answer arrived in time. Try again in a moment.",
            ErrorCode::BadResponse => {
                "Try again. If it keeps happening, copy the details below for support."
            }
            ErrorCode::MethodUnavailable => "Verify another way, or try again later.",
            ErrorCode::RateLimited | ErrorCode::TooManyAttempts => {
                "Wait a little, then try again, or verify another way."
            }
            ErrorCode::InvalidCode => "Check the code and try again.",
            ErrorCode::Internal
            | ErrorCode::BadRequest
            | ErrorCode::Unauthorized
            | ErrorCode::Unknown => {
                "Try again. If it keeps happening, copy the details below for support."
            }
        },
        PausedTitle(MethodKind::Push) => "App notifications are paused",
        PausedTitle(_) => "This option is paused",
        PausedBody(kind, time) => {
            return owned(if *kind == MethodKind::Push {
                format!(
                    "Several sign-in requests were denied, so we paused them until {time}. Verify another way for now."
                )
            } else {
                format!("You can use it again at {time}. Verify another way for now.")
            });
        }
        ServerSaid => "Message from the sign-in service:",
        TryAgain => "Try again",
        SendNewRequest => "Send a new request",
        StartOver => "Start over",
        ViewDetails => "View details",
        NoErrorShown => "No error was shown; the user opened these details from the help section",
        FieldUserId => "User ID",
        FieldDescription => "Error description",
        FieldPageUrl => "Page URL",
        FieldErrorCode => "Error code",
        FieldSessionId => "Session ID",
        FieldCorrelationId => "Correlation ID",
        FieldTimestamp => "Timestamp",
        FieldServerTimestamp => "Server timestamp",
        FieldVersion => "Widget version",
        FieldMethod => "Method attempted",
        NotAvailable => "not available",
        CopyDetails => "Copy details",
        Copied => "Copied",
        CopyManually => "Your browser blocked copying. Select the text below and copy it.",
        DetailsText => "Details as text",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paused_notifications_say_so_and_until_when() {
        assert_eq!(
            text(&Msg::PausedTitle(MethodKind::Push)),
            "App notifications are paused"
        );
        assert_eq!(
            text(&Msg::PausedBody(MethodKind::Push, "14:12".into())),
            "Several sign-in requests were denied, so we paused them until 14:12. Verify another way for now."
        );
        assert_eq!(
            text(&Msg::PausedTitle(MethodKind::Voice)),
            "This option is paused"
        );
        assert!(text(&Msg::PausedBody(MethodKind::Voice, "14:12".into())).contains("at 14:12"));
    }

    #[test]
    fn the_remember_offer_says_day_or_days() {
        assert_eq!(
            text(&Msg::RememberDevice(1)),
            "Don't ask again on this device for 1 day"
        );
        assert_eq!(
            text(&Msg::RememberDevice(30)),
            "Don't ask again on this device for 30 days"
        );
    }

    #[test]
    fn the_nudge_speaks_of_the_kind_sent_and_offers_a_resend_only_when_the_button_does() {
        let sms = text(&Msg::NothingArrived(MethodKind::Sms, true));
        assert!(sms.contains("Texts can take") && sms.contains("You can send a new code"));
        let email = text(&Msg::NothingArrived(MethodKind::Email, true));
        assert!(email.contains("spam") && !email.contains("Text"));
        let other = text(&Msg::NothingArrived(MethodKind::Other, true));
        assert!(!other.contains("Text") && !other.contains("Email"));
        let waiting = text(&Msg::NothingArrived(MethodKind::Sms, false));
        assert!(!waiting.contains("You can send a new code"));
        assert!(waiting.contains("once the countdown ends"));
    }

    #[test]
    fn a_call_that_does_not_come_gets_call_advice_not_app_advice() {
        let call = text(&Msg::NoApprovalYet(MethodKind::Voice));
        assert!(call.contains("signal") && !call.contains("app"));
        assert!(text(&Msg::NoApprovalYet(MethodKind::Push)).contains("the app is up to date"));
    }

    #[test]
    fn advice_follows_what_the_user_has() {
        assert!(text(&Msg::RecoveryAskAdmin).starts_with("Otherwise, "));
        assert!(text(&Msg::RecoveryAskAdminOnly).starts_with("Ask your administrator"));
        assert!(text(&Msg::HelpOfflineNoApp).contains("none yet"));
        let lost = text(&Msg::HelpLostPhoneBody);
        assert!(lost.contains("app passwords") && lost.contains("devices you chose to remember"));
        let no_text = text(&Msg::HelpNoTextBody);
        assert!(no_text.contains("calls") && no_text.contains("mobile provider"));
    }
}
