//! What to remind a user of once they have verified.

/// Advice for after a verification, from the article behind the widget: a
/// user who had to use another option should check their settings, and a
/// user with only one option should add a second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// They verified with an option that is not their default: if the usual
    /// one no longer works, they should update their verification settings.
    OtherOption,
    /// They have only one option: losing it would lock them out.
    AddSecond,
}

impl Reminder {
    /// The name hosts see in the `verified` event: `other-option`,
    /// `add-second`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reminder::OtherOption => "other-option",
            Reminder::AddSecond => "add-second",
        }
    }
}
