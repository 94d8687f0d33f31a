//! Each message's key in the locale files, and the values it fills in.

use twostep_protocol::{ErrorCode, MethodKind};

use super::Msg;
use crate::locale::Catalogue;
use crate::locale::catalogue::Slot;
use crate::locale::catalogue::slots::*;

/// The slot of a message whose text takes no values.
fn plain_key(msg: &Msg) -> Option<Slot> {
    use MethodKind::{Email, Push, Sms, Totp, Voice};
    use Msg::*;
    Some(match msg {
        WidgetLabel => WIDGET_LABEL,
        UseDifferentOption => USE_DIFFERENT_OPTION,
        CantUseAny => CANT_USE_ANY,
        LoadingTitle => LOADING_TITLE,
        LoadingBody => LOADING_BODY,
        SendingTitle(Voice) => SENDING_TITLE_VOICE,
        SendingTitle(Push) => SENDING_TITLE_PUSH,
        SendingTitle(Totp) => SENDING_TITLE_TOTP,
        SendingTitle(_) => SENDING_TITLE_OTHER,
        CodeTitle(Sms) => CODE_TITLE_SMS,
        CodeTitle(Email) => CODE_TITLE_EMAIL,
        CodeTitle(Totp) => CODE_TITLE_TOTP,
        CodeTitle(_) => CODE_TITLE_OTHER,
        AppCodeHint => APP_CODE_HINT,
        Verify => VERIFY,
        Verifying => VERIFYING,
        Resend => RESEND,
        NewestCodeOnly => NEWEST_CODE_ONLY,
        WrongCode(None) => WRONG_CODE,
        LockoutOver => LOCKOUT_OVER,
        CodeExpired => CODE_EXPIRED,
        DigitsOnly => DIGITS_ONLY,
        ApprovalTitle(Voice) => APPROVAL_TITLE_VOICE,
        ApprovalTitle(_) => APPROVAL_TITLE_OTHER,
        ApprovalBody(Voice, None) => APPROVAL_BODY_VOICE,
        ApprovalBody(_, None) => APPROVAL_BODY_PUSH,
        NumberToMatchLabel(Voice) => NUMBER_LABEL_VOICE,
        NumberToMatchLabel(_) => NUMBER_LABEL_OTHER,
        WaitingForApproval => WAITING_FOR_APPROVAL,
        NoApprovalYet(Voice) => NO_APPROVAL_YET_VOICE,
        NoApprovalYet(_) => NO_APPROVAL_YET_OTHER,
        PickerTitle => PICKER_TITLE,
        MethodOption(Push, _, _) => OPTION_PUSH,
        MethodOption(Totp, _, _) => OPTION_TOTP,
        MethodOption(Sms, None, _) => OPTION_SMS,
        MethodOption(Voice, None, _) => OPTION_VOICE,
        MethodOption(Email, None, _) => OPTION_EMAIL,
        MethodOption(_, None, None) => OPTION_OTHER,
        CurrentOption => CURRENT_OPTION,
        NoOtherOptions => NO_OTHER_OPTIONS,
        Back => BACK,
        RecoveryTitle => RECOVERY_TITLE,
        RecoveryOtherMethod => RECOVERY_OTHER_METHOD,
        RecoveryAskAdmin => RECOVERY_ASK_ADMIN,
        RecoveryAskAdminOnly => RECOVERY_ASK_ADMIN_ONLY,
        RecoveryLostPhone => RECOVERY_LOST_PHONE,
        ContactAdmin => CONTACT_ADMIN,
        ContactSupport => CONTACT_SUPPORT,
        MoreHelp => MORE_HELP,
        NoContactConfigured => NO_CONTACT_CONFIGURED,
        HelpSummary => HELP_SUMMARY,
        HelpNoTextTitle => HELP_NO_TEXT_TITLE,
        HelpNoTextBody => HELP_NO_TEXT_BODY,
        HelpOfflineTitle => HELP_OFFLINE_TITLE,
        HelpOfflineBody => HELP_OFFLINE_BODY,
        HelpOfflineNoApp => HELP_OFFLINE_NO_APP,
        HelpAppPasswordsTitle => HELP_APP_PASSWORDS_TITLE,
        HelpAppPasswordsBody => HELP_APP_PASSWORDS_BODY,
        HelpLostPhoneTitle => HELP_LOST_PHONE_TITLE,
        HelpLostPhoneBody => HELP_LOST_PHONE_BODY,
        HelpContactTitle => HELP_CONTACT_TITLE,
        HelpContactBody => HELP_CONTACT_BODY,
        VerifiedTitle => VERIFIED_TITLE,
        VerifiedBody => VERIFIED_BODY,
        ReminderOtherOption => REMINDER_OTHER_OPTION,
        ReminderSettingsLink => REMINDER_SETTINGS_LINK,
        ReminderAddSecond => REMINDER_ADD_SECOND,
        FailureTitle(code) => match code {
            ErrorCode::SessionExpired => FAILURE_TITLE_SESSION_EXPIRED,
            ErrorCode::Denied => FAILURE_TITLE_DENIED,
            ErrorCode::Expired => FAILURE_TITLE_EXPIRED,
            ErrorCode::Network => FAILURE_TITLE_NETWORK,
            ErrorCode::Timeout => FAILURE_TITLE_TIMEOUT,
            ErrorCode::BadResponse => FAILURE_TITLE_BAD_RESPONSE,
            ErrorCode::MethodUnavailable => FAILURE_TITLE_METHOD_UNAVAILABLE,
            ErrorCode::RateLimited | ErrorCode::TooManyAttempts => FAILURE_TITLE_RATE_LIMITED,
            ErrorCode::InvalidCode => FAILURE_TITLE_INVALID_CODE,
            ErrorCode::Internal
            | ErrorCode::BadRequest
            | ErrorCode::Unauthorized
            | ErrorCode::Unknown => FAILURE_TITLE_OTHER,
        },
        FailureBody(code) => match code {
            ErrorCode::SessionExpired => FAILURE_BODY_SESSION_EXPIRED,
            ErrorCode::Denied => FAILURE_BODY_DENIED,
            ErrorCode::Expired => FAILURE_BODY_EXPIRED,
            ErrorCode::Network => FAILURE_BODY_NETWORK,
            ErrorCode::Timeout => FAILURE_BODY_TIMEOUT,
            ErrorCode::MethodUnavailable => FAILURE_BODY_METHOD_UNAVAILABLE,
            ErrorCode::RateLimited | ErrorCode::TooManyAttempts => FAILURE_BODY_RATE_LIMITED,
            ErrorCode::InvalidCode => FAILURE_BODY_INVALID_CODE,
            ErrorCode::BadResponse
            | ErrorCode::Internal
            | ErrorCode::BadRequest
            | ErrorCode::Unauthorized
            | ErrorCode::Unknown => FAILURE_BODY_OTHER,
        },
        PausedTitle(Push) => PAUSED_TITLE_PUSH,
        PausedTitle(_) => PAUSED_TITLE_OTHER,
        ServerSaid => SERVER_SAID,
        TryAgain => TRY_AGAIN,
        SendNewRequest => SEND_NEW_REQUEST,
        StartOver => START_OVER,
        ViewDetails => VIEW_DETAILS,
        NoErrorShown => NO_ERROR_SHOWN,
        FieldUserId => FIELD_USER_ID,
        FieldDescription => FIELD_DESCRIPTION,
        FieldPageUrl => FIELD_PAGE_URL,
        FieldErrorCode => FIELD_ERROR_CODE,
        FieldSessionId => FIELD_SESSION_ID,
        FieldCorrelationId => FIELD_CORRELATION_ID,
        FieldTimestamp => FIELD_TIMESTAMP,
        FieldServerTimestamp => FIELD_SERVER_TIMESTAMP,
        FieldVersion => FIELD_VERSION,
        FieldMethod => FIELD_METHOD,
        NotAvailable => NOT_AVAILABLE,
        CopyDetails => COPY_DETAILS,
        Copied => COPIED,
        CopyManually => COPY_MANUALLY,
        DetailsText => DETAILS_TEXT,
        _ => return None,
    })
}

