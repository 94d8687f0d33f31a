//! One delivery on the simulated phone, whichever backend made it: what the
//! phone panel lists, from the in-browser demo backend here or from the
//! reference server's outbox (`server.rs`).

use twostep_widget::browser::clock_time;

use crate::backend::{DemoPhone, PhoneKind};

/// What kind of delivery an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A text with a code.
    Text,
    /// A phone call.
    Call,
    /// An app notification.
    Push,
}

/// One delivery, whichever backend made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Unique within the list.
    pub key: String,
    /// Local clock time, "10:42".
    pub time: String,
    /// What it is.
    pub kind: ItemKind,
    /// The masked number it went to.
    pub to: String,
    /// The code, for texts.
    pub code: Option<String>,
    /// The number to match, for calls and pushes with number matching.
    pub number: Option<String>,
    /// Approved or denied, once answered.
    pub answer: Option<bool>,
}

/// The deliveries of the in-browser demo backend's phone, oldest first.
pub fn in_browser_items(phone: &DemoPhone) -> Vec<Item> {
    phone
        .messages()
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let (kind, to, code, number) = match m.kind {
                PhoneKind::Text { to, code } => (ItemKind::Text, to, Some(code), None),
                PhoneKind::Call { to } => (ItemKind::Call, to, None, None),
                PhoneKind::Push { number } => (ItemKind::Push, String::new(), None, number),
            };
            Item {
                key: i.to_string(),
                time: clock_time(m.at, "en"),
                kind,
                to,
                code,
                number,
                answer: m.answer,
            }
        })
        .collect()
}
