//! What the screens need besides the flow's state.

use leptos::prelude::*;

use crate::options::{ContactLinks, HelpTopic};

/// The host's live settings and the widget's id prefix, shared by the
/// screens. It is `Copy`, like the [`crate::driver::Controller`].
#[derive(Clone, Copy)]
pub(crate) struct WidgetContext {
    /// The contact and support links.
    pub(crate) links: RwSignal<ContactLinks>,
    /// The "Having trouble?" topics.
    pub(crate) topics: RwSignal<Vec<HelpTopic>>,
    /// A number unique to this widget, so that several widgets on one page
    /// never share element ids.
    pub(crate) uid: u32,
}

impl WidgetContext {
    /// An element id unique to this widget.
    pub(crate) fn id(self, name: &str) -> String {
        format!("ts{}-{name}", self.uid)
    }
}
