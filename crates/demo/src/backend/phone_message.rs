//! What the demo server delivers to the simulated phone.

/// What arrived on the phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    /// A text carrying a code.
    Text {
        /// The masked number it went to.
        to: String,
        /// The code.
        code: String,
    },
    /// A call to approve by answering.
    Call {
        /// The masked number called.
        to: String,
    },
    /// A notification in the authenticator app.
    Push {
        /// The number the sign-in screen shows, with number matching.
        number: Option<String>,
    },
}

/// One delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneMessage {
    /// When it arrived (Unix ms).
    pub at: u64,
    /// What it is.
    pub kind: PhoneKind,
    /// For calls and pushes: approved (`true`) or denied, once answered.
    pub answer: Option<bool>,
}
