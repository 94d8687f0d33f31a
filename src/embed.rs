//! What the embeddable bundle exports to JavaScript.
//!
//! For now one function mounts the widget against an HTTP backend; the full
//! JavaScript API (options, handle, events) builds on it.

use std::rc::Rc;

use leptos::prelude::*;
use twostep_widget::{HttpBackend, HttpOptions, TwoStep, TwoStepOptions};
use wasm_bindgen::prelude::*;

/// Mounts the widget into `element`, talking to the twostep backend at
/// `base_url` (for example `"/"` for the page's own server), for the user the
/// login page names in `user_hint`.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, base_url: String, user_hint: Option<String>) {
    let mut options = TwoStepOptions::new(Rc::new(HttpBackend::new(HttpOptions::new(base_url))));
    options.user_hint = user_hint;
    leptos::mount::mount_to(
        element,
        move || view! { <TwoStep options=options.clone() /> },
    )
    .forget();
}
