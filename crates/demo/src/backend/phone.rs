//! The simulated phone's handle: what the demo server "delivered", for the
//! demo page, and the visitor's answers to calls and notifications.

use std::cell::RefCell;
use std::rc::Rc;

use super::phone_message::{PhoneKind, PhoneMessage};
use super::state::State;

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
