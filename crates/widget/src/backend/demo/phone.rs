//! The simulated phone: what the demo server "delivered", for the demo page.

use std::cell::RefCell;
use std::rc::Rc;

use super::State;

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

/// A handle on the simulated phone of one [`super::DemoBackend`].
#[derive(Clone)]
pub struct DemoPhone {
    state: Rc<RefCell<State>>,
}

impl DemoPhone {
    pub(super) fn new(state: Rc<RefCell<State>>) -> Self {
        DemoPhone { state }
    }

    /// Everything delivered so far, oldest first.
    pub fn messages(&self) -> Vec<PhoneMessage> {
        self.state.borrow().phone.clone()
    }

    /// The code of the newest text, if a text arrived.
    pub fn newest_code(&self) -> Option<String> {
        self.state
            .borrow()
            .phone
            .iter()
            .rev()
            .find_map(|m| match &m.kind {
                PhoneKind::Text { code, .. } => Some(code.clone()),
                _ => None,
            })
    }

    /// Calls `f` whenever a message arrives or is answered.
    pub fn subscribe(&self, f: impl Fn() + 'static) {
        self.state.borrow_mut().listeners.push(Rc::new(f));
    }

    /// Answers the pending call or push. With number matching, `number` must be
    /// the one the sign-in screen shows, or the answer counts as a denial.
    pub fn answer(&self, approve: bool, number: Option<&str>) {
        let listeners = {
            let mut s = self.state.borrow_mut();
            s.answer(approve, number);
            s.listeners.clone()
        };
        for l in listeners {
            l();
        }
    }

    /// The code the authenticator app shows now.
    pub fn app_code(&self) -> String {
        let s = self.state.borrow();
        s.app_code(s.now())
    }

    /// Two wrong numbers and the right one, in a fixed shuffled order, for the
    /// number-matching prompt on the phone.
    pub fn number_choices(right: &str) -> Vec<String> {
        let n: u32 = right.parse().unwrap_or(0);
        let a = format!("{:02}", (n + 37) % 100);
        let b = format!("{:02}", (n + 71) % 100);
        match n % 3 {
            0 => vec![right.to_string(), a, b],
            1 => vec![a, right.to_string(), b],
            _ => vec![a, b, right.to_string()],
        }
    }
}
