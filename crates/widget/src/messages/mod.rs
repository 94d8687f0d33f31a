//! The message catalogue: every string a person sees goes through here.
//!
//! A [`Msg`] names a message and carries the values it needs; [`Msg::text`]
//! renders it in the widget's language, whose [`Catalogue`] the widget
//! provides as context. `render.rs` maps each message to its key in the
//! locale files (`crates/widget/locales/`). Strings from a backend are never
//! catalogue entries: they are shown as plain text where a message says so.

mod render;

use leptos::prelude::*;
use twostep_protocol::{ErrorCode, MethodKind};

use crate::locale::Catalogue;

/// Every message the widget shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    // Frame.
    /// Accessible name of the widget.
    WidgetLabel,
    /// "Time left: 9:42".
    WindowLeft(String),
    /// Announced when the time left reaches a threshold, in seconds.
    WindowAnnounce(u32),
    /// Button and link text: use another option.
    UseDifferentOption,
    /// Link text: none of the options work.
    CantUseAny,
    // Loading and sending.
    /// Loading the challenge.
    LoadingTitle,
    /// Loading, longer text.
    LoadingBody,
    /// Sending with a method (title), by kind.
    SendingTitle(MethodKind),
    /// Sending a code to a target.
    SendingTo(String),
    // Code entry.
    /// Title of the code screen, by kind.
    CodeTitle(MethodKind),
    /// "We texted a code to ••12 at 10:42."
    SentTo {
        /// The kind of method.
        kind: MethodKind,
        /// The masked target.
        target: String,
        /// Local time, "10:42".
        time: String,
    },
    /// For app codes: where to find the code.
    AppCodeHint,
    /// Label of the code field, with the number of digits.
    CodeLabel(u8),
    /// Verify button.
    Verify,
    /// Verify button while checking.
    Verifying,
    /// Resend button, available.
    Resend,
    /// Resend button during the cool-down, with "0:24".
    ResendIn(String),
    /// After a second code in one session (a resend, or a switch to another
    /// method): only the newest code works.
    NewestCodeOnly,
    /// Nudge when nothing arrived, by kind (texts and emails take time
    /// differently), and whether a new code can be sent now or only once the
    /// resend countdown ends.
    NothingArrived(MethodKind, bool),
    /// The "don't ask again on this device" checkbox, with the days offered.
    RememberDevice(u32),
    /// A wrong code, with attempts left if known.
    WrongCode(Option<u32>),
    /// Locked out until a time, with "0:45".
    LockedFor(String),
    /// Lockout over: ask for a new code.
    LockoutOver,
    /// The code expired.
    CodeExpired,
    /// Rate limited, with "1:30".
    RateLimitedFor(String),
    /// Letters or symbols were left out of the code.
    DigitsOnly,
    /// The code is not complete.
    Incomplete(u8),
    // Approval.
    /// Title of the approval screen, by kind.
    ApprovalTitle(MethodKind),
    /// Body of the approval screen, by kind and masked target.
    ApprovalBody(MethodKind, Option<String>),
    /// Label above the number to match, by kind (entered in the app, or
    /// keyed in during the call).
    NumberToMatchLabel(MethodKind),
    /// Accessible text of the number to match, by kind.
    NumberToMatchSpoken(MethodKind, String),
    /// Waiting for the approval.
    WaitingForApproval,
    /// Nudge when an approval gets no answer, by kind (a call needs signal,
    /// a notification the app).
    NoApprovalYet(MethodKind),
    // Picker.
    /// Title of the option list.
    PickerTitle,
    /// One option, by kind, target and label.
    MethodOption(MethodKind, Option<String>, Option<String>),
    /// Marks the option in use.
    CurrentOption,
    /// Only one method is registered.
    NoOtherOptions,
    /// Back to the previous screen.
    Back,
    // Recovery.
    /// Title of the recovery guidance.
    RecoveryTitle,
    /// Use another registered method, if there is one.
    RecoveryOtherMethod,
    /// Ask the administrator to clear the settings, after the advice to use
    /// another registered method ("Otherwise, …").
    RecoveryAskAdmin,
    /// The same, for a user with one method, where there is no "otherwise".
    RecoveryAskAdminOnly,
    /// A lost or stolen phone: more to reset.
    RecoveryLostPhone,
    /// Link to the administrator.
    ContactAdmin,
    /// Link to support.
    ContactSupport,
    /// Link to more help.
    MoreHelp,
    /// When the host configured no contact links.
    NoContactConfigured,
    // Help topics.
    /// Summary of the help section.
    HelpSummary,
    /// Heading: texts or calls not arriving.
    HelpNoTextTitle,
    /// Body: texts or calls not arriving.
    HelpNoTextBody,
    /// Heading: the app works offline.
    HelpOfflineTitle,
    /// Body: the app works offline, for a user who has it.
    HelpOfflineBody,
    /// Body: the app would work offline, for a user who has not set it up.
    HelpOfflineNoApp,
    /// Heading: app passwords.
    HelpAppPasswordsTitle,
    /// Body: app passwords.
    HelpAppPasswordsBody,
    /// Heading: lost phone.
    HelpLostPhoneTitle,
    /// Body: lost phone.
    HelpLostPhoneBody,
    /// Heading: still stuck.
    HelpContactTitle,
    /// Body: still stuck.
    HelpContactBody,
    // Results.
    /// Verified title.
    VerifiedTitle,
    /// Verified body.
    VerifiedBody,
    /// After verifying with an option that is not the default: update the
    /// settings if the usual one no longer works.
    ReminderOtherOption,
    /// Link text to the host's verification settings page.
    ReminderSettingsLink,
    /// After verifying with the only registered option: add a second one.
    ReminderAddSecond,
    /// Failure title, by error code.
    FailureTitle(ErrorCode),
    /// Failure explanation, by error code.
    FailureBody(ErrorCode),
    /// Title when the backend paused a method for a while, by kind (app
    /// notifications after several denials).
    PausedTitle(MethodKind),
    /// Why, until when ("14:12"), and what to do meanwhile, by kind.
    PausedBody(MethodKind, String),
    /// "The service said: …" before a server message.
    ServerSaid,
    /// Try the failed step again.
    TryAgain,
    /// Try again after an approval expired: send a new request.
    SendNewRequest,
    /// Start over after a timeout.
    StartOver,
    // Details panel.
    /// Summary of the details panel.
    ViewDetails,
    /// The description in details asked for when nothing failed.
    NoErrorShown,
    /// Field name.
    FieldUserId,
    /// Field name.
    FieldDescription,
    /// Field name.
    FieldPageUrl,
    /// Field name.
    FieldErrorCode,
    /// Field name.
    FieldSessionId,
    /// Field name.
    FieldCorrelationId,
    /// Field name.
    FieldTimestamp,
    /// Field name.
    FieldServerTimestamp,
    /// Field name.
    FieldVersion,
    /// Field name.
    FieldMethod,
    /// A field with no value.
    NotAvailable,
    /// Copy button.
    CopyDetails,
    /// Copy succeeded.
    Copied,
    /// Copy refused: select the text by hand.
    CopyManually,
    /// Label of the selectable copy of the details.
    DetailsText,
}

/// The widget's language, provided as context by the root component and
/// read by [`Msg::text`].
#[derive(Clone)]
pub struct Language(pub Catalogue);

impl Msg {
    /// The message in the widget's language (English outside a widget).
    pub fn text(&self) -> String {
        match use_context::<Language>() {
            Some(Language(catalogue)) => self.render(&catalogue),
            None => self.render(&Catalogue::english()),
        }
    }
}

/// The tag of the widget's language ("en" outside a widget).
pub fn language_tag() -> &'static str {
    use_context::<Language>().map_or("en", |Language(c)| c.tag())
}

/// Shorthand for `msg.text()`.
pub fn t(msg: Msg) -> String {
    msg.text()
}
