//! The heading of every screen.

use leptos::prelude::*;

/// A screen's heading: the `title` part, and where focus goes when the
/// screen changes (so screen readers announce the new screen).
#[component]
pub fn ScreenTitle(children: Children) -> impl IntoView {
    view! {
        <h2 class="ts-title" part="title" tabindex="-1" data-focus="heading">{children()}</h2>
    }
}
