//! What the embeddable bundle exports to JavaScript.
//!
//! One function, [`mount_widget`], mounts the widget with options that the
//! bundle's JavaScript API (`js/`) has already validated and normalised, and
//! returns a [`Mounted`] handle. The public API (`mount()`, the handle, the
//! `<twostep-verify>` element, events) lives in JavaScript, where a web team
//! calls it; this side only reads the normalised options and reports events.

mod config;
mod events;

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use twostep_widget::{ContactLinks, HelpTopic, TwoStep};
use wasm_bindgen::prelude::*;

/// The settings a running widget can take without starting again.
#[derive(Clone, Copy)]
struct Live {
    links: RwSignal<ContactLinks>,
    topics: RwSignal<Vec<HelpTopic>>,
}

/// One mounted widget. JavaScript holds it and calls [`Mounted::update`] and
/// [`Mounted::unmount`].
#[wasm_bindgen]
pub struct Mounted {
    /// Dropping it unmounts the view and disposes its reactive owner, which
    /// stops the widget's timers and polls.
    view: Box<dyn Any>,
    live: Rc<Cell<Option<Live>>>,
}

#[wasm_bindgen]
impl Mounted {
    /// Applies the live settings of `config` (links, help topics, locale).
    pub fn update(&self, config: &JsValue) {
        if let Some(live) = self.live.get() {
            live.links.try_set(config::links(config));
            live.topics.try_set(config::help_topics(config));
        }
    }

    /// Removes the widget with every listener, timer and poll it started.
    pub fn unmount(self) {
        drop(self.view);
    }
}

/// Mounts the widget into `target` with the normalised options in `config`,
/// and calls `notify(name, detail)` for each host event.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    target: web_sys::HtmlElement,
    config: JsValue,
    notify: js_sys::Function,
) -> Mounted {
    let live = Rc::new(Cell::new(None));
    let slot = live.clone();
    let view = leptos::mount::mount_to(target, move || {
        let mut options = config::options(&config);
        slot.set(Some(Live {
            links: options.links,
            topics: options.help_topics,
        }));
        options.on_event = Some(events::notifier(notify, options.language.tag()));
        view! { <TwoStep options=options /> }
    });
    Mounted {
        view: Box::new(view),
        live,
    }
}
