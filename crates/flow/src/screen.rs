//! Which screen the widget shows for a state.

use crate::state::{CodeEntry, Flow, Overlay, Phase};

/// The screen for a state. The widget rebuilds its components only when this
/// changes, so typing in the code field never rebuilds the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Loading the challenge.
    Loading,
    /// Sending with a method.
    Sending,
    /// Code entry (also while a new code is on its way).
    Code,
    /// Waiting for an approval.
    Approval,
    /// The option list.
    Picker,
    /// Lost phone / no method guidance.
    Recovery,
    /// Verified.
    Verified,
    /// A failure, with details.
    Failed,
    /// The window ran out, with details.
    TimedOut,
}

impl Screen {
    /// True when the "Having trouble?" section belongs under this screen.
    pub fn shows_help(self) -> bool {
        !matches!(self, Screen::Verified | Screen::Recovery | Screen::Loading)
    }
}

impl Flow {
    /// The screen to show now.
    pub fn screen(&self) -> Screen {
        match self.overlay {
            Some(Overlay::Picker) => return Screen::Picker,
            Some(Overlay::Recovery) => return Screen::Recovery,
            None => {}
        }
        match &self.phase {
            Phase::Loading => Screen::Loading,
            Phase::Sending {
                previous: Some(_), ..
            } => Screen::Code,
            Phase::Sending { .. } => Screen::Sending,
            Phase::Code(_) => Screen::Code,
            Phase::Approval(_) => Screen::Approval,
            Phase::Verified { .. } => Screen::Verified,
            Phase::Failed { .. } => Screen::Failed,
            Phase::TimedOut(_) => Screen::TimedOut,
        }
    }

    /// The code entry on screen: the current one, or the one a resend came
    /// from (the code screen stays while a new code is on its way).
    pub fn code_entry(&self) -> Option<&CodeEntry> {
        match &self.phase {
            Phase::Code(c) => Some(c),
            Phase::Sending {
                previous: Some(c), ..
            } => Some(c),
            _ => None,
        }
    }
}
