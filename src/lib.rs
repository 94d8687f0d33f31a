//! The twostep drop-in bundle. Loaded by the demo page (`index.html`), it
//! renders a believable login page that hands over to the widget after a fake
//! password step, with the in-browser demo backend and a simulated phone.

mod demo;

use wasm_bindgen::prelude::*;

/// Entry point run by wasm-bindgen when the module loads: mounts the demo page
/// into `#app` when the page has one.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let app = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    if let Some(app) = app {
        use wasm_bindgen::JsCast;
        if let Ok(app) = app.dyn_into::<web_sys::HtmlElement>() {
            leptos::mount::mount_to(app, demo::DemoApp).forget();
        }
    }
}
