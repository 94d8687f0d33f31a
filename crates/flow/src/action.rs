//! The way forward the failure and timeout screens offer.

use crate::event::Event;
use crate::state::{Flow, Phase};

/// The one main action after a failure or a time-out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrimaryAction {
    /// Try the failed step again.
    TryAgain,
    /// Use another option: the backend paused the method (see
    /// [`crate::Retry::Paused`]), so the flow opens the list of options (or
    /// the recovery guidance) instead of trying it again.
    UseAnotherOption,
    /// Start a new verification: the window ran out.
    StartOver,
}

impl PrimaryAction {
    /// The event the action sends to the flow.
    pub fn event(self) -> Event {
        match self {
            PrimaryAction::TryAgain | PrimaryAction::UseAnotherOption => Event::Retry,
            PrimaryAction::StartOver => Event::Restart,
        }
    }
}

impl Flow {
    /// The main action of the failure and timeout screens; `None` elsewhere.
    pub fn primary_action(&self) -> Option<PrimaryAction> {
        match &self.phase {
            Phase::TimedOut(_) => Some(PrimaryAction::StartOver),
            Phase::Failed { .. } if self.paused_until().is_some() => {
                Some(PrimaryAction::UseAnotherOption)
            }
            Phase::Failed { .. } => Some(PrimaryAction::TryAgain),
            _ => None,
        }
    }

    /// True when the failure screen offers "Use a different verification
    /// option" beside its main action: after a failure (not a time-out), when
    /// the user has another method, and unless the main action already leads
    /// to another option.
    pub fn failure_offers_other_option(&self) -> bool {
        self.primary_action() == Some(PrimaryAction::TryAgain) && self.has_other_methods()
    }
}