impl Msg {
    /// The message in `c`'s language.
    pub fn render(&self, c: &Catalogue) -> String {
        use MethodKind::{Email, Sms, Voice};
        use Msg::*;
        if let Some(key) = plain_key(self) {
            return c.fill(key, &[]);
        }
        let (key, values): (Slot, &[(&str, &str)]) = match self {
            WindowLeft(t) => (WINDOW_LEFT, &[("time", t)]),
            WindowAnnounce(secs) if *secs >= 60 => {
                return c.plural(WINDOW_ANNOUNCE_MINUTES, secs / 60);
            }
            WindowAnnounce(secs) => return c.plural(WINDOW_ANNOUNCE_SECONDS, *secs),
            SendingTo(t) => (SENDING_TO, &[("target", t)]),
            SentTo { kind, target, time } => {
                let key = match kind {
                    Sms => SENT_TO_SMS,
                    Email => SENT_TO_EMAIL,
                    _ => SENT_TO_OTHER,
                };
                return c.fill(key, &[("target", target), ("time", time)]);
            }
            CodeLabel(n) | Incomplete(n) => {
                let key = if matches!(self, CodeLabel(_)) {
                    CODE_LABEL
                } else {
                    INCOMPLETE
                };
                return c.fill(key, &[("digits", &n.to_string())]);
            }
            ResendIn(t) => (RESEND_IN, &[("time", t)]),
            NothingArrived(kind, can_resend) => {
                let wait = match kind {
                    Sms => NOTHING_ARRIVED_SMS,
                    Email => NOTHING_ARRIVED_EMAIL,
                    _ => NOTHING_ARRIVED_OTHER,
                };
                let next = if *can_resend {
                    NOTHING_ARRIVED_NEXT_RESEND
                } else {
                    NOTHING_ARRIVED_NEXT_WAIT
                };
                return format!("{} {}", c.fill(wait, &[]), c.fill(next, &[]));
            }
            RememberDevice(days) => return c.plural(REMEMBER_DEVICE, *days),
            WrongCode(n) => return c.plural(WRONG_CODE_LEFT, n.unwrap_or_default()),
            LockedFor(t) => (LOCKED_FOR, &[("time", t)]),
            RateLimitedFor(t) => (RATE_LIMITED_FOR, &[("time", t)]),
            ApprovalBody(kind, Some(t)) => {
                let key = if *kind == Voice {
                    APPROVAL_BODY_VOICE_TO
                } else {
                    APPROVAL_BODY_PUSH_TO
                };
                return c.fill(key, &[("target", t)]);
            }
            NumberToMatchSpoken(kind, n) => {
                let key = if *kind == Voice {
                    NUMBER_SPOKEN_VOICE
                } else {
                    NUMBER_SPOKEN_OTHER
                };
                return c.fill(key, &[("number", n)]);
            }
            MethodOption(kind, Some(t), label) => {
                let key = match (kind, label) {
                    (MethodKind::Other, Some(l)) => {
                        return c.fill(OPTION_LABELLED_TO, &[("label", l), ("target", t)]);
                    }
                    (Sms, _) => OPTION_SMS_TO,
                    (Voice, _) => OPTION_VOICE_TO,
                    (Email, _) => OPTION_EMAIL_TO,
                    _ => OPTION_OTHER_TO,
                };
                return c.fill(key, &[("target", t)]);
            }
            // A method the backend names, with no target: its own label.
            MethodOption(_, None, Some(l)) => return l.clone(),
            PausedBody(kind, t) => {
                let key = if *kind == MethodKind::Push {
                    PAUSED_BODY_PUSH
                } else {
                    PAUSED_BODY_OTHER
                };
                return c.fill(key, &[("time", t)]);
            }
            _ => return String::new(),
        };
        c.fill(key, values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(msg: &Msg) -> String {
        msg.render(&Catalogue::english())
    }

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

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn english_counts_tries_and_announces_minutes_and_seconds() {
        let en = Catalogue::english();
        assert_eq!(
            Msg::WrongCode(Some(1)).render(&en),
            "That code didn't work. You have 1 try left."
        );
        assert_eq!(
            Msg::WrongCode(Some(3)).render(&en),
            "That code didn't work. You have 3 tries left."
        );
        assert_eq!(
            Msg::WindowAnnounce(120).render(&en),
            "2 minutes left to verify"
        );
        assert_eq!(
            Msg::WindowAnnounce(60).render(&en),
            "1 minute left to verify"
        );
        assert_eq!(
            Msg::WindowAnnounce(30).render(&en),
            "30 seconds left to verify"
        );
        assert_eq!(
            Msg::MethodOption(MethodKind::Other, Some("•12".into()), Some("Key".into()))
                .render(&en),
            "Key (•12)"
        );
        assert_eq!(
            Msg::MethodOption(MethodKind::Voice, Some("•12".into()), None).render(&en),
            "Call •12"
        );
        assert_eq!(
            Msg::FailureTitle(ErrorCode::TooManyAttempts).render(&en),
            "Too many attempts"
        );
    }
}
