//! The host's contact and support links.

use leptos::prelude::*;

use super::context::WidgetContext;
use crate::format::safe_link;
use crate::messages::{Msg, t};

/// The configured links that are safe to show (`https:`, `http:`, `mailto:`),
/// or a plain sentence when there are none.
#[component]
pub fn ContactLinks(ui: WidgetContext) -> impl IntoView {
    move || links(ui)
}

fn links(ui: WidgetContext) -> AnyView {
    let links = ui.links.get();
    let items: Vec<(String, Msg)> = [
        (links.admin, Msg::ContactAdmin),
        (links.support, Msg::ContactSupport),
        (links.help, Msg::MoreHelp),
    ]
    .into_iter()
    .filter_map(|(url, msg)| Some((safe_link(url.as_deref()?)?.to_string(), msg)))
    .collect();
    if items.is_empty() {
        return view! { <p class="ts-note">{t(Msg::NoContactConfigured)}</p> }.into_any();
    }
    let items = items
        .into_iter()
        .map(|(href, msg)| {
            let external = !href.starts_with("mailto:");
            view! {
                <li>
                    <a
                        class="ts-contact-link" part="contact-link"
                        href=href
                        target=external.then_some("_blank")
                        rel=external.then_some("noopener noreferrer")
                    >
                        {t(msg)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="ts-contact">{items}</ul> }.into_any()
}
